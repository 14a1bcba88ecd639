"""Text made ready to set: where a line may not break, marked once for every view.

A typesetter never breaks a date ("30 July / 2023"), a document symbol
("A/RES/ / 68/192"), a phone number, a short group in brackets ("(EE. / UU.)"),
a web address, or a compound word at its hyphen ("at- / risk"); it keeps a word
of one letter with the next, and a short last word with the one before it ("learn /
more" alone on a line reads as an afterthought). Qt breaks lines by the Unicode
line-breaking rules (UAX #14), which allow all of these. ``typeset`` marks them in
the text itself, so every label breaks the same way whatever draws it: a space
inside them becomes a no-break space (U+00A0) and a word joiner (U+2060, zero
width) follows each slash, hyphen or other mark after which a line could
otherwise break.

Every text a visitor reads goes through ``typeset`` (``kiosk.ui.widgets.label``);
``plain`` gives back the text as written. Pure Python: no Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

NO_BREAK_SPACE = "\u00a0"
WORD_JOINER = "\u2060"

# A parenthesised group this short stays on one line: "(EE. UU.)", "(May 2022)".
SHORT_GROUP_CHARS = 24
SHORT_GROUP_WORDS = 3
# The last word of a text this short or shorter is kept with the word before it.
WIDOW_CHARS = 5

_SPACE = r"[ \u00a0]"
# A web address: a scheme, "www.", or a domain followed by a path.
_URL = re.compile(
    r"(?:[a-z][a-z0-9+.-]*://|www\.)[^\s]+|\b[\w-]+(?:\.[\w-]+)+/[^\s]*", re.IGNORECASE
)
# A document symbol or a number written with slashes: A/RES/68/192, GA/SHC/4090, 24/7.
_SYMBOL = re.compile(r"[\w.]+(?:/[\w.]+)+")
# A hyphen or dash between two letters or digits: at-risk, 1-888-373-7888, 2014–2016.
_INNER_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011\u2013](?=\w)")
# Groups of digits set apart by single spaces: 08000 121 700, 900 10 50 90, 225 000.
_DIGIT_GROUPS = re.compile(r"\+?\d+(?:" + _SPACE + r"\d+)+")
# A figure and its unit: 41 %, 24 h.
_FIGURE_UNIT = re.compile(r"(?<=\d) (?=(?:%|‰|°|h|km|kg|€|\$)(?!\w))")
# Initials written with points and spaces: EE. UU.
_INITIALS = re.compile(r"\b[A-Z]{1,3}\.(?: [A-Z]{1,3}\.)+")
_ONE_LETTER = re.compile(r"(?<![\w\u2060.-])([^\W\d_]) (?=\w)")
_SHORT_GROUP = re.compile(r"\([^()\n]{1," + str(SHORT_GROUP_CHARS) + r"}\)")
# Where a line may break after a character inside an address.
_URL_MARKS = re.compile(r"([/\-.?&=_~:#%+])")


# Where the names of the months come from: a function of the language giving every
# form of every month's name in it. Babel's CLDR data by default; the screen passes
# Qt's (``kiosk.ui.widgets.label``), the same CLDR names, which Qt has already
# loaded, where Babel would cost some 30 ms on the way to the first slide.
MonthNames = Callable[[str], Iterable[str]]


def babel_month_names(language: str) -> Iterable[str]:
    """Month names and abbreviations in ``language``, from Babel."""
    from babel.dates import get_month_names

    from kiosk.translation import _babel_locale

    locale = _babel_locale(language)
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            yield from get_month_names(width, context, locale).values()


@cache
def _month_names(language: str, source: MonthNames) -> tuple[str, ...]:
    """Month names and abbreviations in ``language`` and in English, longest first."""
    names = {*source(language), *source("en")}
    return tuple(sorted((n.rstrip(".") for n in names if n), key=len, reverse=True))


@cache
def _dates(language: str, source: MonthNames) -> re.Pattern[str]:
    """Dates as people write them: 30 July 2023, 30 de julio de 2023, Jul 30, 2010,
    Mar 2007, mayo de 2022."""
    month = "(?:" + "|".join(re.escape(n) for n in _month_names(language, source)) + r")\.?"
    day = r"\d{1,2}\.?"
    year = r"\d{4}"
    of = r"(?:de|del)" + _SPACE
    patterns = [
        rf"{day}{_SPACE}(?:{of})?{month}(?:,?{_SPACE}(?:{of})?{year})?",
        rf"{month}{_SPACE}{day},?{_SPACE}{year}",
        rf"{month}{_SPACE}(?:{of})?{year}",
        rf"{month}{_SPACE}{day}(?!\d)",
    ]
    return re.compile(
        r"(?<![\w])(?:" + "|".join(patterns) + r")(?![\w])", re.IGNORECASE | re.UNICODE
    )


def _no_break_spaces(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: m.group(0).replace(" ", NO_BREAK_SPACE), text)


def _short_group(match: re.Match[str]) -> str:
    group = match.group(0)
    if len(group[1:-1].split()) > SHORT_GROUP_WORDS:
        return group
    return group.replace(" ", NO_BREAK_SPACE)


def _joined_address(match: re.Match[str]) -> str:
    # A joiner on both sides of every mark: UAX #14 allows a break before some
    # of them ("~", "#") as well as after.
    return _URL_MARKS.sub(WORD_JOINER + r"\1" + WORD_JOINER, match.group(0))


def typeset(text: str, language: str = "en", months: MonthNames = babel_month_names) -> str:
    """``text`` with every line break a typesetter would refuse marked as one
    (see the module's docstring); ``language`` names the months of its dates, as
    ``months`` gives them."""
    if not text:
        return text
    dates = _dates(language, months)
    # Addresses first: nothing in them is a date or a compound word.
    pieces = []
    last = 0
    for match in _URL.finditer(text):
        pieces.append(_typeset_words(text[last : match.start()], dates))
        pieces.append(_joined_address(match))
        last = match.end()
    pieces.append(_typeset_words(text[last:], dates))
    return _keep_last_word("".join(pieces))


def _typeset_words(text: str, dates: re.Pattern[str]) -> str:
    if not text.strip():
        return text
    text = _no_break_spaces(text, dates)
    text = _no_break_spaces(text, _DIGIT_GROUPS)
    text = _no_break_spaces(text, _INITIALS)
    text = _FIGURE_UNIT.sub(NO_BREAK_SPACE, text)
    text = _SHORT_GROUP.sub(_short_group, text)
    # A word of one letter ("a", "I", Spanish "y", "o") goes with the word after it:
    # left at a line's end it reads as a stray mark ("Volunteer as a / digital buddy"
    # is fine, "Volunteer as / a / digital buddy" is not).
    text = _ONE_LETTER.sub(lambda m: m.group(1) + NO_BREAK_SPACE, text)
    text = _SYMBOL.sub(lambda m: m.group(0).replace("/", "/" + WORD_JOINER), text)
    return _INNER_HYPHEN.sub(lambda m: m.group(0) + WORD_JOINER, text)


def _keep_last_word(text: str) -> str:
    """The last word kept with the one before it when it is short (no widow)."""
    stripped = text.rstrip()
    cut = stripped.rfind(" ")
    if cut <= 0 or " " not in stripped[:cut].strip():
        return text  # fewer than three words: nothing to keep together
    last = stripped[cut + 1 :].strip(".,;:!?…»”’\"')")
    if len(last) > WIDOW_CHARS:
        return text
    return text[:cut] + NO_BREAK_SPACE + text[cut + 1 :]


def plain(text: str) -> str:
    """``text`` as written: the marks ``typeset`` adds taken out again."""
    return text.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")


__all__ = ["NO_BREAK_SPACE", "WORD_JOINER", "plain", "typeset"]

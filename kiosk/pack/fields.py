"""The kinds of value a pack.yaml field holds; each kind owns everything about its values.

A field kind reads its value from the YAML and checks it (``read``: a problem with
file, line and a way to fix it, or the value), describes it to editors as JSON
Schema (``schema``) and to organisers in the reference (``words``, ``notes``). A
model class declares each of its fields once, with ``declare(kind, doc)``; the
loader, the JSON Schema and the reference page are all derived from those
declarations (``shape_of``), so the three cannot disagree. Where a rule can be
written as a pattern, the pattern *is* the rule: the validator matches the very
expression the schema gives editors, and only then works out a helpful message.

Nothing a kind does is switched on elsewhere: a new kind of value is one class here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from kiosk.hours import (
    CLOSED,
    ONE_LINE,
    TIME_OF_DAY,
    TIME_SPAN,
    WEEKDAY_NAMES,
    TimeSpan,
    minutes,
    time_span,
)
from kiosk.pack.icons import ICON_SETS, icon_names, icon_problem
from kiosk.pack.images import IMAGE_SUFFIXES
from kiosk.pack.nodes import YAML, Unreadable, is_mapping, is_scalar, is_sequence
from kiosk.pack.quoting import bidi_controls, invisible_characters, shown
from kiosk.pack.values import (
    DataPeriod,
    LocalText,
    Moment,
    PartialDate,
)
from kiosk.regions import country_codes
from kiosk.urls import PHONE_NUMBER, Scheme

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

    from kiosk.pack.reader import Reader


class _NoValue:
    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Any = _NoValue()  # a field that failed to read; its problem is already reported

STRING, INT, FLOAT, BOOL, NULL = (YAML + t for t in ("str", "int", "float", "bool", "null"))
TIMESTAMP = YAML + "timestamp"
# Scalars that read as text: a figure such as 183, or a date, is text in a text field.
TEXT_TAGS = frozenset({STRING, INT, FLOAT, TIMESTAMP})


def describe(node: Node) -> str:
    """What was found where something else was expected, for messages."""
    if is_mapping(node):
        return "a mapping (key: value lines)"
    if is_sequence(node):
        return "a list"
    if node.tag == NULL:
        return "nothing"
    if node.tag == BOOL:
        return f"{shown(node.value)} (yes/no; put text in quotes)"
    return shown(node.value)


def either_case(word: str) -> str:
    """``word`` as a pattern matching it in any case (JSON Schema patterns have no
    case-insensitive flag): "tel" -> "[tT][eE][lL]"."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


# -- the base ------------------------------------------------------------------------


class FieldKind:
    """One kind of value. Subclasses set the words and override what differs."""

    # "expected {expected}, found ...": what a value of this kind looks like.
    expected: ClassVar[str] = "a value"
    # The reference table's "what it holds" column.
    words: ClassVar[str] = "value"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items())})"

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        """The value ``node`` holds, or ``NO_VALUE`` once its problem is reported."""
        if not is_scalar(node) or node.tag in (NULL, BOOL):
            reader.error(node, path, f"expected {self.expected}, found {describe(node)}")
            return NO_VALUE
        return self.read_scalar(node, reader, path)

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def notes(self) -> list[str]:
        """Limits worth telling organisers in the reference."""
        return []

    def models(self) -> list[type]:
        """Model classes nested in this kind's values (for the schema's definitions)."""
        return []


class PatternKind(FieldKind):
    """A string whose rule is one regular expression, shared with the JSON Schema.

    The expression keeps to what Python's ``re`` and the ECMA-262 dialect of JSON
    Schema read alike (classes, ranges, groups, lookaheads).
    """

    pattern: ClassVar[str]

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        value = node.value.strip() if self.strips else node.value
        if node.tag != STRING and not self.numbers_allowed:
            reader.error(node, path, f"expected {self.expected}, found {describe(node)}")
            return NO_VALUE
        if re.fullmatch(self.pattern, value) is None:
            reader.error(node, path, self.why_not(value))
            return NO_VALUE
        return self.value_of(value, node, reader, path)

    strips: ClassVar[bool] = False  # the schema cannot strip: only kinds whose pattern allows
    numbers_allowed: ClassVar[bool] = False

    def why_not(self, value: str) -> str:
        return f"{shown(value)} is not {self.expected}"

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^(?:{self.pattern})$"}


# -- text ------------------------------------------------------------------------------

# At least one visible character: "   " is as empty as "".
_SOMETHING = r"\S"


def _text_schema() -> dict[str, Any]:
    return {"anyOf": [{"type": "string", "pattern": _SOMETHING}, {"type": "number"}]}


class Text(FieldKind):
    """Text a visitor reads: one string for every language, or ``{en: ..., es: ...}``.

    ``max_chars``: past it the text still shows, smaller, but too small to read
    from two metres: a warning. ``in_every_language``: a language the pack lists
    but the text lacks is an error, not a fallback (a picture's description, which
    a screen reader reads aloud: read in another language it describes nothing).
    """

    by_language: ClassVar[bool] = True

    def __init__(self, max_chars: int | None = None, *, in_every_language: bool = False) -> None:
        self.max_chars = max_chars
        self.in_every_language = in_every_language

    expected: ClassVar[str] = "text"
    words: ClassVar[str] = "text (or {en: …, es: …})"

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        if is_scalar(node):
            text = self._one(node, reader, path)
            if text is None:
                return NO_VALUE
            if self.in_every_language and len(reader.languages) > 1:
                reader.error(
                    node,
                    path,
                    "this text must be written in each of the pack's languages "
                    f"({', '.join(reader.languages)}): write it as "
                    + "{"
                    + ", ".join(f"{lang}: ..." for lang in reader.languages)
                    + "}",
                )
                return NO_VALUE
            value = LocalText.plain(text)
        elif is_mapping(node) and self.by_language:
            translated = self._by_language(node, reader, path)
            if translated is None:
                return NO_VALUE
            value = translated
        else:
            example = " (or text by language, e.g. {en: ..., es: ...})" if self.by_language else ""
            reader.error(node, path, f"expected text{example}, found {describe(node)}")
            return NO_VALUE
        if self.max_chars:
            longest = max(value.variants(), key=len)
            if len(longest) > self.max_chars:
                reader.warn(
                    node,
                    path,
                    f"text is {len(longest)} characters; past {self.max_chars} it shrinks "
                    "too small to read from two metres: shorten it",
                )
        return value if self.by_language else value.variants()[0]

    def _one(self, node: ScalarNode, reader: Reader, path: str) -> str | None:
        if node.tag not in TEXT_TAGS:
            reader.error(node, path, f"expected text, found {describe(node)}")
            return None
        text: str = node.value.strip()
        if not text:
            reader.error(node, path, "the text is empty: write something or remove the key")
            return None
        reader.check_direction(node, path, text)
        reader.check_glyphs(node, path, text)
        return text

    def _by_language(self, node: MappingNode, reader: Reader, path: str) -> LocalText | None:
        by_language: dict[str, str] = {}
        failed = False
        for key_node, value_node in node.value:
            lang, where = key_node.value, f"{path}.{key_node.value}"
            if not reader.is_language(lang):
                reader.error(key_node, where, reader.not_a_language(lang))
                failed = True
            elif not is_scalar(value_node):
                reader.error(value_node, where, f"expected text, found {describe(value_node)}")
                failed = True
            elif value_node.tag in TEXT_TAGS and not value_node.value.strip():
                reader.error(
                    value_node,
                    where,
                    f"the '{lang}' text is empty: write it, or remove the line to show the "
                    f"'{reader.default_language}' text instead",
                )
                failed = True
            else:
                text = self._one(value_node, reader, where)
                if text is None:
                    failed = True
                else:
                    by_language[lang] = text
        if failed:
            return None
        if not by_language:
            reader.error(node, path, "the text is empty: write something or remove the key")
            return None
        return reader.check_translations(
            node, path, LocalText(by_language=by_language), required=self.in_every_language
        )

    def schema(self) -> dict[str, Any]:
        one = _text_schema()
        if not self.by_language:
            return one
        return {
            "anyOf": [
                *one["anyOf"],
                {
                    "type": "object",
                    "minProperties": 1,
                    "propertyNames": {"pattern": f"^(?:{Language.pattern})$"},
                    "additionalProperties": one,
                },
            ]
        }

    def notes(self) -> list[str]:
        notes = [f"Keep under {self.max_chars} characters."] if self.max_chars else []
        if self.in_every_language:
            notes.append("Required in every language of the pack.")
        return notes


class PlainText(Text):
    """Text that is the same in every language: a phone number as printed."""

    by_language: ClassVar[bool] = False

    words: ClassVar[str] = "text"


# -- numbers -----------------------------------------------------------------------------


class Number(FieldKind):
    """A number from ``minimum`` to ``maximum``."""

    def __init__(self, minimum: float, maximum: float) -> None:
        self.minimum = minimum
        self.maximum = maximum

    expected: ClassVar[str] = "a number"
    words: ClassVar[str] = "number"
    json_type: ClassVar[str] = "number"

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        if node.tag not in (INT, FLOAT):
            reader.error(node, path, f"expected {self.expected}, found {describe(node)}")
            return NO_VALUE
        try:
            value = reader.scalar_value(node)
        except Unreadable:
            digits = sum(c.isdigit() for c in node.value)
            reader.error(
                node,
                path,
                f"this number has {digits:,} digits, too many to read: use a value{self._range()}",
            )
            return NO_VALUE
        assert isinstance(value, int | float)
        value = self.accept(value, node, reader, path)
        if value is NO_VALUE:
            return value
        if not self.minimum <= value <= self.maximum:
            reader.error(
                node,
                path,
                f"{shown(node.value, quote=False)} is out of range: use a value{self._range()}",
            )
            return NO_VALUE
        return value

    def accept(self, value: float, node: ScalarNode, reader: Reader, path: str) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            reader.error(node, path, f"expected {self.expected}, found {shown(node.value)}")
            return NO_VALUE
        return value

    def _range(self) -> str:
        return f" from {self.minimum:g} to {self.maximum:g}"

    def schema(self) -> dict[str, Any]:
        return {"type": self.json_type, "minimum": self.minimum, "maximum": self.maximum}

    def notes(self) -> list[str]:
        return [f"From {self.minimum:g} to {self.maximum:g}."]


class Integer(Number):
    """A whole number. 2024.0 is one too, as JSON Schema counts it."""

    expected: ClassVar[str] = "a whole number"
    words: ClassVar[str] = "whole number"
    json_type: ClassVar[str] = "integer"

    def accept(self, value: float, node: ScalarNode, reader: Reader, path: str) -> Any:
        if isinstance(value, float):
            if not value.is_integer():
                reader.error(node, path, f"expected {self.expected}, found {shown(node.value)}")
                return NO_VALUE
            return int(value)
        return value


# -- addresses -----------------------------------------------------------------------------

# Printable ASCII but the space: a browser's address bar copies any other letter
# percent-encoded, and a phone reads such a code reliably.
_URL_CHAR = r"[!-~]"
# A host (and port, user): no brackets (no IPv6 literals), nothing that starts a path.
_HOST = r"[A-Za-z0-9._~%!$&'()*+,;=:@-]+"
WEB_ADDRESS = f"{either_case('http')}[sS]?://{_HOST}(?:[/?#]{_URL_CHAR}*)?"


def _address_problem(url: str) -> str | None:
    """Why ``url`` is not an address of ``what``, from what can be seen in it."""
    hidden = invisible_characters(url)
    if hidden:
        return (
            f"the address {shown(url)} holds {hidden_names(hidden)}: an address with "
            "invisible characters looks like another one or leads nowhere: type it again"
        )
    if " " in url.strip():
        return f"{shown(url)} holds a space: an address has none (write %20 if it must)"
    if not url.isascii():
        return (
            f"{shown(url)} holds letters outside plain ASCII: copy the address from the "
            "browser's address bar, which writes them percent-encoded (%C3%A9...)"
        )
    return None


class WebAddress(PatternKind):
    """The address of a web page: https:// (or http://)."""

    expected: ClassVar[str] = "a web address (https://...)"
    words: ClassVar[str] = "web address"
    pattern: ClassVar[str] = WEB_ADDRESS

    def why_not(self, value: str) -> str:
        return _address_problem(value) or (
            f"{shown(value)} is not a web address: write it in full, starting with https://"
        )

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        if value[:5].lower() == "http:":
            reader.warn(
                node,
                path,
                "an http:// address is sent unencrypted and many phones warn about it: "
                "use the page's https:// address",
            )
        return value


# Longest QR target. Version 10 at error level M holds 213 bytes in byte mode: 57
# modules a side, 65 with the quiet zone. The views never draw a module smaller
# than 1/270 of the screen's short side (kiosk/ui/theme.py), so a denser code
# would need more room than a slide of six resources has. Targets are ASCII (see
# _URL_CHAR), so characters are bytes. Longer links need a shorter address.
QR_MAX_BYTES = 213

QR_TARGET = "|".join(
    (
        WEB_ADDRESS,
        f"(?:{either_case('tel')}|{either_case('sms')}):{PHONE_NUMBER}(?:[;?]{_URL_CHAR}*)?",
        # An address before any "?subject=": "?" (0x3f) is left out of its classes.
        f"{either_case('mailto')}:[!->@-~]*@[!->@-~]*(?:\\?{_URL_CHAR}*)?",
    )
)


class QrTarget(PatternKind):
    """What a QR code opens on a visitor's phone: a web page, a call, a text, an e-mail."""

    expected: ClassVar[str] = "an address for the QR code (https:, tel:, sms: or mailto:)"
    words: ClassVar[str] = "QR target"
    pattern: ClassVar[str] = QR_TARGET

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        if node.tag == STRING and len(node.value) > QR_MAX_BYTES:
            reader.error(
                node,
                path,
                f"the address is {len(node.value.encode())} bytes; a QR code with more than "
                f"{QR_MAX_BYTES} is too dense to scan on a screen: use a shorter address",
            )
            return NO_VALUE
        return super().read_scalar(node, reader, path)

    def why_not(self, value: str) -> str:
        scheme = value.partition(":")[0].lower() if ":" in value else ""
        try:
            known = Scheme(scheme)
        except ValueError:
            allowed = ", ".join(s.value for s in Scheme)
            return f"a QR code may open only {allowed} addresses, not {shown(scheme or value)}"
        found = _address_problem(value)
        if found:
            return found
        if known.is_web:
            return WebAddress().why_not(value)
        if known.dials:
            return f"{shown(value)} has no phone number: write e.g. tel:+18883737888"
        return f"{shown(value)} has no e-mail address: write mailto:name@example.org"

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        if value[:5].lower() == "http:":
            return WebAddress().value_of(value, node, reader, path)
        return value

    def schema(self) -> dict[str, Any]:
        return {**super().schema(), "maxLength": QR_MAX_BYTES}


# -- pictures ----------------------------------------------------------------------------

# A path inside the pack folder, as written on any computer: relative, with "/",
# never "..", and no character that cannot be seen (controls, zero-width and
# direction marks), ending in a picture's suffix in any case.
_INVISIBLE = "\\x00-\\x1f\\x7f-\\x9f\\xad\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff"
IMAGE_PATH = (
    r"(?![A-Za-z]:)(?!/)(?!(?:.*/)?\.\.(?:/|$))"
    f"(?:[^\\\\{_INVISIBLE}]*/)?[^/\\\\{_INVISIBLE}]+\\.(?:"
    + "|".join(either_case(s.lstrip(".")) for s in IMAGE_SUFFIXES)
    + ")"
)


class ImagePath(PatternKind):
    """A picture in the pack folder: PNG, JPEG, GIF, WebP or SVG, decoded to be sure."""

    expected: ClassVar[str] = "the path of an image in the pack folder"
    words: ClassVar[str] = "image path"
    pattern: ClassVar[str] = IMAGE_PATH

    def why_not(self, value: str) -> str:
        name = shown(value)
        if not value.strip():
            return (
                "the path is empty: write the path of an image in the pack folder, e.g. "
                "images/logo.png, or remove the key"
            )
        hidden = invisible_characters(value)
        if hidden:
            return f"the path {name} holds {hidden_names(hidden)}: type the path again"
        if value.startswith("/") or re.match(r"^[A-Za-z]:", value) or "\\" in value:
            return (
                f"{name} is an absolute path: packs are copied between computers, so "
                "write the path inside the pack folder, e.g. images/logo.png"
            )
        if re.search(r"(^|/)\.\.(/|$)", value):
            return (
                f"{name} climbs out with '..': write the path from the pack folder, "
                "e.g. images/logo.png"
            )
        return f"{name} is not an image: use a PNG, JPEG, SVG, WebP or GIF file"

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        found = reader.image(value)
        if isinstance(found, str):
            reader.error(node, path, found)
            return NO_VALUE
        return found


# -- small codes -----------------------------------------------------------------------------


class Colour(PatternKind):
    expected: ClassVar[str] = "a colour such as '#0b1d33'"
    words: ClassVar[str] = "colour"
    pattern: ClassVar[str] = "#[0-9a-fA-F]{6}"

    def why_not(self, value: str) -> str:
        return (
            f"{shown(value)} is not a colour: write it as #rrggbb, e.g. '#0b1d33' "
            "(in quotes: # starts a comment in YAML)"
        )

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        return value.lower()


class Language(PatternKind):
    expected: ClassVar[str] = "a language code such as en"
    words: ClassVar[str] = "language code"
    pattern: ClassVar[str] = "[a-z]{2,3}(?:-[A-Z]{2})?"

    def why_not(self, value: str) -> str:
        return (
            f"{shown(value)} is not a language code: use a two-letter code such as en, "
            "es or fr (or en-GB for a region's English)"
        )


class Icon(FieldKind):
    """A Font Awesome 6 icon, by qtawesome's name: fa6s.hand-holding-heart."""

    expected: ClassVar[str] = "an icon name such as fa6s.hand-holding-heart"
    words: ClassVar[str] = "icon name"

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        problem = icon_problem(node.value) if node.tag == STRING else self.expected
        if problem:
            reader.error(node, path, problem)
            return NO_VALUE
        return node.value

    def schema(self) -> dict[str, Any]:
        names = _all_icon_names()
        if names is None:  # no charmaps here: the validator cannot check the name either
            prefixes = "|".join(ICON_SETS)
            return {"type": "string", "pattern": f"^(?:{prefixes})\\.[a-z0-9-]+$"}
        return {"enum": names}


@cache
def _all_icon_names() -> list[str] | None:
    names = []
    for prefix in ICON_SETS:
        found = icon_names(prefix)
        if found is None:
            return None
        names += [f"{prefix}.{name}" for name in sorted(found)]
    return names


# -- dates ------------------------------------------------------------------------------

_YEAR = "[1-9][0-9]{3}"
_MONTH = "(?:0[1-9]|1[0-2])"


class Date(PatternKind):
    """A day (YYYY-MM-DD), or only a month (YYYY-MM) or a year (YYYY)."""

    expected: ClassVar[str] = "a date (YYYY, YYYY-MM or YYYY-MM-DD)"
    words: ClassVar[str] = "date"
    pattern: ClassVar[str] = f"{_YEAR}(?:-{_MONTH}(?:-[0-3][0-9])?)?"
    # YAML 1.1 reads 2000-11-15 as a date and 2003 as a number; editors (YAML 1.2)
    # read the first as text. Both are what was written.
    numbers_allowed: ClassVar[bool] = True

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        if node.tag in (INT, FLOAT):  # a year written as a number: 2003 (2003.0 too, as JSON)
            try:
                year = reader.scalar_value(node)
            except Unreadable:
                year = None
            if isinstance(year, int | float) and float(year).is_integer() and 1000 <= year <= 9999:
                return PartialDate(int(year))
            reader.error(node, path, self.why_not(node.value))
            return NO_VALUE
        if node.tag not in (STRING, TIMESTAMP):
            reader.error(node, path, self.why_not(node.value))
            return NO_VALUE
        return super().read_scalar(node, reader, path)

    def why_not(self, value: str) -> str:
        return f"{shown(value)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2000-11-15"

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            try:
                dt.date(*parts)
            except ValueError:
                reader.error(
                    node, path, f"{shown(value)} is not a real date (check the month and day)"
                )
                return NO_VALUE
        return PartialDate(*parts)

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": f"^{_YEAR}(?:-{_MONTH})?$"},
                {"type": "string", "format": "date", "pattern": f"^(?:{self.pattern})$"},
            ]
        }


class DataYears(PatternKind):
    """The year or period a figure's data is from: 2022, 2014-2016 or 2020 vs 2019."""

    expected: ClassVar[str] = "a year or a period such as 2022, 2014-2016 or '2020 vs 2019'"
    words: ClassVar[str] = "data year or period"
    pattern: ClassVar[str] = f"{_YEAR}(?:(?: *[-–] *| +vs +){_YEAR})?"
    numbers_allowed: ClassVar[bool] = True

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        if node.tag in (INT, FLOAT):  # a year written as a number
            try:
                year = reader.scalar_value(node)
            except Unreadable:
                year = None
            if isinstance(year, int | float) and float(year).is_integer() and 1000 <= year <= 9999:
                return DataPeriod(int(year), int(year))
            reader.error(node, path, self.why_not(node.value))
            return NO_VALUE
        return super().read_scalar(node, reader, path)

    def why_not(self, value: str) -> str:
        return (
            f"{shown(value)} is not a year or period: write the year the data is from "
            "(2022), a span (2014-2016) or a change ('2020 vs 2019')"
        )

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        years = [int(y) for y in re.findall(r"[0-9]{4}", value)]
        if len(years) == 1:
            return DataPeriod(years[0], years[0])
        if "vs" in value:
            return DataPeriod(years[0], years[0], compared_with=years[1])
        return DataPeriod(min(years), max(years))

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"type": "string", "pattern": f"^(?:{self.pattern})$"},
            ]
        }


# -- days and times: what shows when ---------------------------------------------------

# A real day of the calendar, leap days included: the pattern is the whole rule, so an
# editor refuses 2026-02-30 exactly as the validator does.
_DAY_OF_31 = "(?:0[1-9]|[12][0-9]|3[01])"
_DAY_OF_30 = "(?:0[1-9]|[12][0-9]|30)"
_LEAP_YEAR = "(?:[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00)"
REAL_DAY = (
    f"{_YEAR}-(?:(?:0[13578]|1[02])-{_DAY_OF_31}|(?:0[469]|11)-{_DAY_OF_30}"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    f"|{_LEAP_YEAR}-02-29"
)


class DateTime(PatternKind):
    """A day (YYYY-MM-DD), or a day and a time of day (YYYY-MM-DD HH:MM)."""

    expected: ClassVar[str] = "a day (YYYY-MM-DD) or a day and time (YYYY-MM-DD HH:MM)"
    words: ClassVar[str] = "day, or day and time"
    pattern: ClassVar[str] = f"{ONE_LINE}(?:{REAL_DAY})(?:[ T]{TIME_OF_DAY})?"
    # YAML 1.1 reads 2026-07-30 as a date (and with seconds, as a timestamp):
    # what was written is read here, as editors (YAML 1.2) read it, as text.
    numbers_allowed: ClassVar[bool] = True

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        if node.tag not in (STRING, TIMESTAMP):
            reader.error(node, path, self.why_not(node.value))
            return NO_VALUE
        return super().read_scalar(node, reader, path)

    def why_not(self, value: str) -> str:
        day, _, time = value.strip().replace("T", " ").partition(" ")
        if re.fullmatch(f"{_YEAR}-{_MONTH}-[0-3][0-9]", day) and not re.fullmatch(REAL_DAY, day):
            return f"{shown(value)} is not a real day (check the month and day)"
        if time and re.fullmatch("[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}.*)?", time):
            return (
                f"{shown(value)}: write the time of day as HH:MM, from 00:00 to 23:59, "
                "e.g. 2026-07-30 17:00"
            )
        return (
            f"{shown(value)} is not a day: write YYYY-MM-DD, or YYYY-MM-DD HH:MM for a time "
            "of day too, e.g. 2026-07-30 or '2026-07-30 17:00'"
        )

    def value_of(self, value: str, node: ScalarNode, reader: Reader, path: str) -> Any:
        day, _, time = value.replace("T", " ").partition(" ")
        return Moment(dt.date.fromisoformat(day), minutes(time) if time else None)


class Hours(FieldKind):
    """Hours of a day: "09:00-18:00", or a list of spans for a break ("09:00-13:00",
    "14:00-18:00"); ``closed_allowed``: also the word closed."""

    def __init__(self, *, closed_allowed: bool = False, most: int = 6) -> None:
        self.closed_allowed = closed_allowed
        self.most = most

    expected: ClassVar[str] = "hours such as 09:00-18:00"
    words: ClassVar[str] = "hours (HH:MM-HH:MM, or a list of them)"

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        if is_sequence(node):
            return self._read_list(node, reader, path)
        if self.closed_allowed and is_scalar(node) and node.tag == STRING and node.value == CLOSED:
            return ()
        span = self._one(node, reader, path)
        return NO_VALUE if span is NO_VALUE else (span,)

    def _read_list(self, node: SequenceNode, reader: Reader, path: str) -> Any:
        if not 1 <= len(node.value) <= self.most:
            reader.error(
                node, path, f"expected 1 to {self.most} spans of hours, found {len(node.value)}"
            )
            return NO_VALUE
        spans: list[TimeSpan] = []
        written: list[str] = []
        for index, item in enumerate(node.value):
            where = f"{path}[{index}]"
            span = self._one(item, reader, where)
            if span is NO_VALUE:
                return NO_VALUE
            assert is_scalar(item)
            if item.value in written:
                reader.error(item, where, f"{shown(item.value)} is listed twice")
                return NO_VALUE
            written.append(item.value)
            spans.append(span)
        return tuple(spans)

    def _one(self, node: Node, reader: Reader, path: str) -> Any:
        if not is_scalar(node) or node.tag in (NULL, BOOL):
            reader.error(node, path, f"expected {self.expected}, found {describe(node)}")
            return NO_VALUE
        if node.tag != STRING or re.fullmatch(TIME_SPAN, node.value) is None:
            closed = f", or {CLOSED}" if self.closed_allowed else ""
            reader.error(
                node,
                path,
                f"{shown(node.value)} is not hours: write the opening and closing times as "
                f"HH:MM-HH:MM, e.g. 09:00-18:00 (24:00 for midnight){closed}",
            )
            return NO_VALUE
        return time_span(node.value)

    def schema(self) -> dict[str, Any]:
        one = {"type": "string", "pattern": f"^(?:{TIME_SPAN})$"}
        choices: list[dict[str, Any]] = [
            one,
            {
                "type": "array",
                "minItems": 1,
                "maxItems": self.most,
                "uniqueItems": True,
                "items": one,
            },
        ]
        if self.closed_allowed:
            choices.append({"const": CLOSED})
        return {"anyOf": choices}

    def notes(self) -> list[str]:
        return [f"'{CLOSED}' for a day it is closed."] if self.closed_allowed else []


class WordList(FieldKind):
    """One word, or a list of distinct words, each from a known set (days of the week,
    country codes). A kind says what is wrong with a word and what the words make."""

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        items = node.value if is_sequence(node) else [node]
        if not items:
            reader.error(node, path, f"expected {self.expected}, found an empty list")
            return NO_VALUE
        words: list[str] = []
        for index, item in enumerate(items):
            where = f"{path}[{index}]" if is_sequence(node) else path
            if not is_scalar(item) or item.tag != STRING:
                reader.error(item, where, f"expected {self.expected}, found {describe(item)}")
                return NO_VALUE
            problem = self.word_problem(item.value, reader)
            if problem is not None:
                reader.error(item, where, problem)
                return NO_VALUE
            if item.value in words:
                reader.error(item, where, f"{shown(item.value)} is listed twice")
                return NO_VALUE
            words.append(item.value)
        return self.value_of_words(words)

    def word_problem(self, word: str, reader: Reader) -> str | None:
        """What is wrong with ``word``, for the organiser; None when nothing is."""
        raise NotImplementedError

    def value_of_words(self, words: list[str]) -> Any:
        return tuple(words)

    def allowed(self) -> list[str]:
        """Every word the schema allows."""
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        word = {"enum": self.allowed()}
        return {
            "anyOf": [word, {"type": "array", "minItems": 1, "uniqueItems": True, "items": word}]
        }


class Weekdays(WordList):
    """Days of the week, by their English names: [saturday, sunday]."""

    expected: ClassVar[str] = "days of the week such as [monday, friday]"
    words: ClassVar[str] = "days of the week"

    def word_problem(self, word: str, reader: Reader) -> str | None:
        if word in WEEKDAY_NAMES:
            return None
        lower = word.strip().lower()
        whole = next(
            (name for name in WEEKDAY_NAMES if len(lower) >= 2 and name.startswith(lower)), None
        )
        if lower in WEEKDAY_NAMES or whole:
            return f"write the day's name in full and in small letters: '{whole or lower}'"
        return f"{shown(word)} is not a day of the week{suggestion(word, list(WEEKDAY_NAMES))}"

    def value_of_words(self, words: list[str]) -> Any:
        return tuple(sorted(WEEKDAY_NAMES.index(word) for word in words))

    def allowed(self) -> list[str]:
        return list(WEEKDAY_NAMES)


class FolderPath(PatternKind):
    """A folder, by its path from the file that names it, or the name of a bundled pack."""

    expected: ClassVar[str] = "the path of a pack folder"
    words: ClassVar[str] = "folder path"
    pattern: ClassVar[str] = f"{ONE_LINE}(?=[^{_INVISIBLE}]*\\S)[^{_INVISIBLE}]+"

    # A folder named after its year, 2026, is a number to YAML.
    numbers_allowed: ClassVar[bool] = True

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        if node.tag == INT:
            return node.value  # as written: 0042 is a folder, not the octal number 34
        if node.tag == FLOAT:
            try:
                number = reader.scalar_value(node)
            except Unreadable:
                number = None
            if isinstance(number, float) and number.is_integer():
                return str(int(number))
        if node.tag != STRING:
            reader.error(node, path, f"expected {self.expected}, found {describe(node)}")
            return NO_VALUE
        return super().read_scalar(node, reader, path)

    def why_not(self, value: str) -> str:
        hidden = invisible_characters(value)
        if hidden:
            return f"the path {shown(value)} holds {hidden_names(hidden)}: type the path again"
        return "the path is empty: write the pack folder's path, e.g. 2026 or packs/2026"

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [super().schema(), {"type": "integer"}]}


class Regions(WordList):
    """Where something works: ISO 3166 country codes ([US], [US, CA]), or EU."""

    expected: ClassVar[str] = "country codes such as [US] or [GB, IE]"
    words: ClassVar[str] = "list of country codes"

    # The form the list check needs: what ``kiosk run`` checks on its way to the
    # first slide, where the full table of codes is not loaded (see ``Reader.lint``).
    form: ClassVar[str] = "[A-Z]{2}"

    def word_problem(self, word: str, reader: Reader) -> str | None:
        if self._known(word, reader):
            return None
        upper = word.upper()
        hint = f" — did you mean '{upper}'?" if self._known(upper, reader) else ""
        if word == "UK":
            hint = " — the United Kingdom's code is GB"
        return (
            f"{shown(word)} is not a country code: write the two capital letters of "
            f"ISO 3166, e.g. US, GB, ES (or EU for the European Union){hint}"
        )

    def _known(self, code: str, reader: Reader) -> bool:
        if not reader.lint:
            return re.fullmatch(self.form, code) is not None
        return code in country_codes()

    def allowed(self) -> list[str]:
        return sorted(country_codes())


# -- choices -----------------------------------------------------------------------------


class Choice(FieldKind):
    """One of a few words, from an enumeration (the value read is its member)."""

    def __init__(self, choices: type[Enum]) -> None:
        self.choices = choices

    expected: ClassVar[str] = "one of the words listed"
    words: ClassVar[str] = "one of"

    @property
    def values(self) -> list[str]:
        return [str(member.value) for member in self.choices]

    def read_scalar(self, node: ScalarNode, reader: Reader, path: str) -> Any:
        if node.tag != STRING or node.value not in self.values:
            reader.error(
                node,
                path,
                f"{shown(node.value)} is not allowed here{suggestion(node.value, self.values)}",
            )
            return NO_VALUE
        return self.choices(node.value)

    def schema(self) -> dict[str, Any]:
        return {"enum": self.values}


# -- structure -----------------------------------------------------------------------------


class Languages(FieldKind):
    """The languages a pack's texts are written in: [en, es]."""

    expected: ClassVar[str] = "a list of language codes such as [en, es]"
    words: ClassVar[str] = "list of language codes"

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        if not is_sequence(node) or not node.value:
            reader.error(node, path, f"expected {self.expected}, found {describe(node)}")
            return NO_VALUE
        languages: list[str] = []
        failed = False
        for index, item in enumerate(node.value):
            code = Language().read(item, reader, f"{path}[{index}]")
            if code is NO_VALUE:
                failed = True
            elif code in languages:
                reader.error(item, f"{path}[{index}]", f"{shown(code)} is listed twice")
                failed = True
            else:
                languages.append(code)
        return NO_VALUE if failed else tuple(languages)

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "minItems": 1, "uniqueItems": True, "items": Language().schema()}


class Section(FieldKind):
    """A mapping of its own keys: the pack's theme, a fact's source."""

    def __init__(self, model: type) -> None:
        self.model = model

    expected: ClassVar[str] = "a section"
    words: ClassVar[str] = "section"

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        return reader.build(node, shape_of(self.model), path)

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{shape_of(self.model).def_name}"}

    def models(self) -> list[type]:
        return [self.model]


class ListOf(FieldKind):
    """A list of items of one model, ``minimum`` to ``maximum`` of them.

    ``in_order_of``: an attribute the items must be sorted by (a timeline's dates),
    oldest first.
    """

    def __init__(
        self, model: type, minimum: int, maximum: int, in_order_of: str | None = None
    ) -> None:
        self.model = model
        self.minimum = minimum
        self.maximum = maximum
        self.in_order_of = in_order_of

    expected: ClassVar[str] = "a list"

    @property
    def words(self) -> str:  # type: ignore[override]
        return f"list of {shape_of(self.model).name}s"

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        shape = shape_of(self.model)
        if not is_sequence(node):
            reader.error(
                node,
                path,
                f"expected a list of {shape.name}s (lines starting with '- '), "
                f"found {describe(node)}",
            )
            return NO_VALUE
        count = len(node.value)
        if count < self.minimum:
            reader.error(node, path, f"has {count} {shape.name}s; it needs at least {self.minimum}")
            return NO_VALUE
        if count > self.maximum:
            reader.error(
                node,
                path,
                f"has {count} {shape.name}s; at most {self.maximum} fit on one slide: split "
                "them over two slides",
            )
            return NO_VALUE
        items = [reader.build(item, shape, f"{path}[{i}]") for i, item in enumerate(node.value)]
        if self.in_order_of is not None:
            self._check_order(node, items, reader, path)
        if any(item is NO_VALUE for item in items):
            return NO_VALUE
        return tuple(items)

    def _check_order(self, node: SequenceNode, items: list[Any], reader: Reader, path: str) -> None:
        key = self.in_order_of
        assert key is not None
        previous: Any = None
        for index, (item_node, item) in enumerate(zip(node.value, items, strict=True)):
            if item is NO_VALUE:
                continue
            value = getattr(item, key)
            if previous is not None and value < previous:
                spot = lookup(item_node, key) if is_mapping(item_node) else None
                reader.error(
                    spot or item_node,
                    f"{path}[{index}].{key}",
                    f"{shape_of(self.model).name}s must be in {key} order, oldest first: "
                    f"{_as_text(value)} comes after {_as_text(previous)}",
                )
            previous = value

    def schema(self) -> dict[str, Any]:
        return {
            "type": "array",
            "minItems": self.minimum,
            "maxItems": self.maximum,
            "items": {"$ref": f"#/$defs/{shape_of(self.model).def_name}"},
        }

    def notes(self) -> list[str]:
        return [f"{self.minimum}–{self.maximum} items."]

    def models(self) -> list[type]:
        return [self.model]


class Slides(FieldKind):
    """The slides, in the order they play; the keys of each follow its ``type``."""

    expected: ClassVar[str] = "a list of slides"
    words: ClassVar[str] = "list of slides"

    def read(self, node: Node, reader: Reader, path: str) -> Any:
        # The kinds live in their own packages, which import the model this module
        # serves: they are looked up when a pack is read, not when this is imported.
        from kiosk.slides import kind_named, kind_names

        if not is_sequence(node):
            reader.error(
                node,
                path,
                f"expected a list of slides (each starting with '- type: ...'), "
                f"found {describe(node)}",
            )
            return NO_VALUE
        if not node.value:
            reader.error(node, path, "the pack has no slides: add at least one under 'slides:'")
            return NO_VALUE
        slides = []
        for index, item in enumerate(node.value):
            where = f"{path}[{index}]"
            if not is_mapping(item):
                reader.error(
                    item,
                    where,
                    f"expected a slide (a mapping starting with 'type:'), found {describe(item)}",
                )
                continue
            type_node = lookup(item, "type")
            if type_node is None:
                known = ", ".join(kind_names())
                reader.error(item, where, f"the slide has no 'type': use one of {known}")
                continue
            name = type_node.value if is_scalar(type_node) else ""
            kind = kind_named(name)
            if kind is None:
                reader.error(
                    type_node,
                    f"{where}.type",
                    f"unknown slide type {shown(name)}{suggestion(name, kind_names())}",
                )
                continue
            slide = reader.build(
                item, kind.shape, where, skip=("type",), origin=reader.origin(item)
            )
            if slide is not NO_VALUE:
                reader.check_slide(slide, kind, item, where)
                slides.append(slide)
        return tuple(slides) if len(slides) == len(node.value) else NO_VALUE

    def schema(self) -> dict[str, Any]:
        from kiosk.slides import kinds

        return {
            "type": "array",
            "minItems": 1,
            "items": {"oneOf": [{"$ref": f"#/$defs/{k.shape.def_name}"} for k in kinds().values()]},
        }

    def models(self) -> list[type]:
        from kiosk.slides import kinds

        return [k.model for k in kinds().values()]


def _as_text(value: Any) -> str:
    return value.iso() if isinstance(value, PartialDate) else str(value)


# -- declaring fields ---------------------------------------------------------------------


class Field(NamedTuple):
    """One key of a mapping in pack.yaml, as its model class declares it."""

    key: str  # as organisers write it
    attribute: str  # on the model object
    kind: FieldKind
    doc: str
    required: bool
    default: Any = None  # for the reference and the schema; None when there is none to tell
    default_factory: Callable[[], Any] | None = None  # a section's defaults
    # Fields sharing this name are alternatives: exactly one of them must be given.
    one_of: str | None = None
    # Optional, but a pack should give it: why, said in a warning when it is missing.
    recommended: str | None = None

    def default_value(self) -> Any:
        """The value an absent optional field takes."""
        return self.default_factory() if self.default_factory is not None else self.default


_METADATA = "pack-field"


def declare(
    kind: FieldKind,
    doc: str,
    *,
    default: Any = dataclasses.MISSING,
    default_factory: Callable[[], Any] | None = None,
    key: str | None = None,
    one_of: str | None = None,
    recommended: str | None = None,
) -> Any:
    """Declare a model attribute as a pack.yaml field of ``kind`` (see ``shape_of``).

    With neither ``default`` nor ``default_factory`` the field is required.
    ``one_of``: the optional fields declared with the same name are alternatives,
    exactly one of which a mapping must give (a text slide's paragraph or points).
    An optional field may be ``recommended``: leaving it out is then a warning,
    which says why it matters.
    """
    metadata = {_METADATA: (kind, doc, key, one_of, recommended)}
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Shape:
    """The keys of one mapping in pack.yaml, derived from the model class declaring them."""

    model: type
    name: str  # for messages: "fact", "failure point", "title slide"
    doc: str
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]

    @property
    def def_name(self) -> str:
        return self.name.replace(" ", "_")

    @cached_property
    def alternatives(self) -> dict[str, tuple[Field, ...]]:
        """Fields declared ``one_of`` the same name, by that name: give exactly one of each."""
        groups: dict[str, list[Field]] = {}
        for declared in self.fields:
            if declared.one_of is not None:
                groups.setdefault(declared.one_of, []).append(declared)
        return {name: tuple(group) for name, group in groups.items()}

    def build(self, values: dict[str, Any], **extra: Any) -> Any:
        return self.model(**values, **extra)


def shape_of(model: type) -> Shape:
    """The shape a model class declares with ``declare``: its name, doc and fields."""
    shape = _shapes.get(model)
    if shape is None:
        shape = _shapes[model] = _declared_shape(model)
    return shape


_shapes: dict[type, Shape] = {}


def _declared_shape(model: type) -> Shape:
    if not dataclasses.is_dataclass(model):
        raise TypeError(f"{model.__name__} is not a dataclass")
    doc = (model.__doc__ or "").strip()
    if not doc or doc.startswith(f"{model.__name__}("):
        raise TypeError(f"{model.__name__} needs a docstring: it documents its section")
    found = []
    for item in dataclasses.fields(model):
        declared = item.metadata.get(_METADATA)
        if declared is None:
            continue  # not written in pack.yaml (where it came from, its folder...)
        kind, field_doc, key, one_of, recommended = declared
        factory = None if item.default_factory is dataclasses.MISSING else item.default_factory
        required = item.default is dataclasses.MISSING and factory is None
        default = None if required or factory is not None else item.default
        if one_of is not None and (required or default is not None):
            raise TypeError(f"{model.__name__}.{item.name}: an alternative must default to None")
        found.append(
            Field(
                key=key or item.name,
                attribute=item.name,
                kind=kind,
                doc=field_doc,
                required=required,
                default=default,
                default_factory=factory,
                one_of=one_of,
                recommended=recommended,
            )
        )
    name = re.sub(r"(?<!^)(?=[A-Z])", " ", model.__name__).lower()
    # The docstring's first paragraph, its lines joined (without their indentation).
    return Shape(model, name, " ".join(doc.split("\n\n", 1)[0].split()), tuple(found))


# -- helpers shared by the kinds and the reader ----------------------------------------


def lookup(node: MappingNode, key: str) -> Node | None:
    return next((v for k, v in node.value if k.value == key), None)


def suggestion(word: str, choices: Sequence[str], cutoff: float = 0.6) -> str:
    import difflib  # only for a pack with a mistake: not on every start

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f" — did you mean '{close[0]}'?" if close else f" (valid: {', '.join(choices)})"


def hidden_names(characters: list[str]) -> str:
    """``\\u200b (ZERO WIDTH SPACE)``, or several such joined: for messages."""
    if len(characters) == 1:
        return f"an invisible character, {characters[0]}"
    return "invisible characters: " + ", ".join(characters)


def direction_warning(text: str) -> str | None:
    controls = bidi_controls(text)
    if not controls:
        return None
    turns = "changes" if len(controls) == 1 else "change"
    return (
        f"the text holds {hidden_names(controls)}, which {turns} the direction it is shown "
        "in: visitors may read it in another order than it is written; delete it unless "
        "you mean it"
    )

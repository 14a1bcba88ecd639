"""How a value from a pack is shown inside a message: short, and with nothing hidden.

A message quotes what the organiser wrote so they can find it. Two things would
make that quote harmful: length (a 5,000-digit number, or a whole paragraph, would
bury the message) and characters that cannot be seen (a zero-width space in a
key makes ``title`` look right and be wrong; a right-to-left override makes text
show in another order than it is stored). So a quote is cut to a readable length,
and every invisible character in it is written out as its code, e.g. ``\\u200b``.
"""

from __future__ import annotations

import unicodedata

QUOTE_LIMIT = 80  # characters of a value shown in a message, before "…"

# Explicit direction controls: embeddings and overrides (U+202A-U+202E) and
# isolates (U+2066-U+2069). In a web address they make a link look like another
# one ("Trojan Source", CVE-2021-42574); in text they may be deliberate.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def is_invisible(char: str) -> bool:
    """A character that prints nothing or moves other characters: controls, format
    characters (zero-width spaces and joiners, direction marks and overrides, the
    byte order mark), separators other than the space, unassigned code points.

    Exactly what ``str.isprintable`` calls not printable, which lets whole texts be
    checked at C speed (most have nothing to show).
    """
    return not char.isprintable()


def escaped(char: str) -> str:
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def shown(value: object, limit: int = QUOTE_LIMIT, *, quote: bool = True) -> str:
    """``value`` as a message quotes it: in quotes, invisible characters written out as
    codes, and cut to about ``limit`` characters with "…"."""
    text = str(value)
    cut = len(text) > limit
    if cut:
        text = text[:limit]
    if not text.isprintable():
        text = "".join(escaped(c) if is_invisible(c) else c for c in text)
    if cut:
        text += "…"
    return f"'{text}'" if quote else text


def invisible_characters(text: str) -> list[str]:
    """Each distinct invisible character in ``text``, named: ``\\u200b (ZERO WIDTH SPACE)``."""
    if text.isprintable():
        return []
    found = dict.fromkeys(c for c in text if is_invisible(c) and c not in "\t\n")
    return [named(c) for c in found]


def bidi_controls(text: str) -> list[str]:
    """Each distinct direction control in ``text``, named."""
    if text.isprintable():  # direction controls are not
        return []
    return [named(c) for c in dict.fromkeys(c for c in text if c in BIDI_CONTROLS)]


def named(char: str) -> str:
    default = (
        "NUL"
        if char == "\x00"
        else "a control character"
        if unicodedata.category(char) == "Cc"
        else "an unnamed character"
    )
    return f"{escaped(char)} ({unicodedata.name(char, default)})"

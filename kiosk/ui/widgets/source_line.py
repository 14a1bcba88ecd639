"""The line under a fact or event that names where it comes from."""

from __future__ import annotations

# The word before a source's name. Languages not listed show the name alone:
# it is still clearly a citation by its size, colour and place under the figure.
SOURCE_WORD: dict[str, str] = {
    "en": "Source",
    "es": "Fuente",
    "fr": "Source",
    "pt": "Fonte",
    "de": "Quelle",
    "it": "Fonte",
    "nl": "Bron",
}


def source_text(name: str, language: str) -> str:
    """``Source: name`` in ``language``, ``name`` being the source's name already resolved.

    The source's URL is not shown: it is for organisers, and too long to read.
    """
    word = SOURCE_WORD.get(language.split("-", 1)[0])
    if word is None:
        return name
    # French sets a (narrow, no-break) space before the colon.
    colon = "\u202f:" if language.startswith("fr") else ":"
    return f"{word}{colon} {name}"

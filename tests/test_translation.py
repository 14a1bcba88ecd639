"""The kiosk's own words in Spanish, and dates and countries as each locale writes them."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import kiosk
from kiosk.translation import LOCALE_DIR, available_languages, country_name, date_text, translator

PACKAGE = Path(kiosk.__file__).parent
KEYWORDS = {
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}


def marked_messages() -> set[tuple[str | None, str]]:
    """(context, message) of every message marked for translation in the package."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        singular = message[0] if isinstance(message, tuple) else message
        found.add((context, singular))
    return found


@pytest.mark.parametrize("language", available_languages())
def test_every_marked_message_is_translated(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po").open("rb") as stream:
        catalogue = read_po(stream)
    missing = []
    for context, message in sorted(marked_messages(), key=str):
        entry = catalogue.get(message, context=context)
        translated = (
            entry is not None
            and not entry.fuzzy
            and all(entry.string if isinstance(entry.string, tuple) else (entry.string,))
        )
        if not translated:
            missing.append(f"{context}: {message}")
    assert not missing, f"untranslated in {language}.po:\n" + "\n".join(missing)


def test_spanish_is_bundled_and_compiled() -> None:
    assert "es" in available_languages()
    assert (LOCALE_DIR / "es" / "LC_MESSAGES" / "kiosk.mo").is_file()


def test_a_language_without_a_catalogue_shows_the_messages_as_written() -> None:
    assert translator("en").pgettext("controls", "Next slide") == "Next slide"
    assert translator("xx").gettext("Source") == "Source"


@pytest.mark.parametrize(
    ("date", "language", "expected"),
    [
        ((2003, 0, 0), "en", "2003"),
        ((2010, 7, 0), "en", "Jul 2010"),
        ((2010, 7, 0), "es", "jul 2010"),
        ((2000, 10, 28), "es", "28 oct 2000"),
        ((2000, 10, 28), "fr", "28 oct. 2000"),
        ((2000, 10, 28), "de", "28. Okt. 2000"),
        ((2000, 10, 28), "pt-BR", "28 de out. de 2000"),
    ],
)
def test_dates_are_written_the_locale_s_way(
    date: tuple[int, int, int], language: str, expected: str
) -> None:
    assert date_text(*date, language=language) == expected


def test_country_names_follow_the_language() -> None:
    assert country_name("US", language="en") == "United States"
    assert country_name("us", language="es") == "Estados Unidos"
    assert country_name("GB", language="es") == "Reino Unido"

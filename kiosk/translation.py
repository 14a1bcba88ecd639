"""The kiosk's own words in the visitor's language, and the locale's way of writing
dates and country names. No Qt here: the exporters and ``kiosk validate`` use it too.

A pack brings its own texts in its own languages; the words the kiosk adds around
them (control labels, "Source:", what a QR code does, the staff pad) are messages
marked in the code with ``translator(language).pgettext(context, message)``. Their
translations are gettext catalogues, ``kiosk/locale/<lang>/LC_MESSAGES/kiosk.po``,
compiled to ``.mo`` when the package is built (``hatch_build.py``). Adding a
language is one new ``.po`` file (docs/translating.md); a language with none shows
the English messages as written.

Dates and country names come from the Unicode CLDR data Babel carries, so
"30 Jul 2024", "30 jul 2024" and "30 juil. 2024" are each the locale's own form,
with no month table of ours.
"""

from __future__ import annotations

import datetime as dt
import gettext
import logging
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

DOMAIN = "kiosk"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def _catalogue_names(language: str) -> list[str]:
    """Catalogue folders to try for a pack's language code, most specific first."""
    code = language.replace("-", "_")
    base = code.split("_", 1)[0]
    return [code, base] if base != code else [code]


@cache
def translator(language: str, folder: Path = LOCALE_DIR) -> gettext.NullTranslations:
    """The kiosk's messages in ``language`` (BCP 47, e.g. "es" or "pt-BR").

    English, or a language with no catalogue, gives the messages as written.
    ``folder``: where the catalogues are (the package's own, unless a translator
    is trying a new one elsewhere).
    """
    for name in _catalogue_names(language):
        catalogues = folder / name / "LC_MESSAGES"
        compiled = catalogues / f"{DOMAIN}.mo"
        if compiled.is_file():
            with compiled.open("rb") as stream:
                return gettext.GNUTranslations(stream)
        if (catalogues / f"{DOMAIN}.po").is_file():
            # A source checkout that was never built: the catalogue exists but was not
            # compiled. Say so once; the visitor sees English rather than nothing.
            log.warning(
                "the %s translations are not compiled (reinstall the package: "
                "pip install -e .); showing English",
                name,
            )
    return gettext.NullTranslations()


def available_languages(folder: Path = LOCALE_DIR) -> list[str]:
    """Languages with a catalogue, besides English (the messages as written)."""
    return sorted(
        p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    )


def _babel_locale(language: str) -> str:
    # Babel and its CLDR data load only when a date or a name is first written: they
    # cost a slide show that shows neither (most first slides) a few tens of ms.
    from babel import Locale, UnknownLocaleError

    for name in _catalogue_names(language):
        try:
            return str(Locale.parse(name))
        except (UnknownLocaleError, ValueError):
            continue
    return "en"


def date_text(year: int, month: int = 0, day: int = 0, *, language: str) -> str:
    """A date known to the year, the month or the day, as ``language`` writes it short:
    "2003", "Jul 2024", "30 jul 2024"."""
    if not month:
        return str(year)
    from babel.dates import format_skeleton

    locale = _babel_locale(language)
    if not day:
        return format_skeleton("yMMM", dt.date(year, month, 1), locale=locale)
    return format_skeleton("yMMMd", dt.date(year, month, day), locale=locale)


def country_name(code: str, *, language: str) -> str:
    """An ISO 3166 country code's name in ``language`` ("US" → "Estados Unidos")."""
    from babel import Locale

    names = Locale.parse(_babel_locale(language)).territories
    return str(names.get(code.upper(), code.upper()))


def language_name(code: str, *, language: str) -> str:
    """A pack language's name in ``language`` ("es" → "Spanish" in English,
    "español" in Spanish); the code itself when the CLDR does not know it."""
    from babel import Locale, UnknownLocaleError

    for name in _catalogue_names(code):
        try:
            named = Locale.parse(name).get_display_name(_babel_locale(language))
        except (UnknownLocaleError, ValueError):
            continue
        if named:
            return str(named)
    return code

"""Where a help line works, and whether it works where the kiosk stands. No Qt.

A pack says where each hotline works (``region: [US]``); a venue says where the
kiosk is (the ``region`` run option). A line with no region works everywhere, as
a website does. Codes are ISO 3166-1 alpha-2 (US, GB, ES...), plus EU for the
European Union, which serves a kiosk in any member state.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from functools import cache

from kiosk.translation import country_name, translator

# The European Union's member states (27 since 1 February 2020), for "EU" lines
# such as the emergency number 112.
EU = "EU"
EU_MEMBERS = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)
# CLDR's codes that name no country a line can serve.
_NOT_COUNTRIES = frozenset({"ZZ", "QO", "EZ", "UN", "XA", "XB"})


@cache
def country_codes() -> frozenset[str]:
    """Every code a pack may use: CLDR's two-letter regions (ISO 3166-1), and EU."""
    # Babel's CLDR data costs some 25 ms to load: only ``kiosk validate`` and the
    # exports ask, never the path to the first slide.
    import babel.localedata

    names = babel.localedata.load("en")["territories"]
    return frozenset(c for c in names if len(c) == 2 and c.isalpha()) - _NOT_COUNTRIES


def works_in(regions: Collection[str], place: str | None) -> bool:
    """Whether a line for ``regions`` works for a kiosk in ``place`` (None: anywhere
    is shown, as the venue did not say)."""
    if not regions or place is None:
        return True
    return place in regions or (EU in regions and place in EU_MEMBERS)


def region_label(regions: Collection[str], language: str) -> str:
    """ "United States only", "Solo en Estados Unidos": where a line works, in words."""
    words = translator(language)
    listed = _listed(_names(regions, language), language)
    # Translators: {places} is one country, or several joined with "and".
    return words.pgettext("region", "{places} only").format(places=listed)


def _babel(language: str) -> str:
    return language.replace("-", "_")


def emergency_line(
    numbers: Iterable[tuple[str, Collection[str]]], place: str | None, language: str
) -> str | None:
    """The one line a help slide ends with: "In immediate danger? Call 911".

    ``numbers``: (number, regions) pairs from the pack. With no ``place`` (the venue
    did not say where it is), every number with where it works.
    """
    words = translator(language)
    pairs = list(numbers)
    if place is not None:
        found = list(dict.fromkeys(n for n, regions in pairs if works_in(regions, place)))
        if not found:
            return None
        # Translators: {numbers} is one number, or several joined with "or": "999 or 112".
        call = words.pgettext("emergency", "In immediate danger? Call {numbers}")
        return call.format(numbers=_listed(found, language, "or"))
    if not pairs:
        return None
    by_region: dict[tuple[str, ...], list[str]] = {}
    for number, regions in pairs:
        by_region.setdefault(tuple(regions), []).append(number)
    where = [
        f"{_listed(found, language, 'or')} ({_listed(_names(regions, language), language)})"
        for regions, found in by_region.items()
    ]
    # Translators: {numbers} lists numbers with where they work: "911 (United States); 112 (…)".
    call = words.pgettext("emergency", "In immediate danger? Call the emergency number: {numbers}")
    return call.format(numbers="; ".join(where))


def _names(regions: Collection[str], language: str) -> list[str]:
    return [country_name(code, language=language) for code in regions]


def _listed(items: list[str], language: str, style: str = "and") -> str:
    # Babel's list patterns: only help slides and exports ask for them.
    from babel.lists import format_list

    return format_list(items, style="or" if style == "or" else "standard", locale=_babel(language))

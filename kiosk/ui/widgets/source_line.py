"""The line under a fact or event that names where it comes from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.translation import translator

if TYPE_CHECKING:
    from kiosk.pack.model import Pack
    from kiosk.slides.facts import Fact


def source_text(name: str, language: str) -> str:
    """``Source: name`` in ``language``, ``name`` being the source's name already resolved.

    The source's URL is not shown: it is for organisers, and too long to read.
    """
    # Translators: the line under a figure or an event naming where it comes from;
    # {name} is the source's name, from the pack. French sets a narrow no-break
    # space before the colon.
    return translator(language).pgettext("source line", "Source: {name}").format(name=name)


def fact_source_line(fact: Fact, pack: Pack, language: str) -> str:
    """A fact's source and the year of its data, as a card shows it:
    "Source: UNODC, Global Report 2022 · 2020 vs 2019 data"."""
    line = source_text(pack.text(fact.source.name, language), language)
    if fact.as_of is not None:
        # Translators: how old a figure's data is, after its source: "2022 data".
        data = translator(language).pgettext("source line", "{period} data")
        line += " · " + data.format(period=fact.as_of.display(language))
    return line

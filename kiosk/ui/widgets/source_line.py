"""The line under a fact or event that names where it comes from."""

from __future__ import annotations

from kiosk.pack.values import DataPeriod
from kiosk.translation import translator


def source_text(name: str, language: str) -> str:
    """``Source: name`` in ``language``, ``name`` being the source's name already resolved.

    The source's URL is not shown: it is for organisers, and too long to read.
    """
    # Translators: the line under a figure or an event naming where it comes from;
    # {name} is the source's name, from the pack. French sets a narrow no-break
    # space before the colon.
    return translator(language).pgettext("source line", "Source: {name}").format(name=name)


def fact_source_text(name: str, period: DataPeriod | None, language: str) -> str:
    """The line under a figure: its source and, when the pack says, how old its data
    is: "Source: UNODC · 2022 data". The screen, the handout and the cards say it alike."""
    line = source_text(name, language)
    if period is None:
        return line
    # Translators: how old a figure's data is, after its source: "2022 data".
    data = translator(language).pgettext("source line", "{period} data")
    return line + " · " + data.format(period=period.display(language))

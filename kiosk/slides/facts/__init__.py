"""Key figures: one card per fact, the figure big, its source below."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import ListOf, Section, Text, declare
from kiosk.pack.model import LocalText, Slide, Source
from kiosk.slides import slide_kind


@dataclass(frozen=True, kw_only=True)
class Fact:
    """One key figure."""

    value: LocalText = declare(Text(max_chars=10), "The big figure, e.g. '−11 %' or '41 %'.")
    label: LocalText = declare(
        Text(max_chars=120), "What the figure measures, in one or two short lines."
    )
    source: Source = declare(Section(Source), "Where the figure comes from (required).")


@slide_kind(budget=(204, 408, 612, 817), items="facts")
@dataclass(frozen=True, kw_only=True)
class FactsSlide(Slide):
    """Key figures, each with its source."""

    heading: LocalText = declare(Text(max_chars=70), "Slide heading.")
    facts: tuple[Fact, ...] = declare(ListOf(Fact, 1, 4), "One to four figures.")

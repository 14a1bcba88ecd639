"""Key figures: one card per fact, the figure big, its source below."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import DataYears, ListOf, Section, Text, declare
from kiosk.pack.model import Checks, DataPeriod, LocalText, Slide, Source
from kiosk.slides import slide_kind


@dataclass(frozen=True, kw_only=True)
class Fact:
    """One key figure."""

    value: LocalText = declare(Text(max_chars=12), "The big figure, e.g. '−11 %' or '41 %'.")
    label: LocalText = declare(
        Text(max_chars=120), "What the figure measures, in one or two short lines."
    )
    source: Source = declare(Section(Source), "Where the figure comes from (required).")
    as_of: DataPeriod | None = declare(
        DataYears(),
        "The year or period its data is from: 2022, 2014-2016 or '2020 vs 2019'. Shown "
        "next to the source.",
        default=None,
        recommended="say which year the figure's data is from (e.g. as_of: 2022): "
        "visitors see it next to the source, and validate can tell when it gets old",
    )

    def check(self, checks: Checks) -> None:
        pack = checks.pack
        if pack is None or self.as_of is None:
            return
        if pack.year - self.as_of.latest > pack.max_data_age:
            checks.warn(
                "as_of",
                f"this figure's data is from {self.as_of.iso()}, more than "
                f"{pack.max_data_age} years before the pack's year ({pack.year}): look for "
                "a newer edition of the source, or raise the pack's max_data_age",
            )


@slide_kind(items="facts")
@dataclass(frozen=True, kw_only=True)
class FactsSlide(Slide):
    """Key figures, each with its source."""

    heading: LocalText = declare(Text(max_chars=70), "Slide heading.")
    facts: tuple[Fact, ...] = declare(ListOf(Fact, 1, 4), "One to four figures.")

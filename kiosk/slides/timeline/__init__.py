"""Dated events, oldest first, each with its source."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import Date, ListOf, Section, Text, declare
from kiosk.pack.model import LocalText, PartialDate, Slide, Source
from kiosk.slides import slide_kind


@dataclass(frozen=True, kw_only=True)
class Event:
    """One dated event. Events must be listed oldest first."""

    date: PartialDate = declare(Date(), "YYYY, YYYY-MM or YYYY-MM-DD.")
    title: LocalText = declare(Text(max_chars=90), "What happened, in one line.")
    detail: LocalText | None = declare(
        Text(max_chars=120), "An optional second line.", default=None
    )
    source: Source = declare(Section(Source), "Where the date comes from (required).")


@slide_kind(items="events")
@dataclass(frozen=True, kw_only=True)
class TimelineSlide(Slide):
    """Dated events, oldest first. Many events are split into rows."""

    heading: LocalText = declare(Text(max_chars=70), "Slide heading.")
    events: tuple[Event, ...] = declare(
        ListOf(Event, 2, 12, in_order_of="date"), "Two to twelve events, oldest first."
    )

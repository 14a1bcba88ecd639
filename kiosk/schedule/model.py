"""schedule.yaml: which pack shows when, and when the venue is open. No Qt.

Declared like a pack's keys (``kiosk.pack.fields.declare``), so the same reader
checks it, with file, line and column for every problem, and the JSON Schema
(``kiosk schema --schedule``) and the reference page derive from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.hours import WEEKDAY_NAMES, TimeSpan, Week
from kiosk.pack.fields import DateTime, FolderPath, Hours, ListOf, Section, Weekdays, declare
from kiosk.pack.json_schema import json_schema_for, reference_markdown_for
from kiosk.pack.model import Checks
from kiosk.pack.values import Moment


def _day_hours(day: str) -> tuple[TimeSpan, ...]:
    hours: tuple[TimeSpan, ...] = declare(
        Hours(closed_allowed=True),
        f"{day.capitalize()}'s hours, e.g. 09:00-18:00 (or a list, for a break); left out: closed.",
        default_factory=tuple,
    )
    return hours


@dataclass(frozen=True, kw_only=True)
class OpeningHours:
    """When the venue is open, day by day: outside these hours the screen sleeps. A
    day left out is closed."""

    monday: tuple[TimeSpan, ...] = _day_hours("monday")
    tuesday: tuple[TimeSpan, ...] = _day_hours("tuesday")
    wednesday: tuple[TimeSpan, ...] = _day_hours("wednesday")
    thursday: tuple[TimeSpan, ...] = _day_hours("thursday")
    friday: tuple[TimeSpan, ...] = _day_hours("friday")
    saturday: tuple[TimeSpan, ...] = _day_hours("saturday")
    sunday: tuple[TimeSpan, ...] = _day_hours("sunday")

    @property
    def week(self) -> Week:
        """Monday's spans first."""
        return tuple(getattr(self, name) for name in WEEKDAY_NAMES)

    def check(self, checks: Checks) -> None:
        if not any(self.week):
            checks.warn(
                "",
                "every day is closed: the screen would never wake; give the hours of "
                "at least one day",
            )


@dataclass(frozen=True, kw_only=True)
class Show:
    """One pack and when it shows: from one day to another, and, if given, only on some
    days of the week or at some hours."""

    pack: str = declare(
        FolderPath(),
        "The pack: its folder, from the schedule's folder (e.g. 2026 or packs/2026), or "
        "the name of a bundled pack.",
    )
    starts: Moment | None = declare(
        DateTime(),
        "The first day it shows (YYYY-MM-DD), or the moment it starts "
        "('YYYY-MM-DD HH:MM'); default: since always.",
        key="from",
        default=None,
    )
    until: Moment | None = declare(
        DateTime(),
        "The last day it shows (through its end), or the moment it stops "
        "('YYYY-MM-DD HH:MM'); default: for ever.",
        default=None,
    )
    days: tuple[int, ...] | None = declare(
        Weekdays(), "Only on these days of the week, e.g. [saturday, sunday].", default=None
    )
    hours: tuple[TimeSpan, ...] | None = declare(
        Hours(), "Only at these hours of those days, e.g. 10:00-16:00.", default=None
    )

    def check(self, checks: Checks) -> None:
        first, last = self.starts, self.until
        if first is not None and last is not None and last.ends() <= first.starts():
            checks.error(
                "until",
                f"until ({last.iso()}) is not after from ({first.iso()}): the pack would "
                "never show; swap them or correct one",
            )

    @property
    def narrowed(self) -> bool:
        """Only on some days of the week or at some hours."""
        return self.days is not None or self.hours is not None

    def describe(self) -> str:
        """When it shows, in a few words: "2026-07-20 to 2026-08-05, saturday, 10:00-16:00"."""
        parts = []
        if self.starts or self.until:
            parts.append(
                f"{self.starts.iso() if self.starts else 'always'} to "
                f"{self.until.iso() if self.until else 'ever'}"
            )
        if self.days is not None:
            parts.append(", ".join(WEEKDAY_NAMES[day] for day in self.days))
        if self.hours is not None:
            parts.append(", ".join(span.text() for span in self.hours))
        return "; ".join(parts) or "always"


@dataclass(frozen=True, kw_only=True)
class Schedule:
    """schedule.yaml: which pack shows when, and when the venue is open. When shows
    overlap, the most specific wins: the one with the shorter date range, then one
    limited to some days or hours, then the one written first."""

    default: str | None = declare(
        FolderPath(),
        "The pack shown whenever no show applies (its folder, or a bundled pack's name).",
        default=None,
    )
    shows: tuple[Show, ...] = declare(
        ListOf(Show, 1, 1000), "The packs and when each shows.", default_factory=tuple
    )
    opening_hours: OpeningHours | None = declare(
        Section(OpeningHours),
        "When the venue is open; outside these hours the screen sleeps. Default: always "
        "open (settings.toml's opening_hours, or --opening-hours, come first).",
        default=None,
    )

    def check(self, checks: Checks) -> None:
        if self.default is None and not self.shows:
            checks.error(
                "",
                "the schedule names no pack: give 'default: FOLDER', or a list of 'shows:' "
                "(each with a 'pack:')",
            )

    @property
    def pack_names(self) -> list[str]:
        """Every pack named, as written, each once, the default first."""
        names = [self.default] if self.default is not None else []
        return list(dict.fromkeys([*names, *(show.pack for show in self.shows)]))


def schedule_json_schema() -> dict[str, Any]:
    """schedule.yaml as JSON Schema, for editors (``kiosk schema --schedule``)."""
    return json_schema_for(Schedule, "awareness-kiosk schedule (schedule.yaml)")


def schedule_reference_markdown() -> str:
    """The schedule's keys for organisers (docs/schedule-reference.md is this output)."""
    return reference_markdown_for(
        Schedule,
        "schedule.yaml field reference",
        "Generated by `kiosk schema --schedule --markdown` from the same declaration the "
        "validator uses, so it is always up to date. How a schedule works is in "
        "[schedule.md](schedule.md).",
    )

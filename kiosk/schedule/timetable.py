"""What shows when: a schedule's shows, a pack's slides and the opening hours, on a
time line of instants. Pure Python, no Qt, no clock of its own: every question is
asked for a given moment, so a test can ask about a whole year in milliseconds.

Wall-clock times (a show from 10:00, opening at 09:00, a slide until 17:00) are
turned into instants in the kiosk's time zone, day by day. Where the clocks change,
a time that comes twice (02:30 on the night they go back) is its first coming, and
a time that never comes (02:30 on the night they go forward) is as long after the
change as it was meant to be after the hour before (03:30). Everything is then
compared as instants: a show that ends at 02:30 ends once, and the hour that comes
again does not bring it back.

The rules, for ``Timetable.choose``:

- The shows that apply at a moment are those whose range, days and hours hold it.
- Several apply: the most specific wins, the one with the shorter date range (no
  range: the longest of all), then one limited to some days or hours, then the one
  written first.
- None applies: the default pack. Without a default, the pack of the show that ended
  last stays on (before any show has ended, the first show to come).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from kiosk.hours import MINUTES_A_DAY, TimeSpan, Week
from kiosk.pack.model import Pack, Slide
from kiosk.schedule.model import Schedule, Show

ONE_DAY = dt.timedelta(days=1)
# How far ahead and back a weekly pattern (days of the week, opening hours) is looked
# for: a week and a day covers every weekday and an overnight span.
WEEK_AND_A_DAY = 8


def instant(wall: dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A wall-clock time (no time zone) in ``zone`` as an instant (UTC): the first of a
    time that comes twice, and for one that never comes, the time as long after the
    change as it was meant to be after the hour before."""
    return wall.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)


def local_day(moment: dt.datetime, zone: dt.tzinfo) -> dt.date:
    return moment.astimezone(zone).date()


def _wall(day: dt.date, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minute)


@dataclass(frozen=True)
class Span:
    """From ``start`` to just before ``end``: two instants (UTC)."""

    start: dt.datetime
    end: dt.datetime

    def holds(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end


def day_spans(day: dt.date, spans: Sequence[TimeSpan], zone: dt.tzinfo) -> list[Span]:
    """The spans of hours of ``day`` as instants (an overnight one ends the next day)."""
    out = []
    for hours in spans:
        end_day = day + ONE_DAY if hours.overnight else day
        start, end = (
            instant(_wall(day, hours.start), zone),
            instant(_wall(end_day, hours.end), zone),
        )
        if start < end:  # a span inside the hour that never comes has no length at all
            out.append(Span(start, end))
    return out


_WHOLE_DAY = (TimeSpan(0, MINUTES_A_DAY),)


class ShowTimes:
    """When one show applies, as instants in ``zone``."""

    def __init__(self, show: Show, zone: dt.tzinfo) -> None:
        self.show = show
        self._zone = zone
        self.first = instant(show.starts.starts(), zone) if show.starts else None
        self.last = instant(show.until.ends(), zone) if show.until else None
        self.first_day = show.starts.day - ONE_DAY if show.starts else None
        self.last_day = show.until.ends().date() if show.until else None

    def spans_on(self, day: dt.date) -> list[Span]:
        """The spans that start on ``day``, cut to the show's range."""
        show = self.show
        if show.days is not None and day.weekday() not in show.days:
            return []
        out = []
        for span in day_spans(day, show.hours or _WHOLE_DAY, self._zone):
            start = max(span.start, self.first) if self.first else span.start
            end = min(span.end, self.last) if self.last else span.end
            if start < end:
                out.append(Span(start, end))
        return out

    def holds(self, moment: dt.datetime) -> bool:
        if (self.first and moment < self.first) or (self.last and moment >= self.last):
            return False
        day = local_day(moment, self._zone)
        return any(s.holds(moment) for d in (-1, 0, 1) for s in self.spans_on(day + d * ONE_DAY))

    def _days(self, moment: dt.datetime, forward: bool) -> Iterator[dt.date]:
        day = local_day(moment, self._zone)
        if forward:
            day = max(day - ONE_DAY, self.first_day) if self.first_day else day - ONE_DAY
            for step in range(WEEK_AND_A_DAY + 1):
                current = day + step * ONE_DAY
                if self.last_day and current > self.last_day:
                    return
                yield current
        else:
            day = min(day, self.last_day) if self.last_day else day
            for step in range(WEEK_AND_A_DAY + 1):
                current = day - step * ONE_DAY
                if self.first_day and current < self.first_day:
                    return
                yield current

    def next_edge(self, moment: dt.datetime) -> dt.datetime | None:
        """The first start or end of a span after ``moment``."""
        edges = [
            edge
            for day in self._days(moment, forward=True)
            for span in self.spans_on(day)
            for edge in (span.start, span.end)
            if edge > moment
        ]
        return min(edges, default=None)

    def last_end(self, moment: dt.datetime) -> dt.datetime | None:
        """When it last stopped applying, at or before ``moment``."""
        ends = [
            span.end
            for day in self._days(moment, forward=False)
            for span in self.spans_on(day)
            if span.end <= moment
        ]
        return max(ends, default=None)

    def next_start(self, moment: dt.datetime) -> dt.datetime | None:
        starts = [
            span.start
            for day in self._days(moment, forward=True)
            for span in self.spans_on(day)
            if span.start > moment
        ]
        return min(starts, default=None)

    @property
    def length(self) -> float:
        """The date range's length in seconds: what makes one show more specific."""
        if self.first is None or self.last is None:
            return math.inf
        return (self.last - self.first).total_seconds()


@dataclass(frozen=True)
class Choice:
    """Which pack shows at a moment, and why."""

    pack: str  # as the schedule names it
    show: int | None  # the index of the show that applies; None: the default, or a gap
    why: str
    also: tuple[int, ...] = ()  # other shows that apply but are less specific


class Timetable:
    """The schedule's shows on the time line of ``zone``."""

    def __init__(self, schedule: Schedule, zone: dt.tzinfo) -> None:
        self.schedule = schedule
        self.zone = zone
        self.shows = [ShowTimes(show, zone) for show in schedule.shows]

    def applying(self, moment: dt.datetime) -> list[int]:
        """The shows that apply at ``moment``, most specific first."""
        found = [i for i, times in enumerate(self.shows) if times.holds(moment)]
        return sorted(found, key=self.specificity)

    def specificity(self, index: int) -> tuple[float, int, int]:
        times = self.shows[index]
        return (times.length, 0 if times.show.narrowed else 1, index)

    def choose(self, moment: dt.datetime) -> Choice:
        applying = self.applying(moment)
        if applying:
            first, *others = applying
            show = self.shows[first].show
            why = f"shows[{first}] applies ({show.describe()})"
            if others:
                named = ", ".join(f"shows[{i}]" for i in others)
                why += f"; so do {named}, but shows[{first}] is the most specific"
            return Choice(show.pack, first, why, tuple(others))
        default = self.schedule.default
        if default is not None:
            return Choice(default, None, "no show applies then: the default")
        return self._nearest(moment)

    def _nearest(self, moment: dt.datetime) -> Choice:
        ended = [(t.last_end(moment), i) for i, t in enumerate(self.shows)]
        last = max(((end, i) for end, i in ended if end is not None), default=None)
        if last is not None:
            end, index = last
            return Choice(
                self.shows[index].show.pack,
                None,
                f"no show applies then and there is no default: the pack of the show that "
                f"ended last, shows[{index}] (at {end.astimezone(self.zone):%Y-%m-%d %H:%M}), "
                "stays on",
            )
        coming = [(t.next_start(moment), i) for i, t in enumerate(self.shows)]
        first = min(((start, i) for start, i in coming if start is not None), default=None)
        index = first[1] if first is not None else 0
        return Choice(
            self.shows[index].show.pack,
            None,
            f"no show applies then and there is no default: the pack of the first show "
            f"to come, shows[{index}]",
        )

    def next_edge(self, moment: dt.datetime) -> dt.datetime | None:
        """The next moment a show starts or stops applying."""
        return min(filter(None, (t.next_edge(moment) for t in self.shows)), default=None)


# -- opening hours ---------------------------------------------------------------------


class OpeningTimes:
    """A week of opening hours (Monday first) on the time line of ``zone``."""

    def __init__(self, week: Week, zone: dt.tzinfo) -> None:
        self.week = week
        self.zone = zone

    def spans_on(self, day: dt.date) -> list[Span]:
        return day_spans(day, self.week[day.weekday()], self.zone)

    def is_open(self, moment: dt.datetime) -> bool:
        day = local_day(moment, self.zone)
        return any(s.holds(moment) for d in (-1, 0, 1) for s in self.spans_on(day + d * ONE_DAY))

    def _spans_from(self, moment: dt.datetime) -> list[Span]:
        day = local_day(moment, self.zone) - ONE_DAY
        return [
            s for step in range(WEEK_AND_A_DAY + 1) for s in self.spans_on(day + step * ONE_DAY)
        ]

    def openings(self, moment: dt.datetime) -> list[Span]:
        """The openings from the day before ``moment`` to a week after it; spans that meet
        or overlap (a day open until 24:00 and the next from 00:00) are one opening."""
        merged: list[Span] = []
        for span in sorted(self._spans_from(moment), key=lambda s: s.start):
            if merged and span.start <= merged[-1].end:
                merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
            else:
                merged.append(span)
        return merged

    def next_opening(self, moment: dt.datetime) -> dt.datetime | None:
        """When it next opens after ``moment`` (None: it never does)."""
        return next((o.start for o in self.openings(moment) if o.start > moment), None)

    def closes(self, moment: dt.datetime) -> dt.datetime | None:
        """When the opening that holds ``moment`` ends (None: it is closed then)."""
        return next((o.end for o in self.openings(moment) if o.holds(moment)), None)

    def next_edge(self, moment: dt.datetime) -> dt.datetime | None:
        edges = [e for s in self._spans_from(moment) for e in (s.start, s.end) if e > moment]
        return min(edges, default=None)


# -- slides that come and go ------------------------------------------------------------


def slide_shows(slide: Slide, moment: dt.datetime, zone: dt.tzinfo) -> bool:
    if slide.show_from is not None and moment < instant(slide.show_from.starts(), zone):
        return False
    return slide.show_until is None or moment < instant(slide.show_until.ends(), zone)


def title_slide(pack: Pack) -> Slide:
    """What a pack shows when none of its slides is due: its title slide (the first)."""
    return next((s for s in pack.slides if s.kind == "title"), pack.slides[0])


def slides_at(pack: Pack, moment: dt.datetime, zone: dt.tzinfo) -> tuple[Slide, ...]:
    """The slides of ``pack`` that show at ``moment``: never none (its title slide)."""
    return tuple(s for s in pack.slides if slide_shows(s, moment, zone)) or (title_slide(pack),)


def pack_at(pack: Pack, moment: dt.datetime, zone: dt.tzinfo) -> Pack:
    """``pack`` with only the slides that show at ``moment``. A pack so cut has a
    version of its own (the pack's, and which slides), so that the player tells it
    from the whole pack and from another cut."""
    slides = slides_at(pack, moment, zone)
    if slides == pack.slides:
        return pack
    kept = "".join("1" if s in slides else "0" for s in pack.slides)
    return dataclasses.replace(pack, slides=slides, version=f"{pack.version}/{int(kept, 2):x}")


def slide_edge(packs: Sequence[Pack], moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime | None:
    """The next moment a slide of ``packs`` starts or stops showing."""
    edges = []
    for pack in packs:
        for slide in pack.slides:
            if slide.show_from is not None:
                edges.append(instant(slide.show_from.starts(), zone))
            if slide.show_until is not None:
                edges.append(instant(slide.show_until.ends(), zone))
    return min((e for e in edges if e > moment), default=None)

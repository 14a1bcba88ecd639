"""Times of day, spans of hours and the days of the week, as organisers write them.

Shared by the schedule file's field kinds (``kiosk.pack.fields``) and the run options
(``kiosk.options``: opening hours in settings.toml), so that "09:00-18:00" means the
same everywhere. Plain Python, and cheap to import: every start of the kiosk reads
its options through it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MINUTES_A_DAY = 24 * 60
CLOSED = "closed"

# The patterns are the rule: the validator and the JSON Schema use them as they are
# (they keep to what Python's re and ECMA-262 read alike).
TIME_OF_DAY = "(?:[01]?[0-9]|2[0-3]):[0-5][0-9]"
# An end may be the day's end, 24:00.
END_OF_SPAN = f"(?:{TIME_OF_DAY}|24:00)"
# No line break anywhere: Python's "$" (which validators written in Python use for a
# schema's pattern) also matches before a final line break, and ECMA's does not.
ONE_LINE = "(?![^\\n]*\\n)"
TIME_SPAN = f"{ONE_LINE}{TIME_OF_DAY} *[-–] *{END_OF_SPAN}"


def clock_text(minute: int) -> str:
    """Minutes after midnight as a time of day: 540 -> "09:00", 1440 -> "24:00"."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def minutes(clock: str) -> int:
    """A time of day ("9:30") as minutes after midnight."""
    hours, _, rest = clock.strip().partition(":")
    return int(hours) * 60 + int(rest)


class TimeSpan(NamedTuple):
    """Hours of a day, "09:00-18:00", as minutes after midnight. An end at or before
    the start is on the next day ("22:00-02:00"); "24:00" is the day's end."""

    start: int  # 0 to 1439
    end: int  # 1 to 1440

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def text(self) -> str:
        return f"{clock_text(self.start)}-{clock_text(self.end)}"


def time_span(text: str) -> TimeSpan:
    """A span that ``TIME_SPAN`` matches, as minutes: "09:00-18:00"."""
    start, end = re.split(" *[-–] *", text.strip(), maxsplit=1)
    return TimeSpan(minutes(start), minutes(end))


# Opening hours by day of the week, Monday first: the spans of each day (none: closed).
Week = tuple[tuple[TimeSpan, ...], ...]


class HoursError(ValueError):
    """Opening hours written in a way that cannot be read; the message says how to."""


def read_week(text: str) -> Week:
    """Opening hours as one line: "monday-friday 09:00-18:00; saturday 10:00-14:00".

    Each part is days (a day, a range of days, or several joined by commas; none:
    every day) and their hours (spans joined by commas, or ``closed``). A day no part
    names is closed.
    """
    week: list[tuple[TimeSpan, ...] | None] = [None] * 7
    for part in filter(None, (p.strip() for p in text.split(";"))):
        words = part.split(None, 1)
        if words and re.match(r"[0-9]", words[0]):
            days, hours = list(range(7)), part
        else:
            days, hours = read_days(words[0]), (words[1] if len(words) > 1 else "")
        spans = read_hours(hours)
        for day in days:
            week[day] = (week[day] or ()) + spans
    if all(day is None for day in week):
        raise HoursError("no opening hours given: write e.g. 'monday-friday 09:00-18:00'")
    return tuple(day or () for day in week)


def read_days(text: str) -> list[int]:
    days: list[int] = []
    for item in text.lower().split(","):
        first, _, last = item.strip().partition("-")
        start, end = _day(first), _day(last) if last else _day(first)
        days += [(start + step) % 7 for step in range((end - start) % 7 + 1)]
    return days


def _day(word: str) -> int:
    word = word.strip()
    for index, name in enumerate(WEEKDAY_NAMES):
        if len(word) >= 3 and name.startswith(word):
            return index
    raise HoursError(f"'{word[:20]}' is not a day of the week (monday ... sunday)")


def read_hours(text: str) -> tuple[TimeSpan, ...]:
    text = text.strip()
    if text.lower() == CLOSED:
        return ()
    spans = []
    for item in text.split(","):
        if re.fullmatch(TIME_SPAN, item.strip()) is None:
            raise HoursError(
                f"'{item.strip()[:30]}' is not hours: write HH:MM-HH:MM, e.g. 09:00-18:00, "
                "or closed"
            )
        spans.append(time_span(item))
    return tuple(spans)


def week_text(week: Week) -> str:
    """Opening hours as ``read_week`` reads them."""
    return "; ".join(
        f"{WEEKDAY_NAMES[day]} {', '.join(s.text() for s in spans) or CLOSED}"
        for day, spans in enumerate(week)
    )

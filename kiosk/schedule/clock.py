"""The kiosk's clock: the one source of the time for everything that depends on it.

What shows when, the opening hours, a notice's end and ``kiosk schedule`` all ask a
``Clock`` for the time, never ``datetime.now()`` themselves, so a test can hand them
a clock of its own and run a year in milliseconds. Times are the machine's local
time, in its time zone as the ``zoneinfo`` database knows it, daylight saving
included.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

LOCALTIME = "/etc/localtime"


class Clock(Protocol):
    """The time now, and how long to wait, in real seconds, for a moment to come."""

    @property
    def zone(self) -> dt.tzinfo:
        """The time zone wall-clock times (opening hours, days) are in."""
        ...

    def now(self) -> dt.datetime:
        """Now, in ``zone`` (an aware datetime)."""
        ...

    def seconds_until(self, moment: dt.datetime) -> float:
        """Real seconds until ``moment`` (negative once it has passed)."""
        ...


class SystemClock:
    """The machine's own clock, in its local time zone (or ``zone``)."""

    def __init__(self, zone: dt.tzinfo | None = None) -> None:
        self._zone = zone if zone is not None else local_zone()

    @property
    def zone(self) -> dt.tzinfo:
        return self._zone

    def now(self) -> dt.datetime:
        return dt.datetime.now(self._zone)

    def seconds_until(self, moment: dt.datetime) -> float:
        return (moment - dt.datetime.now(dt.UTC)).total_seconds()


def local_zone() -> dt.tzinfo:
    """This machine's time zone: ``TZ`` when it names one, else /etc/localtime (by its
    name in the zone database when it is a link into it, so that logs say
    "Europe/Madrid"), else the current offset from UTC alone (logged: no daylight
    saving then)."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("TZ=%r is not a time zone this machine knows; using %s", name, LOCALTIME)
    try:
        target = os.path.realpath(LOCALTIME)
        if "/zoneinfo/" in target:
            return ZoneInfo(target.split("/zoneinfo/", 1)[1])
        with open(LOCALTIME, "rb") as data:
            return ZoneInfo.from_file(data, key="localtime")
    except (OSError, ValueError, ZoneInfoNotFoundError):
        pass
    zone = dt.datetime.now().astimezone().tzinfo
    log.warning(
        "this machine's time zone is unknown (no %s); using the offset %s, without daylight saving",
        LOCALTIME,
        zone,
    )
    return zone or dt.UTC


def zone_name(zone: dt.tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone)


class TimeError(ValueError):
    """A time typed by staff that cannot be read; the message says how to write it."""


def typed_time(text: str, now: dt.datetime) -> dt.datetime:
    """A time as staff type it, on ``now``'s clock: "17:00" (today), "2026-07-30" (its
    start) or "2026-07-30 14:00"; an aware datetime in ``now``'s time zone."""
    import re  # deferred, as the rest of this reading: for the commands that need it

    zone = now.tzinfo
    words = text.strip().replace("T", " ").split()
    try:
        if len(words) == 1 and re.fullmatch(r"[0-9]{1,2}:[0-9]{2}", words[0]):
            clock = dt.time.fromisoformat(words[0].zfill(5))
            return dt.datetime.combine(now.date(), clock).replace(tzinfo=zone)
        if len(words) in (1, 2) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", words[0]):
            day = dt.date.fromisoformat(words[0])
            clock = dt.time.fromisoformat(words[1].zfill(5)) if len(words) == 2 else dt.time()
            return dt.datetime.combine(day, clock).replace(tzinfo=zone)
    except ValueError:
        pass
    raise TimeError(
        f"'{text[:40]}' is not a time: write HH:MM for today (17:00), or a day and a time "
        '("2026-07-30 14:00")'
    )

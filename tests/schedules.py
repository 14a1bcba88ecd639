"""Schedules for the tests: a folder of packs (copies of the bundled ones) with a
schedule.yaml, and clocks the tests control."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.paths import content_dir

MADRID = ZoneInfo("Europe/Madrid")


def schedule_folder(folder: Path, schedule: str, packs: tuple[str, ...] = ("2023", "2024")) -> Path:
    """``folder`` holding copies of bundled ``packs`` (named pack-YEAR) and ``schedule``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in packs:
        if not (folder / f"pack-{name}").exists():
            shutil.copytree(content_dir() / name, folder / f"pack-{name}")
    (folder / "schedule.yaml").write_text(textwrap.dedent(schedule).lstrip("\n"), "utf-8")
    return folder


def local(text: str, zone: dt.tzinfo = MADRID, fold: int = 0) -> dt.datetime:
    """A wall-clock time in ``zone`` as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=zone, fold=fold)


class FastClock:
    """A clock that starts at ``start`` and runs ``speed`` times faster than real time;
    ``jump`` moves it as an NTP correction would."""

    def __init__(self, start: dt.datetime, speed: float = 1.0) -> None:
        assert start.tzinfo is not None
        self._zone = start.tzinfo
        self._start = start.astimezone(dt.UTC)
        self._began = time.monotonic()
        self.speed = speed

    @property
    def zone(self) -> dt.tzinfo:
        return self._zone

    def now(self) -> dt.datetime:
        passed = (time.monotonic() - self._began) * self.speed
        return (self._start + dt.timedelta(seconds=passed)).astimezone(self._zone)

    def seconds_until(self, moment: dt.datetime) -> float:
        return (moment - self.now()).total_seconds() / self.speed

    def jump(self, by: dt.timedelta) -> None:
        self._start += by

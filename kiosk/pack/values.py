"""The small value types a pack's fields hold: text in several languages, a date known
to the year, month or day, where something was written, and the days and hours
something shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from kiosk.hours import clock_text
from kiosk.translation import date_text, translator


class LocalText(NamedTuple):
    """Text that may be one string for every language or a mapping by language.

    A plain string in a pack is language-neutral (names such as "UNODC" read the
    same everywhere). A mapping ``{en: ..., es: ...}`` is translated text; a
    language it lacks falls back to the pack's default language, and the loader
    warns about it.
    """

    by_language: Mapping[str, str]
    neutral: str | None = None  # set when the pack gave a plain string

    @classmethod
    def plain(cls, text: str) -> LocalText:
        return cls(by_language={}, neutral=text)

    def get(self, language: str, default_language: str) -> str:
        """The text in ``language``, else in the default language, else any."""
        if self.neutral is not None:
            return self.neutral
        for lang in (language, default_language):
            if lang in self.by_language:
                return self.by_language[lang]
        return next(iter(self.by_language.values()), "")

    def variants(self) -> list[str]:
        """Every spelling of this text, for measuring the longest one."""
        if self.neutral is not None:
            return [self.neutral]
        return list(self.by_language.values())

    def __bool__(self) -> bool:
        return bool(self.neutral) or any(self.by_language.values())


class PartialDate(NamedTuple):
    """A year, a month of a year, or a day: timeline events are often known only so far."""

    year: int
    month: int = 0  # 0 = unknown
    day: int = 0

    def display(self, language: str) -> str:
        """As ``language`` writes a short date: "2003", "Jul 2010", "30 jul 2010"."""
        return date_text(self.year, self.month, self.day, language=language)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


class Origin(NamedTuple):
    """Where a thing was written, so logs and messages can point at it."""

    file: Path
    line: int  # 1-based
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


class DataPeriod(NamedTuple):
    """The year, or years, a figure's data is from: 2022; 2014–2016; 2020 vs 2019.

    Written in the pack as ``as_of: 2022``, ``as_of: "2014-2016"`` or
    ``as_of: "2020 vs 2019"`` (a change from one year to another).
    """

    first: int
    last: int
    compared_with: int | None = None  # "2020 vs 2019": the year 2020 is compared with

    @property
    def latest(self) -> int:
        """The most recent year the figure rests on: how old its data is."""
        return max(self.last, self.compared_with or 0)

    def iso(self) -> str:
        if self.compared_with is not None:
            return f"{self.last} vs {self.compared_with}"
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"

    def display(self, language: str) -> str:
        """As ``language`` writes it: "2020 vs 2019", "2020 frente a 2019", "2014–2016"."""
        if self.compared_with is None:
            return self.iso()
        # Translators: a figure that compares one year's data with an earlier year's.
        comparison = translator(language).pgettext("data period", "{year} vs {earlier}")
        return comparison.format(year=self.last, earlier=self.compared_with)


# -- when something shows (kiosk.schedule) --------------------------------------------------


class Moment(NamedTuple):
    """A day, or a day and a time of day, on the kiosk's own clock: when a slide or a
    scheduled pack starts or stops showing.

    A day alone means the whole day: shown *from* it, from its first minute; shown
    *until* it, to its end (``2026-08-05`` shows through that day).
    """

    day: dt.date
    minute: int | None = None  # after midnight, 0 to 1439; None: the whole day

    def starts(self) -> dt.datetime:
        """As a start, on the wall clock (no time zone): its first minute."""
        return dt.datetime.combine(self.day, dt.time()) + dt.timedelta(minutes=self.minute or 0)

    def ends(self) -> dt.datetime:
        """As an end, on the wall clock: its minute, or the end of the day."""
        if self.minute is None:
            return dt.datetime.combine(self.day + dt.timedelta(days=1), dt.time())
        return dt.datetime.combine(self.day, dt.time()) + dt.timedelta(minutes=self.minute)

    def iso(self) -> str:
        day = self.day.isoformat()
        return day if self.minute is None else f"{day} {clock_text(self.minute)}"

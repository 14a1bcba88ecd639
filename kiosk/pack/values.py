"""The small value types a pack's fields hold: text in several languages, a date known
to the year, month or day, and where something was written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.translation import date_text


@dataclass(frozen=True)
class LocalText:
    """Text that may be one string for every language or a mapping by language.

    A plain string in a pack is language-neutral (names such as "UNODC" read the
    same everywhere). A mapping ``{en: ..., es: ...}`` is translated text; a
    language it lacks falls back to the pack's default language, and the loader
    warns about it.
    """

    by_language: Mapping[str, str] = field(default_factory=dict)
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


@dataclass(frozen=True, order=True)
class PartialDate:
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


@dataclass(frozen=True)
class Origin:
    """Where a thing was written, so logs and messages can point at it."""

    file: Path
    line: int  # 1-based
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

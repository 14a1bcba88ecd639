"""The content model: plain, typed, immutable objects built from a pack folder.

Views draw these and nothing else. Nothing here imports Qt, so validation runs on
any machine and in well under a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kiosk.pack.i18n import LocalText
from kiosk.translation import date_text

Transition = Literal["crossfade", "slide", "none"]
Mode = Literal["event", "touch"]


@dataclass(frozen=True)
class Origin:
    """Where a thing was written, so logs and messages can point at it."""

    file: Path
    line: int  # 1-based
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


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
class Source:
    name: LocalText
    url: str


@dataclass(frozen=True)
class Fact:
    value: LocalText
    label: LocalText
    source: Source


@dataclass(frozen=True)
class Event:
    date: PartialDate
    title: LocalText
    source: Source
    detail: LocalText | None = None


@dataclass(frozen=True)
class FailurePoint:
    icon: str
    title: LocalText
    action: LocalText


@dataclass(frozen=True)
class Resource:
    name: LocalText
    description: LocalText
    url: str
    phone: str | None = None


@dataclass(frozen=True)
class Slide:
    """Fields every slide kind has."""

    origin: Origin
    duration: float | None  # seconds; None = the pack's default

    @property
    def kind(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class TitleSlide(Slide):
    day: LocalText
    date: LocalText
    theme: LocalText
    quote: LocalText | None = None
    quote_by: LocalText | None = None
    logo: Path | None = None

    @property
    def kind(self) -> str:
        return "title"


@dataclass(frozen=True)
class FactsSlide(Slide):
    heading: LocalText
    facts: tuple[Fact, ...]

    @property
    def kind(self) -> str:
        return "facts"


@dataclass(frozen=True)
class TimelineSlide(Slide):
    heading: LocalText
    events: tuple[Event, ...]

    @property
    def kind(self) -> str:
        return "timeline"


@dataclass(frozen=True)
class FailuresSlide(Slide):
    heading: LocalText
    points: tuple[FailurePoint, ...]
    intro: LocalText | None = None

    @property
    def kind(self) -> str:
        return "failures"


@dataclass(frozen=True)
class ResourcesSlide(Slide):
    heading: LocalText
    resources: tuple[Resource, ...]
    intro: LocalText | None = None

    @property
    def kind(self) -> str:
        return "resources"


@dataclass(frozen=True)
class Theme:
    background: str = "#0b1d33"
    surface: str = "#14304f"
    text: str = "#ffffff"
    muted: str = "#c9d6e3"
    accent: str = "#4aa3ff"


@dataclass(frozen=True)
class Timing:
    slide_seconds: float = 12.0
    transition: Transition = "crossfade"
    transition_ms: int = 700
    idle_seconds: float = 60.0


@dataclass(frozen=True)
class Pack:
    root: Path
    title: LocalText
    year: int
    date: PartialDate
    languages: tuple[str, ...]
    default_language: str
    slides: tuple[Slide, ...]
    theme: Theme = field(default_factory=Theme)
    timing: Timing = field(default_factory=Timing)
    mode: Mode = "event"
    # What a visitor sees, as a short digest of the bytes loaded: pack.yaml and every
    # image it names. Two loads with the same version show the same slides.
    version: str = ""

    def text(self, value: LocalText | None, language: str) -> str:
        """Resolve a text in ``language`` with this pack's fallback rules."""
        return "" if value is None else value.get(language, self.default_language)

    def duration_of(self, slide: Slide) -> float:
        return slide.duration if slide.duration is not None else self.timing.slide_seconds

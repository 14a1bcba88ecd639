"""The content model: plain, typed, immutable objects built from a pack folder.

Views draw these and nothing else. Nothing here imports Qt, so validation runs on
any machine and in well under a second.

Each class declares the pack.yaml keys it is read from (``declare``): their kind,
limits and documentation. The loader, the JSON Schema and the reference page are
derived from these declarations. The slide kinds are declared the same way, each
in its own package under ``kiosk.slides``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, NamedTuple, Protocol, runtime_checkable

from kiosk.options import IDLE_SECONDS_RANGE, Mode, Transition
from kiosk.pack.fields import (
    Choice,
    Colour,
    Date,
    DateTime,
    ImagePath,
    Integer,
    Language,
    Languages,
    ListOf,
    Number,
    PlainText,
    Regions,
    Section,
    Slides,
    Text,
    WebAddress,
    declare,
)
from kiosk.pack.values import DataPeriod, LocalText, Moment, Origin, PartialDate
from kiosk.urls import scheme_of

__all__ = [
    "Brand",
    "Checks",
    "ChecksItself",
    "DataPeriod",
    "EmergencyNumber",
    "LocalText",
    "Mode",
    "Moment",
    "Origin",
    "Pack",
    "PackContext",
    "PartialDate",
    "Slide",
    "Source",
    "Theme",
    "Timing",
    "Transition",
    "check_number_has_region",
]


class PackContext(NamedTuple):
    """What a pack's items are checked against: its year, its date and how old data
    may be."""

    year: int
    date: PartialDate | None
    max_data_age: int


class Checks(Protocol):
    """What a model's own ``check`` may ask of the pack being read, and where it
    reports: ``error`` and ``warn`` point at one of the object's keys (its line in
    pack.yaml), or at the object itself for ``key=""``."""

    @property
    def languages(self) -> tuple[str, ...]: ...

    @property
    def pack(self) -> PackContext | None:
        """The pack's year, date and data-age limit; None when they could not be read."""
        ...

    def error(self, key: str, message: str) -> None: ...

    def warn(self, key: str, message: str) -> None: ...

    def picture_size(self, path: Path) -> tuple[int, int] | None:
        """A raster picture's width and height as decoded; None for a drawing (SVG)."""
        ...


def check_number_has_region(
    checks: Checks, url: str, phone: str | None, region: tuple[str, ...]
) -> None:
    """Warn when a phone number (a ``tel:`` or ``sms:`` code, or a ``phone`` text) does
    not say where it works: a help number only helps where it works."""
    scheme = scheme_of(url)
    if not region and (phone or (scheme is not None and scheme.dials)):
        checks.warn(
            "",
            "a phone number works in one country: say which with region, e.g. "
            "region: [US], so that a kiosk elsewhere does not show it as if it helped",
        )


@runtime_checkable
class ChecksItself(Protocol):
    """A model class with checks of its own, run once its fields are read: a source
    published after the pack's date, a phone line that does not say where it works,
    a picture too small for the screen."""

    def check(self, checks: Checks) -> None: ...


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where a figure or date comes from. Shown under it, so visitors and organisers can
    check it."""

    name: LocalText = declare(
        Text(max_chars=90), "Publisher and document, e.g. 'UNODC Global Report 2022'."
    )
    url: str = declare(WebAddress(), "Address of the source (https://...).")
    published: PartialDate | None = declare(
        Date(),
        "When the source was published (YYYY-MM-DD, or YYYY-MM, or YYYY): validate warns "
        "when it is later than the pack's date.",
        default=None,
    )

    def check(self, checks: Checks) -> None:
        pack = checks.pack
        if pack is None or pack.date is None or self.published is None:
            return
        if self.published > pack.date:
            checks.warn(
                "published",
                f"this source was published on {self.published.iso()}, after the pack's date "
                f"({pack.date.iso()}): the day's visitors could not have seen it; use what "
                "was known then, or move it to a later pack",
            )


@dataclass(frozen=True, kw_only=True)
class EmergencyNumber:
    """A number to call in immediate danger, and where it works. A help slide shows
    the one for the kiosk's region: "In immediate danger? Call 911"."""

    number: str = declare(PlainText(max_chars=20), "The number as dialled, e.g. '911'.")
    region: tuple[str, ...] = declare(
        Regions(),
        "Where it works: ISO 3166 country codes, e.g. [US, CA, MX]; EU for the whole "
        "European Union.",
    )


@dataclass(frozen=True, kw_only=True)
class Slide:
    """Fields every slide kind has."""

    kind: ClassVar[str]  # its ``type:``, set where the kind is declared (kiosk.slides)

    # Where it was written, for logs and messages; not part of what it shows.
    origin: Origin = field(compare=False)
    duration: float | None = declare(
        Number(2, 600),
        "Seconds this slide stays on screen; default: timing.slide_seconds.",
        default=None,
    )
    # A slide that comes and goes: a workshop's, shown until the workshop is over.
    show_from: Moment | None = declare(
        DateTime(),
        "The first day (YYYY-MM-DD) or moment ('YYYY-MM-DD HH:MM') this slide shows, on "
        "the kiosk's clock; default: always.",
        default=None,
    )
    show_until: Moment | None = declare(
        DateTime(),
        "The last day this slide shows (through its end), or the moment it stops "
        "('YYYY-MM-DD HH:MM'); default: always. When every slide has ended, the pack "
        "shows its title slide.",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Theme:
    """Colours, as #rrggbb. QR codes are always dark on light, whatever the theme."""

    background: str = declare(Colour(), "Slide background.", default="#0b1d33")
    surface: str = declare(Colour(), "Cards and panels on the background.", default="#14304f")
    text: str = declare(Colour(), "Main text.", default="#ffffff")
    muted: str = declare(Colour(), "Sources and secondary text.", default="#c9d6e3")
    accent: str = declare(Colour(), "Big figures, dates and highlights.", default="#4aa3ff")


@dataclass(frozen=True, kw_only=True)
class Brand:
    """The band along the top of every slide but the title: what the kiosk is about and
    when, for a visitor who walks up in the middle of the loop."""

    text: LocalText | None = declare(
        Text(max_chars=80),
        "What the band says, e.g. 'World Day against Trafficking in Persons · 30 July "
        "2023'. Default: the title slide's day and date.",
        default=None,
    )
    logo: Path | None = declare(
        ImagePath(),
        "A small logo before the text: a PNG, JPEG, GIF, WebP or SVG in the pack. "
        "Default: the title slide's logo.",
        default=None,
    )


@dataclass(frozen=True, kw_only=True)
class Timing:
    """How the slideshow moves."""

    slide_seconds: float = declare(Number(2, 600), "Default seconds per slide.", default=12.0)
    transition: Transition = declare(
        Choice(Transition),
        "crossfade, slide, or none (instant cuts, for reduced motion).",
        default=Transition.CROSSFADE,
    )
    transition_ms: int = declare(
        Integer(0, 3000), "Length of a transition in milliseconds.", default=700
    )
    idle_seconds: float = declare(
        Number(*IDLE_SECONDS_RANGE),
        "Touch mode: seconds without a touch before returning to the first slide.",
        default=60.0,
    )


@dataclass(frozen=True, kw_only=True)
class Pack:
    """pack.yaml: one content pack."""

    title: LocalText = declare(Text(max_chars=120), "Name of the pack, shown to staff and in logs.")
    year: int = declare(Integer(2000, 2100), "The year this pack is for.")
    date: PartialDate = declare(Date(), "The day itself, YYYY-MM-DD.")
    languages: tuple[str, ...] = declare(
        Languages(), "Languages the texts are written in, e.g. [en, es]."
    )
    default_language: str = declare(
        Language(), "Language shown first, and used where a translation is missing."
    )
    mode: Mode = declare(
        Choice(Mode), "event (plays by itself) or touch (visitors tap).", default=Mode.EVENT
    )
    theme: Theme = declare(Section(Theme), "Colours.", default_factory=Theme)
    timing: Timing = declare(
        Section(Timing), "Slide and transition timing.", default_factory=Timing
    )
    slides: tuple[Slide, ...] = declare(Slides(), "The slides, in the order they play.")
    emergency: tuple[EmergencyNumber, ...] = declare(
        ListOf(EmergencyNumber, 1, 40),
        "Emergency numbers by region; help slides show the one for the kiosk's region.",
        default=(),
    )
    brand: Brand | None = declare(
        Section(Brand),
        "A band along the top of every slide but the title, with the logo and the day "
        "and date: `brand: {}` takes both from the title slide.",
        default=None,
    )
    organisation: LocalText | None = declare(
        Text(max_chars=90),
        "Who made this pack (a library, a charity, a network): printed on handouts and "
        "posters, and the author of their PDF files. Optional.",
        default=None,
    )
    max_data_age: int = declare(
        Integer(1, 100),
        "Validate warns about a figure whose data is more years older than the pack's date.",
        default=6,
    )

    root: Path  # the pack folder
    # What a visitor sees, as a short digest of the bytes loaded: pack.yaml and every
    # image it names. Two loads with the same version show the same slides.
    version: str = ""

    def text(self, value: LocalText | None, language: str) -> str:
        """Resolve a text in ``language`` with this pack's fallback rules."""
        return "" if value is None else value.get(language, self.default_language)

    def duration_of(self, slide: Slide) -> float:
        return slide.duration if slide.duration is not None else self.timing.slide_seconds

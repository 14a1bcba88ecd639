"""The pack format, declared once.

Validation (``load``), the JSON Schema for editors (``jsonschema``) and the
organiser reference (``kiosk schema --markdown``) are all derived from these
declarations, so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from kiosk.pack import model


class Kind(StrEnum):
    TEXT = "text"  # a string, or {language: string}
    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    WEB_URL = "web-url"  # http(s) only: sources
    QR_TARGET = "qr-target"  # http, https, tel, sms, mailto: what a QR code opens
    IMAGE = "image"  # a path inside the pack folder
    COLOR = "color"  # #rrggbb
    DATE = "date"  # YYYY, YYYY-MM or YYYY-MM-DD
    LANGUAGE = "language"
    LANGUAGES = "languages"
    ICON = "icon"  # a qtawesome icon name, e.g. fa6s.hand-holding-heart
    CHOICE = "choice"
    OBJECT = "object"
    LIST = "list"  # a list of ``shape`` objects
    SLIDES = "slides"  # a list of slides, each shaped by its ``type``


# Schemes a QR code may open on a visitor's phone. Anything else (javascript:,
# file:, data:) is refused: a pack is shared between venues and must not be able
# to point a visitor's phone at something harmful.
QR_SCHEMES = ("https", "http", "tel", "sms", "mailto")

# Longest QR target, in bytes. Version 10 at error level M holds 213 bytes in
# byte mode: 57 modules a side, 65 with the quiet zone. The views never draw a
# module smaller than 1/270 of the screen's short side (kiosk/ui/theme.py), so a
# denser code would need more room than a slide of six resources has. Longer
# links need a shorter address or a redirect.
QR_MAX_BYTES = 213

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    kind: Kind
    doc: str
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()
    shape: ShapeSpec | None = None  # for OBJECT and LIST
    min_items: int = 0
    max_items: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    # Text longer than this still shows (it shrinks to fit), but past it the
    # type would get too small to read from two metres: validate warns.
    max_chars: int | None = None
    # Model attribute, when it differs from the key organisers write.
    attribute: str | None = None

    @property
    def target(self) -> str:
        return self.attribute or self.key


@dataclass(frozen=True)
class ShapeSpec:
    name: str
    doc: str
    fields: tuple[FieldSpec, ...]
    build: Callable[..., object] | None = None

    def field(self, key: str) -> FieldSpec | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, FieldSpec]:
        return {f.key: f for f in self.fields}

    @property
    def keys(self) -> list[str]:
        return [f.key for f in self.fields]


SOURCE = ShapeSpec(
    "source",
    "Where a figure or date comes from. Shown under it, so visitors and organisers can check it.",
    (
        FieldSpec(
            "name",
            Kind.TEXT,
            "Publisher and document, e.g. 'UNODC Global Report 2022'.",
            required=True,
            max_chars=90,
        ),
        FieldSpec("url", Kind.WEB_URL, "Address of the source (http or https).", required=True),
    ),
    model.Source,
)

FACT = ShapeSpec(
    "fact",
    "One key figure.",
    (
        FieldSpec(
            "value",
            Kind.TEXT,
            "The big figure, e.g. '−11 %' or '41 %'.",
            required=True,
            max_chars=10,
        ),
        FieldSpec(
            "label",
            Kind.TEXT,
            "What the figure measures, in one or two short lines.",
            required=True,
            max_chars=120,
        ),
        FieldSpec(
            "source",
            Kind.OBJECT,
            "Where the figure comes from (required).",
            required=True,
            shape=SOURCE,
        ),
    ),
    model.Fact,
)

EVENT = ShapeSpec(
    "event",
    "One dated event. Events must be listed oldest first.",
    (
        FieldSpec("date", Kind.DATE, "YYYY, YYYY-MM or YYYY-MM-DD.", required=True),
        FieldSpec("title", Kind.TEXT, "What happened, in one line.", required=True, max_chars=90),
        FieldSpec("detail", Kind.TEXT, "An optional second line.", max_chars=120),
        FieldSpec(
            "source",
            Kind.OBJECT,
            "Where the date comes from (required).",
            required=True,
            shape=SOURCE,
        ),
    ),
    model.Event,
)

FAILURE_POINT = ShapeSpec(
    "failure point",
    "One way people are left behind, and what a community can do about it.",
    (
        FieldSpec(
            "icon",
            Kind.ICON,
            "A qtawesome icon name, e.g. 'fa6s.hand-holding-heart'.",
            required=True,
        ),
        FieldSpec(
            "title", Kind.TEXT, "The failure, in one sentence.", required=True, max_chars=100
        ),
        FieldSpec(
            "action", Kind.TEXT, "What a community can do about it.", required=True, max_chars=160
        ),
    ),
    model.FailurePoint,
)

RESOURCE = ShapeSpec(
    "resource",
    "An organisation or hotline. Its address becomes a QR code.",
    (
        FieldSpec(
            "name", Kind.TEXT, "Name of the organisation or hotline.", required=True, max_chars=70
        ),
        FieldSpec(
            "description", Kind.TEXT, "What it offers, in one line.", required=True, max_chars=110
        ),
        FieldSpec(
            "url",
            Kind.QR_TARGET,
            "What the QR code opens: https:, http:, tel:, sms: or mailto:.",
            required=True,
        ),
        FieldSpec(
            "phone",
            Kind.STRING,
            "A phone number shown as text, e.g. '1-888-373-7888'.",
            max_chars=40,
        ),
    ),
    model.Resource,
)

COMMON_SLIDE_FIELDS = (
    FieldSpec("type", Kind.CHOICE, "The slide kind.", required=True),
    FieldSpec(
        "duration",
        Kind.NUMBER,
        "Seconds this slide stays on screen; default: timing.slide_seconds.",
        minimum=2,
        maximum=600,
    ),
)

SLIDE_KINDS: dict[str, ShapeSpec] = {
    "title": ShapeSpec(
        "title slide",
        "The day and the year's theme.",
        (
            *COMMON_SLIDE_FIELDS,
            FieldSpec("day", Kind.TEXT, "Name of the day.", required=True, max_chars=70),
            FieldSpec(
                "date",
                Kind.TEXT,
                "The date as visitors read it, e.g. '30 July 2023'.",
                required=True,
                max_chars=40,
            ),
            FieldSpec("theme", Kind.TEXT, "The year's theme line.", required=True, max_chars=110),
            FieldSpec("quote", Kind.TEXT, "An optional short quote.", max_chars=220),
            FieldSpec("quote_by", Kind.TEXT, "Who said the quote.", max_chars=80),
            FieldSpec(
                "logo",
                Kind.IMAGE,
                "An optional logo: a PNG, JPEG, GIF, WebP or SVG picture in the pack.",
            ),
        ),
        model.TitleSlide,
    ),
    "facts": ShapeSpec(
        "facts slide",
        "Key figures, each with its source.",
        (
            *COMMON_SLIDE_FIELDS,
            FieldSpec("heading", Kind.TEXT, "Slide heading.", required=True, max_chars=70),
            FieldSpec(
                "facts",
                Kind.LIST,
                "One to four figures.",
                required=True,
                shape=FACT,
                min_items=1,
                max_items=4,
            ),
        ),
        model.FactsSlide,
    ),
    "timeline": ShapeSpec(
        "timeline slide",
        "Dated events, oldest first. Many events are split into rows.",
        (
            *COMMON_SLIDE_FIELDS,
            FieldSpec("heading", Kind.TEXT, "Slide heading.", required=True, max_chars=70),
            FieldSpec(
                "events",
                Kind.LIST,
                "Two to twelve events, oldest first.",
                required=True,
                shape=EVENT,
                min_items=2,
                max_items=12,
            ),
        ),
        model.TimelineSlide,
    ),
    "failures": ShapeSpec(
        "failures slide",
        "What 'leaving people behind' means, and what a community can do.",
        (
            *COMMON_SLIDE_FIELDS,
            FieldSpec("heading", Kind.TEXT, "Slide heading.", required=True, max_chars=70),
            FieldSpec("intro", Kind.TEXT, "An optional lead-in line.", max_chars=120),
            FieldSpec(
                "points",
                Kind.LIST,
                "One to four failure points.",
                required=True,
                shape=FAILURE_POINT,
                min_items=1,
                max_items=4,
            ),
        ),
        model.FailuresSlide,
    ),
    "resources": ShapeSpec(
        "resources slide",
        "Organisations and hotlines, each with a QR code.",
        (
            *COMMON_SLIDE_FIELDS,
            FieldSpec("heading", Kind.TEXT, "Slide heading.", required=True, max_chars=70),
            FieldSpec("intro", Kind.TEXT, "An optional lead-in line.", max_chars=120),
            FieldSpec(
                "resources",
                Kind.LIST,
                "One to six resources.",
                required=True,
                shape=RESOURCE,
                min_items=1,
                max_items=6,
            ),
        ),
        model.ResourcesSlide,
    ),
}

THEME = ShapeSpec(
    "theme",
    "Colours, as #rrggbb. QR codes are always dark on light, whatever the theme.",
    tuple(
        FieldSpec(key, Kind.COLOR, doc, default=getattr(model.Theme(), key))
        for key, doc in (
            ("background", "Slide background."),
            ("surface", "Cards and panels on the background."),
            ("text", "Main text."),
            ("muted", "Sources and secondary text."),
            ("accent", "Big figures, dates and highlights."),
        )
    ),
    model.Theme,
)

TIMING = ShapeSpec(
    "timing",
    "How the slideshow moves.",
    (
        FieldSpec(
            "slide_seconds",
            Kind.NUMBER,
            "Default seconds per slide.",
            default=model.Timing.slide_seconds,
            minimum=2,
            maximum=600,
        ),
        FieldSpec(
            "transition",
            Kind.CHOICE,
            "crossfade, slide, or none (instant cuts, for reduced motion).",
            default=model.Timing.transition,
            choices=("crossfade", "slide", "none"),
        ),
        FieldSpec(
            "transition_ms",
            Kind.INTEGER,
            "Length of a transition in milliseconds.",
            default=model.Timing.transition_ms,
            minimum=0,
            maximum=3000,
        ),
        FieldSpec(
            "idle_seconds",
            Kind.NUMBER,
            "Touch mode: seconds without a touch before returning to the first slide.",
            default=model.Timing.idle_seconds,
            minimum=10,
            maximum=3600,
        ),
    ),
    model.Timing,
)

PACK = ShapeSpec(
    "pack",
    "pack.yaml: one content pack.",
    (
        FieldSpec(
            "title",
            Kind.TEXT,
            "Name of the pack, shown to staff and in logs.",
            required=True,
            max_chars=120,
        ),
        FieldSpec(
            "year",
            Kind.INTEGER,
            "The year this pack is for.",
            required=True,
            minimum=2000,
            maximum=2100,
        ),
        FieldSpec("date", Kind.DATE, "The day itself, YYYY-MM-DD.", required=True),
        FieldSpec(
            "languages",
            Kind.LANGUAGES,
            "Languages the texts are written in, e.g. [en, es].",
            required=True,
        ),
        FieldSpec(
            "default_language",
            Kind.LANGUAGE,
            "Language shown first, and used where a translation is missing.",
            required=True,
        ),
        FieldSpec(
            "mode",
            Kind.CHOICE,
            "event (plays by itself) or touch (visitors tap).",
            default="event",
            choices=("event", "touch"),
        ),
        FieldSpec("theme", Kind.OBJECT, "Colours.", shape=THEME),
        FieldSpec("timing", Kind.OBJECT, "Slide and transition timing.", shape=TIMING),
        FieldSpec(
            "slides", Kind.SLIDES, "The slides, in the order they play.", required=True, min_items=1
        ),
    ),
)

"""The title slide: the day, its date, the year's theme, an optional quote and logo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.pack.fields import ImagePath, Text, declare
from kiosk.pack.model import LocalText, Slide
from kiosk.slides import slide_kind


@slide_kind()
@dataclass(frozen=True, kw_only=True)
class TitleSlide(Slide):
    """The day and the year's theme."""

    day: LocalText = declare(Text(max_chars=70), "Name of the day.")
    date: LocalText = declare(
        Text(max_chars=40), "The date as visitors read it, e.g. '30 July 2023'."
    )
    theme: LocalText = declare(Text(max_chars=110), "The year's theme line.")
    quote: LocalText | None = declare(Text(max_chars=220), "An optional short quote.", default=None)
    quote_by: LocalText | None = declare(Text(max_chars=80), "Who said the quote.", default=None)
    logo: Path | None = declare(
        ImagePath(), "An optional logo: a PNG, JPEG, GIF, WebP or SVG in the pack.", default=None
    )

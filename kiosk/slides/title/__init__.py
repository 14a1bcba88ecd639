"""The title slide: the day, its date, the year's theme, an optional quote and logo."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.pack.fields import ImagePath, Text, declare
from kiosk.pack.model import Checks, LocalText, Slide
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
    theme_note: LocalText | None = declare(
        Text(max_chars=60),
        "A short note under the theme line, e.g. that a language's wording is our own "
        "translation, not an official one.",
        default=None,
    )
    quote: LocalText | None = declare(Text(max_chars=220), "An optional short quote.", default=None)
    quote_by: LocalText | None = declare(Text(max_chars=80), "Who said the quote.", default=None)
    logo: Path | None = declare(
        ImagePath(), "An optional logo: a PNG, JPEG, GIF, WebP or SVG in the pack.", default=None
    )
    background_image: Path | None = declare(
        ImagePath(),
        "An optional picture behind the title, covering the screen. A scrim of the "
        "background colour over it keeps the text at 4.5:1 or more; validate measures "
        "how much of the picture that leaves to see.",
        default=None,
    )

    def check(self, checks: Checks) -> None:
        pack = checks.pack
        if pack is None:
            return
        stale = [text for text in self.date.variants() if str(pack.year) not in text]
        if stale:
            checks.warn(
                "date",
                f"the date {stale[0]!r} does not say {pack.year}, the pack's year: a copy of "
                "last year's pack? ('kiosk new --year' rewrites the dates)",
            )

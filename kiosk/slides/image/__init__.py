"""A poster or photograph: the whole picture, or the picture filling the screen.

Its ``alt`` text says what the picture shows, in every language of the pack: the
screen reader reads it when the slide comes on screen, and it is what an export
that gives the slides as text should write in the picture's place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.pack.fields import Choice, ImagePath, Text, declare
from kiosk.pack.model import Checks, LocalText, Slide
from kiosk.slides import slide_kind


class Fit(StrEnum):
    """How the picture meets the screen."""

    CONTAIN = "contain"  # all of it, with bands of background where the shapes differ
    COVER = "cover"  # all of the screen, the picture's overflowing edges cut off


# A contained picture keeps this margin, as a share of the screen's short side.
CONTAIN_MARGIN = 0.04
# Past this enlargement a photograph looks soft from two metres: validate warns.
UPSCALE_LIMIT = 1.5
# ... at the size most venue screens are.
PROOF_SIZE = (1920, 1080)


def picture_area(width: int, height: int, fit: Fit) -> tuple[int, int]:
    """The most room the view gives the picture on a ``width`` × ``height`` screen
    (a caption may take some of a contained picture's height)."""
    if fit is Fit.COVER:
        return width, height
    margin = round(CONTAIN_MARGIN * min(width, height))
    return width - 2 * margin, height - 2 * margin


def enlargement(picture: tuple[int, int], area: tuple[int, int], fit: Fit) -> float:
    """How many times larger than its pixels a picture is drawn in ``area``."""
    across, down = area[0] / picture[0], area[1] / picture[1]
    return max(across, down) if fit is Fit.COVER else min(across, down)


@slide_kind()
@dataclass(frozen=True, kw_only=True)
class ImageSlide(Slide):
    """A poster or photograph, with an optional caption and credit."""

    image: Path = declare(
        ImagePath(), "The picture: a PNG, JPEG, GIF, WebP or SVG in the pack folder."
    )
    alt: LocalText = declare(
        Text(in_every_language=True),
        "What the picture shows, for visitors who cannot see it: screen readers read it aloud.",
    )
    fit: Fit = declare(
        Choice(Fit),
        "contain: the whole picture, with bands of background around it (a poster); "
        "cover: the picture fills the screen, its edges cut off (a photograph).",
        default=Fit.CONTAIN,
    )
    caption: LocalText | None = declare(
        Text(max_chars=120), "An optional line shown with the picture.", default=None
    )
    credit: LocalText | None = declare(
        Text(max_chars=80),
        "Who made the picture, or where it comes from: 'Photo: Ana Ruiz, CC BY 4.0'.",
        default=None,
    )

    def check(self, checks: Checks) -> None:
        size = checks.picture_size(self.image)
        if size is None:  # an SVG drawing is sharp at any size
            return
        area = picture_area(*PROOF_SIZE, self.fit)
        scale = enlargement(size, area, self.fit)
        if scale > UPSCALE_LIMIT:
            needed = [math.ceil(side * scale / UPSCALE_LIMIT) for side in size]
            checks.warn(
                "image",
                f"the picture is {size[0]:,} × {size[1]:,} pixels: on a "
                f"{PROOF_SIZE[0]}×{PROOF_SIZE[1]} screen it is drawn up to {scale:.1f} times "
                f"larger ({self.fit.value}), and past {UPSCALE_LIMIT:g} times it looks "
                f"blurred: use one of at least {needed[0]:,} × {needed[1]:,} pixels",
            )

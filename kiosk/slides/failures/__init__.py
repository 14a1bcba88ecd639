"""What "leaving people behind" means, and what a community can do about it.

A preset of ``points`` (``kiosk.slides.points``): the same keys, limits and view,
under the name the trafficking packs have always used, with words for that purpose.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import ListOf, declare
from kiosk.slides import slide_kind
from kiosk.slides.points import Point, PointsSlide


@dataclass(frozen=True, kw_only=True)
class FailurePoint(Point):
    """One way people are left behind, and what a community can do about it."""


@slide_kind(items="points")
@dataclass(frozen=True, kw_only=True)
class FailuresSlide(PointsSlide):
    """What 'leaving people behind' means, and what a community can do: a preset of
    `points`, whose title says how people are left behind and whose action says what
    a community can do."""

    points: tuple[FailurePoint, ...] = declare(
        ListOf(FailurePoint, 1, 4), "One to four failure points."
    )

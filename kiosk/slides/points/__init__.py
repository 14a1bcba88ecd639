"""Points under a heading the pack chooses: each an icon, a title and what can be done.

The general form of a "what you can do" slide, for any cause. The ``failures``
kind is this kind with a name and words for one purpose (``kiosk.slides.failures``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import Icon, ListOf, Text, declare
from kiosk.pack.model import LocalText, Slide
from kiosk.slides import slide_kind


@dataclass(frozen=True, kw_only=True)
class Point:
    """One point: a problem, a step or a promise, and what can be done about it."""

    icon: str = declare(Icon(), "A Font Awesome icon name, e.g. 'fa6s.hand-holding-heart'.")
    title: LocalText = declare(Text(max_chars=100), "The point, in one sentence.")
    action: LocalText = declare(
        Text(max_chars=160), "What a visitor or a community can do about it."
    )


@slide_kind(items="points")
@dataclass(frozen=True, kw_only=True)
class PointsSlide(Slide):
    """One to four points, each with an icon and what can be done, under a heading."""

    heading: LocalText = declare(Text(max_chars=70), "Slide heading.")
    intro: LocalText | None = declare(
        Text(max_chars=120), "An optional lead-in line.", default=None
    )
    points: tuple[Point, ...] = declare(ListOf(Point, 1, 4), "One to four points.")

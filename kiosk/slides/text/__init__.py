"""Free text: a heading and a short paragraph, or a list of points.

For what has no figure, date or address: a schedule ("Workshops every Tuesday,
6 pm"), a pledge, what a visitor can do, opening hours.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import Icon, ListOf, Text, declare
from kiosk.pack.model import LocalText, Slide
from kiosk.slides import slide_kind


@dataclass(frozen=True, kw_only=True)
class TextPoint:
    """One point of a text slide's list: a line of a schedule, a pledge, a step."""

    text: LocalText = declare(Text(max_chars=90), "The point, in a line or two.")
    icon: str | None = declare(
        Icon(), "An optional Font Awesome icon before it, e.g. 'fa6s.clock'.", default=None
    )


@slide_kind(items="points")
@dataclass(frozen=True, kw_only=True)
class TextSlide(Slide):
    """A heading and either a short paragraph or a list of points."""

    heading: LocalText = declare(Text(max_chars=70), "Slide heading.")
    paragraph: LocalText | None = declare(
        Text(max_chars=300),
        "A short paragraph (or give points instead).",
        default=None,
        one_of="body",
    )
    points: tuple[TextPoint, ...] | None = declare(
        ListOf(TextPoint, 1, 8),
        "One to eight points, each a line or two (or give a paragraph instead).",
        default=None,
        one_of="body",
    )

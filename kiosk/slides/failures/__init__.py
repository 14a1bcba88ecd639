"""What "leaving people behind" means, and what a community can do about it."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.pack.fields import Icon, ListOf, Text, declare
from kiosk.pack.model import LocalText, Slide
from kiosk.slides import slide_kind


@dataclass(frozen=True, kw_only=True)
class FailurePoint:
    """One way people are left behind, and what a community can do about it."""

    icon: str = declare(Icon(), "A Font Awesome icon name, e.g. 'fa6s.hand-holding-heart'.")
    title: LocalText = declare(Text(max_chars=100), "The failure, in one sentence.")
    action: LocalText = declare(Text(max_chars=160), "What a community can do about it.")


@slide_kind(budget=(247, 494, 741, 988), items="points")
@dataclass(frozen=True, kw_only=True)
class FailuresSlide(Slide):
    """What 'leaving people behind' means, and what a community can do."""

    heading: LocalText = declare(Text(max_chars=70), "Slide heading.")
    intro: LocalText | None = declare(
        Text(max_chars=120), "An optional lead-in line.", default=None
    )
    points: tuple[FailurePoint, ...] = declare(
        ListOf(FailurePoint, 1, 4), "One to four failure points."
    )

"""What the kiosk window needs from the view of the slide on screen, declared once.

A view on the stage is a ``QWidget`` that also offers:

- ``tap_targets()``: the parts of it a visitor can tap to open something (a
  resource card opens that resource large), each with its rectangle, the name a
  screen reader says for it, and what opening it shows;
- ``spoken_text()``: what a screen reader announces when it comes on screen;
- ``accessibleName()`` / ``accessibleDescription()`` (every ``QWidget`` has them):
  what the window is named and described as while it shows.

The window reads taps itself (views are transparent to the mouse) and asks the
view's targets which one a tap hit; it never pokes a view with mouse events.
``kiosk.ui.slide_view.SlideView`` implements this for every slide kind (no
targets unless a kind has some).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import NamedTuple, Protocol, runtime_checkable

from PySide6.QtCore import QPoint, QRect

from kiosk.slides.resources import Resource


class Shows(enum.Enum):
    """What a tap target shows large, so that its cue and its keyboard stand-in say
    so: a help line's or a page's QR code, larger; or where a figure comes from."""

    CODE = "code"
    SOURCE = "source"


class TapTarget(NamedTuple):
    """One thing on a slide that opens when tapped.

    ``rect`` is in the coordinates of whoever handed the target out (the view's own,
    until ``translated``); it is empty while the view is not laid out. ``name`` is
    what the thing is called on screen, in the slide's language; ``opens`` is what
    tapping it shows large, and ``shows`` what that is for a visitor.
    """

    rect: QRect
    name: str
    opens: Resource
    shows: Shows = Shows.CODE

    def translated(self, offset: QPoint) -> TapTarget:
        return TapTarget(self.rect.translated(offset), self.name, self.opens, self.shows)


@runtime_checkable
class StageView(Protocol):
    """The view protocol: see the module's docstring."""

    def tap_targets(self) -> Sequence[TapTarget]: ...

    def spoken_text(self) -> str: ...

    def accessibleName(self) -> str: ...

    def accessibleDescription(self) -> str: ...


def target_at(targets: Sequence[TapTarget], point: QPoint) -> TapTarget | None:
    """The target that ``point`` (in the targets' coordinates) lies on, if any."""
    return next((t for t in targets if not t.rect.isEmpty() and t.rect.contains(point)), None)

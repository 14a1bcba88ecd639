"""One module per slide kind; ``create_slide_view`` picks the right one."""

from __future__ import annotations

import importlib

from PySide6.QtWidgets import QWidget

from kiosk.pack.model import Slide
from kiosk.ui.slides.base import SlideContext, SlideView

# Each kind's module is imported when a slide of that kind is first drawn: the
# first slide on screen should not wait for qtawesome or the QR encoder.
VIEWS: dict[str, str] = {
    "title": "kiosk.ui.slides.title:TitleSlideView",
    "facts": "kiosk.ui.slides.facts:FactsSlideView",
    "timeline": "kiosk.ui.slides.timeline:TimelineSlideView",
    "failures": "kiosk.ui.slides.failures:FailuresSlideView",
    "resources": "kiosk.ui.slides.resources:ResourcesSlideView",
}


def view_class(kind: str) -> type[SlideView]:
    """The view class for a slide kind. Raises TypeError for a kind without a view."""
    where = VIEWS.get(kind)
    if where is None:
        raise TypeError(f"no view for slides of kind {kind!r}")
    module, name = where.split(":")
    found: type[SlideView] = getattr(importlib.import_module(module), name)
    return found


def create_slide_view(
    slide: Slide, context: SlideContext, parent: QWidget | None = None
) -> SlideView:
    """The view that draws ``slide``. Raises TypeError for a kind without a view."""
    try:
        kind = slide.kind
    except (AttributeError, NotImplementedError):  # not a Slide, or a kind-less one
        raise TypeError(f"no view for slides of type {type(slide).__name__}") from None
    return view_class(kind)(slide, context, parent)


__all__ = ["VIEWS", "SlideContext", "SlideView", "create_slide_view", "view_class"]

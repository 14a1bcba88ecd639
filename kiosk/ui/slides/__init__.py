"""One module per slide kind; ``create_slide_view`` picks the right one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.pack.model import (
    FactsSlide,
    FailuresSlide,
    ResourcesSlide,
    Slide,
    TimelineSlide,
    TitleSlide,
)
from kiosk.ui.slides.base import SlideContext, SlideView
from kiosk.ui.slides.facts import FactsSlideView
from kiosk.ui.slides.failures import FailuresSlideView
from kiosk.ui.slides.resources import ResourcesSlideView
from kiosk.ui.slides.timeline import TimelineSlideView
from kiosk.ui.slides.title import TitleSlideView

VIEWS: dict[type[Slide], type[SlideView]] = {
    TitleSlide: TitleSlideView,
    FactsSlide: FactsSlideView,
    TimelineSlide: TimelineSlideView,
    FailuresSlide: FailuresSlideView,
    ResourcesSlide: ResourcesSlideView,
}


def create_slide_view(slide: Slide, context: SlideContext,
                      parent: QWidget | None = None) -> SlideView:
    """The view that draws ``slide``. Raises TypeError for a kind without a view."""
    view_class = next((VIEWS[cls] for cls in type(slide).__mro__ if cls in VIEWS), None)
    if view_class is None:
        raise TypeError(f"no view for slides of type {type(slide).__name__}")
    return view_class(slide, context, parent)


__all__ = ["VIEWS", "SlideContext", "SlideView", "create_slide_view"]

"""The failures slide is drawn as the points slide it is a preset of."""

from __future__ import annotations

from kiosk.slides.failures import FailuresSlide
from kiosk.slides.points.view import PointsSlideView


class FailuresSlideView(PointsSlideView):
    draws = FailuresSlide

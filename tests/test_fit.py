"""Text is fitted one way (kiosk.ui.fit): the search alone, then the three views that
use it (slides, the figures of a facts slide, the resource shown large)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from slide_checks import SIZE_IDS, SIZES, bundled, context_for, make_view, resources_slides

from kiosk.slides.facts import FactsSlide
from kiosk.slides.facts.view import FactsSlideView
from kiosk.slides.resources import ResourcesSlide
from kiosk.ui.fit import SCALE_PRECISION, largest_fitting, largest_fitting_px
from kiosk.ui.resource_overlay import ResourceOverlay
from kiosk.ui.slide_view import longest_word_px
from kiosk.ui.theme import ROLE_SIZES, TextRole, UiTheme

STEPS = (1.0, 0.0, -1.0)  # a slide's fit scales, as kiosk.ui.theme gives them


class Probe:
    """A "fits" that holds up to ``limit`` and remembers every value it was asked about."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.asked: list[float] = []

    def __call__(self, value: float) -> bool:
        self.asked.append(value)
        return value <= self.limit


# -- the search alone --------------------------------------------------------------------------


@given(st.floats(min_value=-1.0, max_value=1.0, allow_nan=False))
def test_the_answer_fits_and_is_within_the_precision_of_the_largest(limit: float) -> None:
    probe = Probe(limit)
    found = largest_fitting(probe, STEPS)
    assert found <= limit  # it fits
    assert limit - found <= SCALE_PRECISION  # and nothing much larger would
    assert len(probe.asked) <= 1 + len(STEPS) + 7  # the largest, the steps, 7 halvings


def test_what_fits_at_the_largest_is_measured_once() -> None:
    probe = Probe(5.0)
    assert largest_fitting(probe, STEPS) == 1.0
    assert probe.asked == [1.0]


def test_a_fit_above_the_floors_is_never_measured_below_them() -> None:
    probe = Probe(0.37)
    found = largest_fitting(probe, STEPS)
    assert 0.37 - SCALE_PRECISION <= found <= 0.37
    assert min(probe.asked) == 0.0  # the floor itself, never below it


def test_when_nothing_fits_the_answer_is_the_smallest() -> None:
    probe = Probe(-7.0)
    assert largest_fitting(probe, STEPS) == -1.0
    assert probe.asked == [1.0, 0.0, -1.0]


def test_there_must_be_something_to_search() -> None:
    with pytest.raises(ValueError, match="no sizes"):
        largest_fitting(lambda _: True, ())


@given(st.integers(min_value=6, max_value=400), st.integers(min_value=0, max_value=500))
def test_pixel_sizes_are_exact(largest: int, limit: int) -> None:
    asked: list[int] = []

    def fits(px: int) -> bool:
        assert isinstance(px, int)
        asked.append(px)
        return px <= limit

    found = largest_fitting_px(fits, largest, 6)
    assert found == max(6, min(largest, limit))
    assert len(asked) <= 2 + math.ceil(math.log2(max(2, largest - 6))) + 1


# -- its users ---------------------------------------------------------------------------------


def facts_slides() -> list[tuple[str, int]]:
    return [
        (name, index)
        for name in ("2023", "2024")
        for index, slide in enumerate(bundled(name).slides)
        if isinstance(slide, FactsSlide)
    ]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize(("pack_name", "index"), facts_slides())
def test_figures_are_as_large_as_the_narrowest_card_holds(
    qtbot: QtBot, pack_name: str, index: int, size: QSize
) -> None:
    pack = bundled(pack_name)
    view = make_view(qtbot, pack.slides[index], pack, "en", size)
    assert isinstance(view, FactsSlideView)
    assert view.fit_metrics is not None
    sizes = {label.font().pixelSize() for label in view.figures}
    assert len(sizes) == 1  # one size for every figure: they are compared
    (px,) = sizes
    widest = max(label.sizeHint().width() for label in view.figures)
    narrowest = min(label.width() for label in view.figures)
    assert widest <= narrowest  # every figure whole on one line
    if px < view.fit_metrics.font_px(TextRole.FIGURE):
        # Shrunk to fit the card: one pixel larger and the widest would not.
        bigger = QFontMetricsF(UiTheme.font(px + 1, bold=ROLE_SIZES[TextRole.FIGURE].bold))
        assert max(math.ceil(bigger.horizontalAdvance(label.text())) for label in view.figures) > (
            narrowest
        )


def overlay_labels(overlay: ResourceOverlay) -> list[QLabel]:
    return [label for label in overlay.findChildren(QLabel) if label.isVisibleTo(overlay)]


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("large_text", [False, True], ids=["usual", "large-text"])
def test_a_resource_shown_large_has_all_its_text_whole(
    qtbot: QtBot, size: QSize, large_text: bool
) -> None:
    """The number to dial on one line, no word cut, nothing below the card's text area,
    for every bundled resource in both languages (large text used to cut off the
    longer US and Canadian numbers)."""
    for pack_name, index in resources_slides():
        pack = bundled(pack_name)
        slide = pack.slides[index]
        assert isinstance(slide, ResourcesSlide)
        for language in pack.languages:
            host = QWidget()
            qtbot.addWidget(host)
            host.resize(size)
            context = context_for(pack, language, large_text=large_text)
            overlay = ResourceOverlay(context.theme, language=language, parent=host)
            for resource in slide.resources:
                overlay.show_resource(resource, context)
                where = f"{pack_name} {language} {context.text(resource.name)}"
                for label in overlay_labels(overlay):
                    height = label.heightForWidth(label.width())
                    assert height <= label.height(), f"{where}: {label.text()!r} cut off"
                    assert overlay.card.contains(label.geometry()), f"{where}: {label.text()!r}"
                    if label.text() in (context.text(resource.name), resource.phone):
                        assert longest_word_px(label) <= label.width(), f"{where}: {label.text()}"
                numbers = [
                    label
                    for label in overlay_labels(overlay)
                    if label.text() in {resource.phone, resource.url.split(":", 1)[-1]}
                ]
                for number in numbers:
                    assert number.sizeHint().width() <= number.width(), f"{where}: on one line"
                overlay.dismiss()

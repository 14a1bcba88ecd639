"""The stage alone: no window, no Player, no chrome. It is told what to show, builds the
view, moves to it, skips what cannot be built, and says which target a tap hit."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from decks import deck_yaml
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.options import Transition
from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack, Slide
from kiosk.paths import content_dir
from kiosk.slides.resources import Resource
from kiosk.ui.slide_view import SlideContext, create_slide_view
from kiosk.ui.stage import Motion, Stage, ViewFactory
from kiosk.ui.stage_view import StageView, TapTarget
from kiosk.ui.theme import UiTheme

SIZE = QSize(320, 180)
COLOURS = ("#e6194b", "#3cb44b", "#4363d8", "#f58231")
HOTLINE = Resource(name="Hotline", description="Call us", url="tel:+18883737888")


class PanelView(QWidget):
    """A stand-in view: one flat colour per slide, and a tap target in its top-left
    quarter on every slide but the first."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.number = context.pack.slides.index(slide)
        self.setAccessibleName(f"Panel {self.number}")

    def tap_targets(self) -> Sequence[TapTarget]:
        if self.number == 0:
            return ()
        return [TapTarget(QRect(0, 0, self.width() // 2, self.height() // 2), "Hotline", HOTLINE)]

    def spoken_text(self) -> str:
        return f"Panel {self.number}."

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(COLOURS[self.number]))
        painter.end()


class SilentView(QWidget):
    """A view without the protocol: nothing says what a screen reader should hear."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None) -> None:
        super().__init__(parent)


@pytest.fixture
def deck(write_pack: Callable[..., Path]) -> Pack:
    return load_pack(write_pack(deck_yaml(4, "crossfade")))


def context_for(pack: Pack) -> SlideContext:
    return SlideContext(pack, "en", UiTheme.from_pack(pack.theme))


MakeStage = Callable[..., Stage]


@pytest.fixture
def make_stage(qtbot: QtBot) -> Iterator[MakeStage]:
    """A stage of SIZE on its own, shown; no animation left running afterwards."""
    stages: list[Stage] = []

    def make(factory: ViewFactory | None = PanelView) -> Stage:
        stage = Stage(factory)
        qtbot.addWidget(stage)
        stage.resize(SIZE)
        stage.show()
        qtbot.waitExposed(stage)
        stages.append(stage)
        return stage

    yield make
    for stage in stages:
        stage.land()
        assert stage.transition.animation.state() != stage.transition.animation.State.Running


def number_shown(stage: Stage) -> int:
    view = stage.live_view
    assert isinstance(view, PanelView)
    return view.number


def middle(image: QImage) -> QColor:
    return QColor(image.pixel(image.width() // 2, image.height() // 2))


def test_a_view_is_built_at_the_stage_size_and_announced_as_live(
    make_stage: MakeStage, deck: Pack, qtbot: QtBot
) -> None:
    stage = make_stage()
    changes: list[None] = []
    stage.live_changed.connect(lambda: changes.append(None))
    with qtbot.waitSignal(stage.first_painted, timeout=3000):
        view = stage.show_slide(deck.slides[0], context_for(deck))
    assert view is stage.live_view
    assert isinstance(view, PanelView)
    assert view.parentWidget() is stage
    assert view.size() == SIZE
    assert changes
    assert middle(stage.grab().toImage()) == QColor(COLOURS[0])


def test_a_motion_crosses_through_the_transition_and_the_old_view_goes(
    make_stage: MakeStage, deck: Pack, qtbot: QtBot
) -> None:
    stage = make_stage()
    context = context_for(deck)
    # From nothing there is nothing to move away from: a cut, even with a motion.
    stage.show_slide(deck.slides[0], context, Motion(Transition.CROSSFADE, 200))
    assert not stage.transition.is_running
    first = stage.live_view
    assert first is not None
    stage.show_slide(deck.slides[1], context, Motion(Transition.CROSSFADE, 200))
    assert stage.transition.is_running
    assert stage.live_view is None  # nothing at rest while moving: no targets either
    assert stage.tap_targets() == []
    assert not first.isVisible()
    qtbot.waitUntil(lambda: not stage.transition.is_running, timeout=3000)
    assert number_shown(stage) == 1
    assert middle(stage.grab().toImage()) == QColor(COLOURS[1])
    qtbot.waitUntil(lambda: len(stage.findChildren(PanelView)) == 1, timeout=3000)


def test_without_a_motion_it_cuts(make_stage: MakeStage, deck: Pack) -> None:
    stage = make_stage()
    stage.show_slide(deck.slides[0], context_for(deck))
    stage.show_slide(deck.slides[2], context_for(deck), None)
    assert not stage.transition.is_running
    assert number_shown(stage) == 2


def test_resizing_lands_a_transition_and_fits_the_view(make_stage: MakeStage, deck: Pack) -> None:
    stage = make_stage()
    stage.show_slide(deck.slides[0], context_for(deck))
    stage.show_slide(
        deck.slides[1], context_for(deck), Motion(Transition.SLIDE, 5000, direction=-1)
    )
    assert stage.transition.is_running
    stage.resize(QSize(200, 300))
    assert not stage.transition.is_running
    assert number_shown(stage) == 1
    assert stage.live_view is not None
    assert stage.live_view.size() == QSize(200, 300)


def test_a_view_that_fails_to_build_is_logged_and_nothing_changes(
    make_stage: MakeStage, deck: Pack, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_second(slide: Slide, context: SlideContext, parent: QWidget | None) -> QWidget:
        if context.pack.slides.index(slide) == 1:
            raise ValueError("this view is broken")
        return PanelView(slide, context, parent)

    stage = make_stage(broken_second)
    stage.show_slide(deck.slides[0], context_for(deck))
    origin = deck.slides[1].origin
    with caplog.at_level(logging.ERROR):
        assert (
            stage.show_slide(deck.slides[1], context_for(deck), Motion(Transition.CROSSFADE, 200))
            is None
        )
    assert f"{origin.file}:{origin.line}" in caplog.text
    assert "this view is broken" in caplog.text  # with its traceback
    assert not stage.transition.is_running
    assert number_shown(stage) == 0


def test_a_view_without_the_protocol_is_refused(
    make_stage: MakeStage, deck: Pack, caplog: pytest.LogCaptureFixture, qtbot: QtBot
) -> None:
    stage = make_stage(SilentView)
    with caplog.at_level(logging.ERROR):
        assert stage.show_slide(deck.slides[0], context_for(deck)) is None
    assert "SilentView lacks the view protocol" in caplog.text
    assert stage.live_view is None
    qtbot.waitUntil(lambda: not stage.findChildren(SilentView), timeout=3000)


def test_nothing_leaves_the_stage_bare(make_stage: MakeStage, deck: Pack) -> None:
    stage = make_stage()
    stage.show_slide(deck.slides[0], context_for(deck))
    stage.show_slide(deck.slides[1], context_for(deck), Motion(Transition.CROSSFADE, 5000))
    changes: list[None] = []
    stage.live_changed.connect(lambda: changes.append(None))
    stage.show_nothing()
    assert stage.is_empty
    assert stage.live_view is None
    assert not stage.transition.is_running
    assert changes
    assert not [view for view in stage.findChildren(PanelView) if view.isVisible()]
    stage.show_slide(deck.slides[2], context_for(deck), Motion(Transition.CROSSFADE, 200))
    assert not stage.is_empty
    assert not stage.transition.is_running  # from nothing: a cut


def test_a_tap_is_matched_to_the_target_it_hit(make_stage: MakeStage, deck: Pack) -> None:
    stage = make_stage()
    stage.show_slide(deck.slides[0], context_for(deck))
    assert stage.target_at(QPoint(10, 10)) is None  # the first panel has none
    stage.show_slide(deck.slides[1], context_for(deck))
    hit = stage.target_at(QPoint(10, 10))
    assert hit is not None
    assert hit.opens == HOTLINE
    assert hit.rect == QRect(0, 0, SIZE.width() // 2, SIZE.height() // 2)
    assert stage.target_at(QPoint(SIZE.width() - 5, SIZE.height() - 5)) is None


def test_the_stage_lets_every_click_through_to_its_parent(
    qtbot: QtBot, deck: Pack, make_stage: MakeStage
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(SIZE)
    stage = Stage(PanelView, host)
    stage.setGeometry(host.rect())
    host.show()
    stage.show_slide(deck.slides[1], context_for(deck))
    assert stage.live_view is not None
    assert host.childAt(QPoint(10, 10)) is None  # neither the stage nor its view


@pytest.fixture(scope="module")
def bundled() -> Pack:
    return load_pack(content_dir() / "2023")


def test_every_slide_kind_offers_the_view_protocol(
    qtbot: QtBot, bundled: Pack, make_stage: MakeStage
) -> None:
    from kiosk.ui.fonts import load_bundled_fonts

    load_bundled_fonts()
    stage = make_stage(create_slide_view)
    stage.resize(QSize(1280, 720))
    kinds: dict[str, int] = {}
    for slide in bundled.slides:
        view = stage.show_slide(slide, context_for(bundled))
        assert isinstance(view, StageView), slide.kind
        assert view.spoken_text()
        kinds[slide.kind] = len(stage.tap_targets())
    # Only resources and facts slides have something to tap: a resource opens its
    # code large, a fact its source.
    assert {kind for kind, count in kinds.items() if count} == {"facts", "resources"}

"""The transition widget: every frame it paints is made of the two slides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.options import Transition
from kiosk.ui.transition import TransitionView

SIZE = QSize(320, 180)
BACKGROUND = QColor("#0b1d33")
OUT_BLOCK = QColor("#e6194b")  # red: the outgoing slide
IN_BLOCK = QColor("#3cb44b")  # green: the incoming slide
DURATION_MS = 400


def slide_frame(block: QColor) -> QPixmap:
    """A slide as the window would render it: background, with a block in the middle."""
    frame = QPixmap(SIZE)
    frame.fill(BACKGROUND)
    painter = QPainter(frame)
    painter.fillRect(
        QRect(SIZE.width() // 4, SIZE.height() // 4, SIZE.width() // 2, SIZE.height() // 2), block
    )
    painter.end()
    return frame


def colours(image: QImage) -> set[int]:
    return {
        image.pixel(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
    }


def channels(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def near(a: QColor, b: QColor, tolerance: int = 3) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(channels(a), channels(b), strict=True))


def between(colour: QColor, a: QColor, b: QColor, tolerance: float = 3.0) -> bool:
    """Whether ``colour`` is a mix of ``a`` and ``b`` (on the segment between them)."""
    pa, pb, pc = (channels(c) for c in (a, b, colour))
    span = [y - x for x, y in zip(pa, pb, strict=True)]
    length2 = sum(s * s for s in span)
    t = sum((c - x) * s for c, x, s in zip(pc, pa, span, strict=True)) / length2
    t = min(1.0, max(0.0, t))
    closest = [x + t * s for x, s in zip(pa, span, strict=True)]
    return max(abs(c - p) for c, p in zip(pc, closest, strict=True)) <= tolerance


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.resize(SIZE)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def start(view: TransitionView, kind: Transition, direction: int = 1) -> None:
    view.setGeometry(0, 0, SIZE.width(), SIZE.height())
    view.start(
        slide_frame(OUT_BLOCK),
        slide_frame(IN_BLOCK),
        kind=kind,
        duration_ms=DURATION_MS,
        direction=direction,
    )
    view.animation.pause()  # stepped by hand from here


def frames(view: TransitionView, steps: int = 9) -> list[QImage]:
    """Frames from the start to the last one before the end (reaching the end
    finishes the transition, and the window's live view takes over)."""
    images = []
    for step in range(steps):
        view.animation.setCurrentTime((DURATION_MS - 1) * step // (steps - 1))
        images.append(view.grab().toImage())
    return images


def assert_not_blank(image: QImage) -> None:
    seen = colours(image)
    assert len(seen) > 1, "a frame of one colour only"
    assert QColor("black").rgb() not in seen
    assert seen != {BACKGROUND.rgb()}


def test_crossfade_frames_mix_the_two_slides(host: QWidget, qtbot: QtBot) -> None:
    view = TransitionView(host)
    start(view, Transition.CROSSFADE)
    images = frames(view)
    middle = QColor(images[4].pixel(SIZE.width() // 2, SIZE.height() // 2))
    corner = QColor(images[4].pixel(2, 2))
    for image in images:
        assert_not_blank(image)
        centre = QColor(image.pixel(SIZE.width() // 2, SIZE.height() // 2))
        assert between(centre, OUT_BLOCK, IN_BLOCK), centre.name()
    assert near(QColor(images[0].pixel(160, 90)), OUT_BLOCK)
    assert near(QColor(images[-1].pixel(160, 90)), IN_BLOCK)
    assert not near(middle, OUT_BLOCK)
    assert not near(middle, IN_BLOCK)
    assert near(corner, BACKGROUND)  # both slides have background there
    view.finish()


@pytest.mark.parametrize("direction", [1, -1])
def test_slide_frames_show_both_slides_edge_to_edge(host: QWidget, direction: int) -> None:
    view = TransitionView(host)
    start(view, Transition.SLIDE, direction)
    images = frames(view)
    for image in images:
        assert_not_blank(image)
        seen = colours(image)
        assert seen <= {BACKGROUND.rgb(), OUT_BLOCK.rgb(), IN_BLOCK.rgb()}, (
            "a slide transition moves the frames, it never mixes or leaves a gap"
        )
        assert OUT_BLOCK.rgb() in seen or IN_BLOCK.rgb() in seen
    assert IN_BLOCK.rgb() not in colours(images[0])
    assert OUT_BLOCK.rgb() not in colours(images[-1])
    # Moving forward the incoming slide enters from the right, moving back from the left.
    quarter = images[2]
    entering_side = SIZE.width() - 20 if direction > 0 else 20
    leaving_side = 20 if direction > 0 else SIZE.width() - 20
    row = SIZE.height() // 2
    assert QColor(quarter.pixel(entering_side, row)) in (IN_BLOCK, BACKGROUND)
    assert QColor(quarter.pixel(leaving_side, row)) != IN_BLOCK
    view.finish()


def test_finish_jumps_to_the_end_and_drops_the_frames(host: QWidget, qtbot: QtBot) -> None:
    view = TransitionView(host)
    start(view, Transition.CROSSFADE)
    assert view.is_running
    with qtbot.waitSignal(view.finished):
        view.finish()
    assert not view.is_running
    assert not view.isVisible()
    assert view.progress == 1.0
    with qtbot.assertNotEmitted(view.finished):
        view.finish()  # nothing running: nothing happens


def test_cancel_stops_without_finishing(host: QWidget, qtbot: QtBot) -> None:
    view = TransitionView(host)
    start(view, Transition.CROSSFADE)
    with qtbot.assertNotEmitted(view.finished):
        view.cancel()
    assert not view.is_running
    assert not view.isVisible()


def test_a_running_animation_ends_by_itself(host: QWidget, qtbot: QtBot) -> None:
    view = TransitionView(host)
    view.setGeometry(host.rect())
    with qtbot.waitSignal(view.finished, timeout=2000):
        view.start(
            slide_frame(OUT_BLOCK), slide_frame(IN_BLOCK), kind=Transition.CROSSFADE, duration_ms=50
        )
    assert view.animation.state() == view.animation.State.Stopped


def test_current_frame_is_what_is_on_screen(host: QWidget) -> None:
    view = TransitionView(host)
    start(view, Transition.CROSSFADE)
    view.animation.setCurrentTime(DURATION_MS // 3)
    on_screen = view.grab().toImage()
    frame = view.current_frame().toImage()
    point = (SIZE.width() // 2, SIZE.height() // 2)
    assert frame.pixel(*point) == on_screen.pixel(*point)
    assert frame.pixel(3, 3) == on_screen.pixel(3, 3)
    view.finish()


def test_it_never_takes_a_click(host: QWidget) -> None:
    view = TransitionView(host)
    assert view.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

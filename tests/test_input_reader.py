"""Input alone: a bare widget, a responder that writes down what it is told, and real
key, mouse and touch events. No window, no Player, no slides."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.input_reader import InputReader, Move, is_tap, pointer_move

WIDTH, HEIGHT = 600, 400
HOLD = 0.15  # seconds: the staff hold, shortened


@dataclass
class Responder:
    """Writes down every call; ``tap_opens`` and ``opens_resources`` say what exists."""

    tap_opens: bool = False
    opens_resources: bool = True
    calls: list[tuple[str, object]] = field(default_factory=list)

    def navigate(self, move: Move) -> None:
        self.calls.append(("navigate", move))

    def quit_pressed(self) -> None:
        self.calls.append(("quit", None))

    def tap(self, point: QPointF) -> bool:
        self.calls.append(("tap", (round(point.x()), round(point.y()))))
        return self.tap_opens

    def open_resource(self, index: int, *, keyboard: bool) -> bool:
        self.calls.append(("resource", (index, keyboard)))
        return self.opens_resources

    def open_staff_pad(self, *, keyboard: bool) -> bool:
        self.calls.append(("staff", keyboard))
        return True


@dataclass
class Surface:
    widget: QWidget
    responder: Responder
    reader: InputReader

    @property
    def calls(self) -> list[tuple[str, object]]:
        return self.responder.calls


def make_surface(qtbot: QtBot, staff_hold_seconds: float | None = None) -> Surface:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(WIDTH, HEIGHT)
    responder = Responder()
    reader = InputReader(widget, responder, staff_hold_seconds=staff_hold_seconds)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.show()
    qtbot.waitExposed(widget)
    return Surface(widget, responder, reader)


@pytest.fixture
def surface(qtbot: QtBot) -> Iterator[Surface]:
    made = make_surface(qtbot, staff_hold_seconds=HOLD)
    yield made
    made.reader.cancel()
    assert not made.reader.staff_hold_running


@pytest.fixture(scope="module")
def touchscreen(qapp: object) -> QPointingDevice:
    return QTest.createTouchDevice()


def drag(widget: QWidget, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(widget, end)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


# -- the reading of a press and release, as numbers ----------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((500, 200), (200, 210), Move.NEXT),  # a swipe to the left
        ((100, 200), (400, 190), Move.PREVIOUS),  # to the right
        ((500, 200), (500, 200), Move.NEXT),  # a tap on the right
        ((300, 200), (304, 203), Move.NEXT),  # in the middle
        ((100, 200), (100, 200), Move.PREVIOUS),  # on the left third
        ((300, 50), (330, 350), None),  # mostly vertical
        ((300, 200), (340, 200), None),  # too short for a swipe, too long for a tap
    ],
)
def test_what_a_press_and_release_mean(
    start: tuple[int, int], end: tuple[int, int], expected: Move | None
) -> None:
    assert pointer_move(QPointF(*start), QPointF(*end), WIDTH) == expected


def test_a_tap_is_a_press_that_did_not_travel() -> None:
    assert is_tap(QPointF(10, 10), QPointF(18, 16), WIDTH)
    assert not is_tap(QPointF(10, 10), QPointF(30, 10), WIDTH)
    assert is_tap(QPointF(10, 10), QPointF(45, 10), 2000)  # 2 % of a wide screen


# -- keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "move"),
    [
        (Qt.Key.Key_Right, Move.NEXT),
        (Qt.Key.Key_Space, Move.NEXT),
        (Qt.Key.Key_PageDown, Move.NEXT),
        (Qt.Key.Key_Left, Move.PREVIOUS),
        (Qt.Key.Key_PageUp, Move.PREVIOUS),
        (Qt.Key.Key_Home, Move.FIRST),
        (Qt.Key.Key_End, Move.LAST),
    ],
)
def test_navigation_keys(surface: Surface, qtbot: QtBot, key: Qt.Key, move: Move) -> None:
    qtbot.keyClick(surface.widget, key)
    assert surface.calls == [("navigate", move)]


def test_quit_keys_and_the_staff_chord(surface: Surface, qtbot: QtBot) -> None:
    control = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(surface.widget, Qt.Key.Key_Escape)
    qtbot.keyClick(surface.widget, Qt.Key.Key_Q, control)
    qtbot.keyClick(surface.widget, Qt.Key.Key_W, control)
    qtbot.keyClick(surface.widget, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(surface.widget, Qt.Key.Key_Q)  # a plain Q is nothing
    assert surface.calls == [("quit", None)] * 4
    surface.calls.clear()
    chord = control | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(surface.widget, Qt.Key.Key_K, chord)
    assert surface.calls == [("staff", True)]


def test_number_keys_open_targets_only_when_there_is_one(surface: Surface, qtbot: QtBot) -> None:
    qtbot.keyClick(surface.widget, Qt.Key.Key_3)
    qtbot.keyClick(surface.widget, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(surface.widget, Qt.Key.Key_0)
    assert surface.calls == [("resource", (2, True))]


class KeyRecorder(QWidget):
    """A parent that writes down the keys its children leave to it."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[int] = []

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.keys.append(event.key())


def test_keys_it_does_not_use_go_on_as_usual(qtbot: QtBot) -> None:
    """Tab still moves the focus; keys it does not use (or a number with nothing to
    open) pass on to the parent; those it used do not."""
    parent = KeyRecorder()
    qtbot.addWidget(parent)
    parent.resize(WIDTH, HEIGHT)
    child = QWidget(parent)
    child.setGeometry(0, 0, WIDTH, HEIGHT // 2)
    child.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button = QPushButton("next in the tab order", parent)
    button.setGeometry(0, HEIGHT // 2, 100, 40)
    responder = Responder(opens_resources=False)
    InputReader(child, responder)
    parent.show()
    qtbot.waitExposed(parent)
    child.setFocus(Qt.FocusReason.OtherFocusReason)
    for key in (Qt.Key.Key_1, Qt.Key.Key_A, Qt.Key.Key_Right, Qt.Key.Key_Escape):
        qtbot.keyClick(child, key)
    assert parent.keys == [Qt.Key.Key_1, Qt.Key.Key_A]
    assert responder.calls == [
        ("resource", (0, True)),
        ("navigate", Move.NEXT),
        ("quit", None),
    ]
    qtbot.keyClick(child, Qt.Key.Key_Tab)
    assert parent.focusWidget() is button


# -- pointer ----------------------------------------------------------------------------------


def test_clicks_are_offered_as_taps_first(surface: Surface) -> None:
    QTest.mouseClick(surface.widget, Qt.MouseButton.LeftButton, pos=QPoint(500, 200))
    QTest.mouseClick(surface.widget, Qt.MouseButton.LeftButton, pos=QPoint(50, 200))
    assert surface.calls == [
        ("tap", (500, 200)),
        ("navigate", Move.NEXT),
        ("tap", (50, 200)),
        ("navigate", Move.PREVIOUS),
    ]
    surface.calls.clear()
    surface.responder.tap_opens = True  # a target was hit: no move
    QTest.mouseClick(surface.widget, Qt.MouseButton.LeftButton, pos=QPoint(500, 200))
    assert surface.calls == [("tap", (500, 200))]


def test_drags_swipe_or_do_nothing(surface: Surface) -> None:
    drag(surface.widget, QPoint(500, 200), QPoint(200, 200))
    drag(surface.widget, QPoint(300, 50), QPoint(320, 350))
    assert surface.calls == [("navigate", Move.NEXT)]  # never a tap, and no guess
    QTest.mouseClick(surface.widget, Qt.MouseButton.RightButton, pos=QPoint(500, 200))
    assert surface.calls == [("navigate", Move.NEXT)]


def test_touch_swipes_and_taps(surface: Surface, touchscreen: QPointingDevice) -> None:
    widget = surface.widget
    QTest.touchEvent(widget, touchscreen).press(0, QPoint(500, 200), widget).commit()
    QTest.touchEvent(widget, touchscreen).move(0, QPoint(350, 200), widget).commit()
    QTest.touchEvent(widget, touchscreen).release(0, QPoint(150, 200), widget).commit()
    QTest.touchEvent(widget, touchscreen).press(0, QPoint(80, 200), widget).commit()
    QTest.touchEvent(widget, touchscreen).release(0, QPoint(80, 200), widget).commit()
    assert surface.calls == [
        ("navigate", Move.NEXT),
        ("tap", (80, 200)),
        ("navigate", Move.PREVIOUS),
    ]


def test_two_fingers_are_not_a_swipe(surface: Surface, touchscreen: QPointingDevice) -> None:
    widget = surface.widget
    QTest.touchEvent(widget, touchscreen).press(0, QPoint(500, 200), widget).commit()
    QTest.touchEvent(widget, touchscreen).move(0, QPoint(450, 200), widget).press(
        1, QPoint(300, 300), widget
    ).commit()
    QTest.touchEvent(widget, touchscreen).release(0, QPoint(150, 200), widget).release(
        1, QPoint(300, 300), widget
    ).commit()
    assert surface.calls == []


def test_a_touch_on_a_child_is_left_to_the_child(
    surface: Surface, touchscreen: QPointingDevice, qtbot: QtBot
) -> None:
    button = QPushButton("press me", surface.widget)
    button.setGeometry(400, 150, 150, 100)
    button.show()
    with qtbot.waitSignal(button.clicked, timeout=2000):
        QTest.touchEvent(surface.widget, touchscreen).press(
            0, QPoint(470, 200), surface.widget
        ).commit()
        QTest.touchEvent(surface.widget, touchscreen).release(
            0, QPoint(470, 200), surface.widget
        ).commit()
    assert surface.calls == []


# -- the staff corner ----------------------------------------------------------------------------


def test_holding_the_corner_asks_for_the_staff_pad(surface: Surface, qtbot: QtBot) -> None:
    corner = QPoint(5, 5)
    QTest.mousePress(surface.widget, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.waitUntil(lambda: ("staff", False) in surface.calls, timeout=3000)
    QTest.mouseRelease(surface.widget, Qt.MouseButton.LeftButton, pos=corner)
    assert surface.calls == [("staff", False)]  # the release is not also a tap


def test_a_short_press_in_the_corner_is_a_tap(surface: Surface, qtbot: QtBot) -> None:
    QTest.mouseClick(surface.widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.wait(round(HOLD * 1000 * 2))
    assert surface.calls == [("tap", (5, 5)), ("navigate", Move.PREVIOUS)]


def test_leaving_the_corner_stops_the_hold(surface: Surface, qtbot: QtBot) -> None:
    QTest.mousePress(surface.widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert surface.reader.staff_hold_running
    QTest.mouseMove(surface.widget, QPoint(300, 300))
    assert not surface.reader.staff_hold_running
    qtbot.wait(round(HOLD * 1000 * 2))
    assert not [call for call in surface.calls if call[0] == "staff"]


def test_without_a_pad_the_corner_is_only_a_corner(qtbot: QtBot) -> None:
    surface = make_surface(qtbot, staff_hold_seconds=None)
    QTest.mousePress(surface.widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not surface.reader.staff_hold_running
    QTest.mouseRelease(surface.widget, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert surface.calls == [("tap", (5, 5)), ("navigate", Move.PREVIOUS)]

"""Chrome alone, over a bare host widget: no window, no stage, no Player. It places and
stacks what lies over the slides, and reports what was pressed on it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from venue_helpers import PIN, pin_gate, real_pack, resources_index

from kiosk.pack.model import Pack
from kiosk.slides.resources import Resource, ResourcesSlide
from kiosk.ui.chrome import Chrome, StaffAccess
from kiosk.ui.input_reader import Move
from kiosk.ui.slide_view import SlideContext
from kiosk.ui.stage_view import TapTarget
from kiosk.ui.theme import UiTheme

__all__ = ["real_pack"]  # the fixture, used by name

SIZE = (1280, 720)


def make_host(qtbot: QtBot) -> QWidget:
    """A host of SIZE, not shown yet (parts are made before it shows, as in the window)."""
    host = QWidget()
    qtbot.addWidget(host)
    host.resize(*SIZE)
    return host


def show(host: QWidget, qtbot: QtBot) -> None:
    host.show()
    qtbot.waitExposed(host)


def resources_of(pack: Pack) -> list[Resource]:
    slide = pack.slides[resources_index(pack)]
    assert isinstance(slide, ResourcesSlide)
    return list(slide.resources)


def theme_of(pack: Pack) -> UiTheme:
    return UiTheme.from_pack(pack.theme)


def touch_chrome(qtbot: QtBot, pack: Pack, *, staff: bool = False) -> tuple[QWidget, Chrome]:
    host = make_host(qtbot)
    access = StaffAccess(pin_gate()) if staff else None
    chrome = Chrome(host, theme_of(pack), touch=True, language="en", staff=access)
    chrome.set_language("en", pack.languages)
    chrome.place()
    show(host, qtbot)
    return host, chrome


def test_event_mode_has_only_the_progress_dots(qtbot: QtBot, real_pack: Pack) -> None:
    host = make_host(qtbot)
    chrome = Chrome(host, theme_of(real_pack), touch=False, language="en")
    chrome.place()
    show(host, qtbot)
    assert (chrome.controls, chrome.overlay, chrome.pin_pad) == (None, None, None)
    assert chrome.slide_area() == host.rect()
    assert chrome.progress.geometry().bottom() == host.height() - 1
    resource = resources_of(real_pack)[0]
    chrome.set_targets([TapTarget(QRect(10, 10, 100, 100), "Hotline", resource)])
    assert chrome.targets == []  # nothing could open: no stand-ins
    context = SlideContext(real_pack, "en", theme_of(real_pack))
    assert not chrome.open_resource(resource, context)
    assert not chrome.open_staff_pad()


def test_touch_mode_keeps_slides_above_the_bar_and_the_dots_in_it(
    qtbot: QtBot, real_pack: Pack
) -> None:
    host, chrome = touch_chrome(qtbot, real_pack)
    bar = chrome.controls
    assert bar is not None
    area = chrome.slide_area()
    assert area.top() == 0
    assert area.width() == host.width()
    assert area.bottom() + 1 == bar.geometry().top()
    assert bar.geometry().bottom() == host.height() - 1
    dots = chrome.progress.geometry()
    assert bar.geometry().contains(dots)
    for button in bar.buttons():
        if not button.isHidden():
            placed = QRect(button.mapTo(host, QPoint(0, 0)), button.size())
            assert not placed.intersects(dots), button.accessibleName()


def test_stand_ins_lie_over_the_targets_in_tab_order(qtbot: QtBot, real_pack: Pack) -> None:
    host, chrome = touch_chrome(qtbot, real_pack)
    first, second, third = resources_of(real_pack)[:3]
    targets = [
        TapTarget(QRect(40, 40, 300, 200), "First", first),
        TapTarget(QRect(), "Not laid out", second),  # no stand-in for it
        TapTarget(QRect(400, 40, 300, 200), "Third", third),
    ]
    chrome.set_targets(targets)
    stand_ins = chrome.targets
    assert [s.geometry() for s in stand_ins] == [targets[0].rect, targets[2].rect]
    assert [s.accessibleName() for s in stand_ins] == ["Show First large", "Show Third large"]
    assert chrome.controls is not None
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=3000)
    stand_ins[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(stand_ins[0], Qt.Key.Key_Tab)
    assert host.focusWidget() is stand_ins[1]
    qtbot.keyClick(stand_ins[1], Qt.Key.Key_Tab)
    assert host.focusWidget() is chrome.controls.buttons()[0]
    with qtbot.waitSignal(chrome.target_activated, timeout=1000) as activated:
        stand_ins[1].setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(stand_ins[1], Qt.Key.Key_Return)
    assert activated.args == [2]  # its place among the targets, not among the stand-ins
    # Replaced, not added to, when the slide changes.
    chrome.set_targets(targets[:1])
    qtbot.waitUntil(lambda: len(host.findChildren(type(stand_ins[0]))) == 1, timeout=3000)


def test_a_stand_in_shows_its_ring_only_to_the_keyboard(qtbot: QtBot, real_pack: Pack) -> None:
    host, chrome = touch_chrome(qtbot, real_pack)
    target = TapTarget(QRect(100, 100, 300, 200), "First", resources_of(real_pack)[0])
    chrome.set_targets([target])
    stand_in = chrome.targets[0]
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=3000)
    accent = QColor(theme_of(real_pack).accent)
    edge = QPoint(1, target.rect.height() // 2)

    def ring_drawn() -> bool:
        return stand_in.grab().toImage().pixelColor(edge) == accent

    stand_in.setFocus(Qt.FocusReason.TabFocusReason)
    assert stand_in.shows_focus_ring
    assert ring_drawn()
    stand_in.clearFocus()
    stand_in.setFocus(Qt.FocusReason.OtherFocusReason)  # given, not tabbed to
    assert stand_in.hasFocus()
    assert not stand_in.shows_focus_ring
    assert not ring_drawn()


def test_the_bar_reports_what_was_pressed(qtbot: QtBot, real_pack: Pack) -> None:
    _, chrome = touch_chrome(qtbot, real_pack)
    bar = chrome.controls
    assert bar is not None
    moves: list[Move] = []
    chrome.navigate_requested.connect(moves.append)
    for button in (bar.next_button, bar.previous_button, bar.start_button):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert moves == [Move.NEXT, Move.PREVIOUS, Move.FIRST]
    with qtbot.waitSignal(chrome.language_requested, timeout=1000) as language:
        qtbot.mouseClick(bar.language_button, Qt.MouseButton.LeftButton)
    assert language.args == ["es"]
    with qtbot.waitSignal(chrome.high_contrast_switched, timeout=1000) as contrast:
        qtbot.mouseClick(bar.contrast_button, Qt.MouseButton.LeftButton)
    assert contrast.args == [True]
    # Showing a switch's state does not press it.
    with qtbot.assertNotEmitted(chrome.large_text_switched):
        chrome.show_switches(False, True)
    assert bar.text_button.isChecked()
    assert not bar.contrast_button.isChecked()


def test_pop_ups_open_over_everything_and_close_together(qtbot: QtBot, real_pack: Pack) -> None:
    host, chrome = touch_chrome(qtbot, real_pack, staff=True)
    resource = resources_of(real_pack)[0]
    chrome.set_targets([TapTarget(QRect(40, 40, 300, 200), "First", resource)])
    context = SlideContext(real_pack, "en", theme_of(real_pack))
    closed: list[None] = []
    chrome.pop_up_closed.connect(lambda: closed.append(None))
    assert chrome.open_resource(resource, context)
    overlay, pad = chrome.overlay, chrome.pin_pad
    assert overlay is not None
    assert pad is not None
    assert chrome.resource_open
    assert overlay.resource == resource
    assert overlay.geometry() == host.rect()
    # Stacked: bar, dots, stand-ins, the resource, the pad (later children lie higher).
    order = host.children()
    stack = [chrome.controls, chrome.progress, *chrome.targets, overlay, pad]
    assert [order.index(part) for part in stack] == sorted(order.index(part) for part in stack)
    assert chrome.open_staff_pad()
    assert pad.is_open
    assert not chrome.resource_open  # the pad closed the resource first
    assert len(closed) == 1
    chrome.close_pop_ups()
    assert not pad.is_open
    assert len(closed) == 2


def test_the_right_pin_unlocks(qtbot: QtBot, real_pack: Pack) -> None:
    _, chrome = touch_chrome(qtbot, real_pack, staff=True)
    pad = chrome.pin_pad
    assert pad is not None
    chrome.open_staff_pad(keyboard=True)
    with qtbot.waitSignal(chrome.unlocked, timeout=3000):
        for digit in PIN:
            pad.press_digit(digit)
        pad.submit()
    assert not pad.is_open


@pytest.mark.parametrize("languages", [("en",), ("en", "es")])
def test_the_language_button_shows_only_with_a_choice(
    qtbot: QtBot, real_pack: Pack, languages: tuple[str, ...]
) -> None:
    _, chrome = touch_chrome(qtbot, real_pack)
    chrome.set_language("en", languages)
    assert chrome.controls is not None
    assert chrome.controls.language_button.isVisible() == (len(languages) > 1)

"""Touch mode as a visitor meets it: the control bar, taps and swipes, a resource opened
large, and nothing else to reach."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
import zxingcpp
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from venue_helpers import (
    MakeKiosk,
    centre_in,
    click,
    make_kiosk,
    real_pack,
    resources_index,
    settle,
    touch_swipe,
    touch_tap,
    touchscreen,
)

from kiosk.pack.model import Pack
from kiosk.slides.resources import ResourcesSlide
from kiosk.slides.resources.view import ResourcesSlideView
from kiosk.typeset import plain
from kiosk.ui.resource_overlay import ResourceOverlay
from kiosk.ui.touch_controls import FINGER_MM, FINGER_SHARE
from kiosk.ui.window import KioskWindow

__all__ = ["make_kiosk", "real_pack", "touchscreen"]  # fixtures, used by name


def focused_widget(window: KioskWindow) -> QWidget:
    focused = QApplication.focusWidget()
    return focused if focused is not None else window


def bar_top(window: KioskWindow) -> int:
    assert window.controls is not None
    return window.controls.geometry().top()


# -- the control bar ------------------------------------------------------------------


def test_each_button_does_its_thing(make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot) -> None:
    window = make_kiosk(real_pack, reduced_motion=True)
    controls = window.controls
    assert controls is not None
    player = window.player
    qtbot.mouseClick(controls.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(controls.next_button, Qt.MouseButton.LeftButton)
    assert player.index == 2
    qtbot.mouseClick(controls.previous_button, Qt.MouseButton.LeftButton)
    assert player.index == 1
    qtbot.mouseClick(controls.start_button, Qt.MouseButton.LeftButton)
    assert player.index == 0
    # The language button names the language it switches to, and cycles.
    assert controls.language_button.isVisible()
    assert controls.language_button.text() == "Español"
    qtbot.mouseClick(controls.language_button, Qt.MouseButton.LeftButton)
    assert player.language == "es"
    assert controls.language_button.text() == "English"
    qtbot.mouseClick(controls.language_button, Qt.MouseButton.LeftButton)
    assert player.language == "en"
    # The two switches change what the slide views get, and show that they are on.
    qtbot.mouseClick(controls.contrast_button, Qt.MouseButton.LeftButton)
    assert window.high_contrast
    assert controls.contrast_button.isChecked()
    view = window.live_view
    assert view is not None
    assert view.context.theme.is_high_contrast  # type: ignore[attr-defined]
    qtbot.mouseClick(controls.text_button, Qt.MouseButton.LeftButton)
    assert window.large_text
    assert window.live_view.context.large_text  # type: ignore[union-attr]
    qtbot.mouseClick(controls.contrast_button, Qt.MouseButton.LeftButton)
    assert not window.high_contrast


def test_a_one_language_pack_has_no_language_button(make_kiosk: MakeKiosk, real_pack: Pack) -> None:
    import dataclasses

    window = make_kiosk(dataclasses.replace(real_pack, languages=("en",)))
    assert window.controls is not None
    assert not window.controls.language_button.isVisible()


def test_a_touch_on_a_button_presses_it(
    make_kiosk: MakeKiosk, real_pack: Pack, touchscreen: QPointingDevice
) -> None:
    window = make_kiosk(real_pack, reduced_motion=True)
    assert window.controls is not None
    touch_tap(window, touchscreen, centre_in(window, window.controls.next_button))
    assert window.player.index == 1  # once: the touch was not also read as a tap


def test_the_pressed_state_shows(make_kiosk: MakeKiosk, real_pack: Pack) -> None:
    window = make_kiosk(real_pack)
    assert window.controls is not None
    button = window.controls.next_button
    centre = button.rect().center()
    at_rest = button.grab().toImage().pixelColor(centre.x() // 3, centre.y())
    QTest.mousePress(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    pressed = button.grab().toImage().pixelColor(centre.x() // 3, centre.y())
    QTest.mouseRelease(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    assert at_rest == window.theme.surface
    assert pressed == window.theme.accent


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1080, 1920)])
def test_buttons_are_finger_sized_and_never_cover_text(
    make_kiosk: MakeKiosk, real_pack: Pack, size: tuple[int, int]
) -> None:
    window = make_kiosk(real_pack, size=size, reduced_motion=True)
    controls = window.controls
    assert controls is not None
    short = min(size)
    dpi = QGuiApplication.primaryScreen().physicalDotsPerInch()
    finger = max(short * FINGER_SHARE, FINGER_MM / 25.4 * dpi)
    for button in controls.buttons():
        if button.isHidden():
            continue
        assert min(button.width(), button.height()) >= math.floor(finger), button.accessibleName()
        assert controls.rect().contains(button.geometry())
    # Buttons do not touch each other (a finger must not hit two).
    shown = [b.geometry() for b in controls.buttons() if not b.isHidden()]
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            assert not a.intersects(b)
    # A near miss between buttons does nothing.
    gap = QPoint(controls.start_button.geometry().right() + 4, controls.height() // 2)
    click(window, gap + controls.pos())
    assert window.player.index == 0
    # Every label of every slide lies above the bar.
    top = bar_top(window)
    for index in range(window.player.count):
        window.player.go_to(index)
        view = window.live_view
        assert view is not None
        assert view.geometry().bottom() < top
        for label in view.findChildren(QLabel):
            if label.isHidden() or not label.text():
                continue
            placed = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
            assert placed.bottom() < top, (index, label.text())


# -- taps and swipes ------------------------------------------------------------------


def test_swipes_and_taps_work_and_pause_autoplay(
    make_kiosk: MakeKiosk, real_pack: Pack, touchscreen: QPointingDevice
) -> None:
    window = make_kiosk(real_pack, start=True, reduced_motion=True)
    player = window.player
    assert player.is_advancing
    w, h = window.width(), bar_top(window)
    touch_swipe(window, touchscreen, QPoint(int(w * 0.8), h // 2), QPoint(int(w * 0.3), h // 2))
    assert player.index == 1
    assert player.is_paused
    assert not player.is_advancing
    # A tap on the left, off the cards (a fact card opens when tapped): back.
    touch_tap(window, touchscreen, QPoint(int(w * 0.1), int(h * 0.02)))
    assert player.index == 0
    click(window, QPoint(int(w * 0.9), h // 2))
    assert player.index == 1
    assert not player.is_advancing


# -- a resource, large ------------------------------------------------------------------


def open_first_resource(window: KioskWindow, qtbot: QtBot) -> ResourcesSlideView:
    window.player.go_to(resources_index(window.player.pack))
    settle(window, qtbot)
    view = window.live_view
    assert isinstance(view, ResourcesSlideView)
    click(window, view.mapTo(window, view.tap_targets()[0].rect.center()))
    return view


def test_tapping_a_resource_opens_it_large(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, size=(1280, 720))
    view = open_first_resource(window, qtbot)
    overlay = window.resource_overlay
    assert isinstance(overlay, ResourceOverlay)
    assert overlay.is_open
    slide = window.player.current_slide
    assert isinstance(slide, ResourcesSlide)
    resource = slide.resources[0]
    assert overlay.resource == resource
    assert window.player.index == resources_index(real_pack)  # the tap did not navigate
    # Its code, read off the screen, is exactly the resource's address...
    image = window.grab().toImage()
    found = [r.text for r in zxingcpp.read_barcodes(image)]
    assert found == [resource.url]
    # ...and far larger than on the slide: a quarter of the short side at least.
    assert overlay.qr_view is not None
    small = view.qr_views[0]
    assert overlay.qr_view.module_px() > small.module_px()
    assert overlay.qr_view.width() >= 0.25 * min(window.width(), window.height()) * 2
    # Name, description and number are on it, as text.
    texts = {plain(label.text()) for label in overlay.findChildren(QLabel) if label.isVisible()}
    assert "US National Human Trafficking Hotline" in texts
    assert "1-888-373-7888" in texts


def test_the_overlay_closes_outside_or_with_its_button_or_esc(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, reduced_motion=True)
    overlay = window.resource_overlay
    assert overlay is not None
    open_first_resource(window, qtbot)
    assert overlay.is_open
    click(window, overlay.card.center())  # on the card: stays
    assert overlay.is_open
    click(window, QPoint(3, window.height() // 2))  # outside it: closes
    assert not overlay.is_open
    assert window.player.index == resources_index(real_pack)
    open_first_resource(window, qtbot)
    qtbot.mouseClick(overlay.close_button, Qt.MouseButton.LeftButton)
    assert not overlay.is_open
    open_first_resource(window, qtbot)
    qtbot.keyClick(focused_widget(window), Qt.Key.Key_Escape)
    assert not overlay.is_open
    assert window.isVisible()  # Esc closed the overlay, not the kiosk


def test_event_mode_taps_on_a_resource_navigate(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, mode="event", reduced_motion=True)
    assert window.controls is None
    assert window.resource_overlay is None
    index = resources_index(real_pack)
    window.player.go_to(index)
    view = window.live_view
    assert isinstance(view, ResourcesSlideView)
    click(window, view.mapTo(window, view.tap_targets()[-1].rect.center()))
    # On: to the slide's next page, or to the next slide.
    assert (window.player.index, window.player.page) in ((index, 1), (index + 1, 0))


# -- keyboard -------------------------------------------------------------------------


def test_tab_reaches_every_control_and_shows_a_ring_only_then(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, reduced_motion=True)
    controls = window.controls
    assert controls is not None
    qtbot.mouseClick(controls.next_button, Qt.MouseButton.LeftButton)
    assert not controls.next_button.hasFocus()  # a tap gives no focus, so no ring
    reached = []
    # The stand-ins of the slide's cards come first (a facts slide's cards open too).
    for _ in range(len(window.chrome.targets) + len(controls.buttons()) + 1):
        qtbot.keyClick(focused_widget(window), Qt.Key.Key_Tab)
        focused = focused_widget(window)
        if focused in controls.buttons():
            reached.append(focused)
            assert focused.shows_focus_ring  # type: ignore[attr-defined]
    assert set(reached) == set(controls.buttons())
    # Enter and Space press the focused button.
    controls.next_button.setFocus(Qt.FocusReason.TabFocusReason)
    before = window.player.index
    qtbot.keyClick(controls.next_button, Qt.Key.Key_Return)
    qtbot.keyClick(controls.next_button, Qt.Key.Key_Space)
    assert window.player.index == before + 2
    # Arrow keys still turn slides with a button focused.
    qtbot.keyClick(controls.next_button, Qt.Key.Key_Left)
    assert window.player.index == before + 1


def test_a_resource_opens_from_the_keyboard(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, reduced_motion=True)
    window.player.go_to(resources_index(real_pack))
    targets = window.resource_targets
    assert window.live_view is not None
    slide = window.live_view.slide  # the page shown: a full slide may be shown as pages
    assert isinstance(slide, ResourcesSlide)
    assert len(targets) == len(slide.resources)
    assert targets[1].accessibleName().startswith("Show ")
    targets[1].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(targets[1], Qt.Key.Key_Return)
    overlay = window.resource_overlay
    assert overlay is not None
    assert overlay.is_open
    assert overlay.resource == slide.resources[1]
    qtbot.keyClick(focused_widget(window), Qt.Key.Key_Escape)
    assert not overlay.is_open
    qtbot.keyClick(window, Qt.Key.Key_1)  # number keys open resources too
    assert overlay.resource == slide.resources[0]


# -- nothing else to reach ----------------------------------------------------------------


def test_no_menu_no_selection_no_scrollbar(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(
        real_pack, lock=True, reduced_motion=True, pin_gate=__import__("venue_helpers").pin_gate()
    )
    open_first_resource(window, qtbot)
    window.open_staff_pad()
    assert window.contextMenuPolicy() == Qt.ContextMenuPolicy.PreventContextMenu
    widgets = [window, *window.findChildren(QWidget)]
    for widget in widgets:
        assert widget.contextMenuPolicy() in (
            Qt.ContextMenuPolicy.NoContextMenu,
            Qt.ContextMenuPolicy.PreventContextMenu,
        ), widget
        assert not isinstance(widget, QScrollBar | QLineEdit | QTextEdit | QAbstractScrollArea)
        if isinstance(widget, QLabel):
            assert widget.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    # A right click or a long press asks for a menu: nothing opens.
    for target in (window, window.live_view, window.resource_overlay):
        assert target is not None
        event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, QPoint(10, 10), target.mapToGlobal(QPoint(10, 10))
        )
        QApplication.sendEvent(target, event)
    assert QApplication.activePopupWidget() is None
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible()] == [window]


def test_the_window_s_modules_leave_touch_mode_s_parts_to_touch_kiosks() -> None:
    """An event-mode kiosk's first frame does not wait for the touch bar, the resource
    overlay, the idle warning, the tap cue or the PIN pad: the window's modules do not
    import them; the chrome does, when a kiosk uses them."""
    touch_parts = (
        "kiosk.ui.touch_controls",
        "kiosk.ui.resource_overlay",
        "kiosk.ui.widgets.idle_warning",
        "kiosk.ui.widgets.tap_cue",
        "kiosk.ui.pin_pad",
    )
    probe = f"import sys, kiosk.ui.app\nprint(sorted(set({touch_parts!r}) & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"

"""What the venue-mode tests share: kiosk windows over real or stand-in slides, and
the ways a visitor (or staff) touches them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from launching import split_options
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack
from kiosk.paths import content_dir
from kiosk.pin import PinGate, hash_pin
from kiosk.slides.resources import ResourcesSlide
from kiosk.ui.player import Player
from kiosk.ui.window import KioskWindow

PIN = "2468"
# One stored hash for every test: scrypt takes a moment, and a test needs no new salt.
_PIN_HASH: list[str] = []


def pin_hash() -> str:
    if not _PIN_HASH:
        _PIN_HASH.append(hash_pin(PIN))
    return _PIN_HASH[0]


def pin_gate(clock: Callable[[], float] | None = None) -> PinGate:
    return PinGate(pin_hash(), clock=clock) if clock is not None else PinGate(pin_hash())


@pytest.fixture(scope="session")
def real_pack(qapp: object) -> Pack:
    """The bundled 2023 pack (English and Spanish, two resources slides)."""
    from kiosk.ui.fonts import load_bundled_fonts

    load_bundled_fonts()
    return load_pack(content_dir() / "2023")


def resources_index(pack: Pack) -> int:
    return next(i for i, s in enumerate(pack.slides) if isinstance(s, ResourcesSlide))


MakeKiosk = Callable[..., KioskWindow]


def running_timers(window: KioskWindow) -> list[str]:
    timers = [*window.player.findChildren(QTimer), *window.findChildren(QTimer)]
    return [t.objectName() or repr(t) for t in timers if t.isActive()]


@pytest.fixture
def make_kiosk(qtbot: QtBot) -> Iterator[MakeKiosk]:
    """Shown kiosk windows; afterwards each is shut down (locked or not) and no
    timer of its own or of its player may still be running."""
    windows: list[KioskWindow] = []

    def make(
        pack: Pack,
        *,
        mode: str = "touch",
        size: tuple[int, int] | None = (1280, 720),
        idle_seconds: float | None = None,
        slide_seconds: float | None = None,
        language: str | None = None,
        start: bool = False,
        **options: object,
    ) -> KioskWindow:
        player = Player(
            pack,
            mode=mode,
            idle_seconds=idle_seconds,  # type: ignore[arg-type]
            slide_seconds=slide_seconds,
            language=language,
            region=options.get("region"),  # type: ignore[arg-type]
        )
        chosen, rest = split_options({**options, "windowed": size})
        window = KioskWindow(player, chosen, **rest)
        qtbot.addWidget(window)
        windows.append(window)
        window.present()
        # Keys go to the focus widget of the active window.
        qtbot.waitUntil(window.isActiveWindow, timeout=3000)
        if start:
            player.start()
        return window

    yield make
    for window in windows:
        window.shutdown()
        assert not window.isVisible()
        assert not running_timers(window), f"timers left running: {running_timers(window)}"
        animation = window.transition.animation
        assert animation.state() != animation.State.Running


def settle(window: KioskWindow, qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: not window.transition.is_running, timeout=3000)


def centre_in(window: KioskWindow, widget: QWidget) -> QPoint:
    """The centre of ``widget``, in the window's coordinates."""
    return widget.mapTo(window, widget.rect().center())


def click(window: KioskWindow, point: QPoint) -> None:
    """A click at ``point`` of the window, delivered to whatever is under it there (as
    the window system would; QTest itself hands it to the widget it is given)."""
    target = window.childAt(point) or window
    QTest.mouseClick(
        target,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        target.mapFrom(window, point),
    )


@pytest.fixture(scope="session")
def touchscreen(qapp: object) -> QPointingDevice:
    return QTest.createTouchDevice()


def touch_tap(window: KioskWindow, device: QPointingDevice, point: QPoint) -> None:
    QTest.touchEvent(window, device).press(0, point, window).commit()
    QTest.touchEvent(window, device).release(0, point, window).commit()


def touch_swipe(window: KioskWindow, device: QPointingDevice, start: QPoint, end: QPoint) -> None:
    QTest.touchEvent(window, device).press(0, start, window).commit()
    QTest.touchEvent(window, device).move(0, (start + end) / 2, window).commit()
    QTest.touchEvent(window, device).move(0, end, window).commit()
    QTest.touchEvent(window, device).release(0, end, window).commit()

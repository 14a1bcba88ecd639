"""The lock guard alone, over a bare widget: no kiosk window, no slides, no PIN pad."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from x_session import XSession, require_x_tools, start_x_session

from kiosk.ui.lock_guard import REASSERT_MS, LockGuard


class Guarded:
    """A bare widget under a guard; counts how often the guard presented it again."""

    def __init__(self, qtbot: QtBot, *, full_screen: bool) -> None:
        self.widget = QWidget()
        qtbot.addWidget(self.widget)
        self.widget.resize(320, 200)
        self.presented = 0
        self.guard = LockGuard(self.widget, full_screen=full_screen, present=self._present)
        self.full_screen = full_screen

    def _present(self) -> None:
        self.presented += 1
        if self.full_screen:
            self.widget.showFullScreen()
        else:
            self.widget.show()

    def running_timers(self) -> list[str]:
        return [t.objectName() for t in self.widget.findChildren(QTimer) if t.isActive()]


@pytest.fixture
def windowed(qtbot: QtBot) -> Iterator[Guarded]:
    guarded = Guarded(qtbot, full_screen=False)
    guarded.widget.show()
    qtbot.waitExposed(guarded.widget)
    yield guarded
    guarded.guard.release()
    guarded.widget.close()
    assert guarded.running_timers() == []


def test_it_keeps_the_window_on_top_and_refuses_every_close(
    windowed: Guarded, caplog: pytest.LogCaptureFixture
) -> None:
    widget = windowed.widget
    assert widget.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    with caplog.at_level(logging.INFO):
        assert not widget.close()
        event = QCloseEvent()  # as the window manager sends it (Alt+F4, its button)
        QApplication.sendEvent(widget, event)
    assert not event.isAccepted()
    assert widget.isVisible()
    assert "close refused: the kiosk is locked" in caplog.text
    assert not windowed.guard.quit_allowed()


def test_once_released_it_lets_go(windowed: Guarded) -> None:
    windowed.guard.start()
    assert windowed.running_timers() == ["lock-visible-check"]
    windowed.guard.release()
    assert windowed.running_timers() == []
    assert windowed.guard.quit_allowed()
    windowed.guard.start()  # too late: nothing to guard any more
    assert windowed.running_timers() == []
    assert windowed.widget.close()
    assert not windowed.widget.isVisible()


def test_a_minimised_window_comes_back(windowed: Guarded, qtbot: QtBot) -> None:
    windowed.widget.showMinimized()
    qtbot.waitUntil(lambda: not windowed.widget.isMinimized(), timeout=3000)
    assert windowed.widget.isVisible()


def test_a_released_window_may_be_minimised(windowed: Guarded, qtbot: QtBot) -> None:
    windowed.guard.release()
    windowed.widget.showMinimized()
    qtbot.wait(REASSERT_MS * 3)
    assert windowed.widget.isMinimized()


def test_a_full_screen_window_takes_full_screen_back(qtbot: QtBot) -> None:
    guarded = Guarded(qtbot, full_screen=True)
    guarded.widget.showFullScreen()
    qtbot.waitExposed(guarded.widget)
    guarded.guard.start()
    guarded.widget.showNormal()
    qtbot.waitUntil(guarded.widget.isFullScreen, timeout=3000)
    guarded.guard.release()
    assert guarded.running_timers() == []


# -- taken off the screen, under a real X server --------------------------------------------

UNMAP_CHECK = """
import json, subprocess, sys
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from kiosk.ui.lock_guard import LockGuard

app = QApplication(sys.argv[:1])


def wait_for(condition, ms=5000):
    for _ in range(ms // 20):
        if condition():
            return True
        QTest.qWait(20)
    return bool(condition())


widget = QWidget()
widget.resize(320, 200)
presented = []


def present():
    presented.append(True)
    widget.show()


guard = LockGuard(widget, full_screen=False, present=present)
widget.show()
seen = {"exposed": QTest.qWaitForWindowExposed(widget)}
guard.note_on_screen()  # what the window does when it paints
guard.start()
subprocess.run(["xdotool", "windowunmap", str(int(widget.winId()))], check=True)
seen["taken_off"] = wait_for(lambda: not widget.windowHandle().isExposed())
seen["back"] = wait_for(lambda: bool(presented) and widget.windowHandle().isExposed())
guard.release()
widget.close()
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def bare_x(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XSession]:
    require_x_tools()
    session = start_x_session(tmp_path_factory.mktemp("bare-x"), window_manager=False)
    yield session
    session.close()


@pytest.mark.slow
def test_a_window_taken_off_the_screen_is_shown_again(bare_x: XSession, tmp_path: Path) -> None:
    script = tmp_path / "unmap.py"
    script.write_text(UNMAP_CHECK)
    env = {**bare_x.env, "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(script)], env=env, text=True, capture_output=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"exposed": True, "taken_off": True, "back": True}, done.stderr

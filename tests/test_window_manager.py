"""Under a real window manager (openbox on Xvfb): a locked kiosk stays on screen
whatever is done to its window from outside, and a kiosk whose window is destroyed
ends, so that it is started again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from kiosk_process import KioskProcess, no_kiosk_left_running
from venue_helpers import PIN
from x_session import (
    StructureEvents,
    XSession,
    require_x_tools,
    start_x_session,
    visible_windows_of,
    wait_until,
    window_state,
)

from kiosk.pin import write_pin_file

pytestmark = pytest.mark.slow

__all__ = ["no_kiosk_left_running"]  # the fixture, used by every test here

PLAYING = "INFO kiosk.ui.app: playing"
# What the kiosk must do within 2 s; the tests allow more on a loaded machine.
SETTLE_SECONDS = 20.0


@pytest.fixture(scope="module")
def openbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XSession]:
    require_x_tools()
    session = start_x_session(tmp_path_factory.mktemp("openbox"), window_manager=True)
    yield session
    session.close()


def start_kiosk(session: XSession, home: Path, *options: str) -> tuple[KioskProcess, int]:
    """A real ``kiosk run`` on the X server; the process and its window's id."""
    pin = home / "pin"
    write_pin_file(pin, PIN)
    kiosk = KioskProcess.run(
        home,
        "--pin-file",
        str(pin),
        *options,
        env={"DISPLAY": session.display, "QT_QPA_PLATFORM": "xcb"},
    )
    windows: list[int] = []

    def found() -> bool:
        windows[:] = visible_windows_of(session, kiosk.pid)
        return len(windows) == 1 and window_state(session, windows[0]).shown

    try:
        kiosk.wait_for(PLAYING)
        wait_until(found, SETTLE_SECONDS, "the kiosk window on screen")
    except BaseException:
        kiosk.kill()
        raise
    return kiosk, windows[0]


@pytest.fixture(scope="module")
def locked_kiosk(
    openbox: XSession, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[KioskProcess, int]]:
    kiosk, window = start_kiosk(openbox, tmp_path_factory.mktemp("locked"), "--lock")
    yield kiosk, window
    kiosk.process.terminate()
    kiosk.finish()


# What a visitor or another program can do to take the window off the screen.
TAKE_AWAY = {
    "show-desktop": lambda session, window: session.tool("wmctrl", "-k", "on"),
    "another-desktop": lambda session, window: session.tool(
        "wmctrl", "-s", "1" if _current_desktop(session) == 0 else "0"
    ),
    "unmap": lambda session, window: session.tool("xdotool", "windowunmap", str(window)),
    "minimise": lambda session, window: session.tool("xdotool", "windowminimize", str(window)),
}


def _current_desktop(session: XSession) -> int:
    return int(session.tool("xprop", "-root", "_NET_CURRENT_DESKTOP").split("=")[1])


@pytest.mark.parametrize("action", list(TAKE_AWAY))
def test_a_locked_kiosk_comes_back_on_top_and_full_screen(
    openbox: XSession, locked_kiosk: tuple[KioskProcess, int], action: str, tmp_path: Path
) -> None:
    kiosk, window = locked_kiosk
    assert window_state(openbox, window).shown
    events = StructureEvents(openbox, window, tmp_path / "xev.log")
    try:
        TAKE_AWAY[action](openbox, window)
        # The X server's own report that the window went: the kiosk may put it back
        # before a poll of its state would see it gone.
        wait_until(
            lambda: events.count("UnmapNotify") > 0,
            SETTLE_SECONDS,
            f"{action} to take the window away",
        )
        took = wait_until(
            lambda: window_state(openbox, window).shown,
            SETTLE_SECONDS,
            f"the window back on screen after {action}",
        )
        assert events.count("MapNotify") > 0, events.text()
    finally:
        events.close()
    print(f"{action}: back on screen after {took:.2f} s")  # noqa: T201 (the figure, with -s)
    assert kiosk.process.poll() is None


@pytest.mark.parametrize("locked", [False, True], ids=["unlocked", "locked"])
def test_a_kiosk_whose_window_is_destroyed_exits_to_be_started_again(
    openbox: XSession, tmp_path: Path, locked: bool
) -> None:
    kiosk, window = start_kiosk(openbox, tmp_path, *(["--lock"] if locked else []))
    openbox.tool("xdotool", "windowclose", str(window))
    assert kiosk.finish(timeout=SETTLE_SECONDS) == 5, kiosk.stderr
    assert "stopping: the window was destroyed from outside" in kiosk.stderr
    assert "Traceback" not in kiosk.stderr

"""The lock: nothing a visitor does ends or leaves the kiosk; staff leave it with the PIN."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from launching import launch
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from venue_helpers import PIN, MakeKiosk, make_kiosk, pin_gate, pin_hash, real_pack

from kiosk.cli import main
from kiosk.pack.model import Pack
from kiosk.pin import write_pin_file
from kiosk.ui.app import Launch
from kiosk.ui.logging_setup import ErrorCounter
from kiosk.ui.window import KioskWindow

__all__ = ["make_kiosk", "real_pack"]

HOLD = 0.15  # seconds: the staff hold, shortened for tests


def locked(make_kiosk: MakeKiosk, pack: Pack, **options: object) -> KioskWindow:
    options.setdefault("pin_gate", pin_gate())
    options.setdefault("staff_hold_seconds", HOLD)
    options.setdefault("reduced_motion", True)
    return make_kiosk(pack, lock=True, **options)


def type_pin(qtbot: QtBot, window: KioskWindow, pin: str) -> None:
    pad = window.pin_pad
    assert pad is not None
    for digit in pin:
        qtbot.keyClick(pad, digit)
    qtbot.keyClick(pad, Qt.Key.Key_Return)


def hold_corner(qtbot: QtBot, window: KioskWindow, seconds: float) -> None:
    corner = QPoint(6, 6)
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)
    qtbot.wait(round(seconds * 1000))
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, corner)


# -- nothing a visitor does ends it -----------------------------------------------------------


@pytest.mark.parametrize("mode", ["event", "touch"])
def test_close_requests_and_quit_keys_are_refused(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot, mode: str
) -> None:
    window = locked(make_kiosk, real_pack, mode=mode, size=None)
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert not window.close()
    # A close request as the window manager sends it (Alt+F4, its close button).
    event = QCloseEvent()
    QTest.qWait(0)
    QApplication.sendEvent(window, event)
    assert not event.isAccepted()
    for key, modifier in [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    ]:
        qtbot.keyClick(window, key, modifier)
    assert window.isVisible()
    assert window.isFullScreen()
    assert window.player.count > 0


def test_leaving_full_screen_is_undone(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = locked(make_kiosk, real_pack, size=None)
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=3000)
    window.showMinimized()
    qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized(), timeout=3000)


def test_unlocked_kiosks_still_quit_with_esc(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, mode="touch")
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


# -- staff ------------------------------------------------------------------------------------


def test_holding_the_corner_and_the_right_pin_closes_it(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = locked(make_kiosk, real_pack)
    pad = window.pin_pad
    assert pad is not None
    hold_corner(qtbot, window, HOLD / 3)  # too short: a tap on the left, which goes back
    assert not pad.is_open
    assert window.player.index == window.player.count - 1
    hold_corner(qtbot, window, HOLD * 3)
    assert pad.is_open
    assert window.player.index == window.player.count - 1  # the release was not a tap
    type_pin(qtbot, window, PIN)
    assert not window.isVisible()


def test_a_wrong_pin_does_not_and_guessing_is_slowed_down(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    now = [1000.0]
    window = locked(make_kiosk, real_pack, pin_gate=pin_gate(clock=lambda: now[0]))
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier,
    )
    pad = window.pin_pad
    assert pad is not None
    assert pad.is_open
    type_pin(qtbot, window, "1111")
    assert window.isVisible()
    assert pad.is_open
    assert pad.entry_length == 0
    assert "Wrong PIN" in pad.message.text()
    type_pin(qtbot, window, "2222")
    type_pin(qtbot, window, "3333")  # the third wrong PIN locks the pad for 30 s
    assert "Try again in 30 s" in pad.message.text()
    assert pad.countdown_running
    assert not pad.digit_buttons["1"].isEnabled()
    type_pin(qtbot, window, PIN)  # even the right PIN waits
    assert window.isVisible()
    now[0] += 12
    pad._refresh_lock()  # what the countdown does each second
    assert "Try again in 18 s" in pad.message.text()
    now[0] += 20
    pad._refresh_lock()
    assert not pad.countdown_running
    assert pad.digit_buttons["1"].isEnabled()
    type_pin(qtbot, window, PIN)
    assert not window.isVisible()


def test_esc_closes_the_pad_not_the_kiosk(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = locked(make_kiosk, real_pack)
    assert window.open_staff_pad(keyboard=True)
    pad = window.pin_pad
    assert pad is not None
    qtbot.keyClick(pad, "5")
    qtbot.keyClick(pad, Qt.Key.Key_Right)  # keys on the pad never turn the slides
    assert window.player.index == 0
    assert pad.entry_length == 1
    qtbot.keyClick(pad, Qt.Key.Key_Escape)
    assert not pad.is_open
    assert window.isVisible()


def test_the_pad_shows_staff_how_many_errors_were_logged(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    counter = ErrorCounter().install()
    try:
        window = locked(
            make_kiosk,
            real_pack,
            error_count=lambda: counter.count,
            log_file=Path("/var/log/kiosk/kiosk.log"),
        )
        pad = window.pin_pad
        assert pad is not None
        assert not pad.badge_label.isVisible()  # nothing for visitors to see
        logging.getLogger("kiosk.test").error("one")
        logging.getLogger("kiosk.test").warning("not an error")
        logging.getLogger("kiosk.test").critical("two")
        hold_corner(qtbot, window, HOLD * 3)
        assert pad.badge_label.isVisible()
        assert pad.badge_label.text() == "2 new errors in the log since start"
        assert "kiosk.log" in pad.log_label.text()
    finally:
        counter.remove()


# -- the command line -----------------------------------------------------------------------


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty settings folder for this machine; returns its config folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "config" / "awareness-kiosk"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def captured_runs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    import kiosk.ui.app

    runs: list[object] = []

    def fake_run(options: object) -> int:
        runs.append(options)
        return 0

    monkeypatch.setattr(kiosk.ui.app, "run_kiosk", fake_run)
    return runs


def test_lock_without_a_pin_refuses_to_start(
    machine: Path,
    bundled_content: Path,
    captured_runs: list[object],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", str(bundled_content / "2023"), "--lock"]) == 2
    error = capsys.readouterr().err
    assert "needs a staff PIN" in error
    assert "kiosk set-pin" in error
    assert captured_runs == []  # no window was opened
    (machine / "settings.toml").write_text("lock = true\n")
    assert main(["run", str(bundled_content / "2023")]) == 2
    assert captured_runs == []


def test_a_bad_settings_file_is_explained(
    machine: Path, captured_runs: list[object], capsys: pytest.CaptureFixture[str]
) -> None:
    (machine / "settings.toml").write_text('mode = "party"\n')
    assert main(["run"]) == 2
    assert "settings file is wrong" in capsys.readouterr().err
    (machine / "settings.toml").write_text("idle_seconds = 1\n")
    assert main(["run"]) == 2
    assert "idle_seconds" in capsys.readouterr().err
    assert captured_runs == []


def test_command_line_beats_settings_beats_pack(
    machine: Path, bundled_content: Path, captured_runs: list[object], tmp_path: Path
) -> None:
    write_pin_file(machine / "pin", PIN)
    (machine / "settings.toml").write_text(
        textwrap.dedent(f"""\
        pack = "{bundled_content / "2024"}"
        mode = "touch"
        lock = true
        idle_seconds = 30
        large_text = true
        language = "es"
    """)
    )
    assert main(["run"]) == 0
    options = captured_runs[-1]
    assert isinstance(options, Launch)
    assert options.pack.year == 2024
    chosen = options.options
    assert (chosen.mode, chosen.lock, chosen.idle_seconds) == ("touch", True, 30)
    assert options.pin_hash is not None
    assert (chosen.language, chosen.large_text, chosen.high_contrast) == ("es", True, False)
    assert options.log_dir == tmp_path / "state" / "awareness-kiosk" / "log"
    assert (
        main(
            [
                "run",
                str(bundled_content / "2023"),
                "--mode",
                "event",
                "--no-lock",
                "--idle-seconds",
                "90",
                "--no-large-text",
                "--high-contrast",
                "--reduced-motion",
                "--lang",
                "en",
            ]
        )
        == 0
    )
    options = captured_runs[-1]
    assert isinstance(options, Launch)
    assert options.pack.year == 2023
    chosen = options.options
    assert (chosen.mode, chosen.lock, options.pin_hash, chosen.idle_seconds) == (
        "event",
        False,
        None,
        90,
    )
    assert (chosen.large_text, chosen.high_contrast, chosen.reduced_motion) == (
        False,
        True,
        True,
    )
    # Without either, the pack decides (the bundled packs are event packs).
    (machine / "settings.toml").unlink()
    assert main(["run", "--pin-file", str(machine / "pin"), "--lock"]) == 0
    options = captured_runs[-1]
    assert isinstance(options, Launch)
    resolved, _ = options.options.for_pack(options.pack)
    assert (resolved.mode, resolved.idle_seconds, resolved.lock) == ("event", 60, True)
    assert not resolved.chose("idle_seconds")  # the pack's, also after a reload


# -- a real window system ---------------------------------------------------------------------


XVFB_CHECK = """
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])


def wait_for(condition, ms=3000):
    for _ in range(ms // 20):
        if condition():
            return True
        QTest.qWait(20)
    return bool(condition())


from kiosk.pack.load import load_pack
from kiosk.paths import content_dir
from kiosk.pin import PinGate
from kiosk.options import RunOptions
from kiosk.ui.player import Player
from kiosk.ui.window import KioskWindow
window = KioskWindow(Player(load_pack(content_dir() / "2023"), mode="touch"),
                     RunOptions(lock=True, reduced_motion=True), pin_gate=PinGate(sys.argv[1]))
window.present()
QTest.qWaitForWindowExposed(window)
wait_for(window.isActiveWindow, 3000)
seen = {"fullscreen": window.isFullScreen(), "active": window.isActiveWindow(),
        "on_top": bool(window.windowHandle().flags() & Qt.WindowType.WindowStaysOnTopHint)}
intruder = QWidget()
intruder.resize(200, 200)
intruder.show()
QTest.qWaitForWindowExposed(intruder)
intruder.activateWindow()
QTest.qWait(50)
seen["intruder_got_focus"] = intruder.isActiveWindow()
seen["focus_taken_back"] = wait_for(window.isActiveWindow, 3000)
window.showNormal()
seen["fullscreen_taken_back"] = wait_for(window.isFullScreen, 3000)
window.close()
QTest.qWait(50)
seen["still_open"] = window.isVisible()
window.shutdown()
intruder.close()
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    """A private X server (display number picked by Xvfb itself); its DISPLAY."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    if not number:
        server.kill()
        pytest.skip("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.slow
def test_under_x11_it_stays_full_screen_on_top_and_focused(xvfb: str, tmp_path: Path) -> None:
    script = tmp_path / "check.py"
    script.write_text(XVFB_CHECK)
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "XDG_RUNTIME_DIR": str(tmp_path),
    }
    env.pop("WAYLAND_DISPLAY", None)
    done = subprocess.run(
        [sys.executable, str(script), pin_hash()],
        env=env,
        text=True,
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {
        "fullscreen": True,
        "active": True,
        "on_top": True,
        "intruder_got_focus": True,
        "focus_taken_back": True,
        "fullscreen_taken_back": True,
        "still_open": True,
    }, done.stderr


def test_the_right_pin_ends_a_running_kiosk_with_exit_code_0(
    real_pack: Pack, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kiosk.ui.app import run_kiosk

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the status file
    attempts: list[bool] = []

    def staff_arrives() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, KioskWindow))
        window.close()  # refused: the kiosk is locked
        attempts.append(window.isVisible())
        assert window.open_staff_pad()
        assert window.pin_pad is not None
        for digit in PIN:
            window.pin_pad.press_digit(digit)
        window.pin_pad.submit()

    QTimer.singleShot(200, staff_arrives)
    watchdog = QTimer()  # should staff_arrives fail, end the run rather than hang
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: QApplication.exit(1))
    watchdog.start(15_000)
    try:
        code = run_kiosk(
            launch(
                real_pack,
                windowed=(640, 360),
                lock=True,
                pin_hash=pin_hash(),
                watch=False,
                mode="touch",
            )
        )
    finally:
        watchdog.stop()
    assert code == 0
    assert attempts == [True]

"""The kiosk process: one per state folder, ended cleanly by signals, ended for good
by a frozen event loop, and never stopped or flooded by a bad display or a bad disk."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from kiosk_process import FIRST_PAINT_MARK, KioskProcess, kiosk_env, no_kiosk_left_running
from x_session import XSession, start_x_session, wait_until

from kiosk.display import display_problem
from kiosk.local import StateFolderBusy, claim_state_folder
from kiosk.ui.logging_setup import LogFile

__all__ = ["no_kiosk_left_running"]  # the fixture, used by every test here

PLAYING = "INFO kiosk.ui.app: playing"


def state(home: Path) -> Path:
    return home / "state" / "awareness-kiosk"


def log_text(home: Path) -> str:
    return (state(home) / "log" / "kiosk.log").read_text()


# -- one kiosk per state folder ---------------------------------------------------------------


@pytest.mark.slow
def test_a_second_kiosk_on_the_same_state_folder_stops_before_showing_anything(
    tmp_path: Path,
) -> None:
    first = KioskProcess.run(tmp_path, "--windowed", "640x360")
    try:
        first.wait_for(PLAYING)
        # The first frame it keeps would be painted at once by the next start...
        frame = state(tmp_path) / "first-frame" / "frame.json"
        wait_until(
            lambda: frame.exists() and '"key"' in frame.read_text(),
            60,
            "the first frame to be kept",
        )
        # ...but a second kiosk stops before that, naming the one that runs.
        second = KioskProcess.until_first_paint(tmp_path, "--windowed", "640x360")
        assert second.finish() == 1, second.stderr
        assert (
            f"a kiosk is already running with this state folder ({state(tmp_path)}), "
            f"as process {first.pid}"
        ) in second.stderr
        assert FIRST_PAINT_MARK not in second.stdout  # nothing was shown
        assert "Traceback" not in second.stderr
        assert first.process.poll() is None  # and the first one plays on
    finally:
        first.process.send_signal(signal.SIGKILL)  # as a crash would end it
        first.finish()
    # A killed kiosk leaves nothing behind that stops the next one.
    third = KioskProcess.until_first_paint(tmp_path, "--windowed", "640x360")
    assert third.finish() == 0, third.stderr
    assert FIRST_PAINT_MARK in third.stdout


def test_the_state_folder_is_claimed_once_until_released(tmp_path: Path) -> None:
    claim = claim_state_folder(tmp_path)
    assert claim.held
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; "
            "from kiosk.local import claim_state_folder; claim_state_folder(Path(sys.argv[1]))",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert f"StateFolderBusy: {tmp_path} is in use by process {os.getpid()}" in other.stderr
    with pytest.raises(StateFolderBusy) as busy:
        claim_state_folder(tmp_path)  # a second claim, even from the same process
    assert busy.value.pid == os.getpid()
    claim.release()
    again = claim_state_folder(tmp_path)
    assert again.held
    again.release()


# -- signals ----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("name", "code"), [("SIGTERM", 0), ("SIGINT", 0), ("SIGHUP", 129)])
def test_stop_signals_end_the_kiosk_through_its_own_stop(
    tmp_path: Path, name: str, code: int
) -> None:
    kiosk = KioskProcess.run(tmp_path, "--windowed", "640x360")
    kiosk.wait_for(PLAYING)
    kiosk.wait_for("INFO kiosk.ui.app: watching")  # the event loop runs
    os.kill(kiosk.pid, getattr(signal, name))
    assert kiosk.finish() == code, kiosk.stderr
    for text in (f"stopping: received {name} (exit code {code})", f"stopped (exit code {code})"):
        assert text in kiosk.stderr
        assert text in log_text(tmp_path)
    assert "Traceback" not in kiosk.stderr


# -- the watchdog -----------------------------------------------------------------------------

# A test build of the kiosk: the real run_kiosk, with one slot that blocks the event
# loop far longer than the watchdog allows (argv: log folder, watchdog seconds, how).
FROZEN_KIOSK = textwrap.dedent("""\
    import re, sys, time
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from kiosk.pack.load import load_pack
    from kiosk.paths import content_dir
    from kiosk.options import RunOptions
    from kiosk.ui.app import Launch, run_kiosk

    app = QApplication(sys.argv[:1])

    def freeze_the_loop():
        if sys.argv[3] == "sleep":
            time.sleep(600)
        else:  # a regular expression that backtracks for ages, never letting go of the GIL
            re.fullmatch(r"(a|aa)+", "a" * 200 + "b")

    QTimer.singleShot(300, freeze_the_loop)
    options = RunOptions(windowed=(640, 360), watchdog_seconds=float(sys.argv[2]))
    sys.exit(run_kiosk(Launch(load_pack(content_dir() / "2023"), options, watch=False,
                              log_dir=Path(sys.argv[1]))))
""")


@pytest.mark.slow
def test_a_frozen_event_loop_ends_the_process_with_a_log_line(tmp_path: Path) -> None:
    script = tmp_path / "frozen_kiosk.py"
    script.write_text(FROZEN_KIOSK)
    kiosk = KioskProcess([str(script), str(tmp_path / "log"), "2", "sleep"], kiosk_env(tmp_path))
    assert kiosk.finish() == 4, kiosk.stderr
    log = (tmp_path / "log" / "kiosk.log").read_text()
    assert re.search(
        r"CRITICAL kiosk\.ui\.process_guards: the window has not responded for "
        r"\d+ s \(the event loop is stuck\); ending the kiosk with exit code 4",
        log,
    )
    # Where it was stuck, for whoever reads the log.
    assert "in freeze_the_loop\n    time.sleep(600)" in log


@pytest.mark.slow
def test_a_freeze_that_holds_the_interpreter_still_ends_the_process(tmp_path: Path) -> None:
    script = tmp_path / "frozen_kiosk.py"
    script.write_text(FROZEN_KIOSK)
    kiosk = KioskProcess([str(script), str(tmp_path / "log"), "1", "regex"], kiosk_env(tmp_path))
    assert kiosk.finish() == 1, kiosk.stderr  # faulthandler's exit, the backstop
    assert "Timeout (0:00:02)!" in kiosk.stderr
    assert "in freeze_the_loop" in kiosk.stderr


# A test build that keeps the loop busy but turning: a 3-second transition at full HD,
# then a slide drawn at 4K inside the loop; then it quits.
BUSY_KIOSK = textwrap.dedent("""\
    import dataclasses, sys
    from pathlib import Path
    from PySide6.QtCore import QSize, QTimer
    from PySide6.QtWidgets import QApplication
    from kiosk.export import render_slide
    from kiosk.pack.load import load_pack
    from kiosk.paths import content_dir
    from kiosk.options import RunOptions
    from kiosk.ui.app import Launch, run_kiosk
    from kiosk.ui.window import KioskWindow

    app = QApplication(sys.argv[:1])
    pack = load_pack(content_dir() / "2023")
    pack = dataclasses.replace(pack, timing=dataclasses.replace(
        pack.timing, transition="crossfade", transition_ms=3000))

    def window():
        return next(w for w in app.topLevelWidgets() if isinstance(w, KioskWindow))

    def long_transition():
        window().player.next()
        QTimer.singleShot(3500, big_render)

    def big_render():
        for slide in pack.slides[:3]:
            render_slide(slide, pack, "en", QSize(3840, 2160))
        app.exit(0)

    QTimer.singleShot(500, long_transition)
    options = RunOptions(windowed=(1920, 1080), slide_seconds=600)
    sys.exit(run_kiosk(Launch(pack, options, watch=False, log_dir=Path(sys.argv[1]))))
""")


@pytest.mark.slow
def test_a_busy_event_loop_stays_far_from_the_watchdog(tmp_path: Path) -> None:
    script = tmp_path / "busy_kiosk.py"
    script.write_text(BUSY_KIOSK)
    kiosk = KioskProcess([str(script), str(tmp_path / "log")], kiosk_env(tmp_path))
    assert kiosk.finish() == 0, kiosk.stderr
    pause = re.search(
        r"the event loop's longest pause: ([\d.]+) s "
        r"\(the watchdog allows 30 s\)",
        kiosk.stderr,
    )
    assert pause is not None, kiosk.stderr
    assert float(pause[1]) < 10, kiosk.stderr  # a third of the default, on a loaded machine


# -- the display ------------------------------------------------------------------------------


def free_display_number() -> int:
    for number in range(97, 200):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and display_problem({"DISPLAY": f":{number}"}) is not None
        ):
            return number
    raise AssertionError("no free display number")


@pytest.fixture(scope="module")
def xvfb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XSession]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    session = start_x_session(tmp_path_factory.mktemp("x"), window_manager=False)
    yield session
    session.close()


def test_a_display_with_no_x_server_is_named_in_one_line(tmp_path: Path) -> None:
    number = free_display_number()
    env = kiosk_env(tmp_path, {"DISPLAY": f":{number}"})
    for name in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "run"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(
        f"kiosk: no X server answers at DISPLAY=:{number} (/tmp/.X11-unix/X{number}: "
    )
    assert "libxcb" not in done.stderr


def test_the_display_check_finds_what_qt_would_use(xvfb: XSession) -> None:
    number = free_display_number()
    live = xvfb.display[1:]
    assert display_problem({"DISPLAY": f":{live}"}) is None
    assert display_problem({"DISPLAY": f"unix:{live}.0"}) is None
    assert display_problem({"DISPLAY": f":{live}", "QT_QPA_PLATFORM": "xcb"}) is None
    assert "DISPLAY=:" in (display_problem({"DISPLAY": f":{number}"}) or "")
    refused = display_problem({"DISPLAY": f"127.0.0.1:{number}"}) or ""
    assert f"127.0.0.1 port {6000 + number}: Connection refused" in refused
    assert "DISPLAY is not set" in (display_problem({}) or "")
    assert "DISPLAY is not set" in (display_problem({"QT_QPA_PLATFORM": "xcb"}) or "")
    # Not X11: no check (Wayland first, in a Wayland session; no screen at all offscreen).
    assert display_problem({"DISPLAY": f":{number}", "WAYLAND_DISPLAY": "wayland-0"}) is None
    assert display_problem({"DISPLAY": f":{number}", "QT_QPA_PLATFORM": "offscreen"}) is None
    assert display_problem({"QT_QPA_PLATFORM": "wayland"}) is None


@pytest.mark.slow
def test_offscreen_still_starts_with_a_dead_display(tmp_path: Path) -> None:
    kiosk = KioskProcess.until_first_paint(tmp_path, env={"DISPLAY": f":{free_display_number()}"})
    assert kiosk.finish() == 0, kiosk.stderr
    assert FIRST_PAINT_MARK in kiosk.stdout


# -- a full or read-only disk -----------------------------------------------------------------


@pytest.mark.slow
def test_a_full_disk_under_the_log_costs_one_warning_not_a_traceback_per_record(
    tmp_path: Path,
) -> None:
    folder = state(tmp_path) / "log"
    folder.mkdir(parents=True)
    (folder / "kiosk.log").symlink_to("/dev/full")  # every write: "No space left on device"
    kiosk = KioskProcess.run(tmp_path, "--windowed", "640x360")
    kiosk.wait_for("INFO kiosk.ui.app: watching")
    os.kill(kiosk.pid, signal.SIGTERM)
    assert kiosk.finish() == 0, kiosk.stderr
    assert kiosk.stderr.count("cannot write the log file") == 1, kiosk.stderr
    assert f"cannot write the log file {folder / 'kiosk.log'} (disk full)" in kiosk.stderr
    assert "Logging error" not in kiosk.stderr
    assert "Traceback" not in kiosk.stderr
    assert "stopped (exit code 0)" in kiosk.stderr  # the terminal still has everything


def test_the_log_file_is_tried_again_and_says_what_was_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    link = tmp_path / "kiosk.log"
    link.symlink_to("/dev/full")
    handler = LogFile(link)
    logger = logging.getLogger("kiosk.test.logfile")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        for number in range(50):
            logger.warning("record %d", number)
        assert capsys.readouterr().err.count("\n") == 1
        link.unlink()  # the disk has room again
        monkeypatch.setattr(LogFile, "RETRY_SECONDS", 0.0)
        logger.warning("after")
        assert capsys.readouterr().err == ""
    finally:
        logger.removeHandler(handler)
        handler.close()
    lines = link.read_text().splitlines()
    assert lines[0].endswith("the log file could not be written for a while; 50 records were lost")
    assert lines[1].endswith("after")


def unshare_works() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(
    not unshare_works(), reason="needs root and unshare -m to mount a small file system"
)
@pytest.mark.parametrize(
    ("mount", "reason"), [("size=64k", "disk full"), ("ro,size=64k", "read-only file system")]
)
def test_set_pin_on_a_full_or_read_only_disk_says_so(
    tmp_path: Path, mount: str, reason: str
) -> None:
    folder = tmp_path / "small"
    folder.mkdir()
    # A file system of its own, seen only by this command: filled to the brim, or
    # read-only from the start.
    command = (
        f"mount -t tmpfs -o {mount} tmpfs {folder} && "
        f"{{ head -c 1M /dev/zero > {folder}/fill; }} 2>/dev/null; "
        f"exec {sys.executable} -m kiosk set-pin --stdin --pin-file {folder}/pin"
    )
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", command],
        input="2468\n",
        env=kiosk_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr == (
        f"kiosk: cannot write the PIN file: {reason} ({folder}/pin); nothing was changed\n"
    )

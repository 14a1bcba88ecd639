"""`kiosk status` as a remote admin's script sees it: stable JSON keys, and an exit code
for each state of a real kiosk (running well, running with problems, stopped,
vanished, never run, status unreadable)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from launching import launch
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from running_kiosk import WITHIN_MS, StartKiosk, edit, start, state_home, status_says
from unprivileged import Sandbox, sandbox
from venue_helpers import PIN, pin_hash

from kiosk.cli import main
from kiosk.pack.load import load_pack
from kiosk.status import KioskStatus, read_status, status_file
from kiosk.ui.app import run_kiosk
from kiosk.ui.window import KioskWindow

__all__ = ["sandbox", "start", "state_home"]  # fixtures

# What scripts may rely on: always these keys, in this order (the README lists them).
JSON_KEYS = (
    "state",
    "exit_code",
    "message",
    "status_file",
    "pid",
    "started_at",
    "updated_at",
    "stopped_at",
    "pack_path",
    "pack_title",
    "pack_year",
    "pack_version",
    "mode",
    "showing_since",
    "last_reload_at",
    "last_reload_ok",
    "last_reload_problems",
    "errors_logged",
    "screenshot_file",
    "screenshot_at",
    "schedule_file",
    "schedule_rule",
    "asleep_until",
    "woken_until",
    "notice",
)
README = Path(__file__).parent.parent / "README.md"


def test_the_readme_documents_every_key() -> None:
    section = README.read_text("utf-8").split("kiosk status --json", 1)[1]
    for key in JSON_KEYS:
        assert f"`{key}`" in section, key


def status_json(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["status", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_json_and_exit_code_follow_a_running_kiosk_until_it_stops(
    start: StartKiosk,
    pack_copy: Callable[[str], Path],
    qtbot: QtBot,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = pack_copy("2023")
    kiosk = start(folder)
    code, data = status_json(capsys)
    assert code == 0
    assert tuple(data) == JSON_KEYS
    assert data["state"] == "running"
    assert data["exit_code"] == 0
    assert data["pid"] == os.getpid()
    assert data["pack_path"] == str(folder)
    assert data["pack_version"] == kiosk.player.pack.version
    assert data["last_reload_ok"] is None  # none yet
    assert data["errors_logged"] == 0
    assert data["stopped_at"] is None

    edit(folder / "pack.yaml", "year: 2023", "year: 2023\nyear: 2024")
    qtbot.waitUntil(status_says(last_reload_ok=False), timeout=WITHIN_MS)
    code, data = status_json(capsys)
    assert code == 1  # running, but the last reload failed
    assert data["state"] == "running"
    assert data["last_reload_ok"] is False
    assert "duplicate key 'year'" in data["last_reload_problems"][0]
    assert data["errors_logged"] >= 1

    edit(folder / "pack.yaml", "year: 2023\nyear: 2024", "year: 2023")
    qtbot.waitUntil(status_says(last_reload_ok=True), timeout=WITHIN_MS)
    code, data = status_json(capsys)
    assert code == 0  # well again: a good pack was loaded
    assert data["errors_logged"] == 0

    kiosk.stop()  # what quitting, the staff PIN and a signal all end in
    code, data = status_json(capsys)
    assert code == 3
    assert tuple(data) == JSON_KEYS
    assert data["state"] == "stopped"
    assert data["stopped_at"] is not None
    assert main(["status"]) == 3
    out = capsys.readouterr().out
    assert out.startswith(f"kiosk:       stopped at {data['stopped_at']}")


def test_a_kiosk_that_vanished_or_never_ran_is_not_running(
    state_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, data = status_json(capsys)
    assert code == 3
    assert tuple(data) == JSON_KEYS
    assert data["state"] == "never-run"
    assert data["pid"] is None
    assert "has not run" in data["message"]
    # A kiosk killed outright: its status was never marked stopped, its pid is gone.
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    KioskStatus(
        pack_path="/packs/current",
        pack_title="World Day 2024",
        pack_year=2024,
        pack_version="abc123",
        mode="event",
        showing_since="2026-07-30T08:00:00+00:00",
        pid=int(gone.stdout),
    ).write()
    code, data = status_json(capsys)
    assert code == 3
    assert data["state"] == "not-running"
    assert data["pack_version"] == "abc123"
    assert main(["status"]) == 3
    assert "NOT RUNNING" in capsys.readouterr().out


def test_a_status_that_cannot_be_read_is_not_taken_for_one_that_never_was(
    state_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status_file().mkdir(parents=True)  # reading it fails, even for root
    assert main(["status"]) == 4
    out = capsys.readouterr().out
    assert "cannot read the state folder" in out
    assert "has not run" not in out
    code, data = status_json(capsys)
    assert code == 4
    assert data["state"] == "unreadable"


def test_a_state_folder_it_may_not_enter_is_reported_as_such(sandbox: Sandbox) -> None:
    state = sandbox.state_home / "awareness-kiosk"
    state.mkdir()
    (state / "status.json").write_text("{}", "utf-8")
    os.chmod(state, 0)
    result = sandbox.run("status")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "cannot read the state folder" in result.stdout
    assert "has not run" not in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("way_out", ["quit-key", "staff-pin"])
def test_a_kiosk_that_ends_says_it_stopped(
    way_out: str,
    state_home: Path,
    bundled_content: Path,
    qapp: QApplication,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The whole run, as `kiosk run` does it, ended the ways staff end it."""
    seen_running: list[str] = []

    def leave_once_running() -> None:
        status = read_status()
        window = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, KioskWindow) and w.isVisible()
            ),
            None,
        )
        if status is None or window is None:
            QTimer.singleShot(100, leave_once_running)  # not started yet
            return
        seen_running.append(str(status.get("stopped_at")))
        if way_out == "quit-key":
            QTest.keyClick(window, Qt.Key.Key_Escape)
        else:
            assert window.open_staff_pad()
            assert window.pin_pad is not None
            for digit in PIN:
                window.pin_pad.press_digit(digit)
            window.pin_pad.submit()

    QTimer.singleShot(200, leave_once_running)
    watchdog = QTimer()  # should leaving fail, end the run rather than hang
    watchdog.setSingleShot(True)
    watchdog.timeout.connect(lambda: QApplication.exit(1))
    watchdog.start(30_000)
    locked = way_out == "staff-pin"
    try:
        code = run_kiosk(
            launch(
                load_pack(bundled_content / "2023"),
                windowed=(640, 360),
                lock=locked,
                pin_hash=pin_hash() if locked else None,
            )
        )
    finally:
        watchdog.stop()
    assert code == 0
    assert seen_running == ["None"]  # it was running, not stopped, before
    capsys.readouterr()
    assert main(["status"]) == 3
    out = capsys.readouterr().out
    assert out.startswith("kiosk:       stopped at ")

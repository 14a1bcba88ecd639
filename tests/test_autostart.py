"""Autostart files, written into a temporary HOME, and the status a remote admin reads."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import autostart
from kiosk.cli import main
from kiosk.local import pin_file
from kiosk.pin import write_pin_file
from kiosk.status import KioskStatus, inspect_status, read_status


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / ".local" / "state"))
    return tmp_path


def test_systemd_unit_restarts_on_failure(home: Path, bundled_content: Path) -> None:
    entry = autostart.plan(
        bundled_content / "2023", ["--mode", "touch", "--lock"], use_systemd=True
    )
    assert entry.path == home / ".config" / "systemd" / "user" / "awareness-kiosk.service"
    lines = entry.content.splitlines()
    assert "Restart=on-failure" in lines
    assert "RestartSec=3" in lines
    assert "After=graphical-session.target" in lines
    assert "WantedBy=graphical-session.target" in lines
    exec_start = next(line for line in lines if line.startswith("ExecStart="))
    assert exec_start.endswith(f"run {(bundled_content / '2023').resolve()} --mode touch --lock")


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)
def test_systemd_unit_passes_systemd_analyze_verify(home: Path, bundled_content: Path) -> None:
    entry = autostart.plan(bundled_content / "2023", ["--lock"], use_systemd=True)
    autostart.write_atomic(entry.path, entry.content.encode())
    result = subprocess.run(
        ["systemd-analyze", "verify", str(entry.path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "awareness-kiosk.service" not in result.stderr  # no warning about our unit


def test_xdg_entry_loops_until_a_clean_exit(home: Path, bundled_content: Path) -> None:
    entry = autostart.plan(bundled_content / "2024", [], use_systemd=False)
    assert entry.path == home / ".config" / "autostart" / "awareness-kiosk.desktop"
    exec_line = next(line for line in entry.content.splitlines() if line.startswith("Exec="))
    assert exec_line.startswith('Exec=sh -c "while :; do ')
    assert "&& break; sleep 3; done" in exec_line
    assert "[Desktop Entry]" in entry.content


def test_the_xdg_loop_really_restarts_after_a_crash(tmp_path: Path) -> None:
    # The loop the entry runs, with a stand-in that crashes twice, then quits cleanly.
    counter = tmp_path / "count"
    crash_twice = [
        sys.executable,
        "-c",
        f"import pathlib,sys; p=pathlib.Path({str(counter)!r}); "
        "n=int(p.read_text()) if p.exists() else 0; p.write_text(str(n+1)); "
        "sys.exit(0 if n >= 2 else 1)",
    ]
    entry = autostart.xdg_entry(crash_twice)
    loop = next(line for line in entry.content.splitlines() if line.startswith("Exec="))
    loop = loop.removeprefix('Exec=sh -c "').removesuffix('"')
    # undo the desktop-entry escaping to get the shell text back
    loop = loop.replace("\\\\", "\\").replace('\\"', '"').replace("\\$", "$").replace("\\`", "`")
    loop = loop.replace("sleep 3", "sleep 0")
    subprocess.run(["sh", "-c", loop], check=True, timeout=60)
    assert counter.read_text() == "3"


def test_cli_install_dry_run_writes_nothing(
    home: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-autostart", str(bundled_content / "2023"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# would write ")
    assert f"run {(bundled_content / '2023').resolve()}" in out
    assert not (home / ".config").exists()


def test_locked_autostart_needs_a_pin_first(
    home: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-autostart", str(bundled_content / "2023"), "--lock"]) == 2
    assert "kiosk set-pin" in capsys.readouterr().err
    assert not (home / ".config" / "systemd").exists()
    assert not (home / ".config" / "autostart").exists()


def test_cli_install_then_uninstall(
    home: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_pin_file(pin_file(), "2468")
    assert main(["install-autostart", str(bundled_content / "2023"), "--lock"]) == 0
    written = list((home / ".config").rglob("awareness-kiosk.*"))
    assert len(written) == 1
    assert "--lock" in written[0].read_text()
    assert main(["uninstall-autostart"]) == 0
    assert not written[0].exists()
    assert "removed" in capsys.readouterr().out


def test_install_refuses_a_broken_pack(
    home: Path, write_pack: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-autostart", str(write_pack("year: x\n"))]) == 1
    assert not (home / ".config").exists()


def test_status_round_trip_and_staleness(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status"]) == 3  # not running: it never ran
    assert "has not run" in capsys.readouterr().out
    status = KioskStatus(
        pack_path="/packs/current",
        pack_title="World Day 2024",
        pack_year=2024,
        pack_version="abc123",
        mode="touch",
        showing_since="2026-07-30T08:00:00+00:00",
        last_reload_at="2026-07-30T09:00:00+00:00",
        last_reload_ok=False,
        last_reload_problems=["pack.yaml:3:1: error: year: ..."],
    )
    status.write()
    data = read_status()
    assert data is not None
    assert data["pid"] == os.getpid()
    assert main(["status"]) == 1  # running, but the last reload failed
    out = capsys.readouterr().out
    assert "running, with problems (pid" in out
    assert "World Day 2024 (2024), version abc123" in out
    assert "FAILED, still showing the last good pack" in out
    assert "pack.yaml:3:1" in out
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10)
    assert inspect_status(at=later).lines()[0].startswith("kiosk:       NOT RUNNING")

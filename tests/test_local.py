"""This machine's files: atomic writes survive a kill, settings are checked, PINs hashed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.local import config_dir, log_dir, state_dir, write_atomic
from kiosk.options import SettingsError, read_settings
from kiosk.pin import PinError, PinGate, hash_pin, read_pin_file, verify_pin, write_pin_file

WRITER = """
import json, sys
from pathlib import Path
from kiosk.local import config_dir, log_dir, state_dir, write_atomic
target = Path(sys.argv[1])
generation = 0
print("ready", flush=True)
while True:
    generation += 1
    # a big payload makes each write long enough to be interrupted mid-way
    write_atomic(target, json.dumps({"generation": generation, "pad": "x" * 4_000_000}).encode())
"""


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "status.json"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["status.json"]  # no temp left


def test_killing_a_writer_mid_write_never_leaves_a_corrupt_file(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    write_atomic(target, json.dumps({"generation": 0, "pad": ""}).encode())
    seen = set()
    for delay in (0.05, 0.13, 0.21, 0.34, 0.55):
        with subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target)], stdout=subprocess.PIPE, text=True
        ) as writer:
            assert writer.stdout is not None
            assert writer.stdout.readline().strip() == "ready"
            time.sleep(delay)
            writer.send_signal(signal.SIGKILL)
            writer.wait()
        data = json.loads(target.read_text())  # must parse: old or new, never half
        assert data["generation"] >= 0
        seen.add(data["generation"])
    assert len(seen) > 1  # the writers really were writing when killed


def test_settings_missing_file_means_defaults(tmp_path: Path) -> None:
    assert read_settings(tmp_path / "none.toml") == {}


def test_settings_are_read_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('pack = "~/packs/current"\nmode = "touch"\nlock = true\nidle_seconds = 45\n')
    settings = read_settings(path)
    assert settings["mode"] == "touch"
    assert settings["lock"] is True
    assert settings["idle_seconds"] == 45
    assert settings["pack"] == Path.home() / "packs" / "current"
    path.write_text('mode = "tuoch"\n')
    with pytest.raises(SettingsError, match="mode must be"):
        read_settings(path)
    path.write_text("lokc = true\n")
    with pytest.raises(SettingsError, match="unknown setting 'lokc'"):
        read_settings(path)
    path.write_text("lock = \n")
    with pytest.raises(SettingsError, match=str(path)):
        read_settings(path)


def test_pin_is_stored_salted_and_verifies(tmp_path: Path) -> None:
    first, second = hash_pin("2468"), hash_pin("2468")
    assert first != second  # a fresh salt each time
    assert "2468" not in first
    assert verify_pin("2468", first)
    assert not verify_pin("2469", first)
    assert not verify_pin("2468", "garbage")
    path = tmp_path / "pin"
    write_pin_file(path, "135790")
    stored = read_pin_file(path)
    assert stored is not None
    assert verify_pin("135790", stored)
    assert os.stat(path).st_mode & 0o777 == 0o600  # staff-only
    with pytest.raises(PinError):
        hash_pin("12")


def test_unreadable_pin_file_means_no_pin(tmp_path: Path) -> None:
    assert read_pin_file(tmp_path / "missing") is None
    (tmp_path / "pin").write_text("1234\n")  # a plain PIN is not accepted as a hash
    assert read_pin_file(tmp_path / "pin") is None


def test_wrong_pins_are_rate_limited() -> None:
    now = [1000.0]
    gate = PinGate(hash_pin("2468"), clock=lambda: now[0])
    for _ in range(PinGate.FREE_ATTEMPTS):
        assert gate.seconds_locked() == 0
        assert not gate.attempt("0000")
    assert gate.seconds_locked() == PinGate.FIRST_LOCKOUT
    assert not gate.attempt("2468")  # even the right PIN waits out the lockout
    now[0] += PinGate.FIRST_LOCKOUT
    assert not gate.attempt("1111")  # one more wrong: the lockout doubles
    assert gate.seconds_locked() == 2 * PinGate.FIRST_LOCKOUT
    now[0] += 2 * PinGate.FIRST_LOCKOUT
    assert gate.attempt("2468")
    assert gate.seconds_locked() == 0
    assert not gate.attempt("0000")  # reset: back to free attempts
    assert gate.seconds_locked() == 0


def test_lockout_is_capped() -> None:
    now = [0.0]
    gate = PinGate(hash_pin("2468"), clock=lambda: now[0])
    for _ in range(20):
        gate.attempt("0000")
        now[0] += gate.seconds_locked()
    gate.attempt("0000")
    assert gate.seconds_locked() == PinGate.MAX_LOCKOUT


def test_the_machine_files_follow_the_xdg_base_directory_specification(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert config_dir() == tmp_path / "config" / "awareness-kiosk"
    assert state_dir() == tmp_path / "state" / "awareness-kiosk"
    assert log_dir() == tmp_path / "state" / "awareness-kiosk" / "log"
    # Unset, empty or relative: the specification's defaults under the home folder.
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("XDG_STATE_HOME", "relative/state")
    assert config_dir() == tmp_path / "home" / ".config" / "awareness-kiosk"
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "awareness-kiosk"
    monkeypatch.setenv("XDG_STATE_HOME", "")
    assert log_dir() == tmp_path / "home" / ".local" / "state" / "awareness-kiosk" / "log"

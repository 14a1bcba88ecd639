"""Switching the display off while asleep: a command named in settings.toml runs when
the kiosk sleeps and wakes; an X server without DPMS (Xvfb) leaves the screen black,
said in the log."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.options import Command
from kiosk.ui.display_power import CommandPower, DisplayPower, XsetPower, display_power


def test_commands_switch_the_display_off_and_on(tmp_path: Path) -> None:
    record = tmp_path / "display"
    write = f"{sys.executable} -c \"import sys; open(sys.argv[1], 'a').write(sys.argv[2])\""
    off = Command().parse(f"{write} {record} off,")
    on = Command().parse(f"{write} {record} on")
    power = display_power("wayland", off, on)
    assert isinstance(power, CommandPower)
    assert power.off()
    power.on()
    assert record.read_text() == "off,on"


def test_a_failing_command_leaves_the_screen_black(caplog: pytest.LogCaptureFixture) -> None:
    power = CommandPower([sys.executable, "-c", "import sys; sys.exit('no outputs')"], None)
    with caplog.at_level(logging.WARNING):
        assert not power.off()
    assert "screen_off_command failed (no outputs)" in caplog.text


def test_wayland_without_commands_shows_black_and_says_how(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.INFO):
        power = display_power("wayland", None, None)
    assert type(power) is DisplayPower
    assert not power.off()
    assert "screen_off_command" in caplog.text


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A private X server (no DPMS extension, as Xvfb is built)."""
    read, write = os.pipe()
    try:
        server = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        pytest.skip("Xvfb is not installed")
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def test_an_x_server_without_dpms_is_told_from_one_with_it(
    xvfb: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DISPLAY", xvfb)
    power = display_power("xcb", None, None)
    if not isinstance(power, XsetPower):
        pytest.skip("xset is not installed")
    assert power.dpms_state() is None  # "Server does not have the DPMS Extension"
    with caplog.at_level(logging.INFO):
        assert not power.off()
    assert "no DPMS extension" in caplog.text
    power.on()  # nothing to undo: it never switched off

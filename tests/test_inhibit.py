"""Keeping the screen on: the kiosk asks the desktop's screen saver over a real D-Bus
session bus, and gives its cookie back at the end.

A private ``dbus-daemon`` stands in for the session bus, and a small process on it
plays the desktop's screen saver (``org.freedesktop.ScreenSaver``), writing down
every call it gets.
"""

from __future__ import annotations

import json
import logging
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from launching import launch
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.pack.load import load_pack
from kiosk.ui.app import start_kiosk
from kiosk.ui.screensaver import ScreenSaverInhibitor
from kiosk.ui.startup import APPLICATION_NAME

FAKE_SCREENSAVER = '''
import json, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusConnection, QDBusVirtualObject

DESCRIPTION = """<interface name="org.freedesktop.ScreenSaver">
  <method name="Inhibit">
    <arg name="application_name" type="s" direction="in"/>
    <arg name="reason_for_inhibit" type="s" direction="in"/>
    <arg name="cookie" type="u" direction="out"/>
  </method>
  <method name="UnInhibit"><arg name="cookie" type="u" direction="in"/></method>
</interface>
"""


class FakeScreenSaver(QDBusVirtualObject):
    next_cookie = 7340

    def introspect(self, path):
        return DESCRIPTION

    def handleMessage(self, message, connection):
        if message.interface() != "org.freedesktop.ScreenSaver":
            return False
        print(json.dumps([message.member(), message.signature(), message.arguments()]),
              flush=True)
        reply = message.createReply()
        if message.member() == "Inhibit":
            FakeScreenSaver.next_cookie += 1
            reply.setArguments([FakeScreenSaver.next_cookie])
        connection.send(reply)
        return True


app = QCoreApplication(sys.argv[:1])
bus = QDBusConnection.sessionBus()
fake = FakeScreenSaver()
assert bus.registerVirtualObject("/org/freedesktop/ScreenSaver", fake)
assert bus.registerService("org.freedesktop.ScreenSaver")
print(json.dumps(["ready"]), flush=True)
app.exec()
'''


def read_line(process: subprocess.Popen[str], timeout: float = 10.0) -> list[object]:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    assert ready, "the fake screen saver said nothing"
    line = process.stdout.readline()
    assert line, "the fake screen saver stopped"
    value = json.loads(line)
    assert isinstance(value, list)
    return value


@pytest.fixture(scope="module")
def session_bus() -> Iterator[str]:
    """A private session bus; its address."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (apt-get install dbus-daemon)")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--print-address=1", "--nofork", "--nopidfile"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert daemon.stdout is not None
    ready, _, _ = select.select([daemon.stdout], [], [], 10)
    address = daemon.stdout.readline().strip() if ready else ""
    if not address:
        daemon.kill()
        daemon.wait()
        daemon.stdout.close()
        pytest.skip("dbus-daemon did not start")
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)
    daemon.stdout.close()


@pytest.fixture
def screensaver(
    session_bus: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[], list[object]]]:
    """The fake screen saver on the private bus, which the kiosk is pointed at;
    returns a function reading the next call it got."""
    script = tmp_path / "fake_screensaver.py"
    script.write_text(FAKE_SCREENSAVER)
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": session_bus}
    process = subprocess.Popen(
        [sys.executable, str(script)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert read_line(process) == ["ready"]
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    yield lambda: read_line(process)
    process.terminate()
    process.wait(timeout=10)
    assert process.stdout is not None
    process.stdout.close()


def test_inhibit_and_uninhibit_with_the_same_cookie(
    screensaver: Callable[[], list[object]],
) -> None:
    inhibitor = ScreenSaverInhibitor(APPLICATION_NAME, "showing slides")
    assert inhibitor.inhibit()
    cookie = inhibitor.cookie
    assert cookie is not None
    assert screensaver() == ["Inhibit", "ss", [APPLICATION_NAME, "showing slides"]]
    inhibitor.release()
    assert not inhibitor.active
    # "u": the unsigned 32-bit cookie the interface declares, as a real desktop needs.
    assert screensaver() == ["UnInhibit", "u", [cookie]]


def test_a_running_kiosk_keeps_the_screen_on_until_it_stops(
    screensaver: Callable[[], list[object]],
    write_pack: Callable[..., Path],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the status file
    pack = load_pack(
        write_pack("""\
        title: Bus test
        year: 2024
        date: 2024-07-30
        languages: [en]
        default_language: en
        slides:
          - type: title
            day: "A day"
            date: "30 July"
            theme: "A theme"
        """)
    )
    kiosk = start_kiosk(launch(pack, windowed=(320, 180), watch=False, keep_screen_on=True))
    try:
        qtbot.waitUntil(
            lambda: kiosk.background.inhibitor is not None and kiosk.background.inhibitor.active,
            timeout=5000,
        )
        member, _, arguments = screensaver()
        assert member == "Inhibit"
        assert isinstance(arguments, list)
        assert arguments[0] == APPLICATION_NAME
        assert kiosk.background.inhibitor is not None
        cookie = kiosk.background.inhibitor.cookie
    finally:
        kiosk.stop()
    assert screensaver() == ["UnInhibit", "u", [cookie]]
    qtbot.wait(1)
    assert not any(t.isActive() for t in kiosk.player.findChildren(QTimer))


def test_a_bus_without_a_screen_saver_is_logged_once(
    session_bus: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    inhibitor = ScreenSaverInhibitor(APPLICATION_NAME, "showing slides")
    with caplog.at_level(logging.INFO, logger="kiosk.ui.screensaver"):
        assert not inhibitor.inhibit()
        assert not inhibitor.inhibit()
        inhibitor.release()
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1, messages
    assert "no screen saver service" in messages[0]
    assert "xset s off -dpms" in messages[0]


def test_no_session_bus_is_logged_once_and_the_kiosk_carries_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    inhibitor = ScreenSaverInhibitor(APPLICATION_NAME, "showing slides")
    started = time.monotonic()
    with caplog.at_level(logging.INFO, logger="kiosk.ui.screensaver"):
        assert not inhibitor.inhibit()
        assert not inhibitor.inhibit()
        inhibitor.release()
    assert time.monotonic() - started < 5
    messages = [r.getMessage() for r in caplog.records]
    assert len(messages) == 1, messages
    assert "there is no session bus" in messages[0]

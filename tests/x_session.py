"""A private X server (Xvfb), optionally with a real window manager (openbox), and
the X tools that look at windows from outside (xdotool, wmctrl, xprop, xwininfo)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

X_TOOLS = ("Xvfb", "openbox", "wmctrl", "xdotool", "xprop", "xwininfo")

# Two virtual desktops at least, so that switching away from the kiosk is possible.
OPENBOX_CONFIG = """\
<?xml version="1.0" encoding="UTF-8"?>
<openbox_config xmlns="http://openbox.org/3.4/rc">
  <desktops><number>2</number></desktops>
</openbox_config>
"""


def require_x_tools() -> None:
    missing = [tool for tool in X_TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.skip(
            f"needs {', '.join(missing)} (apt-get install xvfb openbox wmctrl xdotool x11-utils)"
        )


@dataclass
class XSession:
    display: str
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        env = {**os.environ, "DISPLAY": self.display}
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def tool(self, *args: str) -> str:
        """Run an X tool against this display; its output."""
        done = subprocess.run(list(args), env=self.env, capture_output=True, text=True, timeout=30)
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_x_session(folder: Path, *, window_manager: bool) -> XSession:
    """Xvfb on a display number it picks itself (so parallel runs never clash), and
    openbox on it when ``window_manager``.

    A window manager that does not come up is tried again on a new X server, twice
    at most: the tests are about the kiosk, and one slow or failed start of openbox on
    a loaded machine is not a finding about it. Each failed try is reported as a
    warning with what openbox printed, so a machine where it keeps failing shows why.
    """
    failures: list[str] = []
    for attempt in range(1, WINDOW_MANAGER_TRIES + 1):
        session = _start_x_server()
        if not window_manager:
            return session
        log = folder / f"openbox-{attempt}.log"
        failure = _start_window_manager(session, folder / "openbox-rc.xml", log)
        if failure is None:
            for earlier in failures:
                warnings.warn(earlier, stacklevel=2)
            return session
        session.close()  # no X server left behind by a failed start
        failures.append(f"try {attempt}: {failure}")
    raise AssertionError("openbox did not start:\n" + "\n".join(failures))


WINDOW_MANAGER_TRIES = 3
WINDOW_MANAGER_SECONDS = 30.0


def _start_x_server() -> XSession:
    read, write = os.pipe()
    # -nopn: a server that cannot open all of its sockets for a display number takes
    # the next one, so that no client of this display reaches another server.
    command = ["Xvfb", "-displayfd", str(write), "-nopn", "-nolisten", "tcp"]
    server = subprocess.Popen(
        [*command, "-screen", "0", "1280x720x24"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as stream:
        number = stream.readline().strip()
    session = XSession(f":{number}", [server])
    if not number:
        session.close()
        pytest.skip("Xvfb did not start")
    return session


def _start_window_manager(session: XSession, config: Path, log: Path) -> str | None:
    """Start openbox on ``session``; None once it manages the screen, else why not."""
    config.write_text(OPENBOX_CONFIG)
    with log.open("wb") as output:
        openbox = subprocess.Popen(
            ["openbox", "--config-file", str(config)],
            env=session.env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    session.processes.append(openbox)
    start = time.monotonic()
    answer = ""
    while time.monotonic() - start < WINDOW_MANAGER_SECONDS:
        done = subprocess.run(
            ["wmctrl", "-m"], env=session.env, capture_output=True, text=True, timeout=30
        )
        if done.returncode == 0 and "Openbox" in done.stdout:
            return None
        answer = (done.stdout + done.stderr).strip()
        if openbox.poll() is not None:
            break
        time.sleep(0.05)
    waited = time.monotonic() - start
    state = "still running" if openbox.poll() is None else f"exited with {openbox.returncode}"
    printed = log.read_text(errors="replace").strip() or "nothing"
    return (
        f"after {waited:.1f} s on {session.display}, openbox {state}; "
        f"wmctrl -m said: {answer or 'nothing'}; openbox printed: {printed}"
    )


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> float:
    """Poll ``condition()`` until true; how long it took. Fails after ``timeout`` s."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)
    return time.monotonic() - start


class StructureEvents:
    """What the X server reports of a window's mapping (xev's log), from the moment
    the watch begins: a window that is taken off the screen and put back within a
    quarter of a second is seen to go, however loaded the machine is, where polling
    its state could miss it."""

    def __init__(self, session: XSession, window: int, log: Path) -> None:
        self._log = log
        self._output = log.open("wb")
        events = ["-event", "structure", "-event", "property"]
        # Line-buffered, so that each event is in the log as it happens.
        self._process = subprocess.Popen(
            ["stdbuf", "-oL", "xev", "-id", str(window), *events],
            env=session.env,
            stdout=self._output,
            stderr=subprocess.STDOUT,
        )
        mark = ["xprop", "-id", str(window), "-f", "KIOSK_TEST_MARK", "8s"]

        def listening() -> bool:
            # A property set after xev started: once xev reports one, it listens.
            session.tool(*mark, "-set", "KIOSK_TEST_MARK", "1")
            return self.count("PropertyNotify") > 0

        try:
            wait_until(listening, 30, "xev to listen")
        except BaseException:
            self.close()
            raise

    def text(self) -> str:
        return self._log.read_text(errors="replace")

    def count(self, event: str) -> int:
        """How many ``event`` (``UnmapNotify``, ``MapNotify``…) were reported so far."""
        return sum(line.startswith(event) for line in self.text().splitlines())

    def close(self) -> None:
        self._process.terminate()
        self._process.wait(timeout=10)
        self._output.close()


def visible_windows_of(session: XSession, pid: int) -> list[int]:
    done = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
        env=session.env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return [int(line) for line in done.stdout.split()]


@dataclass(frozen=True)
class WindowState:
    mapped: bool
    on_current_desktop: bool
    fullscreen: bool
    on_top: bool

    @property
    def shown(self) -> bool:
        return self.mapped and self.on_current_desktop and self.fullscreen and self.on_top


ALL_DESKTOPS = 0xFFFFFFFF


def window_state(session: XSession, window: int) -> WindowState:
    """How the window manager and the X server see ``window`` now."""
    info = session.tool("xwininfo", "-id", str(window))
    props = session.tool("xprop", "-id", str(window), "_NET_WM_STATE", "_NET_WM_DESKTOP")
    root = session.tool("xprop", "-root", "_NET_CURRENT_DESKTOP", "_NET_CLIENT_LIST_STACKING")
    current = _cardinal(root, "_NET_CURRENT_DESKTOP")
    desktop = _cardinal(props, "_NET_WM_DESKTOP")
    stacking = _window_list(root, "_NET_CLIENT_LIST_STACKING")
    return WindowState(
        mapped="IsViewable" in info,
        on_current_desktop=desktop is not None and desktop in (current, ALL_DESKTOPS),
        fullscreen="_NET_WM_STATE_FULLSCREEN" in props,
        on_top=bool(stacking) and stacking[-1] == window,
    )


def _cardinal(text: str, name: str) -> int | None:
    for line in text.splitlines():
        if line.startswith(name) and "=" in line:
            return int(line.split("=", 1)[1].strip().split(",")[0], 0)
    return None


def _window_list(text: str, name: str) -> list[int]:
    for line in text.splitlines():
        if line.startswith(name) and "#" in line:
            return [
                int(item.strip(), 16) for item in line.split("#", 1)[1].split(",") if item.strip()
            ]
    return []

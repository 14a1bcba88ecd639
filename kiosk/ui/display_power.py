"""Switching the display off while the kiosk sleeps, and on again when it wakes.

- X11: the X server's DPMS extension, through ``xset`` (x11-xserver-utils): ``xset
  dpms force off``, then ``force on``. ``force`` switches DPMS on, so the state it had
  is put back afterwards (``xset -dpms`` where the session had it off, as the README
  advises for kiosks). A server without the extension (Xvfb, many virtual machines)
  cannot: the kiosk shows black instead.
- Wayland: no protocol a Qt program may use for this, so the compositor's own tool,
  named in settings.toml: ``screen_off_command`` and ``screen_on_command`` (on labwc
  and other wlroots compositors ``wlopm --off '*'`` / ``wlopm --on '*'``, through
  the wlr-output-power-management protocol, which cage does not implement: there the
  screen shows black, unless another command, such as HDMI-CEC's, is named).
- Elsewhere (offscreen, or no way found): black, and nothing else.

Each command runs with a time limit and never raises: a display that stays on only
shows black.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Sequence

log = logging.getLogger(__name__)

COMMAND_TIMEOUT_S = 5.0


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_S,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError) as error:
        log.warning("could not run %s: %s", command[0], error)
        return None


class DisplayPower:
    """Switches the display off and on; ``off()`` says whether it could."""

    how = "nothing: the screen shows black"

    def off(self) -> bool:
        return False

    def on(self) -> None:
        pass


class CommandPower(DisplayPower):
    """The commands settings.toml names (Wayland compositors)."""

    def __init__(self, off: Sequence[str], on: Sequence[str] | None) -> None:
        self._off, self._on = list(off), list(on or ())
        self.how = f"the command {' '.join(self._off)}"

    def off(self) -> bool:
        done = _run(self._off)
        if done is None or done.returncode != 0:
            why = done.stderr.strip()[:200] if done is not None else "it did not run"
            log.warning("screen_off_command failed (%s); the screen shows black", why)
            return False
        return True

    def on(self) -> None:
        if self._on:
            done = _run(self._on)
            if done is not None and done.returncode != 0:
                log.warning("screen_on_command failed: %s", done.stderr.strip()[:200])


class XsetPower(DisplayPower):
    """DPMS on an X server, through xset; the DPMS state before is put back on waking."""

    how = "the X server's DPMS (xset dpms force off)"

    def __init__(self, program: str) -> None:
        self._xset = program
        self._was_enabled: bool | None = None

    def dpms_state(self) -> bool | None:
        """Whether DPMS is enabled; None when the server has no DPMS at all."""
        done = _run([self._xset, "q"])
        if done is None or done.returncode != 0:
            return None
        if "DPMS is Enabled" in done.stdout:
            return True
        if "DPMS is Disabled" in done.stdout:
            return False
        return None  # "Server does not have the DPMS Extension"

    def off(self) -> bool:
        state = self.dpms_state()
        if state is None:
            log.info("the X server has no DPMS extension: the screen shows black instead")
            return False
        self._was_enabled = state
        done = _run([self._xset, "dpms", "force", "off"])
        return done is not None and done.returncode == 0

    def on(self) -> None:
        if self._was_enabled is None:
            return
        _run([self._xset, "dpms", "force", "on"])
        if not self._was_enabled:
            _run([self._xset, "-dpms"])  # as the session had it: no blanking of its own
        self._was_enabled = None


def display_power(
    platform: str, off_command: Sequence[str] | None, on_command: Sequence[str] | None
) -> DisplayPower:
    """The way to switch the display off on Qt's ``platform`` ("xcb", "wayland", ...)."""
    if off_command:
        return CommandPower(off_command, on_command)
    if platform == "xcb":
        program = shutil.which("xset")
        if program is not None:
            return XsetPower(program)
        log.info("xset is not installed (x11-xserver-utils): the screen shows black when asleep")
    elif platform.startswith("wayland"):
        log.info(
            "on Wayland the kiosk cannot switch the display off itself: set "
            "screen_off_command and screen_on_command in settings.toml (e.g. wlopm); "
            "until then the screen shows black when asleep"
        )
    return DisplayPower()

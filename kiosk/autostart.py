"""Start the kiosk with the desktop session, and again after a crash.

With systemd, a user unit restarts the kiosk on failure after a short delay and
starts it with the graphical session. Without systemd, an XDG autostart entry
runs it in a small restart loop, which does the same job.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk.local import write_atomic

UNIT_NAME = "awareness-kiosk.service"
DESKTOP_NAME = "awareness-kiosk.desktop"
RESTART_DELAY_SECONDS = 3


@dataclass(frozen=True)
class AutostartFile:
    path: Path
    content: str
    kind: str  # "systemd" or "xdg"


def kiosk_command(pack: Path, extra: list[str]) -> list[str]:
    """The command that starts this kiosk, with absolute paths (units run from $HOME)."""
    executable = shutil.which("kiosk")
    base = [executable] if executable else [sys.executable, "-m", "kiosk"]
    return [*base, "run", str(pack.resolve()), *extra]


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


def has_systemd_user() -> bool:
    return shutil.which("systemctl") is not None and Path("/run/systemd/system").is_dir()


def systemd_unit(command: list[str]) -> AutostartFile:
    content = f"""\
[Unit]
Description=awareness-kiosk slideshow
# Needs the desktop: start with the graphical session and stop with it.
After=graphical-session.target
PartOf=graphical-session.target

[Service]
Type=simple
ExecStart={shlex.join(command)}
# Come back by itself after a crash or a kill, but not after a clean quit by staff.
Restart=on-failure
RestartSec={RESTART_DELAY_SECONDS}

[Install]
WantedBy=graphical-session.target
"""
    return AutostartFile(_config_home() / "systemd" / "user" / UNIT_NAME, content, "systemd")


def xdg_entry(command: list[str]) -> AutostartFile:
    # Desktop autostart runs a command once; the loop restarts it after a crash
    # (non-zero exit) and stops when staff quit it cleanly (exit 0).
    loop = f"while :; do {shlex.join(command)} && break; sleep {RESTART_DELAY_SECONDS}; done"
    content = f"""\
[Desktop Entry]
Type=Application
Name=awareness-kiosk
Comment=Awareness-day slideshow
Exec=sh -c {_desktop_quote(loop)}
Terminal=false
X-GNOME-Autostart-enabled=true
"""
    return AutostartFile(_config_home() / "autostart" / DESKTOP_NAME, content, "xdg")


def _desktop_quote(text: str) -> str:
    # The Desktop Entry spec: quote the argument in double quotes, escaping
    # ", `, $ and \ with a backslash (and the backslash itself is doubled again
    # by the spec's string-value escaping).
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in text)
    return '"' + escaped.replace("\\", "\\\\") + '"'


def plan(pack: Path, extra: list[str], use_systemd: bool | None = None) -> AutostartFile:
    command = kiosk_command(pack, extra)
    systemd = has_systemd_user() if use_systemd is None else use_systemd
    return systemd_unit(command) if systemd else xdg_entry(command)


def install(entry: AutostartFile) -> list[str]:
    """Write the file; enable the unit when systemd is there. Returns what was done."""
    write_atomic(entry.path, entry.content.encode())
    done = [f"wrote {entry.path}"]
    if entry.kind == "systemd" and has_systemd_user():
        for args in (["daemon-reload"], ["enable", UNIT_NAME]):
            result = subprocess.run(["systemctl", "--user", *args], capture_output=True, text=True)
            state = "done" if result.returncode == 0 else f"failed: {result.stderr.strip()}"
            done.append(f"systemctl --user {' '.join(args)}: {state}")
    return done


def uninstall() -> list[str]:
    done = []
    unit = systemd_unit([]).path
    if unit.exists() and has_systemd_user():
        subprocess.run(["systemctl", "--user", "disable", UNIT_NAME], capture_output=True)
        done.append(f"systemctl --user disable {UNIT_NAME}")
    for path in (unit, xdg_entry([]).path):
        if path.exists():
            path.unlink()
            done.append(f"removed {path}")
    return done or ["nothing to remove: no autostart entry was installed"]

"""The status file a remote admin reads over ssh, and what `kiosk status` makes of it.

The running kiosk (``kiosk.ui.status_reporter``) rewrites ``status.json`` in the
state folder at start, whenever another pack comes on screen, after each reload,
once a minute, and when it stops. ``kiosk status`` reads it and tells a running
kiosk from one that stopped, one that vanished without a word (a crash, a kill,
a power cut: the file stops being refreshed) and one that never ran, with an
exit code scripts can use (the ``EXIT_*`` values, as ``systemctl status`` does).
The keys of ``kiosk status --json`` are ``JSON_KEYS``; the README documents them.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.local import state_dir, write_atomic

# A kiosk rewrites the file every minute; older than this, it is probably not running.
STALE_AFTER_SECONDS = 180

# What `kiosk status` exits with.
EXIT_RUNNING_WELL = 0
EXIT_RUNNING_WITH_PROBLEMS = 1  # the last reload failed, or errors were logged
EXIT_NOT_RUNNING = 3
EXIT_UNKNOWN = 4  # the status cannot be read: nobody can tell

# The states `kiosk status` tells apart.
RUNNING = "running"
STOPPED = "stopped"  # it ended normally (quit, staff PIN, a signal) and said so
VANISHED = "not-running"  # it stopped refreshing its status without saying it stopped
NEVER_RUN = "never-run"
UNREADABLE = "unreadable"

# `kiosk status --json` always has exactly these keys (null when unknown).
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


def status_file() -> Path:
    return state_dir() / "status.json"


def screenshot_file() -> Path:
    """The small picture of what the running kiosk shows (``kiosk.ui.screenshot``)."""
    return state_dir() / "screenshot.jpg"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class KioskStatus:
    """What the running kiosk writes. ``pack_version`` is ``Pack.version`` of the pack
    on screen: a digest of the bytes that were loaded, not of the files now."""

    pack_path: str
    pack_title: str
    pack_year: int
    pack_version: str
    mode: str
    showing_since: str
    pid: int = field(default_factory=os.getpid)
    started_at: str = field(default_factory=now)
    updated_at: str = field(default_factory=now)
    stopped_at: str | None = None
    last_reload_at: str | None = None
    last_reload_ok: bool | None = None
    last_reload_problems: list[str] = field(default_factory=list)
    # Errors logged since the kiosk started or last loaded a good pack.
    errors_logged: int = 0
    # What shows when (kiosk.schedule): the schedule run, why the pack on screen was
    # chosen, the opening the sleeping screen waits for, or the end of a wake by a
    # touch outside opening hours, and the staff notice on screen.
    schedule_file: str | None = None
    schedule_rule: str | None = None
    asleep_until: str | None = None
    woken_until: str | None = None
    notice: str | None = None

    def write(self, path: Path | None = None) -> None:
        self.updated_at = now()
        write_atomic(path or status_file(), json.dumps(asdict(self), indent=2).encode())


def read_status(path: Path | None = None) -> dict[str, Any] | None:
    """The status file's contents; None when there is none or it cannot be read."""
    try:
        data = json.loads((path or status_file()).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class KioskState:
    """What `kiosk status` found: the state, the status file's data, and why."""

    state: str
    status_file: Path
    data: dict[str, Any] = field(default_factory=dict)
    reason: str = ""  # for NEVER_RUN and UNREADABLE: what was found instead
    age_seconds: float | None = None  # how long ago the status was written
    screenshot_at: str | None = None

    @property
    def problems(self) -> bool:
        """Running, but the last reload failed or errors were logged."""
        return self.data.get("last_reload_ok") is False or _count(self.data) > 0

    @property
    def exit_code(self) -> int:
        if self.state == RUNNING:
            return EXIT_RUNNING_WITH_PROBLEMS if self.problems else EXIT_RUNNING_WELL
        if self.state == UNREADABLE:
            return EXIT_UNKNOWN
        return EXIT_NOT_RUNNING

    @property
    def message(self) -> str:
        """One line for people: the state and what it means."""
        data = self.data
        if self.state in (NEVER_RUN, UNREADABLE):
            return self.reason
        pid = data.get("pid")
        if self.state == STOPPED:
            return f"stopped at {data.get('stopped_at')} (pid {pid})"
        if self.state == VANISHED:
            return (
                f"NOT RUNNING: its status was last written {int(self.age_seconds or 0)} s "
                f"ago (pid {pid}) and it did not say it stopped: a crash, a kill or a "
                "power cut?"
            )
        trouble = ", with problems" if self.problems else ""
        asleep = data.get("asleep_until")
        if asleep:
            # Asleep in closed hours is the kiosk doing its job, not a failure.
            return (
                f"asleep until {_clock_time(asleep)}{trouble} (outside opening hours; pid "
                f"{pid}, status written {int(self.age_seconds or 0)} s ago)"
            )
        return f"running{trouble} (pid {pid}, status written {int(self.age_seconds or 0)} s ago)"

    def as_json(self) -> dict[str, Any]:
        data = self.data
        values: dict[str, Any] = {
            "state": self.state,
            "exit_code": self.exit_code,
            "message": self.message,
            "status_file": str(self.status_file),
            "screenshot_file": str(screenshot_file()) if self.screenshot_at else None,
            "screenshot_at": self.screenshot_at,
            "last_reload_problems": list(data.get("last_reload_problems") or []),
            "errors_logged": _count(data) if data else None,
        }
        return {key: values[key] if key in values else data.get(key) for key in JSON_KEYS}

    def lines(self) -> list[str]:
        """Plain lines for `kiosk status`."""
        data = self.data
        lines = [f"kiosk:       {self.message}"]
        if not data:
            return lines
        lines += [
            f"pack:        {data.get('pack_title')} ({data.get('pack_year')}), version "
            f"{data.get('pack_version')}",
            f"folder:      {data.get('pack_path')}",
            f"mode:        {data.get('mode')}",
            f"showing since {data.get('showing_since')}",
        ]
        if data.get("schedule_file"):
            lines.append(f"schedule:    {data['schedule_file']}: {data.get('schedule_rule')}")
        if data.get("woken_until"):
            lines.append(
                f"screen:      woken by a touch outside opening hours, until "
                f"{_clock_time(data['woken_until'])}"
            )
        if data.get("notice"):
            lines.append(f"notice:      {data['notice']}")
        if data.get("last_reload_at"):
            ok = data.get("last_reload_ok")
            state = "ok" if ok else "FAILED, still showing the last good pack"
            lines.append(f"last reload: {data['last_reload_at']}: {state}")
            if not ok:
                lines += [f"  {problem}" for problem in data.get("last_reload_problems", [])]
        errors = _count(data)
        if errors:
            lines.append(
                f"errors:      {errors} logged since the last good pack was loaded (see the log)"
            )
        if self.screenshot_at:
            lines.append(
                f"screenshot:  taken {self.screenshot_at} ('kiosk status "
                "--screenshot FILE' copies it)"
            )
        return lines


def _clock_time(text: object) -> str:
    """A time the kiosk wrote, on this machine's clock: "09:00" today, else with its day."""
    try:
        moment = dt.datetime.fromisoformat(str(text)).astimezone()
    except ValueError:
        return str(text)
    if moment.year == dt.MAXYEAR:
        return "the opening hours open it again (every day is closed)"
    if moment.date() == dt.datetime.now().astimezone().date():
        return f"{moment:%H:%M}"
    return f"{moment:%a %Y-%m-%d %H:%M}"


def _count(data: dict[str, Any]) -> int:
    value = data.get("errors_logged", 0)
    return value if isinstance(value, int) else 0


def inspect_status(path: Path | None = None, at: dt.datetime | None = None) -> KioskState:
    """Read the status file and tell what state the kiosk is in."""
    path = path or status_file()
    at = at or dt.datetime.now(dt.UTC)
    shot = _screenshot_time()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return KioskState(
            NEVER_RUN,
            path,
            reason=f"no kiosk status at {path}: the kiosk has not run on this account",
            screenshot_at=shot,
        )
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return KioskState(UNREADABLE, path, reason=f"cannot read the state folder: {path}: {why}")
    try:
        data = json.loads(text)
        updated = dt.datetime.fromisoformat(data["updated_at"])
        age = (at - updated).total_seconds()
        pid = int(data.get("pid", 0))
    except (ValueError, TypeError, KeyError):
        return KioskState(
            UNREADABLE,
            path,
            reason=f"cannot read the state folder: {path} is damaged (not a kiosk status)",
        )
    if data.get("stopped_at"):
        state = STOPPED
    elif _alive(pid) and age < STALE_AFTER_SECONDS:
        state = RUNNING
    else:
        state = VANISHED
    return KioskState(state, path, data, age_seconds=age, screenshot_at=shot)


def _screenshot_time() -> str | None:
    try:
        stamp = screenshot_file().stat().st_mtime
    except (OSError, ValueError):
        return None
    return dt.datetime.fromtimestamp(stamp, dt.UTC).isoformat(timespec="seconds")

"""A status file a remote admin can read over ssh: which pack is showing, since when,
and whether the last reload failed. The running kiosk rewrites it every minute and on
every change; `kiosk status` reads it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.local import state_dir, write_atomic

# A kiosk rewrites the file every minute; older than this, it is probably not running.
STALE_AFTER_SECONDS = 180


def status_file() -> Path:
    return state_dir() / "status.json"


def pack_version(pack_file: Path) -> str:
    """A short fingerprint of pack.yaml, so two kiosks can be compared at a glance."""
    try:
        return hashlib.sha256(pack_file.read_bytes()).hexdigest()[:12]
    except OSError:
        return "unreadable"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class KioskStatus:
    pack_path: str
    pack_title: str
    pack_year: int
    pack_version: str
    mode: str
    showing_since: str
    pid: int = field(default_factory=os.getpid)
    updated_at: str = field(default_factory=now)
    last_reload_at: str | None = None
    last_reload_ok: bool | None = None
    last_reload_problems: list[str] = field(default_factory=list)

    def write(self, path: Path | None = None) -> None:
        self.updated_at = now()
        write_atomic(path or status_file(), json.dumps(asdict(self), indent=2).encode())


def read_status(path: Path | None = None) -> dict[str, Any] | None:
    try:
        data = json.loads((path or status_file()).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def describe(data: dict[str, Any], at: dt.datetime | None = None) -> list[str]:
    """Plain lines for `kiosk status`."""
    at = at or dt.datetime.now(dt.UTC)
    updated = dt.datetime.fromisoformat(data["updated_at"])
    age = (at - updated).total_seconds()
    running = _alive(int(data.get("pid", 0))) and age < STALE_AFTER_SECONDS
    lines = [
        f"kiosk:       {'running' if running else 'NOT RUNNING'} (pid {data.get('pid')}, "
        f"status written {int(age)} s ago)",
        f"pack:        {data['pack_title']} ({data['pack_year']}), version "
        f"{data['pack_version']}",
        f"folder:      {data['pack_path']}",
        f"mode:        {data['mode']}",
        f"showing since {data['showing_since']}",
    ]
    if data.get("last_reload_at"):
        state = "ok" if data.get("last_reload_ok") else "FAILED, still showing the last good pack"
        lines.append(f"last reload: {data['last_reload_at']}: {state}")
        lines += [f"  {problem}" for problem in data.get("last_reload_problems", [])]
    return lines

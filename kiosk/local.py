"""This machine's own files: settings, the staff PIN, status and logs.

They are not in the pack because packs are shared between venues; a PIN or a
screen choice belongs to one machine. Every file is written atomically
(write, flush, fsync, rename), so a power cut leaves either the old file or the
new one, never half of one. What settings.toml may hold, and how it is checked,
is declared in ``kiosk.options``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from pathlib import Path

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

APP = "awareness-kiosk"


def config_dir() -> Path:
    return _xdg_home("XDG_CONFIG_HOME", ".config") / APP


def state_dir() -> Path:
    return _xdg_home("XDG_STATE_HOME", ".local/state") / APP


def log_dir() -> Path:
    return state_dir() / "log"


def _xdg_home(variable: str, default: str) -> Path:
    """A base folder of the XDG Base Directory specification: the variable's value
    when it is an absolute path (the specification says to ignore any other), else
    its default under the home folder. Read here rather than through a library,
    because every start asks for these folders before the first frame."""
    value = os.environ.get(variable, "")
    if os.path.isabs(value):
        return Path(value)
    return Path.home() / default


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def pin_file() -> Path:
    return config_dir() / "pin"


# The end of the temporary file's name while write_atomic writes it.
PARTIAL_WRITE_SUFFIX = ".tmp"


def write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` so that readers only ever see a whole file."""
    import tempfile  # here, not at the top: it costs start-up time most runs never need

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=PARTIAL_WRITE_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)  # atomic on POSIX and on Windows (same volume)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def why_unwritable(error: OSError) -> str:
    """A failed write in a staff member's words: "disk full", "read-only", ..."""
    reasons = {
        errno.ENOSPC: "disk full",
        errno.EDQUOT: "disk quota exceeded",
        errno.EROFS: "read-only file system",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
    }
    return reasons.get(error.errno or 0) or error.strerror or str(error)


def remove_partial_writes(folder: Path, older_than_seconds: float) -> None:
    """Delete what ``write_atomic`` calls cut short (power cut, killed process) left in
    ``folder``. Only old ones: another process may be writing there right now."""
    now = time.time()
    for partial in folder.glob(f".*{PARTIAL_WRITE_SUFFIX}"):
        with contextlib.suppress(OSError):
            if now - partial.stat().st_mtime > older_than_seconds:
                partial.unlink()


def _sync_folder(folder: Path) -> None:
    # The rename itself must reach the disk too, or a power cut can undo it.
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# -- one kiosk per state folder ----------------------------------------------------

# Held (locked) by the running kiosk; holds its process id for the next one to name.
RUNNING_LOCK_NAME = "running.lock"


class StateFolderBusy(Exception):
    """Another kiosk holds this state folder (its status, first frame and log)."""

    def __init__(self, folder: Path, pid: int | None) -> None:
        super().__init__(f"{folder} is in use by process {pid or '(unknown)'}")
        self.folder = folder
        self.pid = pid


class StateFolderClaim:
    """This process's hold on the state folder, until ``release()`` or its end.

    A lock on an open file (``flock``), not the file's existence: the kernel drops
    it when the process ends in any way, so a crashed or killed kiosk never leaves
    the folder claimed.
    """

    def __init__(self, path: Path, descriptor: int | None) -> None:
        self.path = path
        self._descriptor = descriptor

    @property
    def held(self) -> bool:
        """False when the folder could not be locked at all (a read-only disk)."""
        return self._descriptor is not None

    def release(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)  # closing the file drops the lock
            self._descriptor = None


def claim_state_folder(folder: Path | None = None) -> StateFolderClaim:
    """Claim ``folder`` (the state folder) for this process, or raise StateFolderBusy.

    Where no lock file can be made or locked (a read-only or broken disk), the claim
    is returned unheld: a kiosk that cannot write its state still shows its slides.
    """
    folder = folder or state_dir()
    path = folder / RUNNING_LOCK_NAME
    descriptor: int | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        # A read-only disk: a lock file made by an earlier run can still be locked.
        with contextlib.suppress(OSError):
            descriptor = os.open(path, os.O_RDONLY)
    if descriptor is None:
        return StateFolderClaim(path, None)
    try:
        taken = _lock_file(descriptor)
    except OSError:
        os.close(descriptor)  # a file system without locks: nothing to hold
        return StateFolderClaim(path, None)
    if not taken:
        pid = _read_pid(descriptor)
        os.close(descriptor)
        raise StateFolderBusy(folder, pid)
    with contextlib.suppress(OSError):  # the pid is only for the message
        os.ftruncate(descriptor, 0)
        os.lseek(descriptor, 0, os.SEEK_SET)
        os.write(descriptor, f"{os.getpid()}\n".encode())
    return StateFolderClaim(path, descriptor)


def _lock_file(descriptor: int) -> bool:
    """Lock the open file without waiting; False when another process holds it."""
    if sys.platform == "win32":
        # A byte far past the pid, so the pid stays readable to the next kiosk.
        os.lseek(descriptor, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


_WINDOWS_LOCK_OFFSET = 1 << 20


def _read_pid(descriptor: int) -> int | None:
    """The holder's pid; it writes it just after locking, so wait a moment for it."""
    for _ in range(20):
        with contextlib.suppress(OSError, ValueError):
            os.lseek(descriptor, 0, os.SEEK_SET)
            text = os.read(descriptor, 32).decode("ascii").strip()
            if text:
                return int(text)
        time.sleep(0.025)
    return None

"""Every file-system call on a pack's content goes through here. No Qt, no YAML.

A pack folder holds whatever an organiser, a sync tool or a USB stick left in it:
a name too long for the file system, a NUL in a path written in pack.yaml, links
that point at each other in a loop, a folder the kiosk's user may not read, a
named pipe that would block a reader for ever. The operating system answers these
with ``OSError``, ``ValueError`` (a NUL in a path) or, from pathlib on Python 3.11,
``RuntimeError`` (a link loop). Each call here turns them into ``PackFileError``,
which says in plain words what is wrong, so that the loader, ``kiosk new`` and the
hot reload report a problem instead of stopping with "unexpected error".

Kept free of heavy imports: ``kiosk run`` fingerprints the pack before anything
else is imported (see ``kiosk.frame_key``).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path


class Why(Enum):
    """Why a path in a pack cannot be used; the caller adds the advice that fits."""

    MISSING = "does not exist"
    OUTSIDE = "points outside the pack folder"
    FOLDER = "is a folder, not a file"
    NOT_A_FILE = "is not an ordinary file"  # a named pipe, a socket, a device
    TOO_BIG = "is too big"
    UNREADABLE = "cannot be read"


class PackFileError(Exception):
    """A path in a pack that cannot be used: ``why`` is the kind, ``reason`` the words."""

    def __init__(self, why: Why, reason: str) -> None:
        super().__init__(reason)
        self.why = why
        self.reason = reason
        self.path: str | None = None  # where, when the caller did not name it itself


_ERRNO_REASONS = {
    errno.ENOENT: "does not exist",
    errno.EACCES: "permission denied (the kiosk's user may not read it)",
    errno.EPERM: "permission denied (the kiosk's user may not read it)",
    errno.ENAMETOOLONG: "the name is too long for the file system",
    errno.ELOOP: "it is a link in a loop of links that point at each other",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EIO: "the disk could not read it (input/output error)",
    errno.ENXIO: "nothing is there to read (a special file)",
}


def explain(exc: BaseException) -> str:
    """The operating system's complaint about a path, in plain words (no file content)."""
    if isinstance(exc, OSError):
        reason = _ERRNO_REASONS.get(exc.errno or 0)
        if reason is not None:
            return reason
        return (exc.strerror or exc.__class__.__name__).lower()
    if isinstance(exc, ValueError) and "null" in str(exc):
        return "the path holds a NUL character (\\x00)"
    if isinstance(exc, RuntimeError):  # pathlib on Python 3.11: "Symlink loop from ..."
        return _ERRNO_REASONS[errno.ELOOP]
    return exc.__class__.__name__


def _why(exc: BaseException) -> Why:
    if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
        return Why.MISSING
    return Why.UNREADABLE


@contextmanager
def guarded() -> Iterator[None]:
    """Turn the errors a file-system call can raise on odd paths into ``PackFileError``."""
    try:
        yield
    except PackFileError:
        raise
    except (OSError, ValueError, RuntimeError) as exc:
        raise PackFileError(_why(exc), explain(exc)) from exc


# -- what a path is ------------------------------------------------------------------------

FILE, FOLDER, MISSING = "file", "folder", "missing"
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def kind_of(path: Path | str) -> str:
    """``FILE``, ``FOLDER``, ``MISSING``, or what else it is ("a named pipe (FIFO)").

    Follows links. Raises ``PackFileError`` when the path cannot be looked at.
    """
    with guarded():
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            return MISSING
    return _kind(mode)


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISDIR(mode):
        return FOLDER
    return next((name for test, name in _SPECIAL if test(mode)), "not an ordinary file")


def real_path(path: Path | str) -> Path:
    """Where ``path`` really is, every link followed (as far as they lead)."""
    with guarded():
        return Path(os.path.realpath(path))


def is_inside(path: Path, folder: Path) -> bool:
    """Whether the real ``path`` is ``folder`` or below it (both already real)."""
    return path == folder or folder in path.parents


def inside(root: Path, relative: str) -> Path:
    """The real path of ``relative`` under the real folder ``root``; refused if it leaves it."""
    with guarded():
        target = Path(os.path.realpath(root / relative))
    if not is_inside(target, root):
        raise PackFileError(Why.OUTSIDE, Why.OUTSIDE.value)
    return target


# -- reading ---------------------------------------------------------------------------

# Opening a named pipe waits for a writer unless O_NONBLOCK is given (POSIX); the
# other flags keep the descriptor from child processes and, on Windows, the bytes raw.
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class TooBig(PackFileError):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(Why.TOO_BIG, f"is {size:,} bytes; at most {limit:,} are allowed")
        self.size = size
        self.limit = limit


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of the ordinary file at ``path``, at most ``limit`` of them.

    Never blocks on a named pipe: the file is opened without waiting for a writer
    and refused unless what was opened is an ordinary file.
    """
    with guarded():
        descriptor = os.open(path, _READ_FLAGS)
        try:
            info = os.fstat(descriptor)
            kind = _kind(info.st_mode)
            if kind == FOLDER:
                raise PackFileError(Why.FOLDER, Why.FOLDER.value)
            if kind != FILE:
                raise PackFileError(Why.NOT_A_FILE, f"is {kind}, not an ordinary file")
            if info.st_size > limit:
                raise TooBig(info.st_size, limit)
            chunks = []
            left = limit + 1  # one more than allowed: a file that grew is noticed
            while left > 0:
                chunk = os.read(descriptor, min(left, 1 << 20))
                if not chunk:
                    break
                chunks.append(chunk)
                left -= len(chunk)
        finally:
            os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooBig(len(data), limit)
    return data


# -- the folder as a whole ----------------------------------------------------------------

Fingerprint = tuple[str, tuple[tuple[str, int, int], ...]]


def fingerprint(folder: Path) -> Fingerprint:
    """What the folder holds right now, as a cheap comparable value; never raises.

    The folder's real location and each file's (name, size, mtime). What cannot be
    looked at is in it too, as (name, -1, errno): a folder that becomes readable, or
    a link loop that is mended, changes the fingerprint like any other edit.
    """
    try:
        real = os.path.realpath(folder)
    except (OSError, ValueError) as exc:  # a NUL in the name: nothing there to watch
        return str(folder), (("", -1, getattr(exc, "errno", None) or -1),)
    entries: list[tuple[str, int, int]] = []

    def unreadable(exc: OSError) -> None:
        name = os.path.relpath(exc.filename, real) if exc.filename else ""
        entries.append((name, -1, exc.errno or -1))

    for root, dirs, files in os.walk(real, onerror=unreadable):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                info = os.stat(path)
            except FileNotFoundError:  # vanished mid-walk: the next look sees it settled
                continue
            except OSError as exc:  # a link loop, a name too long, no permission
                entries.append((os.path.relpath(path, real), -1, exc.errno or -1))
                continue
            entries.append((os.path.relpath(path, real), info.st_size, info.st_mtime_ns))
    return real, tuple(entries)


def copy_folder(source: Path, target: Path) -> list[str]:
    """Copy the pack folder ``source`` to the new folder ``target`` (which must not exist).

    Files are copied, not linked, so the copy stands on its own. Only ordinary files
    and folders that are really inside ``source`` are copied; the others (links out
    of the pack, named pipes, sockets) are left out and named in the list returned.
    The copy is made beside ``target`` and renamed into place at the end, so a copy
    that fails part-way leaves nothing behind. Raises ``PackFileError`` whose
    ``path`` names what failed.
    """
    # Deferred: only 'kiosk new' copies, and every 'kiosk run' imports this module
    # before its first frame (shutil and tempfile cost milliseconds to import).
    import shutil
    import tempfile

    root = real_path(source)
    left_out: list[str] = []
    with guarded():
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    # A new pack made inside the one it copies must not copy itself.
    skip = {real_path(staging), real_path(target)}
    try:
        _copy_tree(root, root, staging, left_out, shutil.copyfile, skip)
        with guarded():
            os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return left_out


def _copy_tree(
    root: Path,
    folder: Path,
    target: Path,
    left_out: list[str],
    copy: Callable[[Path, Path], object],
    skip: set[Path],
) -> None:
    at = folder  # what is being looked at, for the message when it fails
    try:
        with guarded():
            names = sorted(os.listdir(folder))
        for name in names:
            at = folder / name
            shown = _relative(at, root)
            real = real_path(at)
            if real in skip:
                continue
            kind = kind_of(real) if is_inside(real, root) else "outside"
            if kind == "outside":
                left_out.append(f"{shown} (a link to something outside the pack folder)")
            elif kind == FOLDER and real != at:  # its files are copied from where they are
                left_out.append(f"{shown} (a link to a folder in the pack)")
            elif kind == FOLDER:
                with guarded():
                    (target / name).mkdir()
                _copy_tree(root, at, target / name, left_out, copy, skip)
            elif kind == FILE:
                with guarded():
                    copy(real, target / name)
            elif kind != MISSING:  # a dangling link is nothing to copy
                left_out.append(f"{shown} ({kind})")
    except PackFileError as exc:
        if exc.path is None:  # named once, where it failed
            exc.path = _relative(at, root)
        raise


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else "."

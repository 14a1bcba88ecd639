"""Watch the pack folder and hand over a new pack once its files have settled.

Organisers swap packs by editing files, by copying a folder (rsync, git pull, a
USB stick, a sync tool) or by pointing a symlink at another folder. All of these
change the folder's *fingerprint* (its real path, and every file's name, size
and modification time). QFileSystemWatcher reports most changes at once, but
misses some (network and synced folders, a symlink re-pointed above the watched
path), so a periodic check every ``poll_ms`` runs as well.

What happens after a change, with the default timings:

1. ``settle_ms`` (1.5 s) after the last change seen, the pack is read and checked
   on a worker thread, so the work is done while the folder is still watched.
2. The result is held until the folder has been still for ``quiet_ms`` (6 s)
   since the last change seen. Any change meanwhile drops it, and the new state
   of the folder is handled like any other change.
3. Only then does a good pack go to the player (which shows it when the current
   slide's time is up), or a bad pack's problems go to the log and the status.

The guarantee: a pack is handed over only when it passes every check **and**
none of its files changed (name, size, modification time) for ``quiet_ms``
before the hand-over, and none changed while it was read. A copy that stops
mid-file for less than ``quiet_ms`` is therefore never shown half-way, even when
the half already written happens to be a valid pack. A copy that stops for
longer can be: what it wrote so far is then a complete, valid pack that stood
still for 6 s, and the whole pack replaces it once the copy ends and settles.
Tools that write to a temporary name and rename (rsync, Syncthing, ``ln -sfn``)
are never seen half-way at all. A change is handed over at most ``quiet_ms`` +
``poll_ms`` (+ the read itself) after the files stop changing: 8 s by default.

Never wedged: whatever the check raises, the failure is reported like a pack
problem (the last good pack stays on screen) and the next change is read as
usual. Each read runs on its own daemon thread: a read that never returns (a
network folder that stopped answering) is given up after ``READ_TIMEOUT_MS``,
reported, and cannot hold up later reads or the end of the program.

A failed pack is read again even if no file changes, because a file that could
not be read may become readable (permissions fixed, a share back online) without
its size or time changing: after ``2 × settle_ms``, then twice as long each time,
at most every ``RETRY_MAX_MS``. Problems are logged and reported when they first
appear or change, not on every retry.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal

from kiosk.pack import PACK_FILE, PackReport, check_pack
from kiosk.pack.model import Pack
from kiosk.pack.problems import Problem, Severity
from kiosk.packfiles import Fingerprint, fingerprint

log = logging.getLogger(__name__)

# A failed pack is read again at most this often (after a quicker first few tries).
RETRY_MAX_MS = 60_000
# A read that has not returned after this long is given up and reported.
READ_TIMEOUT_MS = 60_000
# Reads given up but still blocked (each holds a thread): no more are started
# beyond this many, until one of them returns.
MAX_STUCK_READS = 3
# How much of an unexpected error's message goes into a problem.
MESSAGE_CHARS = 200

CheckPack = Callable[[Path], PackReport]


@dataclass(frozen=True)
class ReadOutcome:
    """What one read of the pack folder gave: a good pack, or the problems."""

    seen: Fingerprint  # the folder as it was when the read started
    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)
    # When the check raised: the traceback (where, file and line), as text. Not the
    # exception itself: its frames would tie the outcome to the reading thread's
    # objects in a cycle, and the collector may then free Qt objects on any thread.
    traceback: str = ""


def read_pack_folder(folder: Path, seen: Fingerprint, check: CheckPack = check_pack) -> ReadOutcome:
    """Check the pack in ``folder``; never raises, whatever ``check`` does."""
    try:
        report = check(folder)
    except Exception as error:  # anything at all: the watcher must hear back
        return ReadOutcome(
            seen,
            None,
            [problem_from_exception(folder, error)],
            "".join(traceback.format_exception(error)),
        )
    if report.pack is not None:
        return ReadOutcome(seen, report.pack)
    errors = report.errors or [
        Problem(folder / PACK_FILE, None, None, Severity.ERROR, "", "the pack could not be loaded")
    ]
    return ReadOutcome(seen, None, errors)


def problem_from_exception(folder: Path, error: BaseException) -> Problem:
    """A problem for what the check raised, naming the file where there is one."""
    if isinstance(error, OSError) and error.filename is not None:
        reason = error.strerror or error.__class__.__name__
        return Problem(
            Path(os.fsdecode(error.filename)),
            None,
            None,
            Severity.ERROR,
            "",
            f"cannot be read: {reason}",
        )
    text = str(error)
    if len(text) > MESSAGE_CHARS:
        text = text[: MESSAGE_CHARS - 1] + "…"
    return Problem(
        folder / PACK_FILE,
        None,
        None,
        Severity.ERROR,
        "",
        f"the pack could not be checked ({error.__class__.__name__}: {text}); "
        "the log has the details",
    )


@dataclass(eq=False)
class _Read:
    """A read in progress on its own thread; the outcome comes back with this very object."""

    seen: Fingerprint
    thread: threading.Thread | None = None


class _OutcomeRelay(QObject):
    """Carries outcomes from reading threads to the watchers, on the UI thread.

    One for the whole program, never deleted: a reading thread holds no watcher, so a
    watcher is never freed on it (Qt objects must be freed on their own thread), and a
    read that ends after its watcher is gone simply reaches nobody.
    """

    ready = Signal(object, object)  # (_Read, ReadOutcome)


@functools.cache
def _relay() -> _OutcomeRelay:
    return _OutcomeRelay()


def _read_in_thread(token: _Read, folder: Path, check: CheckPack) -> None:
    outcome = read_pack_folder(folder, token.seen, check)  # never raises
    _relay().ready.emit(token, outcome)


class PackWatcher(QObject):
    """Emits ``pack_loaded`` with a new valid pack, or ``pack_failed`` with its problems.

    See the module's docstring for the timings and what they guarantee.
    ``quiet_ms`` defaults to four settle periods. ``check`` reads a pack folder
    (``kiosk.pack.check_pack``); a read still running after ``read_timeout_ms`` is
    given up.
    """

    pack_loaded = Signal(object)  # Pack
    pack_failed = Signal(list)  # list[Problem]

    def __init__(
        self,
        folder: Path,
        *,
        settle_ms: int = 1500,
        poll_ms: int = 2000,
        quiet_ms: int | None = None,
        check: CheckPack = check_pack,
        read_timeout_ms: int = READ_TIMEOUT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self._check = check
        self._quiet_ms = 4 * settle_ms if quiet_ms is None else quiet_ms
        self._first_retry_ms = 2 * settle_ms
        now = fingerprint(folder)
        self._loaded = now  # what was last handed over (or loaded at start) came from this
        self._observed = now  # the folder at the last look
        self._still_since = time.monotonic()  # when the last look's state was first seen
        self._failing = False  # the last outcome handed over was a failure
        self._reported: tuple[str, ...] = ()  # the problems last logged and reported
        self._retry_ms = self._first_retry_ms
        self._reading: _Read | None = None
        self._given_up: list[threading.Thread] = []
        self._held: ReadOutcome | None = None
        self._stopped = False

        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._look)
        self._watcher.fileChanged.connect(self._look)
        self._settle = self._timer("reload-settle", settle_ms, self._on_settled)
        self._poll = self._timer("reload-poll", poll_ms, self._look, single_shot=False)
        self._release = self._timer("reload-quiet", 0, self._on_quiet)
        self._retry = self._timer("reload-retry", 0, self._on_retry)
        self._overdue = self._timer("reload-overdue", read_timeout_ms, self._on_read_overdue)
        _relay().ready.connect(self._on_outcome, Qt.ConnectionType.QueuedConnection)
        self._watch_paths()

    def _timer(
        self, name: str, interval: int, slot: Callable[[], None], *, single_shot: bool = True
    ) -> QTimer:
        timer = QTimer(self)
        timer.setObjectName(name)
        timer.setSingleShot(single_shot)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    def start(self) -> None:
        self._poll.start()

    def stop(self) -> None:
        """Stop watching. A read still running is left to end on its own (it is a
        daemon thread, and its outcome is ignored): a blocked read must not hold
        up the end of the program."""
        if self._stopped:
            return
        self._stopped = True
        for timer in (self._poll, self._settle, self._release, self._retry, self._overdue):
            timer.stop()
        _relay().ready.disconnect(self._on_outcome)
        reading, self._reading = self._reading, None
        if reading is not None and reading.thread is not None:
            reading.thread.join(timeout=2.0)  # a normal read ends in well under that

    @property
    def is_reading(self) -> bool:
        return self._reading is not None

    def _watch_paths(self) -> None:
        # Re-added after every change: editors and sync tools replace files, which
        # drops the old watch, and a re-pointed symlink leads to a new folder.
        # os.path's checks answer False for anything they cannot look at (an
        # unreadable folder), where pathlib's would raise.
        current = set(self._watcher.files()) | set(self._watcher.directories())
        wanted = {str(self.folder), str(self.folder.parent)}
        real = os.path.realpath(self.folder)
        for sub in (real, os.path.join(real, "images")):
            if os.path.isdir(sub):
                wanted.add(sub)
        if os.path.isfile(os.path.join(real, PACK_FILE)):
            wanted.add(os.path.join(real, PACK_FILE))
        stale = current - wanted
        if stale:
            self._watcher.removePaths(sorted(stale))
        missing = [p for p in sorted(wanted - current) if os.path.exists(p)]
        if missing:
            self._watcher.addPaths(missing)

    # -- noticing changes ------------------------------------------------------------

    def _look(self, *_: object) -> None:
        """Compare the folder with the last look; a difference starts a settle period."""
        if self._stopped:
            return
        now = fingerprint(self.folder)
        if now == self._observed:
            return
        self._observed = now
        self._still_since = time.monotonic()
        # Whatever was held or due to be retried was about another state of the folder.
        self._held = None
        self._release.stop()
        self._retry.stop()
        self._retry_ms = self._first_retry_ms
        self._settle.start()  # restarted by every change: wait for a whole quiet period
        self._watch_paths()

    def _on_settled(self) -> None:
        if fingerprint(self.folder) != self._observed:
            self._look()  # still changing
            return
        self._read_if_needed()

    def _read_if_needed(self) -> None:
        if self._stopped or self._reading is not None or self._settle.isActive():
            return  # a read's outcome, or the end of the settle period, calls again
        if self._observed == self._loaded and not self._failing:
            return  # back to what was last handed over (or never left it)
        self._start_read(self._observed)

    # -- reading ---------------------------------------------------------------

    def _start_read(self, seen: Fingerprint) -> None:
        self._given_up = [thread for thread in self._given_up if thread.is_alive()]
        if len(self._given_up) >= MAX_STUCK_READS:
            # The retry timer tries again later; the failure is already reported.
            log.debug(
                "not reading %s again: %d earlier reads are still blocked",
                self.folder,
                len(self._given_up),
            )
            self._schedule_retry()
            return
        token = _Read(seen)
        token.thread = threading.Thread(
            target=_read_in_thread,
            args=(token, self.folder, self._check),
            name="pack-check",
            daemon=True,
        )
        self._reading = token
        self._overdue.start()
        token.thread.start()

    def _on_outcome(self, token: _Read, outcome: ReadOutcome) -> None:
        reading = self._reading
        if self._stopped or reading is None or token is not reading:
            return  # another watcher's read, or one given up: its outcome came too late
        self._reading = None
        self._overdue.stop()
        if outcome.seen != self._observed or fingerprint(self.folder) != outcome.seen:
            # Files changed while they were read: the outcome may mix old and new
            # files. Drop it; the change is handled like any other.
            self._look()
            self._read_if_needed()
            return
        self._held = outcome
        quiet_for_ms = (time.monotonic() - self._still_since) * 1000
        self._release.start(max(0, round(self._quiet_ms - quiet_for_ms)))

    def _on_read_overdue(self) -> None:
        reading, self._reading = self._reading, None
        if reading is None or self._stopped:
            return
        if reading.thread is not None:  # its outcome, if it ever comes, is ignored
            self._given_up.append(reading.thread)
        seconds = self._overdue.interval() / 1000
        if reading.seen != self._observed:
            # The folder changed meanwhile: read what it holds now instead.
            log.warning(
                "reading the pack in %s took more than %g s; reading it again", self.folder, seconds
            )
            self._read_if_needed()
            return
        problem = Problem(
            self.folder,
            None,
            None,
            Severity.ERROR,
            "",
            f"reading the pack took more than {seconds:g} s and was given up "
            "(a network folder that stopped answering?); it will be tried again",
        )
        self._hand_over(ReadOutcome(reading.seen, None, [problem]))

    # -- handing over ----------------------------------------------------------

    def _on_quiet(self) -> None:
        outcome, self._held = self._held, None
        if outcome is None or self._stopped:
            return
        if fingerprint(self.folder) != outcome.seen:
            self._look()
            return
        self._hand_over(outcome)

    def _hand_over(self, outcome: ReadOutcome) -> None:
        if outcome.pack is not None:
            pack = outcome.pack
            self._loaded = outcome.seen
            self._failing = False
            self._reported = ()
            self._retry.stop()
            self._retry_ms = self._first_retry_ms
            log.info(
                "pack reloaded from %s: %d slides, version %s",
                self.folder,
                len(pack.slides),
                pack.version,
            )
            self.pack_loaded.emit(pack)
            return
        self._failing = True
        problems = outcome.problems
        described = tuple(str(p) for p in problems)
        if described != self._reported:
            self._reported = described
            log.error(
                "pack in %s not reloaded, the last good one stays on screen:\n%s%s",
                self.folder,
                "\n".join(described),
                f"\nwhile checking it:\n{outcome.traceback}" if outcome.traceback else "",
            )
            self.pack_failed.emit(problems)
        else:
            log.debug("pack in %s still not loadable (%d problems)", self.folder, len(problems))
        self._schedule_retry()

    def _schedule_retry(self) -> None:
        self._retry.start(self._retry_ms)
        self._retry_ms = min(2 * self._retry_ms, RETRY_MAX_MS)

    def _on_retry(self) -> None:
        if self._stopped:
            return
        if fingerprint(self.folder) != self._observed:
            self._look()
            return
        if self._reading is None:
            self._start_read(self._observed)

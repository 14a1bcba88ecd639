"""Watch the pack folder and hand over a new pack once its files have settled.

Organisers swap packs by editing files, by copying a folder (rsync, git pull, a
USB stick, a sync tool) or by pointing a symlink at another folder. All of these
change the folder's *fingerprint* (its real path, and every file's name, size
and modification time). QFileSystemWatcher reports most changes at once, but
misses some (network and synced folders, a symlink re-pointed above the watched
path), so a periodic check every ``poll_ms`` runs as well.

What happens after a change, with the default timings:

1. ``settle_ms`` (1.5 s) after the last change seen, the pack is read and checked
   in a child process (below), so the work is done while the folder is still
   watched and the slideshow plays on.
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

How a read runs: each read is a short-lived child process running
``kiosk.pack.check_worker`` (``check_pack``, as ``kiosk validate`` runs it), which
sends back the pack or its problems on a pipe. The kiosk starts it with
``subprocess`` and follows it from the UI thread (``_CheckRun``: socket notifiers
on its pipes, a timer for its exit, the answer decoded a frame per turn of the
event loop), so no Python thread of the kiosk ever reads a pack. That matters
because Python's garbage collector runs on whichever thread allocates: on a
reading thread it could free the kiosk's Qt objects there, which crashes it. A
child also gives all its memory back when it ends, and can be killed. (Not
``multiprocessing``'s "fork": the kiosk has Qt's threads; not QProcess: dropping
one whose process has not ended waits for it on the UI thread.)

Never wedged: whatever happens to a read, the failure is reported like a pack
problem (the last good pack stays on screen) and the next change is read as
usual. A check that raises answers with the problem and its traceback. A child
that crashes (killed by a signal, a non-zero exit status, an answer that cannot
be read) is reported with how it ended, and the log gets what it wrote on stderr.
A read that has not ended after ``READ_TIMEOUT_MS`` (a network folder that
stopped answering) is killed, given up and reported, and cannot hold up later
reads or the end of the program. A killed child stuck in the kernel (a dead
network share) keeps only its own memory; while ``MAX_STUCK_READS`` of them have
not ended, no new read starts.

A failed pack is read again even if no file changes, because a file that could
not be read may become readable (permissions fixed, a share back online) without
its size or time changing: after ``2 × settle_ms``, then twice as long each time,
at most every ``RETRY_MAX_MS``. Problems are logged and reported when they first
appear or change, not on every retry.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, NamedTuple

from PySide6.QtCore import QFileSystemWatcher, QObject, QSocketNotifier, QTimer, Signal

from kiosk.pack.check_command import worker_command
from kiosk.pack.check_worker import AnswerDecoder, Checked, UnreadableAnswer
from kiosk.pack.problems import Problem, Severity
from kiosk.packfiles import Fingerprint, fingerprint
from kiosk.paths import PACK_FILE_NAME

log = logging.getLogger(__name__)

# A failed pack is read again at most this often (after a quicker first few tries).
RETRY_MAX_MS = 60_000
# A read that has not returned after this long is given up (its process killed) and
# reported.
READ_TIMEOUT_MS = 60_000
# Checking processes killed but not ended (stuck in the kernel on a network folder
# that stopped answering): no more are started beyond this many, until one ends.
MAX_STUCK_READS = 3
# More than this on a checker's stdout is not an answer: about 8 times the answer for
# a 3,600-slide pack (7.4 MB), about the longest the loader's limits let through.
MAX_ANSWER_BYTES = 64 * 1024 * 1024
# The end of what a checker wrote on stderr is kept for the log (a traceback).
STDERR_KEPT_BYTES = 16 * 1024
# How often a checker whose output has ended is asked whether it has exited; once
# killed, how often until it has.
EXIT_POLL_MS = 10
KILLED_POLL_MS = 250
# Linux's name for the program this process runs.
THIS_INTERPRETER = "/proc/self/exe"
# When the watcher stops, checkers still running are killed and waited for this long.
STOP_WAIT_S = 2.0


class ReadOutcome(NamedTuple):
    """What one read of the pack folder gave: a good pack, or the problems."""

    seen: Fingerprint  # the folder as it was when the read started
    pack: Checked | None  # a pack, or a schedule's programme of packs
    problems: list[Problem]
    # For the log: where the check raised (a traceback) or what a failed checker wrote.
    details: str = ""


# Checkers killed at stop() that had not ended STOP_WAIT_S later: kept, so that their
# end is still collected (when another watcher starts a read), not left as a zombie.
_abandoned: list[subprocess.Popen[bytes]] = []


def _collect_abandoned() -> None:
    _abandoned[:] = [process for process in _abandoned if process.poll() is None]


class _CheckRun(QObject):
    """One check of the pack folder, in a child process, followed from the UI thread.

    The child's output is read as it comes (``QSocketNotifier``), its exit is polled
    once its output ends, and its answer is decoded one frame per turn of the event
    loop. ``ended`` is emitted once, with the ``ReadOutcome``, unless the run is
    killed first. Nothing here blocks, and no Python thread is involved. The run
    deletes itself once it is over and its process has been collected (no zombie).
    """

    ended = Signal(object, object)  # (_CheckRun, ReadOutcome)

    def __init__(
        self, folder: Path, seen: Fingerprint, command: Sequence[str], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.seen = seen
        self._command = [*command, os.fspath(folder)]
        self._process: subprocess.Popen[bytes] | None = None
        self._answer = bytearray()
        self._errors = bytearray()
        self._open: dict[int, tuple[IO[bytes], QSocketNotifier]] = {}
        self._decoder: AnswerDecoder | None = None
        self._over = False  # ended emitted, or killed: nothing more is emitted
        self._exit_poll = QTimer(self)
        self._exit_poll.setInterval(EXIT_POLL_MS)
        self._exit_poll.timeout.connect(self._on_exit_poll)
        self._decoding = QTimer(self)
        self._decoding.setInterval(0)  # one frame per turn: paints and input come between
        self._decoding.timeout.connect(self._decode_step)

    def start(self) -> None:
        program = self._command[0]
        if program == sys.executable and os.path.exists(THIS_INTERPRETER):
            # This very interpreter, even where its path no longer leads to it (a file
            # replaced by an upgrade, a folder this user may not enter).
            program = THIS_INTERPRETER
        try:
            # No preexec_fn: only C code runs between fork and exec, which is safe in
            # a process with Qt's threads.
            self._process = subprocess.Popen(
                self._command,
                executable=program,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except (OSError, ValueError, subprocess.SubprocessError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            outcome = self._failure(
                f"the pack could not be checked: the checking program did not start ({reason})"
            )
            QTimer.singleShot(0, self, functools.partial(self._end, outcome))
            return
        for stream in (self._process.stdout, self._process.stderr):
            assert stream is not None  # both are pipes
            fd = stream.fileno()
            os.set_blocking(fd, False)
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            notifier.activated.connect(functools.partial(self._on_readable, fd))
            self._open[fd] = (stream, notifier)

    @property
    def is_running(self) -> bool:
        """Whether the child has not ended yet (an ended child is collected here).
        Plain Python: still answers once the run has deleted itself."""
        return self._process is not None and self._process.poll() is None

    def kill(self) -> None:
        """Kill the child; nothing more is emitted. Its end is still collected."""
        self._over = True
        self._kill_child()

    def _kill_child(self) -> None:
        self._decoding.stop()
        self._decoder = None
        for fd in list(self._open):
            self._close(fd)
        self._answer = bytearray()
        if self.is_running:
            assert self._process is not None
            with contextlib.suppress(OSError):
                self._process.kill()
            self._exit_poll.setInterval(KILLED_POLL_MS)
            self._exit_poll.start()

    def abandon(self, wait_s: float) -> None:
        """Kill the child and wait at most ``wait_s`` for its end (the watcher stops)."""
        self.kill()
        self._exit_poll.stop()
        if self._process is None or self._process.returncode is not None:
            return
        try:
            self._process.wait(wait_s)
        except subprocess.TimeoutExpired:
            _abandoned.append(self._process)
            return
        self._release_when_done()

    # -- the child's output --------------------------------------------------------

    def _on_readable(self, fd: int, *_: object) -> None:
        if fd not in self._open:
            return
        stream, _notifier = self._open[fd]
        sink = self._answer if stream is self._stdout else self._errors
        while True:
            try:
                chunk = os.read(fd, 1 << 16)
            except BlockingIOError:
                return  # all there is, for now
            except OSError:
                chunk = b""
            if not chunk:
                self._close(fd)
                if not self._open:  # both ended: the child is ending
                    self._exit_poll.start()
                return
            sink += chunk
            if sink is self._errors:
                del sink[:-STDERR_KEPT_BYTES]
            elif len(sink) > MAX_ANSWER_BYTES:
                errors = self._error_text()
                self._kill_child()
                self._end(
                    self._failure(
                        "the pack could not be checked: the checking process wrote more than "
                        f"{MAX_ANSWER_BYTES:,} bytes and was stopped",
                        errors,
                    )
                )
                return

    @property
    def _stdout(self) -> IO[bytes] | None:
        return None if self._process is None else self._process.stdout

    def _close(self, fd: int) -> None:
        stream, notifier = self._open.pop(fd)
        notifier.setEnabled(False)  # before its descriptor closes
        stream.close()

    def _on_exit_poll(self) -> None:
        assert self._process is not None
        code = self._process.poll()
        if code is None:
            return
        self._exit_poll.stop()
        if self._over:  # killed: only its end was awaited
            self._release_when_done()
            return
        errors = self._error_text()
        if code != 0:
            self._end(self._failure(_how_it_ended(code), errors))
            return
        if errors:
            log.debug("the pack check of %s wrote:\n%s", self.folder, errors)
        try:
            self._decoder = AnswerDecoder(self._answer)
        except UnreadableAnswer as error:
            self._end(self._unreadable(error, errors))
            return
        self._decoding.start()

    def _decode_step(self) -> None:
        assert self._decoder is not None
        try:
            answer = self._decoder.step()
        except UnreadableAnswer as error:
            self._decoding.stop()
            self._end(self._unreadable(error, self._error_text()))
            return
        if answer is None:
            return  # more frames, in the next turns
        self._decoding.stop()
        self._decoder = None
        self._answer = bytearray()
        details = f"while checking it:\n{answer.traceback}" if answer.traceback else ""
        self._end(ReadOutcome(self.seen, answer.pack, answer.problems, details))

    # -- the outcome -------------------------------------------------------------

    def _end(self, outcome: ReadOutcome) -> None:
        if self._over:
            return
        self._over = True
        self.ended.emit(self, outcome)
        self._release_when_done()

    def _release_when_done(self) -> None:
        if self._over and (self._process is None or self._process.returncode is not None):
            self.deleteLater()

    def _error_text(self) -> str:
        return self._errors.decode("utf-8", "replace").strip()

    def _failure(self, message: str, errors: str = "") -> ReadOutcome:
        details = f"the checking process wrote:\n{errors}" if errors else ""
        problem = Problem(
            self.folder, None, None, Severity.ERROR, "", f"{message}; it will be tried again"
        )
        return ReadOutcome(self.seen, None, [problem], details)

    def _unreadable(self, error: UnreadableAnswer, errors: str) -> ReadOutcome:
        return self._failure(
            f"the pack could not be checked: the checking process's answer is unreadable: {error}",
            errors,
        )


def _how_it_ended(code: int) -> str:
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        why = " (out of memory?)" if -code == signal.SIGKILL else ""
        return f"the pack check stopped without an answer: its process was killed by {name}{why}"
    return (
        f"the pack check failed: its process ended with exit status {code} "
        "(the log has what it wrote)"
    )


class PackWatcher(QObject):
    """Emits ``pack_loaded`` with a new valid pack, or ``pack_failed`` with its problems.

    See the module's docstring for the timings and what they guarantee.
    ``quiet_ms`` defaults to four settle periods. ``checker`` is the program that
    checks the folder, given as its last argument, and answers as
    ``kiosk.pack.check_worker`` does (default:
    ``kiosk.pack.check_command.worker_command()``); one still running after
    ``read_timeout_ms`` is killed and given up.
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
        checker: Sequence[str] | None = None,
        read_timeout_ms: int = READ_TIMEOUT_MS,
        looks: Callable[[Path], Fingerprint] = fingerprint,
        main_file: str = PACK_FILE_NAME,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        # What the folder holds, as compared between looks, and the file in it that is
        # watched by name (a schedule's watcher looks at the packs it names too).
        self._fingerprint = looks
        self._main_file = main_file
        self._checker = list(worker_command() if checker is None else checker)
        self._quiet_ms = 4 * settle_ms if quiet_ms is None else quiet_ms
        self._first_retry_ms = 2 * settle_ms
        now = fingerprint(folder)
        self._loaded = now  # what was last handed over (or loaded at start) came from this
        self._observed = now  # the folder at the last look
        self._still_since = time.monotonic()  # when the last look's state was first seen
        self._failing = False  # the last outcome handed over was a failure
        self._reported: tuple[str, ...] = ()  # the problems last logged and reported
        self._retry_ms = self._first_retry_ms
        self._reading: _CheckRun | None = None
        self._given_up: list[_CheckRun] = []  # killed, not ended yet
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
        """Stop watching. A check still running is killed, and its end awaited for at
        most ``STOP_WAIT_S`` in all: a blocked one must not hold up the end of the
        program."""
        if self._stopped:
            return
        self._stopped = True
        for timer in (self._poll, self._settle, self._release, self._retry, self._overdue):
            timer.stop()
        runs = [self._reading, *self._given_up] if self._reading else self._given_up
        self._reading, self._given_up = None, []
        deadline = time.monotonic() + STOP_WAIT_S
        for run in runs:
            run.abandon(max(0.0, deadline - time.monotonic()))

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
        if os.path.isfile(os.path.join(real, self._main_file)):
            wanted.add(os.path.join(real, self._main_file))
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
        now = self._fingerprint(self.folder)
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
        if self._fingerprint(self.folder) != self._observed:
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
        _collect_abandoned()
        self._given_up = [run for run in self._given_up if run.is_running]
        if len(self._given_up) >= MAX_STUCK_READS:
            # The retry timer tries again later; the failure is already reported.
            log.debug(
                "not reading %s again: %d earlier checks were killed and have not ended",
                self.folder,
                len(self._given_up),
            )
            self._schedule_retry()
            return
        run = _CheckRun(self.folder, seen, self._checker, self)
        run.ended.connect(self._on_outcome)
        self._reading = run
        self._overdue.start()
        run.start()

    def _on_outcome(self, run: _CheckRun, outcome: ReadOutcome) -> None:
        if run is not self._reading or self._stopped:
            return  # one given up: its outcome came too late
        self._reading = None
        self._overdue.stop()
        if outcome.seen != self._observed or self._fingerprint(self.folder) != outcome.seen:
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
        reading.kill()  # its outcome, were it to come, would be ignored
        if reading.is_running:  # SIGKILL takes effect at once, unless stuck in the kernel
            self._given_up.append(reading)
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
        if self._fingerprint(self.folder) != outcome.seen:
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
                f"\n{outcome.details}" if outcome.details else "",
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
        if self._fingerprint(self.folder) != self._observed:
            self._look()
            return
        if self._reading is None:
            self._start_read(self._observed)

"""Check a pack folder in a short-lived child process, and read what it answers.

The running kiosk checks a changed pack in a child process (``kiosk.ui.reload``
starts it), never on a thread of its own: Python's garbage collector runs on
whichever thread allocates, and reading a big pack allocates enough to start it,
so a collection on a reading thread could free Qt objects of the kiosk there. A
child process also ends with all its memory, even a check that never returns
(it is killed), and does not compete with the slideshow for the interpreter.

The child is ``python -m kiosk.pack.check_worker [--quick] FOLDER``;
``kiosk.pack.check_command.worker_command`` gives the exact command the kiosk runs
(with the garbage collector off). It checks the folder with ``check_pack`` and
writes one answer on stdout and nothing else: whatever Python or C code prints
goes to stderr. It exits 0 once the answer is written, whatever the pack holds; a
check that raises is an answer too, with the problem and its traceback.

The answer: ``HEADER`` (naming the kiosk's version), then frames, each an 8-byte
length and a pickle. The slides come first, ``SLIDES_PER_FRAME`` to a frame, then
a ``CheckAnswer`` whose pack refers to them. ``AnswerDecoder`` decodes one frame
per step, so the kiosk can decode a 3,600-slide pack between frames of its
slideshow. Pickle is safe here: its bytes come from the kiosk's own code in a
process the kiosk started, never from a file of the pack.

No Qt here: the child must start fast and small.
"""

from __future__ import annotations

import io
import os
import pickle
import signal
import struct
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from kiosk import __version__
from kiosk.pack.check_command import QUICK
from kiosk.pack.model import Slide
from kiosk.pack.problems import Problem, Severity
from kiosk.paths import PACK_FILE_NAME

if TYPE_CHECKING:
    from kiosk.pack.load import PackReport

HEADER_START = b"awareness-kiosk pack check "
HEADER = HEADER_START + __version__.encode() + b"\n"
# About 100 KB of pickle for slides of the bundled packs' size: well under a
# millisecond to decode.
SLIDES_PER_FRAME = 50
_LENGTH = struct.Struct(">Q")
# How much of an unexpected error's message goes into a problem.
MESSAGE_CHARS = 200

Check = Callable[[Path], "PackReport"]


class Checked(Protocol):
    """What a check that passed answers with: a pack, or what holds packs (a schedule
    with the packs it names, ``kiosk.schedule.programme.Programme``). Its slides are
    sent ahead, in frames; its version names what was loaded."""

    @property
    def slides(self) -> tuple[Slide, ...]: ...

    @property
    def version(self) -> str: ...


@dataclass(frozen=True)
class CheckAnswer:
    """What the check of one folder gave: a good pack (or a programme of packs), or the
    problems that stop it."""

    pack: Checked | None
    problems: list[Problem] = field(default_factory=list)
    # When the check raised: the traceback (where, file and line), as text.
    traceback: str = ""


def check_folder(folder: Path, check: Check | None = None) -> CheckAnswer:
    """Check the pack in ``folder`` (with ``check_pack``, unless ``check`` is given);
    never raises, whatever the check does."""
    try:
        report = (check or full_check)(folder)
    except Exception as error:  # anything at all: the kiosk must hear back
        return CheckAnswer(
            None,
            [problem_from_exception(folder, error)],
            "".join(traceback.format_exception(error)),
        )
    if report.pack is not None:
        return CheckAnswer(report.pack)
    errors = report.errors or [
        Problem(
            folder / PACK_FILE_NAME, None, None, Severity.ERROR, "", "the pack could not be loaded"
        )
    ]
    return CheckAnswer(None, errors)


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
        folder / PACK_FILE_NAME,
        None,
        None,
        Severity.ERROR,
        "",
        f"the pack could not be checked ({error.__class__.__name__}: {text}); "
        "the log has the details",
    )


# -- the answer, written ---------------------------------------------------------------


class _SlidesByNumber(pickle.Pickler):
    """Pickles a slide already sent in an earlier frame as its number."""

    def __init__(self, file: BinaryIO, slides: Sequence[Slide]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._numbers = {id(slide): number for number, slide in enumerate(slides)}

    def persistent_id(self, obj: object) -> int | None:
        return self._numbers.get(id(obj))


def encode_answer(answer: CheckAnswer) -> bytes:
    """The answer as the child writes it: the header, then its frames."""
    slides = answer.pack.slides if answer.pack is not None else ()
    frames = [
        pickle.dumps(slides[start : start + SLIDES_PER_FRAME], protocol=pickle.HIGHEST_PROTOCOL)
        for start in range(0, len(slides), SLIDES_PER_FRAME)
    ]
    last = io.BytesIO()
    _SlidesByNumber(last, slides).dump(answer)
    frames.append(last.getvalue())
    return HEADER + b"".join(_LENGTH.pack(len(frame)) + frame for frame in frames)


def main(argv: Sequence[str] | None = None, check: Check | None = None) -> int:
    """Check the folder named in ``argv`` and write the answer on stdout. With
    ``QUICK`` before the folder, the check leaves out what only an organiser needs
    (``check_pack``'s ``lint=False``), as ``kiosk run`` does before its first frame.

    ``check`` is for stand-in checkers (tests) that wrap ``check_pack``.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    if args[:1] == [QUICK]:
        args, check = args[1:], quick_check
    return answer_for(args, lambda folder: check_folder(folder, check))


def full_check(folder: Path, *, lint: bool = True) -> PackReport:
    """``kiosk validate``'s check, which a changed pack gets before a running kiosk
    takes it (``lint=False``: ``quick_check``)."""
    # Here, not at the top: the processes that only read answers (the kiosk, which
    # has its pack already) must not import the loader (PyYAML's reader, Pillow).
    from kiosk.pack.load import check_pack

    return check_pack(folder, lint=lint)


def quick_check(folder: Path) -> PackReport:
    """``kiosk run``'s check: without what only an organiser needs to hear."""
    return full_check(folder, lint=False)


def answer_for(argv: Sequence[str] | None, answer_of: Callable[[Path], CheckAnswer]) -> int:
    """Write ``answer_of`` the folder named in ``argv`` on stdout, as ``main`` does; for
    checks of other things than one pack (a schedule and its packs)."""
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        sys.stderr.write("usage: python -m kiosk.pack.check_worker FOLDER\n")
        return 2
    # Ctrl+C in the terminal reaches the child too: it ends at once, as the kiosk does,
    # rather than printing a KeyboardInterrupt traceback there.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    answers = _take_stdout()
    folder = Path(args[0])
    try:
        answer = answer_of(folder)
    except Exception as error:  # anything at all: the kiosk must hear back
        answer = CheckAnswer(
            None,
            [problem_from_exception(folder, error)],
            "".join(traceback.format_exception(error)),
        )
    try:
        data = encode_answer(answer)
    except Exception as error:  # a value that does not pickle: say so rather than crash
        data = encode_answer(
            CheckAnswer(
                None,
                [problem_from_exception(folder, error)],
                "".join(traceback.format_exception(error)),
            )
        )
    try:
        answers.write(data)
        answers.flush()
    except BrokenPipeError:
        # The kiosk that asked has gone (it stopped while the child checked): nobody is
        # left to answer, and nothing to say. The stream is pointed at /dev/null so that
        # closing it at exit does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), answers.fileno())
        return 1
    return 0


def _take_stdout() -> BinaryIO:
    """Keep stdout for the answer alone: from now on, fd 1 is stderr for everyone else."""
    sys.stdout.flush()
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    return answers


# -- the answer, read ---------------------------------------------------------------


class UnreadableAnswer(Exception):
    """The child's output is not an answer this kiosk can read; the message says why."""


class _SlidesFromEarlierFrames(pickle.Unpickler):
    def __init__(self, file: BinaryIO, slides: Sequence[Slide]) -> None:
        super().__init__(file)
        self._slides = slides

    def persistent_load(self, pid: object) -> Slide:
        if not isinstance(pid, int) or not 0 <= pid < len(self._slides):
            raise UnreadableAnswer(f"it names a slide it did not send ({pid!r})")
        return self._slides[pid]


class AnswerDecoder:
    """Decodes what a child wrote, one frame per ``step()``.

    Raises ``UnreadableAnswer`` (at once, or from a step) when the output is not a
    whole answer from a checker of this very version of the kiosk.
    """

    def __init__(self, data: bytes | bytearray) -> None:
        self._data = memoryview(data)
        if not data.startswith(HEADER_START):
            shown = bytes(self._data[:40]).decode("utf-8", "replace")
            raise UnreadableAnswer(f"it is not a pack check answer (it starts with {shown!r})")
        end = data.find(b"\n", 0, 200)
        if end < 0:
            raise UnreadableAnswer("it is not a pack check answer (no header line)")
        if bytes(self._data[: end + 1]) != HEADER:
            other = bytes(self._data[len(HEADER_START) : end]).decode("utf-8", "replace")
            raise UnreadableAnswer(
                f"the kiosk on this machine was changed to version {other} after this one "
                f"(version {__version__}) started: restart the kiosk to load packs again"
            )
        self._offset = end + 1
        self._slides: list[Slide] = []

    def step(self) -> CheckAnswer | None:
        """Decode the next frame: the answer once it is the last one, else None."""
        frame = self._next_frame()
        last = self._offset == len(self._data)
        try:
            if not last:
                batch = pickle.loads(frame)
                if not isinstance(batch, tuple) or not all(isinstance(s, Slide) for s in batch):
                    raise UnreadableAnswer(f"it holds a {type(batch).__name__} among the slides")
                self._slides.extend(batch)
                return None
            answer = _SlidesFromEarlierFrames(io.BytesIO(frame), self._slides).load()
        except UnreadableAnswer:
            raise
        except Exception as error:  # whatever a damaged pickle makes pickle raise
            raise UnreadableAnswer(
                f"it could not be decoded ({error.__class__.__name__}: {error})"
            ) from None
        if not isinstance(answer, CheckAnswer):
            raise UnreadableAnswer(f"it ends with a {type(answer).__name__}, not the answer")
        return answer

    def _next_frame(self) -> memoryview:
        start = self._offset + _LENGTH.size
        if start > len(self._data):
            raise UnreadableAnswer("it was cut short")
        (length,) = _LENGTH.unpack(self._data[self._offset : start])
        if start + length > len(self._data):
            raise UnreadableAnswer("it was cut short")
        self._offset = start + length
        return self._data[start : start + length]


if __name__ == "__main__":
    # Run as a script, this module is ``__main__``; the answer's classes must be
    # pickled under their real name, so the check runs from the module proper.
    from kiosk.pack.check_worker import main as check_worker_main

    sys.exit(check_worker_main())

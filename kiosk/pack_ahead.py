"""Check a pack in a child process while this one starts Qt. No Qt.

A first start (no remembered first frame to paint) needs two things before the first
slide can be drawn: the pack, read and checked (PyYAML, the model, every picture
decoded), and Qt with the kiosk's window classes imported. Neither needs the other,
and each takes about as long as the other, so ``kiosk run`` does them at once: a
forked child checks the pack and sends it back pickled, while the parent imports
Qt. On a machine with two cores or more, the first slide comes that much sooner; on
one core it comes about as soon as before.

Only a process with one thread and no Qt forks; any other checks the pack itself.
The child prints a broken pack's errors itself, as ``kiosk run`` always has, and
sends back nothing. Whatever else goes wrong with the child (no ``fork`` on this
system, a crash, an answer that does not unpickle), the parent checks the pack
itself, so the kiosk starts exactly as it would have without the child.
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.pack.model import Pack

log = logging.getLogger(__name__)

# What the child sends: one byte saying which answer follows, then its pickle.
_PACK = b"P"
_REFUSED = b"R"  # the pack is broken; the child has printed why


class PackAhead:
    """``load()`` run in a child process from now on; ``result()`` waits for it.

    ``load`` returns the pack, or None once it has printed why there is none. It
    must not touch Qt, threads or the parent's files: it runs in a forked copy of
    this process, before Qt is imported.
    """

    def __init__(self, load: Callable[[], Pack | None]) -> None:
        self._load = load
        self._child: int | None = None
        self._answer: IO[bytes] | None = None
        if not _can_fork():
            return
        read, write = os.pipe()
        # Anything still buffered would otherwise be written twice, once by each.
        sys.stdout.flush()
        sys.stderr.flush()
        try:
            child = os.fork()
        except OSError as error:
            os.close(read)
            os.close(write)
            log.info("checking the pack in this process: cannot fork (%s)", error)
            return
        if child == 0:  # the child: check, answer, and end without running any exit code
            os.close(read)
            _answer_and_exit(load, write)
        os.close(write)
        self._child = child
        self._answer = os.fdopen(read, "rb")

    def result(self) -> Pack | None:
        """The pack, or None once the reason there is none has been printed."""
        if self._child is None or self._answer is None:
            return self._load()
        with self._answer as answer:
            data = answer.read()
        _, status = os.waitpid(self._child, 0)
        self._child = None
        if os.waitstatus_to_exitcode(status) == 0:
            if data[:1] == _REFUSED:
                return None
            if data[:1] == _PACK:
                try:
                    pack: Pack = pickle.loads(data[1:])
                except Exception as error:  # any failure to unpickle: check it here instead
                    log.warning("the pack's check in a child process failed (%r)", error)
                else:
                    return pack
        else:
            log.warning(
                "the pack's check in a child process ended with %s; checking it again here",
                os.waitstatus_to_exitcode(status),
            )
        return self._load()


def _can_fork() -> bool:
    """Whether a forked child can run ``load`` safely: only a copy of the calling
    thread is made, so the process must have no other thread (Qt starts some, and
    a test process may have imported it already)."""
    return hasattr(os, "fork") and "PySide6" not in sys.modules and threading.active_count() == 1


def _answer_and_exit(load: Callable[[], Pack | None], write: int) -> None:
    code = 1
    try:
        pack = load()
        answer = _REFUSED if pack is None else _PACK + pickle.dumps(pack, pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as stream:
            stream.write(answer)
        code = 0
    except BaseException:  # the parent checks the pack itself, and says what went wrong
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)

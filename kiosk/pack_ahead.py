"""Check a pack in a child process while this one starts Qt. No Qt.

A first start (no remembered first frame to paint) needs two things before the first
slide can be drawn: the pack, read and checked (PyYAML, the model, every picture
decoded with Pillow), and Qt with the kiosk's window classes imported. Neither needs
the other, so on a machine with two cores or more ``kiosk run`` does them at once:
the child that checks a changed pack for the running kiosk
(``kiosk.pack.check_worker``, with ``--quick``) checks it while this process imports
Qt, and sends the pack back pickled.

With one core the two would only take turns, and the child's own start would come on
top: ``start`` gives no child then, and the pack is checked in this process, before Qt
is imported (PySide6's import hook makes the loader's own imports slower after it).

Whenever the child does not answer with a pack (a broken pack, a crash, an answer
it cannot read), ``result`` says so and the caller checks the pack itself, which
also prints a broken pack's errors exactly as a start without a child does.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.pack.check_command import QUICK, worker_command

if TYPE_CHECKING:
    from kiosk.pack.model import Pack

log = logging.getLogger(__name__)


class PackAhead:
    """The check of a pack, running in a child process; ``result()`` waits for it."""

    def __init__(self, child: subprocess.Popen[bytes]) -> None:
        self._child: subprocess.Popen[bytes] | None = child

    @classmethod
    def start(cls, folder: Path) -> PackAhead | None:
        """The check of the pack in ``folder``, started now; None when this machine has
        no core to spare or the child cannot start: check the pack here then."""
        if spare_cores() < 1:
            return None
        try:
            command = [*worker_command(), QUICK, str(folder)]
            child = subprocess.Popen(command, stdout=subprocess.PIPE)
        except OSError as error:
            log.info("checking the pack in this process: no child process (%s)", error)
            return None
        # Deferred until the child runs, which should not wait for them; imported now,
        # before Qt: the answer's decoder needs the pack model (field kinds, values),
        # and once PySide6 is loaded it reads the source of every module imported
        # after it (about 2 ms for these).
        import kiosk.pack.check_worker  # noqa: F401

        return cls(child)

    def result(self) -> Pack | None:
        """The checked pack; None when there is none from the child: the caller then
        checks the pack itself (and so says what is wrong with it, if anything)."""
        # Already imported by start(), once the child ran (see there).
        from kiosk.pack.check_worker import AnswerDecoder, UnreadableAnswer
        from kiosk.pack.model import Pack

        child, self._child = self._child, None
        if child is None:
            return None
        data, _ = child.communicate()
        if child.returncode != 0:
            log.warning("the pack's check in a child process ended with %s", child.returncode)
            return None
        try:
            decoder = AnswerDecoder(data)
            answer = None
            while answer is None:
                answer = decoder.step()
        except UnreadableAnswer as error:
            log.warning("the pack's check in a child process gave no answer: %s", error)
            return None
        return answer.pack if isinstance(answer.pack, Pack) else None


def spare_cores() -> int:
    """Cores this process may run on besides the one it runs on."""
    try:
        return len(os.sched_getaffinity(0)) - 1
    except AttributeError:  # not on Linux
        return (os.cpu_count() or 1) - 1

"""Check a schedule and every pack it names in a short-lived child process, as a pack
is checked (``kiosk.pack.check_worker``, whose answer this sends), for the running
kiosk's reload (``kiosk.ui.reload.PackWatcher``). No Qt.

``python -m kiosk.schedule.check_worker FOLDER`` answers with the programme, or with
the problems of the schedule and of its packs. ``fingerprint`` is what the watcher
compares between looks: the schedule's folder and every pack folder the programme
names, wherever it is.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from kiosk.pack.check_command import worker_command
from kiosk.pack.check_worker import CheckAnswer, answer_for
from kiosk.pack.problems import Problem, Severity
from kiosk.packfiles import Fingerprint, fingerprint
from kiosk.schedule import SCHEDULE_FILE
from kiosk.schedule.load import check_schedule

MODULE = "kiosk.schedule.check_worker"


def programme_answer(folder: Path) -> CheckAnswer:
    report = check_schedule(folder)
    if report.programme is not None:
        return CheckAnswer(report.programme)
    errors = report.errors or [
        Problem(folder / SCHEDULE_FILE, None, None, Severity.ERROR, "", "it could not be loaded")
    ]
    return CheckAnswer(None, errors)


def main(argv: Sequence[str] | None = None) -> int:
    return answer_for(argv, programme_answer)


def schedule_checker() -> list[str]:
    """The command that checks a schedule's folder, given as one more argument."""
    return worker_command(MODULE)


def programme_fingerprint(folder: Path, pack_folders: Iterable[Path]) -> Fingerprint:
    """The schedule's folder and the pack folders it names: where each leads (a link
    re-pointed is a change), and the files of those outside the folder. Never raises."""
    real, entries = fingerprint(folder)
    extra: list[tuple[str, int, int]] = []
    for pack in pack_folders:
        try:
            target = os.path.realpath(pack)
        except (OSError, ValueError):
            target = ""
        extra.append((f"\0{pack}\0{target}", 0, 0))
        if target and os.path.commonpath([target, real]) != real:
            pack_real, pack_entries = fingerprint(pack)
            extra += [(f"\0{pack_real}/{name}", size, mtime) for name, size, mtime in pack_entries]
    return real, (*entries, *extra)


if __name__ == "__main__":
    from kiosk.schedule.check_worker import main as schedule_check_main

    sys.exit(schedule_check_main())

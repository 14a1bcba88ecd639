"""Checker programs for the reload tests: the real pack check, until a mark in pack.yaml
makes them misbehave the way a checking process can.

Run: python stand_in_checkers.py BEHAVIOUR [PID_FILE] FOLDER. Each writes its process
id to PID_FILE when given. While pack.yaml holds no "# misbehave" line, each checks
the folder exactly as the kiosk's own checker does; with it:

  raises          the check raises KeyError (a bug in a checker)
  stalls          the process blocks for an hour (a network folder that stopped answering)
  kills-itself    the process kills itself with SIGKILL (as the out-of-memory killer does)
  garbage         the process writes something other than an answer, and exits 0
  crashes         the program raises before it checks anything: Python prints the
                  traceback on stderr and exits with status 1
  prints          the check prints on stdout, from Python and from C: the answer
                  must come through all the same (no mark needed)
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from pathlib import Path

from kiosk.pack.check_worker import main
from kiosk.pack.load import PackReport, check_pack

MARK = "# misbehave"
STANDS_IN = Path(__file__)


def command(behaviour: str, pid_file: Path | None = None) -> list[str]:
    """The checker program for PackWatcher(checker=...)."""
    return [
        sys.executable,
        str(STANDS_IN),
        behaviour,
        *([str(pid_file)] if pid_file is not None else []),
    ]


def checker_with_a_bug(folder: Path) -> PackReport:
    raise KeyError("a bug in the checker")


def check_that_prints(folder: Path) -> PackReport:
    print("the check says hello")  # noqa: T201 - what a careless change might add
    sys.stdout.flush()
    ctypes.CDLL(None).puts(b"and so does C code")
    ctypes.CDLL(None).fflush(None)
    return check_pack(folder)


def run(behaviour: str, folder: Path) -> int:
    marked = MARK in (folder / "pack.yaml").read_text("utf-8", "replace")
    if behaviour == "prints":
        return main([str(folder)], check_that_prints)
    if not marked:
        return main([str(folder)])
    if behaviour == "raises":
        return main([str(folder)], checker_with_a_bug)
    if behaviour == "stalls":
        time.sleep(3600)
        return main([str(folder)])
    if behaviour == "kills-itself":
        os.kill(os.getpid(), signal.SIGKILL)
    if behaviour == "garbage":
        sys.stdout.buffer.write(b"Segmentation fault? no: just not an answer\n")
        return 0
    if behaviour == "crashes":
        raise ImportError("No module named 'yaml'")
    raise SystemExit(f"unknown behaviour: {behaviour}")


if __name__ == "__main__":
    behaviour, *pid_file, folder = sys.argv[1:]
    if pid_file:
        # Whole or not there: a test reads it as soon as it exists.
        partial = Path(pid_file[0] + ".partial")
        partial.write_text(str(os.getpid()), "utf-8")
        partial.replace(pid_file[0])
    sys.exit(run(behaviour, Path(folder)))

"""A first start checks the pack in a forked child while Qt is imported: the parent
gets the very pack the child checked, a broken pack is explained once, and a child
that fails in any way leaves the parent to check the pack itself.

Each case runs in a process of its own: the test process has Qt and threads, where
the child is (rightly) never forked."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from kiosk_process import KioskProcess

from kiosk.paths import pack_folder

PRELUDE = """
import logging, os, pickle, sys, threading
from pathlib import Path
from kiosk.pack.load import check_pack, load_pack
from kiosk.pack_ahead import PackAhead
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
PARENT = os.getpid()
"""


def run(body: str, *args: str) -> subprocess.CompletedProcess[str]:
    script = PRELUDE + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_parent_gets_the_pack_the_child_checked() -> None:
    done = run(
        """
        folder = Path(sys.argv[1])
        seen = []
        def load():
            seen.append(os.getpid())
            return load_pack(folder)
        ahead = PackAhead(load)
        pack = ahead.result()
        assert seen == [], "the parent loaded the pack itself"
        assert pack == load_pack(folder)
        assert "PySide6" not in sys.modules and "yaml" in sys.modules
        try:
            os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            print("no child left")
        """,
        str(pack_folder("2023")),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "no child left"


def test_a_broken_pack_is_explained_once_by_the_child(tmp_path: Path) -> None:
    done = run(
        """
        def load():
            print(f"explained by {'the child' if os.getpid() != PARENT else 'the parent'}",
                  file=sys.stderr)
            return None
        print("buffered before the fork", end="")  # written once, not by both
        assert PackAhead(load).result() is None
        print(" / none")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["explained by the child"]
    assert done.stdout == "buffered before the fork / none\n"


@pytest.mark.parametrize(
    "failure",
    [
        "os.kill(os.getpid(), 9)",  # killed
        "raise RuntimeError('a bug')",  # an unexpected error: the parent meets it again
        "return threading.Lock()",  # an answer that cannot be sent
    ],
    ids=["killed", "raises", "unpicklable"],
)
def test_a_child_that_fails_leaves_the_parent_to_check_the_pack(failure: str) -> None:
    done = run(
        f"""
        folder = Path(sys.argv[1])
        def load():
            if os.getpid() != PARENT:
                {failure}
            return load_pack(folder)
        assert PackAhead(load).result() == load_pack(folder)
        print("checked by the parent")
        """,
        str(pack_folder("2023")),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "checked by the parent"
    assert "WARNING the pack's check in a child process" in done.stderr


def test_with_qt_imported_the_pack_is_checked_in_this_process() -> None:
    done = run(
        """
        import PySide6.QtCore
        pids = []
        def load():
            pids.append(os.getpid())
            return None
        assert PackAhead(load).result() is None
        assert pids == [PARENT]
        """
    )
    assert done.returncode == 0, done.stderr


def test_kiosk_run_on_a_broken_pack_explains_it_once_and_opens_no_window(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("title: x\nyear: 2023\nyear: 2024\n")
    kiosk = KioskProcess.run(tmp_path / "home", str(pack))
    assert kiosk.finish(timeout=60) == 1, kiosk.stderr  # EXIT_INVALID
    assert kiosk.stderr.count("duplicate key 'year'") == 1, kiosk.stderr
    assert kiosk.stderr.count("fix them and try again") == 1
    assert "playing" not in kiosk.stderr
    assert "Traceback" not in kiosk.stderr

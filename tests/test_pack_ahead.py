"""A first start checks the pack in a child process while Qt is imported: the kiosk
gets the very pack the child checked without importing the loader (or PyYAML), and a
child that gives no pack (a broken pack, a crash, an answer it cannot read) leaves
the kiosk to check the pack itself, which then says what is wrong with it once.

Each case runs in a process of its own, as ``kiosk run`` does."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from kiosk_process import KioskProcess

from kiosk.pack_ahead import spare_cores
from kiosk.paths import pack_folder

PRELUDE = """
import logging, os, sys
from pathlib import Path
import kiosk.pack_ahead
from kiosk.pack_ahead import PackAhead
logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
"""

needs_a_spare_core = pytest.mark.skipif(
    spare_cores() < 1, reason="a machine with one core checks the pack in the same process"
)


def run(body: str, *args: str) -> subprocess.CompletedProcess[str]:
    script = PRELUDE + textwrap.dedent(body)
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@needs_a_spare_core
def test_the_kiosk_gets_the_pack_the_child_checked_without_the_loader() -> None:
    done = run(
        """
        ahead = PackAhead.start(Path(sys.argv[1]))
        assert ahead is not None
        pack = ahead.result()
        assert "kiosk.pack.load" not in sys.modules, "the kiosk imported the loader"
        assert "PIL" not in sys.modules
        assert "yaml" not in sys.modules, "the pack model imported PyYAML"
        from kiosk.pack.load import load_pack
        assert pack == load_pack(Path(sys.argv[1]), lint=False)
        assert ahead.result() is None  # one answer, once
        print(pack.title.get("en", "en"))
        """,
        str(pack_folder("2023")),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "World Day against Trafficking in Persons 2023"
    assert done.stderr == ""


@needs_a_spare_core
def test_a_broken_pack_gives_no_pack_and_the_child_prints_nothing(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text("title: x\nyear: 2023\nyear: 2024\n")
    done = run(
        """
        ahead = PackAhead.start(Path(sys.argv[1]))
        assert ahead is not None
        assert ahead.result() is None
        """,
        str(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # the kiosk explains it, checking the pack itself


@needs_a_spare_core
@pytest.mark.parametrize(
    ("child", "said"),
    [
        ("import os; os.kill(os.getpid(), 9)", "ended with -9"),
        ("print('Segmentation fault')", "gave no answer: it is not a pack check answer"),
        (
            "import sys; sys.stdout.buffer.write(b'awareness-kiosk pack check 0.0.1\\n')",
            "gave no answer: the kiosk on this machine was changed to version 0.0.1",
        ),
        ("import sys; sys.exit(3)", "ended with 3"),
    ],
    ids=["killed", "garbage", "another-version", "exit-3"],
)
def test_a_child_with_no_answer_leaves_the_kiosk_to_check_the_pack(child: str, said: str) -> None:
    done = run(
        f"""
        kiosk.pack_ahead.worker_command = lambda: [sys.executable, "-c", {child!r}]
        ahead = PackAhead.start(Path("anywhere"))
        assert ahead is not None
        assert ahead.result() is None
        """
    )
    assert done.returncode == 0, done.stderr
    assert f"WARNING the pack's check in a child process {said}" in done.stderr


def test_with_one_core_there_is_no_child() -> None:
    done = run(
        """
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        assert PackAhead.start(Path(sys.argv[1])) is None
        """,
        str(pack_folder("2023")),
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("cores", ["one", "all"])
def test_kiosk_run_on_a_broken_pack_explains_it_once_and_opens_no_window(
    tmp_path: Path, cores: str
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text("title: x\nyear: 2023\nyear: 2024\n")
    allowed = os.sched_getaffinity(0)
    if cores == "one":  # the kiosk inherits it, from its first instruction
        os.sched_setaffinity(0, {min(allowed)})
    try:
        kiosk = KioskProcess.run(tmp_path / "home", str(pack))
    finally:
        os.sched_setaffinity(0, allowed)
    assert kiosk.finish(timeout=60) == 1, kiosk.stderr  # EXIT_INVALID
    assert kiosk.stderr.count("duplicate key 'year'") == 1, kiosk.stderr
    assert kiosk.stderr.count("fix them and try again") == 1
    assert "playing" not in kiosk.stderr
    assert "Traceback" not in kiosk.stderr

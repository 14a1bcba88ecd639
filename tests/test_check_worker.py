"""The checking process the running kiosk starts for each reload: what it answers, that
its answer is the very pack ``check_pack`` gives, that nothing else reaches its stdout,
and that the kiosk refuses whatever is not a whole answer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import stand_in_checkers
from big_packs import many_slides

from kiosk import __version__
from kiosk.pack.check_command import QUICK, worker_command
from kiosk.pack.check_worker import (
    HEADER,
    HEADER_START,
    SLIDES_PER_FRAME,
    AnswerDecoder,
    CheckAnswer,
    UnreadableAnswer,
)
from kiosk.pack.load import check_pack

TIMEOUT_S = 120


def run_checker(command: list[str], folder: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*command, str(folder)], capture_output=True, timeout=TIMEOUT_S, check=True
    )


def decode(data: bytes) -> tuple[CheckAnswer, int]:
    """The answer, and how many steps it took."""
    decoder = AnswerDecoder(data)
    steps = 1
    while (answer := decoder.step()) is None:
        steps += 1
    return answer, steps


@pytest.mark.parametrize("year", ["2023", "2024"])
def test_the_answer_is_the_pack_check_pack_gives(
    year: str, pack_copy: Callable[[str], Path]
) -> None:
    """Every kind of value a pack holds crosses the pipe: texts by language, dates,
    choices, paths, every slide kind."""
    folder = pack_copy(year)
    answer, _ = decode(run_checker(worker_command(), folder).stdout)
    pack = check_pack(folder).pack
    assert pack is not None
    assert answer.pack == pack
    assert answer.problems == []
    assert answer.pack.version == pack.version
    assert answer.pack.root == folder
    assert [type(slide) for slide in answer.pack.slides] == [type(s) for s in pack.slides]
    assert {slide.kind for slide in pack.slides} == {
        "title",
        "facts",
        "timeline",
        "failures",
        "resources",
    }


def test_a_large_pack_is_decoded_a_few_slides_at_a_time(tmp_path: Path) -> None:
    folder = many_slides(tmp_path / "pack", 1000)
    answer, steps = decode(run_checker(worker_command(), folder).stdout)
    assert answer.pack == check_pack(folder).pack
    assert steps == 1000 // SLIDES_PER_FRAME + 1


def test_a_broken_pack_s_problems_come_back(pack_copy: Callable[[str], Path]) -> None:
    folder = pack_copy("2023")
    pack_file = folder / "pack.yaml"
    pack_file.write_text(
        pack_file.read_text("utf-8").replace("year: 2023", "year: 2023\nyear: 2024"), "utf-8"
    )
    answer, _ = decode(run_checker(worker_command(), folder).stdout)
    assert answer.pack is None
    assert answer.problems == check_pack(folder).errors
    assert "duplicate key 'year'" in answer.problems[0].message


def test_only_the_answer_goes_to_stdout(pack_copy: Callable[[str], Path]) -> None:
    """What the check prints, from Python or C, goes to stderr."""
    folder = pack_copy("2023")
    result = run_checker(stand_in_checkers.command("prints"), folder)
    answer, _ = decode(result.stdout)
    assert answer.pack == check_pack(folder).pack
    assert b"the check says hello" in result.stderr
    assert b"and so does C code" in result.stderr


def test_the_checking_process_loads_no_qt(pack_copy: Callable[[str], Path]) -> None:
    probe = (
        "import sys; from pathlib import Path; "
        "from kiosk.pack.check_worker import check_folder; "
        "assert check_folder(Path(sys.argv[1])).pack is not None; "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    result = run_checker([sys.executable, "-c", probe], pack_copy("2024"))
    assert result.stdout.strip() == b"[]"


def test_the_kiosk_refuses_what_is_not_a_whole_answer(pack_copy: Callable[[str], Path]) -> None:
    whole = run_checker(worker_command(), pack_copy("2023")).stdout
    assert whole.startswith(HEADER)
    damaged = whole[: len(HEADER) + 8] + b"\xff" * (len(whole) - len(HEADER) - 8)
    refused = {
        "cut in the header": (whole[:10], "not a pack check answer"),
        "cut after the header": (whole[: len(HEADER) + 3], "cut short"),
        "cut in a frame": (whole[:-5], "cut short"),
        "with more after it": (whole + b"\x00" * 12, "could not be decoded"),
        "not an answer at all": (b"Traceback (most recent call last):\n", "not a pack check"),
        "a damaged pickle": (damaged, "could not be decoded"),
        "from another version": (
            HEADER_START + b"9.9.9\n" + whole[len(HEADER) :],
            f"changed to version 9.9.9 after this one (version {__version__}) started: "
            "restart the kiosk",
        ),
    }
    for how, (data, says) in refused.items():
        with pytest.raises(UnreadableAnswer) as refusal:
            decode(data)
        assert says in str(refusal.value), how


@pytest.mark.parametrize(("quick", "lint"), [(False, True), (True, False)])
def test_quick_leaves_out_the_organisers_checks(
    quick: bool, lint: bool, pack_copy: Callable[[str], Path]
) -> None:
    """``--quick`` (a first start's check) is ``check_pack(lint=False)``; without it, the
    check is ``kiosk validate``'s."""
    probe = (
        "import sys; from pathlib import Path; import kiosk.pack.load as load; "
        "check = load.check_pack\n"
        "def told(folder, **options):\n"
        "    sys.stderr.write(f'lint={options.get(\"lint\", True)}\\n')\n"
        "    return check(folder, **options)\n"
        "load.check_pack = told\n"
        "from kiosk.pack.check_worker import main; sys.exit(main())"
    )
    command = [sys.executable, "-c", probe, *([QUICK] if quick else [])]
    result = run_checker(command, pack_copy("2023"))
    answer, _ = decode(result.stdout)
    assert answer.pack is not None
    assert result.stderr.decode().splitlines() == [f"lint={lint}"]


def test_a_child_whose_kiosk_has_gone_ends_without_a_word(pack_copy: Callable[[str], Path]) -> None:
    """A kiosk that stops while its pack is checked leaves no one to read the answer:
    the child ends quietly, with no traceback on the terminal they share."""
    read, write = os.pipe()
    os.close(read)  # the kiosk has gone
    try:
        child = subprocess.Popen(
            [*worker_command(), QUICK, str(pack_copy("2023"))],
            stdout=write,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(write)
    _, said = child.communicate(timeout=TIMEOUT_S)
    assert child.returncode == 1
    assert said == b""


def test_ctrl_c_ends_a_check_at_once_and_quietly(tmp_path: Path) -> None:
    """Ctrl+C in the terminal reaches the checking child too: it ends as the kiosk
    does, without a KeyboardInterrupt traceback."""
    probe = (
        "import os, signal, sys, time\n"
        "from kiosk.pack.check_worker import CheckAnswer, answer_for\n"
        "def interrupted(folder):\n"
        "    os.kill(os.getpid(), signal.SIGINT)  # Ctrl+C while the check runs\n"
        "    time.sleep(30)\n"
        "    return CheckAnswer(None)\n"
        "sys.exit(answer_for(sys.argv[1:], interrupted))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, timeout=TIMEOUT_S
    )
    assert done.returncode == -signal.SIGINT, done.stderr
    assert (done.stdout, done.stderr) == (b"", b"")

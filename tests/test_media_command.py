"""``kiosk export`` as organisers type it: what it writes, and what it says when it
cannot (exit 1 or 2, one clear line, never a traceback, never half a file)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.cli import main

pytestmark = pytest.mark.slow  # each call draws a whole pack


def test_a_bundled_pack_by_name_gives_all_three(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(
        [
            "export", "2025", "--handout", str(out / "handout.pdf"),
            "--poster", str(out / "poster.pdf"), "--cards", str(out / "cards"),
            "--lang", "all", "--region", "US", "--paper", "letter",
        ]
    )  # fmt: skip
    said = capsys.readouterr()
    assert code == 0, said.err
    assert (out / "handout.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "poster.pdf").read_bytes().startswith(b"%PDF-")
    assert (out / "cards" / "cards.json").is_file()
    assert "wrote the handout" in said.out
    assert sorted(os.listdir(out)) == ["cards", "handout.pdf", "poster.pdf"]  # no leftovers


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--paper", "a5"], "invalid choice: 'a5'"),
        (["--paper", "a3"], "a handout is printed on a4 or letter"),
        (["--lang", "fr"], "the pack has no 'fr' text"),
        ([], None),
    ],
)
def test_mistyped_commands_exit_2(
    arguments: list[str],
    message: str | None,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "handout.pdf"
    command = ["export", "2025", *arguments]
    if message is not None:
        command += ["--handout", str(target)]
    try:
        code = main(command)
    except SystemExit as exit:  # argparse's own refusals
        code = int(exit.code or 0)
    said = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in said
    assert (message or "say what to make") in said
    assert not target.exists()


def test_a_pack_that_does_not_validate_exits_1_and_keeps_the_old_file(
    write_pack,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    broken = write_pack("title: Broken\nyear: 2025\nslides: []\n")
    target = tmp_path / "handout.pdf"
    target.write_bytes(b"last year's handout")
    code = main(["export", str(broken), "--handout", str(target)])
    said = capsys.readouterr().err
    assert code == 1
    assert "pack.yaml" in said
    assert "Traceback" not in said
    assert target.read_bytes() == b"last year's handout"


@pytest.mark.parametrize("where", ["under-a-file", "a-folder"])
def test_an_unwritable_output_exits_1_and_leaves_nothing_half_written(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a-file").write_text("a file, not a folder")
    (tmp_path / "a-folder").mkdir()
    target = (
        tmp_path / "a-file" / "poster.pdf" if where == "under-a-file" else tmp_path / "a-folder"
    )
    before = sorted(os.listdir(tmp_path)), sorted(os.listdir(tmp_path / "a-folder"))
    code = main(["export", "2024", "--poster", str(target)])
    said = capsys.readouterr().err
    assert code == 1
    assert f"cannot write the poster to {target}" in said
    assert "Traceback" not in said
    assert (sorted(os.listdir(tmp_path)), sorted(os.listdir(tmp_path / "a-folder"))) == before

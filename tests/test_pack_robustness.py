"""Whatever an editor does to a pack.yaml, the loader answers with problems, never a crash."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.pack.load import check_pack
from kiosk.paths import content_dir

NOISE = [*list(":-[]{}&*!|>'\"#%@`,?\t\n "), "é", "−", "\x00", "---", "<<: *a"]


def mutations(text: str, count: int, seed: int) -> list[str]:
    """Edits an organiser might make by mistake: lost, doubled or cut lines, stray characters."""
    chooser = random.Random(seed)
    lines = text.splitlines(keepends=True)
    out = []
    for _ in range(count):
        kind = chooser.randrange(5)
        if kind == 0:  # a line deleted
            index = chooser.randrange(len(lines))
            out.append("".join(lines[:index] + lines[index + 1 :]))
        elif kind == 1:  # a line pasted twice
            index = chooser.randrange(len(lines))
            out.append("".join(lines[: index + 1] + lines[index:]))
        elif kind == 2:  # a stray character
            at = chooser.randrange(len(text))
            out.append(text[:at] + chooser.choice(NOISE) + text[at:])
        elif kind == 3:  # a file cut short (a copy that stopped)
            out.append(text[: chooser.randrange(len(text))])
        else:  # indentation lost on a line
            index = chooser.randrange(len(lines))
            out.append("".join([*lines[:index], lines[index].lstrip(" "), *lines[index + 1 :]]))
    return out


@pytest.mark.parametrize("pack", ["2023", "2024"])
def test_damaged_packs_give_problems_not_crashes(
    pack: str, write_pack: Callable[..., Path]
) -> None:
    source = content_dir() / pack
    text = (source / "pack.yaml").read_text("utf-8")
    images = {f"images/{p.name}": p.read_bytes() for p in (source / "images").iterdir()}
    broken = 0
    for variant in mutations(text, 150, seed=int(pack)):
        report = check_pack(write_pack(variant.encode("utf-8", "surrogatepass"), images))
        for problem in report.problems:
            assert problem.message
            assert str(problem).startswith(str(problem.file))
        if report.errors:
            broken += 1
            assert report.pack is None
            # every error has its line, unless there is no line to name (an empty file)
            assert all(
                p.line is not None or "the file is empty" in p.message for p in report.errors
            )
        else:
            assert report.pack is not None
    assert broken > 30  # the mutations really do break packs

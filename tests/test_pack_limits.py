"""Bounded input, bounded output, and messages that show what cannot be seen.

A pack may be huge (generated, pasted twice, a sync gone wrong), hold thousands of
mistakes, or hide characters that look like nothing. The loader stays within
stated limits, prints a readable amount, and names every invisible character.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.pack.load import check_pack, load_pack
from kiosk.pack.problems import LISTED_PER_SEVERITY, PackError
from kiosk.pack.yamlsafe import MAX_ITEMS, MAX_VALUES
from kiosk.paths import content_dir

HEAD = """\
title: Test pack
year: 2023
date: 2023-07-30
languages: [en, es]
default_language: en
slides:
"""
SLIDE = """\
  - type: title
    day: {en: World Day, es: Día mundial}
    date: {en: 30 July 2023, es: 30 de julio de 2023}
    theme: {en: Leave no one behind, es: No dejar a nadie atrás}
"""
RESOURCE = """\
  - type: resources
    heading: Help
    resources:
      - name: Hotline
        description: Call us
        url: "{url}"
"""


def bundled_slides(count: int) -> str:
    """A pack.yaml of ``count`` slides cycling through the bundled 2023 pack's."""
    text = (content_dir() / "2023" / "pack.yaml").read_text("utf-8")
    head, body = text.split("\nslides:\n", 1)
    blocks = ["  - type:" + block for block in body.split("\n  - type:")[1:]]
    return head + "\nslides:\n" + "\n".join(blocks[i % len(blocks)] for i in range(count))


# -- the alias guard counts only what aliases add ------------------------------------------


@pytest.mark.slow
def test_a_long_pack_without_anchors_is_not_an_alias_bomb(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(bundled_slides(3600))
    (folder / "images" / "logo.png").write_bytes(
        (content_dir() / "2023" / "images" / "logo.png").read_bytes()
    )
    report = check_pack(folder)
    assert not report.errors, report.errors[:3]
    assert report.pack is not None
    assert len(report.pack.slides) == 3600


def test_aliases_that_add_a_lot_are_still_refused(write_pack: Callable[..., Path]) -> None:
    # Each level repeats the one before ten times: 10^6 values from a few lines.
    lines = ["x0: &a0 [" + ", ".join(["word"] * 10) + "]"]
    lines += [f"x{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 6)]
    report = check_pack(write_pack(HEAD + SLIDE + "\n".join(lines) + "\n"))
    assert any("anchors and aliases" in p.message for p in report.errors)


# -- sizes are bounded ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_huge_flow_list_is_refused_with_the_limit_in_little_memory(tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text("slides: [" + "1," * 10_000_000 + "1]\n")
    assert (folder / "pack.yaml").stat().st_size > 20_000_000 - 100
    # The peak of this process's own memory (VmHWM): getrusage's ru_maxrss would
    # also count the test runner's size at the moment it started the probe.
    probe = (
        "import re, sys\nfrom kiosk.pack.load import check_pack\n"
        "report = check_pack(sys.argv[1])\n"
        "print('\\n'.join(str(p) for p in report.problems))\n"
        "status = open('/proc/self/status').read()\n"
        "print('peak', int(re.search(r'VmHWM:\\s+(\\d+)', status)[1]) // 1024)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    problems, peak = result.stdout.rsplit("peak ", 1)
    assert f"the file holds more than {MAX_VALUES:,} values" in problems
    assert re.search(r"pack\.yaml:1:\d+: error:", problems)
    assert int(peak) < 400  # megabytes: reading it all would take gigabytes


def test_a_list_longer_than_any_pack_needs_is_refused(write_pack: Callable[..., Path]) -> None:
    items = "".join(f"  - {i}\n" for i in range(MAX_ITEMS + 1))
    (error,) = check_pack(write_pack(HEAD + items)).errors
    assert (error.line, error.column) == (7, 3)
    assert (
        f"this holds {MAX_ITEMS + 1:,} items; a list or mapping in a pack holds at most "
        f"{MAX_ITEMS:,}" in error.message
    )


def test_render_size_is_at_most_8k_and_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for size in ("7681x4320", "4320x7681", "7680x4321", "99999x99999"):
        with pytest.raises(SystemExit) as caught:
            main(
                [
                    "render",
                    str(content_dir() / "2023"),
                    "--out",
                    str(tmp_path / "out"),
                    "--size",
                    size,
                ]
            )
        assert caught.value.code == 2
        assert "the largest size is 7680x4320 (or 4320x7680)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["run", "--windowed", "8000x8000"])
    assert caught.value.code == 2
    assert not (tmp_path / "out").exists()


def test_render_accepts_8k_either_way_up() -> None:
    from kiosk.cli import _size

    assert _size("7680x4320") == (7680, 4320)
    assert _size("4320x7680") == (4320, 7680)


@pytest.mark.parametrize(
    ("field", "digits", "expected"),
    [
        (
            "year",
            5001,
            "this number has 5,001 digits, too many to read: use a value from 2000 to 2100",
        ),
        ("slide_seconds", 5001, "this number has 5,001 digits"),
        ("slide_seconds", 4000, "is out of range"),  # readable, but too big for a float
        ("transition_ms", 4000, "is out of range"),
    ],
)
def test_a_huge_number_is_a_problem_on_its_line(
    write_pack: Callable[..., Path], field: str, digits: int, expected: str
) -> None:
    number = "9" * digits
    text = (
        HEAD.replace("year: 2023", f"year: {number}")
        if field == "year"
        else f"timing: {{{field}: {number}}}\n" + HEAD
    )
    (error,) = check_pack(write_pack(text + SLIDE)).errors
    assert error.line == (2 if field == "year" else 1)
    assert expected in error.message
    assert len(error.message) < 200


# -- output is bounded ------------------------------------------------------------------


def test_a_quoted_value_is_cut_to_a_readable_length(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(HEAD.replace("year: 2023", "year: " + "x" * 5000) + SLIDE)
    (error,) = check_pack(folder).errors
    quoted = re.search(r"'([^']*)'", error.message)
    assert quoted is not None
    assert quoted[1] == "x" * 80 + "…"
    assert len(error.message) < 200


@pytest.mark.slow
def test_ten_thousand_problems_print_a_few_hundred_and_a_count(
    write_pack: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = "  - type: title\n    titel: a typo\n"  # an unknown key and three missing
    folder = write_pack(HEAD + wrong * 2500 + SLIDE)
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == LISTED_PER_SEVERITY + 2
    assert lines[-2] == (
        "… and 9,800 more errors, not listed: fix the ones above first, then check again"
    )
    assert lines[-1].endswith(": invalid (10,000 errors, 0 warnings)")
    assert len(out) < 100_000


@pytest.mark.slow
def test_run_and_load_pack_list_as_few(
    write_pack: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_pack(HEAD + "  - type: title\n    titel: a typo\n" * 2500)
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert len(str(caught.value).splitlines()) == LISTED_PER_SEVERITY + 1
    assert main(["render", str(folder), "--out", str(folder / "out")]) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == LISTED_PER_SEVERITY + 2
    assert "has 10,000 errors" in err


# -- messages say what is wrong in plain words ----------------------------------------


def test_a_second_document_says_remove_the_second_dashes(write_pack: Callable[..., Path]) -> None:
    for text, line in (
        (HEAD + SLIDE + "---\nmore: 1\n", 11),
        ("---\n" + HEAD + SLIDE + "---\n", 12),
    ):
        (error,) = check_pack(write_pack(text)).errors
        assert error.line == line
        assert "remove the second '---'" in error.message


@pytest.mark.parametrize(
    "text",
    [
        HEAD + SLIDE + "   heading: x\n",  # a key that lost its place in the slide
        HEAD + "  - type: title\n    day: x\n   date: y\n",
        "title: x\nmeta:\n    a: 1\n  b: 2\n",
    ],
)
def test_an_indentation_error_gets_a_plain_hint(write_pack: Callable[..., Path], text: str) -> None:
    (error,) = check_pack(write_pack(text)).errors
    assert error.message.startswith("YAML syntax error")
    assert "check the indentation: the keys of one block start in the same column" in error.message


def test_a_zero_width_character_in_a_key_is_named(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(HEAD + SLIDE.replace("    theme:", "    the\u200bme:"))
    errors = [str(p) for p in check_pack(folder).errors]
    assert any(
        "unknown key 'the\\u200bme' in the title slide — did you mean 'theme'? "
        "(it holds an invisible character, \\u200b (ZERO WIDTH SPACE): delete it)" in e
        for e in errors
    ), errors
    assert not any("\u200b" in e for e in errors)  # shown as a code, never as itself


@pytest.mark.parametrize("control", ["\u202e", "\u2066", "\u200b"])
def test_an_invisible_character_in_an_address_is_an_error(
    write_pack: Callable[..., Path], control: str
) -> None:
    url = f"https://example.org/{control}gro.elpmaxe"
    (error,) = check_pack(write_pack(HEAD + SLIDE + RESOURCE.format(url=url))).errors
    assert error.key_path == "slides[1].resources[0].url"
    assert f"holds an invisible character, \\u{ord(control):04x}" in error.message


def test_a_direction_override_in_a_text_is_a_warning(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(HEAD + SLIDE.replace("Leave no one", "Leave \u202eno one\u202c"))
    report = check_pack(folder)
    assert report.pack is not None
    (warning,) = report.warnings
    assert warning.key_path == "slides[0].theme.en"
    assert (
        "\\u202e (RIGHT-TO-LEFT OVERRIDE), \\u202c (POP DIRECTIONAL FORMATTING)" in warning.message
    )
    assert "delete it unless you mean it" in warning.message

"""The organiser commands, run as organisers run them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk import __version__
from kiosk.cli import main
from kiosk.pack import load_pack


def kiosk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120, cwd=cwd
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"kiosk {__version__}"


@pytest.mark.parametrize("command", ["run", "validate", "new", "schema", "render"])
def test_every_command_explains_itself(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: kiosk {command}")
    assert len(out.splitlines()) > 4


def test_validate_bundled_packs_exit_zero(
    bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(bundled_content / "2023"), str(bundled_content / "2024")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "2023: OK (0 errors, 0 warnings)" in out
    assert "2024: OK (0 errors, 0 warnings)" in out


def test_validate_reports_file_line_and_exits_one(
    write_pack: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_pack("title: x\nyear: 2023\nyear: 2024\n")
    code = main(["validate", str(folder)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{folder / 'pack.yaml'}:3:1: error: year: duplicate key 'year'" in out
    assert "missing 'slides'" in out


def test_validate_without_packs_is_a_usage_error() -> None:
    result = kiosk("validate")
    assert result.returncode == 2
    assert "the following arguments are required: PACK" in result.stderr


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01\x02\xff",
        b"[",
        b"{a: [}",
        b"- - - -",
        b"a: *unknown",
        b"%YAML 9.9\n---\na: 1",
        b"a: 1\n---\nb: 2\n",
        b"slides: {}\n",
        b"? [a, b]\n: c\n",
    ],
)
def test_validate_never_shows_a_traceback(write_pack: Callable[..., Path], data: bytes) -> None:
    result = kiosk("validate", str(write_pack(data)))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "pack.yaml" in result.stdout


def test_schema_prints_json_schema() -> None:
    result = kiosk("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "slides" in schema["required"]


def test_new_starts_next_years_pack(
    tmp_path: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "2025"
    assert main(["new", str(target), "--from", str(bundled_content / "2024")]) == 0
    out = capsys.readouterr().out
    assert "kiosk validate" in out
    pack = load_pack(target)
    assert pack.year == 2025
    assert pack.date.year == 2025
    original = (bundled_content / "2024" / "pack.yaml").read_text("utf-8")
    copied = (target / "pack.yaml").read_text("utf-8")
    # comments survive: only the year lines changed
    assert [line for line in copied.splitlines() if line.lstrip().startswith("#")] == [
        line for line in original.splitlines() if line.lstrip().startswith("#")
    ]
    assert (target / "images").is_dir()


def test_new_defaults_to_the_bundled_2023_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "next"), "--year", "2030"]) == 0
    assert load_pack(tmp_path / "next").year == 2030


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("keep me")
    assert main(["new", str(tmp_path / "taken")]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "taken" / "notes.txt").read_text() == "keep me"


def test_run_with_invalid_pack_explains_and_exits(write_pack: Callable[..., Path]) -> None:
    result = kiosk("run", str(write_pack("year: 1\n")))
    assert result.returncode == 1
    assert "has 6 errors" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_with_unknown_language(bundled_content: Path) -> None:
    result = kiosk(str(bundled_content / "2023"), "--lang", "xx")
    assert result.returncode == 2
    assert "its languages are en, es" in result.stderr


def test_render_to_an_unwritable_place_explains(bundled_content: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = kiosk("render", str(bundled_content / "2023"), "--out", str(blocker / "out"))
    assert result.returncode == 2
    assert "cannot write pictures to" in result.stderr
    assert "Traceback" not in result.stderr

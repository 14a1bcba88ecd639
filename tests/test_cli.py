"""The organiser commands, run as organisers run them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from kiosk_process import FIRST_PAINT_PROBE

from kiosk import __version__
from kiosk.cli import main
from kiosk.pack.load import load_pack
from kiosk.paths import bundled_packs, default_pack, pack_folder


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


def test_new_defaults_to_the_newest_bundled_pack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "next")]) == 0
    newest = max(load_pack(folder).year for folder in bundled_packs())
    assert load_pack(tmp_path / "next").year == newest + 1


def test_the_default_pack_is_the_newest_bundled_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_pack() == bundled_packs()[-1]
    content = tmp_path / "content"
    for year in ("2023", "2024", "2031"):
        shutil.copytree(bundled_packs()[0], content / year)
    (content / "2040").mkdir()  # not a pack: no pack.yaml
    monkeypatch.setattr("kiosk.paths.content_dir", lambda: content)
    assert default_pack() == content / "2031"


@pytest.mark.parametrize("command", ["validate", "render", "new", "run"])
def test_bundled_packs_by_name_from_any_folder(
    command: str, tmp_path: Path, bundled_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    words = {
        "validate": ["validate", "2023", "2024"],
        "render": ["render", "2024", "--out", str(tmp_path / "out"), "--size", "320x180"],
        "new": ["new", str(tmp_path / "next"), "--from", "2024"],
        "run": ["run", "2024", "--windowed", "320x180"],
    }[command]
    if command == "run":
        result = subprocess.run(
            [sys.executable, str(FIRST_PAINT_PROBE), *words],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        assert result.returncode == 0, result.stderr
        assert "playing 'World Day against Trafficking in Persons 2024'" in result.stderr
        return
    result = kiosk(*words, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    if command == "new":
        assert load_pack(tmp_path / "next").year == 2025
    if command == "render":
        # A picture per page of every slide (a slide too full for the screen pages).
        numbers = {path.name[:2] for path in (tmp_path / "out").glob("*.png")}
        count = len(load_pack(bundled_content / "2024").slides)
        assert numbers == {f"{n:02d}" for n in range(1, count + 1)}


def test_a_folder_of_that_name_wins_over_a_bundled_pack(
    tmp_path: Path, pack_copy: Callable[[str], Path]
) -> None:
    pack_copy("2023").rename(tmp_path / "2024")  # a folder named 2024 holding 2023
    result = kiosk("validate", "2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2024: OK" in result.stdout
    assert load_pack(pack_folder("2024")).year == 2024  # elsewhere: the bundled one
    assert pack_folder(str(tmp_path / "2024")) == tmp_path / "2024"


@pytest.mark.parametrize(
    "words",
    [
        ["validate", "no-such-pack"],
        ["run", "no-such-pack"],
        ["render", "no-such-pack", "--out", "out"],
        ["new", "next", "--from", "no-such-pack"],
        ["install-autostart", "no-such-pack", "--dry-run"],
    ],
    ids=lambda words: words[0],
)
def test_a_missing_folder_says_so(words: list[str], tmp_path: Path) -> None:
    result = kiosk(*words, cwd=tmp_path)
    assert result.returncode == 2
    assert "kiosk: no such folder: no-such-pack" in result.stderr
    assert "error" not in result.stderr.replace("no-such", "")  # not "has errors"
    assert "2023, 2024" in result.stderr  # what can be named instead
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_goes_to_the_log_with_its_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))

    def broken(args: object) -> int:
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr("kiosk.cli._schema", broken)
    assert main(["schema"]) == 3
    err = capsys.readouterr().err
    assert "kiosk: unexpected error: RuntimeError: something nobody expected" in err
    assert "Traceback" not in err  # not on the terminal, unless asked
    assert "--debug" in err
    log = (tmp_path / "state" / "awareness-kiosk" / "log" / "kiosk.log").read_text()
    assert "ERROR kiosk: unexpected error in 'kiosk schema'" in log
    assert "Traceback (most recent call last)" in log
    assert 'raise RuntimeError("something nobody expected")' in log
    # With --debug, the terminal gets the traceback too (and the log again).
    assert main(["schema", "--debug"]) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert 'raise RuntimeError("something nobody expected")' in err
    log = (tmp_path / "state" / "awareness-kiosk" / "log" / "kiosk.log").read_text()
    assert log.count("Traceback (most recent call last)") == 2


def test_debug_is_taken_by_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("run", "validate", "status", "set-pin", "install-autostart"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "--debug" in capsys.readouterr().out


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

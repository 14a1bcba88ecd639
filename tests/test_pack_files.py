"""Whatever the file system holds in a pack folder, the commands answer with a problem.

Names too long for the file system, a NUL in a path, links in a loop, folders and
files the kiosk's user may not read, named pipes: each is a line of the form
``file:line:column: error: ...`` and exit status 1 from ``validate``, ``render``,
``run`` and ``new``, never "unexpected error" (exit 3).

Permissions mean nothing to root, and CI runs as root: the commands run in a
subprocess that drops to the ``nobody`` user when the tests run as root.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pictures import raster

from kiosk.cli import main
from kiosk.pack.load import check_pack, load_pack
from kiosk.packfiles import PackFileError, Why, copy_folder, fingerprint, kind_of, read_file

NOBODY = 65534
AS_ROOT = os.geteuid() == 0

PACK = """\
title: Test pack
year: 2023
date: 2023-07-30
languages: [en]
default_language: en
slides:
  - type: title
    day: World Day
    date: 30 July 2023
    theme: Leave no one behind
    logo: {logo}
"""
LOGO_LINE = 11


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the ``nobody`` user can reach (pytest's own is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-files-"))
    folder.chmod(0o755)
    yield folder
    for root, dirs, _ in os.walk(folder):  # give back what a test took away
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(folder)


def kiosk_as_user(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the real command, as ``nobody`` when the tests run as root."""
    drop = (
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if AS_ROOT else []
    )
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    return subprocess.run(
        [*drop, sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=home,
    )


def make_pack(folder: Path, logo: str) -> Path:
    (folder / "images").mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK.format(logo=logo), "utf-8")
    (folder / "images" / "logo.png").write_bytes(raster(".png"))
    return folder


def long_integer(folder: Path) -> Path:
    pack = make_pack(folder, "images/logo.png")
    text = (pack / "pack.yaml").read_text()
    (pack / "pack.yaml").write_text(text.replace("year: 2023", "year: " + "1" * 5001))
    return pack


def nul_in_path(folder: Path) -> Path:
    return make_pack(folder, '"images/lo\\0go.png"')


def path_too_long(folder: Path) -> Path:
    return make_pack(folder, "images/" + "a" * 300 + ".png")


def link_loop(folder: Path) -> Path:
    pack = make_pack(folder, "images/a.png")
    os.symlink("b.png", pack / "images" / "a.png")
    os.symlink("a.png", pack / "images" / "b.png")
    return pack


def unreadable_folder(folder: Path) -> Path:
    pack = make_pack(folder, "images/logo.png")
    (pack / "images").chmod(0)
    return pack


def unreadable_file(folder: Path) -> Path:
    pack = make_pack(folder, "images/logo.png")
    (pack / "images" / "logo.png").chmod(0)
    return pack


def named_pipe(folder: Path) -> Path:
    pack = make_pack(folder, "images/pipe.png")
    os.mkfifo(pack / "images" / "pipe.png")
    return pack


CASES: dict[str, tuple[Callable[[Path], Path], int, str]] = {
    "long integer": (long_integer, 2, "this number has 5,001 digits, too many to read"),
    "NUL in a path": (nul_in_path, LOGO_LINE, "\\x00 (NUL)"),
    "path too long": (path_too_long, LOGO_LINE, "the name is too long for the file system"),
    "link loop": (link_loop, LOGO_LINE, "a loop of links"),
    "unreadable folder": (unreadable_folder, LOGO_LINE, "permission denied"),
    "unreadable file": (unreadable_file, LOGO_LINE, "permission denied"),
    "named pipe": (named_pipe, LOGO_LINE, "is a named pipe (FIFO), not an image file"),
}


def command_for(name: str, pack: Path, home: Path) -> list[str]:
    return {
        "validate": ["validate", str(pack)],
        "render": ["render", str(pack), "--out", str(home / "proofs")],
        "run": ["run", str(pack), "--windowed", "640x360"],
        "new": ["new", str(home / "next"), "--from", str(pack)],
    }[name]


@pytest.mark.slow
@pytest.mark.parametrize("command", ["validate", "render", "run", "new"])
@pytest.mark.parametrize("case", list(CASES))
def test_odd_files_are_problems_with_a_line_not_unexpected_errors(
    case: str, command: str, shared_tmp: Path
) -> None:
    make, line, expected = CASES[case]
    pack = make(shared_tmp / "pack")
    home = shared_tmp / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    result = kiosk_as_user(*command_for(command, pack, home), home=home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{pack / 'pack.yaml'}:{line}:" in output, output
    assert expected in output, output
    assert "unexpected error" not in output
    assert "Traceback" not in output
    assert not (home / "next").exists()  # new made nothing from a broken pack


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["unreadable", "named pipe", "folder"])
def test_a_pack_yaml_that_cannot_be_read_is_a_problem(kind: str, shared_tmp: Path) -> None:
    pack = make_pack(shared_tmp / "pack", "images/logo.png")
    pack_file = pack / "pack.yaml"
    if kind == "unreadable":
        pack_file.chmod(0)
    else:
        pack_file.unlink()
        os.mkfifo(pack_file) if kind == "named pipe" else pack_file.mkdir()
    home = shared_tmp / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    result = kiosk_as_user("validate", str(pack), home=home)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    expected = {
        "unreadable": "cannot read it: permission denied",
        "named pipe": "pack.yaml is a named pipe (FIFO), not a file",
        "folder": "pack.yaml is a folder, not a file",
    }[kind]
    assert f"{pack_file}: error: {expected}" in output
    assert "unexpected error" not in output


def test_a_folder_that_is_a_named_pipe_is_not_called_a_folder(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (problem,) = check_pack(tmp_path / "pipe").problems
    assert "this is a named pipe (FIFO), not a folder" in problem.message


def test_an_empty_logo_path_is_empty_not_a_folder(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", '""')
    (error,) = check_pack(pack).errors
    assert error.line == LOGO_LINE
    assert error.message.startswith("the path is empty")
    assert "is a folder" not in error.message


def test_a_pack_yaml_linked_from_outside_is_refused_and_never_shown(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: hunter2-very-secret\n")
    pack = tmp_path / "pack"
    pack.mkdir()
    os.symlink(secret, pack / "pack.yaml")
    for given in (pack, pack / "pack.yaml"):
        report = check_pack(given)
        (error,) = report.errors
        assert "pack.yaml is a link to a file outside the pack folder" in error.message
        assert "hunter2" not in str(error)


def test_a_pack_yaml_linked_inside_the_pack_is_fine(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "images/logo.png")
    (pack / "pack.yaml").rename(pack / "this-year.yaml")
    os.symlink("this-year.yaml", pack / "pack.yaml")
    assert load_pack(pack).year == 2023


def test_a_pack_yaml_linked_to_a_subfolder_of_the_pack_is_fine(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "images/logo.png")
    (pack / "years").mkdir()
    (pack / "pack.yaml").rename(pack / "years" / "2023.yaml")
    os.symlink("years/2023.yaml", pack / "pack.yaml")
    assert load_pack(pack).year == 2023


def test_a_pack_folder_reached_through_a_link_is_fine(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack-2023", "images/logo.png")
    os.symlink(pack, tmp_path / "current")
    assert load_pack(tmp_path / "current").year == 2023


# -- the layer itself ---------------------------------------------------------------------


def test_the_layer_turns_each_system_error_into_a_reason(tmp_path: Path) -> None:
    os.symlink("loop", tmp_path / "loop")
    cases = {
        tmp_path / "a\0b": "NUL character",
        tmp_path / ("x" * 300): "too long for the file system",
        tmp_path / "loop": "loop of links",
    }
    for path, reason in cases.items():
        with pytest.raises(PackFileError, match=reason):
            read_file(path, 100)
    assert kind_of(tmp_path / "missing") == "missing"
    with pytest.raises(PackFileError, match="does not exist") as caught:
        read_file(tmp_path / "missing", 100)
    assert caught.value.why is Why.MISSING


def test_reading_a_named_pipe_never_waits_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(PackFileError, match="named pipe") as caught:
        read_file(tmp_path / "pipe", 100)
    assert caught.value.why is Why.NOT_A_FILE


def test_reading_stops_at_the_limit(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 101)
    with pytest.raises(PackFileError, match="is 101 bytes; at most 100"):
        read_file(tmp_path / "big", 100)
    assert read_file(tmp_path / "big", 101) == b"x" * 101


def test_the_fingerprint_never_raises_and_notices_a_mended_folder(tmp_path: Path) -> None:
    assert fingerprint(tmp_path / "a\0b")[1][0][1] == -1
    pack = make_pack(tmp_path / "pack", "images/logo.png")
    os.symlink("loop", pack / "images" / "loop")
    with_loop = fingerprint(pack)
    assert ("images/loop", -1, errno.ELOOP) in with_loop[1]  # recorded, not raised
    (pack / "images" / "loop").unlink()
    assert fingerprint(pack) != with_loop


@pytest.mark.slow
def test_the_fingerprint_notices_an_unreadable_folder_becoming_readable(shared_tmp: Path) -> None:
    pack = make_pack(shared_tmp / "pack", "images/logo.png")
    probe = (
        "from kiosk.packfiles import fingerprint; import sys; "
        "print(repr(fingerprint(__import__('pathlib').Path(sys.argv[1]))))"
    )
    drop = (
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if AS_ROOT else []
    )

    def look() -> str:
        return subprocess.run(
            [*drop, sys.executable, "-c", probe, str(pack)],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout

    readable = look()
    (pack / "images").chmod(0)
    unreadable = look()
    assert f"'images', -1, {errno.EACCES}" in unreadable  # recorded rather than skipped
    (pack / "images").chmod(0o755)
    assert look() == readable != unreadable


def test_new_copies_what_is_in_the_pack_and_names_what_it_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = make_pack(tmp_path / "pack", "images/logo.png")
    (tmp_path / "elsewhere.txt").write_text("not part of the pack")
    os.symlink(tmp_path / "elsewhere.txt", pack / "notes.txt")
    os.mkfifo(pack / "images" / "pipe")
    (pack / "images" / "extra.txt").write_text("kept")
    assert main(["new", str(tmp_path / "next"), "--from", str(pack)]) == 0
    err = capsys.readouterr().err
    assert "not copied: notes.txt (a link to something outside the pack folder)" in err
    assert "not copied: images/pipe (a named pipe (FIFO))" in err
    assert (tmp_path / "next" / "images" / "extra.txt").read_text() == "kept"
    assert not (tmp_path / "next" / "notes.txt").exists()
    assert load_pack(tmp_path / "next").year == 2024


@pytest.mark.slow
def test_a_copy_that_fails_leaves_nothing_behind(shared_tmp: Path) -> None:
    pack = make_pack(shared_tmp / "pack", "images/logo.png")
    (pack / "images" / "secret").mkdir()
    (pack / "images" / "secret").chmod(0)
    home = shared_tmp / "home"
    home.mkdir(mode=0o777)
    home.chmod(0o777)
    result = kiosk_as_user("new", str(home / "next"), "--from", str(pack), home=home)
    assert result.returncode == 1, result.stderr
    assert f"{pack / 'images' / 'secret'}: cannot copy the pack" in result.stderr
    assert "permission denied" in result.stderr
    assert os.listdir(home) == []  # no half-made pack, no staging folder


def test_a_new_pack_inside_the_one_it_copies_does_not_copy_itself(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = make_pack(tmp_path / "pack", "images/logo.png")
    assert main(["new", str(pack / "next"), "--from", str(pack)]) == 0
    assert sorted(os.listdir(pack / "next")) == ["images", "pack.yaml"]
    assert sorted(p.name for p in pack.iterdir()) == ["images", "next", "pack.yaml"]


def test_copy_folder_refuses_a_target_that_cannot_be_made(tmp_path: Path) -> None:
    pack = make_pack(tmp_path / "pack", "images/logo.png")
    (tmp_path / "file").write_text("")
    with pytest.raises(PackFileError):
        copy_folder(pack, tmp_path / "file" / "next")

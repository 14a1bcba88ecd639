"""install.sh, the README's first command: as root with no sudo (a fresh Debian), and as
a user through sudo. Run with stand-ins for apt-get, sudo, id and python3 that write
down how they were called, on a PATH holding nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
SCRIPT = ROOT / "install.sh"

# Each stand-in appends one line to $CALLS: its name and its arguments.
RECORD = '#!/bin/sh\necho "{name} $*" >> "$CALLS"\n'
# python3 -m venv DIR: a DIR/bin with a pip and a kiosk that record their calls too.
PYTHON = """#!/bin/sh
echo "python3 $*" >> "$CALLS"
if [ "$1 $2" = "-m venv" ]; then
    mkdir -p "$3/bin"
    for tool in pip kiosk; do
        printf '#!/bin/sh\\necho "%s $*" >> "$CALLS"\\n' "$3/bin/$tool" > "$3/bin/$tool"
        chmod +x "$3/bin/$tool"
    done
fi
"""
# sudo runs what it is given, as sudo does once the password is typed.
SUDO = '#!/bin/sh\necho "sudo $*" >> "$CALLS"\nexec "$@"\n'


def install(tmp_path: Path, *args: str, uid: int, sudo: bool) -> tuple[int, list[str], str]:
    """Run a copy of install.sh in a folder of its own; its exit code, the commands
    it ran (in order) and its stderr."""
    folder = tmp_path / "checkout"
    folder.mkdir()
    shutil.copy(SCRIPT, folder / "install.sh")
    tools = tmp_path / "bin"
    tools.mkdir()
    for name, text in {
        "apt-get": RECORD.format(name="apt-get"),
        "id": f'#!/bin/sh\necho "{uid}"\n',
        "python3": PYTHON,
        **({"sudo": SUDO} if sudo else {}),
    }.items():
        (tools / name).write_text(text)
        (tools / name).chmod(0o755)
    for real in ("sh", "env", "dirname", "mkdir", "chmod", "sed"):
        found = shutil.which(real)
        assert found is not None
        (tools / real).symlink_to(found)
    calls = tmp_path / "calls"
    calls.touch()
    result = subprocess.run(
        ["sh", "checkout/install.sh", *args],
        cwd=tmp_path,  # from another folder: the script finds its own
        env={"PATH": str(tools), "CALLS": str(calls), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        executable=str(tools / "sh"),
    )
    lines = [line.replace(str(folder) + "/", "") for line in calls.read_text().splitlines()]
    return result.returncode, lines, result.stderr


APT = "env DEBIAN_FRONTEND=noninteractive apt-get"


def test_as_root_it_installs_without_sudo(tmp_path: Path) -> None:
    code, calls, stderr = install(tmp_path, uid=0, sudo=False)
    assert code == 0, stderr
    assert [call.split()[0] for call in calls] == [
        "apt-get",
        "apt-get",
        "python3",
        ".venv/bin/pip",
        ".venv/bin/kiosk",
    ]
    assert calls[0] == "apt-get update -q"
    assert calls[1].startswith("apt-get install -y -q --no-install-recommends python3-venv ")
    assert "libxcb-cursor0" in calls[1].split()
    assert calls[2:] == ["python3 -m venv .venv", ".venv/bin/pip install .", ".venv/bin/kiosk "]


def test_as_a_user_it_asks_sudo_for_the_packages_only(tmp_path: Path) -> None:
    code, calls, stderr = install(tmp_path, "run", "2023", uid=1000, sudo=True)
    assert code == 0, stderr
    assert calls[0] == f"sudo {APT} update -q"
    assert calls[2].startswith(f"sudo {APT} install -y -q")
    # The environment and the kiosk are the user's own, not root's.
    assert calls[4:] == [
        "python3 -m venv .venv",
        ".venv/bin/pip install .",
        ".venv/bin/kiosk run 2023",
    ]


def test_as_a_user_without_sudo_it_says_what_to_do(tmp_path: Path) -> None:
    code, calls, stderr = install(tmp_path, uid=1000, sudo=False)
    assert code == 1
    assert calls == []
    assert "run it as root, or install sudo first" in stderr


def test_a_dry_run_runs_nothing_and_says_everything(tmp_path: Path) -> None:
    code, calls, stderr = install(tmp_path, "--dry-run", uid=1000, sudo=True)
    assert code == 0, stderr
    assert calls == []
    assert not (tmp_path / "checkout" / ".venv").exists()


@pytest.mark.parametrize(("option", "last"), [("--no-start", "pip"), ("--packages-only", "apt")])
def test_it_can_stop_early(tmp_path: Path, option: str, last: str) -> None:
    code, calls, stderr = install(tmp_path, option, uid=0, sudo=False)
    assert code == 0, stderr
    assert last in calls[-1]
    assert not any("kiosk" in call for call in calls)


def test_the_readme_and_ci_use_it() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    first = readme[readme.index("```sh") + len("```sh") :].split("```")[0].strip()
    assert first == "sh install.sh"
    assert "sudo" not in first
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "install.sh --packages-only" in ci
    assert os.access(SCRIPT, os.X_OK)

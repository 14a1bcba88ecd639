"""A normal install carries the bundled packs and assets, and works from any folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    (built,) = out.glob("awareness_kiosk-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_packs_assets_and_command(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in ("2023", "2024", "2025"):
        assert f"kiosk/_bundled/content/{pack}/pack.yaml" in names
        assert f"kiosk/_bundled/content/{pack}/images/logo.png" in names
    assert "kiosk/_bundled/assets/fonts/DejaVuSans.ttf" in names
    # The kiosk's own words, compiled by the build (git ignores the .mo files).
    assert "kiosk/locale/es/LC_MESSAGES/kiosk.mo" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kiosk = kiosk.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_installed_package_validates_its_packs_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import kiosk.paths as p; print(p.__file__); print(p.default_pack());"
            "from kiosk.translation import translator as t;"
            "print(t('es').pgettext('touch controls', 'Previous slide').replace(' ', '_'))",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    module_file, default_pack, spanish = probe.stdout.split()
    assert spanish == "Diapositiva_anterior"
    assert module_file.startswith(str(site))  # the installed copy, not this checkout
    newest = max(p.name for p in (site / "kiosk" / "_bundled" / "content").iterdir())
    assert newest == "2025"
    assert default_pack == str(site / "kiosk" / "_bundled" / "content" / newest)
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", "2023", "2024", "2025"],  # by name
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("OK (0 errors, 0 warnings)") == 3


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text("utf-8")
    assert commands[0] == "sh install.sh"  # the first command: install and start


def test_ci_also_tests_the_lowest_pyside6_allowed(tmp_path: Path) -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert "lowest=$(.venv/bin/python .ci/lowest_pyside6.py)" in ci
    assert '"PySide6-Essentials==$lowest"' in ci
    lowest = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "lowest_pyside6.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert f'"PySide6-Essentials>={lowest}' in pyproject
    # Below 6.11.3 the kiosk crashed, drew damaged PDFs or crashed in the garbage
    # collector (pyproject.toml says which version did what).
    assert tuple(int(part) for part in lowest.split(".")) >= (6, 11, 3)

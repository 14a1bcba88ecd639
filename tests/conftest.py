"""Shared test set-up: offscreen Qt by default, bundled packs, pack folders in tmp_path."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Tests never need a display; a test that needs a real X server starts Xvfb itself.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

from kiosk.paths import content_dir

DATA = Path(__file__).parent / "data"

# Property tests: few examples, always the same ones, by default (CI, a loaded
# machine); ``--hypothesis-profile long`` hunts with many fresh ones.
_PATIENT = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", max_examples=40, derandomize=True, print_blob=True, **_PATIENT)
settings.register_profile("long", max_examples=5_000, **_PATIENT)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def bundled_content() -> Path:
    return content_dir()


@pytest.fixture
def pack_copy(tmp_path: Path) -> Callable[[str], Path]:
    """Copy a bundled pack into tmp_path, so a test may edit it."""

    def copy(name: str = "2023") -> Path:
        target = tmp_path / f"pack-{name}"
        shutil.copytree(content_dir() / name, target)
        return target

    return copy


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack.yaml (dedented) into a fresh folder under tmp_path."""
    counter = iter(range(1_000_000))

    def write(text: str | bytes, images: dict[str, bytes] | None = None) -> Path:
        folder = tmp_path / f"pack{next(counter)}"
        (folder / "images").mkdir(parents=True)
        data = text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode()
        (folder / "pack.yaml").write_bytes(data)
        for name, content in (images or {}).items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(content)
        return folder

    return write


@pytest.fixture(autouse=True)
def private_machine_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test, and every kiosk it starts, gets its own settings and state folders:
    nothing reads or writes the account's own, and a kiosk running elsewhere on the
    machine (one kiosk per state folder) cannot turn a test away."""
    home = tmp_path_factory.mktemp("home")
    for variable, name in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / name))

"""A real kiosk started in-process (``start_kiosk``), with its state folder in tmp_path
and short reload timings, for the tests of what a running kiosk does over time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from launching import launch
from pytestqt.qtbot import QtBot

from kiosk.pack.load import load_pack
from kiosk.status import read_status
from kiosk.ui.app import RunningKiosk, start_kiosk

SETTLE_MS = 400
POLL_MS = 300
# The README promises a change within 10 s of the files settling.
WITHIN_MS = 10_000

StartKiosk = Callable[..., RunningKiosk]


@pytest.fixture
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.fixture
def start(qtbot: QtBot, state_home: Path) -> Iterator[StartKiosk]:
    """``start(folder, **run options and Launch fields)``: the kiosk, once its background
    duties run."""
    running: list[RunningKiosk] = []

    def start_for(folder: Path, **settings: Any) -> RunningKiosk:
        defaults: dict[str, Any] = {
            "windowed": (1280, 720),
            "slide_seconds": 2.0,
            "settle_ms": SETTLE_MS,
            "poll_ms": POLL_MS,
        }
        kiosk = start_kiosk(launch(load_pack(folder), **{**defaults, **settings}))
        qtbot.addWidget(kiosk.window)
        running.append(kiosk)
        qtbot.waitUntil(lambda: kiosk.background.reporter is not None)
        return kiosk

    yield start_for
    for kiosk in running:
        kiosk.stop()


def status_says(**expected: object) -> Callable[[], bool]:
    """Whether the status file holds these values (for qtbot.waitUntil)."""

    def check() -> bool:
        status = read_status()
        return status is not None and all(status.get(k) == v for k, v in expected.items())

    return check


def edit(pack_file: Path, old: str, new: str) -> None:
    text = pack_file.read_text("utf-8")
    assert old in text
    pack_file.write_text(text.replace(old, new, 1), "utf-8")

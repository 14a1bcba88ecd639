"""Hot reload in a running kiosk: edits appear, broken packs never replace good ones,
symlink flips swap years, and a folder copied slowly is never loaded half-way."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.pack import load_pack
from kiosk.status import read_status
from kiosk.ui.app import RunningKiosk, RunOptions, start_kiosk
from kiosk.ui.reload import PackWatcher

SETTLE_MS = 400
POLL_MS = 300
# The README promises a change within 10 s of the files settling.
WITHIN_MS = 10_000

StartKiosk = Callable[[Path], RunningKiosk]


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


@pytest.fixture
def start(qtbot: QtBot) -> Iterator[StartKiosk]:
    running: list[RunningKiosk] = []

    def start_for(folder: Path) -> RunningKiosk:
        options = RunOptions(pack=load_pack(folder), windowed=(1280, 720), slide_seconds=2.0,
                             settle_ms=SETTLE_MS, poll_ms=POLL_MS)
        kiosk = start_kiosk(options)
        qtbot.addWidget(kiosk.window)
        running.append(kiosk)
        qtbot.waitUntil(lambda: kiosk.background.watcher is not None)
        return kiosk

    yield start_for
    for kiosk in running:
        kiosk.stop()


def texts_on_screen(kiosk: RunningKiosk) -> list[str]:
    view = kiosk.window.live_view
    return [] if view is None else [label.text() for label in view.findChildren(QLabel)]


def edit(pack_file: Path, old: str, new: str) -> None:
    text = pack_file.read_text("utf-8")
    assert old in text
    pack_file.write_text(text.replace(old, new, 1), "utf-8")


def test_an_edited_title_appears_on_screen(start: StartKiosk,
                                           pack_copy: Callable[[str], Path],
                                           qtbot: QtBot, state_home: Path) -> None:
    folder = pack_copy("2023")
    kiosk = start(folder)
    edit(folder / "pack.yaml", "Reach every victim of trafficking",
         "Reach every single victim of trafficking")
    qtbot.waitUntil(lambda: kiosk.player.pack.slides[0] is not None
                    and "single" in kiosk.player.pack.text(
                        kiosk.player.pack.slides[0].theme, "en"),  # type: ignore[attr-defined]
                    timeout=WITHIN_MS)
    kiosk.player.first()
    qtbot.waitUntil(lambda: any("Reach every single victim" in t for t in texts_on_screen(kiosk)),
                    timeout=WITHIN_MS)
    status = read_status()
    assert status is not None
    assert status["last_reload_ok"] is True


def test_a_broken_pack_leaves_the_last_good_one(start: StartKiosk,
                                                pack_copy: Callable[[str], Path],
                                                qtbot: QtBot,
                                                caplog: pytest.LogCaptureFixture) -> None:
    folder = pack_copy("2023")
    kiosk = start(folder)
    good = kiosk.player.pack
    assert kiosk.background.watcher is not None
    with qtbot.waitSignal(kiosk.background.watcher.pack_failed, timeout=WITHIN_MS), \
            caplog.at_level(logging.ERROR):
        edit(folder / "pack.yaml", "year: 2023", "year: 2023\nyear: 2024")
    assert kiosk.player.pack is good
    assert kiosk.player.pending_pack is None
    qtbot.wait(4500)  # two slide boundaries pass: still the good pack, still drawing
    assert kiosk.player.pack is good
    assert kiosk.window.live_view is not None or kiosk.window.transition.is_running
    assert f"{folder / 'pack.yaml'}:" in caplog.text
    assert "duplicate key 'year'" in caplog.text
    status = read_status()
    assert status is not None
    assert status["last_reload_ok"] is False
    assert "duplicate key 'year'" in status["last_reload_problems"][0]


def test_flipping_a_symlink_swaps_the_year(start: StartKiosk, tmp_path: Path,
                                           bundled_content: Path, qtbot: QtBot) -> None:
    for year in ("2023", "2024"):
        shutil.copytree(bundled_content / year, tmp_path / year)
    current = tmp_path / "current"
    current.symlink_to(tmp_path / "2023")
    kiosk = start(current)
    assert kiosk.player.pack.year == 2023
    # Replace the link atomically, as `ln -sfn 2024 current` does.
    (tmp_path / "next").symlink_to(tmp_path / "2024")
    os.replace(tmp_path / "next", current)
    qtbot.waitUntil(lambda: kiosk.player.pack.year == 2024, timeout=WITHIN_MS)
    background = kiosk.window.palette().color(QPalette.ColorRole.Window)
    assert background.name() == load_pack(tmp_path / "2024").theme.background


def test_a_slow_copy_is_never_loaded_half_way(qtbot: QtBot, tmp_path: Path,
                                              bundled_content: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(bundled_content / "2023", folder)
    watcher = PackWatcher(folder, settle_ms=SETTLE_MS, poll_ms=POLL_MS)
    loaded, failed = [], []
    watcher.pack_loaded.connect(loaded.append)
    watcher.pack_failed.connect(failed.append)
    watcher.start()
    try:
        # A copy of the 2024 pack arriving piece by piece, each piece sooner than
        # the settle time: the pack file in chunks, then the image last.
        source = (bundled_content / "2024" / "pack.yaml").read_bytes()
        shutil.rmtree(folder / "images")
        chunk = len(source) // 5 + 1
        with (folder / "pack.yaml").open("wb") as stream:
            for start in range(0, len(source), chunk):
                stream.write(source[start:start + chunk])
                stream.flush()
                qtbot.wait(SETTLE_MS // 2)
        (folder / "images").mkdir()
        qtbot.wait(SETTLE_MS // 2)
        shutil.copy(bundled_content / "2024" / "images" / "logo.svg", folder / "images")
        qtbot.waitUntil(lambda: bool(loaded), timeout=WITHIN_MS)
        qtbot.wait(SETTLE_MS * 2)  # nothing more arrives
    finally:
        watcher.stop()
    assert failed == []  # not even an attempt on a half pack
    assert [pack.year for pack in loaded] == [2024]
    assert len(loaded[0].slides) == len(load_pack(bundled_content / "2024").slides)


def test_the_watcher_leaves_an_unchanged_pack_alone(qtbot: QtBot, pack_copy: Callable[[str], Path]
                                                    ) -> None:
    watcher = PackWatcher(pack_copy("2024"), settle_ms=SETTLE_MS, poll_ms=POLL_MS)
    with qtbot.assertNotEmitted(watcher.pack_loaded, wait=3 * POLL_MS):
        watcher.start()
    watcher.stop()

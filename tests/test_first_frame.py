"""The remembered first frame: kept per pack and look, shown only when it still fits."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from kiosk_process import FIRST_PAINT_MARK, FIRST_PAINT_PROBE
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.frame_key import frame_key
from kiosk.options import Mode, RunOptions
from kiosk.pack.load import load_pack
from kiosk.pack_ahead import spare_cores
from kiosk.ui.app import Launch, start_kiosk
from kiosk.ui.first_frame import (
    FirstFrameCache,
    FirstFrameCover,
    FirstFrameKeeper,
    show_cover,
)


def picture(width: int = 320, height: int = 180) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#0a1a2f"))
    painter = QPainter(image)
    painter.fillRect(20, 30, 100, 40, QColor("#5cb0ff"))
    painter.end()
    return image


def test_key_follows_the_pack_files_and_the_look(pack_copy: Callable[[str], Path]) -> None:
    folder = pack_copy("2023")
    look = RunOptions(language="en", mode=Mode.EVENT)
    key = frame_key(folder, look)
    assert frame_key(folder, RunOptions(language="en", mode=Mode.EVENT)) == key
    assert frame_key(folder, replace(look, language="es")) != key
    # Options that do not change the first frame are not part of it.
    assert frame_key(folder, replace(look, idle_seconds=30, lock=True)) == key
    (folder / "pack.yaml").write_text((folder / "pack.yaml").read_text("utf-8") + "\n", "utf-8")
    assert frame_key(folder, look) != key


def test_cache_round_trip(tmp_path: Path) -> None:
    cache = FirstFrameCache(tmp_path)
    assert cache.load("k") is None
    cache.store("k", picture())
    cache.wait()
    loaded = cache.load("k")
    assert loaded is not None
    assert loaded.size() == QSize(320, 180)
    assert loaded.pixelColor(50, 50) == QColor("#5cb0ff")
    assert loaded.pixelColor(5, 5) == QColor("#0a1a2f")
    assert cache.load("other") is None


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    cache = FirstFrameCache(tmp_path)
    cache.store("k", picture())
    cache.wait()
    raw = tmp_path / "frame.raw"
    raw.write_bytes(raw.read_bytes()[:-10])  # torn
    assert cache.load("k") is None
    (tmp_path / "frame.json").write_text("not json")
    assert cache.load("k") is None


def test_storing_removes_partial_writes_that_were_cut_short(tmp_path: Path) -> None:
    cache = FirstFrameCache(tmp_path)
    cut_short = tmp_path / ".frame.raw.abc123.tmp"  # as a power cut mid-write leaves it
    cut_short.write_bytes(b"\0" * 1024)
    hour_ago = time.time() - 3600
    os.utime(cut_short, (hour_ago, hour_ago))
    being_written = tmp_path / ".frame.raw.def456.tmp"  # another kiosk writing right now
    being_written.write_bytes(b"\0" * 1024)
    cache.store("k", picture())
    cache.wait()
    assert not cut_short.exists()
    assert being_written.exists()
    assert cache.load("k") is not None


def test_cover_shows_only_a_frame_of_the_right_size(qtbot: QtBot, tmp_path: Path) -> None:
    cache = FirstFrameCache(tmp_path)
    cache.store("k", picture())
    cache.wait()
    assert show_cover("k", screen_index=None, windowed=(640, 360), cache=cache) is None
    cover = show_cover("k", screen_index=None, windowed=(320, 180), cache=cache)
    assert cover is not None
    qtbot.addWidget(cover)
    with qtbot.waitSignal(cover.painted, timeout=2000):
        pass
    shown = cover.grab().toImage()
    assert shown.pixelColor(50, 50) == QColor("#5cb0ff")
    assert shown.pixelColor(300, 170) == QColor("#0a1a2f")


def test_cover_needs_the_exact_screen_size(qtbot: QtBot) -> None:
    cover = FirstFrameCover(picture(17, 13))
    qtbot.addWidget(cover)
    assert cover.logical_size() == QSize(17, 13)
    screen = cover.screen()
    assert not cover.present(screen, None)  # no screen is 17×13
    assert cover.isHidden()


def run_until_first_paint(folder: Path, state: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_STATE_HOME": str(state), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(FIRST_PAINT_PROBE), "run", str(folder), "--windowed", "640x360"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_a_restart_paints_the_remembered_frame_before_building_the_window(
    pack_copy: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = pack_copy("2023")
    state = tmp_path / "state"
    first = run_until_first_paint(folder, state)
    assert first.returncode == 0, first.stderr
    assert FIRST_PAINT_MARK in first.stdout
    assert "playing" in first.stderr  # no frame was remembered: the real window came first
    cache = FirstFrameCache(state / "awareness-kiosk" / "first-frame")
    key = cache.stored_key()
    assert key is not None
    frame = cache.load(key)
    assert frame is not None
    assert frame.size() == QSize(640, 360)
    # The kiosk quit right after its first frame: the write still finished.
    assert not list(cache.folder.glob(".*.tmp"))
    assert len({frame.pixel(x, y) for x in range(0, 640, 16) for y in range(0, 360, 16)}) > 3

    again = run_until_first_paint(folder, state)
    assert again.returncode == 0, again.stderr
    assert FIRST_PAINT_MARK in again.stdout
    assert "playing" not in again.stderr  # painted before the pack was even loaded

    # An edited pack is a different first frame: no cover, the real window again.
    pack_file = folder / "pack.yaml"
    pack_file.write_text(
        pack_file.read_text("utf-8").replace("Reach every victim", "Reach each victim"), "utf-8"
    )
    edited = run_until_first_paint(folder, state)
    assert edited.returncode == 0, edited.stderr
    assert "playing" in edited.stderr


LOAD_ORDER_PROBE = f"""
import os, sys
if os.environ.get("PROBE_ONE_CORE"):
    os.sched_setaffinity(0, {{min(os.sched_getaffinity(0))}})
sys.path.insert(0, {str(FIRST_PAINT_PROBE.parent)!r})
import first_paint_probe
first_paint_probe.install()
import kiosk.cli as cli
load = cli._load_or_explain
def probe(folder, *args, **kwargs):
    print("pack loaded with Qt imported:", "PySide6.QtCore" in sys.modules, flush=True)
    print("checks for organisers:", kwargs.get("lint", True), flush=True)
    return load(folder, *args, **kwargs)
cli._load_or_explain = probe
import kiosk.pack_ahead as ahead
start = ahead.PackAhead.start
def started(folder):
    child = start(folder)
    print("checked in a child:", child is not None, flush=True)
    return child
ahead.PackAhead.start = started
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.slow
@pytest.mark.parametrize("cores", ["one", "all"])
def test_with_no_remembered_frame_the_pack_is_checked_before_qt_or_beside_it(
    tmp_path: Path, cores: str
) -> None:
    if cores == "all" and spare_cores() < 1:
        pytest.skip("this machine has one core")
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    if cores == "one":
        env["PROBE_ONE_CORE"] = "1"
    command = [sys.executable, "-c", LOAD_ORDER_PROBE, "run", "--windowed", "640x360"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    if cores == "one":
        # PySide6 wraps every import made after its own, which slows the loader's.
        assert "checked in a child: False" in first.stdout
        assert "pack loaded with Qt imported: False" in first.stdout
        # Nor does it wait for what only an organiser needs (the fonts' character maps).
        assert "checks for organisers: False" in first.stdout
    else:
        # A child checked it (kiosk.pack.check_worker --quick) while Qt was imported.
        assert "checked in a child: True" in first.stdout
        assert "pack loaded" not in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "pack loaded" not in again.stdout  # the remembered frame came first
    assert "checked in a child" not in again.stdout


def test_the_keeper_stores_the_real_windows_frame_and_closes_the_cover(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = QWidget()
    window.resize(320, 180)
    window.setAutoFillBackground(True)
    palette = window.palette()
    palette.setColor(window.backgroundRole(), QColor("#123456"))
    window.setPalette(palette)
    qtbot.addWidget(window)
    cover = FirstFrameCover(picture())
    qtbot.addWidget(cover)
    cover.show()
    cache = FirstFrameCache(tmp_path)
    keeper = FirstFrameKeeper(window, "key-1", cover, cache)
    keeper.on_first_frame()
    cache.wait()
    assert cover.isHidden()
    stored = cache.load("key-1")
    assert stored is not None
    assert stored.pixelColor(10, 10) == QColor("#123456")


def test_a_reloaded_pack_leaves_its_own_first_frame_for_the_next_start(
    qtbot: QtBot, pack_copy: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = pack_copy("2024")
    chosen = RunOptions(windowed=(640, 360), slide_seconds=1.0)
    options = Launch(
        load_pack(folder),
        chosen,
        settle_ms=300,
        poll_ms=300,
        first_frame_key=frame_key(folder, chosen),
    )
    kiosk = start_kiosk(options)
    qtbot.addWidget(kiosk.window)
    try:
        cache = FirstFrameCache()
        qtbot.waitUntil(lambda: cache.stored_key() == options.first_frame_key, timeout=5000)
        cache.wait()
        before = cache.load(options.first_frame_key)
        assert before is not None
        pack_file = folder / "pack.yaml"
        pack_file.write_text(
            pack_file.read_text("utf-8").replace(
                "Leave no child behind", "Leave no child, ever, behind"
            ),
            "utf-8",
        )
        new_key = frame_key(folder, chosen)
        assert new_key != options.first_frame_key
        qtbot.waitUntil(lambda: cache.stored_key() == new_key, timeout=15000)
        cache.wait()
        frame = cache.load(new_key)
        assert frame is not None
        assert frame.size() == QSize(640, 360)
        # The same title slide with one line changed: a few pixels differ, not most.
        changed = sum(
            frame.pixel(x, y) != before.pixel(x, y)
            for x in range(0, 640, 4)
            for y in range(0, 360, 4)
        )
        assert 0 < changed < 0.2 * (160 * 90)
    finally:
        kiosk.stop()


COLLECTOR_PROBE = """
import gc, sys
from contextlib import contextmanager
from PySide6.QtCore import QCoreApplication, QTimer
import kiosk.cli as cli
import kiosk.ui.app as app
from kiosk import collector
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info))
held_off = collector.held_off
@contextmanager
def counted():
    with held_off():
        collections.clear()  # from here on
        yield
cli.collector.held_off = counted
present = app.KioskWindow.present
def presenting(window):
    # Connected before the kiosk's own slots: the count is the one at the first frame.
    window.first_frame_painted.connect(painted)
    present(window)
def painted():
    print("collections before the first frame:", len(collections), flush=True)
    QTimer.singleShot(0, after_first_frame)  # once the kiosk's own slots have run
def after_first_frame():
    print("collector on once it is painted:", gc.isenabled(), flush=True)
    QCoreApplication.exit(0)
app.KioskWindow.present = presenting
sys.exit(cli.main(sys.argv[1:]))
"""


def test_the_collector_waits_for_the_first_frame(tmp_path: Path) -> None:
    # A start's objects live as long as the kiosk: walking them while they are made
    # frees nothing (kiosk.collector).
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-c", COLLECTOR_PROBE, "run", "--windowed", "640x360"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "collections before the first frame: 0" in done.stdout
    assert "collector on once it is painted: True" in done.stdout

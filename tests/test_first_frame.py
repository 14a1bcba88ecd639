"""The remembered first frame: kept per pack and look, shown only when it still fits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from kiosk.ui.first_frame import FirstFrameCache, FirstFrameCover, frame_key, show_cover


def picture(width: int = 320, height: int = 180) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#0a1a2f"))
    painter = QPainter(image)
    painter.fillRect(20, 30, 100, 40, QColor("#5cb0ff"))
    painter.end()
    return image


def test_key_follows_the_pack_files_and_the_look(pack_copy: Callable[[str], Path]) -> None:
    folder = pack_copy("2023")
    look = {"language": "en", "mode": "event"}
    key = frame_key(folder, look)
    assert frame_key(folder, dict(look)) == key
    assert frame_key(folder, {**look, "language": "es"}) != key
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

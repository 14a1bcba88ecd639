"""kiosk.export: slides rendered offscreen to PNG files of the requested size."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from kiosk import export
from kiosk.export import render_pack, render_slide
from kiosk.pack.load import load_pack
from kiosk.pack.model import Slide
from kiosk.paths import content_dir
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import SlideContext, SlideView


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


def test_render_pack_writes_numbered_pngs_of_the_requested_size(tmp_path: Path) -> None:
    pack = load_pack(content_dir() / "2024")
    size = QSize(800, 450)
    written = render_pack(pack, tmp_path / "out", size, None)
    # NN-kind.png, or NN-kind-1of2.png for each page of a slide shown as pages.
    shown = [path.name.removesuffix(".png").split("-")[:2] for path in written]
    assert sorted({(int(n), kind) for n, kind in shown}) == [
        (n, slide.kind) for n, slide in enumerate(pack.slides, start=1)
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [p.name for p in written]
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path
        assert image.size() == size, path
    # The default language was used: the first slide's background is the theme's.
    first = QImage(str(written[0]))
    assert first.pixelColor(2, 2) == QColor(pack.theme.background)


def test_render_pack_in_another_language_and_portrait(tmp_path: Path) -> None:
    pack = load_pack(content_dir() / "2023")
    size = QSize(540, 960)
    written = render_pack(pack, tmp_path, size, "es")
    assert len({path.name[:2] for path in written}) == len(pack.slides)
    assert QImage(str(written[0])).size() == size


def test_a_slide_that_fails_is_logged_with_its_origin_and_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    pack = load_pack(content_dir() / "2023")
    broken = next(i for i, slide in enumerate(pack.slides) if slide.kind == "timeline")
    real = export.create_slide_view

    def flaky(slide: Slide, context: SlideContext) -> SlideView:
        if slide.kind == "timeline":  # the slide, or any of its pages
            raise RuntimeError("the view fell over")
        return real(slide, context)

    monkeypatch.setattr(export, "create_slide_view", flaky)
    with caplog.at_level(logging.ERROR, logger="kiosk.export"):
        written = render_pack(pack, tmp_path, QSize(640, 360), "en")
    names = [path.name for path in written]
    assert {name[:2] for name in names} == {
        f"{n:02d}" for n in range(1, len(pack.slides) + 1) if n != broken + 1
    }
    assert not any("-timeline" in name for name in names)
    assert f"{broken + 2:02d}-{pack.slides[broken + 1].kind}.png" in names  # numbers kept
    origin = pack.slides[broken].origin
    messages = [record.getMessage() for record in caplog.records]
    assert any(f"{origin.file}:{origin.line}" in m and "fell over" in m for m in messages)
    assert not any(record.exc_info for record in caplog.records if record.levelno >= logging.ERROR)


def test_render_slide_is_exactly_the_size_asked(tmp_path: Path) -> None:
    pack = load_pack(content_dir() / "2023")
    for size in (QSize(1280, 720), QSize(333, 777)):
        image = render_slide(pack.slides[0], pack, "en", size)
        assert image.size() == size
    # Nothing was shown: rendering needs no window.
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_ensure_app_returns_the_running_application() -> None:
    assert ensure_app() is QApplication.instance()

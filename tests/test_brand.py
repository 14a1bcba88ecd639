"""The brand band on every slide but the title, and a title's background picture
under a scrim that keeps its text at 4.5:1 (measured on the drawn pixels)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QFontMetrics, QImage
from pytestqt.qtbot import QtBot

from kiosk.pack.contrast import AA_NORMAL_TEXT, contrast_ratio
from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack
from kiosk.typeset import plain
from kiosk.ui.slide_view import SlideContext, SlideView, create_slide_view
from kiosk.ui.theme import CAP_FLOOR, Tier, UiTheme

HEAD = """\
title: Brand
year: 2023
date: 2023-07-30
languages: [en]
default_language: en
{brand}slides:
  - type: title
    day: "World Day against Trafficking in Persons"
    date: "30 July 2023"
    theme: "Reach every victim"
{picture}  - type: text
    heading: "What you can do"
    paragraph: "Learn the signs, and call the hotline when something looks wrong."
"""


def pack_of(write_pack: Callable[..., Path], text: str, images: dict[str, bytes]) -> Pack:
    report = check_pack(write_pack(text, images))
    assert report.pack is not None, [str(p) for p in report.problems]
    return report.pack


def drawn(qtbot: QtBot, pack: Pack, index: int, size: QSize) -> SlideView:
    view = create_slide_view(
        pack.slides[index], SlideContext(pack, "en", UiTheme.from_pack(pack.theme))
    )
    qtbot.addWidget(view)
    view.resize(size)
    view.relayout(force=True)
    return view


def test_the_band_names_the_day_on_every_slide_but_the_title(
    write_pack: Callable[..., Path], qtbot: QtBot
) -> None:
    pack = pack_of(write_pack, HEAD.format(brand="brand: {}\n", picture=""), {})
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        title, text = drawn(qtbot, pack, 0, size), drawn(qtbot, pack, 1, size)
        assert title.brand is None
        assert text.brand is not None
        label = text.brand.label
        assert plain(label.text()) == "World Day against Trafficking in Persons · 30 July 2023"
        # Along the top, above the heading, at the secondary floor at least.
        assert text.brand.rect.top() == 0
        assert label.geometry().bottom() < text.heading_label.geometry().top()  # type: ignore[attr-defined]
        short = min(size.width(), size.height())
        assert QFontMetrics(label.font()).capHeight() >= CAP_FLOOR[Tier.SECONDARY] * short
        # On the surface colour, in the colour the theme checks against it.
        image = QImage(size, QImage.Format.Format_RGB32)
        text.render(image)
        assert image.pixelColor(2, 2) == text.theme.surface
        assert contrast_ratio(text.theme.muted.name(), text.theme.surface.name()) >= AA_NORMAL_TEXT


def test_without_a_brand_there_is_no_band(write_pack: Callable[..., Path], qtbot: QtBot) -> None:
    pack = pack_of(write_pack, HEAD.format(brand="", picture=""), {})
    assert drawn(qtbot, pack, 1, QSize(1920, 1080)).brand is None


def checkerboard(light: str, dark: str, size: tuple[int, int] = (480, 270)) -> bytes:
    """A busy picture: squares of ``light`` and ``dark``."""
    picture = Image.new("RGB", size, dark)
    for y in range(0, size[1], 30):
        for x in range(0, size[0], 30):
            if (x // 30 + y // 30) % 2 == 0:
                picture.paste(light, (x, y, x + 30, y + 30))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def ground_contrast(view: SlideView) -> float:
    """The lowest contrast of any label's colour against any pixel under it, drawn
    with the labels hidden: the text against the picture and scrim it sits on."""
    labels = [label for label in view.labels() if label.text()]
    inks = {id(label): label.palette().color(label.foregroundRole()).name() for label in labels}
    for label in labels:
        label.hide()
    image = QImage(view.size(), QImage.Format.Format_RGB32)
    view.render(image)
    worst = 21.0
    for label in labels:
        rect = QRect(label.mapTo(view, QPoint(0, 0)), label.size())
        grounds = {
            image.pixelColor(x, y).name()
            for y in range(rect.top(), rect.bottom() + 1, 4)
            for x in range(rect.left(), rect.right() + 1, 4)
        }
        worst = min(worst, *(contrast_ratio(inks[id(label)], g) for g in grounds))
    return worst


def test_a_scrim_keeps_the_title_readable_over_a_busy_picture(
    write_pack: Callable[..., Path], qtbot: QtBot
) -> None:
    picture = "    background_image: images/crowd.png\n"
    images = {"images/crowd.png": checkerboard("#ffffff", "#404040")}
    pack = pack_of(write_pack, HEAD.format(brand="", picture=picture), images)
    view = drawn(qtbot, pack, 0, QSize(1920, 1080))
    assert view.background is not None  # type: ignore[attr-defined]
    assert 0 < view.scrim_opacity < 1  # type: ignore[attr-defined]
    # The picture shows through...
    image = QImage(view.size(), QImage.Format.Format_RGB32)
    view.render(image)
    assert len({image.pixelColor(x, 5).name() for x in range(0, 1920, 7)}) > 1
    # ...and every text reads at 4.5:1 over it.
    assert ground_contrast(view) >= AA_NORMAL_TEXT - 0.05


def test_validate_warns_when_the_scrim_must_hide_the_picture(
    write_pack: Callable[..., Path],
) -> None:
    picture = "    background_image: images/p.png\n"
    light = write_pack(
        HEAD.format(brand="", picture=picture), {"images/p.png": checkerboard("#ffffff", "#f0f0f0")}
    )
    dark = write_pack(
        HEAD.format(brand="", picture=picture), {"images/p.png": checkerboard("#202020", "#101010")}
    )
    (warning,) = [p for p in check_pack(light).warnings if p.key_path == "background_image"]
    assert "too light or busy" in warning.message
    assert warning.line == 7
    assert not [p for p in check_pack(dark).warnings if p.key_path == "background_image"]


def test_no_scrim_is_no_contrast(write_pack: Callable[..., Path], qtbot: QtBot) -> None:
    """The measure above can fail: the same picture without its scrim is far below."""
    picture = "    background_image: images/crowd.png\n"
    images = {"images/crowd.png": checkerboard("#ffffff", "#404040")}
    pack = pack_of(write_pack, HEAD.format(brand="", picture=picture), images)
    view = drawn(qtbot, pack, 0, QSize(1920, 1080))
    view.scrim_opacity = 0.0  # type: ignore[attr-defined]
    view.relayout(force=True)
    assert ground_contrast(view) < 2.0
    assert QColor(view.theme.background).lightness() < 128  # a dark theme: white squares fail

"""The image slide: a poster contained or a photograph covering the screen, with its alt text.

The rendered pixels are checked against a picture of known colours: each quarter
where it should be, bands of background around a contained picture and none around
a covering one, the overflowing edges of a covering picture cut off. Validation
knows each picture's size from decoding it, and warns when it would look blurred.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from pictures import svg
from PIL import Image, ImageChops
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from slide_checks import VENUE_MODES, layout_problems, make_view, venue_problems

from kiosk.export import render_slide
from kiosk.pack.contrast import AA_NORMAL_TEXT, contrast_ratio
from kiosk.pack.json_schema import pack_json_schema
from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack
from kiosk.slides.image import (
    PROOF_SIZE,
    Fit,
    ImageSlide,
    enlargement,
    picture_area,
)
from kiosk.slides.image.view import ImageSlideView
from kiosk.ui.offscreen import ensure_app

HEAD = """\
title: Test pack
year: 2025
date: "2025-10-06"
languages: [en, es]
default_language: en
slides:
"""
SLIDE_LINE = 7
ALT = {"en": "Four squares: red, green, blue and yellow", "es": "Cuatro cuadrados de colores"}

QUARTERS = {"top-left": "#ff0000", "top-right": "#00c000", "bottom-left": "#0000ff"}
QUARTERS["bottom-right"] = "#ffff00"
EDGE = "#ff00ff"  # a stripe down each side of the picture: cut off by cover


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


def quarters_png(width: int, height: int) -> bytes:
    """Four coloured quarters, with a magenta stripe 5 % wide down each side."""
    picture = Image.new("RGB", (width, height))
    half_w, half_h = width // 2, height // 2
    for (x, y), colour in zip(
        [(0, 0), (half_w, 0), (0, half_h), (half_w, half_h)], QUARTERS.values(), strict=True
    ):
        picture.paste(colour, (x, y, x + width - half_w, y + height - half_h))
    stripe = max(1, width // 20)
    picture.paste(EDGE, (0, 0, stripe, height))
    picture.paste(EDGE, (width - stripe, 0, width, height))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def image_yaml(name: str = "images/p.png", fit: str = "contain", **extra: object) -> str:
    lines = [
        "  - type: image",
        f"    image: {name}",
        f"    fit: {fit}",
        f"    alt: {json.dumps(extra.pop('alt', ALT))}",
    ]
    lines += [f"    {key}: {json.dumps(value)}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def image_pack(
    write_pack: Callable[..., Path],
    size: tuple[int, int] = (3200, 1200),
    fit: str = "contain",
    **extra: object,
) -> Pack:
    report = check_pack(
        write_pack(HEAD + image_yaml(fit=fit, **extra), {"images/p.png": quarters_png(*size)})
    )
    assert report.pack is not None, [str(p) for p in report.problems]
    assert report.problems == []
    return report.pack


def as_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    return Image.frombuffer(
        "RGB",
        (rgb.width(), rgb.height()),
        bytes(rgb.constBits()),
        "raw",
        "RGB",
        rgb.bytesPerLine(),
        1,
    ).copy()


def picture_box(image: QImage, background: QColor) -> tuple[int, int, int, int] | None:
    """Where anything but the background is: (left, top, right, bottom), right and
    bottom exclusive."""
    drawn = as_pil(image)
    plain = Image.new("RGB", drawn.size, background.name())
    return ImageChops.difference(drawn, plain).getbbox()


def colour_at(image: QImage, x: float, y: float) -> str:
    return image.pixelColor(round(x), round(y)).name()


def colours_of(image: QImage) -> set[str]:
    found = as_pil(image).getcolors(maxcolors=1 << 20) or []
    return {"#%02x%02x%02x" % rgb for _, rgb in found}  # noqa: UP031 - a pixel's hex


# -- validation --------------------------------------------------------------------------


def test_an_image_slide_reads(write_pack: Callable[..., Path]) -> None:
    pack = image_pack(write_pack, fit="cover", caption="Squares", credit="Drawn for the test")
    (slide,) = pack.slides
    assert isinstance(slide, ImageSlide)
    assert slide.fit is Fit.COVER
    assert slide.image.name == "p.png"
    assert pack.text(slide.alt, "es") == ALT["es"]


def test_the_alt_text_is_required_in_every_language(write_pack: Callable[..., Path]) -> None:
    picture = {"images/p.png": quarters_png(2000, 1000)}
    report = check_pack(write_pack(HEAD + image_yaml(alt={"en": ALT["en"]}), picture))
    assert report.pack is None
    (error,) = report.errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 3, "slides[0].alt")
    assert "no 'es' text: this text is required in every language of the pack" in error.message
    report = check_pack(write_pack(HEAD + image_yaml(alt=ALT["en"]), picture))
    (error,) = report.errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 3, "slides[0].alt")
    assert "must be written in each of the pack's languages (en, es)" in error.message
    report = check_pack(
        write_pack(HEAD + image_yaml().replace(f"    alt: {json.dumps(ALT)}\n", ""), picture)
    )
    (error,) = report.errors
    assert (error.line, error.key_path) == (SLIDE_LINE, "slides[0]")
    assert "missing 'alt' in the image slide" in error.message
    # A pack in one language may write it once.
    one_language = HEAD.replace("[en, es]", "[en]")
    assert check_pack(write_pack(one_language + image_yaml(alt="Squares"), picture)).problems == []


def test_other_image_mistakes_are_errors_on_their_lines(write_pack: Callable[..., Path]) -> None:
    picture = {"images/p.png": quarters_png(2000, 1000)}
    (error,) = check_pack(write_pack(HEAD + image_yaml(fit="fill"), picture)).errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 2, "slides[0].fit")
    assert "(valid: contain, cover)" in error.message
    (error,) = check_pack(write_pack(HEAD + image_yaml("images/nope.png"), picture)).errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 1, "slides[0].image")
    assert "does not exist in the pack folder" in error.message


@pytest.mark.parametrize(
    ("size", "fit", "warns"),
    [
        ((1000, 1000), "contain", False),  # 0.99 times: drawn at its size
        ((1000, 1000), "cover", True),  # 1.92 times
        ((1280, 720), "cover", False),  # exactly 1.5 times
        ((1279, 719), "cover", True),
        ((600, 400), "contain", True),  # 2.49 times
    ],
)
def test_a_picture_drawn_past_one_and_a_half_times_its_size_warns(
    write_pack: Callable[..., Path], size: tuple[int, int], fit: str, warns: bool
) -> None:
    report = check_pack(
        write_pack(HEAD + image_yaml(fit=fit), {"images/p.png": quarters_png(*size)})
    )
    assert report.pack is not None
    if not warns:
        assert report.problems == []
        return
    (warning,) = report.warnings
    assert (warning.line, warning.key_path) == (SLIDE_LINE + 1, "slides[0].image")
    scale = enlargement(size, picture_area(*PROOF_SIZE, Fit(fit)), Fit(fit))
    assert f"the picture is {size[0]:,} × {size[1]:,} pixels" in warning.message
    assert f"drawn up to {scale:.1f} times larger ({fit})" in warning.message
    assert "past 1.5 times it looks blurred" in warning.message


def test_the_warning_asks_for_a_picture_that_would_not_warn(
    write_pack: Callable[..., Path],
) -> None:
    report = check_pack(
        write_pack(HEAD + image_yaml(fit="cover"), {"images/p.png": quarters_png(800, 450)})
    )
    (warning,) = report.warnings
    assert "use one of at least 1,280 × 720 pixels" in warning.message
    report = check_pack(
        write_pack(HEAD + image_yaml(fit="cover"), {"images/p.png": quarters_png(1280, 720)})
    )
    assert report.warnings == []


def test_a_drawing_is_sharp_at_any_size(write_pack: Callable[..., Path]) -> None:
    report = check_pack(
        write_pack(HEAD + image_yaml("images/p.svg", "cover"), {"images/p.svg": svg()})
    )
    assert report.problems == []


def test_the_json_schema_knows_the_fits() -> None:
    checker = jsonschema.Draft202012Validator(pack_json_schema())
    for fit, valid in (("contain", True), ("cover", True), ("fill", False)):
        assert checker.is_valid(yaml.safe_load(HEAD + image_yaml(fit=fit))) is valid
    no_alt = image_yaml().replace(f"    alt: {json.dumps(ALT)}\n", "")
    assert not checker.is_valid(yaml.safe_load(HEAD + no_alt))


# -- the pixels -----------------------------------------------------------------------------


def test_contain_shows_the_whole_picture_between_bands(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    pack = image_pack(write_pack, (3200, 1200))  # wider than the screen: bands above, below
    background = QColor(pack.theme.background)
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        image = render_slide(pack.slides[0], pack, "en", size)
        box = picture_box(image, background)
        assert box is not None
        left, top, right, bottom = box
        width, height = right - left, bottom - top
        assert abs(width / height - 3200 / 1200) < 0.02  # whole, not stretched or cut
        assert left == size.width() - right  # centred
        assert abs(top - (size.height() - bottom)) <= 1
        assert top > 0.1 * size.height()  # the bands: background above and below
        assert colour_at(image, size.width() / 2, top / 2) == background.name()
        assert colour_at(image, size.width() / 2, (size.height() + bottom) / 2) == background.name()
        # Each quarter where it belongs, and both side stripes shown.
        for name, colour in QUARTERS.items():
            x = left + width * (0.3 if "left" in name else 0.7)
            y = top + height * (0.25 if "top" in name else 0.75)
            assert colour_at(image, x, y) == colour, name
        assert colour_at(image, left + width * 0.02, top + height / 2) == EDGE
        assert colour_at(image, right - 1 - width * 0.02, top + height / 2) == EDGE
        # The view says where it drew it, and validate's estimate is its scale.
        view = make_view(qtbot, pack.slides[0], pack, "en", size)
        assert isinstance(view, ImageSlideView)
        assert abs(view.picture_rect.width() - width) <= 2
        expected = enlargement(
            (3200, 1200), picture_area(size.width(), size.height(), Fit.CONTAIN), Fit.CONTAIN
        )
        assert abs(width / 3200 - expected) < 0.002


def test_contain_puts_a_tall_poster_between_side_bands(write_pack: Callable[..., Path]) -> None:
    pack = image_pack(write_pack, (1500, 2000), caption="A poster", credit="Drawn for the test")
    background = QColor(pack.theme.background)
    image = render_slide(pack.slides[0], pack, "en", QSize(1920, 1080))
    left, top, right, bottom = picture_box(image, background) or (0, 0, 0, 0)
    # The caption and credit are under the picture: the box is the picture's width.
    picture_height = bottom - top
    assert left > 0.25 * 1920
    assert colour_at(image, left / 2, 540) == background.name()
    assert colour_at(image, (1920 + right) / 2, 540) == background.name()
    assert (
        colour_at(image, left + (right - left) * 0.3, top + picture_height * 0.2)
        == QUARTERS["top-left"]
    )


def test_cover_fills_the_screen_and_cuts_the_overflow(write_pack: Callable[..., Path]) -> None:
    pack = image_pack(write_pack, (3200, 1200), fit="cover")
    background = QColor(pack.theme.background).name()
    for size in (QSize(1920, 1080), QSize(1080, 1920), QSize(1280, 720)):
        image = render_slide(pack.slides[0], pack, "en", size)
        w, h = size.width(), size.height()
        colours = colours_of(image)
        assert background not in colours  # no band of background anywhere
        assert EDGE not in colours  # the picture's sides are cut off
        # The picture reaches every edge of the screen (where two quarters meet, the
        # scaled picture blends them: compare away from the middle).
        for x in (0, w // 4, w - w // 4, w - 1):
            assert colour_at(image, x, 0) in QUARTERS.values()
            assert colour_at(image, x, h - 1) in QUARTERS.values()
        for y in (0, h // 4, h - h // 4, h - 1):
            assert colour_at(image, 0, y) in QUARTERS.values()
            assert colour_at(image, w - 1, y) in QUARTERS.values()
        # Centred: the quarters meet in the middle of the screen.
        assert colour_at(image, w / 2 - 20, h / 2 - 20) == QUARTERS["top-left"]
        assert colour_at(image, w / 2 + 20, h / 2 - 20) == QUARTERS["top-right"]
        assert colour_at(image, w / 2 - 20, h / 2 + 20) == QUARTERS["bottom-left"]
        assert colour_at(image, w / 2 + 20, h / 2 + 20) == QUARTERS["bottom-right"]


def test_the_measures_can_fail(write_pack: Callable[..., Path]) -> None:
    """A contained picture does leave background and shows its stripes, where cover does not."""
    pack = image_pack(write_pack, (3200, 1200), fit="contain")
    colours = colours_of(render_slide(pack.slides[0], pack, "en", QSize(1920, 1080)))
    assert QColor(pack.theme.background).name() in colours
    assert EDGE in colours


@pytest.mark.parametrize("mode", list(VENUE_MODES))
def test_a_caption_over_a_photograph_keeps_its_contrast(
    qtbot: QtBot, write_pack: Callable[..., Path], mode: str
) -> None:
    """On a white picture, the band behind the caption still makes readable text."""
    white = io.BytesIO()
    Image.new("RGB", (2400, 1350), "#ffffff").save(white, format="PNG")
    folder = write_pack(
        HEAD + image_yaml(fit="cover", caption="A caption", credit="A credit"),
        {"images/p.png": white.getvalue()},
    )
    report = check_pack(folder)
    assert report.pack is not None
    pack = report.pack
    view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1920, 1080), **VENUE_MODES[mode])
    assert isinstance(view, ImageSlideView)
    image = render_slide(pack.slides[0], pack, "en", QSize(1920, 1080), **VENUE_MODES[mode])
    assert view.caption_label is not None
    assert view.credit_label is not None
    caption = view.caption_label.geometry()
    band = colour_at(image, 5, caption.center().y())  # left of the text, inside the band
    assert band != "#ffffff"
    for label, colour in (
        (view.caption_label, view.theme.text),
        (view.credit_label, view.theme.muted),
    ):
        assert contrast_ratio(colour.name(), band) >= AA_NORMAL_TEXT, (label.text(), band)
    assert layout_problems(view) == []


# -- what screen readers get -------------------------------------------------------------------


def test_the_alt_text_is_the_accessible_description(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    pack = image_pack(write_pack, credit={"en": "Drawn for the test", "es": "Dibujado"})
    for language in ("en", "es"):
        view = make_view(qtbot, pack.slides[0], pack, language, QSize(1920, 1080))
        assert ALT[language] in view.accessibleDescription().split("\n")[0]
        assert view.accessibleName() == ALT[language]  # no caption: the alt text names it
        assert view.spoken_text().count(ALT[language]) == 1
    captioned = image_pack(write_pack, caption={"en": "Our poster", "es": "Nuestro cartel"})
    view = make_view(qtbot, captioned.slides[0], captioned, "es", QSize(1920, 1080))
    assert view.accessibleName() == "Nuestro cartel"
    assert view.accessibleDescription() == ALT["es"] + "."
    assert view.spoken_text() == f"Nuestro cartel.\n{ALT['es']}."


# -- every size, every mode ---------------------------------------------------------------------


@pytest.mark.parametrize("fit", ["contain", "cover"])
def test_an_image_slide_lays_out_everywhere(write_pack: Callable[..., Path], fit: str) -> None:
    caption = ("A poster for the workshops of Digital Inclusion Week, drawn by our staff " * 2)[
        :120
    ]
    credit = ("Poster: the library's own design, free to share with credit " * 2)[:80]
    full = image_pack(write_pack, (2000, 2000), fit, caption=caption, credit=credit)
    bare = image_pack(write_pack, (2000, 2000), fit)
    assert venue_problems(full.slides[0], full) == []
    assert venue_problems(bare.slides[0], bare, needs_text=False) == []


@pytest.mark.parametrize("size", [QSize(1080, 1920), QSize(1920, 1080), QSize(1280, 720)])
def test_a_covering_pictures_caption_keeps_clear_of_the_progress_dots(
    qtbot: QtBot, write_pack: Callable[..., Path], size: QSize
) -> None:
    """The dots are drawn in the slide's bottom margin: the credit ends above it."""
    pack = image_pack(write_pack, (2000, 2000), "cover", caption="A caption", credit="A credit")
    view = make_view(qtbot, pack.slides[0], pack, "en", size)
    assert isinstance(view, ImageSlideView)
    assert view.credit_label is not None
    margin_y = view.metrics(size.width(), size.height()).margin_y
    assert view.credit_label.geometry().bottom() < size.height() - margin_y

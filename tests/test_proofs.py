"""Proofs an organiser can look at: ``kiosk render`` draws each slide exactly as the
kiosk's screen shows it, in any mode and venue setting, every language, and the whole
pack on one contact sheet."""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from slide_checks import decoded_urls
from venue_helpers import MakeKiosk, make_kiosk, settle

from kiosk import export, options
from kiosk.cli import build_parser, main
from kiosk.export import (
    THUMB_WIDTH_LANDSCAPE,
    ProofLook,
    ProofScreen,
    contact_sheet,
    ensure_app,
    render_pack,
)
from kiosk.options import Mode
from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack, Slide
from kiosk.pack.values import LocalText
from kiosk.paths import content_dir
from kiosk.slides import for_region
from kiosk.slides.resources import ResourcesSlide
from kiosk.slides.text import TextSlide
from kiosk.ui.slide_view import SlideContext, create_slide_view

__all__ = ["make_kiosk"]  # the fixture, used by name

BUNDLED = ["2023", "2024", "2025"]


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


def bundled(name: str) -> Pack:
    return load_pack(content_dir() / name)


def image_of(path: Path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull(), path
    return image.convertToFormat(QImage.Format.Format_RGB32)


# -- as on screen -------------------------------------------------------------------------


# Large text drawn by a shown window and by a hidden one differs this much at most in
# one colour channel, along the anti-aliased edges of its glyphs (measured: up to 25
# of 255, Qt's glyph cache differing between the two); anything laid out or coloured
# differently differs by far more (a glyph where there was background).
TEXT_EDGE_NOISE = 48


def largest_difference(first: QImage, second: QImage) -> int:
    """The largest difference of one colour channel between two pictures (RGB32)."""
    assert first.size() == second.size()
    a, b = bytes(first.constBits()), bytes(second.constBits())
    if a == b:
        return 0
    stride = first.bytesPerLine()
    worst = 0
    for start in range(0, len(a), stride):
        row_a, row_b = a[start : start + stride], b[start : start + stride]
        if row_a != row_b:
            worst = max(worst, max(abs(x - y) for x, y in zip(row_a, row_b, strict=True)))
    return worst


def drawn(window: QWidget) -> QImage:
    """What ``window`` draws, into a picture like the proofs' (a grab's pixmap would
    blend text edges a shade differently)."""
    image = QImage(window.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("#808080"))
    window.render(image)
    return image


LOOKS = {
    "event": ProofLook(),
    "touch": ProofLook(mode=Mode.TOUCH),
    "touch, high contrast": ProofLook(mode=Mode.TOUCH, high_contrast=True),
    "event, large text": ProofLook(large_text=True),
    "touch, large text, region ES": ProofLook(mode=Mode.TOUCH, large_text=True, region="ES"),
}


def place_of(name: str) -> tuple[int, int]:
    """(slide number, page number) from a proof's file name (``proof_name``)."""
    stem = name.removesuffix(".png")
    page = stem.rsplit("-", 1)[-1]
    return int(stem[:2]), int(page.split("of")[0]) if "of" in page else 1


def pages_alone(pack: Pack, size: QSize, look: ProofLook) -> list[tuple[int, QImage]]:
    """Every page of ``pack`` drawn alone, in the slide area a proof of ``look`` on
    ``size`` leaves it, as the kiosk lays it out (``kiosk.export.slide_pages``):
    (the slide's index, the picture), in proof order."""
    screen = ProofScreen(pack, "en", size, look)
    area, context = screen.chrome.slide_area(), screen.context()
    screen.close()
    found = []
    for index in range(len(pack.slides)):
        for slide, page_context in export.slide_pages(index, context, area.size()):
            view = create_slide_view(slide, page_context)
            view.resize(area.size())
            view.relayout(force=True)
            picture = QImage(area.size(), QImage.Format.Format_RGB32)
            picture.fill(view.theme.background)
            view.render(picture)
            found.append((index, picture))
    return found


@pytest.mark.parametrize("look", list(LOOKS), ids=list(LOOKS))
@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920)], ids=["1280x720", "1080x1920"])
def test_a_proof_is_what_the_kiosk_window_shows(
    make_kiosk: MakeKiosk, qtbot: QtBot, tmp_path: Path, look: str, size: tuple[int, int]
) -> None:
    chosen = LOOKS[look]
    pack = bundled("2024")
    written = render_pack(
        pack,
        tmp_path,
        QSize(*size),
        "es",
        high_contrast=chosen.high_contrast,
        large_text=chosen.large_text,
        region=chosen.region,
        mode=chosen.mode,
    )
    window = make_kiosk(
        pack,
        mode=str(chosen.mode),
        size=size,
        language="es",
        reduced_motion=True,
        high_contrast=chosen.high_contrast,
        large_text=chosen.large_text,
        region=chosen.region,
    )
    # One proof per page, in the order the kiosk steps through slides and their pages.
    window.player.go_to(0)
    for path in written:
        settle(window, qtbot)
        # On screen the tap cue lies over cards that open for a while; a proof
        # shows the slide itself.
        window.chrome.dismiss_cues()
        assert largest_difference(image_of(path), drawn(window)) <= TEXT_EDGE_NOISE, path.name
        window.player.next()
    assert (window.player.index, window.player.page) == (0, 0)  # round the loop: all seen


def test_a_touch_proof_lays_the_slide_out_above_the_bar(tmp_path: Path) -> None:
    pack = bundled("2025")
    size = QSize(1920, 1080)
    screen = ProofScreen(pack, "en", size, ProofLook(mode=Mode.TOUCH))
    area = screen.chrome.slide_area()
    controls = screen.chrome.controls
    assert controls is not None
    screen.close()
    assert area.height() < size.height()
    written = render_pack(pack, tmp_path, size, "en", mode=Mode.TOUCH)
    pages = pages_alone(pack, size, ProofLook(mode=Mode.TOUCH))
    assert len(pages) == len(written)
    for path, (_, alone) in zip(written, pages, strict=True):
        proof = image_of(path)
        # Above the bar: the page alone, laid out for the room the bar leaves.
        top = proof.copy(QRect(0, 0, size.width(), area.height()))
        assert largest_difference(top, alone) <= TEXT_EDGE_NOISE, path.name
        # Below it: the bar, with its buttons in the theme's surface colour.
        bar = proof.copy(QRect(0, area.height(), size.width(), size.height() - area.height()))
        surface = QColor(pack.theme.surface).rgb()
        assert (
            sum(bar.pixel(x, bar.height() // 2) == surface for x in range(0, bar.width(), 4))
            > bar.width() / 4 * 0.3
        )
    # The help lines' codes read off the touch proofs (of all the slide's pages).
    for index, slide in enumerate(pack.slides):
        if isinstance(slide, ResourcesSlide):
            shown = [
                url
                for path, (page_of, _) in zip(written, pages, strict=True)
                if page_of == index
                for url in decoded_urls(image_of(path))
            ]
            assert sorted(shown) == sorted(r.url for r in slide.resources)


def test_an_event_proof_has_the_progress_dots_as_on_screen(tmp_path: Path) -> None:
    pack = bundled("2023")
    size = QSize(1280, 720)
    written = render_pack(pack, tmp_path, size, "en")
    accent = QColor(pack.theme.accent).rgb()
    bottom = QRect(0, round(size.height() * 0.94), size.width(), round(size.height() * 0.06))
    lit_at = []
    pages = pages_alone(pack, size, ProofLook())
    assert len(pages) == len(written)
    for path, (_, alone) in zip(written, pages, strict=True):
        proof = image_of(path)
        # The same slide, and the dots along its bottom edge: the rest is unchanged.
        above = QRect(0, 0, size.width(), bottom.top())
        assert largest_difference(proof.copy(above), alone.copy(above)) <= TEXT_EDGE_NOISE
        lit = [
            x
            for x in range(bottom.left(), bottom.right())
            for y in range(bottom.top(), bottom.bottom(), 2)
            if proof.pixel(x, y) == accent
        ]
        assert lit, path.name  # the current slide's dot, in the accent colour
        lit_at.append(sum(lit) / len(lit))
    assert lit_at == sorted(lit_at)  # it moves along with the slides
    assert lit_at[0] < lit_at[-1]


# -- the command ----------------------------------------------------------------------------


def test_render_takes_its_venue_flags_from_the_run_options() -> None:
    parser = build_parser(only="render")
    render = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    ).choices["render"]
    flags = {action.dest: action for action in render._actions}
    declared = options.declarations()
    for name in ("language", "mode", "region", "high_contrast", "large_text"):
        assert flags[name].help is not None
        assert flags[name].help.startswith(declared[name].help), name
        assert declared[name].flag in flags[name].option_strings
        assert "settings.toml" not in flags[name].help  # a proof does not read it


def test_render_every_language_each_in_its_folder(tmp_path: Path) -> None:
    out, sheet = tmp_path / "proofs", tmp_path / "sheet.png"
    code = main(
        [
            "render",
            "2024",
            "--out",
            str(out),
            "--contact-sheet",
            str(sheet),
            "--size",
            "640x360",
            "--lang",
            "all",
            "--mode",
            "touch",
            "--high-contrast",
            "--large-text",
            "--region",
            "ES",
        ]
    )
    assert code == 0
    pack = bundled("2024")
    in_spain = for_region(pack, "ES")
    assert len(in_spain.slides) < len(pack.slides)  # a slide of American lines only
    for language in pack.languages:
        pictures = sorted((out / language).glob("*.png"))
        # A picture per page: every slide that works in Spain, some in pages.
        numbers = {picture.name[:2] for picture in pictures}
        assert numbers == {f"{n:02d}" for n in range(1, len(in_spain.slides) + 1)}
        first = image_of(pictures[0])
        assert first.size() == QSize(640, 360)
        assert first.pixelColor(2, 2) == QColor("#000000")  # high contrast
        assert image_of(tmp_path / f"sheet-{language}.png").width() > 640
    assert not list(out.glob("*.png"))
    # Spanish and English differ; the same slide in each language.
    english, spanish = (sorted((out / lang).glob("*.png"))[0] for lang in ("en", "es"))
    assert image_of(english) != image_of(spanish)


def test_render_says_what_it_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", "2024"]) == 2
    assert "--out DIR, --contact-sheet FILE.png" in capsys.readouterr().err
    assert main(["render", "2024", "--out", str(tmp_path), "--lang", "xx"]) == 2
    assert "its languages are en, es" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


# -- the contact sheet ------------------------------------------------------------------------


@pytest.mark.parametrize("pack_name", BUNDLED)
def test_a_contact_sheet_holds_every_slide_in_order(tmp_path: Path, pack_name: str) -> None:
    pack = bundled(pack_name)
    size = QSize(1920, 1080)
    made = contact_sheet(pack, tmp_path / "sheet.png", size, "en", ProofLook())
    assert made.file is not None
    assert made.slides == len(pack.slides)
    sheet = image_of(made.file)
    proofs = render_pack(pack, tmp_path / "proofs", size, "en")
    # Each thumbnail is its page's proof, scaled, in reading order, four a row.
    assert list(made.places) == [place_of(path.name) for path in proofs]
    places = list(made.places.values())
    for number, (path, place) in enumerate(zip(proofs, places, strict=True)):
        thumb = image_of(path).scaledToWidth(
            THUMB_WIDTH_LANDSCAPE, Qt.TransformationMode.SmoothTransformation
        )
        assert place.size() == thumb.size()
        assert largest_difference(sheet.copy(place), thumb) <= TEXT_EDGE_NOISE, path.name
        row, column = divmod(number, 4)
        assert place.top() == places[row * 4].top()
        assert place.left() == places[column].left()
    assert len({place.top() for place in places}) == -(-len(proofs) // 4)
    # The caption under each thumbnail is drawn: ink in the strip below it (dark, or
    # the pages' colour for a page), below the frame a page has.
    for place in places:
        caption = sheet.copy(QRect(place.left(), place.bottom() + 8, 60, 30))
        assert any(
            caption.pixelColor(x, y).lightness() < 130
            for x in range(caption.width())
            for y in range(caption.height())
        )


def in_two_pages(
    index: int, context: SlideContext, size: QSize
) -> list[tuple[Slide, SlideContext]]:
    """``kiosk.export.slide_pages`` for a screen that shows a text slide in two pages,
    each with its own words (as the deck splits a list), and any other slide whole."""
    slide = context.pack.slides[index]
    if not isinstance(slide, TextSlide):
        return [(slide, context)]
    return [
        (dataclasses.replace(slide, paragraph=LocalText.plain(words)), context)
        for words in ("The first part.", "And the second part, longer than the first.")
    ]


def test_a_slide_in_pages_gives_a_proof_and_a_thumbnail_a_page(
    tmp_path: Path, write_pack: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = load_pack(
        write_pack("""\
            title: Paged
            year: 2024
            date: 2024-07-30
            languages: [en]
            default_language: en
            slides:
              - type: title
                day: "A day"
                date: "30 July"
                theme: "First"
              - type: text
                heading: "Two pages"
                paragraph: "Shown in two parts."
              - type: title
                day: "After"
                date: "31 July"
                theme: "Last"
            """)
    )
    monkeypatch.setattr(export, "slide_pages", in_two_pages)
    size = QSize(960, 540)
    written = render_pack(pack, tmp_path / "proofs", size)
    assert [p.name for p in written] == [
        "01-title.png",
        "02-text-1of2.png",
        "02-text-2of2.png",
        "03-title.png",
    ]
    # Each page's own words: the two pictures differ.
    assert largest_difference(image_of(written[1]), image_of(written[2])) > TEXT_EDGE_NOISE
    made = contact_sheet(pack, tmp_path / "sheet.png", size)
    assert made.file is not None
    assert made.slides == 3
    assert list(made.places) == [(1, 1), (2, 1), (2, 2), (3, 1)]
    sheet = image_of(made.file)
    for path, place in zip(written, made.places.values(), strict=True):
        thumb = image_of(path).scaledToWidth(
            THUMB_WIDTH_LANDSCAPE, Qt.TransformationMode.SmoothTransformation
        )
        assert largest_difference(sheet.copy(place), thumb) <= TEXT_EDGE_NOISE, path.name
    # The two pages are framed alike, in a colour the single slides do not have.
    framed = [sheet.pixelColor(p.left() - 3, p.top() - 3) for p in made.places.values()]
    assert framed[1] == framed[2] == export.PAGES_MARK
    assert framed[0] == framed[3] == export.SHEET_BACKGROUND
    monkeypatch.undo()
    # Until the screen pages a slide, a proof shows it whole, on one page.
    context = ProofScreen(pack, "en", size, ProofLook()).context()
    assert export.slide_pages(1, context, size) == [(pack.slides[1], context)]

"""The text slide: a heading and either a paragraph or a list of points, never both.

Validation (with file and line), the JSON Schema editors use, and the view at every
size and venue mode, checked as a visitor would see it (``slide_checks``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot
from slide_checks import layout_problems, make_view, venue_problems

from kiosk.pack.json_schema import pack_json_schema, pack_reference_markdown
from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack
from kiosk.slides import kinds
from kiosk.slides.text import TextSlide
from kiosk.slides.text.view import TextSlideView
from kiosk.typeset import plain
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import Dot, Glyph

HEAD = """\
title: Test pack
year: 2025
date: "2025-10-06"  # quoted: YAML 1.1 would make it a date, which JSON has not
languages: [en, es]
default_language: en
slides:
"""
SLIDE_LINE = 7  # the "- type: text" line


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


def text_slide(body: str) -> str:
    return HEAD + "  - type: text\n    heading: {en: Opening hours, es: Horario}\n" + body


PARAGRAPH = (
    "    paragraph: {en: Open every day from 9 to 5., es: Abierto todos los días de 9 a 17.}\n"
)
POINTS = """\
    points:
      - icon: fa6s.clock
        text: {en: "Monday to Friday: 9 am to 8 pm", es: "De lunes a viernes: de 9 a 20 h"}
      - {text: {en: "Saturday: 10 am to 2 pm", es: "Sábado: de 10 a 14 h"}}
"""


def pack_of(write_pack: Callable[..., Path], text: str) -> Pack:
    report = check_pack(write_pack(text))
    assert report.pack is not None, [str(p) for p in report.problems]
    assert report.problems == []
    return report.pack


# -- validation --------------------------------------------------------------------------


@pytest.mark.parametrize("body", [PARAGRAPH, POINTS], ids=["paragraph", "points"])
def test_either_body_is_a_text_slide(write_pack: Callable[..., Path], body: str) -> None:
    (slide,) = pack_of(write_pack, text_slide(body)).slides
    assert isinstance(slide, TextSlide)
    assert (slide.paragraph is None) == (body is POINTS)
    assert (slide.points is None) == (body is PARAGRAPH)


def test_both_a_paragraph_and_points_is_an_error_on_the_second(
    write_pack: Callable[..., Path],
) -> None:
    report = check_pack(write_pack(text_slide(PARAGRAPH + POINTS)))
    assert report.pack is None
    (error,) = report.errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 3, "slides[0].points")
    assert "give either 'paragraph' or 'points', not both" in error.message
    assert str(error).startswith(f"{report.path / 'pack.yaml'}:{SLIDE_LINE + 3}:5: error")


def test_neither_a_paragraph_nor_points_is_an_error_on_the_slide(
    write_pack: Callable[..., Path],
) -> None:
    report = check_pack(write_pack(text_slide("")))
    assert report.pack is None
    (error,) = report.errors
    assert (error.line, error.key_path) == (SLIDE_LINE, "slides[0]")
    assert "the text slide needs 'paragraph' or 'points'" in error.message


def test_the_points_mistakes_are_errors_on_their_lines(write_pack: Callable[..., Path]) -> None:
    nine = "    points:\n" + "".join(f"      - text: Point {i}\n" for i in range(9))
    report = check_pack(write_pack(text_slide(nine)))
    (error,) = report.errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 3, "slides[0].points")
    assert "has 9 text points; at most 8 fit on one slide" in error.message
    wrong_icon = "    points:\n      - {text: Point, icon: fa6s.clok}\n"
    (error,) = check_pack(write_pack(text_slide(wrong_icon))).errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 3, "slides[0].points[0].icon")
    assert "did you mean 'fa6s.clock'?" in error.message


def test_a_long_paragraph_warns(write_pack: Callable[..., Path]) -> None:
    long = "    paragraph: " + "word " * 70 + "\n"
    report = check_pack(write_pack(text_slide(long)))
    assert report.pack is not None
    (warning,) = report.warnings
    assert (warning.line, warning.key_path) == (SLIDE_LINE + 2, "slides[0].paragraph")
    assert "past 300 it shrinks" in warning.message


@pytest.mark.parametrize(
    ("body", "valid"),
    [(PARAGRAPH, True), (POINTS, True), (PARAGRAPH + POINTS, False), ("", False)],
    ids=["paragraph", "points", "both", "neither"],
)
def test_the_json_schema_agrees(body: str, valid: bool) -> None:
    document = yaml.safe_load(text_slide(body))
    checker = jsonschema.Draft202012Validator(pack_json_schema())
    assert checker.is_valid(document) is valid


def test_the_reference_says_one_of_the_two() -> None:
    text = pack_reference_markdown()
    assert "## Slide `type: text`" in text
    assert "| `paragraph` | text (or {en: …, es: …}) | one of `paragraph`, `points` |" in text
    schema = json.dumps(pack_json_schema())
    assert '"oneOf": [{"required": ["paragraph"]}, {"required": ["points"]}]' in schema


# -- the view -------------------------------------------------------------------------------


def longest_pack(write_pack: Callable[..., Path]) -> Pack:
    """A paragraph slide and a slide of eight points, every text at its max_chars, in
    both languages (Spanish runs longer in the bundled packs: here, as long)."""
    words = ("Workshops every Tuesday at six in the library hall, free, for all ages. " * 5)[:300]
    point = ("Tuesday 6 pm: video calls with family on a phone, a tablet or a computer " * 2)[:90]
    assert len(point) == 90

    def both(text: str) -> str:
        return json.dumps({"en": text.strip(), "es": text.strip()})

    points = "".join(
        f"      - {{icon: fa6s.video, text: {both(point)}}}\n"
        if i % 2
        else f"      - {{text: {both(point)}}}\n"
        for i in range(8)
    )
    heading = both(("Free digital skills workshops at the library, all week " * 2)[:70])
    return pack_of(
        write_pack,
        HEAD
        + f"  - type: text\n    heading: {heading}\n    paragraph: {both(words)}\n"
        + f"  - type: text\n    heading: {heading}\n    points:\n{points}",
    )


def test_text_at_its_limits_reads_everywhere(write_pack: Callable[..., Path]) -> None:
    pack = longest_pack(write_pack)
    for slide in pack.slides:
        assert venue_problems(slide, pack) == []


def test_a_short_list_grows_to_use_the_screen(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    """Two short points take larger type than eight long ones, never more than the heading."""
    short = pack_of(write_pack, text_slide(POINTS))
    full = longest_pack(write_pack)
    size = QSize(1920, 1080)
    few = make_view(qtbot, short.slides[0], short, "en", size)
    many = make_view(qtbot, full.slides[1], full, "en", size)
    assert isinstance(few, TextSlideView)
    assert isinstance(many, TextSlideView)
    few_px = few.points[0][1].font().pixelSize()
    assert few_px > many.points[0][1].font().pixelSize()
    assert few_px < few.heading_label.font().pixelSize()


def test_icons_and_bullets_stand_before_their_points(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    pack = pack_of(write_pack, text_slide(POINTS))
    view = make_view(qtbot, pack.slides[0], pack, "es", QSize(1280, 720))
    assert isinstance(view, TextSlideView)
    glyphs = [d for d in view.decorations if isinstance(d, Glyph)]
    bullets = [d for d in view.decorations if isinstance(d, Dot)]
    assert len(glyphs) == 1  # the clock
    assert len(bullets) == 1  # the point without an icon
    (clock_label, _), (saturday_label, _) = [(p[1], p[0]) for p in view.points]
    assert glyphs[0].rect.right() < clock_label.x()
    assert glyphs[0].rect.center().y() < clock_label.geometry().center().y() + 5
    assert bullets[0].center.x() < saturday_label.x()
    assert plain(clock_label.text()) == "De lunes a viernes: de 9 a 20 h"
    assert layout_problems(view) == []


def test_screen_readers_get_the_heading_then_the_text(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    pack = pack_of(write_pack, text_slide(POINTS))
    view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1920, 1080))
    assert view.accessibleName() == "Opening hours"
    assert plain(view.accessibleDescription()) == (
        "Monday to Friday: 9 am to 8 pm.\nSaturday: 10 am to 2 pm."
    )
    pack = pack_of(write_pack, text_slide(PARAGRAPH))
    view = make_view(qtbot, pack.slides[0], pack, "es", QSize(1920, 1080))
    assert view.spoken_text() == "Horario.\nAbierto todos los días de 9 a 17."


def test_the_kind_is_found_by_looking() -> None:
    assert kinds()["text"].model is TextSlide
    assert kinds()["text"].items == "points"

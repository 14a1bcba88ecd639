"""Slide views: every bundled slide lays out at every target size, and QR codes scan.

The layout checks (``slide_checks.layout_problems``) are written independently of
the views' own fit: they look at the labels as placed, the way a visitor would see
them (text clipped, cut off by the screen edge, drawn over other text, too small).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from slide_checks import (
    PACKS,
    SIZE_IDS,
    SIZES,
    assert_crisp_qr_codes,
    bundled,
    bundled_slide_ids,
    context_for,
    decoded_urls,
    layout_problems,
    make_view,
    page_views,
    placed,
    resources_slides,
)

from kiosk.export import render_slide
from kiosk.pack.fields import shape_of
from kiosk.pack.load import load_pack
from kiosk.pack.model import Source
from kiosk.slides import kinds
from kiosk.slides.facts import Fact
from kiosk.slides.facts.view import FactsSlideView
from kiosk.slides.failures import FailurePoint
from kiosk.slides.resources import Resource, ResourcesSlide
from kiosk.slides.resources.view import ResourcesSlideView
from kiosk.slides.timeline import Event
from kiosk.slides.timeline.view import TimelineSlideView
from kiosk.slides.title import TitleSlide
from kiosk.slides.title.view import TitleSlideView
from kiosk.typeset import plain
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import create_slide_view
from kiosk.ui.stage_view import StageView, target_at


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()  # and the bundled fonts


# -- every bundled slide, every size ----------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize(
    ("pack_name", "index"),
    list(bundled_slide_ids()),
    ids=[f"{n}-{i + 1:02d}" for n, i in bundled_slide_ids()],
)
def test_bundled_slide_lays_out(qtbot: QtBot, pack_name: str, index: int, size: QSize) -> None:
    pack = bundled(pack_name)
    slide = pack.slides[index]
    for language in pack.languages:
        for number, view in enumerate(page_views(qtbot, pack, index, language, size), 1):
            where = f"{slide.origin} ({slide.kind}, {language}, page {number})"
            assert view.fit_scale >= 0, f"{where}: shrunk below the readable floor"
            assert layout_problems(view) == [], where
            assert view.size() == size  # the fit never resizes the view


def test_checker_sees_clipped_text(qtbot: QtBot) -> None:
    """The checks above can fail: squeeze a placed label and move another onto it."""
    pack = bundled("2023")
    slide = next(s for s in pack.slides if s.kind == "facts")
    view = make_view(qtbot, slide, pack, "en", QSize(1920, 1080))
    assert layout_problems(view) == []
    label = view.fact_labels[0]  # type: ignore[attr-defined]
    label.resize(label.width(), label.height() // 2)
    view.sources[1].move(view.fact_labels[1].pos())  # type: ignore[attr-defined]
    problems = layout_problems(view)
    assert any("cut at the bottom" in p for p in problems)
    assert any("overlaps" in p for p in problems)


def test_sources_sit_under_what_they_back(qtbot: QtBot) -> None:
    for name in PACKS:
        pack = bundled(name)
        for slide in pack.slides:
            for size in (QSize(1920, 1080), QSize(1080, 1920)):
                view = make_view(qtbot, slide, pack, pack.default_language, size)
                pairs: list[tuple[QLabel, QLabel]] = []
                if isinstance(view, FactsSlideView):
                    pairs = list(zip(view.fact_labels, view.sources, strict=True))
                elif isinstance(view, TimelineSlideView):
                    pairs = [(title, source) for _, title, _, source in view.cells]
                for backed, source in pairs:
                    a, b = backed.geometry(), source.geometry()
                    assert b.top() >= a.bottom(), f"{slide.origin}: source above its text"
                    assert b.left() < a.right(), f"{slide.origin}: {source.text()!r} astray"
                    assert a.left() < b.right(), f"{slide.origin}: {source.text()!r} astray"
                    assert "UNODC" in source.text() or source.text().startswith(
                        ("Source", "Fuente")
                    ), source.text()


def test_a_dozen_events_wrap_into_rows_not_dust(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    events = "".join(
        f"""
      - date: {2000 + i}-0{1 + i % 9}
        title: "Event number {i} in a long history of small steps"
        detail: "A second line that says a little more about it"
        source: {{name: "A publisher, report {i}", url: "https://example.org/{i}"}}"""
        for i in range(12)
    )
    pack = load_pack(
        write_pack(
            PACK_HEAD
            + f"""
  - type: timeline
    heading: "Twelve events"
    events:{events}
"""
        )
    )
    for size in SIZES:
        # Twelve do not fit at the floors: pages, each in rows (or columns).
        for view in page_views(qtbot, pack, 0, "en", size):
            assert isinstance(view, TimelineSlideView)
            how, count = view.variant
            assert how == ("columns" if size.height() > size.width() else "rows")
            assert 1 <= count <= 3
            assert view.fit_scale >= 0
            assert layout_problems(view) == [], size


# -- QR codes --------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize(
    ("pack_name", "index"),
    list(resources_slides()),
    ids=[f"{n}-{i + 1:02d}" for n, i in resources_slides()],
)
def test_every_qr_code_decodes_to_its_url(pack_name: str, index: int, size: QSize) -> None:
    pack = bundled(pack_name)
    slide = pack.slides[index]
    assert isinstance(slide, ResourcesSlide)
    image = render_slide(slide, pack, pack.default_language, size)
    assert image.size() == size
    assert decoded_urls(image) == sorted(r.url for r in slide.resources)


def test_qr_code_is_crisp_dark_on_light_on_a_dark_theme(qtbot: QtBot) -> None:
    pack = bundled("2023")
    assert QColor(pack.theme.background).lightness() < 80  # the premise: a dark theme
    slide = next(s for s in pack.slides if isinstance(s, ResourcesSlide))
    view = make_view(qtbot, slide, pack, "en", QSize(1280, 720))
    assert isinstance(view, ResourcesSlideView)
    assert_crisp_qr_codes(view)


def test_phone_numbers_show_as_text(qtbot: QtBot, write_pack: Callable[..., Path]) -> None:
    pack = load_pack(
        write_pack(
            PACK_HEAD
            + """
  - type: resources
    heading: "Call"
    resources:
      - {name: "With a phone field", description: "d", url: "tel:+18883737888",
         phone: "1-888-373-7888"}
      - {name: "Number from the URL", description: "d", url: "sms:233733"}
      - {name: "Web only", description: "d", url: "https://example.org"}
"""
        )
    )
    view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1920, 1080))
    texts = [plain(label.text()) for label in view.findChildren(QLabel)]
    assert "1-888-373-7888" in texts
    assert "233733" in texts
    assert "+18883737888" not in texts  # the phone field wins over the URL
    assert layout_problems(view) == []


def test_each_card_is_one_tap_target_for_its_resource(qtbot: QtBot) -> None:
    pack = bundled("2023")
    slide = next(s for s in pack.slides if isinstance(s, ResourcesSlide))
    view = make_view(qtbot, slide, pack, "en", QSize(1280, 720))
    assert isinstance(view, ResourcesSlideView)
    assert isinstance(view, StageView)
    targets = view.tap_targets()
    assert [t.opens for t in targets] == list(slide.resources)
    assert [t.name for t in targets] == [pack.text(r.name, "en") for r in slide.resources]
    for index in (len(slide.resources) - 1, 0):
        # The middle of the card's text, not only the code: the card is one target.
        point = view.cards[index][1].geometry().center()
        hit = target_at(targets, point)
        assert hit is not None
        assert hit.opens == slide.resources[index]
    assert target_at(targets, QPoint(2, 2)) is None  # the margin


# -- text at its limits ---------------------------------------------------------------------

PACK_HEAD = """\
title: "Test pack"
year: 2023
date: 2023-07-30
languages: [en, es]
default_language: en
slides:
"""

FILLER = (
    "Victims and survivors deserve protection, support and justice in every community "
    "where they live, work or travel, whoever they are and wherever they come from. "
)


def text_of(length: int) -> str:
    """Ordinary words, exactly ``length`` characters, no trailing space."""
    text = (FILLER * (length // len(FILLER) + 1))[:length]
    return text[:-1] + "s" if text.endswith(" ") else text


def longest(model: type, key: str) -> str:
    declared = shape_of(model).field(key)
    assert declared is not None
    max_chars = getattr(declared.kind, "max_chars", None)
    assert max_chars is not None
    if key == "value":
        return "1,234,567+"[:max_chars]  # a figure, not words: it never wraps
    return json.dumps(text_of(max_chars), ensure_ascii=False)


def max_chars_pack() -> str:
    """Every slide kind with every text at its max_chars and every list at its longest."""

    def source() -> str:
        return f"{{name: {longest(Source, 'name')}, url: 'https://example.org/s'}}"

    slide_kinds = {name: kind.model for name, kind in kinds().items()}
    title = slide_kinds["title"]
    slides = [
        f"""
  - type: title
    day: {longest(title, "day")}
    date: {longest(title, "date")}
    theme: {longest(title, "theme")}
    quote: {longest(title, "quote")}
    quote_by: {longest(title, "quote_by")}"""
    ]
    facts = "".join(
        f"""
      - value: "{longest(Fact, "value")}"
        label: {longest(Fact, "label")}
        source: {source()}"""
        for _ in range(4)
    )
    slides.append(f"""
  - type: facts
    heading: {longest(slide_kinds["facts"], "heading")}
    facts:{facts}""")
    events = "".join(
        f"""
      - date: 20{10 + i}-07-30
        title: {longest(Event, "title")}
        detail: {longest(Event, "detail")}
        source: {source()}"""
        for i in range(EVENTS_AT_LIMIT)
    )
    slides.append(f"""
  - type: timeline
    heading: {longest(slide_kinds["timeline"], "heading")}
    events:{events}""")
    points = "".join(
        f"""
      - icon: fa6s.hand-holding-heart
        title: {longest(FailurePoint, "title")}
        action: {longest(FailurePoint, "action")}"""
        for _ in range(4)
    )
    slides.append(f"""
  - type: failures
    heading: {longest(slide_kinds["failures"], "heading")}
    intro: {longest(slide_kinds["failures"], "intro")}
    points:{points}""")
    resources = "".join(
        f"""
      - name: {longest(Resource, "name")}
        description: {longest(Resource, "description")}
        url: "https://example.org/resources/{i}/{"x" * 60}"
        phone: "{"+1 888 373 7888 ext. 1234 (24/7) free"[:40]}" """
        for i in range(6)
    )
    slides.append(f"""
  - type: resources
    heading: {longest(slide_kinds["resources"], "heading")}
    intro: {longest(slide_kinds["resources"], "intro")}
    resources:{resources}""")
    return PACK_HEAD + "".join(slides) + "\n"


# Twelve events each at every limit (90 + 120 + 90 characters) are more than a
# 720p screen holds above the readable floor; six at the limit do fit.
EVENTS_AT_LIMIT = 6


def test_text_at_max_chars_fits_at_720p(qtbot: QtBot, write_pack: Callable[..., Path]) -> None:
    pack = load_pack(write_pack(max_chars_pack()))
    kinds = [slide.kind for slide in pack.slides]
    assert kinds == ["title", "facts", "timeline", "failures", "resources"]
    for index, slide in enumerate(pack.slides):
        for view in page_views(qtbot, pack, index, "en", QSize(1280, 720)):
            assert view.fit_scale >= 0, f"{slide.kind}: below the readable floor"
            assert layout_problems(view) == [], slide.kind


def test_text_beyond_limits_shrinks_instead_of_clipping(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    """Past max_chars validate warns; the view still shows all of it, just smaller."""
    long_label = json.dumps(text_of(400))
    pack = load_pack(
        write_pack(
            PACK_HEAD
            + f"""
  - type: facts
    heading: "Too much"
    facts:
      - {{value: "1", label: {long_label}, source: {{name: "S", url: "https://example.org"}}}}
      - {{value: "2", label: {long_label}, source: {{name: "S", url: "https://example.org"}}}}
"""
        )
    )
    view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1280, 720))
    label = view.fact_labels[0]  # type: ignore[attr-defined]
    assert label.heightForWidth(label.width()) <= label.height()
    assert view.rect().contains(placed(label, view))


# -- the rest of the contract --------------------------------------------------------------


def test_views_take_no_text_interaction_and_no_timers(qtbot: QtBot) -> None:
    for name in PACKS:
        pack = bundled(name)
        for slide in pack.slides:
            view = make_view(qtbot, slide, pack, pack.default_language, QSize(1280, 720))
            assert view.accessibleName(), slide.origin
            assert view.accessibleDescription(), slide.origin
            assert view.findChildren(QTimer) == []
            for label in view.findChildren(QLabel):
                assert label.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
                assert label.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
                assert label.textFormat() == Qt.TextFormat.PlainText


def test_text_follows_the_language(qtbot: QtBot) -> None:
    pack = bundled("2023")
    slide = pack.slides[0]
    assert isinstance(slide, TitleSlide)
    for language, day in (("en", "World Day"), ("es", "Día Mundial")):
        view = make_view(qtbot, slide, pack, language, QSize(1920, 1080))
        assert day in view.accessibleName()
        texts = [plain(label.text()) for label in view.findChildren(QLabel)]
        assert any(day in text for text in texts)
        # Quoted with the language's own marks, as its locale writes them.
        quote = pack.text(slide.quote, language)
        assert QLocale(language).quoteString(quote) in texts
    # Not a table of ours: any language the locale knows, German here.
    german = make_view(qtbot, slide, pack, "de", QSize(1920, 1080))
    assert german.quote_label is not None
    assert german.quote_label.text().startswith("„")


def red_png(folder: Path) -> bytes:
    image = QImage(100, 50, QImage.Format.Format_RGB32)
    image.fill(QColor("#ff0000"))
    path = folder / "red.png"
    assert image.save(str(path))
    return path.read_bytes()


RED_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
    b'<rect width="100" height="50" fill="#ff0000"/></svg>'
)


@pytest.mark.parametrize("name", ["logo.svg", "logo.png"])
def test_title_slide_draws_its_logo(
    qtbot: QtBot, write_pack: Callable[..., Path], name: str, tmp_path: Path
) -> None:
    slide_yaml = (
        PACK_HEAD
        + f"""
  - type: title
    day: "World Day"
    date: "30 July"
    theme: "A theme"
    logo: images/{name}
"""
    )
    logo = RED_SVG if name.endswith(".svg") else red_png(tmp_path)
    pack = load_pack(write_pack(slide_yaml, {f"images/{name}": logo}))
    view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1920, 1080))
    assert isinstance(view, TitleSlideView)
    assert view.logo is not None
    assert not view.logo_rect.isEmpty()
    image = render_slide(pack.slides[0], pack, "en", QSize(1920, 1080))
    center = view.logo_rect.center()
    assert image.pixelColor(center).name() == "#ff0000"
    assert layout_problems(view) == []


@pytest.mark.qt_log_ignore(".*")  # Qt's SVG parser complains about the broken file: expected
def test_broken_logo_is_left_out(qtbot: QtBot, write_pack: Callable[..., Path]) -> None:
    folder = write_pack(
        PACK_HEAD
        + """
  - type: title
    day: "World Day"
    date: "30 July"
    theme: "A theme"
    logo: images/logo.svg
""",
        {"images/logo.svg": RED_SVG},
    )
    pack = load_pack(folder)
    # Validation refuses a broken logo; one broken after the pack was loaded is left out.
    (folder / "images" / "logo.svg").write_bytes(b"<svg this is not svg")
    view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1280, 720))
    assert isinstance(view, TitleSlideView)
    assert view.logo is None
    assert layout_problems(view) == []


def test_create_slide_view_refuses_an_unknown_kind() -> None:
    with pytest.raises(TypeError, match="no view"):
        create_slide_view(object(), context_for(bundled("2023"), "en"))  # type: ignore[arg-type]

"""Venue settings in the slide views: high contrast, large text, and what screen readers get.

Layout is checked with the same independent checks as every other slide test
(``slide_checks.layout_problems``); contrast on the rendered pixels; the
accessibility tree through Qt's accessibility API, as assistive technology reads it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QAccessible, QAccessibleInterface, QColor, QFontMetrics, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from slide_checks import (
    PACKS,
    SIZE_IDS,
    SIZES,
    assert_crisp_qr_codes,
    bundled,
    bundled_slide_ids,
    decoded_urls,
    layout_problems,
    make_view,
    page_views,
    placed,
    resources_slides,
)

from kiosk.export import render_pack, render_slide
from kiosk.pack.contrast import THEME_PAIRS, contrast_ratio
from kiosk.pack.model import Pack, Slide
from kiosk.slides.facts import FactsSlide
from kiosk.slides.failures import FailuresSlide
from kiosk.slides.resources import ResourcesSlide
from kiosk.slides.resources.view import ResourcesSlideView
from kiosk.slides.timeline import TimelineSlide
from kiosk.slides.title import TitleSlide
from kiosk.typeset import plain
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import (
    Card,
    Dot,
    SlideContext,
    SlideView,
    Stroke,
    as_sentence,
    create_slide_view,
    spoken_line,
)
from kiosk.ui.theme import (
    LARGE_TEXT_FLOOR,
    ROLE_SIZES,
    Metrics,
    TextRole,
    UiTheme,
    cap_floor_px,
)
from kiosk.ui.widgets import icon as icon_module
from kiosk.ui.widgets.contact import contact_text
from kiosk.ui.widgets.qr import QrView, qr_spoken
from kiosk.ui.widgets.source_line import source_text

AAA = 7.0  # WCAG 2 level AAA, normal text
NON_TEXT = 3.0  # WCAG 2.1 1.4.11: edges of shapes that carry meaning

MODES = {
    "high-contrast": {"high_contrast": True},
    "large-text": {"large_text": True},
    "both": {"high_contrast": True, "large_text": True},
}
SLIDE_IDS = [f"{n}-{i + 1:02d}" for n, i in bundled_slide_ids()]


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


# -- high contrast: the colours ------------------------------------------------------------


def test_high_contrast_theme_reaches_aaa_for_every_pair_it_draws() -> None:
    theme = UiTheme.high_contrast()
    for fg, bg, use in THEME_PAIRS:
        ratio = contrast_ratio(theme.color(fg).name(), theme.color(bg).name())
        assert ratio >= AAA, f"{use}: {fg} on {bg} is {ratio:.2f}:1"
    assert theme.background.name() == "#000000"
    assert theme.text.name() == "#ffffff"
    # Cards are told from the background by their outline, not by a faint fill.
    assert theme.outline is not None
    for ground in (theme.background, theme.surface):
        assert contrast_ratio(theme.outline.name(), ground.name()) >= NON_TEXT
    assert theme.surface != theme.background
    assert theme.solid_marks


@pytest.mark.parametrize("pack_name", PACKS)
def test_high_contrast_ignores_the_pack_colours(pack_name: str) -> None:
    pack = bundled(pack_name)
    theme = UiTheme.from_pack(pack.theme, high_contrast=True)
    assert theme == UiTheme.high_contrast()
    assert theme.is_high_contrast
    assert not UiTheme.from_pack(pack.theme).is_high_contrast
    assert UiTheme.from_pack(pack.theme).outline is None  # the usual look is unchanged


def ink_contrast(image: QImage, rect: QRect) -> tuple[float, str, str]:
    """(ratio, ink, ground) of the strongest colour in ``rect`` against its commonest one.

    The commonest colour is what the text sits on; the ink is the pixel that
    stands out most from it (a glyph's core, where antialiasing has not thinned it).
    """
    region = image.copy(rect).convertToFormat(QImage.Format.Format_RGB32)
    pixels = Counter(memoryview(region.constBits()).cast("I"))  # 0xffRRGGBB each

    def hex_of(pixel: int) -> str:
        return f"#{pixel & 0xFFFFFF:06x}"

    ground = hex_of(pixels.most_common(1)[0][0])
    ink = max((hex_of(p) for p in pixels), key=lambda c: contrast_ratio(c, ground))
    return contrast_ratio(ink, ground), ink, ground


@pytest.mark.parametrize(("pack_name", "index"), list(bundled_slide_ids()), ids=SLIDE_IDS)
def test_high_contrast_text_on_screen_reaches_aaa(qtbot: QtBot, pack_name: str, index: int) -> None:
    """Measured on the rendered pixels: every label's text against what it is drawn on."""
    pack = bundled(pack_name)
    view = make_view(
        qtbot,
        pack.slides[index],
        pack,
        pack.default_language,
        QSize(1920, 1080),
        high_contrast=True,
    )
    image = view.grab().toImage()
    assert image.pixelColor(2, 2).name() == "#000000"
    for label in view.findChildren(QLabel):
        ratio, ink, ground = ink_contrast(image, placed(label, view))
        assert ratio >= AAA, f"{label.text()[:40]!r}: {ink} on {ground} is {ratio:.2f}:1"
        assert ground in ("#000000", UiTheme.high_contrast().surface.name())
    # Nothing translucent: a see-through mark is a mid-tone, which high contrast avoids.
    for item in view.decorations:
        colors = [item.color] if isinstance(item, Card | Stroke | Dot) else []
        assert all(color.alpha() == 255 for color in colors), item
        if isinstance(item, Card):
            assert item.outline is not None
            assert item.outline_width >= 2


def test_the_pixel_measure_sees_low_contrast(qtbot: QtBot) -> None:
    """The measure above can fail: grey sources on a grey card (2.9:1) come out low."""
    pack = bundled("2023")
    slide = next(s for s in pack.slides if isinstance(s, FactsSlide))
    greys = UiTheme(
        background=QColor("#000000"),
        surface=QColor("#444444"),
        text=QColor("#ffffff"),
        muted=QColor("#999999"),
        accent=QColor("#ffe14d"),
    )
    view = create_slide_view(slide, SlideContext(pack, "en", greys))
    qtbot.addWidget(view)
    view.resize(QSize(1920, 1080))
    view.relayout()
    image = view.grab().toImage()
    for label in view.sources:  # type: ignore[attr-defined]
        ratio, ink, ground = ink_contrast(image, placed(label, view))
        assert (ink, ground) == ("#999999", "#444444")
        assert ratio < 4.5  # below even AA


def test_qr_codes_stay_dark_on_light_in_high_contrast(qtbot: QtBot) -> None:
    pack = bundled("2023")
    slide = next(s for s in pack.slides if isinstance(s, ResourcesSlide))
    view = make_view(qtbot, slide, pack, "en", QSize(1280, 720), high_contrast=True)
    assert isinstance(view, ResourcesSlideView)
    assert_crisp_qr_codes(view)


# -- large text: the sizes ---------------------------------------------------------------------


def test_large_text_raises_every_role_range() -> None:
    """Every role's floor (its capitals, as Qt measures them) and nominal size are
    raised: the floors by at least LARGE_TEXT_FLOOR, 25 %."""
    for role, size in ROLE_SIZES.items():
        usual, large = Metrics(1920, 1080), Metrics(1920, 1080, large_text=True)
        usual_cap = QFontMetrics(usual.with_scale(0.0).font(role)).capHeight()
        large_cap = QFontMetrics(large.with_scale(0.0).font(role)).capHeight()
        assert large_cap >= cap_floor_px(size.tier, 1080, large_text=True), role
        assert large_cap >= LARGE_TEXT_FLOOR * cap_floor_px(size.tier, 1080) - 1e-6, role
        assert large_cap > usual_cap, role
        assert large.font_px(role) > usual.font_px(role), role
    assert LARGE_TEXT_FLOOR >= 1.25
    assert Metrics(1920, 1080, 0.0, large_text=True).readable
    assert not Metrics(1920, 1080, -0.01, large_text=True).readable


@pytest.mark.parametrize("mode", list(MODES), ids=list(MODES))
@pytest.mark.parametrize(("pack_name", "index"), list(bundled_slide_ids()), ids=SLIDE_IDS)
def test_bundled_slide_lays_out_in_venue_modes(
    qtbot: QtBot, pack_name: str, index: int, mode: str
) -> None:
    pack = bundled(pack_name)
    slide = pack.slides[index]
    for size in SIZES:
        for language in pack.languages:
            views = page_views(qtbot, pack, index, language, size, **MODES[mode])
            for number, view in enumerate(views, 1):
                where = f"{slide.origin} ({slide.kind}, {language}, {size.width()}x{size.height()}"
                where += f", page {number})"
                assert view.fit_metrics is not None
                assert view.fit_metrics.large_text == MODES[mode].get("large_text", False)
                assert view.fit_metrics.readable, f"{where}: below the readable floor"
                assert layout_problems(view) == [], where
                assert view.size() == size


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_large_text_is_larger(qtbot: QtBot, size: QSize) -> None:
    """Every bundled slide gets larger text, its smallest text first, and every page
    of it stays at the raised floors (a slide that no longer fits pages instead)."""
    for pack_name, index in bundled_slide_ids():
        pack = bundled(pack_name)
        slide = pack.slides[index]
        language = pack.default_language
        usual = page_views(qtbot, pack, index, language, size)
        large = page_views(qtbot, pack, index, language, size, large_text=True)
        before = [label.font().pixelSize() for view in usual for label in view.labels()]
        after = [label.font().pixelSize() for view in large for label in view.labels()]
        where = f"{slide.origin} ({slide.kind}) at {size.width()}x{size.height()}"
        assert min(after) > min(before), f"{where}: its smallest text did not grow"
        assert len(large) >= len(usual), f"{where}: fewer pages in large text"
        for view in large:
            assert view.fit_metrics is not None
            assert view.fit_metrics.readable, f"{where}: below the raised floors"
            assert layout_problems(view) == [], where


@pytest.mark.parametrize("mode", list(MODES), ids=list(MODES))
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_qr_codes_decode_in_venue_modes(size: QSize, mode: str) -> None:
    for pack_name, index in resources_slides():
        pack = bundled(pack_name)
        slide = pack.slides[index]
        assert isinstance(slide, ResourcesSlide)
        image = render_slide(slide, pack, pack.default_language, size, **MODES[mode])
        assert image.size() == size
        assert decoded_urls(image) == sorted(r.url for r in slide.resources), slide.origin


def test_render_pack_in_high_contrast_and_large_text(tmp_path: Path) -> None:
    pack = bundled("2024")
    written = render_pack(
        pack, tmp_path, QSize(640, 360), None, high_contrast=True, large_text=True
    )
    # A picture per page of every slide (large text pages more).
    assert {path.name[:2] for path in written} == {
        f"{n:02d}" for n in range(1, len(pack.slides) + 1)
    }
    assert QImage(str(written[0])).pixelColor(2, 2) == QColor("#000000")


# -- the accessibility tree -----------------------------------------------------------------


def interface(view: SlideView) -> QAccessibleInterface:
    found = QAccessible.queryAccessibleInterface(view)
    assert found is not None
    assert found.isValid()
    return found


def children(iface: QAccessibleInterface) -> list[QAccessibleInterface]:
    return [iface.child(i) for i in range(iface.childCount())]


def name_of(iface: QAccessibleInterface) -> str:
    return iface.text(QAccessible.Text.Name)


def expected_reading(slide: Slide, pack: Pack, language: str) -> tuple[str, list[str]]:
    """The slide's name and its texts in reading order, from the model alone."""

    def t(value: object) -> str:
        return pack.text(value, language) if value is not None else ""  # type: ignore[arg-type]

    def source(value: object) -> str:
        return source_text(t(value), language)

    texts: list[str] = []
    if isinstance(slide, TitleSlide):
        name = t(slide.day)
        texts += [t(slide.date), t(slide.theme), t(slide.quote), t(slide.quote_by)]
    elif isinstance(slide, FactsSlide):
        name = t(slide.heading)
        for fact in slide.facts:
            texts += [t(fact.value), t(fact.label), source(fact.source.name)]
    elif isinstance(slide, TimelineSlide):
        name = t(slide.heading)
        for event in slide.events:
            texts += [
                event.date.display(language),
                t(event.title),
                t(event.detail),
                source(event.source.name),
            ]
    elif isinstance(slide, FailuresSlide):
        name = t(slide.heading)
        texts.append(t(slide.intro))
        for point in slide.points:
            texts += [t(point.title), t(point.action)]
    elif isinstance(slide, ResourcesSlide):
        name = t(slide.heading)
        texts.append(t(slide.intro))
        for resource in slide.resources:
            contact = contact_text(resource.url, resource.phone)
            texts += [
                t(resource.name),
                t(resource.description),
                contact[1] if contact else str(urlsplit(resource.url).hostname),
            ]
    else:  # pragma: no cover - every kind is listed
        raise AssertionError(slide.kind)
    return name, [text for text in texts if text]


def assert_in_order(haystack: str, needles: Sequence[str], what: str) -> None:
    haystack = plain(haystack)  # a no-break space is a space to a screen reader
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        assert found >= 0, f"{what}: {needle!r} missing (or out of order) in {haystack!r}"
        at = found + len(needle)


def every_language_slide() -> Iterator[tuple[str, int, str]]:
    for name, index in bundled_slide_ids():
        for language in bundled(name).languages:
            yield name, index, language


@pytest.mark.parametrize(
    ("pack_name", "index", "language"),
    list(every_language_slide()),
    ids=[f"{n}-{i + 1:02d}-{lang}" for n, i, lang in every_language_slide()],
)
def test_accessible_tree_reads_the_whole_slide(
    qtbot: QtBot, pack_name: str, index: int, language: str
) -> None:
    pack = bundled(pack_name)
    slide = pack.slides[index]
    view = make_view(qtbot, slide, pack, language, QSize(1280, 720))
    iface = interface(view)
    name, texts = expected_reading(slide, pack, language)
    assert name_of(iface) == name
    description = iface.text(QAccessible.Text.Description)
    assert_in_order(description, texts, f"{slide.origin} description")
    spoken = view.spoken_text()
    assert spoken.startswith(name)
    assert_in_order(spoken, [name, *texts], f"{slide.origin} spoken text")
    # The children: every label and code, each named, in reading order, and nothing
    # else (no nameless icon or logo objects to stop at).
    kids = children(iface)
    names = [name_of(kid) for kid in kids]
    assert len(kids) == len(view.labels()) + len(view.findChildren(QrView))
    assert all(n.strip() for n in names), names
    assert_in_order("\n".join(names), [name, *texts], f"{slide.origin} children")
    for kid in kids:
        assert kid.childCount() == 0


def test_qr_codes_say_what_they_open_in_the_tree(qtbot: QtBot) -> None:
    pack = bundled("2023")
    slide = next(
        s
        for s in pack.slides
        if isinstance(s, ResourcesSlide) and any(r.url.startswith("https:") for r in s.resources)
    )
    for language, opens in (("en", "QR code: opens "), ("es", "Código QR: abre ")):
        view = make_view(qtbot, slide, pack, language, QSize(1920, 1080))
        codes = [
            kid
            for kid in children(interface(view))
            if kid.text(QAccessible.Text.Description).startswith(("http", "tel", "sms"))
        ]
        assert len(codes) == len(slide.resources)
        web = [kid for kid in codes if kid.text(QAccessible.Text.Description).startswith("http")]
        assert web
        for kid in web:
            url = kid.text(QAccessible.Text.Description)
            assert name_of(kid) == f"{opens}{urlsplit(url).hostname}"


def test_an_ampersand_is_read_as_written(qtbot: QtBot) -> None:
    """A label is named by its text exactly: "&" is not taken for a shortcut marker."""
    pack = bundled("2023")
    for slide in pack.slides:
        view = make_view(qtbot, slide, pack, "en", QSize(1280, 720))
        written = [label.text() for label in view.labels() if "&" in label.text()]
        if written:
            names = [name_of(kid) for kid in children(interface(view))]
            assert all(text in names for text in written), (written, names)
            return
    pytest.fail("no bundled text with an ampersand to check")


def test_accessible_text_differs_between_slides_and_follows_the_language(qtbot: QtBot) -> None:
    pack = bundled("2023")
    seen: dict[str, set[str]] = {"en": set(), "es": set()}
    for slide in pack.slides:
        by_language = {}
        for language in ("en", "es"):
            view = make_view(qtbot, slide, pack, language, QSize(1280, 720))
            iface = interface(view)
            name, _ = expected_reading(slide, pack, language)
            assert name_of(iface) == name
            description = iface.text(QAccessible.Text.Description)
            assert description not in seen[language], f"{slide.origin}: same as another slide"
            seen[language].add(description)
            by_language[language] = (name_of(iface), description, view.spoken_text())
        assert by_language["en"] != by_language["es"]
        assert by_language["en"][1] != by_language["es"][1]
    title = make_view(qtbot, pack.slides[0], pack, "es", QSize(1280, 720))
    assert name_of(interface(title)).startswith("Día Mundial")
    assert "Fuente:" in "\n".join(seen["es"])
    assert "Source:" not in "\n".join(seen["es"])


def test_venue_modes_do_not_change_what_is_read(qtbot: QtBot) -> None:
    pack = bundled("2024")
    for slide in pack.slides:
        usual = make_view(qtbot, slide, pack, "en", QSize(1280, 720))
        both = make_view(
            qtbot, slide, pack, "en", QSize(1280, 720), high_contrast=True, large_text=True
        )
        assert both.spoken_text() == usual.spoken_text()


# -- the pieces --------------------------------------------------------------------------------


def test_sentences_end_in_punctuation_once() -> None:
    assert as_sentence("41 %") == "41 %."
    assert as_sentence("Call now!") == "Call now!"
    assert as_sentence("«leave no one behind»") == "«leave no one behind»."
    assert as_sentence("“done.”") == "“done.”"
    assert as_sentence("Source: UN (30 July 2010)") == "Source: UN (30 July 2010)."
    assert spoken_line("A", None, "", "b.") == "A. b."


def test_qr_spoken_names_what_scanning_does() -> None:
    assert qr_spoken("https://www.unodc.org/x/y.html", "en") == "QR code: opens www.unodc.org"
    assert qr_spoken("tel:+18883737888", "en") == "QR code: calls +18883737888"
    assert qr_spoken("sms:233733", "es") == "Código QR: envía un SMS al 233733"
    assert qr_spoken("mailto:help@example.org", "es") == "Código QR: escribe a help@example.org"
    # A language with no catalogue of the kiosk's words hears them in English.
    assert qr_spoken("https://example.org", "sw") == "QR code: opens example.org"
    assert qr_spoken("tel:", "en") == "QR code"


def test_icons_are_redrawn_when_the_theme_changes(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import qtawesome

    resets: list[None] = []
    monkeypatch.setattr(qtawesome, "reset_cache", lambda: resets.append(None))
    pack = bundled("2023")
    slide = next(s for s in pack.slides if isinstance(s, FailuresSlide))
    make_view(qtbot, slide, pack, "en", QSize(640, 360))
    resets.clear()
    make_view(qtbot, slide, pack, "es", QSize(640, 360))  # same theme: keep the cache
    assert resets == []
    make_view(qtbot, slide, pack, "en", QSize(640, 360), high_contrast=True)
    assert len(resets) == 1
    icon_module.use_icon_theme(UiTheme.high_contrast())  # still the same theme
    assert len(resets) == 1


def test_context_keeps_its_three_argument_form() -> None:
    pack = bundled("2023")
    context = SlideContext(pack, "en", UiTheme.from_pack(pack.theme))
    assert context.large_text is False
    assert SlideContext(pack, "en", UiTheme.high_contrast(), large_text=True).large_text
    assert TextRole.SOURCE in ROLE_SIZES

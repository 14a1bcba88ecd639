"""What the slide tests share: the bundled packs, views built at a size, and the layout checks.

The layout checks are written independently of the views' own fit: they look at
the labels as placed, the way a visitor would see them (text clipped, cut off by
the screen edge, drawn over other text, too small to read).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

import shiboken6
import zxingcpp
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack, Slide
from kiosk.paths import content_dir
from kiosk.slides.resources import ResourcesSlide
from kiosk.ui.deck import Deck, view_of_page
from kiosk.ui.slide_view import Glyph, Picture, SlideContext, SlideView, create_slide_view
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.qr import QrView

SIZES = [QSize(1280, 720), QSize(1920, 1080), QSize(3840, 2160), QSize(1080, 1920)]
SIZE_IDS = [f"{s.width()}x{s.height()}" for s in SIZES]
PACKS = ("2023", "2024")

# Smallest text, as a share of the screen's short side: a source line at 1080 px
# is then at least 17 px, about 11 mm on a 55" screen, read from two metres.
MIN_TEXT_SHARE = 0.016
# The smallest QR module (kiosk.ui.theme.QR_MIN_MODULE_SHARE): 1/270 of the short side.
MIN_MODULE_SHARE = 1 / 270

PACK_CACHE: dict[str, Pack] = {}


def bundled(name: str) -> Pack:
    if name not in PACK_CACHE:
        PACK_CACHE[name] = load_pack(content_dir() / name)
    return PACK_CACHE[name]


def bundled_slide_ids() -> Iterator[tuple[str, int]]:
    for name in PACKS:
        for index in range(len(bundled(name).slides)):
            yield name, index


def resources_slides() -> Iterator[tuple[str, int]]:
    for name in PACKS:
        for index, slide in enumerate(bundled(name).slides):
            if isinstance(slide, ResourcesSlide):
                yield name, index


def context_for(
    pack: Pack, language: str, *, high_contrast: bool = False, large_text: bool = False
) -> SlideContext:
    theme = UiTheme.from_pack(pack.theme, high_contrast=high_contrast)
    return SlideContext(pack, language, theme, large_text=large_text)


def make_view(
    qtbot: QtBot,
    slide: Slide,
    pack: Pack,
    language: str,
    size: QSize,
    *,
    high_contrast: bool = False,
    large_text: bool = False,
) -> SlideView:
    context = context_for(pack, language, high_contrast=high_contrast, large_text=large_text)
    view = create_slide_view(slide, context)
    qtbot.addWidget(view)
    view.resize(size)
    view.relayout()
    return view


def page_views(
    qtbot: QtBot,
    pack: Pack,
    index: int,
    language: str,
    size: QSize,
    *,
    high_contrast: bool = False,
    large_text: bool = False,
) -> list[SlideView]:
    """Slide ``index`` of ``pack`` as the kiosk shows it on ``size``: one view per page
    (``kiosk.ui.deck``; one for a slide that fits on one page), each laid out."""
    context = context_for(pack, language, high_contrast=high_contrast, large_text=large_text)
    deck = Deck(context, size)
    views = []
    for number in range(1, deck.page_count(index) + 1):
        view = view_of_page(deck, index, number, size)
        qtbot.addWidget(view)
        views.append(view)
    return views


def decoded_urls(image: QImage) -> list[str]:
    """Every QR code a phone-grade decoder finds in ``image``, sorted."""
    return sorted(result.text for result in zxingcpp.read_barcodes(image))


# -- what a visitor would see ---------------------------------------------------------

_BREAKS = re.compile(r"[ \t\n]+")


def placed(widget: QWidget, view: QWidget) -> QRect:
    return QRect(widget.mapTo(view, QPoint(0, 0)), widget.size())


def assert_crisp_qr_codes(view: SlideView) -> None:
    """Every QR code on ``view`` is pure black and white with a light 4-module quiet zone."""
    image = view.grab().toImage()
    for code in view.findChildren(QrView):
        rect = placed(code, view)
        colours = {
            image.pixelColor(x, y).name()
            for y in range(rect.top(), rect.bottom() + 1)
            for x in range(rect.left(), rect.right() + 1, 3)
        }
        # Only pure black and white: no antialiased grey, no theme colour.
        assert colours == {"#000000", "#ffffff"}, code.url
        module = code.module_px()
        side = module * code.modules
        left = rect.left() + (rect.width() - side) // 2
        top = rect.top() + (rect.height() - side) // 2
        for offset in range(4 * module):  # the quiet zone: four light modules
            assert image.pixelColor(left + offset, top + side // 2).name() == "#ffffff"
            assert image.pixelColor(left + side // 2, top + offset).name() == "#ffffff"


def painted_marks(view: SlideView) -> list[tuple[str, QRect]]:
    """Icons and pictures the view paints itself, as (what, where); not a backdrop,
    which text may sit on."""
    return [
        (f"{type(item).__name__} {i}", item.rect)
        for i, item in enumerate(view.decorations)
        if isinstance(item, Glyph) or (isinstance(item, Picture) and not item.backdrop)
    ]


def layout_problems(
    view: SlideView, min_text_share: float = MIN_TEXT_SHARE, *, needs_text: bool = True
) -> list[str]:
    """Everything wrong with how ``view``'s text and codes are placed; [] when all is well.

    ``needs_text=False`` for a slide that may show no text (a picture without caption).
    """
    problems: list[str] = []
    area = view.rect()
    short_side = min(view.width(), view.height())
    labels = [lb for lb in view.findChildren(QLabel) if lb.text() and not lb.isHidden()]
    if not labels and needs_text:
        problems.append("no text at all")
    for label in labels:
        name = repr(label.text()[:40])
        rect = placed(label, view)
        metrics = label.fontMetrics()
        inner = label.contentsRect()
        if not area.contains(rect):
            problems.append(f"{name} runs off the slide: {rect} not in {area}")
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height():
                problems.append(
                    f"{name} is cut at the bottom: needs {needed} px, has {label.height()}"
                )
            for word in _BREAKS.split(label.text()):
                if metrics.horizontalAdvance(word) > inner.width():
                    problems.append(f"{name}: the word {word!r} is wider than the label")
        else:
            if metrics.horizontalAdvance(label.text()) > inner.width():
                problems.append(
                    f"{name} is cut at the side: needs "
                    f"{metrics.horizontalAdvance(label.text())} px, has "
                    f"{inner.width()}"
                )
            if metrics.height() > label.height():
                problems.append(f"{name} is cut at the bottom")
        if label.font().pixelSize() < min_text_share * short_side:
            problems.append(f"{name} is too small to read: {label.font().pixelSize()} px")
    solid: list[tuple[str, QRect]] = [
        *((describe(w), placed(w, view)) for w in [*labels, *view.findChildren(QrView)]),
        *painted_marks(view),
    ]
    for what, rect in painted_marks(view):
        if not area.contains(rect):
            problems.append(f"{what} runs off the slide: {rect}")
    for i, (first, a) in enumerate(solid):
        for second, b in solid[i + 1 :]:
            if a.intersects(b):
                problems.append(f"{first} at {a} overlaps {second} at {b}")
    for code in view.findChildren(QrView):
        rect = placed(code, view)
        if not area.contains(rect):
            problems.append(f"QR code {code.url} runs off the slide")
        if code.module_px() < max(3, MIN_MODULE_SHARE * short_side - 1):
            problems.append(f"QR code {code.url} has {code.module_px()} px modules")
    return problems


def describe(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return repr(widget.text()[:30])
    if isinstance(widget, QrView):
        return f"QR code {widget.url}"
    return type(widget).__name__


# -- every size, every venue mode ---------------------------------------------------------

VENUE_MODES: dict[str, dict[str, bool]] = {
    "normal": {},
    "high-contrast": {"high_contrast": True},
    "large-text": {"large_text": True},
}


def venue_problems(slide: Slide, pack: Pack, *, needs_text: bool = True) -> list[str]:
    """What is wrong with ``slide`` at any of the four sizes, in any venue mode and any
    of the pack's languages: drawn below the readable floor, or any ``layout_problems``.

    Each view is deleted once checked, not kept to the end of the test: two dozen views
    of a large picture would hold a gigabyte.
    """
    problems: list[str] = []
    for size in SIZES:
        for mode, options in VENUE_MODES.items():
            for language in pack.languages:
                context = context_for(pack, language, **options)
                deck = Deck(context, size)
                index = pack.slides.index(slide)
                for number in range(1, deck.page_count(index) + 1):
                    view = view_of_page(deck, index, number, size)
                    where = f"{slide.kind} {size.width()}x{size.height()} {mode} {language}"
                    where += f" page {number}"
                    assert view.fit_metrics is not None
                    if not view.fit_metrics.readable:
                        problems.append(f"{where}: below the readable floor")
                    problems += [
                        f"{where}: {p}" for p in layout_problems(view, needs_text=needs_text)
                    ]
                    shiboken6.delete(view)
    return problems


def qr_side_shares(image: QImage) -> dict[str, float]:
    """Each decoded code's side, quiet zone excluded, as a share of the image's short
    side: measured from the corners the decoder reports, not from the view."""
    shares: dict[str, float] = {}
    short = min(image.width(), image.height())
    for result in zxingcpp.read_barcodes(image):
        p = result.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        edges = [
            math.dist((a.x, a.y), (b.x, b.y))
            for a, b in zip(corners, corners[1:] + corners[:1], strict=True)
        ]
        shares[result.text] = sum(edges) / len(edges) / short
    return shares

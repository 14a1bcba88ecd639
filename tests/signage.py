"""Every page of every bundled pack drawn once, in every size, language and venue mode,
and measured the way a designer of public signage would: what the tests of
test_signage.py assert on.

Drawing is the costly part, so each page is drawn once and measured for every rule
at once (``findings``); a test reads the findings of its rule. The measurements
trust nothing the views say about sizes: cap heights come from the fonts the labels
were given, line breaks from laying their text out again, code sizes from a real
decoder, empty bands from the picture's pixels. Only which role each label plays
(primary or secondary text) is taken from the view, since that is what it says a
text is.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import shiboken6
import zxingcpp
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QImage, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel

from kiosk.options import Mode, RunOptions
from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack
from kiosk.paths import content_dir
from kiosk.slides import kind_of
from kiosk.slides.facts import FactsSlide
from kiosk.ui.deck import Deck
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.player import Player
from kiosk.ui.slide_view import SlideContext, SlideView, create_slide_view
from kiosk.ui.theme import CAP_FLOOR, LARGE_TEXT_FLOOR, ROLE_SIZES, Tier, UiTheme
from kiosk.ui.widgets.qr import QrView
from kiosk.ui.window import KioskWindow
from kiosk.urls import is_web

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "digital-inclusion-week"
PACKS: dict[str, Path] = {
    "2023": content_dir() / "2023",
    "2024": content_dir() / "2024",
    "2025": content_dir() / "2025",
    "example": EXAMPLE,
}
SIZES = [QSize(1280, 720), QSize(1920, 1080), QSize(3840, 2160), QSize(1080, 1920)]
MODES = ("normal", "touch", "high-contrast", "large-text")

# The rules of public-information signage, as measured here.
PRIMARY_CAP = 0.025  # of the screen's shorter side
SECONDARY_CAP = 0.018
LARGE_RAISE = 1.25
MAX_EMPTY_BAND = 0.12  # of the height, between 5 % and 95 % of it
MIN_CODE_SIDE = 0.15  # of the screen's shorter side, quiet zone excluded


@dataclass
class Findings:
    """What is wrong on one drawn page, rule by rule (empty lists: all is well)."""

    where: str
    floors: list[str] = field(default_factory=list)
    bands: list[str] = field(default_factory=list)
    breaks: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    # Measured, for rules over a whole pack: (url, side in px) of every decoded code.
    code_sides: list[tuple[str, float]] = field(default_factory=list)
    smallest_cap: dict[str, float] = field(default_factory=dict)  # by tier


@cache
def bundled(name: str) -> Pack:
    return load_pack(PACKS[name])


@cache
def touch_slide_area(width: int, height: int) -> QSize:
    """The area a touch-mode window gives its slides at this size (above its bar)."""
    ensure_app()
    player = Player(bundled("2023"), mode=Mode.TOUCH)
    window = KioskWindow(player, RunOptions(windowed=(width, height)), hide_cursor=False)
    try:
        return QSize(window.stage.size())
    finally:
        window.close()
        shiboken6.delete(window)
        shiboken6.delete(player)


def context_for(pack: Pack, language: str, mode: str, size: QSize) -> tuple[SlideContext, QSize]:
    """The context a kiosk in ``mode`` draws with on a ``size`` screen, and the area
    its slides get."""
    theme = UiTheme.from_pack(pack.theme, high_contrast=mode == "high-contrast")
    context = SlideContext(
        pack,
        language,
        theme,
        large_text=mode == "large-text",
        screen=(size.width(), size.height()),
    )
    area = touch_slide_area(size.width(), size.height()) if mode == "touch" else size
    return context, area


def render(view: SlideView) -> QImage:
    image = QImage(view.size(), QImage.Format.Format_RGB32)
    image.fill(view.theme.background)
    view.render(image)
    return image


# -- the rules -------------------------------------------------------------------------


def cap_floor(tier: Tier, short: int, large: bool) -> float:
    share = PRIMARY_CAP if tier is Tier.PRIMARY else SECONDARY_CAP
    return share * short * (LARGE_RAISE if large else 1.0)


def floor_problems(view: SlideView, short: int, large: bool, found: Findings) -> None:
    # The views' theme must ask at least as much as these rules.
    assert CAP_FLOOR[Tier.PRIMARY] >= PRIMARY_CAP
    assert CAP_FLOOR[Tier.SECONDARY] >= SECONDARY_CAP
    assert LARGE_TEXT_FLOOR >= LARGE_RAISE
    # Drawn at the view's own pixels: the scale is the picture's over the view's.
    scale = 1.0
    for label, role in view.text_roles():
        if label.isHidden() or not label.text().strip():
            continue
        tier = ROLE_SIZES[role].tier
        cap = QFontMetrics(label.font()).capHeight() * scale
        least = cap_floor(tier, short, large)
        found.smallest_cap[tier.value] = min(cap, found.smallest_cap.get(tier.value, cap))
        if cap < least - 1e-6:
            found.floors.append(
                f"{tier.value} {role.value} {label.text()[:40]!r}: capitals {cap:.1f} px, "
                f"less than {least:.1f}"
            )


def band_problems(image: QImage, background: str, found: Findings) -> None:
    """The tallest run of rows showing nothing but the background, between 5 % and
    95 % of the height."""
    height = image.height()
    width = image.width()
    plain = QImage(width, 1, QImage.Format.Format_RGB32)
    plain.fill(background)
    empty_row = bytes(plain.constBits())[: width * 4]
    bits = bytes(image.constBits())
    stride = image.bytesPerLine()
    top, bottom = math.ceil(0.05 * height), math.floor(0.95 * height)
    run = longest = 0
    for y in range(top, bottom):
        row = bits[y * stride : y * stride + width * 4]
        run = run + 1 if row == empty_row else 0
        longest = max(longest, run)
    if longest > MAX_EMPTY_BAND * height:
        found.bands.append(f"an empty band {longest} px tall ({longest / height:.0%})")


# Independent of kiosk.typeset: what may never be broken, found in the visible text.
EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
]
ES_MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "ene",
    "feb",
    "mar",
    "abr",
    "may",
    "jun",
    "jul",
    "ago",
    "sep",
    "sept",
    "oct",
    "nov",
    "dic",
]
_MONTH = "(?:" + "|".join(sorted(EN_MONTHS + ES_MONTHS, key=len, reverse=True)) + r")\.?"
UNBREAKABLE = {
    "date": re.compile(
        rf"\b\d{{1,2}} (?:de )?{_MONTH}(?:,? (?:de )?\d{{4}})?\b"
        rf"|\b{_MONTH} \d{{1,2}}, \d{{4}}\b|\b{_MONTH} (?:de )?\d{{4}}\b",
        re.IGNORECASE,
    ),
    "document symbol": re.compile(r"\b[A-Za-z0-9.]+(?:/[A-Za-z0-9.]+)+\b"),
    "phone number": re.compile(r"\+?\b\d{1,5}(?:[ -]\d{2,5}){2,}\b"),
    "short group in brackets": re.compile(r"\((?:[^() ]+ ?){1,3}\)"),
    "web address": re.compile(r"\bhttps?://\S+|\bwww\.\S+|\b[\w-]+\.(?:org|com|int|es|gov)/\S*"),
    "compound word": re.compile(r"\w+(?:-\w+)+"),
}


def visible(text: str) -> tuple[str, list[int]]:
    """``text`` as a reader sees it (no joiners, ordinary spaces), and for each of
    its characters where it is in ``text``."""
    shown, where = [], []
    for index, char in enumerate(text):
        if char == "\u2060":
            continue
        shown.append(" " if char == "\u00a0" else char)
        where.append(index)
    return "".join(shown), where


def line_starts(label: QLabel) -> list[int]:
    """Where each line of ``label`` after the first starts in its text, laid out as it
    is drawn: the label's font, its width, word wrap."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    starts = []
    width = label.contentsRect().width()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    return starts[1:]


def break_problems(view: SlideView, found: Findings) -> None:
    for label in view.labels():
        if label.isHidden() or not label.wordWrap() or not label.text():
            continue
        shown, where = visible(label.text())
        starts = set(line_starts(label))
        # Each break as a position in the visible text: where the next line starts.
        breaks = [i for i, original in enumerate(where) if original in starts and i > 0]
        lines = len(breaks) + 1
        drawn = label.height() // max(1, label.fontMetrics().lineSpacing())
        if lines > max(1, drawn) + 1:  # the label must show what we think it shows
            found.breaks.append(f"{shown[:40]!r}: laid out in {lines} lines, drawn in {drawn}")
        for rule, pattern in UNBREAKABLE.items():
            for match in pattern.finditer(shown):
                inside = [b for b in breaks if match.start() < b < match.end()]
                if inside:
                    cut = inside[0]
                    found.breaks.append(
                        f"{rule} broken: {shown[match.start() : cut].strip()!r} / "
                        f"{shown[cut : match.end()].strip()!r} in {shown[:50]!r}"
                    )


def code_problems(view: SlideView, image: QImage, short: int, found: Findings) -> None:
    urls = sorted(code.url for code in view.findChildren(QrView))
    if not urls:
        return
    results = zxingcpp.read_barcodes(image)
    decoded = sorted(r.text for r in results)
    if decoded != urls:
        found.codes.append(f"decoded {decoded}, drawn {urls}")
    for result in results:
        p = result.position
        corners = [p.top_left, p.top_right, p.bottom_right, p.bottom_left]
        edges = [
            math.dist((a.x, a.y), (b.x, b.y))
            for a, b in zip(corners, corners[1:] + corners[:1], strict=True)
        ]
        side = sum(edges) / 4
        found.code_sides.append((result.text, side))
        if side < MIN_CODE_SIDE * short - 1:
            found.codes.append(
                f"{result.text}: {side:.0f} px a side, less than {MIN_CODE_SIDE:.0%} of {short}"
            )
    # The quiet zone: four light modules round every code.
    for code in view.findChildren(QrView):
        module = code.module_px()
        side = module * code.modules
        rect = code.geometry()
        left = rect.left() + (rect.width() - side) // 2
        top = rect.top() + (rect.height() - side) // 2
        for offset in range(4 * module):
            light = {
                image.pixelColor(left + offset, top + side // 2).name(),
                image.pixelColor(left + side // 2, top + offset).name(),
            }
            if light != {"#ffffff"}:
                found.codes.append(f"{code.url}: quiet zone not light {offset} px in")
                break


def source_problems(view: SlideView, context: SlideContext, found: Findings) -> None:
    slide = view.slide
    if not isinstance(slide, FactsSlide):
        return
    texts = [visible(label.text())[0] for label in view.labels()]
    for fact in slide.facts:
        name = context.text(fact.source.name)
        year = fact.as_of.display(context.language) if fact.as_of is not None else ""
        # One line names the source and says the year of the data.
        if not any(name in text and year in text for text in texts):
            found.sources.append(f"no line says {name!r} and {year!r}")


# -- drawing everything once ---------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    pack: str
    size: QSize
    language: str
    mode: str

    @property
    def name(self) -> str:
        return f"{self.pack} {self.size.width()}x{self.size.height()} {self.language} {self.mode}"


def cases() -> Iterator[Case]:
    for name in PACKS:
        for size in SIZES:
            for language in bundled(name).languages:
                for mode in MODES:
                    yield Case(name, size, language, mode)


@cache
def deck_for(case: Case) -> Deck:
    pack = bundled(case.pack)
    context, area = context_for(pack, case.language, case.mode, case.size)
    return Deck(context, area)


@cache
def findings(case: Case) -> tuple[Findings, ...]:
    """Every page of ``case``'s pack, drawn and measured."""
    ensure_app()
    pack = bundled(case.pack)
    deck = deck_for(case)
    short = min(case.size.width(), case.size.height())
    large = case.mode == "large-text"
    result = []
    for index, slide in enumerate(pack.slides):
        count = deck.page_count(index)
        kind = kind_of(slide)
        shares = []
        for number in range(1, count + 1):
            page, context = deck.page(index, number)
            where = f"{case.name} slide {index + 1} ({slide.kind}) page {number}/{count}"
            found = Findings(where)
            view = create_slide_view(page, context)
            view.resize(deck.size)
            view.relayout(force=True)
            image = render(view)
            floor_problems(view, short, large, found)
            if slide.kind not in ("title", "image"):
                band_problems(image, view.theme.background.name(), found)
            break_problems(view, found)
            code_problems(view, image, short, found)
            source_problems(view, context, found)
            if count > 1:
                shares.append(len(kind.items_of(page)))
                mark = view.page_label.text() if view.page_label is not None else ""
                if visible(mark)[0] != f"{number}/{count}":
                    found.pages.append(f"page mark {mark!r}, not '{number}/{count}'")
            result.append(found)
            shiboken6.delete(view)
        if shares and max(shares) - min(shares) > 1:
            result[-1].pages.append(f"items shared out unevenly: {shares}")
    return tuple(result)


def all_findings() -> Iterator[Findings]:
    for case in cases():
        yield from findings(case)


def help_lines_largest(case: Case) -> list[str]:
    """Over a whole pack: no web code larger than the smallest help-line code."""
    sides: dict[bool, list[tuple[str, float]]] = defaultdict(list)
    for found in findings(case):
        for url, side in found.code_sides:
            sides[is_web(url)].append((url, side))
    if not sides[True] or not sides[False]:
        return []
    smallest_help = min(sides[False], key=lambda item: item[1])
    largest_web = max(sides[True], key=lambda item: item[1])
    if smallest_help[1] + 1 < largest_web[1]:
        return [f"{case.name}: help line {smallest_help} smaller than {largest_web}"]
    return []


__all__ = [
    "MODES",
    "PACKS",
    "SIZES",
    "Case",
    "Findings",
    "all_findings",
    "bundled",
    "cases",
    "context_for",
    "deck_for",
    "findings",
    "help_lines_largest",
    "render",
    "touch_slide_area",
]

"""The pieces a handout is made of: titles, paragraphs, and cards for a fact, an
event, a point, a help line, a web page or a source. Each measures and paints
itself on a ``PdfDocument`` in millimetres, in the print palette's colours only
(``kiosk.media.palette.TEXT_PAIRS``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QFont

from kiosk.media.content import EventItem, FactItem, LinkItem, PictureItem, PointItem, SourceItem
from kiosk.media.page import PdfDocument, load_picture
from kiosk.media.palette import PrintPalette
from kiosk.qr import qr_matrix
from kiosk.urls import shown_address

# Type sizes in points at scale 1: a handout read in the hand, at 30 to 40 cm.
SIZES = {
    "day": 22.0,
    "theme": 15.0,
    "date": 12.0,
    "section": 14.0,
    "figure": 21.0,
    "title": 10.5,
    "body": 9.5,
    "contact": 13.0,
    "small": 7.5,
}
# Nothing smaller than this, whatever the scale: sources must stay legible.
SMALLEST_POINTS = 6.5
# QR modules in millimetres: large enough for any phone at reading distance, and
# at least three pixels when a page is checked at 150 dpi.
HELP_MODULE_MM = 0.8
HELP_MIN_SIDE_MM = 30.0
LINK_MODULE_MM = 0.55
LINK_MIN_SIDE_MM = 22.0


@dataclass(frozen=True)
class Style:
    palette: PrintPalette
    scale: float = 1.0

    def font(self, role: str, *, bold: bool = False) -> QFont:
        return PdfDocument.font(max(SMALLEST_POINTS, SIZES[role] * self.scale), bold=bold)

    def space(self, mm: float) -> float:
        return mm * (0.5 + 0.5 * self.scale)


def code_side(url: str, module_mm: float, least: float) -> float:
    """The side of ``url``'s code: ``module_mm`` a module, and never under ``least``."""
    return max(least, qr_matrix(url).size * module_mm)


# How a piece of text meets the end of its line: wrapped between words; anywhere
# (an address, which has no spaces); or never, shrunk to fit one line instead (a
# phone number broken over two lines is a wrong number).
WORDS, ANYWHERE, ONE_LINE = "words", "anywhere", "one line"
# (text, font, colour, millimetres above it, how it wraps)
Piece = tuple[str, QFont, str, float, str]


def fitted(doc: PdfDocument, text: str, font: QFont, width: float) -> QFont:
    """``font``, made smaller if need be for ``text`` to fit ``width`` on one line."""
    wide = doc.text_width(text, font)
    if wide <= width:
        return font
    smaller = QFont(font)
    smaller.setPointSizeF(font.pointSizeF() * width / wide * 0.98)
    return smaller


@dataclass
class Lines:
    """Text pieces one under another."""

    pieces: list[Piece]

    def _laid(self, doc: PdfDocument, width: float) -> list[tuple[str, QFont, str, float, bool]]:
        laid = []
        for text, font, colour, before, wrap in self.pieces:
            if text:
                if wrap == ONE_LINE:
                    font = fitted(doc, text, font, width)
                laid.append((text, font, colour, before, wrap == ANYWHERE))
        return laid

    def height(self, doc: PdfDocument, width: float) -> float:
        return sum(
            before + doc.text_height(text, font, width, anywhere=anywhere)
            for text, font, _, before, anywhere in self._laid(doc, width)
        )

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None:
        y = top
        for text, font, colour, before, anywhere in self._laid(doc, width):
            y += before
            y += doc.draw_text(text, font, colour, left, y, width, anywhere=anywhere)


@dataclass
class Paragraph(Lines):
    keep_with_next: bool = False


def paragraph(text: str, font: QFont, colour: str, *, keep: bool = False) -> Paragraph:
    return Paragraph([(text, font, colour, 0.0, WORDS)], keep_with_next=keep)


@dataclass
class SectionTitle:
    text: str
    style: Style
    keep_with_next: bool = True

    def height(self, doc: PdfDocument, width: float) -> float:
        return doc.text_height(self.text, self.style.font("section", bold=True), width) + 1.6

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None:
        palette = self.style.palette
        used = doc.draw_text(
            self.text, self.style.font("section", bold=True), palette.ink, left, top, width
        )
        doc.rule(left, top + used + 0.6, width, palette.accent, 0.7)


def fact_card(fact: FactItem, style: Style) -> Lines:
    palette = style.palette
    return Lines(
        [
            (fact.value, style.font("figure", bold=True), palette.accent, 0.0, ONE_LINE),
            (fact.label, style.font("body"), palette.ink, style.space(1.0), WORDS),
            (fact.source_line, style.font("small"), palette.muted, style.space(1.5), WORDS),
        ]
    )


@dataclass
class EventLine:
    """A dated event: its date in a column of its own, then what happened."""

    event: EventItem
    style: Style
    date_width: float = 30.0
    keep_with_next: bool = False

    def _text(self) -> Lines:
        palette = self.style.palette
        return Lines(
            [
                (self.event.title, self.style.font("body", bold=True), palette.ink, 0.0, WORDS),
                (self.event.detail or "", self.style.font("small"), palette.muted, 0.4, WORDS),
            ]
        )

    def _date(self) -> Lines:
        palette = self.style.palette
        date = self.style.font("body", bold=True)
        return Lines([(self.event.date, date, palette.accent, 0.0, WORDS)])

    def height(self, doc: PdfDocument, width: float) -> float:
        return max(
            self._date().height(doc, self.date_width),
            self._text().height(doc, width - self.date_width),
        )

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None:
        self._date().paint(doc, left, top, self.date_width - 2)
        self._text().paint(doc, left + self.date_width, top, width - self.date_width)


def point_card(number: int | None, point: PointItem, style: Style) -> Lines:
    palette = style.palette
    title = f"{number}. {point.title}" if number is not None else point.title
    return Lines(
        [
            (title, style.font("title", bold=True), palette.ink, 0.0, WORDS),
            (point.action or "", style.font("body"), palette.ink, style.space(1.0), WORDS),
        ]
    )


@dataclass
class CodeCard:
    """A QR code and, beside it, what it opens: a help line, a web page, a source."""

    url: str
    text: Lines
    side: float
    gap: float = 3.0
    keep_with_next: bool = False

    def height(self, doc: PdfDocument, width: float) -> float:
        return max(self.side, self.text.height(doc, width - self.side - self.gap))

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None:
        doc.draw_code(self.url, left, top, self.side)
        x = left + self.side + self.gap
        self.text.paint(doc, x, top + 1.0, width - self.side - self.gap)


def link_card(item: LinkItem, style: Style, *, help_line: bool) -> CodeCard:
    palette = style.palette
    pieces: list[Piece] = [
        (item.name, style.font("title", bold=True), palette.ink, 0.0, WORDS),
        (item.where or "", style.font("small", bold=True), palette.accent, 0.6, WORDS),
    ]
    if item.contact:
        pieces.append((item.contact, style.font("contact", bold=True), palette.ink, 1.0, ONE_LINE))
    pieces.append((item.description, style.font("small"), palette.muted, 1.0, WORDS))
    if not item.contact:
        pieces.append(
            (shown_address(item.url) or "", style.font("small"), palette.ink, 0.8, ANYWHERE)
        )
    side = (
        code_side(item.url, HELP_MODULE_MM, HELP_MIN_SIDE_MM)
        if help_line
        else code_side(item.url, LINK_MODULE_MM, LINK_MIN_SIDE_MM)
    )
    return CodeCard(item.url, Lines(pieces), side)


def source_card(source: SourceItem, style: Style) -> CodeCard:
    palette = style.palette
    return CodeCard(
        source.url,
        Lines(
            [
                (source.name, style.font("small", bold=True), palette.ink, 0.0, WORDS),
                (source.url, style.font("small"), palette.muted, 0.8, ANYWHERE),
            ]
        ),
        code_side(source.url, LINK_MODULE_MM, LINK_MIN_SIDE_MM),
    )


@dataclass
class PictureBlock:
    """A pack's picture, as wide as the column allows, with its words under it: its
    caption, else its alt text (what it shows), and its credit."""

    item: PictureItem
    style: Style
    max_height: float = 80.0
    keep_with_next: bool = False

    def __post_init__(self) -> None:
        self.picture = load_picture(self.item.path)

    def _size(self, width: float) -> tuple[float, float]:
        if self.picture is None:
            return 0.0, 0.0
        height = min(self.max_height, width / self.picture.aspect)
        return height * self.picture.aspect, height

    def _words(self) -> Lines:
        palette = self.style.palette
        return Lines(
            [
                (
                    self.item.caption or self.item.alt,
                    self.style.font("body"),
                    palette.ink,
                    0.0,
                    WORDS,
                ),
                (self.item.credit or "", self.style.font("small"), palette.muted, 0.6, WORDS),
            ]
        )

    def height(self, doc: PdfDocument, width: float) -> float:
        return self._size(width)[1] + 2.0 + self._words().height(doc, width)

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None:
        picture_width, picture_height = self._size(width)
        if self.picture is not None:
            doc.draw_picture(self.picture, left, top, picture_width, picture_height)
        self._words().paint(doc, left, top + picture_height + 2.0, width)

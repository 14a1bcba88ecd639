"""The poster: one A3 or Tabloid page to put up where people pass.

The day and its theme, one or two headline figures with their sources, and the
help line of the venue's region with a QR code a passer-by can scan from a metre
away, and the emergency number. By the usual rule of thumb a code can be scanned
from ten times its side, so the code itself (without its quiet zone) is at least
``POSTER_CODE_MM`` on a side. A pack with no figures shows its first picture in
their place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.media.blocks import ONE_LINE, WORDS, Lines
from kiosk.media.content import LinkItem, PackContent, read_content
from kiosk.media.handout import PrintedDocument
from kiosk.media.page import Metadata, Paper, PdfDocument, load_picture
from kiosk.media.palette import PrintPalette
from kiosk.pack.model import Pack
from kiosk.qr import qr_matrix

POSTER_PAPERS = (Paper.A3, Paper.TABLOID)
# Scanned from a metre away: at least 10 cm, with a little to spare.
POSTER_CODE_MM = 100.0
CODE_TARGET_MM = 104.0
# Type scales tried, largest first: a poster with room to spare gets larger type.
SCALES = (1.3, 1.2, 1.1, 1.0, 0.9, 0.8, 0.7, 0.6)
LOGO_MM = 42.0
PADDING_MM = 7.0
GAP_MM = 9.0


def poster_item(content: PackContent) -> LinkItem | None:
    """What the poster's code opens: the first help line that works in the venue's
    region, else the first call to action, else the first web page."""
    for found in (content.help_lines, content.calls, content.links):
        if found:
            return found[0]
    return None


def poster_code_side(url: str) -> float:
    """The code's side, quiet zone included, for a symbol of ``CODE_TARGET_MM``."""
    matrix = qr_matrix(url)
    return CODE_TARGET_MM * matrix.size / (matrix.size - 2 * matrix.border)


@dataclass
class PosterLayout:
    content: PackContent
    palette: PrintPalette
    scale: float

    def pt(self, points: float) -> float:
        return points * self.scale

    def heading(self) -> Lines:
        c, p = self.content, self.palette
        return Lines(
            [
                (c.day, PdfDocument.font(self.pt(30), bold=True), p.ink, 0.0, WORDS),
                (c.date, PdfDocument.font(self.pt(22), bold=True), p.accent, 3.0, WORDS),
            ]
        )

    def theme(self) -> Lines:
        c, p = self.content, self.palette
        return Lines(
            [
                (c.theme, PdfDocument.font(self.pt(40), bold=True), p.ink, 0.0, WORDS),
                (c.theme_note or "", PdfDocument.font(self.pt(13)), p.muted, 3.0, WORDS),
            ]
        )

    def fact(self, index: int) -> Lines:
        fact, p = self.content.facts[index], self.palette
        big = 64 if len(self.content.facts) > 1 else 80
        return Lines(
            [
                (fact.value, PdfDocument.font(self.pt(big), bold=True), p.accent, 0.0, ONE_LINE),
                (fact.label, PdfDocument.font(self.pt(19)), p.ink, 2.0, WORDS),
                (fact.source_line, PdfDocument.font(max(9.0, self.pt(11))), p.muted, 3.0, WORDS),
            ]
        )

    def help_text(self, item: LinkItem, dials: bool) -> Lines:
        c, p = self.content, self.palette
        title = c.words.need_help if dials else item.name
        pieces = [
            (title, PdfDocument.font(self.pt(30), bold=True), p.ink, 0.0, WORDS),
            (item.name if dials else "", PdfDocument.font(self.pt(18), bold=True), p.ink, 3, WORDS),
            (item.where or "", PdfDocument.font(self.pt(15), bold=True), p.accent, 2.0, WORDS),
            (item.contact or "", PdfDocument.font(self.pt(40), bold=True), p.ink, 4.0, ONE_LINE),
            (item.description, PdfDocument.font(self.pt(14)), p.muted, 4.0, WORDS),
        ]
        return Lines([(t, f, colour, float(b), wrap) for t, f, colour, b, wrap in pieces])

    def emergency(self) -> Lines:
        text = self.content.emergency or ""
        return Lines(
            [(text, PdfDocument.font(self.pt(20), bold=True), self.palette.ink, 0.0, WORDS)]
        )


class Poster:
    """Lays the poster out on ``doc``'s one page: ``height`` says how tall it comes out
    at a type scale, ``paint`` draws it."""

    def __init__(self, doc: PdfDocument, content: PackContent, palette: PrintPalette) -> None:
        self.doc = doc
        self.content = content
        self.palette = palette
        self.logo = load_picture(content.logo)
        self.picture = (
            load_picture(content.pictures[0].path)
            if not content.facts and content.pictures
            else None
        )
        self.item = poster_item(content)

    def _facts(self, layout: PosterLayout) -> list[Lines]:
        return [layout.fact(i) for i in range(min(2, len(self.content.facts)))]

    def _top_height(self, layout: PosterLayout, width: float) -> float:
        doc = self.doc
        logo = LOGO_MM if self.logo is not None else 0.0
        beside = width - (logo + 6.0 if logo else 0.0)
        top = max(logo, layout.heading().height(doc, beside)) + GAP_MM
        top += layout.theme().height(doc, width) + GAP_MM
        facts = self._facts(layout)
        if facts:
            column = (width - GAP_MM * (len(facts) - 1)) / len(facts)
            top += max(f.height(doc, column) for f in facts) + GAP_MM
        return top

    def _box_height(self, layout: PosterLayout, width: float) -> float:
        if self.item is None:
            return 0.0
        side = poster_code_side(self.item.url)
        text = layout.help_text(self.item, bool(self.item.contact))
        inner = max(side, text.height(self.doc, width - side - 2 * PADDING_MM - 6.0))
        emergency = layout.emergency().height(self.doc, width - 2 * PADDING_MM)
        return inner + 2 * PADDING_MM + (emergency + 5.0 if emergency else 0.0)

    def height(self, scale: float) -> float:
        layout = PosterLayout(self.content, self.palette, scale)
        width = self.doc.content.width()
        return self._top_height(layout, width) + self._box_height(layout, width)

    def paint(self, scale: float, footer: str) -> None:
        doc, layout, area = (
            self.doc,
            PosterLayout(self.content, self.palette, scale),
            self.doc.content,
        )
        left, width, y = area.left(), area.width(), area.top()
        footer_font = PdfDocument.font(10)
        footer_top = area.bottom() - doc.text_height("0", footer_font, width)
        box_top = footer_top - 4.0 - self._box_height(layout, width)
        # Room to spare goes between the parts, not all above the help line; a pack
        # with a picture in place of figures gives the picture all of it instead.
        spare = box_top - (y + self._top_height(layout, width))
        extra = max(0.0, spare) / 3 if self.picture is None else 0.0
        logo = LOGO_MM if self.logo is not None else 0.0
        if self.logo is not None:
            doc.draw_picture(self.logo, left, y, LOGO_MM, LOGO_MM)
        beside = logo + 6.0 if logo else 0.0
        heading = layout.heading()
        heading.paint(doc, left + beside, y, width - beside)
        y += max(logo, heading.height(doc, width - beside)) + GAP_MM + extra
        theme = layout.theme()
        theme.paint(doc, left, y, width)
        y += theme.height(doc, width) + GAP_MM / 2 + extra / 2
        doc.rule(left, y - 2.0, width, self.palette.accent, 1.5)
        y += GAP_MM / 2 + extra / 2
        facts = self._facts(layout)
        if facts:
            column = (width - GAP_MM * (len(facts) - 1)) / len(facts)
            for index, fact in enumerate(facts):
                fact.paint(doc, left + index * (column + GAP_MM), y, column)
            y += max(f.height(doc, column) for f in facts) + GAP_MM
        if self.picture is not None and box_top - y > 20:
            doc.draw_picture(self.picture, left, y, width, box_top - y - GAP_MM)
        self._paint_box(layout, box_top, width)
        doc.draw_text(footer, footer_font, self.palette.muted, left, footer_top, width)

    def _paint_box(self, layout: PosterLayout, top: float, width: float) -> None:
        if self.item is None:
            return
        doc, left = self.doc, self.doc.content.left()
        doc.fill(left, top, width, self._box_height(layout, width), self.palette.panel)
        side = poster_code_side(self.item.url)
        doc.draw_code(self.item.url, left + PADDING_MM, top + PADDING_MM, side)
        text_left = left + PADDING_MM + side + 6.0
        text = layout.help_text(self.item, bool(self.item.contact))
        text.paint(doc, text_left, top + PADDING_MM + 4.0, width - side - 2 * PADDING_MM - 6.0)
        below = top + PADDING_MM + max(side, text.height(doc, width - side - 2 * PADDING_MM - 6.0))
        layout.emergency().paint(doc, left + PADDING_MM, below + 5.0, width - 2 * PADDING_MM)


def make_poster(
    pack: Pack, languages: Sequence[str], paper: Paper, region: str | None = None
) -> PrintedDocument:
    """The poster of ``pack``, a page in each of ``languages``, for a venue in ``region``."""
    if paper not in POSTER_PAPERS:
        raise ValueError(f"a poster is printed on {' or '.join(POSTER_PAPERS)}, not {paper}")
    palette = PrintPalette.from_theme(pack.theme)
    contents = [read_content(pack, language, region) for language in languages]
    doc = PdfDocument(
        paper,
        Metadata(
            title=" / ".join(dict.fromkeys(c.title for c in contents)),
            author=contents[0].organisation,
            languages=list(languages),
        ),
    )
    for index, content in enumerate(contents):
        if index:
            doc.new_page()
        poster = Poster(doc, content, palette)
        room = doc.content.height() - 12.0
        scale = next((s for s in SCALES if poster.height(s) <= room), SCALES[-1])
        footer = " · ".join(filter(None, (content.organisation, content.title)))
        poster.paint(scale, footer)
    data = doc.finish()
    return PrintedDocument(data, doc.page, doc.codes, {c.language: 1 for c in contents})

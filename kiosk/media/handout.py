"""The handout: a double-sided A4 or Letter flyer, one or two sheets a language.

Front first: the day, its date and theme, then every key fact with its source and
data year; what a community can do; the help lines that work where the venue is,
with large QR codes and the emergency number; a short timeline; pages to read
more; and every source with its address and a code. Each language gets pages of
its own, starting on a new sheet. Type shrinks a little when the content would
take more than two sheets; QR codes never do.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kiosk.media.blocks import (
    WORDS,
    CodeCard,
    EventLine,
    Lines,
    Paragraph,
    PictureBlock,
    SectionTitle,
    Style,
    fact_card,
    link_card,
    paragraph,
    point_card,
    source_card,
)
from kiosk.media.content import PackContent, read_content
from kiosk.media.flow import Block, Placed, paginate, rows
from kiosk.media.page import Metadata, Paper, PdfDocument, PlacedCode, load_picture
from kiosk.media.palette import PrintPalette
from kiosk.pack.model import Pack

HANDOUT_PAPERS = (Paper.A4, Paper.LETTER)
PAGES_PER_LANGUAGE = 4  # two sheets, printed on both sides
# Type scales tried, largest first, until a language fits its two sheets.
SCALES = (1.0, 0.92, 0.85, 0.78, 0.72)
GAP_MM = 4.0
FOOTER_MM = 8.0  # the footer's band at the foot of the printable area
LOGO_MM = 30.0


@dataclass
class PrintedDocument:
    """A finished PDF: its bytes, its pages, and every QR code on them."""

    data: bytes
    pages: int
    codes: list[PlacedCode]
    pages_by_language: dict[str, int] = field(default_factory=dict)


@dataclass
class Header:
    """The top of a language's first page: logo, day, date, theme."""

    content: PackContent
    style: Style
    keep_with_next: bool = False

    def __post_init__(self) -> None:
        self.logo = load_picture(self.content.logo)

    def _text(self) -> Lines:
        c, style, palette = self.content, self.style, self.style.palette
        return Lines(
            [
                (c.day, style.font("day", bold=True), palette.ink, 0.0, WORDS),
                (c.date, style.font("date", bold=True), palette.accent, style.space(1.5), WORDS),
                (c.theme, style.font("theme", bold=True), palette.ink, style.space(2.0), WORDS),
                (c.theme_note or "", style.font("small"), palette.muted, 1.0, WORDS),
            ]
        )

    def _text_left(self) -> float:
        return LOGO_MM + 5.0 if self.logo is not None else 0.0

    def height(self, doc: PdfDocument, width: float) -> float:
        text = self._text().height(doc, width - self._text_left())
        return max(LOGO_MM if self.logo else 0.0, text) + 3.0

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None:
        if self.logo is not None:
            doc.draw_picture(self.logo, left, top, LOGO_MM, LOGO_MM)
        offset = self._text_left()
        self._text().paint(doc, left + offset, top, width - offset)
        height = self.height(doc, width)
        doc.rule(left, top + height - 1.0, width, self.style.palette.accent, 1.0)


def handout_blocks(content: PackContent, style: Style) -> list[Block]:
    """The handout's blocks for one language, in reading order."""
    palette, words = style.palette, content.words
    blocks: list[Block] = [Header(content, style)]
    if content.facts:
        blocks.append(SectionTitle(words.key_facts, style))
        blocks += rows([fact_card(f, style) for f in content.facts], 2, GAP_MM, palette.panel)
    for section in content.sections:
        blocks.append(SectionTitle(section.heading, style))
        if section.intro:
            blocks.append(paragraph(section.intro, style.font("body"), palette.ink))
        numbered = any(point.action for point in section.points)
        for number, point in enumerate(section.points, start=1):
            if numbered:
                blocks += rows([point_card(number, point, style)], 1, GAP_MM, None, 0.0)
            else:
                blocks.append(paragraph("• " + point.title, style.font("body"), palette.ink))
    blocks += [PictureBlock(item, style) for item in content.pictures]
    calls = [link_card(item, style, help_line=bool(item.contact)) for item in content.calls]
    for row in rows(calls, 1, GAP_MM, palette.panel):
        blocks.append(row)
    if content.help_lines or content.emergency:
        blocks.append(SectionTitle(words.help_lines, style))
        lines = [link_card(item, style, help_line=True) for item in content.help_lines]
        blocks += rows(lines, 2, GAP_MM, palette.panel)
        if content.emergency:
            blocks.append(
                Paragraph(
                    [(content.emergency, style.font("title", bold=True), palette.ink, 0.0, WORDS)]
                )
            )
    if content.events:
        blocks.append(SectionTitle(words.timeline, style))
        blocks += [EventLine(event, style) for event in content.events]
    _code_section(
        blocks,
        words.learn_more,
        [link_card(i, style, help_line=False) for i in content.links],
        style,
    )
    _code_section(blocks, words.sources, [source_card(s, style) for s in content.sources], style)
    return blocks


def _code_section(blocks: list[Block], title: str, cards: Sequence[CodeCard], style: Style) -> None:
    if cards:
        blocks.append(SectionTitle(title, style))
        blocks += rows(cards, 2, GAP_MM, None, 0.0)


def _content_height(doc: PdfDocument) -> float:
    return doc.content.height() - FOOTER_MM


def _laid_out(
    doc: PdfDocument, content: PackContent, palette: PrintPalette
) -> tuple[list[list[Placed]], Style]:
    """The pages of one language at the largest type scale that fits two sheets."""
    width = doc.content.width()
    for scale in SCALES:
        style = Style(palette, scale)
        blocks = handout_blocks(content, style)
        pages = paginate(doc, blocks, width, _content_height(doc), GAP_MM)
        if len(pages) <= PAGES_PER_LANGUAGE:
            break
    if len(pages) % 2:
        # A back page would be left blank: the sources start it instead, and leave
        # the room they took to what comes before them.
        sources = [i for i, b in enumerate(blocks) if isinstance(b, SectionTitle)][-1:]
        spread = paginate(doc, blocks, width, _content_height(doc), GAP_MM, sources)
        if len(spread) == len(pages) + 1 and content.sources:
            pages = spread
    return pages, style


def _footer(doc: PdfDocument, content: PackContent, style: Style, page: int, pages: int) -> None:
    area = doc.content
    font = style.font("small")
    top = area.bottom() - doc.text_height("0", font, area.width())
    doc.rule(area.left(), top - 2.0, area.width(), style.palette.muted, 0.2)
    left = " · ".join(filter(None, (content.organisation, content.title)))
    number = content.words.page_of(page, pages)
    number_width = doc.text_width(number, font) + 1.0
    doc.draw_text(number, font, style.palette.muted, area.right() - number_width, top, number_width)
    doc.draw_text(
        left, font, style.palette.muted, area.left(), top, area.width() - number_width - 5
    )


def make_handout(
    pack: Pack, languages: Sequence[str], paper: Paper, region: str | None = None
) -> PrintedDocument:
    """The handout of ``pack`` in each of ``languages``, for a venue in ``region``."""
    if paper not in HANDOUT_PAPERS:
        raise ValueError(f"a handout is printed on {' or '.join(HANDOUT_PAPERS)}, not {paper}")
    palette = PrintPalette.from_theme(pack.theme)
    contents = [read_content(pack, language, region) for language in languages]
    first = contents[0]
    doc = PdfDocument(
        paper,
        Metadata(
            title=" / ".join(dict.fromkeys(c.title for c in contents)),
            author=first.organisation,
            languages=list(languages),
        ),
    )
    by_language: dict[str, int] = {}
    for index, content in enumerate(contents):
        pages, style = _laid_out(doc, content, palette)
        # Printed on both sides, each language starts on a sheet of its own.
        count = len(pages) + len(pages) % 2
        by_language[content.language] = count
        for number in range(1, count + 1):
            if index or number > 1:
                doc.new_page()
            area = doc.content
            for placed in pages[number - 1] if number <= len(pages) else []:
                placed.block.paint(doc, area.left(), area.top() + placed.top, area.width())
            _footer(doc, content, style, number, count)
    data = doc.finish()
    return PrintedDocument(data, doc.page, doc.codes, by_language)


__all__ = ["HANDOUT_PAPERS", "PrintedDocument", "make_handout"]

"""A PDF drawn with Qt's own ``QPdfWriter``, in millimetres and points.

Everything is vector: text stays text (selectable, searchable; Qt embeds a subset
of the bundled DejaVu fonts), QR codes are filled paths, and only a pack's
pictures are images. Nothing is drawn within ``SAFE_MARGIN_MM`` of the paper's
edge, where printers cannot print. The document is made in memory and handed
over as bytes, so a file is written whole or not at all (``kiosk.local.write_atomic``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
)

from kiosk import __version__
from kiosk.qr import dark_runs, qr_matrix
from kiosk.ui.fonts import ui_family
from kiosk.ui.widgets.picture import PackPicture


class Paper(StrEnum):
    """The paper sizes the printed media come on."""

    A4 = "a4"
    LETTER = "letter"
    A3 = "a3"
    TABLOID = "tabloid"


PAGE_SIZES = {
    Paper.A4: QPageSize.PageSizeId.A4,
    Paper.LETTER: QPageSize.PageSizeId.Letter,
    Paper.A3: QPageSize.PageSizeId.A3,
    Paper.TABLOID: QPageSize.PageSizeId.Tabloid,
}
# Most office printers leave 4 to 6 mm unprinted; 10 mm is the usual safe figure
# for any printer and copy shop, and a little more keeps text off the cut.
SAFE_MARGIN_MM = 12.0
# Device units per inch: only pictures are rasters, and 300 dpi is print quality.
RESOLUTION = 300
MM_PER_INCH = 25.4
CREATOR = f"awareness-kiosk {__version__}"

# OpenType features that join letters into one glyph (standard and contextual).
NO_LIGATURES = ("liga", "clig")


def _no_ligatures(font: QFont) -> None:
    """Turn ligatures off in ``font``: the PDF maps a ligature glyph back to one
    character ("ﬁ", U+FB01), so a search for "first" or "trafficking" would not find
    the word."""
    for name in NO_LIGATURES:
        font.setFeature(QFont.Tag(name), 0)


_WRAP = Qt.TextFlag.TextWordWrap
_WRAP_ANYWHERE = Qt.TextFlag.TextWrapAnywhere


@dataclass(frozen=True)
class PlacedCode:
    """A QR code as drawn: on which page (from 1), what it opens, and its square in
    millimetres from the page's top left corner (quiet zone included)."""

    page: int
    url: str
    left: float
    top: float
    side: float
    modules: int  # modules a side, quiet zone included


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str | None
    languages: Sequence[str]


def xmp_packet(metadata: Metadata) -> bytes:
    """The document's XMP metadata: its title, author and languages (Dublin Core)."""
    author = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(metadata.author)}</rdf:li></rdf:Seq></dc:creator>"
        if metadata.author
        else ""
    )
    languages = "".join(f"<rdf:li>{escape(code)}</rdf:li>" for code in metadata.languages)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(metadata.title)}</rdf:li>'
        f"</rdf:Alt></dc:title>{author}"
        f"<dc:language><rdf:Bag>{languages}</rdf:Bag></dc:language>"
        f"<xmp:CreatorTool>{escape(CREATOR)}</xmp:CreatorTool>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    ).encode()


class PdfDocument:
    """One PDF being drawn: pages of ``paper``, measured in millimetres.

    Text sizes are in points. ``codes`` lists every QR code drawn, where it is.
    """

    def __init__(self, paper: Paper, metadata: Metadata) -> None:
        self.paper = paper
        self._buffer = QBuffer()
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(self._buffer)
        writer.setResolution(RESOLUTION)
        # The page is all ours; the safe margin is kept by the layouts, which can
        # then put a footer's baseline exactly on it.
        writer.setPageLayout(
            QPageLayout(
                QPageSize(PAGE_SIZES[paper]),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setTitle(metadata.title)
        writer.setCreator(CREATOR)
        if metadata.author and hasattr(writer, "setAuthor"):  # Qt 6.9 and later
            writer.setAuthor(metadata.author)
        # Qt writes no language; the XMP packet carries it (and the author before 6.9).
        writer.setDocumentXmpMetadata(QByteArray(xmp_packet(metadata)))
        self.writer = writer
        self.painter = QPainter(writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self.page = 1
        self.codes: list[PlacedCode] = []
        size = QPageSize(PAGE_SIZES[paper]).size(QPageSize.Unit.Millimeter)
        self.width, self.height = size.width(), size.height()

    # -- units -----------------------------------------------------------------------

    @staticmethod
    def units(mm: float) -> float:
        """Device units in ``mm`` millimetres."""
        return mm * RESOLUTION / MM_PER_INCH

    def rect(self, left: float, top: float, width: float, height: float) -> QRectF:
        u = self.units
        return QRectF(u(left), u(top), u(width), u(height))

    @property
    def content(self) -> QRectF:
        """The printable area, in millimetres: the page less the safe margins."""
        m = SAFE_MARGIN_MM
        return QRectF(m, m, self.width - 2 * m, self.height - 2 * m)

    # -- pages -----------------------------------------------------------------------

    def new_page(self) -> None:
        self.writer.newPage()
        self.page += 1

    def finish(self) -> bytes:
        """End the document; its bytes."""
        self.painter.end()
        self._buffer.close()
        return bytes(self._buffer.data().data())

    # -- text ------------------------------------------------------------------------

    @staticmethod
    def font(points: float, *, bold: bool = False) -> QFont:
        font = QFont(ui_family())
        font.setPointSizeF(points)
        font.setBold(bold)
        _no_ligatures(font)
        return font

    @staticmethod
    def _flags(align: Qt.AlignmentFlag, anywhere: bool) -> int:
        wrap = _WRAP_ANYWHERE if anywhere else _WRAP
        return int(wrap.value) | int(align.value) | int(Qt.AlignmentFlag.AlignTop.value)

    def text_height(self, text: str, font: QFont, width: float, *, anywhere: bool = False) -> float:
        """Millimetres ``text`` takes, wrapped at ``width`` millimetres."""
        if not text:
            return 0.0
        metrics = QFontMetricsF(font, self.writer)
        box = QRectF(0, 0, self.units(width), 1e7)
        flags = self._flags(Qt.AlignmentFlag.AlignLeft, anywhere)
        return metrics.boundingRect(box, flags, text).height() * MM_PER_INCH / RESOLUTION

    def text_width(self, text: str, font: QFont) -> float:
        """Millimetres ``text`` takes on one line."""
        metrics = QFontMetricsF(font, self.writer)
        return metrics.horizontalAdvance(text) * MM_PER_INCH / RESOLUTION

    def draw_text(
        self,
        text: str,
        font: QFont,
        colour: str,
        left: float,
        top: float,
        width: float,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        anywhere: bool = False,
    ) -> float:
        """Draw ``text`` wrapped at ``width``; the millimetres it took."""
        height = self.text_height(text, font, width, anywhere=anywhere)
        if not text:
            return 0.0
        painter = self.painter
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(
            self.rect(left, top, width, height + 1), self._flags(align, anywhere), text
        )
        return height

    # -- shapes ----------------------------------------------------------------------

    def fill(self, left: float, top: float, width: float, height: float, colour: str) -> None:
        self.painter.fillRect(self.rect(left, top, width, height), QColor(colour))

    def rule(self, left: float, top: float, width: float, colour: str, weight: float) -> None:
        """A horizontal line ``weight`` millimetres thick."""
        self.fill(left, top, width, weight, colour)

    def frame(self, left: float, top: float, width: float, height: float, colour: str) -> None:
        pen = QPen(QColor(colour))
        pen.setWidthF(self.units(0.3))
        self.painter.setPen(pen)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self.painter.drawRect(self.rect(left, top, width, height))

    def draw_code(self, url: str, left: float, top: float, side: float) -> None:
        """``url`` as a QR code filling the square at (``left``, ``top``), quiet zone
        included: one filled path, black on white whatever the palette."""
        matrix = qr_matrix(url)
        module = self.units(side) / matrix.size
        x0, y0 = self.units(left), self.units(top)
        self.painter.fillRect(QRectF(x0, y0, module * matrix.size, module * matrix.size), "white")
        # One path for the whole code: rectangles filled one by one leave hairline
        # seams between rows when a viewer or printer antialiases their edges.
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.WindingFill)
        for row, start, length in dark_runs(matrix):
            path.addRect(QRectF(x0 + start * module, y0 + row * module, length * module, module))
        self.painter.fillPath(path, QColor("#000000"))
        self.codes.append(PlacedCode(self.page, url, left, top, side, matrix.size))

    def draw_picture(
        self, picture: PackPicture, left: float, top: float, width: float, height: float
    ) -> None:
        picture.paint(self.painter, self.rect(left, top, width, height))

    def point(self, left: float, top: float) -> QPointF:
        return QPointF(self.units(left), self.units(top))


def load_picture(path: Path | None) -> PackPicture | None:
    return PackPicture.load(path) if path is not None else None

"""Social-media cards: a picture for each fact and one for the theme, at the sizes
the networks show (square and portrait posts, link previews).

Cards are seen on screens, so they keep the pack's screen colours. Each carries a
QR code for its source (a fact) or the pack's first web page (the theme), and
comes with its alt text (the figure, what it measures, its source and data year)
and a suggested post with the source's address, all listed in one ``cards.json``
beside the pictures. The alt text is also in each PNG (its "Description").
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QImageWriter, QPainter

from kiosk.local import write_atomic
from kiosk.media.content import FactItem, PackContent, read_content
from kiosk.pack.model import Pack
from kiosk.qr import dark_runs, qr_matrix
from kiosk.translation import translator
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.picture import PackPicture

# (name, width, height): square and portrait posts, and link previews.
CARD_SIZES: tuple[tuple[str, int, int], ...] = (
    ("square", 1080, 1080),
    ("portrait", 1080, 1350),
    ("preview", 1200, 630),
)
INDEX_FILE = "cards.json"
# A card's body at a type scale: (text, font, colour, kept on one line) from the top
# down. A figure is kept on one line ("1 in 3" broken in two reads as two figures):
# its type shrinks to fit instead.
Piece = tuple[str, QFont, QColor, bool]
Pieces = Callable[[float], list[Piece]]
# Type sizes as shares of the card's width, at scale 1 (shrunk until the text fits).
FIGURE, LABEL, SMALL, HEADER, THEME = 0.16, 0.05, 0.026, 0.034, 0.065
SCALES = tuple(s / 100 for s in range(100, 35, -5))
# A QR code's side as a share of the card's short side; whole pixels a module.
CODE_SHARE = 0.24


@dataclass(frozen=True)
class CardFile:
    """One card as listed in cards.json."""

    file: str  # relative to the cards folder
    width: int
    height: int
    language: str
    kind: str  # "theme" or "fact"
    alt: str
    post: str
    link: str | None  # what its QR code opens


def fact_alt(fact: FactItem, language: str) -> str:
    """A fact card's alt text: the figure, what it measures, its source and data year."""
    said = translator(language).pgettext("spoken slide", "{figure}: {label}")
    return f"{said.format(figure=fact.value, label=fact.label)}. {fact.source_line}"


def theme_alt(content: PackContent) -> str:
    return ". ".join(filter(None, (content.day, content.date, content.theme, content.theme_note)))


def _font(px: float, bold: bool = False) -> QFont:
    return UiTheme.font(max(8.0, px), bold)


class CardPainter:
    """Draws one card of ``width`` × ``height`` in the pack's screen colours."""

    def __init__(self, content: PackContent, theme: UiTheme, width: int, height: int) -> None:
        self.content = content
        self.theme = theme
        self.width, self.height = width, height
        self.margin = round(0.06 * min(width, height))
        self.logo = PackPicture.load(content.logo) if content.logo is not None else None

    def _text_height(self, text: str, font: QFont, width: int) -> int:
        flags = int(Qt.TextFlag.TextWordWrap.value)
        return QFontMetrics(font).boundingRect(QRect(0, 0, width, 100_000), flags, text).height()

    def _body(self, pieces: Sequence[Piece], width: int) -> int:
        gap = round(0.02 * self.width)
        return sum(self._text_height(t, f, width) + gap for t, f, _, _ in pieces if t)

    @staticmethod
    def _one_line(pieces: list[Piece], width: int) -> list[Piece]:
        fitted = []
        for text, font, colour, one_line in pieces:
            wide = QFontMetrics(font).horizontalAdvance(text)
            if one_line and wide > width:
                font = _font(font.pixelSize() * width / wide * 0.97, font.bold())
            fitted.append((text, font, colour, one_line))
        return fitted

    def paint(self, pieces_at: Pieces, link: str | None, caption: str) -> QImage:
        """``pieces_at(scale)``: the body's (text, font, colour), largest first."""
        image = QImage(self.width, self.height, QImage.Format.Format_RGB32)
        if image.isNull():  # Qt's failure value: out of memory
            raise MemoryError(f"cannot allocate a {self.width}x{self.height} card")
        image.fill(self.theme.background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        m, w, h = self.margin, self.width, self.height
        header = f"{self.content.day} · {self.content.date}"
        header_font = _font(HEADER * w * (0.8 if h < w else 1.0), bold=True)
        header_h = self._text_height(header, header_font, w - 2 * m)
        painter.setFont(header_font)
        painter.setPen(self.theme.accent)
        painter.drawText(
            QRect(m, m, w - 2 * m, header_h), int(Qt.TextFlag.TextWordWrap.value), header
        )
        code = self._code_side(link)
        top = m + header_h + m // 2
        if self.landscape:  # a link preview: the code in a column on the right
            width, room = w - 3 * m - code, h - m - top
            foot_top = top
        else:  # a post: the logo and the code in a band along the foot
            width = w - 2 * m
            foot_top = h - m - max(code, round(0.12 * min(w, h)))
            room = foot_top - m // 2 - top
        for scale in SCALES:
            pieces = self._one_line(pieces_at(scale), width)
            if self._body(pieces, width) <= room:
                break
        y = top + max(0, (room - self._body(pieces, width)) // 2)
        gap = round(0.02 * w)
        for text, font, colour, _ in pieces:
            if not text:
                continue
            used = self._text_height(text, font, width)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRect(m, y, width, used), int(Qt.TextFlag.TextWordWrap.value), text)
            y += used + gap
        self._paint_foot(painter, link, caption, foot_top, code)
        painter.end()
        return image

    def _code_side(self, link: str | None) -> int:
        if link is None:
            return 0
        modules = qr_matrix(link).size
        # A link preview is short: its code takes a larger share of the height.
        share = CODE_SHARE * (1.5 if self.landscape else 1.0)
        return max(3, round(share * min(self.width, self.height)) // modules) * modules

    @property
    def landscape(self) -> bool:
        return self.width > 1.3 * self.height

    def _paint_foot(
        self, painter: QPainter, link: str | None, caption: str, top: int, side: int
    ) -> None:
        m, w = self.margin, self.width
        bottom = self.height - m
        left = w - m - side  # the code's left edge
        font = _font(SMALL * w)
        caption_h = self._text_height(caption, font, side) if self.landscape else 0
        if self.logo is not None:
            if self.landscape:  # above the caption and the code, as large as there is room
                size = min(side, bottom - side - caption_h - m // 2 - top)
                logo = QRectF(w - m - size, top, size, size)
            else:
                size = bottom - top
                logo = QRectF(m, top, size, size)
            if size > 0:
                self.logo.paint(painter, logo)
        if link is None:
            return
        matrix = qr_matrix(link)
        module = side // matrix.size
        painter.fillRect(QRect(left, bottom - side, side, side), QColor("#ffffff"))
        for row, start, length in dark_runs(matrix):
            painter.fillRect(
                QRect(left + start * module, bottom - side + row * module, length * module, module),
                QColor("#000000"),
            )
        painter.setFont(font)
        painter.setPen(self.theme.muted)
        if self.landscape:
            where = QRect(left, bottom - side - caption_h - m // 4, side, caption_h)
        else:
            text_left = m + (bottom - top) + m // 2 if self.logo is not None else m
            where = QRect(text_left, bottom - side, left - m // 2 - text_left, side)
        painter.drawText(
            where,
            int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom).value)
            | int(Qt.TextFlag.TextWordWrap.value),
            caption,
        )


def _fact_pieces(fact: FactItem, theme: UiTheme, width: int) -> Pieces:
    def at(scale: float) -> list[Piece]:
        return [
            (fact.value, _font(FIGURE * width * scale, True), theme.accent, True),
            (fact.label, _font(LABEL * width * scale), theme.text, False),
            (fact.source_line, _font(SMALL * width * max(scale, 0.8)), theme.muted, False),
        ]

    return at


def _theme_pieces(content: PackContent, theme: UiTheme, width: int) -> Pieces:
    def at(scale: float) -> list[Piece]:
        return [
            (content.theme, _font(THEME * width * scale, True), theme.text, False),
            (content.theme_note or "", _font(SMALL * width * max(scale, 0.8)), theme.muted, False),
        ]

    return at


def _png(image: QImage, alt: str) -> bytes:
    image.setText("Description", alt)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # A writer with its format as a QByteArray: QImage.save's format argument is typed
    # bytes in PySide6's stubs but accepted only as str by some of its versions.
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):  # Qt's failure value
        raise OSError(f"could not encode a card as PNG: {writer.errorString()}")
    data: QByteArray = buffer.data()
    return bytes(data.data())


def make_cards(
    pack: Pack, languages: Sequence[str], folder: Path, region: str | None = None
) -> list[CardFile]:
    """Write every card of ``pack`` in ``languages`` under ``folder`` (one folder per
    language) and ``folder/cards.json``; each file whole or not at all."""
    theme = UiTheme.from_pack(pack.theme)
    written: list[CardFile] = []
    for language in languages:
        content = read_content(pack, language, region)
        words = content.words
        items: list[tuple[str, object, str, str, str | None, str]] = []
        link = content.first_link
        post = "\n".join(filter(None, (f"{content.day} – {content.date}", content.theme, link)))
        items.append(("theme", content, theme_alt(content), post, link, words.scan_to_learn_more))
        for number, fact in enumerate(content.facts, start=1):
            alt = fact_alt(fact, language)
            post = f"{alt}\n{fact.source_url}"
            items.append(
                (f"fact-{number:02d}", fact, alt, post, fact.source_url, words.scan_for_source)
            )
        for name, item, alt, post, target, caption in items:
            for _, width, height in CARD_SIZES:
                card = CardPainter(content, theme, width, height)
                pieces = (
                    _fact_pieces(item, theme, width)
                    if isinstance(item, FactItem)
                    else _theme_pieces(content, theme, width)
                )
                image = card.paint(pieces, target, caption)
                relative = f"{language}/{name}-{width}x{height}.png"
                write_atomic(folder / relative, _png(image, alt))
                kind = "fact" if isinstance(item, FactItem) else "theme"
                written.append(CardFile(relative, width, height, language, kind, alt, post, target))
    index = {"pack": pack.text(pack.title, languages[0]), "cards": [asdict(c) for c in written]}
    text = json.dumps(index, indent=2, ensure_ascii=False) + "\n"
    write_atomic(folder / INDEX_FILE, text.encode("utf-8"))
    return written

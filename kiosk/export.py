"""The slide views rendered to image files, offscreen, at any size.

The same views draw the screen and the export, so a PNG shows exactly what a
visitor would see at that resolution. ``render_slide`` draws one slide's view
alone; the proofs (``render_pack``, ``contact_sheet``) draw the screen as the
kiosk shows it: the slide laid out where the window lays it out, under the real
window parts that lie over it (``ProofScreen``: the progress dots, and in touch
mode the control bar below the slide).

A slide too long for one screen may be shown in pages. Proofs ask what to draw for
each page of a slide in one place, ``slide_pages``, and draw each page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPalette
from PySide6.QtWidgets import QWidget

from kiosk.options import Mode
from kiosk.pack.model import Pack, Slide
from kiosk.slides import for_region
from kiosk.ui.deck import Deck
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import SlideContext, create_slide_view
from kiosk.ui.theme import UiTheme

log = logging.getLogger(__name__)


def render_slide(
    slide: Slide,
    pack: Pack,
    language: str,
    size: QSize,
    *,
    high_contrast: bool = False,
    large_text: bool = False,
    region: str | None = None,
) -> QImage:
    """``slide`` drawn at exactly ``size`` pixels, without showing a window.

    ``high_contrast``, ``large_text`` and ``region``: as the kiosk draws it with
    those venue settings (``region`` picks the emergency number a help slide ends
    with; ``render_pack`` also leaves out the lines that do not work there).
    """
    ensure_app()
    if size.width() < 1 or size.height() < 1:
        raise ValueError(f"cannot render at {size.width()}x{size.height()}")
    theme = UiTheme.from_pack(pack.theme, high_contrast=high_contrast)
    context = SlideContext(
        pack=pack, language=language, theme=theme, large_text=large_text, region=region
    )
    # No parent: the view (and its children) go with the last reference, on return.
    view = create_slide_view(slide, context)
    view.resize(size)
    view.relayout(force=True)
    image = QImage(size, QImage.Format.Format_RGB32)
    if image.isNull():  # Qt's failure value: out of memory for this size
        raise MemoryError(f"cannot allocate a {size.width()}x{size.height()} image")
    image.fill(context.theme.background)
    view.render(image)
    return image


@dataclass(frozen=True)
class ProofLook:
    """How a proof shows the slides: as a kiosk with these venue settings shows them.

    ``mode``: in touch mode the slide is laid out above the control bar, which is
    drawn. ``region``: where the kiosk stands (``kiosk.slides.for_region``).
    """

    mode: Mode = Mode.EVENT
    high_contrast: bool = False
    large_text: bool = False
    region: str | None = None

    def words(self) -> list[str]:
        """What sets this look apart from the plain one, for a caption."""
        return [
            word
            for word, on in (
                (f"{self.mode} mode", self.mode != Mode.EVENT),
                ("high contrast", self.high_contrast),
                ("large text", self.large_text),
                (f"region {self.region}", self.region is not None),
            )
            if on
        ]


def slide_pages(index: int, context: SlideContext, size: QSize) -> list[tuple[Slide, SlideContext]]:
    """What to draw for each page of slide ``index`` of ``context.pack`` on a slide
    area of ``size``: (the page, as a slide holding that page's items; the context to
    draw it in). A slide the kiosk shows whole is one page. Proofs and the contact
    sheet ask here, and only here, so that they page as the screen pages: with the
    window's own ``kiosk.ui.deck.Deck``, kept while the pack, look and size stay."""
    deck = _proof_decks[0] if _proof_decks and _proof_decks[0].serves(context, size) else None
    if deck is None:
        deck = Deck(context, size)
        _proof_decks[:] = [deck]
    return [deck.page(index, number) for number in range(1, deck.page_count(index) + 1)]


# The deck the last proofs were laid out with (``slide_pages``): one pack, look and
# size is proofed slide after slide, and a deck measures each run of slides once.
_proof_decks: list[Deck] = []


class ProofScreen:
    """The kiosk's screen for proofs, without a window: a host the size of the screen
    with the window's own chrome (``kiosk.ui.chrome.Chrome``: progress dots, and the
    touch bar in touch mode) over one slide view at a time, laid out in the chrome's
    slide area as the window lays it out. Nothing is shown; ``pictures`` renders.
    """

    def __init__(self, pack: Pack, language: str, size: QSize, look: ProofLook) -> None:
        from kiosk.ui.chrome import Chrome  # the window's parts: only proofs need them here

        ensure_app()
        if size.width() < 1 or size.height() < 1:
            raise ValueError(f"cannot render at {size.width()}x{size.height()}")
        self._pack = pack
        self._language = language
        self._size = QSize(size)
        self._look = look
        self._theme = UiTheme.from_pack(pack.theme, high_contrast=look.high_contrast)
        self._host = QWidget()
        self._host.resize(size)
        palette = self._host.palette()
        palette.setColor(QPalette.ColorRole.Window, self._theme.background)
        self._host.setPalette(palette)
        self._host.setAutoFillBackground(True)
        self.chrome = Chrome(
            self._host, self._theme, touch=look.mode == Mode.TOUCH, language=language
        )
        self.chrome.set_language(language, pack.languages)
        self.chrome.show_switches(look.high_contrast, look.large_text)
        self.chrome.place()

    def context(self) -> SlideContext:
        return SlideContext(
            pack=self._pack,
            language=self._language,
            theme=self._theme,
            large_text=self._look.large_text,
            region=self._look.region,
            screen=(self._size.width(), self._size.height()),
        )

    def pictures(self, index: int) -> Iterator[QImage]:
        """Slide ``index`` of the pack as on screen: one picture per page
        (``slide_pages``). Each page's view is built when its picture is asked for (a
        view that fails to build raises then)."""
        area = self.chrome.slide_area()
        for slide, context in slide_pages(index, self.context(), area.size()):
            view = create_slide_view(slide, context)
            try:
                view.setParent(self._host)
                view.setGeometry(area)
                view.show()  # shown with its host: never, but not hidden from render()
                view.relayout(force=True)
                self.chrome.show_position(index, len(self._pack.slides))
                self.chrome.raise_all()
                yield self._render()
            finally:
                view.hide()
                view.setParent(None)
                view.deleteLater()

    def _render(self) -> QImage:
        image = QImage(self._size, QImage.Format.Format_RGB32)
        if image.isNull():  # Qt's failure value: out of memory for this size
            raise MemoryError(f"cannot allocate a {self._size.width()}x{self._size.height()} image")
        image.fill(self._theme.background)
        self._host.render(image)
        return image

    def close(self) -> None:
        self._host.deleteLater()


def proof_name(number: int, count: int, slide: Slide, page: int, pages: int) -> str:
    """The file name of slide ``number`` (from 1) of ``count``, page ``page`` (from 1)
    of ``pages``: ``03-facts.png``, or ``04-timeline-1of2.png`` for a page."""
    width = max(2, len(str(count)))
    paged = f"-{page}of{pages}" if pages > 1 else ""
    return f"{number:0{width}d}-{slide.kind}{paged}.png"


def render_pack(
    pack: Pack,
    out_dir: Path,
    size: QSize,
    language: str | None = None,
    *,
    high_contrast: bool = False,
    large_text: bool = False,
    region: str | None = None,
    mode: Mode = Mode.EVENT,
) -> list[Path]:
    """Write every slide, as the kiosk's screen shows it (``ProofScreen``), to
    ``out_dir/NN-kind.png`` (NN: its number in the pack, from 01; a slide shown in
    pages gives ``NN-kind-1of2.png``, ``NN-kind-2of2.png``).

    With a ``region``, as a kiosk there shows the pack (``kiosk.slides.for_region``).
    A slide that fails to draw is logged with where it was written and skipped; a
    file that cannot be written is logged and skipped. Returns the files written.
    """
    ensure_app()
    pack = for_region(pack, region)
    lang = language or pack.default_language
    look = ProofLook(mode, high_contrast, large_text, region)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    screen = ProofScreen(pack, lang, size, look)
    try:
        for number, slide, pictures in _each_slide(pack, screen):
            for page, image in enumerate(pictures, start=1):
                target = out_dir / proof_name(number, len(pack.slides), slide, page, len(pictures))
                # The format follows the ".png" suffix. (Passing it explicitly trips
                # over PySide6 6.12, whose stubs want bytes where the binding takes str.)
                if not image.save(str(target)):  # Qt's failure value for a failed write
                    log.error(
                        "could not write %s (is the folder writable and the disk not full?)",
                        target,
                    )
                    continue
                written.append(target)
    finally:
        screen.close()
    return written


def _each_slide(pack: Pack, screen: ProofScreen) -> Iterator[tuple[int, Slide, list[QImage]]]:
    """(number from 1, slide, its pictures) for each slide that draws; the others
    are logged with where they were written, and left out."""
    for number, slide in enumerate(pack.slides, start=1):
        try:
            pictures = list(screen.pictures(number - 1))
        except Exception as exc:  # one broken slide must not stop the rest
            log.error(
                "%s: could not draw this %s slide, skipped: %s", slide.origin, slide.kind, exc
            )
            log.debug("details", exc_info=True)
            continue
        yield number, slide, pictures


# -- the contact sheet ----------------------------------------------------------------

# Thumbnails, in pixels across: four landscape slides or six portrait ones a row.
THUMB_WIDTH_LANDSCAPE = 480
THUMB_WIDTH_PORTRAIT = 300
COLUMNS_LANDSCAPE = 4
COLUMNS_PORTRAIT = 6
SHEET_MARGIN = 32
SHEET_GAP = 24
CAPTION_PX = 22
HEADER_PX = 30
SHEET_BACKGROUND = QColor("#ececec")
SHEET_INK = QColor("#1a1a1a")
# A slide shown in pages is framed in this colour, page by page.
PAGES_MARK = QColor("#c2185b")
# Every thumbnail has a hairline round it: a light slide would melt into the sheet.
THUMB_EDGE = QColor("#8a8a8a")


@dataclass(frozen=True)
class Thumbnail:
    """One picture on the sheet: slide ``number`` (from 1), page ``page`` of ``pages``."""

    number: int
    kind: str
    page: int
    pages: int
    image: QImage

    @property
    def label(self) -> tuple[int, int]:
        """(slide number, page): what this thumbnail shows."""
        return self.number, self.page

    def caption(self) -> str:
        paged = f" \u00b7 page {self.page}/{self.pages}" if self.pages > 1 else ""
        return f"{self.number} \u00b7 {self.kind}{paged}"


@dataclass(frozen=True)
class ContactSheet:
    """A contact sheet made: its file (None: it could not be written), how many
    slides it shows, and where each thumbnail lies on it, by (slide number, page)."""

    file: Path | None
    slides: int
    places: dict[tuple[int, int], QRect]


def contact_sheet(
    pack: Pack,
    out_file: Path,
    size: QSize,
    language: str | None = None,
    look: ProofLook | None = None,
) -> ContactSheet:
    """Every slide of ``pack`` as the screen shows it at ``size``, in one language and
    ``look``, as thumbnails on one picture, each captioned with its slide number and
    kind, and the pages of a slide shown in pages framed together and numbered
    ("4 · timeline · page 1/2"); written to ``out_file``. A slide that fails to draw
    is logged and left out, as in ``render_pack``.
    """
    ensure_app()
    look = look or ProofLook()
    pack = for_region(pack, look.region)
    lang = language or pack.default_language
    portrait = size.height() > size.width()
    thumb_width = THUMB_WIDTH_PORTRAIT if portrait else THUMB_WIDTH_LANDSCAPE
    thumbs: list[Thumbnail] = []
    drawn = 0
    screen = ProofScreen(pack, lang, size, look)
    try:
        for number, slide, pictures in _each_slide(pack, screen):
            drawn += 1
            for page, image in enumerate(pictures, start=1):
                small = image.scaledToWidth(thumb_width, Qt.TransformationMode.SmoothTransformation)
                thumbs.append(Thumbnail(number, slide.kind, page, len(pictures), small))
    finally:
        screen.close()
    title = pack.text(pack.title, lang)
    details = " \u00b7 ".join([lang, f"{size.width()}\u00d7{size.height()}", *look.words()])
    sheet, places = _sheet(thumbs, f"{title} \u2014 {details}", portrait)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    if not sheet.save(str(out_file)):
        log.error("could not write %s (is the folder writable and the disk not full?)", out_file)
        return ContactSheet(None, drawn, places)
    return ContactSheet(out_file, drawn, places)


def _sheet(
    thumbs: Sequence[Thumbnail], heading: str, portrait: bool
) -> tuple[QImage, dict[tuple[int, int], QRect]]:
    columns = COLUMNS_PORTRAIT if portrait else COLUMNS_LANDSCAPE
    cell_w = max((t.image.width() for t in thumbs), default=THUMB_WIDTH_LANDSCAPE)
    cell_h = max((t.image.height() for t in thumbs), default=1)
    caption_font = UiTheme.font(CAPTION_PX, bold=True)
    header_font = UiTheme.font(HEADER_PX, bold=True)
    caption_h = round(QFontMetricsF(caption_font).height() * 1.5)
    header_h = round(QFontMetricsF(header_font).height() * 2)
    rows = max(1, -(-len(thumbs) // columns))
    width = 2 * SHEET_MARGIN + columns * cell_w + (columns - 1) * SHEET_GAP
    height = 2 * SHEET_MARGIN + header_h + rows * (cell_h + caption_h) + (rows - 1) * SHEET_GAP
    sheet = QImage(QSize(width, height), QImage.Format.Format_RGB32)
    if sheet.isNull():
        raise MemoryError(f"cannot allocate a {width}x{height} contact sheet")
    sheet.fill(SHEET_BACKGROUND)
    painter = QPainter(sheet)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(SHEET_INK)
    painter.setFont(header_font)
    painter.drawText(
        QRect(SHEET_MARGIN, SHEET_MARGIN, width - 2 * SHEET_MARGIN, header_h),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        heading,
    )
    places: dict[tuple[int, int], QRect] = {}
    for place, thumb in enumerate(thumbs):
        row, column = divmod(place, columns)
        x = SHEET_MARGIN + column * (cell_w + SHEET_GAP)
        y = SHEET_MARGIN + header_h + row * (cell_h + caption_h + SHEET_GAP)
        if thumb.pages > 1:  # the pages of one slide, framed alike
            frame = max(3, SHEET_GAP // 4)
            painter.fillRect(
                QRect(
                    x - frame,
                    y - frame,
                    thumb.image.width() + 2 * frame,
                    thumb.image.height() + 2 * frame,
                ),
                PAGES_MARK,
            )
        painter.fillRect(
            QRect(x - 1, y - 1, thumb.image.width() + 2, thumb.image.height() + 2), THUMB_EDGE
        )
        painter.drawImage(x, y, thumb.image)
        places[thumb.label] = QRect(x, y, thumb.image.width(), thumb.image.height())
        painter.setPen(PAGES_MARK if thumb.pages > 1 else SHEET_INK)
        painter.setFont(caption_font)
        painter.drawText(
            QRect(x, y + thumb.image.height(), cell_w, caption_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            thumb.caption(),
        )
    painter.end()
    return sheet, places

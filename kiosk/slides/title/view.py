"""The title slide: the day, its date, the year's theme, an optional quote and logo,
on an optional picture covering the screen under a scrim of the background colour."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from kiosk.pack.contrast import TITLE_COLOURS, Rgb, picture_cells, scrim_opacity
from kiosk.slides.title import TitleSlide
from kiosk.translation import translator
from kiosk.ui.slide_view import (
    Box,
    Column,
    FixedBox,
    Picture,
    Row,
    SlideContext,
    SlideView,
    Space,
    TextBox,
    spoken_line,
)
from kiosk.ui.theme import Metrics, TextRole
from kiosk.ui.widgets.card import Card
from kiosk.ui.widgets.picture import PackPicture


class TitleSlideView(SlideView):
    """Centred: logo, the day, an accent rule, the date, the theme line, then the quote."""

    draws = TitleSlide
    slide: TitleSlide
    # The title names the day itself, in type that does not vary from pack to pack.
    grows_to = 1.0
    shows_brand = False

    def __init__(
        self, slide: TitleSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        center = Qt.AlignmentFlag.AlignHCenter
        # The logo is decoration (the pack gives it no text): painted, with nothing
        # for a screen reader to stop at. One that cannot be drawn is left out.
        self.logo = PackPicture.load(slide.logo) if slide.logo is not None else None
        self.logo_rect = QRect()  # where the logo was last placed
        # A picture behind everything, under a scrim as opaque as the text's contrast
        # needs; none in high contrast, where every mark is solid.
        self.background = (
            PackPicture.load(slide.background_image)
            if slide.background_image is not None and not context.theme.solid_marks
            else None
        )
        self.scrim_opacity = self._scrim_opacity() if self.background is not None else 0.0
        day, date, line = self.text(slide.day), self.text(slide.date), self.text(slide.theme)
        self.day_label = self.add_label(day, TextRole.DAY, theme.text, align=center)
        self.date_label = self.add_label(date, TextRole.TITLE_DATE, theme.accent, align=center)
        self.theme_label = self.add_label(line, TextRole.THEME_LINE, theme.text, align=center)
        note = self.text(slide.theme_note)
        self.theme_note_label = (
            self.add_label(note, TextRole.THEME_NOTE, theme.muted, align=center) if note else None
        )
        quote = self.text(slide.quote)
        quote_by = self.text(slide.quote_by)
        # The language's own quotation marks, from the Unicode CLDR data Qt carries.
        quoted = QLocale(context.language).quoteString(quote)
        self.quote_label = (
            self.add_label(quoted, TextRole.QUOTE, theme.muted, align=center) if quote else None
        )
        # Translators: who said the quote on the title slide; {author} is from the pack.
        attribution = translator(context.language).pgettext("title slide", "— {author}")
        self.quote_by_label = (
            self.add_label(
                attribution.format(author=quote_by), TextRole.QUOTE_BY, theme.muted, align=center
            )
            if quote and quote_by
            else None
        )
        lines = [spoken_line(date), spoken_line(line), spoken_line(note)]
        if self.quote_label is not None:
            by = self.quote_by_label.text() if self.quote_by_label is not None else None
            lines.append(spoken_line(self.quote_label.text(), by))
        self.set_accessible(day, lines)

    def build(self, m: Metrics, variant: Any) -> Box:
        center = Qt.AlignmentFlag.AlignHCenter
        children: list[Box] = []
        if self.logo is not None:
            height = round(m.unit * (0.13 + 0.07 * max(0.0, min(m.scale, 1.0))))
            width = round(height * self.logo.aspect)
            if width > self.content_width(m):  # a very wide logo: fit the width instead
                width = self.content_width(m)
                height = round(width / self.logo.aspect)
            children += [
                FixedBox(None, QSize(width, height), align=center, on_place=self._place_logo),
                Space(m.space(0.045)),
            ]
        children += [
            TextBox(self.day_label),
            Space(m.space(0.03)),
            self.accent_bar(m, center),
            Space(m.space(0.03)),
            TextBox(self.date_label),
            Space(m.space(0.05)),
            TextBox(self.theme_label),
        ]
        if self.theme_note_label is not None:
            children += [Space(m.space(0.012)), TextBox(self.theme_note_label)]
        if self.quote_label is not None:
            quote: list[Box] = [TextBox(self.quote_label)]
            if self.quote_by_label is not None:
                quote += [Space(m.space(0.016)), TextBox(self.quote_by_label)]
            pad_x, pad_y = m.space(0.04), m.space(0.026)
            children += [
                Space(m.space(0.06)),
                Column(quote, padding=(pad_x, pad_y, pad_x, pad_y), on_place=self.card()),
            ]
        text = Column(children, stretch={-1: 1.0, len(children) - 1: 1.0})
        # Long lines are hard to follow from a distance: keep the text block narrower
        # than a landscape screen, centred.
        width = self.content_width(m)
        if not m.portrait:
            width = min(width, round(m.width * 0.78))
        row = Row([text], widths=[width], center=True)
        if self.background is None:
            return row
        return Column([row], grow={0: 1.0}, on_place=lambda _: self._place_background(m))

    def _place_background(self, m: Metrics) -> None:
        """The picture over the whole slide, and the scrim over it (under everything)."""
        whole = QRect(0, 0, m.width, m.height)
        picture = self.background
        if picture is None:
            return
        self.decorations.append(
            Picture(whole, lambda p, r: picture.paint(p, r, cover=True), backdrop=True)
        )
        scrim = QColor(self.theme.background)
        scrim.setAlphaF(self.scrim_opacity)
        self.decorations.append(Card(whole, scrim, 0.0))

    def _scrim_opacity(self) -> float:
        """How opaque the scrim must be for every text colour to read at 4.5:1 over
        the picture (``kiosk.pack.contrast.scrim_opacity``, which validate uses too)."""
        path = self.slide.background_image
        assert path is not None
        assert self.background is not None
        cells = picture_cells(path) if path.suffix.lower() != ".svg" else None
        if cells is None:  # a drawing: measured as drawn
            cells = _drawn_cells(self.background)
        colours = [self.theme.color(key).name() for key in TITLE_COLOURS]
        return scrim_opacity(cells, self.theme.background.name(), colours)[0]

    def _place_logo(self, rect: QRect) -> None:
        self.logo_rect = QRect(rect)
        if self.logo is not None:
            self.decorations.append(Picture(rect, self.logo.paint))


def _drawn_cells(picture: PackPicture, across: int = 48) -> list[Rgb]:
    """A drawing's colours, drawn small enough that each pixel is a cell."""
    down = max(1, round(across / max(picture.aspect, 0.01)))
    image = QImage(across, down, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    picture.paint(painter, QRectF(0, 0, across, down))
    painter.end()
    cells: list[Rgb] = []
    for y in range(down):
        for x in range(across):
            color = image.pixelColor(x, y)
            cells.append((color.red(), color.green(), color.blue()))
    return cells

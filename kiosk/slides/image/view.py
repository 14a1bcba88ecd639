"""A poster or photograph: contained in the slide with its caption under it, or covering
the whole screen with its caption on a band across the bottom."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.slides.image import CONTAIN_MARGIN, Fit, ImageSlide
from kiosk.ui.slide_view import (
    Box,
    Column,
    Picture,
    SlideContext,
    SlideView,
    Space,
    TextBox,
    spoken_line,
)
from kiosk.ui.theme import Metrics, TextRole
from kiosk.ui.widgets.card import Card
from kiosk.ui.widgets.picture import PackPicture

# The background colour over a covering picture, behind its caption: opaque
# enough that the caption keeps the theme's own contrast whatever the photograph.
SCRIM_OPACITY = 0.86


class ContainedPicture(Box):
    """The picture as large as fits over its caption, the two centred together.

    ``least``: the picture's smallest height; the caption shrinks before it goes below.
    ``paint(rect)`` draws the picture where it is placed.
    """

    def __init__(
        self,
        picture: PackPicture | None,
        paint: Callable[[QRect], None],
        caption: Box | None,
        gap: int,
        least: int,
    ) -> None:
        self.picture = picture
        self.paint = paint
        self.caption = caption
        self.gap = gap
        self.least = least

    def _caption_height(self, width: int) -> int:
        return self.caption.height_for(width) + self.gap if self.caption is not None else 0

    def height_for(self, width: int) -> int:
        return self._caption_height(width) + self.least

    def overflows(self, width: int) -> bool:
        return self.caption is not None and self.caption.overflows(width)

    def place(self, rect: QRect) -> None:
        below = self._caption_height(rect.width())
        room = QRectF(rect.x(), rect.y(), rect.width(), max(1, rect.height() - below))
        shown = self.picture.placed(room) if self.picture is not None else QRectF(room)
        shown.moveTop(rect.y() + (rect.height() - shown.height() - below) / 2)
        self.paint(shown.toAlignedRect())
        if self.caption is not None:
            top = round(shown.bottom()) + self.gap
            self.caption.place(QRect(rect.x(), top, rect.width(), below - self.gap))


class ImageSlideView(SlideView):
    draws = ImageSlide
    slide: ImageSlide
    # The picture takes what the caption leaves: a caption has no use for more room.
    grows_to = 1.0

    def __init__(
        self, slide: ImageSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        center = Qt.AlignmentFlag.AlignHCenter
        self.picture = PackPicture.load(slide.image)
        self.picture_rect = QRect()  # where the picture was last drawn (its visible part)
        alt, caption, credit = (
            self.text(slide.alt),
            self.text(slide.caption),
            self.text(slide.credit),
        )
        self.caption_label: QLabel | None = (
            self.add_label(caption, TextRole.CAPTION, theme.text, align=center) if caption else None
        )
        self.credit_label: QLabel | None = (
            self.add_label(credit, TextRole.CREDIT, theme.muted, align=center) if credit else None
        )
        # The picture's accessible name is its caption, or its alt text when it has
        # none; the alt text always describes it.
        self.set_accessible(caption or alt, [spoken_line(alt), spoken_line(credit)])
        self._alt_is_name = not caption

    def spoken_text(self) -> str:
        spoken = super().spoken_text().split("\n")
        if self._alt_is_name:
            del spoken[1]  # the alt text, already said as the name
        return "\n".join(spoken)

    @property
    def cover(self) -> bool:
        return self.slide.fit is Fit.COVER

    def content_rect(self, m: Metrics) -> QRect:
        whole = QRect(0, 0, m.width, m.height)
        if self.cover:
            return whole  # the brand band, if any, lies over the picture
        # The margin validate assumes (kiosk.slides.image.picture_area).
        margin = round(CONTAIN_MARGIN * min(m.width, m.height))
        area = whole.adjusted(margin, margin, -margin, -margin)
        if self.brand is not None:
            area.setTop(max(area.top(), self.brand.height(m) + margin))
        return area

    def _caption(self, m: Metrics, padding: tuple[int, int, int, int]) -> Column | None:
        children: list[Box] = []
        if self.caption_label is not None:
            children.append(TextBox(self.caption_label))
        if self.credit_label is not None:
            if children:
                children.append(Space(m.space(0.01)))
            children.append(TextBox(self.credit_label))
        if not children:
            return None
        scrim = self._scrim if self.cover else None
        return Column(children, padding=padding, on_place=scrim)

    def build(self, m: Metrics, variant: Any) -> Box:
        area = self.content_rect(m)
        least = area.height() // 2  # the caption shrinks before the picture goes below
        if not self.cover:
            # A caption as wide as a landscape line can comfortably be read.
            side = round(max(0, area.width() - m.width * 0.78) / 2) if not m.portrait else 0
            caption = self._caption(m, (side, 0, side, 0))
            paint = partial(self.place_picture, cover=False)
            return ContainedPicture(self.picture, paint, caption, m.space(0.025), least)
        pad = m.space(0.022)
        # Its foot keeps the bottom margin clear, where the progress dots are drawn.
        caption = self._caption(m, (m.margin_x, pad, m.margin_x, max(pad, m.margin_y)))
        children: list[Box] = [Space(least)]
        if caption is not None:
            children.append(caption)
        # The picture is placed first, over the whole slide: everything else is on it.
        return Column(children, grow={0: 1.0}, on_place=partial(self.place_picture, cover=True))

    def _scrim(self, rect: QRect) -> None:
        color = QColor(self.theme.background)
        if not self.theme.solid_marks:  # high contrast: solid, as every mark there
            color.setAlphaF(SCRIM_OPACITY)
        self.decorations.append(Card(rect, color, 0.0))

    def place_picture(self, rect: QRect, *, cover: bool) -> None:
        """Paint the picture in ``rect`` (before anything drawn over it)."""
        self.picture_rect = QRect(rect)
        if self.picture is not None:
            draw = partial(self.picture.paint, cover=cover)
            self.decorations.append(Picture(rect, draw, backdrop=cover))

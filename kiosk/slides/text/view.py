"""A text slide: the heading, then the paragraph or the points, in large type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.slides.text import TextSlide
from kiosk.ui.slide_view import (
    Box,
    Column,
    Dot,
    FixedBox,
    Row,
    SlideContext,
    SlideView,
    Space,
    TextBox,
    spoken_line,
)
from kiosk.ui.theme import Metrics, TextRole


class TextSlideView(SlideView):
    draws = TextSlide
    slide: TextSlide
    # A few lines have a whole screen: they may grow further than a list's items,
    # to a poster's size.
    grows_to = 1.6

    def __init__(
        self, slide: TextSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        heading = self.text(slide.heading)
        self.add_heading(heading)
        self.paragraph = (
            self.add_label(self.text(slide.paragraph), TextRole.TEXT_BODY, theme.text)
            if slide.paragraph is not None
            else None
        )
        # (icon or None for a bullet, text); the icons and bullets are decoration, painted.
        self.points: list[tuple[QIcon | None, QLabel]] = []
        for point in slide.points or ():
            icon = self.icon(point.icon, theme.accent) if point.icon else None
            self.points.append(
                (icon, self.add_label(self.text(point.text), TextRole.TEXT_BODY, theme.text))
            )
        lines = [spoken_line(self.paragraph.text())] if self.paragraph is not None else []
        lines += [spoken_line(label.text()) for _, label in self.points]
        self.set_accessible(heading, lines)

    def variants(self, m: Metrics) -> list[Any]:
        """Columns of points: one, or two for a long list on a wide screen."""
        return [1] if m.portrait or len(self.points) < 4 else [1, 2]

    def _body_px(self) -> int:
        label = self.paragraph if self.paragraph is not None else self.points[0][1]
        return label.font().pixelSize()

    def _bullet(self, side: int) -> Box:
        """A small accent disc where a point has no icon."""
        radius = side / 2

        def paint(rect: QRect) -> None:
            center = QPointF(rect.center().x() + 0.5, rect.center().y() + 0.5)
            self.decorations.append(Dot(center, radius, QColor(self.theme.accent)))

        return FixedBox(
            None, QSize(side, side), align=Qt.AlignmentFlag.AlignHCenter, on_place=paint
        )

    def _point(self, m: Metrics, icon: QIcon | None, label: QLabel, marker_w: int) -> Box:
        """The point's icon (or bullet) centred on its first line, then its text."""
        marker: Box
        if icon is not None:
            side = round(self._body_px() * 0.9)
            marker = self.glyph(icon, QSize(side, side), align=Qt.AlignmentFlag.AlignHCenter)
        else:
            side = max(6, round(self._body_px() * 0.32))
            marker = self._bullet(side)
        top = max(0, (label.fontMetrics().height() - side) // 2)
        return Row(
            [Column([Space(top), marker]), TextBox(label)],
            widths=[marker_w, None],
            spacing=m.space(0.022),
        )

    def build(self, m: Metrics, variant: Any) -> Box:
        header = self.header(m, self.heading_label)
        width = self.content_width(m)
        body: Box
        if self.paragraph is not None:
            # Long lines are hard to follow from a distance: keep the paragraph's
            # measure well short of a landscape screen's width.
            measure = width if m.portrait else min(width, round(m.width * 0.78))
            body = Row([TextBox(self.paragraph)], widths=[measure])
        else:
            has_icons = any(icon is not None for icon, _ in self.points)
            marker_w = round(self._body_px() * (1.0 if has_icons else 0.5))
            items = [self._point(m, icon, label, marker_w) for icon, label in self.points]
            columns = int(variant)
            per_column = -(-len(items) // columns)
            gap = m.space(0.03)
            # Room to spare opens the gaps between points a little (a list that
            # floats in empty space reads as unfinished), the rest goes above and below.
            lists: list[Box] = [
                Column(
                    items[i : i + per_column],
                    spacing=gap,
                    stretch=dict.fromkeys(range(per_column - 1), 1.0),
                )
                for i in range(0, len(items), per_column)
            ]
            body = lists[0] if columns == 1 else Row(lists, spacing=m.space(0.05))
        if self.paragraph is not None:
            return Column([header, Space(m.space(0.05)), body], stretch={1: 0.35, 2: 0.65})
        return Column(
            [header, Space(m.space(0.05)), body], stretch={1: 0.3, 2: 0.45}, grow={2: 0.25}
        )

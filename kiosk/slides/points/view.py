"""Points under a heading: one card per point, its icon, its title and what can be done."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.slides.points import PointsSlide
from kiosk.ui.slide_view import (
    Box,
    Column,
    Dot,
    Row,
    SlideContext,
    SlideView,
    Space,
    TextBox,
    spoken_line,
)
from kiosk.ui.theme import Metrics, TextRole

ACTION_ICON = "fa6s.arrow-right"


class PointsSlideView(SlideView):
    draws: ClassVar[type[PointsSlide]] = PointsSlide  # presets (failures) draw theirs
    slide: PointsSlide

    def __init__(
        self, slide: PointsSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        heading = self.text(slide.heading)
        intro = self.text(slide.intro)
        self.add_heading(heading, intro)
        # (point icon, title, arrow icon, action); the icons are decoration, painted.
        self.points: list[tuple[QIcon, QLabel, QIcon, QLabel]] = []
        lines = [spoken_line(intro)]
        arrow = self.icon(ACTION_ICON, theme.accent)
        for point in slide.points:
            title, action = self.text(point.title), self.text(point.action)
            self.points.append(
                (
                    self.icon(point.icon, theme.accent),
                    self.add_label(title, TextRole.CARD_TITLE, theme.text),
                    arrow,
                    self.add_label(action, TextRole.BODY, theme.text),
                )
            )
            lines.append(spoken_line(title, action))
        self.set_accessible(heading, lines)

    def variants(self, m: Metrics) -> list[Any]:
        """ "table": one wide card per point, the title left and the action right;
        or a grid of that many columns (1: one card per line, the action under the
        title)."""
        count = len(self.points)
        if m.portrait:
            return [1]
        return ["table", 2 if count == 4 else count, 1]

    def _halo(self, m: Metrics) -> Callable[[QRect], None] | None:
        """A soft accent disc behind a point's icon (none in high contrast: a faint
        disc is exactly what that theme leaves out)."""
        if self.theme.solid_marks:
            return None
        color = QColor(self.theme.accent)
        color.setAlphaF(0.16)

        def paint(rect: QRect) -> None:
            center = QPointF(rect.center().x() + 0.5, rect.center().y() + 0.5)
            self.decorations.append(Dot(center, rect.width() * 0.78, color))

        return paint

    def build(self, m: Metrics, variant: Any) -> Box:
        table = variant == "table"
        columns = 1 if table else int(variant)
        pad = m.space(0.032)
        icon_px = round(m.unit * (0.045 + 0.015 * max(0.0, min(m.scale, 1.0))))
        halo = round(icon_px * 0.45)  # room around the icon for its disc
        icon_w = icon_px + 2 * halo
        arrow_px = max(8, round(m.font_px(TextRole.BODY) * 0.8))
        spacing = m.space(0.026)
        # In a table the titles share one column width, so the actions line up.
        text_w = self.content_width(m) - 2 * pad - icon_w - 2 * spacing
        title_w = round(text_w * 0.42)
        cards: list[Box] = []
        for icon, title, arrow, action in self.points:
            # The arrow sits on the action's first line.
            arrow_top = max(0, (action.fontMetrics().height() - arrow_px) // 2)
            arrow_box = Column([Space(arrow_top), self.glyph(arrow, QSize(arrow_px, arrow_px))])
            action_row = Row(
                [arrow_box, TextBox(action)], widths=[arrow_px, None], spacing=m.space(0.014)
            )
            icon_box = self.glyph(
                icon,
                QSize(icon_px, icon_px),
                align=Qt.AlignmentFlag.AlignHCenter,
                under=self._halo(m),
            )
            row: Box
            if table:
                centred = Column([Space(halo), icon_box, Space(halo)], stretch={-1: 1.0, 2: 1.0})
                row = Row(
                    [centred, TextBox(title), action_row],
                    widths=[icon_w, title_w, None],
                    spacing=spacing,
                )
            else:
                # The icon's centre level with the middle of the title's first line.
                top = max(0, (title.fontMetrics().height() - icon_px) // 2)
                text = Column([TextBox(title), Space(m.space(0.016)), action_row])
                row = Row(
                    [Column([Space(top), icon_box]), text], widths=[icon_w, None], spacing=spacing
                )
            cards.append(Column([row], padding=(pad, pad, pad, pad), on_place=self.card()))
        gap = m.space(0.028)
        rows: list[Box] = [
            Row(cards[i : i + columns], spacing=gap, slots=columns, center=True)
            for i in range(0, len(cards), columns)
        ]
        grid = Column(rows, spacing=gap, grow=dict.fromkeys(range(len(rows)), 1.0))
        return Column(
            [self.header(m, self.heading_label, self.intro_label), Space(m.space(0.045)), grid],
            stretch={1: 0.7, 2: 1.0},
            grow={2: 0.3},
        )

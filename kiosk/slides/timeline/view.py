"""Dated events along a line, oldest first, each on a card.

Landscape: the line runs left to right and wraps into up to three rows. Portrait:
it runs downwards, in one or two columns. Many events therefore get more rows
(or columns), not smaller type, and more than a screen holds become pages. The
cards grow to fill the screen: a page of few events does not float.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.slides.timeline import TimelineSlide
from kiosk.translation import translator
from kiosk.ui.slide_view import (
    Box,
    Column,
    Dot,
    Row,
    SlideContext,
    SlideView,
    Space,
    Stroke,
    TextBox,
    spoken_line,
)
from kiosk.ui.theme import Metrics, TextRole
from kiosk.ui.widgets.source_line import source_text

MAX_PER_ROW = 6
MAX_ROWS = 3


class TimelineSlideView(SlideView):
    draws = TimelineSlide
    slide: TimelineSlide

    def __init__(
        self, slide: TimelineSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        heading = self.text(slide.heading)
        self.add_heading(heading)
        self.cells: list[tuple[QLabel, QLabel, QLabel | None, QLabel]] = []
        words = translator(context.language)
        lines = []
        for event in slide.events:
            date = event.date.display(context.language)
            title, detail = self.text(event.title), self.text(event.detail)
            source = source_text(self.text(event.source.name), context.language)
            self.cells.append(
                (
                    self.add_label(date, TextRole.DATE, theme.accent),
                    self.add_label(title, TextRole.CARD_TITLE, theme.text),
                    self.add_label(detail, TextRole.BODY, theme.muted) if detail else None,
                    self.add_label(source, TextRole.SOURCE, theme.muted),
                )
            )
            # Translators: how a screen reader hears an event, as in "Jul 2010: The UN adopts…".
            said = words.pgettext("spoken slide", "{date}: {event}")
            lines.append(spoken_line(said.format(date=date, event=title), detail, source))
        self.set_accessible(heading, lines)

    def variants(self, m: Metrics) -> list[Any]:
        count = len(self.cells)
        if m.portrait:
            return [("columns", 1)] + ([("columns", 2)] if count >= 5 else [])
        rows = [
            r
            for r in range(1, MAX_ROWS + 1)
            if math.ceil(count / r) <= MAX_PER_ROW and (r == 1 or math.ceil(count / r) >= 2)
        ]
        # Four to a row reads best; more per row only if that fits better.
        rows.sort(key=lambda r: (math.ceil(count / r) > 4, r))
        return [("rows", r) for r in rows] or [("rows", MAX_ROWS)]

    # -- pieces -------------------------------------------------------------------

    def _card(self, m: Metrics, index: int) -> Box:
        """The event's card: its date, title and detail, its source at the foot."""
        date, title, detail, source = self.cells[index]
        boxes: list[Box] = [TextBox(date), Space(m.space(0.008)), TextBox(title)]
        if detail is not None:
            boxes += [Space(m.space(0.006)), TextBox(detail)]
        boxes += [Space(m.space(0.014)), TextBox(source)]
        pad = m.space(0.02)
        return Column(
            boxes,
            padding=(pad, pad, pad, pad),
            stretch={len(boxes) - 2: 1.0},  # sources line up at the cards' feet
            on_place=self.card(),
        )

    def _line_color(self) -> QColor:
        color = QColor(self.theme.accent)
        if not self.theme.solid_marks:  # a lighter line, so the dots stand out on it
            color.setAlphaF(0.55)
        return color

    def _marker(
        self, m: Metrics, index: int, horizontal: bool, reach: int
    ) -> Callable[[QRect], None]:
        """Paints event ``index``'s dot and the line on to the next event."""
        radius = max(3.0, m.unit * 0.0085)
        width = max(2.0, m.unit * 0.0028)
        last = index == len(self.cells) - 1
        date_label = self.cells[index][0]

        def paint(rect: QRect) -> None:
            if horizontal:
                center = QPointF(rect.x() + radius * 1.6, rect.y() + rect.height() / 2)
                end = QPointF(rect.x() + rect.width() + reach, center.y())
            else:
                center = QPointF(
                    rect.x() + rect.width() / 2,
                    # Level with the date, inside its card's padding.
                    rect.y() + m.space(0.02) + date_label.fontMetrics().height() / 2,
                )
                end = QPointF(center.x(), rect.y() + rect.height() + reach)
            if not last:
                self.decorations.append(Stroke(QLineF(center, end), self._line_color(), width))
            self.decorations.append(
                Dot(center, radius, QColor(self.theme.accent), ring=QColor(self.theme.background))
            )

        return paint

    # -- arrangements -------------------------------------------------------------

    def build(self, m: Metrics, variant: Any) -> Box:
        how, count = variant
        body = self._rows(m, count) if how == "rows" else self._columns(m, count)
        return Column(
            [self.header(m, self.heading_label), Space(m.space(0.04)), body],
            stretch={1: 0.15},
            grow={2: 1.0},
        )

    def _rows(self, m: Metrics, rows: int) -> Box:
        per_row = math.ceil(len(self.cells) / rows)
        gap = m.space(0.032)
        marker_h = round(m.unit * 0.03)
        lines: list[Box] = []
        for start in range(0, len(self.cells), per_row):
            cells: list[Box] = []
            indices = range(start, min(start + per_row, len(self.cells)))
            for index in indices:
                # The line runs on through the gap to the next dot, except at a row's end.
                reach = gap if index != indices[-1] else 0
                marker = Space(marker_h, on_place=self._marker(m, index, True, reach))
                cells.append(
                    Column([marker, Space(m.space(0.01)), self._card(m, index)], grow={2: 1.0})
                )
            lines.append(Row(cells, spacing=gap, slots=per_row))
        return Column(lines, spacing=m.space(0.035), grow=dict.fromkeys(range(len(lines)), 1.0))

    def _columns(self, m: Metrics, columns: int) -> Box:
        per_column = math.ceil(len(self.cells) / columns)
        gap = m.space(0.034)
        spacing = m.space(0.03)
        marker_w = round(m.unit * 0.03)
        stacks: list[Box] = []
        for start in range(0, len(self.cells), per_column):
            cells: list[Box] = []
            indices = range(start, min(start + per_column, len(self.cells)))
            for index in indices:
                reach = spacing if index != indices[-1] else 0
                marker = Space(0, on_place=self._marker(m, index, False, reach))
                cells.append(
                    Row(
                        [marker, self._card(m, index)],
                        widths=[marker_w, None],
                        spacing=m.space(0.016),
                    )
                )
            stacks.append(
                Column(cells, spacing=spacing, grow=dict.fromkeys(range(len(cells)), 1.0))
            )
        return Row(stacks, spacing=gap, slots=columns)

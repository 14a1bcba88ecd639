"""Where the visitor is in the deck: a row of dots, or a bar for long decks.

It lies over the bottom edge of the slide (or, in touch mode, in the free middle
of the control bar) and lets every click and touch through to the window. Sizes
follow the window height, like everything else on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.translation import translator
from kiosk.ui.theme import UiTheme

# Fractions of the window height: a dot readable from a few metres that does not
# compete with the slide's own text.
DOT_DIAMETER = 0.011
DOT_PITCH = 2.4  # centre-to-centre distance, in dot diameters
BOTTOM_MARGIN = 0.018
STRIP_HEIGHT = BOTTOM_MARGIN * 2 + DOT_DIAMETER
# Past this share of the width a row of dots turns into a bar.
MAX_ROW_WIDTH = 0.6
INACTIVE_ALPHA = 0.45


class ProgressIndicator(QWidget):
    """Dots (one per slide, the current one in the accent colour) or a bar; for a
    screen reader, "Slide 3 of 7" in ``language``."""

    def __init__(self, theme: UiTheme, *, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._theme = theme
        self._language = language
        self._index = 0
        self._count = 0
        self._max_row = MAX_ROW_WIDTH
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._name()

    @property
    def index(self) -> int:
        return self._index

    @property
    def count(self) -> int:
        return self._count

    def set_theme(self, theme: UiTheme) -> None:
        self._theme = theme
        self.update()

    def set_position(self, index: int, count: int) -> None:
        if (index, count) != (self._index, self._count):
            self._index, self._count = index, count
            self._name()
            self.update()

    def set_language(self, language: str) -> None:
        self._language = language
        self._name()

    def _name(self) -> None:
        words = translator(self._language)
        self.setAccessibleName(
            # Translators: where the visitor is in the slide show, e.g. "Slide 3 of 7".
            words.pgettext("progress", "Slide {number} of {count}").format(
                number=self._index + 1, count=self._count
            )
            if self._count
            else ""
        )

    def place_in(self, window_width: int, window_height: int) -> None:
        """Lie along the bottom of a window of that size."""
        height = max(4, round(window_height * STRIP_HEIGHT))
        self._max_row = MAX_ROW_WIDTH
        self.setGeometry(0, window_height - height, window_width, height)

    def place_within(self, area: QRect, window_height: int) -> None:
        """Lie across the middle of ``area`` (in the parent), dots sized for that window
        height; the row may use nearly all of the area's width."""
        height = max(4, round(window_height * STRIP_HEIGHT))
        self._max_row = 0.9
        self.setGeometry(
            area.x(), area.y() + (area.height() - height) // 2, max(0, area.width()), height
        )

    def _unit(self) -> float:
        """The window height this strip was placed for."""
        return self.height() / STRIP_HEIGHT

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._count <= 1:
            return  # one slide: nothing to locate
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        diameter = max(3.0, self._unit() * DOT_DIAMETER)
        pitch = diameter * DOT_PITCH
        row_width = pitch * (self._count - 1) + diameter
        centre_y = self.height() / 2
        inactive = QColor(self._theme.muted)
        if not self._theme.solid_marks:  # high contrast: no see-through marks
            inactive.setAlphaF(INACTIVE_ALPHA)
        if row_width <= self.width() * self._max_row:
            left = (self.width() - row_width) / 2
            for i in range(self._count):
                painter.setBrush(self._theme.accent if i == self._index else inactive)
                painter.drawEllipse(
                    QRectF(left + i * pitch, centre_y - diameter / 2, diameter, diameter)
                )
        else:
            # A bar: the whole deck as a track, the part up to the current slide filled.
            track_width = self.width() * self._max_row
            thickness = diameter / 2
            track = QRectF(
                (self.width() - track_width) / 2, centre_y - thickness / 2, track_width, thickness
            )
            painter.setBrush(inactive)
            painter.drawRoundedRect(track, thickness / 2, thickness / 2)
            filled = QRectF(track)
            filled.setWidth(track_width * (self._index + 1) / self._count)
            painter.setBrush(self._theme.accent)
            painter.drawRoundedRect(filled, thickness / 2, thickness / 2)
        painter.end()

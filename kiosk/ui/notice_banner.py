"""The staff notice on screen: a band across the top of every slide, or the whole
screen (``kiosk notice --full``), in the visitor's language where staff gave it.

Readable from where visitors stand whatever the slide: its letters' cap height is
at least ``MIN_CAP_SHARE`` of the screen's shorter side (27 px at 1080p), and its
colours are fixed, not the pack's: near-black on yellow for the band, yellow on
black over the whole screen, each above 13:1. The band pushes the slides down
(``height_for``), so no slide text hides under it. Presses go through it: the staff
corner still opens the PIN pad, and a visitor can still move on.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.translation import translator
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.label import visitor_label

if TYPE_CHECKING:
    from kiosk.schedule.notice import Notice

# The smallest letters a notice has: cap height as a share of the screen's shorter side.
MIN_CAP_SHARE = 0.025
# The whole screen's notice may grow to this, for a short message read from afar.
FULL_MAX_CAP_SHARE = 0.08
BAND_COLOURS = (QColor("#ffd400"), QColor("#111111"))  # background, text: 13:1
FULL_COLOURS = (QColor("#000000"), QColor("#ffd400"))  # 14.5:1
BAND_MAX_LINES = 4


def font_for_cap_height(cap_px: float) -> QFont:
    """The kiosk's bold font at the smallest size whose capitals are ``cap_px`` tall."""
    font = UiTheme.font(max(1, math.ceil(cap_px / 0.7)), bold=True)
    while QFontMetrics(font).capHeight() < cap_px:
        font.setPixelSize(font.pixelSize() + 1)
    return font


class NoticeBanner(QWidget):
    """Shows one notice (``show_notice``), or nothing."""

    def __init__(self, *, language: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._host = parent
        self.setObjectName("staff-notice")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._notice: Notice | None = None
        self._language = language
        self._label = visitor_label(self, "", BAND_COLOURS[1], align=Qt.AlignmentFlag.AlignHCenter)
        self.hide()

    @property
    def notice(self) -> Notice | None:
        return self._notice

    @property
    def is_band(self) -> bool:
        return self._notice is not None and not self._notice.full

    @property
    def is_full(self) -> bool:
        return self._notice is not None and self._notice.full

    @property
    def text(self) -> str:
        return self._label.text()

    @property
    def label_font(self) -> QFont:
        return self._label.font()

    def show_notice(self, notice: Notice | None) -> None:
        changed = notice != self._notice
        self._notice = notice
        self.setVisible(notice is not None)
        self._relabel()
        if changed and notice is not None:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, self.text))

    def set_language(self, language: str) -> None:
        self._language = language
        self._relabel()

    def _relabel(self) -> None:
        notice = self._notice
        # Translators: what a screen reader calls the staff's notice over the slides.
        self.setAccessibleName(translator(self._language).pgettext("notice", "Notice"))
        text = notice.text_in(self._language) if notice is not None else ""
        self._label.setText(text)
        self.setAccessibleDescription(text)
        colour = (FULL_COLOURS if self.is_full else BAND_COLOURS)[1]
        palette = self._label.palette()
        palette.setColor(self._label.foregroundRole(), colour)
        self._label.setPalette(palette)
        self.update()

    # -- size and place --------------------------------------------------------------

    def _band_layout(self, width: int, height: int) -> tuple[QFont, int, int]:
        """The band's font, padding and height for a window of this size."""
        short = min(width, height)
        font = font_for_cap_height(short * MIN_CAP_SHARE)
        pad = max(4, round(short * 0.015))
        metrics = QFontMetrics(font)
        flags = int(Qt.TextFlag.TextWordWrap)
        box = metrics.boundingRect(QRect(0, 0, max(1, width - 4 * pad), 10**6), flags, self.text)
        lines = max(1, math.ceil(box.height() / metrics.lineSpacing()))
        text_height = metrics.lineSpacing() * min(lines, BAND_MAX_LINES)
        return font, pad, text_height + 2 * pad

    def height_for(self, width: int, height: int) -> int:
        """How much of the top of a ``width`` × ``height`` window the band takes (0: none)."""
        return self._band_layout(width, height)[2] if self.is_band else 0

    def place_in(self, area: QRect) -> None:
        """Lay out over ``area`` (the whole window): the band along its top, or all of it."""
        width, height = area.width(), area.height()
        if self.is_full:
            self.setGeometry(area)
            pad = round(min(width, height) * 0.06)
            self._label.setFont(self._full_font(width - 2 * pad, height - 2 * pad))
            self._label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._label.setGeometry(pad, pad, width - 2 * pad, height - 2 * pad)
            return
        font, pad, band = self._band_layout(width, height)
        self.setGeometry(area.x(), area.y(), width, band)
        self._label.setFont(font)
        self._label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter)
        self._label.setGeometry(2 * pad, pad, width - 4 * pad, band - 2 * pad)

    def _full_font(self, width: int, height: int) -> QFont:
        """The largest font (within the limits) at which the whole notice fits."""
        short = min(self._host.width(), self._host.height())
        floor, top = short * MIN_CAP_SHARE, short * FULL_MAX_CAP_SHARE
        flags = int(Qt.TextFlag.TextWordWrap)
        cap = top
        while cap > floor:
            font = font_for_cap_height(cap)
            box = QFontMetrics(font).boundingRect(
                QRect(0, 0, max(1, width), 10**6), flags, self.text
            )
            if box.height() <= height and box.width() <= width:
                return font
            cap *= 0.9
        return font_for_cap_height(floor)

    def paintEvent(self, event: QPaintEvent) -> None:
        background = (FULL_COLOURS if self.is_full else BAND_COLOURS)[0]
        QPainter(self).fillRect(event.rect(), background)

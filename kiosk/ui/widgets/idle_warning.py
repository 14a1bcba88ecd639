"""The idle warning: "Still there? Touch the screen to keep reading", with the seconds
left before the slides go back to the start.

It covers the whole window, so that a visitor in the middle of reading (or of
scanning a code shown large) cannot miss it, and so that the touch that answers it
lands on it: that touch only keeps the visitor where they were. It does not also
turn the slide, close the code they were scanning or press a button under it.
The numbers come from ``kiosk.ui.idle.IdleCountdown`` (WCAG 2.2 SC 2.2.1).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from kiosk.translation import translator
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.card import paint_pop_up
from kiosk.ui.widgets.readable import PRIMARY_CAP_SHARE, readable_font

# Cap heights, as shares of the screen's shorter side: the question is read first and
# from furthest away; the number must be seen changing at a glance.
QUESTION_CAP_SHARE = 0.05
NUMBER_CAP_SHARE = 0.07
# The card's padding and the gaps between its lines, in shares of the short side.
PADDING = 0.05
SPACING = 0.025
# The card never takes more of the window's width than this.
MAX_WIDTH_SHARE = 0.86
RING_WIDTH = 0.012


class IdleWarning(QWidget):
    """Covers its parent while shown (``count_down``); emits ``touched`` when pressed,
    and swallows the press."""

    touched = Signal()

    def __init__(self, theme: UiTheme, *, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._theme = theme
        self._language = language
        self._seconds = 0
        self._total = 0.0
        self.card = QRect()
        self.hide()

    @property
    def seconds(self) -> int:
        return self._seconds

    def set_theme(self, theme: UiTheme) -> None:
        self._theme = theme
        self.update()

    def set_language(self, language: str) -> None:
        self._language = language
        self._name()
        self.update()

    # -- what it says ------------------------------------------------------------------

    def texts(self) -> tuple[str, str, str]:
        """The question, what to do, and the countdown, in the visitor's language."""
        words = translator(self._language)
        return (
            # Translators: asked when nobody has touched the screen for a while, just
            # before the slides go back to the start.
            words.pgettext("idle warning", "Still there?"),
            words.pgettext("idle warning", "Touch the screen to keep reading"),
            words.npgettext(
                "idle warning",
                "Back to the start in {count} second",
                "Back to the start in {count} seconds",
                self._seconds,
            ).format(count=self._seconds),
        )

    def fonts(self) -> tuple[QFont, QFont, QFont, QFont]:
        """Fonts of the question, the instruction, the countdown line and the number."""
        short = min(self.width(), self.height())
        return (
            readable_font(short, QUESTION_CAP_SHARE, bold=True),
            readable_font(short, PRIMARY_CAP_SHARE * 1.2, bold=False),
            readable_font(short, PRIMARY_CAP_SHARE, bold=False),
            readable_font(short, NUMBER_CAP_SHARE, bold=True),
        )

    def _name(self) -> None:
        question, action, countdown = self.texts()
        self.setAccessibleName(question)
        self.setAccessibleDescription(f"{action}. {countdown}")

    def count_down(self, seconds: int, total: float) -> None:
        """Show ``seconds`` left of a warning ``total`` seconds long."""
        first = not self.isVisible()
        self._seconds, self._total = seconds, total
        self._name()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.update()
        if first:  # said once, not every second
            question, action, countdown = self.texts()
            QAccessible.updateAccessibility(
                QAccessibleAnnouncementEvent(self, f"{question} {action}. {countdown}")
            )

    # -- layout --------------------------------------------------------------------------

    def _blocks(self, width: float) -> list[tuple[str, QFont, QColor, float]]:
        """What the card holds, top to bottom: (text, font, colour, height at ``width``)."""
        question, action, countdown = self.texts()
        question_font, action_font, countdown_font, number_font = self.fonts()
        theme = self._theme
        blocks = []
        for text, font, color in (
            (question, question_font, theme.text),
            (action, action_font, theme.text),
            (str(self._seconds), number_font, theme.accent),
            (countdown, countdown_font, theme.muted),
        ):
            metrics = QFontMetricsF(font)
            box = metrics.boundingRect(
                QRectF(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text
            )
            blocks.append((text, font, QColor(color), box.height()))
        return blocks

    def _ring_side(self) -> float:
        number = QFontMetricsF(self.fonts()[3])
        return max(number.height(), number.horizontalAdvance("88")) * 1.5

    def _lay_out(self) -> tuple[QRect, float, list[tuple[str, QFont, QColor, float]]]:
        short = min(self.width(), self.height())
        padding, spacing = short * PADDING, short * SPACING
        widest = self.width() * MAX_WIDTH_SHARE - 2 * padding
        natural = 0.0
        for text, font, _color, _height in self._blocks(widest):
            natural = max(natural, QFontMetricsF(font).horizontalAdvance(text))
        inner = min(widest, natural + 1)
        blocks = self._blocks(inner)
        ring = self._ring_side()
        height = sum(h for *_rest, h in blocks) - blocks[2][3] + ring + spacing * 3
        card = QRectF(0, 0, inner + 2 * padding, height + 2 * padding)
        card.moveCenter(QRectF(self.rect()).center())
        return card.toRect(), ring, blocks

    # -- Qt events -----------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.card, ring, blocks = self._lay_out()
        paint_pop_up(painter, self.rect(), self._theme, self.card)
        short = min(self.width(), self.height())
        padding, spacing = short * PADDING, short * SPACING
        left, y = self.card.left() + padding, self.card.top() + padding
        inner = self.card.width() - 2 * padding
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap)
        for index, (text, font, color, height) in enumerate(blocks):
            if index == 2:  # the number, in a ring that empties as the time runs out
                circle = QRectF(self.card.center().x() - ring / 2, y, ring, ring)
                self._paint_ring(painter, circle, short)
                painter.setFont(font)
                painter.setPen(color)
                painter.drawText(circle, int(Qt.AlignmentFlag.AlignCenter), text)
                y += ring + spacing
                continue
            painter.setFont(font)
            painter.setPen(color)
            painter.drawText(QRectF(left, y, inner, height), flags, text)
            y += height + spacing
        painter.end()

    def _paint_ring(self, painter: QPainter, circle: QRectF, short: int) -> None:
        width = max(2.0, short * RING_WIDTH)
        inside = circle.adjusted(width / 2, width / 2, -width / 2, -width / 2)
        track = QColor(self._theme.muted)
        if not self._theme.solid_marks:
            track.setAlphaF(0.35)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(track, width))
        painter.drawEllipse(inside)
        share = min(1.0, self._seconds / self._total) if self._total > 0 else 0.0
        pen = QPen(self._theme.accent, width)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawArc(inside, 90 * 16, round(share * 360 * 16))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()
        self.touched.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()


__all__ = ["IdleWarning"]

"""The rounded card: what a slide's items sit on, and what every pop-up is drawn as.

One look everywhere: a surface-coloured rounded rectangle whose size-dependent
corner radius and (high-contrast) border come from the screen's short side, the
border drawn inside the rectangle so it never reaches a neighbour. A pop-up (a
resource shown large, the staff PIN pad) is a bigger card over the dimmed slide,
so it is rounder and its border heavier.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from kiosk.ui.theme import UiTheme

# The dimmed slide around a pop-up card: the theme background, nearly opaque, so the
# slide is still there (a visitor knows where they will return) but not read.
SCRIM_ALPHA = 0.9


class CardShape(NamedTuple):
    """Corner radius and border width, as shares of the screen's short side."""

    radius_share: float
    min_radius: float
    outline_share: float

    def radius(self, short_side: int) -> float:
        return max(self.min_radius, self.radius_share * short_side)

    def outline_width(self, short_side: int) -> float:
        return max(2.0, round(self.outline_share * short_side))


# An item on a slide (a fact, an event, a resource).
ON_SLIDE = CardShape(radius_share=0.014, min_radius=4.0, outline_share=0.0022)
# A pop-up over the slide.
POP_UP = CardShape(radius_share=0.02, min_radius=6.0, outline_share=0.003)


class Card(NamedTuple):
    """A card to paint: where, in which colour, how round, and its border if any."""

    rect: QRect
    color: QColor
    radius: float
    outline: QColor | None = None  # a border inside the rect (high contrast)
    outline_width: float = 0.0

    @classmethod
    def shaped(
        cls,
        rect: QRect,
        color: QColor,
        outline: QColor | None,
        short_side: int,
        shape: CardShape = ON_SLIDE,
    ) -> Card:
        """A card of ``shape`` for a screen whose short side is ``short_side``."""
        width = shape.outline_width(short_side) if outline is not None else 0.0
        return cls(QRect(rect), QColor(color), shape.radius(short_side), outline, width)


def paint_card(painter: QPainter, card: Card) -> None:
    """Fill the card, then draw its border (if any) inside its rectangle."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(card.color)
    painter.drawRoundedRect(QRectF(card.rect), card.radius, card.radius)
    if card.outline is not None and card.outline_width > 0:
        half = card.outline_width / 2
        painter.setPen(QPen(card.outline, card.outline_width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(
            QRectF(card.rect).adjusted(half, half, -half, -half),
            card.radius - half,
            card.radius - half,
        )
    painter.restore()


def paint_pop_up(painter: QPainter, area: QRect, theme: UiTheme, rect: QRect) -> None:
    """What every pop-up shares: the slide dimmed behind ``area``, a card in front."""
    scrim = QColor(theme.background)
    scrim.setAlphaF(SCRIM_ALPHA)
    painter.fillRect(area, scrim)
    short = min(area.width(), area.height())
    paint_card(painter, Card.shaped(rect, theme.surface, theme.outline, short, POP_UP))

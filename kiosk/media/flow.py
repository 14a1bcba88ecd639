"""Blocks laid out down the pages of a document, in millimetres.

A block knows its height for a width and paints itself; ``paginate`` places them
top to bottom and starts a new page where the next one does not fit. A block
that must not end a page (a section's title) keeps with the one after it. Lists
of cards are split into rows first (``rows``), so a long list breaks between
rows, never through a card.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Protocol

from kiosk.media.page import PdfDocument


class Card(Protocol):
    """Something with a height for a width, that paints itself there."""

    def height(self, doc: PdfDocument, width: float) -> float: ...

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None: ...


class Block(Card, Protocol):
    keep_with_next: bool


@dataclass
class Placed:
    block: Block
    top: float


@dataclass
class CardRow:
    """Cards side by side, on panels of the same height."""

    cards: Sequence[Card]
    columns: int
    gap: float
    panel: str | None  # the panels' colour; None: no panel
    padding: float = 3.0
    keep_with_next: bool = False

    def _card_width(self, width: float) -> float:
        return (width - self.gap * (self.columns - 1)) / self.columns

    def height(self, doc: PdfDocument, width: float) -> float:
        inner = self._card_width(width) - 2 * self.padding
        return max(card.height(doc, inner) for card in self.cards) + 2 * self.padding

    def paint(self, doc: PdfDocument, left: float, top: float, width: float) -> None:
        card_width = self._card_width(width)
        height = self.height(doc, width)
        for index, card in enumerate(self.cards):
            x = left + index * (card_width + self.gap)
            if self.panel is not None:
                doc.fill(x, top, card_width, height, self.panel)
            card.paint(doc, x + self.padding, top + self.padding, card_width - 2 * self.padding)


def rows(
    cards: Sequence[Card], columns: int, gap: float, panel: str | None, padding: float = 3.0
) -> list[CardRow]:
    return [
        CardRow(cards[i : i + columns], columns, gap, panel, padding)
        for i in range(0, len(cards), columns)
    ]


def paginate(
    doc: PdfDocument,
    blocks: Sequence[Block],
    width: float,
    height: float,
    gap: float,
    breaks: Collection[int] = (),
) -> list[list[Placed]]:
    """``blocks`` on pages ``height`` millimetres tall: each page's blocks, with the
    distance from the top of the page's content area to each block's top. The blocks
    numbered in ``breaks`` start a new page."""
    pages: list[list[Placed]] = [[]]
    heights = [block.height(doc, width) for block in blocks]
    y = 0.0
    for index, block in enumerate(blocks):
        needed = heights[index]
        # A title goes with what follows it: both fit, or both go over.
        follower = index + 1
        while blocks[follower - 1].keep_with_next and follower < len(blocks):
            needed += gap + heights[follower]
            follower += 1
        if pages[-1] and (y + needed > height or index in breaks):
            pages.append([])
            y = 0.0
        pages[-1].append(Placed(block, y))
        y += heights[index] + gap
    return pages

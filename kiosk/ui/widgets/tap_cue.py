"""The tap cue: "Tap for a larger code", a small label on each card a visitor can tap
("Tap to check the source" on a key figure's card, which opens its source).

Nothing on a card says it can be tapped, so a visitor who would scan a help line's
code from a step away does not know it opens larger. The cue says so, in the
visitor's language, the first time a slide with tappable cards shows in a visit.

It is chrome, not part of the slide: views stay pure drawings of their model (the
same in proofs and on screen), and the cue lies over them, placed from the tap
targets the view hands out. It must not hide what the card says, and no view says
where its text is, so the cue looks at the card as drawn: it goes in the lowest
blank stretch of the card's right side (text on cards starts at the left; the QR
code is at the top or left), else of its left side, its words broken over two or
three lines where one is too wide; else across the card's bottom (or top) edge,
or just beside the card, where nothing is drawn. A card with no such room goes
without (``TapCues``). It lets every tap through to the card under it. It goes
after ``CUE_SECONDS``, at the visitor's first input, or with the slide;
``TapCues`` remembers which slides have had theirs, until the next visit.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence

from PySide6.QtCore import QObject, QRect, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.translation import translator
from kiosk.ui.stage_view import Shows
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.icon import themed_icon
from kiosk.ui.widgets.readable import readable_font

# Long enough to be seen by someone walking up, short enough not to stay over a card.
CUE_SECONDS = 8.0
# Shares of the label's line height.
PADDING_X = 0.45
PADDING_Y = 0.22
ICON_SPACING = 0.25
# Blank room kept round the cue, so that it does not touch the card's text.
CLEARANCE = 0.3
# The most lines the words are broken into to fit a narrow blank stretch.
MAX_LINES = 3
# A card's edge (its outline in high contrast, its anti-aliased rim), as a share of
# the screen's short side: never taken for blank, nor for something drawn.
EDGE_SHARE = 0.004


def cue_text(language: str, shows: Shows = Shows.CODE) -> str:
    """What the cue says on a card that, tapped, opens what it ``shows``."""
    words = translator(language)
    if shows is Shows.SOURCE:
        # Translators: a small label on a key figure's card, which opens the
        # figure's source (with a QR code of it) when tapped.
        return words.pgettext("tap cue", "Tap to check the source")
    # Translators: a small label on a card with a QR code, which opens large when tapped.
    return words.pgettext("tap cue", "Tap for a larger code")


class TapCue(QWidget):
    """One cue: a hand and the words on an accent-coloured pill, sized for the screen
    whose shorter side is ``short_side``, its words (``cue_text``: for a card that
    ``shows`` that) on one line or broken into a few (``set_lines``). Transparent to
    every tap."""

    def __init__(
        self,
        theme: UiTheme,
        *,
        language: str,
        short_side: int,
        shows: Shows = Shows.CODE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._theme = theme
        self.font_used = readable_font(short_side, bold=True)
        self._text = cue_text(language, shows)
        self._lines = [self._text]
        self.setAccessibleName(self._text)

    @property
    def lines(self) -> list[str]:
        return list(self._lines)

    def line_height(self) -> float:
        return QFontMetricsF(self.font_used).height()

    def shapes(self) -> list[tuple[list[str], QSize]]:
        """Its words on 1, 2... lines, each with the cue's size: widest first."""
        metrics = QFontMetricsF(self.font_used)
        line = self.line_height()
        extra = line * (2 * PADDING_X + 1 + ICON_SPACING)  # padding and the hand icon
        shapes = []
        for count in range(1, MAX_LINES + 1):
            lines = broken_into(self._text, count, metrics)
            if len(lines) < count:
                break  # fewer words than lines
            width = max(metrics.horizontalAdvance(part) for part in lines) + extra
            height = line * count + 2 * line * PADDING_Y
            shapes.append((lines, QSize(round(width + 0.5), round(height + 0.5))))
        return shapes

    def set_lines(self, lines: Sequence[str]) -> None:
        self._lines = list(lines)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect())
        line = self.line_height()
        radius = min(rect.height() / 2, line * 0.6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._theme.accent)
        painter.drawRoundedRect(rect, radius, radius)
        if self._theme.outline is not None:  # high contrast: a rim against the card
            painter.setPen(QColor(self._theme.background))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        ink = QColor(self._theme.background)
        icon_px = round(line * 0.9)
        left = line * PADDING_X
        icon = themed_icon("fa6s.hand-pointer", ink)
        icon.paint(
            painter,
            QRect(round(left), round((rect.height() - icon_px) / 2), icon_px, icon_px),
            Qt.AlignmentFlag.AlignCenter,
        )
        painter.setFont(self.font_used)
        painter.setPen(ink)
        text_left = left + line * (1 + ICON_SPACING)
        top = line * PADDING_Y
        for number, part in enumerate(self._lines):
            painter.drawText(
                QRectF(text_left, top + number * line, rect.width() - text_left, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                part,
            )
        painter.end()


def broken_into(text: str, count: int, metrics: QFontMetricsF) -> list[str]:
    """``text`` broken at spaces into ``count`` lines (fewer when it has fewer words),
    the longest line as short as it can be."""
    words = text.split(" ")
    count = min(count, len(words))
    best: list[str] = [text]
    best_width = float("inf")
    for cuts in itertools.combinations(range(1, len(words)), count - 1):
        bounds = (0, *cuts, len(words))
        lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
        width = max(metrics.horizontalAdvance(part) for part in lines)
        if width < best_width:
            best, best_width = lines, width
    return best


def is_blank(image: QImage, rect: QRect) -> bool:
    """Whether ``rect`` of ``image`` (Format_RGB32) is one flat colour: nothing drawn."""
    if not image.rect().contains(rect) or rect.isEmpty():
        return False
    # 32-bit rows need no padding: the copy's pixels are one run of 4-byte values.
    # (The copy is kept in a name: constBits() points into it, and a temporary
    # would be freed before bytes() has read it.)
    region = image.copy(rect)
    pixels = bytes(region.constBits())
    return pixels == pixels[:4] * (rect.width() * rect.height())


def blank_spot(image: QImage, card: QRect, size: QSize, clearance: int) -> QRect | None:
    """The lowest place of ``size`` inside ``card`` (both in ``image``'s coordinates),
    at its right or else its left side, where ``image`` is blank with ``clearance``
    blank pixels round it; None if there is none. The clearance stays off the card's
    edge too, where its rounded corners are not blank."""
    edge = clearance + max(3, round(min(image.width(), image.height()) * EDGE_SHARE))
    room = card.adjusted(edge, edge, -edge, -edge)
    step = max(1, size.height() // 6)
    y = room.bottom() + 1 - size.height()
    while y >= room.top():
        for x in (room.right() + 1 - size.width(), room.left()):
            spot = QRect(x, y, size.width(), size.height())
            around = spot.adjusted(-clearance, -clearance, clearance, clearance)
            if room.contains(spot) and is_blank(image, around):
                return spot
        y -= step
    return None


def hides_nothing(image: QImage, spot: QRect, card: QRect, clearance: int) -> bool:
    """Whether a cue at ``spot``, which may reach over an edge of ``card``, would hide
    nothing drawn: the part on the card and the part off it (each with ``clearance``
    round it) are each one flat colour. The card's edge itself (its outline, in high
    contrast) is left out of both."""
    around = spot.adjusted(-clearance, -clearance, clearance, clearance)
    edge = max(3, round(min(image.width(), image.height()) * EDGE_SHARE))
    inner = card.adjusted(edge, edge, -edge, -edge)
    on_card = around.intersected(inner)
    if not on_card.isEmpty() and not is_blank(image, on_card):
        return False
    outer = card.adjusted(-edge, -edge, edge, edge)
    off_card = [
        QRect(around.left(), around.top(), around.width(), outer.top() - around.top()),
        QRect(around.left(), outer.bottom() + 1, around.width(), around.bottom() - outer.bottom()),
    ]
    return all(is_blank(image, part) for part in off_card if part.height() > 0)


def edge_spot(
    image: QImage, card: QRect, shapes: Sequence[tuple[list[str], QSize]], clearance: int
) -> tuple[QRect, list[str]] | None:
    """A place across ``card``'s bottom edge, else its top edge (right, middle or
    left, on as few lines as it takes), else just beside it, level with its foot,
    where a cue hides nothing (``hides_nothing``)."""
    for top_edge in (False, True):
        for lines, size in shapes:
            y = (card.top() if top_edge else card.bottom()) - size.height() // 2
            inset = 2 * clearance
            for x in (
                card.right() + 1 - inset - size.width(),
                card.center().x() - size.width() // 2,
                card.left() + inset,
            ):
                spot = QRect(x, y, size.width(), size.height())
                if (
                    card.left() + inset <= x
                    and spot.right() <= card.right() - inset
                    and hides_nothing(image, spot, card, clearance)
                ):
                    return spot, lines
    for lines, size in shapes:
        y = card.bottom() + 1 - size.height()
        for x in (card.right() + 1 + clearance, card.left() - clearance - size.width()):
            spot = QRect(x, y, size.width(), size.height())
            if is_blank(image, spot.adjusted(-clearance, -clearance, clearance, clearance)):
                return spot, lines
    return None


class TapCues(QObject):
    """The cues over one slide's cards, on ``host``, and which slides had theirs.

    ``offer(key, cards, area, remember=...)`` shows a cue on each card of the slide
    ``key`` unless that slide had its cue in this visit; ``remember`` records that
    it did (while nobody is at the screen, a slide's cue shows every time it comes
    round: each time may be a new visitor's first). ``forget`` starts a new visit.

    A card with no bare room near it (``bare_spot``) goes without: the cues on the
    others say that cards open. When no card has room, one cue goes above the cards,
    level with their right edge, where nothing is drawn (beside the heading, say);
    only when there is no such room either does the first card get its cue anyway,
    across its bottom edge.
    """

    def __init__(
        self, host: QWidget, theme: UiTheme, *, language: str, seconds: float = CUE_SECONDS
    ) -> None:
        super().__init__(host)
        self._host = host
        self._theme = theme
        self._language = language
        self._cues: list[TapCue] = []
        self._cued: set[Hashable] = set()
        self._key: Hashable | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("tap-cue")
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(1, round(seconds * 1000)))
        self._timer.timeout.connect(self.dismiss)

    @property
    def shown(self) -> list[TapCue]:
        return [cue for cue in self._cues if cue.isVisible()]

    def set_theme(self, theme: UiTheme) -> None:
        self._theme = theme
        self.dismiss()

    def set_language(self, language: str) -> None:
        self._language = language
        self.dismiss()

    def offer(
        self, key: Hashable, cards: Sequence[tuple[QRect, Shows]], area: QRect, *, remember: bool
    ) -> None:
        """Cue ``cards`` of slide ``key`` (each where it lies, in the host's
        coordinates, inside ``area``, and what it opens), if that slide has not had its
        cue in this visit. Offered again while the slide stays on screen (no ``cards``
        in between: it moved away), the cue follows the cards, or stays gone once it
        went."""
        if not cards:
            self.dismiss()
            self._key = None
            return
        if key == self._key:
            if self._cues:
                self._place(cards, area)
            return
        self.dismiss()
        self._key = key
        if key in self._cued:
            return
        if remember:
            self._cued.add(key)
        self._place(cards, area)
        self._timer.start()

    def _place(self, targets: Sequence[tuple[QRect, Shows]], area: QRect) -> None:
        """Cues for ``cards``, where each finds room (made anew: the cards moved)."""
        for cue in self._cues:
            cue.hide()  # not in the picture of the cards below
            cue.deleteLater()
        self._cues = []
        # The slide as drawn (one picture for every card: drawing is the cost).
        drawn = self._host.grab(area).toImage().convertToFormat(QImage.Format.Format_RGB32)
        short = min(self._host.width(), self._host.height())
        cards = [card for card, _shows in targets]
        for card, shows in targets:
            cue = self._new_cue(short, shows)
            found = bare_spot(cue, card.translated(-area.topLeft()), drawn)
            if found is None:
                cue.deleteLater()
                continue
            cue.set_lines(found[1])
            self._cues.append(cue)
            cue.setGeometry(found[0].translated(area.topLeft()))
        if not self._cues:
            cue = self._new_cue(short, targets[0][1])
            found = above_spot(cue, [c.translated(-area.topLeft()) for c in cards], drawn)
            if found is not None:
                cue.set_lines(found[1])
                cue.setGeometry(found[0].translated(area.topLeft()))
            else:
                cue.setGeometry(last_resort_spot(cue, cards[0], area))
            self._cues.append(cue)
        for cue in self._cues:
            cue.show()
            cue.raise_()

    def _new_cue(self, short: int, shows: Shows) -> TapCue:
        return TapCue(
            self._theme, language=self._language, short_side=short, shows=shows, parent=self._host
        )

    def raise_all(self) -> None:
        for cue in self._cues:
            cue.raise_()

    def dismiss(self) -> None:
        """Take the cues off now, for the rest of this showing of the slide."""
        self._timer.stop()
        for cue in self._cues:
            cue.hide()
            cue.deleteLater()
        self._cues = []

    def forget(self) -> None:
        """A new visit: every slide gets its cue again."""
        self.dismiss()
        self._cued.clear()


def bare_spot(cue: TapCue, card: QRect, drawn: QImage) -> tuple[QRect, list[str]] | None:
    """Where ``cue`` goes for ``card`` (both in ``drawn``'s coordinates), and its
    lines, hiding nothing drawn (see the module's docstring); None: nowhere."""
    clearance = round(cue.line_height() * CLEARANCE)
    shapes = cue.shapes()
    best: tuple[QRect, list[str]] | None = None
    for lines, size in shapes:
        spot = blank_spot(drawn, card, size, clearance)
        # More lines only to come down by more than a line: a one-line cue reads best.
        if spot is not None and (
            best is None or spot.bottom() > best[0].bottom() + cue.line_height()
        ):
            best = (spot, lines)
    return best if best is not None else edge_spot(drawn, card, shapes, clearance)


def above_spot(
    cue: TapCue, cards: Sequence[QRect], drawn: QImage
) -> tuple[QRect, list[str]] | None:
    """The lowest place above all of ``cards`` (in ``drawn``'s coordinates), its
    right end level with theirs, where ``cue`` hides nothing; and its lines."""
    clearance = round(cue.line_height() * CLEARANCE)
    top = min(card.top() for card in cards)
    right = max(card.right() for card in cards)
    left = min(card.left() for card in cards)
    step = max(1, round(cue.line_height() / 6))
    for lines, size in cue.shapes():
        x = max(left, right + 1 - size.width())
        y = top - clearance - size.height()
        while y >= clearance:
            spot = QRect(x, y, size.width(), size.height())
            if is_blank(drawn, spot.adjusted(-clearance, -clearance, clearance, clearance)):
                return spot, lines
            y -= step
    return None


def last_resort_spot(cue: TapCue, card: QRect, area: QRect) -> QRect:
    """Across ``card``'s bottom edge, at the right, on as few lines as fit its width:
    for a slide with no bare room anywhere (it hides a little of the card for a few
    seconds). Sets ``cue``'s lines."""
    shapes = cue.shapes()
    lines, size = next(((ls, sz) for ls, sz in shapes if sz.width() <= card.width()), shapes[-1])
    cue.set_lines(lines)
    inset = round(size.height() * 0.6)
    x = card.right() - inset - size.width()
    if x < card.left() + inset:
        x = card.center().x() - size.width() // 2
    y = card.bottom() - size.height() // 2
    x = max(area.left(), min(x, area.right() + 1 - size.width()))
    y = max(area.top(), min(y, area.bottom() + 1 - size.height()))
    return QRect(x, y, size.width(), size.height())


__all__ = ["CUE_SECONDS", "TapCue", "TapCues", "bare_spot", "cue_text"]

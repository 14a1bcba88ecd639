"""A call to action: the call in large type, one line, the number, and one large QR code."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

from kiosk.qr import qr_matrix
from kiosk.slides.call import CallSlide
from kiosk.ui.slide_view import (
    Box,
    Column,
    FixedBox,
    Row,
    SlideContext,
    SlideView,
    Space,
    TextBox,
    spoken_line,
)
from kiosk.ui.theme import MAX_FIT_SCALE, Metrics, TextRole
from kiosk.ui.widgets.contact import contact_text
from kiosk.ui.widgets.qr import (
    QrView,
    code_module_px,
    qr_spoken,
    reaches_someone,
    symbol_modules,
)
from kiosk.urls import is_web

# The code's side, quiet zone excluded, as a share of the screen's short side: never
# less than QR_MIN_SIDE_SHARE, so a phone finds it from a few steps away, and up to
# QR_NICE_SIDE_SHARE when the text leaves room. The code is what this slide is for.
QR_MIN_SIDE_SHARE = 0.35
QR_NICE_SIDE_SHARE = 0.55
# In landscape the code grows to the room's height, quiet zone included, but no
# further than this share of the short side: the words beside it need room too.
QR_FILL_MOST = 0.8


class Centred(Box):
    """``child`` centred at its natural width, or as wide as there is room for."""

    def __init__(self, child: Box, natural: int) -> None:
        self.child = child
        self.natural = natural

    def height_for(self, width: int) -> int:
        return self.child.height_for(min(self.natural, width))

    def overflows(self, width: int) -> bool:
        return self.child.overflows(min(self.natural, width))

    def place(self, rect: QRect) -> None:
        width = min(self.natural, rect.width())
        self.child.place(
            QRect(rect.x() + (rect.width() - width) // 2, rect.y(), width, rect.height())
        )


class CallSlideView(SlideView):
    draws = CallSlide
    slide: CallSlide

    def __init__(
        self, slide: CallSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        call, line = self.text(slide.heading), self.text(slide.line)
        # Children in reading order: the call, the line, the number, then the code.
        self.call_label = self.add_label(call, TextRole.CALL, theme.text)
        self.line_label = self.add_label(line, TextRole.CALL_LINE, theme.text)
        contact = contact_text(slide.url, slide.phone)
        self.contact_icon = self.icon(contact[0], theme.accent) if contact else None
        self.number_label = (
            # It wraps only where a long "phone" text has spaces ("0800 123 456 (free)").
            self.add_label(contact[1], TextRole.CALL_NUMBER, theme.accent) if contact else None
        )
        self.qr = QrView(slide.url, self, language=context.language)
        spoken_qr = qr_spoken(slide.url, context.language)
        self.qr.setAccessibleName(spoken_qr)
        # A web code is worth telling; a tel:/sms:/mailto: one only repeats the number.
        says_more = contact is None or is_web(slide.url)
        self.set_accessible(
            call,
            [
                spoken_line(line),
                spoken_line(contact[1] if contact else None),
                spoken_line(spoken_qr if says_more else None),
            ],
        )

    def qr_side(self, m: Metrics) -> int:
        """The widget's side: whole pixels a module, the symbol at least the minimum share."""
        growth = max(0.0, min(m.scale / MAX_FIT_SCALE, 1.0))
        share = QR_MIN_SIDE_SHARE + (QR_NICE_SIDE_SHARE - QR_MIN_SIDE_SHARE) * growth
        # The call slides next to each other share one fit scale, so one share: a
        # call that dials is then never the smaller code (``code_module_px``).
        return self.qr.side_for(code_module_px(m, self.qr.url, self._peers(), share))

    def _filling_module(self, most: int) -> int:
        """Whole pixels a module for a code at most ``most`` wide, quiet zone included.
        A web code is never larger than a help line's code on another call slide would
        be in the same room: the code a visitor in trouble scans is the largest."""
        url = self.qr.url
        module = most // self.qr.modules
        if reaches_someone(url):
            return module
        for other in self._peers():
            if reaches_someone(other):
                helps = (most // qr_matrix(other).size) * symbol_modules(other)
                module = min(module, helps // symbol_modules(url))
        return module

    def _peers(self) -> list[str]:
        return [s.url for s in self.context.pack.slides if isinstance(s, CallSlide)]

    def _number(self, m: Metrics, centred: bool) -> list[Box]:
        if self.number_label is None or self.contact_icon is None:
            return []
        label = self.number_label
        icon_px = max(8, round(label.font().pixelSize() * 0.8))
        icon_top = max(0, (label.fontMetrics().height() - icon_px) // 2)
        icon = Column([Space(icon_top), self.glyph(self.contact_icon, QSize(icon_px, icon_px))])
        spacing = m.space(0.014)
        row = Row([icon, TextBox(label)], widths=[icon_px, None], spacing=spacing)
        if centred:
            # One line's width (a wrapping label's size hint is not), and a pixel to spare.
            line = label.fontMetrics().horizontalAdvance(label.text()) + 1
            return [Centred(row, icon_px + spacing + line)]
        return [row]

    def build(self, m: Metrics, variant: Any) -> Box:
        centred = m.portrait
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        for label in (self.call_label, self.line_label):
            label.setAlignment(align | Qt.AlignmentFlag.AlignTop)
        side = self.qr_side(m)
        if not centred:
            # Landscape: the code beside the words grows to the height of the room (up
            # to half its width and QR_FILL_MOST), so the slide does not float in a band
            # of nothing.
            room = self.content_rect(m)
            most = min(room.height(), room.width() // 2, round(QR_FILL_MOST * m.short))
            side = max(side, self.qr.side_for(self._filling_module(most)))
        code = FixedBox(
            self.qr,
            QSize(side, side),
            align=Qt.AlignmentFlag.AlignHCenter,
            valign=Qt.AlignmentFlag.AlignVCenter,
        )
        words: list[Box] = [
            TextBox(self.call_label),
            Space(m.space(0.03)),
            self.accent_bar(m, align),
            Space(m.space(0.035)),
            TextBox(self.line_label),
        ]
        number = self._number(m, centred)
        if centred:
            # Portrait: the call, the code under it, the number under the code.
            children = [*words, Space(m.space(0.06)), code]
            if number:
                children += [Space(m.space(0.04)), *number]
            last = len(children) - 1
            return Column(children, stretch={-1: 1.0, len(words) - 1: 0.6, last: 1.0})
        if number:
            words += [Space(m.space(0.05)), *number]
        text = Column(words, stretch={-1: 1.0, len(words) - 1: 1.0})
        row = Row([text, code], widths=[None, side], spacing=m.space(0.06))
        return Column([row], stretch={-1: 1.0, 0: 1.0})  # centred in the room

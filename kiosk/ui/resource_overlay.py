"""One resource, large: what a touch-mode visitor sees after tapping a resource card.

A big QR code (still dark on light, with its quiet zone) next to the name,
description and number, on a card over the dimmed slide. Tapping outside the card
or the close button returns to the slide; so does the idle return.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.slides.resources import Resource
from kiosk.translation import translator
from kiosk.ui.fit import largest_fitting
from kiosk.ui.slide_view import SlideContext, longest_word_px
from kiosk.ui.stage_view import Shows
from kiosk.ui.theme import Metrics, TextRole, UiTheme
from kiosk.ui.touch_controls import finger_px
from kiosk.ui.widgets.button import TouchButton, stacked_size
from kiosk.ui.widgets.card import ON_SLIDE, paint_pop_up
from kiosk.ui.widgets.contact import contact_text
from kiosk.ui.widgets.focus_ring import KeyboardFocus, paint_focus_ring
from kiosk.ui.widgets.icon import IconView
from kiosk.ui.widgets.label import visitor_label
from kiosk.ui.widgets.qr import QrView
from kiosk.ui.widgets.readable import readable_font
from kiosk.urls import shown_address

# Shares of the window's short side.
OUTER_MARGIN = 0.045
PADDING = 0.05
# The code's side may take up to this share of the card's width (landscape) or
# height (portrait); the text takes the rest.
QR_MAX_SHARE_LANDSCAPE = 0.48
QR_MAX_SHARE_PORTRAIT = 0.5
# Between the phone icon and the number, in icon sides.
CONTACT_SPACING = 0.45


class ResourceOverlay(QWidget):
    """Covers its parent; ``show_resource`` fills and shows it, ``dismiss`` hides it.

    Emits ``dismissed`` when it closes (by a tap outside, the close button, Esc, or
    the window).
    """

    dismissed = Signal()

    def __init__(self, theme: UiTheme, *, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._language = language
        self._context: SlideContext | None = None
        self.resource: Resource | None = None
        self.qr_view: QrView | None = None
        self._name: QLabel | None = None
        self._description: QLabel | None = None
        self._contact: QLabel | None = None
        self._contact_icon: IconView | None = None
        self._address: QLabel | None = None
        self.card = QRect()
        self._press_outside = False
        self.close_button = TouchButton(
            theme, name="", description="", icon="fa6s.xmark", on_card=True, parent=self
        )
        self.close_button.clicked.connect(self.dismiss)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.set_language(language)
        self.hide()

    @property
    def is_open(self) -> bool:
        return self.isVisible()

    def set_theme(self, theme: UiTheme) -> None:
        self._theme = theme
        self.close_button.set_theme(theme)

    def set_language(self, language: str) -> None:
        """Name the close button in ``language`` (a resource is shown in its context's)."""
        self._language = language
        words = translator(language)
        # Its word under its icon, as on every button a visitor touches.
        self.close_button.setText(words.pgettext("resource overlay", "Close"))
        self.close_button.setAccessibleName(self.close_button.text())
        self.close_button.setAccessibleDescription(
            words.pgettext("resource overlay", "Back to the slides")
        )

    def show_resource(
        self, resource: Resource, context: SlideContext, *, keyboard: bool = False
    ) -> None:
        """Fill the card with ``resource`` (in ``context``'s language) and show it."""

        self._clear()
        self.set_language(context.language)
        self.resource = resource
        self._context = context
        theme = self._theme
        name = context.text(resource.name)
        description = context.text(resource.description)
        self.qr_view = QrView(resource.url, self, language=context.language)
        self._name = visitor_label(self, name, theme.text)
        self._description = visitor_label(self, description, theme.muted)
        contact = contact_text(resource.url, resource.phone)
        if contact is not None:
            self._contact_icon = IconView(contact[0], theme.accent, self)
            self._contact = visitor_label(self, contact[1], theme.accent)
        address = shown_address(resource.url)
        if address:
            self._address = visitor_label(self, address, theme.muted)
        self.setAccessibleName(name)
        self.setAccessibleDescription(
            "\n".join(part for part in (description, contact and contact[1], address) if part)
        )
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._layout()
        for child in self._content():
            child.show()
        self.show()
        self.raise_()
        reason = Qt.FocusReason.ShortcutFocusReason if keyboard else Qt.FocusReason.OtherFocusReason
        self.close_button.setFocus(reason)

    def dismiss(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        self._clear()
        self.dismissed.emit()

    def _content(self) -> list[QWidget]:
        return [
            w
            for w in (
                self.qr_view,
                self._name,
                self._description,
                self._contact_icon,
                self._contact,
                self._address,
            )
            if w is not None
        ]

    def _clear(self) -> None:
        for child in self._content():
            child.hide()
            child.deleteLater()
        self.qr_view = self._name = self._description = None
        self._contact = self._contact_icon = self._address = None
        self.resource = None

    # -- layout ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def _layout(self) -> None:
        w, h = self.width(), self.height()
        if self.qr_view is None or self._context is None or w < 10 or h < 10:
            return
        short = min(w, h)
        outer = round(short * OUTER_MARGIN)
        pad = round(short * PADDING)
        self.card = QRect(outer, outer, w - 2 * outer, h - 2 * outer)
        card = self.card
        finger = finger_px(w, h, self.screen())
        font = readable_font(short, bold=True)
        self.close_button.set_label_below(finger, font)
        close = stacked_size(finger, self.close_button.text(), font)
        # From the card's top to just below the close button: nothing else goes there.
        head = pad // 2 + close.height() + pad // 2
        self._place_close(close)
        modules = self.qr_view.modules
        portrait = h > w
        if portrait:
            limit = min(card.width() - 2 * pad, card.height() * QR_MAX_SHARE_PORTRAIT)
        else:
            limit = min(card.height() - 2 * pad, card.width() * QR_MAX_SHARE_LANDSCAPE)
        module = max(1, math.floor(limit / modules))
        side = module * modules
        if portrait:
            # The card fits what it holds, centred: code, then the text under it.
            width = card.width() - 2 * pad
            room = card.height() - (head + 2 * pad + side)
            metrics = self._fit_text(width, room)
            used = min(room, self._text_height(metrics, width))
            height = head + 2 * pad + side + used
            self.card = card = QRect(card.x(), (h - height) // 2, card.width(), height)
            self._place_close(close)
            qr = QRect(card.x() + (card.width() - side) // 2, card.top() + head, side, side)
            text = QRect(card.x() + pad, qr.bottom() + 1 + pad, width, used)
        else:
            qr = QRect(card.x() + pad, card.y() + (card.height() - side) // 2, side, side)
            left = qr.right() + 1 + pad
            text = QRect(
                left, card.top() + head, card.right() - pad - left + 1, card.height() - head - pad
            )
        self.qr_view.setGeometry(qr)
        self._place_text(text)
        self.update()

    def _place_close(self, size: QSize) -> None:
        """The close button in the card's top right corner."""
        inset = round(min(self.width(), self.height()) * PADDING) // 2
        self.close_button.setGeometry(
            self.card.right() - inset - size.width() + 1,
            self.card.top() + inset,
            size.width(),
            size.height(),
        )

    def _fit_text(self, width: int, height: int) -> Metrics:
        """The largest type sizes at which the text fits ``width`` x ``height``."""
        assert self._context is not None
        large = self._context.large_text

        def metrics(scale: float) -> Metrics:
            return Metrics(self.width(), self.height(), scale, large_text=large)

        scale = largest_fitting(
            lambda scale: self._text_fits(metrics(scale), width, height), metrics(1.0).fit_steps
        )
        return metrics(scale)

    def _text_fits(self, m: Metrics, width: int, height: int) -> bool:
        """Whether the text at ``m`` fits ``width`` x ``height`` as a visitor needs it:
        no word of the name or description cut, and the number to dial on one line
        (a number broken over two lines reads as two)."""
        if self._text_height(m, width) > height:
            return False
        words = [label for label in (self._name, self._description) if label is not None]
        if any(longest_word_px(label) > width for label in words):
            return False
        if self._contact is None:
            return True
        icon = self._icon_px(m)
        room = width - icon - round(icon * CONTACT_SPACING)
        line = QFontMetricsF(self._contact.font()).horizontalAdvance(self._contact.text())
        return math.ceil(line) <= room

    def _place_text(self, area: QRect) -> None:
        metrics = self._fit_text(area.width(), area.height())
        height = self._text_height(metrics, area.width())
        y = area.y() + max(0, (area.height() - height) // 2)
        x, width = area.x(), area.width()
        for label, gap_after in self._text_rows(metrics):
            if label is self._contact:
                icon = self._icon_px(metrics)
                spacing = round(icon * CONTACT_SPACING)
                line = label.heightForWidth(width - icon - spacing)
                if self._contact_icon is not None:
                    self._contact_icon.setGeometry(
                        x, y + max(0, (label.fontMetrics().height() - icon) // 2), icon, icon
                    )
                label.setGeometry(x + icon + spacing, y, width - icon - spacing, line)
                y += line + gap_after
                continue
            line = label.heightForWidth(width)
            label.setGeometry(x, y, width, line)
            y += line + gap_after

    def _icon_px(self, m: Metrics) -> int:
        """The phone icon: as tall as the number's capitals."""
        if self._contact is None:
            return 8
        return max(8, round(self._contact.fontMetrics().capHeight() * 1.05))

    def _text_rows(self, m: Metrics) -> list[tuple[QLabel, int]]:
        """Each label at its size for ``m``, with the gap below it."""
        rows: list[tuple[QLabel, TextRole, int]] = []
        assert self._name is not None
        assert self._description is not None
        rows.append((self._name, TextRole.HEADING, m.space(0.03)))
        rows.append((self._description, TextRole.INTRO, m.space(0.045)))
        if self._contact is not None:
            rows.append((self._contact, TextRole.FIGURE, m.space(0.03)))
        if self._address is not None:
            rows.append((self._address, TextRole.INTRO, 0))
        result = []
        for label, role, gap in rows:
            px = m.font_px(role)
            if role is TextRole.FIGURE:
                # A number to dial, large, but not as large as a slide's big figure.
                px = round(px * 0.55)
            font = UiTheme.font(px, bold=role in (TextRole.HEADING, TextRole.FIGURE))
            if label.font() != font:
                label.setFont(font)
            result.append((label, gap))
        return result

    def _text_height(self, m: Metrics, width: int) -> int:
        total = 0
        for label, gap in self._text_rows(m):
            if label is self._contact:
                icon = self._icon_px(m)
                total += label.heightForWidth(width - icon - round(icon * CONTACT_SPACING)) + gap
            else:
                total += label.heightForWidth(width) + gap
        return total

    def sizeHint(self) -> QSize:
        parent = self.parentWidget()
        return parent.size() if parent is not None else QSize(640, 360)

    # -- painting and input ----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_pop_up(painter, self.rect(), self._theme, self.card)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_outside = not self.card.contains(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        outside = not self.card.contains(event.position().toPoint())
        if outside and self._press_outside:
            self.dismiss()
        self._press_outside = False
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Back, Qt.Key.Key_Backspace):
            event.accept()
            self.dismiss()
            return
        event.ignore()


class ResourceTarget(QWidget):
    """A keyboard stand-in for one tap target of the slide on screen (touch mode).

    Lies over the target (a resource or fact card), lets every tap through to the window
    (which reads taps and swipes itself), and is reached with Tab like the bar's
    buttons: Enter or Space emits ``activated(index)``. Its ring shows only while
    keyboard focus is on it. It says what it does in ``language``, the language of
    the slide that ``name`` comes from (a new slide brings new stand-ins), and as
    what it ``shows`` (a code larger, or where a figure comes from).
    """

    activated = Signal(int)

    def __init__(
        self,
        index: int,
        name: str,
        theme: UiTheme,
        *,
        language: str,
        shows: Shows = Shows.CODE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.index = index
        self.shows = shows
        self._theme = theme
        self._focus = KeyboardFocus()
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        words = translator(language)
        if shows is Shows.SOURCE:
            # Translators: {figure} is a key figure from the pack, as in "41 %".
            self.setAccessibleName(
                words.pgettext("fact card", "Show the source of {figure}").format(figure=name)
            )
            self.setAccessibleDescription(
                words.pgettext(
                    "fact card",
                    "Shows where {figure} comes from, with a QR code of its source, "
                    "across the screen",
                ).format(figure=name)
            )
            return
        # Translators: {name} is a hotline's or an organisation's name, from the pack.
        self.setAccessibleName(
            words.pgettext("resource card", "Show {name} large").format(name=name)
        )
        self.setAccessibleDescription(
            words.pgettext(
                "resource card", "Shows the QR code and contact details of {name} across the screen"
            ).format(name=name)
        )

    @property
    def shows_focus_ring(self) -> bool:
        return self.hasFocus() and self._focus.active

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._focus.focus_in(event)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._focus.focus_out()
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            event.accept()
            self._focus.key_pressed()
            self.activated.emit(self.index)
            return
        event.ignore()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.shows_focus_ring:
            return
        # Round like the card it lies over.
        short = min(self.window().width(), self.window().height())
        painter = QPainter(self)
        paint_focus_ring(
            painter,
            QRectF(self.rect()),
            QColor(self._theme.accent),
            max(3.0, 0.004 * short),
            ON_SLIDE.radius(short),
        )
        painter.end()

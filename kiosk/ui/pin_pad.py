"""The staff PIN pad: how staff leave a locked kiosk.

Opened by the hidden staff gesture (holding the top-left corner) or the staff key
chord; never by anything a visitor is likely to do. Digits are typed on finger-sized
keys or the keyboard and shown as dots only: there is no text field, so no cursor,
no selection and no menu. Wrong PINs are slowed down by ``kiosk.pin.PinGate``; the
pad shows how long to wait.

The pad is also where staff see the log's health: how many errors were logged
since the kiosk started, and where the log file is.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.pin import PinGate
from kiosk.translation import translator
from kiosk.ui.theme import UiTheme
from kiosk.ui.touch_controls import finger_px
from kiosk.ui.widgets.button import TEXT_SHARE, TouchButton, stacked_size
from kiosk.ui.widgets.card import paint_pop_up
from kiosk.ui.widgets.label import visitor_label
from kiosk.ui.widgets.readable import readable_font

MAX_DIGITS = 12  # kiosk.pin.PIN_PATTERN
# The badge's dot when the log has errors: a warning red, the same in every theme
# (the pad is for staff; it does not need to match the pack's colours).
ERROR_RED = QColor("#ff5c5c")
KEY_SCALE = 1.15  # keys a little larger than the bar's buttons: PINs are typed fast
TICK_MS = 1000
DIGIT_SHARE = 0.36  # digit height on a key, as a share of its side


class PinPad(QWidget):
    """Covers its parent. ``open_pad`` shows it; the right PIN emits ``unlocked``.

    ``error_count`` says how many errors were logged since start; ``log_file`` is
    where they are (None: not logging to a file).
    """

    unlocked = Signal()
    dismissed = Signal()

    def __init__(
        self,
        gate: PinGate,
        theme: UiTheme,
        *,
        language: str,
        error_count: Callable[[], int] = lambda: 0,
        log_file: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._gate = gate
        self._theme = theme
        self._language = language
        self._error_count = error_count
        self._log_file = log_file
        self._entry = ""
        self._wrong = False  # the last PIN tried was wrong (until the next digit)
        self.card = QRect()
        self._dots = QRectF()
        self._badge = QRectF()
        self._press_outside = False
        self._badge_has_errors = False
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.title = visitor_label(self, "", theme.text)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.badge_label = visitor_label(self, "", theme.muted)
        self.badge_label.setWordWrap(False)
        self.log_label = visitor_label(self, "", theme.muted)
        self.log_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.log_label.setWordWrap(False)
        self.message = visitor_label(self, "", theme.accent)
        self.message.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)

        def key(icon: str | None = None, text: str = "") -> TouchButton:
            share = DIGIT_SHARE if text else TEXT_SHARE
            return TouchButton(
                theme,
                name=text,
                description="",
                icon=icon,
                text=text,
                on_card=True,
                text_share=share,
                parent=self,
            )

        self.digit_buttons: dict[str, TouchButton] = {}
        for digit in "1234567890":
            self.digit_buttons[digit] = key(text=digit)
            self.digit_buttons[digit].clicked.connect(lambda _=False, d=digit: self.press_digit(d))
        self.delete_button = key("fa6s.delete-left")
        self.delete_button.clicked.connect(self.backspace)
        self.ok_button = key("fa6s.check")
        self.ok_button.clicked.connect(self.submit)
        self.close_button = key("fa6s.xmark")
        self.close_button.clicked.connect(self.dismiss)
        order = [
            *(self.digit_buttons[d] for d in "123456789"),
            self.delete_button,
            self.digit_buttons["0"],
            self.ok_button,
            self.close_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

        self._tick = QTimer(self)
        self._tick.setObjectName("pin-pad-countdown")
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._refresh_lock)
        self.set_language(language)
        self.hide()

    def labelled_buttons(self) -> tuple[TouchButton, ...]:
        """The keys with an icon, each with its label written under it."""
        return (self.delete_button, self.ok_button, self.close_button)

    def set_language(self, language: str) -> None:
        """Say everything in ``language``: the title, the keys' names, the messages."""
        self._language = language
        words = translator(language)
        self.setAccessibleName(words.pgettext("PIN pad", "Staff PIN"))
        self.setAccessibleDescription(
            words.pgettext("PIN pad", "Type the staff PIN to close the kiosk")
        )
        self.title.setText(words.pgettext("PIN pad", "Staff: enter the PIN to close the kiosk"))
        # Translators: the name, for screen readers, of the line that says a PIN was wrong.
        self.message.setAccessibleName(words.pgettext("PIN pad", "PIN pad message"))
        for digit, button in self.digit_buttons.items():
            button.setAccessibleDescription(
                # Translators: what a digit key does; {digit} is 0 to 9.
                words.pgettext("PIN pad", "Type {digit}").format(digit=digit)
            )
        named = (
            (
                self.delete_button,
                # Translators: the key that deletes the last digit typed.
                words.pgettext("PIN pad", "Delete"),
                words.pgettext("PIN pad", "Delete the last digit"),
            ),
            (
                self.ok_button,
                words.pgettext("PIN pad", "OK"),
                words.pgettext("PIN pad", "Check the PIN"),
            ),
            (
                self.close_button,
                words.pgettext("PIN pad", "Cancel"),
                words.pgettext("PIN pad", "Back to the slides"),
            ),
        )
        for button, name, description in named:
            button.setText(name)  # written under its icon (see _layout)
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
        self._refresh_badge()
        self._refresh_lock()
        self._layout()

    # -- state -------------------------------------------------------------------

    @property
    def entry_length(self) -> int:
        """How many digits are typed (the digits themselves are never shown)."""
        return len(self._entry)

    @property
    def is_open(self) -> bool:
        return self.isVisible()

    @property
    def countdown_running(self) -> bool:
        return self._tick.isActive()

    def set_theme(self, theme: UiTheme) -> None:
        self._theme = theme
        for button in self._buttons():
            button.set_theme(theme)
        self.update()

    def _buttons(self) -> list[TouchButton]:
        return [*self.digit_buttons.values(), self.delete_button, self.ok_button, self.close_button]

    def open_pad(self, *, keyboard: bool = False) -> None:
        self._entry = ""
        self._wrong = False
        self._refresh_badge()
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._layout()
        self.show()
        self.raise_()
        self._refresh_lock()
        # The pad itself takes the keys: digits, Backspace, Enter. Tab moves on to
        # the on-screen keys for someone who cannot type.
        self.setFocus(
            Qt.FocusReason.ShortcutFocusReason if keyboard else Qt.FocusReason.OtherFocusReason
        )
        self.update()

    def dismiss(self) -> None:
        self._tick.stop()
        self._entry = ""
        if self.isVisible():
            self.hide()
            self.dismissed.emit()

    # -- typing ------------------------------------------------------------------

    def press_digit(self, digit: str) -> None:
        if self._gate.seconds_locked() > 0:
            self._refresh_lock()
            return
        if len(self._entry) < MAX_DIGITS:
            self._entry += digit
            self._wrong = False
            self._refresh_lock()
            self.update()

    def backspace(self) -> None:
        self._entry = self._entry[:-1]
        self.update()

    def submit(self) -> None:
        if not self._entry:
            return
        entry, self._entry = self._entry, ""
        if self._gate.attempt(entry):
            self._wrong = False
            self._tick.stop()
            self.hide()
            self.unlocked.emit()
            return
        self._wrong = True
        self._refresh_lock()
        self.update()

    def _refresh_lock(self) -> None:
        """Keys on or off, and the message: how long to wait, or that the PIN was wrong."""
        words = translator(self._language)
        wait = self._gate.seconds_locked()
        locked = wait > 0
        for button in (*self.digit_buttons.values(), self.ok_button, self.delete_button):
            button.setEnabled(not locked)
        if locked:
            # Translators: {seconds} counts down each second; "s" is the symbol for seconds.
            message = words.pgettext(
                "PIN pad", "Too many wrong PINs. Try again in {seconds} s."
            ).format(seconds=math.ceil(wait))
            if self.isVisible() and not self._tick.isActive():
                self._tick.start()
        else:
            if self._tick.isActive():
                self._tick.stop()
                self._wrong = False
            message = words.pgettext("PIN pad", "Wrong PIN. Try again.") if self._wrong else ""
        self.message.setText(message)
        self.message.setAccessibleDescription(message)

    def _refresh_badge(self) -> None:
        words = translator(self._language)
        count = self._error_count()
        self.badge_label.setText(
            words.npgettext(
                "PIN pad",
                "{count} new error in the log since start",
                "{count} new errors in the log since start",
                count,
            ).format(count=count)
        )
        self.badge_label.setAccessibleName(self.badge_label.text())
        self._badge_has_errors = count > 0
        where = (
            str(self._log_file)
            if self._log_file is not None
            # Translators: in "Log: …", where the log file would be named.
            else words.pgettext("PIN pad", "not written to a file")
        )
        # Translators: {where} is the log file's path, or that there is none.
        self.log_label.setText(words.pgettext("PIN pad", "Log: {where}").format(where=where))

    # -- layout ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def _layout(self) -> None:
        w, h = self.width(), self.height()
        if w < 10 or h < 10:
            return
        finger = finger_px(w, h, self.screen())
        # The keys with an icon say what they do under it, as the touch bar's buttons
        # do, at the secondary floor; every key of the grid takes the size of the
        # largest, so the grid stays even.
        label_font = readable_font(min(w, h), bold=True)
        for button in self.labelled_buttons():
            button.set_label_below(finger, label_font)
        key = round(finger * KEY_SCALE)
        labelled = [
            stacked_size(finger, button.text(), label_font)
            for button in (self.delete_button, self.ok_button)
        ]
        key_w = max([key, *(size.width() for size in labelled)])
        key_h = max([key, *(size.height() for size in labelled)])
        close = stacked_size(finger, self.close_button.text(), label_font)
        gap = round(key * 0.18)
        pad = round(key * 0.4)
        title_px, small_px = key * 0.36, key * 0.24
        self.title.setFont(UiTheme.font(title_px, bold=True))
        for label in (self.badge_label, self.log_label):
            label.setFont(UiTheme.font(small_px))
        self.message.setFont(UiTheme.font(small_px * 1.15, bold=True))
        grid_w = 3 * key_w + 2 * gap
        # Wide enough for the grid, and for a title as wide as the grid between the
        # close button and the room kept opposite it.
        card_w = min(w - 2 * gap, max(grid_w + 2 * pad + 2 * close.width(), round(key * 7.5)))
        inner_w = card_w - 2 * pad
        # The title keeps clear of the close button, on both sides so it stays centred.
        title_w = inner_w - 2 * close.width()
        title_h = self.title.heightForWidth(title_w)
        badge_h = QFontMetrics(self.badge_label.font()).height()
        dots_h = round(key * 0.55)
        message_h = QFontMetrics(self.message.font()).height() * 2
        grid_h = 4 * key_h + 3 * gap
        card_h = (
            pad
            + max(title_h, close.height())
            + gap
            + badge_h * 2
            + gap
            + dots_h
            + gap
            + message_h
            + grid_h
            + pad
        )
        card_h = min(card_h, h - 2 * gap)
        self.card = QRect((w - card_w) // 2, (h - card_h) // 2, card_w, card_h)
        card = self.card
        self.close_button.setGeometry(
            card.right() - pad // 2 - close.width() + 1,
            card.top() + pad // 2,
            close.width(),
            close.height(),
        )
        y = card.top() + pad
        self.title.setGeometry(card.left() + pad + close.width(), y, title_w, title_h)
        y += max(title_h, close.height() - pad // 2) + gap
        dot = badge_h * 0.45
        badge_w = (
            QFontMetrics(self.badge_label.font()).horizontalAdvance(self.badge_label.text()) + 4
        )
        badge_x = card.center().x() - (badge_w + dot * 1.8) / 2
        self._badge = QRectF(badge_x, y + (badge_h - dot) / 2, dot, dot)
        self.badge_label.setGeometry(round(badge_x + dot * 1.8), y, badge_w, badge_h)
        y += badge_h
        self.log_label.setGeometry(card.left() + pad, y, inner_w, badge_h)
        metrics = QFontMetrics(self.log_label.font())
        self.log_label.setText(
            metrics.elidedText(self.log_label.text(), Qt.TextElideMode.ElideMiddle, inner_w)
        )
        y += badge_h + gap
        self._dots = QRectF(card.left() + pad, y, inner_w, dots_h)
        y += dots_h + gap
        self.message.setGeometry(card.left() + pad, y, inner_w, message_h)
        y += message_h
        left = card.center().x() - grid_w // 2
        keys = [*"123456789"]
        rows = [keys[0:3], keys[3:6], keys[6:9]]
        for r, row in enumerate(rows):
            for c, digit in enumerate(row):
                self.digit_buttons[digit].setGeometry(
                    left + c * (key_w + gap), y + r * (key_h + gap), key_w, key_h
                )
        last = y + 3 * (key_h + gap)
        self.delete_button.setGeometry(left, last, key_w, key_h)
        self.digit_buttons["0"].setGeometry(left + key_w + gap, last, key_w, key_h)
        self.ok_button.setGeometry(left + 2 * (key_w + gap), last, key_w, key_h)
        self.update()

    # -- painting and input ----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        theme = self._theme
        painter = QPainter(self)
        paint_pop_up(painter, self.rect(), theme, self.card)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ERROR_RED if self._badge_has_errors else QColor(theme.muted))
        painter.drawEllipse(self._badge)
        paint_entry_dots(painter, self._dots, len(self._entry), theme)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_outside = not self.card.contains(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press_outside and not self.card.contains(event.position().toPoint()):
            self.dismiss()
        self._press_outside = False
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Every key stops here: nothing typed on the pad moves the slides behind it.
        event.accept()
        key = event.key()
        text = event.text()
        if len(text) == 1 and text in "0123456789":
            self.press_digit(text)
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # so Enter then checks the PIN
        elif key == Qt.Key.Key_Backspace:
            self.backspace()
            self.setFocus(Qt.FocusReason.OtherFocusReason)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif key == Qt.Key.Key_Escape:
            self.dismiss()


def paint_entry_dots(painter: QPainter, area: QRectF, typed: int, theme: UiTheme) -> None:
    """One ring per possible digit up to what is typed plus one, filled when typed,
    centred in ``area``."""
    if area.isEmpty():
        return
    diameter = area.height() * 0.5
    pitch = diameter * 1.9
    shown = max(4, min(MAX_DIGITS, typed + (1 if typed else 0)))
    left = area.center().x() - (pitch * (shown - 1)) / 2
    pen = QPen(QColor(theme.text), max(1.5, diameter * 0.12))
    for i in range(shown):
        centre = QPointF(left + i * pitch, area.center().y())
        if i < typed:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.accent)
        else:
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, diameter / 2, diameter / 2)

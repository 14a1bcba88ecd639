"""The control bar of touch mode: previous, back to start, next, language, and the
high-contrast and large-text switches, on a strip below the slide.

The bar has its own strip at the bottom of the window; the window lays slide
views out in the area above it, so no control ever covers a slide's text. Buttons
are sized for fingers: at least ``FINGER_SHARE`` of the screen's short side and at
least ``FINGER_MM`` millimetres, whichever is larger.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.translation import language_name, translator
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.button import TouchButton

# A fingertip is 8-10 mm across; WCAG 2.5.5 asks for 44 CSS px (about 9 mm).
FINGER_MM = 9.0
# On large screens millimetres are not enough (a visitor reaches up to a 55" panel
# at arm's length): a share of the short side keeps controls in proportion.
FINGER_SHARE = 0.08
# Bar height, in button sides: a little room above and below the buttons.
BAR_SIDES = 1.36
# Gaps between buttons, in button sides (a finger must not hit two at once).
GAP_SIDES = 0.22
# Physical DPI outside this range is a made-up EDID value: fall back to 96.
PLAUSIBLE_DPI = (50.0, 600.0)


def finger_px(width: int, height: int, screen: QScreen | None = None) -> int:
    """The side of a control at this window size on ``screen``."""
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not PLAUSIBLE_DPI[0] <= dpi <= PLAUSIBLE_DPI[1]:
        dpi = 96.0
    by_mm = FINGER_MM / 25.4 * dpi
    return round(max(by_mm, FINGER_SHARE * min(width, height)))


def bar_height(width: int, height: int, screen: QScreen | None = None) -> int:
    return round(finger_px(width, height, screen) * BAR_SIDES)


class TouchControls(QWidget):
    """The bar. The window connects the buttons (``previous_button``...) to the Player
    and calls ``place_in`` on every resize; ``middle`` is the free space between the
    two groups of buttons, where the window puts the progress dots. The buttons are
    named for screen readers in ``language``, and in the visitor's next language
    after ``set_languages``."""

    def __init__(self, theme: UiTheme, *, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        def button(icon: str) -> TouchButton:
            return TouchButton(theme, name="", description="", icon=icon, parent=self)

        self.previous_button = button("fa6s.chevron-left")
        self.start_button = button("fa6s.house")
        self.contrast_button = button("fa6s.circle-half-stroke")
        self.contrast_button.setCheckable(True)
        self.text_button = button("fa6s.text-height")
        self.text_button.setCheckable(True)
        self.language_button = button("fa6s.globe")
        self.next_button = button("fa6s.chevron-right")
        # Tab order follows the bar from left to right.
        order = self.buttons()
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.middle = QRect()
        self._language = language
        self._next_language = ""
        self._name_buttons()

    def _name_buttons(self) -> None:
        """Every button's name and description, in the bar's language."""
        words = translator(self._language)
        self.setAccessibleName(words.pgettext("touch controls", "Slide controls"))
        self.setAccessibleDescription(
            words.pgettext(
                "touch controls",
                "Buttons to move between the slides and change how they are shown",
            )
        )
        named = [
            (
                self.previous_button,
                words.pgettext("touch controls", "Previous slide"),
                words.pgettext("touch controls", "Go back one slide"),
            ),
            (
                self.start_button,
                # Translators: the button that goes back to the first slide.
                words.pgettext("touch controls", "Back to start"),
                words.pgettext("touch controls", "Go to the first slide"),
            ),
            (
                self.contrast_button,
                # Translators: a switch; on, the slides are white and yellow on black.
                words.pgettext("touch controls", "High contrast"),
                words.pgettext(
                    "touch controls", "Switch between the normal colours and white on black"
                ),
            ),
            (
                self.text_button,
                # Translators: a switch; on, every text on the slides is larger.
                words.pgettext("touch controls", "Large text"),
                words.pgettext("touch controls", "Switch between normal and larger text"),
            ),
            (
                self.language_button,
                # Translators: the button that shows the slides in the pack's next language.
                words.pgettext("touch controls", "Language"),
                self._language_description(),
            ),
            (
                self.next_button,
                words.pgettext("touch controls", "Next slide"),
                words.pgettext("touch controls", "Go forward one slide"),
            ),
        ]
        for control, name, description in named:
            control.setAccessibleName(name)
            control.setAccessibleDescription(description)

    def _language_description(self) -> str:
        words = translator(self._language)
        if not self._next_language:
            return words.pgettext("touch controls", "Show the slides in another language")
        # Translators: {language} is the name of the language the button switches to,
        # in this language ("Spanish" in English, "inglés" in Spanish).
        return words.pgettext("touch controls", "Show the slides in {language}").format(
            language=language_name(self._next_language, language=self._language)
        )

    def buttons(self) -> list[TouchButton]:
        """Left to right (the language button even when hidden)."""
        return [
            self.previous_button,
            self.start_button,
            self.contrast_button,
            self.text_button,
            self.language_button,
            self.next_button,
        ]

    def set_theme(self, theme: UiTheme) -> None:
        self._theme = theme
        for button in self.buttons():
            button.set_theme(theme)
        self.update()

    def set_languages(self, current: str, languages: Sequence[str]) -> None:
        """Speak ``current``, and show the language button, labelled with the language
        it switches to, when there is more than one."""
        several = len(languages) > 1
        self.language_button.setVisible(several)
        self._language = current
        self._next_language = ""
        if several:
            index = languages.index(current) if current in languages else -1
            following = languages[(index + 1) % len(languages)]
            self._next_language = following
            self.language_button.setText(following.upper())
        self._name_buttons()
        self._layout()

    @property
    def next_language(self) -> str:
        return self._next_language

    def place_in(self, width: int, height: int) -> None:
        """Lie along the bottom of a window of that size."""
        bar = bar_height(width, height, self.screen())
        self.setGeometry(0, height - bar, width, bar)
        self._layout()

    def _layout(self) -> None:
        width, bar = self.width(), self.height()
        if width <= 0 or bar <= 0:
            return
        side = round(bar / BAR_SIDES)
        gap = round(side * GAP_SIDES)
        top = (bar - side) // 2
        margin = max(gap, top)
        language_width = round(side * 1.7)  # icon and a two- or three-letter code
        left = [self.previous_button, self.start_button]
        right = [
            b
            for b in (self.contrast_button, self.text_button, self.language_button)
            if b is not self.language_button or not b.isHidden()
        ] + [self.next_button]
        x = margin
        for button in left:
            button.setGeometry(x, top, side, side)
            x += side + gap
        left_end = x - gap
        x = width - margin
        for button in reversed(right):
            w = language_width if button is self.language_button else side
            x -= w
            button.setGeometry(x, top, w, side)
            x -= gap
        right_start = x + gap
        self.middle = QRect(left_end + gap, 0, max(0, right_start - left_end - 2 * gap), bar)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A near miss between two buttons does nothing, rather than reach the window
        # as a tap that turns the slide whichever way the tap zones say.
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._theme.background)
        # A hairline between slide and bar, so the bar reads as a separate strip.
        line = QColor(
            self._theme.outline if self._theme.outline is not None else self._theme.surface
        )
        painter.fillRect(QRect(0, 0, self.width(), max(1, round(self.height() * 0.025))), line)
        painter.end()

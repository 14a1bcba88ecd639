"""The control bar of touch mode: previous, back to start, pause or play, next,
language, and the high-contrast and large-text switches, on a strip below the slide.

The bar has its own strip at the bottom of the window; the window lays slide
views out in the area above it (``TouchControls.height_for``), so no control ever
covers a slide's text. Buttons are sized for fingers: at least ``FINGER_SHARE`` of
the screen's short side and at least ``FINGER_MM`` millimetres, whichever is larger.

Every button says what it does in a word under its icon, in the visitor's language,
at the secondary readability floor (``kiosk.ui.widgets.readable``): an icon alone
("◐", "T↕") is a riddle to most visitors. The words are part of each button's
accessible name, so that a visitor using speech input can say what they see
(WCAG 2.2 SC 2.5.3, Label in Name). A row too narrow for every button and the
progress dots (a portrait screen) becomes two: moving through the slides above,
how they are shown below.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget

from kiosk.translation import language_name, translator
from kiosk.ui.idle import mark_autoplay_control
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.button import TouchButton, stacked_size
from kiosk.ui.widgets.readable import readable_font

# A fingertip is 8-10 mm across; WCAG 2.5.5 asks for 44 CSS px (about 9 mm).
FINGER_MM = 9.0
# On large screens millimetres are not enough (a visitor reaches up to a 55" panel
# at arm's length): a share of the short side keeps controls in proportion.
FINGER_SHARE = 0.08
# Room above and below a row of buttons, in finger sides.
BAR_PADDING = 0.18
# Gaps between buttons, in finger sides (a finger must not hit two at once).
GAP_SIDES = 0.22
# The progress dots need at least this many finger sides between the two groups of
# a row; with less, the bar takes two rows.
DOTS_MIN_SIDES = 2.0
# Physical DPI outside this range is a made-up EDID value: fall back to 96.
PLAUSIBLE_DPI = (50.0, 600.0)


def finger_px(width: int, height: int, screen: QScreen | None = None) -> int:
    """The side of a control at this window size on ``screen``."""
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    if not PLAUSIBLE_DPI[0] <= dpi <= PLAUSIBLE_DPI[1]:
        dpi = 96.0
    by_mm = FINGER_MM / 25.4 * dpi
    return round(max(by_mm, FINGER_SHARE * min(width, height)))


class TouchControls(QWidget):
    """The bar. The window connects the buttons (``previous_button``...) to the Player
    and calls ``place_in`` on every resize; ``middle`` is the free space between the
    two groups of buttons, where the window puts the progress dots. The buttons are
    labelled and named for screen readers in ``language``, and in the visitor's next
    language after ``set_languages``; ``show_paused`` sets the pause button to play."""

    def __init__(self, theme: UiTheme, *, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        def button(icon: str) -> TouchButton:
            return TouchButton(theme, name="", description="", icon=icon, parent=self)

        self.previous_button = button("fa6s.chevron-left")
        self.start_button = button("fa6s.house")
        self.pause_button = button("fa6s.pause")
        mark_autoplay_control(self.pause_button)
        self.contrast_button = button("fa6s.circle-half-stroke")
        self.contrast_button.setCheckable(True)
        self.text_button = button("fa6s.text-height")
        self.text_button.setCheckable(True)
        self.language_button = button("fa6s.globe")
        self.next_button = button("fa6s.chevron-right")
        # Tab order follows the bar from left to right (top row first).
        order = self.buttons()
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.middle = QRect()
        self._window = QSize()  # the size of the window the bar was placed in
        self._language = language
        self._next_language = ""
        self._paused = False
        self._name_buttons()

    def _name_buttons(self) -> None:
        """Every button's label, name and description, in the bar's language."""
        words = translator(self._language)
        self.setAccessibleName(words.pgettext("touch controls", "Slide controls"))
        self.setAccessibleDescription(
            words.pgettext(
                "touch controls",
                "Buttons to move between the slides and change how they are shown",
            )
        )
        next_name = self._next_language_name()
        named = [
            (
                self.previous_button,
                # Translators: the word under the previous-slide button; it must be part
                # of the button's name ("Previous slide"), and short.
                words.pgettext("touch bar label", "Previous"),
                words.pgettext("touch controls", "Previous slide"),
                words.pgettext("touch controls", "Go back one slide"),
            ),
            (
                self.start_button,
                # Translators: the word under the back-to-start button; part of its
                # name ("Back to start"), and short.
                words.pgettext("touch bar label", "Start"),
                # Translators: the button that goes back to the first slide.
                words.pgettext("touch controls", "Back to start"),
                words.pgettext("touch controls", "Go to the first slide"),
            ),
            self._pause_naming(),
            (
                self.contrast_button,
                # Translators: the word under the high-contrast switch; part of its
                # name ("High contrast"), and short.
                words.pgettext("touch bar label", "Contrast"),
                # Translators: a switch; on, the slides are white and yellow on black.
                words.pgettext("touch controls", "High contrast"),
                words.pgettext(
                    "touch controls", "Switch between the normal colours and white on black"
                ),
            ),
            (
                self.text_button,
                # Translators: a switch; on, every text on the slides is larger. Its name
                # is also written under it: keep it short.
                words.pgettext("touch controls", "Large text"),
                words.pgettext("touch controls", "Large text"),
                words.pgettext("touch controls", "Switch between normal and larger text"),
            ),
            (
                self.language_button,
                next_name,
                # Translators: the button that shows the slides in the pack's next
                # language; {language} is that language's name in itself ("Español").
                words.pgettext("touch controls", "Language: {language}").format(language=next_name)
                if next_name
                else words.pgettext("touch controls", "Language"),
                self._language_description(),
            ),
            (
                self.next_button,
                # Translators: the word under the next-slide button; part of its name
                # ("Next slide"), and short.
                words.pgettext("touch bar label", "Next"),
                words.pgettext("touch controls", "Next slide"),
                words.pgettext("touch controls", "Go forward one slide"),
            ),
        ]
        for control, label, name, description in named:
            control.setText(label)
            control.setAccessibleName(name)
            control.setAccessibleDescription(description)

    def _pause_words(self) -> tuple[str, str]:
        """The pause button's label (and name) while autoplay runs, and while it waits."""
        words = translator(self._language)
        return (
            # Translators: the word under the button that stops the slides moving on by
            # themselves, and its name.
            words.pgettext("touch bar label", "Pause"),
            # Translators: the word under the button that makes the slides move on by
            # themselves again, and its name.
            words.pgettext("touch bar label", "Play"),
        )

    def _pause_naming(self) -> tuple[TouchButton, str, str, str]:
        words = translator(self._language)
        pause, play = self._pause_words()
        if self._paused:
            again = words.pgettext("touch controls", "Move on to the next slide by itself again")
            return (self.pause_button, play, play, again)
        stop = words.pgettext("touch controls", "Stop moving on to the next slide by itself")
        return (self.pause_button, pause, pause, stop)

    def _next_language_name(self) -> str:
        """The next language's name, in that language, as a label ("Español")."""
        if not self._next_language:
            return ""
        name = language_name(self._next_language, language=self._next_language)
        return name[:1].upper() + name[1:]

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
        """In tab order (the language button even when hidden)."""
        return [
            self.previous_button,
            self.start_button,
            self.pause_button,
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
            self._next_language = languages[(index + 1) % len(languages)]
        self._name_buttons()
        self._layout()

    def show_paused(self, paused: bool) -> None:
        """Offer play (autoplay waits for the visitor) or pause (it runs)."""
        if paused != self._paused:
            self._paused = paused
            self.pause_button.set_icon_name("fa6s.play" if paused else "fa6s.pause")
            self._name_buttons()
            self._layout()

    @property
    def next_language(self) -> str:
        return self._next_language

    # -- layout ----------------------------------------------------------------------

    def _rows(self, width: int, height: int) -> list[tuple[list[TouchButton], list[TouchButton]]]:
        """The buttons shown, as rows of (left group, right group): one row when it
        leaves the dots room, else navigation above and the switches below."""
        shown = [b for b in self.buttons() if b is not self.language_button or not b.isHidden()]
        left = [self.previous_button, self.start_button, self.pause_button]
        right = [b for b in shown if b not in left]
        sizes = self._button_sizes(width, height)
        finger = finger_px(width, height, self.screen())
        gap = round(finger * GAP_SIDES)
        # Margins, gaps between buttons, and a gap each side of the dots.
        needed = sum(sizes[id(b)].width() for b in shown) + (len(shown) + 2) * gap
        if needed + DOTS_MIN_SIDES * finger <= width:
            return [(left, right)]
        return [(left, [self.next_button]), ([b for b in right if b is not self.next_button], [])]

    def _button_sizes(self, width: int, height: int) -> dict[int, QSize]:
        finger = finger_px(width, height, self.screen())
        font = self.label_font(width, height)
        sizes = {id(b): stacked_size(finger, b.text(), font) for b in self.buttons()}
        # The pause button as wide as its wider word: pausing never moves the others.
        sizes[id(self.pause_button)] = max(
            (stacked_size(finger, word, font) for word in self._pause_words()),
            key=QSize.width,
        )
        tallest = max(size.height() for size in sizes.values())
        return {key: QSize(size.width(), tallest) for key, size in sizes.items()}

    @staticmethod
    def label_font(width: int, height: int) -> QFont:
        """The labels' font in a window of this size: capitals at the secondary floor."""
        return readable_font(min(width, height), bold=True)

    def height_for(self, width: int, height: int) -> int:
        """How tall the bar is along the bottom of a window of this size."""
        finger = finger_px(width, height, self.screen())
        rows = len(self._rows(width, height))
        button = next(iter(self._button_sizes(width, height).values())).height()
        return round(rows * button + (rows - 1) * finger * GAP_SIDES + 2 * finger * BAR_PADDING)

    def place_in(self, width: int, height: int) -> None:
        """Lie along the bottom of a window of that size."""
        self._window = QSize(width, height)
        bar = self.height_for(width, height)
        self.setGeometry(0, height - bar, width, bar)
        self._layout()

    def _layout(self) -> None:
        width, height = self._window.width(), self._window.height()
        if width <= 0 or height <= 0:
            return
        finger = finger_px(width, height, self.screen())
        font = self.label_font(width, height)
        sizes = self._button_sizes(width, height)
        gap = round(finger * GAP_SIDES)
        for button in self.buttons():
            button.set_label_below(finger, font)
        rows = self._rows(width, height)
        row_height = next(iter(sizes.values())).height()
        y = round(finger * BAR_PADDING)
        self.middle = QRect()
        for number, (left, right) in enumerate(rows):
            if not right:  # the switches, on a row of their own: centred
                total = sum(sizes[id(b)].width() for b in left) + gap * (len(left) - 1)
                x = (self.width() - total) // 2
                for button in left:
                    button.setGeometry(x, y, sizes[id(button)].width(), row_height)
                    x += sizes[id(button)].width() + gap
            else:
                x = gap
                for button in left:
                    button.setGeometry(x, y, sizes[id(button)].width(), row_height)
                    x += sizes[id(button)].width() + gap
                left_end = x - gap
                x = self.width() - gap
                for button in reversed(right):
                    x -= sizes[id(button)].width()
                    button.setGeometry(x, y, sizes[id(button)].width(), row_height)
                    x -= gap
                if number == 0:
                    self.middle = QRect(left_end + gap, y, max(0, x - left_end - gap), row_height)
            y += row_height + gap

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
        finger = finger_px(self._window.width(), self._window.height(), self.screen())
        painter.fillRect(QRect(0, 0, self.width(), max(1, round(finger * 0.034))), line)
        painter.end()

"""Chrome: everything that lies over the slides, placed and stacked in one place.

From the bottom up: the touch-mode control bar along the bottom (slides are laid
out above it, never under it: ``slide_area``), the progress dots (over the bottom
edge of the slide, or in the bar's free middle), keyboard stand-ins over the tap
targets of the slide at rest, the cue that says they can be tapped, the staff
notice's band along the top (slides are laid out below it), the resource shown large,
a notice over the whole screen, the staff PIN pad, and the warning before the idle
return.

Chrome only shows things and reports what staff or visitors pressed on them
(signals); what that does is the window's business.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QObject, QRect, Signal
from PySide6.QtWidgets import QWidget

from kiosk.slides.resources import Resource
from kiosk.ui.input_reader import Move
from kiosk.ui.notice_banner import NoticeBanner
from kiosk.ui.slide_view import SlideContext
from kiosk.ui.stage_view import TapTarget
from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.progress import ProgressIndicator

if TYPE_CHECKING:
    from kiosk.pin import PinGate
    from kiosk.schedule.notice import Notice
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.resource_overlay import ResourceOverlay, ResourceTarget
    from kiosk.ui.touch_controls import TouchControls
    from kiosk.ui.widgets.idle_warning import IdleWarning
    from kiosk.ui.widgets.tap_cue import TapCues

log = logging.getLogger(__name__)


def _no_errors() -> int:
    return 0


class StaffAccess(NamedTuple):
    """What the staff PIN pad needs: the gate that checks PINs, how many errors were
    logged since start, and where the log is (None: not written to a file)."""

    gate: PinGate
    error_count: Callable[[], int] = _no_errors
    log_file: Path | None = None


class Chrome(QObject):
    """The parts over the slides in ``host``: a control bar, a resource overlay and
    keyboard stand-ins in ``touch`` mode, a PIN pad when ``staff`` is given, and the
    progress dots always.

    Signals: the bar's buttons ask to ``navigate_requested(Move)``, for
    ``language_requested(language)``, to ``pause_requested`` (pause or play), and
    switch ``high_contrast_switched(on)`` and ``large_text_switched(on)``;
    ``target_activated(index)`` when a stand-in is pressed (Enter, Space);
    ``pop_up_closed`` when the overlay or the pad closes (the host takes the keys
    back); ``unlocked`` when staff typed the right PIN; ``stay_requested`` when a
    visitor answered the idle warning.

    ``cue_seconds``: how long the tap cue stays (touch mode).
    """

    navigate_requested = Signal(Move)
    language_requested = Signal(str)
    pause_requested = Signal()
    stay_requested = Signal()
    high_contrast_switched = Signal(bool)
    large_text_switched = Signal(bool)
    target_activated = Signal(int)
    pop_up_closed = Signal()
    unlocked = Signal()
    area_changed = Signal()  # slide_area() changed: lay the slides out again

    def __init__(
        self,
        host: QWidget,
        theme: UiTheme,
        *,
        touch: bool,
        language: str,
        staff: StaffAccess | None = None,
        cue_seconds: float | None = None,
    ) -> None:
        super().__init__(host)
        self._host = host
        self._theme = theme
        self._language = language
        self._targets: list[ResourceTarget] = []
        self._progress = ProgressIndicator(theme, language=language, parent=host)
        self._notice = NoticeBanner(language=language, parent=host)
        self._controls: TouchControls | None = None
        self._overlay: ResourceOverlay | None = None
        self._pin_pad: PinPad | None = None
        self._cues: TapCues | None = None
        self._warning: IdleWarning | None = None
        # The touch bar, the resource overlay and the PIN pad are imported only by
        # the kiosks that use them: an event-mode kiosk's first frame does not wait.
        if touch:
            from kiosk.ui.resource_overlay import ResourceOverlay
            from kiosk.ui.touch_controls import TouchControls
            from kiosk.ui.widgets.idle_warning import IdleWarning
            from kiosk.ui.widgets.tap_cue import CUE_SECONDS, TapCues

            self._controls = TouchControls(theme, language=language, parent=host)
            self._connect_controls(self._controls)
            self._overlay = ResourceOverlay(theme, language=language, parent=host)
            self._overlay.dismissed.connect(self.pop_up_closed)
            seconds = CUE_SECONDS if cue_seconds is None else cue_seconds
            self._cues = TapCues(host, theme, language=language, seconds=seconds)
            self._warning = IdleWarning(theme, language=language, parent=host)
            self._warning.touched.connect(self.stay_requested)
        if staff is not None:
            from kiosk.ui.pin_pad import PinPad

            self._pin_pad = PinPad(
                staff.gate,
                theme,
                language=language,
                error_count=staff.error_count,
                log_file=staff.log_file,
                parent=host,
            )
            self._pin_pad.unlocked.connect(self.unlocked)
            self._pin_pad.dismissed.connect(self.pop_up_closed)

    def _connect_controls(self, controls: TouchControls) -> None:
        def asks(move: Move) -> Callable[[], None]:
            return lambda: self.navigate_requested.emit(move)

        controls.previous_button.clicked.connect(asks(Move.PREVIOUS))
        controls.next_button.clicked.connect(asks(Move.NEXT))
        controls.start_button.clicked.connect(asks(Move.FIRST))
        controls.pause_button.clicked.connect(self.pause_requested)
        controls.language_button.clicked.connect(self._on_language_button)
        controls.contrast_button.toggled.connect(self.high_contrast_switched)
        controls.text_button.toggled.connect(self.large_text_switched)

    def _on_language_button(self) -> None:
        if self._controls is not None and self._controls.next_language:
            self.language_requested.emit(self._controls.next_language)

    # -- the parts -------------------------------------------------------------------------

    @property
    def progress(self) -> ProgressIndicator:
        return self._progress

    @property
    def controls(self) -> TouchControls | None:
        """The touch-mode control bar (None in event mode)."""
        return self._controls

    @property
    def notice(self) -> NoticeBanner:
        """The staff notice (hidden while there is none)."""
        return self._notice

    def show_notice(self, notice: Notice | None) -> None:
        """Show the staff's notice (None: take it down); the slides make room for a band."""
        self._notice.show_notice(notice)
        self.place()
        self.area_changed.emit()

    @property
    def overlay(self) -> ResourceOverlay | None:
        """The large view of one resource (touch mode only)."""
        return self._overlay

    @property
    def pin_pad(self) -> PinPad | None:
        """The staff PIN pad (only with staff access)."""
        return self._pin_pad

    @property
    def targets(self) -> list[ResourceTarget]:
        """Keyboard stand-ins for the tap targets on screen (touch mode)."""
        return list(self._targets)

    @property
    def resource_open(self) -> bool:
        return self._overlay is not None and self._overlay.is_open

    @property
    def tap_cues(self) -> TapCues | None:
        """The cues that say a card can be tapped (touch mode only)."""
        return self._cues

    @property
    def idle_warning(self) -> IdleWarning | None:
        """The warning before the idle return (touch mode only)."""
        return self._warning

    # -- look and place -------------------------------------------------------------------

    def set_theme(self, theme: UiTheme) -> None:
        self._theme = theme
        self._progress.set_theme(theme)
        for part in (self._controls, self._overlay, self._pin_pad, self._cues, self._warning):
            if part is not None:
                part.set_theme(theme)

    def set_language(self, current: str, languages: Sequence[str]) -> None:
        """Speak ``current`` (the visitor's language): every control and pop-up says
        its words in it (and the stand-ins made for the slide shown next), and the
        bar's language button offers the next of ``languages``, if there are two."""
        self._language = current
        self._progress.set_language(current)
        self._notice.set_language(current)
        for part in (self._overlay, self._pin_pad, self._cues, self._warning):
            if part is not None:
                part.set_language(current)
        if self._controls is not None:
            self._controls.set_languages(current, languages)
            self.place()

    def show_switches(self, high_contrast: bool, large_text: bool) -> None:
        """Show the bar's two switches as on or off (without pressing them)."""
        if self._controls is None:
            return
        for button, on in (
            (self._controls.contrast_button, high_contrast),
            (self._controls.text_button, large_text),
        ):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)

    def show_paused(self, paused: bool) -> None:
        """The bar's pause button offers play (autoplay waits) or pause (it runs)."""
        if self._controls is not None:
            self._controls.show_paused(paused)

    def show_position(self, index: int, count: int) -> None:
        self._progress.set_position(index, count)
        self._progress.show()

    def hide_position(self) -> None:
        self._progress.hide()

    def slide_area(self) -> QRect:
        """Where slides go: the whole host, less the control bar in touch mode."""
        width, height = self._host.width(), self._host.height()
        band = self._notice.height_for(width, height)
        if self._controls is None:
            return QRect(0, band, width, max(1, height - band))
        # From the host's size, not the bar's geometry: the bar is placed in a
        # resize event, which Qt holds back until a hidden window is shown.
        bar = self._controls.height_for(width, height)
        return QRect(0, band, width, max(1, height - bar - band))

    def place(self) -> None:
        """Lay everything out for the host's size, and stack it."""
        width, height = self._host.width(), self._host.height()
        if self._controls is not None:
            self._controls.place_in(width, height)
            middle = self._controls.middle.translated(self._controls.geometry().topLeft())
            self._progress.place_within(middle, height)
        else:
            self._progress.place_in(width, height)
        for part in (self._overlay, self._pin_pad, self._warning):
            if part is not None:
                part.setGeometry(self._host.rect())
        self._notice.place_in(self._host.rect())
        self.raise_all()

    def raise_all(self) -> None:
        """Everything over the slides, in stacking order."""
        # The dots sit in the bar in touch mode, so above it.
        band, full = (None, self._notice) if self._notice.is_full else (self._notice, None)
        for part in (
            self._controls,
            self._progress,
            *self._targets,
            *(self._cues.shown if self._cues is not None else ()),
            band,
            self._overlay,
            full,
            self._pin_pad,
            self._warning,
        ):
            if part is not None:
                part.raise_()

    # -- keyboard stand-ins ------------------------------------------------------------

    def set_targets(self, targets: Sequence[TapTarget]) -> None:
        """Stand-ins over ``targets`` (in the host's coordinates), reached with Tab
        before the bar's buttons; touch mode only (there is nothing to open else)."""
        for old in self._targets:
            old.hide()
            old.deleteLater()
        self._targets = []
        if self._overlay is None:
            return
        from kiosk.ui.resource_overlay import ResourceTarget

        previous: QWidget | None = None
        for index, target in enumerate(targets):
            if target.rect.isEmpty():
                continue
            stand_in = ResourceTarget(
                index,
                target.name,
                self._theme,
                language=self._language,
                shows=target.shows,
                parent=self._host,
            )
            stand_in.activated.connect(self.target_activated)
            stand_in.setGeometry(target.rect)
            stand_in.show()
            self._targets.append(stand_in)
            if previous is not None:
                QWidget.setTabOrder(previous, stand_in)
            previous = stand_in
        if previous is not None and self._controls is not None:
            QWidget.setTabOrder(previous, self._controls.buttons()[0])
        self.raise_all()

    def cue_targets(self, slide: Hashable, *, remember: bool) -> None:
        """The tap cue over the stand-ins of ``slide`` (see ``TapCues.offer``)."""
        if self._cues is not None:
            cards = [(stand_in.geometry(), stand_in.shows) for stand_in in self._targets]
            self._cues.offer(slide, cards, self.slide_area(), remember=remember)
            self.raise_all()

    def dismiss_cues(self) -> None:
        if self._cues is not None:
            self._cues.dismiss()

    def forget_cues(self) -> None:
        """A new visit: every slide's cue shows again."""
        if self._cues is not None:
            self._cues.forget()

    # -- pop-ups ---------------------------------------------------------------------------

    def open_resource(
        self, resource: Resource, context: SlideContext, *, keyboard: bool = False
    ) -> bool:
        """Show ``resource`` large (touch mode only); False when there is no overlay."""
        if self._overlay is None:
            return False
        self._overlay.setGeometry(self._host.rect())
        self._overlay.show_resource(resource, context, keyboard=keyboard)
        self.raise_all()
        return True

    def close_resource(self) -> None:
        if self._overlay is not None:
            self._overlay.dismiss()

    def open_staff_pad(self, *, keyboard: bool = False) -> bool:
        """The PIN pad (over whatever was open); False when there is none."""
        if self._pin_pad is None:
            return False
        self.close_resource()
        self._pin_pad.setGeometry(self._host.rect())
        self._pin_pad.open_pad(keyboard=keyboard)
        self.raise_all()
        log.info("staff PIN pad opened")
        return True

    def close_pop_ups(self) -> None:
        """Close the resource and the PIN pad, whichever is open, and take off the
        tap cue and the idle warning."""
        self.close_resource()
        if self._pin_pad is not None:
            self._pin_pad.dismiss()
        self.dismiss_cues()
        self.hide_idle_warning()

    def show_idle_warning(self, seconds: int, total: float) -> None:
        """The warning before the idle return, ``seconds`` left of ``total``."""
        if self._warning is not None:
            self._warning.setGeometry(self._host.rect())
            self._warning.count_down(seconds, total)
            self.raise_all()

    def hide_idle_warning(self) -> None:
        if self._warning is not None:
            self._warning.hide()


__all__ = ["Chrome", "StaffAccess"]

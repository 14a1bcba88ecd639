"""The kiosk window: one slide at a time, fullscreen, driven by a Player.

The window draws and routes input; the Player decides. The window itself only
composes small parts, each usable and testable alone, and wires them to the
Player:

- the stage (``kiosk.ui.stage.Stage``): the live slide view, built through the
  view factory, the transitions between views, and the empty background;
- input (``kiosk.ui.input_reader.InputReader``): keys, clicks, swipes and taps, and
  the staff's hold and key chord, turned into calls on this window (it is the
  reader's ``InputResponder``), which turns them into Player calls;
- the lock guard (``kiosk.ui.lock_guard.LockGuard``, locked kiosks only);
- chrome (``kiosk.ui.chrome.Chrome``): the control bar, progress dots, the resource
  overlay, keyboard stand-ins for tap targets and the PIN pad;
- the announcer (``kiosk.ui.announcer.Announcer``): what screen readers hear;
- the input watch (``kiosk.ui.idle.InputWatch``): any input restarts the idle time;
- the visit (``kiosk.ui.visit.TouchVisit``, touch mode only): pause and play, the
  warning before the idle return, and the cue on cards that can be tapped;
- the hidden cursor (``kiosk.ui.cursor.HiddenCursor``): no pointer for visitors.

Views offer what the window needs through one protocol
(``kiosk.ui.stage_view.StageView``: tap targets and spoken text).

Venue modes (see ``KioskWindow``):
- *touch* (``player.mode``): a control bar along the bottom (slides are laid out
  above it, never under it), taps on a tap target open it large
  (``ResourceOverlay``), and any input holds autoplay until the idle return (the
  bar's pause button, and in any mode the P key, pause and play it);
- *lock*: nothing a visitor does closes, minimises or leaves the window; staff
  hold the top-left corner (or press Ctrl+Alt+Shift+K) for the PIN pad, and the
  right PIN closes the kiosk;
- *reduced motion*: every change is an instant cut;
- *high contrast* and *large text*: the theme and type sizes slide views get.
In every mode the window's accessible name and description follow the slide on
screen, announced to screen readers as it changes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QGuiApplication,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QScreen,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.options import Mode, RunOptions, Transition
from kiosk.ui.announcer import Announcer
from kiosk.ui.chrome import Chrome, StaffAccess
from kiosk.ui.cursor import HiddenCursor
from kiosk.ui.idle import InputWatch
from kiosk.ui.input_reader import STAFF_HOLD_SECONDS, InputReader, Move, PlayPause
from kiosk.ui.lock_guard import LockGuard
from kiosk.ui.player import Player
from kiosk.ui.slide_view import SlideContext
from kiosk.ui.stage import Motion, Stage, ViewFactory
from kiosk.ui.stage_view import TapTarget
from kiosk.ui.theme import UiTheme
from kiosk.ui.transition import TransitionView
from kiosk.ui.visit import TouchVisit, VisitTimes
from kiosk.ui.widgets.progress import ProgressIndicator

if TYPE_CHECKING:
    from kiosk.pin import PinGate
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.resource_overlay import ResourceOverlay, ResourceTarget
    from kiosk.ui.touch_controls import TouchControls

log = logging.getLogger(__name__)

MOVES: dict[Move, Callable[[Player], None]] = {
    Move.NEXT: Player.next,
    Move.PREVIOUS: Player.previous,
    Move.FIRST: Player.first,
    Move.LAST: Player.last,
}
PLAY_PAUSE: dict[PlayPause, Callable[[Player], None]] = {
    PlayPause.TOGGLE: Player.toggle_pause,
    PlayPause.PAUSE: Player.pause,
}


def _no_errors() -> int:
    return 0


class Look(NamedTuple):
    """How slides are drawn for the visitor at the screen: the venue's settings, or
    what a visitor switched to in touch mode (until the idle return)."""

    high_contrast: bool = False
    large_text: bool = False


def choose_screen(index: int | None) -> QScreen:
    """Screen ``index`` (from 0), or the primary screen (logged when there is no such one)."""
    primary = QGuiApplication.primaryScreen()
    if index is None:
        return primary
    screens = QGuiApplication.screens()
    if 0 <= index < len(screens):
        return screens[index]
    log.warning(
        "there is no screen %d (this machine has %d, numbered from 0); using the primary screen",
        index,
        len(screens),
    )
    return primary


class KioskWindow(QWidget):
    """Fullscreen on the chosen screen (or a window of ``windowed`` size for preview).

    ``view_factory`` builds one slide's view; by default the real slide views. Call
    ``present()`` to show it. ``first_frame_painted`` is emitted once, right after the
    first frame (the first slide, or the empty background) is painted.

    Venue settings: the mode comes from ``player.mode``, the rest from ``options``
    (``RunOptions``): ``screen`` and ``windowed`` place it; ``lock`` refuses every way of
    closing or leaving the window but the staff PIN (checked by ``pin_gate``, typed on the
    pad opened by holding the top-left corner for ``staff_hold_seconds``, or
    Ctrl+Alt+Shift+K); ``reduced_motion`` cuts instead of animating; ``high_contrast`` and
    ``large_text`` go to the slide views (touch mode has switches for both, reset at the
    idle return). The PIN pad shows staff ``error_count()`` (errors logged since start) and
    ``log_file``. ``visit_times``: how long touch mode's idle warning and tap cue last.
    """

    first_frame_painted = Signal()

    def __init__(
        self,
        player: Player,
        options: RunOptions | None = None,
        *,
        view_factory: ViewFactory | None = None,
        hide_cursor: bool = True,
        pin_gate: PinGate | None = None,
        staff_hold_seconds: float = STAFF_HOLD_SECONDS,
        error_count: Callable[[], int] | None = None,
        log_file: Path | None = None,
        visit_times: VisitTimes | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        options = options or RunOptions()
        windowed, lock = options.windowed, options.lock
        self.player = player
        self._windowed = windowed
        self._first_paint_seen = False
        self._reduced_motion = options.reduced_motion
        # The venue's settings, and what a visitor switched to (touch mode).
        self._venue_look = Look(options.high_contrast, options.large_text)
        self._look = self._venue_look

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        # No menu of any kind: children that have none defer to this, which eats it.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        self._cursor = HiddenCursor(self) if hide_cursor else None

        self._theme = self._make_theme()
        self._stage = Stage(view_factory, self)
        self._stage.live_changed.connect(self._on_live_changed)
        self._stage.resized.connect(lambda: self._show_current(animate=False))
        self._stage.first_painted.connect(self._note_painted)
        staff = None
        if pin_gate is not None:
            staff = StaffAccess(pin_gate, error_count or _no_errors, log_file)
        elif lock:
            log.warning(
                "the kiosk is locked but has no staff PIN: it can only be stopped "
                "from outside (kiosk set-pin, then restart it)"
            )
        touch = player.mode == Mode.TOUCH
        times = visit_times or VisitTimes()
        self._chrome = Chrome(
            self,
            self._theme,
            touch=touch,
            language=player.language,
            staff=staff,
            cue_seconds=times.cue_seconds,
        )
        self._chrome.target_activated.connect(self._open_by_keyboard)
        self._chrome.pop_up_closed.connect(self._take_keys_back)
        self._chrome.unlocked.connect(self._on_unlocked)
        self._chrome.navigate_requested.connect(self.navigate)
        self._chrome.language_requested.connect(player.set_language)
        self._chrome.high_contrast_switched.connect(self.set_high_contrast)
        self._chrome.large_text_switched.connect(self.set_large_text)
        self._chrome.area_changed.connect(self._lay_out)  # a staff notice came or went
        self._guard = (
            LockGuard(self, full_screen=windowed is None, present=self.present) if lock else None
        )
        self._input = InputReader(
            self, self, staff_hold_seconds=staff_hold_seconds if staff is not None else None
        )
        self._input_watch = InputWatch(self)
        self._input_watch.noticed.connect(player.note_interaction)
        self._visit = TouchVisit(player, self._chrome, self._input_watch, times) if touch else None
        self._announcer = Announcer(self)

        self._target_screen = choose_screen(options.screen)
        if windowed is not None:
            self.resize(*windowed)
        else:
            self.setGeometry(self._target_screen.geometry())
        self._apply_pack_look()  # and lays everything out for that size

        player.set_page_counts(lambda index: self._stage.deck(self._context()).page_count(index))
        player.current_changed.connect(self._on_current_changed)
        player.language_changed.connect(self._on_language_changed)
        player.pack_changed.connect(self._on_pack_changed)
        player.nothing_to_show.connect(self._on_nothing_to_show)
        player.returned_to_start.connect(self._on_returned_to_start)
        self._show_current(animate=False)

    # -- the parts, and what they show -----------------------------------------------------

    @property
    def stage(self) -> Stage:
        return self._stage

    @property
    def chrome(self) -> Chrome:
        return self._chrome

    @property
    def live_view(self) -> QWidget | None:
        """The view on screen at rest (None during a transition or when empty)."""
        return self._stage.live_view

    @property
    def transition(self) -> TransitionView:
        return self._stage.transition

    @property
    def progress(self) -> ProgressIndicator:
        return self._chrome.progress

    @property
    def controls(self) -> TouchControls | None:
        """The touch-mode control bar (None in event mode)."""
        return self._chrome.controls

    @property
    def resource_overlay(self) -> ResourceOverlay | None:
        """The large view of one resource (touch mode only)."""
        return self._chrome.overlay

    @property
    def pin_pad(self) -> PinPad | None:
        """The staff PIN pad (only when a PIN gate was given)."""
        return self._chrome.pin_pad

    @property
    def resource_targets(self) -> list[ResourceTarget]:
        """Keyboard stand-ins for the tap targets on screen (touch mode)."""
        return self._chrome.targets

    @property
    def target_screen(self) -> QScreen:
        return self._target_screen

    @property
    def high_contrast(self) -> bool:
        return self._look.high_contrast

    @property
    def large_text(self) -> bool:
        return self._look.large_text

    @property
    def theme(self) -> UiTheme:
        return self._theme

    # -- showing -----------------------------------------------------------------------------

    def present(self) -> None:
        """Show fullscreen on the target screen, or as a plain window for preview."""
        if self._windowed is not None:
            self.show()
        else:
            # Place the window on its screen before going fullscreen: X11 and
            # Wayland make a window fullscreen on the screen it is on.
            self.setScreen(self._target_screen)
            self.setGeometry(self._target_screen.geometry())
            self.showFullScreen()
        if self._cursor is not None:
            self._cursor.cover_app()
        self._input_watch.start()
        if self._guard is not None:
            self._guard.start()
        # Keys must reach the window without a visitor clicking it first. (No
        # raise_(): fullscreen already stacks above panels, and platforms without
        # window stacking, such as offscreen, warn about it.)
        self.activateWindow()

    def _make_theme(self) -> UiTheme:
        return UiTheme.from_pack(self.player.pack.theme, high_contrast=self._look.high_contrast)

    def _apply_pack_look(self) -> None:
        pack = self.player.pack
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, self._theme.background)
        self.setPalette(palette)
        self._chrome.set_theme(self._theme)
        self._chrome.set_language(self.player.language, pack.languages)
        self._chrome.show_switches(self._look.high_contrast, self._look.large_text)
        self.setWindowTitle(pack.text(pack.title, self.player.language))
        self._lay_out()  # the bar's words, and so its height, follow the language

    def _context(self) -> SlideContext:
        p, size = self.player, (self.width(), self.height())  # the screen's, for floors
        return SlideContext(p.pack, p.language, self._theme, self._look.large_text, p.region, size)

    def _motion(self) -> Motion | None:
        """The pack's transition, unless the venue asked for none."""
        timing = self.player.pack.timing
        if (
            self._reduced_motion
            or timing.transition == Transition.NONE
            or timing.transition_ms <= 0
        ):
            return None
        return Motion(timing.transition, timing.transition_ms, self.player.direction)

    def _show_current(self, *, animate: bool) -> None:
        """Put the player's current slide on screen, with or without a transition."""
        player = self.player
        if not player.has_something_to_show:
            self._on_nothing_to_show()
            return
        motion = self._motion() if animate else None
        view = self._stage.show_page(player.index, player.page, self._context(), motion)
        if view is None:
            player.skip_current()  # shows the next one, re-entering here
            return
        self._chrome.show_position(player.index, player.count)
        pack = player.pack
        self._announcer.announce(view, pack.text(pack.title, player.language))

    def _on_live_changed(self) -> None:
        offset = self._stage.pos()
        self._chrome.set_targets([t.translated(offset) for t in self._stage.tap_targets()])
        if self._visit is not None:
            self._visit.slide_at_rest()

    def _lay_out(self) -> None:
        self._chrome.place()
        self._stage.setGeometry(self._chrome.slide_area())

    # -- what input does (the InputResponder) --------------------------------------------

    def navigate(self, move: Move) -> None:
        """Another slide (closing a resource that is open)."""
        self._chrome.close_resource()
        MOVES[move](self.player)

    def quit_pressed(self) -> None:
        """A quit key closes the open resource first, and only then asks to quit."""
        if self._chrome.resource_open:
            self._chrome.close_resource()
        else:
            self.request_quit()

    def tap(self, point: QPointF) -> bool:
        """A tap on a tap target of the slide at rest opens it (touch mode)."""
        if self._chrome.resource_open:
            return True  # the overlay is the tap's to read
        target = self._stage.target_at(self._stage.mapFrom(self, point.toPoint()))
        return target is not None and self._open(target, keyboard=False)

    def open_resource(self, index: int, *, keyboard: bool = False) -> bool:
        """Show tap target ``index`` of the slide on screen large (touch mode only)."""
        targets = self._stage.tap_targets()
        return 0 <= index < len(targets) and self._open(targets[index], keyboard=keyboard)

    def play_pause(self, asked: PlayPause) -> None:
        PLAY_PAUSE[asked](self.player)

    def open_staff_pad(self, *, keyboard: bool = False) -> bool:
        """The PIN pad (and the staff's view of the log); False when there is none."""
        if self._chrome.pin_pad is None:
            return False
        self.player.note_interaction()  # the pad, too, closes at the idle return
        return self._chrome.open_staff_pad(keyboard=keyboard)

    def _open(self, target: TapTarget, *, keyboard: bool) -> bool:
        if self._chrome.overlay is None:
            return False
        self.player.note_interaction()  # also when opened from the keyboard or a test
        return self._chrome.open_resource(target.opens, self._context(), keyboard=keyboard)

    def _open_by_keyboard(self, index: int) -> None:
        self.open_resource(index, keyboard=True)

    def _take_keys_back(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_unlocked(self) -> None:
        log.info("staff PIN accepted: closing the kiosk")
        self.shutdown()

    # -- quitting -----------------------------------------------------------------------------

    def is_quit_allowed(self) -> bool:
        """Whether Esc/Ctrl+Q may close the app now: not when the kiosk is locked."""
        return self._guard is None or self._guard.quit_allowed()

    def request_quit(self) -> bool:
        """The one way a key press ends the app; refused when quitting is locked."""
        if not self.is_quit_allowed():
            log.info("quit refused: the kiosk is locked")
            return False
        log.info("quit requested")
        self.close()
        return True

    def shutdown(self) -> None:
        """Close for good, lock or not: the staff PIN was right, or the app is ending."""
        if self._guard is not None:
            self._guard.release()
        self.close()

    # -- Qt events ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def paintEvent(self, event: QPaintEvent) -> None:
        # The background itself is filled by Qt (autoFillBackground, theme colour).
        self._note_painted()

    def _note_painted(self) -> None:
        if self._guard is not None:
            self._guard.note_on_screen()
        if not self._first_paint_seen:
            self._first_paint_seen = True
            # A zero timer fires once the whole frame (window and children) has been
            # painted and flushed, not in the middle of it.
            QTimer.singleShot(0, self, self.first_frame_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Reached only when the lock guard (if any) lets the close through.
        if self._guard is not None:
            self._guard.release()
        self._input.cancel()
        self._input_watch.stop()
        self.player.stop()
        # Landing a slide mid-move brings it to rest, which may cue its cards: the
        # pop-ups and cues go after it, or the cue's timer would outlive the window.
        self._stage.land()
        self._chrome.close_pop_ups()
        if self._cursor is not None:
            self._cursor.uncover_app()
        super().closeEvent(event)

    # -- player signals -----------------------------------------------------------------------

    def _on_current_changed(self, index: int) -> None:
        self._show_current(animate=True)

    def _on_language_changed(self, language: str) -> None:
        self._chrome.close_resource()
        self._apply_pack_look()
        self._show_current(animate=True)

    def _on_pack_changed(self) -> None:
        self._chrome.close_resource()
        self._theme = self._make_theme()
        self._apply_pack_look()
        self._show_current(animate=True)

    def _on_nothing_to_show(self) -> None:
        if not self._stage.is_empty:
            log.error(
                "no slide of the pack %r could be shown; showing the empty background",
                self.player.pack.text(self.player.pack.title, self.player.language),
            )
        self._stage.show_nothing()
        self._chrome.hide_position()
        self.update()

    def _on_returned_to_start(self) -> None:
        """The idle return: close what a visitor opened and undo what they switched."""
        self._chrome.close_pop_ups()
        self._switch(self._venue_look)

    # -- venue look ---------------------------------------------------------------------------

    def set_high_contrast(self, on: bool) -> None:
        """Switch the high-contrast theme on or off (until the idle return)."""
        self._switch(self._look._replace(high_contrast=on))

    def set_large_text(self, on: bool) -> None:
        """Switch large text on or off (until the idle return)."""
        self._switch(self._look._replace(large_text=on))

    def _switch(self, look: Look) -> None:
        if look != self._look:
            self._look = look
            self._theme = self._make_theme()
            self._apply_pack_look()
            self._show_current(animate=False)  # the same slide: a cut, not a movement


__all__ = ["KioskWindow", "ViewFactory"]

"""The kiosk window: one slide at a time, fullscreen, driven by a Player.

The window draws and routes input; the Player decides. Keys, clicks and swipes
become Player calls; the Player's signals become slide views on screen.

What is on screen at any moment is exactly one of:
- the live view of the current slide (at rest);
- the transition widget, painting two pre-rendered frames (while moving);
- the theme background alone (no slide of the pack could be built).
A progress indicator lies over all three.

Venue modes (see ``KioskWindow``):
- *touch* (``player.mode``): a control bar along the bottom (slides are laid out
  above it, never under it), taps on a resource open it large
  (``ResourceOverlay``), and any input pauses autoplay until the idle return;
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
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QPointF,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleEvent,
    QCloseEvent,
    QCursor,
    QGuiApplication,
    QInputDevice,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QScreen,
    QShowEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.options import Mode, RunOptions
from kiosk.pack.model import ResourcesSlide, Slide
from kiosk.ui import slides
from kiosk.ui.idle import InputWatch
from kiosk.ui.player import Player
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.theme import UiTheme
from kiosk.ui.transition import TransitionView
from kiosk.ui.widgets.progress import ProgressIndicator

if TYPE_CHECKING:
    # The touch bar, the resource overlay and the PIN pad are imported only by the
    # kiosks that use them: an event-mode kiosk's first frame does not wait for them.
    from kiosk.pin import PinGate
    from kiosk.ui.pin_pad import PinPad
    from kiosk.ui.resource_overlay import ResourceOverlay, ResourceTarget
    from kiosk.ui.touch_controls import TouchControls

log = logging.getLogger(__name__)

ViewFactory = Callable[[Slide, SlideContext, QWidget | None], QWidget]

# A horizontal drag longer than this share of the width is a swipe...
SWIPE_MIN_FRACTION = 0.12
# ...if it is also clearly more sideways than up or down.
SWIPE_MIN_SLOPE = 1.5
# A press and release closer than this (share of the width, or pixels) is a tap.
TAP_MAX_FRACTION = 0.02
TAP_MAX_PIXELS = 12.0
# Taps on the left third go back; anywhere else goes forward, since a visitor who
# taps the middle of the screen expects to move on.
BACK_ZONE_FRACTION = 1 / 3

# Staff, not visitors: holding the top-left corner this long opens the PIN pad
# (a visitor resting a hand there for five seconds still only gets a PIN pad).
STAFF_HOLD_SECONDS = 5.0
# The corner, as a share of the window's short side (at least STAFF_CORNER_MIN_PX).
STAFF_CORNER_FRACTION = 0.1
STAFF_CORNER_MIN_PX = 48
# Ctrl+Alt+Shift+K: the staff key chord, for a kiosk with a keyboard.
STAFF_KEY = Qt.Key.Key_K
STAFF_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ShiftModifier
)
# When a locked window loses focus or full screen, it takes them back after this
# long (not at once: a window manager still busy with the change would undo it).
REASSERT_MS = 250
# How often a locked window checks that it is still on screen: a window manager
# can hide it without any event Qt turns into a state change (show-desktop, a
# switch of virtual desktop, another program unmapping it).
LOCK_VISIBLE_CHECK_MS = 500
# Platforms where the window cannot be raised (raise_() only warns there).
NO_STACKING_PLATFORMS = frozenset({"offscreen", "minimal", "vnc"})


# PageUp/PageDown are what presenter remotes send.
NAVIGATION_KEYS: dict[int, Callable[[Player], None]] = {
    Qt.Key.Key_Right: Player.next,
    Qt.Key.Key_Space: Player.next,
    Qt.Key.Key_PageDown: Player.next,
    Qt.Key.Key_Left: Player.previous,
    Qt.Key.Key_PageUp: Player.previous,
    Qt.Key.Key_Home: Player.first,
    Qt.Key.Key_End: Player.last,
}


def is_quit_key(event: QKeyEvent) -> bool:
    """Esc, Ctrl+Q, Ctrl+W or Alt+F4: what people press to leave an app."""
    key, modifiers = event.key(), event.modifiers()
    control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
    alt = bool(modifiers & Qt.KeyboardModifier.AltModifier)
    return (
        key == Qt.Key.Key_Escape
        or (control and key in (Qt.Key.Key_Q, Qt.Key.Key_W))
        or (alt and key == Qt.Key.Key_F4)
    )


def is_staff_chord(event: QKeyEvent) -> bool:
    return event.key() == STAFF_KEY and (event.modifiers() & STAFF_MODIFIERS) == STAFF_MODIFIERS


def create_slide_view(slide: Slide, context: SlideContext, parent: QWidget | None) -> QWidget:
    """The real slide views (``kiosk.ui.slides.create_slide_view``).

    Looked up on every call rather than bound at import, so a test can monkeypatch
    it and still go through the window's default path.
    """
    return slides.create_slide_view(slide, context, parent)


def is_tap(start: QPointF, end: QPointF, width: int) -> bool:
    """A press and release so close together that the pointer did not travel."""
    return math.hypot(end.x() - start.x(), end.y() - start.y()) <= max(
        TAP_MAX_PIXELS, width * TAP_MAX_FRACTION
    )


def pointer_action(start: QPointF, end: QPointF, width: int) -> int:
    """What a press/release pair meant: +1 next, -1 previous, 0 nothing.

    A swipe to the left (finger moving left) brings the next slide, as on a phone;
    a tap goes by where it landed. A long drag that is neither (mostly vertical,
    or a short hesitant move) does nothing, rather than guess.
    """
    dx = end.x() - start.x()
    dy = end.y() - start.y()
    if abs(dx) >= width * SWIPE_MIN_FRACTION and abs(dx) > SWIPE_MIN_SLOPE * abs(dy):
        return 1 if dx < 0 else -1
    if is_tap(start, end, width):
        return -1 if start.x() < width * BACK_ZONE_FRACTION else 1
    return 0


class KioskWindow(QWidget):
    """Fullscreen on the chosen screen (or a window of ``windowed`` size for preview).

    ``view_factory`` builds one slide's view; by default the real slide views.
    Call ``present()`` to show it. ``first_frame_painted`` is emitted once, right
    after the first frame (the first slide, or the empty background) is painted.

    Venue settings: the mode comes from ``player.mode``, the rest from ``options``
    (``kiosk.options.RunOptions``): ``screen`` and ``windowed`` place it; ``lock``
    refuses every way of closing or leaving the window but the staff PIN (checked by
    ``pin_gate``, typed on the pad opened by holding the top-left corner for
    ``staff_hold_seconds``, or Ctrl+Alt+Shift+K); ``reduced_motion`` cuts instead of
    animating; ``high_contrast`` and ``large_text`` go to the slide views (touch
    mode has switches for both, reset at the idle return). The PIN pad shows staff
    ``error_count()`` (errors logged since start) and ``log_file``.
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
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        options = options or RunOptions()
        screen, windowed, lock = options.screen, options.windowed, options.lock
        reduced_motion = options.reduced_motion
        high_contrast, large_text = options.high_contrast, options.large_text
        self.player = player
        self._view_factory: ViewFactory = view_factory or create_slide_view
        self._windowed = windowed
        self._hide_cursor = hide_cursor
        self._cursor_overridden = False
        self._live: QWidget | None = None  # the current slide's view, on screen
        self._incoming: QWidget | None = None  # built, waiting for its transition to end
        self._empty = False  # nothing could be built: the background alone shows
        self._first_paint_seen = False
        self._press_start: QPointF | None = None  # mouse or single-finger touch
        self._touch = player.mode == Mode.TOUCH
        self._lock = lock
        self._closing_for_good = False  # shutdown() or the staff PIN: close despite the lock
        self._reduced_motion = reduced_motion
        # The venue's settings, and what a visitor switched to (touch mode).
        self._venue_look = (high_contrast, large_text)
        self._high_contrast, self._large_text = self._venue_look
        self._resource_opened = False
        self._resource_targets: list[ResourceTarget] = []

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAutoFillBackground(True)
        # No menu of any kind: children that have none defer to this, which eats it.
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        if hide_cursor:
            self.setCursor(Qt.CursorShape.BlankCursor)
        if lock:
            # Set before the window is first shown: changing flags later re-creates it.
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)

        self._theme = self._make_theme()
        self._transition = TransitionView(self)
        self._transition.finished.connect(self._on_transition_finished)
        self._progress = ProgressIndicator(self._theme, self)
        self._controls: TouchControls | None = None
        self._overlay: ResourceOverlay | None = None
        if self._touch:
            from kiosk.ui.resource_overlay import ResourceOverlay
            from kiosk.ui.touch_controls import TouchControls

            self._controls = TouchControls(self._theme, self)
            self._connect_controls(self._controls)
            self._overlay = ResourceOverlay(self._theme, self)
            self._overlay.dismissed.connect(self._on_overlay_dismissed)
        self._pin_pad: PinPad | None = None
        if pin_gate is not None:
            from kiosk.ui.pin_pad import PinPad

            self._pin_pad = PinPad(
                pin_gate,
                self._theme,
                error_count=error_count or (lambda: 0),
                log_file=log_file,
                parent=self,
            )
            self._pin_pad.unlocked.connect(self._on_unlocked)
            self._pin_pad.dismissed.connect(self._on_pad_dismissed)
        elif lock:
            log.warning(
                "the kiosk is locked but has no staff PIN: it can only be stopped "
                "from outside (kiosk set-pin, then restart it)"
            )

        self._input_watch = InputWatch(self)
        self._input_watch.noticed.connect(player.note_interaction)
        self._staff_hold = QTimer(self)
        self._staff_hold.setObjectName("staff-hold")
        self._staff_hold.setSingleShot(True)
        self._staff_hold.setInterval(max(1, round(staff_hold_seconds * 1000)))
        self._staff_hold.timeout.connect(self._on_staff_hold)
        self._reassert = QTimer(self)
        self._reassert.setObjectName("lock-reassert")
        self._reassert.setSingleShot(True)
        self._reassert.setInterval(REASSERT_MS)
        self._reassert.timeout.connect(self._reassert_lock)
        self._lock_visible = QTimer(self)
        self._lock_visible.setObjectName("lock-visible-check")
        self._lock_visible.setInterval(LOCK_VISIBLE_CHECK_MS)
        self._lock_visible.timeout.connect(self._keep_locked_window_shown)
        self._seen_on_screen = False  # mapped once: only then can it go missing
        self._hidden_noted = False  # logged once for each time it goes missing
        self._apply_pack_look()

        self._target_screen = self._choose_screen(screen)
        if windowed is not None:
            self.resize(*windowed)
        else:
            self.setGeometry(self._target_screen.geometry())

        player.current_changed.connect(self._on_current_changed)
        player.language_changed.connect(self._on_language_changed)
        player.pack_changed.connect(self._on_pack_changed)
        player.nothing_to_show.connect(self._on_nothing_to_show)
        player.returned_to_start.connect(self._on_returned_to_start)
        self._show_current(animate=False)

    # -- showing ---------------------------------------------------------------

    @property
    def live_view(self) -> QWidget | None:
        """The view on screen at rest (None during a transition or when empty)."""
        return self._live

    @property
    def transition(self) -> TransitionView:
        return self._transition

    @property
    def progress(self) -> ProgressIndicator:
        return self._progress

    @property
    def controls(self) -> TouchControls | None:
        """The touch-mode control bar (None in event mode)."""
        return self._controls

    @property
    def resource_overlay(self) -> ResourceOverlay | None:
        """The large view of one resource (touch mode only)."""
        return self._overlay

    @property
    def pin_pad(self) -> PinPad | None:
        """The staff PIN pad (only when a PIN gate was given)."""
        return self._pin_pad

    @property
    def resource_targets(self) -> list[ResourceTarget]:
        """Keyboard stand-ins for the resource cards on screen (touch mode)."""
        return list(self._resource_targets)

    @property
    def target_screen(self) -> QScreen:
        return self._target_screen

    @property
    def is_locked(self) -> bool:
        return self._lock

    @property
    def high_contrast(self) -> bool:
        return self._high_contrast

    @property
    def large_text(self) -> bool:
        return self._large_text

    @property
    def reduced_motion(self) -> bool:
        return self._reduced_motion

    @property
    def theme(self) -> UiTheme:
        return self._theme

    def slide_area(self) -> QRect:
        """Where slide views go: the whole window, less the control bar in touch mode."""
        if self._controls is None:
            return self.rect()
        # From the window's size, not the bar's geometry: the bar is placed in
        # resizeEvent, which Qt holds back until a hidden window is shown.
        from kiosk.ui.touch_controls import bar_height

        bar = bar_height(self.width(), self.height(), self.screen())
        return QRect(0, 0, self.width(), max(1, self.height() - bar))

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
        if self._hide_cursor and not self._cursor_overridden:
            # The window's own BlankCursor does not cover a moment when another
            # widget (a view's child) sets one; the override covers the whole app.
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._cursor_overridden = True
        self._input_watch.start()
        if self._lock:
            self._lock_visible.start()
        # Keys must reach the window without a visitor clicking it first. (No
        # raise_(): fullscreen already stacks above panels, and platforms without
        # window stacking, such as offscreen, warn about it.)
        self.activateWindow()

    def _choose_screen(self, index: int | None) -> QScreen:
        primary = QGuiApplication.primaryScreen()
        if index is None:
            return primary
        screens = QGuiApplication.screens()
        if 0 <= index < len(screens):
            return screens[index]
        log.warning(
            "there is no screen %d (this machine has %d, numbered from 0); "
            "using the primary screen",
            index,
            len(screens),
        )
        return primary

    def _make_theme(self) -> UiTheme:
        return UiTheme.from_pack(self.player.pack.theme, high_contrast=self._high_contrast)

    def _apply_pack_look(self) -> None:
        pack = self.player.pack
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, self._theme.background)
        self.setPalette(palette)
        self._progress.set_theme(self._theme)
        for part in (self._controls, self._overlay, self._pin_pad):
            if part is not None:
                part.set_theme(self._theme)
        if self._controls is not None:
            self._controls.set_languages(self.player.language, pack.languages)
            for button, on in (
                (self._controls.contrast_button, self._high_contrast),
                (self._controls.text_button, self._large_text),
            ):
                button.blockSignals(True)
                button.setChecked(on)
                button.blockSignals(False)
            self._place_chrome()
        self.setWindowTitle(pack.text(pack.title, self.player.language))

    def _context(self) -> SlideContext:
        return SlideContext(
            self.player.pack, self.player.language, self._theme, large_text=self._large_text
        )

    def _build_view(self, slide: Slide) -> QWidget:
        view = self._view_factory(slide, self._context(), self)
        if view.parentWidget() is not self:
            view.setParent(self)
        # The window reads every click and swipe itself; a view never swallows one.
        view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.hide()
        view.setGeometry(self.slide_area())
        activated = getattr(view, "resource_activated", None)
        if self._touch and activated is not None:
            activated.connect(self._on_resource_activated)
        if not self._first_paint_seen:
            view.installEventFilter(self)  # to notice the first frame (see eventFilter)
        return view

    def _show_current(self, *, animate: bool) -> None:
        """Put the player's current slide on screen, with or without a transition."""
        player = self.player
        if not player.has_something_to_show:
            self._on_nothing_to_show()
            return
        slide = player.current_slide
        try:
            view = self._build_view(slide)
        except Exception:
            # A visitor never sees this: log where the slide was written, move on.
            log.exception(
                "slide %d of %d (%s, written at %s) could not be shown; skipping it",
                player.index + 1,
                player.count,
                _kind_of(slide),
                slide.origin,
            )
            player.skip_current()  # shows the next one, re-entering here
            return
        self._empty = False
        self._progress.set_position(player.index, player.count)
        self._progress.show()
        timing = player.pack.timing
        # From nothing (start-up, or after the empty background) there is nothing
        # to move away from: the slide simply appears.
        on_screen = self._live is not None or self._transition.is_running
        if (
            animate
            and on_screen
            and not self._reduced_motion
            and timing.transition != "none"
            and timing.transition_ms > 0
        ):
            self._transition_to(view)
        else:
            self._cut_to(view)
        self._announce(view)

    def _cut_to(self, view: QWidget) -> None:
        self._drop_transition()
        old, self._live = self._live, view
        view.lower()
        view.show()
        self._discard(old)
        self._raise_chrome()
        self._place_resource_targets()

    def _transition_to(self, view: QWidget) -> None:
        if self._transition.is_running:
            # Interrupted (a fast second key press): start from exactly what is on
            # screen now, so nothing jumps; the half-shown slide is dropped.
            outgoing = self._transition.current_frame()
            self._discard(self._incoming)
            self._incoming = None
        else:
            assert self._live is not None  # see _show_current
            outgoing = self._live.grab()
        incoming = view.grab()
        if outgoing.isNull() or incoming.isNull():
            log.warning("could not render a transition frame; cutting instead")
            self._cut_to(view)
            return
        old, self._live = self._live, None
        self._incoming = view
        timing = self.player.pack.timing
        self._transition.setGeometry(self.slide_area())
        self._transition.start(
            outgoing,
            incoming,
            kind=timing.transition,
            duration_ms=timing.transition_ms,
            direction=self.player.direction,
        )
        self._raise_chrome()
        # Hidden only now that the transition widget covers it.
        self._discard(old)
        self._place_resource_targets()

    def _on_transition_finished(self) -> None:
        view, self._incoming = self._incoming, None
        if view is None:
            return
        # Shown under the transition widget, which hides right after: the last
        # transition frame and the live view are the same picture.
        view.lower()
        view.show()
        self._live = view
        self._place_resource_targets()

    def _drop_transition(self) -> None:
        """Abandon a running transition and the view it was bringing in."""
        self._transition.cancel()
        self._discard(self._incoming)
        self._incoming = None

    def _discard(self, view: QWidget | None) -> None:
        if view is not None:
            view.hide()
            view.deleteLater()

    def _raise_chrome(self) -> None:
        """Everything that lies over the slides, in stacking order."""
        # The dots sit in the bar in touch mode, so above it.
        for part in (
            self._controls,
            self._progress,
            *self._resource_targets,
            self._overlay,
            self._pin_pad,
        ):
            if part is not None:
                part.raise_()

    def _place_chrome(self) -> None:
        width, height = self.width(), self.height()
        if self._controls is not None:
            self._controls.place_in(width, height)
            middle = self._controls.middle.translated(self._controls.geometry().topLeft())
            self._progress.place_within(middle, height)
        else:
            self._progress.place_in(width, height)
        for part in (self._overlay, self._pin_pad):
            if part is not None:
                part.setGeometry(self.rect())

    # -- what a screen reader hears --------------------------------------------------

    def _announce(self, view: QWidget) -> None:
        """Name and describe the window after the slide on screen, and say it aloud.

        The name changes (NameChanged) for screen readers that follow the window; the
        announcement is for those that read out live changes.
        """
        pack = self.player.pack
        name = view.accessibleName() or pack.text(pack.title, self.player.language)
        description = view.accessibleDescription()
        spoken_text = getattr(view, "spoken_text", None)
        spoken = (
            spoken_text()
            if callable(spoken_text)
            else "\n".join(part for part in (name, description) if part)
        )
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))
        QAccessible.updateAccessibility(
            QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
        )
        if spoken:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, spoken))

    # -- player signals --------------------------------------------------------

    def _on_current_changed(self, index: int) -> None:
        self._show_current(animate=True)

    def _on_language_changed(self, language: str) -> None:
        self._dismiss_overlay()
        self._apply_pack_look()
        self._show_current(animate=True)

    def _on_pack_changed(self) -> None:
        self._dismiss_overlay()
        self._theme = self._make_theme()
        self._apply_pack_look()
        self._show_current(animate=True)

    def _on_nothing_to_show(self) -> None:
        if not self._empty:
            log.error(
                "no slide of the pack %r could be shown; showing the empty background",
                self.player.pack.text(self.player.pack.title, self.player.language),
            )
        self._empty = True
        self._drop_transition()
        self._discard(self._live)
        self._live = None
        self._progress.hide()
        self._place_resource_targets()
        self.update()

    def _on_returned_to_start(self) -> None:
        """The idle return: close what a visitor opened and undo what they switched."""
        self._dismiss_overlay()
        if self._pin_pad is not None:
            self._pin_pad.dismiss()
        if (self._high_contrast, self._large_text) != self._venue_look:
            self._high_contrast, self._large_text = self._venue_look
            self._restyle()

    # -- venue look --------------------------------------------------------------

    def set_high_contrast(self, on: bool) -> None:
        """Switch the high-contrast theme on or off (until the idle return)."""
        if on != self._high_contrast:
            self._high_contrast = on
            self._restyle()

    def set_large_text(self, on: bool) -> None:
        """Switch large text on or off (until the idle return)."""
        if on != self._large_text:
            self._large_text = on
            self._restyle()

    def _restyle(self) -> None:
        self._theme = self._make_theme()
        self._apply_pack_look()
        self._show_current(animate=False)  # the same slide: a cut, not a movement

    # -- touch mode ----------------------------------------------------------------

    def _connect_controls(self, controls: TouchControls) -> None:
        controls.previous_button.clicked.connect(self._on_previous_button)
        controls.next_button.clicked.connect(self._on_next_button)
        controls.start_button.clicked.connect(self._on_start_button)
        controls.language_button.clicked.connect(self._on_language_button)
        controls.contrast_button.toggled.connect(self.set_high_contrast)
        controls.text_button.toggled.connect(self.set_large_text)

    def _on_previous_button(self) -> None:
        self._dismiss_overlay()
        self.player.previous()

    def _on_next_button(self) -> None:
        self._dismiss_overlay()
        self.player.next()

    def _on_start_button(self) -> None:
        self._dismiss_overlay()
        self.player.first()

    def _on_language_button(self) -> None:
        if self._controls is not None and self._controls.next_language:
            self.player.set_language(self._controls.next_language)

    def _place_resource_targets(self) -> None:
        """Keyboard stand-ins over the resource cards of the slide at rest."""
        for target in self._resource_targets:
            target.hide()
            target.deleteLater()
        self._resource_targets = []
        view = self._live
        if not self._touch or view is None:
            return
        slide = getattr(view, "slide", None)
        rects = getattr(view, "card_rects", None)
        if not isinstance(slide, ResourcesSlide) or not rects:
            return
        from kiosk.ui.resource_overlay import ResourceTarget

        context = self._context()
        previous: QWidget | None = None
        for index, rect in enumerate(rects[: len(slide.resources)]):
            if rect.isEmpty():
                continue
            target = ResourceTarget(
                index, context.text(slide.resources[index].name), self._theme, self
            )
            target.activated.connect(self._open_resource_by_keyboard)
            target.setGeometry(rect.translated(view.pos()))
            target.show()
            self._resource_targets.append(target)
            if previous is not None:
                QWidget.setTabOrder(previous, target)
            previous = target
        if previous is not None and self._controls is not None:
            QWidget.setTabOrder(previous, self._controls.buttons()[0])
        self._raise_chrome()

    def _tap_on_live_view(self, position: QPointF) -> bool:
        """Let the slide on screen decide what a tap on it means (a resource card
        opens); True when it did something with it."""
        view = self._live
        if view is None or getattr(view, "resource_activated", None) is None:
            return False
        local = QPointF(view.mapFrom(self, position.toPoint()))
        self._resource_opened = False
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            event = QMouseEvent(
                kind,
                local,
                self.mapToGlobal(position),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton
                if kind == QEvent.Type.MouseButtonPress
                else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QCoreApplication.sendEvent(view, event)
        return self._resource_opened

    def _on_resource_activated(self, index: int) -> None:
        self._resource_opened = True
        self.open_resource(index)

    def _open_resource_by_keyboard(self, index: int) -> None:
        self.open_resource(index, keyboard=True)

    def open_resource(self, index: int, *, keyboard: bool = False) -> bool:
        """Show resource ``index`` of the slide on screen large (touch mode only)."""
        view = self._live
        slide = getattr(view, "slide", None)
        if self._overlay is None or not isinstance(slide, ResourcesSlide):
            return False
        if not 0 <= index < len(slide.resources):
            return False
        self.player.note_interaction()  # also when opened from the keyboard or a test
        self._overlay.setGeometry(self.rect())
        self._overlay.show_resource(slide.resources[index], self._context(), keyboard=keyboard)
        self._raise_chrome()
        return True

    def _dismiss_overlay(self) -> None:
        if self._overlay is not None:
            self._overlay.dismiss()

    def _on_overlay_dismissed(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- staff -------------------------------------------------------------------

    def open_staff_pad(self, *, keyboard: bool = False) -> bool:
        """The PIN pad (and the staff's view of the log); False when there is none."""
        if self._pin_pad is None:
            return False
        self._dismiss_overlay()
        self.player.note_interaction()  # the pad, too, closes at the idle return
        self._pin_pad.setGeometry(self.rect())
        self._pin_pad.open_pad(keyboard=keyboard)
        self._raise_chrome()
        log.info("staff PIN pad opened")
        return True

    def _in_staff_corner(self, position: QPointF) -> bool:
        corner = max(STAFF_CORNER_MIN_PX, min(self.width(), self.height()) * STAFF_CORNER_FRACTION)
        return position.x() <= corner and position.y() <= corner

    def _start_staff_hold(self, position: QPointF) -> None:
        if self._pin_pad is not None and self._in_staff_corner(position):
            self._staff_hold.start()

    def _on_staff_hold(self) -> None:
        self._press_start = None  # the release that follows is not a tap
        self.open_staff_pad()

    def _on_pad_dismissed(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_unlocked(self) -> None:
        log.info("staff PIN accepted: closing the kiosk")
        self.shutdown()

    # -- input -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        event.accept()
        if is_staff_chord(event):
            self.open_staff_pad(keyboard=True)
            return
        if is_quit_key(event):
            if self._overlay is not None and self._overlay.is_open:
                self._dismiss_overlay()
                return
            self.request_quit()
            return
        move = NAVIGATION_KEYS.get(key)
        if move is not None:
            self._dismiss_overlay()
            move(self.player)
            return
        number = key - Qt.Key.Key_1
        if (
            self._touch
            and 0 <= number < 9
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            and self.open_resource(number, keyboard=True)
        ):
            return  # 1-9: that resource of a resources slide, large
        event.ignore()
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or _from_touchscreen(event):
            return
        self._press_start = event.position()
        self._start_staff_hold(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._staff_hold.isActive() and not self._in_staff_corner(event.position()):
            self._staff_hold.stop()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or _from_touchscreen(event):
            return
        self._staff_hold.stop()
        start, self._press_start = self._press_start, None
        if start is not None:
            self._on_pointer_up(start, event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        # Touches are read here rather than through QSwipeGesture, which misses
        # or misreads swipes on many touchscreens.
        if isinstance(event, QTouchEvent):
            return self._on_touch(event)
        return super().event(event)

    def _on_touch(self, event: QTouchEvent) -> bool:
        points = event.points()
        kind = event.type()
        if (
            kind == QEvent.Type.TouchBegin
            and points
            and self.childAt(points[0].position().toPoint()) is not None
        ):
            # On a control, an overlay or the PIN pad: refuse the touch, so Qt turns
            # it into a mouse press on that widget (a button is pressed, not swiped).
            event.ignore()
            return False
        event.accept()  # also stops Qt from making mouse events out of it
        if kind == QEvent.Type.TouchBegin:
            self._press_start = points[0].position() if len(points) == 1 else None
            if self._press_start is not None:
                self._start_staff_hold(self._press_start)
        elif kind == QEvent.Type.TouchUpdate:
            if len(points) > 1:  # two fingers: a pinch or a rest, not a swipe
                self._press_start = None
                self._staff_hold.stop()
            elif points and not self._in_staff_corner(points[0].position()):
                self._staff_hold.stop()
        elif kind == QEvent.Type.TouchEnd:
            self._staff_hold.stop()
            start, self._press_start = self._press_start, None
            if start is not None and len(points) == 1:
                self._on_pointer_up(start, points[0].position())
        else:  # TouchCancel
            self._staff_hold.stop()
            self._press_start = None
        return True

    def _on_pointer_up(self, start: QPointF, end: QPointF) -> None:
        if self._overlay is not None and self._overlay.is_open:
            return
        if self._touch and is_tap(start, end, self.width()) and self._tap_on_live_view(end):
            return
        self._act(pointer_action(start, end, self.width()))

    def _act(self, step: int) -> None:
        if step > 0:
            self.player.next()
        elif step < 0:
            self.player.previous()

    # -- quitting --------------------------------------------------------------

    def is_quit_allowed(self) -> bool:
        """Whether Esc/Ctrl+Q may close the app now: not when the kiosk is locked."""
        return not self._lock

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
        self._closing_for_good = True
        self.close()

    # -- Qt events -------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Frames of the old size would be stretched or cut: land the transition.
        self._transition.finish()
        self._place_chrome()
        area = self.slide_area()
        self._transition.setGeometry(area)
        if self._live is not None:
            self._live.setGeometry(area)
        self._place_resource_targets()
        self._raise_chrome()

    def paintEvent(self, event: QPaintEvent) -> None:
        # The background itself is filled by Qt (autoFillBackground, theme colour).
        self._note_painted()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Watching views is needed for the first frame only: a view covering the
        # whole window is opaque, so Qt may not paint the window itself at all.
        if event.type() == QEvent.Type.Paint and watched is self._live:
            watched.removeEventFilter(self)
            self._note_painted()
        return False

    def _note_painted(self) -> None:
        self._seen_on_screen = True
        if not self._first_paint_seen:
            self._first_paint_seen = True
            # A zero timer fires once the whole frame (window and children) has been
            # painted and flushed, not in the middle of it.
            QTimer.singleShot(0, self, self.first_frame_painted.emit)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if not self._lock or self._closing_for_good or not self.isVisible():
            return
        kind = event.type()
        if kind == QEvent.Type.WindowStateChange and self._lost_fullscreen():
            log.info("the locked kiosk left full screen; taking it back")
            self._reassert.start()
        elif kind == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self._reassert.start()

    def _lost_fullscreen(self) -> bool:
        state = self.windowState()
        if state & Qt.WindowState.WindowMinimized:
            return True
        return self._windowed is None and not state & Qt.WindowState.WindowFullScreen

    def _reassert_lock(self) -> None:
        """Back to full screen, on top, with the keyboard: a locked kiosk stays in front."""
        if self._closing_for_good or not self.isVisible():
            return
        if self._lost_fullscreen():
            if self._windowed is None:
                self.setWindowState(Qt.WindowState.WindowFullScreen)
                self.showFullScreen()
            else:
                self.setWindowState(Qt.WindowState.WindowNoState)
                self.showNormal()
        if not self.isActiveWindow():
            if QGuiApplication.platformName() not in NO_STACKING_PLATFORMS:
                self.raise_()
            self.activateWindow()

    def _keep_locked_window_shown(self) -> None:
        """Show the locked window again when something took it off the screen.

        Show-desktop, another virtual desktop, minimising and an unmap by another
        program all leave the window unmapped (not exposed) while Qt still calls it
        visible, often with no state change to react to. Mapping it afresh brings
        it back, on the current desktop, full screen and on top, in all of them.
        """
        if self._closing_for_good or not self.isVisible():
            return
        handle = self.windowHandle()
        if handle is None:
            return
        if handle.isExposed():
            self._seen_on_screen = True
            self._hidden_noted = False
            if self._lost_fullscreen():
                self._reassert_lock()
            return
        if not self._seen_on_screen:
            return  # not mapped yet: the first show is still under way
        if not self._hidden_noted:
            self._hidden_noted = True
            log.info("the locked kiosk was taken off the screen; showing it again")
        self.hide()
        self.present()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._lock and not self._closing_for_good:
            # Alt+F4, the window manager's close button, a stray close(): all refused.
            log.info("close refused: the kiosk is locked")
            event.ignore()
            self._reassert.start()
            return
        self._staff_hold.stop()
        self._reassert.stop()
        self._lock_visible.stop()
        self._input_watch.stop()
        self._dismiss_overlay()
        if self._pin_pad is not None:
            self._pin_pad.dismiss()
        self.player.stop()
        self._transition.finish()
        if self._cursor_overridden:
            QGuiApplication.restoreOverrideCursor()
            self._cursor_overridden = False
        super().closeEvent(event)


def _kind_of(slide: Slide) -> str:
    try:
        return slide.kind
    except NotImplementedError:
        return type(slide).__name__


def _from_touchscreen(event: QMouseEvent) -> bool:
    """Mouse events a platform made from a touch: the touch events already count."""
    device = event.device()
    return device is not None and device.type() == QInputDevice.DeviceType.TouchScreen

"""The kiosk window: one slide at a time, fullscreen, driven by a Player.

The window draws and routes input; the Player decides. Keys, clicks and swipes
become Player calls; the Player's signals become slide views on screen.

What is on screen at any moment is exactly one of:
- the live view of the current slide (at rest);
- the transition widget, painting two pre-rendered frames (while moving);
- the theme background alone (no slide of the pack could be built).
A progress indicator lies over all three.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
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

from kiosk.pack.model import Slide
from kiosk.ui import slides
from kiosk.ui.player import Player
from kiosk.ui.slides.base import SlideContext
from kiosk.ui.theme import UiTheme
from kiosk.ui.transition import TransitionView
from kiosk.ui.widgets.progress import ProgressIndicator

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


def create_slide_view(slide: Slide, context: SlideContext, parent: QWidget | None) -> QWidget:
    """The real slide views (``kiosk.ui.slides.create_slide_view``).

    Looked up on every call rather than bound at import, so a test can monkeypatch
    it and still go through the window's default path.
    """
    return slides.create_slide_view(slide, context, parent)


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
    if math.hypot(dx, dy) <= max(TAP_MAX_PIXELS, width * TAP_MAX_FRACTION):
        return -1 if start.x() < width * BACK_ZONE_FRACTION else 1
    return 0


class KioskWindow(QWidget):
    """Fullscreen on the chosen screen (or a window of ``windowed`` size for preview).

    ``view_factory`` builds one slide's view; by default the real slide views.
    Call ``present()`` to show it. ``first_frame_painted`` is emitted once, right
    after the first frame (the first slide, or the empty background) is painted.
    """

    first_frame_painted = Signal()

    def __init__(self, player: Player, *, screen: int | None = None,
                 windowed: tuple[int, int] | None = None,
                 view_factory: ViewFactory | None = None, hide_cursor: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
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

        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAutoFillBackground(True)
        if hide_cursor:
            self.setCursor(Qt.CursorShape.BlankCursor)

        self._theme = UiTheme.from_pack(player.pack.theme)
        self._transition = TransitionView(self)
        self._transition.finished.connect(self._on_transition_finished)
        self._progress = ProgressIndicator(self._theme, self)
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
    def target_screen(self) -> QScreen:
        return self._target_screen

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
        log.warning("there is no screen %d (this machine has %d, numbered from 0); "
                    "using the primary screen", index, len(screens))
        return primary

    def _apply_pack_look(self) -> None:
        pack = self.player.pack
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, self._theme.background)
        self.setPalette(palette)
        self._progress.set_theme(self._theme)
        self.setWindowTitle(pack.text(pack.title, self.player.language))

    def _build_view(self, slide: Slide) -> QWidget:
        context = SlideContext(self.player.pack, self.player.language, self._theme)
        view = self._view_factory(slide, context, self)
        if view.parentWidget() is not self:
            view.setParent(self)
        # The window reads every click and swipe itself; a view never swallows one.
        view.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        view.hide()
        view.setGeometry(self.rect())
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
            log.exception("slide %d of %d (%s, written at %s) could not be shown; skipping it",
                          player.index + 1, player.count, _kind_of(slide), slide.origin)
            player.skip_current()  # shows the next one, re-entering here
            return
        self._empty = False
        self._progress.set_position(player.index, player.count)
        self._progress.show()
        timing = player.pack.timing
        # From nothing (start-up, or after the empty background) there is nothing
        # to move away from: the slide simply appears.
        on_screen = self._live is not None or self._transition.is_running
        if animate and on_screen and timing.transition != "none" and timing.transition_ms > 0:
            self._transition_to(view)
        else:
            self._cut_to(view)

    def _cut_to(self, view: QWidget) -> None:
        self._drop_transition()
        old, self._live = self._live, view
        view.lower()
        view.show()
        self._discard(old)
        self._progress.raise_()

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
        self._transition.setGeometry(self.rect())
        self._transition.start(outgoing, incoming, kind=timing.transition,
                               duration_ms=timing.transition_ms,
                               direction=self.player.direction)
        self._progress.raise_()
        # Hidden only now that the transition widget covers it.
        self._discard(old)

    def _on_transition_finished(self) -> None:
        view, self._incoming = self._incoming, None
        if view is None:
            return
        # Shown under the transition widget, which hides right after: the last
        # transition frame and the live view are the same picture.
        view.lower()
        view.show()
        self._live = view

    def _drop_transition(self) -> None:
        """Abandon a running transition and the view it was bringing in."""
        self._transition.cancel()
        self._discard(self._incoming)
        self._incoming = None

    def _discard(self, view: QWidget | None) -> None:
        if view is not None:
            view.hide()
            view.deleteLater()

    # -- player signals --------------------------------------------------------

    def _on_current_changed(self, index: int) -> None:
        self._show_current(animate=True)

    def _on_language_changed(self, language: str) -> None:
        self._apply_pack_look()
        self._show_current(animate=True)

    def _on_pack_changed(self) -> None:
        self._theme = UiTheme.from_pack(self.player.pack.theme)
        self._apply_pack_look()
        self._show_current(animate=True)

    def _on_nothing_to_show(self) -> None:
        if not self._empty:
            log.error("no slide of the pack %r could be shown; showing the empty background",
                      self.player.pack.text(self.player.pack.title, self.player.language))
        self._empty = True
        self._drop_transition()
        self._discard(self._live)
        self._live = None
        self._progress.hide()
        self.update()

    # -- input -----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape or (
                key == Qt.Key.Key_Q and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.request_quit()
            return
        move = NAVIGATION_KEYS.get(key)
        if move is None:
            super().keyPressEvent(event)
            return
        event.accept()
        move(self.player)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or _from_touchscreen(event):
            return
        self._press_start = event.position()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or _from_touchscreen(event):
            return
        start, self._press_start = self._press_start, None
        if start is not None:
            self._act(pointer_action(start, event.position(), self.width()))
        event.accept()

    def event(self, event: QEvent) -> bool:
        # Touches are read here rather than through QSwipeGesture, which misses
        # or misreads swipes on many touchscreens.
        if isinstance(event, QTouchEvent):
            self._on_touch(event)
            return True
        return super().event(event)

    def _on_touch(self, event: QTouchEvent) -> None:
        event.accept()  # also stops Qt from making mouse events out of it
        points = event.points()
        kind = event.type()
        if kind == QEvent.Type.TouchBegin:
            self._press_start = points[0].position() if len(points) == 1 else None
        elif kind == QEvent.Type.TouchUpdate:
            if len(points) > 1:  # two fingers: a pinch or a rest, not a swipe
                self._press_start = None
        elif kind == QEvent.Type.TouchEnd:
            start, self._press_start = self._press_start, None
            if start is not None and len(points) == 1:
                self._act(pointer_action(start, points[0].position(), self.width()))
        else:  # TouchCancel
            self._press_start = None

    def _act(self, step: int) -> None:
        if step > 0:
            self.player.next()
        elif step < 0:
            self.player.previous()

    # -- quitting --------------------------------------------------------------

    def is_quit_allowed(self) -> bool:
        """Whether Esc/Ctrl+Q may close the app now. The staff lock overrides this."""
        return True

    def request_quit(self) -> bool:
        """The one way a key press ends the app; refused when quitting is locked."""
        if not self.is_quit_allowed():
            log.info("quit refused: the kiosk is locked")
            return False
        log.info("quit requested")
        self.close()
        return True

    # -- Qt events -------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Frames of the old size would be stretched or cut: land the transition.
        self._transition.finish()
        self._transition.setGeometry(self.rect())
        if self._live is not None:
            self._live.setGeometry(self.rect())
        self._progress.place_in(self.width(), self.height())
        self._progress.raise_()

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
        if not self._first_paint_seen:
            self._first_paint_seen = True
            # A zero timer fires once the whole frame (window and children) has been
            # painted and flushed, not in the middle of it.
            QTimer.singleShot(0, self, self.first_frame_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
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

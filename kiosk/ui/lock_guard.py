"""The lock: nothing a visitor does closes, minimises or leaves a locked window.

``LockGuard`` watches one window (an event filter) and, until ``release`` (the
staff PIN, or the app ending):

- refuses every close request (Alt+F4, the window manager's close button, a
  stray ``close()``) and says whether a quit key may quit (``quit_allowed``);
- keeps the window on top of other windows;
- takes back full screen and the keyboard shortly after losing them;
- checks twice a second that the window is still on screen, and shows it again
  when something took it off (see ``_keep_shown``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# When a locked window loses focus or full screen, it takes them back after this
# long (not at once: a window manager still busy with the change would undo it).
REASSERT_MS = 250
# How often a locked window checks that it is still on screen: a window manager
# can hide it without any event Qt turns into a state change (show-desktop, a
# switch of virtual desktop, another program unmapping it).
VISIBLE_CHECK_MS = 500
# Platforms where the window cannot be raised (raise_() only warns there).
NO_STACKING_PLATFORMS = frozenset({"offscreen", "minimal", "vnc"})


class LockGuard(QObject):
    """Guards ``window``. ``full_screen``: whether the window belongs full screen (a
    windowed preview is only kept from being minimised). ``present`` shows the window
    afresh, as it was first shown; ``start`` begins the on-screen checks once it is.

    Must be made before the window is first shown: it sets the window's stay-on-top
    flag, and changing flags later re-creates the native window.
    """

    def __init__(self, window: QWidget, *, full_screen: bool, present: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._full_screen = full_screen
        self._present = present
        self._released = False
        self._seen_on_screen = False  # mapped once: only then can it go missing
        self._hidden_noted = False  # logged once for each time it goes missing
        window.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
        self._reassert = QTimer(self)
        self._reassert.setObjectName("lock-reassert")
        self._reassert.setSingleShot(True)
        self._reassert.setInterval(REASSERT_MS)
        self._reassert.timeout.connect(self._reassert_lock)
        self._visible_check = QTimer(self)
        self._visible_check.setObjectName("lock-visible-check")
        self._visible_check.setInterval(VISIBLE_CHECK_MS)
        self._visible_check.timeout.connect(self._keep_shown)
        window.installEventFilter(self)

    @property
    def released(self) -> bool:
        return self._released

    def quit_allowed(self) -> bool:
        return self._released

    def start(self) -> None:
        """The window was presented: from now on, check that it stays on screen."""
        if not self._released:
            self._visible_check.start()

    def note_on_screen(self) -> None:
        """The window was painted, so it was on screen (it may be taken off before
        the next check notices)."""
        self._seen_on_screen = True

    def release(self) -> None:
        """Stop guarding: the window may close (the staff PIN, or the app ending)."""
        self._released = True
        self._reassert.stop()
        self._visible_check.stop()

    # -- what the window receives ------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._window or self._released:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close:
            log.info("close refused: the kiosk is locked")
            event.ignore()
            self._reassert.start()
            return True
        if not self._window.isVisible():
            return False
        if kind == QEvent.Type.WindowStateChange and self._lost_full_screen():
            log.info("the locked kiosk left full screen; taking it back")
            self._reassert.start()
        elif kind == QEvent.Type.ActivationChange and not self._window.isActiveWindow():
            self._reassert.start()
        return False

    def _lost_full_screen(self) -> bool:
        state = self._window.windowState()
        if state & Qt.WindowState.WindowMinimized:
            return True
        return self._full_screen and not state & Qt.WindowState.WindowFullScreen

    def _reassert_lock(self) -> None:
        """Back to full screen, on top, with the keyboard: a locked kiosk stays in front."""
        window = self._window
        if self._released or not window.isVisible():
            return
        if self._lost_full_screen():
            if self._full_screen:
                window.setWindowState(Qt.WindowState.WindowFullScreen)
                window.showFullScreen()
            else:
                window.setWindowState(Qt.WindowState.WindowNoState)
                window.showNormal()
        if not window.isActiveWindow():
            if QGuiApplication.platformName() not in NO_STACKING_PLATFORMS:
                window.raise_()
            window.activateWindow()

    def _keep_shown(self) -> None:
        """Show the locked window again when something took it off the screen.

        Show-desktop, another virtual desktop, minimising and an unmap by another
        program all leave the window unmapped (not exposed) while Qt still calls it
        visible, often with no state change to react to. Mapping it afresh brings
        it back, on the current desktop, full screen and on top, in all of them.
        """
        window = self._window
        if self._released or not window.isVisible():
            return
        handle = window.windowHandle()
        if handle is None:
            return
        if handle.isExposed():
            self._seen_on_screen = True
            self._hidden_noted = False
            if self._lost_full_screen():
                self._reassert_lock()
            return
        if not self._seen_on_screen:
            return  # not mapped yet: the first show is still under way
        if not self._hidden_noted:
            self._hidden_noted = True
            log.info("the locked kiosk was taken off the screen; showing it again")
        window.hide()
        self._present()

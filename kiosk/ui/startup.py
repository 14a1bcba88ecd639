"""What a start needs before the pack and the window: the QApplication, and the last
run's first frame painted at once.

Apart from ``kiosk.ui.app`` so that a restart paints that frame before the window,
the player, the slide views and the running kiosk's duties are even imported (see
``kiosk.ui.first_frame``).
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from PySide6.QtWidgets import QApplication

from kiosk.ui.first_frame import FirstFrameCover, show_cover

APPLICATION_NAME = "awareness-kiosk"


def application() -> QApplication:
    """The running QApplication, or a new one named for the kiosk."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setApplicationName(APPLICATION_NAME)
    # Qt must not read our own options as its own, so it gets the program name only.
    app = QApplication(sys.argv[:1])
    if os.name != "posix" and threading.current_thread() is threading.main_thread():
        # Python's SIGINT handler cannot run while Qt's event loop holds the main
        # thread, and the wakeup pipe of kiosk.ui.process_guards.StopSignals is
        # POSIX only; the default action lets Ctrl+C in a terminal stop a preview.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    return app


def show_first_frame(
    key: str, *, screen: int | None, windowed: tuple[int, int] | None
) -> FirstFrameCover | None:
    """Paint the first frame kept for ``key`` (``kiosk.frame_key``) now, if there is one.

    Creates the QApplication. The cover is on screen when this returns: the rest of
    start-up (loading the pack, building the window) happens behind it.
    """
    application()
    return show_cover(key, screen_index=screen, windowed=windowed)

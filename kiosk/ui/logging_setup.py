"""Where the kiosk's messages go, and the one funnel for unexpected errors.

On a kiosk nobody reads a terminal and no dialog may reach a visitor, so every
problem ends up in the log: Python logging, Qt's own warnings, and exceptions
that nothing caught (in slots, paint events, threads).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger("kiosk")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr, unless the caller (the CLI, a test) already set logging up."""
    root = logging.getLogger()
    if root.handlers:
        return
    logging.basicConfig(level=level, format=LOG_FORMAT)


def install_error_funnel() -> Callable[[], None]:
    """Log uncaught exceptions instead of printing or showing them.

    PySide hands exceptions raised in slots and virtual methods (paintEvent, ...)
    to ``sys.excepthook``; the app keeps running, so the visitor sees the next
    frame rather than a crash. Returns a function that puts the old hooks back.
    """
    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def log_exception(kind: type[BaseException], value: BaseException,
                      traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_hook(kind, value, traceback)
            return
        log.critical("unexpected error; the kiosk carries on", exc_info=(kind, value, traceback))

    def log_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        log.critical("unexpected error in thread %s; the kiosk carries on",
                     args.thread.name if args.thread else "?",
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = log_exception
    threading.excepthook = log_thread_exception

    def restore() -> None:
        sys.excepthook = previous_hook
        threading.excepthook = previous_thread_hook

    return restore


def route_qt_messages() -> Callable[[], None]:
    """Send Qt's warnings (font, image, platform problems) to the log too.

    Returns a function that puts Qt's previous message handler back.
    """
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("kiosk.qt")
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    previous = qInstallMessageHandler(handle)

    def restore() -> None:
        qInstallMessageHandler(previous)

    return restore

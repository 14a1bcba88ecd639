"""Where the kiosk's messages go, and the one funnel for unexpected errors.

On a kiosk nobody reads a terminal and no dialog may reach a visitor, so every
problem ends up in the log: Python logging, Qt's own warnings, and exceptions
that nothing caught (in slots, paint events, threads).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

log = logging.getLogger("kiosk")

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE_NAME = "kiosk.log"
# A kiosk runs for weeks: keep the log bounded (about 6 MB in all), newest first.
LOG_FILE_BYTES = 1_000_000
LOG_FILE_BACKUPS = 5

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def configure_logging(level: int = logging.INFO) -> None:
    """Log to stderr, unless the caller (the CLI, a test) already set logging up."""
    root = logging.getLogger()
    if root.handlers:
        return
    logging.basicConfig(level=level, format=LOG_FORMAT)


def add_log_file(folder: Path) -> tuple[logging.Handler, Path] | None:
    """Also log to a rotating file in ``folder``; the handler and the file's path.

    None (with a warning on the other handlers) when the file cannot be opened:
    a kiosk with a read-only disk still shows its slides.
    """
    path = folder / LOG_FILE_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8")
    except OSError as exc:
        log.warning("cannot write the log file %s (%s); logging to the terminal only",
                    path, exc)
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger().addHandler(handler)
    return handler, path


def remove_log_handler(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()


class ErrorCounter(logging.Handler):
    """Counts ERROR and CRITICAL records: the number staff see on the PIN pad."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1

    def install(self) -> ErrorCounter:
        logging.getLogger().addHandler(self)
        return self

    def remove(self) -> None:
        logging.getLogger().removeHandler(self)


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

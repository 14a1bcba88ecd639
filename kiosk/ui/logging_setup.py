"""Where the kiosk's messages go, and the one funnel for unexpected errors.

On a kiosk nobody reads a terminal and no dialog may reach a visitor, so every
problem ends up in the log: Python logging, Qt's own warnings, and exceptions
that nothing caught (in slots, paint events, threads).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from kiosk.local import why_unwritable

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
        handler = LogFile(path)
    except OSError as exc:
        log.warning("cannot write the log file %s (%s); logging to the terminal only", path, exc)
        return None
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    logging.getLogger().addHandler(handler)
    return handler, path


class LogFile(logging.handlers.RotatingFileHandler):
    """The rotating log file, which gives way when the disk does.

    When the file cannot be written (a full or read-only disk), logging's own
    handler prints "--- Logging error ---" and a traceback on stderr for every
    record, for as long as the kiosk runs. This one says so once on stderr, drops
    what it cannot write, and tries again every ``RETRY_SECONDS``; the first
    record it can write again is preceded by how many were lost.
    """

    RETRY_SECONDS = 60.0

    def __init__(self, path: Path) -> None:
        super().__init__(
            path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_BACKUPS, encoding="utf-8"
        )
        self._failed_at: float | None = None  # time.monotonic() of the last failure
        self._dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        failed_at = self._failed_at
        if failed_at is not None:
            if time.monotonic() - failed_at < self.RETRY_SECONDS:
                self._dropped += 1
                return
            dropped = self._dropped
            notice = logging.LogRecord(
                log.name,
                logging.WARNING,
                __file__,
                0,
                "the log file could not be written for a while; %d records were lost",
                (dropped,),
                None,
            )
            super().emit(notice)
            if self._failed_at != failed_at:  # failed again: handleError counted it
                self._dropped = dropped + 1
                return
            self._dropped = 0
            self._failed_at = None
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        first = self._failed_at is None
        self._failed_at = time.monotonic()
        self._dropped += 1
        # Whatever was half-written stays behind in the stream: start afresh next time.
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.close()
        if first:
            reason = why_unwritable(error) if isinstance(error, OSError) else repr(error)
            with contextlib.suppress(Exception):
                sys.stderr.write(
                    f"kiosk: cannot write the log file {self.baseFilename} "
                    f"({reason}); logging to the terminal only, and trying "
                    f"again every {self.RETRY_SECONDS:g} s\n"
                )
                sys.stderr.flush()

    def close(self) -> None:
        # Closing flushes, which fails again on a full disk; the kiosk is ending anyway.
        with contextlib.suppress(OSError, ValueError):
            super().close()


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

    def log_exception(
        kind: type[BaseException], value: BaseException, traceback: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            previous_hook(kind, value, traceback)
            return
        log.critical("unexpected error; the kiosk carries on", exc_info=(kind, value, traceback))

    def log_thread_exception(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        log.critical(
            "unexpected error in thread %s; the kiosk carries on",
            args.thread.name if args.thread else "?",
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

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
    # Deferred: the rest of this module runs without Qt ('kiosk validate' writes an
    # unexpected error's traceback to the log file with it).
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

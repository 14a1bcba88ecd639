"""Asking the desktop not to blank or lock the screen while the kiosk runs.

Through the freedesktop.org screen saver interface on the session bus
(``org.freedesktop.ScreenSaver.Inhibit``), which KDE Plasma, Xfce, LXQt, Cinnamon,
MATE and GNOME's compatibility layers answer. The answer is a cookie, handed back
with ``UnInhibit`` when the kiosk ends (the desktop also drops the inhibition when
the kiosk's bus connection closes, so a crash does not leave the screen awake for
ever).

A machine without a session bus or without the service (a bare X session, a
compositor without it) cannot be asked: that is logged once and the kiosk carries
on; the README says how to switch blanking off there (``xset s off -dpms``).

Each inhibitor opens a bus connection of its own, to the address in
``DBUS_SESSION_BUS_ADDRESS`` as it is when ``inhibit`` runs (libdbus would read
that variable once per process and keep it), or where libdbus looks by default
when it is unset; ``release`` closes the connection again.
"""

from __future__ import annotations

import itertools
import logging
import os

from PySide6.QtCore import Q_ARG, QMetaObject, Qt
from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"
INTERFACE = "org.freedesktop.ScreenSaver"
# A screen saver that does not answer in this time is not going to.
CALL_TIMEOUT_MS = 3000

_connection_numbers = itertools.count(1)


class ScreenSaverInhibitor:
    """``inhibit()`` once at start, ``release()`` at the end; both never raise."""

    def __init__(self, application_name: str, reason: str) -> None:
        self.application_name = application_name
        self.reason = reason
        self.cookie: int | None = None
        self._connection_name = f"kiosk-screensaver-{next(_connection_numbers)}"
        self._connection: QDBusConnection | None = None
        self._interface: QDBusInterface | None = None
        self._explained = False

    @property
    def active(self) -> bool:
        return self.cookie is not None

    def inhibit(self) -> bool:
        """Ask the desktop to keep the screen on; False (logged once) when it cannot."""
        if self.cookie is not None:
            return True
        try:
            return self._inhibit()
        except Exception as exc:  # D-Bus trouble must never stop the slides
            self._cannot(f"an unexpected error: {exc}")
            return False

    def _inhibit(self) -> bool:
        address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
        if address:
            connection = QDBusConnection.connectToBus(address, self._connection_name)
        else:
            connection = QDBusConnection.connectToBus(
                QDBusConnection.BusType.SessionBus, self._connection_name
            )
        self._connection = connection
        if not connection.isConnected():
            self._cannot(f"there is no session bus ({connection.lastError().message()})")
            return False
        bus = connection.interface()
        registered = bus.isServiceRegistered(SERVICE) if bus is not None else None
        if registered is None or not registered.value():
            self._cannot(f"no screen saver service ({SERVICE}) is running")
            return False
        # A QDBusInterface reads the service's own description of its methods, so
        # arguments are sent with the types it declares: the cookie goes back as
        # the unsigned 32-bit number UnInhibit expects, not as Python's int.
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, connection)
        interface.setTimeout(CALL_TIMEOUT_MS)
        if not interface.isValid():
            self._cannot(
                f"the screen saver service did not describe itself "
                f"({interface.lastError().message()})"
            )
            return False
        reply = interface.call("Inhibit", self.application_name, self.reason)
        arguments = reply.arguments()
        if (
            reply.type() != QDBusMessage.MessageType.ReplyMessage
            or not arguments
            or not isinstance(arguments[0], int)
        ):
            self._cannot(f"the screen saver refused: {reply.errorMessage() or 'no cookie'}")
            return False
        self._interface = interface
        self.cookie = arguments[0]
        log.info("asked the desktop not to blank the screen (screen saver cookie %d)", self.cookie)
        return True

    def release(self) -> None:
        """Hand the cookie back (if any) and close the bus connection."""
        try:
            if self.cookie is not None and self._interface is not None:
                done = QMetaObject.invokeMethod(
                    self._interface,
                    "UnInhibit",
                    Qt.ConnectionType.DirectConnection,
                    Q_ARG("uint", self.cookie),
                )
                if not done:
                    log.warning("could not hand the screen saver cookie back")
                else:
                    log.info("the desktop may blank the screen again")
        except Exception:
            log.warning("could not hand the screen saver cookie back", exc_info=True)
        finally:
            self.cookie = None
            self._interface = None
            if self._connection is not None:
                QDBusConnection.disconnectFromBus(self._connection_name)
                self._connection = None

    def _cannot(self, why: str) -> None:
        if self._explained:
            return
        self._explained = True
        log.warning(
            "cannot ask the desktop to keep the screen on: %s. If the screen "
            "blanks, switch blanking off in the desktop's settings "
            "(on X11: xset s off -dpms)",
            why,
        )

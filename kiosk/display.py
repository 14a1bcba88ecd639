"""Whether the kiosk's window has an X server to go to, asked before Qt is loaded. No Qt.

With no X server at ``DISPLAY``, Qt's xcb plugin fails to load and Qt aborts with
a screenful about reinstalling the application and ``libxcb-cursor0``, none of it
true. One connection attempt to the server's socket tells the real reason first.

Only the socket is tried, not the X handshake: a server that answers but refuses
this user (no X authority) still gets Qt's own message.
"""

from __future__ import annotations

# _socket, not socket: importing socket costs several milliseconds of every
# start-up, and this needs only the C module's connect.
import _socket
import os
import re
import sys
from collections.abc import Mapping

# A remote display (host:N, e.g. ssh's X forwarding) gets this long to answer.
TCP_TIMEOUT_SECONDS = 3.0
X_TCP_PORT = 6000
X_SOCKET_FOLDER = "/tmp/.X11-unix"

_DISPLAY = re.compile(r"^(?:(?P<protocol>[a-z0-9]+)/)?(?P<host>.*):(?P<number>\d+)(?:\.\d+)?$")


def uses_x11(environ: Mapping[str, str]) -> bool:
    """Whether Qt will open its window through X11 (the xcb platform) here."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    platform = environ.get("QT_QPA_PLATFORM", "").strip()
    if platform:
        # A list ("wayland;xcb") is tried in order; xcb's own options follow a colon.
        return platform.split(";")[0].split(":")[0] == "xcb"
    # Qt prefers Wayland in a Wayland session, and falls back to X11 by itself.
    return not environ.get("WAYLAND_DISPLAY")


def display_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why no window can open on X11, as one line for the terminal; None when one can
    (or when Qt will not use X11: Wayland, offscreen, ...)."""
    environ = os.environ if environ is None else environ
    if not uses_x11(environ):
        return None
    display = environ.get("DISPLAY", "").strip()
    if not display:
        if environ.get("WAYLAND_DISPLAY") or environ.get("QT_QPA_PLATFORM", "").strip():
            return "QT_QPA_PLATFORM asks for X11 (xcb), but DISPLAY is not set"
        return "no screen found (DISPLAY is not set)"
    match = _DISPLAY.match(display)
    if match is None:
        return None  # a form this check does not know: let Qt's own parser decide
    host, number = match["host"], int(match["number"])
    if host.startswith("/"):
        return None  # a launchd socket path (XQuartz): left to Qt
    if host in ("", "unix") and match["protocol"] in (None, "unix", "local"):
        error = _connect_local(number)
        where = f"{X_SOCKET_FOLDER}/X{number}"
    else:
        host = host.strip("[]")
        error = _connect_tcp(host, X_TCP_PORT + number)
        where = f"{host} port {X_TCP_PORT + number}"
    if error is None:
        return None
    return f"no X server answers at DISPLAY={display} ({where}: {error})"


def _connect_local(number: int) -> str | None:
    addresses = [f"{X_SOCKET_FOLDER}/X{number}"]
    if sys.platform.startswith("linux"):
        # The abstract name, which X servers on Linux listen on too (and, inside
        # some containers, only on).
        addresses.insert(0, f"\0{X_SOCKET_FOLDER}/X{number}")
    error = "nothing listens there"
    for address in addresses:
        connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            connection.connect(address)
            return None
        except OSError as exc:
            if not address.startswith("\0"):
                error = exc.strerror or str(exc)
        finally:
            connection.close()
    return error


def _connect_tcp(host: str, port: int) -> str | None:
    try:
        addresses = _socket.getaddrinfo(host, port, 0, _socket.SOCK_STREAM)
    except OSError as exc:
        return f"unknown host ({exc.strerror or exc})"
    error = "no address"
    for family, kind, protocol, _name, address in addresses:
        connection = _socket.socket(family, kind, protocol)
        connection.settimeout(TCP_TIMEOUT_SECONDS)
        try:
            connection.connect(address)
            return None
        except OSError as exc:
            error = exc.strerror or str(exc)
        finally:
            connection.close()
    return error

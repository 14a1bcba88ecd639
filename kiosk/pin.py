"""The staff PIN: stored as a salted scrypt hash, checked with a rate limit.

The PIN never travels with a pack (packs are shared between venues); it lives in
this machine's config folder or in a file given with --pin-file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.local import write_atomic

# scrypt at n=2**14, r=8 takes ~50 ms here: cheap for one staff attempt, costly
# for someone who copied the file and tries all 10**6 six-digit PINs.
_N, _R, _P = 2**14, 8, 1
PIN_PATTERN = re.compile(r"^\d{4,12}$")


class PinError(Exception):
    pass


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    if not PIN_PATTERN.fullmatch(pin):
        raise PinError("a PIN is 4 to 12 digits")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.strip().split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def write_pin_file(path: Path, pin: str) -> None:
    write_atomic(path, (hash_pin(pin) + "\n").encode(), mode=0o600)


def read_pin_file(path: Path) -> str | None:
    """The stored hash, or None when no usable PIN is configured."""
    try:
        text = path.read_text("utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text if text.startswith("scrypt$") and text.count("$") == 5 else None


class PinGate:
    """Checks PIN attempts, slowing down guessing.

    Three wrong PINs in a row lock the pad for 30 s, doubling with each further
    wrong PIN up to 15 minutes; a right PIN resets it.
    """

    FREE_ATTEMPTS = 3
    FIRST_LOCKOUT = 30.0
    MAX_LOCKOUT = 15 * 60.0

    def __init__(self, stored_hash: str, clock: Callable[[], float] = time.monotonic) -> None:
        self._stored = stored_hash
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0

    def seconds_locked(self) -> float:
        return max(0.0, self._locked_until - self._clock())

    def attempt(self, pin: str) -> bool:
        if self.seconds_locked() > 0:
            return False  # not even checked: guessing gains nothing while locked
        if verify_pin(pin, self._stored):
            self._failures = 0
            return True
        self._failures += 1
        extra = self._failures - self.FREE_ATTEMPTS
        if extra >= 0:
            lockout = min(self.FIRST_LOCKOUT * 2**extra, self.MAX_LOCKOUT)
            self._locked_until = self._clock() + lockout
        return False

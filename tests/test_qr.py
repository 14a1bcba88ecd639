"""kiosk.qr: URL -> module matrix, without Qt; and that the matrix decodes to the URL."""

from __future__ import annotations

import subprocess
import sys

import pytest
import zxingcpp

from kiosk.pack.fields import QR_MAX_BYTES
from kiosk.qr import QUIET_ZONE, qr_matrix
from kiosk.urls import email_address_of, phone_number_of

MODULE_PX = 4


def decode(rows: tuple[tuple[bool, ...], ...]) -> list[str]:
    """Decode a matrix the way a camera would see it: light paper, dark modules."""
    size = len(rows) * MODULE_PX
    pixels = bytearray()
    for row in rows:
        line = bytearray()
        for dark in row:
            line += bytes([0 if dark else 255]) * MODULE_PX
        pixels += bytes(line) * MODULE_PX
    view = memoryview(bytes(pixels)).cast("B", (size, size))
    return [result.text for result in zxingcpp.read_barcodes(view)]


LONG_URL = "https://example.org/" + "a" * (QR_MAX_BYTES - len("https://example.org/"))


@pytest.mark.parametrize(
    "url",
    [
        "https://www.unodc.org/unodc/en/endht/index.html",
        "tel:+18883737888",
        "sms:233733",
        "mailto:help@example.org",
        LONG_URL,
    ],
)
def test_matrix_decodes_to_its_url(url: str) -> None:
    assert decode(qr_matrix(url).rows) == [url]


def test_matrix_is_square_with_a_light_quiet_zone() -> None:
    code = qr_matrix("https://icat.un.org/about")
    symbol = 17 + 4 * code.version  # ISO/IEC 18004: modules a side of a version
    assert code.size == symbol + 2 * QUIET_ZONE
    assert all(len(row) == code.size for row in code.rows)
    for index, row in enumerate(code.rows):
        if index < QUIET_ZONE or index >= code.size - QUIET_ZONE:
            assert not any(row), f"row {index} is in the quiet zone"
        else:
            assert not any(row[:QUIET_ZONE])
            assert not any(row[-QUIET_ZONE:])
    # The finder pattern's corner sits right inside the quiet zone.
    assert code.rows[QUIET_ZONE][QUIET_ZONE]


def test_short_targets_are_full_qr_codes_not_micro_qr() -> None:
    # Micro QR would be smaller, but most phone camera apps cannot read it.
    code = qr_matrix("sms:233733")
    assert code.version >= 1
    assert code.size == 21 + 2 * QUIET_ZONE


def test_longest_allowed_target_stays_at_version_10() -> None:
    assert len(LONG_URL.encode()) == QR_MAX_BYTES
    assert qr_matrix(LONG_URL).version <= 10


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("tel:+18883737888", "+18883737888"),
        ("sms:233733", "233733"),
        ("sms:+447700900123?body=help", "+447700900123"),
        ("tel:+44%20800%20121", "+44 800 121"),
        ("https://example.org", None),
        ("mailto:a@example.org", None),
    ],
)
def test_phone_number_of(url: str, number: str | None) -> None:
    assert phone_number_of(url) == number


def test_email_address_of() -> None:
    assert email_address_of("mailto:help@example.org?subject=Hi") == "help@example.org"
    assert email_address_of("tel:+1888") is None


def test_qr_module_does_not_import_qt() -> None:
    code = (
        "import sys, kiosk.qr; "
        "loaded = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr

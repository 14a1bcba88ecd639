"""A QR code painted module by module: crisp, scannable, whatever the theme."""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.qr import QrMatrix, dark_runs, qr_matrix
from kiosk.translation import translator
from kiosk.ui.theme import QR_MIN_SIDE_SHARE, Metrics
from kiosk.urls import Scheme, email_address_of, is_web, phone_number_of, scheme_of, site_of

# Always dark on light, even on a dark theme: many phone decoders do not try
# inverted codes, and the quiet zone must be light to be found at all.
QR_DARK = QColor("#000000")
QR_LIGHT = QColor("#ffffff")


def qr_spoken(url: str, language: str) -> str:
    """What the code ``url`` does, to be read aloud in ``language``:
    "QR code: opens www.example.org".

    A web link is told by its site alone: the path is noise when heard, and the
    full URL stays in the code's accessible description.
    """
    words = translator(language)
    scheme = scheme_of(url)
    if scheme is not None and scheme.dials:
        number = phone_number_of(url)
        if number and scheme is Scheme.SMS:
            # Translators: scanning the code starts a text message to {number}.
            return words.pgettext("QR code", "QR code: texts {number}").format(number=number)
        if number:
            # Translators: scanning the code starts a phone call to {number}.
            return words.pgettext("QR code", "QR code: calls {number}").format(number=number)
    elif scheme is Scheme.MAILTO:
        address = email_address_of(url)
        if address:
            # Translators: scanning the code starts an e-mail to {address}.
            return words.pgettext("QR code", "QR code: writes to {address}").format(address=address)
    else:
        site = site_of(url)
        if site:
            # Translators: scanning the code opens a web page on the site {site}.
            return words.pgettext("QR code", "QR code: opens {site}").format(site=site)
    return words.pgettext("QR code", "QR code")


def symbol_modules(url: str) -> int:
    """Modules a side of ``url``'s code, quiet zone excluded."""
    matrix = qr_matrix(url)
    return matrix.size - 2 * matrix.border


def reaches_someone(url: str) -> bool:
    """A code that calls, texts or writes to someone (a help line), not a web page."""
    return not is_web(url)


def code_module_px(
    m: Metrics, url: str, peers: Iterable[str], share: float = QR_MIN_SIDE_SHARE
) -> int:
    """Whole pixels a module of ``url``'s code, its symbol at least ``share`` of the
    screen's shorter side.

    ``peers``: the codes of the pack drawn alike (every resource card's, every call
    slide's). A code that reaches someone is never smaller than any web code among
    them: whole pixels a module round each code up by a different amount, and the
    code a visitor in trouble scans must be the easiest to scan.
    """
    symbol = symbol_modules(url)
    module = m.qr_module_px(symbol, share)
    if not reaches_someone(url):
        return module
    largest = max(
        (
            m.qr_module_px(symbol_modules(other), share) * symbol_modules(other)
            for other in peers
            if not reaches_someone(other)
        ),
        default=0,
    )
    return max(module, math.ceil(largest / symbol))


class QrView(QWidget):
    """Paints ``url`` as a QR code: whole-pixel squares, no scaling, no antialiasing.
    Screen readers hear what scanning it does, in ``language`` (``qr_spoken``).

    The owner picks the size (``side_for(module_px)``) and sets the geometry; the code
    is centred in it at the largest whole number of device pixels per module, and
    everything around the modules is light, so the quiet zone never shrinks.
    """

    def __init__(self, url: str, parent: QWidget | None = None, *, language: str = "en") -> None:
        super().__init__(parent)
        self.url = url
        self.matrix: QrMatrix = qr_matrix(url)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAccessibleName(qr_spoken(url, language))
        self.setAccessibleDescription(url)

    @property
    def modules(self) -> int:
        """Modules a side, quiet zone included."""
        return self.matrix.size

    def side_for(self, module_px: int) -> int:
        return self.modules * module_px

    def module_px(self) -> int:
        """Logical pixels per module at the current size (0 when too small to draw)."""
        return min(self.width(), self.height()) // self.modules

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), QR_LIGHT)
        # Work in device pixels so a fractional device pixel ratio (1.25, 1.5)
        # cannot smear module edges across two pixels.
        ratio = self.devicePixelRatioF()
        device_w = math.floor(self.width() * ratio)
        device_h = math.floor(self.height() * ratio)
        module = min(device_w, device_h) // self.modules
        if module < 1:
            painter.end()
            return
        side = module * self.modules
        left = (device_w - side) // 2
        top = (device_h - side) // 2
        painter.scale(1 / ratio, 1 / ratio)
        for y, start, length in dark_runs(self.matrix):
            painter.fillRect(
                QRect(left + start * module, top + y * module, length * module, module), QR_DARK
            )
        painter.end()

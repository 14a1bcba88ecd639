"""A QR code painted module by module: crisp, scannable, whatever the theme."""

from __future__ import annotations

import math

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.qr import QrMatrix, qr_matrix
from kiosk.urls import Scheme, email_address_of, phone_number_of, scheme_of, site_of

# Always dark on light, even on a dark theme: many phone decoders do not try
# inverted codes, and the quiet zone must be light to be found at all.
QR_DARK = QColor("#000000")
QR_LIGHT = QColor("#ffffff")


# What a screen reader says about a code: its name, then what scanning it does
# ("web" for http/https). Languages not listed use English, rather than nothing.
QR_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "code": "QR code",
        "web": "opens {}",
        "tel": "calls {}",
        "sms": "texts {}",
        "mailto": "writes to {}",
    },
    "es": {
        "code": "Código QR",
        "web": "abre {}",
        "tel": "llama al {}",
        "sms": "envía un SMS al {}",
        "mailto": "escribe a {}",
    },
    "fr": {
        "code": "Code QR",
        "web": "ouvre {}",
        "tel": "appelle le {}",
        "sms": "envoie un SMS au {}",
        "mailto": "écrit à {}",
    },
    "pt": {
        "code": "Código QR",
        "web": "abre {}",
        "tel": "liga para {}",
        "sms": "envia um SMS para {}",
        "mailto": "escreve para {}",
    },
    "de": {
        "code": "QR-Code",
        "web": "öffnet {}",
        "tel": "ruft {} an",
        "sms": "schickt eine SMS an {}",
        "mailto": "schreibt an {}",
    },
    "it": {
        "code": "Codice QR",
        "web": "apre {}",
        "tel": "chiama il {}",
        "sms": "invia un SMS al {}",
        "mailto": "scrive a {}",
    },
}


def qr_spoken(url: str, language: str) -> str:
    """What the code ``url`` does, to be read aloud: "QR code: opens www.example.org".

    A web link is told by its site alone: the path is noise when heard, and the
    full URL stays in the code's accessible description.
    """
    words = QR_WORDS.get(language.split("-", 1)[0].lower(), QR_WORDS["en"])
    scheme = scheme_of(url)
    target: str | None
    if scheme is not None and scheme.dials:
        action, target = scheme.value, phone_number_of(url)
    elif scheme is Scheme.MAILTO:
        action, target = scheme.value, email_address_of(url)
    else:
        action, target = "web", site_of(url)
    if not target:
        return words["code"]
    return f"{words['code']}: {words[action].format(target)}"


class QrView(QWidget):
    """Paints ``url`` as a QR code: whole-pixel squares, no scaling, no antialiasing.

    The owner picks the size (``side_for(module_px)``) and sets the geometry; the code
    is centred in it at the largest whole number of device pixels per module, and
    everything around the modules is light, so the quiet zone never shrinks.
    """

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url = url
        self.matrix: QrMatrix = qr_matrix(url)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAccessibleName(QR_WORDS["en"]["code"])  # the view names it in its language
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
        for y, row in enumerate(self.matrix.rows):
            x = 0
            count = len(row)
            while x < count:  # one rectangle per run of dark modules
                if not row[x]:
                    x += 1
                    continue
                start = x
                while x < count and row[x]:
                    x += 1
                painter.fillRect(
                    QRect(left + start * module, top + y * module, (x - start) * module, module),
                    QR_DARK,
                )
        painter.end()

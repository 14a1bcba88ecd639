"""The bundled DejaVu fonts, so text looks and measures the same on every machine.

Layout fits text by measuring it; with the system's fonts a slide that fits on the
organiser's laptop could clip on the venue's screen. DejaVu Sans also covers the
packs' languages and signs (–, ’, −, accented letters).
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from kiosk.pack.glyphs import FONT_FILES
from kiosk.paths import assets_dir

log = logging.getLogger(__name__)

BUNDLED_FAMILY = "DejaVu Sans"

_family: str | None = None


def load_bundled_fonts() -> str:
    """Register the bundled fonts once; return the family name to use.

    A font that fails to load is logged, and the system's default sans-serif family
    is used instead: the kiosk still runs, only its metrics are less predictable.
    Needs a QGuiApplication.
    """
    global _family
    if _family is not None:
        return _family
    if QGuiApplication.instance() is None:
        raise RuntimeError("load_bundled_fonts needs a QGuiApplication")
    folder = assets_dir() / "fonts"
    families: list[str] = []
    for name in FONT_FILES:
        path = folder / name
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id == -1:  # Qt's failure value: missing or unreadable file
            log.warning("could not load the bundled font %s; using the system font", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    if BUNDLED_FAMILY in families:
        _family = BUNDLED_FAMILY
    elif families:
        _family = families[0]
    else:
        _family = QFont().defaultFamily()
    return _family


def ui_family() -> str:
    """The family every view draws with (loads the bundled fonts on first use)."""
    return _family if _family is not None else load_bundled_fonts()

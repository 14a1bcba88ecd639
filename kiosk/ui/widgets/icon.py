"""qtawesome icons, always coloured from the theme, drawn at whatever size the layout gives."""

from __future__ import annotations

import logging
import os
import sys

# qtawesome goes through qtpy, which would pick PyQt if one happened to be
# installed too; two Qt bindings in one process crash. Pin it before the import.
os.environ.setdefault("QT_API", "pyside6")

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import UiTheme

log = logging.getLogger(__name__)

# Drawn when a pack names an icon this qtawesome does not have (the loader can only
# check names when it finds qtawesome's charmaps).
FALLBACK_ICON = "fa6s.circle"


# The theme icons were last drawn for (see use_icon_theme).
_icon_theme: UiTheme | None = None


def reset_icon_cache() -> None:
    """Forget every icon qtawesome has drawn (it keeps each, per name and colour)."""
    qta = sys.modules.get("qtawesome")  # not loaded yet: nothing cached to forget
    if qta is not None:
        qta.reset_cache()


def use_icon_theme(theme: UiTheme) -> None:
    """Icons are about to be drawn in ``theme``'s colours: drop those of another theme.

    A kiosk switched between its pack's theme and high contrast, or fed a new pack,
    all day would otherwise keep every icon in every colour it ever used. Icons a
    view already holds keep working: a QIcon owns what it draws.
    """
    global _icon_theme
    if _icon_theme is not None and _icon_theme != theme:
        reset_icon_cache()
    _icon_theme = theme


def themed_icon(name: str, color: QColor) -> QIcon:
    """The icon ``name`` in ``color``; the fallback marker if qtawesome does not know it."""
    # Imported here, not at the top: qtawesome (with qtpy) costs ~0.2 s at start-up,
    # and the first slide usually has no icon.
    import qtawesome as qta

    try:
        icon: QIcon = qta.icon(name, color=QColor(color))
    except Exception as exc:  # qtawesome raises a bare Exception for unknown names
        log.warning("icon %r is not available (%s); drawing a plain marker", name, exc)
        icon = qta.icon(FALLBACK_ICON, color=QColor(color))
    return icon


class IconView(QWidget):
    """One icon filling its (square) geometry. Transparent to mouse input."""

    def __init__(self, name: str, color: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_name = name
        self._icon = themed_icon(name, color)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        if side <= 0:
            return
        painter = QPainter(self)
        target = QRect((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        self._icon.paint(painter, target, Qt.AlignmentFlag.AlignCenter)
        painter.end()

"""The pack's theme turned into Qt colours and screen-relative type sizes.

Every size derives from the height of the area being drawn, so 720p, 1080p, 4K and
portrait screens all lay out the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from kiosk.pack.model import Theme


@dataclass(frozen=True)
class UiTheme:
    background: QColor
    surface: QColor
    text: QColor
    muted: QColor
    accent: QColor

    @classmethod
    def from_pack(cls, theme: Theme) -> UiTheme:
        return cls(
            background=QColor(theme.background),
            surface=QColor(theme.surface),
            text=QColor(theme.text),
            muted=QColor(theme.muted),
            accent=QColor(theme.accent),
        )

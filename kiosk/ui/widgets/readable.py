"""Type for what lies over the slides (the touch bar's labels, the tap cue, the idle
warning), sized by what a reader sees: the height of its capital letters.

Signage practice (ADA 703.5.5: 16 mm characters read at about 2 m; on a 55" screen
2.5 % of its shorter side) sets two floors, as a share of the screen's shorter side:
*primary* text (what the thing says) and *secondary* text (labels, notes). A font's
pixel size is not its cap height (DejaVu Sans' capitals are 0.73 of it), so sizes are
chosen by measuring the font, never by a configured pixel size.
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtGui import QFont, QFontMetricsF

from kiosk.ui.theme import UiTheme

PRIMARY_CAP_SHARE = 0.025
SECONDARY_CAP_SHARE = 0.018


def cap_height(font: QFont) -> float:
    """The height of ``font``'s capital letters, in pixels, as Qt measures it."""
    return QFontMetricsF(font).capHeight()


@cache
def _pixel_size_for(cap_px: float, bold: bool) -> int:
    ratio = cap_height(UiTheme.font(100, bold)) / 100
    size = max(1, math.floor(cap_px / ratio))
    # Hinting rounds cap heights per size: step up until the font really reaches it.
    while cap_height(UiTheme.font(size, bold)) < cap_px:
        size += 1
    return size


def readable_font(short_side: float, share: float = SECONDARY_CAP_SHARE, *, bold: bool) -> QFont:
    """The smallest font of the bundled family whose capitals are at least ``share``
    of ``short_side`` (the screen's shorter side, in pixels) tall."""
    cap_px = round(share * short_side, 2)
    return UiTheme.font(_pixel_size_for(cap_px, bold), bold)


__all__ = ["PRIMARY_CAP_SHARE", "SECONDARY_CAP_SHARE", "cap_height", "readable_font"]

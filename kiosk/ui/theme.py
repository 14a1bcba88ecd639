"""The pack's theme turned into Qt colours and screen-relative type sizes.

Every size derives from the size of the area being drawn, so 720p, 1080p, 4K and
portrait screens all lay out the same way. Sizes are fractions of a *type unit*:
the height of a landscape view; on a portrait view the width limits it, because
a line of text has to fit across the narrow side.

A view that holds more text than fits shrinks it along a *fit scale*: at 1 every
role has its nominal size, at 0 its floor (the smallest size still read
comfortably from two metres); below 0 is a last resort for text longer than the
pack format allows, and the view logs a warning when it gets there.

Two venue settings change the look whatever the pack says: ``UiTheme.high_contrast()``
(white and yellow on black, outlined cards, every text pair at least 7:1) and
large text (``Metrics(large_text=True)``, set through ``SlideContext.large_text``:
every role's nominal size and floor raised).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from PySide6.QtGui import QColor, QFont

from kiosk.pack.model import Theme
from kiosk.ui.fonts import ui_family

# The high-contrast theme, the same for every pack. Every text colour is at least
# 7:1 (WCAG AAA) on both the background and the card surface; the surface is only a
# shade off black, so cards are told apart by their outline (10:1 on black,
# well over the 3:1 WCAG asks of a shape's edge). Yellow, not the pack's accent:
# it is the accent colour low-vision visitors know from high-contrast modes.
HIGH_CONTRAST = {
    "background": "#000000",
    "surface": "#141414",
    "text": "#ffffff",
    "muted": "#d9d9d9",
    "accent": "#ffe14d",
    "outline": "#b3b3b3",
}


@dataclass(frozen=True)
class UiTheme:
    background: QColor
    surface: QColor
    text: QColor
    muted: QColor
    accent: QColor
    # A border around every card (None: cards are told apart by their fill alone).
    outline: QColor | None = None
    # Draw every mark solid: no translucent halos or lines, which blend towards
    # the background and lose the contrast a high-contrast theme promises.
    solid_marks: bool = False

    @classmethod
    def high_contrast(cls) -> UiTheme:
        """The pack-independent high-contrast theme (see ``HIGH_CONTRAST``)."""
        colors = {key: QColor(value) for key, value in HIGH_CONTRAST.items()}
        return cls(**colors, solid_marks=True)

    @classmethod
    def from_pack(cls, theme: Theme, *, high_contrast: bool = False) -> UiTheme:
        """The pack's colours, or the high-contrast theme (which ignores them)."""
        if high_contrast:
            return cls.high_contrast()
        return cls(
            background=QColor(theme.background),
            surface=QColor(theme.surface),
            text=QColor(theme.text),
            muted=QColor(theme.muted),
            accent=QColor(theme.accent),
        )

    @property
    def is_high_contrast(self) -> bool:
        return self == UiTheme.high_contrast()

    def color(self, name: str) -> QColor:
        """A theme colour by field name ('accent', 'muted', ...), as a new QColor."""
        return QColor(getattr(self, name))

    @staticmethod
    def font(pixel_size: float, bold: bool = False) -> QFont:
        """The bundled family at a pixel size: pixels, not points, so DPI cannot change it."""
        font = QFont(ui_family())
        font.setPixelSize(max(1, round(pixel_size)))
        font.setBold(bold)
        return font


class TextRole(Enum):
    """What a piece of text is for; each role has its own size range and weight."""

    HEADING = "heading"
    INTRO = "intro"
    FIGURE = "figure"  # a fact's big value
    LABEL = "label"  # what a figure measures
    CARD_TITLE = "card_title"  # failure title, resource name, event title
    BODY = "body"  # descriptions, actions, event details
    DATE = "date"  # timeline dates
    SOURCE = "source"
    PHONE = "phone"
    DAY = "day"  # title slide: name of the day
    TITLE_DATE = "title_date"
    THEME_LINE = "theme_line"
    QUOTE = "quote"
    QUOTE_BY = "quote_by"


@dataclass(frozen=True)
class RoleSize:
    nominal: float  # fraction of the type unit at fit scale 1
    floor: float  # fraction of the type unit at fit scale 0
    bold: bool = False


# Floors: at 1080 px a 0.016 source is 17 px (about 11 mm on a 55" screen), the
# smallest size that still reads from two metres; body text stays above 0.02.
ROLE_SIZES: dict[TextRole, RoleSize] = {
    TextRole.HEADING: RoleSize(0.060, 0.040, bold=True),
    TextRole.INTRO: RoleSize(0.032, 0.023),
    TextRole.FIGURE: RoleSize(0.125, 0.065, bold=True),
    TextRole.LABEL: RoleSize(0.034, 0.023),
    TextRole.CARD_TITLE: RoleSize(0.032, 0.022, bold=True),
    TextRole.BODY: RoleSize(0.028, 0.020),
    TextRole.DATE: RoleSize(0.032, 0.022, bold=True),
    TextRole.SOURCE: RoleSize(0.021, 0.016),
    TextRole.PHONE: RoleSize(0.036, 0.024, bold=True),
    TextRole.DAY: RoleSize(0.085, 0.050, bold=True),
    TextRole.TITLE_DATE: RoleSize(0.048, 0.032, bold=True),
    TextRole.THEME_LINE: RoleSize(0.046, 0.030),
    TextRole.QUOTE: RoleSize(0.034, 0.023),
    TextRole.QUOTE_BY: RoleSize(0.026, 0.018),
}

# Large text, for visitors who read less well from a distance: every nominal size
# 1.3 times larger and every floor 1.25 times (a 17 px source line at 1080p becomes
# 22 px). Spaces and margins stay as they are: the room is better spent on text.
# A slide too full for the raised floors (a long timeline) may shrink below them,
# down to the usual floors, before it counts as unreadable: its text is then about
# as large as without the setting, which is all that slide has room for.
LARGE_TEXT_NOMINAL = 1.3
LARGE_TEXT_FLOOR = 1.25

# A portrait line may be at most this many times the width "tall" in type units,
# i.e. on 1080x1920 the unit is 1242, not 1920: text must still fit across 1080.
PORTRAIT_WIDTH_FACTOR = 1.15

# Below fit scale 0 (last resort) sizes go down to this share of the floors.
LAST_RESORT_FLOOR = 0.6
MIN_FIT_SCALE = -1.0

# QR modules, as a share of the screen's short side. The minimum is 1/270: 2.5 mm
# on a 55" panel, 2 mm on a 43" one (4 px at 1080p, 8 px at 4K, 3 px at 720p).
# A phone camera a metre away, scanning 1080p preview frames through a ~65° lens,
# sees about 0.7 mm per camera pixel, so a module spans about 3 camera pixels:
# the 2-3 that decoders need, and phones zoom in on a code they have found.
# Bigger (1/150, about 4.5 mm) when the layout has room. Never under 3 px, so
# every module stays a crisp square of whole pixels. Six resources with one
# long link (a version 8 code, 57 modules with the quiet zone) still fit a
# 16:9 screen at this size; at 1/240 they did not.
QR_MIN_MODULE_SHARE = 1 / 270
QR_NICE_MODULE_SHARE = 1 / 150
QR_MIN_MODULE_PX = 3


def type_unit(width: int, height: int) -> float:
    """The length every type size is a fraction of (see the module docstring)."""
    return float(max(1.0, min(height, width * PORTRAIT_WIDTH_FACTOR)))


@dataclass(frozen=True)
class Metrics:
    """Sizes for one view size at one fit scale.

    With ``large_text`` every role's range is raised (``LARGE_TEXT_NOMINAL``,
    ``LARGE_TEXT_FLOOR``) and the fit scale reaches one step further down:
    1 → 0 runs from the large nominal sizes to the raised floors, 0 → -1 from
    the raised floors back to the usual ones, and below -1 is the last resort.
    """

    width: int
    height: int
    scale: float = 1.0
    large_text: bool = False

    @property
    def unit(self) -> float:
        return type_unit(self.width, self.height)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def fit_steps(self) -> tuple[float, ...]:
        """The fit scales where the size ranges meet, largest first; the last is the lowest."""
        if self.large_text:
            return (1.0, 0.0, -1.0, MIN_FIT_SCALE - 1.0)
        return (1.0, 0.0, MIN_FIT_SCALE)

    @property
    def _usual_scale(self) -> float:
        """The scale on the usual ranges that spaces, codes and the last resort follow.

        Large text between its raised floors and the usual ones is still readable
        text at (or above) the usual floors: spaces and codes stay as at scale 0.
        """
        if self.large_text and self.scale < 0:
            return min(0.0, self.scale + 1.0)
        return self.scale

    @property
    def readable(self) -> bool:
        """False when the fit had to go below the (usual) floors."""
        return self._usual_scale >= 0

    def font_px(self, role: TextRole) -> int:
        size = ROLE_SIZES[role]
        nominal, floor = size.nominal, size.floor
        if self.large_text and self.scale >= -1.0:
            raised = floor * LARGE_TEXT_FLOOR
            if self.scale >= 0:
                top = nominal * LARGE_TEXT_NOMINAL
                fraction = raised + (top - raised) * min(self.scale, 1.0)
            else:  # from the raised floor back down to the usual one
                fraction = raised + (raised - floor) * self.scale
            return max(6, round(self.unit * fraction))
        scale = self._usual_scale
        if scale >= 0:
            fraction = floor + (nominal - floor) * min(scale, 1.0)
        else:
            fraction = floor * (1 + (1 - LAST_RESORT_FLOOR) * max(scale, -1.0))
        return max(6, round(self.unit * fraction))

    def font(self, role: TextRole) -> QFont:
        return UiTheme.font(self.font_px(role), ROLE_SIZES[role].bold)

    def space(self, fraction: float) -> int:
        """A gap or padding: shrinks a little with the text, never to nothing."""
        scale = self._usual_scale
        factor = (
            0.65 + 0.35 * min(scale, 1.0) if scale >= 0 else 0.65 * (1 + 0.3 * max(scale, -1.0))
        )
        return max(1, round(self.unit * fraction * factor))

    @property
    def margin_x(self) -> int:
        """Left and right margin of the slide: generous, and fixed (text shrinks first)."""
        return round(max(0.05 * self.width, 0.055 * self.unit))

    @property
    def margin_y(self) -> int:
        return round(max(0.055 * self.unit, 0.035 * self.height))

    def qr_module_px(self) -> int:
        """Pixels per QR module at this fit scale (see QR_MIN_MODULE_SHARE for why)."""
        short = min(self.width, self.height)
        smallest = max(QR_MIN_MODULE_PX, math.ceil(short * QR_MIN_MODULE_SHARE))
        nicest = max(smallest, math.floor(short * QR_NICE_MODULE_SHARE))
        scale = self._usual_scale
        if scale >= 0:
            # Text comes first (it is read from two metres, the code scanned from one):
            # codes grow past their minimum only in the upper half of the fit range.
            growth = max(0.0, min(scale, 1.0) - 0.5) / 0.5
            return math.floor(smallest + (nicest - smallest) * growth)
        # Last resort only: text beyond the format's limits. Still whole pixels.
        return max(2, math.floor(smallest * (1 + 0.35 * max(scale, -1.0))))

    @property
    def qr_min_module_px(self) -> int:
        return Metrics(self.width, self.height, 0.0).qr_module_px()

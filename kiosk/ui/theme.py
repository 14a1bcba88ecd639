"""The pack's theme turned into Qt colours and screen-relative type sizes.

Every size derives from the size of the area being drawn, so 720p, 1080p, 4K and
portrait screens all lay out the same way. Sizes are fractions of a *type unit*:
the height of a landscape view; on a portrait view the width limits it, because
a line of text has to fit across the narrow side.

Every text has a *role* (``TextRole``: a heading, a figure, a source...), and every
role a *tier*, primary or secondary (``Tier``), declared once in ``ROLE_SIZES``. A
tier has a floor, the least cap height its text may have as a share of the
screen's shorter side (``CAP_FLOOR``): what signage practice asks to be read from
two metres. Views never choose sizes: they say what each text is.

A view fits its text along a *fit scale*: at 1 every role has its nominal size,
at 0 its floor; above 1 text grows into room to spare, and below 0 is a last
resort for text longer than the pack format allows (the view logs a warning). A
list slide that cannot hold its items at the floors is shown as pages instead
(``kiosk.ui.deck``).

Two venue settings change the look whatever the pack says: ``UiTheme.high_contrast()``
(white and yellow on black, outlined cards, every text pair at least 7:1) and
large text (``Metrics(large_text=True)``, set through ``SlideContext.large_text``:
every role's nominal size and floor raised).
"""

from __future__ import annotations

import math
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from PySide6.QtGui import QColor, QFont, QFontMetrics, QFontMetricsF

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


class UiTheme(NamedTuple):
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


class Tier(Enum):
    """How far away a piece of text must be read from: the two readability floors."""

    # Read first, from where a visitor stands: headings, figures, event titles,
    # names, phone numbers, the body of a text slide.
    PRIMARY = "primary"
    # Read on a step closer: labels, descriptions, sources, data years, regions.
    SECONDARY = "secondary"


# The floors, as the cap height (the height of a capital letter) over the screen's
# shorter side. Signage practice (ADA 703.5.5) asks for 16 mm characters read
# from about two metres; on a 55" screen that is 2.5 % of the shorter side (27 px
# at 1080p); secondary text may go down to 1.8 % (19 px at 1080p). Every view
# draws at or above these whatever it holds: what does not fit pages instead.
CAP_FLOOR: dict[Tier, float] = {Tier.PRIMARY: 0.025, Tier.SECONDARY: 0.018}

# Large text, for visitors who read less well from a distance: every nominal size
# 1.3 times larger, and both floors 1.25 times higher. Spaces and margins stay as
# they are: the room is better spent on text. A slide too full for the raised
# floors pages, as any slide too full for the usual ones.
LARGE_TEXT_NOMINAL = 1.3
LARGE_TEXT_FLOOR = 1.25


class TextRole(Enum):
    """What a piece of text is for. ``ROLE_SIZES`` gives each its tier, size range and
    weight: views say what a text is, never how large it is."""

    HEADING = "heading"
    INTRO = "intro"  # a list slide's lead-in line
    FIGURE = "figure"  # a fact's big value
    LABEL = "label"  # what a figure measures
    CARD_TITLE = "card_title"  # point title, resource name, event title
    BODY = "body"  # descriptions, actions, event details
    DATE = "date"  # timeline dates
    SOURCE = "source"  # a source, with its data year
    REGION = "region"  # where a help line works
    PHONE = "phone"  # a number to dial on a card
    EMERGENCY = "emergency"  # "In immediate danger? Call 112"
    DAY = "day"  # title slide: name of the day
    TITLE_DATE = "title_date"
    THEME_LINE = "theme_line"
    THEME_NOTE = "theme_note"
    QUOTE = "quote"
    QUOTE_BY = "quote_by"
    TEXT_BODY = "text_body"  # a text slide's paragraph or points
    CALL = "call"  # a call slide's call
    CALL_LINE = "call_line"
    CALL_NUMBER = "call_number"
    CAPTION = "caption"  # an image slide's caption
    CREDIT = "credit"
    PAGE = "page"  # "1/2" on a slide shown as pages
    BRAND = "brand"  # the band naming the day on every slide but the title


class RoleSize(NamedTuple):
    """A role's sizes: ``nominal`` and ``floor`` are fractions of the type unit (the
    size at fit scale 1 and 0); the tier's cap-height floor is a floor under the
    floor, so no role can be drawn below its tier whatever the numbers here say."""

    tier: Tier
    nominal: float
    floor: float = 0.0
    bold: bool = False


P, S = Tier.PRIMARY, Tier.SECONDARY

# The one table of what every text is: which tier, and how large. At 1080 px a
# primary floor is 37 px type (27 px capitals), a secondary one 27 px (20 px).
ROLE_SIZES: dict[TextRole, RoleSize] = {
    TextRole.HEADING: RoleSize(P, 0.062, 0.042, bold=True),
    TextRole.INTRO: RoleSize(S, 0.034),
    TextRole.FIGURE: RoleSize(P, 0.125, 0.065, bold=True),
    TextRole.LABEL: RoleSize(S, 0.036),
    TextRole.CARD_TITLE: RoleSize(P, 0.040, bold=True),
    TextRole.BODY: RoleSize(S, 0.032),
    TextRole.DATE: RoleSize(P, 0.038, bold=True),
    TextRole.SOURCE: RoleSize(S, 0.027),
    TextRole.REGION: RoleSize(S, 0.028, bold=True),
    TextRole.PHONE: RoleSize(P, 0.046, bold=True),
    TextRole.EMERGENCY: RoleSize(P, 0.040, bold=True),
    TextRole.DAY: RoleSize(P, 0.085, 0.050, bold=True),
    TextRole.TITLE_DATE: RoleSize(P, 0.050, 0.036, bold=True),
    TextRole.THEME_LINE: RoleSize(P, 0.048, 0.036),
    TextRole.THEME_NOTE: RoleSize(S, 0.028),
    TextRole.QUOTE: RoleSize(S, 0.036),
    TextRole.QUOTE_BY: RoleSize(S, 0.028),
    TextRole.TEXT_BODY: RoleSize(P, 0.056, 0.036),
    TextRole.CALL: RoleSize(P, 0.085, 0.050, bold=True),
    TextRole.CALL_LINE: RoleSize(P, 0.046, 0.036),
    TextRole.CALL_NUMBER: RoleSize(P, 0.050, 0.036, bold=True),
    TextRole.CAPTION: RoleSize(S, 0.036),
    TextRole.CREDIT: RoleSize(S, 0.027),
    TextRole.PAGE: RoleSize(S, 0.027, bold=True),
    TextRole.BRAND: RoleSize(S, 0.027),
}
del P, S


# A view may grow its text past the nominal sizes when it has room to spare, up to
# this fit scale unless its kind says otherwise (``SlideView.grows_to``; a slide that
# floats in empty space reads as unfinished); spaces grow no further than this; and
# shrink below its floors only as a last resort, down to LAST_RESORT_FLOOR of
# them, for text longer than the pack format allows (the view logs a warning).
MAX_FIT_SCALE = 1.35
LAST_RESORT_FLOOR = 0.6
MIN_FIT_SCALE = -1.0

# A portrait line may be at most this many times the width "tall" in type units,
# i.e. on 1080x1920 the unit is 1242, not 1920: text must still fit across 1080.
PORTRAIT_WIDTH_FACTOR = 1.15

# Every QR code's symbol (quiet zone excluded) at least this share of the screen's
# shorter side: a phone finds it from a step away (162 px at 1080p, about 11 cm on
# a 55" screen). Modules are whole pixels, never under QR_MIN_MODULE_PX, so every
# module stays a crisp square.
QR_MIN_SIDE_SHARE = 0.15
QR_MIN_MODULE_PX = 3


def type_unit(width: int, height: int) -> float:
    """The length every type size is a fraction of (see the module docstring)."""
    return float(max(1.0, min(height, width * PORTRAIT_WIDTH_FACTOR)))


@lru_cache(maxsize=4096)
def px_for_cap_height(cap: float, bold: bool) -> int:
    """The smallest pixel size of the bundled family whose capitals are at least
    ``cap`` pixels tall, as Qt measures them (``QFontMetrics.capHeight``)."""
    reference = QFontMetricsF(UiTheme.font(1000, bold)).capHeight() / 1000
    px = max(1, math.floor(cap / max(reference, 0.01)))
    while QFontMetrics(UiTheme.font(px, bold)).capHeight() < cap:
        px += 1
    return px


def cap_floor_px(tier: Tier, short_side: int, *, large_text: bool = False) -> float:
    """The least cap height, in pixels, of ``tier`` text on a screen whose shorter
    side is ``short_side``."""
    return CAP_FLOOR[tier] * short_side * (LARGE_TEXT_FLOOR if large_text else 1.0)


class Metrics(NamedTuple):
    """Sizes for one view size at one fit scale.

    ``scale``: 1 gives every role its nominal size, 0 its floor, between them the
    sizes in between; above 1 (up to ``MAX_FIT_SCALE``) text grows past nominal
    into room to spare; below 0 is the last resort. ``large_text`` raises every
    role's range (``LARGE_TEXT_NOMINAL``, ``LARGE_TEXT_FLOOR``).

    ``screen_short``: the shorter side of the whole screen, when the view covers
    only part of it (touch mode lays slides out above its control bar): the
    floors are shares of the screen, not of the view. None: the view's own.
    """

    width: int
    height: int
    scale: float = 1.0
    large_text: bool = False
    screen_short: int | None = None

    @property
    def unit(self) -> float:
        return type_unit(self.width, self.height)

    @property
    def short(self) -> int:
        """The screen's shorter side, which floors and codes are shares of."""
        return self.screen_short or min(self.width, self.height)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def fit_steps(self) -> tuple[float, ...]:
        """The fit scales where the size ranges meet, largest first; the last is the lowest."""
        return (MAX_FIT_SCALE, 1.0, 0.0, MIN_FIT_SCALE)

    @property
    def readable(self) -> bool:
        """False when the fit had to go below the floors."""
        return self.scale >= 0

    def with_scale(self, scale: float) -> Metrics:
        return self._replace(scale=scale)

    def floor_px(self, role: TextRole) -> int:
        """The smallest type size of ``role`` (fit scale 0): its tier's cap height,
        or the role's own floor where that is higher."""
        size = ROLE_SIZES[role]
        raise_by = LARGE_TEXT_FLOOR if self.large_text else 1.0
        cap = cap_floor_px(size.tier, self.short, large_text=self.large_text)
        return max(px_for_cap_height(cap, size.bold), math.ceil(self.unit * size.floor * raise_by))

    def nominal_px(self, role: TextRole) -> int:
        size = ROLE_SIZES[role]
        grow = LARGE_TEXT_NOMINAL if self.large_text else 1.0
        return max(self.floor_px(role), round(self.unit * size.nominal * grow))

    def font_px(self, role: TextRole) -> int:
        floor = self.floor_px(role)
        scale = self.scale
        if scale >= 1.0:
            # As far as the view lets its kind grow (``SlideView.grows_to``): a text
            # slide's few lines may reach a poster's size, a list's items do not.
            return round(self.nominal_px(role) * scale)
        if scale >= 0:
            return round(floor + (self.nominal_px(role) - floor) * scale)
        # Last resort only: text beyond the format's limits.
        return max(6, round(floor * (1 + (1 - LAST_RESORT_FLOOR) * max(scale, -1.0))))

    def font(self, role: TextRole) -> QFont:
        return UiTheme.font(self.font_px(role), ROLE_SIZES[role].bold)

    def space(self, fraction: float) -> int:
        """A gap or padding: grows and shrinks a little with the text, never to nothing."""
        scale = self.scale
        if scale >= 1.0:
            factor = min(scale, MAX_FIT_SCALE)
        elif scale >= 0:
            factor = 0.65 + 0.35 * scale
        else:
            factor = 0.65 * (1 + 0.3 * max(scale, -1.0))
        return max(1, round(self.unit * fraction * factor))

    @property
    def margin_x(self) -> int:
        """Left and right margin of the slide: generous, and fixed (text shrinks first)."""
        return round(max(0.05 * self.width, 0.055 * self.unit))

    @property
    def margin_y(self) -> int:
        return round(max(0.055 * self.unit, 0.035 * self.height))

    def qr_module_px(self, symbol_modules: int, share: float = QR_MIN_SIDE_SHARE) -> int:
        """Whole pixels a module for a code of ``symbol_modules`` a side (quiet zone
        excluded) whose symbol is at least ``share`` of the screen's shorter side."""
        return max(QR_MIN_MODULE_PX, math.ceil(share * self.short / symbol_modules))

"""Print colours from the pack's theme: dark on light, and readable in greyscale.

A screen theme is often light text on a dark background; printed as it is, it
drinks toner and smudges. Paper is white here, the text the darkest colour of the
theme, and the accent the pack's own hue, darkened until it reads on paper. Many
handouts are photocopied in black and white, so every pair is measured after
conversion to grey, the way a printer driver converts (Rec. 601 luma), and must
reach the WCAG ratio on that grey alone. No Qt here.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass

from kiosk.pack.contrast import AA_NORMAL_TEXT, contrast_ratio
from kiosk.pack.model import Theme

PAPER = "#ffffff"
# Body text is held to WCAG's enhanced level; the accent (figures, dates, where a
# line works) and the muted colour (sources) to the level for normal text.
INK_CONTRAST = 7.0
COLOUR_CONTRAST = AA_NORMAL_TEXT
# The panel behind a card: the accent's hue, this much of it over white.
PANEL_TINT = 0.10
# How far towards the paper the muted text sits from the ink, at most.
MUTED_LIGHTEN = 0.3


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (red, green, blue))


def greyscale(colour: str) -> str:
    """``colour`` as a greyscale print gives it: its Rec. 601 luma as a grey."""
    red, green, blue = _rgb(colour)
    luma = 0.299 * red + 0.587 * green + 0.114 * blue
    return _hex(luma, luma, luma)


def grey_contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours once printed in greyscale."""
    return contrast_ratio(greyscale(foreground), greyscale(background))


def _mix(colour: str, other: str, share: float) -> str:
    """``share`` of ``colour`` over ``other``."""
    mixed = [share * a + (1 - share) * b for a, b in zip(_rgb(colour), _rgb(other), strict=True)]
    return _hex(*mixed)


def _darkened(colour: str, backgrounds: tuple[str, ...], ratio: float) -> str:
    """``colour`` with its lightness lowered, hue kept, until it reaches ``ratio``
    in greyscale on every one of ``backgrounds``."""
    red, green, blue = (c / 255 for c in _rgb(colour))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    while lightness > 0:
        candidate = _hex(*(c * 255 for c in colorsys.hls_to_rgb(hue, lightness, saturation)))
        if all(grey_contrast(candidate, b) >= ratio for b in backgrounds):
            return candidate
        lightness = max(0.0, lightness - 0.01)
    return "#000000"


@dataclass(frozen=True)
class PrintPalette:
    """The colours of every printed page. Text is only ever drawn in ``ink``,
    ``muted`` or ``accent``, on ``paper`` or ``panel``: ``TEXT_PAIRS``."""

    paper: str
    panel: str
    ink: str
    muted: str
    accent: str

    @classmethod
    def from_theme(cls, theme: Theme) -> PrintPalette:
        panel = _mix(theme.accent, PAPER, PANEL_TINT)
        grounds = (PAPER, panel)
        # The darker of the theme's text and background: dark text whatever the screen.
        darker = min((theme.text, theme.background), key=lambda c: sum(_rgb(greyscale(c))) / 3)
        ink = _darkened(darker, grounds, INK_CONTRAST)
        muted = _darkened(_mix(ink, PAPER, 1 - MUTED_LIGHTEN), grounds, COLOUR_CONTRAST)
        accent = _darkened(theme.accent, grounds, COLOUR_CONTRAST)
        return cls(paper=PAPER, panel=panel, ink=ink, muted=muted, accent=accent)

    def pairs(self) -> list[tuple[str, str, str, str]]:
        """Every text colour pair drawn: (foreground name, background name, fg, bg)."""
        return [(fg, bg, getattr(self, fg), getattr(self, bg)) for fg, bg in TEXT_PAIRS]


# (text colour, background) for every piece of printed text.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("ink", "paper"),
    ("ink", "panel"),
    ("muted", "paper"),
    ("muted", "panel"),
    ("accent", "paper"),
    ("accent", "panel"),
)
# What each text colour must reach on each background, in greyscale.
REQUIRED_CONTRAST = {"ink": INK_CONTRAST, "muted": COLOUR_CONTRAST, "accent": COLOUR_CONTRAST}

"""WCAG 2 contrast ratios, so a theme that is hard to read is caught before the event."""

from __future__ import annotations

from kiosk.pack.model import Theme

# WCAG 2.x level AA for normal text. The kiosk's smallest text (sources) is normal
# size, so the stricter normal-text threshold applies to every pair.
AA_NORMAL_TEXT = 4.5

# (foreground, background, what is drawn that way) for every pair the views draw.
THEME_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("text", "background", "main text"),
    ("text", "surface", "text on cards"),
    ("muted", "background", "sources and secondary text"),
    ("muted", "surface", "sources on cards"),
    ("accent", "background", "big figures and dates"),
    ("accent", "surface", "figures and dates on cards"),
)


def relative_luminance(color: str) -> float:
    """Relative luminance of '#rrggbb' as WCAG 2 defines it (0 black … 1 white)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def low_contrast_pairs(theme: Theme) -> list[tuple[str, str, str, float]]:
    """The theme's colour pairs below WCAG AA, as (fg key, bg key, use, ratio)."""
    found = []
    for fg, bg, use in THEME_PAIRS:
        ratio = contrast_ratio(getattr(theme, fg), getattr(theme, bg))
        if ratio < AA_NORMAL_TEXT:
            found.append((fg, bg, use, ratio))
    return found

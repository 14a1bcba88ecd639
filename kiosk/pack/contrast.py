"""WCAG 2 contrast ratios, so a theme that is hard to read is caught before the event."""

from __future__ import annotations

from pathlib import Path

from kiosk.pack.model import Theme

# WCAG 2.x level AA for normal text. The kiosk's smallest text (sources) is normal
# size, so the stricter normal-text threshold applies to every pair.
AA_NORMAL_TEXT = 4.5

# (foreground, background, what is drawn that way) for every pair the views draw.
THEME_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("text", "background", "main text"),
    ("text", "surface", "text on cards"),
    ("muted", "background", "sources and secondary text"),
    ("muted", "surface", "sources on cards, and the brand band"),
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


# -- text over a picture -----------------------------------------------------------------

# A title slide's picture is measured in cells of about this share of its width:
# the eye reads a letter against the picture around it, not against one pixel.
PICTURE_CELLS_ACROSS = 48
# The scrim (the background colour laid over the picture) is at least this opaque,
# so a picture never competes with the title, and at most this opaque before
# validate says the picture barely shows.
SCRIM_LEAST = 0.45
SCRIM_MOST_USEFUL = 0.8
# The colours a title slide writes in, by theme key.
TITLE_COLOURS = ("text", "accent", "muted")

Rgb = tuple[int, int, int]


def _hex(rgb: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(max(0, min(255, round(c))) for c in rgb))


def _rgb(color: str) -> Rgb:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def under_scrim(cell: Rgb, scrim: str, opacity: float) -> str:
    """``cell`` seen through ``scrim`` at ``opacity``, blended as screens blend (in
    sRGB, as Qt's painter does)."""
    top = _rgb(scrim)
    return _hex(tuple(opacity * t + (1 - opacity) * c for t, c in zip(top, cell, strict=True)))  # type: ignore[arg-type]


def worst_contrast(cells: list[Rgb], scrim: str, opacity: float, colours: list[str]) -> float:
    """The lowest contrast of any of ``colours`` over any cell under the scrim."""
    shades = {under_scrim(cell, scrim, opacity) for cell in cells}
    return min(contrast_ratio(colour, shade) for colour in colours for shade in shades)


def scrim_opacity(cells: list[Rgb], scrim: str, colours: list[str]) -> tuple[float, float]:
    """The least scrim opacity (from ``SCRIM_LEAST``) at which every colour reads at
    ``AA_NORMAL_TEXT`` over every cell, and the contrast it gives; (1.0, contrast on
    the scrim alone) when nothing less will do."""
    if not cells:
        return 1.0, min(contrast_ratio(colour, scrim) for colour in colours)
    steps = 50
    for step in range(steps + 1):
        opacity = SCRIM_LEAST + (1 - SCRIM_LEAST) * step / steps
        worst = worst_contrast(cells, scrim, opacity, colours)
        if worst >= AA_NORMAL_TEXT:
            return opacity, worst
    return 1.0, worst_contrast(cells, scrim, 1.0, colours)


def picture_cells(path: Path) -> list[Rgb] | None:
    """A raster picture's colours averaged over cells (``PICTURE_CELLS_ACROSS``);
    None for a drawing (SVG), which only the kiosk can draw, or one Pillow cannot open."""
    from PIL import Image

    try:
        with Image.open(path) as picture:
            width, height = picture.size
            across = min(PICTURE_CELLS_ACROSS, width)
            down = max(1, round(across * height / max(1, width)))
            small = picture.convert("RGB").resize((across, down), Image.Resampling.BOX)
            data = small.tobytes()
            return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]
    except (OSError, ValueError, Image.DecompressionBombError):
        return None

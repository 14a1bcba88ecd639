"""Which characters the bundled fonts can draw, read from their character maps. No Qt.

A character the fonts lack (an emoji, a rare script) shows on screen as an empty
box, and nothing says so; ``kiosk validate`` warns instead, with the line and the
character. The maps are read with fontTools, only when a pack is validated: the
kiosk's own start does not wait for them.
"""

from __future__ import annotations

from functools import cache

from kiosk.paths import assets_dir

# The fonts every slide is drawn in (kiosk.ui.fonts loads the same files).
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


@cache
def drawable() -> frozenset[int]:
    """Every code point both bundled fonts draw (a text may be set in either weight)."""
    # fontTools costs some 40 ms to import and read the maps: validate's cost only.
    from fontTools.ttLib import TTFont

    maps = []
    for name in FONT_FILES:
        with TTFont(assets_dir() / "fonts" / name, lazy=True) as font:
            maps.append(frozenset(font.getBestCmap()))
    return frozenset.intersection(*maps)


def undrawable(text: str) -> list[str]:
    """Each distinct character of ``text`` the fonts cannot draw (spaces and line
    breaks, which are not drawn, left aside)."""
    found = drawable()
    return list(dict.fromkeys(c for c in text if ord(c) not in found and not c.isspace()))

"""Check icon names against qtawesome's charmaps without importing Qt.

qtawesome imports Qt when imported, and validation must not; its charmaps are
plain JSON files inside the package, so we find the package folder and read them.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path

from kiosk.pack.quoting import shown

# Icon sets a pack may use, by qtawesome prefix, with the charmap file's stem.
# Font Awesome 6 only: its 2,060 names are listed whole in the JSON Schema, so an
# editor completes and checks them exactly as the validator does; the larger sets
# qtawesome also has (Material Design, Phosphor: 12,000 more) would make the
# schema a third of a megabyte.
ICON_SETS: dict[str, str] = {
    "fa6s": "fontawesome6-solid-webfont-charmap",
    "fa6": "fontawesome6-regular-webfont-charmap",
    "fa6b": "fontawesome6-brands-webfont-charmap",
}


def _fonts_folder() -> Path | None:
    spec = importlib.util.find_spec("qtawesome")  # finds, but does not import, the package
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def icon_names(prefix: str) -> frozenset[str] | None:
    """Names in one icon set, or None when the set's charmap cannot be found."""
    folder = _fonts_folder()
    stem = ICON_SETS.get(prefix)
    if folder is None or stem is None:
        return None
    for charmap in sorted(folder.glob(f"{stem}*.json")):
        return frozenset(json.loads(charmap.read_text(encoding="utf-8")))
    return None


def icon_problem(name: str) -> str | None:
    """Why ``name`` is not a usable icon, or None when it is."""
    prefix, dot, glyph = name.partition(".")
    if not dot or prefix not in ICON_SETS:
        sets = ", ".join(ICON_SETS)
        return (
            f"{shown(name)} is not an icon name: write set.name, e.g. "
            f"'fa6s.hand-holding-heart' (sets: {sets})"
        )
    names = icon_names(prefix)
    if names is None:
        return None  # cannot check here; the view falls back to a plain marker
    if glyph not in names:
        import difflib

        close = difflib.get_close_matches(glyph, names, n=1)
        hint = f" — did you mean '{prefix}.{close[0]}'?" if close else ""
        return f"there is no icon {shown(glyph)} in the '{prefix}' set{hint}"
    return None

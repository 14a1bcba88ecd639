"""How much text a list slide can hold and still be read from two metres.

Every text field has its own comfortable length (``max_chars`` in the spec), but a
slide of twelve events each at its limit does not fit however the view shrinks
it. These budgets are the most characters a slide of each kind and item count
was measured to hold at readable sizes on every screen size the views support
(bench/calibrate_text_budgets.py measures them with the real views). Past a
budget the view still draws everything, smaller; ``kiosk validate`` warns.
"""

from __future__ import annotations

from kiosk.pack.i18n import LocalText
from kiosk.pack.model import Slide, Source

# kind -> budgets for 1, 2, 3 ... items (a kind's list may start at 2 items: the
# tuple still starts at 1, and unused entries repeat the first real one). Measured
# with the longest QR addresses allowed, then rounded down 5 % for other words and
# other distributions of the same amount of text. Where a budget equals the items'
# max_chars added up, that many items at their limits was measured to fit.
SLIDE_TEXT_BUDGETS: dict[str, tuple[int, ...]] = {
    "facts": (204, 408, 612, 817),
    "timeline": (570, 570, 855, 1140, 1425, 1710, 1795, 2052, 1744, 1938, 1536, 1675),
    "failures": (247, 494, 741, 988),
    "resources": (184, 368, 552, 737, 836, 866),
}

LIST_FIELDS = {
    "facts": "facts",
    "timeline": "events",
    "failures": "points",
    "resources": "resources",
}


def _chars(value: object) -> int:
    if isinstance(value, LocalText):
        return max((len(v) for v in value.variants()), default=0)
    if isinstance(value, Source):
        return _chars(value.name)  # its URL is not shown as text
    if isinstance(value, str):
        return 0  # URLs, icon names: not read by visitors (phones are counted below)
    return 0


def item_chars(item: object) -> int:
    total = 0
    for name, value in vars(item).items():  # the model's dataclasses keep a __dict__
        total += len(value) if name == "phone" and value else _chars(value)
    return total


def slide_items(slide: Slide) -> tuple[object, ...]:
    name = LIST_FIELDS.get(slide.kind)
    return tuple(getattr(slide, name)) if name else ()


def slide_text_chars(slide: Slide) -> int:
    """Characters of item text on a list slide, counting each field's longest language."""
    return sum(item_chars(item) for item in slide_items(slide))


def budget_for(slide: Slide) -> int | None:
    budgets = SLIDE_TEXT_BUDGETS.get(slide.kind)
    count = len(slide_items(slide))
    if not budgets or count == 0:
        return None
    return budgets[min(count, len(budgets)) - 1]

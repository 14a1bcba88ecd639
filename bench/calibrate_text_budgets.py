"""Find how much text each list slide can hold and still be read from two metres.

Run: python bench/calibrate_text_budgets.py [KIND ...]   (default: every list kind)
For every slide kind that declares a list of items (``kiosk.slides.slide_kind``'s
``items``) and every item count, fills each item's texts to the same share of
their max_chars and bisects for the largest share that every screen size
(1280×720, 1920×1080, 3840×2160, 1080×1920) still draws at readable sizes. Prints
the total characters at that share, per item count: each kind's ``budget`` holds
these figures (rounded down), and `kiosk validate` warns past them. Re-run after
changing a view's layout or the type floors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize

from kiosk.export import ensure_app
from kiosk.pack import load_pack
from kiosk.pack.fields import (
    QR_MAX_BYTES,
    Date,
    Field,
    Icon,
    ListOf,
    PlainText,
    QrTarget,
    Section,
    Text,
    WebAddress,
    shape_of,
)
from kiosk.pack.model import LocalText, Origin, PartialDate, Slide
from kiosk.paths import content_dir
from kiosk.slides import SlideKind, kinds
from kiosk.ui.slide_view import SlideContext, create_slide_view
from kiosk.ui.theme import UiTheme

SIZES = [QSize(1280, 720), QSize(1920, 1080), QSize(3840, 2160), QSize(1080, 1920)]
WORDS = [
    "trafficking",
    "victims",
    "detected",
    "support",
    "community",
    "report",
    "national",
    "protection",
    "children",
    "women",
    "labour",
    "identify",
    "frontline",
    "awareness",
]
ORIGIN = Origin(Path("calibration.yaml"), 1)
HEADING = LocalText.plain("Leaving people behind means")
# The longest address a pack may give: the densest QR code, the least room for text.
LONGEST_URL = "https://example.org/" + "a" * (QR_MAX_BYTES - len("https://example.org/"))


def text_of(length: int) -> str:
    out: list[str] = []
    index = 0
    while len(" ".join(out)) < length:
        out.append(WORDS[index % len(WORDS)])
        index += 1
    return " ".join(out)[: max(1, length)].rstrip()


def sample(declared: Field, share: float, index: int) -> Any:
    """A value for ``declared`` as long as ``share`` of what its kind allows."""
    kind = declared.kind
    if isinstance(kind, PlainText):
        return "1-888-373-7888"
    if isinstance(kind, Text):
        if declared.key == "value":
            return LocalText.plain("−27 %")  # a figure: short whatever its limit
        return LocalText.plain(text_of(round((kind.max_chars or 80) * share)))
    if isinstance(kind, Section):
        return build(kind.model, share, index)
    if isinstance(kind, Date):
        return PartialDate(2000 + index, 7, 30)
    if isinstance(kind, Icon):
        return "fa6s.people-group"
    if isinstance(kind, QrTarget):
        return LONGEST_URL
    if isinstance(kind, WebAddress):
        return "https://www.unodc.org"
    return declared.default_value()


def build(model: type, share: float, index: int) -> Any:
    return model(**{f.attribute: sample(f, share, index) for f in shape_of(model).fields})


def make_slide(kind: SlideKind, count: int, share: float) -> Slide:
    values: dict[str, Any] = {}
    for declared in kind.shape.fields:
        if declared.attribute == kind.items:
            assert isinstance(declared.kind, ListOf)
            values[declared.attribute] = tuple(
                build(declared.kind.model, share, i) for i in range(count)
            )
        elif isinstance(declared.kind, Text) and declared.key in ("heading", "intro"):
            values[declared.attribute] = HEADING
        else:
            values[declared.attribute] = declared.default_value()
    return kind.model(origin=ORIGIN, **values)


def readable_everywhere(slide: Slide, context: SlideContext) -> bool:
    for size in SIZES:
        view = create_slide_view(slide, context)
        view.resize(size)
        view.relayout(force=True)
        readable = view.fit_metrics.readable
        view.deleteLater()
        if not readable:
            return False
    return True


def main() -> None:
    ensure_app()
    import logging

    logging.disable(logging.WARNING)  # the views warn on every unreadable try
    pack = load_pack(content_dir() / "2023")
    context = SlideContext(pack, "en", UiTheme.from_pack(pack.theme))
    wanted = set(sys.argv[1:])
    for kind in kinds().values():
        if kind.items is None or (wanted and kind.name not in wanted):
            continue
        declared = kind.shape.field(kind.items)
        assert declared is not None
        assert isinstance(declared.kind, ListOf)
        items = declared.kind
        budgets: list[int] = []
        for count in range(items.minimum, items.maximum + 1):
            low, high = 0.0, 1.0
            if readable_everywhere(make_slide(kind, count, 1.0), context):
                low = 1.0
            else:
                for _ in range(7):
                    middle = (low + high) / 2
                    if readable_everywhere(make_slide(kind, count, middle), context):
                        low = middle
                    else:
                        high = middle
            budgets.append(kind.text_chars(make_slide(kind, count, low)))
        budgets = [budgets[0]] * (items.minimum - 1) + budgets
        print(f"{kind.name}: budget={tuple(budgets)!r}", flush=True)


if __name__ == "__main__":
    main()

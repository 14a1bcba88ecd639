"""Find how much text each list slide can hold and still be read from two metres.

Run: python bench/calibrate_text_budgets.py
For every slide kind with a list (facts, timeline, failures, resources) and every
item count, fills each item's texts to the same share of their max_chars and
bisects for the largest share that every screen size (1280×720, 1920×1080,
3840×2160, 1080×1920) still draws at readable sizes. Prints the total characters
at that share, per item count: kiosk/pack/spec.py's SLIDE_TEXT_BUDGETS holds these
figures (rounded down), and `kiosk validate` warns past them. Re-run after
changing a view's layout or the type floors.
"""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize

from kiosk.export import ensure_app
from kiosk.pack import load_pack
from kiosk.pack.budget import LIST_FIELDS, slide_text_chars
from kiosk.pack.i18n import LocalText
from kiosk.pack.model import (
    Event,
    Fact,
    FactsSlide,
    FailurePoint,
    FailuresSlide,
    Origin,
    PartialDate,
    Resource,
    ResourcesSlide,
    Slide,
    Source,
    TimelineSlide,
)
from kiosk.pack.spec import QR_MAX_BYTES, SLIDE_KINDS, SOURCE
from kiosk.paths import content_dir
from kiosk.ui.slides import create_slide_view
from kiosk.ui.slides.base import SlideContext
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
SOURCE_NAME = SOURCE.field("name")


def text_of(length: int) -> str:
    out: list[str] = []
    index = 0
    while len(" ".join(out)) < length:
        out.append(WORDS[index % len(WORDS)])
        index += 1
    return " ".join(out)[: max(1, length)].rstrip()


def field_text(kind: str, key: str, share: float) -> LocalText:
    list_field = SLIDE_KINDS[kind].field(LIST_FIELDS[kind])
    assert list_field is not None
    assert list_field.shape is not None
    nested = list_field.shape.field(key) or SOURCE_NAME
    assert nested.max_chars is not None
    return LocalText.plain(text_of(round(nested.max_chars * share)))


def make_slide(kind: str, count: int, share: float) -> Slide:
    def t(key: str) -> LocalText:
        return field_text(kind, key, share)

    source = Source(LocalText.plain(text_of(round(90 * share))), "https://www.unodc.org")
    if kind == "facts":
        items = tuple(Fact(LocalText.plain("−27 %"), t("label"), source) for _ in range(count))
        return FactsSlide(ORIGIN, None, HEADING, items)
    if kind == "timeline":
        events = tuple(
            Event(PartialDate(2000 + i, 7, 30), t("title"), source, t("detail"))
            for i in range(count)
        )
        return TimelineSlide(ORIGIN, None, HEADING, events)
    if kind == "failures":
        points = tuple(
            FailurePoint("fa6s.people-group", t("title"), t("action")) for _ in range(count)
        )
        return FailuresSlide(ORIGIN, None, HEADING, points)
    # The longest address a pack may give: the densest QR code, the least room for text.
    url = "https://example.org/" + "a" * (QR_MAX_BYTES - len("https://example.org/"))
    resources = tuple(
        Resource(t("name"), t("description"), url, "1-888-373-7888") for _ in range(count)
    )
    return ResourcesSlide(ORIGIN, None, HEADING, resources)


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
    print("SLIDE_TEXT_BUDGETS = {")
    for kind, name in LIST_FIELDS.items():
        list_field = SLIDE_KINDS[kind].field(name)
        assert list_field is not None
        assert list_field.max_items is not None
        budgets: list[int] = []
        for count in range(1, list_field.max_items + 1):
            if count < list_field.min_items:
                continue
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
            budgets.append(slide_text_chars(make_slide(kind, count, low)))
        budgets = [budgets[0]] * (list_field.min_items - 1) + budgets
        print(f"    {kind!r}: {tuple(budgets)!r},", flush=True)
    print("}")


if __name__ == "__main__":
    main()

"""How long laying out a deck takes: what the kiosk measures before it shows a slide.

Run: python bench/bench_deck.py
For each bundled pack at 1920x1080 and 1080x1920, in its default language: the time
to count every slide's pages and to fit every run of slides of one kind
(kiosk.ui.deck.Deck), as the window does once per pack, language, look and size,
the first time each slide is shown. Prints the median of three fresh decks and the
slowest slide's share of it.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize

from kiosk.pack.load import load_pack
from kiosk.paths import content_dir
from kiosk.ui.deck import Deck
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import SlideContext
from kiosk.ui.theme import UiTheme


def main() -> None:
    ensure_app()
    print("| pack | screen | whole deck (median of 3) | slowest slide |")
    print("|---|---|---|---|")
    for name in ("2023", "2024", "2025"):
        pack = load_pack(content_dir() / name)
        for width, height in ((1920, 1080), (1080, 1920)):
            totals, slowest = [], 0.0
            for _ in range(3):
                context = SlideContext(
                    pack,
                    pack.default_language,
                    UiTheme.from_pack(pack.theme),
                    screen=(width, height),
                )
                deck = Deck(context, QSize(width, height))
                start = time.perf_counter()
                for index in range(len(pack.slides)):
                    before = time.perf_counter()
                    deck.page(index, 1)
                    slowest = max(slowest, time.perf_counter() - before)
                totals.append(time.perf_counter() - start)
            print(
                f"| {name} | {width}×{height} | {statistics.median(totals) * 1000:.0f} ms "
                f"| {slowest * 1000:.0f} ms |"
            )


if __name__ == "__main__":
    main()

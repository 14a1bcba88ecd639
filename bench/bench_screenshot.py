"""What the kept screenshot costs: the grab on the UI thread, the encoding on the worker
thread, and the size of the file, for every slide of the bundled packs.

Run: python bench/bench_screenshot.py
Under QT_QPA_PLATFORM=offscreen, windows of 1920×1080 and 3840×2160. The grab is
the only part that holds up the UI thread (once a minute, and once per pack
change); target: well under one frame's worth of a transition's budget per minute.
The file must stay under ``kiosk.ui.screenshot.MAX_BYTES``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtWidgets import QApplication

from kiosk.options import RunOptions
from kiosk.pack.load import load_pack
from kiosk.paths import content_dir
from kiosk.ui.player import Player
from kiosk.ui.screenshot import MAX_BYTES, encode
from kiosk.ui.window import KioskWindow

SIZES = ((1920, 1080), (3840, 2160))
REPEATS = 5


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(
        f"{'window':>10} {'grab ms (median)':>17} {'encode ms (median)':>19} "
        f"{'largest file':>13}  limit {MAX_BYTES:,} bytes"
    )
    for width, height in SIZES:
        grabs: list[float] = []
        encodes: list[float] = []
        largest = 0
        for name in ("2023", "2024"):
            pack = load_pack(content_dir() / name)
            player = Player(pack, slide_seconds=3600)
            window = KioskWindow(player, RunOptions(windowed=(width, height)), hide_cursor=False)
            window.present()
            for index in range(player.count):
                player.go_to(index)
                window.transition.finish()
                app.processEvents()
                for _ in range(REPEATS):
                    started = time.perf_counter()
                    image = window.grab().toImage()
                    grabs.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    data = encode(image)
                    encodes.append((time.perf_counter() - started) * 1000)
                    largest = max(largest, len(data))
            window.shutdown()
            window.deleteLater()
            app.processEvents()
        print(
            f"{width}×{height:<5} {statistics.median(grabs):>17.1f} "
            f"{statistics.median(encodes):>19.1f} {largest:>13,}"
        )


if __name__ == "__main__":
    main()

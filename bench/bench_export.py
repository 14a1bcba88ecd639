"""How long `kiosk export` takes: the handout, the poster and the cards of each bundled pack.

Run: python bench/bench_export.py [--runs N]
Prints a table: the median of N runs (default 5) of each medium made (the PDFs in
memory, the cards written to files), in every language of the pack, and of the
whole command from a fresh process (Python, Qt and the pack loaded) making all three.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.media.cards import make_cards
from kiosk.media.handout import make_handout
from kiosk.media.page import Paper
from kiosk.media.poster import make_poster
from kiosk.pack.load import load_pack
from kiosk.paths import bundled_packs
from kiosk.ui.offscreen import ensure_app


def median_seconds(task: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def whole_command(pack: str, folder: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable, "-m", "kiosk", "export", pack, "--lang", "all",
            "--handout", str(folder / "h.pdf"), "--poster", str(folder / "p.pdf"),
            "--cards", str(folder / "cards"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    ensure_app()
    print(f"median of {runs} runs; every language of each pack")
    print("| pack | handout (pages) | poster | cards (files) | whole command, all three |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for path in bundled_packs():
            pack = load_pack(path)
            languages = list(pack.languages)
            pages = make_handout(pack, languages, Paper.A4).pages
            cards = len(make_cards(pack, languages, folder / "warm"))

            handout = partial(make_handout, pack, languages, Paper.A4)
            poster = partial(make_poster, pack, languages, Paper.A3)
            every_card = partial(make_cards, pack, languages, folder / "cards")
            command = statistics.median(whole_command(path.name, folder) for _ in range(runs))
            print(
                f"| {path.name} | {median_seconds(handout, runs):.2f} s ({pages}) "
                f"| {median_seconds(poster, runs):.2f} s "
                f"| {median_seconds(every_card, runs):.2f} s ({cards}) "
                f"| {command:.2f} s |"
            )


if __name__ == "__main__":
    main()

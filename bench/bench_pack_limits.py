"""What the loader costs at and past its limits: time and peak memory, each case alone.

Run: python bench/bench_pack_limits.py
Each case runs ``check_pack`` in a fresh process and prints its wall time, the peak
resident memory of that process (a bare interpreter with the loader imported is
the baseline) and what the loader said. The limits in kiosk.pack.yamlsafe
(MAX_VALUES, MAX_ITEMS) and kiosk.pack.problems (LISTED_PER_SEVERITY) are chosen
from these figures: the longest honest pack (3,600 slides) loads, and anything
bigger is refused in about a second with little memory.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from kiosk.paths import content_dir

PROBE = """
import resource, sys, time
from kiosk.pack.load import check_pack
started = time.perf_counter()
report = check_pack(sys.argv[1]) if sys.argv[1] != "-" else None
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if report is None:
    print(f"{elapsed:.2f}|{peak:.0f}|-")
else:
    first = report.errors[0].message[:70] if report.errors else "loads"
    print(f"{elapsed:.2f}|{peak:.0f}|{report.error_count} errors: {first}")
"""


def bundled_slides(count: int) -> str:
    text = (content_dir() / "2023" / "pack.yaml").read_text("utf-8")
    head, body = text.split("\nslides:\n", 1)
    blocks = ["  - type:" + block for block in body.split("\n  - type:")[1:]]
    return head + "\nslides:\n" + "\n".join(blocks[i % len(blocks)] for i in range(count))


def unknown_lists(keys: int, items: int) -> str:
    """The most values the limits let through: lists just under MAX_ITEMS under unknown keys."""
    return "".join(f"k{k}: [" + ",".join(["1"] * items) + "]\n" for k in range(keys))


CASES: list[tuple[str, Callable[[], str]]] = [
    ("bundled 2023 pack", lambda: (content_dir() / "2023" / "pack.yaml").read_text("utf-8")),
    ("1,000 slides", lambda: bundled_slides(1000)),
    ("3,600 slides (9 MB)", lambda: bundled_slides(3600)),
    ("20 MB flow list [1,1,...]", lambda: "slides: [" + "1," * 10_000_000 + "1]\n"),
    ("49 lists of 9,999 (490k values)", lambda: unknown_lists(49, 9_999)),
    ("10,000 problems", lambda: "slides:\n" + "  - type: title\n    titel: x\n" * 2500),
]


def main() -> None:
    print("check_pack in a fresh process per case, on this machine")
    print(f"{'case':<34} {'bytes':>12} {'seconds':>8} {'peak MB':>8}  result")
    baseline = subprocess.run(
        [sys.executable, "-c", PROBE, "-"], capture_output=True, text=True, check=True
    ).stdout.split("|")
    print(f"{'(interpreter and loader only)':<34} {'':>12} {'':>8} {baseline[1]:>8}")
    for name, make in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "pack"
            shutil.copytree(content_dir() / "2023" / "images", folder / "images")
            (folder / "pack.yaml").write_text(make(), "utf-8")
            size = (folder / "pack.yaml").stat().st_size
            out = subprocess.run(
                [sys.executable, "-c", PROBE, str(folder)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            seconds, peak, result = out.strip().split("|", 2)
            print(f"{name:<34} {size:>12,} {seconds:>8} {peak:>8}  {result}")


if __name__ == "__main__":
    main()

"""How long `kiosk validate` takes: the bundled pack, and a generated 1,000-slide pack.

Run: python bench/bench_validate.py
Prints a table. Targets: a normal pack well under a second; 1,000 slides under one second.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.pack.load import check_pack
from kiosk.paths import content_dir

RUNS = 5


def generate_pack(folder: Path, slides: int) -> Path:
    """A pack of ``slides`` slides cycling through every kind, from the bundled 2023 pack."""
    source = content_dir() / "2023"
    shutil.copytree(source / "images", folder / "images")
    text = (source / "pack.yaml").read_text("utf-8")
    head, body = text.split("\nslides:\n", 1)
    blocks = ["  - type:" + block for block in body.split("\n  - type:")[1:]]
    repeated = [blocks[i % len(blocks)] for i in range(slides)]
    (folder / "pack.yaml").write_text(head + "\nslides:\n" + "\n".join(repeated), "utf-8")
    return folder


def time_in_process(folder: Path) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        report = check_pack(folder)
        times.append(time.perf_counter() - started)
        assert not report.errors, report.errors[:3]
    return times


def time_command(folder: Path) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "kiosk", "validate", "-q", str(folder)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        big = generate_pack(Path(tmp) / "big", 1000)
        cases = [("bundled 2023 pack", content_dir() / "2023"), ("generated 1,000 slides", big)]
        print(f"kiosk validate, median of {RUNS} runs (min-max), on this machine")
        print(f"{'pack':<24} {'slides':>6} {'in process':>20} {'whole command':>20}")
        for name, folder in cases:
            pack = check_pack(folder).pack
            assert pack is not None
            inner, outer = time_in_process(folder), time_command(folder)
            print(f"{name:<24} {len(pack.slides):>6} {_fmt(inner):>20} {_fmt(outer):>20}")


def _fmt(times: list[float]) -> str:
    return f"{statistics.median(times):.3f}s ({min(times):.3f}-{max(times):.3f})"


if __name__ == "__main__":
    main()

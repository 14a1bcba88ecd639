"""A first start of this checkout against those of other checkouts, interleaved.

Run: python bench/compare_first_start.py OTHER_CHECKOUT... [--rounds 9] [--one-core]

Each OTHER_CHECKOUT is another working tree of the kiosk (``git worktree add /tmp/old
<commit>``), run with this environment's Python and packages. Each round times the
floor (bench_player's minimal PySide6 program), then a first start of each checkout's
2023 pack with a new state folder (no remembered first frame), full screen on
bench_player's 1920×1080 offscreen screen; it prints the medians and their ratios to
the floor. ``--one-core`` pins every program to one core, as on a machine with one.

A checkout with ``bench/first_paint_probe.py`` is timed through it; an older one
through the first-paint hook its app had then (``KIOSK_EXIT_AFTER_FIRST_PAINT``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from bench_player import FLOOR_PROGRAM, time_to_first_paint

HERE = Path(__file__).resolve().parent.parent
OLD_HOOK = "KIOSK_EXIT_AFTER_FIRST_PAINT"


def first_start(checkout: Path) -> tuple[list[str], dict[str, str]]:
    """The command and the environment it adds for a first start of ``checkout``'s
    2023 pack (given a new state folder by ``time_to_first_paint``)."""
    env = {"PYTHONPATH": str(checkout)}
    pack = str(checkout / "content" / "2023")
    probe = checkout / "bench" / "first_paint_probe.py"
    if probe.is_file():
        return [sys.executable, str(probe), "run", pack], env
    env[OLD_HOOK] = "1"
    script = Path(sys.executable).with_name("kiosk")  # as that checkout's bench ran it
    return ([str(script)] if script.is_file() else [sys.executable, "-m", "kiosk"]) + [
        "run",
        pack,
    ], env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("others", type=Path, nargs="+", help="other checkouts of the kiosk")
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--one-core", action="store_true", help="pin everything to one core")
    args = parser.parse_args()
    if args.one_core:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # inherited by each program
    checkouts = {"this": HERE}
    for number, other in enumerate(args.others, 1):
        checkouts[f"other {number}" if len(args.others) > 1 else "other"] = other.resolve()
    floor = [sys.executable, "-c", FLOOR_PROGRAM]
    times: dict[str, list[float]] = {"floor": [], **{name: [] for name in checkouts}}
    with tempfile.TemporaryDirectory() as tmp:
        # Untimed: warm file caches, and each checkout's modules compiled once.
        time_to_first_paint(floor)
        for name, checkout in checkouts.items():
            command, env = first_start(checkout)
            time_to_first_paint(command, Path(tmp) / f"warm-{name}", env)
        for round_number in range(args.rounds):
            times["floor"].append(time_to_first_paint(floor))
            for name, checkout in checkouts.items():
                command, env = first_start(checkout)
                state = Path(tmp) / f"{name}-{round_number}"
                times[name].append(time_to_first_paint(command, state, env))
    floor_median = statistics.median(times["floor"])
    cores = "one core" if args.one_core else f"{len(os.sched_getaffinity(0))} cores"
    print(f"first start, 2023 pack, 1920x1080 offscreen, {cores}, median of {args.rounds}")
    for name, values in times.items():
        median = statistics.median(values)
        where = "" if name == "floor" else f"  {checkouts[name]}"
        print(f"  {name:7s} {median * 1000:6.1f} ms  {median / floor_median:.2f} ×{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

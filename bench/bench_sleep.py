"""What the kiosk costs while its screen sleeps outside opening hours.

Starts the real ``kiosk`` command (Qt's offscreen platform, a 1920x1080 window, the
newest bundled pack) twice, each in a state folder of its own: once with opening
hours that leave it closed now, so it sleeps (black, no slide timer, no
screenshots), and once awake on a slide that stands still for an hour, for
comparison. Once each is settled (the status says asleep, or its first screenshot
is written), the process's CPU time (user + system, from /proc) is read over the
measuring period and printed as a share of one core.

    python bench/bench_sleep.py            # 60 s each
    python bench/bench_sleep.py --quick    # 10 s each
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def closed_now() -> str:
    """Opening hours that leave the kiosk closed now: one minute, three days away."""
    day = WEEKDAYS[(dt.date.today().weekday() + 3) % 7]
    return f"{day} 09:00-09:01"


def settled(state: Path, asleep: bool) -> bool:
    try:
        status = json.loads((state / "awareness-kiosk" / "status.json").read_text())
    except (OSError, ValueError):
        return False
    if asleep:
        return bool(status.get("asleep_until"))
    return (state / "awareness-kiosk" / "screenshot.jpg").exists()


def measure(asleep: bool, seconds: float) -> float:
    """The kiosk's CPU use, as a share of one core, once settled."""
    with tempfile.TemporaryDirectory() as home:
        state = Path(home) / "state"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_STATE_HOME": str(state),
            "XDG_CONFIG_HOME": str(Path(home) / "config"),
        }
        command = [sys.executable, "-m", "kiosk", "run", "--windowed", "1920x1080"]
        command += ["--slide-seconds", "3600"]
        if asleep:
            command += ["--opening-hours", closed_now()]
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            deadline = time.monotonic() + 60
            while not settled(state, asleep):
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("the kiosk did not settle within 60 s")
                time.sleep(0.2)
            time.sleep(2)  # the first minute's start-up work is over
            before, start = cpu_seconds(process.pid), time.monotonic()
            time.sleep(seconds)
            used, passed = cpu_seconds(process.pid) - before, time.monotonic() - start
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(30)
    return used / passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="measure 10 s each, not 60 s")
    args = parser.parse_args()
    seconds = 10.0 if args.quick else 60.0
    print(f"CPU of the kiosk process over {seconds:g} s, as a share of one core:")
    print("| state | CPU |")
    print("|---|---|")
    for label, asleep in (
        ("asleep (outside opening hours)", True),
        ("awake, a slide standing still", False),
    ):
        share = measure(asleep, seconds)
        print(f"| {label} | {share * 100:.3f} % |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What a reload of the running kiosk costs: time to hand a pack over, and memory kept.

Run: python bench/bench_reload.py [latency|memory|all]

latency: a PackWatcher (quiet period 0) on a copy of the bundled 2023 pack and on a
  generated 1,000-slide pack; pack.yaml is replaced RUNS times, and each time the
  figures are the time from "files settled" (the settle timer fires, the read
  starts) to the new pack handed over (``pack_loaded``), and the longest the event
  loop did not turn meanwhile (a 1 ms timer's longest gap: a slideshow held up).
  Median and spread of the runs.
memory: a real `kiosk run` (offscreen, its own state folder) on a pack.yaml of about
  19 MB (3,600 slides and comments): its resident memory after start, and after
  each of RELOADS reloads (each one waits for the status file to say it is done).

The figures are for whichever kiosk Python imports: to compare with another
version, put its folder first on PYTHONPATH.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_validate import generate_pack

import kiosk
from kiosk.paths import content_dir

RUNS = 7
SETTLE_MS = 300
RELOADS = 10
BIG_PACK_BYTES = 19_500_000


def replace_pack_file(folder: Path, mark: str) -> None:
    """A new pack.yaml, atomically, as rsync writes it: one change to notice."""
    pack_file = folder / "pack.yaml"
    text = pack_file.read_text("utf-8")
    text = text.split("\n# reload ", 1)[0] + f"\n# reload {mark}\n"
    part = folder / ".pack.yaml.part"
    part.write_text(text, "utf-8")
    os.replace(part, pack_file)


def latencies(folder: Path) -> list[tuple[float, float]]:
    """(settled -> handed over, the longest the UI thread did not turn meanwhile), seconds."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer

    from kiosk.ui.reload import PackWatcher

    QCoreApplication.instance() or QCoreApplication([])
    watcher = PackWatcher(folder, settle_ms=SETTLE_MS, poll_ms=2000, quiet_ms=0)
    # "Settled" is when the settle timer fires: noted first, before the watcher starts
    # its read (a coarse timer may fire a little early or late).
    settled: list[float] = []
    settle = watcher.findChild(QTimer, "reload-settle")
    settle.timeout.disconnect()
    settle.timeout.connect(lambda: settled.append(time.monotonic()))
    settle.timeout.connect(watcher._on_settled)
    handed_over: list[float] = []
    loop = QEventLoop()
    watcher.pack_loaded.connect(lambda _pack: (handed_over.append(time.monotonic()), loop.quit()))
    watcher.pack_failed.connect(lambda problems: sys.exit(f"failed: {problems[0]}"))
    # A tick every millisecond: the longest gap between two is the longest the event
    # loop (the slideshow, in the kiosk) was held up.
    ticks: list[float] = []
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.append(time.monotonic()))
    watcher.start()
    ticker.start()
    figures = []
    try:
        for run in range(RUNS):
            handed_over.clear()
            settled.clear()
            replace_pack_file(folder, str(run))
            QTimer.singleShot(120_000, loop.quit)
            loop.exec()
            if not handed_over:
                sys.exit("no pack handed over within 2 minutes")
            during = [t for t in ticks if settled[-1] <= t <= handed_over[0]]
            during = [settled[-1], *during, handed_over[0]]
            stall = max(later - earlier for earlier, later in itertools.pairwise(during))
            figures.append((handed_over[0] - settled[-1], stall))
            # Let the folder settle before the next change.
            QTimer.singleShot(3 * SETTLE_MS, loop.quit)
            loop.exec()
            ticks.clear()
    finally:
        watcher.stop()
    return figures


def bench_latency() -> None:
    print(f"kiosk from {Path(kiosk.__file__).parent}")
    print(f"median of {RUNS} (min-max), ms   settled -> handed over   longest UI stall")
    for name, make in (
        ("bundled 2023 pack", lambda f: shutil.copytree(content_dir() / "2023", f)),
        ("1,000 slides", lambda f: generate_pack(f, 1000)),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "pack"
            make(folder)
            runs = latencies(folder)
            took = [1000 * t for t, _ in runs]
            stalls = [1000 * s for _, s in runs]
            print(
                f"  {name:<20} {statistics.median(took):7.0f} ({min(took):.0f}-{max(took):.0f})"
                f"   {statistics.median(stalls):7.0f} ({min(stalls):.0f}-{max(stalls):.0f})"
            )


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def read_status(state: Path) -> dict[str, object]:
    try:
        return dict(json.loads((state / "awareness-kiosk" / "status.json").read_text("utf-8")))
    except (OSError, ValueError):
        return {}


def wait_for(what: str, condition: object, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.1)


def bench_memory() -> None:
    print(f"kiosk from {Path(kiosk.__file__).parent}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate_pack(Path(tmp) / "pack", 3600)
        pack_file = folder / "pack.yaml"
        text = pack_file.read_text("utf-8")
        padding = "# " + "padding " * 12 + "\n"
        text += padding * ((BIG_PACK_BYTES - len(text)) // len(padding))
        pack_file.write_text(text, "utf-8")
        size = pack_file.stat().st_size
        state = Path(tmp) / "state"
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_STATE_HOME": str(state),
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
            # The kiosk this script imports, not one in the current folder.
            "PYTHONPATH": os.pathsep.join(
                [str(Path(kiosk.__file__).parent.parent), os.environ.get("PYTHONPATH", "")]
            ),
        }
        command = [sys.executable, "-m", "kiosk", "run", str(folder), "--windowed", "640x360"]
        command += ["--slide-seconds", "2"]
        log_file = Path(tmp) / "kiosk.err"
        with log_file.open("wb") as err:
            process = subprocess.Popen(
                command, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=err
            )
        try:
            wait_for("the kiosk to start", lambda: read_status(state).get("pid") == process.pid)
            time.sleep(5)
            start = resident_mb(process.pid)
            print(f"pack.yaml {size / 1e6:.1f} MB; kiosk resident after start: {start:.0f} MB")
            for reload in range(RELOADS):
                before = read_status(state).get("pack_version")
                replace_pack_file(folder, str(reload))
                wait_for(
                    "the reloaded pack on screen",
                    lambda b=before: read_status(state).get("pack_version") not in (None, b),
                )
                status = read_status(state)
                if status.get("last_reload_ok") is not True:
                    sys.exit(f"reload failed: {status.get('last_reload_problems')}")
                now = resident_mb(process.pid)
                print(f"  after reload {reload + 1:2}: {now:5.0f} MB  (+{now - start:.0f} MB)")
        finally:
            process.terminate()
            process.wait(30)
        for line in log_file.read_text("utf-8", "replace").splitlines():
            if "longest pause" in line:
                print(" ", line.split(": ", 1)[1])


def main() -> None:
    which = sys.argv[1] if len(sys.argv) > 1 else "all"
    if which in ("latency", "all"):
        bench_latency()
    if which in ("memory", "all"):
        bench_memory()


if __name__ == "__main__":
    main()

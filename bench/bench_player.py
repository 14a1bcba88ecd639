"""How the player performs: start-up, transition frames, idle CPU, memory, rendering.

Run: python bench/bench_player.py [--quick]
Everything runs under QT_QPA_PLATFORM=offscreen (no display needed; the numbers
then exclude the GPU and compositor, which a real screen adds to both the kiosk
and the floor). Prints one table, measured on this machine in this run:

1. process start → first slide painted, ``kiosk run`` full screen (its entry point
   run by bench/first_paint_probe.py, which notices the first frame from outside the
   app) against the floor for any Qt app: a minimal PySide6 program showing one fullscreen label.
   Both on the same 1920×1080 offscreen screen (the offscreen platform's config
   file), so both paint the same number of pixels. Median of 9 runs each, for a
   first start and for a restart (which paints the remembered first frame).
   Target: kiosk ≤ 1.3 × floor. Two reference programs show what any first start
   of a YAML-driven PySide6 slide must pay at least: the floor that also reads
   pack.yaml, and that plus PySide6's Qt enum namespace (built whole on first use);
   a third, the floor with the probe's import hook installed, shows what the probe
   itself adds.
2. paint time of the transition widget during 1920×1080 crossfades, and of the
   whole window frame. Target: p95 < 16.7 ms (60 frames a second).
3. CPU while a slide stands still between transitions, over 5 s. Target: < 1 %
   of one core.
4. resident memory after 1,000 transitions against after 10. Target: within 10 MB.
5. ``kiosk.export.render_pack`` of the 2023 pack at 1920×1080, time per slide.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from first_paint_probe import MARK as FIRST_PAINT_MARK
from PySide6.QtCore import QEventLoop, QSize, QTimer

from kiosk.export import render_pack
from kiosk.options import RunOptions
from kiosk.pack.load import load_pack
from kiosk.paths import content_dir
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.player import Player
from kiosk.ui.transition import TransitionView
from kiosk.ui.window import KioskWindow

PROBE = Path(__file__).with_name("first_paint_probe.py")

WIDTH, HEIGHT = 1920, 1080
TARGET_FRAME_MS = 1000 / 60

FLOOR_LABEL = 'label = QLabel("World Day against Trafficking in Persons")'


def floor_program(before_qt: str = "", label: str = FLOOR_LABEL) -> str:
    """The floor: the least a PySide6 widgets program does to get pixels on screen,
    timed exactly as the kiosk is (a zero timer after the first paint event).
    ``before_qt`` and ``label`` let the reference programs add to it."""
    return f"""
import sys, time
{before_qt}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, report)
        return False

def report():
    sys.stdout.write("{FIRST_PAINT_MARK} %.6f\\n" % time.monotonic())
    sys.stdout.flush()
    QApplication.exit(0)

app = QApplication(sys.argv[:1])
{label}
watcher = FirstPaint()
label.installEventFilter(watcher)
label.showFullScreen()
sys.exit(app.exec())
"""


FLOOR_PROGRAM = floor_program()


def floor_plus(pack_file: Path, *, qt_enums: bool) -> str:
    """The floor that also reads ``pack_file`` with PyYAML's C loader (and, with
    ``qt_enums``, touches the ``Qt`` namespace, as any label alignment or cursor
    shape does: PySide6 then builds all of its ~100 enums at once).

    Not a kiosk: what any first start of a YAML-driven PySide6 slide must pay at
    least, to show how much of the 1.3 × budget is left for the slide itself."""
    # Read before PySide6 is imported, as the kiosk does (see kiosk.frame_key).
    read = (
        f"import yaml\nwith open({str(pack_file)!r}, 'rb') as f:\n"
        "    data = yaml.load(f, Loader=yaml.CSafeLoader)"
    )
    label = "label = QLabel(str(data.get('title')))"
    if qt_enums:
        label = (
            "from PySide6.QtCore import Qt\n"
            + label
            + "\nlabel.setAlignment(Qt.AlignmentFlag.AlignCenter)"
        )
    return floor_program(read, label)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def rss_mb() -> float:
    """Resident memory of this process now (Linux /proc), in MB."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- 1. start-up -----------------------------------------------------------------


SCREEN_CONFIG = {
    "screens": [
        {
            "name": "bench",
            "x": 0,
            "y": 0,
            "width": WIDTH,
            "height": HEIGHT,
            "logicalDpiX": 96,
            "logicalDpiY": 96,
            "dpr": 1,
        }
    ]
}


def kiosk_command() -> list[str]:
    """The ``kiosk`` command's entry point, run by the probe (as the installed
    ``kiosk`` script runs it), which prints when the first frame is on screen."""
    return [sys.executable, str(PROBE)]


def floor_under_probe() -> str:
    """The floor with the probe's import hook installed first: what the probe adds."""
    hook = (
        f"sys.path.insert(0, {str(PROBE.parent)!r})\n"
        "import first_paint_probe\n"
        "first_paint_probe.install()"
    )
    return floor_program(hook)


def time_to_first_paint(
    command: list[str], state_home: Path | None = None, extra_env: Mapping[str, str] | None = None
) -> float:
    """Seconds from starting ``command`` to the first-paint mark it prints, on the
    benchmark's screen, with ``extra_env`` added to this environment."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as config:
        json.dump(SCREEN_CONFIG, config)
    env = dict(os.environ, **(extra_env or {}))
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config.name}"
    # As installed: pip compiles every module once, so no start compiles one again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if state_home is not None:
        env["XDG_STATE_HOME"] = str(state_home)
    started = time.monotonic()
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    os.unlink(config.name)
    marks = [line for line in result.stdout.splitlines() if line.startswith(FIRST_PAINT_MARK)]
    if result.returncode != 0 or not marks:
        raise RuntimeError(f"{command} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return float(marks[-1].split()[1]) - started


def bench_startup(runs: int, pack: Path) -> dict[str, float]:
    """Medians: the floor; the kiosk cold (a new state folder: no remembered first
    frame, so the real window paints first); the kiosk warm (restarting with the same
    pack and options, as a kiosk does every morning: the remembered frame paints)."""
    kiosk = [*kiosk_command(), "run", str(pack)]
    floor = [sys.executable, "-c", FLOOR_PROGRAM]
    references = {
        "floor+yaml": [sys.executable, "-c", floor_plus(pack / "pack.yaml", qt_enums=False)],
        "floor+yaml+Qt": [sys.executable, "-c", floor_plus(pack / "pack.yaml", qt_enums=True)],
        "floor+probe": [sys.executable, "-c", floor_under_probe()],
    }
    with tempfile.TemporaryDirectory() as tmp:
        warm_state = Path(tmp) / "warm"
        # Untimed runs, so everything starts with warm file caches; the kiosk's also
        # leaves its first frame in warm_state.
        time_to_first_paint(kiosk, warm_state)
        time_to_first_paint(floor)
        for command in references.values():
            time_to_first_paint(command)
        times: dict[str, list[float]] = {
            "floor": [],
            "cold": [],
            "warm": [],
            **{name: [] for name in references},
        }
        for run in range(runs):  # interleaved, so a busy moment hits all alike
            times["floor"].append(time_to_first_paint(floor))
            for name, command in references.items():
                times[name].append(time_to_first_paint(command))
            times["cold"].append(time_to_first_paint(kiosk, Path(tmp) / f"cold{run}"))
            times["warm"].append(time_to_first_paint(kiosk, warm_state))
    return {name: statistics.median(values) for name, values in times.items()}


# -- 2-4. in this process ----------------------------------------------------------


class Stage:
    """A kiosk window at 1920×1080 in this process, with ways to drive it."""

    def __init__(
        self,
        pack_folder: Path,
        *,
        transition_ms: int | None = None,
        slide_seconds: float | None = None,
    ) -> None:
        pack = load_pack(pack_folder)
        if transition_ms is not None:
            pack = dataclasses.replace(
                pack, timing=dataclasses.replace(pack.timing, transition_ms=transition_ms)
            )
        self.player = Player(pack, slide_seconds=slide_seconds)
        self.window = KioskWindow(self.player, RunOptions(windowed=(WIDTH, HEIGHT)))
        self.window.present()
        self.run_for(200)  # shown and painted

    def run_for(self, ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def run_until(self, done: Callable[[], bool], timeout_s: float = 600) -> None:
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda: loop.quit() if done() else None)
        poll.start(5)
        deadline = time.monotonic() + timeout_s
        while not done() and time.monotonic() < deadline:
            loop.exec()
        poll.stop()

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self.run_for(50)


def bench_frames(pack: Path, transitions: int) -> dict[str, list[float]]:
    """Paint times of the transition widget, and of whole window frames."""
    widget_ms: list[float] = []
    original_paint = TransitionView.paintEvent

    def timed_paint(self: TransitionView, event: object) -> None:
        started = time.perf_counter()
        original_paint(self, event)  # type: ignore[arg-type]
        widget_ms.append((time.perf_counter() - started) * 1000)

    TransitionView.paintEvent = timed_paint  # type: ignore[method-assign]
    try:
        stage = Stage(pack)
        prepare_ms: list[float] = []
        window_ms: list[float] = []
        for _ in range(transitions):
            # Live: what the animation paints at its own pace.
            started = time.perf_counter()
            stage.player.next()
            prepare_ms.append((time.perf_counter() - started) * 1000)
            stage.run_until(lambda: not stage.window.transition.is_running)
        for _ in range(3):
            # Whole frames, synchronously: window + transition widget + progress dots,
            # composed into the backing store, at evenly spaced points.
            stage.player.next()
            animation = stage.window.transition.animation
            animation.pause()
            for step in range(20):
                animation.setCurrentTime((animation.duration() - 1) * step // 19)
                started = time.perf_counter()
                stage.window.repaint()
                window_ms.append((time.perf_counter() - started) * 1000)
            stage.window.transition.finish()
        stage.close()
    finally:
        TransitionView.paintEvent = original_paint  # type: ignore[method-assign]
    return {"widget": widget_ms, "window": window_ms, "prepare": prepare_ms}


def bench_idle_cpu(pack: Path, seconds: float) -> float:
    """Share of one core used while a slide stands still."""
    stage = Stage(pack, slide_seconds=600)
    stage.player.start()
    stage.player.next()  # a transition, then stillness
    stage.run_until(lambda: not stage.window.transition.is_running)
    stage.run_for(300)
    cpu_before, wall_before = time.process_time(), time.monotonic()
    stage.run_for(round(seconds * 1000))
    cpu = time.process_time() - cpu_before
    wall = time.monotonic() - wall_before
    stage.player.stop()
    stage.close()
    return cpu / wall


def bench_memory(pack: Path, total: int) -> dict[str, float]:
    """RSS after 10 transitions and after ``total``, transitions as fast as they go."""
    stage = Stage(pack, transition_ms=1)
    done = {"count": 0}
    readings: dict[str, float] = {}
    started = time.monotonic()

    def settle_and_read() -> float:
        # Views are deleted with deleteLater: let the loop run so they really go.
        stage.run_for(50)
        gc.collect()
        stage.run_for(50)
        return rss_mb()

    def on_finished() -> None:
        done["count"] += 1
        if done["count"] < total and done["count"] != 10:
            QTimer.singleShot(0, stage.player.next)

    stage.window.transition.finished.connect(on_finished)
    stage.player.next()
    stage.run_until(lambda: done["count"] >= 10)
    readings["after 10"] = settle_and_read()
    stage.player.next()
    stage.run_until(lambda: done["count"] >= total)
    readings[f"after {total}"] = settle_and_read()
    readings["seconds"] = time.monotonic() - started
    stage.close()
    return readings


def bench_render(pack_folder: Path) -> dict[str, float]:
    pack = load_pack(pack_folder)
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        written = render_pack(pack, Path(out), QSize(WIDTH, HEIGHT))
        elapsed = time.perf_counter() - started
    return {"slides": len(written), "per slide": elapsed / max(1, len(written))}


# -- the table ---------------------------------------------------------------------


def row(name: str, value: str, target: str, ok: bool | None) -> None:
    verdict = "" if ok is None else ("ok" if ok else "MISSED")
    print(f"  {name:<62} {value:>24}  {target:<18} {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer runs and transitions (a smoke test, not a measurement)",
    )
    args = parser.parse_args()
    pack = content_dir() / "2023"
    runs, frame_transitions, memory_total, idle_s = (
        (2, 3, 30, 1.0) if args.quick else (9, 12, 1000, 5.0)
    )

    startup = bench_startup(runs, pack)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the application is made
    ensure_app()
    idle = bench_idle_cpu(pack, idle_s)
    frames = bench_frames(pack, frame_transitions)
    memory = bench_memory(pack, memory_total)
    render = bench_render(pack)

    print(
        f"bench_player — QT_QPA_PLATFORM=offscreen, {WIDTH}x{HEIGHT}, pack {pack.name}, "
        f"Python {sys.version.split()[0]}"
    )
    row("start → first paint, minimal PySide6 label", f"{startup['floor'] * 1000:.0f} ms", "", None)
    for name, what in (
        ("floor+yaml", "the floor + reading pack.yaml (reference)"),
        ("floor+yaml+Qt", "  … + the Qt enum namespace (reference)"),
        ("floor+probe", "the floor under the probe's import hook"),
    ):
        ratio = startup[name] / startup["floor"]
        row(
            f"start → first paint, {what}",
            f"{startup[name] * 1000:.0f} ms ({ratio:.2f} ×)",
            "",
            None,
        )
    for name, what in (("cold", "first start"), ("warm", "restart (remembered frame)")):
        ratio = startup[name] / startup["floor"]
        row(f"start → first paint, kiosk {what}", f"{startup[name] * 1000:.0f} ms", "", None)
        row(f"  ratio to the floor, {name}", f"{ratio:.2f} ×", "≤ 1.3 ×", ratio <= 1.3)
    widget, window = frames["widget"], frames["window"]
    row(
        f"transition widget paint, p50 / p95 (n={len(widget)})",
        f"{percentile(widget, 0.5):.1f} / {percentile(widget, 0.95):.1f} ms",
        "p95 < 16.7 ms",
        percentile(widget, 0.95) < TARGET_FRAME_MS,
    )
    row(
        f"whole window frame, p50 / p95 (n={len(window)})",
        f"{percentile(window, 0.5):.1f} / {percentile(window, 0.95):.1f} ms",
        "p95 < 16.7 ms",
        percentile(window, 0.95) < TARGET_FRAME_MS,
    )
    row(
        "transition start: build + render incoming, p50",
        f"{percentile(frames['prepare'], 0.5):.0f} ms",
        "(one-off per slide)",
        None,
    )
    row(
        f"CPU while a slide stands still ({idle_s:.0f} s)",
        f"{idle * 100:.2f} % of a core",
        "< 1 %",
        idle < 0.01,
    )
    after_small, after_big = memory["after 10"], memory[f"after {memory_total}"]
    row("RSS after 10 transitions", f"{after_small:.1f} MB", "", None)
    row(
        f"RSS after {memory_total} transitions ({memory['seconds']:.0f} s)",
        f"{after_big:.1f} MB ({after_big - after_small:+.1f})",
        "within +10 MB",
        after_big - after_small <= 10,
    )
    row(
        f"render 2023 pack ({render['slides']:.0f} slides), per slide",
        f"{render['per slide'] * 1000:.0f} ms",
        "",
        None,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Soak: the real kiosk on a private X server for thousands of transitions, watched
from outside; prints how its memory, threads, open files and CPU grow.

Run: python bench/soak.py [--quick] [--transitions N] [--pack DIR] [--mode touch]
                          [--slide-seconds S] [-- MORE 'kiosk run' OPTIONS]

What runs: the installed ``kiosk run PACK`` command, full screen, as autostart starts
it (and restarted as autostart does after a crash: non-zero exit, 3 s later), on a
private Xvfb (``-displayfd``, so parallel runs never clash; ``QT_QPA_PLATFORM=xcb``),
with a private session bus and private ``XDG_STATE_HOME``/``XDG_CONFIG_HOME``/
``XDG_RUNTIME_DIR`` in a temporary folder, so nothing of this machine's kiosk is read
or written. The benchmark adds nothing to the kiosk: no hook, no test build; only
PYTHONFAULTHANDLER=1, the interpreter's own switch, so that a crash or the SIGABRT
sent to a stalled kiosk prints every thread's Python traceback into its output.

Timing: the fastest the app allows while the pack's transition still runs to its end:
``--slide-seconds`` is the transition's length plus 0.3 s (the time to build and
render the incoming slide first), and never below 0.5 s, the least the command takes.
At 0.5 s a 700 ms transition would always be cut short by the next one, which is a
different code path (pass ``--slide-seconds 0.5`` to soak that one).

Counting transitions from outside: the kiosk logs nothing per slide, so the benchmark
reads the screen as a camera would. Xvfb keeps its framebuffer in a file
(``-fbdir``); the progress dots show which slide is current (one dot in the accent
colour), and each step of that dot is one transition begun. Where the dots are is
asked once of the real window code, built at the same size on the same display by
a short separate process. Polled 4+ times per slide, no step is missed unless the
benchmark itself stalls for a whole deck. When the dots cannot be read (a one-slide
deck, a bar instead of dots, a look that hides them), the count falls back to
elapsed time / slide time and the output says so; the table also shows that
estimate beside the counted figure.

A kiosk whose dot stops moving for 30 s (or 10 slides) while its process lives is
reported stalled, with what it was doing (its threads' states, the machine's load and
memory pressure, its Python tracebacks), ended with SIGABRT and restarted, as a UI
watchdog and autostart would have it. An X server that exits ends the run.

Samples, every ``--sample-every`` transitions, from /proc of the kiosk process:
PSS (smaps_rollup), RSS, threads, open file descriptors, CPU time (user + system),
and USS (the private part of PSS): PSS also moves when other programs on the machine
start or stop sharing a library with the kiosk, USS only with the kiosk itself.
Growth per 1,000 transitions is the least-squares slope after ``--warm-up``
transitions (10 % of the run by default), over the samples of the last kiosk
process if it had to be restarted.

At the end the kiosk gets SIGTERM (then SIGKILL after 10 s) and the X server, bus and
temporary folder go. Exit status: 0 when the kiosk ran the whole way without a
crash, a stall or stopping by itself; 1 otherwise; 2 for a bad argument.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Literal

WIDTH, HEIGHT = 1920, 1080
QUICK_TRANSITIONS = 200
DEFAULT_TRANSITIONS = 10_000
# Building and rendering the incoming slide happens inside the slide's time (the
# autoplay timer is armed first), so the transition needs this much more to end.
TRANSITION_MARGIN_S = 0.3
MIN_SLIDE_SECONDS = 0.5  # kiosk.cli._seconds refuses less
STALL_SECONDS = 30.0  # a kiosk's screen this still, with slides to show, is a dead one
STOP_GRACE_S = 10.0
FIRST_SLIDE_TIMEOUT_S = 60.0
# Sum of |ΔR| + |ΔG| + |ΔB|: the accent dot is read as on within this of the colour
# learnt at start, and the learnt colour must stand this far from the other dots.
ON_TOLERANCE = 30
ON_SEPARATION = 60


def kiosk_command() -> list[str]:
    """The ``kiosk`` command as installed (what organisers and autostart run), else
    ``python -m kiosk``."""
    script = Path(sys.executable).with_name("kiosk")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "kiosk"]


# -- figures -----------------------------------------------------------------------


def least_squares_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Slope of the least-squares line through (xs, ys); 0 with fewer than two
    distinct xs (no growth can be told from one point)."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys differ in length")
    n = len(xs)
    if n < 2:
        return 0.0
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def steps_forward(previous: int, current: int, count: int) -> int:
    """How many slides the deck moved forward from ``previous`` to ``current`` in a
    deck of ``count`` that wraps round (autoplay only ever moves forward)."""
    return (current - previous) % count


@dataclasses.dataclass(frozen=True)
class Sample:
    transitions: int
    seconds: float
    run: int  # which kiosk process: 0, then 1 after the first restart...
    pss_kb: int
    uss_kb: int
    rss_kb: int
    threads: int
    fds: int
    cpu_s: float
    # The machine at that moment, for reading the figures on a shared machine: the
    # 1-minute load average, memory available, and the share of the last 10 s in
    # which some task waited for memory (Linux pressure stall information).
    load: float = 0.0
    available_mb: float = 0.0
    memory_stall: float = 0.0


MEASURES: tuple[tuple[str, str, float], ...] = (
    # attribute, label, divisor for the printed unit
    ("pss_kb", "PSS (MB)", 1024),
    ("uss_kb", "USS (MB)", 1024),
    ("rss_kb", "RSS (MB)", 1024),
    ("threads", "threads", 1),
    ("fds", "open fds", 1),
    ("cpu_s", "CPU time (s)", 1),
)


def read_process(pid: int, transitions: int, seconds: float, run: int) -> Sample | None:
    """The figures of process ``pid`` now, from /proc; None when it is gone."""
    proc = Path("/proc") / str(pid)
    try:
        rollup = (proc / "smaps_rollup").read_text()
        status = (proc / "status").read_text()
        stat = (proc / "stat").read_text()
        fds = len(os.listdir(proc / "fd"))
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return None  # gone, or a zombie whose memory is already freed
    # Fields after the command name, which may itself hold spaces or ")".
    fields = stat[stat.rindex(")") + 2 :].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15)
    load, available_mb, memory_stall = machine_now()
    return Sample(
        transitions=transitions,
        seconds=seconds,
        run=run,
        load=load,
        available_mb=available_mb,
        memory_stall=memory_stall,
        pss_kb=_kb_field(rollup, "Pss:"),
        uss_kb=_kb_field(rollup, "Private_Clean:") + _kb_field(rollup, "Private_Dirty:"),
        rss_kb=_kb_field(status, "VmRSS:"),
        threads=int(_kb_field(status, "Threads:")),
        fds=fds,
        cpu_s=ticks / os.sysconf("SC_CLK_TCK"),
    )


def machine_now() -> tuple[float, float, float]:
    """(1-minute load average, MB of memory available, % of time stalled on memory)."""
    available = _kb_field(Path("/proc/meminfo").read_text(), "MemAvailable:") / 1024
    try:
        some = Path("/proc/pressure/memory").read_text().splitlines()[0]
        stall = float(some.split()[1].removeprefix("avg10="))
    except (OSError, IndexError, ValueError):
        stall = float("nan")  # a kernel without pressure stall information
    return os.getloadavg()[0], available, stall


def _kb_field(text: str, name: str) -> int:
    for line in text.splitlines():
        if line.startswith(name):
            return int(line.split()[1])
    raise ValueError(f"no {name} in /proc")


# -- the screen, read from Xvfb's framebuffer file ------------------------------------


class Framebuffer:
    """Pixels of an Xvfb screen kept in a file (``Xvfb -fbdir``), in XWD format."""

    HEADER = struct.Struct(">25I")

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_RDONLY)
        header = dict(
            zip(
                (
                    "header_size",
                    "file_version",
                    "format",
                    "depth",
                    "width",
                    "height",
                    "xoffset",
                    "byte_order",
                    "bitmap_unit",
                    "bitmap_bit_order",
                    "bitmap_pad",
                    "bits_per_pixel",
                    "bytes_per_line",
                    "visual_class",
                    "red_mask",
                    "green_mask",
                    "blue_mask",
                    "bits_per_rgb",
                    "colormap_entries",
                    "ncolors",
                ),
                self.HEADER.unpack(os.pread(self._fd, self.HEADER.size, 0)),
                strict=False,
            )
        )
        if header["bits_per_pixel"] != 32:
            raise ValueError(f"Xvfb framebuffer of {header['bits_per_pixel']} bits a pixel")
        self.width, self.height = header["width"], header["height"]
        self._line = header["bytes_per_line"]
        self._start = header["header_size"] + header["ncolors"] * 12  # XWDColor: 12 bytes
        self._order: Literal["little", "big"] = "little" if header["byte_order"] == 0 else "big"
        self._masks = [
            (mask, (mask & -mask).bit_length() - 1)
            for mask in (header["red_mask"], header["green_mask"], header["blue_mask"])
        ]

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        raw = os.pread(self._fd, 4, self._start + y * self._line + x * 4)
        value = int.from_bytes(raw, self._order)
        red, green, blue = ((value & mask) >> shift for mask, shift in self._masks)
        return red, green, blue

    def close(self) -> None:
        os.close(self._fd)


def colour_distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> int:
    return sum(abs(p - q) for p, q in zip(a, b, strict=True))


# Run in a separate process on the soak's display: where the real window puts the
# progress dots at this size and in this mode. The centres follow
# ProgressIndicator.paintEvent; if that drifts, reading the dots fails its checks and
# the count falls back to time, saying so.
DOTS_PROGRAM = """
import json, sys
from PySide6.QtWidgets import QApplication
from kiosk.options import RunOptions
from kiosk.pack.load import load_pack
from kiosk.ui.player import Player
from kiosk.ui.widgets import progress
from kiosk.ui.window import KioskWindow

folder, mode, width, height = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
app = QApplication(sys.argv[:1])
player = Player(load_pack(folder), mode=mode)
window = KioskWindow(player, RunOptions(windowed=(width, height)), hide_cursor=False)
window.present()
for _ in range(20):
    app.processEvents()
strip = window.progress.geometry()
count = player.count
unit = strip.height() / progress.STRIP_HEIGHT
diameter = max(3.0, unit * progress.DOT_DIAMETER)
pitch = diameter * progress.DOT_PITCH
row = pitch * (count - 1) + diameter
centres = []
# MAX_ROW_WIDTH is the event-mode limit; touch mode allows a wider row, so a deck
# near the limit is counted from time there rather than read wrongly.
if count > 1 and row <= strip.width() * progress.MAX_ROW_WIDTH:
    left = strip.x() + (strip.width() - row) / 2
    y = round(strip.y() + strip.height() / 2 - 0.5)
    centres = [[round(left + i * pitch + diameter / 2 - 0.5), y] for i in range(count)]
print(json.dumps({"count": count, "centres": centres}))
window.shutdown()
"""


class SlideReader:
    """Which slide the progress dots say is current, read off the framebuffer."""

    def __init__(self, framebuffer: Framebuffer, centres: list[tuple[int, int]]) -> None:
        self._framebuffer = framebuffer
        self.centres = centres
        self.on_colour: tuple[int, int, int] | None = None

    @property
    def count(self) -> int:
        return len(self.centres)

    def learn_first_slide(self) -> bool:
        """At start the first slide is current: its dot's colour is the 'on' colour.
        True once the dot stands clearly apart from all the others."""
        colours = [self._framebuffer.pixel(x, y) for x, y in self.centres]
        first, others = colours[0], colours[1:]
        if min(colour_distance(first, other) for other in others) < ON_SEPARATION:
            return False  # not painted yet, or no dots where we look
        self.on_colour = first
        return True

    def painted(self) -> bool:
        """Something other than the X server's black root is where the dots go."""
        return any(self._framebuffer.pixel(x, y) != (0, 0, 0) for x, y in self.centres)

    def current(self) -> int | None:
        """The index of the dot in the 'on' colour; None when no single dot is."""
        assert self.on_colour is not None
        near = [
            i
            for i, (x, y) in enumerate(self.centres)
            if colour_distance(self._framebuffer.pixel(x, y), self.on_colour) <= ON_TOLERANCE
        ]
        return near[0] if len(near) == 1 else None


# -- the private desktop and the kiosk -----------------------------------------------


@dataclasses.dataclass(frozen=True)
class XServer:
    process: subprocess.Popen[bytes]
    display: str  # for DISPLAY
    framebuffer: Path


@contextmanager
def private_display(folder: Path, size: tuple[int, int]) -> Iterator[XServer]:
    """An Xvfb of ``size`` keeping its framebuffer in a file in ``folder``."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("soak: Xvfb is not installed (apt-get install xvfb)")
    read, write = os.pipe()
    # -br: a black root until the kiosk paints, so no dot is read from the root weave.
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write),
            "-screen",
            "0",
            f"{size[0]}x{size[1]}x24",
            "-nolisten",
            "tcp",
            "-br",
            "-fbdir",
            str(folder),
        ],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        # Xvfb writes the number and the newline separately, and exits on a broken
        # pipe: read up to the newline, and keep the pipe open while it runs.
        answer = b""
        deadline = time.monotonic() + 30
        while not answer.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(read, 64) if ready else b""
            if not chunk:
                break
            answer += chunk
        if not answer.endswith(b"\n"):
            raise SystemExit("soak: Xvfb did not start")
        yield XServer(server, f":{answer.decode().strip()}", folder / "Xvfb_screen0")
    finally:
        _end(server)
        os.close(read)


@contextmanager
def private_session_bus() -> Iterator[str | None]:
    """A session bus, as a desktop has (the kiosk asks it to keep the screen on);
    None when dbus-daemon is not installed."""
    if shutil.which("dbus-daemon") is None:
        yield None
        return
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--print-address=1", "--nofork", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    try:
        ready, _, _ = select.select([daemon.stdout], [], [], 10)
        yield (daemon.stdout.readline().strip() or None) if ready else None
    finally:
        _end(daemon)
        daemon.stdout.close()


def _end(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def find_dots(env: dict[str, str], pack: Path, mode: str) -> tuple[int, list[tuple[int, int]]]:
    """(slide count, dot centres on screen); no centres when they cannot be placed."""
    done = subprocess.run(
        [sys.executable, "-c", DOTS_PROGRAM, str(pack), mode, str(WIDTH), str(HEIGHT)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(
            f"soak: could not build the window to find the progress dots:\n{done.stderr[-2000:]}"
        )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return int(found["count"]), [(int(x), int(y)) for x, y in found["centres"]]


def _no_core_files() -> None:
    # A stalled kiosk is ended with SIGABRT (for its Python tracebacks): no core file.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclasses.dataclass
class Run:
    """One kiosk process of the soak."""

    process: subprocess.Popen[bytes]
    started: float
    first_slide_at: float | None = None
    last_index: int = 0
    last_step_at: float = 0.0


def _exit_text(code: int) -> str:
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


# -- the soak ----------------------------------------------------------------------------


@dataclasses.dataclass
class Outcome:
    samples: list[Sample]
    transitions: int
    seconds: float
    counted_from: str  # "the progress dots" or "elapsed time"
    restarts: list[str]
    problems: list[str]  # stalls, a stop by itself, an interruption, with what was seen
    ending: str


class Soak:
    """Runs the kiosk, restarts it as autostart would, counts and samples it."""

    def __init__(
        self,
        command: list[str],
        env: dict[str, str],
        folder: Path,
        display: XServer,
        reader: SlideReader | None,
        slide_seconds: float,
    ) -> None:
        self._command = command
        # Python's own fault handler (not the kiosk's code): on SIGABRT, sent to a
        # stalled kiosk, and on a crash, every thread's traceback goes to the output.
        self._env = {**env, "PYTHONFAULTHANDLER": "1"}
        self._folder = folder
        self.output_file = folder / "kiosk-output.txt"
        self._output = self.output_file.open("wb")
        self._display = display
        self.reader = reader
        self._slide_seconds = slide_seconds
        self.samples: list[Sample] = []
        self.restarts: list[str] = []
        self.problems: list[str] = []
        self.counted = 0
        self._started = time.monotonic()

    def _start(self) -> Run:
        # Its own process group, so a Ctrl+C meant for the soak reaches the kiosk only
        # as the soak's SIGTERM.
        process = subprocess.Popen(
            self._command,
            env=self._env,
            cwd=self._folder,
            stdin=subprocess.DEVNULL,
            stdout=self._output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_no_core_files,
        )
        return Run(process, started=time.monotonic())

    def run(self, target: int, sample_every: int) -> Outcome:
        from kiosk.autostart import RESTART_DELAY_SECONDS

        poll_s = min(0.2, self._slide_seconds / 4)
        stall_s = max(STALL_SECONDS, 10 * self._slide_seconds)
        base = 0  # transitions before the current process
        next_sample = 0
        run = self._start()
        try:
            while self.counted < target:
                now = time.monotonic()
                if (code := self._display.process.poll()) is not None:
                    self.problems.append(
                        f"the X server exited after {self.counted} transitions ({_exit_text(code)})"
                    )
                    break
                code = run.process.poll()
                if code is not None:
                    if code == 0:
                        self.problems.append(
                            f"the kiosk stopped by itself (exit 0) after {self.counted} transitions"
                        )
                        break
                    # As autostart does: a crash (non-zero exit) is restarted.
                    self.restarts.append(f"after {self.counted} transitions: {_exit_text(code)}")
                    time.sleep(RESTART_DELAY_SECONDS)
                    base = self.counted
                    run = self._start()
                    continue
                if run.first_slide_at is None:
                    if not self._wait_for_first_slide(run, now):
                        break
                    continue
                if self.reader is None:
                    self.counted = base + int((now - run.first_slide_at) / self._slide_seconds)
                    run.last_step_at = now
                else:
                    index = self.reader.current()
                    if index is not None and index != run.last_index:
                        self.counted += steps_forward(run.last_index, index, self.reader.count)
                        run.last_index, run.last_step_at = index, now
                if now - run.last_step_at > stall_s:
                    self._stalled(run, now - run.last_step_at)
                    continue  # ended: restarted above, as the UI watchdog would have it
                if self.counted >= next_sample:
                    self._sample(run)
                    next_sample = (self.counted // sample_every + 1) * sample_every
                time.sleep(poll_s)
            if not self.samples or self.samples[-1].transitions != self.counted:
                self._sample(run)  # the last figures, whatever the count stopped at
        except KeyboardInterrupt:
            self.problems.append(f"interrupted after {self.counted} transitions")
        ending = self._stop(run)
        self._output.close()
        return Outcome(
            samples=self.samples,
            transitions=self.counted,
            seconds=time.monotonic() - self._started,
            counted_from="the progress dots" if self.reader else "elapsed time",
            restarts=self.restarts,
            problems=self.problems,
            ending=ending,
        )

    def _wait_for_first_slide(self, run: Run, now: float) -> bool:
        """Notes when the first slide is on screen (its dot then shows the 'on' colour);
        False when the soak cannot go on."""
        if self.reader is None or self.reader.learn_first_slide():
            run.first_slide_at = run.last_step_at = now
        elif now - run.started > FIRST_SLIDE_TIMEOUT_S:
            if not self.reader.painted() or self.restarts:
                self.problems.append(
                    f"no slide on screen {FIRST_SLIDE_TIMEOUT_S:.0f} s after "
                    f"start, after {self.counted} transitions"
                )
                return False
            print(
                "  the progress dots cannot be read on this screen: transitions are "
                "counted from elapsed time / slide time",
                flush=True,
            )
            self.reader = None
            run.first_slide_at = run.last_step_at = run.started
        time.sleep(0.05)
        return True

    def _sample(self, run: Run) -> None:
        sample = read_process(
            run.process.pid, self.counted, time.monotonic() - self._started, len(self.restarts)
        )
        if sample is not None:
            self.samples.append(sample)
            _print_sample(sample, len(self.samples) == 1)

    def _stalled(self, run: Run, still_s: float) -> None:
        """What a stalled kiosk was doing, then SIGABRT (Python's fault handler prints
        every thread's traceback); the run loop restarts it like any crash."""
        load, available_mb, memory_stall = machine_now()
        seen = [
            f"stalled: the slide did not change for {still_s:.0f} s after "
            f"{self.counted} transitions; machine: load {load:.1f}, "
            f"{available_mb:,.0f} MB available, {memory_stall:.0f} % of the last 10 s "
            "waiting for memory"
        ]
        seen += [f"    {line}" for line in thread_states(run.process.pid)]
        self._output.flush()
        offset = self.output_file.stat().st_size
        run.process.send_signal(signal.SIGABRT)
        try:
            run.process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            os.killpg(run.process.pid, signal.SIGKILL)
            run.process.wait()
        with self.output_file.open("rb") as output:
            output.seek(offset)
            dump = output.read().decode("utf-8", errors="replace").splitlines()
        seen += [f"    {line}" for line in dump[:60]]
        self.problems.append("\n".join(seen))

    def _stop(self, run: Run) -> str:
        """SIGTERM, then SIGKILL after a grace period; says how it ended."""
        process = run.process
        if process.poll() is not None:
            return f"had already exited ({_exit_text(process.returncode)})"
        asked = time.monotonic()
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return f"did not end {STOP_GRACE_S:.0f} s after SIGTERM: killed"
        return (
            f"ended {time.monotonic() - asked:.1f} s after SIGTERM "
            f"({_exit_text(process.returncode)})"
        )


def thread_states(pid: int) -> list[str]:
    """Each thread of ``pid``: name, scheduler state and where in the kernel it waits."""
    lines = []
    for task in sorted(Path(f"/proc/{pid}/task").glob("*")):
        try:
            stat = (task / "stat").read_text()
            wchan = (task / "wchan").read_text().strip() or "-"
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state = stat[stat.rindex(")") + 2 :].split()[0]
        lines.append(f"thread {task.name} {name!r}: state {state}, waiting in {wchan}")
    return lines


def _print_sample(sample: Sample, first: bool) -> None:
    if first:
        print(
            f"  {'transitions':>11} {'elapsed':>9} {'run':>3} {'PSS MB':>8} {'USS MB':>8} "
            f"{'RSS MB':>8} {'threads':>7} {'fds':>5} {'CPU s':>8} | {'load':>5} "
            f"{'avail MB':>9} {'mem wait':>8}"
        )
    minutes, seconds = divmod(int(sample.seconds), 60)
    print(
        f"  {sample.transitions:>11} {minutes:>6}:{seconds:02d} {sample.run:>3} "
        f"{sample.pss_kb / 1024:>8.1f} {sample.uss_kb / 1024:>8.1f} "
        f"{sample.rss_kb / 1024:>8.1f} {sample.threads:>7} {sample.fds:>5} "
        f"{sample.cpu_s:>8.1f} | {sample.load:>5.2f} {sample.available_mb:>9,.0f} "
        f"{sample.memory_stall:>7.1f}%",
        flush=True,
    )


def growth(samples: list[Sample], warm_up: int) -> tuple[list[Sample], dict[str, float]]:
    """The samples the slope is fitted on (the last process, after its warm-up) and
    the growth of each measure per 1,000 transitions."""
    last_run = samples[-1].run
    own = [s for s in samples if s.run == last_run]
    fitted = [s for s in own if s.transitions >= own[0].transitions + warm_up]
    xs = [float(s.transitions) for s in fitted]
    return fitted, {
        name: least_squares_slope(xs, [float(getattr(s, name)) for s in fitted]) * 1000 / divisor
        for name, _, divisor in MEASURES
    }


def cpu_per_transition(start: Sample, end: Sample) -> float:
    """Milliseconds of CPU per transition between two samples of one process."""
    return (end.cpu_s - start.cpu_s) * 1000 / max(1, end.transitions - start.transitions)


def log_findings(path: Path) -> list[str]:
    """Warnings, errors and tracebacks in what the kiosk printed: a count per kind and
    the first few distinct lines."""
    lines = path.read_text("utf-8", errors="replace").splitlines()
    kinds = ("WARNING", "ERROR", "CRITICAL", "Traceback", "Fatal Python error")
    counts = {kind: sum(line.startswith(kind) for line in lines) for kind in kinds}
    seen: list[str] = []
    for line in lines:
        if line.startswith(kinds) and line not in seen:
            seen.append(line)
    findings = [", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "none"]
    findings += [f"  {line[:160]}" for line in seen[:8]]
    return findings


def default_slide_seconds(pack: Path) -> float:
    from kiosk.pack.load import load_pack

    timing = load_pack(pack).timing
    runs = timing.transition != "none" and timing.transition_ms > 0
    seconds = timing.transition_ms / 1000 + TRANSITION_MARGIN_S if runs else 0
    return round(max(MIN_SLIDE_SECONDS, seconds), 2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Arguments after -- go to 'kiosk run' as they are (e.g. -- --high-contrast).",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_TRANSITIONS} transitions: a smoke test, not a measurement",
    )
    parser.add_argument(
        "--transitions",
        type=int,
        metavar="N",
        help=f"how many transitions (default {DEFAULT_TRANSITIONS:,})",
    )
    parser.add_argument("--pack", type=Path, help="pack folder (default: the bundled 2023 pack)")
    parser.add_argument(
        "--mode",
        choices=("event", "touch"),
        help="passed to 'kiosk run' (default: the pack's mode)",
    )
    parser.add_argument(
        "--slide-seconds",
        type=float,
        metavar="S",
        help="seconds a slide (default: the pack's transition + "
        f"{TRANSITION_MARGIN_S} s, at least {MIN_SLIDE_SECONDS})",
    )
    parser.add_argument(
        "--sample-every",
        type=int,
        metavar="N",
        help="transitions between samples (default: 1/40 of the run)",
    )
    parser.add_argument(
        "--warm-up",
        type=int,
        metavar="N",
        help="transitions left out of the growth figures (default: 10 %%)",
    )
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1 :]
    args = parser.parse_args(argv)

    from kiosk.pack.load import load_pack
    from kiosk.pack.problems import PackError
    from kiosk.paths import content_dir

    pack = (args.pack or content_dir() / "2023").resolve()
    try:
        pack_mode = load_pack(pack).mode
    except PackError as error:
        parser.error(f"{pack} is not a valid pack:\n{error}")
    target = args.transitions or (QUICK_TRANSITIONS if args.quick else DEFAULT_TRANSITIONS)
    sample_every = args.sample_every or max(5, target // 40)
    warm_up = args.warm_up if args.warm_up is not None else target // 10
    slide_seconds = args.slide_seconds or default_slide_seconds(pack)
    if not MIN_SLIDE_SECONDS <= slide_seconds <= 3600:
        parser.error(f"--slide-seconds must be from {MIN_SLIDE_SECONDS} to 3600")
    if target < 1 or sample_every < 1 or warm_up < 0:
        parser.error("--transitions and --sample-every must be positive, --warm-up not negative")
    mode = args.mode or pack_mode
    command = [
        *kiosk_command(),
        "run",
        str(pack),
        "--slide-seconds",
        f"{slide_seconds:g}",
        *(["--mode", args.mode] if args.mode else []),
        *extra,
    ]

    def stop_on_term(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_term)
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kiosk-soak-")))
        for name in ("state", "config", "runtime", "fb"):
            (folder / name).mkdir(mode=0o700)
        display = stack.enter_context(private_display(folder / "fb", (WIDTH, HEIGHT)))
        bus = stack.enter_context(private_session_bus())
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
        }
        env.update(
            DISPLAY=display.display,
            QT_QPA_PLATFORM="xcb",
            XDG_STATE_HOME=str(folder / "state"),
            XDG_CONFIG_HOME=str(folder / "config"),
            XDG_RUNTIME_DIR=str(folder / "runtime"),
        )
        if bus is not None:
            env["DBUS_SESSION_BUS_ADDRESS"] = bus
        count, centres = find_dots(env, pack, mode)
        framebuffer = Framebuffer(display.framebuffer)
        stack.callback(framebuffer.close)
        reader = SlideReader(framebuffer, centres) if centres else None

        print(f"soak — {' '.join(command[1:])}")
        print(
            f"  Xvfb {WIDTH}x{HEIGHT}x24, {count} slides, {slide_seconds:g} s a slide, "
            f"target {target:,} transitions, Python {sys.version.split()[0]}, "
            f"{os.cpu_count()} cores"
        )
        if reader is None:
            print(
                "  the progress dots cannot be read for this deck: transitions are "
                "counted from elapsed time / slide time"
            )
        soak = Soak(command, env, folder, display, reader, slide_seconds)
        outcome = soak.run(target, sample_every)
        findings = log_findings(soak.output_file)
    return report(outcome, slide_seconds, warm_up, findings)


def report(outcome: Outcome, slide_seconds: float, warm_up: int, findings: list[str]) -> int:
    samples = outcome.samples
    print()
    minutes, seconds = divmod(int(outcome.seconds), 60)
    print(
        f"  duration {minutes} min {seconds} s; {outcome.transitions:,} transitions counted "
        f"from {outcome.counted_from} (elapsed time / slide time would say "
        f"{outcome.seconds / slide_seconds:,.0f})"
    )
    print(
        f"  restarts: {len(outcome.restarts)}"
        + "".join(f"\n    {restart}" for restart in outcome.restarts)
    )
    for problem in outcome.problems:
        print(f"  PROBLEM: {problem}")
    print(f"  shutdown: {outcome.ending}")
    print(f"  kiosk output: {findings[0]}")
    for line in findings[1:]:
        print(f"  {line}")
    if len(samples) >= 2:
        fitted, slopes = growth(samples, warm_up)
        print()
        if len(fitted) < 2:
            print(f"  too few samples after the warm-up ({warm_up} transitions) for growth")
        else:
            first, last = fitted[0], fitted[-1]
            print(
                f"  growth per 1,000 transitions: least-squares slope over {len(fitted)} "
                f"samples, transitions {first.transitions:,} to {last.transitions:,}"
            )
            print(f"  {'':<14} {'at start of fit':>15} {'at end':>10} {'per 1,000':>11}")
            for name, label, divisor in MEASURES:
                start_value = getattr(first, name) / divisor
                end_value = getattr(last, name) / divisor
                print(
                    f"  {label:<14} {start_value:>15.1f} {end_value:>10.1f} {slopes[name]:>+11.2f}"
                )
            cpu_share = (last.cpu_s - first.cpu_s) / max(1e-9, last.seconds - first.seconds)
            print(f"  CPU while soaking: {cpu_share * 100:.1f} % of one core")
            # A cost per transition that rises over the run means work piling up (the
            # slope alone only gives its average).
            middle = fitted[len(fitted) // 2]
            halves = [cpu_per_transition(first, middle), cpu_per_transition(middle, last)]
            print(
                "  CPU per transition, first half / second half of the fit: "
                + " / ".join(f"{ms:.0f} ms" for ms in halves)
            )
    return 1 if outcome.restarts or outcome.problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The soak benchmark's arithmetic and screen reading, on data whose answer is known.

The soak itself runs for hours (bench/soak.py); what it prints is only as good as
the slope it fits, the way it counts steps of a deck that wraps round, and the
pixels it reads out of Xvfb's framebuffer file. Those are checked here, fast.
"""

from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest


def _load_soak() -> ModuleType:
    path = Path(__file__).parent.parent / "bench" / "soak.py"
    spec = importlib.util.spec_from_file_location("bench_soak", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


soak = _load_soak()


def test_slope_of_a_straight_line_is_its_gradient() -> None:
    xs = [0, 250, 500, 750, 1000]
    assert soak.least_squares_slope(xs, [3 + 0.002 * x for x in xs]) == pytest.approx(0.002)


def test_slope_ignores_noise_that_does_not_grow() -> None:
    # A saw tooth around a flat line, as memory freed in bursts reads.
    xs = list(range(0, 2000, 100))
    ys = [100 + (1 if i % 2 else -1) for i in range(len(xs))]
    assert soak.least_squares_slope(xs, ys) == pytest.approx(0, abs=2e-4)


def test_slope_needs_two_distinct_points() -> None:
    assert soak.least_squares_slope([5], [1]) == 0
    assert soak.least_squares_slope([5, 5], [1, 9]) == 0


@pytest.mark.parametrize(
    ("previous", "current", "steps"), [(0, 1, 1), (2, 5, 3), (6, 0, 1), (5, 1, 3), (3, 3, 0)]
)
def test_steps_forward_wraps_round_the_deck(previous: int, current: int, steps: int) -> None:
    assert soak.steps_forward(previous, current, 7) == steps


def _sample(transitions: int, run: int, pss_mb: float) -> object:
    kb = round(pss_mb * 1024)
    return soak.Sample(
        transitions=transitions,
        seconds=transitions,
        run=run,
        pss_kb=kb,
        uss_kb=kb,
        rss_kb=kb,
        threads=5,
        fds=13,
        cpu_s=transitions / 10,
    )


def test_growth_is_fitted_on_the_last_process_after_its_warm_up() -> None:
    # The first process grew fast before it crashed; the restarted one grows by
    # 2 MB per 1,000 transitions once its first 100 (start-up) are left out.
    first = [_sample(t, 0, 80 + t / 10) for t in range(0, 600, 50)]
    second = [_sample(600, 1, 60)] + [
        _sample(t, 1, 90 + (t - 700) * 0.002) for t in range(700, 1500, 50)
    ]
    fitted, slopes = soak.growth(first + second, warm_up=100)
    assert fitted[0].transitions == 700
    assert len(fitted) == 16
    assert slopes["pss_kb"] == pytest.approx(2.0, rel=1e-3)  # kB are whole numbers
    assert slopes["threads"] == pytest.approx(0)
    assert slopes["cpu_s"] == pytest.approx(100)  # 0.1 s a transition


def _xwd(
    path: Path, width: int, height: int, pixels: dict[tuple[int, int], int], byte_order: int = 0
) -> None:
    """A framebuffer file as Xvfb -fbdir writes it: XWD header, colour map, pixels."""
    ncolors = 4
    header = [0] * 25
    header[0] = 100 + 8  # header size: the 25 fields and a window name
    header[1] = 7
    header[4], header[5] = width, height
    header[7] = byte_order
    header[11], header[12] = 32, width * 4  # bits per pixel, bytes per line
    header[14], header[15], header[16] = 0xFF0000, 0x00FF00, 0x0000FF
    header[19] = ncolors
    body = bytearray(width * height * 4)
    order = "little" if byte_order == 0 else "big"
    for (x, y), value in pixels.items():
        body[(y * width + x) * 4 : (y * width + x + 1) * 4] = value.to_bytes(4, order)
    path.write_bytes(
        struct.pack(">25I", *header) + b"soak\0\0\0\0" + bytes(12 * ncolors) + bytes(body)
    )


@pytest.mark.parametrize("byte_order", [0, 1])
def test_framebuffer_reads_the_pixel_written_there(tmp_path: Path, byte_order: int) -> None:
    _xwd(tmp_path / "screen", 8, 4, {(5, 2): 0x123456, (0, 0): 0xFF0000}, byte_order)
    framebuffer = soak.Framebuffer(tmp_path / "screen")
    try:
        assert framebuffer.pixel(5, 2) == (0x12, 0x34, 0x56)
        assert framebuffer.pixel(0, 0) == (0xFF, 0, 0)
        assert framebuffer.pixel(4, 2) == (0, 0, 0)
    finally:
        framebuffer.close()


ACCENT, MUTED = 0x64B4FF, 0x50607A
CENTRES = [(1, 1), (3, 1), (5, 1)]


def _screen(path: Path, current: int | None) -> None:
    """Three dots, the ``current`` one in the accent colour (None: nothing painted)."""
    _xwd(
        path,
        8,
        3,
        {}
        if current is None
        else {centre: ACCENT if i == current else MUTED for i, centre in enumerate(CENTRES)},
    )


@pytest.fixture
def screen(tmp_path: Path) -> Path:
    path = tmp_path / "screen"
    _screen(path, None)
    return path


def test_reader_learns_the_first_dot_and_follows_it(screen: Path) -> None:
    _screen(screen, 0)
    framebuffer = soak.Framebuffer(screen)
    try:
        reader = soak.SlideReader(framebuffer, CENTRES)
        assert reader.learn_first_slide()
        assert reader.current() == 0
        _screen(screen, 2)  # rewritten in place, as Xvfb does
        assert reader.current() == 2
    finally:
        framebuffer.close()


def test_reader_waits_while_nothing_is_painted(screen: Path) -> None:
    # Black: the X server's root before the kiosk's first frame.
    framebuffer = soak.Framebuffer(screen)
    try:
        assert not soak.SlideReader(framebuffer, CENTRES).learn_first_slide()
    finally:
        framebuffer.close()

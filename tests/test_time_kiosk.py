"""A running kiosk keeping time: it switches packs when the schedule says, sleeps
outside opening hours and wakes at opening time (or at a touch), shows a staff notice
within 2 seconds until its time is up, and keeps it across a restart. Clocks are
injected and run fast, so an hour passes in a second or two."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from launching import launch
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from running_kiosk import state_home
from schedules import FastClock, local, schedule_folder

from kiosk.cli import main
from kiosk.hours import read_week
from kiosk.pack.contrast import contrast_ratio
from kiosk.schedule.load import check_schedule
from kiosk.schedule.notice import Notice, write_notice
from kiosk.status import read_status
from kiosk.ui.app import RunningKiosk, start_kiosk

__all__ = ["state_home"]

# Generous: the machine is shared, and a slide's end comes before a switch.
WITHIN_MS = 10_000
StartScheduled = Callable[..., RunningKiosk]


@pytest.fixture(autouse=True)
def _state(state_home: Path) -> Path:
    return state_home


@pytest.fixture
def start(qtbot: QtBot) -> Iterator[StartScheduled]:
    running: list[RunningKiosk] = []

    def start_for(folder: Path, clock: FastClock, **settings: Any) -> RunningKiosk:
        report = check_schedule(folder)
        assert report.programme is not None, [str(p) for p in report.errors]
        programme = report.programme
        defaults: dict[str, Any] = {
            "windowed": (960, 540),
            "slide_seconds": 1.0,
            "settle_ms": 300,
            "poll_ms": 300,
            "recheck_ms": 500,
        }
        pack = programme.at(clock.now(), clock.zone).pack
        kiosk = start_kiosk(
            launch(pack, programme=programme, clock=clock, **{**defaults, **settings})
        )
        qtbot.addWidget(kiosk.window)
        running.append(kiosk)
        qtbot.waitUntil(lambda: kiosk.background.keeper is not None, timeout=WITHIN_MS)
        return kiosk

    yield start_for
    for kiosk in running:
        kiosk.stop()


SWITCHING = """
default: pack-2024
shows:
  - pack: pack-2023
    from: 2026-07-20
    until: 2026-07-20 00:10
"""


def test_the_kiosk_switches_packs_at_the_boundary(
    start: StartScheduled, tmp_path: Path, qtbot: QtBot
) -> None:
    clock = FastClock(local("2026-07-19 23:59:50"), speed=5)  # 2 s to midnight
    kiosk = start(schedule_folder(tmp_path, SWITCHING), clock)
    assert kiosk.player.pack.year == 2024
    qtbot.waitUntil(lambda: kiosk.player.pack.year == 2023, timeout=WITHIN_MS)
    assert clock.now() >= local("2026-07-20 00:00")
    # It came on at the start of a slide, as a whole new pack: from its first slide.
    assert kiosk.player.index in (0, 1)
    status = read_status()
    assert status is not None
    assert status["schedule_rule"].startswith("shows[0] applies")
    assert status["schedule_file"] == str(tmp_path / "schedule.yaml")


def test_a_clock_that_jumps_brings_on_what_is_due_then(
    start: StartScheduled, tmp_path: Path, qtbot: QtBot
) -> None:
    clock = FastClock(local("2026-07-19 12:00"))
    kiosk = start(schedule_folder(tmp_path, SWITCHING), clock)
    assert kiosk.player.pack.year == 2024
    clock.jump(dt.timedelta(hours=12, minutes=5))  # into the show: an NTP correction
    qtbot.waitUntil(lambda: kiosk.player.pack.year == 2023, timeout=WITHIN_MS)
    clock.jump(dt.timedelta(days=-1))  # back before it: the default again, not blank
    qtbot.waitUntil(lambda: kiosk.player.pack.year == 2024, timeout=WITHIN_MS)
    assert kiosk.window.live_view is not None or kiosk.window.transition.is_running


OPEN_A_MINUTE = """
default: pack-2024
opening_hours:
  sunday: 09:00-09:01
"""


def _asleep(kiosk: RunningKiosk) -> bool:
    keeper = kiosk.background.keeper
    assert keeper is not None
    return keeper.asleep


def test_the_screen_sleeps_outside_opening_hours_and_wakes_at_opening(
    start: StartScheduled, tmp_path: Path, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2026-07-19 is a Sunday; the venue opens for one minute, at 09:00.
    clock = FastClock(local("2026-07-19 08:59:50"), speed=10)
    kiosk = start(schedule_folder(tmp_path, OPEN_A_MINUTE), clock)
    sleep = kiosk.background.keeper._sleep  # type: ignore[union-attr]
    assert sleep is not None
    assert _asleep(kiosk)
    assert sleep.cover.isVisible()
    assert not kiosk.player.is_playing  # no slide timer runs while asleep
    status = read_status()
    assert status is not None
    assert dt.datetime.fromisoformat(status["asleep_until"]) == local("2026-07-19 09:00")
    assert main(["status"]) == 0  # asleep is not a failure
    assert "asleep until" in capsys.readouterr().out
    qtbot.waitUntil(lambda: not _asleep(kiosk), timeout=WITHIN_MS)
    assert not sleep.cover.isVisible()
    assert kiosk.player.is_playing
    assert read_status()["asleep_until"] is None  # type: ignore[index]
    qtbot.waitUntil(lambda: _asleep(kiosk), timeout=WITHIN_MS)  # closed at 09:01
    asleep_until = read_status()["asleep_until"]  # type: ignore[index]
    assert dt.datetime.fromisoformat(asleep_until) == local("2026-07-26 09:00")


def test_a_touch_wakes_the_sleeping_screen_for_a_while(
    start: StartScheduled, tmp_path: Path, qtbot: QtBot
) -> None:
    clock = FastClock(local("2026-07-19 12:00"), speed=60)  # a minute a second
    kiosk = start(schedule_folder(tmp_path, OPEN_A_MINUTE), clock, wake_minutes=3.0)
    sleep = kiosk.background.keeper._sleep  # type: ignore[union-attr]
    assert sleep is not None
    assert _asleep(kiosk)
    QTest.mouseClick(sleep.cover, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    assert not _asleep(kiosk)
    assert kiosk.player.is_playing
    woken = read_status()["woken_until"]  # type: ignore[index]
    assert woken is not None
    qtbot.waitUntil(lambda: _asleep(kiosk), timeout=WITHIN_MS)  # three minutes later
    assert clock.now() >= dt.datetime.fromisoformat(woken)


def test_a_touch_does_not_wake_it_when_the_setting_says_so(
    start: StartScheduled, tmp_path: Path, qtbot: QtBot
) -> None:
    clock = FastClock(local("2026-07-19 12:00"))
    kiosk = start(
        schedule_folder(tmp_path, OPEN_A_MINUTE),
        clock,
        wake_minutes=0.0,
        opening_hours=read_week("monday 09:00-18:00"),  # the settings' hours come first
    )
    sleep = kiosk.background.keeper._sleep  # type: ignore[union-attr]
    assert sleep is not None
    QTest.mouseClick(sleep.cover, Qt.MouseButton.LeftButton, pos=QPoint(100, 100))
    qtbot.wait(300)
    assert _asleep(kiosk)
    until = read_status()["asleep_until"]  # type: ignore[index]
    assert dt.datetime.fromisoformat(until) == local("2026-07-20 09:00")  # Monday's opening


# -- the staff notice ----------------------------------------------------------------------

ALWAYS = "default: pack-2024\n"


def test_a_notice_shows_within_2_seconds_readably_and_comes_down_at_its_time(
    start: StartScheduled, tmp_path: Path, qtbot: QtBot
) -> None:
    clock = FastClock(dt.datetime.now().astimezone())
    kiosk = start(schedule_folder(tmp_path, ALWAYS), clock, language="es")
    banner = kiosk.window.chrome.notice
    assert not banner.isVisible()
    spanish = "La biblioteca cierra hoy a las 17:00"
    assert main(["notice", "The library closes at 17:00 today", "--lang", "es", spanish]) == 0
    qtbot.waitUntil(banner.isVisible, timeout=2000)
    assert banner.text == spanish  # the visitor's language
    short = min(kiosk.window.width(), kiosk.window.height())
    assert QFontMetrics(banner.label_font).capHeight() >= 0.025 * short
    image = banner.grab().toImage()
    background = QColor(image.pixel(2, 2))
    assert contrast_ratio(background.name(), "#111111") >= 7
    # The slides make room: nothing of them lies under the band.
    assert kiosk.window.stage.geometry().top() >= banner.geometry().bottom()
    assert read_status()["notice"] == "The library closes at 17:00 today"  # type: ignore[index]
    # A notice whose time is up comes down by itself (--until, as it is written).
    ends = clock.now() + dt.timedelta(seconds=2)
    write_notice(Notice("Closing soon", until=ends))
    qtbot.waitUntil(lambda: banner.isVisible() and banner.text == "Closing soon", timeout=2000)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WITHIN_MS)
    assert clock.now() >= ends
    assert kiosk.window.stage.geometry().top() == 0


def test_a_full_screen_notice_survives_a_restart_and_clears(
    start: StartScheduled, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = schedule_folder(tmp_path, ALWAYS)
    assert main(["notice", "--full", "Please leave by the nearest exit", "--for", "1h"]) == 0
    clock = FastClock(dt.datetime.now().astimezone())
    first = start(folder, clock)
    qtbot.waitUntil(first.window.chrome.notice.isVisible, timeout=2000)
    first.background.stop()  # the first kiosk ends...
    first.window.hide()
    second = start(folder, clock)  # ...and a new one starts: the notice is still due
    banner = second.window.chrome.notice
    qtbot.waitUntil(banner.isVisible, timeout=2000)
    assert banner.is_full
    assert banner.geometry() == second.window.rect()
    assert main(["notice", "--clear"]) == 0
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=2000)

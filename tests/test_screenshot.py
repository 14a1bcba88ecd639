"""The running kiosk keeps a small picture of its screen, and `kiosk status
--screenshot FILE` hands it to a remote admin: what visitors see, kept up to date."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot
from running_kiosk import WITHIN_MS, StartKiosk, start, state_home
from venue_helpers import resources_index

from kiosk.cli import main
from kiosk.pack.load import load_pack
from kiosk.slides.resources import ResourcesSlide
from kiosk.status import screenshot_file
from kiosk.ui.app import RunningKiosk
from kiosk.ui.screenshot import MAX_BYTES, MAX_WIDTH, ScreenshotKeeper

__all__ = ["start", "state_home"]  # fixtures


def picture() -> QImage:
    image = QImage.fromData(screenshot_file().read_bytes())
    assert not image.isNull()
    return image


def close_to(colour: QColor, expected: str, tolerance: int = 10) -> bool:
    want = QColor(expected)
    return all(
        abs(a - b) <= tolerance
        for a, b in (
            (colour.red(), want.red()),
            (colour.green(), want.green()),
            (colour.blue(), want.blue()),
        )
    )


def keeper_of(kiosk: RunningKiosk) -> ScreenshotKeeper:
    keeper = kiosk.background.screenshots
    assert keeper is not None
    return keeper


def take_picture(keeper: ScreenshotKeeper, qtbot: QtBot) -> QImage:
    """A picture of the screen now, once it is on disk."""
    qtbot.waitUntil(lambda: not keeper.is_writing, timeout=WITHIN_MS)  # the one at start
    keeper.take()
    qtbot.waitUntil(lambda: not keeper.is_writing, timeout=WITHIN_MS)
    return picture()


def test_the_kiosk_keeps_a_small_picture_of_its_screen(
    start: StartKiosk,
    pack_copy: Callable[[str], Path],
    qtbot: QtBot,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = pack_copy("2023")
    kiosk = start(folder, windowed=(1920, 1080))
    qtbot.waitUntil(screenshot_file().exists, timeout=WITHIN_MS)
    data = screenshot_file().read_bytes()
    assert data.startswith(b"\xff\xd8")  # a JPEG
    assert len(data) <= MAX_BYTES
    image = picture()
    assert (image.width(), image.height()) == (MAX_WIDTH, MAX_WIDTH * 1080 // 1920)
    # The slide's own background, as visitors see it.
    assert close_to(image.pixelColor(4, image.height() // 2), kiosk.player.pack.theme.background)

    copy = tmp_path / "admin" / "screen.jpg"
    assert main(["status", "--screenshot", str(copy)]) == 0
    assert copy.read_bytes() == data
    out = capsys.readouterr().out
    assert f"screenshot copied to {copy}" in out
    assert "screenshot:  taken" in out


def test_a_new_pack_is_in_the_picture_without_waiting_a_minute(
    start: StartKiosk, tmp_path: Path, bundled_content: Path, qtbot: QtBot
) -> None:
    for year in ("2023", "2024"):
        shutil.copytree(bundled_content / year, tmp_path / year)
    current = tmp_path / "current"
    current.symlink_to(tmp_path / "2023")
    kiosk = start(current)
    qtbot.waitUntil(screenshot_file().exists, timeout=WITHIN_MS)
    old = load_pack(tmp_path / "2023").theme.background
    new = load_pack(tmp_path / "2024").theme.background
    assert not close_to(QColor(old), new)

    def corner() -> QColor:
        return picture().pixelColor(4, picture().height() // 2)

    assert close_to(corner(), old)
    (tmp_path / "next").symlink_to(tmp_path / "2024")
    os.replace(tmp_path / "next", current)
    qtbot.waitUntil(lambda: kiosk.player.pack.year == 2024, timeout=WITHIN_MS)
    qtbot.waitUntil(lambda: close_to(corner(), new), timeout=WITHIN_MS)


def test_the_picture_shows_an_open_resource_card(
    start: StartKiosk, pack_copy: Callable[[str], Path], qtbot: QtBot
) -> None:
    folder = pack_copy("2023")
    kiosk = start(folder, mode="touch", reduced_motion=True)
    keeper = keeper_of(kiosk)
    player, window = kiosk.player, kiosk.window
    player.go_to(resources_index(player.pack))
    assert window.live_view is not None
    slide = window.live_view.slide  # the page shown: a full slide may be shown as pages
    assert isinstance(slide, ResourcesSlide)
    # Every code on the slide can be read off the picture...
    on_slide = sorted(r.text for r in zxingcpp.read_barcodes(take_picture(keeper, qtbot)))
    assert on_slide == sorted(resource.url for resource in slide.resources)
    assert window.open_resource(0)
    # ...and with a card open, only the card's: the picture shows what visitors see.
    assert [r.text for r in zxingcpp.read_barcodes(take_picture(keeper, qtbot))] == [
        slide.resources[0].url
    ]


def difference(one: QImage, other: QImage) -> float:
    """Mean difference of two pictures' red, green and blue, sampled on a grid."""
    total, count = 0, 0
    for y in range(0, one.height(), 8):
        for x in range(0, one.width(), 8):
            a, b = one.pixelColor(x, y), other.pixelColor(x, y)
            total += abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue())
            count += 1
    return total / count


def test_the_picture_shows_a_transition_half_way(
    start: StartKiosk, pack_copy: Callable[[str], Path], qtbot: QtBot
) -> None:
    kiosk = start(pack_copy("2023"))
    keeper = keeper_of(kiosk)
    player, window = kiosk.player, kiosk.window
    player.stop()  # the test turns the slides
    assert player.pack.timing.transition == "crossfade"
    before = take_picture(keeper, qtbot)
    player.next()
    transition = window.transition
    assert transition.is_running
    transition.animation.pause()
    transition.animation.setCurrentTime(transition.animation.duration() // 2)
    middle = take_picture(keeper, qtbot)
    transition.finish()
    after = take_picture(keeper, qtbot)
    apart = difference(before, after)
    assert apart > 10  # two different slides
    # Half-way through a crossfade, the picture is neither slide but a mix of both.
    assert difference(middle, before) > apart / 4
    assert difference(middle, after) > apart / 4

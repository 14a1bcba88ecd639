"""The idle return: whatever a visitor did, after the idle time the kiosk is back at its
start, in its own language, playing by itself."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from venue_helpers import (
    MakeKiosk,
    click,
    make_kiosk,
    pin_gate,
    real_pack,
    resources_index,
    settle,
)

from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack
from kiosk.slides.resources.view import ResourcesSlideView
from kiosk.ui.player import Player

__all__ = ["make_kiosk", "real_pack"]

IDLE = 0.4  # seconds: short, but long enough for a few clicks in between


def deck(write_pack: Callable[..., Path], count: int = 4) -> Pack:
    slides = "".join(
        f"""
  - type: title
    day: "Slide {i}"
    date: "30 July"
    theme: {{en: "Theme {i}", es: "Tema {i}"}}"""
        for i in range(count)
    )
    return load_pack(
        write_pack(f"""\
title: Idle deck
year: 2024
date: 2024-07-30
languages: [en, es]
default_language: en
timing: {{transition: none, idle_seconds: 45}}
slides:{slides}
""")
    )


@pytest.fixture
def player(qtbot: QtBot, write_pack: Callable[..., Path]) -> Iterator[Player]:
    made = Player(deck(write_pack), mode="touch", idle_seconds=IDLE, slide_seconds=30)
    yield made
    made.stop()
    assert not any(t.isActive() for t in made.findChildren(QTimer))


# -- the Player ---------------------------------------------------------------------


def test_input_pauses_autoplay_in_touch_mode_until_the_idle_return(
    player: Player, qtbot: QtBot
) -> None:
    player.start()
    assert player.is_advancing
    player.note_interaction()
    player.next()
    player.set_language("es")
    assert player.is_paused
    assert not player.is_advancing  # a reader sets the pace
    with qtbot.waitSignal(player.returned_to_start, timeout=3000):
        pass
    assert (player.index, player.language) == (0, "en")
    assert player.is_advancing
    assert not player.is_paused


def test_each_input_restarts_the_idle_time(player: Player, qtbot: QtBot) -> None:
    player.start()
    player.note_interaction()
    player.go_to(2)
    with qtbot.assertNotEmitted(player.returned_to_start, wait=0):
        for _ in range(4):
            qtbot.wait(round(IDLE * 1000 * 0.5))
            player.note_interaction()
    assert player.index == 2
    qtbot.waitSignal(player.returned_to_start, timeout=3000).wait()
    assert player.index == 0


def test_event_mode_keeps_playing_and_still_returns(
    write_pack: Callable[..., Path], qtbot: QtBot
) -> None:
    player = Player(deck(write_pack), mode="event", idle_seconds=IDLE, slide_seconds=30)
    player.start()
    player.note_interaction()
    player.go_to(3)
    assert player.is_advancing  # a presenter's remote does not stop the show
    qtbot.waitSignal(player.returned_to_start, timeout=3000).wait()
    assert player.index == 0
    assert player.is_advancing
    player.stop()


def test_the_idle_time_defaults_to_the_packs(write_pack: Callable[..., Path]) -> None:
    pack = deck(write_pack)
    assert Player(pack).idle_seconds == 45
    assert Player(pack, idle_seconds=12).idle_seconds == 12
    with pytest.raises(ValueError, match="mode"):
        Player(pack, mode="kiosk")  # type: ignore[arg-type]


def test_a_pack_that_came_during_a_visit_shows_at_the_idle_return(
    player: Player, qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    player.start()
    player.note_interaction()
    player.go_to(2)
    newer = dataclasses.replace(deck(write_pack, 2), default_language="es")
    player.queue_pack(newer)
    with qtbot.waitSignal(player.pack_changed, timeout=3000):
        pass
    assert player.pack is newer
    assert (player.index, player.language) == (0, "es")
    assert player.is_advancing


# -- the window -----------------------------------------------------------------------


def test_the_kiosk_window_returns_to_its_start(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(
        real_pack,
        idle_seconds=1.0,
        slide_seconds=30,
        start=True,
        lock=True,
        pin_gate=pin_gate(),
        reduced_motion=True,
    )
    controls = window.controls
    overlay = window.resource_overlay
    assert controls is not None
    assert overlay is not None
    player = window.player
    # A visit: a few slides on, another language, larger text, a resource opened.
    click(window, controls.next_button.geometry().center() + controls.pos())
    click(window, controls.language_button.geometry().center() + controls.pos())
    click(window, controls.text_button.geometry().center() + controls.pos())
    player.go_to(resources_index(real_pack))
    settle(window, qtbot)
    view = window.live_view
    assert isinstance(view, ResourcesSlideView)
    click(window, view.mapTo(window, view.tap_targets()[0].rect.center()))
    assert overlay.is_open
    assert (player.language, window.large_text) == ("es", True)
    assert not player.is_advancing
    # ...then nobody.
    qtbot.waitUntil(lambda: not overlay.is_open, timeout=3000)
    settle(window, qtbot)
    assert player.index == 0
    assert player.language == real_pack.default_language
    assert player.is_advancing
    assert not window.large_text
    assert not controls.text_button.isChecked()
    assert controls.language_button.text() == "Español"
    view = window.live_view
    assert view is not None
    assert view.context.language == "en"  # type: ignore[attr-defined]
    # The staff PIN pad, left open, closes the same way.
    window.open_staff_pad()
    pad = window.pin_pad
    assert pad is not None
    qtbot.waitUntil(lambda: not pad.is_open, timeout=3000)
    assert window.isVisible()

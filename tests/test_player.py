"""The Player: autoplay, looping, navigation and language, without drawing anything."""

from __future__ import annotations

import dataclasses
import itertools
import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from decks import deck_yaml
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack
from kiosk.ui.player import Player

MakePlayer = Callable[..., Player]


def with_durations(pack: Pack, *seconds: float | None) -> Pack:
    """The pack with per-slide durations a pack file may not hold (below 2 s)."""
    slides = tuple(
        dataclasses.replace(slide, duration=d)
        for slide, d in zip(pack.slides, seconds, strict=True)
    )
    return dataclasses.replace(pack, slides=slides)


@pytest.fixture
def deck(write_pack: Callable[..., Path]) -> Pack:
    return load_pack(write_pack(deck_yaml(4)))


@pytest.fixture
def make_player(qtbot: QtBot) -> Iterator[MakePlayer]:
    """Players for a test; afterwards none may have a timer still running."""
    players: list[Player] = []

    def make(pack: Pack, **options: object) -> Player:
        player = Player(pack, **options)  # type: ignore[arg-type]
        players.append(player)
        return player

    yield make
    for player in players:
        running = [t.objectName() for t in player.findChildren(QTimer) if t.isActive()]
        assert not running, f"timers left running after the test: {running}"


def record_changes(player: Player) -> list[tuple[int, float]]:
    changes: list[tuple[int, float]] = []
    player.current_changed.connect(lambda i: changes.append((i, time.monotonic())))
    return changes


def test_autoplay_follows_each_slides_duration_in_order(
    make_player: MakePlayer, deck: Pack, qtbot: QtBot
) -> None:
    pack = with_durations(deck, 0.05, 0.3, 0.1, None)
    player = make_player(pack)
    changes = record_changes(player)
    started = time.monotonic()
    player.start()
    qtbot.waitUntil(lambda: len(changes) >= 3, timeout=3000)
    player.stop()
    assert [i for i, _ in changes[:3]] == [1, 2, 3]
    times = [started] + [t for _, t in changes]
    shown_for = [b - a for a, b in itertools.pairwise(times)]
    # Qt's coarse timers may fire up to 5 % early; late is allowed (a busy machine).
    assert shown_for[0] >= 0.05 * 0.9
    assert shown_for[1] >= 0.3 * 0.9
    assert shown_for[2] >= 0.10 * 0.9
    assert shown_for[1] > shown_for[2], "slide 1 (0.3 s) must stay longer than slide 2 (0.1 s)"


def test_slide_with_no_duration_uses_the_pack_default(make_player: MakePlayer, deck: Pack) -> None:
    pack = dataclasses.replace(deck, timing=dataclasses.replace(deck.timing, slide_seconds=7))
    player = make_player(with_durations(pack, 3, None, None, None))
    assert player.seconds_for(0) == 3
    assert player.seconds_for(1) == 7


def test_autoplay_loops_for_ever(make_player: MakePlayer, deck: Pack, qtbot: QtBot) -> None:
    player = make_player(deck, slide_seconds=0.03)
    changes = record_changes(player)
    player.start()
    qtbot.waitUntil(lambda: len(changes) >= 6, timeout=3000)
    player.stop()
    assert [i for i, _ in changes[:6]] == [1, 2, 3, 0, 1, 2]


def test_override_applies_to_every_slide(make_player: MakePlayer, deck: Pack) -> None:
    player = make_player(with_durations(deck, 30, 40, None, 50), slide_seconds=0.5)
    assert [player.seconds_for(i) for i in range(4)] == [0.5] * 4


def test_manual_navigation_wraps_round(make_player: MakePlayer, deck: Pack) -> None:
    player = make_player(deck)
    player.previous()
    assert player.index == 3
    assert player.direction == -1
    player.next()
    assert player.index == 0
    assert player.direction == 1
    player.last()
    assert player.index == 3
    player.first()
    assert player.index == 0
    player.go_to(2)
    assert player.index == 2
    with pytest.raises(IndexError):
        player.go_to(4)


def test_every_move_is_signalled(make_player: MakePlayer, deck: Pack, qtbot: QtBot) -> None:
    player = make_player(deck)
    with qtbot.waitSignal(player.current_changed) as blocker:
        player.next()
    assert blocker.args == [1]
    with qtbot.waitSignal(player.current_changed) as blocker:
        player.last()
    assert blocker.args == [3]


def test_manual_navigation_gives_the_slide_its_full_time(
    make_player: MakePlayer, deck: Pack, qtbot: QtBot
) -> None:
    player = make_player(deck, slide_seconds=0.5)
    changes = record_changes(player)
    player.start()
    qtbot.wait(300)
    assert changes == []
    turned = time.monotonic()
    player.next()  # 0.2 s before slide 0 would have ended
    qtbot.waitUntil(lambda: len(changes) >= 2, timeout=3000)
    player.stop()
    index, advanced = changes[1]
    assert index == 2
    assert advanced - turned >= 0.5 * 0.9


def test_stop_leaves_no_timer_running(make_player: MakePlayer, deck: Pack) -> None:
    player = make_player(deck)
    player.start()
    assert player.is_playing
    assert any(t.isActive() for t in player.findChildren(QTimer))
    player.stop()
    assert not player.is_playing
    assert not any(t.isActive() for t in player.findChildren(QTimer))


def test_starting_twice_arms_one_timer(make_player: MakePlayer, deck: Pack) -> None:
    player = make_player(deck)
    player.start()
    player.start()
    assert [t.isActive() for t in player.findChildren(QTimer)].count(True) == 1
    player.stop()


def test_language(
    make_player: MakePlayer, deck: Pack, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    player = make_player(deck, language="es")
    assert player.language == "es"
    with qtbot.waitSignal(player.language_changed) as blocker:
        player.set_language("en")
    assert blocker.args == ["en"]
    with qtbot.assertNotEmitted(player.language_changed), caplog.at_level(logging.WARNING):
        player.set_language("fr")
    assert player.language == "en"
    assert "'fr' is not one of the pack's" in caplog.text


def test_unknown_start_language_falls_back_to_the_default(
    make_player: MakePlayer, deck: Pack, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        player = make_player(deck, language="de")
    assert player.language == "en"
    assert "'de'" in caplog.text


def test_set_pack_starts_the_new_pack_from_its_first_slide(
    make_player: MakePlayer, deck: Pack, write_pack: Callable[..., Path], qtbot: QtBot
) -> None:
    player = make_player(deck, language="es")
    player.go_to(3)
    other = dataclasses.replace(load_pack(write_pack(deck_yaml(2))), languages=("en",))
    with qtbot.waitSignal(player.pack_changed), qtbot.assertNotEmitted(player.current_changed):
        player.set_pack(other)
    assert player.pack is other
    assert (player.index, player.count) == (0, 2)
    assert player.language == "en"  # the new pack has no Spanish


def test_set_pack_keeps_autoplay_going(make_player: MakePlayer, deck: Pack, qtbot: QtBot) -> None:
    player = make_player(deck, slide_seconds=0.05)
    player.start()
    player.set_pack(deck)
    with qtbot.waitSignal(player.current_changed) as blocker:
        pass
    player.stop()
    assert blocker.args == [1]


def test_unplayable_slides_are_passed_over_both_ways(make_player: MakePlayer, deck: Pack) -> None:
    player = make_player(deck)
    player.go_to(1)
    player.skip_current()  # slide 1 cannot be shown: on to 2
    assert player.index == 2
    player.previous()
    assert player.index == 0  # not 1
    player.previous()
    assert player.index == 3
    player.next()
    player.next()
    assert player.index == 2  # 0, then past 1


def test_skip_follows_the_visitors_direction(make_player: MakePlayer, deck: Pack) -> None:
    player = make_player(deck)
    player.go_to(2)
    player.previous()  # lands on 1, which turns out unplayable
    player.skip_current()
    assert player.index == 0


def test_nothing_playable_stops_instead_of_looping(
    make_player: MakePlayer, deck: Pack, qtbot: QtBot
) -> None:
    player = make_player(deck, slide_seconds=0.05)
    player.start()
    for _ in range(3):
        player.skip_current()
    assert player.has_something_to_show
    with qtbot.waitSignal(player.nothing_to_show), qtbot.assertNotEmitted(player.current_changed):
        player.skip_current()
    assert not player.has_something_to_show
    assert not any(t.isActive() for t in player.findChildren(QTimer))
    with qtbot.waitSignal(player.nothing_to_show):
        player.next()  # returns at once rather than searching for ever
    player.stop()


def test_a_new_language_gives_failed_slides_another_chance(
    make_player: MakePlayer, deck: Pack
) -> None:
    player = make_player(deck)
    player.skip_current()
    assert player.index == 1
    player.set_language("es")
    player.go_to(0)
    assert player.index == 0

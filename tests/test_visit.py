"""What touch mode does for the visitor at the screen: pause and play (WCAG 2.2 SC 2.2.2),
the warning before the idle return (SC 2.2.1), and the cue on cards that open larger.

The Player and the countdown are tested alone; the rest with real kiosk windows,
driven by clicks, touches and keys, with short idle times and cue times injected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from decks import deck_yaml
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetricsF, QImage, QKeyEvent, QPointingDevice
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from slide_checks import decoded_urls
from venue_helpers import (
    MakeKiosk,
    centre_in,
    click,
    make_kiosk,
    real_pack,
    resources_index,
    settle,
    touch_tap,
    touchscreen,
)

from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack
from kiosk.paths import content_dir
from kiosk.slides.facts import FactsSlide
from kiosk.slides.resources import ResourcesSlide
from kiosk.ui.idle import WARNING_SECONDS, IdleCountdown
from kiosk.ui.player import Player
from kiosk.ui.visit import VisitTimes
from kiosk.ui.widgets.readable import PRIMARY_CAP_SHARE, SECONDARY_CAP_SHARE
from kiosk.ui.widgets.tap_cue import TapCue
from kiosk.ui.window import KioskWindow

__all__ = ["make_kiosk", "real_pack", "touchscreen"]  # fixtures, used by name


@pytest.fixture
def deck(write_pack: Callable[..., Path]) -> Pack:
    return load_pack(write_pack(deck_yaml(4)))


@pytest.fixture
def players(qtbot: QtBot) -> Iterator[list[Player]]:
    made: list[Player] = []
    yield made
    for player in made:
        player.stop()
        running = [t.objectName() for t in player.findChildren(QTimer) if t.isActive()]
        assert not running, running


# -- pause and play: the Player ---------------------------------------------------------


@pytest.mark.parametrize("mode", ["touch", "event"])
def test_a_visitor_pauses_and_plays_until_the_idle_return(
    deck: Pack, players: list[Player], qtbot: QtBot, mode: str
) -> None:
    player = Player(deck, mode=mode, idle_seconds=0.5, slide_seconds=30)  # type: ignore[arg-type]
    players.append(player)
    changes: list[bool] = []
    player.paused_changed.connect(changes.append)
    player.start()
    assert player.is_advancing
    assert not player.is_paused
    player.note_interaction(hold=False)  # the pause control's own press: no hold
    player.pause()
    assert player.is_paused
    assert not player.is_advancing
    assert player.pace.chosen is False
    player.next()  # turning slides does not restart it
    assert not player.is_advancing
    player.play()
    assert player.is_advancing
    assert not player.is_paused
    player.note_interaction()
    assert player.is_advancing  # they chose play: touching does not hold it
    player.pause()
    assert changes == [True, False, True]
    # The idle return forgets the choice and plays again.
    with qtbot.waitSignal(player.returned_to_start, timeout=3000):
        pass
    assert player.is_advancing
    assert not player.is_paused
    assert player.pace.chosen is None
    assert changes[-1] is False


def test_play_releases_the_hold_and_toggle_follows_what_autoplay_does(
    deck: Pack, players: list[Player]
) -> None:
    player = Player(deck, mode="touch", idle_seconds=30, slide_seconds=30)  # type: ignore[arg-type]
    players.append(player)
    player.start()
    player.note_interaction()  # a swipe: held while they read
    assert player.is_paused
    assert player.pace.held
    assert player.pace.chosen is None
    player.toggle_pause()  # it was waiting: play
    assert player.is_advancing
    player.toggle_pause()  # it was playing: pause
    assert player.is_paused
    assert player.pace.chosen is False
    player.toggle_pause()
    assert player.is_advancing


# -- the countdown before the idle return ----------------------------------------------


def test_the_countdown_shows_the_last_seconds_and_stops_at_a_touch(
    deck: Pack, players: list[Player], qtbot: QtBot
) -> None:
    player = Player(deck, mode="touch", idle_seconds=3.0, slide_seconds=30)  # type: ignore[arg-type]
    players.append(player)
    countdown = IdleCountdown(player, warning_seconds=2.0)
    shown: list[tuple[int, float]] = []

    def note(seconds: int) -> None:
        left = player.idle_seconds_left()
        assert left is not None
        shown.append((seconds, left))

    countdown.counting.connect(note)
    player.start()
    player.note_interaction()
    assert not countdown.is_warning  # nothing in the first second
    qtbot.waitUntil(lambda: countdown.is_warning, timeout=5000)
    first, left = shown[0]
    assert first == 2
    assert left <= 2.0
    # A touch: the warning ends, and the full idle time starts again.
    with qtbot.waitSignal(countdown.ended, timeout=1000):
        player.note_interaction()
    assert not countdown.is_warning
    assert player.idle_seconds_left() > 2.5  # type: ignore[operator]
    shown.clear()
    with qtbot.waitSignal(player.returned_to_start, timeout=6000):
        pass
    assert [seconds for seconds, _ in shown] == [2, 1]
    assert not countdown.is_warning


def test_the_warning_lasts_twenty_seconds_or_half_a_short_idle_time(deck: Pack) -> None:
    assert WARNING_SECONDS == 20
    assert IdleCountdown(Player(deck, idle_seconds=60)).warning_seconds() == 20
    assert IdleCountdown(Player(deck, idle_seconds=30)).warning_seconds() == 15


# -- pause and play: the window -------------------------------------------------------------


def test_the_pause_button_and_keys_stop_and_restart_the_slides(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot, touchscreen: QPointingDevice
) -> None:
    window = make_kiosk(real_pack, start=True, reduced_motion=True, slide_seconds=30)
    controls = window.controls
    assert controls is not None
    player = window.player
    button = controls.pause_button
    assert (button.text(), button.icon_name) == ("Pause", "fa6s.pause")
    # A finger on "Pause" while the slides play: paused, not paused and played again.
    touch_tap(window, touchscreen, centre_in(window, button))
    assert player.is_paused
    assert player.pace.chosen is False
    assert (button.text(), button.icon_name) == ("Play", "fa6s.play")
    assert button.accessibleName() == "Play"
    click(window, centre_in(window, button))
    assert player.is_advancing
    assert button.text() == "Pause"
    # The keys: P toggles, and so does a keyboard's play/pause key; stop pauses.
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert player.is_paused
    press_key(window, Qt.Key.Key_MediaTogglePlayPause)
    assert player.is_advancing
    press_key(window, Qt.Key.Key_MediaStop)
    press_key(window, Qt.Key.Key_MediaPause)
    assert player.is_paused
    assert button.text() == "Play"
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert player.is_advancing
    # They chose play: turning a slide by hand does not hold it again.
    click(window, centre_in(window, controls.next_button))
    assert player.index == 1
    assert player.is_advancing
    assert button.text() == "Pause"


def test_a_touch_holds_the_slides_and_the_button_then_offers_play(
    make_kiosk: MakeKiosk, real_pack: Pack, touchscreen: QPointingDevice
) -> None:
    window = make_kiosk(real_pack, start=True, reduced_motion=True, slide_seconds=30)
    controls = window.controls
    assert controls is not None
    touch_tap(window, touchscreen, centre_in(window, controls.next_button))
    assert window.player.index == 1
    assert not window.player.is_advancing  # held while they read, as before
    assert controls.pause_button.text() == "Play"
    touch_tap(window, touchscreen, centre_in(window, controls.pause_button))
    assert window.player.is_advancing
    assert controls.pause_button.text() == "Pause"


def press_key(window: KioskWindow, key: Qt.Key) -> None:
    """A key a keyboard sends but QTest cannot type (it has no text), pressed and
    released as the window system delivers it."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


def test_the_pause_key_works_in_event_mode_and_the_idle_return_plays_again(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, mode="event", start=True, idle_seconds=0.6, slide_seconds=30)
    qtbot.keyClick(window, Qt.Key.Key_P)
    assert window.player.is_paused
    qtbot.waitUntil(lambda: window.player.is_advancing, timeout=3000)


# -- the idle warning -----------------------------------------------------------------------


def test_a_visitor_is_warned_before_the_idle_return_and_a_touch_keeps_them_there(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot, touchscreen: QPointingDevice
) -> None:
    window = make_kiosk(
        real_pack,
        start=True,
        idle_seconds=2.0,
        slide_seconds=30,
        reduced_motion=True,
        visit_times=VisitTimes(warning_seconds=1.0, cue_seconds=30),
    )
    controls = window.controls
    warning = window.chrome.idle_warning
    overlay = window.resource_overlay
    assert controls is not None
    assert warning is not None
    assert overlay is not None
    player = window.player
    # A visit: Spanish, high contrast, the help slide, a code opened large.
    click(window, centre_in(window, controls.language_button))
    click(window, centre_in(window, controls.contrast_button))
    index = resources_index(real_pack)
    player.go_to(index)
    settle(window, qtbot)
    assert window.open_resource(1)
    opened = overlay.resource
    assert not warning.isVisible()
    # ...then the visitor stops touching: the warning comes, over everything.
    qtbot.waitUntil(warning.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: not warning.card.isEmpty(), timeout=5000)  # as painted
    assert warning.geometry() == window.rect()
    assert window.childAt(window.rect().center()) is warning
    question, action, countdown = warning.texts()
    assert question == "¿Sigue ahí?"
    assert action == "Toque la pantalla para seguir leyendo"
    assert countdown == "Vuelta al inicio en 1 segundo"
    assert warning.accessibleName() == "¿Sigue ahí?"
    short = min(window.width(), window.height())
    fonts = warning.fonts()
    assert QFontMetricsF(fonts[0]).capHeight() >= PRIMARY_CAP_SHARE * short
    assert min(QFontMetricsF(f).capHeight() for f in fonts) >= PRIMARY_CAP_SHARE * short
    assert window.rect().contains(warning.card)
    # A touch anywhere keeps them where they were: nothing else happens.
    touch_tap(window, touchscreen, QPoint(window.width() // 10, window.height() // 2))
    assert not warning.isVisible()
    assert overlay.is_open
    assert overlay.resource == opened
    assert (player.index, player.language) == (index, "es")
    assert window.high_contrast
    # Untouched again: warned again, then back to the start.
    qtbot.waitUntil(warning.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: not overlay.is_open, timeout=5000)
    settle(window, qtbot)
    assert not warning.isVisible()
    assert (player.index, player.language) == (0, "en")
    assert not window.high_contrast
    assert player.is_advancing


def test_the_warning_is_drawn_readably_and_counts_down(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, size=(1080, 1920))
    warning = window.chrome.idle_warning
    assert warning is not None
    window.chrome.show_idle_warning(17, 20.0)
    assert warning.texts()[2] == "Back to the start in 17 seconds"
    image = window.grab().toImage()
    # The card is drawn in the theme's surface colour, the number in the accent.
    card = warning.card
    assert image.pixelColor(card.left() + 4, card.center().y()) == window.theme.surface
    accent = [
        image.pixelColor(x, y)
        for x in range(card.left(), card.right(), 3)
        for y in range(card.top(), card.bottom(), 3)
    ]
    assert window.theme.accent in accent


# -- the tap cue ------------------------------------------------------------------------------


def colours_under(image: QImage, rect: QRect, card: QRect, rim: int) -> tuple[set[int], set[int]]:
    """The colours of ``image`` in ``rect`` on ``card`` and off it, leaving out a band
    ``rim`` wide along the card's edge (its anti-aliased corners, its outline)."""
    inside = card.adjusted(rim, rim, -rim, -rim)
    outside = card.adjusted(-rim, -rim, rim, rim)
    on_card: set[int] = set()
    off_card: set[int] = set()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            if inside.contains(x, y):
                on_card.add(image.pixel(x, y))
            elif not outside.contains(x, y):
                off_card.add(image.pixel(x, y))
    return on_card, off_card


def area_of(rect: QRect) -> int:
    return 0 if rect.isEmpty() else rect.width() * rect.height()


def cues_of(window: KioskWindow) -> list[TapCue]:
    cues = window.chrome.tap_cues
    assert cues is not None
    return cues.shown


def resources_slides(pack: Pack) -> list[int]:
    return [i for i, s in enumerate(pack.slides) if isinstance(s, ResourcesSlide)]


def tappable_slides(pack: Pack) -> list[int]:
    """The slides whose cards open: resources (their codes) and facts (their sources)."""
    return [i for i, s in enumerate(pack.slides) if isinstance(s, ResourcesSlide | FactsSlide)]


# What the cue says, by what a card opens: a code larger, or a figure's source.
CUE_WORDS = {
    ("resources", "en"): "Tap for a larger code",
    ("resources", "es"): "Toque para ampliar el código",
    ("facts", "en"): "Tap to check the source",
    ("facts", "es"): "Toque para ver la fuente",
}


@pytest.mark.parametrize("pack_name", ["2023", "2024", "2025"])
@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["1920x1080", "1080x1920"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_tappable_cards_say_so_without_hiding_anything(
    make_kiosk: MakeKiosk, qtbot: QtBot, pack_name: str, size: tuple[int, int], language: str
) -> None:
    pack = load_pack(content_dir() / pack_name)
    window = make_kiosk(
        pack,
        size=size,
        language=language,
        reduced_motion=True,
        visit_times=VisitTimes(cue_seconds=60),
    )
    short = min(size)
    area = window.stage.geometry()
    for index in tappable_slides(pack):
        window.player.go_to(index)
        settle(window, qtbot)
        cards = [t.rect for t in window.stage.tap_targets()]
        cards = [c.translated(area.topLeft()) for c in cards]
        cues = cues_of(window)
        # On every card with room for it, and at least one: the rest go without.
        assert 1 <= len(cues) <= len(cards), index
        expected = CUE_WORDS[pack.slides[index].kind, language]
        with_cues = window.grab().toImage()
        near = round(short * 0.02)  # on its card, across its edge, or beside it
        cued = []
        for cue in cues:
            assert " ".join(cue.lines) == expected
            assert QFontMetricsF(cue.font_used).capHeight() >= SECONDARY_CAP_SHARE * short
            placed = cue.geometry()
            assert area.contains(placed), (index, placed)
            reach = placed.adjusted(-near, -near, near, near)
            card = max(cards, key=lambda c: area_of(reach.intersected(c)))
            if not reach.intersects(card):
                # No card had room: one cue for the slide, above its cards.
                assert len(cues) == 1
                assert placed.bottom() < min(c.top() for c in cards)
                card = QRect()
            cued.append(card)
        assert len(set(map(QRect.getRect, cued))) == len(cues)  # one a card
        # What was under the cues, without them: on the card, only the card's own
        # colour; off it, only the slide's (a card's rim aside). No word, no code.
        for cue in cues:
            cue.hide()
        bare = window.grab().toImage()
        for cue, card in zip(cues, cued, strict=True):
            on_card, off_card = colours_under(bare, cue.geometry(), card, rim=round(short * 0.006))
            assert len(on_card) <= 1, (pack_name, index, cue.geometry(), on_card)
            assert len(off_card) <= 1, (pack_name, index, cue.geometry(), off_card)
            cue.show()
        # And every code still reads, with the cues on (the page's: a slide too full
        # for the screen is shown as pages).
        live = window.live_view
        assert live is not None
        slide = live.slide
        if isinstance(slide, ResourcesSlide):
            assert decoded_urls(with_cues) == sorted(r.url for r in slide.resources)


def test_the_cue_goes_after_its_time_or_at_the_first_touch(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, reduced_motion=True, visit_times=VisitTimes(cue_seconds=0.3))
    index = resources_index(real_pack)
    window.player.go_to(index)
    settle(window, qtbot)
    assert cues_of(window)
    qtbot.waitUntil(lambda: not cues_of(window), timeout=3000)
    window.resize(1280, 721)  # laid out again: it stays gone for this showing
    settle(window, qtbot)
    assert not cues_of(window)

    other = make_kiosk(real_pack, reduced_motion=True, visit_times=VisitTimes(cue_seconds=60))
    other.player.go_to(index)
    settle(other, qtbot)
    assert cues_of(other)
    controls = other.controls
    assert controls is not None
    click(other, controls.middle.center() + controls.pos())  # the bar, between buttons
    assert not cues_of(other)
    assert other.player.index == index


def test_a_slide_cues_once_a_visit_and_again_after_the_idle_return(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(
        real_pack,
        idle_seconds=1.0,
        reduced_motion=True,
        visit_times=VisitTimes(warning_seconds=0.2, cue_seconds=60),
    )
    controls = window.controls
    assert controls is not None
    first, second = resources_slides(real_pack)[:2]
    player = window.player

    def visit(index: int) -> list[TapCue]:
        player.go_to(index)
        settle(window, qtbot)
        return cues_of(window)

    # Nobody at the screen: each time it comes round may be a new visitor's first.
    assert visit(first)
    assert visit(second)
    assert visit(first)
    # A visitor: once each.
    click(window, controls.middle.center() + controls.pos())
    assert visit(second)
    assert visit(first)
    assert not visit(second)
    assert not visit(first)
    # The idle return: a new visit.
    with qtbot.waitSignal(player.returned_to_start, timeout=5000):
        pass
    click(window, controls.middle.center() + controls.pos())
    assert visit(first)


def test_event_mode_has_no_cue_no_warning_and_no_pause_button(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, mode="event", reduced_motion=True)
    window.player.go_to(resources_index(real_pack))
    settle(window, qtbot)
    assert window.chrome.tap_cues is None
    assert window.chrome.idle_warning is None
    assert window.controls is None

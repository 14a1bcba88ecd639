"""The kiosk window as a visitor meets it: keys, clicks, swipes, transitions, failures."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from decks import deck_yaml
from launching import launch, split_options
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPaintEvent, QPointingDevice
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack, Slide, Transition
from kiosk.ui.app import run_kiosk
from kiosk.ui.player import Player
from kiosk.ui.slide_view import SlideContext
from kiosk.ui.stage_view import TapTarget
from kiosk.ui.window import KioskWindow, ViewFactory

SIZE = (480, 270)
BLOCKS = ("#e6194b", "#3cb44b", "#ffe119", "#4363d8", "#f58231")  # one per slide
BACKGROUND = QColor("#0b1d33")  # the deck's theme background (the model's default)


class BlockView(QWidget):
    """A stand-in slide view: the theme background with a block of the slide's colour.

    Not a SlideView: these tests are about the window, not about how views lay out.
    It offers the view protocol (``StageView``) with nothing to tap and nothing to say.
    """

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.number = context.pack.slides.index(slide)
        self.language = context.language

    def tap_targets(self) -> Sequence[TapTarget]:
        return ()

    def spoken_text(self) -> str:
        return ""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.context.theme.background)
        w, h = self.width(), self.height()
        painter.fillRect(QRect(w // 4, h // 4, w // 2, h // 2), QColor(BLOCKS[self.number]))
        painter.end()


def failing_for(*numbers: int) -> ViewFactory:
    def build(slide: Slide, context: SlideContext, parent: QWidget | None) -> QWidget:
        if context.pack.slides.index(slide) in numbers:
            raise ValueError("this slide view is broken")
        return BlockView(slide, context, parent)

    return build


@pytest.fixture
def deck(write_pack: Callable[..., Path]) -> Pack:
    return load_pack(write_pack(deck_yaml(4, "crossfade")))


MakeWindow = Callable[..., KioskWindow]


@pytest.fixture
def make_window(qtbot: QtBot) -> Iterator[MakeWindow]:
    """Shown windows (a preview size unless told otherwise) over a Player.

    After the test: no transition and no player timer may still be running once
    the window is closed.
    """
    windows: list[KioskWindow] = []

    def make(
        pack: Pack,
        *,
        view_factory: ViewFactory | None = BlockView,
        windowed: tuple[int, int] | None = SIZE,
        slide_seconds: float | None = None,
        **options: object,
    ) -> KioskWindow:
        player = Player(pack, slide_seconds=slide_seconds)
        chosen, rest = split_options({**options, "windowed": windowed})
        window = KioskWindow(player, chosen, view_factory=view_factory, **rest)
        qtbot.addWidget(window)
        windows.append(window)
        window.present()
        qtbot.waitExposed(window)
        return window

    yield make
    for window in windows:
        window.close()
        running = [t.objectName() for t in window.player.findChildren(QTimer) if t.isActive()]
        assert not running, f"player timers left running: {running}"
        assert window.transition.animation.state() != window.transition.animation.State.Running


def settle(window: KioskWindow, qtbot: QtBot) -> None:
    """Wait until the slide stands still."""
    qtbot.waitUntil(lambda: not window.transition.is_running, timeout=3000)


def shown_number(window: KioskWindow) -> int:
    view = window.live_view
    assert isinstance(view, BlockView)
    return view.number


def channels(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def block_colour(image: QImage) -> QColor:
    return QColor(image.pixel(image.width() // 2, image.height() // 2))


def assert_made_of_slides(image: QImage, *numbers: int) -> None:
    """Not blank: the background is there, and the middle shows one of the slides'
    blocks or a mix of them; never black, never the background alone."""
    corner = QColor(image.pixel(3, 3))
    middle = block_colour(image)
    assert corner == BACKGROUND, corner.name()
    assert middle != BACKGROUND, middle.name()
    assert middle != QColor("black")
    if len(numbers) == 1:
        assert middle == QColor(BLOCKS[numbers[0]]), middle.name()
    else:
        a, b = (QColor(BLOCKS[n]) for n in numbers)
        # Each channel of a crossfade lies between the two slides' values.
        for x, y, m in zip(channels(a), channels(b), channels(middle), strict=True):
            assert min(x, y) - 2 <= m <= max(x, y) + 2, (a.name(), b.name(), middle.name())


# -- showing ---------------------------------------------------------------------


def test_first_slide_on_the_theme_background(make_window: MakeWindow, deck: Pack) -> None:
    window = make_window(deck)
    assert shown_number(window) == 0
    assert window.palette().color(window.backgroundRole()) == BACKGROUND
    assert_made_of_slides(window.grab().toImage(), 0)


def test_fullscreen_on_the_primary_screen_by_default(make_window: MakeWindow, deck: Pack) -> None:
    window = make_window(deck, windowed=None)
    assert window.isFullScreen()
    assert window.target_screen is QGuiApplication.primaryScreen()
    assert window.geometry() == window.target_screen.geometry()


def test_missing_screen_is_logged_and_the_primary_used(
    make_window: MakeWindow, deck: Pack, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        window = make_window(deck, windowed=None, screen=7)
    assert window.target_screen is QGuiApplication.primaryScreen()
    assert "there is no screen 7" in caplog.text
    assert window.isFullScreen()


def test_the_cursor_is_hidden_until_the_window_closes(make_window: MakeWindow, deck: Pack) -> None:
    window = make_window(deck)
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor
    override = QGuiApplication.overrideCursor()
    assert override is not None
    assert override.shape() == Qt.CursorShape.BlankCursor
    window.close()
    assert QGuiApplication.overrideCursor() is None


def test_progress_dots_follow_the_slide(make_window: MakeWindow, deck: Pack, qtbot: QtBot) -> None:
    window = make_window(deck)
    accent = QColor(deck.theme.accent)
    dots = window.progress

    def accent_x() -> float:
        strip = dots.grab().toImage()
        row = strip.height() // 2
        xs = [x for x in range(strip.width()) if QColor(strip.pixel(x, row)) == accent]
        assert xs, "the current slide's dot is not drawn in the accent colour"
        return sum(xs) / len(xs)

    assert (dots.index, dots.count) == (0, 4)
    first = accent_x()
    window.player.next()
    settle(window, qtbot)
    assert dots.index == 1
    assert accent_x() > first
    assert dots.geometry().bottom() == window.height() - 1
    assert dots.height() < window.height() * 0.1


# -- input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (Qt.Key.Key_Right, 2),
        (Qt.Key.Key_Space, 2),
        (Qt.Key.Key_PageDown, 2),
        (Qt.Key.Key_Left, 0),
        (Qt.Key.Key_PageUp, 0),
        (Qt.Key.Key_Home, 0),
        (Qt.Key.Key_End, 3),
    ],
)
def test_navigation_keys(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot, key: Qt.Key, expected: int
) -> None:
    window = make_window(deck)
    window.player.go_to(1)
    settle(window, qtbot)
    qtbot.keyClick(window, key)
    assert window.player.index == expected
    settle(window, qtbot)
    assert shown_number(window) == expected


def test_keys_wrap_round(make_window: MakeWindow, deck: Pack, qtbot: QtBot) -> None:
    window = make_window(deck)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.player.index == 3
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.player.index == 0


def test_click_right_part_next_left_part_previous(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot
) -> None:
    window = make_window(deck)
    w, h = window.width(), window.height()
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(int(w * 0.9), h // 2))
    assert window.player.index == 1
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(w // 2, h // 2))
    assert window.player.index == 2
    qtbot.mouseClick(window, Qt.MouseButton.LeftButton, pos=QPoint(int(w * 0.1), h // 2))
    assert window.player.index == 1


def mouse_drag(window: KioskWindow, start: QPoint, end: QPoint) -> None:
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(window, (start + end) / 2)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_mouse_swipes(make_window: MakeWindow, deck: Pack) -> None:
    window = make_window(deck)
    w, h = window.width(), window.height()
    mouse_drag(window, QPoint(int(w * 0.7), h // 2), QPoint(int(w * 0.3), h // 2))
    assert window.player.index == 1  # finger moved left: next
    mouse_drag(window, QPoint(int(w * 0.1), h // 2), QPoint(int(w * 0.6), h // 2 + 20))
    assert window.player.index == 0  # moved right: previous, even from the left
    mouse_drag(window, QPoint(w // 2, h // 4), QPoint(w // 2 + 10, h * 3 // 4))
    assert window.player.index == 0  # mostly vertical: nothing
    mouse_drag(window, QPoint(w // 2, h // 2), QPoint(w // 2 + int(w * 0.06), h // 2))
    assert window.player.index == 0  # too short to be a swipe, too long for a tap


@pytest.fixture(scope="module")
def touchscreen(qapp: object) -> QPointingDevice:
    return QTest.createTouchDevice()


def touch_drag(window: KioskWindow, device: QPointingDevice, start: QPoint, end: QPoint) -> None:
    QTest.touchEvent(window, device).press(0, start, window).commit()
    QTest.touchEvent(window, device).move(0, (start + end) / 2, window).commit()
    QTest.touchEvent(window, device).move(0, end, window).commit()
    QTest.touchEvent(window, device).release(0, end, window).commit()


def test_touch_swipes_and_taps(
    make_window: MakeWindow, deck: Pack, touchscreen: QPointingDevice
) -> None:
    window = make_window(deck)
    w, h = window.width(), window.height()
    touch_drag(window, touchscreen, QPoint(int(w * 0.8), h // 2), QPoint(int(w * 0.4), h // 2))
    assert window.player.index == 1
    touch_drag(window, touchscreen, QPoint(int(w * 0.3), h // 2), QPoint(int(w * 0.7), h // 2))
    assert window.player.index == 0
    touch_drag(window, touchscreen, QPoint(int(w * 0.8), h // 2), QPoint(int(w * 0.8), h // 2))
    assert window.player.index == 1  # a tap on the right
    touch_drag(window, touchscreen, QPoint(int(w * 0.1), h // 2), QPoint(int(w * 0.1), h // 2))
    assert window.player.index == 0  # a tap on the left


def test_escape_and_ctrl_q_quit(make_window: MakeWindow, deck: Pack, qtbot: QtBot) -> None:
    window = make_window(deck)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    other = make_window(deck)
    qtbot.keyClick(other, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not other.isVisible()
    assert not other.player.is_playing


def test_a_lock_can_refuse_quitting(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(deck)
    monkeypatch.setattr(window, "is_quit_allowed", lambda: False)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()


def test_plain_q_does_not_quit(make_window: MakeWindow, deck: Pack, qtbot: QtBot) -> None:
    window = make_window(deck)
    qtbot.keyClick(window, Qt.Key.Key_Q)
    assert window.isVisible()


# -- transitions -----------------------------------------------------------------


def step_through(window: KioskWindow, steps: int = 8) -> list[QImage]:
    """Grab the whole window at evenly spaced points of the running transition."""
    animation = window.transition.animation
    animation.pause()
    duration = animation.duration()
    images = []
    for step in range(steps):
        animation.setCurrentTime((duration - 1) * step // (steps - 1))
        images.append(window.grab().toImage())
    animation.resume()
    return images


@pytest.mark.parametrize("kind", ["crossfade", "slide"])
def test_no_blank_frame_between_slides(
    make_window: MakeWindow, write_pack: Callable[..., Path], qtbot: QtBot, kind: Transition
) -> None:
    window = make_window(load_pack(write_pack(deck_yaml(4, kind))))
    window.player.next()
    assert window.transition.is_running
    images = step_through(window)
    # It really goes from one slide to the other...
    assert block_colour(images[0]) == QColor(BLOCKS[0])
    if kind == "crossfade":
        middle = block_colour(images[len(images) // 2])
        assert middle not in (QColor(BLOCKS[0]), QColor(BLOCKS[1]))
    last = channels(block_colour(images[-1]))
    assert max(abs(a - b) for a, b in zip(last, channels(QColor(BLOCKS[1])), strict=True)) <= 3
    # ...and no frame on the way is blank.
    for image in images:
        if kind == "crossfade":
            assert_made_of_slides(image, 0, 1)
        else:
            # Moving, not mixing: every sampled pixel is background or a block colour.
            row = image.height() // 2
            seen = {QColor(image.pixel(x, row)).name() for x in range(0, image.width(), 3)}
            assert seen & {BLOCKS[0], BLOCKS[1]}, seen
            assert seen <= {BACKGROUND.name(), BLOCKS[0], BLOCKS[1]}, seen
    settle(window, qtbot)
    assert_made_of_slides(window.grab().toImage(), 1)


def test_none_is_an_instant_cut(make_window: MakeWindow, write_pack: Callable[..., Path]) -> None:
    window = make_window(load_pack(write_pack(deck_yaml(3, "none"))))
    window.player.next()
    assert not window.transition.is_running
    assert shown_number(window) == 1
    assert_made_of_slides(window.grab().toImage(), 1)


def test_fast_key_presses_never_show_a_blank_frame(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot
) -> None:
    window = make_window(deck)
    for _ in range(6):
        qtbot.keyClick(window, Qt.Key.Key_Right)
        qtbot.wait(30)  # a few frames into each transition
        image = window.grab().toImage()
        assert QColor(image.pixel(3, 3)) == BACKGROUND
        middle = block_colour(image)
        assert middle not in (BACKGROUND, QColor("black")), middle.name()
    settle(window, qtbot)
    assert window.player.index == 2  # six steps round a deck of four
    assert shown_number(window) == 2
    assert_made_of_slides(window.grab().toImage(), 2)
    # Interrupted views were thrown away, not left lying about.
    qtbot.wait(1)
    assert len([c for c in window.findChildren(BlockView) if c.isVisible()]) == 1


def test_interrupting_starts_from_the_frame_on_screen(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot
) -> None:
    window = make_window(deck)
    window.player.next()
    window.transition.animation.pause()
    window.transition.animation.setCurrentTime(200)
    before = block_colour(window.grab().toImage())
    window.player.next()  # interrupts: the new transition begins with that mix
    window.transition.animation.pause()
    window.transition.animation.setCurrentTime(0)
    after = block_colour(window.grab().toImage())
    assert before == after
    window.transition.animation.resume()
    settle(window, qtbot)
    assert shown_number(window) == 2


def test_resizing_lands_a_transition(make_window: MakeWindow, deck: Pack) -> None:
    window = make_window(deck)
    window.player.next()
    window.resize(QSize(400, 400))
    assert not window.transition.is_running
    assert shown_number(window) == 1
    assert window.live_view is not None
    assert window.live_view.size() == window.size()


def test_language_change_redraws_the_slide(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot
) -> None:
    window = make_window(deck)
    window.player.set_language("es")
    settle(window, qtbot)
    view = window.live_view
    assert isinstance(view, BlockView)
    assert view.language == "es"


def test_a_new_pack_takes_over_with_its_theme(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot
) -> None:
    window = make_window(deck)
    window.player.go_to(2)
    settle(window, qtbot)
    green = dataclasses.replace(deck.theme, background="#103020")
    window.player.set_pack(dataclasses.replace(deck, theme=green))
    settle(window, qtbot)
    assert shown_number(window) == 0
    assert QColor(window.grab().toImage().pixel(3, 3)) == QColor("#103020")


# -- failures --------------------------------------------------------------------


def test_a_failing_slide_is_logged_with_its_origin_and_skipped(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    window = make_window(deck, view_factory=failing_for(1), slide_seconds=0.05)
    origin = deck.slides[1].origin
    player = window.player
    changes: list[int] = []
    player.current_changed.connect(changes.append)
    with caplog.at_level(logging.ERROR):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert f"{origin.file}:{origin.line}" in caplog.text
    assert "this slide view is broken" in caplog.text  # the traceback is in the log
    assert player.index == 2
    settle(window, qtbot)
    assert shown_number(window) == 2
    # The loop goes on past it, and does not try the broken slide again.
    caplog.clear()
    player.start()
    qtbot.waitUntil(lambda: len(changes) >= 6, timeout=5000)
    player.stop()
    assert 0 in changes[2:]
    assert 3 in changes[2:]
    assert [i for i in changes if i == 1] == [1]  # only the first, failed attempt
    assert "could not be shown" not in caplog.text


def test_the_real_factory_is_used_and_can_be_patched(
    make_window: MakeWindow,
    deck: Pack,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import kiosk.ui.slide_view

    def broken(slide: Slide, context: SlideContext, parent: QWidget | None) -> QWidget:
        if context.pack.slides.index(slide) == 0:
            raise RuntimeError("no view for you")
        return BlockView(slide, context, parent)

    monkeypatch.setattr(kiosk.ui.slide_view, "create_slide_view", broken, raising=False)
    with caplog.at_level(logging.ERROR):
        window = make_window(deck, view_factory=None)
    assert window.player.index == 1
    assert shown_number(window) == 1
    assert "no view for you" in caplog.text


def test_when_every_slide_fails_the_background_shows(
    make_window: MakeWindow, deck: Pack, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        window = make_window(deck, view_factory=failing_for(0, 1, 2, 3))
    assert window.live_view is None
    assert "no slide of the pack 'Test deck' could be shown" in caplog.text
    image = window.grab().toImage()
    assert {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    } == {BACKGROUND.rgb()}
    window.player.start()  # nothing to play: no timer may start, no endless search
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert not any(t.isActive() for t in window.player.findChildren(QTimer))
    assert caplog.text.count("no slide of the pack") == 1


# -- running ---------------------------------------------------------------------


@pytest.fixture
def first_frames(monkeypatch: pytest.MonkeyPatch) -> list[KioskWindow]:
    """Every kiosk window whose first frame was painted; the first one ends the event
    loop with 0, as staff quitting would (stand-in slides, to be quick)."""
    import kiosk.ui.slide_view

    monkeypatch.setattr(kiosk.ui.slide_view, "create_slide_view", BlockView, raising=False)
    painted: list[KioskWindow] = []
    present = KioskWindow.present

    def presenting(window: KioskWindow) -> None:
        def on_painted() -> None:
            painted.append(window)
            QApplication.exit(0)

        window.first_frame_painted.connect(on_painted)
        present(window)

    monkeypatch.setattr(KioskWindow, "present", presenting)
    return painted


def test_run_kiosk_plays_until_the_loop_ends(deck: Pack, first_frames: list[KioskWindow]) -> None:
    code = run_kiosk(launch(deck, windowed=SIZE, language="es"))
    assert code == 0
    assert [window.player.language for window in first_frames] == ["es"]


def test_the_bundled_pack_crosses_between_real_slides_without_a_blank_frame(
    make_window: MakeWindow, bundled_content: Path, qtbot: QtBot
) -> None:
    from kiosk.ui.fonts import load_bundled_fonts

    load_bundled_fonts()
    pack = load_pack(bundled_content / "2023")
    window = make_window(pack, view_factory=None, windowed=(960, 540))
    background = QColor(pack.theme.background).rgb()

    def distinct(image: QImage) -> set[int]:
        return {
            image.pixel(x, y)
            for x in range(0, image.width(), 5)
            for y in range(0, image.height(), 5)
        }

    at_rest = distinct(window.grab().toImage())
    # Every page of every slide (a full slide is shown as pages), round to the start.
    for _ in range(4 * len(pack.slides)):
        window.player.next()
        for image in step_through(window, steps=5):
            seen = distinct(image)
            assert background in seen
            assert len(seen) > 20, "a frame of (nearly) one colour"
        settle(window, qtbot)
        if (window.player.index, window.player.page) == (0, 0):
            break
    assert (window.player.index, window.player.page) == (0, 0)
    assert distinct(window.grab().toImage()) == at_rest  # round the loop, same picture


def test_uncaught_errors_go_to_the_log_not_to_the_screen(caplog: pytest.LogCaptureFixture) -> None:
    import sys

    from kiosk.ui.logging_setup import install_error_funnel

    restore = install_error_funnel()
    try:
        with caplog.at_level(logging.CRITICAL):
            sys.excepthook(ValueError, ValueError("a slot went wrong"), None)
    finally:
        restore()
    assert "a slot went wrong" in caplog.text
    assert "the kiosk carries on" in caplog.text


def test_many_qt_calls_do_not_use_up_none(qtbot: QtBot) -> None:
    """A kiosk makes millions of Qt calls. PySide6 6.12 on Python 3.11 drops a
    reference to None in each (hence the pin in pyproject.toml): with such a build
    installed, this aborts the test run instead of a kiosk at a venue."""
    widget = QWidget()
    qtbot.addWidget(widget)
    for _ in range(50_000):
        widget.update()


# -- venue settings ----------------------------------------------------------------


def test_reduced_motion_cuts_instead_of_animating(make_window: MakeWindow, deck: Pack) -> None:
    window = make_window(deck, reduced_motion=True)
    window.player.next()
    assert not window.transition.is_running
    assert shown_number(window) == 1
    assert_made_of_slides(window.grab().toImage(), 1)


def test_run_kiosk_also_logs_to_a_rotating_file(
    deck: Pack,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    first_frames: list[KioskWindow],
) -> None:
    import logging.handlers

    caplog.set_level(logging.INFO)  # as the command line sets it

    from kiosk.ui.logging_setup import LOG_FILE_BACKUPS, LOG_FILE_BYTES

    folder = tmp_path / "logs"
    seen: list[logging.handlers.RotatingFileHandler] = []
    original = logging.Logger.addHandler

    def add(logger: logging.Logger, handler: logging.Handler) -> None:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            seen.append(handler)
        original(logger, handler)

    monkeypatch.setattr(logging.Logger, "addHandler", add)
    assert run_kiosk(launch(deck, windowed=SIZE, log_dir=folder)) == 0
    log_file = folder / "kiosk.log"
    assert f"logging to {log_file}" in capsys.readouterr().err
    assert "playing 'Test deck'" in log_file.read_text()
    assert len(seen) == 1
    assert (seen[0].maxBytes, seen[0].backupCount) == (LOG_FILE_BYTES, LOG_FILE_BACKUPS)
    # Gone again once the kiosk has stopped.
    assert not any(
        isinstance(h, logging.handlers.RotatingFileHandler) for h in logging.getLogger().handlers
    )


def test_errors_are_counted_for_staff() -> None:
    from kiosk.ui.logging_setup import ErrorCounter

    counter = ErrorCounter().install()
    try:
        logging.getLogger("kiosk.somewhere").error("broken")
        logging.getLogger("kiosk.somewhere").warning("only a warning")
        logging.getLogger("other").critical("very broken")
    finally:
        counter.remove()
    logging.getLogger("kiosk.somewhere").error("after the kiosk stopped")
    assert counter.count == 2

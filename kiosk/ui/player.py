"""The deck's state machine: which slide is current, autoplay, looping, language.

The Player owns no widgets, so it is tested without drawing anything. The window
listens to its signals and routes visitor input (keys, clicks, swipes) back to it.

Autoplay is one single-shot timer, re-armed for each slide with that slide's own
duration; navigating by hand re-arms it, so a visitor always gets a whole slide's
time to read what they just turned to. Nothing ticks while a slide stands still.

Pages: a slide too full for the screen is shown as consecutive pages
(``kiosk.ui.deck``, which the window asks); the window tells the Player how many
pages each slide makes (``set_page_counts``). Moving on steps through a slide's
pages before the next slide, moving back lands on the last page of the slide
before, and each page stays up for the slide's whole duration.

Visitors and the idle return: the window reports every visitor input with
``note_interaction()``. In touch mode that holds autoplay (a reader at a
touchscreen sets the pace); in both modes it (re)starts the idle timer. When the
idle time passes with no input, ``return_to_start()`` brings the deck back to its
first slide in the default language and autoplay resumes, ready for the next
visitor; ``returned_to_start`` tells the window to close whatever a visitor left
open. ``idle_seconds_left()`` and ``idle_timer_changed`` let the window warn
before that happens.

Pause and play (WCAG 2.2 SC 2.2.2): a visitor may also stop and restart autoplay
themselves (``pause``, ``play``, ``toggle_pause``: the bar's pause button, the P
key); see ``VisitorPace``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.options import Mode
from kiosk.pack.model import Pack, Slide
from kiosk.slides import for_region

log = logging.getLogger(__name__)


class VisitorPace(NamedTuple):
    """Why autoplay waits for a visitor, until the idle return forgets it: ``held``
    by their input (touch mode: a reader sets the pace), or their own ``chosen``
    pause (False) or play (True). The choice outranks the hold: after play,
    autoplay runs on whatever they touch; after pause, it waits."""

    held: bool = False
    chosen: bool | None = None

    @property
    def stops_autoplay(self) -> bool:
        return not self.chosen if self.chosen is not None else self.held


class Player(QObject):
    """Current slide, autoplay and language for one pack; loops forever.

    Signals:
        current_changed(int): the current slide or page changed (also when the
            same index is shown again: another page of it, or after wrapping round
            a one-slide deck).
        language_changed(str): the language changed; the current slide should be
            drawn again in it.
        pack_changed(): the pack was replaced. Index, language and slide count
            may all have changed; listeners should redraw everything. No
            ``current_changed`` or ``language_changed`` follows it.
        nothing_to_show(): every slide was reported unplayable (see
            ``skip_current``); autoplay has stopped.
        playing_changed(bool): autoplay started or stopped.
        paused_changed(bool): autoplay was stopped for a visitor (held by their
            input, or paused by them), or resumed (``is_paused``).
        idle_timer_changed(): the idle return was (re)armed or called off
            (``idle_seconds_left``).
        returned_to_start(): the idle time passed with no visitor input; emitted
            before the deck moves back to its first slide, so listeners can close
            what a visitor opened first.

    ``mode`` is ``Mode.EVENT`` (a presenter or nobody drives it; input does not hold
    autoplay) or ``Mode.TOUCH`` (visitors drive it; any input holds autoplay until the
    idle return, unless the visitor pressed play). ``idle_seconds`` overrides the
    pack's ``timing.idle_seconds``.
    """

    current_changed = Signal(int)
    language_changed = Signal(str)
    pack_changed = Signal()
    nothing_to_show = Signal()
    playing_changed = Signal(bool)
    paused_changed = Signal(bool)
    idle_timer_changed = Signal()
    returned_to_start = Signal()

    def __init__(
        self,
        pack: Pack,
        *,
        language: str | None = None,
        slide_seconds: float | None = None,
        mode: Mode = Mode.EVENT,
        idle_seconds: float | None = None,
        region: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # Where the kiosk stands: every pack it plays is the one shown there
        # (kiosk.slides.for_region: help lines that do not work there left out).
        self._region = region
        pack = for_region(pack, region)
        self._pack = pack
        self._index = 0
        self._page = 0  # of the current slide, from 0
        self._page_counts: Callable[[int], int] = _one_page
        # +1 or -1: the way the visitor (or autoplay) last moved. A slide that
        # cannot be shown is skipped in this direction, and the window slides
        # the next picture in from the matching side.
        self._direction = 1
        self._language = self._usable_language(pack, language)
        self._slide_seconds = slide_seconds
        self._playing = False
        self._unplayable: set[int] = set()
        self._pending_pack: Pack | None = None
        self._autoplay_timer = QTimer(self)
        self._autoplay_timer.setObjectName("autoplay")
        self._autoplay_timer.setSingleShot(True)
        self._autoplay_timer.timeout.connect(self._on_autoplay_timeout)
        if mode not in tuple(Mode):
            raise ValueError(f"mode must be one of {', '.join(Mode)}, not {mode!r}")
        self._mode = Mode(mode)
        self._pace = VisitorPace()
        self._idle_seconds = idle_seconds
        self._idle_timer = QTimer(self)
        self._idle_timer.setObjectName("idle")
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.return_to_start)

    # -- state -----------------------------------------------------------------

    @property
    def region(self) -> str | None:
        """Where the kiosk stands (an ISO 3166 code), or None when the venue did not say."""
        return self._region

    @property
    def pack(self) -> Pack:
        return self._pack

    @property
    def index(self) -> int:
        return self._index

    @property
    def count(self) -> int:
        return len(self._pack.slides)

    @property
    def page(self) -> int:
        """Which page of the current slide is shown, from 0."""
        return min(self._page, self.page_count - 1)

    @property
    def page_count(self) -> int:
        """How many pages the current slide makes on screen (1 for most)."""
        return max(1, self._page_counts(self._index))

    def set_page_counts(self, page_counts: Callable[[int], int]) -> None:
        """How many pages each slide (by index) makes on screen; asked when needed."""
        self._page_counts = page_counts

    @property
    def current_slide(self) -> Slide:
        return self._pack.slides[self._index]

    @property
    def language(self) -> str:
        return self._language

    @property
    def direction(self) -> int:
        """+1 when the last move went forward (or wrapped round), -1 when back."""
        return self._direction

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def mode(self) -> Mode:
        return self._mode

    @property
    def is_paused(self) -> bool:
        """Autoplay is on but waits for a visitor (``pace``)."""
        return self._playing and self._pace.stops_autoplay

    @property
    def pace(self) -> VisitorPace:
        return self._pace

    @property
    def is_advancing(self) -> bool:
        """The autoplay timer is running: the slide will end by itself."""
        return self._autoplay_timer.isActive()

    @property
    def idle_seconds(self) -> float:
        """How long without input before the deck returns to its start."""
        if self._idle_seconds is not None:
            return self._idle_seconds
        return self._pack.timing.idle_seconds

    @property
    def has_something_to_show(self) -> bool:
        return len(self._unplayable) < self.count

    def seconds_for(self, index: int) -> float:
        """How long slide ``index`` stays up under autoplay."""
        if self._slide_seconds is not None:
            return self._slide_seconds
        return self._pack.duration_of(self._pack.slides[index])

    # -- autoplay --------------------------------------------------------------

    def start(self) -> None:
        """Play by itself from the current slide, which gets its full time."""
        self._pace = VisitorPace()
        if not self._playing:
            self._playing = True
            self.playing_changed.emit(True)
        self._arm_autoplay()

    def stop(self) -> None:
        """Stop autoplay (and the idle timer); afterwards no timer of the player runs."""
        self._autoplay_timer.stop()
        self._idle_timer.stop()
        self._pace = VisitorPace()
        if self._playing:
            self._playing = False
            self.playing_changed.emit(False)
        self.idle_timer_changed.emit()

    def _arm_autoplay(self) -> None:
        self._autoplay_timer.stop()
        if self._playing and not self._pace.stops_autoplay and self.has_something_to_show:
            self._autoplay_timer.start(max(1, round(self.seconds_for(self._index) * 1000)))

    def _on_autoplay_timeout(self) -> None:
        # The one place a slide ends by itself: a reloaded pack waiting here comes
        # on screen at this boundary, with the normal transition, and never cuts a
        # slide short under a reader's eyes.
        pending, self._pending_pack = self._pending_pack, None
        if pending is not None:
            self.set_pack(pending)
        else:
            self.next()

    # -- visitors --------------------------------------------------------------

    def note_interaction(self, hold: bool = True) -> None:
        """A visitor pressed, tapped, swiped or typed something.

        In touch mode autoplay is held until the idle return (unless the visitor
        chose play; ``hold`` False: the input was the pause or play control
        itself, which says what autoplay does); in both modes the idle timer
        starts again from now.
        """
        if hold and self._mode == Mode.TOUCH and self._playing and not self._pace.held:
            self._set_pace(self._pace._replace(held=True))
        if self.has_something_to_show:  # else there is no start to return to
            self._idle_timer.start(max(1, round(self.idle_seconds * 1000)))
            self.idle_timer_changed.emit()

    def idle_seconds_left(self) -> float | None:
        """Seconds until the idle return; None when none is coming (nobody touched
        anything since the last one)."""
        if not self._idle_timer.isActive():
            return None
        return max(0, self._idle_timer.remainingTime()) / 1000

    # -- pause and play: the visitor's own choice, until the idle return ---------

    def pause(self) -> None:
        self._set_pace(self._pace._replace(chosen=False))

    def play(self) -> None:
        """Autoplay again, the current slide with its full time."""
        self._set_pace(VisitorPace(held=False, chosen=True))

    def toggle_pause(self) -> None:
        self.play() if self.is_paused else self.pause()

    def _set_pace(self, pace: VisitorPace) -> None:
        was_paused, self._pace = self.is_paused, pace
        if pace.stops_autoplay:
            self._autoplay_timer.stop()
        elif was_paused:
            self._arm_autoplay()
        if self.is_paused != was_paused:
            self.paused_changed.emit(self.is_paused)

    def return_to_start(self) -> None:
        """Back to the first slide in the default language, autoplay running again.

        What the idle timer does; a pack that arrived while a visitor held the
        deck comes on screen now.
        """
        self._idle_timer.stop()
        self.idle_timer_changed.emit()
        self._set_pace(VisitorPace())
        self.returned_to_start.emit()
        pending, self._pending_pack = self._pending_pack, None
        pack = pending or self._pack
        if pending is not None:
            self._language = pack.default_language
            self.set_pack(pending)
        elif self._language != pack.default_language:
            self._language = pack.default_language
            self._index, self._page, self._direction = 0, 0, 1
            self._unplayable.clear()
            self._arm_autoplay()
            self.language_changed.emit(self._language)  # redraws slide 0
        elif self._index != 0 or self._page != 0:
            self._land(0, 1)
        else:
            self._arm_autoplay()
        log.info("idle: back to the first slide")

    # -- navigation ------------------------------------------------------------

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def first(self) -> None:
        self._land(0, 1)

    def last(self) -> None:
        self._land(self.count - 1, -1, last_page=True)

    def go_to(self, index: int) -> None:
        if not 0 <= index < self.count:
            raise IndexError(f"slide {index} is not in a deck of {self.count}")
        self._land(index, 1 if index >= self._index else -1)

    def _step(self, direction: int) -> None:
        page = self.page + direction
        if self.has_something_to_show and 0 <= page < self.page_count:
            self._direction = direction  # another page of the same slide
            self._page = page
            self._arm_autoplay()
            self.current_changed.emit(self._index)
            return
        self._land(self._index + direction, direction, last_page=direction < 0)

    def _land(self, index: int, direction: int, *, last_page: bool = False) -> None:
        """Make ``index`` current (wrapping round), passing over unplayable slides;
        on its first page, or its last with ``last_page``."""
        self._direction = direction
        if not self.has_something_to_show:
            self._nothing_left()
            return
        index %= self.count
        while index in self._unplayable:
            index = (index + direction) % self.count
        self._index = index
        self._page = max(1, self._page_counts(index)) - 1 if last_page else 0
        self._arm_autoplay()
        self.current_changed.emit(index)

    def skip_current(self) -> None:
        """The current slide cannot be shown: never try it again, and move on.

        The window calls this when a slide's view fails to build. The deck moves in
        the direction the visitor was going; when no slide is left, autoplay stops
        and ``nothing_to_show`` is emitted instead of looping for ever.
        """
        self._unplayable.add(self._index)
        self._land(self._index + self._direction, self._direction)

    def _nothing_left(self) -> None:
        self._autoplay_timer.stop()
        self.nothing_to_show.emit()

    # -- language and pack -----------------------------------------------------

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        if language not in self._pack.languages:
            log.warning(
                "language %r is not one of the pack's (%s); keeping %r",
                language,
                ", ".join(self._pack.languages),
                self._language,
            )
            return
        self._language = language
        # A view that failed in one language may well work in another.
        self._unplayable.clear()
        self._arm_autoplay()
        self.language_changed.emit(language)

    @property
    def pending_pack(self) -> Pack | None:
        return self._pending_pack

    def queue_pack(self, pack: Pack) -> None:
        """Show ``pack`` when the current slide's time is up (a newer one replaces it).

        A pack with the version of the one on screen shows exactly the same slides
        (a file nothing refers to was added, pack.yaml was saved unchanged): it is
        not queued, so the deck stays on its slide, and a pack queued before it is
        dropped, since the folder is back to what is on screen.
        """
        pack = for_region(pack, self._region)
        if pack.version and pack.version == self._pack.version:
            if self._pending_pack is not None:
                log.info("the pack folder is back to the pack on screen; the queued one is dropped")
            self._pending_pack = None
            return
        self._pending_pack = pack

    def set_pack(self, pack: Pack) -> None:
        """Play ``pack`` from its first slide, keeping the language when it has it."""
        pack = for_region(pack, self._region)
        self._pending_pack = None
        self._pack = pack
        self._index = self._page = 0
        self._direction = 1
        self._unplayable.clear()
        if self._language not in pack.languages:
            self._language = pack.default_language
        self._arm_autoplay()
        self.pack_changed.emit()

    @staticmethod
    def _usable_language(pack: Pack, language: str | None) -> str:
        if language is None:
            return pack.default_language
        if language not in pack.languages:
            log.warning(
                "language %r is not one of the pack's (%s); showing %r",
                language,
                ", ".join(pack.languages),
                pack.default_language,
            )
            return pack.default_language
        return language


def _one_page(index: int) -> int:
    return 1

"""What touch mode adds for the visitor at the screen, between the Player and the chrome.

A visit starts with the first touch and ends at the idle return. During it:

- **pause and play**: the bar's pause button asks the Player to pause or play, and
  shows what the Player decided (held by the visitor's reading counts as paused);
- **the idle warning**: the last seconds before the idle return are counted down
  on screen (``kiosk.ui.idle.IdleCountdown``); a touch keeps the visitor where they
  were, since it restarts the idle time like any other input;
- **the tap cue**: a slide with cards that open larger says so the first time it
  shows in the visit (and each time it comes round while nobody is at the screen).

The window composes this part in touch mode and tells it when a slide comes to
rest (``slide_at_rest``); everything else it hears from the Player, the chrome and
the input watch itself.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QObject

from kiosk.ui.chrome import Chrome
from kiosk.ui.idle import WARNING_SECONDS, IdleCountdown, InputWatch
from kiosk.ui.player import Player


class VisitTimes(NamedTuple):
    """How long the idle warning lasts before the idle return, and the tap cue stays
    (None: the cue's own time, ``kiosk.ui.widgets.tap_cue.CUE_SECONDS``, which the
    chrome imports with the rest of touch mode's parts)."""

    warning_seconds: float = WARNING_SECONDS
    cue_seconds: float | None = None


class TouchVisit(QObject):
    """Wires ``player``, ``chrome`` and ``input_watch`` for a touch-mode visitor."""

    def __init__(
        self,
        player: Player,
        chrome: Chrome,
        input_watch: InputWatch,
        times: VisitTimes | None = None,
    ) -> None:
        super().__init__(chrome)
        times = times or VisitTimes()
        self._player = player
        self._chrome = chrome
        self.countdown = IdleCountdown(player, times.warning_seconds)
        self.countdown.counting.connect(self._on_counting)
        self.countdown.ended.connect(chrome.hide_idle_warning)
        chrome.pause_requested.connect(player.toggle_pause)
        chrome.stay_requested.connect(player.note_interaction)
        player.paused_changed.connect(chrome.show_paused)
        player.playing_changed.connect(self._on_playing_changed)
        player.returned_to_start.connect(chrome.forget_cues)
        player.pack_changed.connect(chrome.forget_cues)
        input_watch.noticed.connect(chrome.dismiss_cues)
        chrome.show_paused(player.is_paused)

    def slide_at_rest(self) -> None:
        """A slide came to rest, or its cards moved: cue them if it is their turn."""
        visiting = self._player.idle_seconds_left() is not None
        self._chrome.cue_targets(self._player.index, remember=visiting)

    def _on_counting(self, seconds: int) -> None:
        self._chrome.show_idle_warning(seconds, self.countdown.warning_seconds())

    def _on_playing_changed(self, playing: bool) -> None:
        self._chrome.show_paused(self._player.is_paused)
        if not playing:
            self.countdown.stop()


__all__ = ["TouchVisit", "VisitTimes"]

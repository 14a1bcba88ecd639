"""The kiosk's run options, each declared once. Pure Python: no Qt.

The names of the modes and transitions, and the idle time's range, are shared with
the pack format (``kiosk.pack``), which may set a pack-level default for them.
"""

from __future__ import annotations

import enum


class Mode(enum.StrEnum):
    """Who drives the slides."""

    EVENT = "event"  # nobody touches it: the slides play by themselves for passers-by
    TOUCH = "touch"  # visitors tap and swipe through them, with buttons on screen


class Transition(enum.StrEnum):
    """How one slide gives way to the next."""

    CROSSFADE = "crossfade"
    SLIDE = "slide"
    NONE = "none"  # instant cuts, for reduced motion


# The idle return, in seconds, wherever it is set (command line, settings.toml, pack):
# long enough to read a dense slide without touching it, short enough for the next
# visitor.
IDLE_SECONDS_RANGE = (10.0, 3600.0)

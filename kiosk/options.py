"""Choices every run makes: how visitors use the kiosk and how slides change."""

from __future__ import annotations

from enum import StrEnum


class Mode(StrEnum):
    EVENT = "event"  # plays by itself, for people passing by
    TOUCH = "touch"  # visitors tap and swipe through it


class Transition(StrEnum):
    CROSSFADE = "crossfade"
    SLIDE = "slide"
    NONE = "none"  # instant cuts, for reduced motion


# Seconds without a touch before the idle return: long enough to read a slide,
# short enough for the next visitor.
IDLE_SECONDS_RANGE = (10.0, 3600.0)

"""The run options: declared once, read from the command line and settings.toml, and
resolved in one order (command line > settings.toml > pack > built-in)."""

from __future__ import annotations

from kiosk.options import Mode, Transition
from kiosk.pack import model


def test_modes_and_transitions_are_the_pack_formats_words() -> None:
    # The pack's own defaults are among them, and compare equal to their text.
    assert {str(m) for m in Mode} == {"event", "touch"}
    assert {str(t) for t in Transition} == {"crossfade", "slide", "none"}
    assert Mode(model.Pack.mode) is Mode.EVENT
    assert Transition(model.Timing.transition) is Transition.CROSSFADE

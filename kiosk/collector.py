"""Python's garbage collector while the kiosk starts: held off until the first frame.

A start makes a few hundred thousand objects that live as long as the kiosk does
(modules, classes, Qt's enums, the pack). While they are being made, the collector
walks them again and again (some 60 collections on a first start) and frees next
to nothing: about 6 ms of a first start of 220 ms (``bench/compare_first_start.py``).
So ``kiosk run`` holds it off while it starts, and the window lets it run again as
soon as its first frame is on screen (``resume``), or a few seconds after it was
shown in any case; from then on it collects as usual for the whole run.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# However the first frame goes (a window that is never painted, a screen asleep),
# the collector runs again this long after the window is shown.
RESUME_AT_THE_LATEST_MS = 5_000


@contextmanager
def held_off() -> Iterator[None]:
    """No collections in the block, unless ``resume`` lets them start sooner; after
    it, the collector is on again if it was on before."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def resume() -> None:
    """Let the collector run again: the kiosk has started."""
    gc.enable()

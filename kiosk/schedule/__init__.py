"""What shows when, the opening hours, and staff notices: the kiosk's time model.

Plain Python, no Qt (a test checks): ``kiosk schedule`` and ``kiosk validate`` use it
without a window, and the running kiosk (``kiosk.ui.schedule_keeper``) asks it what
to show at each moment.

- ``clock``: the one source of the time (``Clock``), and the machine's time zone.
- ``model``: schedule.yaml's keys, declared like a pack's.
- ``timetable``: shows, opening hours and slides on a time line of instants.
- ``programme``: a schedule with its packs, or one pack; what shows at a moment.
- ``load``: reading and checking a schedule and its packs.
- ``notice``: the staff notice over the slides, kept in the state folder.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.packfiles import FILE, FOLDER, MISSING, PackFileError, kind_of
from kiosk.paths import PACK_FILE_NAME

SCHEDULE_FILE = "schedule.yaml"


def schedule_file(path: Path) -> Path | None:
    """The schedule ``path`` names for ``kiosk run`` and ``validate``: a file called
    schedule.yaml, or a folder holding one (and no pack.yaml); None: not a schedule.

    Cheap (a few looks at the disk, no YAML): ``kiosk run`` asks it first.
    """
    try:
        kind = kind_of(path)
        if kind == FILE:
            return path if path.name == SCHEDULE_FILE else None
        if kind == FOLDER and kind_of(path / PACK_FILE_NAME) == MISSING:
            return path / SCHEDULE_FILE if kind_of(path / SCHEDULE_FILE) != MISSING else None
    except PackFileError:
        return None
    return None

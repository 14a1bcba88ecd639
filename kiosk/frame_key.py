"""Which first frame a start would paint, and whether one is kept for it. No Qt.

The pixels and the window that paints them are in ``kiosk.ui.first_frame``. This
part is apart so that ``kiosk run`` can ask before importing Qt: with no frame to
paint first, the pack's check starts then, in a child process or before Qt is
imported (``kiosk.pack_ahead``).
"""

from __future__ import annotations

import json
from pathlib import Path

from kiosk import __version__
from kiosk.local import state_dir
from kiosk.options import RunOptions
from kiosk.packfiles import fingerprint

FOLDER_NAME = "first-frame"
HEADER_NAME = "frame.json"  # written last, so a header always describes whole pixels
PIXELS_NAME = "frame.raw"


def frame_key(pack_folder: Path, options: RunOptions) -> str:
    """Names one first frame: this version, this pack's files, every option that shows
    (``RunOptions.first_frame_look``).

    The description itself is the key (a few kilobytes at most), compared as text:
    no hash to import and compute on the way to the first frame.
    """
    return json.dumps(
        {
            "version": __version__,
            "pack": fingerprint(pack_folder),
            "look": options.first_frame_look(),
        },
        sort_keys=True,
        default=str,
    )


def frame_folder() -> Path:
    return state_dir() / FOLDER_NAME


def stored_key(folder: Path | None = None) -> str | None:
    """The key of the frame kept in ``folder``, or None (none kept, or damaged)."""
    try:
        key = json.loads(((folder or frame_folder()) / HEADER_NAME).read_text("utf-8"))["key"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return key if isinstance(key, str) else None

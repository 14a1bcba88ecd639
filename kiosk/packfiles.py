"""What a pack folder holds right now, as a cheap comparable value. No Qt, no YAML.

Used to notice that a pack changed (hot reload) and to recognise the pack of the
last run (the cached first frame).
"""

from __future__ import annotations

import os
from pathlib import Path

Fingerprint = tuple[str, tuple[tuple[str, int, int], ...]]


def fingerprint(folder: Path) -> Fingerprint:
    """The folder's real location and each file's (name, size, mtime)."""
    real = os.path.realpath(folder)
    entries: list[tuple[str, int, int]] = []
    for root, dirs, files in os.walk(real):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:  # vanished mid-walk: the next look will see it settled
                continue
            entries.append((os.path.relpath(path, real), stat.st_size, stat.st_mtime_ns))
    return real, tuple(entries)

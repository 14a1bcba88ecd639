"""Big valid packs for the reload tests: the bundled 2023 pack's slides over and over."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.paths import content_dir


def many_slides(folder: Path, count: int) -> Path:
    """A copy of the bundled 2023 pack in ``folder``, with ``count`` slides."""
    source = content_dir() / "2023"
    shutil.copytree(source, folder)
    head, body = (source / "pack.yaml").read_text("utf-8").split("\nslides:\n", 1)
    blocks = ["  - type:" + block for block in body.split("\n  - type:")[1:]]
    slides = "\n".join(blocks[i % len(blocks)] for i in range(count))
    (folder / "pack.yaml").write_text(head + "\nslides:\n" + slides, "utf-8")
    return folder

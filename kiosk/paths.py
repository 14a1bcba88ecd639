"""Where the bundled packs and assets are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries them inside the package (see pyproject's force-include); a
# source checkout or an editable install has them at the top of the repository.
_BUNDLED = _PACKAGE / "_bundled"
_CHECKOUT = _PACKAGE.parent


def _top(name: str) -> Path:
    inside = _BUNDLED / name
    return inside if inside.is_dir() else _CHECKOUT / name


def content_dir() -> Path:
    """The folder holding the bundled packs, one sub-folder per year."""
    return _top("content")


def assets_dir() -> Path:
    return _top("assets")


def bundled_packs() -> list[Path]:
    folder = content_dir()
    return sorted(p for p in folder.iterdir() if (p / "pack.yaml").is_file())


DEFAULT_PACK_NAME = "2023"


def default_pack() -> Path:
    """The pack `kiosk` plays when none is named."""
    return content_dir() / DEFAULT_PACK_NAME

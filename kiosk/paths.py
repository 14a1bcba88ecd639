"""Where the bundled packs and assets are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
# A wheel carries them inside the package (see pyproject's force-include); a
# source checkout or an editable install has them at the top of the repository.
_BUNDLED = _PACKAGE / "_bundled"
_CHECKOUT = _PACKAGE.parent
PACK_FILE_NAME = "pack.yaml"


def _top(name: str) -> Path:
    inside = _BUNDLED / name
    return inside if inside.is_dir() else _CHECKOUT / name


def content_dir() -> Path:
    """The folder holding the bundled packs, one sub-folder per year."""
    return _top("content")


def assets_dir() -> Path:
    return _top("assets")


def bundled_packs() -> list[Path]:
    """The bundled packs, oldest first (their folders are named after their year)."""
    folder = content_dir()
    return sorted(p for p in folder.iterdir() if (p / PACK_FILE_NAME).is_file())


def default_pack() -> Path:
    """The pack `kiosk` plays when none is named: the newest bundled one."""
    packs = bundled_packs()
    if not packs:
        raise FileNotFoundError(f"no bundled pack in {content_dir()}")
    return packs[-1]


def pack_folder(name: str | Path) -> Path:
    """The folder a pack argument means: an existing path as it is, else the bundled
    pack of that name (``kiosk run 2024`` from any folder), else the path as given,
    for the caller to say it does not exist."""
    path = Path(name).expanduser()
    if path.exists():
        return path
    bundled = content_dir() / path.name
    if path.name == str(name) and (bundled / PACK_FILE_NAME).is_file():
        return bundled
    return path

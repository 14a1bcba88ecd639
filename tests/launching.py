"""Building what the kiosk runs from keyword arguments, as tests write them: run
options (``kiosk.options.RunOptions``) and the rest of a launch or a window, mixed."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from kiosk.options import RunOptions
from kiosk.pack.model import Pack
from kiosk.ui.app import Launch

OPTION_NAMES = frozenset(f.name for f in fields(RunOptions))


def split_options(settings: dict[str, Any]) -> tuple[RunOptions, dict[str, Any]]:
    """The run options among ``settings``, and everything else."""
    chosen = {name: value for name, value in settings.items() if name in OPTION_NAMES}
    rest = {name: value for name, value in settings.items() if name not in OPTION_NAMES}
    return RunOptions(**chosen), rest


def launch(pack: Pack, **settings: Any) -> Launch:
    """A ``Launch`` of ``pack`` with these run options and launch fields."""
    options, rest = split_options(settings)
    return Launch(pack, options, **rest)

"""Run the ``kiosk`` command and end it once its first frame is on screen.

Usage: python bench/first_paint_probe.py [KIOSK ARGUMENTS...]

Prints ``kiosk-first-paint <time.monotonic()>`` on stdout the moment the kiosk's
first frame has been painted, then ends with exit code 0 (or with the kiosk's own
code, if it ends before painting anything). bench/bench_player.py times start-up
with it; the tests use it to run a kiosk just until it shows something. The
shipped app has no hook of its own for this: the probe watches it from outside.

How: it calls the kiosk's entry point, ``kiosk.cli.main``, as the installed
``kiosk`` command does, after adding an import hook that changes nothing until
the kiosk itself imports ``kiosk.ui.startup`` and ``kiosk.ui.window`` (importing
them here, first, would import Qt before the pack is loaded, and so change what is
measured). Then it wraps two things:

- ``kiosk.ui.startup.show_first_frame``: a restart paints the last run's first frame
  in it; when it returns a cover, that frame is on screen.
- ``KioskWindow.present``: connects to ``first_frame_painted`` before the kiosk's
  own slots are connected, so the time taken is the frame's, not theirs.

The hook costs one dictionary look-up per import; bench_player.py also times the
floor program with the hook installed, and prints what it adds.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

MARK = "kiosk-first-paint"


def report() -> None:
    sys.stdout.write(f"{MARK} {time.monotonic():.6f}\n")
    sys.stdout.flush()


class AfterImport:
    """A finder that lets the usual one load each module, then calls a patch on the
    few modules it was given, once they have run."""

    def __init__(self, patches: dict[str, Callable[[ModuleType], None]]) -> None:
        self._patches = patches

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        patch = self._patches.pop(name, None)
        if patch is None:
            return None
        spec = PathFinder.find_spec(name, path, target)
        loader: Any = spec.loader if spec is not None else None
        if loader is None:
            return spec
        run = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            run(module)
            patch(module)

        loader.exec_module = exec_module
        return spec


def _patch_startup(module: ModuleType) -> None:
    show_first_frame = module.show_first_frame

    def showing_first_frame(*args: Any, **kwargs: Any) -> Any:
        cover = show_first_frame(*args, **kwargs)
        if cover is not None:  # painted already (a restart)
            report()
            os._exit(0)  # nothing after this is measured
        return cover

    module.show_first_frame = showing_first_frame


def _patch_window(module: ModuleType) -> None:
    window_class = module.KioskWindow
    present = window_class.present

    def presenting(self: Any) -> None:
        from PySide6.QtCore import QCoreApplication

        def painted() -> None:
            report()
            QCoreApplication.exit(0)  # the kiosk then stops as staff stop it

        self.first_frame_painted.connect(painted)
        present(self)

    window_class.present = presenting


def install() -> AfterImport:
    finder = AfterImport({"kiosk.ui.startup": _patch_startup, "kiosk.ui.window": _patch_window})
    sys.meta_path.insert(0, finder)
    return finder


def main(arguments: Sequence[str]) -> int:
    install()
    from kiosk.cli import main as kiosk_main

    sys.argv = ["kiosk", *arguments]
    return kiosk_main(list(arguments))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Compile the kiosk's translation catalogues (.po) to the .mo files gettext reads.

Runs for every build, wheels and editable installs alike, and writes each .mo next
to its .po: an editable install imports the package from this folder, and a wheel
takes the .mo as a build artifact (pyproject.toml), though git ignores it.

The compiling itself is ``kiosk.catalogues.compile_all``, the same that translators
run: it is imported from this source tree, where the build environment has Babel
(build-system.requires) and nothing else the kiosk needs, which that module does
not ask for.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "compile-translations"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        sys.path.insert(0, self.root)
        try:
            catalogues = importlib.import_module("kiosk.catalogues")
        finally:
            sys.path.remove(self.root)
        for problem in catalogues.compile_all():
            self.app.display_warning(f"translation {problem}")

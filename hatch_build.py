"""Compile the kiosk's translation catalogues (.po) to the .mo files gettext reads.

Runs for every build, wheels and editable installs alike, and writes each .mo next
to its .po: an editable install imports the package from this folder, and a wheel
takes the .mo as a build artifact (pyproject.toml), though git ignores it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "compile-translations"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        for source in sorted(Path(self.root, "kiosk", "locale").glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as stream:
                catalogue = read_po(stream, locale=source.parent.parent.name)
            with source.with_suffix(".mo").open("wb") as stream:
                write_mo(stream, catalogue, use_fuzzy=False)

"""Print the lowest PySide6-Essentials version pyproject.toml allows on this Python."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))
for line in project["project"]["dependencies"]:
    requirement = Requirement(line)
    if requirement.name == "PySide6-Essentials" and (
        requirement.marker is None or requirement.marker.evaluate()
    ):
        floors = [s.version for s in requirement.specifier if s.operator == ">="]
        sys.stdout.write(min(floors, key=lambda v: tuple(int(p) for p in v.split("."))) + "\n")
        break
else:
    raise SystemExit("no PySide6-Essentials requirement for this Python in pyproject.toml")

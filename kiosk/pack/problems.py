"""Problems found in a pack, reported together with file, line and key path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"  # the pack cannot be shown as written
    WARNING = "warning"  # the pack works, but something will look wrong


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int | None  # 1-based; None when the problem is about the file or folder itself
    column: int | None
    severity: Severity
    key_path: str  # e.g. "slides[2].facts[0].source.url"; "" for the file as a whole
    message: str  # says what is wrong and how to fix it

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        what = f"{self.key_path}: {self.message}" if self.key_path else self.message
        return f"{where}: {self.severity}: {what}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class PackError(Exception):
    """A pack that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        errors = [p for p in self.problems if p.is_error]
        super().__init__("\n".join(str(p) for p in errors) or "the pack could not be loaded")

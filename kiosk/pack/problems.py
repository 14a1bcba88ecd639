"""Problems found in a pack, reported together with file, line and key path."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from kiosk.pack.quoting import shown

KEY_PATH_LIMIT = 160  # a key path names several keys, so it may be longer than a value


class Severity(StrEnum):
    ERROR = "error"  # the pack cannot be shown as written
    WARNING = "warning"  # the pack works, but something will look wrong


class Problem(NamedTuple):
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
        # A key path is made of keys as written: shown as any quoted value is.
        key_path = shown(self.key_path, KEY_PATH_LIMIT, quote=False)
        what = f"{key_path}: {self.message}" if self.key_path else self.message
        return f"{where}: {self.severity}: {what}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


# A pack with thousands of problems (a pasted file, a broken sync) must not print
# megabytes: the first ones of each severity are kept and listed, the rest counted.
# Fixing the first few hundred, then validating again, is how such a pack gets mended.
LISTED_PER_SEVERITY = 200


@dataclass
class ProblemLog:
    """Problems as they are found: the first ``LISTED_PER_SEVERITY`` of each severity,
    and how many more there were."""

    listed: list[Problem] = field(default_factory=list)
    unlisted: dict[Severity, int] = field(default_factory=lambda: dict.fromkeys(Severity, 0))
    _kept: dict[Severity, int] = field(default_factory=lambda: dict.fromkeys(Severity, 0))

    def add(self, problem: Problem) -> None:
        if self.wants(problem.severity):
            self._kept[problem.severity] += 1
            self.listed.append(problem)
        else:
            self.unlisted[problem.severity] += 1

    def wants(self, severity: Severity) -> bool:
        """Whether one more problem of ``severity`` would be listed (else only counted)."""
        return self._kept[severity] < LISTED_PER_SEVERITY

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.listed)

    def __len__(self) -> int:
        return len(self.listed) + sum(self.unlisted.values())


def listing(
    problems: Sequence[Problem], unlisted_errors: int = 0, unlisted_warnings: int = 0
) -> list[str]:
    """Problems as printed: one line each, at most a few hundred, then how many more."""
    limit = 2 * LISTED_PER_SEVERITY
    lines = [str(p) for p in problems[:limit]]
    more_errors = unlisted_errors + sum(p.is_error for p in problems[limit:])
    more_warnings = unlisted_warnings + sum(not p.is_error for p in problems[limit:])
    if more_errors or more_warnings:
        counts = [
            f"{n:,} more {word}{'s' if n != 1 else ''}"
            for n, word in ((more_errors, "error"), (more_warnings, "warning"))
            if n
        ]
        lines.append(
            f"… and {' and '.join(counts)}, not listed: fix the ones above first, then check again"
        )
    return lines


class Findings:
    """What a check found, counted by severity: a pack's report and a schedule's.

    ``problems`` lists the first few hundred of each severity (``LISTED_PER_SEVERITY``);
    the ``unlisted_*`` counts say how many more there were.
    """

    problems: list[Problem]
    unlisted_errors: int
    unlisted_warnings: int

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.unlisted_errors

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self.unlisted_warnings


class PackError(Exception):
    """A pack that cannot be loaded; carries its problems, not just the first."""

    def __init__(self, problems: Sequence[Problem], unlisted_errors: int = 0) -> None:
        self.problems = list(problems)
        self.unlisted_errors = unlisted_errors
        errors = [p for p in self.problems if p.is_error]
        super().__init__(
            "\n".join(listing(errors, unlisted_errors)) or "the pack could not be loaded"
        )

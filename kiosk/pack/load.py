"""Folder -> Pack. Every problem is collected and reported together.

``check_pack`` never raises for a bad pack: it returns the problems (and the pack
when there are no errors). ``load_pack`` raises ``PackError`` with all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from yaml.nodes import Node

import kiosk.pack.model as model
from kiosk.pack.problems import Findings, PackError, Problem, ProblemLog, Severity
from kiosk.pack.reader import Reader
from kiosk.pack.yamlsafe import YamlRejected, compose
from kiosk.packfiles import (
    FILE,
    FOLDER,
    MISSING,
    PackFileError,
    TooBig,
    is_inside,
    kind_of,
    read_file,
    real_path,
)
from kiosk.paths import PACK_FILE_NAME

# The text of a pack, not its pictures: a 3,600-slide pack with a comment on every
# line is 9 MB. What bounds the cost of reading is yamlsafe.MAX_VALUES.
MAX_PACK_BYTES = 20 * 1024 * 1024


@dataclass
class PackReport(Findings):
    """What ``check_pack`` found: the pack (None when it has errors) and its problems.

    ``problems`` lists the first few hundred of each severity (``problems.
    LISTED_PER_SEVERITY``); the ``unlisted_*`` counts say how many more there were.
    """

    path: Path
    pack: model.Pack | None
    problems: list[Problem] = field(default_factory=list)
    unlisted_errors: int = 0
    unlisted_warnings: int = 0


def load_pack(folder: Path | str, *, lint: bool = True) -> model.Pack:
    """Load a pack, raising PackError with its problems when it has errors."""
    report = check_pack(folder, lint=lint)
    if report.pack is None:
        raise PackError(report.problems, report.unlisted_errors)
    return report.pack


def check_pack(folder: Path | str, *, lint: bool = True) -> PackReport:
    """Read and validate a pack; never raises for a bad pack.

    ``lint=False`` leaves out the checks that only an organiser needs and that cost
    start-up time (see ``kiosk.pack.reader.Reader``): for ``kiosk run``.
    """
    log = ProblemLog()
    pack, folder = _check_pack(Path(folder), log, lint)
    log.listed.sort(key=lambda p: (p.line or 0, p.column or 0))
    errors = log.unlisted[Severity.ERROR] or any(p.is_error for p in log.listed)
    return PackReport(
        folder,
        None if errors else pack,
        log.listed,
        unlisted_errors=log.unlisted[Severity.ERROR],
        unlisted_warnings=log.unlisted[Severity.WARNING],
    )


def _check_pack(given: Path, log: ProblemLog, lint: bool) -> tuple[model.Pack | None, Path]:
    """The pack (or None) and its folder; problems go to ``log``."""
    try:
        located = _locate(given)
    except _NotAPack as refused:
        log.add(Problem(refused.path, None, None, Severity.ERROR, "", refused.message))
        return None, refused.folder
    folder, pack_file, real_folder, data = located
    text = decode_text(data, pack_file, log)
    if text is None:
        return None, folder
    root, composed = compose_logged(text, pack_file, log)
    if not composed:
        if root is not None:  # duplicate keys only: read on, to report everything at once
            Reader(pack_file, folder, real_folder, log, lint=lint).read_pack(root)
        return None, folder
    if root is None:
        log.add(
            Problem(
                pack_file,
                None,
                None,
                Severity.ERROR,
                "",
                "the file is empty: a pack needs at least title, year, date, "
                "languages, default_language and slides (see 'kiosk new')",
            )
        )
        return None, folder
    reader = Reader(pack_file, folder, real_folder, log, lint=lint)
    pack = reader.read_pack(root)
    # After reading: the version covers the images the pack names, read on the way.
    return (None if pack is None else replace(pack, version=reader.version_of(data))), folder


class _NotAPack(Exception):
    """The path given holds no readable pack.yaml; ``message`` says why."""

    def __init__(self, path: Path, folder: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.folder = folder
        self.message = message


def _locate(given: Path) -> tuple[Path, Path, Path, bytes]:
    """The pack folder, its pack.yaml, the folder's real path and pack.yaml's bytes.

    Every look at the disk goes through ``kiosk.packfiles``; whatever is odd about
    the path (a loop of links, no permission, a named pipe, a name too long) ends
    as ``_NotAPack`` with a message, never as an exception from the system.
    """
    folder, pack_file = given, given / PACK_FILE_NAME
    try:
        kind = kind_of(given)
        if kind == FILE and given.suffix in (".yaml", ".yml"):
            folder, pack_file = given.parent, given  # the pack.yaml itself was named
            kind = FOLDER
        if kind == MISSING:
            raise _NotAPack(
                given,
                given,
                "no such folder: give the path of a pack folder (the one holding pack.yaml)",
            )
        if kind != FOLDER:
            what = "a file" if kind == FILE else kind
            raise _NotAPack(
                given,
                given,
                f"this is {what}, not a folder: give the pack folder that holds {PACK_FILE_NAME}",
            )
        real_folder = real_path(folder)
        file_kind = kind_of(pack_file)
        if file_kind == MISSING:
            raise _NotAPack(
                folder,
                folder,
                f"no {PACK_FILE_NAME} in this folder: is this a pack folder? "
                "Start one with 'kiosk new'",
            )
        real_file = real_path(pack_file)
        if not is_inside(real_file, real_folder):
            raise _NotAPack(
                pack_file,
                folder,
                f"{PACK_FILE_NAME} is a link to a file outside the "
                "pack folder: a pack holds its own pack.yaml, "
                "so copy the file here instead of linking it",
            )
        if file_kind != FILE:
            what = "a folder" if file_kind == FOLDER else file_kind
            raise _NotAPack(
                pack_file,
                folder,
                f"{PACK_FILE_NAME} is {what}, not a file: replace it with the pack's text file",
            )
        data = read_file(real_file, MAX_PACK_BYTES)
    except TooBig as big:
        raise _NotAPack(
            pack_file,
            folder,
            f"the file is {big.size:,} bytes; a pack.yaml is "
            f"at most {big.limit:,}: move pictures to images/ "
            "and split very long packs",
        ) from None
    except PackFileError as exc:
        raise _NotAPack(pack_file, folder, f"cannot read it: {exc.reason}") from None
    return folder, pack_file, real_folder, data


def decode_text(data: bytes, path: Path, log: ProblemLog) -> str | None:
    """``data`` as text, or None once the log says where it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        log.add(
            Problem(
                path,
                line,
                column,
                Severity.ERROR,
                "",
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}): save it as UTF-8 "
                "in your editor",
            )
        )
        return None


def compose_logged(text: str, path: Path, log: ProblemLog) -> tuple[Node | None, bool]:
    """The YAML tree of ``text`` (None for an empty file, or one too damaged to read),
    and whether it came with no problem; each problem goes to the log."""
    try:
        root, issues = compose(text)
    except YamlRejected as rejected:
        root, issues = None, rejected.issues
    for issue in issues:
        log.add(
            Problem(path, issue.line, issue.column, Severity.ERROR, issue.key_path, issue.message)
        )
    return root, not issues

"""schedule.yaml -> Programme: the schedule read like a pack, and every pack it names.

``check_schedule`` never raises for a bad schedule: it returns the problems, each with
its file, line and column (a pack's own problems name the pack's file), and the
programme when there are no errors. Given the time now, it also warns about what
depends on it: shows that have ended, times with no show and no default, slides
whose time is over.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.pack.fields import NO_VALUE, lookup, shape_of
from kiosk.pack.load import check_pack, compose_logged, decode_text
from kiosk.pack.model import Pack
from kiosk.pack.problems import Findings, Problem, ProblemLog, Severity
from kiosk.pack.reader import Reader
from kiosk.pack.yamlsafe import where
from kiosk.packfiles import FILE, FOLDER, MISSING, PackFileError, kind_of, read_file, real_path
from kiosk.paths import PACK_FILE_NAME, content_dir
from kiosk.schedule import SCHEDULE_FILE
from kiosk.schedule.model import Schedule
from kiosk.schedule.programme import Programme
from kiosk.schedule.timetable import ShowTimes, Timetable, instant

MAX_SCHEDULE_BYTES = 1024 * 1024
# How far a gap with no show is looked for, in changes of what applies.
GAP_SEARCH_STEPS = 2000


@dataclass
class ScheduleReport(Findings):
    """What ``check_schedule`` found: the programme (None when there are errors) and the
    problems of the schedule and of its packs."""

    path: Path
    programme: Programme | None
    problems: list[Problem] = field(default_factory=list)
    unlisted_errors: int = 0
    unlisted_warnings: int = 0


def check_schedule(
    path: Path,
    *,
    now: dt.datetime | None = None,
    zone: dt.tzinfo | None = None,
    lint: bool = True,
) -> ScheduleReport:
    """Read a schedule file (or the schedule.yaml in folder ``path``) and its packs.

    With ``now`` (and ``zone``, the kiosk's time zone), also warn about what has
    ended and about gaps.
    """
    file = path / SCHEDULE_FILE if kind_of(path) == FOLDER else path
    log = ProblemLog()
    loaded = _read(file, log, lint)
    programme = None
    if loaded is not None:
        schedule, root, data = loaded
        packs = _read_packs(schedule, root, file, log, lint)
        if packs is not None and not any(p.is_error for p in log.listed):
            lines = tuple(where(item)[0] for item in _items(root, "shows"))
            programme = Programme(schedule, packs, file, _version(data, packs), lines)
            if now is not None:
                _time_warnings(programme, root, file, log, now, zone or now.tzinfo or dt.UTC)
    errors = log.unlisted[Severity.ERROR] or any(p.is_error for p in log.listed)
    return ScheduleReport(
        file,
        None if errors else programme,
        log.listed,
        log.unlisted[Severity.ERROR],
        log.unlisted[Severity.WARNING],
    )


def _problem(file: Path, node: Node | None, severity: Severity, path: str, text: str) -> Problem:
    line, column = where(node) if node is not None else (None, None)
    return Problem(file, line, column, severity, path, text)


def _read(file: Path, log: ProblemLog, lint: bool) -> tuple[Schedule, Node, bytes] | None:
    try:
        data = read_file(file, MAX_SCHEDULE_BYTES)
    except PackFileError as exc:
        reason = "no such file" if kind_of(file) == MISSING else exc.reason
        log.add(_problem(file, None, Severity.ERROR, "", f"cannot read the schedule: {reason}"))
        return None
    text = decode_text(data, file, log)
    if text is None:
        return None
    root, composed = compose_logged(text, file, log)
    if not composed:
        return None
    if root is None:
        log.add(
            _problem(
                file,
                None,
                Severity.ERROR,
                "",
                "the file is empty: a schedule needs at least 'default: FOLDER' or 'shows:'",
            )
        )
        return None
    reader = Reader(file, file.parent, real_path(file.parent), log, lint=lint)
    if not isinstance(root, MappingNode):
        reader.error(root, "", "the top level must be a mapping of keys (default:, shows: ...)")
        return None
    schedule = reader.build(root, shape_of(Schedule), "")
    return None if schedule is NO_VALUE else (schedule, root, data)


def _items(root: Node, key: str) -> list[Node]:
    found = lookup(root, key) if isinstance(root, MappingNode) else None
    return list(found.value) if isinstance(found, SequenceNode) else []


def pack_folder_for(name: str, schedule_folder: Path) -> Path | None:
    """The folder a schedule's ``pack:`` names: from the schedule's folder, else the
    bundled pack of that name; None when neither exists."""
    near = schedule_folder / Path(name).expanduser()
    try:
        if kind_of(near) != MISSING:
            return near
        bundled = content_dir() / name
        if "/" not in name and kind_of(bundled / PACK_FILE_NAME) == FILE:
            return bundled
    except PackFileError:
        return near
    return None


def _read_packs(
    schedule: Schedule, root: Node, file: Path, log: ProblemLog, lint: bool
) -> dict[str, Pack] | None:
    where_named: dict[str, tuple[Node, str]] = {}
    for index, item in reversed(list(enumerate(_items(root, "shows")))):
        node = lookup(item, "pack") if isinstance(item, MappingNode) else None
        if node is not None:
            where_named[node.value] = (node, f"shows[{index}].pack")
    default = lookup(root, "default") if isinstance(root, MappingNode) else None
    if isinstance(default, ScalarNode):
        where_named[default.value] = (default, "default")
    packs: dict[str, Pack] = {}
    failed = False
    for name in schedule.pack_names:
        node, key = where_named.get(name, (root, ""))
        folder = pack_folder_for(name, file.parent)
        if folder is None:
            log.add(
                _problem(
                    file,
                    node,
                    Severity.ERROR,
                    key,
                    f"no pack folder '{name}' next to the schedule ({file.parent / name}), "
                    "and no bundled pack of that name",
                )
            )
            failed = True
            continue
        report = check_pack(folder, lint=lint)
        for problem in report.problems:
            log.add(problem)
        if report.pack is None:
            log.add(
                _problem(
                    file,
                    node,
                    Severity.ERROR,
                    key,
                    f"the pack '{name}' ({folder}) has {report.error_count} "
                    f"error{'s' if report.error_count != 1 else ''}, listed with its own file: "
                    "fix them first",
                )
            )
            failed = True
            continue
        packs[name] = report.pack
    return None if failed else packs


def _version(data: bytes, packs: dict[str, Pack]) -> str:
    digest = hashlib.sha256(data)
    for name in sorted(packs):
        digest.update(f"\0{name}\0{packs[name].version}".encode())
    return digest.hexdigest()[:12]


# -- what depends on the time now -----------------------------------------------------


def _time_warnings(
    programme: Programme,
    root: Node,
    file: Path,
    log: ProblemLog,
    now: dt.datetime,
    zone: dt.tzinfo,
) -> None:
    schedule = programme.schedule
    timetable = Timetable(schedule, zone)
    items = _items(root, "shows")
    for index, show in enumerate(schedule.shows):
        if show.until is not None and instant(show.until.ends(), zone) <= now:
            item = items[index]
            node = lookup(item, "until") if isinstance(item, MappingNode) else None
            log.add(
                _problem(
                    file,
                    node,
                    Severity.WARNING,
                    f"shows[{index}].until",
                    f"this show ended ({show.until.iso()}): it will not show again; remove it, "
                    "or give it new dates",
                )
            )
    for later, earlier, first in _overlaps(timetable):
        node = items[later] if later < len(items) else root
        winner = min(later, earlier, key=timetable.specificity)
        log.add(
            _problem(
                file,
                node,
                Severity.WARNING,
                f"shows[{later}]",
                f"this show and shows[{earlier}] both apply at times (first at "
                f"{first.astimezone(zone):%Y-%m-%d %H:%M}): shows[{winner}] shows then, as "
                "the more specific (shorter range, then only some days or hours, then the "
                "one written first)",
            )
        )
    if schedule.default is None:
        gap = _first_gap(timetable, now)
        if gap is not None:
            log.add(
                _problem(
                    file,
                    root,
                    Severity.WARNING,
                    "default",
                    "there is no default, and from "
                    f"{gap.astimezone(zone):%Y-%m-%d %H:%M} no show applies: the pack of the "
                    "show that ended last stays on then; give 'default: FOLDER' to say what "
                    "shows",
                )
            )
    for pack in programme.packs.values():
        for problem in slide_time_warnings(pack, now, zone):
            log.add(problem)


def _overlaps(timetable: Timetable) -> list[tuple[int, int, dt.datetime]]:
    """Pairs of shows of different packs that both apply at some moment, and the first
    such moment found: (the later show, the earlier, when)."""
    found = []
    shows = timetable.shows
    for later in range(len(shows)):
        for earlier in range(later):
            a, b = shows[later], shows[earlier]
            if a.show.pack == b.show.pack:
                continue
            first = _first_overlap(a, b)
            if first is not None:
                found.append((later, earlier, first))
    return found


def _first_overlap(a: ShowTimes, b: ShowTimes) -> dt.datetime | None:
    start = max(filter(None, (a.first, b.first)), default=None)
    if a.last and b.last and start is not None and start >= min(a.last, b.last):
        return None
    moment = start or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    day = moment.date() - dt.timedelta(days=1)
    for step in range(9):  # a week and a day holds every weekday and overnight span
        current = day + dt.timedelta(days=step)
        for span_a in a.spans_on(current):
            for span_b in [*b.spans_on(current), *b.spans_on(current - dt.timedelta(days=1))]:
                begin, end = max(span_a.start, span_b.start), min(span_a.end, span_b.end)
                if begin < end:
                    return begin
        for span_b in b.spans_on(current):
            for span_a in a.spans_on(current - dt.timedelta(days=1)):
                begin, end = max(span_a.start, span_b.start), min(span_a.end, span_b.end)
                if begin < end:
                    return begin
    return None


def _first_gap(timetable: Timetable, now: dt.datetime) -> dt.datetime | None:
    """The first moment from ``now`` on when no show applies (None: there is none)."""
    moment: dt.datetime | None = now
    for _ in range(GAP_SEARCH_STEPS):
        if moment is None:
            return None
        if not timetable.applying(moment):
            return moment
        moment = timetable.next_edge(moment)
    return None


def slide_time_warnings(pack: Pack, now: dt.datetime, zone: dt.tzinfo) -> list[Problem]:
    """Slides whose time is over; and a pack left with none (its title slide shows)."""
    file = pack.root / PACK_FILE_NAME
    out = []
    ended = 0
    for index, slide in enumerate(pack.slides):
        if slide.show_until is not None and instant(slide.show_until.ends(), zone) <= now:
            ended += 1
            out.append(
                Problem(
                    file,
                    slide.origin.line,
                    slide.origin.column,
                    Severity.WARNING,
                    f"slides[{index}].show_until",
                    f"this slide's time is over ({slide.show_until.iso()}): it no longer shows; "
                    "remove it, or give it a later show_until",
                )
            )
    if pack.slides and ended == len(pack.slides):
        out.append(
            Problem(
                file,
                None,
                None,
                Severity.WARNING,
                "slides",
                "every slide's time is over: the kiosk shows the title slide alone",
            )
        )
    return out

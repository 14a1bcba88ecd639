"""The commands about time: ``kiosk schedule`` (what shows when, and why) and
``kiosk notice`` (a staff notice over the slides), and the checks of ``kiosk
validate`` that depend on today. No Qt; imported only by these commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import options
from kiosk.hours import Week
from kiosk.local import settings_file, why_unwritable
from kiosk.options import SettingsError
from kiosk.schedule.clock import Clock, SystemClock, TimeError, typed_time

if TYPE_CHECKING:
    from typing import TypeAlias

    from kiosk.pack.model import Pack
    from kiosk.pack.problems import Problem

    Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    print(f"kiosk: {message}", file=sys.stderr)


# -- validate ---------------------------------------------------------------------------


def report_schedule(path: Path, quiet: bool, clock: Clock | None = None) -> bool:
    """``kiosk validate`` of a schedule: its problems and its packs', as for a pack."""
    from kiosk.pack.problems import listing
    from kiosk.schedule.load import check_schedule

    clock = clock or SystemClock()
    report = check_schedule(path, now=clock.now(), zone=clock.zone)
    for line in listing(report.problems, report.unlisted_errors, report.unlisted_warnings):
        print(line)
    if not quiet:
        status = "invalid" if report.error_count else "OK"
        print(
            f"{report.path}: {status} ({report.error_count:,} errors, "
            f"{report.warning_count:,} warnings)"
        )
    return not report.error_count


def slide_warnings(pack: Pack, clock: Clock | None = None) -> list[Problem]:
    from kiosk.schedule.load import slide_time_warnings

    clock = clock or SystemClock()
    return slide_time_warnings(pack, clock.now(), clock.zone)


# -- kiosk schedule ----------------------------------------------------------------------


def add_schedule_command(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    schedule = sub.add_parser(
        "schedule",
        parents=[common],
        help="which pack and slides show at a given time, and why",
        description="Say which pack and which of its slides a schedule (or a pack) shows "
        "at a given time, which rule chose it, and whether the screen is awake; or "
        "show a week at a glance. Nothing changes on the kiosk.",
    )
    schedule.add_argument(
        "path",
        type=options.argument_type(options.PackFolder()),
        metavar="SCHEDULE",
        help="a schedule.yaml, a folder holding one, a pack folder, or a bundled pack's name",
    )
    schedule.add_argument(
        "--at",
        metavar="TIME",
        help='the time to ask about: "2026-07-30 14:00", a day, or HH:MM today (default: now)',
    )
    schedule.add_argument(
        "--week",
        action="store_true",
        help="print the seven days from that day (or today) as a table instead",
    )
    options.add_arguments(schedule, ["opening_hours"])


def _opening_hours(args: argparse.Namespace, schedule_week: Week | None) -> Week | None:
    """As ``kiosk run`` takes them: the command line, settings.toml, the schedule."""
    given: Week | None = args.opening_hours
    if given is not None:
        return given
    try:
        settings = options.read_settings(settings_file())
    except SettingsError as error:
        _say(f"the kiosk's settings file is wrong: {error}; its opening hours are left out")
        settings = {}
    chosen = settings.get("opening_hours")
    return chosen if chosen is not None else schedule_week  # type: ignore[return-value]


def schedule_command(args: argparse.Namespace, clock: Clock | None = None) -> int:
    from kiosk.pack.load import check_pack
    from kiosk.pack.problems import listing
    from kiosk.schedule import schedule_file
    from kiosk.schedule.explain import at_moment, week_table
    from kiosk.schedule.load import check_schedule
    from kiosk.schedule.programme import Programme

    clock = clock or SystemClock()
    path: Path = args.path
    try:
        moment = typed_time(args.at, clock.now()) if args.at else clock.now()
    except TimeError as error:
        _say(str(error))
        return EXIT_USAGE
    is_yaml_file = path.suffix in (".yaml", ".yml") and path.name != "pack.yaml"
    if schedule_file(path) is not None or (is_yaml_file and path.is_file()):
        report = check_schedule(path)
        programme = report.programme
        problems, errors = report.errors, report.error_count
    elif path.exists():
        pack_report = check_pack(path)
        programme = Programme.of_pack(pack_report.pack) if pack_report.pack else None
        problems, errors = pack_report.errors, pack_report.error_count
    else:
        _say(f"no such schedule or pack: {path}")
        return EXIT_USAGE
    if programme is None:
        for line in listing(problems):
            print(line, file=sys.stderr)
        _say(
            f"{path} has {errors} error{'s' if errors != 1 else ''}; "
            f"'kiosk validate {path}' lists them"
        )
        return EXIT_INVALID
    hours = programme.schedule.opening_hours
    week = _opening_hours(args, hours.week if hours is not None else None)
    if args.week:
        lines = week_table(programme, moment.astimezone(clock.zone).date(), clock.zone, week)
    else:
        lines = at_moment(programme, moment, clock.zone, week)
    print("\n".join(lines))
    return EXIT_OK


# -- kiosk notice --------------------------------------------------------------------------

_NO_TIME = "no time"  # what --until reads as when nothing follows it


def add_notice_command(sub: Subcommands, common: argparse.ArgumentParser) -> None:
    notice = sub.add_parser(
        "notice",
        parents=[common],
        help="show a staff notice over the slides, until a time or until cleared",
        description="Show a notice from the staff on every slide of the running kiosk "
        '("The library closes at 17:00 today"), within 2 seconds, in the visitor\'s '
        "language where you give it. It is kept on this machine, not in the pack, and "
        "stays after a restart until its time is up or it is cleared. With no text, say "
        "which notice is set.",
        epilog='Examples: kiosk notice "The library closes at 17:00 today" --lang es '
        '"La biblioteca cierra hoy a las 17:00" --until 17:00;  kiosk notice --full '
        '"Please leave the building by the nearest exit";  kiosk notice --clear',
    )
    notice.add_argument("text", nargs="?", metavar="TEXT", help="the notice, in quotes")
    notice.add_argument(
        "--lang",
        nargs=2,
        action="append",
        default=[],
        metavar=("CODE", "TEXT"),
        help="the notice in another language, for visitors reading that language (repeat for more)",
    )
    until = notice.add_mutually_exclusive_group()
    until.add_argument(
        "--until",
        nargs="?",
        const=_NO_TIME,
        metavar="TIME",
        help='show it until this time: HH:MM today, or "YYYY-MM-DD HH:MM" (default: until cleared)',
    )
    until.add_argument(
        "--for", dest="duration", metavar="LENGTH", help="show it for this long: 90m, 3h, 1h30m"
    )
    notice.add_argument(
        "--full",
        action="store_true",
        help="over the whole screen instead of a banner (e.g. to evacuate the building)",
    )
    notice.add_argument("--clear", action="store_true", help="take the notice down")


def notice_command(args: argparse.Namespace, clock: Clock | None = None) -> int:
    from kiosk.schedule.notice import (
        MAX_NOTICE_CHARS,
        Notice,
        clear_notice,
        notice_file,
        write_notice,
    )

    clock = clock or SystemClock()
    now = clock.now()
    if args.clear:
        if args.text is not None or args.lang or args.until or args.duration or args.full:
            _say("--clear takes nothing else: run 'kiosk notice --clear' alone")
            return EXIT_USAGE
        try:
            cleared = clear_notice()
        except OSError as error:
            _say(f"cannot remove the notice ({notice_file()}): {why_unwritable(error)}")
            return EXIT_INVALID
        print(
            "notice cleared: the kiosk takes it down within 2 seconds"
            if cleared
            else "no notice was set"
        )
        return EXIT_OK
    if args.text is None:
        if args.lang or args.until or args.duration or args.full:
            _say(
                "the notice has no text: write it in quotes, e.g. kiosk notice "
                '"The library closes at 17:00 today" --until 17:00'
            )
            return EXIT_USAGE
        return _say_current(now)
    texts = {"": args.text, **{code: text for code, text in args.lang}}
    for code, text in texts.items():
        where = f"the '{code}' text" if code else "the notice"
        if not text.strip():
            _say(
                f"{where} is empty: write it in quotes, e.g. kiosk notice "
                '"The library closes at 17:00 today"'
            )
            return EXIT_USAGE
        if len(text) > MAX_NOTICE_CHARS:
            _say(
                f"{where} is {len(text)} characters; a notice is read in passing, so at most "
                f"{MAX_NOTICE_CHARS}: shorten it"
            )
            return EXIT_USAGE
    for code in texts:
        try:
            if code:
                options.LanguageCode().parse(code)
        except options.OptionError:
            _say(f"--lang: '{code[:20]}' is not a language code: use one such as es or fr")
            return EXIT_USAGE
    until = _until(args, now)
    if isinstance(until, int):
        return until
    notice = Notice(
        " ".join(args.text.split()),
        {code: " ".join(text.split()) for code, text in texts.items() if code},
        full=args.full,
        until=until,
        set_at=now,
    )
    try:
        write_notice(notice)
    except OSError as error:
        _say(f"cannot write the notice ({notice_file()}): {why_unwritable(error)}; nothing shows")
        return EXIT_INVALID
    how = "over the whole screen" if args.full else "on every slide"
    lasting = f"until {_when(until, now)}" if until else "until 'kiosk notice --clear'"
    print(f"notice set: the kiosk shows it {how} within 2 seconds, {lasting}")
    _say_if_not_running()
    return EXIT_OK


def _until(args: argparse.Namespace, now: dt.datetime) -> dt.datetime | int | None:
    """When the notice ends, or the exit code once the problem is said."""
    from kiosk.schedule.notice import read_duration as duration_of

    if args.duration is not None:
        try:
            return now + duration_of(args.duration)
        except ValueError as error:
            _say(f"--for: {error}")
            return EXIT_USAGE
    if args.until is None:
        return None
    if args.until == _NO_TIME:
        _say(
            "--until needs a time after it: --until 17:00 (today) or --until "
            "\"2026-07-31 17:00\"; or leave --until out to show it until 'kiosk notice --clear'"
        )
        return EXIT_USAGE
    try:
        until = typed_time(args.until, now)
    except TimeError as error:
        _say(f"--until: {error}")
        return EXIT_USAGE
    if until <= now:
        _say(
            f"--until {args.until}: that time has passed (it is {now:%Y-%m-%d %H:%M} now): "
            'give a later time, or a day and a time: --until "YYYY-MM-DD HH:MM"'
        )
        return EXIT_USAGE
    return until


def _when(moment: dt.datetime, now: dt.datetime) -> str:
    local = moment.astimezone(now.tzinfo)
    return f"{local:%H:%M} today" if local.date() == now.date() else f"{local:%Y-%m-%d %H:%M}"


def _say_current(now: dt.datetime) -> int:
    from kiosk.schedule.notice import notice_file, read_notice

    try:
        notice = read_notice()
    except ValueError as error:
        _say(
            f"the notice file {notice_file()} cannot be used: {error}; "
            "'kiosk notice --clear' removes it"
        )
        return EXIT_INVALID
    if notice is None or notice.over(now):
        print("no notice is set")
        return EXIT_OK
    print(f"notice{' (whole screen)' if notice.full else ''}: {notice.text}")
    for code, text in notice.translations.items():
        print(f"  {code}: {text}")
    print(f"  until {_when(notice.until, now)}" if notice.until else "  until cleared")
    return EXIT_OK


def _say_if_not_running() -> None:
    from kiosk.status import RUNNING, inspect_status

    state = inspect_status()
    if state.state != RUNNING:
        print(f"(no kiosk is running now: {state.message}; it shows the notice when it starts)")

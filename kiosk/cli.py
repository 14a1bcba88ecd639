"""The ``kiosk`` command.

Start-up order, kept cheap for what does not draw: parse the arguments → load
and validate the pack (pure Python) → only then import Qt, create the
application and the window → run. ``validate``, ``new`` and ``schema`` never
import Qt, so they are fast and work on any machine, even with no screen.

The options of ``kiosk run`` are declared in ``kiosk.options``; this module only
adds them to its parser and hands what was chosen on.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk import __version__, collector, options
from kiosk.display import display_problem
from kiosk.frame_key import frame_key, stored_key
from kiosk.local import (
    StateFolderBusy,
    StateFolderClaim,
    claim_state_folder,
    log_dir,
    pin_file,
    settings_file,
    why_unwritable,
    write_atomic,
)
from kiosk.options import OptionError, RunOptions, SettingsError
from kiosk.packfiles import MISSING, PackFileError, copy_folder, kind_of, read_file
from kiosk.paths import PACK_FILE_NAME, bundled_packs, default_pack

if TYPE_CHECKING:
    from typing import TypeAlias

    from kiosk.pack.model import Pack
    from kiosk.pack.problems import Findings
    from kiosk.pack_ahead import PackAhead

    Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

log = logging.getLogger("kiosk")

COMMANDS = (
    "run",
    "validate",
    "new",
    "schema",
    "render",
    "export",
    "set-pin",
    "install-autostart",
    "uninstall-autostart",
    "status",
    "schedule",
    "notice",
)
EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_UNEXPECTED = 0, 1, 2, 3


def _common() -> argparse.ArgumentParser:
    """What every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        help="on an unexpected error, print where it happened (its traceback)",
    )
    return common


# A pack folder, or the name of a bundled pack (``2024``) from any folder.
_pack_argument = options.argument_type(options.PackFolder())
_size = options.argument_type(options.Size())


def _add_run_command(sub: Subcommands) -> None:
    run = sub.add_parser(
        "run",
        parents=[_common()],
        help="show the slideshow full screen (the default)",
        description="Show a pack's slides full screen, looping by itself. Press Esc or Ctrl+Q "
        "to quit (unless the kiosk is locked). Settings for this machine can also "
        f"be kept in settings.toml ({settings_file()}), under the names shown in "
        "[brackets]. Each option comes from the command line, else settings.toml, "
        "else the pack, else its default.",
        epilog="For a touchscreen a visitor uses alone: kiosk run PACK --mode touch --lock "
        "(run 'kiosk set-pin' once first). To close a locked kiosk, hold the top-left "
        "corner of the screen for 5 seconds (or press Ctrl+Alt+Shift+K) and type the PIN.",
    )
    options.add_arguments(run, more_help={"pack": options.bundled_help()})


def _add_validate_command(sub: Subcommands) -> None:
    validate = sub.add_parser(
        "validate",
        parents=[_common()],
        help="check packs and say exactly which file and line is wrong",
        description="Check one or more packs. Every problem is listed as "
        "file:line:column: error|warning: what is wrong and how to fix it. "
        "Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.",
    )
    validate.add_argument(
        "packs",
        nargs="+",
        type=_pack_argument,
        metavar="PACK",
        help="pack folders, or names of bundled packs",
    )
    validate.add_argument(
        "--quiet", "-q", action="store_true", help="print only problems, no summary"
    )


def _add_new_command(sub: Subcommands) -> None:
    new = sub.add_parser(
        "new",
        parents=[_common()],
        help="start next year's pack from an existing one",
        description="Copy a pack into a new folder, set its year, and say what to edit next.",
    )
    new.add_argument("folder", type=Path, help="the new pack folder (must not exist yet)")
    new.add_argument(
        "--from",
        dest="source",
        type=_pack_argument,
        metavar="PACK",
        help="the pack to copy: a folder, or the name of a bundled pack "
        f"(default: the newest bundled pack, {default_pack().name})",
    )
    new.add_argument(
        "--year", type=int, help="the new pack's year (default: the copied pack's year plus one)"
    )


def _add_schema_command(sub: Subcommands) -> None:
    schema = sub.add_parser(
        "schema",
        parents=[_common()],
        help="print the pack format as JSON Schema, for editors",
        description="Print the pack format as JSON Schema so editors (such as VS Code with "
        "the YAML extension) complete keys and flag mistakes as you type.",
    )
    schema.add_argument(
        "--markdown", action="store_true", help="print the field reference for organisers instead"
    )
    schema.add_argument(
        "--schedule",
        action="store_true",
        help="the format of schedule.yaml (which pack shows when) instead of pack.yaml",
    )
    schema.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not the screen")


def _add_render_command(sub: Subcommands) -> None:
    render = sub.add_parser(
        "render",
        parents=[_common()],
        help="save every slide as a PNG picture, to proof a pack",
        description="Draw every slide of a pack as the kiosk's screen shows it (with the "
        "progress dots, and in touch mode the control bar) to DIR/NN-kind.png, and/or "
        "all of them as thumbnails on one contact sheet, without opening a window. A "
        "slide shown in pages gives NN-kind-1of2.png, NN-kind-2of2.png...",
        epilog="With --lang all, each language goes to its own subfolder of DIR "
        "(DIR/en/01-title.png...) and its own contact sheet (FILE-en.png...). "
        "settings.toml is not read: a proof shows the pack, not this machine.",
    )
    render.add_argument(
        "pack", type=_pack_argument, help="the pack folder, or the name of a bundled pack"
    )
    render.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for the pictures (created if needed)",
    )
    render.add_argument(
        "--contact-sheet",
        type=Path,
        metavar="FILE.png",
        help="also (or only) draw every slide as a thumbnail, numbered, on one picture",
    )
    render.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="picture size (default 1920x1080)",
    )
    # The venue settings that change what a slide shows, declared once (kiosk.options).
    options.add_arguments(
        render,
        ["language", "mode", "region", "high_contrast", "large_text"],
        more_help={"language": "\u2014 or all, for every language of the pack"},
        settings=False,
    )


def _add_export_command(sub: Subcommands) -> None:
    export = sub.add_parser(
        "export",
        parents=[_common()],
        help="make a printable handout, a poster and social-media cards from a pack",
        description="Make print and social-media material from a pack, with the same figures, "
        "sources and help lines as its slides: a double-sided handout (PDF), a poster (PDF) "
        "and cards (PNG pictures with their alt text and a suggested post, listed in "
        "DIR/cards.json). Give one or more of --handout, --poster and --cards.",
        epilog="Exit status: 0 written, 1 the pack has errors or a file cannot be written, "
        "2 the command was mistyped.",
    )
    export.add_argument(
        "pack", type=_pack_argument, help="the pack folder, or the name of a bundled pack"
    )
    export.add_argument("--handout", type=Path, metavar="FILE.pdf", help="write the handout here")
    export.add_argument("--poster", type=Path, metavar="FILE.pdf", help="write the poster here")
    export.add_argument(
        "--cards", type=Path, metavar="DIR", help="write the cards into this folder"
    )
    export.add_argument(
        "--paper",
        choices=("a4", "letter", "a3", "tabloid"),
        help="paper: a4 or letter for the handout, a3 or tabloid for the poster "
        "(default a4 and a3; letter goes with tabloid)",
    )
    export.add_argument(
        "--lang",
        metavar="CODE",
        help="a language of the pack, or 'all' for every one, each on pages of its own "
        "(default: the pack's default language)",
    )
    # The venue settings that change what a slide shows, declared once (kiosk.options).
    options.add_arguments(export, ["region"])


def _add_set_pin_command(sub: Subcommands) -> None:
    set_pin = sub.add_parser(
        "set-pin",
        parents=[_common()],
        help="set the staff PIN that unlocks a locked kiosk",
        description="Set the PIN staff type to leave a locked kiosk. It is stored on this "
        "machine only, as a salted hash, never in the pack.",
    )
    set_pin.add_argument(
        "--pin-file",
        type=Path,
        metavar="FILE",
        help="where to store it (default: this machine's settings folder)",
    )
    set_pin.add_argument(
        "--stdin", action="store_true", help="read the PIN from standard input (for setup scripts)"
    )


def _add_install_autostart_command(sub: Subcommands) -> None:
    autostart = sub.add_parser(
        "install-autostart",
        parents=[_common()],
        help="start the kiosk with the desktop, and after a crash",
        description="Make this computer start the kiosk when the desktop starts, and start "
        "it again by itself after a crash or power cut (a systemd user service, "
        "or a desktop autostart entry where systemd is absent).",
    )
    options.add_arguments(
        autostart,
        ("pack", "mode", "lock"),
        required=("pack",),
    )
    autostart.add_argument(
        "--dry-run", action="store_true", help="print what would be written, and write nothing"
    )


def _add_uninstall_autostart_command(sub: Subcommands) -> None:
    sub.add_parser(
        "uninstall-autostart",
        parents=[_common()],
        help="stop starting the kiosk with the desktop",
        description="Remove what install-autostart wrote.",
    )


def _add_status_command(sub: Subcommands) -> None:
    status = sub.add_parser(
        "status",
        parents=[_common()],
        help="which pack a running kiosk shows, and since when",
        description="Print the kiosk's status: running, stopped or not running; its pack, "
        "version, mode, since when, and whether the last pack reload failed. "
        "Works over ssh.",
        epilog="Exit status: 0 running and well, 1 running but the last reload failed or "
        "errors were logged, 3 not running (stopped, vanished or never run), "
        "4 the status cannot be read.",
    )
    status.add_argument(
        "--json",
        action="store_true",
        help="print the status as one JSON object (the keys are listed in the README)",
    )
    status.add_argument(
        "--screenshot",
        type=Path,
        metavar="FILE",
        help="also copy the kiosk's latest picture of its screen (a JPEG, "
        "taken every minute and on every pack change) to FILE",
    )


def _add_schedule_command(sub: Subcommands) -> None:
    from kiosk.time_commands import add_schedule_command  # the commands about time

    add_schedule_command(sub, _common())


def _add_notice_command(sub: Subcommands) -> None:
    from kiosk.time_commands import add_notice_command

    add_notice_command(sub, _common())


def _schedule(args: argparse.Namespace) -> int:
    from kiosk.time_commands import schedule_command

    return schedule_command(args)


def _notice(args: argparse.Namespace) -> int:
    from kiosk.time_commands import notice_command

    return notice_command(args)


COMMAND_PARSERS: dict[str, Callable[[Subcommands], None]] = {
    "run": _add_run_command,
    "validate": _add_validate_command,
    "new": _add_new_command,
    "schema": _add_schema_command,
    "render": _add_render_command,
    "export": _add_export_command,
    "set-pin": _add_set_pin_command,
    "install-autostart": _add_install_autostart_command,
    "uninstall-autostart": _add_uninstall_autostart_command,
    "status": _add_status_command,
    "schedule": _add_schedule_command,
    "notice": _add_notice_command,
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with ``only``, just that command (all its help, no others).

    Building every command's options and help costs a noticeable share of the
    kiosk's start-up, so ``main`` builds only the command it was given.
    """
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description="Show an awareness-day slideshow full screen, from a content pack: "
        "a folder with pack.yaml and images that you can copy and edit.",
        epilog="With no command, 'kiosk' runs the slideshow ('kiosk run'). "
        "Start with 'kiosk validate FOLDER' after editing a pack.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in COMMAND_PARSERS.items():
        if only is None or name == only:
            add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")
    ):
        args_list.insert(0, "run")
    parser = build_parser(only=args_list[0] if args_list[0] in COMMANDS else None)
    args = parser.parse_args(args_list)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        handler = {
            "run": _run,
            "validate": _validate,
            "new": _new,
            "schema": _schema,
            "render": _render,
            "export": _export,
            "set-pin": _set_pin,
            "install-autostart": _install_autostart,
            "uninstall-autostart": _uninstall_autostart,
            "status": _status,
            "schedule": _schedule,
            "notice": _notice,
        }[args.command]
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last funnel: one line, and the traceback where asked
        return _unexpected(exc, args.command, debug=args.debug)


def _unexpected(error: Exception, command: str, *, debug: bool) -> int:
    """Say what went wrong in one line; the traceback goes to the log file, and with
    ``--debug`` to the terminal too."""
    logged_to = _log_with_traceback(error, command)
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    print(f"kiosk: unexpected error: {error.__class__.__name__}: {error}", file=sys.stderr)
    where = f"the log ({logged_to}) has" if logged_to else "--debug shows"
    print(
        f"kiosk: this is a bug in the kiosk; {where} where it happened"
        + ("" if debug or not logged_to else " (and so does --debug)"),
        file=sys.stderr,
    )
    return EXIT_UNEXPECTED


def _log_with_traceback(error: Exception, command: str) -> Path | None:
    """Write ``error`` with its traceback to the kiosk's log file (only there: the
    terminal gets it with --debug); the file's path, or None if it cannot be written."""
    # Deferred: the log file's handler is needed on this path only.
    from kiosk.ui.logging_setup import add_log_file, remove_log_handler

    added = add_log_file(log_dir())
    if added is None:
        return None
    handler, path = added
    try:
        record = log.makeRecord(
            log.name,
            logging.ERROR,
            __file__,
            0,
            "unexpected error in 'kiosk %s'",
            (command,),
            (type(error), error, error.__traceback__),
        )
        handler.handle(record)
    finally:
        remove_log_handler(handler)
    return path


def _missing(path: Path) -> bool:
    """Say so when ``path`` does not exist (a typo, or a drive not mounted): it is
    not a pack with errors."""
    if os.path.lexists(path):
        return False
    bundled = ", ".join(p.name for p in bundled_packs())
    print(
        f"kiosk: no such folder: {path}"
        + (f" (the bundled packs, usable by name from any folder: {bundled})" if bundled else ""),
        file=sys.stderr,
    )
    return True


def _check_one(path: Path, quiet: bool) -> bool:
    """Validate a pack, or a schedule and every pack it names."""
    from kiosk.schedule import schedule_file

    if schedule_file(path) is not None:
        from kiosk.time_commands import report_schedule

        return report_schedule(path, quiet)
    return _report(path, quiet)


def _report(path: Path, quiet: bool) -> bool:
    # Deferred, here and in the other commands that load a pack: a restart of
    # 'kiosk run' paints its remembered first frame before the pack model (and YAML)
    # is imported at all.
    from kiosk.pack.load import check_pack
    from kiosk.pack.problems import listing

    report = check_pack(path)
    problems = report.problems
    if report.pack is not None:
        # Slides whose time is over: the only warnings that depend on today.
        from kiosk.time_commands import slide_warnings

        problems = problems + slide_warnings(report.pack)
    for line in listing(problems, report.unlisted_errors, report.unlisted_warnings):
        print(line)
    warnings = report.warning_count + len(problems) - len(report.problems)
    if not quiet and report.pack is not None:
        warnings += _report_screens(path)
    if not quiet:
        status = "invalid" if report.error_count else "OK"
        print(f"{path}: {status} ({report.error_count:,} errors, {warnings:,} warnings)")
    return not report.error_count


def _report_screens(path: Path) -> int:
    """Draw the pack at ``path`` as the kiosk would on the screens validate reports
    (``kiosk.ui.deck.screen_report``): print how many pages each slide makes, and a
    warning for each slide that cannot page and is too full to read from two
    metres. Returns the number of warnings.

    The drawing runs in a child process, offscreen: validate itself never loads Qt,
    so it still checks a pack on a machine where Qt cannot start (then it says so)."""
    import json
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "kiosk.ui.deck", str(path)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=300, check=False
        )
        found = json.loads(done.stdout) if done.returncode == 0 else None
    except (OSError, subprocess.TimeoutExpired, ValueError):
        done, found = None, None
    if not isinstance(found, dict):
        why = done.stderr.strip().splitlines()[-1:] if done is not None else []
        print(
            "Pages each slide makes: not measured, the slides could not be drawn here"
            + (f" ({why[0]})" if why else "")
        )
        return 0
    for warning in found["too_full"]:
        print(warning)
    print("Pages each slide makes (a slide too full for a screen is shown as pages):")
    for line in found["pages"]:
        print(f"  {line}")
    return len(found["too_full"])


def _validate(args: argparse.Namespace) -> int:
    packs: list[Path] = args.packs
    missing = [path for path in packs if _missing(path)]
    results = [_check_one(path, args.quiet) for path in packs if path not in missing]
    if missing:
        return EXIT_USAGE
    return EXIT_OK if all(results) else EXIT_INVALID


def _load_or_explain(path: Path, doing: str = "", *, lint: bool = True) -> Pack | None:
    """The pack at ``path``, or None once its errors are printed (a bounded list).
    ``lint=False`` (``kiosk run``) leaves out what only an organiser needs to hear."""
    from kiosk.pack.load import check_pack  # deferred: see _report

    report = check_pack(path, lint=lint)
    if report.pack is None:
        _explain_errors(report, doing or str(path), path)
    return report.pack


def _explain_errors(report: Findings, what: str, path: Path) -> None:
    """Print the errors that stop ``what`` (a bounded list), and what to do."""
    from kiosk.pack.problems import listing

    for line in listing(report.errors, report.unlisted_errors):
        print(line, file=sys.stderr)
    print(
        f"kiosk: {what} has {report.error_count:,} "
        f"error{'s' if report.error_count != 1 else ''}; fix them and try again "
        f"('kiosk validate {path}' lists them)",
        file=sys.stderr,
    )


def _pick_language(pack: Pack, wanted: str | None) -> str | None:
    if wanted is None:
        return pack.default_language
    if wanted not in pack.languages:
        print(
            f"kiosk: the pack has no '{wanted}' text; its languages are "
            f"{', '.join(pack.languages)}",
            file=sys.stderr,
        )
        return None
    return wanted


def _read_settings_or_explain() -> dict[str, object] | None:
    try:
        return options.read_settings(settings_file())
    except SettingsError as exc:
        print(
            f"kiosk: the kiosk's settings file is wrong: {exc}. Fix it, or delete it to "
            "use the defaults.",
            file=sys.stderr,
        )
        return None


def _run(args: argparse.Namespace) -> int:
    """``kiosk run``. Each option: the command line, else settings.toml, else the pack.

    Everything that can refuse to start is checked before anything is shown; then
    the last run's first frame is painted (when nothing changed since), and only
    then is the pack loaded and the real window built.
    """
    settings = _read_settings_or_explain()
    if settings is None:
        return EXIT_USAGE
    chosen = options.choose(vars(args), settings)
    folder = chosen.pack or default_pack()
    if _missing(folder):
        return EXIT_USAGE
    pin_hash: str | None = None
    if chosen.lock:
        # Deferred: hashing PINs is for locked kiosks only.
        from kiosk.pin import read_pin_file

        where = chosen.pin_file or pin_file()
        pin_hash = read_pin_file(where)
        if pin_hash is None:
            print(
                f"kiosk: a locked kiosk needs a staff PIN, and there is none in {where}. "
                "Set one with 'kiosk set-pin'"
                + (f" --pin-file {where}" if chosen.pin_file else "")
                + ", then start the kiosk again.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    elif chosen.pin_file is not None:
        log.warning("--pin-file does nothing without --lock")
    problem = display_problem()
    if problem is not None:
        # Before Qt: its own message for this is an abort about reinstalling it.
        print(
            f"kiosk: {problem}. Start it from the desktop session (or set DISPLAY to "
            "its display, usually :0), or use 'kiosk render' to make pictures instead.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    claim = _claim_state_folder_or_explain()
    if claim is None:
        return EXIT_INVALID
    try:
        with collector.held_off():
            return _run_claimed(chosen, folder, pin_hash)
    finally:
        claim.release()


def _claim_state_folder_or_explain() -> StateFolderClaim | None:
    """One kiosk per state folder: two would fight over the status file, the first
    frame and the log, and show two windows."""
    try:
        claim = claim_state_folder()
    except StateFolderBusy as busy:
        pid = f"process {busy.pid}" if busy.pid else "another process"
        print(
            f"kiosk: a kiosk is already running with this state folder ({busy.folder}), "
            f"as {pid}. Stop it first"
            + (f" (kill {busy.pid})" if busy.pid else "")
            + ", or give this one a state folder of its own (XDG_STATE_HOME).",
            file=sys.stderr,
        )
        return None
    if not claim.held:
        log.warning(
            "cannot lock %s; not checking for another kiosk running with the same state folder",
            claim.path,
        )
    return claim


def _run_claimed(chosen: RunOptions, folder: Path, pin_hash: str | None) -> int:
    """The rest of ``kiosk run``, once this process holds the state folder: the first
    frame, the pack and the window."""
    from kiosk.schedule import schedule_file  # a few looks at the disk, no YAML

    if schedule_file(folder) is not None:
        return _run_schedule(chosen, folder, pin_hash)
    key = frame_key(folder, chosen)
    pack: Pack | None = None
    ahead: PackAhead | None = None
    if stored_key() != key:
        # No picture of this first slide to paint at once. With a core to spare, a
        # child checks the pack while this process imports Qt and the window; else it
        # is checked now, before Qt. Deferred: a restart paints its remembered first
        # frame before the pack model is imported.
        from kiosk.pack_ahead import PackAhead

        ahead = PackAhead.start(folder)
        if ahead is None:
            pack = _load_or_explain(folder, lint=False)
            if pack is None:
                return EXIT_INVALID
    # Deferred: Qt is imported only now, and never by the commands that do not draw.
    from kiosk.ui.startup import show_first_frame

    cover = show_first_frame(key, screen=chosen.screen, windowed=chosen.windowed)
    if ahead is not None:
        # Deferred like Qt: the window's modules, imported while the child checks.
        import kiosk.ui.app  # noqa: F401

        pack = ahead.result()
    if pack is None:
        # A restart, or a child with no pack to give: a broken pack is explained
        # here, before any window opens.
        pack = _load_or_explain(folder, lint=False)
        if pack is None:
            return EXIT_INVALID
    return _play(pack, [pack], chosen, pin_hash, first_frame_key=key, first_frame_cover=cover)


def _play(
    first: Pack, packs: list[Pack], chosen: RunOptions, pin_hash: str | None, **launch: Any
) -> int:
    """Run the kiosk on ``first``, once the run options suit every pack it may show."""
    try:
        for pack in packs:
            chosen.for_pack(pack)
    except OptionError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_USAGE
    # Deferred: the window, the player and the slide views, once the first frame is
    # on screen (if one was kept) or the schedule is good.
    from kiosk.ui.app import Launch, run_kiosk

    return run_kiosk(Launch(first, chosen, pin_hash=pin_hash, log_dir=log_dir(), **launch))


def _run_schedule(chosen: RunOptions, folder: Path, pin_hash: str | None) -> int:
    """``kiosk run`` of a schedule: the pack it names for now, then the others as they
    come due. No remembered first frame: which pack comes first depends on the time."""
    from kiosk.schedule.clock import SystemClock
    from kiosk.schedule.load import check_schedule

    clock = SystemClock()
    report = check_schedule(folder, lint=False)
    if report.programme is None:
        _explain_errors(report, f"the schedule {report.path}", folder)
        return EXIT_INVALID
    programme = report.programme
    showing = programme.at(clock.now(), clock.zone)
    log.info("schedule %s: %s shows now (%s)", report.path, showing.choice.pack, showing.choice.why)
    packs = list(programme.packs.values())
    return _play(showing.pack, packs, chosen, pin_hash, programme=programme, clock=clock)


# ``kiosk render --lang all``: every language of the pack.
ALL_LANGUAGES = "all"


def _render(args: argparse.Namespace) -> int:
    if args.out is None and args.contact_sheet is None:
        print(
            "kiosk: say where the proofs go: --out DIR, --contact-sheet FILE.png, or both",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if _missing(args.pack):
        return EXIT_USAGE
    pack = _load_or_explain(args.pack)
    if pack is None:
        return EXIT_INVALID
    every = (args.language or "").lower() == ALL_LANGUAGES
    typed = {
        name: getattr(args, name) for name in ("mode", "region", "high_contrast", "large_text")
    }
    # A proof shows the pack: settings.toml (this machine's) is not read.
    chosen = options.choose({**typed, "language": None if every else args.language}, {})
    try:
        chosen, _warnings = chosen.for_pack(pack)
    except OptionError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_USAGE
    languages = list(pack.languages) if every else [chosen.language or pack.default_language]
    # Rendering never shows a window, so it works the same with or without a screen.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # Deferred: Qt, for the commands that draw only (and only after the line above).
    from PySide6.QtCore import QSize

    from kiosk.export import ProofLook, contact_sheet, render_pack
    from kiosk.slides import for_region  # as the pack model is (see _report)
    from kiosk.ui.offscreen import ensure_app

    ensure_app()
    size = QSize(*args.size)
    look = ProofLook(chosen.mode, chosen.high_contrast, chosen.large_text, chosen.region)
    shown = len(for_region(pack, chosen.region).slides)
    complete = True
    for language in languages:
        if args.out is not None:
            out = args.out / language if every else args.out
            try:
                written = render_pack(
                    pack,
                    out,
                    size,
                    language,
                    high_contrast=look.high_contrast,
                    large_text=look.large_text,
                    region=look.region,
                    mode=look.mode,
                )
            except OSError as exc:
                print(
                    f"kiosk: cannot write pictures to {out}: {exc.strerror or exc}", file=sys.stderr
                )
                return EXIT_USAGE
            slides = len({path.name.split("-", 1)[0] for path in written})
            print(f"wrote {len(written)} pictures of {slides} of {shown} slides to {out}")
            complete = complete and slides == shown
        if args.contact_sheet is not None:
            sheet = args.contact_sheet
            if every:
                sheet = sheet.with_name(f"{sheet.stem}-{language}{sheet.suffix or '.png'}")
            try:
                made = contact_sheet(pack, sheet, size, language, look)
            except OSError as exc:
                print(f"kiosk: cannot write {sheet}: {exc.strerror or exc}", file=sys.stderr)
                return EXIT_USAGE
            if made.file is None:
                print(f"kiosk: cannot write {sheet}", file=sys.stderr)
                return EXIT_USAGE
            print(f"wrote a contact sheet of {made.slides} of {shown} slides to {made.file}")
            complete = complete and made.slides == shown
    return EXIT_OK if complete else EXIT_INVALID


def _export(args: argparse.Namespace) -> int:
    """``kiosk export``: the checks of what was typed, then kiosk.media.export_pack."""
    if args.handout is None and args.poster is None and args.cards is None:
        print(
            "kiosk: say what to make: --handout FILE.pdf, --poster FILE.pdf or --cards DIR",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from kiosk.media.export import PaperChoiceError, papers_for  # deferred: see _render

    try:
        papers = papers_for(
            args.paper, handout=args.handout is not None, poster=args.poster is not None
        )
    except PaperChoiceError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_USAGE
    if _missing(args.pack):
        return EXIT_USAGE
    pack = _load_or_explain(args.pack)
    if pack is None:
        return EXIT_INVALID
    if args.lang == "all":
        languages = list(pack.languages)
    else:
        language = _pick_language(pack, args.lang)
        if language is None:
            return EXIT_USAGE
        languages = [language]
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # as for 'render': no window, ever
    from kiosk.media.export import Request, export_pack
    from kiosk.ui.offscreen import ensure_app

    ensure_app()
    request = Request(pack, languages, args.region, papers, args.handout, args.poster, args.cards)
    for outcome in export_pack(request):
        if outcome.failed or outcome.note:
            print(f"kiosk: {outcome.text}", file=sys.stderr)
        else:
            print(outcome.text)
    return EXIT_OK if request.done else EXIT_INVALID


def _schema(args: argparse.Namespace) -> int:
    from kiosk.pack.json_schema import pack_json_schema, pack_reference_markdown  # see _report

    if args.schedule:
        from kiosk.schedule.model import schedule_json_schema, schedule_reference_markdown

        markdown, schema = schedule_reference_markdown, schedule_json_schema
    else:
        markdown, schema = pack_reference_markdown, pack_json_schema
    text = markdown() if args.markdown else json.dumps(schema(), indent=2, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    # Deferred, as the pack model is (see _report).
    from kiosk.pack.next_year import move_to_year

    source: Path = args.source or default_pack()
    if _missing(source):
        return EXIT_USAGE
    target: Path = args.folder
    try:
        if kind_of(target) != MISSING and any(target.iterdir()):
            print(
                f"kiosk: {target} already exists and is not empty: choose a new folder",
                file=sys.stderr,
            )
            return EXIT_USAGE
    except (PackFileError, OSError) as exc:
        reason = exc.reason if isinstance(exc, PackFileError) else exc.strerror
        print(f"kiosk: cannot use {target} for the new pack: {reason}", file=sys.stderr)
        return EXIT_USAGE
    pack = _load_or_explain(source, doing=f"cannot start from {source}: it")
    if pack is None:
        return EXIT_INVALID
    year = args.year or pack.year + 1
    if not 2000 <= year <= 2100:
        print(f"kiosk: {year} is not a year from 2000 to 2100", file=sys.stderr)
        return EXIT_USAGE
    try:
        # A copy next to the target, renamed into place once whole; an empty target
        # folder made beforehand gives way to it.
        if kind_of(target) != MISSING:
            target.rmdir()
        target.parent.mkdir(parents=True, exist_ok=True)
        left_out = copy_folder(pack.root, target)
        pack_file = target / PACK_FILE_NAME
        text = read_file(pack_file, 1 << 30).decode("utf-8-sig")
        # Edited as text, so the organiser's comments survive.
        text, moved = move_to_year(text, pack.year, year)
        pack_file.write_text(text, encoding="utf-8")
    except (PackFileError, OSError, UnicodeDecodeError) as exc:
        where = f"{pack.root / exc.path}: " if isinstance(exc, PackFileError) and exc.path else ""
        reason = (
            exc.reason
            if isinstance(exc, PackFileError)
            else getattr(exc, "strerror", None) or exc.__class__.__name__
        )
        print(f"kiosk: {where}cannot copy the pack to {target}: {reason}", file=sys.stderr)
        return EXIT_INVALID
    for what in left_out:
        print(f"kiosk: not copied: {what}", file=sys.stderr)
    print(f"Started {target} from {source}, for {year}.")
    for change in moved:
        print(f"  {pack_file}:{change.line}: {change.before} → {change.after}")
    _say_what_to_check(target, pack_file)
    print("Next:")
    print(f"  1. Open {pack_file} in a text editor.")
    print("  2. Change the title slide's theme to this year's.")
    print("  3. Check every fact and its source; replace figures that have newer editions.")
    print("  4. Update the resources and hotlines for your venue.")
    print(f"  5. Run 'kiosk validate {target}', then 'kiosk run {target} --windowed 1280x720'.")
    return EXIT_OK


def _say_what_to_check(folder: Path, pack_file: Path) -> None:
    """The figures a new year made too old, and every source the new pack cites."""
    from kiosk.pack.load import check_pack  # deferred: see _report
    from kiosk.slides.facts import FactsSlide

    report = check_pack(folder)
    aged = [p for p in report.warnings if p.key_path.endswith(".as_of")]
    if aged:
        print("Figures whose data is now too old for the new year:")
        for problem in aged:
            print(f"  {problem}")
    if report.pack is None:
        return
    pack = report.pack
    sources = {
        fact.source.url: pack.text(fact.source.name, pack.default_language)
        for slide in pack.slides
        if isinstance(slide, FactsSlide)
        for fact in slide.facts
    }
    if sources:
        print("Sources to check for a newer edition:")
        for url, name in sources.items():
            print(f"  {name}: {url}")


def _set_pin(args: argparse.Namespace) -> int:
    from kiosk.pin import PIN_PATTERN, write_pin_file  # deferred: see _run

    if args.stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("New staff PIN (4 to 12 digits): ")
        if getpass.getpass("Type it again: ") != pin:
            print("kiosk: the two PINs differ; nothing was changed", file=sys.stderr)
            return EXIT_USAGE
    if not PIN_PATTERN.fullmatch(pin):
        print("kiosk: a PIN is 4 to 12 digits; nothing was changed", file=sys.stderr)
        return EXIT_USAGE
    target = args.pin_file or pin_file()
    try:
        write_pin_file(target, pin)
    except OSError as exc:
        print(
            f"kiosk: cannot write the PIN file: {why_unwritable(exc)} ({target}); "
            "nothing was changed",
            file=sys.stderr,
        )
        return EXIT_INVALID
    print(f"PIN stored (as a salted hash) in {target}")
    return EXIT_OK


def _install_autostart(args: argparse.Namespace) -> int:
    # Deferred: it starts programs (subprocess), which 'kiosk run' never does.
    from kiosk import autostart

    if _missing(args.pack):
        return EXIT_USAGE
    from kiosk.schedule import schedule_file

    if schedule_file(args.pack) is not None:
        from kiosk.time_commands import report_schedule

        if not report_schedule(args.pack, quiet=True):
            return EXIT_INVALID
    elif _load_or_explain(args.pack) is None:
        return EXIT_INVALID
    if args.lock:
        from kiosk.pin import read_pin_file  # deferred: see _run

        if read_pin_file(pin_file()) is None:
            # A locked kiosk refuses to start without a PIN: it would fail at every boot.
            print(
                f"kiosk: a locked kiosk needs a staff PIN, and there is none in "
                f"{pin_file()}. Run 'kiosk set-pin' first, then install it again.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    extra = options.command_line({"mode": args.mode, "lock": args.lock})
    entry = autostart.plan(args.pack, extra)
    if args.dry_run:
        print(f"# would write {entry.path}")
        print(entry.content, end="")
        return EXIT_OK
    for line in autostart.install(entry):
        print(line)
    return EXIT_OK


def _uninstall_autostart(args: argparse.Namespace) -> int:
    from kiosk import autostart  # deferred: see _install_autostart

    for line in autostart.uninstall():
        print(line)
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    # Deferred, as in _copy_screenshot: dates and the status file are for this command
    # only, and every 'kiosk run' would pay for them before its first frame.
    from kiosk.status import EXIT_RUNNING_WELL, EXIT_RUNNING_WITH_PROBLEMS, inspect_status

    state = inspect_status()
    if args.json:
        print(json.dumps(state.as_json(), indent=2))
    else:
        for line in state.lines():
            print(line)
    code = state.exit_code
    if args.screenshot is not None and not _copy_screenshot(args.screenshot, quiet=args.json):
        # Running well but no picture to copy: not a clean bill of health.
        return EXIT_RUNNING_WITH_PROBLEMS if code == EXIT_RUNNING_WELL else code
    return code


def _copy_screenshot(target: Path, *, quiet: bool) -> bool:
    from kiosk.status import screenshot_file

    source = screenshot_file()
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        print(f"kiosk: no screenshot at {source}: the kiosk has not kept one yet", file=sys.stderr)
        return False
    except OSError as exc:
        print(f"kiosk: cannot read the screenshot {source}: {exc.strerror or exc}", file=sys.stderr)
        return False
    try:
        write_atomic(target, data)
    except OSError as exc:
        print(f"kiosk: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return False
    if not quiet:
        print(f"screenshot copied to {target}")
    return True

"""The ``kiosk`` command.

Start-up order, kept cheap for what does not draw: parse the arguments → load
and validate the pack (pure Python) → only then import Qt, create the
application and the window → run. ``validate``, ``new`` and ``schema`` never
import Qt, so they are fast and work on any machine, even with no screen.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast

from kiosk import __version__
from kiosk.paths import bundled_packs, default_pack

if TYPE_CHECKING:
    from kiosk.local import LocalSettings, StateFolderClaim
    from kiosk.options import Mode
    from kiosk.pack import Pack

log = logging.getLogger("kiosk")

if TYPE_CHECKING:
    from typing import TypeAlias

    Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"

COMMANDS = (
    "run",
    "validate",
    "new",
    "schema",
    "render",
    "set-pin",
    "install-autostart",
    "uninstall-autostart",
    "status",
)
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


# The largest picture or window: an 8K screen, either way up. A larger one takes
# gigabytes to draw (4 bytes a pixel, twice over) and no screen shows it.
MAX_SIZE = (7680, 4320)


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{2,5})[xX×](\d{2,5})", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is not a size: write WIDTHxHEIGHT, e.g. 1920x1080"
        )
    width, height = int(match[1]), int(match[2])
    if max(width, height) > MAX_SIZE[0] or min(width, height) > MAX_SIZE[1]:
        raise argparse.ArgumentTypeError(
            f"{width}x{height} is larger than an 8K screen: the largest size is "
            f"{MAX_SIZE[0]}x{MAX_SIZE[1]} (or {MAX_SIZE[1]}x{MAX_SIZE[0]})"
        )
    return width, height


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not 0.5 <= value <= 3600:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds from 0.5 to 3600")
    return value


# The idle return: long enough to read a slide, short enough for the next visitor.
IDLE_SECONDS_RANGE = (5.0, 3600.0)


def _idle_seconds(text: str) -> float:
    low, high = IDLE_SECONDS_RANGE
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of seconds from {low:g} to {high:g}"
        )
    return value


# The watchdog: long enough that no slide, transition or reload comes near it.
WATCHDOG_SECONDS_RANGE = (1.0, 3600.0)


def _watchdog_seconds(text: str) -> float:
    low, high = WATCHDOG_SECONDS_RANGE
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a number of seconds from {low:g} to {high:g}"
        )
    return value


def _pack_help() -> str:
    names = ", ".join(p.name for p in bundled_packs()) or "none"
    return f"a pack folder (default: the bundled {default_pack().name} pack; bundled: {names})"


def _add_run_command(sub: Subcommands) -> None:
    run = sub.add_parser(
        "run",
        help="show the slideshow full screen (the default)",
        description="Show a pack's slides full screen, looping by itself. Press Esc or Ctrl+Q "
        "to quit (unless the kiosk is locked). Settings for this machine can also "
        "be kept in settings.toml in the kiosk's settings folder "
        f"({_settings_path_text()}); what you type here wins over it, and it wins "
        "over the pack.",
        epilog="For a touchscreen a visitor uses alone: kiosk run PACK --mode touch --lock "
        "(run 'kiosk set-pin' once first). To close a locked kiosk, hold the top-left "
        "corner of the screen for 5 seconds (or press Ctrl+Alt+Shift+K) and type the PIN.",
    )
    run.add_argument("pack", nargs="?", type=Path, help=_pack_help())
    run.add_argument(
        "--screen",
        type=int,
        metavar="N",
        help="which monitor to use: 0 is the first (default: the main one)",
    )
    run.add_argument(
        "--windowed",
        type=_size,
        metavar="WxH",
        help="preview in a normal window of this size instead of full screen",
    )
    run.add_argument("--lang", metavar="CODE", help="language to start in, e.g. es")
    run.add_argument(
        "--slide-seconds",
        type=_seconds,
        metavar="N",
        help="show every slide for N seconds (overrides the pack; for testing)",
    )
    run.add_argument(
        "--mode",
        choices=("event", "touch"),
        help="event: the slides play by themselves for people passing by; "
        "touch: visitors tap and swipe through them, with buttons on "
        "screen, and can open a helpline large (default: the pack's mode)",
    )
    run.add_argument(
        "--lock",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="lock the kiosk so visitors cannot close or leave it; staff close "
        "it with the PIN set by 'kiosk set-pin'",
    )
    run.add_argument(
        "--pin-file",
        type=Path,
        metavar="FILE",
        help="the staff PIN file made by 'kiosk set-pin --pin-file FILE' "
        "(default: this machine's settings folder)",
    )
    run.add_argument(
        "--idle-seconds",
        type=_idle_seconds,
        metavar="N",
        help="after N seconds with nobody touching the screen, go back to the "
        "first slide in the main language and play on (default: the "
        "pack's timing, usually 60)",
    )
    run.add_argument(
        "--high-contrast",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="white and yellow text on black, for visitors who see less well",
    )
    run.add_argument(
        "--large-text",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="larger text on every slide",
    )
    run.add_argument(
        "--reduced-motion",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="change slides without any movement or fade, for visitors who "
        "find motion uncomfortable",
    )
    run.add_argument(
        "--watchdog-seconds",
        type=_watchdog_seconds,
        metavar="N",
        help="end the kiosk (exit code 4, so that systemd or the autostart loop "
        "starts it again) when its window has not responded for N seconds "
        "(default 30)",
    )


def _add_validate_command(sub: Subcommands) -> None:
    validate = sub.add_parser(
        "validate",
        help="check packs and say exactly which file and line is wrong",
        description="Check one or more packs. Every problem is listed as "
        "file:line:column: error|warning: what is wrong and how to fix it. "
        "Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error.",
    )
    validate.add_argument("packs", nargs="+", type=Path, metavar="PACK", help="pack folders")
    validate.add_argument(
        "--quiet", "-q", action="store_true", help="print only problems, no summary"
    )


def _add_new_command(sub: Subcommands) -> None:
    new = sub.add_parser(
        "new",
        help="start next year's pack from an existing one",
        description="Copy a pack into a new folder, set its year, and say what to edit next.",
    )
    new.add_argument("folder", type=Path, help="the new pack folder (must not exist yet)")
    new.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="PACK",
        help=f"the pack to copy (default: the bundled {default_pack().name} pack)",
    )
    new.add_argument(
        "--year", type=int, help="the new pack's year (default: the copied pack's year plus one)"
    )


def _add_schema_command(sub: Subcommands) -> None:
    schema = sub.add_parser(
        "schema",
        help="print the pack format as JSON Schema, for editors",
        description="Print the pack format as JSON Schema so editors (such as VS Code with "
        "the YAML extension) complete keys and flag mistakes as you type.",
    )
    schema.add_argument(
        "--markdown", action="store_true", help="print the field reference for organisers instead"
    )
    schema.add_argument("--out", type=Path, metavar="FILE", help="write to FILE, not the screen")


def _add_render_command(sub: Subcommands) -> None:
    render = sub.add_parser(
        "render",
        help="save every slide as a PNG picture, to proof a pack",
        description="Draw every slide of a pack to DIR/NN-kind.png without opening a window.",
    )
    render.add_argument("pack", type=Path, help="the pack folder")
    render.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder for the pictures (created if needed)",
    )
    render.add_argument(
        "--size",
        type=_size,
        default=(1920, 1080),
        metavar="WxH",
        help="picture size (default 1920x1080)",
    )
    render.add_argument("--lang", metavar="CODE", help="language (default: the pack's default)")


def _add_set_pin_command(sub: Subcommands) -> None:
    set_pin = sub.add_parser(
        "set-pin",
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
        help="start the kiosk with the desktop, and after a crash",
        description="Make this computer start the kiosk when the desktop starts, and start "
        "it again by itself after a crash or power cut (a systemd user service, "
        "or a desktop autostart entry where systemd is absent).",
    )
    autostart.add_argument("pack", type=Path, help="the pack folder to show")
    autostart.add_argument("--mode", choices=("event", "touch"), help="event or touch mode")
    autostart.add_argument(
        "--lock", action="store_true", help="lock the kiosk so only staff with the PIN can leave it"
    )
    autostart.add_argument(
        "--dry-run", action="store_true", help="print what would be written, and write nothing"
    )


def _add_uninstall_autostart_command(sub: Subcommands) -> None:
    sub.add_parser(
        "uninstall-autostart",
        help="stop starting the kiosk with the desktop",
        description="Remove what install-autostart wrote.",
    )


def _add_status_command(sub: Subcommands) -> None:
    status = sub.add_parser(
        "status",
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


COMMAND_PARSERS: dict[str, Callable[[Subcommands], None]] = {
    "run": _add_run_command,
    "validate": _add_validate_command,
    "new": _add_new_command,
    "schema": _add_schema_command,
    "render": _add_render_command,
    "set-pin": _add_set_pin_command,
    "install-autostart": _add_install_autostart_command,
    "uninstall-autostart": _add_uninstall_autostart_command,
    "status": _add_status_command,
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
            "set-pin": _set_pin,
            "install-autostart": _install_autostart,
            "uninstall-autostart": _uninstall_autostart,
            "status": _status,
        }[args.command]
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the last funnel: a message, never a traceback
        log.debug("unexpected error", exc_info=True)
        print(f"kiosk: unexpected error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 3


def _report(path: Path, quiet: bool) -> bool:
    from kiosk.pack import check_pack
    from kiosk.pack.problems import listing

    report = check_pack(path)
    for line in listing(report.problems, report.unlisted_errors, report.unlisted_warnings):
        print(line)
    if not quiet:
        status = "invalid" if report.error_count else "OK"
        print(
            f"{path}: {status} ({report.error_count:,} errors, {report.warning_count:,} warnings)"
        )
    return not report.error_count


def _validate(args: argparse.Namespace) -> int:
    results = [_report(path, args.quiet) for path in args.packs]
    return EXIT_OK if all(results) else EXIT_INVALID


def _load_or_explain(path: Path, doing: str = "") -> Pack | None:
    """The pack at ``path``, or None once its errors are printed (a bounded list)."""
    from kiosk.pack import check_pack
    from kiosk.pack.problems import listing

    report = check_pack(path)
    if report.pack is None:
        for line in listing(report.errors, report.unlisted_errors):
            print(line, file=sys.stderr)
        print(
            f"kiosk: {doing or path} has {report.error_count:,} "
            f"error{'s' if report.error_count != 1 else ''}; fix them and try again "
            f"('kiosk validate {path}' lists them)",
            file=sys.stderr,
        )
    return report.pack


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


def _settings_path_text() -> str:
    from kiosk.local import settings_file

    return str(settings_file())


def _read_settings_or_explain() -> LocalSettings | None:
    from kiosk.local import SettingsError, read_settings

    try:
        return read_settings()
    except SettingsError as exc:
        print(
            f"kiosk: the kiosk's settings file is wrong: {exc}. Fix it, or delete it to "
            "use the defaults.",
            file=sys.stderr,
        )
        return None


def _either(given: bool | None, setting: bool) -> bool:
    """A switch typed on the command line wins over settings.toml."""
    return setting if given is None else given


def _run(args: argparse.Namespace) -> int:
    """``kiosk run``. Each choice: the command line, else settings.toml, else the pack.

    Everything that can refuse to start is checked before anything is shown; then
    the last run's first frame is painted (when nothing changed since), and only
    then is the pack loaded and the real window built.
    """
    from kiosk.local import pin_file

    settings = _read_settings_or_explain()
    if settings is None:
        return EXIT_USAGE
    folder = args.pack or settings.pack or default_pack()
    lock = _either(args.lock, settings.lock)
    pin_hash: str | None = None
    if lock:
        from kiosk.pin import read_pin_file

        where = args.pin_file or pin_file()
        pin_hash = read_pin_file(where)
        if pin_hash is None:
            print(
                f"kiosk: a locked kiosk needs a staff PIN, and there is none in {where}. "
                "Set one with 'kiosk set-pin'"
                + (f" --pin-file {where}" if args.pin_file else "")
                + ", then start the kiosk again.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    elif args.pin_file is not None:
        log.warning("--pin-file does nothing without --lock")
    idle = args.idle_seconds if args.idle_seconds is not None else settings.idle_seconds
    low, high = IDLE_SECONDS_RANGE
    if idle is not None and not low <= idle <= high:
        print(
            f"kiosk: idle_seconds in settings.toml must be from {low:g} to {high:g} "
            f"seconds, not {idle:g}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from kiosk.display import display_problem

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
        return _run_claimed(args, settings, folder, lock, pin_hash, idle)
    finally:
        claim.release()


def _claim_state_folder_or_explain() -> StateFolderClaim | None:
    """One kiosk per state folder: two would fight over the status file, the first
    frame and the log, and show two windows."""
    from kiosk.local import StateFolderBusy, claim_state_folder

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


def _run_claimed(
    args: argparse.Namespace,
    settings: LocalSettings,
    folder: Path,
    lock: bool,
    pin_hash: str | None,
    idle: float | None,
) -> int:
    """The rest of ``kiosk run``, once this process holds the state folder: the first
    frame, the pack and the window."""
    from kiosk.local import log_dir

    screen = args.screen if args.screen is not None else settings.screen
    high_contrast = _either(args.high_contrast, settings.high_contrast)
    large_text = _either(args.large_text, settings.large_text)
    # Everything that changes what the first frame looks like (the pack's own files
    # are part of the key too).
    look = {
        "language": args.lang or settings.language,
        "mode": args.mode or settings.mode,
        "high_contrast": high_contrast,
        "large_text": large_text,
        "windowed": args.windowed,
        "screen": screen,
    }
    from kiosk.frame_key import frame_key, stored_key

    key = frame_key(folder, look)
    pack: Pack | None = None
    if stored_key() != key:
        # No picture of this first slide to paint at once: load the pack before Qt
        # is imported (see kiosk.frame_key), and a broken pack is explained before
        # any window opens.
        pack = _load_or_explain(folder)
        if pack is None:
            return EXIT_INVALID
    from kiosk.ui.app import RunOptions, run_kiosk, show_first_frame

    cover = show_first_frame(key, screen=screen, windowed=args.windowed)
    if cover is not None and _report_first_paint():
        return EXIT_OK
    if pack is None:
        pack = _load_or_explain(folder)
        if pack is None:
            return EXIT_INVALID
    wanted = args.lang
    if wanted is None and settings.language is not None:
        if settings.language in pack.languages:
            wanted = settings.language
        else:
            log.warning(
                "settings.toml asks for language %r, which this pack does not have "
                "(%s); starting in %s",
                settings.language,
                ", ".join(pack.languages),
                pack.default_language,
            )
    language = _pick_language(pack, wanted)
    if language is None:
        return EXIT_USAGE
    # argparse and read_settings both allow only "event" and "touch".
    mode = cast("Mode", args.mode or settings.mode or pack.mode)
    watchdog = {} if args.watchdog_seconds is None else {"watchdog_seconds": args.watchdog_seconds}
    return run_kiosk(
        RunOptions(
            pack=pack,
            screen=screen,
            windowed=args.windowed,
            language=language,
            slide_seconds=args.slide_seconds,
            mode=mode,
            lock=lock,
            pin_hash=pin_hash,
            idle_seconds=idle,
            high_contrast=high_contrast,
            large_text=large_text,
            reduced_motion=_either(args.reduced_motion, settings.reduced_motion),
            log_dir=log_dir(),
            first_frame_key=key,
            first_frame_look=look,
            first_frame_cover=cover,
            **watchdog,
        )
    )


def _report_first_paint() -> bool:
    """The benchmark's hook: print when the first frame is on screen, and stop there."""
    from kiosk.ui.app import print_first_paint_mark, reports_first_paint

    if not reports_first_paint():
        return False
    print_first_paint_mark()
    return True


def _render(args: argparse.Namespace) -> int:
    pack = _load_or_explain(args.pack)
    if pack is None:
        return EXIT_INVALID
    language = _pick_language(pack, args.lang)
    if language is None:
        return EXIT_USAGE
    # Rendering never shows a window, so it works the same with or without a screen.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSize

    from kiosk.export import ensure_app, render_pack

    ensure_app()
    try:
        written = render_pack(pack, args.out, QSize(*args.size), language)
    except OSError as exc:
        print(f"kiosk: cannot write pictures to {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {len(written)} of {len(pack.slides)} slides to {args.out}")
    return EXIT_OK if len(written) == len(pack.slides) else EXIT_INVALID


def _schema(args: argparse.Namespace) -> int:
    import json

    from kiosk.pack.json_schema import pack_json_schema, pack_reference_markdown

    text = (
        pack_reference_markdown()
        if args.markdown
        else json.dumps(pack_json_schema(), indent=2, ensure_ascii=False)
    )
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        print(text)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from kiosk.pack import PACK_FILE
    from kiosk.pack.next_year import move_to_year
    from kiosk.packfiles import MISSING, PackFileError, copy_folder, kind_of, read_file

    source: Path = args.source or default_pack()
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
        pack_file = target / PACK_FILE
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
    from kiosk.pack import check_pack
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
    import getpass

    from kiosk.local import pin_file, why_unwritable
    from kiosk.pin import PIN_PATTERN, write_pin_file

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
    from kiosk import autostart

    if _load_or_explain(args.pack) is None:
        return EXIT_INVALID
    if args.lock:
        from kiosk.local import pin_file
        from kiosk.pin import read_pin_file

        if read_pin_file(pin_file()) is None:
            # A locked kiosk refuses to start without a PIN: it would fail at every boot.
            print(
                f"kiosk: a locked kiosk needs a staff PIN, and there is none in "
                f"{pin_file()}. Run 'kiosk set-pin' first, then install it again.",
                file=sys.stderr,
            )
            return EXIT_USAGE
    extra = [*(["--mode", args.mode] if args.mode else []), *(["--lock"] if args.lock else [])]
    entry = autostart.plan(args.pack, extra)
    if args.dry_run:
        print(f"# would write {entry.path}")
        print(entry.content, end="")
        return EXIT_OK
    for line in autostart.install(entry):
        print(line)
    return EXIT_OK


def _uninstall_autostart(args: argparse.Namespace) -> int:
    from kiosk import autostart

    for line in autostart.uninstall():
        print(line)
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    import json

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
    from kiosk.local import write_atomic
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

"""The kiosk's run options, each declared once. Pure Python: no Qt.

Every option of ``kiosk run`` is one field of ``RunOptions``, declared with
``option(...)``: its type, its built-in default, the values it accepts, its help
text, its command-line flag, its key in settings.toml, the pack's own value for it
(where the pack has one) and whether it changes what the first frame looks like.
From that one declaration come:

- the command line (``add_arguments``, also used by ``kiosk install-autostart``);
- reading and checking settings.toml (``read_settings``);
- the choice for each option, in this order: the command line, then settings.toml,
  then the pack, then the built-in default (``choose``, then ``RunOptions.for_pack``);
- what the remembered first frame is keyed by (``RunOptions.first_frame_look``).

The names of the modes and transitions, and the idle time's range, are shared with
the pack format (``kiosk.pack``), which sets a pack-level default for them.
"""

from __future__ import annotations

import argparse
import enum
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from kiosk.hours import HoursError, Week, read_week
from kiosk.paths import bundled_packs, default_pack, pack_folder

if TYPE_CHECKING:
    # The type only: a restart paints its remembered first frame before the pack
    # model (and YAML) is even imported.
    from kiosk.pack.model import Pack


class Mode(enum.StrEnum):
    """Who drives the slides."""

    EVENT = "event"  # nobody touches it: the slides play by themselves for passers-by
    TOUCH = "touch"  # visitors tap and swipe through them, with buttons on screen


class Transition(enum.StrEnum):
    """How one slide gives way to the next."""

    CROSSFADE = "crossfade"
    SLIDE = "slide"
    NONE = "none"  # instant cuts, for reduced motion


# The idle return, in seconds, wherever it is set (command line, settings.toml, pack):
# long enough to read a dense slide without touching it, short enough for the next
# visitor.
IDLE_SECONDS_RANGE = (10.0, 3600.0)
# --slide-seconds is for checking a pack quickly, so it goes below the pack's 2 s.
SLIDE_SECONDS_RANGE = (0.5, 3600.0)
# The watchdog: long enough that no slide, transition or reload comes near it.
WATCHDOG_SECONDS_RANGE = (1.0, 3600.0)
DEFAULT_WATCHDOG_SECONDS = 30.0
# A touch outside opening hours wakes the screen for this long (0: it does not).
WAKE_MINUTES_RANGE = (0.0, 240.0)
# The largest picture or window: an 8K screen, either way up. A larger one takes
# gigabytes to draw (4 bytes a pixel, twice over) and no screen shows it.
MAX_SIZE = (7680, 4320)

T = TypeVar("T")
D = TypeVar("D")


class OptionError(ValueError):
    """A value an option does not accept; the message says what it takes."""


class SettingsError(Exception):
    """settings.toml cannot be read, or holds something the kiosk does not accept."""


# -- the kinds of value -----------------------------------------------------------


class ValueKind(Generic[T]):
    """What one option accepts: typed on the command line, or a TOML value."""

    metavar: str | None = None

    def parse(self, text: str) -> T:
        """The value typed on the command line; OptionError when it is not one."""
        raise NotImplementedError

    def accept(self, value: object) -> T:
        """A value read from settings.toml (already typed by TOML)."""
        if isinstance(value, str):
            return self.parse(value)
        raise OptionError(f"must be {self.describe()}, not {value!r}")

    def describe(self) -> str:
        raise NotImplementedError


class Number(ValueKind[float]):
    def __init__(self, limits: tuple[float, float], unit: str = "seconds") -> None:
        self.low, self.high = limits
        self.unit = unit
        self.metavar = "N"

    def parse(self, text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise OptionError(f"'{text[:40]}' is not {self.describe()}") from None
        return self._checked(value, text)

    def accept(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise OptionError(f"must be {self.describe()}, not {value!r}")
        return self._checked(float(value), f"{value:g}")

    def _checked(self, value: float, text: str) -> float:
        if not self.low <= value <= self.high:  # also refuses nan
            raise OptionError(f"'{text[:40]}' is not {self.describe()}")
        return value

    def describe(self) -> str:
        return f"a number of {self.unit} from {self.low:g} to {self.high:g}"


class Whole(ValueKind[int]):
    def __init__(self, low: int, high: int, what: str) -> None:
        self.low, self.high, self.what = low, high, what
        self.metavar = "N"

    def parse(self, text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise OptionError(f"'{text[:40]}' is not {self.describe()}") from None
        return self.accept(value)

    def accept(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise OptionError(f"must be {self.describe()}, not {value!r}")
        if not self.low <= value <= self.high:
            raise OptionError(f"{value} is not {self.describe()}")
        return value

    def describe(self) -> str:
        return f"{self.what} from {self.low} to {self.high}"


class Switch(ValueKind[bool]):
    """On or off: ``--name`` / ``--no-name``, ``true`` / ``false``."""

    def parse(self, text: str) -> bool:
        raise OptionError("a switch takes no value")  # argparse handles its flags

    def accept(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise OptionError(f"must be true or false, not {value!r}")
        return value

    def describe(self) -> str:
        return "true or false"


E = TypeVar("E", bound=enum.StrEnum)


class Choice(ValueKind[E]):
    def __init__(self, choices: type[E]) -> None:
        self.choices = choices

    def members(self) -> list[E]:
        return list(self.choices)

    def parse(self, text: str) -> E:
        try:
            return self.choices(text)
        except ValueError:
            raise OptionError(f"'{text[:40]}' is not {self.describe()}") from None

    def describe(self) -> str:
        words = [f'"{c}"' for c in self.choices]
        return " or ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


class LanguageCode(ValueKind[str]):
    _PATTERN = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")

    def __init__(self) -> None:
        self.metavar = "CODE"

    def parse(self, text: str) -> str:
        if not self._PATTERN.fullmatch(text):
            raise OptionError(f"'{text[:40]}' is not {self.describe()}")
        return text

    def describe(self) -> str:
        return "a language code such as es"


class Country(ValueKind[str]):
    """Where the kiosk stands: an ISO 3166 country code (US, GB, ES...)."""

    def __init__(self) -> None:
        self.metavar = "CODE"

    def parse(self, text: str) -> str:
        code = text.strip().upper()
        if code == "UK":
            raise OptionError("'UK' is not a country code: the United Kingdom's is GB")
        if not re.fullmatch(r"[A-Z]{2}", code) or code == "EU":
            raise OptionError(f"'{text[:40]}' is not {self.describe()}")
        return code

    def describe(self) -> str:
        return "a country's two-letter code, such as US, GB or ES"


class PackFolder(ValueKind[Path]):
    """A pack folder, or the name of a bundled pack (``2024``) from any folder."""

    def __init__(self) -> None:
        self.metavar = "PACK"

    def parse(self, text: str) -> Path:
        return pack_folder(text)

    def describe(self) -> str:
        return "a pack folder"


class FilePath(ValueKind[Path]):
    def __init__(self) -> None:
        self.metavar = "FILE"

    def parse(self, text: str) -> Path:
        return Path(text).expanduser()

    def describe(self) -> str:
        return "a file's path"


class Size(ValueKind[tuple[int, int]]):
    """WIDTHxHEIGHT in pixels, at most an 8K screen either way up."""

    def __init__(self) -> None:
        self.metavar = "WxH"

    def parse(self, text: str) -> tuple[int, int]:
        match = re.fullmatch(r"(\d{2,5})[xX×](\d{2,5})", text.strip())
        if not match:
            raise OptionError(f"'{text[:40]}' is not a size: write WIDTHxHEIGHT, e.g. 1920x1080")
        width, height = int(match[1]), int(match[2])
        if max(width, height) > MAX_SIZE[0] or min(width, height) > MAX_SIZE[1]:
            raise OptionError(
                f"{width}x{height} is larger than an 8K screen: the largest size is "
                f"{MAX_SIZE[0]}x{MAX_SIZE[1]} (or {MAX_SIZE[1]}x{MAX_SIZE[0]})"
            )
        return width, height

    def describe(self) -> str:
        return "a size such as 1920x1080"


class OpeningHours(ValueKind[Week]):
    """When the venue is open, by day of the week: outside these hours the screen
    sleeps. A line ("monday-friday 09:00-18:00; saturday 10:00-14:00"), or in
    settings.toml a table of days ``monday = "09:00-18:00"``."""

    def __init__(self) -> None:
        self.metavar = "HOURS"

    def parse(self, text: str) -> Week:
        try:
            return read_week(text)
        except HoursError as error:
            raise OptionError(str(error)) from None

    def accept(self, value: object) -> Week:
        if isinstance(value, str):
            return self.parse(value)
        if not isinstance(value, dict):
            raise OptionError(f"must be {self.describe()}, not {value!r}")
        parts = []
        for day, hours in value.items():
            spans = [hours] if isinstance(hours, str) else hours
            if not isinstance(spans, list) or not all(isinstance(s, str) for s in spans):
                raise OptionError(f'{day} must be hours such as "09:00-18:00", not {hours!r}')
            parts.append(f"{day} {', '.join(spans)}")
        return self.parse("; ".join(parts))

    def describe(self) -> str:
        return 'opening hours such as "monday-friday 09:00-18:00; saturday 10:00-14:00"'


class Command(ValueKind[tuple[str, ...]]):
    """A program and its arguments, as a shell would split them (it is not run by a
    shell)."""

    def __init__(self) -> None:
        self.metavar = "COMMAND"

    def parse(self, text: str) -> tuple[str, ...]:
        import shlex  # deferred: only a machine with such a command pays for it

        try:
            words = tuple(shlex.split(text))
        except ValueError as error:
            raise OptionError(f"'{text[:60]}' cannot be read as a command: {error}") from None
        if not words:
            raise OptionError("the command is empty")
        return words

    def describe(self) -> str:
        return "a command such as \"wlopm --off '*'\""


# -- the declaration ----------------------------------------------------------------


class Declaration(Generic[T]):
    """Everything about one run option but its name, type and built-in default
    (those are its ``RunOptions`` field's). A plain class: every start of the kiosk
    builds these, and a dataclass costs a millisecond more to make."""

    __slots__ = ("flag", "help", "kind", "pack", "pack_refuses", "setting", "shows")

    def __init__(
        self,
        kind: ValueKind[T],
        help: str,
        flag: str | None = None,
        setting: str | None = None,
        pack: Callable[[Pack], T] | None = None,
        pack_refuses: Callable[[T, Pack], str | None] | None = None,
        shows: bool = False,
    ) -> None:
        self.kind = kind
        self.help = help
        self.flag = flag  # "--screen"; a name without dashes is an argument
        self.setting = setting  # its key in settings.toml; None: not settable there
        self.pack = pack  # the pack's own value, below settings.toml
        # Why the pack cannot take this value (None: it can), e.g. a language it lacks.
        self.pack_refuses = pack_refuses
        self.shows = shows  # part of what the first frame looks like


_DECLARATION = "kiosk.option"


def option(
    default: D,
    kind: ValueKind[T],
    help: str,
    *,
    flag: str | None = None,
    setting: str | None = None,
    pack: Callable[[Pack], T] | None = None,
    pack_refuses: Callable[[T, Pack], str | None] | None = None,
    shows: bool = False,
) -> T | D:
    """A ``RunOptions`` field: its built-in ``default`` and its declaration."""
    declared = Declaration(kind, help, flag, setting, pack, pack_refuses, shows)
    return field(default=default, metadata={_DECLARATION: declared})


def _language_refused(language: str, pack: Pack) -> str | None:
    if language in pack.languages:
        return None
    return f"the pack has no '{language}' text; its languages are {', '.join(pack.languages)}"


@dataclass(frozen=True, kw_only=True)
class RunOptions:
    """What ``kiosk run`` was asked for: one field per option, declared once.

    Built directly, every value other than its built-in default counts as chosen;
    ``choose`` records what the command line and settings.toml chose instead.
    Options the pack has its own value for (mode, language, idle time) take it
    through ``for_pack`` unless chosen.
    """

    pack: Path | None = option(
        None,
        PackFolder(),
        "a pack folder, or the name of a bundled pack",
        flag="pack",
        setting="pack",
    )
    screen: int | None = option(
        None,
        Whole(0, 63, "a monitor number"),
        "which monitor to use: 0 is the first (default: the main one)",
        flag="--screen",
        setting="screen",
        shows=True,
    )
    windowed: tuple[int, int] | None = option(
        None,
        Size(),
        "preview in a normal window of this size instead of full screen",
        flag="--windowed",
        shows=True,
    )
    language: str | None = option(
        None,
        LanguageCode(),
        "language to start in, e.g. es (default: the pack's default_language)",
        flag="--lang",
        setting="language",
        pack=lambda pack: pack.default_language,
        pack_refuses=_language_refused,
        shows=True,
    )
    region: str | None = option(
        None,
        Country(),
        "the country the kiosk stands in (US, GB, ES...): help slides show only the "
        "lines that work there, and its emergency number (default: every line, each "
        "labelled with where it works)",
        flag="--region",
        setting="region",
        shows=True,
    )
    slide_seconds: float | None = option(
        None,
        Number(SLIDE_SECONDS_RANGE),
        "show every slide for N seconds (overrides the pack; for testing)",
        flag="--slide-seconds",
    )
    mode: Mode = option(
        Mode.EVENT,
        Choice(Mode),
        "event: the slides play by themselves for people passing by; touch: visitors "
        "tap and swipe through them, with buttons on screen, and can open a helpline "
        "large (default: the pack's mode)",
        flag="--mode",
        setting="mode",
        pack=lambda pack: Mode(pack.mode),
        shows=True,
    )
    lock: bool = option(
        False,
        Switch(),
        "lock the kiosk so visitors cannot close or leave it; staff close it with the "
        "PIN set by 'kiosk set-pin'",
        flag="--lock",
        setting="lock",
    )
    pin_file: Path | None = option(
        None,
        FilePath(),
        "the staff PIN file made by 'kiosk set-pin --pin-file FILE' (default: this "
        "machine's settings folder)",
        flag="--pin-file",
    )
    idle_seconds: float = option(
        60.0,
        Number(IDLE_SECONDS_RANGE),
        "after N seconds with nobody touching the screen, go back to the first slide "
        "in the main language and play on (default: the pack's timing.idle_seconds, "
        "usually 60)",
        flag="--idle-seconds",
        setting="idle_seconds",
        pack=lambda pack: pack.timing.idle_seconds,
    )
    high_contrast: bool = option(
        False,
        Switch(),
        "white and yellow text on black, for visitors who see less well",
        flag="--high-contrast",
        setting="high_contrast",
        shows=True,
    )
    large_text: bool = option(
        False,
        Switch(),
        "larger text on every slide",
        flag="--large-text",
        setting="large_text",
        shows=True,
    )
    reduced_motion: bool = option(
        False,
        Switch(),
        "change slides without any movement or fade, for visitors who find motion "
        "uncomfortable (also the pack's transition: none)",
        flag="--reduced-motion",
        setting="reduced_motion",
    )
    watchdog_seconds: float | None = option(
        DEFAULT_WATCHDOG_SECONDS,
        Number(WATCHDOG_SECONDS_RANGE),
        "end the kiosk (exit code 4, so that systemd or the autostart loop starts it "
        "again) when its window has not responded for N seconds (default 30)",
        flag="--watchdog-seconds",
    )
    # When the venue is open: outside these hours the screen sleeps (kiosk.schedule).
    opening_hours: Week | None = option(
        None,
        OpeningHours(),
        'when the venue is open, e.g. "monday-friday 09:00-18:00; saturday 10:00-14:00" '
        "(a day not named is closed): outside these hours the screen is switched off, or "
        "shows black (default: the schedule's opening_hours, else always open)",
        flag="--opening-hours",
        setting="opening_hours",
    )
    wake_minutes: float = option(
        5.0,
        Number(WAKE_MINUTES_RANGE, unit="minutes"),
        "outside the opening hours, a touch wakes the screen for N minutes; 0: a touch "
        "does not wake it (default 5)",
        flag="--wake-minutes",
        setting="wake_minutes",
    )
    # Where the kiosk cannot switch the display off itself (Wayland): commands that do.
    screen_off_command: tuple[str, ...] | None = option(
        None,
        Command(),
        "a command that switches the display off when the kiosk sleeps, e.g. "
        "\"wlopm --off '*'\" on labwc (default on X11: the X server's DPMS, by xset)",
        flag="--screen-off-command",
        setting="screen_off_command",
    )
    screen_on_command: tuple[str, ...] | None = option(
        None,
        Command(),
        "a command that switches the display on again when the kiosk wakes, e.g. "
        "\"wlopm --on '*'\"",
        flag="--screen-on-command",
        setting="screen_on_command",
    )
    # Not options: which ones the command line or settings.toml chose (None: every
    # value other than its default), and which of those came from settings.toml.
    given: frozenset[str] | None = field(default=None, repr=False)
    from_settings: frozenset[str] = field(default=frozenset(), repr=False)

    def chose(self, name: str) -> bool:
        """Whether option ``name`` was chosen here, rather than left to the pack or
        its built-in default."""
        if self.given is not None:
            return name in self.given
        return bool(getattr(self, name) != _FIELDS[name].default)

    def for_pack(self, pack: Pack) -> tuple[RunOptions, list[str]]:
        """These options with the pack's own value wherever none was chosen, and
        what to warn about.

        A chosen value the pack cannot take is an OptionError when typed on the
        command line; from settings.toml (shared by every pack this machine
        shows) it gives way to the pack's, with a warning.
        """
        changes: dict[str, object] = {}
        warnings: list[str] = []
        for name, declared in declarations().items():
            if declared.pack is None:
                continue
            if self.chose(name) and declared.pack_refuses is not None:
                refusal = declared.pack_refuses(getattr(self, name), pack)
                if refusal is not None and name not in self.from_settings:
                    raise OptionError(refusal)
                if refusal is not None:
                    warnings.append(
                        f"settings.toml: {declared.setting} = {getattr(self, name)!r}, but "
                        f"{refusal}; using the pack's {declared.pack(pack)!r}"
                    )
                    changes[name] = declared.pack(pack)
            elif not self.chose(name):
                changes[name] = declared.pack(pack)
        given = frozenset(n for n in _FIELDS if self.chose(n)) - frozenset(changes)
        return replace(self, **changes, given=given), warnings  # type: ignore[arg-type]

    def first_frame_look(self) -> dict[str, object]:
        """Every option that changes the first frame, as chosen here (None: the
        pack's own value, which the pack's files key already)."""
        return {
            name: getattr(self, name) if declared.pack is None or self.chose(name) else None
            for name, declared in declarations().items()
            if declared.shows
        }


_FIELDS = {f.name: f for f in fields(RunOptions) if _DECLARATION in f.metadata}


def declarations() -> dict[str, Declaration[Any]]:
    """Each run option's declaration, by its name, in the order of ``RunOptions``."""
    return {name: f.metadata[_DECLARATION] for name, f in _FIELDS.items()}


# -- the command line ---------------------------------------------------------------


def argument_type(kind: ValueKind[T]) -> Callable[[str], T]:
    """``kind`` as argparse's ``type``: its message when a value is refused."""

    def convert(text: str) -> T:
        try:
            return kind.parse(text)
        except OptionError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


def add_arguments(
    parser: argparse.ArgumentParser,
    names: Collection[str] | None = None,
    *,
    required: Collection[str] = (),
    more_help: Mapping[str, str] | None = None,
    settings: bool = True,
) -> None:
    """Add the options ``names`` (default: all) to ``parser``. Every one is None when
    not typed, so that settings.toml and the pack can fill it in; ``more_help`` adds
    to an option's help text for this command; ``settings`` False: the command does
    not read settings.toml, so the help does not name its keys."""
    for name, declared in declarations().items():
        if declared.flag is None or (names is not None and name not in names):
            continue
        text = " ".join(filter(None, (declared.help, (more_help or {}).get(name))))
        if isinstance(declared.kind, Number):
            text += f" (from {declared.kind.low:g} to {declared.kind.high:g})"
        if settings and declared.setting is not None:
            text += f" [settings.toml: {declared.setting}]"
        if not declared.flag.startswith("-"):
            parser.add_argument(
                name,
                nargs=None if name in required else "?",
                type=argument_type(declared.kind),
                metavar=declared.kind.metavar,
                help=text,
            )
        elif isinstance(declared.kind, Switch):
            parser.add_argument(
                declared.flag,
                dest=name,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=text,
            )
        else:
            parser.add_argument(
                declared.flag,
                dest=name,
                type=argument_type(declared.kind),
                choices=declared.kind.members() if isinstance(declared.kind, Choice) else None,
                metavar=declared.kind.metavar,
                help=text,
            )


def command_line(values: Mapping[str, object]) -> list[str]:
    """The flags that ask for ``values`` (by option name), as ``kiosk run`` reads them."""
    words: list[str] = []
    for name, declared in declarations().items():
        value = values.get(name)
        if value is None or declared.flag is None:
            continue
        if not declared.flag.startswith("-"):
            words.insert(0, str(value))
        elif isinstance(value, bool):
            words.append(declared.flag if value else f"--no-{declared.flag[2:]}")
        else:
            words += [declared.flag, str(value)]
    return words


def bundled_help() -> str:
    names = ", ".join(p.name for p in bundled_packs()) or "none"
    return f"(default: the newest, {default_pack().name}; bundled: {names})"


# -- settings.toml ------------------------------------------------------------------


def settings_keys() -> dict[str, str]:
    """Option names by their settings.toml key."""
    return {d.setting: name for name, d in declarations().items() if d.setting is not None}


def read_settings(path: Path) -> dict[str, object]:
    """The options settings.toml sets, by option name, checked as the command line
    checks them; a missing file sets none. Raises SettingsError naming the file."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: cannot read it: {exc}") from None
    import tomllib  # deferred: only a machine with a settings file pays for it

    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    keys = settings_keys()
    values: dict[str, object] = {}
    for key, value in data.items():
        name = keys.get(key)
        if name is None:
            raise SettingsError(f"{path}: unknown setting '{key}' (known: {', '.join(keys)})")
        try:
            values[name] = declarations()[name].kind.accept(value)
        except OptionError as error:
            message = str(error)
            if not message.startswith("must be"):
                message = f"must be {declarations()[name].kind.describe()}: {message}"
            raise SettingsError(f"{path}: {key} {message}") from None
    return values


# -- the choice ----------------------------------------------------------------------


def choose(command_line: Mapping[str, object], settings: Mapping[str, object]) -> RunOptions:
    """Each option from the command line, else from settings.toml; the rest keep
    their built-in default until ``RunOptions.for_pack`` gives them the pack's.

    ``command_line`` may hold other names too (argparse's whole namespace); None
    there means not typed.
    """
    chosen: dict[str, object] = {}
    from_settings: set[str] = set()
    for name in _FIELDS:
        typed = command_line.get(name)
        if typed is not None:
            chosen[name] = typed
        elif name in settings:
            chosen[name] = settings[name]
            from_settings.add(name)
    return RunOptions(
        **chosen,  # type: ignore[arg-type]
        given=frozenset(chosen),
        from_settings=frozenset(from_settings),
    )


def iter_options() -> Iterator[tuple[str, Declaration[Any], object]]:
    """Each option's name, declaration and built-in default (for documentation)."""
    for name, f in _FIELDS.items():
        yield name, f.metadata[_DECLARATION], f.default

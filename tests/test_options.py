"""The run options: declared once, read from the command line and settings.toml, and
resolved in one order (command line > settings.toml > pack > built-in)."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.options import (
    IDLE_SECONDS_RANGE,
    Mode,
    OptionError,
    RunOptions,
    SettingsError,
    Transition,
    add_arguments,
    choose,
    command_line,
    declarations,
    read_settings,
)
from kiosk.pack import model
from kiosk.pack.load import check_pack, load_pack
from kiosk.pack.model import Pack

README = Path(__file__).parents[1] / "README.md"

# A touch pack, Spanish first, with its own idle time: every pack-level default set.
TOUCH_PACK = """\
title: Touch deck
year: 2024
date: 2024-07-30
languages: [es, en]
default_language: es
mode: touch
timing: {idle_seconds: 45}
slides:
  - type: title
    day: "Uno"
    date: "30 July"
    theme: "Tema"
"""


@pytest.fixture
def touch_pack(write_pack: Callable[..., Path]) -> Pack:
    return load_pack(write_pack(TOUCH_PACK))


def run_arguments(*words: str) -> dict[str, object]:
    parser = build_parser(only="run")
    return vars(parser.parse_args(["run", *words]))


def test_modes_and_transitions_are_the_pack_formats_words() -> None:
    # The pack's own defaults are among them, and compare equal to their text.
    assert {str(m) for m in Mode} == {"event", "touch"}
    assert {str(t) for t in Transition} == {"crossfade", "slide", "none"}
    assert Mode(model.Pack.mode) is Mode.EVENT
    assert Transition(model.Timing.transition) is Transition.CROSSFADE


def test_the_idle_time_has_one_range_everywhere(
    tmp_path: Path, write_pack: Callable[..., Path]
) -> None:
    low, high = IDLE_SECONDS_RANGE

    def pack_takes(value: float) -> bool:
        text = TOUCH_PACK.replace("idle_seconds: 45", f"idle_seconds: {value:g}")
        return check_pack(write_pack(text)).error_count == 0

    for value in (low, high):
        assert run_arguments("--idle-seconds", f"{value:g}")["idle_seconds"] == value
        assert pack_takes(value)
    for value in (low - 1, high + 1):
        assert not pack_takes(value)
        with pytest.raises(SystemExit):
            run_arguments("--idle-seconds", f"{value:g}")
        settings = tmp_path / "settings.toml"
        settings.write_text(f"idle_seconds = {value:g}\n")
        with pytest.raises(
            SettingsError,
            match=f"idle_seconds must be a number of seconds from {low:g} to {high:g}",
        ):
            read_settings(settings)
    assert low > 5  # a visitor reading a slide is not "idle" after 5 s


def test_every_declared_option_is_on_the_command_line_as_declared() -> None:
    parser = build_parser(only="run")
    run = next(
        action.choices["run"]
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    by_name = {action.dest: action for action in run._actions}
    for name, declared in declarations().items():
        assert declared.flag is not None, name
        action = by_name[name]
        if declared.flag.startswith("-"):
            assert declared.flag in action.option_strings
        assert action.default is None  # untyped: settings.toml and the pack may decide
        assert declared.help in (action.help or "")
        if declared.setting is not None:
            assert f"[settings.toml: {declared.setting}]" in (action.help or "")


def test_the_command_line_and_settings_read_the_same_values(tmp_path: Path) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text(
        'pack = "2024"\nmode = "touch"\nlock = true\nscreen = 1\nidle_seconds = 45\n'
        'language = "es"\nhigh_contrast = true\nlarge_text = true\nreduced_motion = true\n'
    )
    from_file = read_settings(settings)
    typed = run_arguments(
        "2024",
        "--mode",
        "touch",
        "--lock",
        "--screen",
        "1",
        "--idle-seconds",
        "45",
        "--lang",
        "es",
        "--high-contrast",
        "--large-text",
        "--reduced-motion",
    )
    assert {name: typed[name] for name in from_file} == from_file
    assert from_file["mode"] is Mode.TOUCH
    # A bundled pack's name means that pack, here as on the command line.
    assert from_file["pack"] == declarations()["pack"].kind.parse("2024")
    assert (from_file["pack"] / "pack.yaml").is_file()


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('mode = "tuoch"\n', 'mode must be "event" or "touch"'),
        ("lokc = true\n", "unknown setting 'lokc'"),
        ('lock = "yes"\n', "lock must be true or false, not 'yes'"),
        ("screen = -1\n", "screen must be a monitor number from 0 to 63"),
        ("idle_seconds = true\n", "idle_seconds must be a number of seconds"),
        ('language = "español"\n', "language must be a language code such as es"),
        ("lock = \n", "settings.toml"),
        ('windowed = "640x360"\n', "unknown setting 'windowed'"),  # the command line's only
    ],
)
def test_a_wrong_setting_names_the_file_and_the_key(
    tmp_path: Path, text: str, complaint: str
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(SettingsError, match=re.escape(complaint)) as caught:
        read_settings(path)
    assert str(caught.value).startswith(str(path))


def test_command_line_beats_settings_beats_pack_beats_built_in(touch_pack: Pack) -> None:
    # Nothing chosen: the pack's own values (mode, language, idle time).
    resolved, warnings = choose(run_arguments(), {}).for_pack(touch_pack)
    assert (resolved.mode, resolved.language, resolved.idle_seconds) == (Mode.TOUCH, "es", 45)
    assert warnings == []
    # What the pack has no value for: the built-in default.
    assert (resolved.lock, resolved.screen, resolved.watchdog_seconds) == (False, None, 30)
    # settings.toml beats the pack.
    settings = {"mode": Mode.EVENT, "language": "en", "idle_seconds": 20.0, "lock": True}
    resolved, _ = choose(run_arguments(), settings).for_pack(touch_pack)
    assert (resolved.mode, resolved.language, resolved.idle_seconds) == (Mode.EVENT, "en", 20)
    assert resolved.lock
    # The command line beats settings.toml, switches included.
    typed = run_arguments("--mode", "touch", "--idle-seconds", "90", "--no-lock", "--lang", "es")
    resolved, _ = choose(typed, settings).for_pack(touch_pack)
    assert (resolved.mode, resolved.language, resolved.idle_seconds) == (Mode.TOUCH, "es", 90)
    assert not resolved.lock
    # Chosen "event" on a touch pack stays event: chosen, even though it is the default.
    resolved, _ = choose(run_arguments("--mode", "event"), {}).for_pack(touch_pack)
    assert resolved.mode is Mode.EVENT


def test_a_language_the_pack_lacks(touch_pack: Pack) -> None:
    with pytest.raises(OptionError, match="its languages are es, en"):
        choose(run_arguments("--lang", "fr"), {}).for_pack(touch_pack)
    # From settings.toml (shared by every pack the machine shows): a warning, the pack's.
    resolved, warnings = choose(run_arguments(), {"language": "fr"}).for_pack(touch_pack)
    assert resolved.language == "es"
    assert len(warnings) == 1
    assert "settings.toml: language = 'fr'" in warnings[0]


def test_options_built_directly_count_what_differs_from_the_default(touch_pack: Pack) -> None:
    resolved, _ = RunOptions(windowed=(640, 360)).for_pack(touch_pack)
    assert (resolved.mode, resolved.windowed) == (Mode.TOUCH, (640, 360))
    # Unless chosen, the idle time stays the pack's: a reloaded pack may change it.
    assert not resolved.chose("idle_seconds")
    assert RunOptions(idle_seconds=30).for_pack(touch_pack)[0].idle_seconds == 30


def test_the_first_frame_look_is_what_shows_as_chosen() -> None:
    look = choose(run_arguments("--windowed", "640x360", "--lock", "--idle-seconds", "20"), {})
    # The same names and values as before the options were declared (kept frames stay
    # valid); None where the pack's own value will show (its files are in the key).
    assert look.first_frame_look() == {
        "screen": None,
        "windowed": (640, 360),
        "language": None,
        "region": None,
        "mode": None,
        "high_contrast": False,
        "large_text": False,
    }
    chosen = choose(run_arguments("--mode", "touch"), {"language": "es"})
    assert chosen.first_frame_look()["mode"] == "touch"
    assert chosen.first_frame_look()["language"] == "es"


def test_command_line_gives_back_what_it_was_given() -> None:
    values = {"pack": Path("/packs/2025"), "mode": Mode.TOUCH, "lock": True, "idle_seconds": 45.0}
    words = command_line(values)
    assert words == ["/packs/2025", "--mode", "touch", "--lock", "--idle-seconds", "45.0"]
    parsed = run_arguments(*words)
    assert {name: parsed[name] for name in values} == values
    assert command_line({"lock": False}) == ["--no-lock"]


def test_install_autostart_takes_the_same_mode_and_lock() -> None:
    parser = argparse.ArgumentParser()
    add_arguments(parser, ("pack", "mode", "lock"), required=("pack",))
    assert vars(parser.parse_args(["2024", "--mode", "touch", "--lock"]))["mode"] is Mode.TOUCH
    with pytest.raises(SystemExit):
        parser.parse_args(["2024", "--mode", "party"])
    with pytest.raises(SystemExit):
        parser.parse_args([])  # the pack is required there


def test_the_readme_documents_every_setting() -> None:
    text = README.read_text("utf-8")
    section = text[text.index("**This machine's settings:**") :]
    section = section[: section.index("\n- **")]
    for declared in declarations().values():
        if declared.setting is not None:
            assert f"`{declared.setting}`" in section, declared.setting
    assert "command line > settings.toml > pack > built-in" in text

"""The loader on good and bad packs: every message names its line and says how to fix it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pictures import raster

from kiosk.pack.load import check_pack, load_pack
from kiosk.pack.model import PartialDate
from kiosk.pack.problems import PackError, Severity
from kiosk.slides.facts import FactsSlide
from kiosk.slides.timeline import TimelineSlide
from kiosk.slides.title import TitleSlide

# A real picture: the loader decodes every image it accepts.
PNG = raster(".png", (1, 1))

VALID = """\
title: Test pack
year: 2023
date: 2023-07-30
languages: [en, es]
default_language: en
slides:
  - type: title
    day: {en: World Day, es: Día mundial}
    date: {en: 30 July 2023, es: 30 de julio de 2023}
    theme: {en: Leave no one behind, es: No dejar a nadie atrás}
  - type: facts
    heading: {en: Facts, es: Datos}
    facts:
      - value: "−11 %"
        label: {en: victims detected, es: víctimas detectadas}
        source: {name: UNODC, url: "https://www.unodc.org"}
"""

Problems = list[tuple[int | None, str]]


def problems_of(folder: Path) -> list[str]:
    return [str(p) for p in check_pack(folder).problems]


def only_error(folder: Path) -> tuple[int | None, str, str]:
    report = check_pack(folder)
    assert report.pack is None
    assert len(report.errors) == 1, [str(p) for p in report.problems]
    error = report.errors[0]
    return error.line, error.key_path, error.message


def test_valid_pack_loads_into_model(write_pack: Callable[..., Path]) -> None:
    pack = load_pack(write_pack(VALID))
    assert pack.year == 2023
    assert pack.date == PartialDate(2023, 7, 30)
    assert pack.languages == ("en", "es")
    assert [s.kind for s in pack.slides] == ["title", "facts"]
    title, facts = pack.slides
    assert isinstance(title, TitleSlide)
    assert isinstance(facts, FactsSlide)
    assert pack.text(title.theme, "es") == "No dejar a nadie atrás"
    assert facts.facts[0].source.url == "https://www.unodc.org"
    assert title.origin.line == 7
    assert facts.origin.line == 11
    assert pack.timing.slide_seconds == 12  # a default, since the pack sets none


def test_pack_yaml_path_is_accepted_as_well_as_folder(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(VALID)
    assert load_pack(folder / "pack.yaml").year == 2023


# -- the folder and the file ------------------------------------------------------------


def test_missing_folder(tmp_path: Path) -> None:
    line, _, message = only_error(tmp_path / "nope")
    assert line is None
    assert "no such folder" in message


def test_folder_without_pack_yaml(tmp_path: Path) -> None:
    _, _, message = only_error(tmp_path)
    assert "no pack.yaml in this folder" in message


def test_empty_file(write_pack: Callable[..., Path]) -> None:
    _, _, message = only_error(write_pack("\n# only a comment\n"))
    assert "the file is empty" in message


def test_top_level_not_a_mapping(write_pack: Callable[..., Path]) -> None:
    line, _, message = only_error(write_pack("- just\n- a list\n"))
    assert line == 1
    assert "top level must be a mapping" in message


def test_yaml_syntax_error_names_the_line(write_pack: Callable[..., Path]) -> None:
    text = VALID.replace("    theme: {en: Leave", "    theme: : {en: Leave")
    line, _, message = only_error(write_pack(text))
    assert line == 10
    assert message.startswith("YAML syntax error")


def test_tab_indentation_gets_a_hint(write_pack: Callable[..., Path]) -> None:
    line, _, message = only_error(write_pack(VALID + "\tbad: 1\n"))
    assert line == 17
    assert "use spaces, not tabs" in message


def test_not_utf8_names_line_and_column(write_pack: Callable[..., Path]) -> None:
    data = VALID.replace("Día", "D\x00a").encode().replace(b"\x00", b"\xed")  # Latin-1 í
    line, _, message = only_error(write_pack(data))
    assert line == 8
    assert "not UTF-8" in message
    assert check_pack(write_pack(data)).errors[0].column == 31


def test_byte_order_mark_is_fine(write_pack: Callable[..., Path]) -> None:
    assert load_pack(write_pack(b"\xef\xbb\xbf" + VALID.encode())).year == 2023


# -- types, required fields, unknown keys ---------------------------------------------------


def test_wrong_type(write_pack: Callable[..., Path]) -> None:
    line, key, message = only_error(write_pack(VALID.replace("year: 2023", "year: twenty")))
    assert (line, key) == (2, "year")
    assert "expected a whole number, found 'twenty'" in message


def test_list_where_text_expected(write_pack: Callable[..., Path]) -> None:
    text = VALID.replace("heading: {en: Facts, es: Datos}", "heading: [Facts]")
    line, key, message = only_error(write_pack(text))
    assert (line, key) == (12, "slides[1].heading")
    assert "expected text" in message


def test_missing_required_field(write_pack: Callable[..., Path]) -> None:
    text = VALID.replace('        source: {name: UNODC, url: "https://www.unodc.org"}\n', "")
    line, key, message = only_error(write_pack(text))
    assert (line, key) == (14, "slides[1].facts[0]")
    assert "missing 'source' in the fact" in message


def test_unknown_key_suggests_the_nearest(write_pack: Callable[..., Path]) -> None:
    # 'title' is then missing too; the typo is reported on its own line with a suggestion
    report = check_pack(write_pack(VALID.replace("title: Test", "titel: Test")))
    messages = [p.message for p in report.errors]
    assert any("unknown key 'titel' in the pack — did you mean 'title'?" in m for m in messages)
    assert report.errors[0].line == 1


def test_every_problem_is_reported_in_one_run(write_pack: Callable[..., Path]) -> None:
    text = (
        VALID.replace("year: 2023", "year: x")
        .replace("day: {en:", "dya: {en:")
        .replace("https://www.unodc.org", "ftp://unodc.org")
    )
    report = check_pack(write_pack(text))
    lines = sorted({p.line for p in report.errors})
    assert lines == [2, 7, 8, 16]  # year, the slide missing 'day', the typo, the url


def test_unknown_language_in_text(write_pack: Callable[..., Path]) -> None:
    text = VALID.replace("{en: Facts, es: Datos}", "{en: Facts, se: Datos}")
    report = check_pack(write_pack(text))
    assert report.errors[0].line == 12
    assert (
        "'se' is not one of the pack's languages (en, es) — did you mean 'es'?"
        in report.errors[0].message
    )


def test_missing_translation_is_a_warning_with_fallback(write_pack: Callable[..., Path]) -> None:
    report = check_pack(write_pack(VALID.replace("{en: Facts, es: Datos}", "{en: Facts}")))
    assert report.pack is not None
    assert not report.errors
    (warning,) = [w for w in report.warnings if "translation" in w.message]
    assert warning.severity is Severity.WARNING
    assert warning.line == 12
    assert "no 'es' translation" in warning.message
    facts = report.pack.slides[1]
    assert isinstance(facts, FactsSlide)
    assert report.pack.text(facts.heading, "es") == "Facts"


def test_missing_default_language_text_is_an_error(write_pack: Callable[..., Path]) -> None:
    line, _, message = only_error(
        write_pack(VALID.replace("{en: Facts, es: Datos}", "{es: Datos}"))
    )
    assert line == 12
    assert "no 'en' text" in message


def test_default_language_must_be_declared(write_pack: Callable[..., Path]) -> None:
    line, key, message = only_error(
        write_pack(VALID.replace("default_language: en", "default_language: fr"))
    )
    assert (line, key) == (5, "default_language")
    assert "not one of the pack's languages" in message


def test_duplicate_keys_are_errors(write_pack: Callable[..., Path]) -> None:
    text = VALID.replace("year: 2023\n", "year: 2023\nyear: 2024\n")
    line, key, message = only_error(write_pack(text))
    assert (line, key) == (3, "year")
    assert "duplicate key 'year' (first set on line 2)" in message


def test_unknown_slide_kind(write_pack: Callable[..., Path]) -> None:
    line, key, message = only_error(write_pack(VALID.replace("type: facts", "type: fact")))
    assert (line, key) == (11, "slides[1].type")
    assert "unknown slide type 'fact' — did you mean 'facts'?" in message


def test_slide_without_type(write_pack: Callable[..., Path]) -> None:
    line, _, message = only_error(
        write_pack(VALID.replace("  - type: facts\n    heading", "  - heading"))
    )
    assert line == 11
    assert "has no 'type'" in message


def test_pack_with_no_slides(write_pack: Callable[..., Path]) -> None:
    text = VALID.split("slides:")[0] + "slides: []\n"
    line, key, message = only_error(write_pack(text))
    assert (line, key) == (6, "slides")
    assert "the pack has no slides" in message


def test_too_many_items_for_one_slide(write_pack: Callable[..., Path]) -> None:
    fact = VALID.split("    facts:\n")[1]
    text = VALID + fact * 4
    line, key, message = only_error(write_pack(text))
    assert (line, key) == (14, "slides[1].facts")
    assert "at most 4 fit on one slide" in message


# -- images ------------------------------------------------------------------------------

LOGO = VALID.replace("theme: {en: Leave", "logo: {logo}\n    theme: {en: Leave")


@pytest.mark.parametrize(
    ("logo", "expected"),
    [
        ("images/missing.png", "does not exist in the pack folder"),
        ("/etc/passwd", "is an absolute path"),
        ("../outside.png", "climbs out with '..'"),
        ("images/notes.png", "is not a valid image"),
        ("images/notes.txt", "is not an image"),
        ("images", "is not an image"),
        ("images/folder.png", "is a folder, not an image file"),
    ],
)
def test_bad_image_paths(write_pack: Callable[..., Path], logo: str, expected: str) -> None:
    folder = write_pack(
        LOGO.replace("{logo}", logo),
        images={"images/notes.png": b"hello", "images/notes.txt": b"x", "images/folder.png/x": b""},
    )
    (folder.parent / "outside.png").write_bytes(PNG)
    line, key, message = only_error(folder)
    assert (line, key) == (10, "slides[0].logo")
    assert expected in message


def test_symlink_leaving_the_pack_is_refused(
    write_pack: Callable[..., Path], tmp_path: Path
) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(PNG)
    folder = write_pack(LOGO.replace("{logo}", "images/logo.png"))
    os.symlink(outside, folder / "images" / "logo.png")
    _, _, message = only_error(folder)
    assert "points outside the pack folder" in message


def test_good_image_resolves_inside_pack(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(LOGO.replace("{logo}", "images/logo.png"), images={"images/logo.png": PNG})
    title = load_pack(folder).slides[0]
    assert isinstance(title, TitleSlide)
    assert title.logo == (folder / "images" / "logo.png").resolve()


# -- QR targets and sources ------------------------------------------------------------

RESOURCES = (
    VALID
    + """\
  - type: resources
    heading: {en: Help, es: Ayuda}
    resources:
      - name: Hotline
        description: {en: Call us, es: Llámanos}
        url: "{url}"
"""
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "javascript:alert(1)",
            "may open only https, http, tel, sms, mailto addresses, not 'javascript'",
        ),
        ("file:///etc/passwd", "not 'file'"),
        ("www.example.org", "not 'www.example.org'"),
        ("tel:call-us", "has no phone number"),
        ("mailto:nobody", "has no e-mail address"),
        ("https://example.org/" + "a" * 300, "too dense to scan"),
    ],
)
def test_bad_qr_targets(write_pack: Callable[..., Path], url: str, expected: str) -> None:
    line, key, message = only_error(write_pack(RESOURCES.replace("{url}", url)))
    assert (line, key) == (22, "slides[2].resources[0].url")
    assert expected in message


@pytest.mark.parametrize(
    "url",
    [
        "https://humantraffickinghotline.org",
        "tel:+18883737888",
        "sms:233733",
        "mailto:help@example.org",
    ],
)
def test_good_qr_targets(write_pack: Callable[..., Path], url: str) -> None:
    assert load_pack(write_pack(RESOURCES.replace("{url}", url))).slides[2]


def test_source_url_must_be_web(write_pack: Callable[..., Path]) -> None:
    line, key, message = only_error(write_pack(VALID.replace("https://www.unodc.org", "tel:12345")))
    assert (line, key) == (16, "slides[1].facts[0].source.url")
    assert "is not a web address" in message


# -- timeline -------------------------------------------------------------------------------

TIMELINE = (
    VALID
    + """\
  - type: timeline
    heading: {en: History, es: Historia}
    events:
      - {date: 2000-10-28, title: TVPA, source: {name: US, url: "https://example.org"}}
      - {date: "2003", title: Data, source: {name: UN, url: "https://example.org"}}
      - {date: 2010-07, title: Plan, source: {name: UN, url: "https://example.org"}}
"""
)


def test_timeline_dates_are_partial_and_ordered(write_pack: Callable[..., Path]) -> None:
    timeline = load_pack(write_pack(TIMELINE)).slides[2]
    assert isinstance(timeline, TimelineSlide)
    assert [e.date for e in timeline.events] == [
        PartialDate(2000, 10, 28),
        PartialDate(2003),
        PartialDate(2010, 7),
    ]
    assert timeline.events[0].date.display("en") == "Oct 28, 2000"
    assert timeline.events[2].date.display("es") == "jul 2010"


def test_timeline_out_of_order(write_pack: Callable[..., Path]) -> None:
    line, key, message = only_error(
        write_pack(TIMELINE.replace("2010-07", "2001-07").replace('"2003"', '"2010"'))
    )
    assert (line, key) == (22, "slides[2].events[2].date")
    assert "oldest first: 2001-07 comes after 2010" in message


def test_impossible_date(write_pack: Callable[..., Path]) -> None:
    line, _, message = only_error(write_pack(TIMELINE.replace("2000-10-28", "2000-02-30")))
    assert line == 20
    assert "not a real date" in message


# -- unsafe and explosive YAML ------------------------------------------------------------


def test_python_object_tags_are_refused(write_pack: Callable[..., Path]) -> None:
    text = VALID.replace("title: Test pack", "title: !!python/object/apply:os.system [echo hi]")
    line, _, message = only_error(write_pack(text))
    assert line == 1
    assert "the YAML tag '!!python/object/apply:os.system' is not allowed" in message


def test_custom_tags_are_refused(write_pack: Callable[..., Path]) -> None:
    _, _, message = only_error(write_pack(VALID.replace("year: 2023", "year: !include x.yaml")))
    assert "the YAML tag '!include' is not allowed" in message


def test_billion_laughs_fails_fast(write_pack: Callable[..., Path]) -> None:
    bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    folder = write_pack(VALID + "\n".join("x" + line for line in bomb) + "\n")
    started = time.perf_counter()
    report = check_pack(folder)
    assert time.perf_counter() - started < 5  # generous: the point is "not forever"
    assert report.pack is None
    assert any("anchors and aliases" in p.message and "expand" in p.message for p in report.errors)


def test_recursive_alias_is_refused(write_pack: Callable[..., Path]) -> None:
    report = check_pack(write_pack(VALID + "loop: &loop [*loop]\n"))
    assert report.pack is None
    assert any("refers to its own anchor" in p.message for p in report.errors)


def test_honest_aliases_work(write_pack: Callable[..., Path]) -> None:
    text = VALID.replace(
        'source: {name: UNODC, url: "https://www.unodc.org"}',
        'source: &unodc {name: UNODC, url: "https://www.unodc.org"}',
    )
    text += """\
      - value: "41 %"
        label: {en: came forward, es: se presentaron}
        source: *unodc
"""
    facts = load_pack(write_pack(text)).slides[1]
    assert isinstance(facts, FactsSlide)
    assert facts.facts[1].source.name.get("en", "en") == "UNODC"


def test_deep_nesting_is_refused(write_pack: Callable[..., Path]) -> None:
    report = check_pack(write_pack(VALID + "deep: " + "[" * 200 + "]" * 200 + "\n"))
    assert report.pack is None
    assert any("nested" in p.message for p in report.errors)


def test_load_pack_raises_with_every_problem(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(VALID.replace("year: 2023", "year: x").replace("type: facts", "type: fax"))
    with pytest.raises(PackError) as caught:
        load_pack(folder)
    assert len(caught.value.problems) == 2
    assert "pack.yaml:2:7: error: year:" in str(caught.value)


def test_text_over_its_limit_warns(write_pack: Callable[..., Path]) -> None:
    long_label = "word " * 40
    report = check_pack(write_pack(VALID.replace("victims detected, es", f"{long_label}, es")))
    assert report.pack is not None
    (warning,) = [w for w in report.warnings if w.key_path == "slides[1].facts[0].label"]
    assert "shrinks too small to read from two metres" in warning.message


def test_empty_translation_is_an_error(write_pack: Callable[..., Path]) -> None:
    line, key, message = only_error(
        write_pack(VALID.replace("{en: Facts, es: Datos}", '{en: Facts, es: ""}'))
    )
    assert (line, key) == (12, "slides[1].heading.es")
    assert "the 'es' text is empty" in message


def test_control_characters_name_their_line(write_pack: Callable[..., Path]) -> None:
    line, _, message = only_error(write_pack(VALID.replace("Test pack", "Test\x00pack")))
    assert line == 1
    assert "control character (#x0000)" in message


def test_the_version_follows_what_is_shown_not_what_else_is_in_the_folder(
    pack_copy: Callable[[str], Path],
) -> None:
    folder = pack_copy("2023")
    before = load_pack(folder).version
    assert len(before) == 12
    (folder / "notes.txt").write_text("not part of the pack")
    assert load_pack(folder).version == before
    logo = next((folder / "images").iterdir())
    logo.write_bytes(logo.read_bytes() + b"\n")  # an image the pack names changed
    assert load_pack(folder).version != before


def test_reading_a_pack_imports_only_the_slide_kinds_it_uses(
    write_pack: Callable[..., Path],
) -> None:
    # In a process of its own: this one has imported every kind already.
    probe = (
        "import sys; from pathlib import Path; from kiosk.pack.load import load_pack; "
        "load_pack(Path(sys.argv[1])); "
        "print(sorted(m for m in sys.modules if m.startswith('kiosk.slides.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(write_pack(VALID))],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == "['kiosk.slides.facts', 'kiosk.slides.title']"


def test_a_slide_of_no_kind_names_every_kind(write_pack: Callable[..., Path]) -> None:
    folder = write_pack(VALID.replace("type: facts", "type: fcts"))
    [error] = [p for p in check_pack(folder).problems if p.severity is Severity.ERROR]
    assert error.message == "unknown slide type 'fcts' — did you mean 'facts'?"
    folder = write_pack(VALID.replace("type: facts", "type: zzz"))
    [error] = [p for p in check_pack(folder).problems if p.severity is Severity.ERROR]
    assert error.message == (
        "unknown slide type 'zzz' (valid: call, facts, failures, image, points, resources, "
        "text, timeline, title)"
    )

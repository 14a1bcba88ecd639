"""Property: whatever a pack folder holds, the loader answers with a report.

Arbitrary bytes, arbitrary text, and structure-aware mutations of the bundled packs
(values of any type in any place, keys lost or renamed, lists cut or doubled, text
edits, damaged or odd pictures and picture paths) all end in a ``PackReport``: a
pack with no errors, or no pack and at least one error. No other exception, and
every message is short and names its file.

The example count is kept small for CI (tests/conftest.py); for a long hunt run
``pytest tests/test_pack_property.py --hypothesis-profile long``.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from pictures import bomb_png, raster, svg

from kiosk.pack.load import PackReport, check_pack
from kiosk.pack.problems import listing
from kiosk.paths import content_dir

BUNDLED = {
    year: (content_dir() / year / "pack.yaml").read_text("utf-8")
    for year in ("2023", "2024", "2025")
}
LOGO = (content_dir() / "2023" / "images" / "logo.png").read_bytes()

# Characters and fragments that have broken parsers before: YAML syntax, invisible
# and direction characters, NUL, surrogate-free astral characters, huge numbers.
ODD_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\u200b",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\t",
        "\r\n",
        "\u2028",
        "é",
        "😀",
        ":",
        "- ",
        "[",
        "{",
        "&a",
        "*a",
        "!!python/object",
        "<<: *a",
        "---",
        "...",
        "#",
        "%YAML",
        "1" * 5001,
        "1e999",
        "-.inf",
        ".nan",
        "0x" + "f" * 400,
        "2023-02-30",
        "1:2:3",
        "~",
        "images/logo.svg",
        "../outside.png",
        "/etc/passwd",
        "images",
        "images/\x00.png",
        "images/" + "a" * 300 + ".png",
        "https://example.org/\u202e",
        "tel:",
        "mailto:",
        "javascript:alert(1)",
        "#zzzzzz",
        "fa6s.nothing",
        "x" * 3000,
    ]
)


class Plain(str):
    """Text written into the YAML as it is, unquoted: a number YAML reads as one."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    Plain, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:int", str(text))
)
# Numbers as YAML reads them, where Python's own would be refused or odd.
ODD_NUMBERS = st.sampled_from(
    [
        Plain("1" * 5001),
        Plain("-" + "9" * 4000),
        Plain("0x" + "f" * 500),
        Plain("1:2:3"),
        Plain("0o777"),
        Plain("+1_000"),
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=40),
    ODD_TEXT,
    ODD_NUMBERS,
    st.dates(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=12), ODD_TEXT), inner, max_size=5),
    ),
    max_leaves=12,
)
PICTURES = st.one_of(
    st.just(LOGO),
    st.binary(max_size=300),
    st.sampled_from(
        [
            raster(".png"),
            raster(".png")[:-30],
            raster(".jpg"),
            raster(".webp"),
            raster(".gif"),
            svg(),
            svg('<image href="../../x.png"/>'),
            svg(width=0),
            b"<svg",
            LOGO[:100],
            bomb_png(9000, 9000),
            b"<!DOCTYPE svg [<!ENTITY a 'a'>]><svg>&a;</svg>",
        ]
    ),
)


def places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a YAML document's data, as a path of keys and indexes."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, (*path, index))
    return found


def name_of(path: tuple[Any, ...]) -> str:
    return path[-1] if isinstance(path[-1], str) else "[]"


@st.composite
def mutated_data(draw: st.DrawFn) -> str:
    """A bundled pack with a few structural edits, written back as YAML."""
    data = copy.deepcopy(yaml.safe_load(BUNDLED[draw(st.sampled_from(sorted(BUNDLED)))]))
    for _ in range(draw(st.integers(1, 4))):
        spots = places(data)[1:]
        # A key first, then one of its places: a field written once (year, logo) is
        # edited as often as one written a hundred times (en, name).
        name = draw(st.sampled_from(sorted({name_of(p) for p in spots})))
        path = draw(st.sampled_from([p for p in spots if name_of(p) == name]))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        edit = draw(st.sampled_from(["replace", "delete", "rename", "double", "cut"]))
        if edit == "replace":
            parent[last] = draw(VALUES)
        elif edit == "delete":
            del parent[last]
        elif edit == "rename" and isinstance(parent, dict):
            parent[draw(st.one_of(st.text(max_size=12), ODD_TEXT))] = parent.pop(last)
        elif edit == "double" and isinstance(parent[last], list):
            parent[last] = parent[last] * draw(st.integers(2, 20))
        elif edit == "cut" and isinstance(parent[last], list):
            parent[last] = parent[last][: draw(st.integers(0, 3))]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


@st.composite
def edited_text(draw: st.DrawFn) -> str:
    """A bundled pack.yaml with text edits, as a hurried editor makes them."""
    text = BUNDLED[draw(st.sampled_from(sorted(BUNDLED)))]
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["insert", "delete", "cut", "line"]))
        if edit == "insert":
            text = text[:at] + draw(st.one_of(ODD_TEXT, st.text(max_size=20))) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)) :]
        elif edit == "cut":
            text = text[:at]
        else:
            lines = text.splitlines(keepends=True) or [""]
            index = draw(st.integers(0, len(lines) - 1))
            text = "".join(
                lines[:index] + [lines[index]] * draw(st.integers(0, 3)) + lines[index + 1 :]
            )
    return text


def check_folder(pack_yaml: bytes, picture: bytes = LOGO) -> PackReport:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pack"
        (folder / "images").mkdir(parents=True)
        (folder / "pack.yaml").write_bytes(pack_yaml)
        (folder / "images" / "logo.png").write_bytes(picture)
        report = check_pack(folder)
    assert_is_an_answer(report)
    return report


def assert_is_an_answer(report: PackReport) -> None:
    if report.pack is None:
        assert report.error_count > 0
    else:
        assert report.error_count == 0
    for problem in report.problems:
        text = str(problem)
        assert text.startswith(str(problem.file))
        assert problem.message
        assert len(text) < 1500, text  # values are quoted short
    assert len(listing(report.problems, report.unlisted_errors, report.unlisted_warnings)) <= 401


@given(st.binary(max_size=4000))
def test_any_bytes_give_a_report(data: bytes) -> None:
    check_folder(data)


@given(st.text(max_size=2000))
def test_any_text_gives_a_report(text: str) -> None:
    check_folder(text.encode("utf-8", "surrogatepass"))


# Regressions found before, kept as examples the property is always tried on.
@example(BUNDLED["2023"].replace("year: 2023", "year: " + "1" * 5001), LOGO)
@example(BUNDLED["2023"].replace("logo: images/logo.png", 'logo: "images/\\0.png"'), LOGO)
@example(BUNDLED["2023"], bomb_png(20_000, 20_000))
@given(mutated_data(), PICTURES)
def test_structural_mutations_of_the_bundled_packs_give_a_report(text: str, picture: bytes) -> None:
    check_folder(text.encode("utf-8", "surrogatepass"), picture)


@given(edited_text())
def test_text_edits_of_the_bundled_packs_give_a_report(text: str) -> None:
    check_folder(text.encode("utf-8", "surrogatepass"))


def test_the_unedited_packs_load() -> None:
    for text in BUNDLED.values():
        assert check_folder(text.encode()).pack is not None

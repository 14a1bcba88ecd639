"""Each field kind gives the same verdict in ``kiosk validate`` and in the JSON Schema.

For every kind of value a pack.yaml field can hold, hypothesis generates values,
good and bad, as an editor would hold them (JSON values). Each is written into a
YAML document, read by the kind exactly as ``kiosk validate`` reads it, and
checked against the kind's own JSON Schema (with the pack's definitions, for
sections and lists). The two must agree: an editor's squiggle and the validator's
message appear for the same values.

What only a whole pack can tell is left out on purpose: whether a text's
languages are the pack's (texts here are in the pack's languages, English always
among them), whether a picture's file exists and decodes (a file is written for
every path the pattern accepts) and the order of a timeline's dates.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pictures import raster

from kiosk.options import Mode
from kiosk.pack import fields
from kiosk.pack.fields import NO_VALUE, FieldKind
from kiosk.pack.json_schema import definitions
from kiosk.pack.model import Source
from kiosk.pack.problems import ProblemLog
from kiosk.pack.reader import Reader
from kiosk.pack.yamlsafe import compose
from kiosk.slides.facts import Fact

LANGUAGES = ("en", "es")

# -- JSON values as YAML ------------------------------------------------------------


def as_yaml(value: Any) -> str:
    """``value`` written so that YAML 1.1 (the loader) reads exactly the JSON value."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        # PyYAML's floats need a point and a signed exponent: 1e20 would be text.
        return format(value, ".17e")
    if isinstance(value, int):
        return json.dumps(value)
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, list):
        return "[" + ", ".join(as_yaml(v) for v in value) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{quoted(k)}: {as_yaml(v)}" for k, v in value.items()) + "}"


def quoted(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``: what YAML may not hold
    raw is written as an escape (JSON's surrogate pairs are not YAML's)."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or code > 0xFFFD:
            out.append(f"\\U{code:08x}" if code > 0xFFFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def verdicts(kind: FieldKind, value: Any, folder: Path) -> tuple[bool, bool]:
    """(validate accepts it, the JSON Schema accepts it)."""
    root, issues = compose(f"value: {as_yaml(value)}\n")
    assert not issues
    assert root is not None
    node = root.value[0][1]  # type: ignore[union-attr]
    reader = Reader(folder / "pack.yaml", folder, folder.resolve(), ProblemLog())
    reader.languages, reader.default_language = LANGUAGES, LANGUAGES[0]
    validated = kind.read(node, reader, "value") is not NO_VALUE and reader.error_count == 0
    schema = {"$defs": definitions(), **kind.schema()}
    checker = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return validated, checker.is_valid(value)


# -- values, kind by kind ---------------------------------------------------------------

anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=12),
)
tricky = st.sampled_from(
    ["", " ", "  x ", "\u200b", "a\u200bb", "\u202e", "é", "\t", "x:y", "#", "-", ".."]
)
words = st.one_of(anything, tricky)


def texts() -> st.SearchStrategy[Any]:
    one = st.one_of(words, st.text(alphabet=string.printable, max_size=30))
    by_language = st.fixed_dictionaries(
        {"en": one}, optional={"es": one, "EN": one, "e": one, "1": one}
    )
    return st.one_of(one, by_language, st.lists(one, max_size=2), st.just({}))


def numbers() -> st.SearchStrategy[Any]:
    return st.one_of(
        anything,
        st.integers(-10, 4000),
        st.floats(-10, 4000, allow_nan=False),
        st.sampled_from([0, 2, 600, 601, 2000, 2100, 2101, 3000, 3600, 2.0, 600.5, 1e20]),
        st.integers(10**30, 10**40),
    )


def addresses() -> st.SearchStrategy[Any]:
    schemes = st.sampled_from(
        ["https", "http", "HTTPS", "Http", "tel", "TEL", "sms", "mailto", "javascript", "ftp", ""]
    )
    separators = st.sampled_from(["://", ":", ":/", ":///", "//"])
    hosts = st.one_of(
        st.sampled_from(["example.org", "www.unodc.org", "a", "[::1]", "ex ample.org", "é.org"]),
        st.text(alphabet=string.ascii_letters + string.digits + ".-_~%@:?#/[] ", max_size=12),
    )
    numbers_ = st.sampled_from(["+18883737888", "233733", "1-888 (373) 7888", "12", "+", "x12"])
    rests = st.one_of(
        st.just(""),
        st.text(alphabet=string.printable + "é\u200b\u202e", max_size=15),
        st.sampled_from(["/path", "?body=hi", ";ext=1", "/a b", "#top", "@x.org"]),
    )
    built = st.builds(lambda s, sep, h, r: f"{s}{sep}{h}{r}", schemes, separators, hosts, rests)
    phones = st.builds(lambda s, n, r: f"{s}:{n}{r}", schemes, numbers_, rests)
    mails = st.builds(
        lambda local, domain, r: f"mailto:{local}{domain}{r}",
        st.sampled_from(["help", "", "a?b", "a b"]),
        st.sampled_from(["@example.org", "", "@", "example.org"]),
        st.sampled_from(["", "?subject=x", "?a@b"]),
    )
    long = st.builds(lambda n: "https://example.org/" + "a" * n, st.integers(150, 260))
    return st.one_of(words, built, phones, mails, long)


def image_paths() -> st.SearchStrategy[Any]:
    stems = st.one_of(
        st.sampled_from(
            [
                "images/logo",
                "logo",
                "images/sub/logo",
                "/logo",
                "C:/logo",
                "../logo",
                "images/../logo",
                "im\\logo",
                "a..b/logo",
                "images/\u200blogo",
                "é/logo",
                "",
                " images/logo",
            ]
        ),
        st.text(alphabet=string.ascii_letters + "/._- é\u200b", max_size=10),
    )
    suffixes = st.sampled_from(
        [".png", ".PNG", ".jpg", ".Jpeg", ".svg", ".webp", ".gif", ".bmp", ".png ", "", ".txt"]
    )
    return st.one_of(words, st.builds(str.__add__, stems, suffixes))


def dates() -> st.SearchStrategy[Any]:
    parts = st.builds(
        lambda y, m, d, form: [f"{y:04d}", f"{y:04d}-{m:02d}", f"{y:04d}-{m:02d}-{d:02d}"][form],
        st.integers(0, 10000),
        st.integers(0, 13),
        st.integers(0, 32),
        st.integers(0, 2),
    )
    return st.one_of(
        numbers(),
        parts,
        words,
        st.sampled_from(["2000-02-29", "1900-02-29", "2023-7-30", "2023-07-30T10:00"]),
    )


def data_years() -> st.SearchStrategy[Any]:
    years = st.integers(999, 10000)
    joined = st.builds(
        lambda a, sep, b: f"{a}{sep}{b}",
        years,
        st.sampled_from(["-", "–", " - ", " vs ", "vs", " to ", "/"]),
        years,
    )
    return st.one_of(numbers(), dates(), joined, words)


def regions() -> st.SearchStrategy[Any]:
    codes = st.one_of(
        st.sampled_from(["US", "GB", "ES", "MX", "CA", "EU", "UK", "us", "ZZ", "XK", "USA", ""]),
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZab", min_size=1, max_size=3),
    )
    return st.one_of(codes, st.lists(codes, max_size=4), words)


def colours() -> st.SearchStrategy[Any]:
    hex_like = st.text(alphabet="0123456789abcdefABCDEFgxz#", min_size=5, max_size=8)
    return st.one_of(words, st.builds(lambda s: "#" + s, hex_like), hex_like)


def languages() -> st.SearchStrategy[Any]:
    codes = st.one_of(
        st.sampled_from(["en", "es", "fra", "en-GB", "EN", "e", "english", "en_GB", "pt-br"]),
        words,
    )
    return st.one_of(words, st.lists(codes, max_size=4))


def icons() -> st.SearchStrategy[Any]:
    return st.one_of(
        words,
        st.sampled_from(
            [
                "fa6s.hand-holding-heart",
                "fa6b.github",
                "fa6.heart",
                "fa6s.nope",
                "mdi6.heart",
                "hand-holding-heart",
                "fa6s.",
            ]
        ),
    )


def sources() -> st.SearchStrategy[Any]:
    return st.one_of(
        words,
        st.fixed_dictionaries(
            {},
            optional={"name": texts(), "url": addresses(), "extra": words},
        ),
    )


def facts() -> st.SearchStrategy[Any]:
    fact = st.fixed_dictionaries(
        {}, optional={"value": texts(), "label": texts(), "source": sources(), "note": words}
    )
    return st.one_of(words, st.lists(fact, max_size=5))


def slides() -> st.SearchStrategy[Any]:
    slide = st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["title", "facts", "timeline", "nope", 3]),
            "heading": texts(),
            "day": texts(),
            "date": texts(),
            "theme": texts(),
            "duration": numbers(),
            "facts": facts(),
        },
    )
    return st.one_of(words, st.lists(slide, max_size=3))


def clock_times() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 25), st.integers(0, 61)),
        st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 25), st.integers(0, 61)),
        st.sampled_from(["24:00", "24:01", "9", "9:0", "09:00:00", "9h", "noon", ""]),
    )


def moments() -> st.SearchStrategy[Any]:
    days = st.builds(
        lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}",
        st.sampled_from([1999, 2000, 2024, 2025, 2026, 2100, 2400, 1600, 1900, 999, 0]),
        st.integers(0, 13),
        st.integers(0, 32),
    )
    joined = st.builds(
        lambda day, sep, time: f"{day}{sep}{time}",
        days,
        st.sampled_from([" ", "T", "  ", "t", ""]),
        clock_times(),
    )
    return st.one_of(days, joined, dates(), words)


def hours() -> st.SearchStrategy[Any]:
    spans = st.builds(
        lambda a, sep, b: f"{a}{sep}{b}",
        clock_times(),
        st.sampled_from(["-", "–", " - ", "to", "--", " -"]),
        clock_times(),
    )
    one = st.one_of(spans, st.sampled_from(["closed", "Closed", "09:00-18:00"]), words)
    return st.one_of(one, st.lists(one, max_size=7))


def weekdays() -> st.SearchStrategy[Any]:
    day = st.one_of(
        st.sampled_from(
            ["monday", "tuesday", "sunday", "saturday", "Monday", "mon", "sat", "weekend"]
        ),
        words,
    )
    return st.one_of(day, st.lists(day, max_size=8))


def folder_paths() -> st.SearchStrategy[Any]:
    return st.one_of(
        words,
        st.sampled_from(["2026", "packs/2026", "../general", "/srv/packs/x", " 2026", "\u00a0"]),
        st.text(alphabet=string.printable + "é\u200b\u00a0", max_size=12),
    )


KINDS: dict[type[FieldKind], tuple[FieldKind, Callable[[], st.SearchStrategy[Any]]]] = {
    fields.Text: (fields.Text(max_chars=20), texts),
    fields.PlainText: (fields.PlainText(max_chars=20), texts),
    fields.Number: (fields.Number(2, 600), numbers),
    fields.Integer: (fields.Integer(2000, 2100), numbers),
    fields.WebAddress: (fields.WebAddress(), addresses),
    fields.QrTarget: (fields.QrTarget(), addresses),
    fields.ImagePath: (fields.ImagePath(), image_paths),
    fields.Colour: (fields.Colour(), colours),
    fields.Language: (fields.Language(), languages),
    fields.Languages: (fields.Languages(), languages),
    fields.Icon: (fields.Icon(), icons),
    fields.Date: (fields.Date(), dates),
    fields.DataYears: (fields.DataYears(), data_years),
    fields.Regions: (fields.Regions(), regions),
    fields.Choice: (fields.Choice(Mode), lambda: st.one_of(words, st.sampled_from(list(Mode)))),
    fields.Section: (fields.Section(Source), sources),
    fields.ListOf: (fields.ListOf(Fact, 1, 4), facts),
    fields.Slides: (fields.Slides(), slides),
    fields.DateTime: (fields.DateTime(), moments),
    fields.Hours: (fields.Hours(closed_allowed=True), hours),
    fields.Weekdays: (fields.Weekdays(), weekdays),
    fields.FolderPath: (fields.FolderPath(), folder_paths),
}


def every_kind() -> set[type[FieldKind]]:
    found: set[type[FieldKind]] = set()
    todo = [FieldKind]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.add(sub)
            todo.append(sub)
    # The bases a kind is made from, not kinds a field is declared with.
    bases = {fields.PatternKind, fields.WordList}
    return {k for k in found if k.__module__ == fields.__name__ and k not in bases}


def test_every_field_kind_is_checked_here() -> None:
    assert every_kind() == set(KINDS)


@pytest.mark.parametrize("kind_class", list(KINDS), ids=lambda k: k.__name__)
def test_validate_and_the_json_schema_agree(
    kind_class: type[FieldKind], tmp_path_factory: pytest.TempPathFactory
) -> None:
    kind, values = KINDS[kind_class]
    folder = tmp_path_factory.mktemp(kind_class.__name__)

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
    @given(values())
    def agree(value: Any) -> None:
        if isinstance(kind, fields.ImagePath) and isinstance(value, str):
            _picture_for(value, kind, folder)
        validated, valid = verdicts(kind, value, folder)
        assert validated == valid, (
            f"{kind_class.__name__}: validate {'accepts' if validated else 'refuses'} "
            f"{value!r}, the JSON Schema {'accepts' if valid else 'refuses'} it"
        )

    agree()


def _picture_for(path: str, kind: fields.ImagePath, folder: Path) -> None:
    """Write a real picture where the pattern says one may be, so only the pattern is
    compared (the file's checks are the validator's alone)."""
    import re

    if re.fullmatch(kind.pattern, path) is None:
        return
    target = folder / path
    suffix = Path(path.lower()).suffix
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(_SVG if suffix == ".svg" else raster(suffix, (4, 4)))
    except OSError:
        assume(False)  # a name this file system cannot hold: not a question of syntax


_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
    b'<rect width="4" height="4"/></svg>'
)

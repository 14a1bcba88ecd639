"""The points slide, and failures as its preset: one model and one view, two names.

A failures slide must keep working exactly as before (the bundled packs use it);
a points slide with the same content must look exactly the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from slide_checks import bundled, venue_problems

from kiosk.export import render_slide
from kiosk.pack.json_schema import definitions
from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack
from kiosk.slides import kinds
from kiosk.slides.failures import FailurePoint, FailuresSlide
from kiosk.slides.failures.view import FailuresSlideView
from kiosk.slides.points import Point, PointsSlide
from kiosk.slides.points.view import PointsSlideView
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import view_class

HEAD = """\
title: Test pack
year: 2025
date: 2025-10-06
languages: [en, es]
default_language: en
slides:
"""


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


def points_yaml(kind: str, count: int, title: str = "", action: str = "") -> str:
    title = title or "Use a different password for each account"
    action = action or "A password manager remembers them for you."
    points = "".join(
        f"      - icon: fa6s.key\n"
        f"        title: {json.dumps({'en': title, 'es': title})}\n"
        f"        action: {json.dumps({'en': action, 'es': action})}\n"
        for _ in range(count)
    )
    return (
        f"  - type: {kind}\n"
        "    heading: {en: Stay safe online, es: Navega con seguridad}\n"
        "    intro: {en: Three habits that stop most scams, es: Tres hábitos}\n"
        f"    points:\n{points}"
    )


def pack_of(write_pack: Callable[..., Path], slides: str) -> Pack:
    report = check_pack(write_pack(HEAD + slides))
    assert report.pack is not None, [str(p) for p in report.problems]
    assert report.problems == []
    return report.pack


def test_failures_is_a_preset_of_points() -> None:
    assert issubclass(FailuresSlide, PointsSlide)
    assert issubclass(FailurePoint, Point)
    assert issubclass(FailuresSlideView, PointsSlideView)
    assert kinds()["failures"].shape.keys == kinds()["points"].shape.keys
    assert kinds()["failures"].items == kinds()["points"].items
    # Nothing of the view is copied: the preset's view class adds nothing but its model.
    # (__annotations__ appears in a class's dict once anything, a protocol check or a
    # type-hint lookup, has asked for it: it is empty here.)
    assert set(vars(FailuresSlideView)) - {"draws", "__module__", "__doc__"} <= {
        "__qualname__",
        "__firstlineno__",
        "__static_attributes__",
        "staticMetaObject",
        "__annotations__",
    }
    assert not vars(FailuresSlideView).get("__annotations__")


def test_a_points_slide_looks_exactly_like_a_failures_slide(
    write_pack: Callable[..., Path],
) -> None:
    pack = pack_of(write_pack, points_yaml("points", 3) + points_yaml("failures", 3))
    points, failures = pack.slides
    assert type(points) is PointsSlide
    assert type(failures) is FailuresSlide
    assert view_class(points) is PointsSlideView
    assert view_class(failures) is FailuresSlideView
    for size in (QSize(1920, 1080), QSize(1080, 1920)):
        for language in ("en", "es"):
            # qtawesome's first drawing of an icon at a new size differs from its later
            # ones by a few antialiased pixels: compare drawings made after a first one.
            render_slide(points, pack, language, size)
            assert render_slide(points, pack, language, size) == render_slide(
                failures, pack, language, size
            )


def test_the_bundled_failures_slides_read_as_before() -> None:
    for name in ("2023", "2024"):
        pack = bundled(name)
        (slide,) = [s for s in pack.slides if s.kind == "failures"]
        assert type(slide) is FailuresSlide
        assert all(type(point) is FailurePoint for point in slide.points)


def test_each_name_keeps_its_own_words(write_pack: Callable[..., Path]) -> None:
    report = check_pack(write_pack(HEAD + points_yaml("points", 5) + points_yaml("failures", 5)))
    first, second = report.errors
    # A list is found where its first item starts; each slide is 4 + 3 x 5 lines.
    assert (first.line, first.key_path) == (11, "slides[0].points")
    assert "has 5 points; at most 4 fit on one slide" in first.message
    assert (second.line, second.key_path) == (11 + 19, "slides[1].points")
    assert "has 5 failure points; at most 4 fit on one slide" in second.message
    defs = definitions()
    assert defs["points_slide"]["properties"]["points"]["items"] == {"$ref": "#/$defs/point"}
    assert defs["failures_slide"]["properties"]["points"]["items"] == {
        "$ref": "#/$defs/failure_point"
    }
    assert "preset of `points`" in defs["failures_slide"]["description"]


def test_points_at_their_limits_read_everywhere(write_pack: Callable[..., Path]) -> None:
    pack = pack_of(write_pack, points_yaml("points", 4))
    longest = pack_of(
        write_pack,
        points_yaml(
            "points",
            4,
            ("Failing to support survivors once they are free from traffickers " * 2)[:100],
            ("Train first responders to spot the signs and identify victims early " * 3)[:160],
        ),
    )
    for source in (pack, longest):
        assert venue_problems(source.slides[0], source) == []

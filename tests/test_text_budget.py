"""validate's per-slide text budget agrees with what the views can draw readably."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.pack import check_pack
from kiosk.pack.model import Pack
from kiosk.slides import kind_of, kinds
from kiosk.ui.slide_view import SlideContext, create_slide_view
from kiosk.ui.theme import UiTheme

HEAD = """\
title: Budget
year: 2023
date: 2023-07-30
languages: [en]
default_language: en
slides:
"""
WORDS = ["people", "support", "victims", "report", "community", "children", "labour"]


def words(length: int) -> str:
    out, index = "", 0
    while len(out) < length:
        out += ("" if not out else " ") + WORDS[index % len(WORDS)]
        index += 1
    return out[:length].rstrip()


def timeline(count: int, per_field: int) -> str:
    events = "".join(
        f"      - date: {2000 + i}\n"
        f'        title: "{words(per_field)}"\n'
        f'        detail: "{words(per_field)}"\n'
        f'        source: {{name: "{words(per_field)}", url: "https://example.org"}}\n'
        for i in range(count)
    )
    return f"  - type: timeline\n    heading: History\n    events:\n{events}"


def pack_with(write_pack: Callable[..., Path], slide: str) -> Pack:
    report = check_pack(write_pack(HEAD + slide))
    assert report.pack is not None, [str(p) for p in report.problems]
    return report.pack


def test_budgets_cover_every_item_count() -> None:
    assert kinds()["timeline"].budget[11] > 0
    assert len(kinds()["timeline"].budget) == 12
    assert len(kinds()["resources"].budget) == 6


def test_twelve_events_at_their_limits_warn(write_pack: Callable[..., Path]) -> None:
    report = check_pack(write_pack(HEAD + timeline(12, 88)))
    assert report.pack is not None  # a warning: the slide still shows
    (warning,) = [p for p in report.warnings if "characters of text" in p.message]
    assert warning.line == 7
    assert f"more than {kinds()['timeline'].budget[11]}" in warning.message
    assert "split the slide in two" in warning.message


def test_a_modest_timeline_does_not_warn(write_pack: Callable[..., Path]) -> None:
    assert check_pack(write_pack(HEAD + timeline(6, 40))).warnings == []


@pytest.mark.parametrize("size", [QSize(1280, 720), QSize(1080, 1920)], ids=str)
def test_a_slide_just_within_budget_is_drawn_readably(
    write_pack: Callable[..., Path], qtbot: QtBot, size: QSize
) -> None:
    budget = kinds()["timeline"].budget[11]
    per_field = budget // (12 * 3)  # title, detail and source name of 12 events
    pack = pack_with(write_pack, timeline(12, per_field))
    slide = pack.slides[0]
    assert budget * 0.95 <= kind_of(slide).text_chars(slide) <= budget
    view = create_slide_view(slide, SlideContext(pack, "en", UiTheme.from_pack(pack.theme)))
    qtbot.addWidget(view)
    view.resize(size)
    view.relayout(force=True)
    assert view.fit_metrics.readable

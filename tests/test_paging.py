"""A list slide too full for the screen is shown as pages, never smaller; validate
says how many pages each slide makes, drawn with the real views."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack
from kiosk.slides import kind_of
from kiosk.slides.paging import split_evenly
from kiosk.typeset import plain
from kiosk.ui.deck import Deck, view_of_page
from kiosk.ui.player import Player
from kiosk.ui.slide_view import SlideContext, create_slide_view
from kiosk.ui.theme import UiTheme

HEAD = """\
title: Pages
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


def pack_with(write_pack: Callable[..., Path], slides: str) -> Pack:
    report = check_pack(write_pack(HEAD + slides))
    assert report.pack is not None, [str(p) for p in report.problems]
    return report.pack


def deck(pack: Pack, size: QSize) -> Deck:
    context = SlideContext(pack, "en", UiTheme.from_pack(pack.theme))
    return Deck(context, size)


def test_items_are_shared_out_evenly() -> None:
    assert [len(run) for run in split_evenly(list(range(11)), 2)] == [6, 5]
    assert [len(run) for run in split_evenly(list(range(7)), 3)] == [3, 2, 2]
    assert split_evenly([1, 2, 3], 1) == [(1, 2, 3)]
    # Order is kept: the pages read on from each other.
    assert [x for run in split_evenly(list(range(10)), 4) for x in run] == list(range(10))


@pytest.mark.parametrize("size", [QSize(1280, 720), QSize(1080, 1920)], ids=str)
def test_twelve_long_events_become_pages_each_at_the_floors(
    write_pack: Callable[..., Path], qtbot: QtBot, size: QSize
) -> None:
    pack = pack_with(write_pack, timeline(12, 80))
    laid_out = deck(pack, size)
    count = laid_out.page_count(0)
    assert count > 1
    shares = []
    for number in range(1, count + 1):
        view = view_of_page(laid_out, 0, number, size)
        qtbot.addWidget(view)
        assert view.fit_metrics is not None
        assert view.fit_metrics.readable, f"page {number} drawn below the floors"
        assert view.page_label is not None
        assert plain(view.page_label.text()) == f"{number}/{count}"
        shares.append(len(kind_of(view.slide).items_of(view.slide)))
    assert sum(shares) == 12
    assert max(shares) - min(shares) <= 1
    # One page fewer would not do: the deck pages only as much as it must.
    fewer = split_evenly(kind_of(pack.slides[0]).items_of(pack.slides[0]), count - 1)
    assert len(fewer[0]) > max(shares)


def test_a_modest_timeline_is_one_page_without_a_mark(
    write_pack: Callable[..., Path], qtbot: QtBot
) -> None:
    pack = pack_with(write_pack, timeline(3, 20))
    laid_out = deck(pack, QSize(1920, 1080))
    assert laid_out.page_count(0) == 1
    view = view_of_page(laid_out, 0, 1, QSize(1920, 1080))
    qtbot.addWidget(view)
    assert view.page_label is None


def test_the_player_steps_through_pages_then_on(write_pack: Callable[..., Path]) -> None:
    pack = pack_with(
        write_pack,
        timeline(2, 10) + "  - type: title\n    day: Day\n    date: 30 July\n    theme: A theme\n",
    )
    player = Player(pack)
    player.set_page_counts(lambda index: 3 if index == 0 else 1)
    seen = [(player.index, player.page)]
    for _ in range(4):
        player.next()
        seen.append((player.index, player.page))
    assert seen == [(0, 0), (0, 1), (0, 2), (1, 0), (0, 0)]
    player.previous()  # back from the first page lands on the last page before
    assert (player.index, player.page) == (1, 0)
    player.previous()
    assert (player.index, player.page) == (0, 2)


def test_validate_reports_pages_on_both_screens(
    write_pack: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_pack(HEAD + timeline(12, 80) + timeline(2, 10))
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if ": timeline: " in line]
    assert len(lines) == 2
    many, few = lines
    assert "pack.yaml:7:" in many
    assert "1 page at 1920×1080; 1 page at 1080×1920" in few
    assert "1 page" not in many
    assert "pages at 1920×1080" in many
    assert "pages at 1080×1920" in many


def test_validate_warns_about_a_text_slide_too_long_to_read(
    write_pack: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    # Every field within its limits, but one word in the heading is wider than a
    # screen at the heading's floor: it can only be drawn smaller.
    long_heading = "Wortzusammensetzung" * 3
    slides = (
        f'  - type: text\n    heading: "{long_heading}"\n    paragraph: "{words(300)}"\n'
        "  - type: text\n    heading: Short\n    paragraph: A short paragraph reads well.\n"
    )
    folder = write_pack(HEAD + slides)
    assert main(["validate", str(folder)]) == 0
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert len(warnings) == 1, out
    assert "pack.yaml:7:" in warnings[0]
    assert "shorten its text" in warnings[0]
    assert "(0 errors, 1 warnings)" in out


@pytest.mark.parametrize("size", [QSize(1280, 720), QSize(1920, 1080), QSize(1080, 1920)], ids=str)
def test_figures_on_facts_slides_in_a_row_share_one_size(qtbot: QtBot, size: QSize) -> None:
    """The deck is fitted per kind: every figure on consecutive facts slides (and on
    every page of one) is drawn at one size, so none jumps from one slide to the next."""
    from slide_checks import bundled

    apart = 0  # how many runs would differ, each slide fitted on its own
    for name in ("2023", "2024", "2025"):
        pack = bundled(name)
        laid_out = deck(pack, size)
        kinds = [slide.kind for slide in pack.slides]
        runs = [i for i in range(len(kinds) - 1) if kinds[i] == kinds[i + 1] == "facts"]
        for first in runs:
            sizes, alone = set(), set()
            for index in (first, first + 1):
                for number in range(1, laid_out.page_count(index) + 1):
                    view = view_of_page(laid_out, index, number, size)
                    qtbot.addWidget(view)
                    sizes |= {label.font().pixelSize() for label in view.figures}  # type: ignore[attr-defined]
                    page, context = laid_out.page(index, number)
                    single = create_slide_view(page, context._replace(run=None))
                    qtbot.addWidget(single)
                    single.resize(size)
                    single.relayout(force=True)
                    alone |= {label.font().pixelSize() for label in single.figures}  # type: ignore[attr-defined]
            assert len(sizes) == 1, f"{name} slides {first + 1}-{first + 2}: {sizes}"
            apart += len(alone) > 1
    # Fitted one by one, some runs would not share a size: what the deck is for.
    assert apart > 0


def test_autoplay_shows_each_page_for_the_slides_whole_duration(
    write_pack: Callable[..., Path], qtbot: QtBot
) -> None:
    """The duration a pack gives is per page (docs/pack-format.md)."""
    pack = pack_with(
        write_pack,
        timeline(2, 10) + "  - type: title\n    day: Day\n    date: 30 July\n    theme: A theme\n",
    )
    slides = (replace(pack.slides[0], duration=0.3), replace(pack.slides[1], duration=0.05))
    player = Player(replace(pack, slides=slides))
    player.set_page_counts(lambda index: 2 if index == 0 else 1)
    shown: list[tuple[int, int, float]] = []
    player.current_changed.connect(
        lambda index: shown.append((index, player.page, time.monotonic()))
    )
    started = time.monotonic()
    player.start()
    qtbot.waitUntil(lambda: len(shown) >= 2, timeout=5000)
    player.stop()
    assert [(index, page) for index, page, _ in shown[:2]] == [(0, 1), (1, 0)]
    # Each page stayed up at least the slide's 0.3 s (Qt's timers may fire 5 % early).
    assert shown[0][2] - started >= 0.3 * 0.9
    assert shown[1][2] - shown[0][2] >= 0.3 * 0.9

"""Every page of every bundled pack, drawn at 1280×720, 1920×1080, 3840×2160 and
1080×1920 in every language and in normal, touch, high-contrast and large-text
modes, meets the rules of public-information signage (measured by signage.py):

- primary text has capitals of at least 2.5 % of the screen's shorter side,
  secondary text 1.8 %, both 25 % more in large-text mode;
- no empty horizontal band taller than 12 % of the height between 5 % and 95 % of
  it (title and image slides aside);
- no line breaks inside a date, a document symbol, a phone number, a short group in
  brackets, a web address or a compound word;
- every QR code decodes, with a side (quiet zone excluded) of at least 15 % of the
  shorter side and a four-module quiet zone, and help lines' codes are never
  smaller than a web page's;
- each fact names its source and its data year;
- a slide shown as pages shares its items out evenly and marks each page "1/2".
"""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from signage import (
    MODES,
    PACKS,
    SIZES,
    Case,
    Findings,
    band_problems,
    break_problems,
    bundled,
    context_for,
    findings,
    floor_problems,
    help_lines_largest,
)

from kiosk.slides.facts import FactsSlide
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import create_slide_view
from kiosk.ui.theme import UiTheme

SIZE_IDS = {f"{s.width()}x{s.height()}": s for s in SIZES}
# Drawn on every run: every pack at every size in the usual mode, and every mode on
# the portrait screen (where paging and empty bands are hardest). The rest of the
# matrix (every mode at every landscape size) is marked slow: it takes minutes.
QUICK = {(size, "normal") for size in SIZE_IDS} | {("1080x1920", mode) for mode in MODES}


def matrix() -> list[object]:
    return [
        pytest.param(
            pack,
            size,
            mode,
            id=f"{pack}-{size}-{mode}",
            marks=() if (size, mode) in QUICK else (pytest.mark.slow,),
        )
        for pack in PACKS
        for size in SIZE_IDS
        for mode in MODES
    ]


def summary(rule: str, pages: list[Findings]) -> list[str]:
    return [f"{found.where}: {problem}" for found in pages for problem in getattr(found, rule)]


@pytest.mark.parametrize(("pack", "size", "mode"), matrix())
def test_every_page_meets_the_signage_rules(pack: str, size: str, mode: str) -> None:
    """In every language of the pack."""
    ensure_app()
    cases = [Case(pack, SIZE_IDS[size], language, mode) for language in bundled(pack).languages]
    pages = [found for case in cases for found in findings(case)]
    assert pages
    for rule in ("floors", "bands", "breaks", "codes", "sources", "pages"):
        problems = summary(rule, pages)
        assert problems == [], f"{rule}: {len(problems)} problems, first: {problems[:5]}"
    for case in cases:
        assert help_lines_largest(case) == []


def test_the_floors_are_measured_not_taken_from_the_settings(qtbot: QtBot) -> None:
    """A label drawn a few pixels too small is found, whatever its role says."""
    pack = bundled("2023")
    slide = next(s for s in pack.slides if isinstance(s, FactsSlide))
    context, area = context_for(pack, "en", "normal", QSize(1920, 1080))
    view = create_slide_view(slide, context)
    qtbot.addWidget(view)
    view.resize(area)
    view.relayout(force=True)
    found = Findings("facts")
    floor_problems(view, 1080, False, found)
    assert found.floors == []
    source = view.sources[0]  # type: ignore[attr-defined]
    font = source.font()
    font.setPixelSize(18)  # capitals of about 13 px: under 1.8 % of 1080
    source.setFont(font)
    floor_problems(view, 1080, False, found)
    assert len(found.floors) == 1
    assert "secondary" in found.floors[0]
    # Large text asks 25 % more of the same page.
    raised = Findings("facts")
    source.setFont(view.fact_labels[0].font())  # type: ignore[attr-defined]
    floor_problems(view, 1080, True, raised)
    assert raised.floors  # the usual sizes are below the raised floors
    shiboken6.delete(view)


def test_an_empty_band_is_found() -> None:
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(UiTheme.from_pack(bundled("2023").theme).background)
    found = Findings("picture")
    band_problems(image, UiTheme.from_pack(bundled("2023").theme).background.name(), found)
    assert len(found.bands) == 1  # nothing at all: one band from 5 % to 95 %
    for y in range(5, 100, 10):  # a line every 10 % of the height: no band over 12 %
        for x in range(200):
            image.setPixelColor(x, y, "#ffffff")
    again = Findings("picture")
    band_problems(image, UiTheme.from_pack(bundled("2023").theme).background.name(), again)
    assert again.bands == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("A day marked on 30 July 2023 by every member state", "date"),
        ("The resolution A/RES/68/192 of the General Assembly", "document symbol"),
        ("Call 08000 121 700 at any hour of the day", "phone number"),
        ("The national hotline of the (EE. UU.) and others", "short group in brackets"),
        ("Read more at https://www.unodc.org/unodc/en/human-trafficking today", "web address"),
        ("Children and at-risk adults are the first victims", "compound word"),
    ],
)
def test_a_bad_line_break_is_found(qtbot: QtBot, text: str, rule: str) -> None:
    """Laid out without ``kiosk.typeset``, at every width, each text breaks badly
    somewhere: the check finds it."""
    ensure_app()
    pack = bundled("2023")
    slide = next(s for s in pack.slides if isinstance(s, FactsSlide))
    context, _ = context_for(pack, "en", "normal", QSize(1920, 1080))
    view = create_slide_view(slide, context)
    qtbot.addWidget(view)
    label: QLabel = view.fact_labels[0]  # type: ignore[attr-defined]
    label.setText(text)  # as written, unprotected
    found_somewhere = False
    for width in range(label.fontMetrics().horizontalAdvance("M") * 3, 1200, 7):
        label.resize(width, label.heightForWidth(width))
        found = Findings("label")
        break_problems(view, found)
        if any(problem.startswith(rule) for problem in found.breaks):
            found_somewhere = True
            break
    assert found_somewhere, f"no width broke the {rule} in {text!r}"

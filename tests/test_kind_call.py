"""The call slide: one call to action, one QR code large enough to scan from a few steps.

Every code is decoded from the rendered image with a real decoder (zxing-cpp), and
its side is measured from the corners the decoder reports, not taken from the view.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from slide_checks import (
    SIZE_IDS,
    SIZES,
    VENUE_MODES,
    assert_crisp_qr_codes,
    bundled,
    decoded_urls,
    layout_problems,
    make_view,
    qr_side_shares,
    venue_problems,
)

from kiosk.export import render_slide
from kiosk.pack.fields import QR_MAX_BYTES
from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack
from kiosk.slides.call import CallSlide
from kiosk.slides.call.view import QR_MIN_SIDE_SHARE, CallSlideView
from kiosk.slides.resources import ResourcesSlide
from kiosk.typeset import plain
from kiosk.ui.offscreen import ensure_app

HEAD = """\
title: Test pack
year: 2025
date: 2025-10-06
languages: [en, es]
default_language: en
slides:
"""
SLIDE_LINE = 7

# The densest code a pack may give, and the sparsest: both must be large.
LONGEST_URL = "https://example.org/" + "a" * (QR_MAX_BYTES - len("https://example.org/"))
TARGETS = [
    "https://library.example.org/volunteer",
    LONGEST_URL,
    "tel:+441632960123",
    "sms:60123",
    "mailto:help@example.org",
]


@pytest.fixture(scope="module", autouse=True)
def app() -> None:
    ensure_app()


def call_yaml(url: str, phone: str | None = None, heading: str = "", line: str = "") -> str:
    heading = heading or "Volunteer as a digital buddy"
    line = line or "Two hours a week helping a neighbour get online. Scan to sign up."
    out = (
        "  - type: call\n"
        f"    heading: {json.dumps({'en': heading, 'es': heading})}\n"
        f"    line: {json.dumps({'en': line, 'es': line})}\n"
        f"    url: {json.dumps(url)}\n"
    )
    out += f"    phone: {json.dumps(phone)}\n" if phone else ""
    # A number works in one country: every call with one says which.
    return out + ("    region: [GB]\n" if url.startswith(("tel:", "sms:")) or phone else "")


def pack_of(write_pack: Callable[..., Path], slides: str) -> Pack:
    report = check_pack(write_pack(HEAD + slides))
    assert report.pack is not None, [str(p) for p in report.problems]
    assert report.problems == []
    return report.pack


# -- validation --------------------------------------------------------------------------


def test_a_call_slide_reads(write_pack: Callable[..., Path]) -> None:
    (slide,) = pack_of(write_pack, call_yaml("tel:+441632960123", "01632 960 123")).slides
    assert isinstance(slide, CallSlide)
    assert slide.url == "tel:+441632960123"
    assert slide.phone == "01632 960 123"


def test_call_mistakes_are_errors_on_their_lines(write_pack: Callable[..., Path]) -> None:
    report = check_pack(write_pack(HEAD + call_yaml("javascript:alert(1)")))
    (error,) = report.errors
    assert (error.line, error.key_path) == (SLIDE_LINE + 3, "slides[0].url")
    assert "a QR code may open only" in error.message
    no_url = call_yaml("x").replace('    url: "x"\n', "")
    (error,) = check_pack(write_pack(HEAD + no_url)).errors
    assert (error.line, error.key_path) == (SLIDE_LINE, "slides[0]")
    assert "missing 'url' in the call slide" in error.message
    (error,) = check_pack(write_pack(HEAD + call_yaml(LONGEST_URL + "a"))).errors
    assert "too dense to scan" in error.message


def test_a_long_call_warns(write_pack: Callable[..., Path]) -> None:
    report = check_pack(write_pack(HEAD + call_yaml("https://example.org", heading="x" * 41)))
    assert report.pack is not None
    (warning,) = report.warnings
    assert (warning.line, warning.key_path) == (SLIDE_LINE + 1, "slides[0].heading")


# -- the code --------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", list(VENUE_MODES))
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_code_decodes_and_takes_over_a_third_of_the_screen(
    write_pack: Callable[..., Path], size: QSize, mode: str
) -> None:
    pack = pack_of(write_pack, "".join(call_yaml(url, "01632 960 123") for url in TARGETS))
    for slide in pack.slides:
        assert isinstance(slide, CallSlide)
        image = render_slide(slide, pack, "es", size, **VENUE_MODES[mode])
        shares = qr_side_shares(image)
        assert list(shares) == [slide.url]  # one code, and exactly its target
        assert shares[slide.url] >= QR_MIN_SIDE_SHARE, (slide.url, shares)


def test_the_measure_sees_a_small_code() -> None:
    """The measure above can fail: the bundled help lines' codes are well under a third."""
    pack = bundled("2023")
    slide = next(s for s in pack.slides if isinstance(s, ResourcesSlide))
    shares = qr_side_shares(render_slide(slide, pack, "en", QSize(1920, 1080)))
    assert sorted(shares) == decoded_urls(render_slide(slide, pack, "en", QSize(1920, 1080)))
    assert shares
    assert max(shares.values()) < QR_MIN_SIDE_SHARE


def test_the_code_is_crisp_dark_on_light(qtbot: QtBot, write_pack: Callable[..., Path]) -> None:
    pack = pack_of(write_pack, call_yaml(LONGEST_URL))
    for options in VENUE_MODES.values():
        view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1280, 720), **options)
        assert_crisp_qr_codes(view)


# -- the number ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "phone", "shown"),
    [
        ("tel:+441632960123", None, "+441632960123"),
        ("sms:60123", None, "60123"),
        ("tel:+441632960123", "01632 960 123", "01632 960 123"),
        ("mailto:help@example.org", None, "help@example.org"),
        ("https://example.org/give", "0800 123 456", "0800 123 456"),
        ("https://example.org/give", None, None),
    ],
)
def test_a_number_shows_as_text_as_resources_show_it(
    qtbot: QtBot, write_pack: Callable[..., Path], url: str, phone: str | None, shown: str | None
) -> None:
    pack = pack_of(write_pack, call_yaml(url, phone))
    view = make_view(qtbot, pack.slides[0], pack, "en", QSize(1920, 1080))
    assert isinstance(view, CallSlideView)
    texts = [label.text() for label in view.findChildren(QLabel)]
    if shown is None:
        assert view.number_label is None
        assert len(texts) == 2  # the call and its line
    else:
        assert view.number_label is not None
        assert plain(view.number_label.text()) == shown
        assert shown in view.accessibleDescription()
        assert phone is None or url.partition(":")[2] not in texts  # the phone field wins
    assert layout_problems(view) == []


def test_screen_readers_hear_the_call_and_where_the_code_leads(
    qtbot: QtBot, write_pack: Callable[..., Path]
) -> None:
    pack = pack_of(write_pack, call_yaml("https://library.example.org/volunteer"))
    view = make_view(qtbot, pack.slides[0], pack, "es", QSize(1920, 1080))
    assert view.spoken_text() == (
        "Volunteer as a digital buddy.\n"
        "Two hours a week helping a neighbour get online. Scan to sign up.\n"
        "Código QR: abre library.example.org."
    )


# -- the layout -------------------------------------------------------------------------------


def test_a_call_at_its_limits_reads_everywhere(write_pack: Callable[..., Path]) -> None:
    heading = ("Volunteer as a digital buddy now " * 2)[:40]
    line = ("Two hours a week helping a neighbour get online, scan the code to sign up. " * 2)[:120]
    pack = pack_of(
        write_pack,
        call_yaml(LONGEST_URL, "+44 1632 960 123 (free, 24 hours a day)"[:40], heading, line)
        + call_yaml("sms:60123", None, heading, line),
    )
    for slide in pack.slides:
        assert venue_problems(slide, pack) == []

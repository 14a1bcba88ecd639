"""Social-media cards and the print palette.

Cards: every size the networks use, each QR code decoded and measured, the alt text
and post checked against the pack. Palette: every text colour pair of the printed
media reads in greyscale, whatever the screen theme."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from kiosk.media.cards import CARD_SIZES, INDEX_FILE, make_cards
from kiosk.media.palette import (
    PAPER,
    REQUIRED_CONTRAST,
    TEXT_PAIRS,
    PrintPalette,
    grey_contrast,
    greyscale,
)
from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack, Theme
from kiosk.paths import content_dir
from kiosk.slides.facts import FactsSlide
from kiosk.ui.offscreen import ensure_app
from tests.printed import decoded_with_size, spaced

BUNDLED = ("2023", "2024", "2025")
# The smallest module a phone reads off another screen: three of the card's pixels.
SMALLEST_MODULE_PX = 3


@pytest.fixture(scope="module", params=BUNDLED)
def cards(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Pack, Path]:
    ensure_app()
    pack = load_pack(content_dir() / request.param)
    folder = tmp_path_factory.mktemp(f"cards-{request.param}")
    make_cards(pack, pack.languages, folder)
    return pack, folder


def test_every_fact_and_the_theme_in_every_size_and_language(cards: tuple[Pack, Path]) -> None:
    pack, folder = cards
    listed = json.loads((folder / INDEX_FILE).read_text("utf-8"))["cards"]
    facts = sum(len(s.facts) for s in pack.slides if isinstance(s, FactsSlide))
    assert len(listed) == (facts + 1) * len(CARD_SIZES) * len(pack.languages)
    on_disk = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.png"))
    assert on_disk == sorted(card["file"] for card in listed)
    sizes = {(w, h) for _, w, h in CARD_SIZES}
    assert sizes == {(1080, 1080), (1080, 1350), (1200, 630)}
    for card in listed:
        with Image.open(folder / card["file"]) as image:
            assert image.size == (card["width"], card["height"])
            assert image.info["Description"] == card["alt"]  # the alt text travels inside


def test_each_code_opens_its_source_and_is_large_enough(cards: tuple[Pack, Path]) -> None:
    _, folder = cards
    for card in json.loads((folder / INDEX_FILE).read_text("utf-8"))["cards"]:
        with Image.open(folder / card["file"]) as image:
            found = decoded_with_size(image.convert("RGB"))
        assert [text for text, _ in found] == [card["link"]], card["file"]
        modules = _symbol_modules(card["link"])
        assert found[0][1] / modules >= SMALLEST_MODULE_PX, card["file"]


def _symbol_modules(url: str) -> int:
    from kiosk.qr import qr_matrix

    matrix = qr_matrix(url)
    return matrix.size - 2 * matrix.border


def test_alt_text_and_post_say_the_figure_label_source_and_year(cards: tuple[Pack, Path]) -> None:
    pack, folder = cards
    listed = json.loads((folder / INDEX_FILE).read_text("utf-8"))["cards"]
    for language in pack.languages:
        facts = [fact for s in pack.slides if isinstance(s, FactsSlide) for fact in s.facts]
        fact_cards = [c for c in listed if c["language"] == language and c["kind"] == "fact"]
        assert len(fact_cards) == len(facts) * len(CARD_SIZES)
        for fact, card in zip([f for f in facts for _ in CARD_SIZES], fact_cards, strict=True):
            alt = spaced(card["alt"])
            for part in (fact.value, fact.label, fact.source.name):
                assert spaced(pack.text(part, language)) in alt, (card["file"], part)
            assert fact.as_of is not None
            assert fact.as_of.display(language) in alt
            assert card["link"] == fact.source.url
            assert fact.source.url in card["post"]
            assert spaced(pack.text(fact.value, language)) in spaced(card["post"])
        (theme,) = {c["alt"] for c in listed if c["language"] == language and c["kind"] == "theme"}
        assert spaced(pack.text(pack.slides[0].theme, language)) in theme  # type: ignore[attr-defined]


def test_an_unwritable_cards_folder_is_an_error_not_half_a_folder(tmp_path: Path) -> None:
    ensure_app()
    pack = load_pack(content_dir() / "2025")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(OSError):  # noqa: PT011 - which one depends on the system
        make_cards(pack, ["en"], blocked / "cards")
    assert blocked.read_text() == "not a folder"


# -- the print palette --------------------------------------------------------------------

# Screen themes a print palette must cope with: the bundled ones, a light one, a
# yellow accent that vanishes on paper, a mid-grey theme, a saturated blue.
THEMES = [load_pack(content_dir() / name).theme for name in BUNDLED] + [
    Theme(
        background="#ffffff", surface="#f0f0f0", text="#222222", muted="#555555", accent="#ffe14d"
    ),
    Theme(
        background="#000000", surface="#141414", text="#ffffff", muted="#d9d9d9", accent="#ffff00"
    ),
    Theme(
        background="#777777", surface="#888888", text="#999999", muted="#aaaaaa", accent="#00ff00"
    ),
    Theme(
        background="#0000ff", surface="#0000cc", text="#ffffff", muted="#ccccff", accent="#3399ff"
    ),
]


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: f"{t.background}-{t.accent}")
def test_every_printed_text_pair_reads_in_greyscale(theme: Theme) -> None:
    palette = PrintPalette.from_theme(theme)
    assert palette.paper == PAPER
    for fg, bg, foreground, background in palette.pairs():
        ratio = grey_contrast(foreground, background)
        assert ratio >= REQUIRED_CONTRAST[fg], (fg, bg, foreground, background, ratio)
    assert {(fg, bg) for fg, bg, _, _ in palette.pairs()} == set(TEXT_PAIRS)


def test_the_check_is_on_grey_not_on_colour() -> None:
    # The grey a printer makes of a colour is its Rec. 601 luma: pure red prints as a
    # dark grey (76 of 255), whatever its WCAG luminance on a screen.
    assert greyscale("#ff0000") == "#4c4c4c"
    assert greyscale("#ffffff") == "#ffffff"
    # The bundled accent as the screen has it would not read on paper: the palette
    # darkens it.
    accent = load_pack(content_dir() / "2025").theme.accent
    assert grey_contrast(accent, PAPER) < REQUIRED_CONTRAST["accent"]
    assert PrintPalette.from_theme(load_pack(content_dir() / "2025").theme).accent != accent

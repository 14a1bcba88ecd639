"""The handout and the poster, read back with real tools: pdfinfo (paper and pages),
pdffonts and the embedded font programs (embedded, subset), pdftotext (every
figure, label, data year, source and help-line number, in every language), and
pdftoppm + zxing-cpp (every QR code on every page opens exactly its target; the
poster's is large enough to scan from a metre). Each bundled pack is exported
once per module and shared by the tests."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from kiosk.media.content import read_content
from kiosk.media.handout import PrintedDocument, make_handout
from kiosk.media.page import SAFE_MARGIN_MM, Paper
from kiosk.media.poster import POSTER_CODE_MM, make_poster
from kiosk.pack.glyphs import FONT_FILES
from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack
from kiosk.paths import assets_dir, content_dir
from kiosk.slides import for_region
from kiosk.slides.call import CallSlide
from kiosk.slides.facts import FactsSlide
from kiosk.slides.resources import ResourcesSlide
from kiosk.ui.offscreen import ensure_app
from kiosk.urls import email_address_of, phone_number_of
from tests.printed import (
    MM_PER_INCH,
    crop_mm,
    decoded,
    decoded_with_size,
    embedded_font_files,
    fonts,
    page_sizes,
    pdf_info,
    render_pages,
    spaced,
    text_of,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")

BUNDLED = ("2023", "2024", "2025")
EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "digital-inclusion-week"
CHECK_DPI = 150
A4_POINTS = (595.0, 842.0)
LETTER_POINTS = (612.0, 792.0)
A3_POINTS = (842.0, 1191.0)
TABLOID_POINTS = (792.0, 1224.0)


@dataclass
class Exported:
    pack: Pack
    path: Path
    document: PrintedDocument
    pages: list[Image.Image]  # rendered at CHECK_DPI


def _export(folder: Path, pack: Pack, document: PrintedDocument, name: str) -> Exported:
    path = folder / f"{name}.pdf"
    path.write_bytes(document.data)
    return Exported(pack, path, document, render_pages(path, folder / name, CHECK_DPI))


@pytest.fixture(scope="module", params=BUNDLED)
def handout(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """Every language of a bundled pack, for a venue that did not say where it is."""
    ensure_app()
    pack = load_pack(content_dir() / request.param)
    document = make_handout(pack, pack.languages, Paper.A4)
    return _export(tmp_path_factory.mktemp(f"handout-{request.param}"), pack, document, "handout")


@pytest.fixture(scope="module", params=BUNDLED)
def poster(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    ensure_app()
    pack = load_pack(content_dir() / request.param)
    document = make_poster(pack, pack.languages, Paper.A3, "GB")
    return _export(tmp_path_factory.mktemp(f"poster-{request.param}"), pack, document, "poster")


def language_pages(exported: Exported) -> dict[str, tuple[int, int]]:
    """Each language's first and last page (from 1)."""
    ranges, first = {}, 1
    for language, count in exported.document.pages_by_language.items():
        ranges[language] = (first, first + count - 1)
        first += count
    return ranges


def help_numbers(pack: Pack, region: str | None) -> list[str]:
    """Every number or address a visitor can dial or write to, as the pack writes it."""
    shown = for_region(pack, region)
    numbers = []
    for slide in shown.slides:
        items = slide.resources if isinstance(slide, ResourcesSlide) else ()
        items = (slide,) if isinstance(slide, CallSlide) else items
        for item in items:
            number = item.phone or phone_number_of(item.url) or email_address_of(item.url)
            if number:
                numbers.append(number)
    return numbers


def fact_words(pack: Pack, language: str) -> list[str]:
    """Every figure, label, data year and source name of the pack, in ``language``."""
    words = []
    for slide in pack.slides:
        if isinstance(slide, FactsSlide):
            for fact in slide.facts:
                words += [pack.text(fact.value, language), pack.text(fact.label, language)]
                words.append(pack.text(fact.source.name, language))
                if fact.as_of is not None:
                    words.append(fact.as_of.display(language))
    return [spaced(word) for word in words]


# -- pdfinfo: paper and pages ------------------------------------------------------------


def test_the_handout_is_a4_two_sheets_a_language_each_starting_a_sheet(handout: Exported) -> None:
    info = pdf_info(handout.path)
    by_language = handout.document.pages_by_language
    assert list(by_language) == list(handout.pack.languages)
    assert int(info["Pages"]) == sum(by_language.values()) == len(handout.pages)
    assert all(count in (2, 4) for count in by_language.values()), by_language
    assert set(page_sizes(handout.path)) == {A4_POINTS}


def test_the_poster_is_a3_a_page_a_language(poster: Exported) -> None:
    assert int(pdf_info(poster.path)["Pages"]) == len(poster.pack.languages)
    assert set(page_sizes(poster.path)) == {A3_POINTS}


def test_letter_and_tabloid_paper(tmp_path: Path) -> None:
    ensure_app()
    pack = load_pack(content_dir() / "2025")
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(make_handout(pack, ["en"], Paper.LETTER).data)
    tabloid = tmp_path / "tabloid.pdf"
    tabloid.write_bytes(make_poster(pack, ["es"], Paper.TABLOID, "US").data)
    assert set(page_sizes(letter)) == {LETTER_POINTS}
    assert set(page_sizes(tabloid)) == {TABLOID_POINTS}
    with pytest.raises(ValueError, match="a4 or letter"):
        make_handout(pack, ["en"], Paper.A3)


# -- pdffonts and the font programs -------------------------------------------------------


def test_every_font_is_embedded_as_a_subset(handout: Exported, poster: Exported) -> None:
    bundled = TTFontCount.full()
    for exported in (handout, poster):
        listed = fonts(exported.path)
        assert listed, "no fonts: the text would not be text"
        assert all(row["emb"] == "yes" and row["uni"] == "yes" for row in listed), listed
        programs = embedded_font_files(exported.path)
        assert len(programs) == len(listed)
        for program in programs:
            # Qt names its subsets without the "ABCDEF+" tag pdffonts looks for, so
            # the subset is checked on the program itself: a few glyphs of thousands.
            assert len(program.getGlyphOrder()) < bundled // 10


class TTFontCount:
    @staticmethod
    def full() -> int:
        from fontTools.ttLib import TTFont

        return min(len(TTFont(assets_dir() / "fonts" / n).getGlyphOrder()) for n in FONT_FILES)


# -- pdftotext: every word that matters, in every language --------------------------------


def test_every_fact_and_help_line_is_in_the_text_of_each_language(handout: Exported) -> None:
    pack = handout.pack
    for language, (first, last) in language_pages(handout).items():
        text = text_of(handout.path, first, last)
        missing = [w for w in fact_words(pack, language) if w not in text]
        assert not missing, f"{language}: not in the handout's text: {missing}"
        numbers = help_numbers(pack, None) + [e.number for e in pack.emergency]
        assert [n for n in numbers if n not in text] == [], language
        title = pack.slides[0]
        assert spaced(pack.text(title.theme, language)) in text  # type: ignore[attr-defined]


def test_a_venue_gets_its_own_lines_and_emergency_number(tmp_path: Path) -> None:
    ensure_app()
    pack = load_pack(content_dir() / "2025")
    path = tmp_path / "es.pdf"
    path.write_bytes(make_handout(pack, ["es"], Paper.A4, "ES").data)
    text = text_of(path)
    assert "900 10 50 90" in text
    assert "trata@policia.es" in text
    assert "1-888-373-7888" not in text
    assert "08000 121 700" not in text
    assert "¿En peligro inmediato? Llame al 112" in text
    assert "Solo en España" in text


def test_the_poster_names_its_help_line_figures_and_emergency_number(poster: Exported) -> None:
    pack = poster.pack
    for number, language in enumerate(pack.languages, start=1):
        text = text_of(poster.path, number, number)
        content = read_content(pack, language, "GB")
        assert "08000 121 700" in text
        assert read_content(pack, language, "GB").emergency in text  # type: ignore[operator]
        for fact in content.facts[:2]:
            assert spaced(fact.value) in text
            assert spaced(fact.source_name) in text


# -- QR codes ----------------------------------------------------------------------------


def test_every_code_on_every_page_opens_exactly_its_target(handout: Exported) -> None:
    codes = handout.document.codes
    for language, (first, last) in language_pages(handout).items():
        placed = {c.url for c in codes if first <= c.page <= last}
        assert placed == set(read_content(handout.pack, language).codes), language
    for number, page in enumerate(handout.pages, start=1):
        on_page = [c for c in codes if c.page == number]
        for code in on_page:
            found = decoded(crop_mm(page, code.left, code.top, code.side, CHECK_DPI))
            assert found == [code.url], (number, code)
        # Nothing on the page decodes to anything else.
        assert set(decoded(page)) <= {c.url for c in on_page}, number


def test_the_poster_code_reads_at_72_dpi_and_is_at_least_10_cm(poster: Exported) -> None:
    low = render_pages(poster.path, poster.path.parent / "low", 72)
    for number, (page, rough) in enumerate(zip(poster.pages, low, strict=True), start=1):
        (code,) = [c for c in poster.document.codes if c.page == number]
        assert code.url == "tel:+448000121700"
        assert decoded(page) == [code.url]
        ((text, side_px),) = decoded_with_size(rough)
        assert text == code.url
        assert side_px / 72 * MM_PER_INCH >= POSTER_CODE_MM


# -- the safe margins -----------------------------------------------------------------------


def assert_within_safe_margins(exported: Exported) -> None:
    band = round(10.0 / MM_PER_INCH * CHECK_DPI)  # the 10 mm every printer can print
    for number, page in enumerate(exported.pages, start=1):
        grey = page.convert("L")
        width, height = grey.size
        for box in (
            (0, 0, width, band),
            (0, height - band, width, height),
            (0, 0, band, height),
            (width - band, 0, width, height),
        ):
            assert grey.crop(box).getextrema()[0] == 255, (exported.path, number, box)
        # ... while every page has something on it (its footer at least) just inside.
        assert grey.crop((band, band, width - band, height - band)).getextrema()[0] < 128


def test_nothing_on_the_handout_is_within_the_printer_safe_margin(handout: Exported) -> None:
    assert SAFE_MARGIN_MM >= 10.0
    assert_within_safe_margins(handout)


def test_nothing_on_the_poster_is_within_the_printer_safe_margin(poster: Exported) -> None:
    assert_within_safe_margins(poster)


# -- other causes ------------------------------------------------------------------------


def test_a_pack_of_another_cause_prints_its_text_pictures_and_calls(tmp_path: Path) -> None:
    ensure_app()
    pack = load_pack(EXAMPLE)
    exported = _export(tmp_path, pack, make_handout(pack, ["en", "es"], Paper.A4), "example")
    for language, (first, last) in language_pages(exported).items():
        text = text_of(exported.path, first, last)
        content = read_content(pack, language)
        for section in content.sections:
            assert spaced(section.heading) in text
            for point in section.points:
                assert spaced(point.title) in text
        for picture in content.pictures:  # a picture without a caption is described
            assert spaced(picture.caption or picture.alt) in text
        for call in content.calls:
            assert spaced(call.name) in text
    targets = {c.url for c in exported.document.codes}
    assert targets == {"https://library.example.org/volunteer", "tel:+441632960123"}
    for number, page in enumerate(exported.pages, start=1):
        for code in (c for c in exported.document.codes if c.page == number):
            assert decoded(crop_mm(page, code.left, code.top, code.side, CHECK_DPI)) == [code.url]


# -- metadata ----------------------------------------------------------------------------


def test_title_author_and_languages_are_in_the_metadata(pack_copy, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ensure_app()
    folder = pack_copy("2025")
    yaml = folder / "pack.yaml"
    yaml.write_text(
        yaml.read_text("utf-8").replace("year: 2025\n", 'year: 2025\norganisation: "Stand 12"\n'),
        "utf-8",
    )
    pack = load_pack(folder)
    path = tmp_path / "handout.pdf"
    path.write_bytes(make_handout(pack, ["en", "es"], Paper.A4).data)
    info = pdf_info(path)
    assert info["Title"].startswith("World Day against Trafficking in Persons 2025")
    xmp = pdf_info_meta(path)
    assert "<dc:creator><rdf:Seq><rdf:li>Stand 12</rdf:li>" in xmp
    assert "<rdf:li>en</rdf:li><rdf:li>es</rdf:li>" in xmp
    if info.get("Author"):  # Qt 6.9 and later write it in the Info too
        assert info["Author"] == "Stand 12"
    assert "Stand 12" in text_of(path)  # and on every page's footer


def pdf_info_meta(path: Path) -> str:
    from tests.printed import run

    return run("pdfinfo", "-meta", str(path))

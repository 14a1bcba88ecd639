"""The bundled packs tell visitors only what can be trusted, checked against the
project's verified facts: corrected figures with their data years, https sources
published by the pack's date, help lines that say where they work and the right
emergency number for each of the five countries the packs serve."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack, Source
from kiosk.pack.values import LocalText
from kiosk.paths import bundled_packs
from kiosk.regions import emergency_line
from kiosk.slides import for_region
from kiosk.slides.facts import Fact, FactsSlide
from kiosk.slides.resources import Resource, ResourcesSlide
from kiosk.slides.title import TitleSlide
from kiosk.urls import scheme_of

PACKS = {folder.name: folder for folder in bundled_packs()}
BUNDLED = [pytest.param(folder, id=name) for name, folder in PACKS.items()]

# The verified help lines (the Hotlines section of the project's facts): what each
# QR code opens, and the number shown, by the country the line serves.
HOTLINES = {
    "US": {"tel:+18883737888": "1-888-373-7888", "sms:233733": "233733"},
    "CA": {"tel:+18339001010": "1-833-900-1010"},
    "GB": {"tel:+448000121700": "08000 121 700"},
    "ES": {"tel:+34900105090": "900 10 50 90", "mailto:trata@policia.es": None},
    "MX": {"tel:+528005533000": "800 5533 000"},
}
# The emergency numbers for each of those countries.
EMERGENCY = {"US": "911", "CA": "911", "MX": "911", "GB": "999 or 112", "ES": "112"}


def load(folder: Path) -> Pack:
    report = check_pack(folder)
    assert report.pack is not None, [str(p) for p in report.errors]
    return report.pack


def walk(value: object) -> Iterator[object]:
    """Every model object and value reachable from ``value``."""
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from walk(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from walk(item)


def texts(pack: Pack) -> Iterator[str]:
    for value in walk(pack):
        if isinstance(value, LocalText):
            yield from value.variants()
        elif isinstance(value, str):
            yield value


def resources(pack: Pack) -> list[Resource]:
    return [r for s in pack.slides if isinstance(s, ResourcesSlide) for r in s.resources]


def facts(pack: Pack) -> list[Fact]:
    return [f for s in pack.slides if isinstance(s, FactsSlide) for f in s.facts]


def test_three_years_are_bundled() -> None:
    assert list(PACKS) == ["2023", "2024", "2025"]


@pytest.mark.parametrize("folder", BUNDLED)
def test_each_pack_validates_without_a_single_warning(folder: Path) -> None:
    assert [str(p) for p in check_pack(folder).problems] == []


@pytest.mark.parametrize("folder", BUNDLED)
def test_no_figure_says_since_2003_and_no_link_is_http(folder: Path) -> None:
    pack = load(folder)
    said = list(texts(pack))
    assert not [t for t in said if "since 2003" in t or "desde 2003" in t]
    assert not [t for t in said if "http://" in t]
    assert "http://" not in (folder / "pack.yaml").read_text("utf-8")


@pytest.mark.parametrize("folder", BUNDLED)
def test_no_source_was_published_after_the_pack_s_date(folder: Path) -> None:
    pack = load(folder)
    sources = [v for v in walk(pack) if isinstance(v, Source)]
    assert len(sources) > 10
    late = [s for s in sources if s.published is not None and s.published > pack.date]
    assert late == []


@pytest.mark.parametrize("folder", BUNDLED)
def test_every_fact_has_a_data_year_and_a_web_source(folder: Path) -> None:
    pack = load(folder)
    assert len(facts(pack)) >= 3
    for fact in facts(pack):
        assert fact.as_of is not None, pack.text(fact.label, "en")
        assert fact.as_of.latest <= pack.year
        assert fact.source.url.startswith("https://")


@pytest.mark.parametrize("folder", BUNDLED)
def test_every_phone_line_says_where_it_works(folder: Path) -> None:
    pack = load(folder)
    for resource in resources(pack):
        scheme = scheme_of(resource.url)
        if resource.phone or (scheme is not None and scheme.dials):
            assert resource.region, pack.text(resource.name, "en")


@pytest.mark.parametrize("folder", BUNDLED)
def test_the_verified_help_lines_are_there_exactly(folder: Path) -> None:
    pack = load(folder)
    found = {r.url: r for r in resources(pack)}
    for country, lines in HOTLINES.items():
        for url, shown in lines.items():
            assert url in found, (country, url)
            assert found[url].region == (country,)
            assert found[url].phone == shown
    # The US hotline's operator changed in September 2025: no pack names one.
    assert not [t for t in texts(pack) if "Polaris" in t or "Compass" in t]
    # Mexico's line has no verified official page, and says so.
    mexico = found["tel:+528005533000"]
    assert "not verified" in pack.text(mexico.description, "en")
    assert "no verificada" in pack.text(mexico.description, "es")


@pytest.mark.parametrize("country", list(HOTLINES))
@pytest.mark.parametrize("folder", BUNDLED)
def test_a_kiosk_in_each_country_shows_its_lines_and_no_other(folder: Path, country: str) -> None:
    pack = for_region(load(folder), country)
    shown = {r.url for r in resources(pack)}
    assert set(HOTLINES[country]) <= shown
    others = {url for c, lines in HOTLINES.items() if c != country for url in lines}
    assert not shown & others
    line = emergency_line(((e.number, e.region) for e in pack.emergency), country, "en")
    assert line == f"In immediate danger? Call {EMERGENCY[country]}"


@pytest.mark.parametrize("folder", BUNDLED)
def test_the_corrected_wording(folder: Path) -> None:
    pack = load(folder)
    said = "\n".join(texts(pack))
    assert "Inter-Agency Coordination Group against Trafficking in Persons" in said
    assert "Grupo de Coordinación Interinstitucional contra la Trata de Personas" in said
    if "2006/27" in said:  # ECOSOC's resolution asked intergovernmental agencies
        assert "intergovernmental agencies" in said
        assert "UN agencies to cooperate" not in said
    assert "personal de primera línea" in said
    assert "Dejar a determinados grupos vulnerables ante los traficantes" in said
    assert "https://www.unodc.org/unodc/en/blueheart/" in said
    assert "press.un.org" in said
    # The purpose quote: the UN's own Spanish wording, the English said by "the UN".
    title = pack.slides[0]
    assert isinstance(title, TitleSlide)
    assert pack.text(title.quote, "es").startswith("concienciar sobre la situación")
    assert "United Nations" in pack.text(title.quote_by, "en")
    assert "A/RES/68/192" not in pack.text(title.quote_by, "en")


def test_the_2023_pack_labels_its_old_figures() -> None:
    pack = load(PACKS["2023"])
    by_value = {pack.text(f.value, "en"): f for f in facts(pack)}
    share = by_value["35 %"]
    assert "forced labour" in pack.text(share.label, "en")
    assert share.as_of is not None
    assert share.as_of.latest == 2016
    detected = by_value["~225,000"]
    assert "between 2003 and 2016" in pack.text(detected.label, "en")


def test_the_2024_pack_shows_what_was_known_on_30_july_2024() -> None:
    pack = load(PACKS["2024"])
    values = {pack.text(f.value, "en") for f in facts(pack)}
    assert "1 in 3" in values
    assert not values & {"+25 %", "38 %", "61 %"}  # Global Report 2024: December 2024
    said = "\n".join(texts(pack))
    assert "UNODC's 2023" in said or "(UNODC, 2023)" in said  # the failure points


def test_the_2025_pack_carries_the_global_report_2024() -> None:
    pack = load(PACKS["2025"])
    title = pack.slides[0]
    assert isinstance(title, TitleSlide)
    assert pack.text(title.theme, "en") == (
        "Human trafficking is organized crime – end the exploitation"
    )
    assert "no oficial" in pack.text(title.theme_note, "es")
    values = {pack.text(f.value, "en"): f for f in facts(pack)}
    for value in ("+25 %", "38 %", "61 %", "90 %", "+47 %", "42 %", "1 % → 8 %"):
        assert value in values
        assert values[value].as_of is not None
        assert values[value].as_of.latest == 2022


@pytest.mark.parametrize("folder", BUNDLED)
def test_a_kiosk_in_britain_shows_no_american_number_on_screen(
    folder: Path, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from slide_checks import decoded_urls

    from kiosk.export import render_pack
    from kiosk.ui.offscreen import ensure_app

    ensure_app()
    written = render_pack(load(folder), tmp_path, QSize(1920, 1080), "en", region="GB")
    on_screen = {url for path in written for url in decoded_urls(QImage(str(path)))}
    assert "tel:+448000121700" in on_screen  # the UK line
    others = {url for c, lines in HOTLINES.items() if c != "GB" for url in lines}
    assert not on_screen & others
    assert not [url for url in on_screen if url.startswith(("tel:+1", "sms:"))]

"""What validate says about a pack's figures, sources, dates and help lines, and the
next year's pack that ``kiosk new --year`` makes."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.pack.load import check_pack, load_pack
from kiosk.pack.next_year import move_to_year
from kiosk.paths import content_dir
from kiosk.regions import emergency_line, region_label, works_in
from kiosk.slides import for_region
from kiosk.slides.resources import ResourcesSlide

HEAD = """\
title: "Test 2025"
year: 2025
date: 2025-07-30
languages: [en, es]
default_language: en
slides:
"""

TITLE = """\
  - type: title
    day: "A day"
    date: {en: "30 July 2025", es: "30 de julio de 2025"}
    theme: "A theme"
"""


def problems(write_pack: Callable[..., Path], text: str) -> list[str]:
    return [str(p) for p in check_pack(write_pack(HEAD + text)).problems]


def fact(value: str = "10 %", as_of: str | None = "2024", published: str | None = None) -> str:
    lines = f"""\
  - type: facts
    heading: "Facts"
    facts:
      - value: "{value}"
        label: "A figure"
        source:
          name: "A report"
          url: https://example.org/report
"""
    if published is not None:
        lines += f"          published: {published}\n"
    if as_of is not None:
        lines += f'        as_of: "{as_of}"\n'
    return lines


def test_a_fact_without_its_data_year_is_warned_about(write_pack: Callable[..., Path]) -> None:
    found = problems(write_pack, TITLE + fact(as_of=None))
    assert len(found) == 1
    assert "pack.yaml:14:9: warning: slides[1].facts[0]: no 'as_of'" in found[0]


@pytest.mark.parametrize(
    ("as_of", "latest"), [("2022", 2022), ("2014-2016", 2016), ("2020 vs 2019", 2020)]
)
def test_data_years_and_periods_are_read(
    write_pack: Callable[..., Path], as_of: str, latest: int
) -> None:
    pack = load_pack(write_pack(HEAD + TITLE + fact(as_of=as_of)))
    figure = pack.slides[1].facts[0]  # type: ignore[attr-defined]
    assert figure.as_of.latest == latest


def test_old_data_is_warned_about_past_the_pack_s_limit(write_pack: Callable[..., Path]) -> None:
    found = problems(write_pack, TITLE + fact(as_of="2018"))
    assert len(found) == 1
    assert "as_of: this figure's data is from 2018, more than 6 years before" in found[0]
    assert problems(write_pack, TITLE + fact(as_of="2019")) == []
    relaxed = HEAD.replace("slides:", "max_data_age: 8\nslides:")
    assert [
        str(p) for p in check_pack(write_pack(relaxed + TITLE + fact(as_of="2018"))).problems
    ] == []


def test_a_source_published_after_the_pack_s_date_is_warned_about(
    write_pack: Callable[..., Path],
) -> None:
    found = problems(write_pack, TITLE + fact(published="2025-12-11"))
    assert len(found) == 1
    assert "source.published: this source was published on 2025-12-11, after" in found[0]
    assert problems(write_pack, TITLE + fact(published="2025-07-22")) == []


def test_a_title_date_without_the_pack_s_year_is_warned_about(
    write_pack: Callable[..., Path],
) -> None:
    stale = TITLE.replace("30 de julio de 2025", "30 de julio de 2024")
    found = problems(write_pack, stale)
    assert len(found) == 1
    assert "slides[0].date: the date '30 de julio de 2024' does not say 2025" in found[0]


HELP = """\
  - type: resources
    heading: "Help"
    resources:
      - name: "A hotline"
        description: "Call it"
        url: tel:+18883737888
{region}
      - name: "A website"
        description: "Read it"
        url: https://example.org
"""


def test_a_phone_line_without_a_region_is_warned_about(write_pack: Callable[..., Path]) -> None:
    found = problems(write_pack, TITLE + HELP.format(region=""))
    assert len(found) == 1
    assert "resources[0]: a phone number works in one country: say which" in found[0]
    assert problems(write_pack, TITLE + HELP.format(region="        region: [US]")) == []


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("[UK]", "'UK' is not a country code: write the two capital letters of ISO 3166"),
        ("[us]", "did you mean 'US'?"),
        ("[US, US]", "'US' is listed twice"),
        ("[]", "found an empty list"),
    ],
)
def test_region_codes_are_checked(
    write_pack: Callable[..., Path], region: str, expected: str
) -> None:
    found = problems(write_pack, TITLE + HELP.format(region=f"        region: {region}"))
    assert any(expected in p and ": error:" in p for p in found), found


def test_the_united_kingdom_is_gb(write_pack: Callable[..., Path]) -> None:
    found = problems(write_pack, TITLE + HELP.format(region="        region: [UK]"))
    assert any("the United Kingdom's code is GB" in p for p in found)


# -- regions ----------------------------------------------------------------------------


def test_a_line_works_where_its_region_says() -> None:
    assert works_in((), "JP")  # no region: everywhere, like a website
    assert works_in(("US",), None)  # the venue did not say: show it, labelled
    assert works_in(("US", "CA"), "CA")
    assert not works_in(("US",), "GB")
    assert works_in(("EU",), "ES")
    assert not works_in(("EU",), "GB")


def test_region_labels_in_the_visitor_s_language() -> None:
    assert region_label(("US",), "en") == "United States only"
    assert region_label(("US",), "es") == "Solo en Estados Unidos"
    assert region_label(("US", "CA"), "en") == "United States and Canada only"


def test_the_emergency_line_for_the_kiosk_s_region() -> None:
    numbers = [("911", ("US", "CA", "MX")), ("999", ("GB",)), ("112", ("GB",)), ("112", ("EU",))]
    assert emergency_line(numbers, "GB", "en") == "In immediate danger? Call 999 or 112"
    assert emergency_line(numbers, "ES", "es") == "¿En peligro inmediato? Llame al 112"
    assert emergency_line(numbers, "JP", "en") is None
    everywhere = emergency_line(numbers, None, "en")
    assert everywhere is not None
    assert "911 (United States, Canada, and Mexico)" in everywhere
    assert "999 or 112 (United Kingdom)" in everywhere


def test_a_kiosk_elsewhere_drops_a_help_slide_it_has_no_line_for() -> None:
    pack = load_pack(content_dir() / "2025")
    in_japan = for_region(pack, "JP")
    helps = [s for s in in_japan.slides if isinstance(s, ResourcesSlide)]
    # Only the "learn more" slide of websites is left; no phone line works in Japan.
    assert len(helps) == 1
    assert all(not r.region for r in helps[0].resources)
    assert in_japan.emergency == ()
    assert for_region(pack, None) is pack


# -- next year's pack -------------------------------------------------------------------


def test_every_date_text_moves_to_the_new_year_and_nothing_else() -> None:
    text = (content_dir() / "2024" / "pack.yaml").read_text("utf-8")
    moved, changes = move_to_year(text, 2024, 2025)
    assert 'en: "30 July 2025"' in moved
    assert 'es: "30 de julio de 2025"' in moved
    assert "year: 2025" in moved
    assert "date: 2025-07-30" in moved
    assert '"World Day against Trafficking in Persons 2025"' in moved
    # Facts, sources and events keep their years.
    assert "(22 July 2024)" in moved
    assert "date: 2024-07-22" in moved
    assert len(changes) == 6
    # The organiser's comments survive.
    assert moved.count("#") == text.count("#")


def test_kiosk_new_with_a_year_makes_a_pack_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "source"
    shutil.copytree(content_dir() / "2024", source)
    assert main(["new", str(tmp_path / "next"), "--from", str(source), "--year", "2031"]) == 0
    out = capsys.readouterr().out
    assert '"30 de julio de 2024" → "30 de julio de 2031"' in out
    assert "Figures whose data is now too old" in out
    assert "Sources to check for a newer edition" in out
    assert "https://press.un.org/en/2024/sgsm22315.doc.htm" in out
    report = check_pack(tmp_path / "next")
    assert report.pack is not None
    assert report.pack.year == 2031
    # The only warnings left are the figures' ages, as the command listed them.
    assert report.warnings
    assert all(p.key_path.endswith(".as_of") for p in report.warnings)


# -- characters the fonts cannot draw ------------------------------------------------------


def test_a_character_the_fonts_cannot_draw_is_named_with_its_line(
    write_pack: Callable[..., Path],
) -> None:
    found = problems(write_pack, TITLE.replace('theme: "A theme"', 'theme: "A theme 📞"'))
    assert len(found) == 1
    assert (
        "pack.yaml:10:12: warning: slides[0].theme: the kiosk's fonts cannot draw '📞'"
        in (found[0])
    )
    assert "U+1F4DE TELEPHONE RECEIVER" in found[0]
    assert problems(write_pack, TITLE.replace('theme: "A theme"', 'theme: "Día – ¿€?"')) == []

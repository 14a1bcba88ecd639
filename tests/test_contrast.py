"""Theme colours are checked against WCAG AA, in the bundled packs and by validate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.pack.contrast import AA_NORMAL_TEXT, THEME_PAIRS, contrast_ratio
from kiosk.pack.load import check_pack, load_pack
from kiosk.paths import bundled_packs


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is the lightest grey that passes AA (4.54:1)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < AA_NORMAL_TEXT


@pytest.mark.parametrize("folder", bundled_packs(), ids=lambda p: p.name)
def test_bundled_themes_meet_aa_for_every_pair(folder: Path) -> None:
    theme = load_pack(folder).theme
    for fg, bg, _ in THEME_PAIRS:
        ratio = contrast_ratio(getattr(theme, fg), getattr(theme, bg))
        assert ratio >= AA_NORMAL_TEXT, f"{folder.name}: {fg} on {bg} is {ratio:.2f}:1"


def test_validate_warns_on_low_contrast(pack_copy: Callable[[str], Path]) -> None:
    folder = pack_copy("2023")
    pack_file = folder / "pack.yaml"
    text = pack_file.read_text("utf-8")
    assert 'muted: "#c9d6e3"' in text
    pack_file.write_text(text.replace('muted: "#c9d6e3"', 'muted: "#33465c"'), "utf-8")
    report = check_pack(folder)
    assert report.pack is not None  # a warning, not an error: the show can go on
    warnings = [p for p in report.warnings if p.key_path == "theme.muted"]
    assert len(warnings) == 2  # on background and on surface
    assert "below the 4.5:1" in warnings[0].message
    assert warnings[0].line is not None

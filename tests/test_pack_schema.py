"""The bundled packs against the validator and against the JSON Schema editors use."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kiosk.pack.fields import shape_of
from kiosk.pack.json_schema import nested_shapes, pack_json_schema, pack_reference_markdown
from kiosk.pack.load import check_pack
from kiosk.pack.model import Pack
from kiosk.paths import bundled_packs
from kiosk.slides import kinds
from kiosk.slides.facts import FactsSlide
from kiosk.slides.timeline import TimelineSlide

BUNDLED = [pytest.param(p, id=p.name) for p in bundled_packs()]
DOCS = Path(__file__).parents[1] / "docs"
# Example packs for other causes, in the docs: held to the same standard as the bundled ones.
EXAMPLES = [
    pytest.param(p.parent, id=p.parent.name) for p in sorted(DOCS.glob("examples/*/pack.yaml"))
]


def _as_editor_sees_it(value: Any) -> Any:
    """YAML 1.1 makes dates of 2000-11-15; an editor's YAML 1.2 keeps them as strings."""
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_two_packs_are_bundled() -> None:
    assert [p.name for p in bundled_packs()] == ["2023", "2024", "2025"]


@pytest.mark.parametrize("folder", BUNDLED)
def test_bundled_pack_validates_without_warnings(folder: Path) -> None:
    report = check_pack(folder)
    assert [str(p) for p in report.problems] == []
    assert report.pack is not None
    assert report.pack.year == int(folder.name)


@pytest.mark.parametrize("folder", EXAMPLES)
def test_example_pack_validates_without_warnings(folder: Path) -> None:
    report = check_pack(folder)
    assert [str(p) for p in report.problems] == []
    assert report.pack is not None


def test_every_slide_kind_is_shown_by_a_pack_we_ship() -> None:
    used = set()
    for folder in [*bundled_packs(), *(p.values[0] for p in EXAMPLES)]:
        pack = check_pack(folder).pack
        assert pack is not None
        used |= {s.kind for s in pack.slides}
    assert used == set(kinds())


def test_every_slide_kind_has_an_example_in_the_pack_format_page() -> None:
    page = (DOCS / "pack-format.md").read_text("utf-8")
    for name in kinds():
        assert f"  - type: {name}\n" in page, name


@pytest.mark.parametrize("folder", BUNDLED)
def test_every_fact_and_event_has_a_web_source(folder: Path) -> None:
    pack = check_pack(folder).pack
    assert pack is not None
    backed = [fact for s in pack.slides if isinstance(s, FactsSlide) for fact in s.facts]
    backed += [event for s in pack.slides if isinstance(s, TimelineSlide) for event in s.events]
    assert len(backed) >= 6
    for item in backed:
        assert item.source.url.startswith(("https://", "http://"))
        assert pack.text(item.source.name, pack.default_language)


@pytest.mark.parametrize("folder", BUNDLED + EXAMPLES)
def test_shipped_pack_matches_the_json_schema(folder: Path) -> None:
    document = _as_editor_sees_it(yaml.safe_load((folder / "pack.yaml").read_text("utf-8")))
    jsonschema.validate(document, pack_json_schema())


def test_json_schema_is_valid_and_rejects_typos(bundled_content: Path) -> None:
    schema = pack_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    document = _as_editor_sees_it(
        yaml.safe_load((bundled_content / "2023" / "pack.yaml").read_text("utf-8"))
    )
    document["slides"][0]["titel"] = "typo"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
    json.dumps(schema)  # serialisable as the CLI prints it


def test_json_schema_refuses_unsafe_qr_scheme(bundled_content: Path) -> None:
    document = _as_editor_sees_it(
        yaml.safe_load((bundled_content / "2023" / "pack.yaml").read_text("utf-8"))
    )
    resources = next(s for s in document["slides"] if s["type"] == "resources")
    resources["resources"][0]["url"] = "javascript:alert(1)"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, pack_json_schema())


def test_markdown_reference_lists_every_slide_kind_and_key() -> None:
    text = pack_reference_markdown()
    for kind, declared in kinds().items():
        shape = declared.shape
        assert f"## Slide `type: {kind}`" in text
        for key in shape.keys:
            assert f"| `{key}` |" in text


def test_every_description_reads_as_one_line() -> None:
    for shape in [shape_of(Pack), *nested_shapes(Pack)]:
        assert "  " not in shape.doc, shape.name


def test_docs_reference_is_up_to_date() -> None:
    committed = DOCS / "pack-reference.md"
    assert committed.read_text("utf-8").strip() == pack_reference_markdown().strip(), (
        "run: kiosk schema --markdown --out docs/pack-reference.md"
    )

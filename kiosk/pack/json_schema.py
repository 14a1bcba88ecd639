"""The pack format as JSON Schema, for editors, and as a Markdown reference, for organisers.

Both are derived from ``kiosk.pack.spec``, the one declaration of the format.
"""

from __future__ import annotations

from typing import Any

from kiosk.pack import spec
from kiosk.pack.icons import ICON_SETS
from kiosk.pack.spec import FieldSpec, Kind, ShapeSpec

_TEXT = {
    "description": "Text: a plain string, or a mapping by language such as {en: ..., es: ...}",
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": spec.LANGUAGE_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    ],
}


def _field_schema(fspec: FieldSpec) -> dict[str, Any]:
    kind = fspec.kind
    out: dict[str, Any]
    if kind is Kind.TEXT:
        out = dict(_TEXT)
    elif kind is Kind.STRING:
        out = {"type": ["string", "number"]}
    elif kind is Kind.INTEGER:
        out = {"type": "integer"}
    elif kind is Kind.NUMBER:
        out = {"type": "number"}
    elif kind is Kind.WEB_URL:
        out = {"type": "string", "pattern": r"^https?://\S+$"}
    elif kind is Kind.QR_TARGET:
        out = {
            "type": "string",
            "maxLength": spec.QR_MAX_BYTES,
            "pattern": r"^(https?://\S+|(tel|sms|mailto):\S+)$",
        }
    elif kind is Kind.IMAGE:
        out = {"type": "string", "pattern": r"^[^/\\].*\.(png|jpe?g|svg|webp|gif)$"}
    elif kind is Kind.COLOR:
        out = {"type": "string", "pattern": spec.COLOR_PATTERN}
    elif kind is Kind.DATE:
        # YAML 1.1 reads an unquoted 2000-11-15 as a date; editors (YAML 1.2) see a string.
        out = {"type": ["string", "integer"], "pattern": spec.DATE_PATTERN}
    elif kind is Kind.LANGUAGE:
        out = {"type": "string", "pattern": spec.LANGUAGE_PATTERN}
    elif kind is Kind.LANGUAGES:
        out = {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "pattern": spec.LANGUAGE_PATTERN},
        }
    elif kind is Kind.ICON:
        prefixes = "|".join(ICON_SETS)
        out = {"type": "string", "pattern": rf"^({prefixes})\.[a-z0-9-]+$"}
    elif kind is Kind.CHOICE:
        out = {"enum": list(fspec.choices)}
    elif kind is Kind.OBJECT:
        assert fspec.shape is not None
        out = {"$ref": f"#/$defs/{_def_name(fspec.shape)}"}
    elif kind is Kind.LIST:
        assert fspec.shape is not None
        out = {
            "type": "array",
            "minItems": fspec.min_items,
            "items": {"$ref": f"#/$defs/{_def_name(fspec.shape)}"},
        }
        if fspec.max_items is not None:
            out["maxItems"] = fspec.max_items
    elif kind is Kind.SLIDES:
        out = {
            "type": "array",
            "minItems": fspec.min_items,
            "items": {
                "oneOf": [
                    {"$ref": f"#/$defs/{_def_name(shape)}"} for shape in spec.SLIDE_KINDS.values()
                ]
            },
        }
    else:  # pragma: no cover - a new Kind must be mapped here
        raise AssertionError(kind)
    if fspec.minimum is not None:
        out["minimum"] = fspec.minimum
    if fspec.maximum is not None:
        out["maximum"] = fspec.maximum
    out["description"] = fspec.doc
    if fspec.default is not None:
        out["default"] = fspec.default
    return out


def _def_name(shape: ShapeSpec) -> str:
    return shape.name.replace(" ", "_")


def _shape_schema(shape: ShapeSpec, slide_kind: str | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for fspec in shape.fields:
        if fspec.key == "type" and slide_kind is not None:
            properties["type"] = {"const": slide_kind, "description": fspec.doc}
        else:
            properties[fspec.key] = _field_schema(fspec)
    return {
        "type": "object",
        "description": shape.doc,
        "properties": properties,
        "required": [f.key for f in shape.fields if f.required],
        "additionalProperties": False,
    }


def _shapes() -> list[ShapeSpec]:
    return [
        spec.SOURCE,
        spec.FACT,
        spec.EVENT,
        spec.FAILURE_POINT,
        spec.RESOURCE,
        spec.THEME,
        spec.TIMING,
    ]


def pack_json_schema() -> dict[str, Any]:
    defs = {_def_name(shape): _shape_schema(shape) for shape in _shapes()}
    for kind, shape in spec.SLIDE_KINDS.items():
        defs[_def_name(shape)] = _shape_schema(shape, slide_kind=kind)
    schema = _shape_schema(spec.PACK)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "awareness-kiosk content pack (pack.yaml)",
        **schema,
        "$defs": defs,
    }


_KIND_WORDS = {
    Kind.TEXT: "text (or {en: …, es: …})",
    Kind.STRING: "text",
    Kind.INTEGER: "whole number",
    Kind.NUMBER: "number",
    Kind.WEB_URL: "web address",
    Kind.QR_TARGET: "QR target",
    Kind.IMAGE: "image path",
    Kind.COLOR: "colour",
    Kind.DATE: "date",
    Kind.LANGUAGE: "language code",
    Kind.LANGUAGES: "list of language codes",
    Kind.ICON: "icon name",
    Kind.CHOICE: "one of",
    Kind.OBJECT: "section",
    Kind.LIST: "list",
    Kind.SLIDES: "list of slides",
}


def _markdown_table(shape: ShapeSpec, slide_kind: str | None = None) -> list[str]:
    rows = ["| key | what it holds | required | notes |", "|---|---|---|---|"]
    for f in shape.fields:
        what = _KIND_WORDS[f.kind]
        if f.key == "type" and slide_kind:
            what = f"`{slide_kind}`"
        if f.kind is Kind.CHOICE and f.choices:
            what += " " + ", ".join(f"`{c}`" for c in f.choices)
        if f.kind is Kind.LIST and f.shape is not None:
            what = f"list of {f.shape.name}s"
        notes = [f.doc]
        if f.default is not None:
            notes.append(f"Default: `{f.default}`.")
        if f.max_chars:
            notes.append(f"Keep under {f.max_chars} characters.")
        if f.max_items:
            notes.append(f"{f.min_items}–{f.max_items} items.")
        rows.append(f"| `{f.key}` | {what} | {'yes' if f.required else 'no'} | {' '.join(notes)} |")
    return rows


def pack_reference_markdown() -> str:
    """The field reference for organisers (docs/pack-reference.md is this output)."""
    out = [
        "# pack.yaml field reference",
        "",
        "Generated by `kiosk schema --markdown` from the same declaration the validator "
        "uses, so it is always up to date.",
        "",
    ]
    sections: list[tuple[str, ShapeSpec, str | None]] = [("The pack (top level)", spec.PACK, None)]
    sections += [(f"Slide `type: {kind}`", shape, kind) for kind, shape in spec.SLIDE_KINDS.items()]
    sections += [(f"{shape.name.capitalize()}", shape, None) for shape in _shapes()]
    for title, shape, kind in sections:
        out += [f"## {title}", "", shape.doc, "", *_markdown_table(shape, kind), ""]
    return "\n".join(out)

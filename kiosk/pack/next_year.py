"""Next year's pack from this year's: every date text moved to the new year, as text.

``kiosk new DIR --from PACK --year Y`` copies a pack and calls ``move_to_year``
on its pack.yaml. The file is edited as text, at the places the YAML parser
points to, so the organiser's comments, order and quoting all survive. Only the
texts that say when *this* pack is for change: the pack's ``year``, ``date`` and
``title``, and each title slide's ``date``, in every language ("30 July 2024" →
"30 July 2025", "30 de julio de 2024" → "30 de julio de 2025"). Facts, sources
and timeline events keep their years: they say when something happened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.pack.yamlsafe import compose

# Top-level keys whose text names the pack's year, and a title slide's.
PACK_KEYS = ("year", "date", "title")
TITLE_SLIDE_KEYS = ("date",)


@dataclass(frozen=True)
class Moved:
    """One text that now names the new year: where it is, and before and after."""

    line: int
    before: str
    after: str


def move_to_year(text: str, old: int, new: int) -> tuple[str, list[Moved]]:
    """``text`` (a pack.yaml) with its date texts moved from ``old`` to ``new``."""
    root, _ = compose(text)
    if not isinstance(root, MappingNode):
        return text, []
    year = re.compile(rf"(?<![0-9]){old}(?![0-9])")
    edits: list[tuple[int, int, str, int]] = []  # start, end, replacement, line
    for node in _date_texts(root):
        start, end = node.start_mark.index, node.end_mark.index
        written = text[start:end]
        moved = year.sub(str(new), written)
        if moved != written:
            edits.append((start, end, moved, node.start_mark.line + 1))
    changes = []
    for start, end, moved, line in sorted(edits, reverse=True):
        changes.append(Moved(line, text[start:end], moved))
        text = text[:start] + moved + text[end:]
    return text, sorted(changes, key=lambda change: change.line)


def _date_texts(root: MappingNode) -> Iterator[ScalarNode]:
    for key, value in root.value:
        if key.value in PACK_KEYS:
            yield from _scalars(value)
        elif key.value == "slides" and isinstance(value, SequenceNode):
            for slide in value.value:
                if isinstance(slide, MappingNode) and _type_of(slide) == "title":
                    for slide_key, slide_value in slide.value:
                        if slide_key.value in TITLE_SLIDE_KEYS:
                            yield from _scalars(slide_value)


def _scalars(node: Node) -> Iterator[ScalarNode]:
    """A text, or each language's text of a text by language."""
    if isinstance(node, ScalarNode):
        yield node
    elif isinstance(node, MappingNode):
        for _, value in node.value:
            if isinstance(value, ScalarNode):
                yield value


def _type_of(slide: MappingNode) -> str | None:
    return next((v.value for k, v in slide.value if k.value == "type"), None)

"""PyYAML's nodes as the field kinds see them, without importing PyYAML.

The field kinds (``kiosk.pack.fields``) read values from the nodes PyYAML gives, but
the model they belong to is imported by processes that never read YAML: on a first
start the kiosk has its pack read in a child (``kiosk.pack_ahead``), which sends
the model back. Importing PyYAML there (some 10 ms of a start, for nothing) is
avoided by telling the nodes apart by the kind each class of node declares
(``id``); the classes themselves are imported for type checkers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# What every tag of a plain YAML type (text, numbers, lists...) starts with.
YAML = "tag:yaml.org,2002:"


class Unreadable(Exception):
    """A scalar YAML cannot turn into a value: a date that does not exist, or a number
    with more digits than Python reads (4,300: its guard against slow conversions)."""


def is_scalar(node: Node | None) -> TypeGuard[ScalarNode]:
    return _kind(node) == "scalar"


def is_sequence(node: Node | None) -> TypeGuard[SequenceNode]:
    return _kind(node) == "sequence"


def is_mapping(node: Node | None) -> TypeGuard[MappingNode]:
    return _kind(node) == "mapping"


def _kind(node: Node | None) -> object:
    return getattr(type(node), "id", None)

"""Parse pack YAML into nodes that keep their line numbers, refusing what is unsafe.

PyYAML's node graph is used instead of plain Python objects because nodes carry
line and column marks (every message names its line) and because the checks
below must run before anything is built:

- only the plain YAML types (text, numbers, booleans, null, lists, mappings);
  tags such as ``!!python/object`` that build objects are refused;
- duplicate keys are errors (PyYAML would silently keep the last one);
- aliases are allowed, but their expansion is bounded, so a "billion laughs"
  document fails at once with a message instead of eating memory;
- nesting depth, the number of values and the items in one list or mapping are
  bounded, so a huge generated file is refused in a second instead of taking
  gigabytes: PyYAML's nodes cost about 300 bytes each, and a 20 MB file of
  ``[1,1,1,...]`` is ten million of them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.pack.nodes import YAML, Unreadable
from kiosk.pack.quoting import shown

try:  # the C parser is much faster on big packs; it is optional in PyYAML
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

PLAIN_TAGS = frozenset(
    YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
MAX_DEPTH = 40
# An expanded document may hold at most this many nodes more than were written.
# Honest anchors and aliases (a shared source, say) stay far below it; a
# "billion laughs" document passes it within a few levels.
MAX_ALIAS_GROWTH = 100_000
# Values (texts, numbers, lists, mappings, keys) in one pack.yaml. A slide like the
# bundled packs' (two languages, a source for every figure) is about 100 of them, so
# this allows some 5,000 such slides; reading this many takes two seconds and 300 MB
# (bench/bench_pack_limits.py measures it), and a bigger file is refused at once.
MAX_VALUES = 500_000
# Items in one list or mapping. The longest a pack needs is its list of slides.
MAX_ITEMS = 10_000


@dataclass(frozen=True)
class YamlIssue:
    line: int | None
    column: int | None
    key_path: str
    message: str


class YamlRejected(Exception):
    """The document cannot be read at all (syntax error, unsafe or explosive content)."""

    def __init__(self, issues: list[YamlIssue]) -> None:
        self.issues = issues
        super().__init__("; ".join(i.message for i in issues))


def where(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def compose(text: str) -> tuple[Node | None, list[YamlIssue]]:
    """The document's root node (None when empty) and the issues that do not stop reading.

    Duplicate keys are reported but reading goes on, so that one run lists every
    problem; anything unsafe raises ``YamlRejected``.
    """
    try:
        _count_values(text)
        node: Node | None = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlRejected([YamlIssue(line, column, "", _syntax_message(exc, text))]) from None
    except yaml.reader.ReaderError as exc:
        # Not a MarkedYAMLError: it gives a character position instead of a mark.
        position = max(0, min(exc.position, len(text)))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        raise YamlRejected(
            [
                YamlIssue(
                    line,
                    column,
                    "",
                    f"the file holds a control character (#x{exc.character:04x}) "
                    "that YAML does not allow: delete it (editors may show it as "
                    "a box or NUL)",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:  # no mark, and its text may quote the file: not shown
        raise YamlRejected(
            [
                YamlIssue(
                    None, None, "", f"the file cannot be read as YAML ({exc.__class__.__name__})"
                )
            ]
        ) from None
    except RecursionError:
        raise YamlRejected([YamlIssue(None, None, "", "the YAML is nested too deeply")]) from None
    if node is None:
        return None, []
    checker = _Checker()
    checker.check(node)
    return node, checker.duplicates


def _count_values(text: str) -> None:
    """Refuse a document of more than ``MAX_VALUES`` values before building any of them.

    Counting parser events keeps memory flat; it costs a fifth of composing, so it
    is skipped for a file too short to hold that many (a value takes at least one
    character, as in ``{a,b,c}``).
    """
    if len(text) <= MAX_VALUES:
        return
    values = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        if isinstance(event, yaml.NodeEvent):
            values += 1
            if values > MAX_VALUES:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
                raise YamlRejected(
                    [
                        YamlIssue(
                            line,
                            column,
                            "",
                            f"the file holds more than {MAX_VALUES:,} values (texts, numbers, "
                            f"keys); a pack needs far fewer, even with thousands of slides: this "
                            "looks like a generated or pasted file, not a pack",
                        )
                    ]
                )


def _syntax_message(exc: yaml.MarkedYAMLError, text: str) -> str:
    # PyYAML's pure-Python parser may quote the file (an alias's name): kept short.
    problem = shown(exc.problem or exc.context or "invalid YAML", 120, quote=False)
    if "expected a single document" in (exc.context or ""):
        return (
            "YAML syntax error: a second document starts here: a pack.yaml holds one "
            "document, so remove the second '---' (and anything after it that is not "
            "part of the pack)"
        )
    return f"YAML syntax error: {problem}{_syntax_hint(problem, _char_at(text, exc.problem_mark))}"


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


_INDENTATION_HINT = (
    " (check the indentation: the keys of one block start in the same "
    "column, each list item's '- ' lines up with the one before it, and "
    "indenting uses spaces only)"
)


def _syntax_hint(problem: str, char: str) -> str:
    if char == "\t":
        return " (a tab: use spaces, not tabs, to indent)"
    if "mapping values are not allowed" in problem:
        return (
            " (a ':' inside a text? put the text in quotes. Or this line is indented "
            "further than the key above it)"
        )
    if (
        "did not find expected key" in problem
        or "expected '-' indicator" in problem
        or "expected <block end>" in problem
    ):
        return _INDENTATION_HINT
    if "could not find expected ':'" in problem:
        return (
            " (a line without 'key:'? every line of a mapping needs a key and a colon; "
            "a text that goes on over several lines must be indented under its key)"
        )
    return ""


class _Checker:
    """One walk over the node graph: tags, depth, duplicate keys and alias expansion.

    Runs once per load over every node of a pack, so it is kept lean: the key
    path is a stack joined only when something is reported, and scalars (most
    nodes) take a short path.
    """

    def __init__(self) -> None:
        self.issues: list[YamlIssue] = []  # these stop reading
        self.duplicates: list[YamlIssue] = []
        self.sizes: dict[int, int] = {}
        self.in_progress: set[int] = set()
        self.written = 0
        self.path: list[str] = []

    def check(self, root: Node) -> None:
        with contextlib.suppress(_Stop):  # the reason is in self.issues
            self._size(root, 0)
        if self.issues:
            raise YamlRejected(self.issues)

    def _key_path(self, extra: str = "") -> str:
        parts = [*self.path, extra] if extra else self.path
        return "".join(p if p.startswith("[") or i == 0 else "." + p for i, p in enumerate(parts))

    def _fail(self, node: Node, message: str, key: str = "") -> None:
        line, column = where(node)
        self.issues.append(YamlIssue(line, column, self._key_path(key), message))

    def _size(self, node: Node, depth: int) -> int:
        """Number of nodes the subtree expands to, with aliases counted every time."""
        if node.tag not in PLAIN_TAGS:
            self._fail(
                node,
                f"the YAML tag {shown(node.tag.replace(YAML, '!!'))} is not allowed: "
                "a pack holds only text, numbers, lists and mappings; remove "
                "the tag",
            )
            return 1
        if isinstance(node, ScalarNode):
            self.written += 1
            return 1
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        if id(node) in self.in_progress:
            self._fail(node, "an alias refers to its own anchor (a loop); remove it")
            raise _Stop
        if depth > MAX_DEPTH:
            self._fail(node, f"nested more than {MAX_DEPTH} levels deep")
            raise _Stop
        self.written += 1
        self.in_progress.add(id(node))
        if len(node.value) > MAX_ITEMS:
            what = "items" if isinstance(node, SequenceNode) else "keys"
            self._fail(
                node,
                f"this holds {len(node.value):,} {what}; a list or mapping in "
                f"a pack holds at most {MAX_ITEMS:,}: split the pack",
            )
            raise _Stop
        size = 1
        path = self.path
        if isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                path.append(f"[{index}]")
                size += self._size(item, depth + 1)
                path.pop()
        elif isinstance(node, MappingNode):
            size += self._mapping_size(node, depth)
        self.in_progress.discard(id(node))
        self.sizes[id(node)] = size
        if size - self.written > MAX_ALIAS_GROWTH:
            self._fail(
                node,
                f"anchors and aliases (&name / *name) expand this to over "
                f"{size:,} values; a pack never needs that many: write the "
                "repeated parts out, or use fewer aliases",
            )
            raise _Stop  # no need to count the rest
        return size

    def _mapping_size(self, node: MappingNode, depth: int) -> int:
        size = 0
        first_seen: dict[str, Node] = {}
        path = self.path
        for key_node, value_node in node.value:
            if key_node.tag == YAML + "merge":
                self._fail(key_node, "merge keys ('<<') are not supported; write the keys out")
                continue
            if not isinstance(key_node, ScalarNode) or key_node.tag not in PLAIN_TAGS:
                self._fail(key_node, "a key must be a plain word, e.g. 'title'")
                continue
            key = key_node.value
            earlier = first_seen.get(key)
            if earlier is not None:
                line, column = where(key_node)
                self.duplicates.append(
                    YamlIssue(
                        line,
                        column,
                        self._key_path(key),
                        f"duplicate key {shown(key)} (first set on line {where(earlier)[0]}); "
                        "YAML would silently keep only the last one: remove one of them",
                    )
                )
            else:
                first_seen[key] = key_node
            path.append(key)
            self.written += 1  # the key, as written: only what aliases add is growth
            size += 1 + self._size(value_node, depth + 1)
            path.pop()
        return size


class _Stop(Exception):
    pass


_constructor = yaml.constructor.SafeConstructor()


def scalar_value(node: ScalarNode) -> object:
    """The Python value YAML gives a scalar (int, float, bool, None, date or str)."""
    construct: Callable[[yaml.constructor.SafeConstructor, ScalarNode], object] = (
        _constructor.yaml_constructors[node.tag]
    )
    try:
        return construct(_constructor, node)
    except (ValueError, OverflowError) as exc:
        raise Unreadable(str(exc)) from None

"""Reading one pack.yaml's nodes into model objects, with every problem reported.

The field kinds (``kiosk.pack.fields``) know their values; the reader knows the
pack around them: its file and folder (for messages and pictures), its languages
(every text is checked against them), and where problems go.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode

import kiosk.pack.model as model
from kiosk.pack.contrast import (
    AA_NORMAL_TEXT,
    SCRIM_MOST_USEFUL,
    TITLE_COLOURS,
    low_contrast_pairs,
    picture_cells,
    scrim_opacity,
)
from kiosk.pack.fields import (
    NO_VALUE,
    Shape,
    describe,
    direction_warning,
    hidden_names,
    lookup,
    shape_of,
    suggestion,
)
from kiosk.pack.glyphs import undrawable
from kiosk.pack.images import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, decode_image
from kiosk.pack.problems import Problem, ProblemLog, Severity
from kiosk.pack.quoting import invisible_characters, shown
from kiosk.pack.values import LocalText, Origin
from kiosk.pack.yamlsafe import scalar_value, where
from kiosk.packfiles import (
    FILE,
    FOLDER,
    MISSING,
    PackFileError,
    TooBig,
    Why,
    inside,
    kind_of,
    read_file,
)

if TYPE_CHECKING:
    from kiosk.slides import SlideKind


# Read before the rest of the pack, which is checked against them.
FIRST_KEYS = ("languages", "default_language", "year", "date", "max_data_age")


class Reader:
    """``lint``: also check what only an organiser needs to hear about, at a cost the
    path to the first slide should not pay (every country code against the CLDR's
    list, every character against the bundled fonts). Without it, the same pack
    loads to the same model; only some warnings and errors about codes are missed.
    """

    def __init__(
        self, file: Path, root: Path, real_root: Path, problems: ProblemLog, *, lint: bool = True
    ) -> None:
        self.file = file
        self.lint = lint
        self.root = root
        self.real_root = real_root
        self.problems = problems
        self.languages: tuple[str, ...] = ()
        self.default_language = ""
        # Each image path as written: its problem, or where it really is.
        self.image_checks: dict[str, str | Path] = {}
        # Each image's digest, from the very bytes that were checked: with pack.yaml's,
        # they make the version of what a visitor sees (``model.Pack.version``).
        self.image_digests: dict[str, str] = {}
        # Each raster picture's width and height as decoded, by where it really is.
        self.picture_sizes: dict[Path, tuple[int, int]] = {}
        self.error_count = 0
        # The pack's year, date and data-age limit, once read: what items check
        # themselves against (model.ChecksItself, through ItemChecks).
        self.context: model.PackContext | None = None

    def version_of(self, pack_bytes: bytes) -> str:
        digest = hashlib.sha256(pack_bytes)
        for raw in sorted(self.image_digests):
            digest.update(f"\0{raw}\0{self.image_digests[raw]}".encode())
        return digest.hexdigest()[:12]

    # -- values --------------------------------------------------------------------

    def scalar_value(self, node: ScalarNode) -> object:
        """The Python value YAML gives a scalar (int, float, bool, None, date or str);
        raises ``kiosk.pack.nodes.Unreadable`` when it cannot make one. Here rather
        than in the field kinds, which must not import PyYAML (``kiosk.pack.nodes``)."""
        return scalar_value(node)

    # -- reporting ---------------------------------------------------------------

    def error(self, node: Node, key_path: str, message: str | Callable[[], str]) -> None:
        """Report an error; a message that is costly to make may be given as a callable,
        made only when the error will be listed."""
        self.error_count += 1
        if not self.problems.wants(Severity.ERROR):
            self.problems.unlisted[Severity.ERROR] += 1
            return
        line, column = where(node)
        text = message() if callable(message) else message
        self.problems.add(Problem(self.file, line, column, Severity.ERROR, key_path, text))

    def warn(self, node: Node, key_path: str, message: str) -> None:
        line, column = where(node)
        self.problems.add(Problem(self.file, line, column, Severity.WARNING, key_path, message))

    def origin(self, node: Node) -> Origin:
        line, column = where(node)
        return Origin(self.file, line, column)

    # -- languages -----------------------------------------------------------------

    def is_language(self, code: str) -> bool:
        return not self.languages or code in self.languages

    def not_a_language(self, code: str) -> str:
        hidden = invisible_characters(code)
        return (
            f"{shown(code)} is not one of the pack's languages ({', '.join(self.languages)})"
            f"{suggestion(code, list(self.languages), cutoff=0.5)}"
            + (f" (it holds {hidden_names(hidden)}: delete it)" if hidden else "")
        )

    def check_translations(
        self, node: Node, path: str, text: LocalText, *, required: bool = False
    ) -> LocalText | None:
        """A text by language must have the default language; others may be missing,
        unless ``required`` (``Text(in_every_language=True)``)."""
        given = text.by_language
        if self.default_language and self.default_language not in given:
            self.error(
                node,
                path,
                f"no '{self.default_language}' text: the default language must always be given",
            )
            return None
        missing = [lang for lang in self.languages if lang not in given]
        if required and missing:
            self.error(
                node,
                path,
                f"no {' or '.join(repr(lang) for lang in missing)} text: this text is "
                f"required in every language of the pack ({', '.join(self.languages)}): "
                "add it",
            )
            return None
        for lang in missing:
            self.warn(
                node,
                path,
                f"no '{lang}' translation: visitors reading '{lang}' will see the "
                f"'{self.default_language}' text",
            )
        return text

    def check_glyphs(self, node: Node, path: str, text: str) -> None:
        if not self.lint or text.isascii():  # the fonts draw all of ASCII
            return
        missing = undrawable(text)
        if missing:
            named = ", ".join(
                f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing[:5]
            )
            self.warn(
                node,
                path,
                f"the kiosk's fonts cannot draw {named}: visitors would see an empty box; "
                "write it in words or with another character",
            )

    def check_direction(self, node: Node, path: str, text: str) -> None:
        warning = direction_warning(text)
        if warning:
            self.warn(node, path, warning)

    # -- the pack ------------------------------------------------------------------

    def read_pack(self, node: Node) -> model.Pack | None:
        pack = shape_of(model.Pack)
        if not isinstance(node, MappingNode):
            self.error(
                node,
                "",
                "the top level must be a mapping of keys (title:, year:, slides: ...), "
                f"found {describe(node)}",
            )
            return None
        entries = {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}
        # First what the rest is checked against: every text against the languages,
        # every figure and source against the pack's date.
        before = self.error_count
        first: dict[str, Any] = {}
        for key in FIRST_KEYS:
            declared = pack.field(key)
            assert declared is not None
            value_node = entries.get(key)
            if value_node is None:
                if declared.required:
                    self.error(node, "", f"missing '{key}' in the pack: {declared.doc}")
                else:
                    first[declared.attribute] = declared.default_value()
                continue
            value = declared.kind.read(value_node, self, key)
            if value is NO_VALUE:
                continue
            if key == "default_language" and self.languages and value not in self.languages:
                self.error(
                    value_node,
                    key,
                    f"{shown(value)} is not one of the pack's languages "
                    f"({', '.join(self.languages)}): add it to 'languages'",
                )
                continue
            first[declared.attribute] = value
            if key == "languages":
                self.languages = value
        self.default_language = first.get("default_language") or (
            self.languages[0] if self.languages else ""
        )
        if "year" in first:
            self.context = model.PackContext(
                first["year"], first.get("date"), first["max_data_age"]
            )
        values = self.read_shape(node, pack, "", skip=FIRST_KEYS)
        if values is None or self.error_count > before:
            return None
        values.update(first)
        self.check_contrast(values["theme"], entries.get("theme") or node)
        for slide in values["slides"]:
            self.check_background(slide, values["theme"])
        built: model.Pack = pack.build(values, root=self.root)
        return built

    def check_contrast(self, theme: model.Theme, node: Node) -> None:
        for fg, bg, use, ratio in low_contrast_pairs(theme):
            self.warn(
                node,
                f"theme.{fg}",
                f"'{fg}' on '{bg}' ({use}) has a contrast of {ratio:.1f}:1, below the "
                f"{AA_NORMAL_TEXT}:1 that text needs to be readable (WCAG AA): make one "
                "lighter or darker",
            )

    def check_background(self, slide: model.Slide, theme: model.Theme) -> None:
        """A picture behind a slide's text: the scrim the kiosk lays over it to keep
        the text at 4.5:1 (``kiosk.pack.contrast.scrim_opacity``), measured on the
        picture itself; a warning when that scrim leaves little of it to see."""
        picture = getattr(slide, "background_image", None)
        if not isinstance(picture, Path):
            return
        cells = picture_cells(picture)
        if cells is None:  # a drawing: the kiosk measures it as it draws it
            return
        colours = [getattr(theme, key) for key in TITLE_COLOURS]
        opacity, contrast = scrim_opacity(cells, theme.background, colours)
        if opacity > SCRIM_MOST_USEFUL:
            origin = slide.origin
            self.problems.add(
                Problem(
                    origin.file,
                    origin.line,
                    origin.column,
                    Severity.WARNING,
                    "background_image",
                    f"the picture is too light or busy behind the title's text: to keep "
                    f"it at {AA_NORMAL_TEXT}:1 (it gets {contrast:.1f}:1) the kiosk must "
                    f"cover it with the background colour at {opacity:.0%}, which leaves "
                    "little of it to see: use a darker or calmer picture",
                )
            )

    def check_slide(self, slide: model.Slide, kind: SlideKind, node: Node, path: str) -> None:
        """What only the slide as a whole can tell: whether it stops showing after it
        starts. (Whether it fits at the readability floors takes drawing it: kiosk
        validate does, with kiosk.ui.deck.)"""
        self.check_showing(slide, node, path)

    def check_showing(self, slide: model.Slide, node: Node, path: str) -> None:
        first, last = slide.show_from, slide.show_until
        if first is not None and last is not None and last.ends() <= first.starts():
            spot = lookup(node, "show_until") if isinstance(node, MappingNode) else None
            self.error(
                spot or node,
                _join(path, "show_until"),
                f"show_until ({last.iso()}) is not after show_from ({first.iso()}): the "
                "slide would never show; swap them or correct one",
            )

    # -- mappings --------------------------------------------------------------------

    def read_shape(
        self, node: Node, shape: Shape, path: str, skip: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """A mapping's values by model attribute; None when anything in it is wrong."""
        if not isinstance(node, MappingNode):
            self.error(
                node,
                path,
                f"expected the {shape.name} as a mapping of keys "
                f"({', '.join(shape.keys[:4])}, ...), found {describe(node)}",
            )
            return None
        before = self.error_count
        given: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in skip:
                continue
            if shape.field(key) is None:
                self.error(key_node, _join(path, key), partial(_unknown_key, key, shape))
                continue
            given[key] = value_node
        self._check_alternatives(node, shape, path, given)
        values: dict[str, Any] = {}
        for declared in shape.fields:
            if declared.key in skip:
                continue
            value_node = given.get(declared.key)
            if value_node is None:
                if declared.required:
                    self.error(
                        node, path, f"missing '{declared.key}' in the {shape.name}: {declared.doc}"
                    )
                    continue
                if declared.recommended:
                    self.warn(node, path, f"no '{declared.key}': {declared.recommended}")
                values[declared.attribute] = declared.default_value()
                continue
            value = declared.kind.read(value_node, self, _join(path, declared.key))
            if value is not NO_VALUE:
                values[declared.attribute] = value
        return None if self.error_count > before else values

    def _check_alternatives(
        self, node: MappingNode, shape: Shape, path: str, given: dict[str, Node]
    ) -> None:
        """Exactly one of each group of alternative keys (``declare(one_of=...)``)."""
        for group in shape.alternatives.values():
            keys = [declared.key for declared in group]
            present = [key for key in keys if key in given]
            choices = " or ".join(f"'{key}'" for key in keys)
            if not present:
                self.error(
                    node,
                    path,
                    f"the {shape.name} needs {choices}: give one of them "
                    f"({'; '.join(f'{d.key}: {d.doc}' for d in group)})",
                )
            for extra in present[1:]:
                key_node = next(k for k, _ in node.value if k.value == extra)
                self.error(
                    key_node,
                    _join(path, extra),
                    f"give either {choices}, {'not both' if len(keys) == 2 else 'only one'}: "
                    f"the {shape.name} shows one of them; remove '{extra}' or '{present[0]}'",
                )

    def build(
        self, node: Node, shape: Shape, path: str, skip: tuple[str, ...] = (), **extra: Any
    ) -> Any:
        """The model object a mapping describes, or ``NO_VALUE`` (its problems reported)."""
        values = self.read_shape(node, shape, path, skip)
        if values is None:
            return NO_VALUE
        built = shape.build(values, **extra)
        if isinstance(built, model.ChecksItself):
            before = self.error_count
            built.check(ItemChecks(self, node, path))
            if self.error_count > before:
                return NO_VALUE
        return built

    # -- pictures --------------------------------------------------------------------

    def image(self, raw: str) -> str | Path:
        """Where the picture ``raw`` really is, or what is wrong with it (a message)."""
        if raw not in self.image_checks:
            self.image_checks[raw] = self._check_image(raw)
        return self.image_checks[raw]

    def _check_image(self, raw: str) -> str | Path:
        name = shown(raw)
        try:
            target = inside(self.real_root, raw)
            kind = kind_of(target)
            if kind == MISSING:
                return f"{name} does not exist in the pack folder (check the spelling and case)"
            if kind == FOLDER:
                return f"{name} is a folder, not an image file"
            if kind != FILE:
                return f"{name} is {kind}, not an image file"
            suffix = target.suffix.lower()
            if suffix not in IMAGE_SUFFIXES:  # a link to a file of another kind
                return f"{name} is not an image: use a PNG, JPEG, SVG, WebP or GIF file"
            data = read_file(target, MAX_IMAGE_BYTES)
        except TooBig as big:
            return (
                f"{name} is {big.size:,} bytes; an image is at most {big.limit:,}: save "
                "it smaller (a logo needs a few hundred kilobytes at most)"
            )
        except PackFileError as exc:
            if exc.why is Why.OUTSIDE:
                return (
                    f"{name} points outside the pack folder: copy the image into the "
                    "pack's images/ folder and refer to it there"
                )
            return f"{name} cannot be read: {exc.reason}"
        # The digest of the very bytes checked: the version of what the slide shows.
        self.image_digests[raw] = hashlib.sha256(data).hexdigest()
        problem, size = decode_image(data, suffix, target.relative_to(self.real_root).as_posix())
        if size is not None:
            self.picture_sizes[target] = size
        return f"{name} {problem}" if problem else target


class ItemChecks:
    """What a model's own ``check`` reports to and asks of (``kiosk.pack.model.Checks``):
    problems at one of its keys, and what was learnt reading the pack."""

    def __init__(self, reader: Reader, node: Node, path: str) -> None:
        self._reader = reader
        self._node = node
        self._path = path

    @property
    def languages(self) -> tuple[str, ...]:
        return self._reader.languages

    @property
    def pack(self) -> model.PackContext | None:
        return self._reader.context

    def _at(self, key: str) -> tuple[Node, str]:
        if not key:
            return self._node, self._path
        found = lookup(self._node, key) if isinstance(self._node, MappingNode) else None
        return found or self._node, _join(self._path, key)

    def error(self, key: str, message: str) -> None:
        self._reader.error(*self._at(key), message)

    def warn(self, key: str, message: str) -> None:
        self._reader.warn(*self._at(key), message)

    def picture_size(self, path: Path) -> tuple[int, int] | None:
        """A raster picture's width and height as decoded; None for a drawing (SVG)."""
        return self._reader.picture_sizes.get(path)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _unknown_key(key: str, shape: Shape) -> str:
    # Made only for errors that are listed: the suggestion compares the key with
    # every valid one, which adds up over thousands of wrong keys.
    hidden = invisible_characters(key)
    return f"unknown key {shown(key)} in the {shape.name}{suggestion(key, shape.keys)}" + (
        f" (it holds {hidden_names(hidden)}: delete it)" if hidden else ""
    )


__all__ = ["NO_VALUE", "Reader"]

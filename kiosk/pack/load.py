"""Folder -> Pack. Every problem is collected and reported together.

``check_pack`` never raises for a bad pack: it returns the problems (and the pack
when there are no errors). ``load_pack`` raises ``PackError`` with all of them.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import math
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.pack import model, spec
from kiosk.pack.budget import budget_for, slide_items, slide_text_chars
from kiosk.pack.contrast import AA_NORMAL_TEXT, low_contrast_pairs
from kiosk.pack.i18n import LocalText
from kiosk.pack.icons import icon_problem
from kiosk.pack.problems import PackError, Problem, Severity
from kiosk.pack.spec import FieldSpec, Kind, ShapeSpec
from kiosk.pack.yamlsafe import YAML, YamlRejected, compose, scalar_value, where

PACK_FILE = "pack.yaml"
MAX_PACK_BYTES = 20 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp", ".gif")


@dataclass
class PackReport:
    """What ``check_pack`` found: the pack (None when it has errors) and every problem."""

    path: Path
    pack: model.Pack | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load_pack(folder: Path | str) -> model.Pack:
    """Load a pack, raising PackError with every problem when it has errors."""
    report = check_pack(folder)
    if report.pack is None:
        raise PackError(report.problems)
    return report.pack


def check_pack(folder: Path | str) -> PackReport:
    """Read and validate a pack; never raises for a bad pack."""
    # Loading allocates a node per YAML value and nothing cyclic of ours; the
    # collector's repeated full passes over them cost a third of the time on a
    # 1,000-slide pack, so it waits until the load is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _check_pack(Path(folder))
    finally:
        if collecting:
            gc.enable()


def _check_pack(folder: Path) -> PackReport:
    if folder.suffix in (".yaml", ".yml") and folder.is_file():
        folder, pack_file = folder.parent, folder  # the pack.yaml itself was named
    else:
        pack_file = folder / PACK_FILE
    report = PackReport(folder, None)

    def whole_file(message: str, path: Path = pack_file) -> PackReport:
        report.problems.append(Problem(path, None, None, Severity.ERROR, "", message))
        return report

    if not folder.exists():
        return whole_file("no such folder: give the path of a pack folder "
                          "(the one holding pack.yaml)", folder)
    if not folder.is_dir():
        return whole_file("this is not a folder: give the pack folder that holds pack.yaml",
                          folder)
    if not pack_file.is_file():
        return whole_file(f"no {PACK_FILE} in this folder: is this a pack folder? "
                          "Start one with 'kiosk new'", folder)
    try:
        size = pack_file.stat().st_size
        if size > MAX_PACK_BYTES:
            return whole_file(f"the file is {size:,} bytes; a pack.yaml is at most "
                              f"{MAX_PACK_BYTES:,}: move pictures to images/")
        data = pack_file.read_bytes()
    except OSError as exc:
        return whole_file(f"cannot read the file: {exc.strerror or exc}")
    text = _decode(data, pack_file, report)
    if text is None:
        return report
    try:
        root, issues = compose(text)
    except YamlRejected as rejected:
        root, issues = None, rejected.issues
    for issue in issues:
        report.problems.append(Problem(pack_file, issue.line, issue.column,
                                       Severity.ERROR, issue.key_path, issue.message))
    if report.problems:
        if root is not None:  # duplicate keys only: read on, to report everything at once
            _Reader(pack_file, folder, report.problems).read_pack(root)
        report.problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        return report
    if root is None:
        return whole_file("the file is empty: a pack needs at least title, year, date, "
                          "languages, default_language and slides (see 'kiosk new')")
    reader = _Reader(pack_file, folder, report.problems)
    pack = reader.read_pack(root)
    # After reading: the version covers the images the pack names, read on the way.
    report.pack = None if pack is None else replace(pack, version=reader.version_of(data))
    report.problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    if report.errors:
        report.pack = None
    return report


def _decode(data: bytes, path: Path, report: PackReport) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.problems.append(Problem(
            path, line, column, Severity.ERROR, "",
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}): save it as UTF-8 "
            "in your editor"))
        return None


def suggestion(word: str, choices: list[str], cutoff: float = 0.6) -> str:
    import difflib  # only for a pack with a mistake: not on every start

    close = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return f" — did you mean '{close[0]}'?" if close else f" (valid: {', '.join(choices)})"


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping (key: value lines)"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == YAML + "null":
        return "nothing"
    return f"'{node.value}'"


_NO_VALUE = object()  # a field that failed to read


class _Reader:
    def __init__(self, file: Path, root: Path, problems: list[Problem]) -> None:
        self.file = file
        self.root = root
        self.real_root = root.resolve()
        self.problems = problems
        self.languages: tuple[str, ...] = ()
        self.default_language = ""
        self.image_checks: dict[str, str | None] = {}
        # Each image's digest, from the very bytes that were checked: with pack.yaml's,
        # they make the version of what a visitor sees (``model.Pack.version``).
        self.image_digests: dict[str, str] = {}
        self.error_count = 0

    def version_of(self, pack_bytes: bytes) -> str:
        digest = hashlib.sha256(pack_bytes)
        for raw in sorted(self.image_digests):
            digest.update(f"\0{raw}\0{self.image_digests[raw]}".encode())
        return digest.hexdigest()[:12]

    # -- reporting ---------------------------------------------------------------

    def error(self, node: Node, key_path: str, message: str) -> None:
        self.error_count += 1
        line, column = where(node)
        self.problems.append(Problem(self.file, line, column, Severity.ERROR, key_path, message))

    def warn(self, node: Node, key_path: str, message: str) -> None:
        line, column = where(node)
        self.problems.append(
            Problem(self.file, line, column, Severity.WARNING, key_path, message))

    # -- the pack ------------------------------------------------------------------

    def read_pack(self, node: Node) -> model.Pack | None:
        if not isinstance(node, MappingNode):
            self.error(node, "", f"the top level must be a mapping of keys (title:, year:, "
                                 f"slides: ...), found {_describe(node)}")
            return None
        entries = {k.value: v for k, v in node.value if isinstance(k, ScalarNode)}
        # Languages first: every text field is checked against them.
        langs = entries.get("languages")
        default = entries.get("default_language")
        for key, value_node in (("languages", langs), ("default_language", default)):
            if value_node is None:
                fspec = spec.PACK.field(key)
                assert fspec is not None
                self.error(node, "", f"missing '{key}' in the pack: {fspec.doc}")
        if langs is not None:
            value = self.read_value(langs, spec.PACK.field("languages"), "languages")  # type: ignore[arg-type]
            if value is not _NO_VALUE:
                self.languages = value
        if default is not None:
            value = self.read_value(default, spec.PACK.field("default_language"),  # type: ignore[arg-type]
                                    "default_language")
            if value is not _NO_VALUE:
                if self.languages and value not in self.languages:
                    self.error(default, "default_language",
                               f"'{value}' is not one of the pack's languages "
                               f"({', '.join(self.languages)}): add it to 'languages'")
                else:
                    self.default_language = value
        if not self.default_language and self.languages:
            self.default_language = self.languages[0]
        values = self.read_shape(node, spec.PACK, "",
                                 skip=("languages", "default_language"))
        if values is None or not self.languages or not self.default_language:
            return None
        self.check_contrast(values["theme"], entries.get("theme") or node)
        return model.Pack(root=self.root, languages=self.languages,
                          default_language=self.default_language, **values)

    def check_contrast(self, theme: model.Theme, node: Node) -> None:
        for fg, bg, use, ratio in low_contrast_pairs(theme):
            self.warn(node, f"theme.{fg}", f"'{fg}' on '{bg}' ({use}) has a contrast of "
                                           f"{ratio:.1f}:1, below the {AA_NORMAL_TEXT}:1 that "
                                           "text needs to be readable (WCAG AA): make one "
                                           "lighter or darker")

    # -- shapes ----------------------------------------------------------------

    def read_shape(self, node: Node, shape: ShapeSpec, path: str,
                   skip: tuple[str, ...] = ()) -> dict[str, Any] | None:
        """Read a mapping into constructor arguments; None when anything in it is wrong."""
        if not isinstance(node, MappingNode):
            self.error(node, path, f"expected the {shape.name} as a mapping of keys "
                                   f"({', '.join(shape.keys[:4])}, ...), found {_describe(node)}")
            return None
        before = self.error_count
        entries: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if shape.field(key) is None:
                self.error(key_node, _join(path, key),
                           f"unknown key '{key}' in the {shape.name}"
                           f"{suggestion(key, shape.keys)}")
                continue
            entries[key] = (key_node, value_node)
        values: dict[str, Any] = {}
        for fspec in shape.fields:
            if fspec.key in skip:
                continue
            if fspec.key not in entries:
                if fspec.required:
                    self.error(node, path, f"missing '{fspec.key}' in the {shape.name}: "
                                           f"{fspec.doc}")
                elif fspec.kind is Kind.OBJECT and fspec.shape is not None:
                    values[fspec.target] = fspec.shape.build() if fspec.shape.build else None
                else:
                    values[fspec.target] = fspec.default
                continue
            value = self.read_value(entries[fspec.key][1], fspec, _join(path, fspec.key))
            if value is not _NO_VALUE:
                values[fspec.target] = value
        if self.error_count > before:
            return None
        return values

    def build(self, node: Node, shape: ShapeSpec, path: str, **extra: Any) -> Any:
        values = self.read_shape(node, shape, path)
        if values is None or shape.build is None:
            return _NO_VALUE
        return shape.build(**values, **extra)

    # -- values ----------------------------------------------------------------

    def read_value(self, node: Node, fspec: FieldSpec, path: str) -> Any:
        kind = fspec.kind
        if kind is Kind.OBJECT:
            assert fspec.shape is not None
            return self.build(node, fspec.shape, path)
        if kind is Kind.LIST:
            return self.read_list(node, fspec, path)
        if kind is Kind.SLIDES:
            return self.read_slides(node, fspec, path)
        if kind is Kind.TEXT:
            return self.read_text(node, fspec, path)
        if kind is Kind.LANGUAGES:
            return self.read_languages(node, path)
        if not isinstance(node, ScalarNode) or node.tag == YAML + "null":
            self.error(node, path, f"expected {_expected(fspec)}, found {_describe(node)}")
            return _NO_VALUE
        reader = getattr(self, f"read_{kind.name.lower()}")
        return reader(node, fspec, path)

    def read_text(self, node: Node, fspec: FieldSpec, path: str) -> Any:
        if isinstance(node, ScalarNode) and node.tag != YAML + "null":
            text = LocalText.plain(node.value.strip())
        elif isinstance(node, MappingNode):
            by_language: dict[str, str] = {}
            for key_node, value_node in node.value:
                lang = key_node.value
                if self.languages and lang not in self.languages:
                    self.error(key_node, _join(path, lang),
                               f"'{lang}' is not one of the pack's languages "
                               f"({', '.join(self.languages)})"
                               f"{suggestion(lang, list(self.languages), cutoff=0.5)}")
                    continue
                if not isinstance(value_node, ScalarNode) or value_node.tag == YAML + "null":
                    self.error(value_node, _join(path, lang),
                               f"expected text, found {_describe(value_node)}")
                    continue
                if not value_node.value.strip():
                    self.error(value_node, _join(path, lang),
                               f"the '{lang}' text is empty: write it, or remove the line to "
                               f"show the '{self.default_language}' text instead")
                    continue
                by_language[lang] = value_node.value.strip()
            if self.default_language and by_language and \
                    self.default_language not in by_language:
                self.error(node, path, f"no '{self.default_language}' text: the default "
                                       "language must always be given")
                return _NO_VALUE
            for lang in self.languages:
                if lang not in by_language and self.default_language in by_language:
                    self.warn(node, path, f"no '{lang}' translation: visitors reading "
                                          f"'{lang}' will see the '{self.default_language}' text")
            text = LocalText(by_language=by_language)
        else:
            self.error(node, path, f"expected text (or text by language, e.g. "
                                   f"{{en: ..., es: ...}}), found {_describe(node)}")
            return _NO_VALUE
        if not text:
            self.error(node, path, "the text is empty: write something or remove the key")
            return _NO_VALUE
        if fspec.max_chars:
            longest = max(text.variants(), key=len)
            if len(longest) > fspec.max_chars:
                self.warn(node, path, f"text is {len(longest)} characters; past "
                                      f"{fspec.max_chars} it shrinks too small to read from "
                                      "two metres: shorten it")
        return text

    def read_languages(self, node: Node, path: str) -> Any:
        if not isinstance(node, SequenceNode) or not node.value:
            self.error(node, path, f"expected a list of language codes such as [en, es], "
                                   f"found {_describe(node)}")
            return _NO_VALUE
        languages: list[str] = []
        for index, item in enumerate(node.value):
            code = self.read_value(item, FieldSpec("", Kind.LANGUAGE, ""), f"{path}[{index}]")
            if code is _NO_VALUE:
                continue
            if code in languages:
                self.error(item, f"{path}[{index}]", f"'{code}' is listed twice")
                continue
            languages.append(code)
        return tuple(languages) if languages else _NO_VALUE

    def read_string(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        text = node.value.strip()
        if not text:
            self.error(node, path, "the text is empty: write something or remove the key")
            return _NO_VALUE
        if fspec.max_chars and len(text) > fspec.max_chars:
            self.warn(node, path, f"text is {len(text)} characters; keep it under "
                                  f"{fspec.max_chars}")
        return text

    def read_integer(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        value = scalar_value(node) if node.tag == YAML + "int" else None
        if not isinstance(value, int):
            self.error(node, path, f"expected a whole number, found '{node.value}'")
            return _NO_VALUE
        return self.check_range(node, fspec, path, value)

    def read_number(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        value = scalar_value(node) if node.tag in (YAML + "int", YAML + "float") else None
        if not isinstance(value, int | float) or not math.isfinite(value):
            self.error(node, path, f"expected a number, found '{node.value}'")
            return _NO_VALUE
        return self.check_range(node, fspec, path, value)

    def check_range(self, node: Node, fspec: FieldSpec, path: str, value: float) -> Any:
        if (fspec.minimum is not None and value < fspec.minimum) or \
                (fspec.maximum is not None and value > fspec.maximum):
            self.error(node, path, f"{value} is out of range: use a value from "
                                   f"{fspec.minimum:g} to {fspec.maximum:g}")
            return _NO_VALUE
        return value

    def read_choice(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        if node.value not in fspec.choices:
            self.error(node, path, f"'{node.value}' is not allowed here"
                                   f"{suggestion(node.value, list(fspec.choices))}")
            return _NO_VALUE
        return node.value

    def read_color(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        if not re.fullmatch(spec.COLOR_PATTERN, node.value):
            self.error(node, path, f"'{node.value}' is not a colour: write it as #rrggbb, "
                                   "e.g. '#0b1d33' (in quotes: # starts a comment in YAML)")
            return _NO_VALUE
        return node.value.lower()

    def read_language(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        if not re.fullmatch(spec.LANGUAGE_PATTERN, node.value):
            self.error(node, path, f"'{node.value}' is not a language code: use a two-letter "
                                   "code such as en, es or fr")
            return _NO_VALUE
        return node.value

    def read_date(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        raw = node.value.strip()  # the text as written, whatever YAML would make of it
        problem = f"'{raw}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2000-11-15"
        if not re.fullmatch(spec.DATE_PATTERN, raw):
            self.error(node, path, problem)
            return _NO_VALUE
        parts = [int(p) for p in raw.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            self.error(node, path, f"'{raw}' is not a real date (check the month and day)")
            return _NO_VALUE
        return model.PartialDate(*parts)

    def read_web_url(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        url = node.value.strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
            self.error(node, path, f"'{url}' is not a web address: write it in full, "
                                   "starting with https://")
            return _NO_VALUE
        return url

    def read_qr_target(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        url = node.value.strip()
        scheme = urlsplit(url).scheme.lower()
        if scheme not in spec.QR_SCHEMES:
            self.error(node, path, f"a QR code may open only {', '.join(spec.QR_SCHEMES)} "
                                   f"addresses, not '{scheme or url}'")
            return _NO_VALUE
        if len(url.encode("utf-8")) > spec.QR_MAX_BYTES:
            self.error(node, path, f"the address is {len(url.encode())} bytes; a QR code with "
                                   f"more than {spec.QR_MAX_BYTES} is too dense to scan on a "
                                   "screen: use a shorter address")
            return _NO_VALUE
        if scheme in ("http", "https"):
            return self.read_web_url(node, fspec, path)
        target = url.split(":", 1)[1].split("?", 1)[0]
        if scheme in ("tel", "sms") and not re.fullmatch(r"\+?[0-9][0-9 ()./-]{2,}", target):
            self.error(node, path, f"'{url}' has no phone number: write e.g. tel:+18883737888")
            return _NO_VALUE
        if scheme == "mailto" and "@" not in target:
            self.error(node, path, f"'{url}' has no e-mail address: write mailto:name@example.org")
            return _NO_VALUE
        return url

    def read_icon(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        problem = icon_problem(node.value)
        if problem:
            self.error(node, path, problem)
            return _NO_VALUE
        return node.value

    def read_image(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        raw = node.value.strip()
        if raw not in self.image_checks:
            self.image_checks[raw] = self._image_problem(raw)
        problem = self.image_checks[raw]
        if problem:
            self.error(node, path, problem)
            return _NO_VALUE
        return (self.root / raw).resolve()

    def _image_problem(self, raw: str) -> str | None:
        if Path(raw).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", raw) or "\\" in raw:
            return (f"'{raw}' is an absolute path: packs are copied between computers, so "
                    "write the path inside the pack folder, e.g. images/logo.png")
        target = (self.root / raw).resolve()
        if not target.is_relative_to(self.real_root):
            return (f"'{raw}' points outside the pack folder: copy the image into the pack's "
                    "images/ folder and refer to it there")
        if not target.exists():
            return f"'{raw}' does not exist in the pack folder (check the spelling and case)"
        if not target.is_file():
            return f"'{raw}' is a folder, not an image file"
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            return f"'{raw}' is not an image: use a PNG, JPEG, SVG, WebP or GIF file"
        try:
            data = target.read_bytes()
        except OSError as exc:
            return f"'{raw}' cannot be read: {exc.strerror or exc}"
        self.image_digests[raw] = hashlib.sha256(data).hexdigest()
        if not _looks_like_image(data[:1024]):
            return (f"'{raw}' is not a valid image (its contents are not PNG, JPEG, SVG, "
                    "WebP or GIF): save it again from an image editor")
        return None

    # -- lists -------------------------------------------------------------------

    def read_list(self, node: Node, fspec: FieldSpec, path: str) -> Any:
        assert fspec.shape is not None
        if not isinstance(node, SequenceNode):
            self.error(node, path, f"expected a list of {fspec.shape.name}s (lines starting "
                                   f"with '- '), found {_describe(node)}")
            return _NO_VALUE
        if not self.check_count(node, fspec, path, fspec.shape.name):
            return _NO_VALUE
        items = [self.build(item, fspec.shape, f"{path}[{i}]") for i, item in enumerate(node.value)]
        if fspec.shape is spec.EVENT:
            self.check_chronology(node, items, path)
        if any(item is _NO_VALUE for item in items):
            return _NO_VALUE
        return tuple(items)

    def check_count(self, node: SequenceNode, fspec: FieldSpec, path: str, what: str) -> bool:
        count = len(node.value)
        if count < fspec.min_items:
            self.error(node, path, f"has {count} {what}s; it needs at least {fspec.min_items}")
            return False
        if fspec.max_items is not None and count > fspec.max_items:
            self.error(node, path, f"has {count} {what}s; at most {fspec.max_items} fit on one "
                                   "slide: split them over two slides")
            return False
        return True

    def check_chronology(self, node: SequenceNode, events: list[Any], path: str) -> None:
        previous: model.Event | None = None
        for index, (item, event) in enumerate(zip(node.value, events, strict=True)):
            if not isinstance(event, model.Event):
                continue
            if previous is not None and event.date < previous.date:
                self.error(_lookup(item, "date") or item, f"{path}[{index}].date",
                           f"events must be in date order, oldest first: {event.date.iso()} "
                           f"comes after {previous.date.iso()}")
            previous = event

    def read_slides(self, node: Node, fspec: FieldSpec, path: str) -> Any:
        if not isinstance(node, SequenceNode):
            self.error(node, path, f"expected a list of slides (each starting with "
                                   f"'- type: ...'), found {_describe(node)}")
            return _NO_VALUE
        if not node.value:
            self.error(node, path, "the pack has no slides: add at least one under 'slides:'")
            return _NO_VALUE
        kinds = list(spec.SLIDE_KINDS)
        slides = []
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            kind_node = _lookup(item, "type") if isinstance(item, MappingNode) else None
            if not isinstance(item, MappingNode):
                self.error(item, item_path, f"expected a slide (a mapping starting with "
                                            f"'type:'), found {_describe(item)}")
                continue
            if kind_node is None:
                self.error(item, item_path, f"the slide has no 'type': use one of "
                                            f"{', '.join(kinds)}")
                continue
            kind = kind_node.value if isinstance(kind_node, ScalarNode) else ""
            shape = spec.SLIDE_KINDS.get(kind)
            if shape is None:
                self.error(kind_node, f"{item_path}.type",
                           f"unknown slide type '{kind}'{suggestion(kind, kinds)}")
                continue
            line, column = where(item)
            values = self.read_shape(item, shape, item_path, skip=("type",))
            if values is None or shape.build is None:
                continue
            slide: model.Slide = shape.build(  # type: ignore[assignment]
                origin=model.Origin(self.file, line, column), **values)
            self.check_text_budget(slide, item, item_path)
            slides.append(slide)
        if len(slides) != len(node.value):
            return _NO_VALUE
        return tuple(slides)

    def check_text_budget(self, slide: model.Slide, node: Node, path: str) -> None:
        budget = budget_for(slide)
        chars = slide_text_chars(slide)
        if budget is not None and chars > budget:
            count = len(slide_items(slide))
            self.warn(node, path, f"this {slide.kind} slide has {chars} characters of text "
                                  f"in its {count} items; more than {budget} shrinks it too "
                                  "small to read from two metres on some screens: shorten "
                                  "the texts or split the slide in two")


def _lookup(node: MappingNode, key: str) -> Node | None:
    return next((v for k, v in node.value if k.value == key), None)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _expected(fspec: FieldSpec) -> str:
    return {
        Kind.STRING: "text",
        Kind.INTEGER: "a whole number",
        Kind.NUMBER: "a number",
        Kind.WEB_URL: "a web address (https://...)",
        Kind.QR_TARGET: "an address for the QR code (https:, tel:, sms: or mailto:)",
        Kind.IMAGE: "the path of an image in the pack folder",
        Kind.COLOR: "a colour such as '#0b1d33'",
        Kind.DATE: "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        Kind.LANGUAGE: "a language code such as en",
        Kind.ICON: "an icon name such as fa6s.hand-holding-heart",
        Kind.CHOICE: "one of " + ", ".join(fspec.choices),
    }.get(fspec.kind, fspec.kind.value)


def _looks_like_image(head: bytes) -> bool:
    if head.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")):
        return True
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return b"<svg" in head.lower()

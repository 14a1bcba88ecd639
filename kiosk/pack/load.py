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
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.pack import model, spec
from kiosk.pack.budget import budget_for, slide_items, slide_text_chars
from kiosk.pack.contrast import AA_NORMAL_TEXT, low_contrast_pairs
from kiosk.pack.i18n import LocalText
from kiosk.pack.icons import icon_problem
from kiosk.pack.images import IMAGE_SUFFIXES, MAX_IMAGE_BYTES, image_problem
from kiosk.pack.problems import PackError, Problem, ProblemLog, Severity
from kiosk.pack.quoting import bidi_controls, invisible_characters, shown
from kiosk.pack.spec import FieldSpec, Kind, ShapeSpec
from kiosk.pack.yamlsafe import YAML, Unreadable, YamlRejected, compose, scalar_value, where
from kiosk.packfiles import (
    FILE,
    FOLDER,
    MISSING,
    PackFileError,
    TooBig,
    Why,
    inside,
    is_inside,
    kind_of,
    read_file,
    real_path,
)

PACK_FILE = "pack.yaml"
# The text of a pack, not its pictures: a 3,600-slide pack with a comment on every
# line is 9 MB. What bounds the cost of reading is yamlsafe.MAX_VALUES.
MAX_PACK_BYTES = 20 * 1024 * 1024


@dataclass
class PackReport:
    """What ``check_pack`` found: the pack (None when it has errors) and its problems.

    ``problems`` lists the first few hundred of each severity (``problems.
    LISTED_PER_SEVERITY``); the ``unlisted_*`` counts say how many more there were.
    """

    path: Path
    pack: model.Pack | None
    problems: list[Problem] = field(default_factory=list)
    unlisted_errors: int = 0
    unlisted_warnings: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.unlisted_errors

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + self.unlisted_warnings


def load_pack(folder: Path | str) -> model.Pack:
    """Load a pack, raising PackError with its problems when it has errors."""
    report = check_pack(folder)
    if report.pack is None:
        raise PackError(report.problems, report.unlisted_errors)
    return report.pack


def check_pack(folder: Path | str) -> PackReport:
    """Read and validate a pack; never raises for a bad pack."""
    # Loading allocates a node per YAML value and nothing cyclic of ours; the
    # collector's repeated full passes over them cost a third of the time on a
    # 1,000-slide pack, so it waits until the load is done.
    collecting = gc.isenabled()
    gc.disable()
    log = ProblemLog()
    try:
        pack, folder = _check_pack(Path(folder), log)
    finally:
        if collecting:
            gc.enable()
    log.listed.sort(key=lambda p: (p.line or 0, p.column or 0))
    errors = log.unlisted[Severity.ERROR] or any(p.is_error for p in log.listed)
    return PackReport(
        folder,
        None if errors else pack,
        log.listed,
        unlisted_errors=log.unlisted[Severity.ERROR],
        unlisted_warnings=log.unlisted[Severity.WARNING],
    )


def _check_pack(given: Path, log: ProblemLog) -> tuple[model.Pack | None, Path]:
    """The pack (or None) and its folder; problems go to ``log``."""
    try:
        located = _locate(given)
    except _NotAPack as refused:
        log.add(Problem(refused.path, None, None, Severity.ERROR, "", refused.message))
        return None, refused.folder
    folder, pack_file, real_folder, data = located
    text = _decode(data, pack_file, log)
    if text is None:
        return None, folder
    try:
        root, issues = compose(text)
    except YamlRejected as rejected:
        root, issues = None, rejected.issues
    for issue in issues:
        log.add(
            Problem(
                pack_file, issue.line, issue.column, Severity.ERROR, issue.key_path, issue.message
            )
        )
    if issues:
        if root is not None:  # duplicate keys only: read on, to report everything at once
            _Reader(pack_file, folder, real_folder, log).read_pack(root)
        return None, folder
    if root is None:
        log.add(
            Problem(
                pack_file,
                None,
                None,
                Severity.ERROR,
                "",
                "the file is empty: a pack needs at least title, year, date, "
                "languages, default_language and slides (see 'kiosk new')",
            )
        )
        return None, folder
    reader = _Reader(pack_file, folder, real_folder, log)
    pack = reader.read_pack(root)
    # After reading: the version covers the images the pack names, read on the way.
    return (None if pack is None else replace(pack, version=reader.version_of(data))), folder


class _NotAPack(Exception):
    """The path given holds no readable pack.yaml; ``message`` says why."""

    def __init__(self, path: Path, folder: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.folder = folder
        self.message = message


def _locate(given: Path) -> tuple[Path, Path, Path, bytes]:
    """The pack folder, its pack.yaml, the folder's real path and pack.yaml's bytes.

    Every look at the disk goes through ``kiosk.packfiles``; whatever is odd about
    the path (a loop of links, no permission, a named pipe, a name too long) ends
    as ``_NotAPack`` with a message, never as an exception from the system.
    """
    folder, pack_file = given, given / PACK_FILE
    try:
        kind = kind_of(given)
        if kind == FILE and given.suffix in (".yaml", ".yml"):
            folder, pack_file = given.parent, given  # the pack.yaml itself was named
            kind = FOLDER
        if kind == MISSING:
            raise _NotAPack(
                given,
                given,
                "no such folder: give the path of a pack folder (the one holding pack.yaml)",
            )
        if kind != FOLDER:
            what = "a file" if kind == FILE else kind
            raise _NotAPack(
                given,
                given,
                f"this is {what}, not a folder: give the pack folder that holds {PACK_FILE}",
            )
        real_folder = real_path(folder)
        file_kind = kind_of(pack_file)
        if file_kind == MISSING:
            raise _NotAPack(
                folder,
                folder,
                f"no {PACK_FILE} in this folder: is this a pack folder? Start one with 'kiosk new'",
            )
        real_file = real_path(pack_file)
        if not is_inside(real_file, real_folder):
            raise _NotAPack(
                pack_file,
                folder,
                f"{PACK_FILE} is a link to a file outside the "
                "pack folder: a pack holds its own pack.yaml, "
                "so copy the file here instead of linking it",
            )
        if file_kind != FILE:
            what = "a folder" if file_kind == FOLDER else file_kind
            raise _NotAPack(
                pack_file,
                folder,
                f"{PACK_FILE} is {what}, not a file: replace it with the pack's text file",
            )
        data = read_file(real_file, MAX_PACK_BYTES)
    except TooBig as big:
        raise _NotAPack(
            pack_file,
            folder,
            f"the file is {big.size:,} bytes; a pack.yaml is "
            f"at most {big.limit:,}: move pictures to images/ "
            "and split very long packs",
        ) from None
    except PackFileError as exc:
        raise _NotAPack(pack_file, folder, f"cannot read it: {exc.reason}") from None
    return folder, pack_file, real_folder, data


def _decode(data: bytes, path: Path, log: ProblemLog) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        log.add(
            Problem(
                path,
                line,
                column,
                Severity.ERROR,
                "",
                f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x}): save it as UTF-8 "
                "in your editor",
            )
        )
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
    return shown(node.value)


_NO_VALUE = object()  # a field that failed to read


class _Reader:
    def __init__(self, file: Path, root: Path, real_root: Path, problems: ProblemLog) -> None:
        self.file = file
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
        self.error_count = 0

    def version_of(self, pack_bytes: bytes) -> str:
        digest = hashlib.sha256(pack_bytes)
        for raw in sorted(self.image_digests):
            digest.update(f"\0{raw}\0{self.image_digests[raw]}".encode())
        return digest.hexdigest()[:12]

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

    # -- the pack ------------------------------------------------------------------

    def read_pack(self, node: Node) -> model.Pack | None:
        if not isinstance(node, MappingNode):
            self.error(
                node,
                "",
                f"the top level must be a mapping of keys (title:, year:, "
                f"slides: ...), found {_describe(node)}",
            )
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
            value = self.read_value(
                default,
                spec.PACK.field("default_language"),  # type: ignore[arg-type]
                "default_language",
            )
            if value is not _NO_VALUE:
                if self.languages and value not in self.languages:
                    self.error(
                        default,
                        "default_language",
                        f"{shown(value)} is not one of the pack's languages "
                        f"({', '.join(self.languages)}): add it to 'languages'",
                    )
                else:
                    self.default_language = value
        if not self.default_language and self.languages:
            self.default_language = self.languages[0]
        values = self.read_shape(node, spec.PACK, "", skip=("languages", "default_language"))
        if values is None or not self.languages or not self.default_language:
            return None
        self.check_contrast(values["theme"], entries.get("theme") or node)
        return model.Pack(
            root=self.root,
            languages=self.languages,
            default_language=self.default_language,
            **values,
        )

    def check_contrast(self, theme: model.Theme, node: Node) -> None:
        for fg, bg, use, ratio in low_contrast_pairs(theme):
            self.warn(
                node,
                f"theme.{fg}",
                f"'{fg}' on '{bg}' ({use}) has a contrast of "
                f"{ratio:.1f}:1, below the {AA_NORMAL_TEXT}:1 that "
                "text needs to be readable (WCAG AA): make one "
                "lighter or darker",
            )

    # -- shapes ----------------------------------------------------------------

    def read_shape(
        self, node: Node, shape: ShapeSpec, path: str, skip: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """Read a mapping into constructor arguments; None when anything in it is wrong."""
        if not isinstance(node, MappingNode):
            self.error(
                node,
                path,
                f"expected the {shape.name} as a mapping of keys "
                f"({', '.join(shape.keys[:4])}, ...), found {_describe(node)}",
            )
            return None
        before = self.error_count
        entries: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if shape.field(key) is None:
                self.error(key_node, _join(path, key), partial(_unknown_key, key, shape))
                continue
            entries[key] = (key_node, value_node)
        values: dict[str, Any] = {}
        for fspec in shape.fields:
            if fspec.key in skip:
                continue
            if fspec.key not in entries:
                if fspec.required:
                    self.error(
                        node, path, f"missing '{fspec.key}' in the {shape.name}: {fspec.doc}"
                    )
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
            self.check_direction(node, path, node.value)
        elif isinstance(node, MappingNode):
            by_language: dict[str, str] = {}
            for key_node, value_node in node.value:
                lang = key_node.value
                if self.languages and lang not in self.languages:
                    self.error(
                        key_node,
                        _join(path, lang),
                        f"{shown(lang)} is not one of the pack's languages "
                        f"({', '.join(self.languages)})"
                        f"{suggestion(lang, list(self.languages), cutoff=0.5)}"
                        f"{_hidden_in(lang)}",
                    )
                    continue
                if not isinstance(value_node, ScalarNode) or value_node.tag == YAML + "null":
                    self.error(
                        value_node,
                        _join(path, lang),
                        f"expected text, found {_describe(value_node)}",
                    )
                    continue
                if not value_node.value.strip():
                    self.error(
                        value_node,
                        _join(path, lang),
                        f"the '{lang}' text is empty: write it, or remove the line to "
                        f"show the '{self.default_language}' text instead",
                    )
                    continue
                by_language[lang] = value_node.value.strip()
                self.check_direction(value_node, _join(path, lang), value_node.value)
            if self.default_language and by_language and self.default_language not in by_language:
                self.error(
                    node,
                    path,
                    f"no '{self.default_language}' text: the default language must always be given",
                )
                return _NO_VALUE
            for lang in self.languages:
                if lang not in by_language and self.default_language in by_language:
                    self.warn(
                        node,
                        path,
                        f"no '{lang}' translation: visitors reading "
                        f"'{lang}' will see the '{self.default_language}' text",
                    )
            text = LocalText(by_language=by_language)
        else:
            self.error(
                node,
                path,
                f"expected text (or text by language, e.g. "
                f"{{en: ..., es: ...}}), found {_describe(node)}",
            )
            return _NO_VALUE
        if not text:
            self.error(node, path, "the text is empty: write something or remove the key")
            return _NO_VALUE
        if fspec.max_chars:
            longest = max(text.variants(), key=len)
            if len(longest) > fspec.max_chars:
                self.warn(
                    node,
                    path,
                    f"text is {len(longest)} characters; past "
                    f"{fspec.max_chars} it shrinks too small to read from "
                    "two metres: shorten it",
                )
        return text

    def check_direction(self, node: Node, path: str, text: str) -> None:
        controls = bidi_controls(text)
        if controls:
            self.warn(
                node,
                path,
                f"the text holds {_names(controls)}, which {_turns(controls)} "
                "the direction it is shown in: visitors may read it in another "
                "order than it is written; delete it unless you mean it",
            )

    def read_languages(self, node: Node, path: str) -> Any:
        if not isinstance(node, SequenceNode) or not node.value:
            self.error(
                node,
                path,
                f"expected a list of language codes such as [en, es], found {_describe(node)}",
            )
            return _NO_VALUE
        languages: list[str] = []
        for index, item in enumerate(node.value):
            code = self.read_value(item, FieldSpec("", Kind.LANGUAGE, ""), f"{path}[{index}]")
            if code is _NO_VALUE:
                continue
            if code in languages:
                self.error(item, f"{path}[{index}]", f"{shown(code)} is listed twice")
                continue
            languages.append(code)
        return tuple(languages) if languages else _NO_VALUE

    def read_string(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        text = node.value.strip()
        if not text:
            self.error(node, path, "the text is empty: write something or remove the key")
            return _NO_VALUE
        if fspec.max_chars and len(text) > fspec.max_chars:
            self.warn(
                node, path, f"text is {len(text)} characters; keep it under {fspec.max_chars}"
            )
        self.check_direction(node, path, text)
        return text

    def read_integer(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        value = self.number_of(node, fspec, path, (YAML + "int",))
        if value is None:
            self.error(node, path, f"expected a whole number, found {shown(node.value)}")
            return _NO_VALUE
        return self.check_range(node, fspec, path, value) if value is not _NO_VALUE else value

    def read_number(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        value = self.number_of(node, fspec, path, (YAML + "int", YAML + "float"))
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            self.error(node, path, f"expected a number, found {shown(node.value)}")
            return _NO_VALUE
        return self.check_range(node, fspec, path, value) if value is not _NO_VALUE else value

    def number_of(
        self, node: ScalarNode, fspec: FieldSpec, path: str, tags: tuple[str, ...]
    ) -> Any:
        """The number written, None when it is not one, _NO_VALUE when it is one too long
        to read (reported here)."""
        if node.tag not in tags:
            return None
        try:
            value = scalar_value(node)
        except Unreadable:
            digits = sum(c.isdigit() for c in node.value)
            self.error(
                node,
                path,
                f"this number has {digits:,} digits, too many to read: "
                f"use a value{_range_text(fspec)}",
            )
            return _NO_VALUE
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    def check_range(self, node: Node, fspec: FieldSpec, path: str, value: float) -> Any:
        if (fspec.minimum is not None and value < fspec.minimum) or (
            fspec.maximum is not None and value > fspec.maximum
        ):
            self.error(
                node,
                path,
                f"{shown(value, quote=False)} is out of range: use a value{_range_text(fspec)}",
            )
            return _NO_VALUE
        return value

    def read_choice(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        if node.value not in fspec.choices:
            self.error(
                node,
                path,
                f"{shown(node.value)} is not allowed here"
                f"{suggestion(node.value, list(fspec.choices))}",
            )
            return _NO_VALUE
        return node.value

    def read_color(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        if not re.fullmatch(spec.COLOR_PATTERN, node.value):
            self.error(
                node,
                path,
                f"{shown(node.value)} is not a colour: write it as #rrggbb, "
                "e.g. '#0b1d33' (in quotes: # starts a comment in YAML)",
            )
            return _NO_VALUE
        return node.value.lower()

    def read_language(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        if not re.fullmatch(spec.LANGUAGE_PATTERN, node.value):
            self.error(
                node,
                path,
                f"{shown(node.value)} is not a language code: use a two-letter "
                "code such as en, es or fr",
            )
            return _NO_VALUE
        return node.value

    def read_date(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        raw = node.value.strip()  # the text as written, whatever YAML would make of it
        problem = f"{shown(raw)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2000-11-15"
        if not re.fullmatch(spec.DATE_PATTERN, raw):
            self.error(node, path, problem)
            return _NO_VALUE
        parts = [int(p) for p in raw.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            self.error(node, path, f"{shown(raw)} is not a real date (check the month and day)")
            return _NO_VALUE
        return model.PartialDate(*parts)

    def read_web_url(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        url = node.value.strip()
        if self.hidden_in_address(node, path, url):
            return _NO_VALUE
        try:
            parts = urlsplit(url)
        except ValueError:  # e.g. an unclosed [ in the host
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
            self.error(
                node,
                path,
                f"{shown(url)} is not a web address: write it in full, starting with https://",
            )
            return _NO_VALUE
        return url

    def hidden_in_address(self, node: Node, path: str, address: str) -> bool:
        """Report invisible characters in an address: they make it look like another one."""
        hidden = invisible_characters(address)
        if hidden:
            self.error(
                node,
                path,
                f"the address {shown(address)} holds {_names(hidden)}: an "
                "address with invisible characters looks like another one "
                "or leads nowhere: type it again",
            )
        return bool(hidden)

    def read_qr_target(self, node: ScalarNode, fspec: FieldSpec, path: str) -> Any:
        url = node.value.strip()
        if self.hidden_in_address(node, path, url):
            return _NO_VALUE
        try:
            scheme = urlsplit(url).scheme.lower()
        except ValueError:
            scheme = ""
        if scheme not in spec.QR_SCHEMES:
            self.error(
                node,
                path,
                f"a QR code may open only {', '.join(spec.QR_SCHEMES)} "
                f"addresses, not {shown(scheme or url)}",
            )
            return _NO_VALUE
        if len(url.encode("utf-8")) > spec.QR_MAX_BYTES:
            self.error(
                node,
                path,
                f"the address is {len(url.encode())} bytes; a QR code with "
                f"more than {spec.QR_MAX_BYTES} is too dense to scan on a "
                "screen: use a shorter address",
            )
            return _NO_VALUE
        if scheme in ("http", "https"):
            return self.read_web_url(node, fspec, path)
        target = url.split(":", 1)[1].split("?", 1)[0]
        if scheme in ("tel", "sms") and not re.fullmatch(r"\+?[0-9][0-9 ()./-]{2,}", target):
            self.error(node, path, f"{shown(url)} has no phone number: write e.g. tel:+18883737888")
            return _NO_VALUE
        if scheme == "mailto" and "@" not in target:
            self.error(
                node, path, f"{shown(url)} has no e-mail address: write mailto:name@example.org"
            )
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
            self.image_checks[raw] = self._check_image(raw)
        checked = self.image_checks[raw]
        if isinstance(checked, str):
            self.error(node, path, checked)
            return _NO_VALUE
        return checked

    def _check_image(self, raw: str) -> str | Path:
        """Where the image really is, or what is wrong with it (a message)."""
        name = shown(raw)
        if not raw:
            return (
                "the path is empty: write the path of an image in the pack folder, e.g. "
                "images/logo.png, or remove the key"
            )
        hidden = invisible_characters(raw)
        if hidden:
            return f"the path {name} holds {_names(hidden)}: type the path again"
        if raw.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", raw) or "\\" in raw:
            return (
                f"{name} is an absolute path: packs are copied between computers, so "
                "write the path inside the pack folder, e.g. images/logo.png"
            )
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
            if suffix not in IMAGE_SUFFIXES:
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
        problem = image_problem(data, suffix, target.relative_to(self.real_root).as_posix())
        return f"{name} {problem}" if problem else target

    # -- lists -------------------------------------------------------------------

    def read_list(self, node: Node, fspec: FieldSpec, path: str) -> Any:
        assert fspec.shape is not None
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                path,
                f"expected a list of {fspec.shape.name}s (lines starting "
                f"with '- '), found {_describe(node)}",
            )
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
            self.error(
                node,
                path,
                f"has {count} {what}s; at most {fspec.max_items} fit on one "
                "slide: split them over two slides",
            )
            return False
        return True

    def check_chronology(self, node: SequenceNode, events: list[Any], path: str) -> None:
        previous: model.Event | None = None
        for index, (item, event) in enumerate(zip(node.value, events, strict=True)):
            if not isinstance(event, model.Event):
                continue
            if previous is not None and event.date < previous.date:
                self.error(
                    _lookup(item, "date") or item,
                    f"{path}[{index}].date",
                    f"events must be in date order, oldest first: {event.date.iso()} "
                    f"comes after {previous.date.iso()}",
                )
            previous = event

    def read_slides(self, node: Node, fspec: FieldSpec, path: str) -> Any:
        if not isinstance(node, SequenceNode):
            self.error(
                node,
                path,
                f"expected a list of slides (each starting with "
                f"'- type: ...'), found {_describe(node)}",
            )
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
                self.error(
                    item,
                    item_path,
                    f"expected a slide (a mapping starting with 'type:'), found {_describe(item)}",
                )
                continue
            if kind_node is None:
                self.error(
                    item, item_path, f"the slide has no 'type': use one of {', '.join(kinds)}"
                )
                continue
            kind = kind_node.value if isinstance(kind_node, ScalarNode) else ""
            shape = spec.SLIDE_KINDS.get(kind)
            if shape is None:
                self.error(
                    kind_node,
                    f"{item_path}.type",
                    f"unknown slide type '{kind}'{suggestion(kind, kinds)}",
                )
                continue
            line, column = where(item)
            values = self.read_shape(item, shape, item_path, skip=("type",))
            if values is None or shape.build is None:
                continue
            slide: model.Slide = shape.build(  # type: ignore[assignment]
                origin=model.Origin(self.file, line, column), **values
            )
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
            self.warn(
                node,
                path,
                f"this {slide.kind} slide has {chars} characters of text "
                f"in its {count} items; more than {budget} shrinks it too "
                "small to read from two metres on some screens: shorten "
                "the texts or split the slide in two",
            )


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


def _range_text(fspec: FieldSpec) -> str:
    if fspec.minimum is not None and fspec.maximum is not None:
        return f" from {fspec.minimum:g} to {fspec.maximum:g}"
    return ""


def _names(characters: list[str]) -> str:
    """``\\u200b (ZERO WIDTH SPACE)``, or several such joined: for messages."""
    if len(characters) == 1:
        return f"an invisible character, {characters[0]}"
    return "invisible characters: " + ", ".join(characters)


def _turns(controls: list[str]) -> str:
    return "changes" if len(controls) == 1 else "change"


def _unknown_key(key: str, shape: ShapeSpec) -> str:
    # Made only for errors that are listed: the suggestion compares the key with
    # every valid one, which adds up over thousands of wrong keys.
    return (
        f"unknown key {shown(key)} in the {shape.name}{suggestion(key, shape.keys)}"
        f"{_hidden_in(key)}"
    )


def _hidden_in(key: str) -> str:
    """For a key that did not match: the invisible characters that may be why."""
    hidden = invisible_characters(key)
    return f" (it holds {_names(hidden)}: delete it)" if hidden else ""

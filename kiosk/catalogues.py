"""The translation catalogues of the kiosk's own words: made, checked and compiled.

For translators and the build, never for the kiosk at run time (which reads the
compiled catalogues through ``kiosk.translation``). docs/translating.md walks
through it; in short, from the project folder::

    python -m kiosk.catalogues template      # kiosk/locale/kiosk.pot from the code
    python -m kiosk.catalogues new fr        # kiosk/locale/fr/LC_MESSAGES/kiosk.po
    python -m kiosk.catalogues update        # every .po gets the code's new messages
    python -m kiosk.catalogues check [fr]    # untranslated, fuzzy or broken messages
    python -m kiosk.catalogues compile       # the .mo files (the build does this too)

A message is marked in the code as ``translator(language).pgettext(context,
message)`` (or ``gettext``, ``ngettext``, ``npgettext``); a comment starting with
``Translators:`` on the line before is shown to translators. Messages hold named
placeholders, ``{name}``, filled with ``str.format``: a translation must keep
exactly the same names, so compiling leaves out (and reports) one that does not,
and the visitor sees that message in English rather than an error.

The build (``hatch_build.py``) imports this module from the source tree, where
only Babel and the standard library are installed: besides them it imports only
the package's version and ``kiosk.translation``, which need nothing more.
"""

from __future__ import annotations

import argparse
import string
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from kiosk import __version__
from kiosk.translation import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# The calls that mark a message, and where their context and message are.
KEYWORDS = {
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("Translators:",)
PROJECT = "awareness-kiosk"
HEADER = """\
# The words awareness-kiosk itself adds around a pack's texts: controls, pop-ups,
# the staff PIN pad, what screen readers hear. See docs/translating.md.
#"""


def extract(package: Path = PACKAGE) -> Catalog:
    """Every message marked in ``package``'s Python files, with its translator comments."""
    catalogue = Catalog(
        project=PROJECT, version=__version__, domain=DOMAIN, header_comment=HEADER, fuzzy=False
    )
    found = extract_from_dir(
        str(package),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
    )
    for filename, line, message, comments, context in found:
        path = (package.name + "/" + filename).replace("\\", "/")
        catalogue.add(
            message, None, [(path, line)], auto_comments=comments, context=context or None
        )
    return catalogue


def write_template(path: Path = TEMPLATE, package: Path = PACKAGE) -> Catalog:
    """Write the template (.pot): every message, untranslated."""
    catalogue = extract(package)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        write_po(stream, catalogue, width=90, include_lineno=False, sort_output=True)
    return catalogue


def catalogue_path(language: str, folder: Path = LOCALE_DIR) -> Path:
    return folder / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def start_language(language: str, folder: Path = LOCALE_DIR, package: Path = PACKAGE) -> Path:
    """A new, empty catalogue for ``language`` (a code such as "fr" or "pt_BR"),
    with the code's messages and the language's plural rule. Refuses to replace
    one that exists."""
    target = catalogue_path(language, folder)
    if target.exists():
        raise FileExistsError(f"{target} exists already (to add new messages to it: update)")
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(f"{language!r} is not a language code the CLDR knows: {exc}") from None
    catalogue = extract(package)
    catalogue.locale = locale  # and with it the language's plural rule
    _write(catalogue, target)
    return target


def update_languages(folder: Path = LOCALE_DIR, package: Path = PACKAGE) -> list[Path]:
    """Bring every catalogue in ``folder`` up to the code's messages: new ones added
    untranslated, changed ones marked fuzzy, gone ones kept as obsolete."""
    template = extract(package)
    updated = []
    for path in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        catalogue = _read(path)
        catalogue.update(template, update_creation_date=False)
        _write(catalogue, path)
        updated.append(path)
    return updated


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a message (empty when its braces are not a format)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"(unbalanced braces)"}


def _strings(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _name(message: Message) -> str:
    singular = _strings(message.id)[0]
    return f"{message.context}: {singular}" if message.context else singular


def _broken(message: Message) -> str | None:
    """Why a translation cannot replace its message, or None."""
    expected = set().union(*(placeholders(text) for text in _strings(message.id)))
    for translated in _strings(message.string):
        if translated and placeholders(translated) != expected:
            names = ", ".join(sorted(f"{{{name}}}" for name in expected)) or "none"
            return f"its placeholders must be exactly those of the message ({names})"
    return None


def check(path: Path, package: Path | None = PACKAGE) -> list[str]:
    """What is wrong with the catalogue at ``path``, one line each: a message of the
    code it lacks or leaves untranslated or fuzzy (with ``package``), a translation
    whose placeholders differ from the message's."""
    catalogue = _read(path)
    problems = []
    if package is not None:
        for message in extract(package):
            if not message.id:
                continue
            entry = catalogue.get(message.id, context=message.context)
            if entry is None:
                problems.append(f"{path}: missing (run update): {_name(message)}")
            elif entry.fuzzy:
                problems.append(f"{path}: fuzzy (check it, then remove the flag): {_name(entry)}")
            elif not all(_strings(entry.string)):
                problems.append(f"{path}: untranslated: {_name(entry)}")
    for message in catalogue:
        if message.id:
            reason = _broken(message)
            if reason is not None:
                problems.append(f"{path}:{message.lineno}: {_name(message)}: {reason}")
    return problems


def compile_catalogue(path: Path) -> list[str]:
    """Write the .mo beside the .po at ``path``: fuzzy translations and translations
    whose placeholders differ are left out (so the visitor sees English for them);
    returns those left out, one line each."""
    catalogue = _read(path)
    problems = []
    for message in list(catalogue):
        if not message.id:
            continue
        reason = _broken(message)
        if reason is not None:
            problems.append(f"{path}:{message.lineno}: left out: {_name(message)}: {reason}")
            forms = len(_strings(message.string))
            message.string = ("",) * forms if message.pluralizable else ""
    with path.with_suffix(".mo").open("wb") as stream:
        write_mo(stream, catalogue, use_fuzzy=False)
    return problems


def compile_all(folder: Path = LOCALE_DIR) -> list[str]:
    """Compile every catalogue in ``folder``; returns what was left out."""
    problems: list[str] = []
    for path in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        problems += compile_catalogue(path)
    return problems


def _read(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale=path.parent.parent.name, domain=DOMAIN)


def _write(catalogue: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        write_po(stream, catalogue, width=90, include_lineno=False, sort_output=True)


def _report(lines: Iterable[str]) -> int:
    problems = list(lines)
    for line in problems:
        sys.stderr.write(line + "\n")
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kiosk.catalogues",
        description="Make, check and compile the translations of the kiosk's own words.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("template", help=f"write {TEMPLATE.name} from the code's messages")
    new = commands.add_parser("new", help="start the catalogue of a new language")
    new.add_argument("language", help='a language code, such as "fr" or "pt_BR"')
    commands.add_parser("update", help="add the code's new messages to every catalogue")
    checked = commands.add_parser("check", help="list what is missing or wrong")
    checked.add_argument("language", nargs="*", help="these languages only (default: all)")
    commands.add_parser("compile", help="write the .mo files the kiosk reads")
    args = parser.parse_args(argv)
    out = sys.stdout.write
    if args.command == "template":
        catalogue = write_template()
        out(f"{TEMPLATE}: {sum(1 for m in catalogue if m.id)} messages\n")
        return 0
    if args.command == "new":
        try:
            out(f"{start_language(args.language)}: translate every msgstr, then check\n")
        except (FileExistsError, ValueError) as exc:
            sys.stderr.write(f"{exc}\n")
            return 1
        return 0
    if args.command == "update":
        for path in update_languages():
            out(f"{path}: updated\n")
        return 0
    if args.command == "check":
        languages = args.language or sorted(
            p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
        )
        problems: list[str] = []
        for language in languages:
            path = catalogue_path(language)
            if not path.is_file():
                problems.append(f"{path}: no such catalogue (start it with: new {language})")
                continue
            problems += check(path)
        if not problems:
            out(f"{', '.join(languages)}: every message translated\n")
        return _report(problems)
    return _report(compile_all())


if __name__ == "__main__":
    sys.exit(main())

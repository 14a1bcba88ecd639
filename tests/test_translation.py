"""The kiosk's own words in Spanish, and dates and countries as each locale writes them;
and adding a language is one catalogue, made, checked and compiled by kiosk.catalogues."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import kiosk
from kiosk.catalogues import (
    KEYWORDS,
    catalogue_path,
    check,
    compile_all,
    compile_catalogue,
    main,
    start_language,
    update_languages,
    write_template,
)
from kiosk.translation import (
    LOCALE_DIR,
    available_languages,
    country_name,
    date_text,
    language_name,
    translator,
)

PACKAGE = Path(kiosk.__file__).parent


def marked_messages() -> set[tuple[str | None, str]]:
    """(context, message) of every message marked for translation in the package."""
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        singular = message[0] if isinstance(message, tuple) else message
        found.add((context, singular))
    return found


@pytest.mark.parametrize("language", available_languages())
def test_every_marked_message_is_translated(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "kiosk.po").open("rb") as stream:
        catalogue = read_po(stream)
    missing = []
    for context, message in sorted(marked_messages(), key=str):
        entry = catalogue.get(message, context=context)
        translated = (
            entry is not None
            and not entry.fuzzy
            and all(entry.string if isinstance(entry.string, tuple) else (entry.string,))
        )
        if not translated:
            missing.append(f"{context}: {message}")
    assert not missing, f"untranslated in {language}.po:\n" + "\n".join(missing)


def test_spanish_is_bundled_and_compiled() -> None:
    assert "es" in available_languages()
    assert (LOCALE_DIR / "es" / "LC_MESSAGES" / "kiosk.mo").is_file()


def test_a_language_without_a_catalogue_shows_the_messages_as_written() -> None:
    assert translator("en").pgettext("controls", "Next slide") == "Next slide"
    assert translator("xx").gettext("Source") == "Source"


@pytest.mark.parametrize(
    ("date", "language", "expected"),
    [
        ((2003, 0, 0), "en", "2003"),
        ((2010, 7, 0), "en", "Jul 2010"),
        ((2010, 7, 0), "es", "jul 2010"),
        ((2000, 10, 28), "es", "28 oct 2000"),
        ((2000, 10, 28), "fr", "28 oct. 2000"),
        ((2000, 10, 28), "de", "28. Okt. 2000"),
        ((2000, 10, 28), "pt-BR", "28 de out. de 2000"),
    ],
)
def test_dates_are_written_the_locale_s_way(
    date: tuple[int, int, int], language: str, expected: str
) -> None:
    assert date_text(*date, language=language) == expected


def test_country_names_follow_the_language() -> None:
    assert country_name("US", language="en") == "United States"
    assert country_name("us", language="es") == "Estados Unidos"
    assert country_name("GB", language="es") == "Reino Unido"


def test_language_names_are_written_in_the_language_they_are_read_in() -> None:
    assert language_name("es", language="en") == "Spanish"
    assert language_name("en", language="es") == "inglés"
    assert language_name("pt-BR", language="en") == "Portuguese (Brazil)"
    assert language_name("qq", language="en") == "qq"  # unknown: the code as given


# -- adding a language -------------------------------------------------------------------------

SPANISH = catalogue_path("es")


def made_up_language(folder: Path, code: str = "zz") -> Path:
    """Spanish copied as a new language ``code`` into its own locale folder."""
    target = catalogue_path(code, folder)
    target.parent.mkdir(parents=True)
    shutil.copyfile(SPANISH, target)
    return target


def test_a_new_language_is_one_file_compiled_and_picked_up(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    made_up_language(locale)
    assert translator("zz", locale).pgettext("touch controls", "Previous slide") == (
        "Previous slide"  # not compiled yet: the messages as written
    )
    translator.cache_clear()
    assert check(catalogue_path("zz", locale)) == []
    assert compile_all(locale) == []
    assert available_languages(locale) == ["zz"]
    words = translator("zz", locale)
    assert words.pgettext("touch controls", "Previous slide") == "Diapositiva anterior"
    assert words.pgettext("source line", "Source: {name}").format(name="ONU") == "Fuente: ONU"
    many = "{count} new errors in the log since start"
    one = "{count} new error in the log since start"
    assert words.npgettext("PIN pad", one, many, 3).format(count=3) == (
        "3 errores nuevos en el registro desde el inicio"
    )
    # A region of the language finds it too.
    assert translator("zz-AR", locale).pgettext("touch controls", "Large text") == "Texto grande"


def test_a_new_language_starts_from_the_code_s_messages(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    path = start_language("fr", locale)
    with path.open("rb") as stream:
        catalogue = read_po(stream)
    # The language's own plural rule (French counts 0 as one, and has a form for millions).
    assert catalogue.plural_forms.startswith("nplurals=3; plural=(n == 0 || n == 1) ? 0")
    entry = catalogue.get("Previous slide", context="touch controls")
    assert entry is not None
    assert entry.string == ""
    back = catalogue.get("Back to start", context="touch controls")
    assert back is not None
    assert any("first slide" in comment for comment in back.auto_comments)
    problems = check(path)
    assert any("untranslated: touch controls: Previous slide" in p for p in problems)
    assert len(problems) == len(marked_messages())
    assert compile_all(locale) == []
    assert translator("fr", locale).pgettext("touch controls", "Next slide") == "Next slide"
    with pytest.raises(FileExistsError):
        start_language("fr", locale)
    with pytest.raises(ValueError, match="not a language code"):
        start_language("not a language", locale)


def test_a_translation_with_other_placeholders_is_left_out_not_shown(tmp_path: Path) -> None:
    path = made_up_language(tmp_path / "locale")
    text = path.read_text(encoding="utf-8")
    assert 'msgstr "Fuente: {name}"' in text
    plural = 'msgstr[1] "{count} errores nuevos en el registro desde el inicio"'
    assert plural in text
    text = text.replace('msgstr "Fuente: {name}"', 'msgstr "Fuente: {nombre}"')
    path.write_text(text.replace(plural, plural.replace("{count}", "{n}")), encoding="utf-8")
    problems = sorted(check(path), key=lambda line: "source line" in line)
    assert len(problems) == 2
    assert "PIN pad: {count} new error in the log since start" in problems[0]
    assert "source line: Source: {name}" in problems[1]
    assert "exactly those of the message ({name})" in problems[1]
    left_out = compile_catalogue(path)
    assert len(left_out) == 2
    assert all("left out" in line for line in left_out)
    words = translator("zz", tmp_path / "locale")
    # English for those messages (which fill in as the code expects), Spanish for the rest.
    assert words.pgettext("source line", "Source: {name}").format(name="ONU") == "Source: ONU"
    one, many = (
        "{count} new error in the log since start",
        "{count} new errors in the log since start",
    )
    assert words.npgettext("PIN pad", one, many, 2) == many
    assert words.pgettext("PIN pad", "Cancel") == "Cancelar"


def test_update_brings_in_new_messages_and_keeps_translations(tmp_path: Path) -> None:
    path = made_up_language(tmp_path / "locale")
    text = path.read_text(encoding="utf-8")
    gone = 'msgctxt "touch controls"\nmsgid "Large text"\nmsgstr "Texto grande"\n'
    assert gone in text
    path.write_text(text.replace(gone, ""), encoding="utf-8")
    assert any("missing (run update): touch controls: Large text" in p for p in check(path))
    assert update_languages(tmp_path / "locale") == [path]
    problems = check(path)
    assert problems == [f"{path}: untranslated: touch controls: Large text"]
    with path.open("rb") as stream:
        catalogue = read_po(stream)
    kept = catalogue.get("Previous slide", context="touch controls")
    assert kept is not None
    assert kept.string == "Diapositiva anterior"


def test_the_template_holds_every_marked_message(tmp_path: Path) -> None:
    catalogue = write_template(tmp_path / "kiosk.pot")
    with (tmp_path / "kiosk.pot").open("rb") as stream:
        written = read_po(stream)
    found = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in written if m.id}
    assert found == marked_messages()
    assert len(found) == sum(1 for m in catalogue if m.id)


def test_the_command_line_checks_the_bundled_catalogues(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check"]) == 0
    assert "es: every message translated" in capsys.readouterr().out
    assert main(["check", "qq"]) == 1
    assert "no such catalogue (start it with: new qq)" in capsys.readouterr().err

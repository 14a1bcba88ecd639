"""kiosk.typeset marks every line break a typesetter would refuse, in the text itself."""

from __future__ import annotations

import pytest

from kiosk.typeset import NO_BREAK_SPACE, WORD_JOINER, plain, typeset


def joined(text: str) -> bool:
    """Whether ``text``, as typeset, has no place left where a line may break: no
    ordinary space, and a joiner after every slash or hyphen."""
    return " " not in text and all(
        text[i + 1] == WORD_JOINER for i, c in enumerate(text[:-1]) if c in "/-"
    )


@pytest.mark.parametrize(
    ("text", "language", "whole"),
    [
        ("Marked on 30 July 2023 worldwide, every year since", "en", "30 July 2023"),
        (
            "Se celebra el 30 de julio de 2023 en todo el mundo cada año",
            "es",
            "30 de julio de 2023",
        ),
        ("Adopted on Jul 30, 2010 by the General Assembly of the UN", "en", "Jul 30, 2010"),
        ("The resolution A/RES/68/192 of the General Assembly says", "en", "A/RES/68/192"),
        ("Press release GA/SHC/4090 of the Third Committee today", "en", "GA/SHC/4090"),
        ("Call 1-888-373-7888 at any hour of the day or night", "en", "1-888-373-7888"),
        ("Llame al 900 10 50 90 a cualquier hora del día o noche", "es", "900 10 50 90"),
        ("La línea nacional (EE. UU.) atiende en más de doscientos idiomas", "es", "(EE. UU.)"),
        (
            "Read https://www.unodc.org/unodc/en/human-trafficking/ for more",
            "en",
            "https://www.unodc.org/unodc/en/human-trafficking/",
        ),
        ("Children and at-risk adults are the first victims of all", "en", "at-risk"),
        ("Women and girls make up 41 % of the victims detected", "en", "41 %"),
    ],
)
def test_what_never_breaks_is_joined(text: str, language: str, whole: str) -> None:
    typeset_text = typeset(text, language)
    assert plain(typeset_text) == text  # nothing visible changes
    start = plain(typeset_text).index(whole)
    # Find the same run in the typeset text (the marks shift positions).
    shown, where = [], []
    for index, char in enumerate(typeset_text):
        if char != WORD_JOINER:
            shown.append(" " if char == NO_BREAK_SPACE else char)
            where.append(index)
    run = typeset_text[where[start] : where[start + len(whole) - 1] + 1]
    assert joined(run), repr(run)


def test_ordinary_text_still_breaks_between_words() -> None:
    text = "People are trafficked for many purposes, in every region of the world"
    typeset_text = typeset(text)
    assert typeset_text.count(" ") >= 8


def test_a_short_last_word_and_a_one_letter_word_keep_company() -> None:
    assert typeset("Scan the code to learn more").endswith(f"learn{NO_BREAK_SPACE}more")
    assert f"a{NO_BREAK_SPACE}digital" in typeset("Volunteer as a digital companion today")
    # A long last word may stand alone.
    assert typeset("Read about it in the global report").endswith(" report")


def test_nothing_to_do_is_nothing_done() -> None:
    assert typeset("") == ""
    assert typeset("Hello") == "Hello"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_screen_names_the_months_as_babel_does(language: str) -> None:
    # The screen takes the months' names from Qt (already loaded, where Babel costs
    # time before the first slide); a date must stay whole either way.
    from kiosk.typeset import _month_names, babel_month_names
    from kiosk.ui.widgets.label import qt_month_names

    assert set(_month_names(language, qt_month_names)) == set(
        _month_names(language, babel_month_names)
    )
    date = {"en": "30 July 2025", "es": "30 de julio de 2025"}[language]
    assert typeset(date, language, qt_month_names) == date.replace(" ", NO_BREAK_SPACE)

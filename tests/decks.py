"""Small packs for player and window tests: numbered title slides in two languages."""

from __future__ import annotations

from kiosk.pack.model import Transition


def deck_yaml(count: int, transition: Transition | None = None) -> str:
    """A valid pack of ``count`` title slides, in English and Spanish.

    With ``transition``, short transitions of that kind (200 ms); without, the
    pack's defaults.
    """
    slides = "".join(
        f"""
  - type: title
    day: "Slide {i}"
    date: "30 July"
    theme: {{en: "Theme {i}", es: "Tema {i}"}}"""
        for i in range(count)
    )
    timing = (
        f"timing: {{transition: {transition}, transition_ms: 200}}\n"
        if transition is not None
        else ""
    )
    return f"""\
title: Test deck
year: 2024
date: 2024-07-30
languages: [en, es]
default_language: en
{timing}slides:{slides}
"""

"""The line under a fact or event that names where it comes from."""

from __future__ import annotations

from kiosk.translation import translator


def source_text(name: str, language: str) -> str:
    """``Source: name`` in ``language``, ``name`` being the source's name already resolved.

    The source's URL is not shown: it is for organisers, and too long to read.
    """
    # Translators: the line under a figure or an event naming where it comes from;
    # {name} is the source's name, from the pack. French sets a narrow no-break
    # space before the colon.
    return translator(language).pgettext("source line", "Source: {name}").format(name=name)

"""A fact card opened large (touch mode), so that a visitor can check the figure.

A facts slide says where each figure comes from, but a visitor cannot follow a
source's name to the document. In touch mode a fact card is a tap target like a
resource card: it opens in the same pop-up (``kiosk.ui.resource_overlay``), with the
figure and what it counts as its heading, the source's name and the data year
under it, and a QR code of the source's address beside its address as text.

A fact is shown there as the pop-up shows a resource (``opened_large``): one
pop-up for everything a visitor can open, so both look and behave alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from kiosk.pack.values import LocalText
from kiosk.slides.facts import Fact
from kiosk.slides.resources import Resource
from kiosk.translation import translator
from kiosk.ui.slide_view import SlideContext, SlideView
from kiosk.ui.stage_view import Shows, TapTarget
from kiosk.ui.widgets.card import Card
from kiosk.ui.widgets.source_line import fact_source_text


def opened_large(fact: Fact, context: SlideContext) -> Resource:
    """What the pop-up shows for ``fact``, in ``context``'s language: the figure and
    its label as the name, "Source: … · 2022 data" as the description, and the
    source's address as the code (and as text)."""
    language = context.language
    # Translators: the heading of a figure opened large: "41 %: of detected
    # victims are women".
    heading = translator(language).pgettext("fact opened large", "{figure}: {label}")
    name = heading.format(figure=context.text(fact.value), label=context.text(fact.label))
    source = fact_source_text(context.text(fact.source.name), fact.as_of, language)
    return Resource(
        name=LocalText.plain(name), description=LocalText.plain(source), url=fact.source.url
    )


def card_around(view: SlideView, part: QWidget) -> QRect:
    """The card painted round ``part`` (one of ``view``'s labels) as the view is laid
    out now; empty when ``part`` is hidden (on another page) or on no card."""
    if not part.isVisibleTo(view):
        return QRect()
    centre = part.geometry().center()
    cards = [d.rect for d in view.decorations if isinstance(d, Card) and d.rect.contains(centre)]
    # The innermost card, should one ever lie on another.
    return QRect(min(cards, key=lambda rect: rect.width() * rect.height())) if cards else QRect()


def fact_targets(
    view: SlideView, facts: Sequence[Fact], figures: Sequence[QWidget]
) -> list[TapTarget]:
    """One tap target per fact, in order: its whole card (found round its figure)
    opens it large."""
    return [
        TapTarget(
            card_around(view, figure),
            view.text(fact.value),
            opened_large(fact, view.context),
            Shows.SOURCE,
        )
        for fact, figure in zip(facts, figures, strict=True)
    ]

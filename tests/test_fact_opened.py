"""A fact card in touch mode opens large like a resource: the figure, its source, its
data year and a QR code of the source's address, read back with a real decoder."""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from venue_helpers import MakeKiosk, click, make_kiosk, real_pack, settle

from kiosk.pack.model import Pack
from kiosk.slides.facts import FactsSlide
from kiosk.slides.facts.view import FactsSlideView
from kiosk.typeset import plain
from kiosk.ui.window import KioskWindow

__all__ = ["make_kiosk", "real_pack"]  # fixtures, used by name


def facts_index(pack: Pack) -> int:
    return next(i for i, s in enumerate(pack.slides) if isinstance(s, FactsSlide))


def show_facts(window: KioskWindow, qtbot: QtBot) -> FactsSlideView:
    window.player.go_to(facts_index(window.player.pack))
    settle(window, qtbot)
    view = window.live_view
    assert isinstance(view, FactsSlideView)
    return view


def shown_texts(window: KioskWindow) -> set[str]:
    overlay = window.resource_overlay
    assert overlay is not None
    return {plain(label.text()) for label in overlay.findChildren(QLabel) if label.isVisible()}


def test_every_fact_card_is_a_target_round_its_words(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, size=(1920, 1080), reduced_motion=True)
    view = show_facts(window, qtbot)
    targets = view.tap_targets()
    slide = view.slide
    assert len(targets) == len(slide.facts)
    for target, figure, label, source in zip(
        targets, view.figures, view.fact_labels, view.sources, strict=True
    ):
        assert not target.rect.isEmpty()
        # The whole card: the figure, what it counts and its source all lie on it.
        for part in (figure, label, source):
            assert target.rect.contains(part.geometry()), (target.rect, part.geometry())
    # No two cards overlap: a tap opens one fact.
    for index, first in enumerate(targets):
        for second in targets[index + 1 :]:
            assert not first.rect.intersects(second.rect)
    # The keyboard reaches them too: one stand-in a card, saying what it opens.
    stand_ins = window.chrome.targets
    assert len(stand_ins) == len(slide.facts)
    figure = real_pack.text(slide.facts[0].value, "en")
    assert stand_ins[0].accessibleName() == f"Show the source of {figure}"
    assert stand_ins[0].accessibleDescription() == (
        f"Shows where {figure} comes from, with a QR code of its source, across the screen"
    )


def test_tapping_a_fact_opens_its_source_large_with_its_code(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, size=(1280, 720), reduced_motion=True)
    view = show_facts(window, qtbot)
    index = window.player.index
    fact = view.slide.facts[-1]
    click(window, view.mapTo(window, view.tap_targets()[-1].rect.center()))
    overlay = window.resource_overlay
    assert overlay is not None
    assert overlay.is_open
    assert window.player.index == index  # the tap did not navigate
    # Its code, read off the screen, is exactly the source's address.
    found = [r.text for r in zxingcpp.read_barcodes(window.grab().toImage())]
    assert found == [fact.source.url]
    # The figure and what it counts, the source with its data year, and the address.
    assert fact.as_of is not None
    texts = shown_texts(window)
    value, label = real_pack.text(fact.value, "en"), real_pack.text(fact.label, "en")
    assert f"{value}: {label}" in texts
    source = real_pack.text(fact.source.name, "en")
    assert f"Source: {source} · {fact.as_of.display('en')} data" in texts
    assert fact.source.url.split("://", 1)[1].rstrip("/") in texts


def test_a_fact_opens_in_the_visitor_s_language(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, size=(1080, 1920), reduced_motion=True, language="es")
    view = show_facts(window, qtbot)
    fact = view.slide.facts[0]
    click(window, view.mapTo(window, view.tap_targets()[0].rect.center()))
    assert window.resource_overlay is not None
    assert window.resource_overlay.is_open
    assert fact.as_of is not None
    source = real_pack.text(fact.source.name, "es")
    assert f"Fuente: {source} · datos de {fact.as_of.display('es')}" in shown_texts(window)
    found = [r.text for r in zxingcpp.read_barcodes(window.grab().toImage())]
    assert found == [fact.source.url]


def test_in_event_mode_a_tap_on_a_fact_moves_on(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, mode="event", reduced_motion=True)
    view = show_facts(window, qtbot)
    index = window.player.index
    rect: QRect = view.tap_targets()[-1].rect
    click(window, view.mapTo(window, rect.center()))
    assert window.player.index == index + 1

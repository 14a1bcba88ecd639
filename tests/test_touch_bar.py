"""The touch bar a visitor understands at a glance: every button says what it does, in
the visitor's language, in letters large enough to read, and the bar never covers the
slide's text (a portrait screen takes two rows)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from venue_helpers import MakeKiosk, click, make_kiosk, real_pack, resources_index, settle

from kiosk.pack.model import Pack
from kiosk.ui.resource_overlay import ResourceOverlay
from kiosk.ui.widgets.button import TouchButton
from kiosk.ui.widgets.readable import SECONDARY_CAP_SHARE
from kiosk.ui.window import KioskWindow

__all__ = ["make_kiosk", "real_pack"]  # fixtures, used by name

SIZES = [(1920, 1080), (1080, 1920), (1280, 720)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


def shown_buttons(window: KioskWindow) -> list[TouchButton]:
    assert window.controls is not None
    return [b for b in window.controls.buttons() if not b.isHidden()]


def first_letter_ink(button: TouchButton, ink: QColor, fill: QColor) -> int:
    """How many pixel rows the first letter of the label under ``button``'s icon
    covers, as drawn: rows where some pixel is nearer ``ink`` than ``fill``."""
    font = button.label_font
    assert font is not None
    image: QImage = button.grab().toImage()
    label = button.label_rect()
    metrics = QFontMetricsF(font)
    text = button.text()
    left = label.center().x() - metrics.horizontalAdvance(text) / 2
    right = left + metrics.horizontalAdvance(text[0])

    def near_ink(colour: QColor) -> bool:
        def distance(other: QColor) -> int:
            return sum(
                abs(a - b) for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3], strict=True)
            )

        return distance(ink) < distance(fill)

    rows = [
        y
        for y in range(int(label.top()), int(label.bottom()) + 1)
        if any(near_ink(image.pixelColor(x, y)) for x in range(int(left), int(right) + 1))
    ]
    return rows[-1] - rows[0] + 1 if rows else 0


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_button_says_what_it_does_readably(
    make_kiosk: MakeKiosk, real_pack: Pack, size: tuple[int, int], language: str
) -> None:
    window = make_kiosk(real_pack, size=size, language=language, reduced_motion=True)
    floor = SECONDARY_CAP_SHARE * min(size)
    theme = window.theme
    labels = []
    for button in shown_buttons(window):
        label = button.text()
        labels.append(label)
        assert label, button.accessibleName()
        # Label in Name (WCAG 2.5.3): what it says is part of what it is called.
        assert label.casefold() in button.accessibleName().casefold(), (label, button)
        font = button.label_font
        assert font is not None
        # Measured from the font it is drawn in, and from the pixels drawn.
        assert QFontMetricsF(font).capHeight() >= floor, (label, font.pixelSize())
        assert first_letter_ink(button, theme.text, theme.surface) >= floor - 1, label
        # Written whole, inside the button.
        room = button.label_rect()
        assert QFontMetricsF(font).horizontalAdvance(label) <= room.width(), label
        assert QRect(0, 0, button.width(), button.height()).contains(room.toRect()), label
    english = {"Previous", "Start", "Pause", "Contrast", "Large text", "Next"}
    if language == "en":
        assert english | {"Español"} == set(labels)
    else:  # translated, each of them
        assert not english & set(labels), labels
        assert {"Anterior", "Inicio", "Pausar", "English", "Siguiente"} <= set(labels)


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_bar_holds_every_button_and_the_dots_and_covers_no_text(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot, size: tuple[int, int], language: str
) -> None:
    window = make_kiosk(real_pack, size=size, language=language, reduced_motion=True)
    controls = window.controls
    assert controls is not None
    buttons = [b.geometry() for b in shown_buttons(window)]
    for i, a in enumerate(buttons):
        assert controls.rect().contains(a)
        for b in buttons[i + 1 :]:
            assert not a.intersects(b)
    dots = window.progress.geometry().translated(-controls.pos())
    assert controls.rect().contains(dots)
    assert not any(dots.intersects(b) for b in buttons)
    assert dots.width() >= min(size) * 0.1  # room to see where one is
    rows = {b.top() for b in buttons}
    assert len(rows) == (2 if size == (1080, 1920) else 1)
    # The slide is laid out above the bar, whatever its words made its height.
    top = controls.geometry().top()
    assert window.stage.geometry().bottom() < top
    for index in range(window.player.count):
        window.player.go_to(index)
        settle(window, qtbot)
        view = window.live_view
        assert view is not None
        for label in view.findChildren(QLabel):
            if label.isHidden() or not label.text():
                continue
            placed = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
            assert placed.bottom() < top, (index, label.text())


def test_switching_language_relabels_the_bar_and_moves_the_slide_out_of_its_way(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, size=(1280, 1024), reduced_motion=True)
    controls = window.controls
    assert controls is not None
    english_top = controls.geometry().top()
    window.player.set_language("es")
    settle(window, qtbot)
    assert controls.previous_button.text() == "Anterior"
    assert controls.language_button.text() == "English"
    # Wherever the longer Spanish words put the bar, the slide stays above it.
    assert window.stage.geometry().bottom() < controls.geometry().top()
    window.player.set_language("en")
    assert controls.geometry().top() == english_top


def test_the_pause_button_keeps_its_place_when_it_turns_to_play(
    make_kiosk: MakeKiosk, real_pack: Pack
) -> None:
    window = make_kiosk(real_pack, size=(1080, 1920), language="es", start=True)
    controls = window.controls
    assert controls is not None
    before = [b.geometry() for b in shown_buttons(window)]
    bar = controls.geometry()
    assert controls.pause_button.text() == "Pausar"
    window.player.pause()
    assert controls.pause_button.text() == "Reproducir"
    assert controls.pause_button.icon_name == "fa6s.play"
    assert [b.geometry() for b in shown_buttons(window)] == before
    assert controls.geometry() == bar


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_the_close_button_of_a_card_opened_large_says_so_and_covers_nothing(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot, size: tuple[int, int], language: str
) -> None:
    window = make_kiosk(real_pack, size=size, language=language, reduced_motion=True)
    window.player.go_to(resources_index(real_pack))
    settle(window, qtbot)
    stage = window.stage
    click(window, stage.mapTo(window, stage.tap_targets()[0].rect.center()))
    overlay = window.resource_overlay
    assert isinstance(overlay, ResourceOverlay)
    assert overlay.is_open
    button = overlay.close_button
    assert button.text() == ("Close" if language == "en" else "Cerrar")
    assert button.text() in button.accessibleName()
    font = button.label_font
    assert font is not None
    floor = SECONDARY_CAP_SHARE * min(size)
    assert QFontMetricsF(font).capHeight() >= floor
    assert first_letter_ink(button, window.theme.text, window.theme.background) >= floor - 1
    assert QFontMetricsF(font).horizontalAdvance(button.text()) <= button.label_rect().width()
    # On the card, and over neither the code nor any of the card's words.
    assert overlay.card.contains(button.geometry())
    assert overlay.qr_view is not None
    assert not button.geometry().intersects(overlay.qr_view.geometry())
    for label in overlay.findChildren(QLabel):
        if label.isVisible():
            assert not button.geometry().intersects(label.geometry()), label.text()

"""The pieces every part draws with, each in one place: the card and the focus ring."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFocusEvent, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.theme import UiTheme
from kiosk.ui.widgets.card import ON_SLIDE, POP_UP, SCRIM_ALPHA, Card, paint_card, paint_pop_up
from kiosk.ui.widgets.focus_ring import KeyboardFocus, paint_focus_ring

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"
BLACK = QColor("#000000")
SURFACE = QColor("#204060")
YELLOW = QColor("#ffff00")


def canvas(width: int = 200, height: int = 120) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(BLACK)
    return image


def colour(image: QImage, x: int, y: int) -> QColor:
    return QColor(image.pixel(x, y))


# -- the card --------------------------------------------------------------------------


def test_a_cards_border_lies_inside_it(qapp: object) -> None:
    image = canvas()
    painter = QPainter(image)
    paint_card(painter, Card(QRect(20, 20, 160, 80), SURFACE, 10.0, YELLOW, 6.0))
    painter.end()
    assert colour(image, 100, 60) == SURFACE  # filled
    assert colour(image, 100, 22) == YELLOW  # the border, inside the top edge
    assert colour(image, 22, 60) == YELLOW  # and the left one
    for x, y in ((100, 18), (18, 60), (100, 101), (181, 60)):
        assert colour(image, x, y) == BLACK, (x, y)  # nothing reaches outside
    assert colour(image, 21, 21) == BLACK  # the corner is rounded off


def test_a_card_without_an_outline_is_only_filled(qapp: object) -> None:
    image = canvas()
    painter = QPainter(image)
    paint_card(painter, Card.shaped(QRect(20, 20, 160, 80), SURFACE, None, 720))
    painter.end()
    seen = {image.pixel(x, y) for x in range(0, 200, 3) for y in range(0, 120, 3)}
    assert YELLOW.rgb() not in seen
    assert colour(image, 100, 22) == SURFACE


def test_card_shapes_follow_the_screen() -> None:
    small = Card.shaped(QRect(0, 0, 10, 10), SURFACE, YELLOW, 720)
    large = Card.shaped(QRect(0, 0, 10, 10), SURFACE, YELLOW, 2160)
    assert large.radius == pytest.approx(3 * small.radius)
    assert large.outline_width > small.outline_width >= 2
    assert Card.shaped(QRect(), SURFACE, None, 720).outline_width == 0
    pop_up = Card.shaped(QRect(), SURFACE, YELLOW, 720, POP_UP)
    assert pop_up.radius > small.radius  # a bigger card, rounder
    assert ON_SLIDE.radius(100) == ON_SLIDE.min_radius  # never square on a small screen


def test_a_pop_up_dims_the_slide_and_stands_on_a_card(qapp: object) -> None:
    theme = UiTheme.high_contrast()
    image = canvas()
    image.fill(QColor("#ffffff"))  # a bright slide behind
    painter = QPainter(image)
    paint_pop_up(painter, image.rect(), theme, QRect(40, 20, 120, 80))
    painter.end()
    dimmed = colour(image, 5, 5)
    expected = round(255 * (1 - SCRIM_ALPHA) + theme.background.red() * SCRIM_ALPHA)
    assert abs(dimmed.red() - expected) <= 2
    assert colour(image, 100, 60) == theme.surface
    assert theme.outline is not None
    assert colour(image, 100, 21) == theme.outline


# -- the focus ring --------------------------------------------------------------------------


def test_the_ring_is_a_ring_inside_its_rectangle(qapp: object) -> None:
    image = canvas()
    painter = QPainter(image)
    paint_focus_ring(painter, QRectF(20, 20, 160, 80), YELLOW, 4.0, 8.0)
    painter.end()
    assert colour(image, 100, 21) == YELLOW
    assert colour(image, 100, 60) == BLACK  # hollow
    assert colour(image, 100, 18) == BLACK  # inside its rectangle


@pytest.mark.parametrize(
    ("reason", "shows"),
    [
        (Qt.FocusReason.TabFocusReason, True),
        (Qt.FocusReason.BacktabFocusReason, True),
        (Qt.FocusReason.ShortcutFocusReason, True),
        (Qt.FocusReason.MouseFocusReason, False),
        (Qt.FocusReason.OtherFocusReason, False),
        (Qt.FocusReason.ActiveWindowFocusReason, False),
    ],
)
def test_only_keyboard_focus_shows_a_ring(reason: Qt.FocusReason, shows: bool) -> None:
    focus = KeyboardFocus()
    focus.focus_in(QFocusEvent(QFocusEvent.Type.FocusIn, reason))
    assert focus.active is shows
    focus.pointer_pressed()
    assert not focus.active
    focus.key_pressed()
    assert focus.active
    focus.focus_out()
    assert not focus.active


def test_a_focused_button_draws_the_shared_ring(qtbot: QtBot) -> None:
    from kiosk.ui.widgets.button import TouchButton

    theme = UiTheme.high_contrast()
    host = QWidget()
    qtbot.addWidget(host)
    button = TouchButton(theme, name="Next", description="Next slide", parent=host)
    button.setGeometry(0, 0, 100, 100)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow, timeout=3000)
    edge = (1, 50)
    button.setFocus(Qt.FocusReason.OtherFocusReason)
    assert button.hasFocus()
    assert button.grab().toImage().pixelColor(*edge) != theme.accent
    button.clearFocus()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert button.grab().toImage().pixelColor(*edge) == theme.accent


# -- one place each ----------------------------------------------------------------------------


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("module", "uses"),
    [
        ("ui/slide_view.py", "kiosk.ui.widgets.card"),
        ("ui/resource_overlay.py", "kiosk.ui.widgets.card"),
        ("ui/pin_pad.py", "kiosk.ui.widgets.card"),
        ("ui/widgets/button.py", "kiosk.ui.widgets.focus_ring"),
        ("ui/resource_overlay.py", "kiosk.ui.widgets.focus_ring"),
    ],
)
def test_cards_and_rings_come_from_their_one_module(module: str, uses: str) -> None:
    assert uses in imports_of(KIOSK / module)


def test_the_pin_pad_borrows_nothing_from_the_resource_overlay() -> None:
    assert "kiosk.ui.resource_overlay" not in imports_of(KIOSK / "ui" / "pin_pad.py")

"""The staff PIN pad's keys with an icon (delete, OK, cancel) say what they do under
it, in the kiosk's language, at the secondary floor, whole and inside the key; and
the pad still holds everything it shows, on every screen size.

Set KIOSK_PIN_PAD_PNG to a folder to also keep each pad as drawn, for looking at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot
from test_touch_bar import first_letter_ink
from venue_helpers import MakeKiosk, make_kiosk, pin_gate, real_pack

from kiosk.pack.model import Pack
from kiosk.ui.widgets.readable import SECONDARY_CAP_SHARE

__all__ = ["make_kiosk", "real_pack"]

SIZES = [(1920, 1080), (1080, 1920), (1280, 720)]
LABELS = {"en": ["Delete", "OK", "Cancel"], "es": ["Borrar", "Aceptar", "Cancelar"]}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_pin_pad_keys_say_what_they_do(
    make_kiosk: MakeKiosk,
    real_pack: Pack,
    qtbot: QtBot,
    size: tuple[int, int],
    language: str,
) -> None:
    window = make_kiosk(real_pack, size=size, language=language, lock=True, pin_gate=pin_gate())
    assert window.open_staff_pad()
    pad = window.pin_pad
    assert pad is not None
    qtbot.waitUntil(pad.isVisible, timeout=3000)
    floor = SECONDARY_CAP_SHARE * min(size)
    labels = []
    for button in pad.labelled_buttons():
        label = button.text()
        labels.append(label)
        # Label in Name (WCAG 2.5.3): what it says is what it is called.
        assert label == button.accessibleName()
        font = button.label_font
        assert font is not None
        assert QFontMetricsF(font).capHeight() >= floor, (label, font.pixelSize())
        assert first_letter_ink(button, window.theme.text, window.theme.background) >= floor - 1
        room = button.label_rect()
        assert QFontMetricsF(font).horizontalAdvance(label) <= room.width(), label
        assert QRect(0, 0, button.width(), button.height()).contains(room.toRect()), label
    assert labels == LABELS[language]
    # Every key and line of the pad inside its card, and no two keys overlapping.
    keys = [*pad.digit_buttons.values(), pad.delete_button, pad.ok_button, pad.close_button]
    for widget in [*keys, pad.title, pad.message]:
        assert pad.card.contains(widget.geometry()), widget
    for number, key in enumerate(keys):
        for other in keys[number + 1 :]:
            assert not key.geometry().intersects(other.geometry()), (key.text(), other.text())
    assert not pad.title.geometry().intersects(pad.close_button.geometry())
    folder = os.environ.get("KIOSK_PIN_PAD_PNG")
    if folder:
        window.grab().save(str(Path(folder) / f"pin-pad-{language}-{size[0]}x{size[1]}.png"))

"""Every bundled slide and every pop-up in Spanish, as a visitor sees it and a screen
reader hears it: no English word of the kiosk's own remains.

The English is the catalogue's: every message whose Spanish differs from it. What
is collected is everything the window shows or tells assistive technology: each
visible widget's text, accessible name and description, the window's title and
name, and every announcement sent while the slides and pop-ups come and go.
"""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget
from pytestqt.qtbot import QtBot
from venue_helpers import MakeKiosk, make_kiosk, pin_gate, real_pack, settle

from kiosk.pack.load import load_pack
from kiosk.pack.model import Pack
from kiosk.paths import content_dir
from kiosk.translation import LOCALE_DIR
from kiosk.ui.pin_pad import PinPad
from kiosk.ui.resource_overlay import ResourceOverlay
from kiosk.ui.window import KioskWindow

__all__ = ["make_kiosk", "real_pack"]  # fixtures, used by name


def english_messages() -> dict[str, re.Pattern[str]]:
    """Each English message that Spanish says differently, as a pattern that finds it
    in a text with its placeholders filled in."""
    with (LOCALE_DIR / "es" / "LC_MESSAGES" / "kiosk.po").open("rb") as stream:
        catalogue = read_po(stream)
    found = {}
    for message in catalogue:
        if not message.id:
            continue
        english = [message.id] if isinstance(message.id, str) else list(message.id)
        spanish = [message.string] if isinstance(message.string, str) else list(message.string)
        for text in english:
            if text in spanish:
                continue  # said the same way ("{figure}: {label}")
            pieces = re.split(r"\{\w+\}", text)
            body = ".+?".join(re.escape(piece) for piece in pieces)
            found[f"{message.context}: {text}"] = re.compile(rf"(?<!\w){body}(?!\w)")
    assert len(found) > 30  # the catalogue was read
    return found


ENGLISH = english_messages()


class Heard:
    """What the window shows and says, collected as the test goes."""

    def __init__(self, window: KioskWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.window = window
        self.texts: list[tuple[str, str]] = []  # (where, text)
        self.cut: list[str] = []  # pop-up texts that do not fit their place
        original = QAccessible.updateAccessibility

        def spy(event: QAccessibleEvent) -> None:
            message = event.message() if hasattr(event, "message") else ""
            if message:
                self.texts.append(("announcement", message))
            original(event)

        monkeypatch.setattr(QAccessible, "updateAccessibility", spy)

    def look(self, moment: str) -> None:
        """Everything on screen now, and what it tells a screen reader."""
        window = self.window
        self.texts.append((f"{moment}: window title", window.windowTitle()))
        for widget in [window, *window.findChildren(QWidget)]:
            if widget is not window and not widget.isVisibleTo(window):
                continue
            where = f"{moment}: {type(widget).__name__}"
            if isinstance(widget, QLabel | QAbstractButton):
                self.texts.append((f"{where} text", widget.text()))
            if isinstance(widget, QLabel) and isinstance(
                widget.parentWidget(), PinPad | ResourceOverlay
            ):
                # Spanish runs longer than English: the pop-ups must still hold it.
                fits = (
                    widget.heightForWidth(widget.width()) <= widget.height()
                    if widget.wordWrap()
                    else widget.sizeHint().width() <= widget.width()
                )
                if not fits:
                    self.cut.append(f"{moment}: {widget.text()!r}")
            self.texts.append((f"{where} name", widget.accessibleName()))
            self.texts.append((f"{where} description", widget.accessibleDescription()))

    def english(self) -> list[str]:
        """Each English text found (once, where it was first seen), and its message."""
        found: dict[tuple[str, str], str] = {}
        for where, text in self.texts:
            for message, pattern in ENGLISH.items():
                if pattern.search(text):
                    found.setdefault((text, message), where)
        return [f"{where}: {text!r} is {message!r}" for (text, message), where in found.items()]


def walk_everything(window: KioskWindow, qtbot: QtBot, heard: Heard, errors: list[int]) -> None:
    """Every slide, every resource opened large on it, and the PIN pad in each state."""
    player = window.player
    for index in range(player.count):
        player.go_to(index)
        settle(window, qtbot)
        heard.look(f"slide {index + 1}")
        for target in range(len(window.stage.tap_targets())):
            assert window.open_resource(target)
            heard.look(f"slide {index + 1}, resource {target + 1} large")
            window.resource_overlay.dismiss()  # type: ignore[union-attr]
    pad = window.pin_pad
    assert pad is not None
    for count in (1, 2):  # both plural forms of the error badge
        errors[0] = count
        assert window.open_staff_pad()
        heard.look(f"PIN pad, {count} errors logged")
        pad.dismiss()
    assert window.open_staff_pad()
    for attempt in range(3):
        for digit in "1111":
            pad.press_digit(digit)
        pad.submit()
        heard.look(f"PIN pad, wrong PIN {attempt + 1}")  # the last one locks the pad
    assert pad.countdown_running
    pad.dismiss()


def bundled(name: str, real_pack: Pack) -> Pack:
    return real_pack if name == "2023" else load_pack(content_dir() / name)


@pytest.mark.parametrize("pack_name", ["2023", "2024"])
def test_no_english_control_text_remains_in_spanish(
    make_kiosk: MakeKiosk,
    real_pack: Pack,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    pack_name: str,
) -> None:
    pack = bundled(pack_name, real_pack)
    errors = [0]
    window = make_kiosk(
        pack,
        language="es",
        reduced_motion=True,
        lock=True,
        pin_gate=pin_gate(),
        error_count=lambda: errors[0],
    )
    heard = Heard(window, monkeypatch)
    walk_everything(window, qtbot, heard, errors)
    assert len(heard.texts) > 200  # something was looked at
    english = heard.english()
    assert not english, "\n".join(english)
    assert not heard.cut, "\n".join(heard.cut)
    # And what was heard is the Spanish: the bar, a pop-up, the pad, the source line.
    said = "\n".join(text for _, text in heard.texts)
    for spanish in ("Diapositiva anterior", "Volver al inicio", "Cerrar", "PIN del personal"):
        assert spanish in said
    assert "Fuente: " in said


def test_the_language_button_switches_every_control_and_pop_up(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = [0]
    window = make_kiosk(
        real_pack,
        language="en",
        reduced_motion=True,
        lock=True,
        pin_gate=pin_gate(),
        error_count=lambda: errors[0],
    )
    controls = window.controls
    assert controls is not None
    assert controls.language_button.text() == "Español"
    assert controls.previous_button.accessibleName() == "Previous slide"
    assert controls.language_button.accessibleDescription() == "Show the slides in Spanish"
    qtbot.mouseClick(controls.language_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.player.language == "es", timeout=3000)
    heard = Heard(window, monkeypatch)
    walk_everything(window, qtbot, heard, errors)
    english = heard.english()
    assert not english, "\n".join(english)
    assert controls.language_button.text() == "English"
    assert controls.language_button.accessibleDescription() == "Mostrar las diapositivas en inglés"
    # And back: English again, everywhere.
    qtbot.mouseClick(controls.language_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.player.language == "en", timeout=3000)
    assert controls.previous_button.accessibleName() == "Previous slide"
    assert window.open_staff_pad()
    assert window.pin_pad is not None
    assert window.pin_pad.title.text() == "Staff: enter the PIN to close the kiosk"

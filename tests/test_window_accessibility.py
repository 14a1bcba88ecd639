"""What a screen reader finds in the kiosk window: read from the accessibility tree
Qt gives assistive technology, not from widget properties."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from pytestqt.qtbot import QtBot
from venue_helpers import MakeKiosk, make_kiosk, pin_gate, real_pack, resources_index

from kiosk.pack.model import Pack

__all__ = ["make_kiosk", "real_pack"]


def tree(interface: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    yield interface
    for index in range(interface.childCount()):
        child = interface.child(index)
        if child is not None and child.isValid():
            yield from tree(child)


def buttons_in(interface: QAccessibleInterface) -> list[QAccessibleInterface]:
    return [
        node
        for node in tree(interface)
        if node.role() in (QAccessible.Role.Button, QAccessible.Role.CheckBox)
        and not node.state().invisible
    ]


def name(node: QAccessibleInterface) -> str:
    return node.text(QAccessible.Text.Name)


def test_the_window_is_named_after_the_slide_and_says_so(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[tuple[QAccessible.Event, str]] = []
    original = QAccessible.updateAccessibility

    def spy(event: QAccessibleEvent) -> None:
        message = event.message() if hasattr(event, "message") else ""
        sent.append((event.type(), message))
        original(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", spy)
    window = make_kiosk(real_pack, mode="event", reduced_motion=True)
    interface = QAccessible.queryAccessibleInterface(window)
    assert interface is not None
    first = name(interface)
    assert first == window.live_view.accessibleName()  # type: ignore[union-attr]
    assert first
    sent.clear()
    window.player.go_to(resources_index(real_pack))
    assert name(interface) == "Need help? Call or text"
    description = interface.text(QAccessible.Text.Description)
    assert "1-888-373-7888" in description
    kinds = [kind for kind, _ in sent]
    assert QAccessible.Event.NameChanged in kinds
    spoken = [message for kind, message in sent if kind == QAccessible.Event.Announcement]
    assert spoken
    assert spoken[-1].startswith("Need help? Call or text")
    window.player.set_language("es")
    assert name(interface) != "Need help? Call or text"  # the Spanish heading


def test_every_control_has_a_name_and_a_description(
    make_kiosk: MakeKiosk, real_pack: Pack, qtbot: QtBot
) -> None:
    window = make_kiosk(real_pack, reduced_motion=True, lock=True, pin_gate=pin_gate())
    interface = QAccessible.queryAccessibleInterface(window)
    assert interface is not None
    names = set()
    for node in buttons_in(interface):
        assert name(node), node
        assert node.text(QAccessible.Text.Description), name(node)
        names.add(name(node))
    assert {
        "Previous slide",
        "Next slide",
        "Back to start",
        "Language: Español",
        "High contrast",
        "Large text",
    } <= names
    switches = [node for node in buttons_in(interface) if node.role() == QAccessible.Role.CheckBox]
    assert {name(node) for node in switches} == {"High contrast", "Large text"}
    assert not any(node.state().checked for node in switches)
    # Buttons can be pressed through the accessibility interface too.
    next_button = next(node for node in buttons_in(interface) if name(node) == "Next slide")
    actions = next_button.actionInterface()
    assert actions is not None
    actions.doAction(actions.pressAction())  # Qt animates the press: it lands shortly
    qtbot.waitUntil(lambda: window.player.index == 1, timeout=2000)
    # The resource large view and the PIN pad name theirs as well.
    window.player.go_to(resources_index(real_pack))
    assert window.open_resource(0)
    assert "Close" in {name(node) for node in buttons_in(interface)}
    assert window.resource_overlay is not None
    window.resource_overlay.dismiss()
    window.open_staff_pad()
    pad_buttons = {name(node) for node in buttons_in(interface)}
    assert {"1", "0", "Delete", "OK", "Cancel"} <= pad_buttons

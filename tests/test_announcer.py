"""The announcer alone: a bare widget named and described after a stand-in view, and
what it sends to screen readers, read back through Qt's accessibility layer."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.announcer import Announcer
from kiosk.ui.stage_view import TapTarget

Sent = list[tuple[QAccessible.Event, str]]


class SpokenView(QWidget):
    """A stand-in view: a name, a description and (maybe) its own spoken text."""

    def __init__(self, name: str, description: str, spoken: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        self._spoken = spoken

    def tap_targets(self) -> Sequence[TapTarget]:
        return ()

    def spoken_text(self) -> str:
        return self._spoken


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Sent:
    """Every accessibility event sent, with its message for announcements."""
    events: Sent = []
    original = QAccessible.updateAccessibility

    def spy(event: QAccessibleEvent) -> None:
        message = event.message() if hasattr(event, "message") else ""
        events.append((event.type(), message))
        original(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", spy)
    return events


def subject(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def announcements(sent: Sent) -> list[str]:
    return [message for kind, message in sent if kind == QAccessible.Event.Announcement]


def test_the_subject_takes_the_views_name_and_says_its_text(qtbot: QtBot, sent: Sent) -> None:
    window = subject(qtbot)
    view = SpokenView("Need help?", "Call 1-888-373-7888", "Need help?\nCall 1-888-373-7888.")
    said = Announcer(window).announce(view, "The pack's title")
    assert said == "Need help?\nCall 1-888-373-7888."
    interface = QAccessible.queryAccessibleInterface(window)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == "Need help?"
    assert interface.text(QAccessible.Text.Description) == "Call 1-888-373-7888"
    kinds = [kind for kind, _ in sent]
    assert QAccessible.Event.NameChanged in kinds
    assert QAccessible.Event.DescriptionChanged in kinds
    assert announcements(sent) == [said]


def test_a_nameless_view_is_named_after_the_fallback(qtbot: QtBot, sent: Sent) -> None:
    window = subject(qtbot)
    said = Announcer(window).announce(SpokenView("", "", ""), "World Day 2023")
    assert window.accessibleName() == "World Day 2023"
    assert said == "World Day 2023"  # no text of its own: its name is said
    assert announcements(sent) == ["World Day 2023"]


def test_a_view_without_spoken_text_is_announced_by_name_and_description(
    qtbot: QtBot, sent: Sent
) -> None:
    window = subject(qtbot)
    said = Announcer(window).announce(SpokenView("Timeline", "1949. 2000.", ""), "Title")
    assert said == "Timeline\n1949. 2000."
    assert announcements(sent) == [said]


def test_nothing_to_say_sends_no_announcement(qtbot: QtBot, sent: Sent) -> None:
    window = subject(qtbot)
    assert Announcer(window).announce(SpokenView("", "", ""), "") == ""
    assert announcements(sent) == []
    assert QAccessible.Event.NameChanged in [kind for kind, _ in sent]

"""What a screen reader hears: the window named and described after the slide on
screen, and the slide's text announced as it comes on.

The name changes (NameChanged) for screen readers that follow the window; the
announcement (``QAccessibleAnnouncementEvent``) is for those that read out live
changes.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.stage_view import StageView


class Announcer:
    """Names, describes and announces on behalf of ``subject`` (the window)."""

    def __init__(self, subject: QWidget) -> None:
        self._subject = subject

    def announce(self, view: StageView, fallback_name: str) -> str:
        """Name ``subject`` after ``view`` (``fallback_name`` when the view has none),
        describe it, and announce the view's spoken text; returns what was announced.

        A view with no spoken text of its own is announced by its name and
        description.
        """
        name = view.accessibleName() or fallback_name
        description = view.accessibleDescription()
        spoken = view.spoken_text() or "\n".join(part for part in (name, description) if part)
        subject = self._subject
        subject.setAccessibleName(name)
        subject.setAccessibleDescription(description)
        QAccessible.updateAccessibility(QAccessibleEvent(subject, QAccessible.Event.NameChanged))
        QAccessible.updateAccessibility(
            QAccessibleEvent(subject, QAccessible.Event.DescriptionChanged)
        )
        if spoken:
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(subject, spoken))
        return spoken

"""No mouse pointer for visitors: a kiosk shows none, whatever is under it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QWidget


class HiddenCursor:
    """Blanks the pointer over ``window`` at once, and over the whole app from
    ``cover_app`` until ``uncover_app``.

    The window's own blank cursor does not cover a moment when another widget (a
    view's child) sets one; the application-wide override does.
    """

    def __init__(self, window: QWidget) -> None:
        window.setCursor(Qt.CursorShape.BlankCursor)
        self._overriding = False

    @property
    def covers_app(self) -> bool:
        return self._overriding

    def cover_app(self) -> None:
        if not self._overriding:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._overriding = True

    def uncover_app(self) -> None:
        if self._overriding:
            QGuiApplication.restoreOverrideCursor()
            self._overriding = False

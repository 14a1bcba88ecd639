"""The hidden cursor alone, over a bare widget."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.cursor import HiddenCursor


def test_blank_over_the_window_then_over_the_app_until_uncovered(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    hidden = HiddenCursor(window)
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor
    assert QGuiApplication.overrideCursor() is None
    hidden.cover_app()
    hidden.cover_app()  # once only: one restore undoes it
    override = QGuiApplication.overrideCursor()
    assert override is not None
    assert override.shape() == Qt.CursorShape.BlankCursor
    hidden.uncover_app()
    assert QGuiApplication.overrideCursor() is None
    hidden.uncover_app()  # nothing left to undo, and nobody else's override undone
    assert not hidden.covers_app

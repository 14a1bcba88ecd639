"""A QApplication for drawing slides without showing them (proofs, print media,
validate's page report)."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication

from kiosk.ui.fonts import load_bundled_fonts


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (widgets need it; none is shown).

    With no display, set ``QT_QPA_PLATFORM=offscreen`` before calling (the CLI does);
    this function does not guess, because a wrong guess would hide a real display.
    """
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_API", "pyside6")  # for qtawesome's qtpy
        app = QApplication(["kiosk"])
    if not isinstance(app, QApplication):
        raise RuntimeError("a QGuiApplication is running; slide views need a QApplication")
    load_bundled_fonts()
    return app

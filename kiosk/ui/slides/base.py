"""What every slide view shares: the model it draws and the context to draw it in."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from kiosk.pack.model import Pack, Slide
from kiosk.ui.theme import UiTheme


@dataclass(frozen=True)
class SlideContext:
    """What a view needs besides its slide: the pack (for text fallback), language, theme."""

    pack: Pack
    language: str
    theme: UiTheme

    def text(self, value: object) -> str:
        return self.pack.text(value, self.language)  # type: ignore[arg-type]


class SlideView(QWidget):
    """A widget that draws one slide. It keeps no state the Player should own."""

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide = slide
        self.context = context

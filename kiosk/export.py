"""The slide views rendered to image files, offscreen, at any size.

The same views draw the screen and the export, so a PNG shows exactly what a
visitor would see at that resolution.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.pack.model import Pack, Slide
from kiosk.slides import for_region
from kiosk.ui.fonts import load_bundled_fonts
from kiosk.ui.slide_view import SlideContext, create_slide_view
from kiosk.ui.theme import UiTheme

log = logging.getLogger(__name__)


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


def render_slide(
    slide: Slide,
    pack: Pack,
    language: str,
    size: QSize,
    *,
    high_contrast: bool = False,
    large_text: bool = False,
    region: str | None = None,
) -> QImage:
    """``slide`` drawn at exactly ``size`` pixels, without showing a window.

    ``high_contrast``, ``large_text`` and ``region``: as the kiosk draws it with
    those venue settings (``region`` picks the emergency number a help slide ends
    with; ``render_pack`` also leaves out the lines that do not work there).
    """
    ensure_app()
    if size.width() < 1 or size.height() < 1:
        raise ValueError(f"cannot render at {size.width()}x{size.height()}")
    theme = UiTheme.from_pack(pack.theme, high_contrast=high_contrast)
    context = SlideContext(
        pack=pack, language=language, theme=theme, large_text=large_text, region=region
    )
    # No parent: the view (and its children) go with the last reference, on return.
    view = create_slide_view(slide, context)
    view.resize(size)
    view.relayout(force=True)
    image = QImage(size, QImage.Format.Format_RGB32)
    if image.isNull():  # Qt's failure value: out of memory for this size
        raise MemoryError(f"cannot allocate a {size.width()}x{size.height()} image")
    image.fill(context.theme.background)
    view.render(image)
    return image


def render_pack(
    pack: Pack,
    out_dir: Path,
    size: QSize,
    language: str | None = None,
    *,
    high_contrast: bool = False,
    large_text: bool = False,
    region: str | None = None,
) -> list[Path]:
    """Write every slide to ``out_dir/NN-kind.png`` (NN: its number in the pack, from 01).

    With a ``region``, as a kiosk there shows the pack (``kiosk.slides.for_region``).
    A slide that fails to draw is logged with where it was written and skipped; a
    file that cannot be written is logged and skipped. Returns the files written.
    """
    ensure_app()
    pack = for_region(pack, region)
    lang = language or pack.default_language
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    width = max(2, len(str(len(pack.slides))))
    for number, slide in enumerate(pack.slides, start=1):
        target = out_dir / f"{number:0{width}d}-{slide.kind}.png"
        try:
            image = render_slide(
                slide,
                pack,
                lang,
                size,
                high_contrast=high_contrast,
                large_text=large_text,
                region=region,
            )
        except Exception as exc:  # one broken slide must not stop the rest
            log.error(
                "%s: could not draw this %s slide, skipped: %s", slide.origin, slide.kind, exc
            )
            log.debug("details", exc_info=True)
            continue
        # The format follows the ".png" suffix. (Passing it explicitly trips over
        # PySide6 6.12, whose stubs want bytes where the binding takes only str.)
        if not image.save(str(target)):  # Qt's failure value for a failed write
            log.error("could not write %s (is the folder writable and the disk not full?)", target)
            continue
        written.append(target)
    return written

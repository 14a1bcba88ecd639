"""A pack's picture, SVG or raster, drawn into a rectangle keeping its proportions.

Painted by a view, not a widget of its own: what it shows is told to screen
readers by the view (an image slide's alt text), or it is decoration (a logo).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

log = logging.getLogger(__name__)


class PackPicture:
    def __init__(self, renderer: QSvgRenderer | None, image: QImage | None) -> None:
        self._renderer = renderer
        self._image = image
        # The raster scaled to the size it was last drawn at: scaled once, with
        # Qt's smooth (area-averaging) filter, not on every paint.
        self._scaled: QImage | None = None
        self._scaled_for: tuple[int, ...] = ()

    @classmethod
    def load(cls, path: Path) -> PackPicture | None:
        """The picture at ``path``, or None (logged) when it cannot be drawn."""
        if path.suffix.lower() == ".svg":
            # Deferred: loading Qt's SVG library costs about 1 ms of a first start,
            # and only packs with SVG pictures need it.
            from PySide6.QtSvg import QSvgRenderer

            renderer = QSvgRenderer(str(path))
            size = renderer.defaultSize()
            if not renderer.isValid() or size.width() <= 0 or size.height() <= 0:
                log.warning("%s is not a valid SVG drawing; it is left out", path)
                return None
            return cls(renderer, None)
        image = QImage(str(path))
        if image.isNull():  # Qt's failure value: unreadable or unsupported image
            log.warning("%s cannot be read as an image; it is left out", path)
            return None
        return cls(None, image)

    @property
    def size(self) -> QSize:
        """Its size: pixels for a raster, the drawing's own size for an SVG."""
        if self._renderer is not None:
            return self._renderer.defaultSize()
        assert self._image is not None
        return self._image.size()

    @property
    def aspect(self) -> float:
        """Width over height."""
        size = self.size
        return size.width() / size.height()

    def placed(self, rect: QRectF, *, cover: bool = False) -> QRectF:
        """Where the whole picture goes: inside ``rect`` and centred in it, or, with
        ``cover``, over all of it (its overflow then cut off by ``paint``)."""
        by_width = rect.width() / self.aspect  # height if the width is filled
        fill_width = by_width >= rect.height() if cover else by_width <= rect.height()
        if fill_width:
            width, height = rect.width(), by_width
        else:
            width, height = rect.height() * self.aspect, rect.height()
        return QRectF(
            rect.x() + (rect.width() - width) / 2,
            rect.y() + (rect.height() - height) / 2,
            width,
            height,
        )

    def paint(self, painter: QPainter, rect: QRectF, *, cover: bool = False) -> None:
        if rect.width() <= 0 or rect.height() <= 0:
            return
        target = self.placed(rect, cover=cover)
        painter.save()
        painter.setClipRect(rect)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        if self._renderer is not None:
            self._renderer.render(painter, target)
        elif self._image is not None:
            self._paint_raster(painter, self._image, target, target.intersected(rect))
        painter.restore()

    def _paint_raster(
        self, painter: QPainter, image: QImage, target: QRectF, visible: QRectF
    ) -> None:
        """Draw the part of ``image`` that shows (all of it, unless it covers a
        rectangle smaller than itself), scaled once to the device pixels it fills."""
        across = image.width() / target.width()
        down = image.height() / target.height()
        source = QRectF(
            (visible.x() - target.x()) * across,
            (visible.y() - target.y()) * down,
            visible.width() * across,
            visible.height() * down,
        ).toAlignedRect()
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        size = QSize(
            max(1, round(visible.width() * ratio)), max(1, round(visible.height() * ratio))
        )
        key = (source.x(), source.y(), source.width(), source.height(), size.width(), size.height())
        if self._scaled is None or self._scaled_for != key:
            self._scaled = image.copy(source).scaled(
                size,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled_for = key
        painter.drawImage(visible, self._scaled)

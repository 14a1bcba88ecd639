"""Gapless transitions between two slides, painted from two still frames.

Animating live widget trees (opacity effects on whole slide views, moving them
about) repaints every label each frame and can show half-laid-out or empty
frames. Instead the stage (``kiosk.ui.stage``) renders the outgoing and incoming
slides to pixmaps before anything moves, and this one widget paints only those two
pictures while a ``QVariantAnimation`` runs. Every frame it paints is made of the
two slides, so no black or empty frame can appear between them; when the animation
ends the stage swaps the live incoming view in under it, which looks identical to
the last frame.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QPoint, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from kiosk.options import Transition


class TransitionView(QWidget):
    """Paints the blend of an outgoing and an incoming frame; emits ``finished``.

    ``animation`` is public so tests and the benchmark can step through a
    transition deterministically (pause it, then ``setCurrentTime``).
    """

    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Both frames cover the widget completely: Qt need not clear it first, nor
        # paint the window or the (hidden) views underneath.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.hide()
        self._outgoing = QPixmap()
        self._incoming = QPixmap()
        self._kind = Transition.CROSSFADE
        # +1: the incoming slide enters from the right (moving forward); -1: left.
        self._direction = 1
        self._progress = 0.0
        self.animation = QVariantAnimation(self)
        self.animation.setStartValue(0.0)
        self.animation.setEndValue(1.0)
        self.animation.valueChanged.connect(self._on_value_changed)
        self.animation.finished.connect(self._on_animation_finished)

    @property
    def is_running(self) -> bool:
        return not self._incoming.isNull()

    @property
    def progress(self) -> float:
        """0.0 shows the outgoing frame, 1.0 the incoming one (after easing)."""
        return self._progress

    def start(
        self,
        outgoing: QPixmap,
        incoming: QPixmap,
        *,
        kind: Transition,
        duration_ms: int,
        direction: int = 1,
    ) -> None:
        """Show ``outgoing`` at once, then move to ``incoming`` over ``duration_ms``."""
        self.animation.stop()
        self._outgoing = outgoing
        self._incoming = incoming
        self._kind = kind
        self._direction = 1 if direction >= 0 else -1
        self._progress = 0.0
        # A slide movement decelerates into place; a fade is symmetric.
        self.animation.setEasingCurve(
            QEasingCurve.Type.OutCubic if kind == Transition.SLIDE else QEasingCurve.Type.InOutQuad
        )
        self.animation.setDuration(max(1, duration_ms))
        self.show()
        self.raise_()
        self.update()
        self.animation.start()

    def finish(self) -> None:
        """Jump to the end now (an interruption, a resize, the window closing)."""
        if self._incoming.isNull():
            return
        # stop() does not emit QAbstractAnimation.finished, so finish by hand.
        self.animation.stop()
        self._on_animation_finished()

    def current_frame(self) -> QPixmap:
        """What the widget shows right now, as a pixmap: the start of an
        interrupting transition, so a fast second key press never jumps."""
        if self._outgoing.isNull():
            return QPixmap()
        frame = QPixmap(self._outgoing.size())
        frame.setDevicePixelRatio(self._outgoing.devicePixelRatio())
        painter = QPainter(frame)
        self._paint_frames(painter)
        painter.end()
        return frame

    def _on_value_changed(self, value: object) -> None:
        self._progress = float(value)  # type: ignore[arg-type]
        self.update()

    def _on_animation_finished(self) -> None:
        self._progress = 1.0
        # Listeners show the live incoming view under this widget first, so when it
        # hides there is no gap; then the frames go, as holding on to them would
        # only keep two full-screen pixmaps alive.
        self.finished.emit()
        if self.animation.state() != QVariantAnimation.State.Running:  # not restarted
            self.hide()
            self._outgoing = QPixmap()
            self._incoming = QPixmap()

    def cancel(self) -> None:
        """Stop without ``finished``: the caller has something else to show."""
        self.animation.stop()
        self.hide()
        self._outgoing = QPixmap()
        self._incoming = QPixmap()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint_frames(painter)
        painter.end()

    def _paint_frames(self, painter: QPainter) -> None:
        t = self._progress
        if self._incoming.isNull():
            if not self._outgoing.isNull():
                painter.drawPixmap(0, 0, self._outgoing)
            return
        if self._kind == Transition.SLIDE:
            # Both frames move together by the same amount, so their edges meet
            # and nothing behind them ever shows.
            width = self.width()
            # Whole pixels, so the two edges round the same way and cannot part.
            shift = self._direction * round(width * t)
            painter.drawPixmap(QPoint(-shift, 0), self._outgoing)
            painter.drawPixmap(QPoint(self._direction * width - shift, 0), self._incoming)
            return
        # Crossfade (and "none", should it ever get here): the opaque outgoing
        # frame underneath, the incoming one over it with rising opacity. Every
        # pixel is a mix of the two slides, never of anything behind them.
        painter.drawPixmap(0, 0, self._outgoing)
        if t > 0.0:
            painter.setOpacity(t)
            painter.drawPixmap(0, 0, self._incoming)

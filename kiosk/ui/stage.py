"""The stage: the area where slides show, one at a time.

What is on the stage at any moment is exactly one of:
- the live view of the current slide (at rest);
- the transition widget, painting two pre-rendered frames (while moving);
- nothing, so the window's theme background shows (no slide could be built).

The stage builds each view through a factory (by default the real slide views),
checks it offers the view protocol (``kiosk.ui.stage_view.StageView``), and
logs and reports a view that fails to build, so the caller can skip that slide.
It knows nothing of the Player, the chrome or input: it is told what to show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.options import Transition
from kiosk.pack.model import Slide
from kiosk.ui import slide_view
from kiosk.ui.deck import Deck
from kiosk.ui.slide_view import SlideContext
from kiosk.ui.stage_view import StageView, TapTarget, target_at
from kiosk.ui.transition import TransitionView

log = logging.getLogger(__name__)

ViewFactory = Callable[[Slide, SlideContext, QWidget | None], QWidget]


def create_slide_view(slide: Slide, context: SlideContext, parent: QWidget | None) -> QWidget:
    """The real slide views (``kiosk.ui.slide_view.create_slide_view``).

    Looked up on every call rather than bound at import, so a test can monkeypatch
    it and still go through the stage's default path.
    """
    return slide_view.create_slide_view(slide, context, parent)


class Motion(NamedTuple):
    """How to move to the next slide: the pack's transition, in the Player's direction
    (+1 forward, -1 back)."""

    kind: Transition
    duration_ms: int
    direction: int = 1


class _Shown(NamedTuple):
    """A view the stage holds, as a widget and as the protocol (the same object)."""

    widget: QWidget
    view: StageView


class Stage(QWidget):
    """Shows slide views (``show_slide``) or nothing (``show_nothing``).

    Emits ``live_changed`` whenever the view at rest changes (a view came to rest,
    a transition took it away, or nothing shows), so what lies over it can follow;
    and ``first_painted`` once, when the first view is painted.

    The stage and everything on it are transparent to the mouse: the window reads
    every click, tap and swipe itself, and asks the stage which target a tap hit
    (``target_at``).
    """

    live_changed = Signal()
    # The stage took another size after a deck was laid out for it: the current slide
    # may make other pages now, and should be shown anew.
    resized = Signal()
    first_painted = Signal()

    def __init__(
        self, view_factory: ViewFactory | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._factory: ViewFactory = view_factory or create_slide_view
        self._live: _Shown | None = None
        self._incoming: _Shown | None = None  # built, waiting for its transition to end
        self._empty = False
        self._deck: Deck | None = None  # the pack laid out on the stage (pages, runs)
        self._painted = False
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._transition = TransitionView(self)
        self._transition.finished.connect(self._on_transition_finished)

    # -- what is on it ---------------------------------------------------------------

    @property
    def live_view(self) -> QWidget | None:
        """The view at rest (None during a transition or when nothing shows)."""
        return self._live.widget if self._live is not None else None

    @property
    def transition(self) -> TransitionView:
        return self._transition

    @property
    def is_empty(self) -> bool:
        """Whether the last thing shown was nothing (every slide failed)."""
        return self._empty

    def tap_targets(self) -> list[TapTarget]:
        """The live view's tap targets, in the stage's coordinates."""
        if self._live is None:
            return []
        offset = self._live.widget.pos()
        return [target.translated(offset) for target in self._live.view.tap_targets()]

    def target_at(self, point: QPoint) -> TapTarget | None:
        """The tap target of the live view at ``point`` (stage coordinates), if any."""
        return target_at(self.tap_targets(), point)

    # -- showing -------------------------------------------------------------------------

    def deck(self, context: SlideContext) -> Deck:
        """``context``'s pack laid out on the stage as it is now (its pages and runs,
        ``kiosk.ui.deck``): a new one when the pack, language, look or size changed."""
        if not self.deck_is_current(context) or self._deck is None:
            self._deck = Deck(context, self.size())
        return self._deck

    def deck_is_current(self, context: SlideContext) -> bool:
        """False when the deck last laid out no longer serves ``context`` at this size."""
        return self._deck is None or self._deck.serves(context, self.size())

    def show_page(
        self, index: int, page: int, context: SlideContext, motion: Motion | None = None
    ) -> StageView | None:
        """Page ``page`` (from 0) of slide ``index`` of ``context``'s pack, as the deck
        lays it out on the stage (``deck``), brought on as ``show_slide`` does."""
        slide, page_context = self.deck(context).page(index, page + 1)
        return self.show_slide(slide, page_context, motion)

    def show_slide(
        self, slide: Slide, context: SlideContext, motion: Motion | None = None
    ) -> StageView | None:
        """Build ``slide``'s view and bring it on: moving as ``motion`` says, or a cut.

        Returns the view, or None when it could not be built (logged with where
        the slide was written; nothing on the stage changes).
        """
        try:
            shown = self._build(slide, context)
        except Exception:
            # A visitor never sees this: log where the slide was written, move on.
            log.exception(
                "the %s slide written at %s could not be shown; skipping it",
                _kind_of(slide),
                slide.origin,
            )
            return None
        self._empty = False
        # From nothing (start-up, or after the empty background) there is nothing
        # to move away from: the slide simply appears.
        on_screen = self._live is not None or self._transition.is_running
        if motion is not None and on_screen:
            self._move_to(shown, motion)
        else:
            self._cut_to(shown)
        return shown.view

    def show_nothing(self) -> None:
        """Take everything off: the window's background shows through."""
        self._empty = True
        self._drop_transition()
        old, self._live = self._live, None
        self._discard(old)
        self.live_changed.emit()

    def land(self) -> None:
        """Finish a running transition now (a resize, the window closing)."""
        self._transition.finish()

    def _build(self, slide: Slide, context: SlideContext) -> _Shown:
        widget = self._factory(slide, context, self)
        if not isinstance(widget, StageView):
            widget.deleteLater()
            raise TypeError(
                f"{type(widget).__name__} lacks the view protocol "
                "(kiosk.ui.stage_view.StageView: tap_targets, spoken_text)"
            )
        if widget.parentWidget() is not self:
            widget.setParent(self)
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        widget.hide()
        widget.setGeometry(self.rect())
        if not self._painted:
            widget.installEventFilter(self)  # to notice the first frame (see eventFilter)
        return _Shown(widget, widget)

    def _cut_to(self, shown: _Shown) -> None:
        self._drop_transition()
        old, self._live = self._live, shown
        shown.widget.lower()
        shown.widget.show()
        self._discard(old)
        self.live_changed.emit()

    def _move_to(self, shown: _Shown, motion: Motion) -> None:
        if self._transition.is_running:
            # Interrupted (a fast second key press): start from exactly what is on
            # screen now, so nothing jumps; the half-shown slide is dropped.
            outgoing = self._transition.current_frame()
            self._discard(self._incoming)
            self._incoming = None
        else:
            assert self._live is not None  # see show_slide
            outgoing = self._live.widget.grab()
        incoming = shown.widget.grab()
        if outgoing.isNull() or incoming.isNull():
            log.warning("could not render a transition frame; cutting instead")
            self._cut_to(shown)
            return
        old, self._live = self._live, None
        self._incoming = shown
        self._transition.setGeometry(self.rect())
        self._transition.start(
            outgoing,
            incoming,
            kind=motion.kind,
            duration_ms=motion.duration_ms,
            direction=motion.direction,
        )
        # Hidden only now that the transition widget covers it.
        self._discard(old)
        self.live_changed.emit()

    def _on_transition_finished(self) -> None:
        shown, self._incoming = self._incoming, None
        if shown is None:
            return
        # Shown under the transition widget, which hides right after: the last
        # transition frame and the live view are the same picture.
        shown.widget.lower()
        shown.widget.show()
        self._live = shown
        self.live_changed.emit()

    def _drop_transition(self) -> None:
        """Abandon a running transition and the view it was bringing in."""
        self._transition.cancel()
        self._discard(self._incoming)
        self._incoming = None

    @staticmethod
    def _discard(shown: _Shown | None) -> None:
        if shown is not None:
            shown.widget.hide()
            shown.widget.deleteLater()

    # -- Qt events -----------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # Frames of the old size would be stretched or cut: land the transition.
        self._transition.finish()
        self._transition.setGeometry(self.rect())
        if self._live is not None:
            self._live.widget.setGeometry(self.rect())
        self.live_changed.emit()  # the targets moved with the layout
        if self._deck is not None and self._deck.size != self.size():
            self.resized.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        self._note_painted()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Watching views is needed for the first frame only: a view covering the
        # stage is opaque, so Qt may paint neither the stage nor the window under it.
        if event.type() == QEvent.Type.Paint and watched is self.live_view:
            watched.removeEventFilter(self)
            self._note_painted()
        return False

    def _note_painted(self) -> None:
        if not self._painted:
            self._painted = True
            self.first_painted.emit()


def _kind_of(slide: Slide) -> str:
    try:
        return slide.kind
    except NotImplementedError:
        return type(slide).__name__


__all__ = ["Motion", "Stage", "ViewFactory", "create_slide_view"]

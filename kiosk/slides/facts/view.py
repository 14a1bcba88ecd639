"""Key figures: one card per fact, the figure big in the accent colour, its source below."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from kiosk.slides.facts import FactsSlide
from kiosk.slides.facts.opened import fact_targets
from kiosk.translation import translator
from kiosk.ui.fit import largest_fitting_px
from kiosk.ui.slide_view import (
    Box,
    Column,
    Row,
    SlideContext,
    SlideView,
    Space,
    TextBox,
    spoken_line,
)
from kiosk.ui.stage_view import TapTarget
from kiosk.ui.theme import ROLE_SIZES, Metrics, TextRole, UiTheme
from kiosk.ui.widgets.source_line import fact_source_text

# The smallest a figure gets (as every size: kiosk.ui.theme.Metrics.font_px).
SMALLEST_FIGURE_PX = 6


class FactsSlideView(SlideView):
    draws = FactsSlide
    slide: FactsSlide

    def __init__(
        self, slide: FactsSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        heading = self.text(slide.heading)
        self.add_heading(heading)
        self.figures = []
        self.fact_labels = []
        self.sources = []
        words = translator(context.language)
        lines = []
        for fact in slide.facts:
            value, label = self.text(fact.value), self.text(fact.label)
            source = fact_source_text(self.text(fact.source.name), fact.as_of, context.language)
            # A figure never wraps ("−11 %" broken over two lines reads as two figures);
            # apply_metrics makes it small enough to fit its card instead.
            self.figures.append(self.add_label(value, TextRole.FIGURE, theme.accent, wrap=False))
            self.fact_labels.append(self.add_label(label, TextRole.LABEL, theme.text))
            self.sources.append(self.add_label(source, TextRole.SOURCE, theme.muted))
            # Translators: how a screen reader hears a figure and what it counts,
            # as in "41 %: of detected victims are women".
            said = words.pgettext("spoken slide", "{figure}: {label}")
            lines.append(spoken_line(said.format(figure=value, label=label), source))
        self.set_accessible(heading, lines)
        self._figure_widths: dict[int, int] = {}  # pixel size -> widest figure

    def variants(self, m: Metrics) -> list[Any]:
        count = len(self.slide.facts)
        if m.portrait:
            return [1, 2] if count == 4 else [1]
        return [count, 2] if count == 4 else [count]

    def _padding(self, m: Metrics) -> int:
        return m.space(0.034)

    def _gap(self, m: Metrics) -> int:
        return m.space(0.03)

    def apply_metrics(self, m: Metrics, variant: Any) -> None:
        super().apply_metrics(m, variant)
        columns = int(variant)
        card = (self.content_width(m) - self._gap(m) * (columns - 1)) // columns
        inner = card - 2 * self._padding(m)
        # One size for every figure on the slide (they are compared with each other),
        # and on the facts slides around it (``SlideContext.run``), as large as the
        # role allows and the narrowest card holds.
        px = m.font_px(TextRole.FIGURE)
        run = self.context.run
        if run is not None and "figure" in run.sizes:
            px = min(px, run.sizes["figure"])
        if inner > 0:
            px = largest_fitting_px(
                lambda size: self._widest_figure(size) <= inner, px, SMALLEST_FIGURE_PX
            )
        for label in self.figures:
            self.set_font_px(label, px, TextRole.FIGURE, m)

    def shared_sizes(self) -> dict[str, int]:
        return {"figure": self.figures[0].font().pixelSize()} if self.figures else {}

    def _widest_figure(self, px: int) -> int:
        """The widest figure's width at ``px``, measured as its label measures it."""
        if px not in self._figure_widths:
            font = UiTheme.font(px, bold=ROLE_SIZES[TextRole.FIGURE].bold)
            metrics = QFontMetricsF(font)
            self._figure_widths[px] = max(
                math.ceil(metrics.horizontalAdvance(label.text())) for label in self.figures
            )
        return self._figure_widths[px]

    def build(self, m: Metrics, variant: Any) -> Box:
        columns = int(variant)
        pad = self._padding(m)
        cards: list[Box] = []
        for figure, label, source in zip(self.figures, self.fact_labels, self.sources, strict=True):
            cards.append(
                Column(
                    [
                        TextBox(figure),
                        Space(m.space(0.012)),
                        TextBox(label),
                        Space(m.space(0.03)),
                        TextBox(source),
                    ],
                    padding=(pad, pad, pad, pad),
                    stretch={2: 1.0},  # sources line up at the bottom of equal-height cards
                    on_place=self.card(),
                )
            )
        rows: list[Box] = [
            Row(cards[i : i + columns], spacing=self._gap(m), slots=columns, center=True)
            for i in range(0, len(cards), columns)
        ]
        grid = Column(rows, spacing=self._gap(m), grow=dict.fromkeys(range(len(rows)), 1.0))
        # Room the text leaves goes to the cards, not around them.
        return Column(
            [self.header(m, self.heading_label), Space(m.space(0.05)), grid],
            stretch={1: 0.15},
            grow={2: 1.0},
        )

    def tap_targets(self) -> Sequence[TapTarget]:
        """Each fact card opens large with its source and a code of its address, so a
        visitor can check the figure (touch mode; ``kiosk.slides.facts.opened``)."""
        return fact_targets(self, self.slide.facts, self.figures)

"""Organisations and hotlines: one card each, with a QR code and the number as text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.pack.model import Pack
from kiosk.regions import emergency_line, region_label
from kiosk.slides.resources import ResourcesSlide
from kiosk.ui.fit import largest_fitting
from kiosk.ui.slide_view import (
    Box,
    Column,
    FixedBox,
    Row,
    SlideContext,
    SlideView,
    Space,
    TextBox,
    spoken_line,
)
from kiosk.ui.stage_view import TapTarget
from kiosk.ui.theme import QR_MIN_SIDE_SHARE, Metrics, TextRole
from kiosk.ui.widgets.contact import contact_text
from kiosk.ui.widgets.qr import QrView, code_module_px, reaches_someone, symbol_modules
from kiosk.urls import is_web

# Help lines' codes grow into room to spare, up to this share of the screen's shorter
# side (web codes keep theirs: a help line is never the smaller code).
HELP_CODE_MOST = 0.30


def resource_codes(pack: Pack) -> list[str]:
    """Every code the pack's resources slides draw."""
    return [
        resource.url
        for slide in pack.slides
        if isinstance(slide, ResourcesSlide)
        for resource in slide.resources
    ]


class ResourcesSlideView(SlideView):
    """Each card is a tap target that opens its resource large (``tap_targets``)."""

    draws = ResourcesSlide

    slide: ResourcesSlide

    def __init__(
        self, slide: ResourcesSlide, context: SlideContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(slide, context, parent)
        theme = self.theme
        heading = self.text(slide.heading)
        intro = self.text(slide.intro)
        self.add_heading(heading, intro)
        self.qr_views: list[QrView] = []
        # (code, name, where it works, description, contact icon, number); the icon is
        # decoration, painted.
        self.cards: list[
            tuple[QrView, QLabel, QLabel | None, QLabel, QIcon | None, QLabel | None]
        ] = []
        self.card_rects: list[QRect] = []  # where each card was placed, by resource index
        # How large help lines' codes are, as a share of the screen's shorter side:
        # they grow into what room the text leaves (``best_fit``).
        self.help_code_share = QR_MIN_SIDE_SHARE
        lines = [spoken_line(intro)]
        for resource in slide.resources:
            name, description = self.text(resource.name), self.text(resource.description)
            # Children in reading order (the order screen readers walk them): the
            # name, what it is, the number, then the code.
            name_label = self.add_label(name, TextRole.CARD_TITLE, theme.text)
            # A help line only helps where it works: every card with a region says it.
            where = region_label(resource.region, context.language) if resource.region else ""
            where_label = self.add_label(where, TextRole.REGION, theme.accent) if where else None
            description_label = self.add_label(description, TextRole.BODY, theme.muted)
            contact = contact_text(resource.url, resource.phone)
            icon = phone = None
            if contact is not None:
                icon = self.icon(contact[0], theme.accent)
                phone = self.add_label(contact[1], TextRole.PHONE, theme.accent)
            qr = QrView(resource.url, self, language=context.language)
            spoken_qr = qr.accessibleName()
            self.qr_views.append(qr)
            self.cards.append((qr, name_label, where_label, description_label, icon, phone))
            # A web code is worth telling; a tel:/sms:/mailto: one only repeats the number.
            says_more = contact is None or is_web(resource.url)
            lines.append(
                spoken_line(
                    name,
                    where,
                    description,
                    contact[1] if contact else None,
                    spoken_qr if says_more else None,
                )
            )
        # In immediate danger, a hotline is the wrong number: a slide of phone lines
        # ends with the emergency number where the kiosk stands.
        dials = any(
            contact_text(r.url, r.phone) is not None and not is_web(r.url) for r in slide.resources
        )
        emergency = (
            emergency_line(
                ((e.number, e.region) for e in context.pack.emergency),
                context.region,
                context.language,
            )
            if dials
            else None
        )
        self.emergency_label = (
            self.add_label(emergency, TextRole.EMERGENCY, theme.text) if emergency else None
        )
        lines.append(spoken_line(emergency))
        # No pointing-hand cursor: the window decides whether a cursor shows at all.
        self.set_accessible(heading, lines)

    def variants(self, m: Metrics) -> list[Any]:
        """(columns, card layout) to try.

        "side" puts the code left of the text, "stack" above it; as a fallback,
        "under" puts the number under both (the full width, for long numbers).
        """
        count = len(self.cards)
        if m.portrait:
            options = [(1, "side"), (2, "stack"), (2, "side")] if count > 1 else [(1, "side")]
            return options if count > 2 else [(1, "side"), (count, "stack")]
        preferred = {1: 1, 2: 2, 3: 3, 4: 2}.get(count, 3)
        columns = [preferred] + [c for c in (2, 3) if c != preferred and c <= count]
        # Three cards side by side read as one row: narrow cards with their code on
        # top before two rows of wide ones.
        stacked = [(c, "stack") for c in columns if c >= 3]
        if count == 3:
            return [(3, "side"), (3, "stack"), *((c, "side") for c in columns if c != 3)]
        return [(c, "side") for c in columns] + stacked

    def fallback_variants(self, m: Metrics) -> list[Any]:
        columns = self.variants(m)[0][0]
        return [] if m.portrait else [(columns, "under")]

    def best_fit(self, width: int, height: int) -> tuple[float, Any]:
        """The text's fit, then help lines' codes as large as the room left allows."""
        self.help_code_share = QR_MIN_SIDE_SHARE
        scale, variant = super().best_fit(width, height)
        if any(reaches_someone(qr.url) for qr in self.qr_views):
            m = self.metrics(width, height, scale)

            def fits(share: float) -> bool:
                self.help_code_share = share
                return self._fits(m, variant)

            self.help_code_share = largest_fitting(fits, (HELP_CODE_MOST, QR_MIN_SIDE_SHARE))
        return scale, variant

    def _module_px(self, m: Metrics, qr: QrView) -> int:
        module = code_module_px(m, qr.url, resource_codes(self.context.pack))
        if reaches_someone(qr.url):
            module = max(module, m.qr_module_px(symbol_modules(qr.url), self.help_code_share))
        return module

    def _tap_target(self, index: int) -> Callable[[QRect], None]:
        paint_card = self.card()

        def place(rect: QRect) -> None:
            paint_card(rect)
            while len(self.card_rects) <= index:
                self.card_rects.append(QRect())
            self.card_rects[index] = QRect(rect)

        return place

    def build(self, m: Metrics, variant: Any) -> Box:
        columns, layout = variant
        pad = m.space(0.02)
        # Each code at its own whole pixels a module (``code_module_px``), centred in
        # a square as large as the largest, so the cards' text lines up.
        sides = [qr.side_for(self._module_px(m, qr)) for qr in self.qr_views]
        side = max(sides)
        icon_px = max(8, round(m.font_px(TextRole.PHONE) * 0.8))
        self.card_rects = []
        cards: list[Box] = []
        for index, (qr, name, where, description, icon, phone) in enumerate(self.cards):
            text: list[Box] = [TextBox(name)]
            if where is not None:
                text += [Space(m.space(0.006)), TextBox(where)]
            text += [Space(m.space(0.01)), TextBox(description)]
            contact: list[Box] = []
            if icon is not None and phone is not None:
                icon_top = max(0, (phone.fontMetrics().height() - icon_px) // 2)
                contact = [
                    Space(m.space(0.018)),
                    Row(
                        [
                            Column([Space(icon_top), self.glyph(icon, QSize(icon_px, icon_px))]),
                            TextBox(phone),
                        ],
                        widths=[icon_px, None],
                        spacing=m.space(0.012),
                    ),
                ]
            code = Row(
                [
                    FixedBox(
                        qr,
                        QSize(sides[index], sides[index]),
                        align=Qt.AlignmentFlag.AlignHCenter,
                        valign=Qt.AlignmentFlag.AlignVCenter
                        if layout == "side"
                        else Qt.AlignmentFlag.AlignTop,
                    )
                ],
                widths=[side],
            )
            body: Box
            if layout == "side":
                # The number at the bottom, level with the code's foot.
                # The words centred beside the code, however tall the card grows.
                words = Column(text + contact, stretch={-1: 1.0, len(text + contact) - 1: 1.0})
                body = Row([code, words], widths=[side, None], spacing=m.space(0.024))
            elif layout == "under":
                body = Column(
                    [
                        Row([code, Column(text)], widths=[side, None], spacing=m.space(0.024)),
                        *contact,
                    ]
                )
            else:
                body = Column([code, Space(m.space(0.02)), *text, *contact])
            cards.append(
                Column(
                    [body],
                    padding=(pad, pad, pad, pad),
                    grow={0: 1.0},
                    on_place=self._tap_target(index),
                )
            )
        gap = m.space(0.026)
        rows: list[Box] = [
            Row(cards[i : i + columns], spacing=gap, slots=columns, center=True)
            for i in range(0, len(cards), columns)
        ]
        # Room the text and the codes leave goes to the cards, not around them.
        grid = Column(rows, spacing=gap, grow=dict.fromkeys(range(len(rows)), 1.0))
        parts: list[Box] = [
            self.header(m, self.heading_label, self.intro_label),
            Space(m.space(0.032)),
            grid,
        ]
        if self.emergency_label is not None:
            parts += [Space(m.space(0.03)), TextBox(self.emergency_label)]
        return Column(parts, stretch={1: 0.2, 2: 0.2}, grow={2: 1.0})

    # -- what a visitor can tap ----------------------------------------------------

    def tap_targets(self) -> Sequence[TapTarget]:
        """One per resource, in order: the whole card opens it (whatever part is hit)."""
        placed = self.card_rects
        return [
            TapTarget(
                QRect(placed[index]) if index < len(placed) else QRect(),
                self.text(resource.name),
                resource,
            )
            for index, resource in enumerate(self.slide.resources)
        ]

"""What every slide view shares: the model it draws, the context to draw it in, and the fit.

How a view lays out
-------------------
Each view builds a small tree of *boxes* (``Column``, ``Row``, ``TextBox``,
``FixedBox``...) over its child widgets for a given ``Metrics`` (view size + fit
scale). A box can say how tall it needs to be at a width, whether anything in it
is too wide for that width, and place its widgets in a rectangle. The fit tries
the scale 1 (nominal type sizes) and, if the tree does not fit the slide's content
area, searches the scale down towards the floors (``kiosk.ui.theme``) for the
largest at which it fits (``kiosk.ui.fit``, the one search every view uses). A view may
offer several arrangements (``variants``: two or three timeline rows, say); the
one that fits at the largest scale wins.

Qt's own layouts were not used: they lay out a hidden widget's nested layouts
only when it is shown, whereas export renders without showing anything, and the
fit needs to measure many candidate sizes quickly. Every label is a direct child
of the view and placed here, synchronously.

Which view draws which slide
----------------------------
Each slide kind's package (``kiosk.slides.<kind>``) has a ``view`` module whose
view class names the model it draws (``draws = FactsSlide``). ``create_slide_view``
imports that module when a slide of the kind is first drawn, so the first slide on
screen does not wait for the others' imports (qtawesome, the QR encoder).
"""

from __future__ import annotations

import importlib
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.pack.model import LocalText, Pack, Slide
from kiosk.slides import kind_of
from kiosk.slides.paging import PagePosition
from kiosk.translation import translator
from kiosk.typeset import plain
from kiosk.ui.fit import largest_fitting
from kiosk.ui.stage_view import TapTarget
from kiosk.ui.theme import MAX_FIT_SCALE, Metrics, TextRole, UiTheme
from kiosk.ui.widgets.card import Card, paint_card
from kiosk.ui.widgets.icon import themed_icon, use_icon_theme
from kiosk.ui.widgets.label import visitor_label

if TYPE_CHECKING:
    from kiosk.ui.widgets.picture import PackPicture

log = logging.getLogger(__name__)


class RunFit(NamedTuple):
    """What the slides of one kind in a row share, so nothing jumps from one to the
    next (``kiosk.ui.deck``): the largest fit ``scale`` each may use, and sizes by
    name (the facts' figures: ``"figure"``) none may exceed."""

    scale: float = MAX_FIT_SCALE
    sizes: Mapping[str, int] = MappingProxyType({})


class SlideContext(NamedTuple):
    """What a view needs besides its slide: the pack (for text fallback), language, theme.

    ``large_text`` is the venue setting that raises every type size (see
    ``kiosk.ui.theme.LARGE_TEXT_NOMINAL``); high contrast is a theme,
    ``UiTheme.high_contrast()``.
    """

    pack: Pack
    language: str
    theme: UiTheme
    large_text: bool = False
    # Where the kiosk stands (ISO 3166 code), for which emergency number to show;
    # None: the venue did not say.
    region: str | None = None
    # The whole screen's width and height when the view covers only part of it
    # (touch mode lays slides out above its bar): type floors and QR codes are
    # shares of the screen's shorter side. None: the view is the screen.
    screen: tuple[int, int] | None = None
    # Which page of its slide the view shows, when the slide is shown as pages.
    page: PagePosition | None = None
    # What the view shares with the slides of its kind next to it.
    run: RunFit | None = None

    def text(self, value: LocalText | None) -> str:
        return self.pack.text(value, self.language)


# -- boxes ---------------------------------------------------------------------

# Where a line may break: ordinary spaces only. No-break spaces (as in "41 %")
# keep their neighbours together, so they are part of a word here.
_BREAKS = re.compile(r"[ \t\n\u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]+")


def longest_word_px(label: QLabel) -> int:
    """Width of the widest unbreakable run of ``label``'s text, in its font."""
    metrics = label.fontMetrics()
    words = [w for w in _BREAKS.split(label.text()) if w]
    return max((metrics.horizontalAdvance(w) for w in words), default=0)


class Box:
    """A piece of the layout: measures itself for a width and places its widgets."""

    def height_for(self, width: int) -> int:
        raise NotImplementedError

    def overflows(self, width: int) -> bool:
        """True when something in the box cannot fit in ``width`` however tall it is."""
        return False

    def place(self, rect: QRect) -> None:
        raise NotImplementedError


class TextBox(Box):
    """A label: wrapped labels grow downwards; unwrapped ones need their whole text width."""

    def __init__(self, label: QLabel) -> None:
        self.label = label
        self._heights: dict[int, int] = {}

    def _horizontal_margins(self) -> int:
        margins = self.label.contentsMargins()
        return margins.left() + margins.right() + 2 * self.label.margin()

    def height_for(self, width: int) -> int:
        if width not in self._heights:
            label = self.label
            height = label.heightForWidth(width) if label.wordWrap() else -1
            self._heights[width] = height if height >= 0 else label.sizeHint().height()
        return self._heights[width]

    def overflows(self, width: int) -> bool:
        if self.label.wordWrap():
            return longest_word_px(self.label) + self._horizontal_margins() > width
        return self.label.sizeHint().width() > width

    def place(self, rect: QRect) -> None:
        height = min(self.height_for(rect.width()), rect.height())
        self.label.setGeometry(rect.x(), rect.y(), rect.width(), height)


class FixedBox(Box):
    """A widget of a set size (an icon, a QR code, a logo), aligned in its cell."""

    def __init__(
        self,
        widget: QWidget | None,
        size: QSize,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        valign: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop,
        on_place: Callable[[QRect], None] | None = None,
    ) -> None:
        self.widget = widget
        self.size = size
        self.align = align
        self.valign = valign
        self.on_place = on_place

    def height_for(self, width: int) -> int:
        return self.size.height()

    def overflows(self, width: int) -> bool:
        return self.size.width() > width

    def place(self, rect: QRect) -> None:
        w, h = self.size.width(), self.size.height()
        x = rect.x()
        if self.align == Qt.AlignmentFlag.AlignHCenter:
            x += (rect.width() - w) // 2
        elif self.align == Qt.AlignmentFlag.AlignRight:
            x += rect.width() - w
        y = rect.y()
        if self.valign == Qt.AlignmentFlag.AlignVCenter:
            y += max(0, (rect.height() - h) // 2)
        elif self.valign == Qt.AlignmentFlag.AlignBottom:
            y += max(0, rect.height() - h)
        placed = QRect(x, y, w, h)
        if self.widget is not None:
            self.widget.setGeometry(placed)
        if self.on_place is not None:
            self.on_place(placed)


class Space(Box):
    """Empty height: a gap, or a decoration drawn by ``on_place`` in the rect it is given."""

    def __init__(self, height: int, on_place: Callable[[QRect], None] | None = None) -> None:
        self.height = height
        self.on_place = on_place

    def height_for(self, width: int) -> int:
        return self.height

    def place(self, rect: QRect) -> None:
        if self.on_place is not None:
            self.on_place(rect)


@dataclass
class Column(Box):
    """Children top to bottom.

    Height beyond what the children need is shared out by weight: ``stretch`` maps a
    gap to a weight (the gap after child *i*; -1 is above the first), ``grow`` maps
    a child to a weight (that child's rectangle gets taller). With neither, the
    children sit at the top. ``on_place`` sees the whole rectangle (a card's
    background, a tap target).
    """

    children: Sequence[Box]
    spacing: int = 0
    padding: tuple[int, int, int, int] = (0, 0, 0, 0)  # left, top, right, bottom
    stretch: Mapping[int, float] = field(default_factory=dict)
    grow: Mapping[int, float] = field(default_factory=dict)
    on_place: Callable[[QRect], None] | None = None
    _heights: dict[int, int] = field(default_factory=dict, repr=False)

    def _inner_width(self, width: int) -> int:
        return width - self.padding[0] - self.padding[2]

    def height_for(self, width: int) -> int:
        if width not in self._heights:
            inner = self._inner_width(width)
            total = sum(child.height_for(inner) for child in self.children)
            total += self.spacing * max(0, len(self.children) - 1)
            self._heights[width] = total + self.padding[1] + self.padding[3]
        return self._heights[width]

    def overflows(self, width: int) -> bool:
        inner = self._inner_width(width)
        return inner < 1 or any(child.overflows(inner) for child in self.children)

    def place(self, rect: QRect) -> None:
        if self.on_place is not None:
            self.on_place(rect)
        left, top, right, bottom = self.padding
        inner = rect.adjusted(left, top, -right, -bottom)
        extra = max(0, rect.height() - self.height_for(rect.width()))
        total_weight = sum(self.stretch.values()) + sum(self.grow.values())

        def share(weight: float) -> int:
            return int(extra * weight / total_weight) if total_weight > 0 else 0

        y = inner.y() + share(self.stretch.get(-1, 0.0))
        for index, child in enumerate(self.children):
            height = child.height_for(inner.width()) + share(self.grow.get(index, 0.0))
            child.place(QRect(inner.x(), y, inner.width(), height))
            y += height + self.spacing + share(self.stretch.get(index, 0.0))


@dataclass
class Row(Box):
    """Children left to right, each as tall as the row (so cards in a row line up).

    ``widths`` fixes some children's widths (None: share what is left equally).
    ``slots`` > len(children) reserves room for absent cells, so a short last row of
    a grid keeps the same column widths; ``center`` then centres it.
    """

    children: Sequence[Box]
    spacing: int = 0
    widths: Sequence[int | None] | None = None
    slots: int | None = None
    center: bool = False
    on_place: Callable[[QRect], None] | None = None
    _heights: dict[int, int] = field(default_factory=dict, repr=False)

    def _column_widths(self, width: int) -> list[int]:
        fixed = list(self.widths) if self.widths is not None else [None] * len(self.children)
        slots = max(self.slots or 0, len(self.children))
        fixed += [None] * (slots - len(fixed))
        flexible = [i for i, w in enumerate(fixed) if w is None]
        rest = width - self.spacing * (slots - 1) - sum(w for w in fixed if w is not None)
        share = rest // len(flexible) if flexible else 0
        return [share if w is None else w for w in fixed][: len(self.children)]

    def height_for(self, width: int) -> int:
        if width not in self._heights:
            widths = self._column_widths(width)
            self._heights[width] = max(
                (
                    child.height_for(max(1, w))
                    for child, w in zip(self.children, widths, strict=True)
                ),
                default=0,
            )
        return self._heights[width]

    def overflows(self, width: int) -> bool:
        widths = self._column_widths(width)
        return any(
            w < 1 or child.overflows(w) for child, w in zip(self.children, widths, strict=True)
        )

    def place(self, rect: QRect) -> None:
        if self.on_place is not None:
            self.on_place(rect)
        widths = self._column_widths(rect.width())
        used = sum(widths) + self.spacing * max(0, len(widths) - 1)
        x = rect.x() + ((rect.width() - used) // 2 if self.center else 0)
        for child, w in zip(self.children, widths, strict=True):
            child.place(QRect(x, rect.y(), w, rect.height()))
            x += w + self.spacing


# -- decorations painted by the view --------------------------------------------


class Stroke(NamedTuple):
    line: QLineF
    color: QColor
    width: float


class Dot(NamedTuple):
    center: QPointF
    radius: float
    color: QColor
    ring: QColor | None = None  # drawn around the dot, to lift it off a line


class Bar(NamedTuple):
    rect: QRect
    color: QColor


class Glyph(NamedTuple):
    """A decorative icon. Painted by the view rather than being a widget of its own,
    so screen readers do not meet a nameless object beside every card."""

    rect: QRect
    icon: QIcon


class Picture(NamedTuple):
    """Anything else the view paints: ``draw(painter, rect)`` (a logo, a photograph)."""

    rect: QRect
    draw: Callable[[QPainter, QRectF], None]
    # Painted under everything else, which may sit on it (a photograph covering the
    # slide, its caption on a band across it); otherwise it has a place of its own.
    backdrop: bool = False


Decoration = Card | Stroke | Dot | Bar | Glyph | Picture


# Closing quotes and brackets: a sentence may end inside them ("… free.»").
_CLOSERS = "\"'”’»)]"


def as_sentence(text: str) -> str:
    """``text`` ending in punctuation, so a screen reader pauses after it."""
    text = text.strip()
    if not text or text.rstrip(_CLOSERS).endswith((".", "!", "?", "…", ":", ";")):
        return text
    return text + "."


def spoken_line(*pieces: str | None) -> str:
    """Pieces of one item (a fact, an event, a card) as sentences on one line."""
    return " ".join(as_sentence(p) for p in pieces if p and p.strip())


# -- the brand band ------------------------------------------------------------------


class BrandBand:
    """The pack's band along the top of a slide (``kiosk.pack.model.Brand``): a small
    logo and what the day is, on a strip of the surface colour, at one size on every
    slide (the brand role at its floor). The view places it above its content."""

    def __init__(self, label: QLabel, logo: PackPicture | None, theme: UiTheme) -> None:
        # No reference to the view: a view and its band in a cycle would outlive the
        # view's own deletion, and with them the icons it painted.
        self.label = label
        self.logo = logo
        self.theme = theme
        self.rect = QRect()  # the strip, as last placed

    @classmethod
    def for_view(cls, view: SlideView) -> BrandBand | None:
        """The band ``view``'s pack asks for, or None. Its text and logo default to
        the title slide's day, date and logo."""
        from kiosk.slides.title import TitleSlide
        from kiosk.ui.widgets.picture import PackPicture

        context = view.context
        brand = context.pack.brand
        if brand is None:
            return None
        title = next((s for s in context.pack.slides if isinstance(s, TitleSlide)), None)
        text = context.text(brand.text)
        if not text and title is not None:
            # Translators: the band on every slide naming the day, as in
            # "World Day against Trafficking in Persons · 30 July 2023".
            joined = translator(context.language).pgettext("brand band", "{day} · {date}")
            text = joined.format(day=context.text(title.day), date=context.text(title.date))
        if not text:
            return None
        path = brand.logo or (title.logo if title is not None else None)
        logo = PackPicture.load(path) if path is not None else None
        label = view.add_label(text, TextRole.BRAND, view.theme.muted)
        return cls(label, logo, view.theme)

    def _padding(self, m: Metrics) -> int:
        return max(2, round(m.unit * 0.012))

    def _logo_size(self) -> QSize:
        if self.logo is None:
            return QSize(0, 0)
        height = round(self.label.fontMetrics().height() * 1.25)
        width = min(round(height * self.logo.aspect), height * 4)
        return QSize(width, height)

    def _text_width(self, m: Metrics) -> int:
        logo = self._logo_size()
        gap = round(m.unit * 0.016) if logo.width() else 0
        return max(1, m.width - 2 * m.margin_x - logo.width() - gap)

    def height(self, m: Metrics) -> int:
        """The strip's height at ``m`` (the label's size set by ``apply_metrics``)."""
        text = self.label.heightForWidth(self._text_width(m))
        return max(text, self._logo_size().height()) + 2 * self._padding(m)

    def place(self, m: Metrics, decorations: list[Decoration]) -> None:
        """Place the text, and add the strip and the logo to ``decorations``."""
        self.rect = QRect(0, 0, m.width, self.height(m))
        if self.theme.outline is None:
            decorations.append(Card(QRect(self.rect), QColor(self.theme.surface), 0.0))
        else:  # high contrast: an edge on the background, not a shade
            edge = max(2, round(m.unit * 0.002))
            decorations.append(
                Bar(QRect(0, self.rect.bottom() - edge + 1, m.width, edge), self.theme.outline)
            )
        pad = self._padding(m)
        logo = self._logo_size()
        x = m.margin_x
        inner = self.rect.height() - 2 * pad
        if self.logo is not None and logo.width():
            spot = QRect(x, pad + (inner - logo.height()) // 2, logo.width(), logo.height())
            decorations.append(Picture(spot, self.logo.paint))
            x += logo.width() + round(m.unit * 0.016)
        width = self._text_width(m)
        text = self.label.heightForWidth(width)
        self.label.setGeometry(x, pad + (inner - text) // 2, width, text)


# -- the view ------------------------------------------------------------------


class SlideView(QWidget):
    """A widget that draws one slide. It keeps no state the Player should own.

    Subclasses create their widgets in ``__init__`` (through ``add_label`` and friends),
    then implement ``build`` (and optionally ``variants``). Everything else, the fit,
    placing and painting backgrounds, cards and lines, happens here.

    A subclass says which model class it draws in its ``draws`` attribute.
    """

    draws: ClassVar[type[Slide]]
    _drawing: ClassVar[dict[type[Slide], type[SlideView]]] = {}
    # How far past their nominal sizes the kind's texts may grow into room to spare
    # (kiosk.ui.theme.MAX_FIT_SCALE); 1.0 for a kind whose look is fixed.
    grows_to: ClassVar[float] = MAX_FIT_SCALE
    # Whether the kind shows the pack's brand band (every kind but the title).
    shows_brand: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # A class keyword would be neater, but Shiboken's metaclass refuses them.
        draws = cls.__dict__.get("draws")
        if draws is not None:
            SlideView._drawing[draws] = cls

    def __init__(self, slide: Slide, context: SlideContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide = slide
        self.context = context
        self.theme = context.theme
        self._labels: list[tuple[QLabel, TextRole]] = []
        self._font_px: dict[int, int] = {}  # id(label) -> pixel size last set
        self._laid_out_for: QSize | None = None
        self.decorations: list[Decoration] = []
        self.fit_scale = 1.0
        self.variant: Any = None
        self.fit_metrics: Metrics | None = None  # what the last layout used
        self._spoken: list[str] = []
        use_icon_theme(self.theme)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.brand = BrandBand.for_view(self) if self.shows_brand else None
        page = context.page
        self.page_label = None
        if page is not None and page.count > 1:
            # Translators: which page of a slide shown as several pages, as in "1/2".
            mark = translator(context.language).pgettext("page of a slide", "{page}/{pages}")
            self.page_label = self.add_label(
                mark.format(page=page.number, pages=page.count),
                TextRole.PAGE,
                self.theme.muted,
                wrap=False,
                align=Qt.AlignmentFlag.AlignRight,
            )

    # -- building blocks for subclasses ---------------------------------------

    def text(self, value: LocalText | None) -> str:
        return self.context.text(value)

    def add_heading(self, heading: str, intro: str = "") -> None:
        """The heading every list slide opens with, and its optional lead-in line."""
        self.heading_label = self.add_label(heading, TextRole.HEADING, self.theme.text)
        self.intro_label = (
            self.add_label(intro, TextRole.INTRO, self.theme.muted) if intro else None
        )

    def add_label(
        self,
        text: str,
        role: TextRole,
        color: QColor,
        *,
        wrap: bool = True,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> QLabel:
        """A visitor label (kiosk.ui.widgets.label) whose type size the fit sets."""
        label = visitor_label(
            self, text, color, wrap=wrap, align=align, language=self.context.language
        )
        self._labels.append((label, role))
        return label

    def icon(self, name: str, color: QColor) -> QIcon:
        """A qtawesome icon in a theme colour, to draw with ``glyph``."""
        return themed_icon(name, color)

    def glyph(
        self,
        icon: QIcon,
        size: QSize,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        under: Callable[[QRect], None] | None = None,
    ) -> FixedBox:
        """A box that paints ``icon`` (and first ``under``, say a halo) where it is placed."""

        def paint(rect: QRect) -> None:
            if under is not None:
                under(rect)
            self.decorations.append(Glyph(rect, icon))

        return FixedBox(None, size, align=align, on_place=paint)

    def labels(self) -> list[QLabel]:
        return [label for label, _ in self._labels]

    def text_roles(self) -> list[tuple[QLabel, TextRole]]:
        """Every label with the role its text plays (``kiosk.ui.theme.ROLE_SIZES``)."""
        return list(self._labels)

    def set_accessible(self, name: str, lines: Sequence[str | None]) -> None:
        """Name the slide (its heading) and describe it: all its text in reading order.

        ``lines``: one per item (see ``spoken_line``); empty ones are left out.
        """
        # What is read out is the text as written: a screen reader needs no marks
        # where a line may not break (``kiosk.typeset``).
        name = plain(name)
        self._spoken = [as_sentence(name), *(plain(line) for line in lines if line)]
        page = self.context.page
        if page is not None and page.count > 1:
            # Translators: said after a slide's heading when it is shown as pages.
            said = translator(self.context.language).pgettext(
                "page of a slide", "Page {page} of {pages}."
            )
            self._spoken.insert(1, said.format(page=page.number, pages=page.count))
        self.setAccessibleName(name)
        self.setAccessibleDescription("\n".join(self._spoken[1:]))

    def spoken_text(self) -> str:
        """What a screen reader should announce when this slide comes on screen.

        The heading, then everything on the slide in reading order, one item a
        line, each piece ending in punctuation so the voice pauses between them.
        (The window sends it, e.g. as a ``QAccessibleAnnouncementEvent``.)
        """
        return "\n".join(self._spoken)

    def tap_targets(self) -> Sequence[TapTarget]:
        """What a visitor can tap on this slide to open it large (``kiosk.ui.stage_view``);
        nothing, unless a kind says otherwise."""
        return ()

    def card(self, color: QColor | None = None) -> Callable[[QRect], None]:
        """An ``on_place`` hook that paints a surface-coloured card behind a box."""
        surface = QColor(color if color is not None else self.theme.surface)
        outline = self.theme.outline

        def paint(rect: QRect) -> None:
            short = min(self.width(), self.height())
            self.decorations.append(Card.shaped(rect, surface, outline, short))

        return paint

    def accent_bar(self, m: Metrics, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> Box:
        """The short accent rule under a heading."""
        size = QSize(round(m.unit * 0.09), max(3, round(m.unit * 0.007)))

        def paint(rect: QRect) -> None:
            self.decorations.append(Bar(rect, QColor(self.theme.accent)))

        return FixedBox(None, size, align=align, on_place=paint)

    def header(self, m: Metrics, heading: QLabel, intro: QLabel | None = None) -> Box:
        """Heading, accent rule and optional intro line, as every content slide starts;
        on a slide shown as pages, which page this is, at the heading's right."""
        top: Box = TextBox(heading)
        if self.page_label is not None:
            mark = self.page_label
            width = mark.fontMetrics().horizontalAdvance(mark.text()) + 2
            # Level with the heading's first line.
            drop = max(0, (heading.fontMetrics().ascent() - mark.fontMetrics().ascent()))
            top = Row(
                [top, Column([Space(drop), TextBox(mark)])],
                widths=[None, width],
                spacing=m.space(0.03),
            )
        children: list[Box] = [top, Space(m.space(0.014)), self.accent_bar(m)]
        if intro is not None:
            children += [Space(m.space(0.024)), TextBox(intro)]
        return Column(children)

    def content_width(self, m: Metrics) -> int:
        return self.content_rect(m).width()

    # -- what subclasses provide ------------------------------------------------

    def variants(self, m: Metrics) -> Sequence[Any]:
        """Arrangements to try (best fit wins; on a tie, the first)."""
        return [None]

    def fallback_variants(self, m: Metrics) -> Sequence[Any]:
        """Arrangements tried only when none of ``variants`` fits above the floors."""
        return []

    def build(self, m: Metrics, variant: Any) -> Box:
        """The box tree for the content area at metrics ``m``."""
        raise NotImplementedError

    def apply_metrics(self, m: Metrics, variant: Any) -> None:
        """Size fonts (and anything else) for ``m``; called before ``build``."""
        for label, role in self._labels:
            self.set_font_px(label, m.font_px(role), role, m)
        # What every slide shows alike keeps one size on every slide: the brand
        # band and the page mark, at their floors.
        steady = m.with_scale(0.0)
        for label, role in self._steady_labels():
            self.set_font_px(label, steady.font_px(role), role, steady)

    def _steady_labels(self) -> list[tuple[QLabel, TextRole]]:
        found = [(self.page_label, TextRole.PAGE)] if self.page_label is not None else []
        if self.brand is not None:
            found.append((self.brand.label, TextRole.BRAND))
        return found

    def set_font_px(self, label: QLabel, px: int, role: TextRole, m: Metrics) -> None:
        if self._font_px.get(id(label)) != px:
            font = m.font(role)
            font.setPixelSize(px)
            label.setFont(font)
            self._font_px[id(label)] = px

    # -- the fit ----------------------------------------------------------------

    def metrics(self, width: int, height: int, scale: float = 1.0) -> Metrics:
        """Sizes for this view at ``width`` x ``height`` and fit ``scale``."""
        screen = self.context.screen
        return Metrics(
            width,
            height,
            scale,
            large_text=self.context.large_text,
            screen_short=min(screen) if screen is not None else None,
        )

    def content_rect(self, m: Metrics) -> QRect:
        """Where the slide's own content goes: inside the margins, below the brand band."""
        area = QRect(0, 0, m.width, m.height).adjusted(
            m.margin_x, m.margin_y, -m.margin_x, -m.margin_y
        )
        if self.brand is not None:
            area.setTop(max(area.top(), self.brand.height(m) + round(m.margin_y * 0.6)))
        return area

    def _fits(self, m: Metrics, variant: Any) -> bool:
        self.apply_metrics(m, variant)
        root = self.build(m, variant)
        area = self.content_rect(m)
        if area.width() < 1 or area.height() < 1:
            return False
        return not root.overflows(area.width()) and root.height_for(area.width()) <= area.height()

    def _best_scale(self, width: int, height: int, variant: Any, top: float) -> float:
        """The largest fit scale up to ``top`` at which ``variant`` fits (``kiosk.ui.fit``)."""
        steps = [step for step in self.metrics(width, height).fit_steps if step < top]
        return largest_fitting(
            lambda scale: self._fits(self.metrics(width, height, scale), variant),
            [top, *steps],
        )

    def best_fit(self, width: int, height: int) -> tuple[float, Any]:
        """The fit scale and arrangement this view lays out at for ``width`` x ``height``.

        Arrangements are tried in the order the kind prefers them; the first that
        fits at its nominal sizes wins (and grows into what room is left), else the
        one that fits at the largest scale. A scale the slides around this one share
        (``SlideContext.run``) caps it: the first arrangement that reaches the cap wins.
        """
        run = self.context.run
        top = min(self.grows_to, run.scale) if run is not None else self.grows_to
        enough = min(1.0, top)
        best: tuple[float, Any] | None = None
        first = self.metrics(width, height)
        for tier in (self.variants(first), self.fallback_variants(first)):
            if best is not None and best[0] >= 0:
                break
            for variant in tier:
                scale = self._best_scale(width, height, variant, top)
                if best is None or scale > best[0] + 1e-9:
                    best = (scale, variant)
                if scale >= enough - 1e-9:
                    best = (scale, variant)
                    break
        assert best is not None
        return best

    def relayout(self, force: bool = False) -> None:
        """Fit and place everything for the current size (cheap when nothing changed)."""
        size = self.size()
        if not force and self._laid_out_for == size:
            return
        width, height = size.width(), size.height()
        if width < 2 or height < 2:
            return
        self.ensurePolished()
        scale, variant = self.best_fit(width, height)
        m = self.metrics(width, height, scale)
        self.apply_metrics(m, variant)
        root = self.build(m, variant)
        self.decorations = []
        root.place(self.content_rect(m))
        if self.brand is not None:  # over everything (a photograph covering the slide)
            self.brand.place(m, self.decorations)
        self.fit_scale, self.variant, self.fit_metrics = scale, variant, m
        self._laid_out_for = QSize(size)
        if not m.readable:
            log.warning(
                "%s: the %s slide has more text than fits at %dx%d; it is drawn "
                "smaller than can be read from two metres (shorten it)",
                self.slide.origin,
                self.slide.kind,
                width,
                height,
            )
        self.update()

    def shared_sizes(self) -> dict[str, int]:
        """Sizes, by name, that the slides of this kind next to it should not exceed
        (``RunFit.sizes``), as last laid out; none unless a kind says otherwise."""
        return {}

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    # -- painting ---------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.theme.background)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        for item in self.decorations:
            if isinstance(item, Card):
                paint_card(painter, item)
            elif isinstance(item, Glyph):
                side = min(item.rect.width(), item.rect.height())
                target = QRect(
                    item.rect.x() + (item.rect.width() - side) // 2,
                    item.rect.y() + (item.rect.height() - side) // 2,
                    side,
                    side,
                )
                item.icon.paint(painter, target, Qt.AlignmentFlag.AlignCenter)
            elif isinstance(item, Picture):
                item.draw(painter, QRectF(item.rect))
            elif isinstance(item, Bar):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(item.color)
                radius = item.rect.height() / 2
                painter.drawRoundedRect(QRectF(item.rect), radius, radius)
            elif isinstance(item, Stroke):
                pen = QPen(item.color, item.width)
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawLine(item.line)
            elif isinstance(item, Dot):
                if item.ring is not None:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(item.ring)
                    painter.drawEllipse(item.center, item.radius * 1.6, item.radius * 1.6)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(item.color)
                painter.drawEllipse(item.center, item.radius, item.radius)
        painter.end()


def view_class(slide: Slide) -> type[SlideView]:
    """The view class that draws ``slide``. Raises TypeError when its kind has none."""
    model = type(slide)
    if model not in SlideView._drawing:
        try:
            kind = kind_of(slide)
        except (AttributeError, KeyError):  # not a slide of a known kind
            raise TypeError(f"no view for slides of type {model.__name__}") from None
        importlib.import_module(f"{kind.package}.view")
    found = SlideView._drawing.get(model)
    if found is None:
        raise TypeError(f"no view for slides of type {model.__name__}")
    return found


def create_slide_view(
    slide: Slide, context: SlideContext, parent: QWidget | None = None
) -> SlideView:
    """The view that draws ``slide``. Raises TypeError for a kind without a view."""
    return view_class(slide)(slide, context, parent)

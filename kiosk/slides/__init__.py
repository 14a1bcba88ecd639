"""The slide kinds: each is one package here, found by looking, never listed.

A kind's package declares, in its ``__init__`` (plain Python, no Qt):

- its model class, a dataclass deriving from ``kiosk.pack.model.Slide`` whose
  fields are declared with ``kiosk.pack.fields.declare`` (kind, limits, docs);
- the kind itself, by decorating that class with ``slide_kind``: its ``type:``
  name (the package's name) and the list of items it may show as pages
  (``kiosk.slides.paging``). A rule that spans fields or
  needs the pack around it (a picture's size) is the model's own ``check``
  method (``kiosk.pack.model.ChecksItself``), as for any other model class.

Its ``view`` module draws it (Qt): a ``kiosk.ui.slide_view.SlideView`` subclass
declared for the model class. Validation, the JSON Schema, the reference page,
the pages and the view registry all come from these, so adding a kind is
adding a package (and its tests and docs); nothing else changes.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple, TypeVar

from kiosk.pack.fields import Shape, shape_of
from kiosk.pack.model import Pack, Slide, Source
from kiosk.pack.values import LocalText
from kiosk.regions import works_in

Model = TypeVar("Model", bound=type[Slide])


class SlideKind(NamedTuple):
    """One kind of slide, as its package declares it. How many pages a slide of
    it makes is measured with its real view, on the real screen (``kiosk.ui.deck``)."""

    name: str  # what ``type:`` says in pack.yaml
    model: type[Slide]
    package: str  # its view is ``<package>.view``
    items: str | None = None  # the list field a slide may share out over pages

    @property
    def shape(self) -> Shape:
        return shape_of(self.model)

    @property
    def doc(self) -> str:
        return self.shape.doc

    def items_of(self, slide: Slide) -> tuple[object, ...]:
        # An optional list (one of two alternatives) may be absent: no items.
        return tuple(getattr(slide, self.items) or ()) if self.items else ()

    def text_chars(self, slide: Slide, language: str | None = None) -> int:
        """Characters of item text on a list slide: in ``language`` (through the
        pack's fallback, by ``LocalText.get``), or each field's longest language."""
        return sum(item_chars(item, language) for item in self.items_of(slide))


_declared: dict[str, SlideKind] = {}


def slide_kind(
    *,
    items: str | None = None,
) -> Callable[[Model], Model]:
    """Declare the decorated model class as a slide kind named after its package;
    ``items``: the list field a slide of it may share out over pages."""

    def declare(model: Model) -> Model:
        package = model.__module__
        name = package.rsplit(".", 1)[-1]
        if items is not None and all(f.attribute != items for f in shape_of(model).fields):
            raise TypeError(f"{model.__name__} has no field {items!r} to count")
        model.kind = name
        _declared[name] = SlideKind(name, model, package, items)
        return model

    return declare


@cache
def kinds() -> dict[str, SlideKind]:
    """Every slide kind, by name, in the order of their names."""
    for name in kind_names():
        kind_named(name)
    return dict(sorted(_declared.items()))


@cache
def kind_names() -> list[str]:
    """The name of every slide kind (its package's), in order, without importing them."""
    return sorted(module.name for module in pkgutil.iter_modules(__path__) if module.ispkg)


def kind_named(name: str) -> SlideKind | None:
    """The kind ``type: name`` names, or None. Only its own package is imported: the
    check before a first frame reads the kinds its pack uses, not all of them."""
    if name not in _declared and name in kind_names():
        importlib.import_module(f"{__name__}.{name}")
    return _declared.get(name)


def kind_of(slide: Slide) -> SlideKind:
    # The slide's model class declared its kind when it was defined: no need to
    # look for the others (a pack checked in another process brings only its own kinds).
    return _declared[slide.kind]


def _chars(value: object, language: str | None) -> int:
    if isinstance(value, LocalText):
        if language is not None:
            return len(value.get(language, language))
        return max((len(v) for v in value.variants()), default=0)
    if isinstance(value, Source):
        return _chars(value.name, language)  # its URL is not shown as text
    return 0  # URLs, icon names: not read by visitors (phones are counted below)


def item_chars(item: object, language: str | None = None) -> int:
    """Characters a visitor reads in one item (or in a slide's own texts, its
    heading and paragraph): in ``language``, or each text in its longest language."""
    total = 0
    for declared in dataclasses.fields(item):  # type: ignore[arg-type]
        value = getattr(item, declared.name)
        total += len(value) if declared.name == "phone" and value else _chars(value, language)
    return total


def for_region(pack: Pack, place: str | None) -> Pack:
    """``pack`` as a kiosk in ``place`` shows it: help lines that do not work there left
    out (a line with no region works everywhere), a list slide left with none of its
    items dropped, and only the emergency numbers that work there. ``None`` (the
    venue did not say): everything, each line labelled with where it works."""
    if place is None:
        return pack
    slides = []
    for slide in pack.slides:
        kind = kind_of(slide)
        if not works_in(getattr(slide, "region", ()), place):
            continue
        if kind.items is not None:
            items = kind.items_of(slide)
            kept = tuple(i for i in items if works_in(getattr(i, "region", ()), place))
            if not kept:
                continue
            if len(kept) != len(items):
                changes: dict[str, Any] = {kind.items: kept}
                slide = dataclasses.replace(slide, **changes)
        slides.append(slide)
    emergency = tuple(e for e in pack.emergency if works_in(e.region, place))
    # A pack with no slide for this place still has its title: never a blank screen.
    return dataclasses.replace(pack, slides=tuple(slides) or pack.slides[:1], emergency=emergency)

"""A list slide shown as pages: which items each page holds. No Qt.

A list slide (facts, timeline, points, failures, resources, a text slide's points)
that cannot hold its items at the readability floors on the screen it is shown on
is shown as consecutive pages instead of smaller (``kiosk.ui.deck`` measures how
many). The items are shared out evenly, the larger pages first: eleven events make
pages of 6 and 5, never 7 and 4. Each page is a slide of the same kind holding its
share of the items, so a view draws a page exactly as it draws a slide.

How long a page stays up: each page for the slide's whole duration (the
``duration`` a pack gives is per page), so a visitor gets as long to read each
page as a slide of one page; docs/pack-format.md says so.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from kiosk.pack.model import Slide
from kiosk.slides import kind_of

T = TypeVar("T")


@dataclass(frozen=True)
class PagePosition:
    """Page ``number`` (from 1) of ``count``."""

    number: int
    count: int


def split_evenly(items: Sequence[T], pages: int) -> list[tuple[T, ...]]:
    """``items`` in ``pages`` runs, in order, as even as whole items allow (larger first)."""
    pages = max(1, min(pages, len(items))) if items else 1
    size, extra = divmod(len(items), pages)
    runs: list[tuple[T, ...]] = []
    start = 0
    for index in range(pages):
        end = start + size + (1 if index < extra else 0)
        runs.append(tuple(items[start:end]))
        start = end
    return runs


def can_page(slide: Slide) -> bool:
    """Whether ``slide`` is a list slide with more than one item to share out."""
    kind = kind_of(slide)
    return kind.items is not None and len(kind.items_of(slide)) > 1


def page_of(slide: Slide, pages: int, number: int) -> Slide:
    """Page ``number`` (from 1) of ``slide`` shown as ``pages`` pages: the same slide
    with only that page's items. ``slide`` itself when it is one page."""
    if pages <= 1 or not can_page(slide):
        return slide
    kind = kind_of(slide)
    assert kind.items is not None
    runs = split_evenly(kind.items_of(slide), pages)
    changes: dict[str, Any] = {kind.items: runs[min(max(number, 1), len(runs)) - 1]}
    return dataclasses.replace(slide, **changes)


__all__ = [
    "PagePosition",
    "can_page",
    "page_of",
    "split_evenly",
]

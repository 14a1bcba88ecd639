"""A pack's slides laid out for one screen: how many pages each makes, and what the
slides of one kind in a row share.

Two things depend on more than one slide view, so neither a view nor the Player
decides them:

- **Pages.** A list slide that cannot hold its items at the readability floors on
  this screen is shown as consecutive pages, never smaller (``kiosk.slides.paging``
  shares the items out). How many is measured with the real views, for the actual
  screen, language and look: a portrait screen may page where a landscape one
  does not, Spanish where English does not.
- **Runs.** Consecutive slides of one kind (and every page of a slide) share one
  fit scale, the smallest any of them needs, and the sizes a kind names
  (``SlideView.shared_sizes``: the facts' figures), so nothing jumps in size from
  one slide to the next: the deck is fitted per kind, not per slide.

Everything is measured the first time it is asked for and kept: a ``Deck`` serves
one pack on one screen in one language and look (``serves``), and the window makes
a new one when any of these changes.
"""

from __future__ import annotations

import logging
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QSize

from kiosk.pack.model import Pack, Slide
from kiosk.slides import kind_of
from kiosk.slides.paging import PagePosition, can_page, page_of
from kiosk.ui.offscreen import ensure_app
from kiosk.ui.slide_view import RunFit, SlideContext, SlideView, create_slide_view
from kiosk.ui.theme import UiTheme

log = logging.getLogger(__name__)


def measure(slide: Slide, context: SlideContext, size: QSize) -> tuple[float, dict[str, int]]:
    """The fit scale ``slide``'s view lays out at on ``size``, and its shared sizes.

    Measured without placing anything (nor logging a slide too full: a page that
    does not fit is what the deck is looking for)."""
    view = create_slide_view(slide, context)
    try:
        view.ensurePolished()
        scale, variant = view.best_fit(size.width(), size.height())
        view.apply_metrics(view.metrics(size.width(), size.height(), scale), variant)
        return scale, view.shared_sizes()
    finally:
        shiboken6.delete(view)


class Deck:
    """``context.pack``'s slides on a screen (or slide area) of ``size``, in ``context``'s
    language and look. ``page_count(index)`` and ``page(index, number)`` answer for
    the slide at ``index``; measured on first use."""

    def __init__(self, context: SlideContext, size: QSize) -> None:
        self.context = context._replace(page=None, run=None)
        self.size = QSize(size)
        self._pages: dict[int, int] = {}
        self._runs: dict[int, RunFit | None] = {}

    @property
    def slides(self) -> tuple[Slide, ...]:
        return self.context.pack.slides

    def serves(self, context: SlideContext, size: QSize) -> bool:
        """Whether this deck is laid out for ``context`` (its pack, language and look)
        on ``size``."""
        mine = self.context
        return (
            size == self.size
            and context.pack is mine.pack
            and (context.language, context.theme, context.large_text)
            == (mine.language, mine.theme, mine.large_text)
            and (context.region, context.screen) == (mine.region, mine.screen)
        )

    def page_count(self, index: int) -> int:
        """How many pages slide ``index`` makes on this screen (1 for most)."""
        if index not in self._pages:
            self._pages[index] = self._count_pages(self.slides[index])
        return self._pages[index]

    def page(self, index: int, number: int) -> tuple[Slide, SlideContext]:
        """What to draw for page ``number`` (from 1) of slide ``index``: the page (a
        slide holding that page's items) and the context to draw it in."""
        count = self.page_count(index)
        number = min(max(number, 1), count)
        slide = page_of(self.slides[index], count, number)
        position = PagePosition(number, count) if count > 1 else None
        return slide, self.context._replace(page=position, run=self.run(index))

    def run(self, index: int) -> RunFit | None:
        """What slide ``index`` shares with the slides of its kind next to it; None for
        a slide of one page with no such neighbour (nothing to share)."""
        if index not in self._runs:
            members = self._run_of(index)
            fit = None
            if len(members) > 1 or self.page_count(index) > 1:
                fit = RunFit(*self._measure_run(members))
            for member in members:
                self._runs[member] = fit
        return self._runs[index]

    # -- measuring -------------------------------------------------------------------

    def _pages_of(self, slide: Slide, count: int) -> list[tuple[Slide, SlideContext]]:
        pages = []
        for number in range(1, count + 1):
            position = PagePosition(number, count) if count > 1 else None
            pages.append((page_of(slide, count, number), self.context._replace(page=position)))
        return pages

    def _count_pages(self, slide: Slide) -> int:
        """The fewest pages at which every page fits at the floors."""
        if not can_page(slide):
            return 1
        kind_items = len(_items(slide))
        for count in range(1, kind_items + 1):
            # The first page holds the most items: if it does not fit, none do.
            if all(
                measure(page, context, self.size)[0] >= 0
                for page, context in self._pages_of(slide, count)
            ):
                return count
        log.warning(
            "%s: not even one item of this %s slide fits at the readable floors at %dx%d",
            slide.origin,
            slide.kind,
            self.size.width(),
            self.size.height(),
        )
        return kind_items

    def _run_of(self, index: int) -> list[int]:
        """The indices of the slides like ``index``'s in a row around it: of its kind,
        and with a list of items or not, as it has (a text slide's paragraph and a
        text slide's points are drawn too differently to share sizes)."""

        def form(slide: Slide) -> tuple[str, bool]:
            return slide.kind, bool(_items(slide))

        like = form(self.slides[index])
        first = index
        while first > 0 and form(self.slides[first - 1]) == like:
            first -= 1
        last = index
        while last + 1 < len(self.slides) and form(self.slides[last + 1]) == like:
            last += 1
        return list(range(first, last + 1))

    def _measure_run(self, members: list[int]) -> tuple[float, dict[str, int]]:
        pages = [
            page
            for member in members
            for page in self._pages_of(self.slides[member], self.page_count(member))
        ]
        measured = [measure(slide, context, self.size) for slide, context in pages]
        scale = min(found[0] for found in measured)
        sizes: dict[str, int] = {}
        if not any(found[1] for found in measured):
            return scale, sizes
        # The shared sizes are the smallest of every page's at the shared scale.
        capped = RunFit(scale)
        for slide, context in pages:
            _, found = measure(slide, context._replace(run=capped), self.size)
            for name, value in found.items():
                sizes[name] = min(value, sizes.get(name, value))
        return scale, sizes


def _items(slide: Slide) -> tuple[object, ...]:
    return kind_of(slide).items_of(slide)


# -- what validate says -----------------------------------------------------------------

# The screens `kiosk validate` says how many pages each slide makes on (width, height).
VALIDATE_SCREENS: tuple[tuple[int, int], ...] = ((1920, 1080), (1080, 1920))


class ScreenReport(NamedTuple):
    """What drawing a pack on ``VALIDATE_SCREENS`` tells validate: one line per slide
    saying how many pages it makes on each screen (in each language, where they
    differ), and a warning per slide that cannot page and does not fit at the
    readability floors (a title, a text slide's paragraph)."""

    pages: list[str]
    too_full: list[tuple[Slide, str]]


def screen_report(pack: Pack) -> ScreenReport:
    """Draw ``pack`` (offscreen; a QApplication must exist) on every screen validate
    reports, in every language, as the kiosk would, and say what it found."""
    theme = UiTheme.from_pack(pack.theme)
    counts: dict[int, dict[tuple[int, int], dict[str, int]]] = {}
    too_full: list[tuple[Slide, str]] = []
    for screen in VALIDATE_SCREENS:
        size = QSize(*screen)
        for language in pack.languages:
            deck = Deck(SlideContext(pack, language, theme, screen=screen), size)
            for index, slide in enumerate(pack.slides):
                count = deck.page_count(index)
                counts.setdefault(index, {}).setdefault(screen, {})[language] = count
                if can_page(slide):
                    continue
                scale = measure(slide, deck.context, size)[0]
                if scale < 0 and all(s is not slide for s, _ in too_full):
                    too_full.append(
                        (
                            slide,
                            f"this {slide.kind} slide does not fit a {screen[0]}×{screen[1]} "
                            f"screen in '{language}' at the sizes that read from two metres, "
                            "so the kiosk draws it smaller: shorten its text",
                        )
                    )
    lines = []
    for index, slide in enumerate(pack.slides):
        said = []
        for screen, by_language in counts[index].items():
            where = f"{screen[0]}×{screen[1]}"
            found = set(by_language.values())
            if len(found) == 1:
                said.append(f"{_pages(found.pop())} at {where}")
            else:
                each = ", ".join(f"{lang} {count}" for lang, count in by_language.items())
                said.append(f"{where}: {each} pages")
        lines.append(f"{slide.origin}: {slide.kind}: {'; '.join(said)}")
    return ScreenReport(lines, too_full)


def _pages(count: int) -> str:
    return "1 page" if count == 1 else f"{count} pages"


def view_of_page(deck: Deck, index: int, number: int, size: QSize) -> SlideView:
    """The laid-out view of page ``number`` of slide ``index`` (for proofs and tests)."""
    slide, context = deck.page(index, number)
    view = create_slide_view(slide, context)
    view.resize(size)
    view.relayout(force=True)
    return view


def _print_screen_report(folder: str) -> int:
    """For ``kiosk validate``, in a child process: the pack at ``folder`` drawn
    offscreen (``screen_report``), as JSON on standard output."""
    import json
    import sys
    from pathlib import Path

    # Here only: the running kiosk imports this module to draw a pack it was given,
    # and must not import the loader (PyYAML, Pillow) on the way to its first frame.
    from kiosk.pack.load import load_pack

    ensure_app()
    found = screen_report(load_pack(Path(folder)))
    warnings = [
        f"{slide.origin.file}:{slide.origin.line}:{slide.origin.column}: warning: {message}"
        for slide, message in found.too_full
    ]
    sys.stdout.write(json.dumps({"pages": found.pages, "too_full": warnings}) + "\n")
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(_print_screen_report(sys.argv[1]))


__all__ = ["VALIDATE_SCREENS", "Deck", "ScreenReport", "measure", "screen_report", "view_of_page"]

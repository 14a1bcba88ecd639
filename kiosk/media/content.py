"""What a pack says, in one language, for one venue: the text every medium prints.

Read from the same model the slides draw (``kiosk.pack``), through the same
choices the screen makes: the help lines of the venue's region
(``kiosk.slides.for_region``), where each line works in words
(``kiosk.regions.region_label``), the emergency number (``emergency_line``) and
a figure's source line (``fact_source_text``). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.pack.model import Pack, Source
from kiosk.regions import emergency_line, region_label
from kiosk.slides import for_region
from kiosk.slides.call import CallSlide
from kiosk.slides.facts import FactsSlide
from kiosk.slides.image import ImageSlide
from kiosk.slides.points import PointsSlide
from kiosk.slides.resources import ResourcesSlide
from kiosk.slides.text import TextSlide
from kiosk.slides.timeline import TimelineSlide
from kiosk.slides.title import TitleSlide
from kiosk.translation import translator
from kiosk.ui.widgets.contact import contact_text
from kiosk.ui.widgets.source_line import fact_source_text
from kiosk.urls import is_web


class PrintWords:
    """The words the printed media add around the pack's own, in one language."""

    def __init__(self, language: str) -> None:
        self._words = translator(language)

    @property
    def key_facts(self) -> str:
        # Translators: the handout's section of figures.
        return self._words.pgettext("print", "Key facts")

    @property
    def timeline(self) -> str:
        # Translators: the handout's section of dated events.
        return self._words.pgettext("print", "Timeline")

    @property
    def help_lines(self) -> str:
        # Translators: the handout's section of phone lines and other ways to get help.
        return self._words.pgettext("print", "Help lines")

    @property
    def learn_more(self) -> str:
        # Translators: the handout's section of web pages to read more.
        return self._words.pgettext("print", "Learn more")

    @property
    def sources(self) -> str:
        # Translators: the handout's list of where every figure and date comes from.
        return self._words.pgettext("print", "Sources")

    @property
    def need_help(self) -> str:
        # Translators: the heading of the poster's help line.
        return self._words.pgettext("print", "Need help?")

    @property
    def scan_for_source(self) -> str:
        # Translators: beside the QR code of a social-media card that opens the figure's source.
        return self._words.pgettext("print", "Scan for the source")

    @property
    def scan_to_learn_more(self) -> str:
        # Translators: beside the QR code of a social-media card that opens a web page.
        return self._words.pgettext("print", "Scan to learn more")

    def page_of(self, page: int, pages: int) -> str:
        # Translators: the page number in a handout's footer.
        return self._words.pgettext("print", "Page {page} of {pages}").format(
            page=page, pages=pages
        )


@dataclass(frozen=True)
class FactItem:
    value: str
    label: str
    source_name: str
    source_url: str
    period: str | None  # the data year as written for this language: "2020 vs 2019"
    source_line: str  # "Source: … · 2022 data", as the slide says it


@dataclass(frozen=True)
class EventItem:
    date: str
    title: str
    detail: str | None


@dataclass(frozen=True)
class PointItem:
    title: str
    action: str | None  # a text slide's points have none


@dataclass(frozen=True)
class Section:
    """A slide's own heading and what it lists: points, a paragraph, or both."""

    heading: str
    intro: str | None
    points: tuple[PointItem, ...] = ()


@dataclass(frozen=True)
class PictureItem:
    path: Path
    alt: str
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class LinkItem:
    """A help line, a web page or a call to action: what its QR code opens, and its words."""

    name: str
    description: str
    url: str
    where: str | None  # "United States only"; None where it works everywhere
    contact: str | None  # the number or address to dial or write to, as text


@dataclass(frozen=True)
class SourceItem:
    name: str
    url: str


@dataclass(frozen=True)
class PackContent:
    """Everything a printed medium may show, in ``language``, for ``region``."""

    language: str
    region: str | None
    title: str  # the pack's title
    day: str
    date: str
    theme: str
    theme_note: str | None
    logo: Path | None
    organisation: str | None
    facts: tuple[FactItem, ...] = ()
    events: tuple[EventItem, ...] = ()
    sections: tuple[Section, ...] = ()  # points, failures and text slides, in pack order
    pictures: tuple[PictureItem, ...] = ()
    calls: tuple[LinkItem, ...] = ()
    help_lines: tuple[LinkItem, ...] = ()
    links: tuple[LinkItem, ...] = ()  # web pages anyone can open
    sources: tuple[SourceItem, ...] = ()
    emergency: str | None = None

    @property
    def words(self) -> PrintWords:
        return PrintWords(self.language)

    @property
    def codes(self) -> tuple[str, ...]:
        """Every address the handout prints as a QR code, in order, each once."""
        found = [item.url for item in (*self.calls, *self.help_lines, *self.links)]
        found += [source.url for source in self.sources]
        return tuple(dict.fromkeys(found))

    @property
    def first_link(self) -> str | None:
        """The page a theme card or a poster points to when it has no help line."""
        for item in (*self.links, *self.calls):
            if is_web(item.url):
                return item.url
        return self.sources[0].url if self.sources else None


def read_content(pack: Pack, language: str, region: str | None = None) -> PackContent:
    """``pack`` as a kiosk in ``region`` shows it, in ``language``."""
    shown = for_region(pack, region)

    def text(value: object) -> str:
        return shown.text(value, language)  # type: ignore[arg-type]

    title = next((s for s in shown.slides if isinstance(s, TitleSlide)), None)
    facts: list[FactItem] = []
    events: list[EventItem] = []
    sections: list[Section] = []
    pictures: list[PictureItem] = []
    calls: list[LinkItem] = []
    help_lines: list[LinkItem] = []
    links: list[LinkItem] = []
    sources: dict[str, SourceItem] = {}

    def cite(source: Source) -> None:
        sources.setdefault(source.url, SourceItem(text(source.name), source.url))

    for slide in shown.slides:
        if isinstance(slide, FactsSlide):
            for fact in slide.facts:
                name = text(fact.source.name)
                facts.append(
                    FactItem(
                        value=text(fact.value),
                        label=text(fact.label),
                        source_name=name,
                        source_url=fact.source.url,
                        period=fact.as_of.display(language) if fact.as_of else None,
                        source_line=fact_source_text(name, fact.as_of, language),
                    )
                )
                cite(fact.source)
        elif isinstance(slide, TimelineSlide):
            for event in slide.events:
                events.append(
                    EventItem(
                        event.date.display(language),
                        text(event.title),
                        text(event.detail) or None,
                    )
                )
                cite(event.source)
        elif isinstance(slide, PointsSlide):  # failures too: a preset of points
            points = tuple(PointItem(text(p.title), text(p.action)) for p in slide.points)
            sections.append(Section(text(slide.heading), text(slide.intro) or None, points))
        elif isinstance(slide, TextSlide):
            listed = tuple(PointItem(text(p.text), None) for p in slide.points or ())
            sections.append(Section(text(slide.heading), text(slide.paragraph) or None, listed))
        elif isinstance(slide, ImageSlide):
            pictures.append(
                PictureItem(
                    slide.image,
                    text(slide.alt),
                    text(slide.caption) or None,
                    text(slide.credit) or None,
                )
            )
        elif isinstance(slide, CallSlide):
            calls.append(_link(text(slide.heading), text(slide.line), slide, language))
        elif isinstance(slide, ResourcesSlide):
            for resource in slide.resources:
                item = _link(text(resource.name), text(resource.description), resource, language)
                (links if item.contact is None else help_lines).append(item)
    dials = any(item.contact is not None for item in (*help_lines, *calls))
    emergency = (
        emergency_line(((e.number, e.region) for e in shown.emergency), region, language)
        if dials
        else None
    )
    return PackContent(
        language=language,
        region=region,
        title=text(shown.title),
        day=text(title.day) if title else text(shown.title),
        date=text(title.date) if title else shown.date.display(language),
        theme=text(title.theme) if title else "",
        theme_note=(text(title.theme_note) or None) if title else None,
        logo=title.logo if title else None,
        organisation=text(shown.organisation) or None,
        facts=tuple(facts),
        events=tuple(events),
        sections=tuple(sections),
        pictures=tuple(pictures),
        calls=tuple(calls),
        help_lines=tuple(help_lines),
        links=tuple(links),
        sources=tuple(sources.values()),
        emergency=emergency,
    )


def _link(name: str, description: str, item: object, language: str) -> LinkItem:
    url: str = item.url  # type: ignore[attr-defined]
    phone: str | None = item.phone  # type: ignore[attr-defined]
    regions: tuple[str, ...] = item.region  # type: ignore[attr-defined]
    contact = contact_text(url, phone)
    return LinkItem(
        name=name,
        description=description,
        url=url,
        where=region_label(regions, language) if regions else None,
        # A web page with no phone has nothing to dial: its address goes under its code.
        contact=contact[1] if contact else None,
    )

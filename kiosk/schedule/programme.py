"""A programme: what a kiosk plays, a schedule with the packs it names (or one pack
alone), and what of it shows at a given moment. No Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.pack.model import Pack, Slide
from kiosk.schedule.model import Schedule
from kiosk.schedule.timetable import Choice, Timetable, pack_at, slide_edge


@dataclass(frozen=True)
class Showing:
    """What shows at one moment: the pack chosen and why, cut to the slides due then."""

    choice: Choice
    pack: Pack  # only the slides that show then
    whole: Pack  # the pack as written

    @property
    def cut(self) -> bool:
        """Some slides are left out (not yet due, or ended)."""
        return len(self.pack.slides) != len(self.whole.slides)


@dataclass(frozen=True)
class Programme:
    """A schedule and its packs, by the name the schedule gives each; or one pack on its
    own (``of_pack``), which always shows. ``version`` names what was loaded: the
    schedule file's bytes and every pack's version."""

    schedule: Schedule
    packs: Mapping[str, Pack]
    file: Path | None = None  # the schedule file; None for one pack on its own
    version: str = ""
    show_lines: tuple[int, ...] = field(default=(), compare=False)  # each show's line

    @classmethod
    def of_pack(cls, pack: Pack) -> Programme:
        name = str(pack.root)
        return cls(Schedule(default=name), {name: pack}, None, pack.version)

    @property
    def slides(self) -> tuple[Slide, ...]:
        """Every slide of every pack (what a check sends ahead of the programme)."""
        return tuple(slide for pack in self.packs.values() for slide in pack.slides)

    @property
    def folder(self) -> Path:
        """What the kiosk watches: the schedule's folder, or the pack's."""
        if self.file is not None:
            return self.file.parent
        return next(iter(self.packs.values())).root

    def timetable(self, zone: dt.tzinfo) -> Timetable:
        return Timetable(self.schedule, zone)

    def at(self, moment: dt.datetime, zone: dt.tzinfo) -> Showing:
        choice = self.timetable(zone).choose(moment)
        whole = self.packs[choice.pack]
        return Showing(choice, pack_at(whole, moment, zone), whole)

    def next_change(self, moment: dt.datetime, zone: dt.tzinfo) -> dt.datetime | None:
        """The next moment what shows may change: a show or a slide starts or stops."""
        edges = (
            self.timetable(zone).next_edge(moment),
            slide_edge(list(self.packs.values()), moment, zone),
        )
        return min(filter(None, edges), default=None)

"""What ``kiosk schedule`` prints: which pack and slides show at a moment, and why, and
a week at a glance. Plain text for organisers; no Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from kiosk.hours import Week
from kiosk.pack.fields import shape_of
from kiosk.pack.model import Pack, Slide
from kiosk.pack.values import LocalText
from kiosk.schedule.clock import zone_name
from kiosk.schedule.programme import Programme
from kiosk.schedule.timetable import OpeningTimes, instant, slide_shows

LABEL_CHARS = 60


def slide_label(slide: Slide, pack: Pack) -> str:
    """A slide in a few words: its kind and its first text."""
    for declared in shape_of(type(slide)).fields:
        value = getattr(slide, declared.attribute)
        if isinstance(value, LocalText) and value:
            text = " ".join(pack.text(value, pack.default_language).split())
            if len(text) > LABEL_CHARS:
                text = text[: LABEL_CHARS - 1] + "…"
            return f"{slide.kind}: {text}"
    return slide.kind


def _when(moment: dt.datetime) -> str:
    return f"{moment:%A %Y-%m-%d %H:%M}"


def _screen(opening: OpeningTimes | None, moment: dt.datetime) -> str:
    if opening is None:
        return "awake (no opening hours: always open)"
    if opening.is_open(moment):
        closes = opening.closes(moment)
        return (
            "awake (open"
            + (f" until {closes.astimezone(opening.zone):%H:%M}" if closes else "")
            + ")"
        )
    wakes = opening.next_opening(moment)
    if wakes is None:
        return "asleep (closed every day)"
    return f"asleep until {_when(wakes.astimezone(opening.zone))} (closed)"


def at_moment(
    programme: Programme, moment: dt.datetime, zone: dt.tzinfo, week: Week | None
) -> list[str]:
    """Which pack and which slides show at ``moment``, and why."""
    showing = programme.at(moment, zone)
    choice = showing.choice
    pack = showing.whole
    opening = OpeningTimes(week, zone) if week is not None else None
    where = ""
    if choice.show is not None and choice.show < len(programme.show_lines):
        where = f" ({programme.file}:{programme.show_lines[choice.show]})"
    lines = [
        f"At {_when(moment.astimezone(zone))} ({zone_name(zone)}):",
        f"  pack:    {choice.pack} ({pack.text(pack.title, pack.default_language)}), {pack.root}",
        f"  why:     {choice.why}{where}",
        f"  screen:  {_screen(opening, moment)}",
    ]
    shown = [s for s in pack.slides if s in showing.pack.slides]
    lines.append(f"  slides:  {len(shown)} of {len(pack.slides)} show:")
    for number, slide in enumerate(pack.slides, 1):
        if slide in shown:
            lines.append(f"    {number:>2}. {slide_label(slide, pack)}")
    hidden = [(n, s) for n, s in enumerate(pack.slides, 1) if s not in shown]
    if hidden:
        lines.append("  not showing then:")
        for number, slide in hidden:
            lines.append(
                f"    {number:>2}. {slide_label(slide, pack)} ({_why_hidden(slide, moment, zone)})"
            )
    if not any(slide_shows(s, moment, zone) for s in pack.slides):
        lines.append("  (every slide's time is over or not yet come: the title slide shows alone)")
    return lines


def _why_hidden(slide: Slide, moment: dt.datetime, zone: dt.tzinfo) -> str:
    if slide.show_from is not None and moment < instant(slide.show_from.starts(), zone):
        return f"shows from {slide.show_from.iso()}"
    if slide.show_until is not None:
        return f"showed until {slide.show_until.iso()}"
    return "left out"


def _segments(
    programme: Programme, start: dt.datetime, end: dt.datetime, zone: dt.tzinfo
) -> Iterator[tuple[dt.datetime, dt.datetime, str, int | None]]:
    """From ``start`` to ``end``: each stretch of one pack (and the show that chose it)."""
    moment = start
    current: tuple[dt.datetime, str, int | None] | None = None
    while moment < end:
        choice = programme.at(moment, zone).choice
        if current is None or (choice.pack, choice.show) != current[1:]:
            if current is not None:
                yield current[0], moment, current[1], current[2]
            current = (moment, choice.pack, choice.show)
        following = programme.next_change(moment, zone)
        moment = min(following, end) if following is not None else end
    if current is not None:
        yield current[0], end, current[1], current[2]


def week_table(
    programme: Programme, first_day: dt.date, zone: dt.tzinfo, week: Week | None, days: int = 7
) -> list[str]:
    """The days from ``first_day``: opening hours and what shows when."""
    rows = [("day", "open", "what shows")]
    for step in range(days):
        day = first_day + dt.timedelta(days=step)
        start = instant(dt.datetime.combine(day, dt.time()), zone)
        end = instant(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), zone)
        hours = (
            "always"
            if week is None
            else (", ".join(s.text() for s in week[day.weekday()]) or "closed")
        )
        stretches = []
        for begin, stop, pack, show in _segments(programme, start, end, zone):
            why = (
                f"shows[{show}]"
                if show is not None
                else ("default" if pack == programme.schedule.default else "no show")
            )
            stretches.append(
                f"{begin.astimezone(zone):%H:%M}-{_end_text(stop, day, zone)} {pack} ({why})"
            )
        rows.append((f"{day:%a %Y-%m-%d}", hours, "; ".join(stretches)))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return [f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]}".rstrip() for row in rows]


def _end_text(moment: dt.datetime, day: dt.date, zone: dt.tzinfo) -> str:
    local = moment.astimezone(zone)
    return "24:00" if local.date() > day else f"{local:%H:%M}"

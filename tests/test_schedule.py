"""What shows when: schedule resolution over a simulated year, daylight-saving nights,
overlaps, gaps, slides that come and go; bad schedules named by file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from schedules import MADRID, local, schedule_folder

from kiosk.hours import TimeSpan
from kiosk.pack.load import load_pack
from kiosk.schedule.load import check_schedule
from kiosk.schedule.programme import Programme
from kiosk.schedule.timetable import OpeningTimes, instant, pack_at, title_slide

YEAR_SCHEDULE = """
default: pack-2024
shows:
  - pack: pack-2023
    from: 2026-07-20
    until: 2026-08-05
  - pack: pack-2024
    from: 2026-10-05
    until: 2026-10-09
    days: [monday, wednesday, friday]
    hours: 10:00-16:00
  - pack: pack-2023
    from: 2026-10-25 00:00
    until: 2026-10-25 02:30
"""


def programme_of(folder: Path) -> Programme:
    report = check_schedule(folder)
    assert report.programme is not None, [str(p) for p in report.errors]
    return report.programme


def wall_reference(moment: dt.datetime) -> str:
    """What should show, worked out the slow way, on the wall clock (for moments that
    are not in an hour the clocks repeat)."""
    local_time = moment.astimezone(MADRID)
    day, minute = local_time.date(), local_time.hour * 60 + local_time.minute
    october_week = dt.date(2026, 10, 5) <= day <= dt.date(2026, 10, 9)
    if october_week and day.weekday() in (0, 2, 4) and 600 <= minute < 960:
        return "pack-2024"
    if day == dt.date(2026, 10, 25) and minute < 150:
        return "pack-2023"
    if dt.date(2026, 7, 20) <= day <= dt.date(2026, 8, 5):
        return "pack-2023"
    return "pack-2024"


def test_a_simulated_year_shows_what_the_schedule_says(tmp_path: Path) -> None:
    programme = programme_of(schedule_folder(tmp_path, YEAR_SCHEDULE))
    timetable = programme.timetable(MADRID)
    moment = local("2026-01-01 00:17")
    end = local("2027-01-01 00:00")
    checked = 0
    while moment < end:  # every hour of the year, at 17 past
        if not (moment.astimezone(MADRID).fold or _repeated(moment)):
            assert timetable.choose(moment).pack == wall_reference(moment), moment
            checked += 1
        moment += dt.timedelta(hours=1)
    assert checked > 8700


def _repeated(moment: dt.datetime) -> bool:
    shifted = moment.astimezone(MADRID).replace(fold=1)
    return shifted.utcoffset() != moment.astimezone(MADRID).utcoffset()


def test_the_switches_of_a_year_are_each_met_once(tmp_path: Path) -> None:
    programme = programme_of(schedule_folder(tmp_path, YEAR_SCHEDULE))
    moment: dt.datetime | None = local("2026-01-01 00:00")
    switches = []
    previous = programme.at(moment, MADRID).choice.pack
    while moment is not None and moment < local("2027-01-01 00:00"):
        current = programme.at(moment, MADRID).choice.pack
        if current != previous:
            switches.append((moment.astimezone(MADRID).strftime("%Y-%m-%d %H:%M"), current))
            previous = current
        moment = programme.next_change(moment, MADRID)
    assert switches == [
        ("2026-07-20 00:00", "pack-2023"),
        ("2026-08-06 00:00", "pack-2024"),
        ("2026-10-25 00:00", "pack-2023"),
        ("2026-10-25 02:30", "pack-2024"),
    ]


def test_a_show_ending_at_2_30_on_the_night_clocks_go_back_ends_once(tmp_path: Path) -> None:
    programme = programme_of(schedule_folder(tmp_path, YEAR_SCHEDULE))
    timetable = programme.timetable(MADRID)
    first_0215 = local("2026-10-25 02:15")  # summer time: the show is on
    second_0215 = local("2026-10-25 02:15", fold=1)  # an hour later, the same wall time
    assert second_0215.astimezone(dt.UTC) - first_0215.astimezone(dt.UTC) == dt.timedelta(hours=1)
    assert timetable.choose(first_0215).pack == "pack-2023"
    assert timetable.choose(second_0215).pack == "pack-2024"
    # Minute by minute through the night: on, then off, and never on again.
    moment, seen = local("2026-10-24 23:00"), []
    while moment < local("2026-10-25 05:00"):
        pack = timetable.choose(moment).pack
        if not seen or seen[-1] != pack:
            seen.append(pack)
        moment += dt.timedelta(minutes=1)
    assert seen == ["pack-2024", "pack-2023", "pack-2024"]


def test_a_time_the_clocks_skip_starts_as_long_after_the_change() -> None:
    # 2026-03-29: 02:00 becomes 03:00 in Madrid; 02:30 never comes.
    assert instant(dt.datetime(2026, 3, 29, 2, 30), MADRID) == local("2026-03-29 03:30")
    opening = OpeningTimes(((TimeSpan(9 * 60, 18 * 60),),) * 7, MADRID)
    assert not opening.is_open(local("2026-03-29 08:59"))
    assert opening.is_open(local("2026-03-29 09:00"))
    assert opening.next_opening(local("2026-03-28 18:00")) == local("2026-03-29 09:00")
    assert opening.closes(local("2026-10-25 12:00")) == local("2026-10-25 18:00")


OVERLAPPING = """
default: pack-2024
shows:
  - pack: pack-2024
    from: 2026-07-01
    until: 2026-07-31
  - pack: pack-2023
    from: 2026-07-25
    until: 2026-07-31
  - pack: pack-2024
    from: 2026-07-25
    until: 2026-07-31
    hours: 12:00-13:00
"""


def test_the_most_specific_show_wins_and_the_first_written_breaks_ties(tmp_path: Path) -> None:
    programme = programme_of(schedule_folder(tmp_path, OVERLAPPING))
    timetable = programme.timetable(MADRID)
    assert timetable.choose(local("2026-07-10 12:30")).show == 0
    assert timetable.choose(local("2026-07-26 10:00")).show == 1  # a week beats a month
    noon = timetable.choose(local("2026-07-26 12:30"))
    assert noon.show == 2  # same range, but only some hours
    assert noon.also == (1, 0)
    assert "most specific" in noon.why


def test_without_a_default_the_last_show_stays_and_validate_warns(tmp_path: Path) -> None:
    folder = schedule_folder(
        tmp_path,
        """
        shows:
          - pack: pack-2023
            from: 2026-07-20
            until: 2026-08-05
          - pack: pack-2024
            from: 2026-10-01
            until: 2026-10-31
        """,
    )
    programme = programme_of(folder)
    timetable = programme.timetable(MADRID)
    assert timetable.choose(local("2026-09-10 12:00")).pack == "pack-2023"  # ended last
    assert timetable.choose(local("2026-01-10 12:00")).pack == "pack-2023"  # first to come
    assert timetable.choose(local("2027-01-10 12:00")).pack == "pack-2024"
    report = check_schedule(folder, now=local("2026-07-01 12:00"), zone=MADRID)
    (gap,) = [p for p in report.warnings if p.key_path == "default"]
    assert "from 2026-07-01 12:00 no show applies" in gap.message
    report = check_schedule(folder, now=local("2026-09-01 12:00"), zone=MADRID)
    (ended,) = [p for p in report.warnings if p.key_path == "shows[0].until"]
    assert ended.line == 4
    assert "ended (2026-08-05)" in ended.message


def test_validate_warns_about_overlapping_shows_of_different_packs(tmp_path: Path) -> None:
    report = check_schedule(
        schedule_folder(tmp_path, OVERLAPPING), now=local("2026-01-01 00:00"), zone=MADRID
    )
    overlaps = [p for p in report.warnings if "both apply" in p.message]
    # shows[2] and shows[0] overlap too, but name the same pack: nothing to warn about.
    assert [(p.key_path, p.line) for p in overlaps] == [("shows[1]", 6), ("shows[2]", 9)]
    assert "first at 2026-07-25 00:00): shows[1] shows then" in overlaps[0].message
    assert "first at 2026-07-25 12:00): shows[2] shows then" in overlaps[1].message


def test_slides_come_and_go_and_an_expired_pack_shows_its_title(write_pack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "pack"
    import shutil

    from kiosk.paths import content_dir

    shutil.copytree(content_dir() / "2023", folder)
    text = (folder / "pack.yaml").read_text("utf-8")
    text = text.replace(
        "  - type: timeline\n", "  - type: timeline\n    show_until: 2026-07-29\n", 1
    )
    text = text.replace(
        "  - type: failures\n", "  - type: failures\n    show_from: 2026-07-30 12:00\n", 1
    )
    (folder / "pack.yaml").write_text(text, "utf-8")
    pack = load_pack(folder)
    kinds = lambda p: [s.kind for s in p.slides]  # noqa: E731
    assert "timeline" in kinds(pack_at(pack, local("2026-07-29 23:59"), MADRID))
    assert "timeline" not in kinds(pack_at(pack, local("2026-07-30 00:00"), MADRID))
    assert "failures" not in kinds(pack_at(pack, local("2026-07-30 11:59"), MADRID))
    assert "failures" in kinds(pack_at(pack, local("2026-07-30 12:00"), MADRID))
    cut = pack_at(pack, local("2026-07-30 00:00"), MADRID)
    assert cut.version != pack.version  # the player tells the cut from the whole


def test_a_pack_whose_every_slide_has_ended_shows_its_title_slide(tmp_path: Path) -> None:
    import shutil

    from kiosk.paths import content_dir

    folder = tmp_path / "pack"
    shutil.copytree(content_dir() / "2023", folder)
    text = (folder / "pack.yaml").read_text("utf-8")
    text = text.replace("  - type: ", "  - show_until: 2026-01-01\n    type: ")
    (folder / "pack.yaml").write_text(text, "utf-8")
    pack = load_pack(folder)
    shown = pack_at(pack, local("2026-07-30 12:00"), MADRID)
    assert shown.slides == (title_slide(pack),)
    assert shown.slides[0].kind == "title"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("    until: 2026-02-30", "3:12: error: shows[0].until: '2026-02-30' is not a real day"),
        ("    untill: 2026-08-05", "3:5: error: shows[0].untill: unknown key 'untill'"),
        ("    until: 2026-07-01", "3:12: error: shows[0].until: until (2026-07-01) is not after"),
        ("    hours: 9-17", "3:12: error: shows[0].hours: '9-17' is not hours"),
        ("    days: [sat]", "3:12: error: shows[0].days[0]: write the day's name in full"),
    ],
)
def test_a_bad_schedule_is_named_by_file_line_and_column(
    tmp_path: Path, line: str, expected: str
) -> None:
    folder = schedule_folder(
        tmp_path, f"shows:\n  - pack: pack-2023\n{line}\n    from: 2026-07-20\n"
    )
    report = check_schedule(folder)
    assert report.programme is None
    assert any(
        str(p) == f"{folder / 'schedule.yaml'}:{expected}"
        or str(p).startswith(f"{folder / 'schedule.yaml'}:{expected}")
        for p in report.errors
    ), [str(p) for p in report.errors]


def test_a_missing_pack_and_a_broken_pack_are_named(tmp_path: Path) -> None:
    folder = schedule_folder(tmp_path, "default: pack-2023\nshows:\n  - pack: nowhere\n")
    (error,) = check_schedule(folder).errors
    assert (error.line, error.column, error.key_path) == (3, 11, "shows[0].pack")
    assert "no pack folder 'nowhere'" in error.message
    pack_file = folder / "pack-2023" / "pack.yaml"
    pack_file.write_text(pack_file.read_text("utf-8").replace("year: 2023", "year: twenty"))
    errors = check_schedule(folder).errors
    assert any(p.file == pack_file and p.key_path == "year" for p in errors)
    assert any(p.line == 1 and "has 1 error" in p.message for p in errors)


# -- the schedule's JSON Schema, reference and example -----------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs"
EXAMPLE = DOCS / "examples" / "library-schedule"


def test_the_example_schedule_is_valid_to_validate_and_to_the_json_schema() -> None:
    import jsonschema
    import yaml

    from kiosk.schedule.model import schedule_json_schema

    report = check_schedule(EXAMPLE, now=local("2027-01-01 00:00"), zone=MADRID)
    assert report.programme is not None, [str(p) for p in report.problems]
    assert not report.warnings, [str(p) for p in report.warnings]
    # As an editor reads it (YAML 1.2: dates and times are text there).
    text = (EXAMPLE / "schedule.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=yaml.BaseLoader)  # every scalar as text, as written
    data["shows"] = [{**show} for show in data["shows"]]
    data["default"] = 2024  # a bare year is a number to an editor
    jsonschema.Draft202012Validator(schedule_json_schema()).validate(data)
    bad = {**data, "shows": [{**data["shows"][0], "until": "2027-02-30"}]}
    assert not jsonschema.Draft202012Validator(schedule_json_schema()).is_valid(bad)


def test_the_schedule_reference_is_up_to_date() -> None:
    from kiosk.schedule.model import schedule_reference_markdown

    committed = (DOCS / "schedule-reference.md").read_text("utf-8")
    assert committed.strip() == schedule_reference_markdown().strip(), (
        "run: kiosk schema --schedule --markdown --out docs/schedule-reference.md"
    )

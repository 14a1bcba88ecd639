"""kiosk schedule and kiosk notice, as staff and organisers type them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from schedules import schedule_folder

from kiosk.cli import main
from kiosk.schedule.notice import notice_file, read_notice

SCHEDULE = """
default: pack-2024
shows:
  - pack: pack-2023
    from: 2026-07-20
    until: 2026-08-05
  - pack: pack-2024
    from: 2026-07-30 14:00
    until: 2026-07-30 15:00
opening_hours:
  monday: 09:00-18:00
  thursday: 09:00-18:00
"""


@pytest.fixture(autouse=True)
def _madrid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Madrid")


def test_schedule_at_says_which_pack_and_slides_and_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = schedule_folder(tmp_path, SCHEDULE)
    assert main(["schedule", str(folder), "--at", "2026-07-30 13:59"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "At Thursday 2026-07-30 13:59 (Europe/Madrid):"
    assert out[1].startswith("  pack:    pack-2023 (World Day against Trafficking in Persons 2023)")
    assert out[2] == (
        f"  why:     shows[0] applies (2026-07-20 to 2026-08-05) ({folder / 'schedule.yaml'}:3)"
    )
    assert out[3] == "  screen:  awake (open until 18:00)"
    assert out[4] == "  slides:  8 of 8 show:"
    assert out[5] == "     1. title: World Day against Trafficking in Persons"
    assert main(["schedule", str(folder), "--at", "2026-07-30 14:00"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].startswith("  pack:    pack-2024")
    assert "shows[1] applies" in out[2]
    assert "so do shows[0], but shows[1] is the most specific" in out[2]
    assert main(["schedule", str(folder), "--at", "2026-08-01 10:00"]) == 0
    screen = capsys.readouterr().out.splitlines()[3]
    assert screen == "  screen:  asleep until Monday 2026-08-03 09:00 (closed)"


def test_schedule_week_is_a_table_of_seven_days(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = schedule_folder(tmp_path, SCHEDULE)
    assert main(["schedule", str(folder / "schedule.yaml"), "--at", "2026-07-29", "--week"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 8
    assert rows[0].split() == ["day", "open", "what", "shows"]
    assert rows[1].startswith("Wed 2026-07-29  closed")
    assert rows[2].split("  ", 2)[-1].strip() == (
        "00:00-14:00 pack-2023 (shows[0]); 14:00-15:00 pack-2024 (shows[1]); "
        "15:00-24:00 pack-2023 (shows[0])"
    )
    assert "09:00-18:00" in rows[2]
    assert rows[-1].startswith("Tue 2026-08-04")


def test_opening_hours_from_the_command_line_come_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = schedule_folder(tmp_path, SCHEDULE)
    args = [
        "schedule",
        str(folder),
        "--at",
        "2026-08-01 10:00",
        "--opening-hours",
        "saturday 10:00-12:00",
    ]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[3] == "  screen:  awake (open until 12:00)"


def test_schedule_of_a_bad_file_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = schedule_folder(tmp_path, SCHEDULE.replace("until: 2026-08-05", "until: 2026-08-32"))
    assert main(["schedule", str(folder)]) == 1
    err = capsys.readouterr().err
    assert f"{folder / 'schedule.yaml'}:5:12: error: shows[0].until:" in err
    assert main(["validate", str(folder)]) == 1
    assert f"{folder / 'schedule.yaml'}:5:12: error" in capsys.readouterr().out


# -- notices ---------------------------------------------------------------------------


def test_a_notice_is_written_with_its_languages_and_end(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "notice",
            "The library closes at 17:00 today",
            "--lang",
            "es",
            "La biblioteca cierra hoy a las 17:00",
            "--for",
            "3h",
        ]
    )
    assert code == 0
    assert "within 2 seconds" in capsys.readouterr().out
    notice = read_notice()
    assert notice is not None
    assert notice.text_in("es") == "La biblioteca cierra hoy a las 17:00"
    assert notice.text_in("fr") == "The library closes at 17:00 today"
    assert notice.until is not None
    assert notice.set_at is not None
    assert notice.until - notice.set_at == dt.timedelta(hours=3)
    assert not notice.full
    assert main(["notice"]) == 0
    assert "es: La biblioteca" in capsys.readouterr().out
    assert main(["notice", "--clear"]) == 0
    assert not notice_file().exists()
    assert main(["notice", "--clear"]) == 0
    assert "no notice was set" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["   "], "the notice is empty"),
        (["Closing early", "--lang", "es", ""], "the 'es' text is empty"),
        (["Closing early", "--until"], "--until needs a time after it"),
        (["Closing early", "--until", "2020-01-01 10:00"], "that time has passed"),
        (["Closing early", "--until", "soon"], "'soon' is not a time"),
        (["Closing early", "--for", "3"], "'3' is not a length of time"),
        (["--until", "17:00"], "the notice has no text"),
        (["text", "--clear"], "--clear takes nothing else"),
        (["Closing early", "--lang", "Spanish!", "Cierre"], "is not a language code"),
    ],
)
def test_a_notice_that_cannot_be_set_says_why(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["notice", *args]) == 2
    assert says in capsys.readouterr().err
    assert not notice_file().exists()


def test_until_a_time_of_day_earlier_today_has_passed(capsys: pytest.CaptureFixture[str]) -> None:
    # On the kiosk's clock (TZ, here Madrid), not in the zone this process started in
    # (setting TZ does not change it): near midnight the two can be on different days.
    now = dt.datetime.now(ZoneInfo("Europe/Madrid"))
    earlier = now - dt.timedelta(minutes=2)
    if earlier.date() != now.date():
        pytest.skip("just after midnight: no earlier time today")
    assert main(["notice", "Closing early", "--until", f"{earlier:%H:%M}"]) == 2
    assert "that time has passed" in capsys.readouterr().err


def test_a_damaged_notice_file_is_said_and_can_be_cleared(
    capsys: pytest.CaptureFixture[str],
) -> None:
    notice_file().parent.mkdir(parents=True, exist_ok=True)
    notice_file().write_text(json.dumps({"texts": 3}))
    assert main(["notice"]) == 1
    assert "cannot be used" in capsys.readouterr().err
    assert main(["notice", "--clear"]) == 0

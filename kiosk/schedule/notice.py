"""The staff notice over the slides: "The library closes at 17:00 today". No Qt.

Staff set it with ``kiosk notice`` on the kiosk itself or over ssh; it is written
atomically into the state folder (``notice.json``), which the running kiosk watches
(``kiosk.ui.notice_watch``): it shows the notice within 2 seconds as a banner on
every slide, or over the whole screen, until its time is up or it is cleared. It
belongs to the venue, not to the pack, needs no network and survives a restart.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.local import state_dir, write_atomic

NOTICE_FILE = "notice.json"
# Longer than this does not fit a banner readably; a whole screen holds more, but a
# notice is read in passing.
MAX_NOTICE_CHARS = 280


def notice_file() -> Path:
    return state_dir() / NOTICE_FILE


@dataclass(frozen=True)
class Notice:
    """What staff asked to show: ``text``, and the same in other languages; over the
    whole screen when ``full``; until ``until`` (None: until cleared)."""

    text: str
    translations: Mapping[str, str] = field(default_factory=dict)
    full: bool = False
    until: dt.datetime | None = None
    set_at: dt.datetime | None = None

    def text_in(self, language: str) -> str:
        """In the visitor's language where staff gave it, else as typed first."""
        for code in (language, language.split("-")[0]):
            if code in self.translations:
                return self.translations[code]
        return self.text

    def over(self, now: dt.datetime) -> bool:
        """Its time is up."""
        return self.until is not None and now >= self.until

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "translations": dict(self.translations),
            "full": self.full,
            "until": self.until.isoformat() if self.until else None,
            "set_at": self.set_at.isoformat() if self.set_at else None,
        }

    @classmethod
    def from_json(cls, data: object) -> Notice:
        """Raises ValueError when ``data`` is not a notice."""
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise ValueError("not a notice")
        translations = data.get("translations") or {}
        if not isinstance(translations, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in translations.items()
        ):
            raise ValueError("its translations are not text by language")
        until, set_at = (_moment(data.get(key)) for key in ("until", "set_at"))
        return cls(data["text"], translations, bool(data.get("full")), until, set_at)


def _moment(value: object) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a time")
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return moment


def read_notice(path: Path | None = None) -> Notice | None:
    """The notice in the state folder; None when there is none. Raises ValueError
    (with what is wrong) when the file is there but is not a notice."""
    try:
        text = (path or notice_file()).read_text("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"cannot read it: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return Notice.from_json(json.loads(text))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"it is damaged ({exc})") from None


def write_notice(notice: Notice, path: Path | None = None) -> None:
    """Write the notice atomically: the kiosk reads a whole one, or the one before."""
    data = json.dumps(notice.as_json(), ensure_ascii=False, indent=2).encode()
    write_atomic(path or notice_file(), data)


def clear_notice(path: Path | None = None) -> bool:
    """Remove the notice; False when there was none."""
    try:
        (path or notice_file()).unlink()
    except FileNotFoundError:
        return False
    return True


_DURATION_PART = re.compile(r"([0-9]+)\s*(d|h|m|min|s)", re.IGNORECASE)
_SECONDS = {"d": 86400, "h": 3600, "m": 60, "min": 60, "s": 1}


def read_duration(text: str) -> dt.timedelta:
    """ "3h", "90m", "1h30m", "2d" as a length of time; ValueError with how to write it."""
    compact = text.strip().lower().replace(" ", "")
    parts = _DURATION_PART.findall(compact)
    if not compact or "".join(n + u for n, u in parts) != compact:
        raise ValueError(f"'{text[:30]}' is not a length of time: write e.g. 90m, 3h or 1h30m")
    seconds = sum(int(number) * _SECONDS[unit] for number, unit in parts)
    if seconds <= 0:
        raise ValueError(f"'{text[:30]}' is no time at all: write e.g. 90m, 3h or 1h30m")
    return dt.timedelta(seconds=seconds)

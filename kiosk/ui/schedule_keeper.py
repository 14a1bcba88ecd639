"""Keeping on screen what the time says: the pack the schedule names now, cut to the
slides due now, and the screen awake only in opening hours.

The keeper asks the programme (``kiosk.schedule``) what shows at this moment of the
kiosk's clock, hands a pack that differs to the player (which brings it on at the end
of the slide showing, with the usual transition), and puts the screen to sleep or
wakes it (``kiosk.ui.sleep``). Then it sleeps itself until the next moment anything
can change: a show or a slide starting or ending, opening or closing time.

Nothing here counts on having been awake at the right moment: every look works out
what is due from the time now alone. A clock that jumps (an NTP correction after
boot) is noticed at the next look, at most ``recheck_ms`` later, and whatever is due
then comes on; nothing is switched twice, nothing is skipped into a blank screen
(every moment has a pack: the default, or the one that showed last).

A touch on the sleeping screen wakes it for ``wake_minutes`` when the setting allows,
and each touch while so woken gives it that long again.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.hours import Week
from kiosk.schedule.clock import Clock
from kiosk.schedule.programme import Programme, Showing
from kiosk.schedule.timetable import OpeningTimes, slide_shows
from kiosk.ui.player import Player
from kiosk.ui.sleep import ScreenSleep

log = logging.getLogger(__name__)

# Even with nothing due, look again this often: a clock that jumped is noticed then.
RECHECK_MS = 60_000


class ScheduleKeeper(QObject):
    """Signals: ``sleep_changed(until, woken_until)``: asleep until ``until`` (None:
    awake), or awake only until ``woken_until`` by a touch (None: in opening hours);
    ``showing_changed(Showing)``: what the schedule says shows now changed."""

    sleep_changed = Signal(object, object)
    showing_changed = Signal(object)

    def __init__(
        self,
        player: Player,
        programme: Programme,
        clock: Clock,
        *,
        opening_hours: Week | None = None,  # before the schedule's own
        sleep: ScreenSleep | None = None,
        wake_minutes: float = 5.0,
        recheck_ms: int = RECHECK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._programme = programme
        self._clock = clock
        # The run options' opening hours, which come before the schedule's.
        self._chosen_hours = opening_hours
        self._opening = self._opening_for(programme)
        self._sleep = sleep
        self._wake_for = dt.timedelta(minutes=wake_minutes)
        self._recheck_ms = recheck_ms
        self._woken_until: dt.datetime | None = None
        self._showing: Showing | None = None
        self._asleep_until: dt.datetime | None = None
        self._timer = QTimer(self)
        self._timer.setObjectName("schedule-look")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.look)
        if sleep is not None:
            sleep.cover.touched.connect(self._on_touched)

    @property
    def programme(self) -> Programme:
        return self._programme

    @property
    def showing(self) -> Showing | None:
        return self._showing

    @property
    def asleep(self) -> bool:
        return self._sleep is not None and self._sleep.asleep

    @property
    def asleep_until(self) -> dt.datetime | None:
        return self._asleep_until

    @property
    def woken_until(self) -> dt.datetime | None:
        return self._woken_until

    def start(self) -> None:
        self.look()

    def stop(self) -> None:
        self._timer.stop()

    def set_programme(self, programme: Programme) -> None:
        """A reloaded schedule (or pack): what it says for now comes on."""
        self._programme = programme
        self._opening = self._opening_for(programme)
        self.look()

    def _opening_for(self, programme: Programme) -> OpeningTimes | None:
        week = self._chosen_hours
        if week is None and programme.schedule.opening_hours is not None:
            week = programme.schedule.opening_hours.week
        return OpeningTimes(week, self._clock.zone) if week is not None else None

    def note_activity(self) -> None:
        """Someone used the screen: a screen woken by a touch stays awake longer."""
        if self._woken_until is not None and not self.asleep:
            self._woken_until = self._clock.now() + self._wake_for
            self._emit_sleep()
            self._arm(self._clock.now())

    def look(self) -> None:
        """Bring on what is due now, and look again when something can change."""
        now = self._clock.now()
        self._show(now)
        self._sleep_or_wake(now)
        self._arm(now)

    # -- what shows ------------------------------------------------------------------

    def _show(self, now: dt.datetime) -> None:
        showing = self._programme.at(now, self._clock.zone)
        previous = self._showing
        self._showing = showing
        if previous is not None and showing.pack.version == previous.pack.version:
            return
        if previous is None and showing.pack.version == self._player.pack.version:
            self.showing_changed.emit(showing)  # what the kiosk started with
            return
        # The player decides: a pack with the version on screen is not queued, and
        # drops one queued before it (the schedule, or the folder, is back to it).
        self._player.queue_pack(showing.pack)
        if showing.pack.version != self._player.pack.version:
            log.info(
                "schedule: %s comes on at the end of this slide (%s)%s",
                showing.choice.pack,
                showing.choice.why,
                f"; {len(showing.pack.slides)} of its {len(showing.whole.slides)} slides are due"
                if showing.cut
                else "",
            )
        if not any(slide_shows(s, now, self._clock.zone) for s in showing.whole.slides):
            log.info(
                "every slide of %s is over or not yet due: showing its title slide",
                showing.choice.pack,
            )
        self.showing_changed.emit(showing)

    # -- asleep or awake -----------------------------------------------------------------

    def _sleep_or_wake(self, now: dt.datetime) -> None:
        opening = self._opening
        if opening is None or self._sleep is None:
            return
        if opening.is_open(now):
            self._woken_until = None
            self._set_asleep(None)
            return
        if self._woken_until is not None and now < self._woken_until:
            self._set_asleep(None)
            return
        self._woken_until = None
        self._set_asleep(opening.next_opening(now) or dt.datetime.max.replace(tzinfo=dt.UTC))

    def _set_asleep(self, until: dt.datetime | None) -> None:
        assert self._sleep is not None
        changed = until != self._asleep_until
        self._asleep_until = until
        if until is None:
            self._sleep.wake()
        else:
            if not self._sleep.asleep:
                log.info("closed: the screen sleeps until %s", _shown(until, self._clock))
            self._sleep.sleep()
        if changed:
            self._emit_sleep()

    def _emit_sleep(self) -> None:
        self.sleep_changed.emit(self._asleep_until, self._woken_until)

    def _on_touched(self) -> None:
        if self._wake_for <= dt.timedelta(0) or self._opening is None:
            return
        now = self._clock.now()
        self._woken_until = now + self._wake_for
        log.info("woken by a touch until %s", _shown(self._woken_until, self._clock))
        self.look()

    # -- when to look again -------------------------------------------------------------

    def _arm(self, now: dt.datetime) -> None:
        zone = self._clock.zone
        due = [self._programme.next_change(now, zone)]
        if self._opening is not None:
            due.append(self._opening.next_edge(now))
        if self._woken_until is not None:
            due.append(self._woken_until)
        following = min(filter(None, due), default=None)
        wait_ms = self._recheck_ms
        if following is not None:
            wait_ms = min(wait_ms, max(0, round(self._clock.seconds_until(following) * 1000)))
        self._timer.start(wait_ms)


def _shown(moment: dt.datetime, clock: Clock) -> str:
    if moment.year == dt.MAXYEAR:
        return "opening hours say it opens again (every day is closed)"
    return f"{moment.astimezone(clock.zone):%Y-%m-%d %H:%M}"

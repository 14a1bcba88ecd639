"""What shows when, the opening hours, and staff notices: the kiosk's time model.

Plain Python, no Qt (a test checks): ``kiosk schedule`` and ``kiosk validate`` use it
without a window, and the running kiosk (``kiosk.ui.schedule_keeper``) asks it what
to show at each moment.

- ``clock``: the one source of the time (``Clock``), and the machine's time zone.
- ``model``: schedule.yaml's keys, declared like a pack's.
- ``timetable``: shows, opening hours and slides on a time line of instants.
- ``programme``: a schedule with its packs, or one pack; what shows at a moment.
- ``load``: reading and checking a schedule and its packs.
- ``notice``: the staff notice over the slides, kept in the state folder.
"""

"""The command line of a pack check in a child process (``kiosk.pack.check_worker``).

Apart from the check itself so that ``kiosk run`` can start the child before it
imports anything the check needs (the pack model, field kinds, PyYAML): the child
then works while this process imports Qt. Nothing but the standard library here.
"""

from __future__ import annotations

import sys

MODULE = "kiosk.pack.check_worker"
# Before the folder: the check ``kiosk run`` makes before its first frame, without
# what only an organiser needs to hear.
QUICK = "--quick"


def worker_command(module: str = MODULE) -> list[str]:
    """The command that checks a pack folder, given as one more argument, in a child.

    The child imports exactly the kiosk this process runs, whatever the current
    folder holds: ``-I`` leaves out the current folder, the user's own packages and
    PYTHON* variables, and the child then takes this process's module search path
    (which is also what ``multiprocessing``'s "spawn" does). With that path given,
    the ``site`` module has nothing left to add (``-S``).

    The garbage collector is off from the child's first line: the child ends within
    a second and frees everything then, and a collection would only walk, again and
    again, the objects it is building (the check took two to three times as long).
    """
    search_path = [entry for entry in sys.path if isinstance(entry, str)]
    boot = (
        f"import gc; gc.disable(); import sys; sys.path[:] = {search_path!r}; "
        f"from {module} import main; sys.exit(main())"
    )
    return [sys.executable, "-I", "-S", "-c", boot]

"""The content layer and the organiser commands must never load Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
{body}
leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qtpy',
                                                              'qtawesome'))
print(','.join(leaked))
"""


def run_probe(body: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(body=body)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_importing_the_pack_model_loads_no_qt() -> None:
    assert run_probe("import kiosk.pack, kiosk.pack.json_schema") == ""


def test_every_slide_kind_s_model_loads_no_qt() -> None:
    # A kind's package is plain Python; only its view module draws.
    body = "from kiosk.slides import kinds\nassert len(kinds()) >= 5"
    assert run_probe(body) == ""


def test_validating_the_bundled_packs_loads_no_qt() -> None:
    body = (
        "from kiosk.cli import main\nfrom kiosk.paths import bundled_packs\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['validate', *map(str, bundled_packs())]) == 0\n"
        "    assert main(['schema']) == 0"
    )
    assert run_probe(body) == ""


def test_the_time_model_and_its_commands_load_no_qt(tmp_path: Path) -> None:
    """What shows when, notices, and kiosk schedule / notice: plain Python."""
    body = (
        "import kiosk.schedule.load, kiosk.schedule.explain, kiosk.schedule.notice\n"
        "import kiosk.schedule.check_worker\n"
        "from kiosk.cli import main\n"
        "import contextlib, io, os\n"
        f"os.environ['XDG_STATE_HOME'] = {str(tmp_path)!r}\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['schedule', '2025', '--at', '2026-07-30 14:00']) == 0\n"
        "    assert main(['notice', 'Closing early', '--for', '1h']) == 0\n"
        "    assert main(['schema', '--schedule']) == 0"
    )
    assert run_probe(body) == ""


def test_the_probe_would_notice_qt() -> None:
    assert "PySide6.QtCore" in run_probe("import PySide6.QtCore")


def test_what_print_and_cards_say_is_read_without_qt() -> None:
    # The text of a handout, a poster and the cards (and their alt text) comes from
    # the model alone; only drawing it needs Qt.
    body = (
        "from kiosk.media.content import read_content\nfrom kiosk.media.palette import "
        "PrintPalette\nfrom kiosk.pack.load import load_pack\n"
        "from kiosk.paths import default_pack\n"
        "pack = load_pack(default_pack())\nassert read_content(pack, 'es', 'ES').help_lines\n"
        "PrintPalette.from_theme(pack.theme)"
    )
    assert run_probe(body) == ""

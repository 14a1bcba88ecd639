"""Run the real `kiosk` command as a user that file permissions apply to.

CI runs the tests as root, for whom permission bits change nothing. So a test
about unreadable files runs the kiosk as ``nobody`` (with ``setpriv``) when it
is root, and as the current user otherwise; its files live in a folder that
user owns, outside pytest's root-only temporary folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

NOBODY = 65534


@dataclass
class Sandbox:
    """A folder the unprivileged user owns, with its own HOME and XDG folders."""

    root: Path

    @property
    def state_home(self) -> Path:
        return self.root / "state"

    @property
    def status_file(self) -> Path:
        return self.state_home / "awareness-kiosk" / "status.json"

    def env(self) -> dict[str, str]:
        env = {
            key: value for key, value in os.environ.items() if not key.startswith(("XDG_", "QT_"))
        }
        env.update(
            HOME=str(self.root / "home"),
            XDG_STATE_HOME=str(self.state_home),
            XDG_CONFIG_HOME=str(self.root / "config"),
            XDG_CACHE_HOME=str(self.root / "cache"),
            QT_QPA_PLATFORM="offscreen",
        )
        return env

    def give_away(self, path: Path) -> None:
        """Make ``path`` (and all under it) the unprivileged user's."""
        if os.geteuid() != 0:
            return
        for folder, _, files in os.walk(path):
            os.chown(folder, NOBODY, NOBODY)
            for name in files:
                os.chown(os.path.join(folder, name), NOBODY, NOBODY)

    def command(self, *args: str) -> list[str]:
        """``kiosk ARGS`` as the unprivileged user."""
        prefix: list[str] = []
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            if setpriv is None:
                pytest.skip("running as root without setpriv: cannot drop privileges")
            prefix = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        return [*prefix, sys.executable, "-m", "kiosk", *args]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args),
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    @property
    def kiosk_log(self) -> Path:
        return self.root / "kiosk-stderr.log"

    def start(self, *args: str) -> subprocess.Popen[str]:
        # Its messages go to a file: a pipe nobody reads would stall it once full.
        with self.kiosk_log.open("a") as log:
            return subprocess.Popen(
                self.command(*args),
                env=self.env(),
                text=True,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    root = Path(tempfile.mkdtemp(prefix="kiosk-unprivileged-"))
    os.chmod(root, 0o755)
    for sub in ("home", "state", "config", "cache"):
        (root / sub).mkdir()
    box = Sandbox(root)
    box.give_away(root)
    probe = subprocess.run(
        box.command("--version"),
        env=box.env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(
            f"the unprivileged user cannot run the kiosk from here (a checkout in a "
            f"private folder?): {probe.stderr.strip()[-300:]}"
        )
    yield box
    for folder, dirs, _ in os.walk(root):  # give back what a test made unreadable
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
    shutil.rmtree(root, ignore_errors=True)


def wait_for(
    condition: Callable[[], bool],
    timeout: float,
    what: str,
    box: Sandbox | None = None,
    process: subprocess.Popen[str] | None = None,
) -> None:
    """Poll ``condition`` until it holds; fail with ``what`` (and the kiosk's messages)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            break
        time.sleep(0.2)
    detail = ""
    if process is not None:
        stop(process)
    if box is not None and box.kiosk_log.exists():
        detail = f"\nthe kiosk said:\n{box.kiosk_log.read_text(errors='replace')[-5000:]}"
    pytest.fail(f"timed out waiting for {what}{detail}")


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_kiosk(box: Sandbox, pack: Path, extra: Sequence[str] = ()) -> subprocess.Popen[str]:
    return box.start("run", str(pack), "--windowed", "640x360", "--slide-seconds", "2", *extra)

"""A real ``kiosk run`` (or a small script around the kiosk) in a process of its own,
for the tests about how the process starts, stops and dies."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

import pytest

# Generous: a loaded machine with two cores can take several seconds to start Qt.
START_SECONDS = 60.0
# Runs the kiosk just until its first frame is on screen, printing FIRST_PAINT_MARK
# then (the start-up benchmark's probe; the app has no such hook of its own).
FIRST_PAINT_PROBE = Path(__file__).parents[1] / "bench" / "first_paint_probe.py"
FIRST_PAINT_MARK = "kiosk-first-paint"


def kiosk_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """An environment with this machine's folders under ``home`` and offscreen Qt."""
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(home),
        "QT_QPA_PLATFORM": "offscreen",
    }
    env.update(extra or {})
    return env


_STARTED: list[KioskProcess] = []


@pytest.fixture(autouse=True)
def no_kiosk_left_running() -> Iterator[None]:
    """Whatever a test asserted, the processes it started end with it (not those of
    wider-scoped fixtures, set up before it)."""
    before = len(_STARTED)
    yield
    while len(_STARTED) > before:
        kiosk = _STARTED.pop()
        if kiosk.process.poll() is None:
            kiosk.kill()


class KioskProcess:
    """A running process whose stderr is read as it comes (the kiosk logs there)."""

    def __init__(self, args: Sequence[str], env: Mapping[str, str]) -> None:
        _STARTED.append(self)
        self.process = subprocess.Popen(
            [sys.executable, *args],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._lines: list[str] = []
        self._out: list[str] = []
        self._readers = [
            threading.Thread(target=self._read, args=(stream, lines), daemon=True)
            for stream, lines in (
                (self.process.stderr, self._lines),
                (self.process.stdout, self._out),
            )
        ]
        for reader in self._readers:
            reader.start()

    @classmethod
    def run(cls, home: Path, *args: str, env: Mapping[str, str] | None = None) -> KioskProcess:
        """``kiosk run ARGS`` with ``home``'s folders."""
        return cls(["-m", "kiosk", "run", *args], kiosk_env(home, env))

    @classmethod
    def until_first_paint(
        cls, home: Path, *args: str, env: Mapping[str, str] | None = None
    ) -> KioskProcess:
        """``kiosk run ARGS`` that ends with 0 once its first frame is on screen."""
        return cls([str(FIRST_PAINT_PROBE), "run", *args], kiosk_env(home, env))

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def stderr(self) -> str:
        return "".join(self._lines)

    @staticmethod
    def _read(stream: IO[str] | None, lines: list[str]) -> None:
        assert stream is not None
        for line in stream:
            lines.append(line)

    def _join_readers(self) -> None:
        for reader in self._readers:
            reader.join(10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None and not any(reader.is_alive() for reader in self._readers):
                stream.close()

    def wait_for(self, text: str, timeout: float = START_SECONDS) -> None:
        """Until ``text`` appears on stderr; fails if the process ends first."""
        deadline = time.monotonic() + timeout
        while text not in self.stderr:
            if self.process.poll() is not None:
                self._join_readers()
                if text in self.stderr:
                    return
                raise AssertionError(
                    f"ended with {self.process.returncode} before {text!r}:\n{self.stderr}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} after {timeout} s:\n{self.stderr}")
            time.sleep(0.05)

    def finish(self, timeout: float = START_SECONDS) -> int:
        """Wait for the end; the exit code (stdout and stderr are then complete)."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            self._join_readers()
            raise AssertionError(f"still running after {timeout} s:\n{self.stderr}") from None
        self._join_readers()
        return self.process.returncode

    @property
    def stdout(self) -> str:
        return "".join(self._out)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.finish()

"""Multi-desk tests: desks are processes of their own (tests/multidesk/desk.py)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Desk:
    """One desk process, with a data directory (and so a journal) of its own."""

    def __init__(self, data: Path, *args: str) -> None:
        data.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "INSPECTOR_DATA_DIR": str(data)}
        env.pop("INSPECTOR_DB_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.multidesk.desk", *args],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        self.events: list[dict] = []
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self._lines.put(line)
        self._lines.put("")

    def next_event(self, timeout: float = 60) -> dict:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            line = ""
        if not line:
            self.proc.kill()
            raise AssertionError(f"desk said nothing: {self.proc.stderr.read()[-2000:]}")
        event = json.loads(line)
        self.events.append(event)
        return event

    def until(self, name: str, timeout: float = 60) -> dict:
        while True:
            event = self.next_event(timeout)
            if event["event"] == name:
                return event

    def finish(self, timeout: float = 120) -> list[dict]:
        code = self.proc.wait(timeout=timeout)
        assert code == 0, self.proc.stderr.read()[-3000:]
        while (line := self._lines.get(timeout=10)) != "":
            self.events.append(json.loads(line))
        return self.events


@pytest.fixture
def desk_factory(tmp_path):
    made: list[Desk] = []

    def make(name: str, *args: str) -> Desk:
        desk = Desk(tmp_path / f"desk-{name}", *args)
        made.append(desk)
        return desk

    yield make
    for d in made:
        if d.proc.poll() is None:
            d.proc.kill()
        d.proc.wait()
        d.proc.stdout.close()
        d.proc.stderr.close()

"""Question history persisted across runs in the user data directory ($XDG_DATA_HOME/qa/history)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from qa.dirs import data_home

LIMIT = 1000


def default_history_path() -> Path:
    """Where history lives when nobody says otherwise: XDG_DATA_HOME (when absolute), else ~/.local/share."""
    return data_home() / "qa" / "history"


class History:
    """Earlier questions, oldest first; one line per entry on disk. Disk errors never stop the app."""

    def __init__(self, path: Path | None, limit: int = LIMIT):
        self.path = path
        self.limit = limit
        self.error: str | None = None
        self.entries: list[str] = self._read()

    def _read(self) -> list[str]:
        if self.path is None:
            return []
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        except OSError as exc:
            self.error = f"history not read ({self.path}: {exc.strerror})"
            return []
        return [line for line in lines if line.strip()][-self.limit:]

    def add(self, entry: str) -> None:
        entry = " ".join(entry.split())          # one line per entry, whatever was pasted
        if not entry or re.fullmatch(r"check\s*:\s*", entry, re.I):
            return                               # nothing to recall in an empty `check:`
        if self.entries and self.entries[-1] == entry:
            return
        self.entries.append(entry)
        del self.entries[:-self.limit]
        self._write(entry)

    def _write(self, entry: str) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # the history is the user's own words: readable by them alone
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(self.path, 0o600)
            if len(self.entries) >= self.limit:
                self.path.write_text("\n".join(self.entries) + "\n", encoding="utf-8")
            else:
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(entry + "\n")
        except OSError as exc:
            self.error = f"history not saved ({self.path}: {exc.strerror})"

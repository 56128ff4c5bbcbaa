"""A library's table of every word of its passages and its stem, on disk (sqlite3, from the standard library): a
question's words are looked up as it is read, so a fresh process never loads the whole table, whatever the size
of the library's vocabulary (a JSON table of 176,000 words cost a one-shot `qa ask` about 90 ms to parse)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Iterable

FILE = "stems.sqlite"
_BATCH = 500                # words per query (sqlite's limit on parameters is far above)


def write(path: Path, stems: dict[str, str]) -> None:
    """The table, written whole beside and renamed into place (a reader never sees half of it). Raises OSError
    or sqlite3.Error."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    connection = sqlite3.connect(tmp)
    try:
        connection.execute("CREATE TABLE stems (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID")
        connection.executemany("INSERT INTO stems VALUES (?, ?)", sorted(stems.items()))
        connection.commit()
    finally:
        connection.close()
    os.replace(tmp, path)


class StemTable:
    """Words to stems: in memory (a library built without a cache directory) or in the file `write` made."""

    def __init__(self, table: dict[str, str] | None = None, path: Path | None = None):
        self._table, self.path = table, path
        self._connection: sqlite3.Connection | None = None

    @classmethod
    def open(cls, path: Path) -> "StemTable | None":
        """The table in `path`, or None when it is missing or not one."""
        table = cls(path=path)
        try:
            table._connect().execute("SELECT word, stem FROM stems LIMIT 1").fetchall()
        except (OSError, sqlite3.Error):
            table.close()
            return None
        return table

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        return self._connection

    def lookup(self, words: Iterable[str]) -> dict[str, str]:
        """The stems of those of these words the library holds (a word it does not is left to the stemmer; a
        table that cannot be read any more gives none)."""
        wanted = sorted(set(words))
        if self._table is not None:
            return {w: self._table[w] for w in wanted if w in self._table}
        out: dict[str, str] = {}
        try:
            connection = self._connect()
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start:start + _BATCH]
                out.update(connection.execute(
                    f"SELECT word, stem FROM stems WHERE word IN ({','.join('?' * len(batch))})", batch))
        except (OSError, sqlite3.Error):
            return out
        return out

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

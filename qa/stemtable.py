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
SEEN = 1 << 16              # words a table remembers having looked up (a long chat session starts it again)


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
        self._seen: dict[str, str | None] = {}       # words already looked up in the file (None: not in it)

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
        seen = self._seen
        if len(seen) > SEEN:
            seen.clear()
        asked = [w for w in wanted if w not in seen]   # the router and the answering review read the same words
        if asked:
            found = self._query(asked)
            if found is None:                           # unreadable now: nothing remembered, the stemmer decides
                return {w: seen[w] for w in wanted if seen.get(w)}
            seen.update((w, found.get(w)) for w in asked)
        return {w: seen[w] for w in wanted if seen[w]}

    def _query(self, words: list[str]) -> dict[str, str] | None:
        """The stems the file holds for these words; None when it cannot be read."""
        found: dict[str, str] = {}
        try:
            connection = self._connect()
            for start in range(0, len(words), _BATCH):
                batch = words[start:start + _BATCH]
                found.update(connection.execute(
                    f"SELECT word, stem FROM stems WHERE word IN ({','.join('?' * len(batch))})", batch))
        except (OSError, sqlite3.Error):
            return None
        return found

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

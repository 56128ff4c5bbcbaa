"""Token lists of many units kept as three arrays (a vocabulary, every unit's word ids end to end, and where each
unit starts) instead of one Python list per unit: about 4 bytes a token instead of 8 plus a list per unit, and
written beside a large corpus's tantivy index, so a later process maps them from disk instead of tokenising."""
from __future__ import annotations

from pathlib import Path

import numpy as np

IDS, OFFSETS, VOCABULARY = "{}.ids", "{}.offsets", "{}.vocabulary"
ID_TYPE, OFFSET_TYPE = np.dtype("<i4"), np.dtype("<i8")


class TokenStore:
    """A read-only sequence of token lists: store[i] is unit i's tokens, as the list the tokenizer gave."""

    def __init__(self, vocabulary: list[str], ids: np.ndarray, offsets: np.ndarray):
        self.vocabulary = vocabulary
        self.ids = ids
        self.offsets = offsets
        self._lookup: dict[str, int] | None = None
        self._rows: np.ndarray | None = None

    @classmethod
    def from_lists(cls, lists) -> "TokenStore":
        index: dict[str, int] = {}
        ids = [index.setdefault(t, len(index)) for toks in lists for t in toks]
        offsets = np.zeros(len(lists) + 1, dtype=OFFSET_TYPE)
        np.cumsum([len(toks) for toks in lists], out=offsets[1:])
        return cls(list(index), np.array(ids, dtype=ID_TYPE), offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> list[str]:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        vocabulary = self.vocabulary
        return [vocabulary[t] for t in self.ids[self.offsets[i]:self.offsets[i + 1]].tolist()]

    def __iter__(self):
        vocabulary, offsets = self.vocabulary, self.offsets.tolist()
        for start in range(0, len(self), 4096):            # decode in blocks: one array copy per block
            stop = min(start + 4096, len(self))
            block = self.ids[offsets[start]:offsets[stop]].tolist()
            base = offsets[start]
            for i in range(start, stop):
                yield [vocabulary[t] for t in block[offsets[i] - base:offsets[i + 1] - base]]

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.offsets)

    def term_id(self, term: str) -> int | None:
        if self._lookup is None:
            self._lookup = {w: i for i, w in enumerate(self.vocabulary)}
        return self._lookup.get(term)

    def units_holding(self, term: str) -> np.ndarray:
        """Whether each unit holds the term (a boolean vector over all units)."""
        found = np.zeros(len(self), dtype=bool)
        tid = self.term_id(term)
        if tid is not None and len(self.ids):
            owner = np.searchsorted(self.offsets, np.flatnonzero(self.ids == tid), side="right") - 1
            found[owner] = True
        return found

    def words_of(self, units: np.ndarray) -> set[str]:
        """The words of the units where `units` (a boolean vector over all units) is True."""
        if units.all():                      # the vocabulary holds only words in use
            return set(self.vocabulary)
        seen = np.zeros(len(self.vocabulary), dtype=bool)
        for start in range(0, len(self), 1 << 16):      # a block of units at a time: no copy of every id
            stop = min(start + (1 << 16), len(self))
            chosen = np.flatnonzero(units[start:stop]) + start
            seen[self.ids[spans(self.offsets[chosen], self.offsets[chosen + 1])]] = True
        return {self.vocabulary[i] for i in np.flatnonzero(seen).tolist()}

    def counts(self, units: np.ndarray, terms: list[str]) -> np.ndarray:
        """How often each term occurs in each of these units: an array of len(terms) rows by len(units)."""
        codes = [self.term_id(t) for t in terms]
        known = [(row, code) for row, code in enumerate(codes) if code is not None]
        if not len(units) or not known:
            return np.zeros((len(terms), len(units)))
        starts, ends = self.offsets[units], self.offsets[units + 1]
        tokens = self.ids[spans(starts, ends)]
        if len(known) == 1:                                # one term: where it is
            hits = np.flatnonzero(tokens == known[0][1])
            row_of_hit = np.full(len(hits), known[0][0])
        else:                                              # several: one pass, each token's row or -1
            if self._rows is None:
                self._rows = np.full(len(self.vocabulary), -1, dtype=np.int64)
            for row, code in known:
                self._rows[code] = row
            row_of_token = self._rows[tokens]
            self._rows[[code for _, code in known]] = -1
            hits = np.flatnonzero(row_of_token >= 0)
            row_of_hit = row_of_token[hits]
        unit_of_hit = np.searchsorted(np.cumsum(ends - starts), hits, side="right")
        out = np.bincount(row_of_hit * len(units) + unit_of_hit, minlength=len(terms) * len(units))
        return out.reshape(len(terms), len(units)).astype(np.float64)

    @classmethod
    def load(cls, directory: Path, name: str) -> "TokenStore | None":
        """The store `name` written in `directory` by a TokenStoreBuilder, memory-mapped; None if missing or
        inconsistent."""
        try:
            vocabulary = (directory / VOCABULARY.format(name)).read_text(encoding="utf-8").split("\n")
            offsets = _map(directory / OFFSETS.format(name), OFFSET_TYPE)
            ids = _map(directory / IDS.format(name), ID_TYPE)
        except (OSError, ValueError, UnicodeDecodeError):
            return None
        if vocabulary == [""]:
            vocabulary = []
        # the ends only: a scan of every id would read the whole store into memory (the files are written
        # whole before their directory's marker, as tantivy's are)
        if not len(offsets) or offsets[0] != 0 or offsets[-1] != len(ids):
            return None
        return cls(vocabulary, ids, offsets)


def _map(path: Path, dtype: np.dtype) -> np.ndarray:
    """The file's array, memory-mapped (a plain array view of the map: indexing a numpy.memmap costs more)."""
    if path.stat().st_size == 0:
        return np.zeros(0, dtype=dtype)
    return np.memmap(path, dtype=dtype, mode="r").view(np.ndarray)


def spans(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The positions start..end-1 of each span, one span after another."""
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    return np.arange(total) + np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)


class TokenStoreBuilder:
    """Collects units' tokens in order, from whole lists or from chunks already coded against a chunk's own
    vocabulary; written to files in `directory` as it goes (or kept in memory without one)."""

    def __init__(self, directory: Path | None = None, name: str = "tokens"):
        self.directory, self.name = directory, name
        self.vocabulary: list[str] = []
        self.index: dict[str, int] = {}
        self.size = 0
        self.count = 0
        self._ids: list[np.ndarray] = []
        self._offsets: list[np.ndarray] = [np.zeros(1, dtype=OFFSET_TYPE)]
        self._files = None
        if directory is not None:
            self._files = (open(directory / IDS.format(name), "wb"), open(directory / OFFSETS.format(name), "wb"))
            self._files[1].write(self._offsets.pop().tobytes())

    def _code(self, words, used: np.ndarray) -> np.ndarray:
        """This store's ids of the chunk's words that its units use (the vocabulary holds only words in use)."""
        index, vocabulary = self.index, self.vocabulary
        out = np.full(len(words), -1, dtype=ID_TYPE)
        for i in np.flatnonzero(used).tolist():
            word = words[i]
            code = index.get(word)
            if code is None:
                code = index[word] = len(vocabulary)
                vocabulary.append(word)
            out[i] = code
        return out

    def add(self, tokens: list[str]) -> None:
        self.add_chunk(tokens, np.arange(len(tokens), dtype=ID_TYPE), np.array([len(tokens)]))

    def add_chunk(self, words: list[str], ids: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Units whose tokens are words[ids[...]], one unit after another, `lengths` tokens each; returns this
        store's id of each of the chunk's words (-1: not used by these units)."""
        if len(ids):
            used = np.zeros(len(words), dtype=bool)
            used[ids] = True
            mapping = self._code(words, used)
            ids = mapping[ids]
        else:
            mapping = np.full(len(words), -1, dtype=ID_TYPE)
            ids = np.zeros(0, dtype=ID_TYPE)
        offsets = (self.size + np.cumsum(lengths)).astype(OFFSET_TYPE)
        self.size += len(ids)
        self.count += len(lengths)
        if self._files is not None:
            self._files[0].write(ids.tobytes())
            self._files[1].write(offsets.tobytes())
        else:
            self._ids.append(ids)
            self._offsets.append(offsets)
        return mapping

    def finish(self) -> TokenStore | None:
        """The store, in memory; or, written to a directory, None (TokenStore.load maps it from there)."""
        if self._files is None:
            ids = np.concatenate(self._ids) if self._ids else np.zeros(0, dtype=ID_TYPE)
            return TokenStore(self.vocabulary, ids, np.concatenate(self._offsets))
        for fh in self._files:
            fh.close()
        (self.directory / VOCABULARY.format(self.name)).write_text("\n".join(self.vocabulary), encoding="utf-8")
        return None

    def discard(self) -> None:
        if self._files is not None:
            for fh in self._files:
                fh.close()


class Grouped:
    """(group, tokens) pairs over a TokenStore: the sentence index's units, each with the passage it belongs to."""

    def __init__(self, store: TokenStore, groups: np.ndarray):
        self.store, self.groups = store, groups

    def __len__(self) -> int:
        return len(self.store)

    def __getitem__(self, i: int) -> tuple[int, list[str]]:
        return int(self.groups[i]), self.store[i]

    def __iter__(self):
        return zip(self.groups.tolist(), self.store)

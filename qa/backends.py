"""BM25 scoring backends behind one interface: rank-bm25 for small corpora, tantivy (memory-mapped, on disk in the
cache directory) for large ones."""
from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from collections.abc import Mapping
from typing import Callable, Iterator, Protocol, runtime_checkable

import numpy as np

# Above this many units (passages or sentences) tantivy is chosen automatically: rank-bm25 walks every unit in
# Python for each query term, so its cost grows with the corpus.
SPARSE_ABOVE = 3_000
# tantivy's BM25 is Okapi with k1 1.2 and b 0.75, fixed (tantivy-py exposes no other similarity). These are qa's
# defaults. With any other variant, k1 or b, "auto" keeps rank-bm25 (exact, slow on a large corpus) and says so
# on stderr; backend="tantivy" with such settings is refused (ValueError) rather than silently ignoring them.
TANTIVY_K1, TANTIVY_B = 1.2, 0.75
INDEX_FORMAT = 1                  # bump when the schema or what is indexed changes: older directories are not opened
KEEP_INDEXES = 16                 # tantivy index directories kept in the cache directory (two per corpus), newest used
STALE_TEMP_SECONDS = 3600         # a build directory this old was left by a builder that died
MARKER = "qa-index.json"          # written last: a directory without it is an unfinished build
PROGRESS_EVERY = 0.25             # seconds between progress lines on a terminal
WRITER_HEAP = 32_000_000          # bytes of tantivy's indexing buffer per index (one indexing thread: segments in order)


@runtime_checkable
class LargeBackend(Protocol):
    """What qa.index asks of the backend of a large corpus: tantivy's TantivyBackend today; an adapter to a search
    server (the README's "Beyond one machine") would implement the same, fed the same space-joined qa tokens.
    Units are positions 0..size-1 (passages, or sentences with their passage as `group`)."""

    name: str
    size: int                               # units indexed
    idf: Mapping[str, float]                # qa's IDF of every indexed term (rank-bm25's Okapi, floored)

    def doc_freq(self, term: str) -> int:
        """Units holding the term (0: not indexed)."""

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Every unit holding the term, with its BM25 score under qa's IDF."""

    def top(self, weighted_terms: dict[str, float], limit: int, groups=None, units=None
            ) -> tuple[np.ndarray, np.ndarray]:
        """The `limit` best units for a weighted sum of term scores; only units of `groups` / among `units`."""

    def exact(self, weighted_terms: dict[str, float], units: np.ndarray) -> np.ndarray:
        """Those units' weighted BM25 with exact lengths (the server's one-byte lengths are approximate)."""

    def holding(self, names: list[frozenset[str]]) -> np.ndarray:
        """Units holding every stem of at least one of the names."""


class RankBM25Backend:
    """rank-bm25's BM25Okapi/Plus/L, scoring only the units that hold the term."""

    name = "rank-bm25"

    def __init__(self, corpus_tokens: list[list[str]], variant: str, k1: float, b: float, epsilon: float,
                 delta: float):
        from rank_bm25 import BM25L, BM25Okapi, BM25Plus
        if variant == "okapi":
            self.bm25 = BM25Okapi(corpus_tokens, k1=k1, b=b, epsilon=epsilon)
            # rank-bm25 floors a negative IDF at epsilon x the mean IDF, which is itself negative in a small
            # corpus, and leaves a term in exactly half the units at 0: such terms would never match.
            positive = [v for v in self.bm25.idf.values() if v > 0]
            floor = epsilon * (sum(positive) / len(positive) if positive else 1.0)
            for term, value in self.bm25.idf.items():
                if value <= 0:
                    self.bm25.idf[term] = floor
        elif variant == "plus":
            self.bm25 = BM25Plus(corpus_tokens, k1=k1, b=b, delta=delta)
        elif variant == "l":
            self.bm25 = BM25L(corpus_tokens, k1=k1, b=b, delta=delta)
        else:
            raise ValueError(f"unknown BM25 variant {variant!r}")
        self.idf = self.bm25.idf
        self.size = len(corpus_tokens)
        self._memo: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._rows: dict[str, np.ndarray] = {}

    def row(self, term: str) -> np.ndarray:
        """The term's score for every unit, as one dense vector (0 where the term is absent)."""
        row = self._rows.get(term)
        if row is None:
            ids, scores = self.postings(term)
            row = self._rows[term] = np.zeros(self.size)
            row[ids] = scores
        return row

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Units holding the term and their scores (Plus/L give every unit a floor; those are left out).

        A term's scores depend only on the corpus, so rank-bm25 computes them once per term."""
        entry = self._memo.get(term)
        if entry is None:
            holders = np.array([i for i, f in enumerate(self.bm25.doc_freqs) if term in f], dtype=np.int64)
            scores = self.bm25.get_scores([term])[holders] if len(holders) else np.zeros(0)
            entry = self._memo[term] = (holders, np.asarray(scores, dtype=np.float64))
        return entry


def doc_freq_histogram(searcher, field: str) -> dict[int, int]:
    """How many terms of the field are held by 1, 2, 3 ... units: the whole term dictionary read once (at build
    time: TermIdf needs only this of it)."""
    histogram: dict[int, int] = {}
    for _, freq in searcher.terms_with_prefix(field, ""):
        histogram[freq] = histogram.get(freq, 0) + 1
    return histogram


class TermIdf(Mapping):
    """rank-bm25's BM25Okapi IDF of a large index's terms (negative values raised to epsilon x the mean, and qa's
    floor for the rest), looked up one term at a time in tantivy's term dictionary instead of read whole when the
    index opens, so that opening costs the same whatever the vocabulary. A term's IDF depends on its document
    frequency and on two corpus-wide figures (the mean IDF that raises a negative one, the floor), which the
    histogram of document frequencies gives exactly. Iterating reads every term: never on the answering path.

    The engine judges words by this IDF (broad, rare, topic words) whichever backend ranks, so its thresholds
    mean the same at any size; tantivy ranks with its own, log(1 + (N - n + 0.5) / (n + 0.5))."""

    def __init__(self, doc_freq: Callable[[str], int], terms: Callable[[], Iterator[str]], size: int,
                 epsilon: float, histogram: dict[int, int]):
        self._doc_freq, self._terms = doc_freq, terms
        self._count = sum(histogram.values())
        raw = {f: math.log(size - f + 0.5) - math.log(f + 0.5) for f in histogram}
        average = sum(raw[f] * c for f, c in histogram.items()) / self._count if self._count else 0.0
        raised = {f: (epsilon * average if v < 0 else v) for f, v in raw.items()}
        positive = [(v, histogram[f]) for f, v in raised.items() if v > 0]
        weight = sum(c for _, c in positive)
        floor = epsilon * (sum(v * c for v, c in positive) / weight if weight else 1.0)
        self._by_freq = {f: (floor if v <= 0 else v) for f, v in raised.items()}
        self.top = max(self._by_freq.values(), default=1.0)       # the highest IDF: a term in the fewest units

    def __getitem__(self, term: str) -> float:
        value = self._by_freq.get(self._doc_freq(term)) if isinstance(term, str) else None
        if value is None:
            raise KeyError(term)
        return value

    def __contains__(self, term) -> bool:
        return isinstance(term, str) and self._doc_freq(term) > 0

    def __iter__(self) -> Iterator[str]:
        return self._terms()

    def __len__(self) -> int:
        return self._count


def highest_idf(idf: Mapping[str, float]) -> float:
    """The highest IDF of a corpus (a term in the fewest units), without reading every term of a large one."""
    return idf.top if isinstance(idf, TermIdf) else max(idf.values(), default=1.0)


class Progress:
    """`label: N / total units, S s` on stderr, rewritten in place, only when stderr is a terminal."""

    def __init__(self, label: str, total: int, what: str = "units"):
        self.label, self.total, self.what = label, total, what
        self.start = self.last = time.perf_counter()
        self.shown = False
        try:
            self.live = sys.stderr.isatty()
        except (AttributeError, ValueError):
            self.live = False

    def update(self, done: int, more: str = "") -> None:
        if not self.live:
            return
        now = time.perf_counter()
        if now - self.last >= PROGRESS_EVERY:
            self.last, self.shown = now, True
            sys.stderr.write(f"\r{self.label}: {done:,} / {self.total:,} {self.what}{more}, {now - self.start:.1f} s")
            sys.stderr.flush()

    def done(self, more: str = "") -> None:
        if self.live and self.shown:
            sys.stderr.write(f"\r{self.label}: {self.total:,} {self.what}{more}, {time.perf_counter() - self.start:.1f} s"
                             "\n")
            sys.stderr.flush()


def content_key(corpus_tokens: list[list[str]], groups: list[int] | None) -> str:
    """Hash of the units' tokens (and their groups): the same tokens always find the same index directory."""
    digest = hashlib.sha256()
    for i, tokens in enumerate(corpus_tokens):
        digest.update(" ".join(tokens).encode())
        digest.update(f"\n{groups[i] if groups is not None else ''}\n".encode())
    return digest.hexdigest()


class TantivyBackend:
    """BM25Okapi by tantivy over qa's own tokens: one whitespace-tokenised text field (the space-joined stems, so
    tantivy neither lowercases nor stems anything) and the unit's position as a fast integer field; for the
    sentence index also the passage it belongs to (`group`), indexed, to score only a few passages' sentences.

    The index lives in `directory` (a fresh one is built there once, then reopened memory-mapped by later
    processes), or in memory when no directory can be written."""

    name = "tantivy"
    FIELD = "body"

    def __init__(self, corpus_tokens, epsilon: float, directory: Path | None,
                 groups: list[int] | None = None, label: str = "indexing", index=None, grouped: bool | None = None,
                 histogram: dict[int, int] | None = None):
        """corpus_tokens: each unit's tokens (lists, or a TokenStore); index: an index already built or opened
        over them (a large corpus's streamed build), else one is opened in `directory` or built; histogram: its
        doc_freq_histogram as its marker recorded it (else read from the index)."""
        import tantivy
        from .tokenstore import TokenStore
        self._t = tantivy
        self.size = len(corpus_tokens)
        self.grouped = groups is not None if grouped is None else grouped
        # the units' exact tokens, for exact(): a compact store whatever the caller holds
        self.tokens = corpus_tokens if isinstance(corpus_tokens, TokenStore) else TokenStore.from_lists(corpus_tokens)
        self.k1, self.b = TANTIVY_K1, TANTIVY_B
        self.lengths = self.tokens.lengths.astype(np.float64)
        self.avgdl = float(self.lengths.mean()) if self.size else 1.0
        self.index = index
        if self.index is None and directory is not None:
            opened = self._open(directory)
            if opened is None:
                opened = self._build_into(directory, corpus_tokens, groups, label)
            if opened is not None:
                self.index, histogram = opened
        if self.index is None:
            self.index = self._build(None, corpus_tokens, groups, label)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()
        if histogram is None:
            histogram = doc_freq_histogram(self.searcher, self.FIELD)
        self._doc_freqs: dict[str, int] = {}
        self.idf = TermIdf(self.doc_freq, self._all_terms, self.size, epsilon, histogram)
        self._memo: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._terms: dict[str, object] = {}

    # building and opening

    def _schema(self):
        return schema(self.grouped)

    def _build(self, path: Path | None, corpus_tokens, groups, label):
        index = self._t.Index(self._schema(), path=str(path) if path is not None else None, reuse=False)
        writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
        progress = Progress(label, len(corpus_tokens))
        Document = self._t.Document
        for i, tokens in enumerate(corpus_tokens):
            doc = Document()
            doc.add_text(self.FIELD, " ".join(tokens))
            doc.add_integer("unit", i)
            if groups is not None:
                doc.add_integer("group", int(groups[i]))
            writer.add_document(doc)
            if not i % 1024:
                progress.update(i)
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        progress.done()
        return index

    def _open(self, directory: Path):
        """The finished index in `directory` and its histogram of document frequencies, or None (missing,
        unfinished, foreign or unreadable: rebuilt)."""
        try:
            marker = json.loads((directory / MARKER).read_text(encoding="utf-8"))
            if marker.get("format") != INDEX_FORMAT or marker.get("units") != self.size:
                return None
            index = self._t.Index.open(str(directory))
            if index.searcher().num_docs != self.size:
                return None
            os.utime(directory / MARKER)            # most recently used: pruning keeps it
            return index, _histogram(marker)
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
            return None

    def _build_into(self, directory: Path, corpus_tokens, groups, label):
        """Build in a temporary directory beside `directory`, then rename it into place: a reader never sees
        half an index, and two processes building at once both end up with one whole index."""
        try:
            directory.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".qa-tantivy-", dir=directory.parent))
        except OSError:
            return None
        try:
            built = self._build(tmp, corpus_tokens, groups, label)
            (tmp / MARKER).write_text(json.dumps({"format": INDEX_FORMAT, "units": self.size, "doc_freqs":
                                                  _as_json(doc_freq_histogram(built.searcher(), self.FIELD))}),
                                     encoding="utf-8")
            if directory.exists():                  # stale or unfinished: replace it
                shutil.rmtree(directory, ignore_errors=True)
            try:
                os.rename(tmp, directory)
            except OSError:                         # another process finished first: use its index
                shutil.rmtree(tmp, ignore_errors=True)
            prune(directory.parent, keep=directory)
            return self._open(directory)
        except (OSError, ValueError):
            shutil.rmtree(tmp, ignore_errors=True)
            return None

    # querying

    def _term(self, term: str):
        query = self._terms.get(term)
        if query is None:
            query = self._terms[term] = self._t.Query.term_query(self.schema, self.FIELD, term, index_option="freq")
        return query

    def _run(self, query, limit: int) -> tuple[np.ndarray, np.ndarray]:
        if limit <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        hits = self.searcher.search(query, limit=limit, count=False).hits
        if not hits:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        units = self.searcher.fast_field_values("unit", [a for _, a in hits])
        return np.asarray(units, dtype=np.int64), np.fromiter((s for s, _ in hits), dtype=np.float64,
                                                               count=len(hits))

    def doc_freq(self, term: str) -> int:
        """Units holding the term, from tantivy's term dictionary (memoised)."""
        found = self._doc_freqs.get(term)
        if found is None:
            found = self._doc_freqs[term] = self.searcher.doc_freq(self.FIELD, term)
        return found

    def _all_terms(self) -> Iterator[str]:
        return (term for term, _ in self.searcher.terms_with_prefix(self.FIELD, ""))

    def idf_ratio(self, term: str) -> float:
        """qa's IDF of the term over tantivy's: a term query boosted by it scores with qa's IDF.

        tantivy's IDF, log(1 + (N - n + 0.5) / (n + 0.5)), is never negative; rank-bm25's drops below 0 for a
        term in over half the units, which qa raises to a floor. On a review-sized corpus the two rank common
        words differently; boosting each term by the ratio makes tantivy's score rank-bm25's BM25Okapi but for
        tantivy's one-byte document lengths (exact up to 40 tokens, then within a few per cent)."""
        n = self.doc_freq(term)
        if not n:
            return 0.0
        return self.idf[term] / math.log(1 + (self.size - n + 0.5) / (n + 0.5))

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Units holding the term and their BM25 scores, computed once per term."""
        entry = self._memo.get(term)
        if entry is None:
            ids, scores = self._run(self._term(term), self.doc_freq(term))
            entry = self._memo[term] = (ids, scores * self.idf_ratio(term))
        return entry

    def top(self, weighted_terms: dict[str, float], limit: int, groups=None, units=None
            ) -> tuple[np.ndarray, np.ndarray]:
        """The `limit` best units for a weighted sum of term scores (one boolean query of boosted term
        queries), as unit positions and scores; `groups`: only units of these groups (the sentence index),
        `units`: only these units."""
        Query, Occur = self._t.Query, self._t.Occur
        clauses = [(Occur.Should, Query.boost_query(self._term(t), float(w) * self.idf_ratio(t)))
                   for t, w in weighted_terms.items() if self.doc_freq(t)]
        if not clauses:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        query = Query.boolean_query(clauses)
        for field, values in (("group", groups), ("unit", units)):
            if values is not None:
                within = Query.term_set_query(self.schema, field, [int(v) for v in values])
                query = Query.boolean_query([(Occur.Must, query), (Occur.Must, Query.const_score_query(within, 0.0))])
        return self._run(query, limit)

    def exact(self, weighted_terms: dict[str, float], units: np.ndarray) -> np.ndarray:
        """Weighted BM25Okapi of these units with their exact lengths and qa's IDF (rank-bm25's score)."""
        out = np.zeros(len(units))
        if not len(units):
            return out
        norm = self.k1 * (1 - self.b + self.b * self.lengths[units] / (self.avgdl or 1.0))
        terms = [t for t in weighted_terms if t in self.idf]
        for term, tf in zip(terms, self.tokens.counts(units, terms)):
            out += weighted_terms[term] * self.idf[term] * tf * (self.k1 + 1) / (tf + norm)
        return out

    def holding(self, names: list[frozenset[str]]) -> np.ndarray:
        """Units holding every stem of at least one of the names."""
        Query, Occur = self._t.Query, self._t.Occur
        alternatives = [Query.boolean_query([(Occur.Must, self._term(s)) for s in sorted(name)])
                        for name in names if name]
        if not alternatives:
            return np.zeros(0, dtype=np.int64)
        query = Query.const_score_query(Query.boolean_query([(Occur.Should, q) for q in alternatives]), 1.0)
        count = self.searcher.search(query, limit=1, count=True).count
        return self._run(query, count)[0]


def schema(grouped: bool):
    """One whitespace-tokenised text field of space-joined stems, the unit's position, and (the sentence index)
    the passage it belongs to."""
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(TantivyBackend.FIELD, tokenizer_name="whitespace", index_option="freq")
    builder.add_integer_field("unit", indexed=True, fast=True)
    if grouped:
        builder.add_integer_field("group", indexed=True, fast=True)
    return builder.build()


def build_directory(directory: Path | None, prefix: str) -> Path | None:
    """A fresh temporary directory beside `directory` to build an index in (renamed into place when whole), or
    None when there is no cache directory or none can be made (the index is then kept in memory)."""
    if directory is None:
        return None
    try:
        directory.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=directory.parent))
    except OSError:
        return None


def put_in_place(tmp: Path, directory: Path, marker: dict, marker_name: str = MARKER) -> None:
    """The finished build in `tmp` becomes `directory`: its marker written last, a stale or unfinished directory
    replaced; when another process finished first, ours is dropped (its index is the same). Raises OSError."""
    (tmp / marker_name).write_text(json.dumps(marker), encoding="utf-8")
    if directory.exists():
        shutil.rmtree(directory, ignore_errors=True)
    try:
        os.rename(tmp, directory)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


class TantivyBuild:
    """A tantivy index written one unit at a time, as a large corpus is tokenised: in a temporary directory beside
    `directory` (other files, such as the units' token store, may be written there too), renamed into place
    whole by publish(); in memory when no directory is given or none can be made."""

    def __init__(self, directory: Path | None, grouped: bool):
        import tantivy
        self.directory, self.grouped = directory, grouped
        self.tmp = build_directory(directory, ".qa-tantivy-")
        self.index = tantivy.Index(schema(grouped), path=str(self.tmp) if self.tmp else None, reuse=False)
        self.writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        self._document = tantivy.Document
        self.count = 0
        self.histogram: dict[int, int] | None = None     # after publish(): the index's doc_freq_histogram

    def add(self, text: str, group: int | None = None) -> None:
        doc = self._document()
        doc.add_text(TantivyBackend.FIELD, text)
        doc.add_integer("unit", self.count)
        if self.grouped:
            doc.add_integer("group", int(group))
        self.writer.add_document(doc)
        self.count += 1

    def commit(self) -> None:
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.index.reload()

    def publish(self):
        """After commit() (and any other files written into self.tmp): the finished index, from its place in
        the cache directory, or the one in memory; None if it cannot be put in place and opened there."""
        if self.tmp is None:
            return self.index
        try:
            self.histogram = doc_freq_histogram(self.index.searcher(), TantivyBackend.FIELD)
            put_in_place(self.tmp, self.directory, {"format": INDEX_FORMAT, "units": self.count, "tokens": True,
                                                    "doc_freqs": _as_json(self.histogram)})
            prune(self.directory.parent, keep=self.directory)
            opened = open_built(self.directory)
        except (OSError, ValueError):
            opened = None
        return opened[0] if opened is not None else None

    def abort(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _as_json(histogram: dict[int, int]) -> dict[str, int]:
    """A doc_freq_histogram as a marker records it (JSON keys are strings)."""
    return {str(f): c for f, c in sorted(histogram.items())}


def _histogram(marker: dict) -> dict[int, int] | None:
    """The histogram a marker recorded, or None (an index built before markers held it: read from the index)."""
    recorded = marker.get("doc_freqs")
    return None if recorded is None else {int(f): int(c) for f, c in recorded.items()}


def open_built(directory: Path | None):
    """A finished streamed build in `directory` (see TantivyBuild): its index, number of units and histogram of
    document frequencies; or None."""
    import tantivy
    if directory is None:
        return None
    try:
        marker = json.loads((directory / MARKER).read_text(encoding="utf-8"))
        if marker.get("format") != INDEX_FORMAT or not marker.get("tokens"):
            return None
        index = tantivy.Index.open(str(directory))
        units = int(marker["units"])
        if index.searcher().num_docs != units:
            return None
        os.utime(directory / MARKER)                # most recently used: pruning keeps it
        return index, units, _histogram(marker)
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError, AttributeError):
        return None


def prune(directory: Path, keep: Path | None = None) -> None:
    """Keep the KEEP_INDEXES most recently used tantivy index directories (and `keep`); remove older ones and
    build directories that a killed builder left. Never fails: the cache is an optimisation."""
    try:
        entries = [p for p in directory.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return
    def used(path: Path) -> float:
        try:
            return (path / MARKER).stat().st_mtime
        except OSError:
            return 0.0
    indexes = sorted((p for p in entries if p.name.startswith("tantivy-")), key=used, reverse=True)
    doomed = [p for p in indexes[KEEP_INDEXES:] if p != keep]
    now = time.time()
    for p in entries:
        try:
            if p.name.startswith(".qa-tantivy-") and now - p.stat().st_mtime > STALE_TEMP_SECONDS:
                doomed.append(p)
        except OSError:
            pass
    for path in doomed:
        shutil.rmtree(path, ignore_errors=True)


def tantivy_fits(settings) -> bool:
    """Whether tantivy's fixed BM25 is the one these settings ask for."""
    return settings.variant == "okapi" and settings.k1 == TANTIVY_K1 and settings.b == TANTIVY_B


def choose(size: int, settings, warn: bool = True) -> str:
    """The backend for a corpus of `size` units under these settings (see SPARSE_ABOVE and TANTIVY_K1); warn:
    say on stderr when these settings keep a large corpus on rank-bm25."""
    choice = settings.backend
    if choice == "auto":
        if size <= SPARSE_ABOVE:
            return "rank-bm25"
        if not tantivy_fits(settings):
            if warn:
                sys.stderr.write(f"qa: BM25 {settings.variant} k1={settings.k1} b={settings.b} is not tantivy's "
                                 f"(okapi, k1={TANTIVY_K1}, b={TANTIVY_B}): ranking {size:,} units with "
                                 "rank-bm25, which is slow at this size\n")
            return "rank-bm25"
        return "tantivy"
    if choice == "tantivy" and not tantivy_fits(settings):
        raise ValueError(f"the tantivy backend is BM25 okapi with k1={TANTIVY_K1}, b={TANTIVY_B}; "
                         f"for {settings.variant} k1={settings.k1} b={settings.b} use backend='rank-bm25'")
    if choice not in ("rank-bm25", "tantivy"):
        raise ValueError(f"unknown backend {choice!r} (auto, rank-bm25 or tantivy)")
    return choice


def index_directory(kind: str, key: str) -> Path | None:
    """Where the tantivy index for this content lives: cache_dir()/tantivy-<kind>-<hash>, the hash over the
    content key, the index format, tantivy's version and its BM25 settings (a stale index is never opened)."""
    import tantivy
    from .cache import cache_dir
    # the module's own version string ("tantivy v0.27.0, index_format v7"): importlib.metadata would cost a
    # process about 70 ms of imports to read the same
    tantivy_version = getattr(tantivy, "__version__", "?")
    stamp = f"{INDEX_FORMAT};{tantivy_version};k1={TANTIVY_K1};b={TANTIVY_B};{kind};{key}"
    try:
        return cache_dir() / f"tantivy-{kind}-{hashlib.sha256(stamp.encode()).hexdigest()[:24]}"
    except (OSError, RuntimeError):
        return None


def make_backend(corpus_tokens: list[list[str]], settings, kind: str = "passages", groups: list[int] | None = None,
                 key: str | None = None, cache: bool = True):
    """The backend for this corpus: rank-bm25 unless the corpus is large (or a backend is forced).

    kind names the index ("passages", "sentences"); groups: each unit's group (the sentence index: its passage);
    key: a hash of the content if the caller has one (else the tokens are hashed); cache: False keeps a tantivy
    index in memory."""
    if choose(len(corpus_tokens), settings) == "tantivy":
        directory = index_directory(kind, key or content_key(corpus_tokens, groups)) if cache else None
        return TantivyBackend(corpus_tokens, settings.epsilon, directory, groups, f"indexing {kind}")
    return RankBM25Backend(corpus_tokens, settings.variant, settings.k1, settings.b, settings.epsilon,
                           settings.delta)


def accumulate(backend, weighted_terms: dict[str, float], vocabulary: set[str]) -> np.ndarray:
    """Weighted sum of the query terms' scores for every unit (a dense vector).

    A small corpus keeps one dense row per term and takes one dot product; a large one adds posting lists
    with one bincount."""
    if backend is None:
        return np.zeros(0)
    terms = [(t, w) for t, w in weighted_terms.items() if w > 0 and t in vocabulary]
    if not terms:
        return np.zeros(backend.size)
    if hasattr(backend, "row"):
        return np.dot(np.array([w for _, w in terms]), np.array([backend.row(t) for t, _ in terms]))
    ids, weights = [], []
    for term, weight in terms:
        term_ids, scores = backend.postings(term)
        if len(term_ids):
            ids.append(term_ids)
            weights.append(scores * weight)
    if not ids:
        return np.zeros(backend.size)
    return np.bincount(np.concatenate(ids), weights=np.concatenate(weights), minlength=backend.size)

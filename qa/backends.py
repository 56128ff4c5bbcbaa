"""BM25 scoring backends behind one interface: rank-bm25 (default) and a posting-list BM25 for large corpora."""
from __future__ import annotations

import math
from collections import Counter

import numpy as np

# Above this many units (passages or sentences) the posting-list backend is chosen automatically:
# rank-bm25 walks every unit in Python for each query term, so its cost grows with the corpus.
SPARSE_ABOVE = 3_000


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


class PostingsBackend:
    """BM25Okapi with rank-bm25's exact formula and IDF rule, over posting lists: cost grows with the number
    of units that hold a query term, not with the corpus."""

    name = "postings"

    def __init__(self, corpus_tokens: list[list[str]], k1: float, b: float, epsilon: float):
        self.k1, self.b = k1, b
        postings: dict[str, list[tuple[int, int]]] = {}
        lengths = []
        for i, tokens in enumerate(corpus_tokens):
            lengths.append(len(tokens))
            for term, tf in Counter(tokens).items():
                postings.setdefault(term, []).append((i, tf))
        n = len(corpus_tokens)
        self.avgdl = (sum(lengths) / n) if n else 0.0
        self.lengths = lengths
        idf = {t: math.log(n - len(p) + 0.5) - math.log(len(p) + 0.5) for t, p in postings.items()}
        average = sum(idf.values()) / len(idf) if idf else 0.0
        idf = {t: (epsilon * average if v < 0 else v) for t, v in idf.items()}          # rank-bm25's rule
        positive = [v for v in idf.values() if v > 0]
        floor = epsilon * (sum(positive) / len(positive) if positive else 1.0)
        self.idf = {t: (floor if v <= 0 else v) for t, v in idf.items()}                  # and our floor
        self.size = n
        self._postings = postings
        self._lengths = np.asarray(lengths, dtype=np.float64)
        self._memo: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Units holding the term and their BM25Okapi scores, computed once per term."""
        entry = self._memo.get(term)
        if entry is None:
            pairs = self._postings.get(term, ())
            ids = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
            tf = np.fromiter((f for _, f in pairs), dtype=np.float64, count=len(pairs))
            k1, b, avgdl = self.k1, self.b, self.avgdl or 1.0
            scores = self.idf.get(term, 0.0) * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * self._lengths[ids] / avgdl)))
            entry = self._memo[term] = (ids, scores)
        return entry


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


def make_backend(corpus_tokens: list[list[str]], settings, force: str | None = None):
    """The backend for this corpus: rank-bm25 unless the corpus is large (or a backend is forced)."""
    choice = force or settings.backend
    if choice == "auto":
        choice = "postings" if len(corpus_tokens) > SPARSE_ABOVE and settings.variant == "okapi" else "rank-bm25"
    if choice == "postings":
        if settings.variant != "okapi":
            raise ValueError("the postings backend implements BM25Okapi only")
        return PostingsBackend(corpus_tokens, settings.k1, settings.b, settings.epsilon)
    return RankBM25Backend(corpus_tokens, settings.variant, settings.k1, settings.b, settings.epsilon,
                           settings.delta)

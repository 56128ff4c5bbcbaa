"""BM25 passage index (rank-bm25, or tantivy for large corpora): variants, field weighting, weighted query terms,
top-k search."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .backends import accumulate, choose, make_backend
from .article import FIGURE, FIGURE_RE
from .fields import field_parts, sentence_text
from .models import Hit, Passage
from .text import Tokenizer, sentences

# A large corpus (tantivy) applies the extra factors to this many BM25-best passages (or CANDIDATE_FACTOR x k),
# then scores the RESCORE best of them (or RESCORE_FACTOR x k) again with exact document lengths. Each candidate's
# sentences are scored from their tokens: at 1,000 reviews 400 candidates cost about 0.5 ms more a query than
# 200, which keep the agreement with rank-bm25 (tests/test_backends.py).
CANDIDATES = 200
CANDIDATE_FACTOR = 8
RESCORE = 40
RESCORE_FACTOR = 2


@dataclass(frozen=True)
class RankerSettings:
    variant: str = "okapi"        # okapi | plus | l
    backend: str = "auto"         # auto | rank-bm25 | tantivy (auto: tantivy above backends.SPARSE_ABOVE units)
    k1: float = 1.2
    b: float = 0.75
    epsilon: float = 0.25         # BM25Okapi: floor for negative IDF, as a fraction of the mean IDF
    delta: float = 1.0            # BM25Plus / BM25L
    title_weight: int = 2         # times the section title is repeated in a passage (BM25F-style)
    path_weight: int = 1          # times the parent headings are repeated
    reference_weight: float = 0.6  # score factor for reference-list passages
    reference_boost: float = 1.6   # ... when the question asks about the cited literature
    expansion_weight: float = 0.4  # glossary expansions count this much of the user's own words
    sentence_weight: float = 0.5  # how much the best single sentence of a passage adds to its score
    numeric_boost: float = 1.5    # sentence score factor for sentences with figures, when a figure is asked
    definition_boost: float = 0.5  # passage bonus where a glossary term the question asks about is introduced
    entity_penalty: float = 0.5   # score factor for a passage that does not name the drug/gene/miRNA asked about
    oov_weight: float = 3.0       # weight of a question word the review never uses, when judging coverage

    def describe(self) -> str:
        extra = f"eps={self.epsilon}" if self.variant == "okapi" else f"delta={self.delta}"
        return (f"bm25-{self.variant}(k1={self.k1},b={self.b},{extra});backend={self.backend};title={self.title_weight};"
                f"path={self.path_weight};refs={self.reference_weight}/{self.reference_boost};"
                f"expand={self.expansion_weight};sentence={self.sentence_weight};numeric={self.numeric_boost};"
                f"define={self.definition_boost};oov={self.oov_weight}")


def passage_fields(passage: Passage, settings: RankerSettings) -> str:
    """The text indexed for a passage: body, then its title and parent headings repeated as weights say."""
    return " ".join(field_parts(passage, settings.title_weight, settings.path_weight))


class PassageIndex:
    """Ranks passages for a weighted bag of query stems; never returns zero-score passages.

    A passage scores by BM25 over its fields plus a share of its best sentence's BM25 score over the
    sentence index, so terms that meet in one sentence count for more than terms scattered apart."""

    def __init__(self, passages: tuple[Passage, ...], corpus_tokens, sentence_tokens, tokenizer: Tokenizer,
                 settings: RankerSettings, key: str | None = None, backends: tuple | None = None,
                 body_vocabulary: set[str] | None = None, numeric: np.ndarray | None = None):
        """corpus_tokens: each passage's tokens (lists, or a TokenStore); sentence_tokens: each sentence unit's
        passage position and tokens (pairs, or a tokenstore.Grouped). key: a hash of the corpus and settings that
        produced these tokens, if the caller has one (names the on-disk tantivy index of a large corpus; without
        it the tokens are hashed); backends: the passage and sentence backends, already made over these tokens;
        body_vocabulary, numeric: the words outside the reference list and which sentences state a figure, when
        the build knows them (else read from the tokens)."""
        self.passages = passages
        self.tokenizer = tokenizer
        self.settings = settings
        self.corpus_tokens = corpus_tokens
        self.sentence_tokens = sentence_tokens
        stored = not isinstance(corpus_tokens, (list, tuple))        # a TokenStore (qa.tokenstore)
        grouped = not isinstance(sentence_tokens, (list, tuple))      # a tokenstore.Grouped
        if stored:
            self.vocabulary = set(corpus_tokens.vocabulary)
        else:
            self.vocabulary = {t for doc in corpus_tokens for t in doc}
        if body_vocabulary is not None:
            self.body_vocabulary = body_vocabulary
        elif stored:
            self.body_vocabulary = corpus_tokens.words_of(np.array([p.section != "references" for p in passages],
                                                                   dtype=bool))
        else:
            self.body_vocabulary = {t for doc, p in zip(corpus_tokens, passages) if p.section != "references"
                                    for t in doc}
        if grouped:
            self._np_sentence_passage = np.asarray(sentence_tokens.groups, dtype=np.int64)
        else:
            self._np_sentence_passage = np.array([i for i, _ in sentence_tokens], dtype=np.int64)
        if numeric is not None:
            self._np_numeric = np.asarray(numeric, dtype=bool)
        elif grouped:
            self._np_numeric = sentence_tokens.store.units_holding(FIGURE)
        else:
            self._np_numeric = np.array([FIGURE in toks for _, toks in sentence_tokens], dtype=bool)
        self._np_has_figure = np.zeros(len(passages), dtype=bool)
        self._np_has_figure[self._np_sentence_passage[self._np_numeric]] = True
        self._doc_sets: dict[int, set[str]] = {}
        self._holder_memo: dict[tuple, np.ndarray] = {}
        if backends is not None:
            self._bm25, self._sentence_bm25 = backends
        else:
            # rank-bm25 divides by the corpus size: an empty corpus cannot be ranked at all.
            self._bm25 = make_backend(corpus_tokens, settings, "passages", key=key) if any(corpus_tokens) else None
            self._sentence_bm25 = (make_backend([t for _, t in sentence_tokens], settings, "sentences",
                                                [i for i, _ in sentence_tokens], key=key)
                                   if any(t for _, t in sentence_tokens) else None)
        self._np_sentence_count = np.bincount(self._np_sentence_passage, minlength=len(passages))
        self._sentence_order = self._sentence_start = None
        self._np_is_reference = np.array([p.section == "references" for p in passages], dtype=bool)

    @staticmethod
    def tokenize(passages: tuple[Passage, ...], units, tokenizer: Tokenizer, settings: RankerSettings):
        """Token lists for the passage index and the sentence index (what the cache stores). units: the
        review's sentence table (qa.sentences.Unit, in passage order)."""
        position = {p.id: i for i, p in enumerate(passages)}
        by_id = {p.id: p for p in passages}
        tokens = [tokenizer.tokens(passage_fields(p, settings)) for p in passages]
        sentence_tokens = []
        for u in units:
            p = by_id[u.passage]
            sentence_tokens.append((position[u.passage], tokenizer.tokens(sentence_text(u.text, p))
                                    + ([FIGURE] if FIGURE_RE.search(u.text) else [])))
        return tokens, sentence_tokens

    @classmethod
    def build(cls, passages: tuple[Passage, ...], tokenizer: Tokenizer, settings: RankerSettings,
              workers: int | None = None, cache: bool = True) -> "PassageIndex":
        """An index whose sentence units are the passages' sentences (tests, benchmarks; the Engine passes its
        sentence table's units).

        A corpus large enough for tantivy is built by qa.bulk: tokenised in chunks (by `workers` processes; None:
        as many as pay), streamed into tantivy and compact token stores, and reopened from the cache directory
        when the same input was built before (cache=False: in memory, never reopened)."""
        if choose(len(passages), settings, warn=False) == "tantivy":
            from .bulk import build as build_large
            from .tokenstore import Grouped
            built = build_large(passages, tokenizer, settings, workers, cache)
            return cls(passages, built.passage_tokens, Grouped(built.sentence_tokens, built.sentence_groups),
                       tokenizer, settings, backends=(built.passage_backend, built.sentence_backend),
                       body_vocabulary=built.body_vocabulary, numeric=built.sentence_figures)
        from .sentences import Unit
        units = [Unit(0, p.id, p.section, s) for p in passages for s in sentences(p.text)]
        tokens, sentence_tokens = cls.tokenize(passages, units, tokenizer, settings)
        return cls(passages, tokens, sentence_tokens, tokenizer, settings)

    @property
    def idf(self) -> dict[str, float]:
        return self._bm25.idf if self._bm25 is not None else {}

    @property
    def backend(self) -> str:
        return self._bm25.name if self._bm25 is not None else "none"

    def scores(self, weighted_terms: dict[str, float], reference_weight: float | None = None,
               numeric: bool = False, boosts: dict[int, float] | None = None,
               required: list[list[frozenset[str]]] | None = None) -> np.ndarray:
        """The score of every passage (a dense vector; 0 where no query term occurs).

        required: the names (as stem sets) of each specific thing the question is about; a passage that
        names none of a thing's names is demoted, when some passage does name it."""
        totals = accumulate(self._bm25, weighted_terms, self.vocabulary)
        if not len(totals):
            return totals
        if self.settings.sentence_weight and self._sentence_bm25 is not None:
            per_sentence = accumulate(self._sentence_bm25, weighted_terms, self.vocabulary)
            if numeric:
                per_sentence = np.where(self._np_numeric, per_sentence * self.settings.numeric_boost, per_sentence)
            best = np.zeros(len(totals))
            np.maximum.at(best, self._np_sentence_passage, per_sentence)
            totals = np.where(totals > 0, totals + self.settings.sentence_weight * best, 0.0)
        if numeric:   # a figure is asked for: a passage that states none cannot answer
            totals = np.where(self._np_has_figure, totals, totals / self.settings.numeric_boost)
        if required:
            for names in required:
                held = self.holders(names)
                if held.any():
                    totals = np.where(held, totals, totals * self.settings.entity_penalty)
        if boosts:
            top = float(totals.max())
            for i, bonus in boosts.items():
                if totals[i] > 0:
                    totals[i] += bonus * top
        factor = self.settings.reference_weight if reference_weight is None else reference_weight
        return np.where(self._np_is_reference, totals * factor, totals)

    def sentence_scores(self, weighted_terms: dict[str, float]) -> np.ndarray:
        """BM25 of every unit of the sentence table (0 where no term occurs)."""
        if self._sentence_bm25 is None:
            return np.zeros(len(self.sentence_tokens))
        return accumulate(self._sentence_bm25, weighted_terms, self.vocabulary)

    def search(self, weighted_terms: dict[str, float], k: int, reference_weight: float | None = None,
               numeric: bool = False, boosts: dict[int, float] | None = None,
               required: list[list[frozenset[str]]] | None = None) -> list[Hit]:
        if hasattr(self._bm25, "top"):
            positive, scores = self._candidates(weighted_terms, k, reference_weight, numeric, boosts, required)
        else:
            scores = self.scores(weighted_terms, reference_weight, numeric, boosts, required)
            positive = np.flatnonzero(scores > 0)
        if len(positive) > k:       # keep the k best (and ties at the k-th score), then order exactly
            cut = np.partition(scores[positive], len(positive) - k)[len(positive) - k]
            positive = positive[scores[positive] >= cut]
        order = sorted(positive.tolist(), key=lambda i: (-scores[i], i))[:k]
        hits: list[Hit] = []
        for i in order:
            doc = self._doc_set(i)
            matched = tuple(t for t in weighted_terms if t in doc)
            hits.append(Hit(len(hits) + 1, self.passages[i], round(float(scores[i]), 4), matched))
        return hits

    def _candidates(self, weighted_terms: dict[str, float], k: int, reference_weight: float | None,
                    numeric: bool, boosts: dict[int, float] | None,
                    required: list[list[frozenset[str]]] | None) -> tuple[np.ndarray, np.ndarray]:
        """scores() for a large corpus, in two stages: positions of the passages that score, and a score vector
        that is valid at those positions.

        A dense vector over every passage and sentence per query costs too much at tens of thousands of
        passages. Stage 1: tantivy's CANDIDATES best passages by BM25 (plus any boosted ones) and their
        sentences' scores (exact, from their tokens: cheaper than a second tantivy search over every sentence
        restricted to those passages), with the extra factors (best sentence, figures, names, boosts,
        references) applied to those only. tantivy keeps a document's length in one byte (within a few per
        cent), which reorders near-ties; so stage 2 scores the RESCORE best of them again with exact lengths, as
        rank-bm25 would, and only those are returned."""
        terms = {t: w for t, w in weighted_terms.items() if w > 0 and t in self.vocabulary}
        if not terms:
            return np.zeros(0, dtype=np.int64), np.zeros(len(self.passages))
        ids, totals = self._bm25.top(terms, max(CANDIDATES, CANDIDATE_FACTOR * k))
        if boosts:
            missing = sorted(set(boosts) - set(ids.tolist()))
            if missing:
                more_ids, more = self._bm25.top(terms, len(missing), units=missing)
                ids, totals = np.concatenate([ids, more_ids]), np.concatenate([totals, more])
        sentences = None
        if self.settings.sentence_weight and self._sentence_bm25 is not None and len(ids):
            if hasattr(self._sentence_bm25, "exact"):
                s_ids = self._sentences_of(ids)
                sentences = (s_ids, self._sentence_bm25.exact(terms, s_ids))
            else:
                per = accumulate(self._sentence_bm25, terms, self.vocabulary)
                s_ids = np.flatnonzero(per > 0)
                sentences = (s_ids, per[s_ids])
        scores = self._factors(ids, totals, sentences, reference_weight, numeric, boosts, required)
        # stage 2: the best few again, exactly
        depth = max(RESCORE, RESCORE_FACTOR * k)
        if len(ids) > depth:
            ids = ids[np.argsort(-scores[ids], kind="stable")[:depth]]
        totals = self._bm25.exact(terms, ids)
        if sentences is not None:                   # their sentences' scores are exact already
            s_ids, s_scores = sentences
            chosen = np.zeros(len(self.passages), dtype=bool)
            chosen[ids] = True
            kept = chosen[self._np_sentence_passage[s_ids]]
            sentences = (s_ids[kept], s_scores[kept])
        scores = self._factors(ids, totals, sentences, reference_weight, numeric, boosts, required)
        return ids[scores[ids] > 0], scores

    def _factors(self, ids: np.ndarray, totals: np.ndarray, sentences, reference_weight: float | None,
                 numeric: bool, boosts: dict[int, float] | None,
                 required: list[list[frozenset[str]]] | None) -> np.ndarray:
        """scores()' extra factors for the passages `ids` with BM25 `totals` (sentences: sentence positions and
        scores, or None): a vector over all passages, valid at `ids`."""
        scores = np.zeros(len(self.passages))
        scores[ids] = totals
        if sentences is not None:
            s_ids, s_scores = sentences
            if numeric:
                s_scores = np.where(self._np_numeric[s_ids], s_scores * self.settings.numeric_boost, s_scores)
            best = np.zeros(len(self.passages))
            np.maximum.at(best, self._np_sentence_passage[s_ids], s_scores)
            scores[ids] = np.where(scores[ids] > 0, scores[ids] + self.settings.sentence_weight * best[ids], 0.0)
        if numeric:
            scores[ids] = np.where(self._np_has_figure[ids], scores[ids], scores[ids] / self.settings.numeric_boost)
        if required:
            for names in required:
                held = self.holders(names)
                if held.any():
                    scores[ids] = np.where(held[ids], scores[ids], scores[ids] * self.settings.entity_penalty)
        if boosts and len(ids):
            top = float(scores[ids].max())
            for i, bonus in boosts.items():
                if scores[i] > 0:
                    scores[i] += bonus * top
        factor = self.settings.reference_weight if reference_weight is None else reference_weight
        scores[ids] = np.where(self._np_is_reference[ids], scores[ids] * factor, scores[ids])
        return scores

    def _sentences_of(self, ids: np.ndarray) -> np.ndarray:
        """Positions of the sentence units of these passages."""
        if self._sentence_order is None:
            self._sentence_order = np.argsort(self._np_sentence_passage, kind="stable")
            self._sentence_start = np.concatenate([[0], np.cumsum(self._np_sentence_count)])
        from .tokenstore import spans
        return self._sentence_order[spans(self._sentence_start[ids], self._sentence_start[ids + 1])]

    def holders(self, names: list[frozenset[str]]) -> np.ndarray:
        """Which passages name a thing by any of its names (stem sets), computed once per thing."""
        key = tuple(sorted(tuple(sorted(n)) for n in names))
        held = self._holder_memo.get(key)
        if held is None:
            if hasattr(self._bm25, "holding"):      # a large corpus: ask the index, not every passage's tokens
                held = np.zeros(len(self.passages), dtype=bool)
                held[self._bm25.holding(names)] = True
            else:
                held = np.array([any(n <= self._doc_set(i) for n in names) for i in range(len(self.passages))],
                                dtype=bool)
            self._holder_memo[key] = held
        return held

    def _doc_set(self, i: int) -> set[str]:
        doc = self._doc_sets.get(i)
        if doc is None:
            doc = self._doc_sets[i] = set(self.corpus_tokens[i])
        return doc

"""Baseline rankers for `qa eval --baselines`: naive rank-bm25 and bm25s over the same passages."""
from __future__ import annotations

from .engine import Engine, QueryError
from .metrics import question_metrics, score_question
from .text import fold


def _rank_bm25_whitespace(engine: Engine):
    from rank_bm25 import BM25Okapi
    passages = engine.document.passages
    bm25 = BM25Okapi([p.text.lower().split() for p in passages])

    def search(question: str, k: int) -> list[tuple[int, float]]:
        scores = bm25.get_scores(question.lower().split())
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
        return [(i, float(scores[i])) for i in order]
    return search


def _bm25s_stemmed(engine: Engine):
    try:
        import bm25s
    except ImportError:
        raise QueryError("--baselines needs the bench extra: pip install '.[bench]'") from None
    from nltk.stem.snowball import SnowballStemmer
    stem = SnowballStemmer("english").stem
    stemmer = lambda words: [stem(w) for w in words]   # noqa: E731 - bm25s takes a callable
    passages = engine.document.passages
    corpus = bm25s.tokenize([p.text for p in passages], stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)

    def search(question: str, k: int) -> list[tuple[int, float]]:
        query = bm25s.tokenize([question], stopwords="en", stemmer=stemmer, show_progress=False)
        if not query.vocab:
            return []
        docs, scores = retriever.retrieve(query, k=min(k, len(passages)), show_progress=False)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0])]
    return search


def _score(engine: Engine, search, items: list[dict], k: int) -> dict:
    passages = engine.document.passages
    rows = []
    for item in items:
        ranked = [(i, s) for i, s in search(str(item["q"]), k) if s > 0]
        found = bool(ranked)
        top_text = fold(passages[ranked[0][0]].text) if ranked else ""
        answer_ok = (any(fold(str(a)) in top_text for a in item["answer"]) if item["answer"] else None)
        sections = [(passages[i].section, passages[i].title) for i, _ in ranked]
        rows.append(score_question(item, sections, found, answer_ok))
    return question_metrics(rows)


def run_baselines(engine: Engine, items: list[dict], k: int) -> dict:
    return {
        "rank-bm25 whitespace": _score(engine, _rank_bm25_whitespace(engine), items, k),
        "bm25s stem+stop": _score(engine, _bm25s_stemmed(engine), items, k),
    }

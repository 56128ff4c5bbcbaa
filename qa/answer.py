"""Compose an Answer from ranked hits: the best answering sentence, linked facts, cited references."""
from __future__ import annotations

import re

from .models import AnswerSentence, Document, Fact, Hit, Reference
from .text import Tokenizer, sentences

_QUANTITATIVE = re.compile(r"\b(how (many|much|long|often|common)|what (fraction|proportion|percentage|share|rate|"
                           r"number)|percent|rate|ratio|median|months?|p[- ]?value|orr|pfs|os|dfs|ci\b|"
                           r"confidence|when|date|year|how frequent)", re.I)
_HAS_NUMBER = re.compile(r"\d")


def best_sentence(question: str, hits: list[Hit], weights: dict[str, float], idf: dict[str, float],
                  tokenizer: Tokenizer, depth: int = 3) -> AnswerSentence | None:
    """The sentence that best answers: most query weight (by IDF) matched, preferring higher-ranked passages."""
    if not hits:
        return None
    quantitative = bool(_QUANTITATIVE.search(question))
    top_score = hits[0].score or 1.0
    best: tuple[float, int, AnswerSentence] | None = None
    from .index import PART_DESCRIPTORS
    for hit in hits[:depth]:
        # A sentence is read under its heading: "Accepted 12 September 2022." answers "when was it accepted?"
        context = set(tokenizer.tokens(f"{hit.passage.title} {PART_DESCRIPTORS.get(hit.passage.section, '')}"))
        for position, sentence in enumerate(sentences(hit.passage.text)):
            stems = set(tokenizer.tokens(sentence)) | context
            matched = sum(weights[t] * idf.get(t, 1.0) for t in weights if t in stems)
            if matched <= 0:
                continue
            score = matched * (0.6 + 0.4 * hit.score / top_score)
            if quantitative and _HAS_NUMBER.search(sentence):
                score *= 1.25
            candidate = (score, -hit.rank * 1000 - position,
                         AnswerSentence(sentence, hit.passage.id, hit.passage.section))
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        first = sentences(hits[0].passage.text)
        return AnswerSentence(first[0] if first else hits[0].passage.text, hits[0].passage.id,
                              hits[0].passage.section)
    return best[2]


def cited_references(hits: list[Hit], document: Document) -> tuple[Reference, ...]:
    seen: list[int] = []
    for hit in hits:
        for n in hit.passage.citations:
            if n not in seen:
                seen.append(n)
    return tuple(r for r in (document.reference(n) for n in seen) if r is not None)


def rank_facts(hits: list[Hit], by_passage: dict[str, list[Fact]], question_facts: list[Fact],
               question_stems: set[str], tokenizer: Tokenizer, idf: dict[str, float],
               limit: int = 8) -> tuple[Fact, ...]:
    """Facts about what the question names come first, then facts of the top passages; ties by term overlap."""
    candidates: dict[str, tuple[float, Fact]] = {}

    def overlap(fact: Fact) -> float:
        stems = set(tokenizer.tokens(f"{fact.entity} {fact.summary} {fact.evidence}"))
        return sum(idf.get(t, 1.0) for t in question_stems if t in stems)

    named = {f.id for f in question_facts}
    for hit in hits:
        for fact in by_passage.get(hit.passage.id, []):
            bonus = 100.0 if fact.id in named else 0.0
            score = bonus + overlap(fact) - 2.0 * hit.rank
            if fact.id not in candidates or candidates[fact.id][0] < score:
                candidates[fact.id] = (score, fact)
    for fact in question_facts:
        if fact.id not in candidates:
            candidates[fact.id] = (50.0 + overlap(fact), fact)
    ordered = sorted(candidates.values(), key=lambda x: (-x[0], x[1].id))
    return tuple(f for _, f in ordered[:limit])

"""Compose an Answer from ranked hits: the best answering sentence, linked facts, cited references."""
from __future__ import annotations

import math
import re

from .article import FIGURE_RE, PART_DESCRIPTORS
from .backends import highest_idf
from .models import AnswerSentence, Document, Fact, Hit, Reference
from .text import Tokenizer

_QUANTITATIVE = re.compile(r"\b(how (many|much|long|often|common)|what (fraction|proportion|percentage|share|rate|"
                           r"number)|percent|rate|ratio|median|months?|p[- ]?value|orr|pfs|os|dfs|ci\b|"
                           r"confidence|when|date|year|how frequent)", re.I)
_RANK_FACTOR = (1.0, 0.5, 0.35)
# A sentence that gives the kind of thing asked (a year for "when", a count for "how many patients") over one that
# only shares the question's words.
TYPE_FIT, TYPE_MISS = 1.5, 0.6
# Stems of the measures a figure can be "of": a sentence with the figure and the measure answers best.
_MEASURE_STEMS = {"orr", "pfs", "os", "dfs", "ddfs", "median", "respons", "surviv", "rate", "ratio", "ci",
                  "confid", "interv", "durat", "follow", "followup", "incid", "preval", "proport", "percentag",
                  "advers", "event", "risk", "reduct", "amplif", "express", "mutat", "patient"}


def best_sentence(question: str, hits: list[Hit], weights: dict[str, float], idf: dict[str, float],
                  tokenizer: Tokenizer, table, depth: int = 3, fits=None) -> AnswerSentence | None:
    """The sentence that best answers (see _best_sentence); a word's joined form and pieces count once. `fits`, when
    given, says whether a sentence holds the kind of thing the question asks for (a year, a duration, a count)."""
    grouped = {t for g in tokenizer.token_groups(question) for t in g}
    concepts = [[t for t in g if t in weights] for g in tokenizer.token_groups(question)]
    # the other names of what the question names (expansion terms, weighted below its own words) are one concept:
    # a sentence that spells out an entity's every alias is no better an answer than one naming it once
    extra = [t for t in weights if t not in grouped]
    concepts = [c for c in concepts if c] + [[t for t in extra if weights[t] < 1.0]] * any(weights[t] < 1.0 for t in extra) \
        + [[t] for t in extra if weights[t] >= 1.0]
    return _best_sentence(question, hits, weights, idf, tokenizer, depth, table, concepts, fits)


def _best_sentence(question: str, hits: list[Hit], weights: dict[str, float], idf: dict[str, float],
                   tokenizer: Tokenizer, depth: int, table, concepts: list[list[str]],
                   fits=None) -> AnswerSentence | None:
    """The sentence that best answers, read in its passage.

    A sentence scores the IDF weight of the question terms it holds, each term counted more where it singles
    out few sentences of its passage ("neutropenia" over the "SYD985" every sentence is about). Terms of the
    heading and of earlier sentences of the passage count half: they are what "it" refers to. In the
    article's front and back matter the heading is the question's match ("Edited by" -> the editor's name).
    A question that asks for a figure prefers sentences stating one, most of all next to the measure asked; one
    that asks for a year, a duration or a count, sentences that give that kind of thing."""
    if not hits:
        return None
    quantitative = bool(_QUANTITATIVE.search(question))
    measures = {t for t in weights if t in _MEASURE_STEMS}
    best: tuple[float, int, AnswerSentence] | None = None
    for rank, hit in enumerate(hits[:depth]):
        part = hit.passage.section in PART_DESCRIPTORS
        heading = set(tokenizer.tokens(f"{hit.passage.title} {PART_DESCRIPTORS.get(hit.passage.section, '')}"))
        rows = table(hit.passage)
        texts = [t for t, _ in rows]
        stems = [st for _, st in rows]
        if part and len(stems) == 1:      # a part answered whole: its heading is what the question matched
            stems = [stems[0] | heading]
        local = {t: 1.0 + math.log(len(stems) / n) for t in weights
                 if (n := sum(1 for st in stems if t in st))}
        earlier: set[str] = set()
        for j, sentence in enumerate(texts):
            carried = heading | earlier
            earlier = earlier | stems[j]
            score = sum(max(weights[t] * idf.get(t, 1.0) *
                                (local.get(t, 1.0) if t in stems[j] else 0.5 if t in carried else 0.0)
                                for t in concept) for concept in concepts)
            if score <= 0 or not (set(weights) & (stems[j] | heading if part else stems[j])):
                continue
            if quantitative:
                has_figure = bool(FIGURE_RE.search(sentence))
                score *= 1.6 if has_figure else 0.8
                if has_figure and measures & stems[j]:
                    score *= 1.3
            if fits is not None:
                score *= TYPE_FIT if fits(sentence) else TYPE_MISS
            score *= _RANK_FACTOR[rank] if rank < len(_RANK_FACTOR) else 0.35
            candidate = (score, -rank * 1000 - j, AnswerSentence(sentence, hit.passage.id, hit.passage.section))
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    if best is None:
        first = table(hits[0].passage)
        return AnswerSentence(first[0][0] if first else hits[0].passage.text, hits[0].passage.id,
                              hits[0].passage.section)
    return best[2]


def cited_references(hits: list[Hit], document: Document) -> tuple[Reference, ...]:
    seen: list[int] = []
    for hit in hits:
        for n in hit.passage.citations:
            if n not in seen:
                seen.append(n)
    return tuple(r for r in (document.reference(n) for n in seen) if r is not None)


def fact_stems(fact: Fact, tokenizer: Tokenizer) -> set[str]:
    """Every stem a question could meet in a fact: names, summary, evidence and typed values."""
    values = " ".join(str(v) for _, v in fact.fields if isinstance(v, (str, int, float)))
    return set(tokenizer.tokens(f"{fact.entity} {' '.join(fact.aliases)} {fact.summary} {fact.evidence} {values}"))


def rank_facts(hits: list[Hit], by_passage: dict[str, list[Fact]], question_facts: list[Fact],
               question_stems: set[str], tokenizer: Tokenizer, idf: dict[str, float],
               limit: int = 8, stems_of=None) -> tuple[Fact, ...]:
    """Facts that match what the question asks come first: the question's words in the fact (its typed values
    included: "negatively" meets correlation: negative), a specific entity the question names, then facts of
    the top passages. Glossary entries rank below facts."""
    top_idf = highest_idf(idf) or 1.0
    candidates: dict[str, tuple[float, Fact]] = {}

    stems_of = stems_of or (lambda fact: fact_stems(fact, tokenizer))

    def score(fact: Fact, rank: int | None) -> float:
        stems = stems_of(fact)
        overlap = sum(idf.get(t, 1.0) for t in question_stems if t in stems)
        value = overlap
        if fact in named:
            entity = tokenizer.tokens(fact.entity) or [""]
            specificity = sum(idf.get(t, 0.0) for t in entity) / len(entity) / top_idf
            value += 10.0 * specificity
        if rank is not None:
            value += 3.0 / rank
        return value * (0.5 if fact.kind == "term" else 1.0)

    named = set(question_facts)
    for hit in hits:
        for fact in by_passage.get(hit.passage.id, []):
            value = score(fact, hit.rank)
            if fact.id not in candidates or candidates[fact.id][0] < value:
                candidates[fact.id] = (value, fact)
    for fact in question_facts:
        if fact.id not in candidates:
            candidates[fact.id] = (score(fact, None), fact)
    ordered = sorted(candidates.values(), key=lambda x: (-x[0], x[1].id))
    return tuple(f for _, f in ordered[:limit])

"""Claim and Unit: a claim read into weighted units (names, words, cues); how well a sentence covers it."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text import fold
from .knowledge import Knowledge, Sentence
from ..lexicon import NEGATIVE_PREFIXES, QUALIFIER_WORDS
from ..measures import BY_KEY
from ..quantities import Quantity
from ..reading import Reading
from .thresholds import LIGHT_WEIGHT, SCOPE_CREDIT
from .words import Word, identifier_shape


@dataclass
class Unit:
    """A weighted part of a claim to find in a sentence: a name (group), a word or a cue's dimension."""
    kind: str               # "group", "word", "cue"
    key: object
    weight: float
    word: int               # index of the (first) word
    stems: tuple = ()


@dataclass
class Claim:
    """A claim as read: its words, names, numbers, weighted units and the metrics it speaks of."""
    text: str
    folded: str
    words: list[Word]
    stems: set[str]
    mentions: list[tuple[str, int, int, str]]
    groups: set[str]
    quantities: list[Quantity]
    units: list[Unit]
    metrics: set[str]
    number_words: set[int]
    reading: Reading | None = None


def analyse(kb: Knowledge, reading: Reading) -> Claim:
    """The claim's Reading as the checker's words (negative prefixes taken off words the review uses unprefixed,
    cues, negations) and weighted units; its names and figures are the Reading's."""
    text = reading.text
    words = kb.words(text)
    for w in words:
        if w.stems and not w.cue and not w.groups and w.key not in kb.vocab and w.low.isalpha():
            for prefix in NEGATIVE_PREFIXES:
                rest = kb.tokenizer.stem(w.low[len(prefix):]) if w.low.startswith(prefix) else ""
                if len(w.low) > len(prefix) + 3 and len(rest) >= 4 and rest in kb.vocab:
                    w.key, w.stems, w.prefix_neg = rest, (rest,), True
                    w.canon = kb.canon(rest)
                    break
    mentions = [(m.entity, m.first, m.last, m.name) for m in reading.mentions]
    qs = list(reading.quantities)
    number_words = set()
    for i, w in enumerate(words):
        if any(q.start <= w.start < q.end or w.start <= q.start < w.end for q in qs if q.unit):
            number_words.add(i)
    for i in sorted(number_words, reverse=True):
        k = i - 1
        while k >= 0 and k >= i - 3 and words[k].low in QUALIFIER_WORDS:
            number_words.add(k)
            k -= 1
    units: list[Unit] = []
    in_mention: dict[int, int] = {}
    for m_i, (group, first, last, _) in enumerate(mentions):
        stems = [s for i in range(first, last + 1) for s in words[i].stems]
        weight = max((kb.idf(s) for s in stems), default=1.0)
        units.append(Unit("group", group, weight, first, tuple(stems)))
        for i in range(first, last + 1):
            in_mention[i] = m_i
    for i, w in enumerate(words):
        if i in in_mention or not w.stems or i in number_words:
            continue
        if w.neg:
            continue
        if w.cue:
            units.append(Unit("cue", w.cue[0], max(1.0, 0.5 * kb.idf(w.stems[0])), i, w.stems))
            continue
        joined = w.stems[0]
        if joined in kb.vocab or len(w.stems) == 1:
            weight = kb.idf(joined)
        else:
            weight = sum(kb.idf(s) for s in w.stems[1:]) / max(1, len(w.stems) - 1)
        if joined in kb.lexicon.reporting or (joined in kb.lexicon.light and any(q.unit for q in qs)):
            weight *= LIGHT_WEIGHT
        units.append(Unit("word", joined, weight, i, w.stems))
    folded = fold(text)
    metrics = set(reading.measures)
    if any(BY_KEY[m].reported for m in metrics):
        # "responses in one in five heavily pretreated patients": the pretreatment describes who, not what is measured
        metrics = {m for m in metrics if BY_KEY[m].reported}
    stems = {s for w in words for s in w.stems}
    return Claim(text, folded, words, stems, mentions, {m[0] for m in mentions}, qs, units, metrics, number_words,
                 reading)


def unit_match(kb: Knowledge, unit: Unit, claim: Claim, sent: Sentence) -> float:
    """How much of a claim unit the sentence holds (0..1)."""
    if unit.kind == "group":
        if unit.key in sent.groups:
            return 1.0
        if unit.key in sent.scope:
            return SCOPE_CREDIT
        if unit.stems and set(unit.stems) <= sent.free_stems:
            return 1.0
        w = claim.words[unit.word]
        # a named identifier (17q23) beside another of the same shape (chr17q12): aligned, and a clash to report
        return 1.0 if w.ident and identifier_shape(w.low) in sent.ident_shapes else 0.0
    if unit.kind == "cue":
        if set(unit.stems) & sent.stems:
            return 1.0
        if unit.key in sent.cue_dims:
            return 0.7
        return 0.0
    w = claim.words[unit.word]
    if unit.key in sent.stems or kb.canon(unit.key) in sent.canon:
        return 1.0
    if len(w.stems) > 1:
        pieces = [s for s in w.stems[1:] if not s.isdigit()]
        if pieces:
            got = sum(1 for s in pieces if s in sent.stems) / len(pieces)
            if got:
                return got
    if w.ident and identifier_shape(w.low) in sent.ident_shapes:
        return 1.0       # another identifier of the same shape: aligned, and a clash to report
    if prefix_negated(kb, w, sent) is not None:
        return 1.0
    if unit.key in sent.context or kb.canon(unit.key) in sent.context:
        return 0.5
    return 0.0


def prefix_negated(kb: Knowledge, cw: Word, sent: Sentence) -> int | None:
    """Index of a sentence word that is the claim word with a negative prefix ("irreplaceable" for "replaced");
    for a compound, its last part ("HER2-dependent" against "independent of HER2")."""
    if len(cw.stems) > 1:
        last = cw.stems[-1]
        return sent.negated.get(last) if len(last) >= 5 else None
    if len(cw.key) < 4:
        return None
    found = sent.negated.get(cw.key)
    if found is None and cw.canon and cw.canon != cw.key:
        found = sent.negated.get(cw.canon)      # "settled" against "unclear": through the synonym's stem
    return found


def coverage(kb: Knowledge, claim: Claim, sent: Sentence) -> float:
    """IDF-weighted share of the claim's units that the sentence holds (0..1)."""
    total = sum(u.weight for u in claim.units)
    if total <= 0:
        return 0.0
    return sum(u.weight * unit_match(kb, u, claim, sent) for u in claim.units) / total


CANDIDATES = 60     # sentences retrieved by BM25 for a claim before alignment (the review has ~370)


def candidates(kb: Knowledge, claim: Claim) -> list[Sentence]:
    """The sentences worth aligning with the claim: the best by BM25 over the engine's one sentence index, and
    every sentence naming one of the claim's entities (a paraphrase may share little else with it)."""
    scores = kb.index.sentence_scores({s: 1.0 for s in claim.stems})
    picked = {int(i) for i in np.argsort(-scores, kind="stable")[:CANDIDATES] if scores[i] > 0}
    out = [s for s in kb.sentences if s.unit in picked or (claim.groups and s.groups & claim.groups)]
    return out


def _siblings_only(kb: Knowledge, claim: Claim, sent: Sentence) -> float:
    """The weighted share of the claim that the sentence matches only through another identifier of the same shape
    (trial-03 for trial-01 of one series): aligned, for the clash to be reported, but about something else."""
    total = sum(u.weight for u in claim.units)
    got = 0.0
    for u in claim.units:
        if u.kind == "group" and u.key not in sent.groups and u.key not in sent.scope and \
                not (u.stems and set(u.stems) <= sent.free_stems) and unit_match(kb, u, claim, sent) == 1.0:
            got += u.weight
    return got / total if total else 0.0


def rank(kb: Knowledge, claim: Claim, limit: int = 8) -> list[tuple[float, Sentence]]:
    """The sentences that cover the claim best, best first (ties in review order). A sentence that matches one
    of the claim's identifiers only by a sibling ranks by the rest of its coverage: the one that names the
    claim's own trial or gene goes first when it covers the claim well enough."""
    scored = [(coverage(kb, claim, s), s) for s in candidates(kb, claim)]
    scored = [x for x in scored if x[0] > 0]
    scored.sort(key=lambda x: (-(x[0] - _siblings_only(kb, claim, x[1])), x[1].idx))
    return scored[:limit]

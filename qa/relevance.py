"""Decide whether the review answers a question (found / not found) from its Reading and Evidence, with the reason."""
from __future__ import annotations

from dataclasses import dataclass

from .answer_types import answer_fits, asked_kind
from .evidence import Evidence
from .reading import Reading


@dataclass(frozen=True)
class Judgement:
    found: bool
    coverage: float
    reason: str


@dataclass(frozen=True)
class Stats:
    """What the decision knows of the review: term weights, its vocabulary, and the words that describe the
    article itself (a question about a part of the article does not need them covered)."""
    idf: dict
    vocabulary: set
    frame: frozenset            # stems of FRAME_WORDS
    synonyms: object            # NameRegistry.synonyms_of: stem -> stems of other names of the same entity
    part_sections: frozenset    # sections that are parts of the article (editor, licence, ...)
    self_description: frozenset # stems of the title and citation
    oov_weight: float


@dataclass(frozen=True)
class Features:
    """What the found/not-found decision weighs, each named for what a reader would check."""
    coverage: float       # IDF-weighted share of the question's topic words the best passage holds
    margin: float         # the best passage's BM25 score over the sum of the best two (0.5: a tie)
    together: float       # 1 when the asked measure is given for the entity asked about (0: "no ORR for X")
    answer_type: float    # 1 when the answer sentence holds the kind of thing asked (a year, a figure, a count)
    known: float          # 1 when every name is one the review's text uses (0: unknown, or cited only)
    figure: float         # 1 when a figure the question states is in the best passage

    def vector(self) -> list[float]:
        return [self.coverage, self.margin, self.together, self.answer_type, self.known, self.figure]


FEATURES = ("coverage", "margin", "together", "answer_type", "known", "figure")
# One linear decision: found when WEIGHTS . features + BIAS >= 0. Fitted by logistic regression with 5-fold
# cross-validation over every question set of the review, the bias set so that at most 2% of answerable
# questions are declined (python tests/bench/fit_found.py prints the folds and these values).
WEIGHTS = (3.4, 3.9, 7.4, 5.2, 3.0, 2.6)
BIAS = -20.9


def features(reading: Reading, evidence: Evidence, stats: Stats) -> Features:
    """The decision's features for a question and its evidence."""
    hits = evidence.hits
    content = {t for t in reading.stems if t not in stats.frame} or set(reading.stems)   # "who are the authors?"
    top = set(hits[0].matched)
    if hits[0].passage.section in stats.part_sections:
        # "reviewers of the Frontiers trastuzumab review": words naming the article itself are no topic
        kept = {t for t in content if t not in stats.self_description or t in top}
        content = kept if (kept or reading.intent.about_article) else content
    total = matched = 0.0
    for t in content:
        w = stats.idf.get(t, stats.oov_weight) if t in stats.vocabulary else stats.oov_weight
        total += w
        if t in top or any(s in top for s in stats.synonyms(t)):
            matched += w
    # "what is this review about?": nothing to cover but the article itself, and a part of it answers
    coverage = matched / total if total else (1.0 if reading.intent.about_article else 0.0)
    second = evidence.runner_up
    margin = hits[0].score / (hits[0].score + second) if hits[0].score + second > 0 else 0.5
    sentence = evidence.sentence.text if evidence.sentence else ""
    return Features(coverage, margin, 0.0 if evidence.missing_measure else 1.0,
                    1.0 if answer_fits(reading, sentence, hits[0].passage.text) else 0.0,
                    0.0 if (reading.unknown_name or evidence.cited_only) else 1.0,
                    0.0 if evidence.missing_figure else 1.0)


def score(f: Features) -> float:
    return sum(w * x for w, x in zip(WEIGHTS, f.vector())) + BIAS


def decide(reading: Reading, evidence: Evidence, stats: Stats) -> Judgement:
    """Found when the one calibrated score of the features is at least zero; the reason names the feature that
    weighs most against the answer."""
    if not evidence.hits:
        return Judgement(False, 0.0, "no passage shares a word with the question")
    f = features(reading, evidence, stats)
    # a name the review's text never uses (or prints only in a cited title) is no paraphrase: whatever the score,
    # the review does not answer a question about it
    if f.known and score(f) >= 0:
        return Judgement(True, f.coverage, "")
    # the reason: the failing feature that costs the most
    costs = sorted(((w * (1 - x), name) for w, x, name in zip(WEIGHTS, f.vector(), FEATURES)
                    if name != "margin"), reverse=True)
    worst = costs[0][1]
    if worst == "known":
        reason = (f"the review never mentions '{reading.unknown_name}'" if reading.unknown_name else
                  f"the review only cites a paper on '{evidence.cited_only}'; its text does not discuss it")
    elif worst == "together":
        reason = evidence.missing_measure
    elif worst == "figure":
        reason = f"the review gives no figure like {evidence.missing_figure} here"
    elif worst == "answer_type":
        reason = f"the passages on this {asked_kind(reading)}"
    else:
        reason = f"the best passage covers only {f.coverage:.0%} of the question"
    return Judgement(False, f.coverage, reason)

"""Decide whether the review answers a question (found / not found) from its Reading and Evidence, with the reason."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .evidence import Evidence
from .reading import Reading

_CITATION = re.compile(r"\(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)")


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
    threshold: float


_NUMBER_WORDS = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred)"


def _answer_type_ok(reading: Reading, sentence: str, text: str) -> bool:
    """Questions that ask for a year or a duration need one in the answering sentence; a count, in the passage."""
    said = _CITATION.sub("", sentence)
    body = _CITATION.sub("", text)
    question = reading.text
    if reading.intent.year and not re.search(r"\b(19|20)\d\d\b", said):
        return False
    if reading.intent.duration and not re.search(r"\d[\d.]*[- ]?(month|year|week|day)", said):
        return False
    if reading.intent.count and not re.search(r"(?<![A-Za-z])\d", body):
        return False
    if re.search(r"\bhow much\b", question, re.I) and not re.search(r"(?<![A-Za-z])\d", said):
        return False
    many = re.search(r"\bhow many ((?:[\w-]+ ){0,3}?[\w-]+?)s?\b(?= (?:had|have|has|were|was|are|is|did|do|does|"
                     r"received|got|took|showed|in|with|of)\b|\s*\?|$)", question, re.I)
    if many:
        noun = many.group(1).split()[-1].lower()
        stem = noun[:-1] if noun.endswith("ie") else noun[: max(4, len(noun) - 2)]
        if not re.search(rf"\b{_NUMBER_WORDS}\s+(?:[\w-]+\s+){{0,3}}{re.escape(stem)}|\b[nN]\s?=\s?\d", body, re.I):
            return False
    return True


def decide(reading: Reading, evidence: Evidence, stats: Stats) -> Judgement:
    """Found when the top passage covers most of the question's topic words and fits what is asked."""
    hits = evidence.hits
    if not hits:
        return Judgement(False, 0.0, "no passage shares a word with the question")
    if reading.unknown_name:
        return Judgement(False, 0.0, f"the review never mentions '{reading.unknown_name}'")
    content = {t for t in reading.stems if t not in stats.frame} or set(reading.stems)   # "who are the authors?"
    top = set(hits[0].matched)
    if hits[0].passage.section in stats.part_sections:
        # "reviewers of the Frontiers trastuzumab review": words naming the article itself are no topic
        content = {t for t in content if t not in stats.self_description} or content
    total = matched = 0.0
    for t in content:
        w = stats.idf.get(t, stats.oov_weight) if t in stats.vocabulary else stats.oov_weight
        total += w
        if t in top or any(s in top for s in stats.synonyms(t)):
            matched += w
    coverage = matched / total if total else 0.0
    if coverage < stats.threshold:
        return Judgement(False, coverage, f"the best passage covers only {coverage:.0%} of the question")
    sentence = evidence.sentence.text if evidence.sentence else ""
    if not _answer_type_ok(reading, sentence, hits[0].passage.text):
        return Judgement(False, coverage, "the review gives no such figure")
    if evidence.cited_only:
        return Judgement(False, coverage, f"the review only cites a paper on '{evidence.cited_only}'; its text does "
                                          f"not discuss it")
    if evidence.missing_measure:
        return Judgement(False, coverage, evidence.missing_measure)
    if evidence.missing_figure:
        return Judgement(False, coverage, f"the review gives no figure like {evidence.missing_figure} here")
    return Judgement(True, coverage, "")

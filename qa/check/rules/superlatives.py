"""superlative_clash: "X is the most common ..." against the review naming another X."""
from __future__ import annotations

import re

from ...lazy_re import lazy_compile
from ..claim import Claim, rank
from ..knowledge import Knowledge, Sentence
from ..thresholds import FOUND
from ..verdict import cite
from ..words import prepare, same_length_lower

_SUPERLATIVE = [   # (pattern, the group holding the subject)
    (lazy_compile(r"((?:[\w-]+ )?[\w-]+)\s+(?:is|was|are|were|remains|remained|has become|became)\s+the\s+"
                r"(most|least)\s+([\w-]+)"), 1),
    (lazy_compile(r"((?:[\w-]+ )?[\w-]+)\s+(?:has |have |had )?(?:overtaken|surpassed|replaced|become)\s+"
                r"(?:[\w-]+\s+){0,4}?as\s+the\s+(most|least)\s+([\w-]+)"), 1),
    (lazy_compile(r"\b(most|least)\s+([\w-]+)\s+(?:[\w()-]+\s+){0,6}?(?:is|was|are|were)\s+([^.;(]+)"), 3),
]


_ONE_WORD = lazy_compile(r"\b(?:commonest|rarest)\b")


def _superlative(kb: Knowledge, text: str) -> tuple[set[str], str, str, str, str] | None:
    """(subject stems, most/least, adjective stem, subject as printed, adjective) of "X was the most common ...";
    the subject may be a list ("the most common were fatigue, dry eyes and ...")."""
    # one-word superlatives as "most ..." (an English "-est" form of the adjectives superlatives here take)
    low = _ONE_WORD.sub(lambda m: {"commonest": "most common", "rarest": "most rare"}[m.group(0)],
                        same_length_lower(prepare(text)))
    text = low if len(low) != len(text) else text
    for pattern, subject in _SUPERLATIVE:
        m = pattern.search(low)
        if m:
            degree, adj = (m.group(2), m.group(3)) if subject == 1 else (m.group(1), m.group(2))
            start, end = m.span(subject)
            printed = re.sub(r"^(?:and|or|the|a|an|but)\s+", "", text[start:end].strip(), flags=re.I)
            return set(kb.tokenizer.tokens(printed)), degree, kb.tokenizer.stem(adj), printed, adj
    return None


def superlative_clash(kb: Knowledge, claim: Claim) -> tuple[str, Sentence] | None:
    """A claim that names the most (least) X against the sentence of the review that names it."""
    cm = _superlative(kb, claim.text)
    if not cm or not cm[0]:
        return None
    # align without the subject: the review names another one in its place
    units = [u for u in claim.units if not (set(u.stems) & cm[0]) and not (u.kind == "cue" and u.key == "frequency")]
    if not units:
        return None
    reduced = Claim(claim.text, claim.folded, claim.words, claim.stems, claim.mentions, claim.groups,
                    claim.quantities, units, claim.metrics, claim.number_words)
    for cov, sent in rank(kb, reduced, 5):
        if cov < FOUND:
            break
        sm = _superlative(kb, sent.text)
        if not sm or not sm[0] or kb.canon(sm[2]) != kb.canon(cm[2]):   # "most frequent" = "most common"
            continue
        same_subject = cm[0] <= sm[0] or sm[0] <= cm[0]
        if same_subject and sm[1] != cm[1]:
            return (f"the review says {sm[3]} is the {sm[1]} {cm[4]} ({cite(sent.section)}), not the {cm[1]}", sent)
        if same_subject or sm[1] != cm[1]:
            return None
        return (f"the review names {sm[3]} as the {sm[1]} {cm[4]} ({cite(sent.section)}), not {cm[3]}", sent)
    return None

"""Composing a verdict: evidence, how a reason names a section, quotes and excerpts, linked facts, missing terms."""
from __future__ import annotations

import re
from typing import Iterable

from ..models import Evidence, Fact, Verdict
from ..text import fold
from .claim import Claim, unit_match
from .knowledge import Knowledge, Sentence


def evidence_of(sent: Sentence) -> Evidence:
    """The sentence as evidence."""
    return Evidence(sent.section, sent.passage, sent.text)


def cite(section: str) -> str:
    """How a reason names a part of the review: "§4.1", "Table 1", "front matter: edited by"."""
    if section[:1].isdigit():
        return f"§{section}"
    if section.startswith("table-"):
        return f"Table {section[6:]}"
    return section.replace("-", " ")


def sentence_of(kb: Knowledge, fact: Fact) -> Sentence | None:
    """The sentence of the review that holds the fact's evidence (or begins it)."""
    evidence = fold(fact.evidence)
    head = evidence[:60]
    best = None
    for s in kb.sentences:
        if s.section not in fact.sections:
            continue
        text = s.folded
        if head and head in text:
            return s
        if best is None and text and text[:40] in evidence:
            best = s
    return best


def linked_facts(kb: Knowledge, claim: Claim, used: Iterable[Fact] = ()) -> tuple[Fact, ...]:
    """Up to five curated facts about the claim's names: those used first, then the closest in topic."""
    out: list[Fact] = []
    for f in used:
        if f not in out:
            out.append(f)
    scored = []
    for f in kb.facts:
        if f.kind == "term" or f in out:
            continue
        groups = set(kb.registry.fact_groups.get(f.id, ()))
        if not groups & claim.groups:
            continue
        overlap = len(kb.fact_topic[f.id] & claim.stems) + 0.5 * len(kb.fact_evidence_stems[f.id] & claim.stems)
        scored.append((-overlap, f.id, f))
    scored.sort(key=lambda x: (x[0], x[1]))
    out.extend(f for _, _, f in scored[: max(0, 5 - len(out))])
    return tuple(out[:5])


def verdict_of(claim: Claim, verdict: str, reason: str, evidence: Iterable[Evidence] = (),
               facts: Iterable[Fact] = ()) -> Verdict:
    """A Verdict on the claim, with at most three distinct evidence sentences."""
    ev: list[Evidence] = []
    for e in evidence:
        if e not in ev:
            ev.append(e)
    return Verdict(claim.text, verdict, reason, tuple(ev[:3]), tuple(facts))


def as_written(claim: Claim, group: str, fallback: str) -> str:
    """How the claim writes a name of the group (fallback when it does not name it)."""
    for g, first, last, _ in claim.mentions:
        if g == group:
            return claim.text[claim.words[first].start:claim.words[last].end]
    return fallback


def quote(sent: Sentence, i: int, j: int) -> str:
    """The sentence's words i..j as printed, cut at the first comma or semicolon after word i."""
    i, j = max(0, i), min(len(sent.words) - 1, j)
    j = max(i, j)
    text = sent.text[sent.words[i].start:sent.words[j].end]
    cut = re.search(r"[,;(]", text[len(sent.words[i].text):])
    if cut:
        text = text[:len(sent.words[i].text) + cut.start()]
    return text.strip()


def excerpt(sent: Sentence, i: int, j: int, width: int = 200) -> str:
    """The aligned part of a sentence with a little context, with ellipses where it was cut."""
    i, j = max(0, i - 4), min(len(sent.words) - 1, j + 4)
    if not sent.words:
        return sent.text[:width]
    start, end = sent.words[i].start, sent.words[j].end
    text = sent.text[start:end].strip()
    if len(text) > width:
        half = width // 2
        head = text[:half].rsplit(" ", 1)[0]
        tail = text[-half:].split(" ", 1)[-1]
        text = f"{head} … {tail}"
    return ("…" if start > 0 else "") + text + ("…" if end < len(sent.text.rstrip(". ")) else "")


def missing_terms(kb: Knowledge, claim: Claim, sent: Sentence | None) -> list[str]:
    """Up to three of the claim's heaviest terms the sentence does not hold, as the claim writes them."""
    if sent is None:
        return []
    out = []
    for u in sorted(claim.units, key=lambda u: -u.weight):
        if u.kind == "cue":
            continue
        if unit_match(kb, u, claim, sent) < 0.5:
            if u.kind == "group":
                out.append(as_written(claim, u.key, kb.registry.display.get(u.key, str(u.key))))
            else:
                out.append(claim.words[u.word].text)
    return list(dict.fromkeys(out))[:3]

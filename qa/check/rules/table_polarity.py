"""table_polarity: Table 1 claims (positive/negative correlation, primary/secondary resistance) judged by its rows,
one row or several."""
from __future__ import annotations

import re

from ...lazy_re import lazy_compile
from ...models import Verdict
from ..claim import Claim
from ..knowledge import Knowledge
from ..verdict import as_written, evidence_of, sentence_of, verdict_of

_TABLE_WORDS = """resistance resistant trastuzumab correlated correlation correlates associated association related
linked link positive positively negative negatively inverse inversely direct directly primary secondary acquired
intrinsic innate onset de novo both biomarker marker predictor predicts predicting predict listed table potential
drug""".split()
_POS = lazy_compile(r"(?<![\w-])positive(?:ly)?\b(?!\s*-)|(?<![\w-])direct(?:ly)? (?:correlat|associat)")
_NEG = lazy_compile(r"(?<![\w-])negative(?:ly)?\b(?!\s*-)|\binverse(?:ly)?\b")
_DENIED = lazy_compile(r",?\s*\b(?:rather than|instead of|and not|but not)\s+(?:an?\s+|the\s+)?[\w-]+,?")
_PRIMARY = lazy_compile(r"\b(?:primary|intrinsic|innate|de novo|onset)\b")
_SECONDARY = lazy_compile(r"\b(?:secondary|acquired)\b")


def table_polarity(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Verdict on a claim about Table 1 biomarkers' correlation or resistance type; None otherwise. A claim naming
    several rows ("A, B and C are negatively correlated") says it of each: one row that says otherwise
    contradicts it, and it is supported when every row agrees."""
    rows = []
    for f in kb.facts:
        if f.kind == "biomarker" and f.get("in_table"):
            groups = set(kb.registry.fact_groups.get(f.id, ()))
            if groups & claim.groups:
                rows.append(f)
    if not rows:
        return None
    # "primary rather than acquired": the denied alternative is not what the claim says of the row
    folded = _DENIED.sub(" ", claim.folded)
    if not re.search(r"resist", folded):
        return None
    # the claim must be about the table's relation, not a mechanism that merely names the biomarkers
    relation = {kb.tokenizer.stem(w) for w in _TABLE_WORDS}
    row_groups = {g for f in rows for g in kb.registry.fact_groups[f.id]}
    other = [u for u in claim.units if u.kind != "group" and not (set(u.stems) & relation)]
    other += [u for u in claim.units if u.kind == "group" and u.key not in row_groups and kb.specific(u.key)]
    if len(other) > 2:
        return None
    said_corr = None
    if re.search(r"correlat|associat|relat|link|(?:positive|negative)\w*\s+(?:predictor|marker)", folded):
        if _POS.search(folded) and not _NEG.search(folded):
            said_corr = "positive"
        elif _NEG.search(folded) and not _POS.search(folded):
            said_corr = "negative"
    primary, secondary = _PRIMARY.search(folded), _SECONDARY.search(folded)
    said_type = "primary and secondary" if primary and secondary else "primary" if primary else \
        "secondary" if secondary else None
    if said_corr is None and said_type is None:
        return None
    negated = any(w.neg for w in claim.words if w.low not in ("rather", "instead"))
    judged = []
    for fact in rows:
        name = as_written(claim, kb.registry.fact_groups[fact.id][0], fact.entity)
        for g in kb.registry.fact_groups[fact.id]:
            if g in claim.groups:
                name = as_written(claim, g, fact.entity)
                break
        judged.append((fact, name) + _judge_row(fact, said_corr, said_type, negated, folded))
    row_ev = []
    for fact, _, clashes, _ in sorted(judged, key=lambda j: not j[2])[:2]:
        row_ev += _row_evidence(kb, fact)
    facts = tuple(f for f, _, _, _ in judged)
    wrong = [(name, clashes) for _, name, clashes, _ in judged if clashes]
    if wrong:
        name, clashes = wrong[0]
        return verdict_of(claim, "contradicted", f"Table 1 lists {name} with {'; '.join(clashes)}", row_ev, facts)
    by_value: dict[str, list[str]] = {}
    for _, name, _, matches in judged:
        by_value.setdefault(" and ".join(matches), []).append(name)
    listed = "; ".join(f"{', '.join(names)} with {value}" for value, names in by_value.items())
    return verdict_of(claim, "supported", f"Table 1 lists {listed}", row_ev, facts)


def _judge_row(fact, said_corr, said_type, negated: bool, folded: str) -> tuple[list[str], list[str]]:
    """What the row says against the claim's correlation and resistance type: (clashes, matches)."""
    table_corr, table_type = fact.get("correlation"), fact.get("resistance")
    clashes, matches = [], []
    if said_corr:
        if (said_corr == table_corr) != negated:
            matches.append(f"a {table_corr} correlation with trastuzumab resistance")
        else:
            clashes.append(f"a {table_corr} correlation with trastuzumab resistance, not {said_corr}")
    if said_type and table_type:
        ok = said_type == table_type or (table_type == "primary and secondary" and said_type != "primary and secondary"
                                         and not re.search(r"\bonly\b", folded))
        if ok != negated:
            matches.append(f"{table_type} resistance")
        else:
            clashes.append(f"{table_type} resistance, not {said_type}")
    return clashes, matches


def _row_evidence(kb: Knowledge, fact) -> list:
    """The row of Table 1 for the fact, and the body sentence that gives the same biomarker's type or polarity."""
    row_ev = []
    for s in kb.sentences:
        if s.section == "table-1" and set(kb.registry.fact_groups[fact.id]) & s.groups:
            row_ev.append(evidence_of(s))
            break
    body = sentence_of(kb, next((f for f in kb.facts if f.kind == "biomarker" and not f.get("in_table")
                                 and f.entity == fact.entity and (f.get("resistance") or f.get("correlation"))),
                                fact))
    if body is not None and body.section != "table-1":
        row_ev.append(evidence_of(body))
    return row_ev

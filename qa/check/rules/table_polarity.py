"""table_polarity: Table 1 claims (positive/negative correlation, primary/secondary resistance) judged by its rows."""
from __future__ import annotations

import re

from ...models import Verdict
from ..claim import Claim
from ..knowledge import Knowledge
from ..verdict import as_written, evidence_of, sentence_of, verdict_of

_TABLE_WORDS = """resistance resistant trastuzumab correlated correlation correlates associated association related
linked link positive positively negative negatively inverse inversely direct directly primary secondary acquired
intrinsic innate onset de novo both biomarker marker predictor predicts predicting predict listed table potential
drug""".split()
_POS = re.compile(r"(?<![\w-])positive(?:ly)?\b(?!\s*-)|(?<![\w-])direct(?:ly)? (?:correlat|associat)")
_NEG = re.compile(r"(?<![\w-])negative(?:ly)?\b(?!\s*-)|\binverse(?:ly)?\b")
_PRIMARY = re.compile(r"\b(?:primary|intrinsic|innate|de novo|onset)\b")
_SECONDARY = re.compile(r"\b(?:secondary|acquired)\b")


def table_polarity(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Verdict on a claim about one Table 1 biomarker's correlation or resistance type; None otherwise."""
    rows = []
    for f in kb.facts:
        if f.kind == "biomarker" and f.get("in_table"):
            groups = set(kb.registry.fact_groups.get(f.id, ()))
            if groups & claim.groups:
                rows.append(f)
    if len(rows) != 1:
        return None
    fact = rows[0]
    folded = claim.folded
    if not re.search(r"resist", folded):
        return None
    # the claim must be about the table's relation, not a mechanism that merely names the biomarker
    relation = {kb.tokenizer.stem(w) for w in _TABLE_WORDS}
    other = [u for u in claim.units if u.kind != "group" and not (set(u.stems) & relation)]
    other += [u for u in claim.units if u.kind == "group" and u.key not in kb.registry.fact_groups[fact.id]
              and kb.specific(u.key)]
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
    negated = any(w.neg for w in claim.words)
    table_corr, table_type = fact.get("correlation"), fact.get("resistance")
    name = as_written(claim, kb.registry.fact_groups[fact.id][0], fact.entity)
    for g in kb.registry.fact_groups[fact.id]:
        if g in claim.groups:
            name = as_written(claim, g, fact.entity)
            break
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
    if clashes:
        return verdict_of(claim, "contradicted", f"Table 1 lists {name} with {'; '.join(clashes)}", row_ev, (fact,))
    return verdict_of(claim, "supported", f"Table 1 lists {name} with {' and '.join(matches)}", row_ev, (fact,))

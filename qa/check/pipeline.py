"""check_claim: a claim (or a text of several) through the checker's steps, in order, to one Verdict."""
from __future__ import annotations

import unicodedata

from ..models import Verdict
from ..text import sentences
from .claim import analyse, rank
from .knowledge import Knowledge, knowledge
from ..measures import LABELS as METRIC_LABEL
from ..quantities import as_printed
from .rules.aliases import alias
from .rules.alignment import claim_anchors, window
from .rules.clashes import clashes
from .rules.front_matter import front_matter
from .rules.numbers import numbers_from_facts, numbers_from_sentences, typed_quantities, where_else
from .rules.superlatives import superlative_clash
from .rules.table_polarity import table_polarity
from .rules.unknown_names import unknown_terms
from .thresholds import FOUND
from .verdict import as_written, cite, evidence_of, excerpt, linked_facts, missing_terms, verdict_of
from .words import identifier_shape

MAX_PARTS = 12


def check_claim(engine, claim_text: str) -> Verdict:
    """Verdict on one claim: supported, contradicted or not_found, with the evidence sentences and a reason.
    A text of several sentences is several claims: one contradicted statement contradicts it, and it is
    supported only when every statement is."""
    kb = knowledge(engine)
    text = unicodedata.normalize("NFC", claim_text)
    parts = [p for p in sentences(text) if len(p.split()) >= 3]
    if len(parts) < 2:
        return _check_one(kb, text)
    verdicts = [_check_one(kb, p) for p in parts[:MAX_PARTS]]
    facts = tuple(dict.fromkeys(f for v in verdicts for f in v.facts))[:5]
    for name in ("contradicted", "not_found"):
        hit = [(i, v) for i, v in enumerate(verdicts) if v.verdict == name]
        if hit:
            i, v = hit[0]
            return Verdict(text, name, f"statement {i + 1} of {len(verdicts)} (\"{parts[i][:80]}\"): {v.reason}",
                           v.evidence, facts)
    evidence = tuple(dict.fromkeys(e for v in verdicts for e in v.evidence))[:3]
    return Verdict(text, "supported", f"all {len(verdicts)} statements are in the review; "
                   + "; ".join(v.reason for v in verdicts[:2]), evidence, facts)


def _check_one(kb: Knowledge, text: str) -> Verdict:
    claim = analyse(kb, text)
    if not claim.units and not claim.quantities:
        return verdict_of(claim, "not_found", "the claim has no terms to look up in the review")
    names, idents = unknown_terms(kb, claim)
    if names:
        listed = ", ".join(list(dict.fromkeys(w.text for w in names))[:4])
        return verdict_of(claim, "not_found", f"the review never mentions {listed}", facts=linked_facts(kb, claim))
    for handler in (front_matter, alias, table_polarity):
        verdict = handler(kb, claim)
        if verdict is not None:
            if verdict.facts == ():
                verdict = Verdict(verdict.claim, verdict.verdict, verdict.reason, verdict.evidence,
                                  linked_facts(kb, claim))
            return verdict
    if len({(u.kind, u.key) for u in claim.units if u.kind != "cue"}) < 2 and not typed_quantities(claim):
        return verdict_of(claim, "not_found", "the claim says too little to check against the review (name what "
                          "is claimed about what)", facts=linked_facts(kb, claim))
    ranked = rank(kb, claim)
    best_cov, best = ranked[0] if ranked else (0.0, None)
    if idents:
        siblings = best is not None and best_cov >= FOUND and all(
            identifier_shape(w.low) in best.ident_shapes for w in idents)
        if not siblings:
            listed = ", ".join(list(dict.fromkeys(w.text for w in idents))[:4])
            return verdict_of(claim, "not_found", f"the review never mentions {listed}", facts=linked_facts(kb, claim))
    typed = typed_quantities(claim)
    if typed:
        result = numbers_from_facts(kb, claim, typed)
        if result is None or result.verdict == "not_found":
            sentence_result = numbers_from_sentences(kb, claim, typed, ranked, may_clash=result is None)
            if sentence_result is not None:
                result = sentence_result
        if result is not None and result.verdict != "not_found":
            if result.verdict == "supported" and result.sentences:
                more = clashes(kb, claim, result.sentences[0])
                if more:
                    return verdict_of(claim, "contradicted", more[0], [evidence_of(s) for s in result.sentences],
                                      linked_facts(kb, claim, result.facts))
            return verdict_of(claim, result.verdict, result.reason, [evidence_of(s) for s in result.sentences],
                              linked_facts(kb, claim, result.facts))
        wanted = " or ".join(METRIC_LABEL[m] for m in sorted(claim.metrics))
        who = ", ".join(as_written(claim, g, kb.registry.display[g]) for g in sorted(claim.groups) if kb.specific(g))
        other = where_else(kb, claim, typed)
        figures = ", ".join(list(dict.fromkeys(as_printed(q) for q in typed))[:3])
        if wanted and who:
            reason = f"the review gives no {wanted} for {who}"
        elif wanted:
            reason = f"the review gives no {wanted} of {figures}"
        else:
            reason = f"the review gives no figure like {figures}" + (f" for {who}" if who else "")
        if other:
            reason += f"; {other}"
        return verdict_of(claim, "not_found", reason, facts=linked_facts(kb, claim, result.facts if result else ()))
    if best is None or best_cov < FOUND:
        missing = missing_terms(kb, claim, best)
        reason = "no sentence of the review states this"
        if missing:
            reason += f" (nothing about {', '.join(missing)})"
        return verdict_of(claim, "not_found", reason, facts=linked_facts(kb, claim))
    superlative = superlative_clash(kb, claim)
    if superlative:
        return verdict_of(claim, "contradicted", superlative[0], [evidence_of(superlative[1])], linked_facts(kb, claim))
    reasons = clashes(kb, claim, best)
    if reasons:
        return verdict_of(claim, "contradicted", reasons[0], [evidence_of(best)], linked_facts(kb, claim))
    lo, hi, _ = window(claim, best, claim_anchors(claim))
    return verdict_of(claim, "supported", f"the review states this ({cite(best.section)}): \"{excerpt(best, lo, hi)}\"",
                      [evidence_of(best)], linked_facts(kb, claim))

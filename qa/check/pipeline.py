"""check_claim: a claim (or a text of several) through the ordered registry of rules to one Verdict.

Every rule has one interface: Rule(claim, evidence) -> Finding | None. The first rule that returns a Finding
decides; a rule that returns None passes the claim on. RULES lists them in order, each named for its class of
claim (see qa.check's docstring)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Callable

from ..lazy_re import lazy_compile
from ..measures import LABELS
from ..models import Evidence, Fact, Verdict
from ..quantities import Quantity, agree, as_printed
from ..text import sentences
from .claim import Claim, analyse, rank, unit_match
from .knowledge import Knowledge, Sentence, knowledge
from .rules.aliases import alias
from .rules.alignment import claim_anchors, window
from .rules.clashes import clashes, cue_backed
from .rules.cited_works import cited_work
from .rules.drug_class import drug_class
from .rules.front_matter import front_matter
from .rules.numbers import NumberResult, arms_swapped, negation_clash, swapped_figures, numbers_from_facts, numbers_from_sentences, typed_quantities, where_else
from .rules.roles import role_swap
from .rules.superlatives import superlative_clash
from .rules.table_cells import table_cells
from .rules.table_polarity import table_polarity
from .rules.unknown_names import unknown_terms
from .thresholds import FOUND
from .verdict import as_written, cite, evidence_of, excerpt, linked_facts, missing_terms
from .words import identifier_shape

MAX_PARTS = 12


@dataclass(frozen=True)
class Finding:
    """What a rule found: the verdict it decides, why, and the review's evidence for it."""
    verdict: str                         # "supported", "contradicted", "not_found"
    reason: str
    evidence: tuple[Evidence, ...] = ()
    facts: tuple[Fact, ...] = ()         # facts the rule used (shown first)


@dataclass
class ClaimEvidence:
    """What the review holds for one claim, computed when a rule first asks for it."""
    kb: Knowledge
    claim: Claim

    @cached_property
    def ranked(self) -> list[tuple[float, Sentence]]:
        """Aligned sentences, best first: BM25 candidates from the one sentence index, then coverage."""
        return rank(self.kb, self.claim)

    @property
    def best(self) -> tuple[float, Sentence | None]:
        return self.ranked[0] if self.ranked else (0.0, None)

    @cached_property
    def differences(self) -> list[Quantity]:
        """Figures the claim gives as a difference ("extended PFS by 1.3 months", "a gap of 1.8 months") that no
        aligned sentence prints ("reduced the relative risk by 24%" against "a 24% reduction" is printed)."""
        printed = [eq for _, s in self.ranked[:1] for eq in s.quantities]
        return [q for q in typed_quantities(self.claim) if _DIFFERENCE.search(self.claim.text[:q.start])
                and not any(agree(q, eq) for eq in printed)]

    @cached_property
    def typed(self) -> list[Quantity]:
        return [q for q in typed_quantities(self.claim) if q not in self.differences]

    @cached_property
    def names(self):
        return unknown_terms(self.claim)

    @cached_property
    def numbers(self) -> NumberResult | None:
        if not self.typed:
            return None
        result = numbers_from_facts(self.kb, self.claim, self.typed)
        if result is None or result.verdict == "not_found":
            sentence_result = numbers_from_sentences(self.kb, self.claim, self.typed, self.ranked,
                                                     may_clash=result is None)
            if sentence_result is not None:
                result = sentence_result
        return result


Rule = Callable[[Claim, ClaimEvidence], "Finding | None"]

# A figure said as the difference between two others, in any prose: "longer by 1.3 months", "a gap of 1.8 months".
_DIFFERENCE = lazy_compile(r"\b(?:by|gap of|difference of|an extra|an additional|advantage of|benefit of|gain of)\s+"
                         r"(?:(?:about|roughly|around|nearly|some|approximately|just|only|over|under)\s+)?$",
                         re.IGNORECASE)


def _listed(words) -> str:
    return ", ".join(list(dict.fromkeys(w.text for w in words))[:4])


# -- the rules, in the order they run --------------------------------------------------------------------------

def nothing_to_check(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A text with no content words or figures."""
    if not claim.units and not claim.quantities:
        return Finding("not_found", "the claim has no terms to look up in the review")
    return None


def cited_works(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A claim about a cited work (its authors, title, journal, year), judged by its reference entry."""
    verdict = cited_work(ev.kb, claim, ev.kb.references, ev.best[0])
    if verdict is None:
        return None
    return Finding(verdict.verdict, verdict.reason, verdict.evidence)


def unknown_names(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A drug, trial or gene the review never mentions (the reference list does not count)."""
    names, _ = ev.names
    if names:
        cited = [n for n in names if n.cited]
        if len(cited) == len(names):   # truthful: the reference list does print it
            return Finding("not_found", f"the review names {_listed(cited)} only in its reference list (a cited "
                                        f"title); its text says nothing of it")
        return Finding("not_found", f"the review never mentions {_listed([n for n in names if not n.cited])}")
    return None


def _verdict_rule(handler) -> Rule:
    """A rule written as handler(kb, claim) -> Verdict | None, as a Finding."""
    def rule(claim: Claim, ev: ClaimEvidence) -> Finding | None:
        verdict = handler(ev.kb, claim)
        if verdict is None:
            return None
        return Finding(verdict.verdict, verdict.reason, verdict.evidence, verdict.facts)
    rule.__name__ = handler.__name__
    rule.__doc__ = handler.__doc__
    return rule


def table_rows(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A table row given another row's cell ("Table 1 credits YAP1 to Li Y")."""
    found = table_cells(ev.kb, claim)
    if found:
        return Finding("contradicted", found[0], found[1])
    return None


def too_little(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A single term with no figure says nothing that can be checked."""
    if len({(u.kind, u.key) for u in claim.units if u.kind != "cue"}) < 2 and not ev.typed:
        return Finding("not_found", "the claim says too little to check against the review (name what is claimed "
                                    "about what)")
    return None


def unknown_identifiers(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """An identifier the review never uses (FGFR7), unless the best sentence names a sibling of the same shape."""
    _, idents = ev.names
    if not idents:
        return None
    cov, best = ev.best
    siblings = best is not None and cov >= FOUND and all(identifier_shape(w.text) in best.ident_shapes for w in idents)
    if siblings:
        return None
    return Finding("not_found", f"the review never mentions {_listed(idents)}")


def differences(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A figure given as a difference ("by five and a half weeks") never clashes with one figure of the review: it
    must be the difference of two figures of one aligned sentence (in the same unit), else it is not found."""
    if not ev.differences:
        return None
    for _, sent in ev.ranked[:3]:
        qs = [q for q in sent.quantities if q.unit and not q.ci]
        gaps = [replace(a, low=abs(a.low - b.low), high=abs(a.low - b.low), qual=None, decimals=max(a.decimals,
                b.decimals)) for i, a in enumerate(qs) for b in qs[i + 1:] if a.unit == b.unit and a.low != b.low]
        if all(any(agree(d, g) for g in gaps) for d in ev.differences):
            return None       # backed: the other figures and words are judged by the rules after this one
    shown = ", ".join(as_printed(q) for q in ev.differences)
    return Finding("not_found", f"the review gives no two figures {shown} apart")


def figures(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """Figures with a unit: the curated facts of the claim's entity and measure, else an aligned sentence."""
    if not ev.typed:
        return None
    kb, result = ev.kb, ev.numbers
    if result is not None and result.verdict != "not_found":
        evidence = tuple(evidence_of(s) for s in result.sentences)
        if result.verdict == "supported" and result.sentences:
            # backed figures do not back the rest: the words around them may still say the opposite
            for backing in result.sentences[:3]:     # each sentence backing a figure ("phase Ib", "7.5 months")
                more = clashes(kb, claim, backing) or [role_swap(kb, claim, backing)
                                                       or negation_clash(claim, ev.typed, backing)
                                                       or arms_swapped(kb, claim, ev.typed, backing)]
                if more[0]:
                    return Finding("contradicted", more[0], (evidence_of(backing),) + evidence, tuple(result.facts))
        if result.verdict == "supported":
            most = superlative_clash(kb, claim)     # "rash was the commonest" beside a backed "phase II"
            if most:
                return Finding("contradicted", most[0], (evidence_of(most[1]),), tuple(result.facts))
        return Finding(result.verdict, result.reason, evidence, tuple(result.facts))
    wanted = " or ".join(LABELS[m] for m in sorted(claim.metrics))
    who = ", ".join(as_written(claim, g, kb.registry.display[g]) for g in sorted(claim.groups) if kb.specific(g))
    other = where_else(kb, claim, ev.typed)
    shown = ", ".join(list(dict.fromkeys(as_printed(q) for q in ev.typed))[:3])
    if wanted and who:
        reason = f"the review gives no {wanted} for {who}"
    elif wanted:
        reason = f"the review gives no {wanted} of {shown}"
    else:
        reason = f"the review gives no figure like {shown}" + (f" for {who}" if who else "")
    if other:
        reason += f"; {other}"
    return Finding("not_found", reason, (), tuple(result.facts) if result else ())


def not_stated(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """No sentence covers enough of the claim."""
    cov, best = ev.best
    if best is not None and cov >= FOUND:
        return None
    missing = missing_terms(ev.kb, claim, best)
    reason = "no sentence of the review states this"
    if missing:
        reason += f" (nothing about {', '.join(missing)})"
    return Finding("not_found", reason)


def unbacked_entity(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """Every named thing the claim names (a drug, gene, miRNA, protein, person) must be in the aligned sentence or
    the one after it in its passage: a sentence about something else supports nothing about it. When the claim
    and the sentence differ in exactly one such name, of the same kind, the claim swapped it: contradicted."""
    cov, best = ev.best
    kb = ev.kb
    after = kb.sentences[best.idx + 1] if best.idx + 1 < len(kb.sentences) else None
    before = kb.sentences[best.idx - 1] if best.idx > 0 else None
    near = [best] + ([after] if after is not None and after.passage == best.passage else [])  # "This in turn ..."
    if before is not None and before.passage == best.passage and _ANAPHOR.match(best.text):
        near.append(before)     # "These thresholds are rarely followed": the things of the sentence before
    missing = [u for u in claim.units if u.kind == "group" and kb.named_thing(u.key)
               and all(unit_match(kb, u, claim, s) == 0 for s in near)]
    if not missing:
        return None
    name = as_written(claim, missing[0].key, kb.registry.display.get(missing[0].key, str(missing[0].key)))
    instead = [g for g in dict.fromkeys(m[0] for m in kb.registry.mentions(best.words))
               if kb.named_thing(g) and g not in claim.groups]
    kinds = kb.registry.kinds.get(missing[0].key, set())
    if len(missing) == 1 and len(instead) == 1 and kinds & kb.registry.kinds.get(instead[0], set()) \
            and _covered_without(kb, claim, best, missing[0]) >= SWAP_COVERAGE:
        other = kb.registry.display.get(instead[0], instead[0])
        return Finding("contradicted", f"the review names {other} here ({cite(best.section)}), not {name}",
                       (evidence_of(best),))
    return Finding("not_found", f"the review's closest statement ({cite(best.section)}) is not about {name}; "
                                f"it says nothing of this about {name}")


# A sentence that opens by pointing back ("These thresholds", "This", "Such", "It", "They") is about the things
# of the sentence before it, in any prose.
_ANAPHOR = lazy_compile(r"(?:these|this|those|such|it|they|its|their)\b", re.IGNORECASE)
SWAP_COVERAGE = 0.7   # the rest of the claim must be this well covered for a one-name difference to be a swap


def _covered_without(kb: Knowledge, claim: Claim, sent: Sentence, unit) -> float:
    """Weighted share of the claim's other units the sentence holds."""
    rest = [u for u in claim.units if u is not unit]
    total = sum(u.weight for u in rest)
    return sum(u.weight * unit_match(kb, u, claim, sent) for u in rest) / total if total else 0.0


def swapped_roles(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """Two things exchanged around one asymmetric relation of the best sentence ("MUC4 induces TNFα")."""
    _, best = ev.best
    reason = role_swap(ev.kb, claim, best)
    if reason:
        return Finding("contradicted", reason, (evidence_of(best),))
    return None


def superlatives(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """"X is the most ..." where the review gives the superlative to another subject."""
    found = superlative_clash(ev.kb, claim)
    if found:
        return Finding("contradicted", found[0], (evidence_of(found[1]),))
    return None


def clashing_words(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """Direction, frequency, quality, negation, comparison and identifier clashes with the best sentence."""
    _, best = ev.best
    reasons = clashes(ev.kb, claim, best)
    if reasons:
        return Finding("contradicted", reasons[0], (evidence_of(best),))
    return None


def _bare(q: Quantity) -> bool:
    """A count, bare or of patients ("17 were hormone receptor-positive", "N = 32"), not a year."""
    return q.unit in ("", "count") and not q.date and not q.ci and not (1900 <= q.low <= 2100 and q.low == int(q.low))


def bare_counts(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """Counts without a unit against the best sentence's own: each must be there, with the thing it counts
    ("17 hormone receptor-positive and 32 triple-negative" against "hormone receptor-positive (N = 32) and
    triple-negative (N = 17)")."""
    mine = [q for q in claim.quantities if _bare(q)]
    _, best = ev.best
    theirs = [q for q in best.quantities if _bare(q)]
    if not mine:
        return None
    # a bare figure the sentence does not print at all, in any unit ("a hazard ratio of 0.28")
    printed = {q.low for q in best.quantities} | {float(x) for x in re.findall(r"\d+(?:\.\d+)?", best.text)}
    unprinted = [q for q in mine if q.low not in printed]
    if unprinted:
        return Finding("not_found", f"the review's closest statement ({cite(best.section)}) gives no "
                                    f"{as_printed(unprinted[0])}", (evidence_of(best),))
    if not theirs:
        return None
    comparable = [(cq, eq, agree(replace(cq, unit="count"), replace(eq, unit="count"))) for cq in mine for eq in theirs]
    missing = [cq for cq in mine if not any(ok for c, _, ok in comparable if c is cq)]
    if missing:
        return Finding("not_found", f"the review's closest statement ({cite(best.section)}) gives no "
                                    f"{as_printed(missing[0])} here", (evidence_of(best),))
    swap = swapped_figures(ev.kb, claim, best, comparable)
    if swap:
        return Finding("contradicted", swap, (evidence_of(best),))
    return None


def silent_best(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A claim of a direction ("overexpressing EPHA5 activates Notch1") whose best sentence gives none (a table row)
    against the next aligned sentence about the same things that does: that one judges the direction."""
    dims = {w.cue[0] for w in claim.words if w.cue}
    _, best = ev.best
    if not dims or dims & best.cue_dims:
        return None
    for cov, other in ev.ranked[1:5]:
        if cov < FOUND or not claim.groups <= (other.groups | other.scope) or not dims & other.cue_dims:
            continue
        reasons = clashes(ev.kb, claim, other)
        return Finding("contradicted", reasons[0], (evidence_of(other),)) if reasons else None
    return None


def _unbacked_cues(kb: Knowledge, claim: Claim, sent: Sentence) -> list[str]:
    """The claim's cue words (a direction, frequency, quality...) the sentence states nowhere: neither the word nor
    one of the same dimension and sense ("upregulates" is not backed by an unrelated "improve" elsewhere, which the
    clash rules did not bind to the same thing; nor by the opposite sense they could not bind)."""
    # "less often with A than without": a comparison the sentence may give as two figures, not as a cue word
    compared = {u.word for u in claim.units if u.word > 0 and claim.words[u.word - 1].low in _COMPARING}
    return [claim.words[u.word].text for u in claim.units if u.kind == "cue" and u.word not in compared
            and not cue_backed(kb, claim, sent, u.word)]


_COMPARING = {"more", "less", "most", "least", "fewer"}


def unstated_cue(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """A claim of a direction, frequency or quality ("X upregulates Y") over a sentence that names the same things
    but states no such thing: another aligned sentence that does judges it; without one the review is silent on
    what the claim asserts (coverage of the names alone supports nothing)."""
    _, best = ev.best
    missing = _unbacked_cues(ev.kb, claim, best)
    if not missing:
        return None
    for cov, other in ev.ranked[1:5]:
        if cov < FOUND or not claim.groups <= (other.groups | other.scope) or _unbacked_cues(ev.kb, claim, other):
            continue
        reasons = clashes(ev.kb, claim, other)
        if reasons:
            return Finding("contradicted", reasons[0], (evidence_of(other),))
        return _supported_by(claim, other)
    return Finding("not_found", f"the review's closest statement ({cite(best.section)}) names the same things but "
                                f"does not say \"{missing[0]}\"", (evidence_of(best),))


def _supported_by(claim: Claim, sent: Sentence) -> Finding:
    """Supported by the sentence, quoting the part of it the claim aligns with."""
    lo, hi, _ = window(claim, sent, claim_anchors(claim))
    return Finding("supported", f"the review states this ({cite(sent.section)}): \"{excerpt(sent, lo, hi)}\"",
                   (evidence_of(sent),))


def stated(claim: Claim, ev: ClaimEvidence) -> Finding | None:
    """The best sentence covers the claim and nothing clashes."""
    return _supported_by(claim, ev.best[1])


RULES: tuple[Rule, ...] = (
    nothing_to_check, _verdict_rule(front_matter), cited_works, unknown_names, _verdict_rule(alias),
    _verdict_rule(table_polarity), table_rows, _verdict_rule(drug_class), too_little, unknown_identifiers, differences, figures, not_stated, unbacked_entity, swapped_roles,
    superlatives,
    clashing_words, bare_counts, silent_best, unstated_cue, stated,
)


def check_claim(engine, claim_text: str) -> Verdict:
    """Verdict on one claim: supported, contradicted or not_found, with the evidence sentences and a reason.
    A text of several sentences is several claims: one contradicted statement contradicts it, and it is
    supported only when every statement is."""
    kb = knowledge(engine)
    text = unicodedata.normalize("NFC", claim_text)
    parts = [p for p in sentences(text) if len(p.split()) >= 3]
    if len(parts) < 2:
        whole = _check_one(kb, engine, text)
        if whole.verdict != "not_found":
            return whole
        clauses = _clauses(text)
        if len(clauses) < 2:
            return whole
        # a claim of two clauses the review states in two places ("15-20% are subtype-positive, and these tumours
        # behave more aggressively"): each clause on its own, as a text of several statements
        split = _combine(text, clauses, [_check_one(kb, engine, c) for c in clauses])
        return split if split.verdict != "not_found" else whole
    return _combine(text, parts, [_check_one(kb, engine, p) for p in parts[:MAX_PARTS]])


# Where one clause of a claim ends and the next begins, in any English prose: a semicolon, or a comma before a
# coordinating or contrasting word. Each side must read as a statement of its own (four words or more).
_CLAUSE_BREAK = lazy_compile(r"\s*;\s+|,\s+(?=(?:and|but|while|whereas|yet)\s)")


def _clauses(text: str) -> list[str]:
    parts = [p.strip() for p in _CLAUSE_BREAK.split(text) if p.strip()]
    parts = [re.sub(r"^(?:and|but|while|whereas|yet)\s+", "", p) for p in parts]
    if len(parts) < 2 or len(parts) > 3 or any(len(p.split()) < 4 for p in parts):
        return []
    return parts


def _combine(text: str, parts: list[str], verdicts: list[Verdict]) -> Verdict:
    """One verdict on several statements: one contradicted contradicts the text; supported when every one is."""
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


def _check_one(kb: Knowledge, engine, text: str) -> Verdict:
    # misspelt words in the review's spelling, so that rules reading words ("received") find them; the verdict
    # keeps the claim as the user wrote it
    claim = analyse(kb, engine.read(engine.reader.respelled(text), "claim"))
    ev = ClaimEvidence(kb, claim)
    for rule in RULES:
        finding = rule(claim, ev)
        if finding is not None:
            evidence: list[Evidence] = []
            for e in finding.evidence:
                if e not in evidence:
                    evidence.append(e)
            return Verdict(text, finding.verdict, finding.reason, tuple(evidence[:3]),
                           linked_facts(kb, claim, finding.facts))
    raise AssertionError("the last rule always decides")   # `stated` returns a Finding

"""numbers_from_facts / numbers_from_sentences: a claim's figures against the curated facts or aligned sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...models import Fact
from ...text import fold
from ..claim import Claim
from ..fact_figures import FactQuantity
from ..knowledge import Knowledge, Sentence
from ...measures import FACT_METRIC, METRIC_PHRASE, PATTERNS as METRICS
from ...quantities import Quantity, agree, as_printed
from ..thresholds import FACT_TOPIC, FOUND, NUMBER_CLASH
from ..verdict import as_written, cite, sentence_of
from ..words import prepare, same_length_lower


def typed_quantities(claim: Claim) -> list[Quantity]:
    """The claim's numbers that carry a unit (grades excepted): the ones compared."""
    return [q for q in claim.quantities if q.unit and q.unit != "grade"]


def _fact_metric(fact: Fact) -> str | None:
    metric = str(fact.get("metric") or "").lower()
    if metric in FACT_METRIC:
        return FACT_METRIC[metric]
    text = fold(f"{fact.summary}")
    for name, pattern in METRICS.items():
        if pattern.search(text):
            return name
    return None


def _topic(kb: Knowledge, claim: Claim, fact: Fact) -> float:
    """Share of the claim's context (what it says beyond the fact's own entity) that the fact's summary covers."""
    own = set(kb.registry.fact_groups.get(fact.id, ()))
    names = kb.fact_own_stems[fact.id]
    topic = kb.fact_topic[fact.id]
    total = got = 0.0
    for u in claim.units:
        if u.kind == "group":
            if u.key in own:
                continue
            total += u.weight
            if u.key in kb.fact_topic_groups[fact.id] or (u.stems and set(u.stems) <= topic):
                got += u.weight
            continue
        if u.kind == "word" and (u.key in names or u.key in kb.lexicon.light):
            continue
        total += u.weight
        if u.key in topic or kb.canon(u.key) in kb.fact_topic_canon[fact.id] or \
                (u.kind == "cue" and set(u.stems) & topic):
            got += u.weight
    return got / total if total else 1.0


def _fact_mentioned(kb: Knowledge, claim: Claim, fact: Fact) -> bool:
    if set(kb.registry.fact_groups.get(fact.id, ())) & claim.groups:
        return True
    return any(stems and stems <= claim.stems for stems in kb.fact_names[fact.id])


def _trials(text: str) -> set[str]:
    return {m.group(0).lower().replace(" ", "-") for m in re.finditer(r"\b[A-Z][A-Za-z]+-[A-Za-z]*\d+[a-z]?\b", text)
            if not re.match(r"(?i)(mir|ds|t|s|il|ki|igf|cdk)-", m.group(0))}


def _attribute(claim: Claim, q: Quantity, agent_groups: set[str], comparator_groups: set[str]) -> str | None:
    """Which arm a claim number belongs to: "agent", "comparator" or None (cannot tell)."""
    if not comparator_groups or not (claim.groups & comparator_groups) or not (claim.groups & agent_groups):
        return None
    after = claim.text[q.end:q.end + 60].lower()
    m = re.match(r"^\s*(?:months?|%|percent)?\s*(?:with|for|in|on|among|using|after|of)\s+(?:the\s+)?", after)
    candidates = []
    for g, first, last, _ in claim.mentions:
        if g in agent_groups or g in comparator_groups:
            start = claim.words[first].start
            candidates.append((g, start))
    if m:
        pos = q.end + m.end()
        for g, start in candidates:
            if abs(start - pos) <= 2 and not re.match(r"^[\w-]+(?:\s+[\w-]+)?\s+(?:trial|study|studies)\b",
                                                      claim.text[start:start + 40].lower()):
                return "agent" if g in agent_groups else "comparator"
    before = [(q.start - start, g) for g, start in candidates if start < q.start]
    if before:
        g = min(before)[1]
        return "agent" if g in agent_groups else "comparator"
    return None


def _comparator_groups(kb: Knowledge, fact: Fact) -> set[str]:
    """Names that single out the comparator arm (not those both arms share, such as chemotherapy)."""
    if not fact.get("comparator"):
        return set()
    comp = {g for g, *_ in kb.registry.mentions(kb.words(str(fact.get("comparator"))))}
    for text in (fact.get("population"), fact.summary):
        parts = re.split(r"\bvs\.?|\bversus\b|\bcompared (?:with|to)\b", str(text or ""), maxsplit=1)
        if len(parts) == 2:
            left = {g for g, *_ in kb.registry.mentions(kb.words(parts[0]))}
            comp -= left
            break
    return comp


@dataclass
class NumberResult:
    """What the numbers say: a verdict and reason with the facts and sentences it rests on."""
    verdict: str
    reason: str
    facts: list[Fact]
    sentences: list[Sentence]


def numbers_from_facts(kb: Knowledge, claim: Claim, typed: list[Quantity]) -> NumberResult | None:
    """Compare the claim's figures with the curated figures of the entity and metric it is about."""
    claim_trials = _trials(claim.text)
    focus = {g for g in claim.groups if kb.specific(g)}
    only_phases = all(q.unit == "phase" for q in typed)
    eligible: list[tuple[float, Fact]] = []
    for fact in kb.facts:
        if fact.kind not in ("outcome", "statistic", "biomarker", "agent"):
            continue
        fact_trials = _trials(str(fact.get("trial") or ""))
        if claim_trials and fact_trials and not claim_trials & fact_trials:
            continue        # another trial of the same drug
        if not _fact_mentioned(kb, claim, fact) and not (claim_trials & fact_trials):
            continue
        groups = set(kb.registry.fact_groups.get(fact.id, ()))
        if focus and not groups & focus and not claim_trials & fact_trials and any(kb.specific(g) for g in groups):
            continue        # the claim singles out one drug or gene; a fact about another is not about the claim
        topic = _topic(kb, claim, fact)
        if only_phases:
            if not any(fq.q.unit == "phase" for fq in kb.fact_quantities[fact.id]):
                continue
        elif claim.metrics:
            family = _fact_metric(fact)
            if family not in claim.metrics and not (family == "dor" and "response" in claim.metrics
                                                    and any(q.unit == "months" for q in typed)):
                continue
        elif topic < FACT_TOPIC:
            continue
        eligible.append((topic, fact))
    if not eligible:
        return None
    eligible.sort(key=lambda x: -x[0])
    supported: dict[int, tuple[FactQuantity, Fact]] = {}
    topic_of = {f.id: t for t, f in eligible}
    clashes: dict[int, list[tuple[float, FactQuantity, Quantity]]] = {}
    swapped: dict[int, FactQuantity] = {}
    for qi, cq in enumerate(typed):
        for topic, fact in eligible:
            agent_groups = set(kb.registry.fact_groups.get(fact.id, ()))
            comp_groups = _comparator_groups(kb, fact)
            agent_groups -= comp_groups
            role = _attribute(claim, cq, agent_groups, comp_groups)
            for fq in kb.fact_quantities[fact.id]:
                ok = agree(cq, fq.q)
                if ok is None:
                    continue
                if role and fq.role in ("agent", "comparator") and fq.role != role:
                    if ok:
                        swapped[qi] = fq
                    continue
                if fq.role == "second" and not ok:
                    continue
                if ok:
                    supported.setdefault(qi, (fq, fact))
                else:
                    clashes.setdefault(qi, []).append((topic, fq, cq))
    for qi in list(supported):
        if qi in clashes:
            best_clash = max(t for t, _, _ in clashes[qi])
            if topic_of[supported[qi][1].id] < best_clash - 0.1:
                del supported[qi]
    if supported:
        around = [s_ for fq, f in supported.values() for s_ in [sentence_of(kb, f)] if s_ is not None]
        for qi, cq in enumerate(typed):
            if qi in supported:
                continue
            for s_ in around:
                if any(agree(cq, q) for q in s_.quantities):
                    fq, f = next(iter(supported.values()))
                    supported[qi] = (fq, f)
                    clashes.pop(qi, None)
                    break
    facts_used: list[Fact] = []
    sents: list[Sentence] = []
    for qi, cq in enumerate(typed):
        if qi in supported:
            continue
        if qi in clashes:
            topic, fq, _ = max(clashes[qi], key=lambda x: (x[0], -kb.fact_order[x[1].fact.id]))
            fact = fq.fact
            phrase = _fact_phrase(kb, claim, fact, fq)
            verb = "says" if phrase.startswith('"') else "reports"
            reason = f"the review {verb} {phrase} ({cite(fact.sections[0])}), not {as_printed(cq)}"
            if qi in swapped:
                reason += f"; {as_printed(cq)} is the figure of the comparator arm"
            s = sentence_of(kb, fact)
            return NumberResult("contradicted", reason, [fact], [s] if s else [])
        if qi in swapped:
            fq = swapped[qi]
            s = sentence_of(kb, fq.fact)
            return NumberResult("contradicted", f"the review gives {as_printed(cq)} for the comparator arm, not for "
                                f"{fq.fact.entity} ({fq.fact.summary}) ({cite(fq.fact.sections[0])})",
                                [fq.fact], [s] if s else [])
    if supported and len(supported) == len(typed):
        for qi, (fq, fact) in sorted(supported.items()):
            if fact not in facts_used:
                facts_used.append(fact)
                s = sentence_of(kb, fact)
                if s and s not in sents:
                    sents.append(s)
        phrases = list(dict.fromkeys(_fact_phrase(kb, claim, f, fq) for fq, f in
                                     (supported[qi] for qi in sorted(supported))))
        verb = "says" if phrases[0].startswith('"') else "reports"
        reason = f"the review {verb} {'; '.join(phrases)} ({cite(facts_used[0].sections[0])})"
        return NumberResult("supported", reason, facts_used, sents)
    # Facts of the right entity and metric exist but give no comparable number.
    for topic, fact in eligible:
        if fact.get("value") is None and re.search(r"\bno\b|\bnot\b", fold(fact.evidence)) and claim.metrics \
                and _fact_metric(fact) in claim.metrics:
            s = sentence_of(kb, fact)
            other = where_else(kb, claim, typed, exclude=fact)
            reason = f"the review says for {fact.entity}: \"{fact.evidence}\" ({cite(fact.sections[0])})"
            if other:
                reason += f"; {other}"
            return NumberResult("contradicted", reason, [fact], [s] if s else [])
    if supported:
        return None
    return NumberResult("not_found", "", [f for _, f in eligible[:2]], [])


def _fact_phrase(kb: Knowledge, claim: Claim, fact: Fact, fq: FactQuantity) -> str:
    """ "an ORR of 19.0% for epertinib" / "neutropenia in 6% (SYD985: ...)" - the fact's figure, said plainly."""
    group = next((g for g in kb.registry.fact_groups.get(fact.id, ()) if g in claim.groups), None)
    who = as_written(claim, group, fact.entity) if group else fact.entity
    if fq.q.unit == "phase":
        return f"{who} at the {as_printed(fq.q)} stage"
    phrase = METRIC_PHRASE.get(str(fact.get("metric") or ""))
    if phrase:
        if fact.get("qualifier") == "median":
            phrase = {"a": "a median", "an": "a median"}[phrase.split()[0]] + " " + phrase.split(" ", 1)[1]
        if fq.role == "comparator":
            return f"{phrase} of {as_printed(fq.q)} with {fact.get('comparator')}"
        if fq.q.ci:
            return f"{phrase} with a 95% CI of {as_printed(fq.q)} for {who}"
        return f"{phrase} of {as_printed(fq.q)} for {who}"
    if fold(as_printed(fq.q)) in fold(fact.summary):
        return f"\"{fact.summary}\""
    return f"{as_printed(fq.q)} (\"{fact.summary}\")"


def where_else(kb: Knowledge, claim: Claim, typed: list[Quantity], exclude: Fact | None = None) -> str:
    """Where the claim's number does appear in the review (for another entity or metric), said plainly."""
    for cq in typed:
        for fact in kb.facts:
            if fact is exclude:
                continue
            for fq in kb.fact_quantities[fact.id]:
                if fq.role == "agent" and not cq.is_range and not fq.q.is_range and not fq.q.qual and not cq.qual \
                        and (cq.unit == "%" or cq.decimals) and agree(cq, fq.q):
                    return f"the {as_printed(fq.q)} it reports is for \"{fact.summary}\" ({cite(fact.sections[0])})"
    return ""


def _near_metric(claim: Claim, text: str, q: Quantity) -> bool:
    """The number is printed next to the metric the claim is about ("median PFS of 16.4 months")."""
    if not claim.metrics:
        return True
    low = same_length_lower(prepare(text))
    for name in claim.metrics:
        for m in METRICS[name].finditer(low):
            if -80 <= q.start - m.end() <= 60 or 0 <= m.start() - q.end <= 40:
                return True
    return False


def _around(sent: Sentence, q: Quantity, width: int = 60) -> str:
    """The words around a number of the sentence ("derived from exon 16 skipping in ERBB2")."""
    start = max(0, q.start - width)
    end = min(len(sent.text), q.end + width)
    while start > 0 and not sent.text[start - 1].isspace():
        start += 1
    while end < len(sent.text) and not sent.text[end].isspace():
        end -= 1
    text = sent.text[start:end].strip().rstrip(",;")
    return ("…" if start > 0 else "") + text + ("…" if end < len(sent.text) - 1 else "")


def numbers_from_sentences(kb: Knowledge, claim: Claim, typed: list[Quantity],
                           ranked: list[tuple[float, Sentence]], may_clash: bool = True) -> NumberResult | None:
    """Compare the claim's figures with those of the aligned sentences that keep its entity in scope."""
    focus = {g for g in claim.groups if kb.specific(g)}
    candidates = []
    for cov, s in ranked:
        if cov < FOUND * 0.8:
            continue
        if focus and not (focus & s.scope):
            continue
        if claim.metrics and not any(METRICS[m].search(fold(s.text)) for m in claim.metrics):
            continue
        candidates.append((cov, s))
    best_clash = None
    for cov, s in candidates:
        comparable = [(cq, eq, agree(cq, eq)) for cq in typed if _near_metric(claim, claim.text, cq)
                      for eq in s.quantities if _near_metric(claim, s.text, eq)]
        comparable = [x for x in comparable if x[2] is not None]
        if not comparable:
            continue
        matched = {id(cq) for cq, eq, ok in comparable if ok}
        if matched and cov >= FOUND:
            if len(matched) == len({id(cq) for cq, _, _ in comparable}):
                eq = next(eq for cq, eq, ok in comparable if ok)
                return NumberResult("supported", f"the review says \"{_around(s, eq)}\" ({cite(s.section)})", [], [s])
        if best_clash is None and may_clash and cov >= max(NUMBER_CLASH, FOUND):
            wrong = next(((cq, eq) for cq, eq, ok in comparable if not ok and id(cq) not in matched
                          and not any(agree(cq, other) for other in s.quantities)), None)
            if wrong:
                best_clash = (cov, s, wrong)
    if best_clash:
        cov, s, (cq, eq) = best_clash
        return NumberResult("contradicted", f"the review says \"{_around(s, eq)}\" ({cite(s.section)}), "
                            f"not {as_printed(cq)}", [], [s])
    return None

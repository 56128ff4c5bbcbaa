"""numbers_from_facts / numbers_from_sentences: a claim's figures against the curated facts or aligned sentences."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ...lazy_re import lazy_compile
from ...models import Fact
from ...lexicon import NEGATIONS
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
    """The measure a fact reports (qa.measures key such as "orr", "pfs"), for outcome facts; None when unknown.

    From its metric field, else from a measure named in its summary."""
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
    """Whether the claim names the fact's entity, for any claim: one of its groups, or all the stems of a name."""
    if set(kb.registry.fact_groups.get(fact.id, ())) & claim.groups:
        return True
    return any(stems and stems <= claim.stems for stems in kb.fact_names[fact.id])


def _trials(text: str) -> set[str]:
    """Trial names in a text, for trial claims: "DESTINY-Breast01" -> "destiny-breast01" (not miR-, DS-, IL-...)."""
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


_FIGURE_KINDS = ("outcome", "statistic", "biomarker", "agent")


def _fact_in_scope(kb: Knowledge, claim: Claim, fact: Fact) -> bool:
    """Whether a curated fact is about what the claim is about, for claims naming a drug, gene or trial.

    A fact with figures whose entity the claim names (or whose trial it names); not a fact of another trial of
    the same drug, nor one about another specific drug or gene than the one the claim singles out."""
    if fact.kind not in _FIGURE_KINDS:
        return False
    claim_trials = _trials(claim.text)
    fact_trials = _trials(str(fact.get("trial") or ""))
    if claim_trials and fact_trials and not claim_trials & fact_trials:
        return False        # another trial of the same drug
    if not _fact_mentioned(kb, claim, fact) and not (claim_trials & fact_trials):
        return False
    focus = {g for g in claim.groups if kb.specific(g)}
    groups = set(kb.registry.fact_groups.get(fact.id, ()))
    if focus and not groups & focus and not claim_trials & fact_trials and any(kb.specific(g) for g in groups):
        return False        # the claim singles out one drug or gene; a fact about another is not about the claim
    return True


def _fact_measures_claim(kb: Knowledge, claim: Claim, fact: Fact, typed: list[Quantity], topic: float) -> bool:
    """Whether a fact gives the kind of figure the claim states, for claims with figures.

    Phase claims need a fact with a phase; claims naming a measure (ORR, PFS...) a fact of that measure (a
    duration of response also answers "response ... months"); other claims a fact covering enough of their topic."""
    if all(q.unit == "phase" for q in typed):
        return any(fq.q.unit == "phase" for fq in kb.fact_quantities[fact.id])
    if claim.metrics:
        family = _fact_metric(fact)
        return family in claim.metrics or (family == "dor" and "response" in claim.metrics
                                           and any(q.unit == "months" for q in typed))
    return topic >= FACT_TOPIC


@dataclass
class _Candidate:
    """A curated fact that may hold the claim's figures, with the share of the claim's topic it covers."""
    topic: float
    fact: Fact


def _eligible_facts(kb: Knowledge, claim: Claim, typed: list[Quantity]) -> list[_Candidate]:
    """The curated facts to compare the claim's figures with, best topic first, for claims with figures."""
    eligible: list[_Candidate] = []
    for fact in kb.facts:
        if not _fact_in_scope(kb, claim, fact):
            continue
        topic = _topic(kb, claim, fact)
        if _fact_measures_claim(kb, claim, fact, typed, topic):
            eligible.append(_Candidate(topic, fact))
    eligible.sort(key=lambda c: -c.topic)
    return eligible


def _arm(kb: Knowledge, claim: Claim, cq: Quantity, fact: Fact) -> str | None:
    """Which arm of a comparative fact the claim gives a figure for, for trial claims naming both arms.

    "agent", "comparator" or None (cannot tell, or the fact has no comparator)."""
    agent_groups = set(kb.registry.fact_groups.get(fact.id, ()))
    comp_groups = _comparator_groups(kb, fact)
    agent_groups -= comp_groups
    return _attribute(claim, cq, agent_groups, comp_groups)


@dataclass
class _Support:
    """A figure of a fact that agrees with a claim figure."""
    fq: FactQuantity
    fact: Fact


@dataclass
class _Clash:
    """A figure of a fact that disagrees with a claim figure, with the topic share of the fact."""
    topic: float
    fq: FactQuantity


@dataclass
class _Matches:
    """How each claim figure (by index) fares against the eligible facts, for claims with figures.

    The first fact figure supporting it, every fact figure clashing with it, and a figure of the other arm
    that it matches."""
    supported: dict[int, _Support] = field(default_factory=dict)
    clashes: dict[int, list[_Clash]] = field(default_factory=dict)
    swapped: dict[int, FactQuantity] = field(default_factory=dict)


# A figure that is a share of the people just named, not a value of the measure ("80% of whom had received").
_POPULATION_SHARE = lazy_compile(r"\s*(?:of (?:whom|them|these|those|which)|of the (?:patients|participants))\b")


def _match_figures(kb: Knowledge, claim: Claim, typed: list[Quantity], eligible: list[_Candidate]) -> _Matches:
    """Each claim figure against each comparable fact figure (support, clash, other arm), for claims with figures.

    A fact's second value ("second" role, e.g. the grade 3 share) only ever supports; a figure of the arm the
    claim does not mean is never a clash, but is noted when it would have agreed."""
    m = _Matches()
    for qi, cq in enumerate(typed):
        # a figure goes with the facts about the thing it belongs to, when some fact is ("neutropenia 4%")
        mine = _owner(claim.words, cq.start, kb.lexicon.light)
        owning = [c for c in eligible if mine and mine in kb.fact_topic[c.fact.id]]
        for c in owning or eligible:
            role = _arm(kb, claim, cq, c.fact)
            share = _POPULATION_SHARE.match(claim.text[cq.end:])
            for fq in kb.fact_quantities[c.fact.id]:
                ok = agree(cq, fq.q)
                if ok is None or (share and not ok):
                    continue     # "50 patients, 80% of whom had received T-DM1" is no value of the measure
                if role and fq.role in ("agent", "comparator") and fq.role != role:
                    if ok:
                        m.swapped[qi] = fq
                    continue
                if fq.role == "second" and not ok:
                    continue
                if ok:
                    m.supported.setdefault(qi, _Support(fq, c.fact))
                else:
                    m.clashes.setdefault(qi, []).append(_Clash(c.topic, fq))
    return m


def _outranked_support(m: _Matches, eligible: list[_Candidate]) -> list[int]:
    """Claim figures whose support is outranked by a clashing fact, for figures that several facts print.

    Support counts for nothing when a fact that clashes is more on topic by more than 0.1 (14.8 months is the
    duration of response, but a claim of "median PFS of 14.8 months" is about the PFS fact)."""
    topic_of = {c.fact.id: c.topic for c in eligible}
    out = []
    for qi in list(m.supported):
        if qi in m.clashes:
            best_clash = max(c.topic for c in m.clashes[qi])
            if topic_of[m.supported[qi].fact.id] < best_clash - 0.1:
                out.append(qi)
    return out


def _backed_by_fact_sentences(kb: Knowledge, typed: list[Quantity], m: _Matches) -> list[int]:
    """Unsupported claim figures printed in the sentence of a supporting fact, for claims with several figures.

    ("ORR 27% in HER2-low ... N = 32, N = 17": once 27% is supported, the cohort sizes in that sentence are too.)"""
    if not m.supported:
        return []
    # the fact's sentence and its neighbours in the passage ("… 50 patients, 80% of whom got T-DM1. … SYD985 had
    # a 33% ORR …": one study told in two sentences); a figure a fact gives otherwise (a subgroup's ORR for the
    # whole) must be in the fact's own sentence
    own = [s_ for sup in m.supported.values() for s_ in [sentence_of(kb, sup.fact)] if s_ is not None]
    around = [kb.sentences[i] for s_ in own for i in (s_.idx - 1, s_.idx + 1)
              if 0 <= i < len(kb.sentences) and kb.sentences[i].passage == s_.passage]

    def printed(cq: Quantity, where) -> bool:
        return any(any(agree(cq, q) for q in s_.quantities) for s_ in where)
    return [qi for qi, cq in enumerate(typed) if qi not in m.supported
            and (printed(cq, own) or (qi not in m.clashes and printed(cq, around)))]


def _clash_result(kb: Knowledge, claim: Claim, cq: Quantity, clashes: list[_Clash], swapped: bool) -> NumberResult:
    """The contradiction for a claim figure that the facts give otherwise, for figure claims the review refutes.

    The figure of the fact most on topic (then the earliest), said plainly, and whether the claim's figure is
    the comparator arm's."""
    best = max(clashes, key=lambda c: (c.topic, -kb.fact_order[c.fq.fact.id]))
    fq = best.fq
    fact = fq.fact
    phrase = _fact_phrase(kb, claim, fact, fq)
    verb = "says" if phrase.startswith('"') else "reports"
    reason = f"the review {verb} {phrase} ({cite(fact.sections[0])}), not {as_printed(cq)}"
    if swapped:
        reason += f"; {as_printed(cq)} is the figure of the comparator arm"
    s = sentence_of(kb, fact)
    return NumberResult("contradicted", reason, [fact], [s] if s else [])


def _comparator_result(kb: Knowledge, cq: Quantity, fq: FactQuantity) -> NumberResult:
    """The contradiction for a claim figure that is the comparator arm's, for claims crediting it to the agent."""
    s = sentence_of(kb, fq.fact)
    return NumberResult("contradicted", f"the review gives {as_printed(cq)} for the comparator arm, not for "
                        f"{fq.fact.entity} ({fq.fact.summary}) ({cite(fq.fact.sections[0])})",
                        [fq.fact], [s] if s else [])


def _contradiction(kb: Knowledge, claim: Claim, typed: list[Quantity], m: _Matches) -> NumberResult | None:
    """The contradiction of the first unsupported claim figure, for figure claims the review refutes.

    The first figure no fact supports and one clashes with (or that is the other arm's figure); None when
    every clashing figure is also supported."""
    for qi, cq in enumerate(typed):
        if qi in m.supported:
            continue
        if qi in m.clashes:
            return _clash_result(kb, claim, cq, m.clashes[qi], qi in m.swapped)
        if qi in m.swapped:
            return _comparator_result(kb, cq, m.swapped[qi])
    return None


def _supported_result(kb: Knowledge, claim: Claim, m: _Matches) -> NumberResult:
    """The support for a claim all of whose figures the facts give, for figure claims the review bears out.

    Each fact's figure said plainly, with the facts and their sentences in the order of the claim's figures."""
    facts_used: list[Fact] = []
    sents: list[Sentence] = []
    for qi, sup in sorted(m.supported.items(), key=lambda kv: kv[0]):
        if sup.fact not in facts_used:
            facts_used.append(sup.fact)
            s = sentence_of(kb, sup.fact)
            if s and s not in sents:
                sents.append(s)
    phrases = list(dict.fromkeys(_fact_phrase(kb, claim, sup.fact, sup.fq) for sup in
                                 (m.supported[qi] for qi in sorted(m.supported))))
    verb = "says" if phrases[0].startswith('"') else "reports"
    reason = f"the review {verb} {'; '.join(phrases)} ({cite(facts_used[0].sections[0])})"
    return NumberResult("supported", reason, facts_used, sents)


def _stated_absence(kb: Knowledge, claim: Claim, typed: list[Quantity],
                    eligible: list[_Candidate]) -> NumberResult | None:
    """The contradiction for a figure of a measure the review says is missing, for claims of an absent measure.

    A fact of the claim's measure with no value and a "no"/"not" in its evidence ("no median OS was
    available"), plus where the claim's number does appear."""
    for c in eligible:
        fact = c.fact
        if fact.get("value") is None and re.search(r"\bno\b|\bnot\b", fold(fact.evidence)) and claim.metrics \
                and _fact_metric(fact) in claim.metrics:
            s = sentence_of(kb, fact)
            other = where_else(kb, claim, typed, exclude=fact)
            reason = f"the review says for {fact.entity}: \"{fact.evidence}\" ({cite(fact.sections[0])})"
            if other:
                reason += f"; {other}"
            return NumberResult("contradicted", reason, [fact], [s] if s else [])
    return None


def numbers_from_facts(kb: Knowledge, claim: Claim, typed: list[Quantity]) -> NumberResult | None:
    """Compare the claim's figures with the curated figures of the entity and metric it is about."""
    eligible = _eligible_facts(kb, claim, typed)
    if not eligible:
        return None
    m = _match_figures(kb, claim, typed, eligible)
    for qi in _outranked_support(m, eligible):
        del m.supported[qi]
    for qi in _backed_by_fact_sentences(kb, typed, m):
        m.supported[qi] = next(iter(m.supported.values()))
        m.clashes.pop(qi, None)
    contradiction = _contradiction(kb, claim, typed, m)
    if contradiction is not None:
        return contradiction
    if m.supported and len(m.supported) == len(typed):
        return _supported_result(kb, claim, m)
    # Facts of the right entity and metric exist but give no comparable number.
    absence = _stated_absence(kb, claim, typed, eligible)
    if absence is not None:
        return absence
    if m.supported:
        return None
    return NumberResult("not_found", "", [c.fact for c in eligible[:2]], [])


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
    # the review's own words (the fact's evidence) in quotation marks, never qa's summary of them
    if fold(as_printed(fq.q)) in fold(fact.evidence):
        return f"\"{fact.evidence}\""
    return f"{as_printed(fq.q)} (\"{fact.evidence}\")"


def where_else(kb: Knowledge, claim: Claim, typed: list[Quantity], exclude: Fact | None = None) -> str:
    """Where the claim's number does appear in the review (for another entity or metric), said plainly."""
    for cq in typed:
        for fact in kb.facts:
            if fact is exclude:
                continue
            for fq in kb.fact_quantities[fact.id]:
                if fq.role == "agent" and not cq.is_range and not fq.q.is_range and not fq.q.qual and not cq.qual \
                        and (cq.unit == "%" or cq.decimals) and agree(cq, fq.q):
                    trial = f" in {fact.get('trial')}" if fact.get("trial") else ""
                    also = f" ({fact.aliases[0]})" if fact.aliases else ""
                    return (f"the {as_printed(fq.q)} it reports is for {fact.entity}{also}{trial} "
                            f"({cite(fact.sections[0])}: \"{fact.evidence}\")")
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


# Words that say what was counted or measured, not whose figure it is ("32 patients", "6 months").
_UNIT_WORDS = {"patients", "participants", "subjects", "cases", "people", "women", "men", "months", "weeks", "years",
               "days", "percent", "cent", "cycles", "doses", "trials", "studies", "cohorts", "tumors", "tumours",
               "versus", "vs", "than", "compared", "respectively", "overall"}


def _owner(words, start: int, light: frozenset | set = frozenset(), end: int | None = None,
           text: str = "") -> str | None:
    """The content word a figure belongs to: the word right after a bare count ("32 triple-negative"), else the
    nearest one before it ("neutropenia (6%)", "hormone receptor-positive (N = 32)"), light verbs skipped."""
    if end is not None and text:
        # the arm a figure is given for: "19.8 months with margetuximab", "33% in the HER2-low group"
        arm = re.match(r"\s*(?:with|for|on|in|among|using)\s+(?:the\s+)?", text[end:end + 20])
        if arm:
            named = next((w for w in words if w.start == end + arm.end()), None)
            if named is not None and named.groups:
                return sorted(named.groups)[0]
    if end is not None and text and not re.search(r"[(=]\s*$", text[max(0, start - 4):start]):
        after = next((w for w in words if w.start >= end), None)
        if after is not None and text[end:after.start].strip() == "" and after.stems and \
                not any(c.isdigit() for c in after.low) and after.key not in light and after.cue is None \
                and len(after.key) > 3 and after.low not in _UNIT_WORDS:
            return after.key
    before = [w for w in words if w.end <= start and w.stems and not any(c.isdigit() for c in w.low)
              and w.low not in _UNIT_WORDS]
    for w in reversed(before[-3:]):
        if len(w.key) > 3 and w.cue is None and w.key not in light:
            return w.key
    return None


def _agree_as_counts(a: Quantity, b: Quantity) -> bool | None:
    """agree(), a bare number and a count of patients ("32", "N = 32") being one kind of figure."""
    if a.unit in ("", "count") and b.unit in ("", "count"):
        return agree(dataclasses.replace(a, unit="count"), dataclasses.replace(b, unit="count"))
    return agree(a, b)


def _adjacent(sent: Sentence, a: Quantity, b: Quantity) -> bool:
    """Two figures of one pair: no figure of their unit printed between them (a PFS pair is not an OS pair)."""
    lo, hi = sorted((a.start, b.start))
    return not any(lo < q.start < hi and q.unit == a.unit for q in sent.quantities)


def swapped_figures(kb: Knowledge, claim: Claim, sent: Sentence, comparable) -> str | None:
    """Two figures of one sentence exchanged between the things they belong to, for claims restating several figures
    ("neutropenia 4% and conjunctivitis 6%" against "neutropenia (6%) and conjunctivitis (4%)")."""
    owners = {id(eq): _owner(sent.words, eq.start, end=eq.end, text=sent.text) for _, eq, _ in comparable}
    for cq, eq, ok in comparable:
        if not ok:
            continue
        mine = _owner(claim.words, cq.start, kb.lexicon.light, cq.end, claim.text)
        theirs = owners.get(id(eq))
        if not mine or not theirs or mine == theirs:
            continue
        right = next((e2 for _, e2, _ in comparable if owners.get(id(e2)) == mine and e2 is not eq
                      and _adjacent(sent, eq, e2)), None)
        if right is not None and _agree_as_counts(cq, right) is False:
            word = next((w.text for w in sent.words if w.key == mine or mine in w.groups), mine)
            return (f"the review gives {as_printed(right)} for {word}, not {as_printed(cq)} ({cite(sent.section)}: "
                    f"\"{_around(sent, right)}\")")
    return None


# Where one figure's statement ends and the next one's begins, in any prose: clause punctuation and the words that
# join two statements of figures ("4.3 with metformin, compared with 5.4 without it").
# (not a bare comma: "Without metformin, the rate was 5.4" is one statement)
_FIGURE_CLAUSE = lazy_compile(r"[;:]|,\s*with\b|\b(?:and|compared (?:with|to)|versus|vs\.?|whereas|while|but)\b")


def _clause_of(text: str, q: Quantity, others: list[Quantity]) -> str:
    """The words of the statement a figure belongs to: from the last clause break before it that follows the
    previous figure, to the first break after it that comes before the next figure."""
    prev_end = max((o.end for o in others if o.end <= q.start), default=0)
    next_start = min((o.start for o in others if o.start >= q.end), default=len(text))
    start = prev_end
    for m in _FIGURE_CLAUSE.finditer(text, prev_end, q.start):
        start = m.end()
    end = next_start
    for m in _FIGURE_CLAUSE.finditer(text, q.end, next_start):
        end = m.start()
        break
    return text[start:end]


def _negated(text: str) -> bool:
    return any(w in NEGATIONS for w in re.findall(r"[a-z']+", text.lower()))


def arms_swapped(kb: Knowledge, claim: Claim, typed: list[Quantity], sent: Sentence) -> str | None:
    """The claim's figures as the sentence gives them, exchanged between the things they belong to."""
    comparable = [x for x in ((cq, eq, agree(cq, eq)) for cq in typed for eq in sent.quantities) if x[2] is not None]
    return swapped_figures(kb, claim, sent, comparable) or clause_swap(kb, claim, sent, comparable)


def clause_swap(kb: Knowledge, claim: Claim, sent: Sentence, comparable) -> str | None:
    """Two figures of one sentence exchanged between its statements, for claims of two figures in two statements
    ("halve the dose below 30 and stop below 45" against "halving the dose … below 45 and stopping … below 30"):
    a claim figure's statement shares none of the words only its matched statement has, and some of another's."""
    if len({id(cq) for cq, _, _ in comparable}) < 2:
        return None
    def words(text: str) -> set[str]:
        return {w.key for w in kb.words(text) if w.stems and w.key not in kb.lexicon.light
                and not any(c.isdigit() for c in w.low)}
    theirs = {id(eq): words(_clause_of(sent.text, eq, [q for q in sent.quantities if q is not eq]))
              for eq in sent.quantities}
    def distinct(eq) -> set[str]:
        return theirs[id(eq)] - set().union(*(ws for k, ws in theirs.items() if k != id(eq)))
    claim_qs = list(claim.quantities)
    for cq, eq, ok in comparable:
        if not ok:
            continue
        mine = words(_clause_of(claim.text, cq, [q for q in claim_qs if q is not cq]))
        rivals = [e2 for e2 in sent.quantities if e2 is not eq and e2.unit == eq.unit and _adjacent(sent, eq, e2)]
        if mine & distinct(eq):
            continue        # the statement has words only its own figure's statement has: it is that one
        for e2 in rivals:
            if mine & distinct(e2) and agree(cq, e2) is False:
                return (f"the review gives {as_printed(e2)} where the claim's words go ({cite(sent.section)}: "
                        f"\"{_around(sent, e2)}\"), not {as_printed(cq)}")
    return None


def negation_clash(claim: Claim, typed: list[Quantity], sent: Sentence) -> str | None:
    """The claim's figures as the sentence gives them, judged by `_negation_differs`."""
    return _negation_differs(claim, sent, [(cq, eq, True) for cq in typed for eq in sent.quantities if agree(cq, eq)])


def _negation_differs(claim: Claim, sent: Sentence, comparable) -> str | None:
    """A figure the review gives in a negated statement and the claim in a plain one, or the reverse, for figures
    of two conditions ("4.3 … with metformin, compared with 5.4 … without it" against "with metformin, 5.4")."""
    claim_qs = list(claim.quantities)
    for cq, eq, ok in comparable:
        if not ok:
            continue
        mine = _clause_of(claim.text, cq, [q for q in claim_qs if q is not cq])
        theirs = _clause_of(sent.text, eq, [q for q in sent.quantities if q is not eq])
        if _negated(mine) != _negated(theirs):
            return (f"the review gives {as_printed(eq)} in \"{theirs.strip()}\" ({cite(sent.section)}), "
                    f"which the claim turns round")
    return None


def _agree_in(sent: Sentence, cq: Quantity, eq: Quantity) -> bool | None:
    """agree(), where a table cell's bare figure takes the unit of the claim's: a table prints its unit once, in
    its title or header, if at all ("above 45 | full dose" under "eGFR")."""
    if not eq.unit and cq.unit and sent.section.startswith("table") and " | " in sent.text:
        return agree(cq, dataclasses.replace(eq, unit=cq.unit))
    return agree(cq, eq)


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
        comparable = [(cq, eq, _agree_in(s, cq, eq)) for cq in typed if _near_metric(claim, claim.text, cq)
                      for eq in s.quantities if _near_metric(claim, s.text, eq)]
        comparable = [x for x in comparable if x[2] is not None]
        if not comparable:
            continue
        matched = {id(cq) for cq, eq, ok in comparable if ok}
        needed = {id(cq) for cq in typed if _near_metric(claim, claim.text, cq)}
        if matched and cov >= FOUND:
            # every figure of the claim must be backed: "72 patients" is not backed by a sentence giving none
            if matched == needed:
                swap = swapped_figures(kb, claim, s, comparable) or _negation_differs(claim, s, comparable) \
                    or clause_swap(kb, claim, s, comparable)
                if swap is not None:
                    return NumberResult("contradicted", swap, [], [s])
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

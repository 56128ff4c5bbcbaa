"""drug_class: "X is a tyrosine kinase inhibitor / an antibody-drug conjugate / a bispecific" against the class the
review gives X (in a sentence that says what X is, or the heading of X's own section)."""
from __future__ import annotations

import re

from ...lazy_re import lazy_compile
from ...lexicon import DRUG_CLASSES
from ...models import Verdict
from ...text import fold
from ..claim import Claim
from .clashes import clashes
from ..knowledge import Knowledge, Sentence
from ..verdict import cite, evidence_of, verdict_of

_COPULA = lazy_compile(r"\b(?:is|are|was|were|as)\b")
# "X (S-222611) is a powerful ... CLASS": the name, an optional bracket, a copula, an article, at most 5 words
_DEFINES = lazy_compile(r"^\s*(?:\([^)]*\)\s*)?,?\s*(?:is|was)\s+(?:also\s+)?(?:an?|the|another)\s+(?:[\w()-]+\s+){0,5}$")
# "p95HER2-TCB, a bispecific antibody that …": a class set beside the name after it
_APPOSED_AFTER = lazy_compile(r"^\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,2}$")
# "another novel bispecific antibody, ZW25": a singular class right before the name
_APPOSITION = lazy_compile(r"^\s*,?\s*$")
# "another antibody-drug conjugate (ADCs) after T-DM1": the one named after "another CLASS ... after" is one too
_ANOTHER_AFTER = lazy_compile(r"^\s*(?:\([^)]*\)\s*)?after\s+$")


def _classes_in(text: str) -> list[tuple[str, int, int]]:
    return [(key, m.start(), m.end()) for key, p in DRUG_CLASSES.items() for m in p.finditer(text)]


def _stated_classes(kb: Knowledge, sent: Sentence, group: str) -> set[str]:
    """The classes a sentence gives the entity: "X (…) is an IgG1 monoclonal antibody", "bispecific antibody, X"."""
    text = fold(sent.text)
    low = sent.text.lower()
    spans = [(sent.words[a].start, sent.words[b].end) for g, a, b, _ in kb.registry.mentions(sent.words) if g == group]
    others = [(sent.words[a].start, sent.words[b].end) for g, a, b, _ in kb.registry.mentions(sent.words)
              if g != group and "agent" in kb.registry.kinds.get(g, ())]
    if len(text) != len(low):       # folding changed lengths (Greek letters): match on the lowered text instead
        text = low
    out = set()
    for key, cs, ce in _classes_in(text):
        for ms, me in spans:
            if ms < cs and (_DEFINES.match(text[me:cs]) or _APPOSED_AFTER.match(text[me:cs])) and \
                    not any(me <= a < cs for a, _ in others):
                out.add(key)
            if ce <= ms and not text[cs:ce].endswith("s") and _APPOSITION.match(text[ce:ms]):
                out.add(key)
            if ce <= ms and _ANOTHER_AFTER.match(text[ce:ms]) and re.search(r"\banother\s+(?:[\w-]+\s+){0,2}$",
                                                                           text[max(0, cs - 30):cs]):
                out.add(key)
    return out


def drug_class(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Verdict on a claim that a drug is of some class, when the review says which class it is; None otherwise."""
    claimed = {key for key, _, _ in _classes_in(claim.folded)}
    agents = [g for g in dict.fromkeys(m[0] for m in claim.mentions) if "agent" in kb.registry.kinds.get(g, ())]
    if len(agents) > 1 and claim.mentions and claim.mentions[0][1] == 0:
        agents = agents[:1]     # "Alpelisib, the drug combined with trastuzumab in …, is …": the subject's class
    if len(claimed) != 1 or len(agents) != 1 or claim.quantities or not _COPULA.search(claim.folded):
        return None
    (claim_class,), group = claimed, agents[0]
    found: dict[str, Sentence] = {}
    for sent in kb.sentences:
        if group in sent.groups:
            for key in _stated_classes(kb, sent, group):
                found.setdefault(key, sent)
    heading = _own_heading_class(kb, group)
    if heading and heading[0] not in found:
        found[heading[0]] = heading[1]
    name = kb.registry.display.get(group, group)
    if not found:
        # the review never says what class of drug this is: no sentence about another drug's class may stand in
        return verdict_of(claim, "not_found", f"the review does not say what class of drug {name} is")
    if claim_class in found:
        sent = found[claim_class]
        more = clashes(kb, claim, sent)       # the right class, but "IgG4" where the review says IgG1
        if more:
            return verdict_of(claim, "contradicted", more[0], [evidence_of(sent)])
        class_words = {x for w in kb.words(claim_class) for x in w.stems}
        rest = [w for w in claim.words if w.stems and not w.groups and w.key not in kb.lexicon.light
                and not set(w.stems) & (sent.stems | class_words)]
        if rest:
            return None     # the class is right; what else the claim says is for the other rules to judge
        return verdict_of(claim, "supported", f"the review describes {name} as {_a(claim_class)} ({cite(sent.section)})",
                          [evidence_of(sent)])
    key, sent = next(iter(found.items()))
    return verdict_of(claim, "contradicted", f"the review describes {name} as {_a(key)} ({cite(sent.section)}), not "
                      f"{_a(claim_class)}", [evidence_of(sent)])


def _own_heading_class(kb: Knowledge, group: str) -> tuple[str, Sentence] | None:
    """The class the heading of the drug's own section names ("4.1 Tyrosine kinase inhibitors"), with the first
    sentence there that names the drug: where the review files a drug says what it is."""
    facts = [f for f in kb.facts if f.kind == "agent" and group in kb.registry.fact_groups.get(f.id, ())]
    for fact in facts:
        for sent in kb.sentences:
            if sent.section in fact.sections and group in sent.groups and _opens_with(kb, sent, group):
                title = fold(" ".join(kb.engine.document.section(sent.section).path[-1:]))
                classes = {key for key, _, _ in _classes_in(title)}
                if len(classes) == 1:
                    return classes.pop(), sent
    return None


def _opens_with(kb: Knowledge, sent: Sentence, group: str) -> bool:
    """The sentence is about the drug: its name is the sentence's first words (the subject)."""
    mentions = kb.registry.mentions(sent.words)
    return bool(mentions) and mentions[0][0] == group and mentions[0][1] == 0


def _a(word: str) -> str:
    """The article as said aloud: "an mTOR inhibitor" (an initialism's letter sounds), "a tyrosine kinase …"."""
    first = word.split()[0]
    vowel_sound = first[:1].lower() in "aeiou" or (first[:2].isupper() or first[:1].islower() and first[1:2].isupper()) \
        and first[:1].upper() in "AEFHILMNORSX"
    return ("an " if vowel_sound else "a ") + word

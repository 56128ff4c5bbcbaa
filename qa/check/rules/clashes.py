"""clashes: why an aligned sentence says the opposite of the claim (identifiers, cues, negation, counts, "only")."""
from __future__ import annotations

import re

from ..claim import Claim, prefix_negated
from ..knowledge import Knowledge, Sentence
from ...lexicon import BE, COUNT_WORDS, HEAD_NOUNS
from ..verdict import cite, quote
from ..words import Word, identifier_shape, prepare
from .alignment import claim_anchors, window


def _cue_object(kb: Knowledge, claim: Claim, i: int, anchors: list[int]) -> tuple[int | None, str]:
    """The claim word a cue is about: "EPHA5 deficiency" -> EPHA5, "reduces Notch activity" -> Notch."""
    w = claim.words[i]
    if w.low.replace("-", "") in kb.lexicon.nominal and (i - 1) in anchors:
        return i - 1, "left"
    right = [a for a in anchors if i < a <= i + 5]
    if right:
        return right[0], "right"
    left = [a for a in anchors if i - 4 <= a < i]
    if left:
        return left[-1], "left"
    return None, ""


def _scan_cue(kb: Knowledge, sent: Sentence, j: int, dim: str, lo: int, hi: int,
              comparative: bool = False) -> int | None:
    """The cue of the dimension that governs sentence word j: a modifier right after it ("EPHA5 deficiency"),
    a comparative anywhere in the aligned span (for a comparative claim), the nearest cue before it in the clause,
    or a predicate after it ("... is inactivated", "could be restored")."""
    words = sent.words
    for k in (j + 1, j + 2):
        if k < len(words) and words[k].cue and words[k].cue[0] == dim and \
                words[k].low.replace("-", "") in kb.lexicon.nominal:
            return k
        if k < len(words) and words[k].low not in HEAD_NOUNS:
            break
    if comparative:
        found = [k for k in range(max(0, lo - 2), min(len(words), hi + 4))
                 if words[k].cue and words[k].cue[0] == dim and words[k].key in kb.lexicon.comparatives]
        if found:
            return min(found, key=lambda k: (abs(k - j), k))
    k = j - 1
    steps = 0
    while k >= max(lo - 3, 0) and steps < 9:
        w = words[k]
        if w.cue and w.cue[0] == dim:
            return k
        if words[k + 1].boundary:
            break
        k -= 1
        steps += 1
    k = j + 1
    seen_be = False
    while k < len(words) and k <= j + 6:
        w = words[k]
        if w.boundary:
            break
        if w.low in BE:
            seen_be = True
        elif w.cue and w.cue[0] == dim and seen_be:
            return k
        k += 1
    return None


def _negations(words: list[Word], lo: int, hi: int, anchors_at: set[int]) -> list[int]:
    out = []
    for k in range(lo, hi + 1):
        w = words[k]
        if not w.neg:
            continue
        for n in range(k + 1, min(len(words), k + 5)):
            if words[n].boundary:
                break
            if n in anchors_at or words[n].cue:
                out.append(k)
                break
    return out


_COMPARE = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?|relative to|over)\b")


def _reference_group(words: list[Word], text: str, groups: set[str]) -> str | None:
    """The entity a comparison is made against: the first of the groups named after "than/compared with/versus"."""
    prepared = prepare(text).lower()
    for m in _COMPARE.finditer(prepared):
        after = [w for w in words if w.start >= m.end()][:6]
        for w in after:
            if w.groups & groups:
                return sorted(w.groups & groups)[0]
    return None


def clashes(kb: Knowledge, claim: Claim, sent: Sentence) -> list[str]:
    """Reasons why the sentence says the opposite of the claim (empty when it agrees)."""
    reasons: list[str] = []
    # identifiers of the same shape: FGFR1 vs FGFR2, miR-155 vs miR-21, IgG4 vs IgG1, 17q23 vs chr17q12
    sent_idents = {sw.low: sw for sw in sent.words if sw.ident}
    claim_idents = {w.low for w in claim.words if w.ident}
    claim_shapes = {}
    for w in claim.words:
        if w.ident and w.low not in sent_idents and not (w.groups & sent.groups) and \
                not any(w.key == sw.key for sw in sent.words):
            claim_shapes.setdefault(identifier_shape(w.low), []).append(w)
    for shape, ws in claim_shapes.items():
        others = [sw for low, sw in sent_idents.items() if identifier_shape(low) == shape and low not in claim_idents]
        if others:
            reasons.append(f"the review says {', '.join(o.text for o in others)}, not {', '.join(w.text for w in ws)}"
                           f" ({cite(sent.section)})")
    # an identifier the review pairs with another entity: "ECD2, which is the pertuzumab domain"
    present: dict[str, set[str]] = {}
    for w in claim.words:
        if w.ident and w.low in sent_idents:
            present.setdefault(identifier_shape(w.low), set()).add(w.low)
    agents = [g for g in sorted(claim.groups & sent.groups) if kb.specific(g)]
    if len(agents) == 1 and not reasons:
        where = [j for j, sw in enumerate(sent.words) if agents[0] in sw.groups]
        for shape, mine in present.items():
            same = [j for j, sw in enumerate(sent.words) if sw.ident and identifier_shape(sw.low) == shape]
            if len({sent.words[j].low for j in same}) < 2 or not where:
                continue
            ranked = sorted(same, key=lambda j: (min(abs(j - p) for p in where), j))
            nearest = list(dict.fromkeys(sent.words[j].low for j in ranked))[:len(mine)]
            if set(nearest) != mine:
                paired = [sent.words[j].text for j in ranked if sent.words[j].low in nearest][:len(mine)]
                reasons.append(f"the review pairs {kb.registry.display[agents[0]]} with {', '.join(paired)}, not "
                               f"{', '.join(w.text for w in claim.words if w.low in mine)} ({cite(sent.section)})")
    anchors = claim_anchors(claim)
    lo, hi, chosen = window(claim, sent, anchors)
    anchors_at = set(chosen.values())
    flips: list[str] = []
    # direction, frequency and quality words bound to the same object
    for i, w in enumerate(claim.words):
        if not w.cue:
            continue
        obj, side = _cue_object(kb, claim, i, anchors)
        if obj is None or obj not in chosen:
            continue
        j = chosen[obj]
        k = _scan_cue(kb, sent, j, w.cue[0], lo, hi, w.key in kb.lexicon.comparatives)
        if k is None:
            if w.key in kb.lexicon.modifiers and w.cue[1] < 0 and w.cue[0] == "magnitude" and \
                    any(kb.specific(g) for g in claim.words[obj].groups):
                phrase = f"{w.text} {claim.words[obj].text}" if obj > i else f"{claim.words[obj].text} {w.text}"
                flips.append(f"the review speaks of {sent.words[j].text} itself, not of \"{phrase}\"")
            continue
        if sent.words[k].cue[1] != w.cue[1]:
            flips.append(f"the review says \"{quote(sent, min(k, j), max(k, j))}\", not \"{w.text}\"")
    # negation
    claim_anchor_set = set(anchors)
    claim_negs = _negations(claim.words, 0, len(claim.words) - 1, claim_anchor_set)
    claim_negs += [i for i in anchors if claim.words[i].prefix_neg]
    sent_negs = _negations(sent.words, lo, hi, anchors_at)
    for a in anchors:
        k = prefix_negated(kb, claim.words[a], sent)
        if k is not None and a not in chosen:
            sent_negs.append(k)
    if len(claim_negs) % 2 != len(sent_negs) % 2:
        if sent_negs:
            k = sent_negs[0]
            flips.append(f"the review says \"{quote(sent, k, k + 6)}\"")
        else:
            k = claim_negs[0]
            cw = claim.words[k]
            j = chosen.get(k)
            if cw.prefix_neg and j is not None:
                flips.append(f"the review says \"{quote(sent, max(lo, j - 2), j + 2)}\", not \"{cw.text}\"")
            else:
                flips.append(f"the review states it without \"{cw.text}\"")
    # a comparison made the other way round
    shared = claim.groups & sent.groups
    if len(shared) >= 2:
        rc = _reference_group(claim.words, claim.text, shared)
        rs = _reference_group(sent.words, sent.text, shared)
        if rc and rs and rc != rs:
            flips.append(f"the review compares against {kb.registry.display[rs]}, not {kb.registry.display[rc]}")
    if len(flips) % 2 == 1:
        reasons.append(flips[0] + f" ({cite(sent.section)})")
    people = {g for g in claim.groups if "person" in kb.registry.kinds.get(g, ())}
    others = {g for g in sent.groups if "person" in kb.registry.kinds.get(g, ())}
    if people and others and not people & others:
        reasons.append(f"the review names {', '.join(kb.registry.display[g] for g in sorted(others))} here "
                       f"({cite(sent.section)}: \"{sent.text[:120]}\"), not "
                       f"{', '.join(kb.registry.display[g] for g in sorted(people))}")
    # a count in words next to the same noun: "a single HER2 epitope" against "two HER2 epitopes"
    for i, w in enumerate(claim.words):
        n = COUNT_WORDS.get(w.low)
        if n is None:
            continue
        noun = next((a for a in anchors if i < a <= i + 3 and a in chosen and claim.words[a].low not in COUNT_WORDS),
                    None)
        if noun is None:
            continue
        j = chosen[noun]
        for k in range(max(0, j - 3), j):
            m = COUNT_WORDS.get(sent.words[k].low)
            if m is not None and m != n:
                reasons.append(f"the review says \"{quote(sent, k, j + 1)}\" ({cite(sent.section)}), not \"{w.text}\"")
                break
    # "only A" in the review against "B" in the claim
    for k in range(lo, min(hi + 1, len(sent.words))):
        if sent.words[k].low != "only" or (k > 0 and sent.words[k - 1].low == "not") or k + 1 >= len(sent.words) \
                or not sent.words[k + 1].stems:
            continue
        after = []
        for sw in sent.words[k + 1:k + 7]:
            if sw.boundary or sent.text[sent.words[k].end:sw.start].count(","):
                break
            if sw.stems:
                after.append(sw)
        if len(after) < 2:
            continue
        verb = next((i for i, cw in enumerate(claim.words) if cw.stems and cw.key == after[0].key), None)
        if verb is None:
            continue
        restricted = [sw.key for sw in after[1:]]
        said = [cw.key for cw in claim.words[verb + 1:] if cw.stems][:len(restricted)]
        extra = [x for x in said if x not in restricted]
        if extra and said:
            reasons.append(f"the review says \"{quote(sent, k, k + len(after))}\" ({cite(sent.section)})")
        break
    # "both A and B" against "only A"
    if re.search(r"\bboth\b", claim.folded) and not any("only" in r for r in reasons):
        for k in range(lo, hi + 1):
            if sent.words[k].low == "only" and not (k > 0 and sent.words[k - 1].low == "not"):
                reasons.append(f"the review says \"{quote(sent, k - 1, min(hi, k + 4))}\" ({cite(sent.section)})")
                break
    # superlatives: "rash was the most common" against "diarrhea was the most common"
    return reasons

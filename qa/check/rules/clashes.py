"""clashes: why an aligned sentence says the opposite of the claim (identifiers, cues, negation, counts, "only")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...lazy_re import lazy_compile
from ..claim import Claim, prefix_negated
from ..knowledge import Knowledge, Sentence
from ...lexicon import BE, COUNT_WORDS, EQUALITY, HEAD_NOUNS, SUPERIORITY, NOMINAL as _NOMINAL_WORDS
from ..verdict import cite, quote
from ...names import identifier_key
from ..words import Word, identifier_shape, prepare
from .alignment import claim_anchors, window


def _cue_object(kb: Knowledge, claim: Claim, i: int, anchors: list[int]) -> tuple[int | None, str]:
    """The claim word a cue is about, for direction claims: "X deficiency" -> X, "reduces Y activity" -> Y."""
    w = claim.words[i]
    if w.low.replace("-", "") in kb.lexicon.nominal and (i - 1) in anchors:
        return i - 1, "left"
    kept = [a for j in range(max(0, i - 8), i) if claim.words[j].cue and _from_noun(claim.words, j) == i
            for a in anchors if j < a < i]
    if kept:
        return kept[0], "left"       # "protects protein X from degradation": the degradation is X's
    right = [a for a in anchors if i < a <= i + 5]
    if right:
        return right[0], "right"
    left = [a for a in anchors if i - 4 <= a < i]
    if left:
        return left[-1], "left"
    return None, ""


def _scan_cue(kb: Knowledge, sent: Sentence, j: int, dim: str, lo: int, hi: int,
              comparative: bool = False) -> int | None:
    """The cue of the dimension that governs sentence word j: a modifier right after it ("X deficiency"),
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
        if words[k + 1].boundary or w.low in BE:
            break     # "a reduction in X is associated with resistance": the cue is the subject's, not the object's
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
    """Negation words in words[lo..hi] that bear on something, for negated statements ("does not inhibit HER2").

    A negation counts when an anchor or a cue word follows it within four words of the same clause."""
    out = []
    for k in range(lo, hi + 1):
        w = words[k]
        if not w.neg:
            continue
        if k + 1 >= len(words) or words[k + 1].low in _POINTING_BACK:
            out.append(k)         # "compared with 5.4 without it": the negation bears on what "it" stands for
            continue
        # the negation's reach: four words, and on along a coordinated object ("devoid of its extracellular
        # domain and the antibody epitope" negates both) up to a new clause
        end = k + 5
        n = k + 1
        while n < len(words) and (n < end or (n == end and words[n].low in ("and", "or", "nor"))):
            if words[n].boundary or words[n].low in _CLAUSE_OPENERS:
                break
            if n in anchors_at or words[n].cue:
                out.append(k)
                break
            if words[n].low in ("and", "or", "nor"):
                end = n + 4
            n += 1
    return out


_CLAUSE_OPENERS = {"which", "that", "but", "while", "whereas", "although", "because", "who"}


_POINTING_BACK = {"it", "them", "this", "that", "these", "those"}
_COMPARE = lazy_compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?|relative to|over)\b")


def _reference_group(words: list[Word], text: str, groups: set[str]) -> str | None:
    """The entity a comparison is made against: the first of the groups named after "than/compared with/versus"."""
    prepared = prepare(text).lower()
    for m in _COMPARE.finditer(prepared):
        after = [w for w in words if w.start >= m.end()][:6]
        for w in after:
            if w.groups & groups:
                return sorted(w.groups & groups)[0]
    return None


def _other_identifiers(claim: Claim, sent: Sentence) -> list[str]:
    """Another identifier of the same shape in the sentence, for claims naming genes, miRNAs, isotypes, loci.

    two receptor genes, two microRNAs, two isotypes, two cytobands of the same shape: one reason per shape
    whose claim identifiers the sentence does not hold while it holds others of that shape."""
    reasons: list[str] = []
    sent_idents = {identifier_key(sw.low): sw for sw in sent.words if sw.ident}
    claim_idents = {identifier_key(w.low) for w in claim.words if w.ident}
    claim_shapes = {}
    for w in claim.words:
        if w.ident and identifier_key(w.low) not in sent_idents and not (w.groups & sent.groups) and \
                not any(w.key == sw.key for sw in sent.words):
            claim_shapes.setdefault(identifier_shape(w.low), []).append(w)
    for shape, ws in claim_shapes.items():
        others = [sw for low, sw in sent_idents.items() if identifier_shape(low) == shape and low not in claim_idents]
        if others:
            reasons.append(f"the review says {', '.join(o.text for o in others)}, not {', '.join(w.text for w in ws)}"
                           f" ({cite(sent.section)})")
    return reasons


def _mispaired_identifiers(kb: Knowledge, claim: Claim, sent: Sentence) -> list[str]:
    """An identifier the sentence pairs with another entity, for claims tying one agent to a domain or variant.

    "drug A binds D4" against "D2, which is the domain of drug A" (any pairing of a name with an identifier): with
    exactly one specific entity shared, the identifiers of each shape nearest to it in the sentence must be the
    claim's."""
    reasons: list[str] = []
    sent_idents = {sw.low: sw for sw in sent.words if sw.ident}
    present: dict[str, set[str]] = {}
    for w in claim.words:
        if w.ident and w.low in sent_idents:
            present.setdefault(identifier_shape(w.low), set()).add(w.low)
    agents = [g for g in sorted(claim.groups & sent.groups) if kb.specific(g)]
    if len(agents) == 1:
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
    return reasons


@dataclass
class _Aligned:
    """How a claim lines up with one sentence, for every word-level clash test.

    `anchors` are the claim's content words, `lo..hi` the sentence span they align to, and `chosen` maps each
    aligned claim anchor to its sentence word."""
    anchors: list[int]
    lo: int
    hi: int
    chosen: dict[int, int]

    @classmethod
    def of(cls, claim: Claim, sent: Sentence) -> "_Aligned":
        anchors = claim_anchors(claim)
        lo, hi, chosen = window(claim, sent, anchors)
        return cls(anchors, lo, hi, chosen)

    @property
    def anchors_at(self) -> set[int]:
        """The sentence words the claim's anchors landed on."""
        return set(self.chosen.values())


def _cue_flip(kb: Knowledge, claim: Claim, sent: Sentence, al: _Aligned, i: int) -> str | None:
    """The opposite cue the sentence gives claim word i's object, for direction/frequency/quality claims.

    "increases HER2" against "decreases HER2", "rarely" against "frequently", "poor" against "good"; and a
    lowering modifier ("X deficiency") when the sentence speaks of the entity itself. None when no flip."""
    w = claim.words[i]
    if _governs_cue(claim.words, i):
        return None       # "promotes the degradation of IRS-1": the inner cue, turned by this one, is compared
    obj, side = _cue_object(kb, claim, i, al.anchors)
    if obj is not None and obj not in al.chosen and side == "right":
        # "dampened migration and invasion": the review may word the first object otherwise and keep the next
        nxt = [a for a in al.anchors if obj < a <= i + 5 and a in al.chosen]
        obj = nxt[0] if nxt else obj
    if obj is None or obj not in al.chosen:
        return None
    j = al.chosen[obj]
    k = _scan_cue(kb, sent, j, w.cue[0], al.lo, al.hi, w.key in kb.lexicon.comparatives)
    if k is None and w.cue[0] in _NOUN_DIMENSIONS:
        # the object said twice ("objective response rate … a 7.5-month partial response"): the other mention's
        for j2 in (n for n, sw in enumerate(sent.words) if n != j and sw.key == sent.words[j].key):
            k = _scan_cue(kb, sent, j2, w.cue[0], 0, len(sent.words) - 1)
            if k is not None:
                j = j2
                break
    if k is None:
        if w.key in kb.lexicon.modifiers and w.cue[1] < 0 and w.cue[0] == "magnitude" and \
                any(kb.specific(g) for g in claim.words[obj].groups):
            phrase = f"{w.text} {claim.words[obj].text}" if obj > i else f"{claim.words[obj].text} {w.text}"
            return f"the review speaks of {sent.words[j].text} itself, not of \"{phrase}\""
        return None
    if _sign(sent.words, k) != _sign(claim.words, i) and w.cue[0] in _NOUN_DIMENSIONS and any(
            sent.words[n].cue and sent.words[n].cue[0] == w.cue[0] and _sign(sent.words, n) == _sign(claim.words, i)
            for n in range(max(0, j - 4), j)):
        return None       # "complete or partial response": the review says both
    if _sign(sent.words, k) != _sign(claim.words, i):
        outer = _governed(claim.words, i)
        said = claim.text[claim.words[outer].start:w.end] if outer is not None else w.text
        return f"the review says \"{quote(sent, min(k, j), max(k, j))}\", not \"{said}\""
    return None


_BETWEEN_CUES = {"the", "a", "an", "its", "their", "of"}
_NOUN_DIMENSIONS = {"extent", "quality", "frequency", "strength"}   # cues said as adjectives of a noun
NOMINAL_CUES = {w.replace("-", "") for w in _NOMINAL_WORDS}


def _governs_cue(words: list[Word], i: int) -> bool:
    """Whether cue verb i acts on a cue noun right after it ("promotes the degradation", "blocks the loss";
    not "deficiency dampens", where the noun is the subject's modifier)."""
    if _nominal(words[i]):
        return False
    for w in words[i + 1:i + 4]:
        if w.low in _BETWEEN_CUES:
            continue
        if w.cue and w.cue[0] == words[i].cue[0] and _nominal(w):
            return True
        break
    return _from_noun(words, i) is not None


def _from_noun(words: list[Word], i: int) -> int | None:
    """The cue noun of "protects X from degradation", "shields X from loss": verb i keeps its object from it."""
    for n in range(i + 1, min(len(words), i + 5)):
        if words[n].low == "from":
            for m in range(n + 1, min(len(words), n + 4)):
                if words[m].low in _BETWEEN_CUES:
                    continue
                w = words[m]
                return m if w.cue and w.cue[0] == words[i].cue[0] and _nominal(w) else None
            return None
        if words[n].boundary or words[n].cue:
            return None
    return None


def _result_of_verb(words: list[Word], k: int) -> bool:
    """Whether cue noun k is what an earlier cue verb's clause leads to ("X upregulates Y, which leads to a loss of
    Z"): a second predicate, not a modifier of the subject ("loss of X increases Y"), so its flip never cancels."""
    return any(w.cue and not _nominal(w) for w in words[:k]) and _governed(words, k) is None


def _nominal(w: Word) -> bool:
    return w.low.replace("-", "") in NOMINAL_CUES


def _governed(words: list[Word], k: int) -> int | None:
    """The cue verb acting on cue noun k ("inhibits the degradation"), or None."""
    j = k - 1
    while j >= 0 and k - j <= 3 and words[j].low in _BETWEEN_CUES:
        j -= 1
    if 0 <= j < k and words[j].cue and words[j].cue[0] == words[k].cue[0] and _governs_cue(words, j):
        return j
    for j in range(max(0, k - 8), k):      # "protects protein X from degradation"
        if words[j].cue and words[j].cue[0] == words[k].cue[0] and _from_noun(words, j) == k:
            return j
    return None


def _sign(words: list[Word], k: int) -> int:
    """The direction cue word k gives its object, turned by a cue acting on it: "inhibits the degradation of X"
    raises X (-1 x -1), "promotes the degradation of X" lowers it."""
    j = _governed(words, k)
    # "the least commonly mutated", "less effective": a degree of inferiority turns the cue round
    lower = -1 if k > 0 and words[k - 1].low in ("less", "least") else 1
    return words[k].cue[1] * (words[j].cue[1] if j is not None else 1) * lower


def _cue_flips(kb: Knowledge, claim: Claim, sent: Sentence, al: _Aligned) -> list[str]:
    """Every cue word of the claim the sentence turns the other way, for direction/frequency/quality claims."""
    flips = []
    for i, w in enumerate(claim.words):
        if w.cue:
            flip = _cue_flip(kb, claim, sent, al, i)
            if flip is not None:
                flips.append(flip)
    return flips


def _claim_negations(claim: Claim, al: _Aligned) -> list[int]:
    """The claim's negations, for negated claims: "not"/"no" bearing on a word, and prefixed anchors ("unable")."""
    negs = _negations(claim.words, 0, len(claim.words) - 1, set(al.anchors))
    # a privative negation counts only when the thing it says is missing lined up with the sentence: "lacks the
    # extracellular domain" is not turned round by a sentence that never speaks of the domain
    negs = [k for k in negs if claim.words[k].low not in _DENIES_NEXT
            or k + 1 >= len(claim.words) or claim.words[k + 1].low in _POINTING_BACK
            or any(n in al.chosen for n in range(k + 1, min(len(claim.words), k + 5)))]
    return negs + [i for i in al.anchors if claim.words[i].prefix_neg]


def _sentence_negations(kb: Knowledge, claim: Claim, sent: Sentence, al: _Aligned) -> list[int]:
    """The sentence's negations in the aligned span, for negated statements ("cannot", "irreplaceable").

    Negation words, plus a claim anchor the sentence gives with a negative prefix ("irreplaceable" for
    "replaced") when that anchor did not align as itself."""
    negs = _negations(sent.words, max(0, al.lo - 8), al.hi, al.anchors_at)   # one may reach into the span
    # "… compared with 5.4 without it": a negation pointing back may answer the claim's own negation wherever it
    # stands (it never makes a reversal by itself: it bears on whatever "it" stands for)
    if any(w.neg for w in claim.words):
        negs += [k for k, w in enumerate(sent.words) if w.neg and (k < al.lo or k > al.hi)
                 and (k + 1 == len(sent.words) or sent.words[k + 1].low in _POINTING_BACK)]
    # every content word of the claim, aligned or not: "reversible" finds no word of its own in "irreversibly"
    # (cue words are compared as cues: "inactivated" against "activation" is one reversal, not two)
    for a in (i for i, w in enumerate(claim.words) if w.stems):
        k = prefix_negated(kb, claim.words[a], sent)
        if k is not None and not _aligned_as_itself(claim, sent, al, a) and (a in al.anchors or not sent.words[k].cue):
            negs.append(k)
    return negs


def _aligned_as_itself(claim: Claim, sent: Sentence, al: _Aligned, a: int) -> bool:
    """Whether claim word a lined up with its own word; a compound only with one holding its head, the last part
    ("HER2-dependent" lined up with the "HER2" of "independent of HER2" did not)."""
    if a not in al.chosen:
        return False
    cw = claim.words[a]
    if len(cw.stems) > 2:
        return cw.stems[-1] in sent.words[al.chosen[a]].stems
    return True


_PRIVATIVE = {"lack", "lacks", "lacked", "lacking", "absence", "absent", "devoid", "without", "missing"}
# Denials that bear on the thing after them only ("primary rather than acquired"): they count against a sentence
# that speaks of that thing, and say nothing against one that does not.
_DENIES_NEXT = _PRIVATIVE | {"rather", "instead"}
_LOSS = {"deficient", "deficiency", "loss", "lost", "losing", "null", "knockdown", "knocked", "depleted", "depletion",
         "silenced", "silencing", "deleted", "deletion", "missing", "absent", "lacking"}


def _privative(words: list[Word], negs: list[int], other: list[Word]) -> bool:
    """Whether a side's negations are all privative ("lacking", "devoid of") and the other side says loss."""
    if not negs or not all(words[k].low in _PRIVATIVE for k in negs):
        return False
    return any(w.low in _LOSS or any(p in _LOSS for p in w.low.split("-")) for w in other)


def _negated(words: list[Word], negs: list[int]) -> bool:
    """Whether a text's negations leave it negative: two in one clause cancel ("not unable"); negations of separate
    clauses each negate their own ("lacks the domain and therefore has no epitope" is negative, not double)."""
    # "neither … nor" is one negation
    negs = sorted(k for k in set(negs) if not (words[k].low == "nor" and any(words[j].low == "neither"
                                                                             for j in range(max(0, k - 6), k))))
    left = 0
    i = 0
    while i < len(negs):
        if i + 1 < len(negs) and negs[i + 1] - negs[i] <= 3 and \
                not any(words[k].boundary or words[k].low in ("and", "but", "therefore", "so", "thus")
                        for k in range(negs[i] + 1, negs[i + 1] + 1)):
            i += 2          # a double negative
            continue
        left += 1
        i += 1
    return left > 0


def _negation_flip(kb: Knowledge, claim: Claim, sent: Sentence, al: _Aligned) -> str | None:
    """Whether one side negates what the other affirms, for negated claims or statements ("does not" vs "does").

    The negations of each side are counted (two cancel out); when the counts differ in parity the reason quotes
    the sentence's negation, or says the review states it without the claim's."""
    claim_negs = _claim_negations(claim, al)
    sent_negs = _sentence_negations(kb, claim, sent, al)
    if _negated(claim.words, claim_negs) == _negated(sent.words, sent_negs):
        return None
    # "lacking PTEN" is "PTEN-deficient": a privative negation answered by a word of loss on the other side
    if _privative(claim.words, claim_negs, sent.words) or _privative(sent.words, sent_negs, claim.words):
        return None
    if sent_negs:
        k = sent_negs[0]
        return f"the review says \"{quote(sent, k, k + 6)}\""
    k = claim_negs[0]
    cw = claim.words[k]
    j = al.chosen.get(k)
    if cw.prefix_neg and j is not None:
        return f"the review says \"{quote(sent, max(al.lo, j - 2), j + 2)}\", not \"{cw.text}\""
    return f"the review states it without \"{cw.text}\""


def _comparison_flip(kb: Knowledge, claim: Claim, sent: Sentence) -> str | None:
    """A comparison made against the other entity, for comparative claims ("A better than B" vs "B than A")."""
    # the things compared are named things (drugs, genes, trials), not measures said beside them ("relative risk")
    shared = {g for g in claim.groups & sent.groups if kb.registry.kinds.get(g, set()) - {"term"}}
    if len(shared) >= 2:
        rc = _reference_group(claim.words, claim.text, shared)
        rs = _reference_group(sent.words, sent.text, shared)
        if rc and rs and rc != rs:
            return f"the review compares against {kb.registry.display[rs]}, not {kb.registry.display[rc]}"
    return None


def _flips(kb: Knowledge, claim: Claim, sent: Sentence, al: _Aligned) -> list[str]:
    """Every way the sentence turns the claim round, in order: cue words, negation, comparison direction.

    An even number of them cancels out (a reversed cue under a negation says the same thing)."""
    flips = _cue_flips(kb, claim, sent, al)
    for flip in (_negation_flip(kb, claim, sent, al), _comparison_flip(kb, claim, sent)):
        if flip is not None:
            flips.append(flip)
    return flips


def _other_people(kb: Knowledge, claim: Claim, sent: Sentence) -> str | None:
    """Other people named than the claim's, for claims attributing work to an author ("X and Y reported ...")."""
    people = {g for g in claim.groups if "person" in kb.registry.kinds.get(g, ())}
    others = {g for g in sent.groups if "person" in kb.registry.kinds.get(g, ())}
    if people and others and not people & others:
        return (f"the review names {', '.join(kb.registry.display[g] for g in sorted(others))} here "
                f"({cite(sent.section)}: \"{sent.text[:120]}\"), not "
                f"{', '.join(kb.registry.display[g] for g in sorted(people))}")
    return None


def _count_word_clashes(claim: Claim, sent: Sentence, al: _Aligned) -> list[str]:
    """Another count in words before the same noun, for claims counting in words ("a single HER2 epitope").

    "a single HER2 epitope" against "two HER2 epitopes": one reason per claim count word that clashes."""
    reasons = []
    for i, w in enumerate(claim.words):
        n = COUNT_WORDS.get(w.low)
        if n is None:
            continue
        noun = next((a for a in al.anchors if i < a <= i + 3 and a in al.chosen
                     and claim.words[a].low not in COUNT_WORDS), None)
        if noun is None:
            continue
        j = al.chosen[noun]
        for k in range(max(0, j - 3), j):
            m = COUNT_WORDS.get(sent.words[k].low)
            if m is not None and m != n:
                reasons.append(f"the review says \"{quote(sent, k, j + 1)}\" ({cite(sent.section)}), not \"{w.text}\"")
                break
    return reasons


def _only_clash(claim: Claim, sent: Sentence, al: _Aligned) -> str | None:
    """A restriction the claim goes beyond, for claims widening an "only" statement.

    "only A" after a verb in the sentence against the same verb with something else in the claim; only the
    first "only" of the aligned span that the claim's verb matches is tested."""
    words = sent.words
    for k in range(al.lo, min(al.hi + 1, len(words))):
        if words[k].low != "only" or (k > 0 and words[k - 1].low == "not") or k + 1 >= len(words) \
                or not words[k + 1].stems:
            continue
        after = []
        for sw in words[k + 1:k + 7]:
            if sw.boundary or sent.text[words[k].end:sw.start].count(","):
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
            return f"the review says \"{quote(sent, k, k + len(after))}\" ({cite(sent.section)})"
        return None
    return None


def _both_against_only(claim: Claim, sent: Sentence, al: _Aligned) -> str | None:
    """An "only" in the sentence against "both A and B", for claims joining two things with "both"."""
    if not re.search(r"\bboth\b", claim.folded):
        return None
    for k in range(al.lo, al.hi + 1):
        if sent.words[k].low == "only" and not (k > 0 and sent.words[k - 1].low == "not"):
            return f"the review says \"{quote(sent, k - 1, min(al.hi, k + 4))}\" ({cite(sent.section)})"
    return None


_ENTITY_ADJECTIVES = {"low", "high", "elevated", "deficient", "reduced", "increased", "decreased"}   # "low miR-567"


def _equality_clash(kb: Knowledge, claim: Claim, sent: Sentence, al: _Aligned) -> str | None:
    """One side says two things differ ("much worse PFS than") and the other that they are alike ("comparable
    to"), for comparative claims."""
    def compares(words, lo, hi):
        return next((w for w in words[lo:hi + 1] if w.key in kb.lexicon.comparatives or w.low in SUPERIORITY), None)

    def equals(words, lo, hi):
        return next((w for w in words[lo:hi + 1] if w.low in EQUALITY), None)
    mine_cmp, mine_eq = compares(claim.words, 0, len(claim.words) - 1), equals(claim.words, 0, len(claim.words) - 1)
    lo, hi = max(0, al.lo - 3), min(len(sent.words) - 1, al.hi + 3)
    theirs_cmp, theirs_eq = compares(sent.words, lo, hi), equals(sent.words, lo, hi)
    if mine_cmp and not mine_eq and theirs_eq and not theirs_cmp:
        return f"the review says \"{theirs_eq.text}\", not \"{mine_cmp.text}\" ({cite(sent.section)})"
    if mine_eq and not mine_cmp and theirs_cmp and not theirs_eq:
        return f"the review says \"{theirs_cmp.text}\", not \"{mine_eq.text}\" ({cite(sent.section)})"
    return None


_PATHWAY_HEAD = {"pathway", "pathways", "signaling", "signalling", "axis", "cascade", "loop"}


def _pathways(words: list[Word]) -> list[Word]:
    """Named pathways: a compound of names joined by "/" or "-" said before "pathway", "signalling", "axis"."""
    return [w for i, w in enumerate(words) if len(w.stems) > 2 and ("/" in w.text or "-" in w.text)
            and i + 1 < len(words) and words[i + 1].low in _PATHWAY_HEAD]


def _other_pathway(claim: Claim, sent: Sentence) -> str | None:
    """Another named pathway in the sentence, for claims naming a pathway the sentence does not ("acting on the
    MAPK/ERK pathway" against "regulate the IGF-1R/Akt/mTOR pathway")."""
    theirs = _pathways(sent.words)
    if not theirs:
        return None
    sent_pieces = {p for w in sent.words for p in w.stems[1:]}
    for w in _pathways(claim.words):
        pieces = set(w.stems[1:])
        if pieces and not pieces & sent_pieces:
            return f"the review says the {theirs[0].text} pathway, not {w.text} ({cite(sent.section)})"
    return None


# Ranks said as the first part of a compound ("first-line", "second-generation", "third-line"), in any prose.
_ORDINAL = lazy_compile(r"^(first|second|third|fourth|fifth|later|1st|2nd|3rd|4th|next)-([a-z]+)$")


def _ordinal_clash(claim: Claim, sent: Sentence) -> str | None:
    """A rank the review gives otherwise, for claims with ranked compounds ("second-line" against "first-line")."""
    theirs = {}
    for w in sent.words:
        m = _ORDINAL.match(w.low)
        if m:
            theirs.setdefault(m.group(2), w.text)
    for w in claim.words:
        m = _ORDINAL.match(w.low)
        if m and m.group(2) in theirs and _ORDINAL.match(theirs[m.group(2)].lower()).group(1) != m.group(1):
            return f"the review says \"{theirs[m.group(2)]}\", not \"{w.text}\" ({cite(sent.section)})"
    return None


def clashes(kb: Knowledge, claim: Claim, sent: Sentence) -> list[str]:
    """Reasons why the sentence says the opposite of the claim (empty when it agrees)."""
    reasons = _other_identifiers(claim, sent)
    if not reasons:
        reasons += _mispaired_identifiers(kb, claim, sent)
    al = _Aligned.of(claim, sent)
    flips = _flips(kb, claim, sent, al)
    # A negation, a reversed comparison or a reversed modifier of an entity ("loss of X" against "high X") can undo
    # one reversed verb, so an even number cancels out; but reversed verbs alone, on different parts of the claim
    # ("strengthens ..., promoting ..." against "reduced ..., preventing ..."), each contradict it.
    predicate = [i for i, w in enumerate(claim.words) if w.cue and _cue_flip(kb, claim, sent, al, i) is not None
                 and (w.low.replace("-", "") not in kb.lexicon.nominal or _governed(claim.words, i) is not None
                      or _result_of_verb(claim.words, i))
                 and w.low not in _ENTITY_ADJECTIVES]
    if len(flips) % 2 == 1 or (len(predicate) >= 2 and len(predicate) == len(flips)):
        reasons.append(flips[0] + f" ({cite(sent.section)})")
    people = _other_people(kb, claim, sent)
    if people is not None:
        reasons.append(people)
    reasons += _count_word_clashes(claim, sent, al)
    equal = _equality_clash(kb, claim, sent, al)
    if equal is not None:
        reasons.append(equal)
    pathway = _other_pathway(claim, sent)
    if pathway is not None:
        reasons.append(pathway)
    ordinal = _ordinal_clash(claim, sent)
    if ordinal is not None:
        reasons.append(ordinal)
    only = _only_clash(claim, sent, al)
    if only is not None:
        reasons.append(only)
    if not any("only" in r for r in reasons):
        both = _both_against_only(claim, sent, al)
        if both is not None:
            reasons.append(both)
    # superlatives: "rash was the most common" against "diarrhea was the most common"
    return reasons


def cue_backed(kb: Knowledge, claim: Claim, sent: Sentence, i: int) -> bool:
    """Whether the sentence says claim cue word i of the thing the claim says it of: the same word anywhere, or a
    cue of the same dimension bound to the aligned object ("downregulates gene X" for "reduces gene X"). A cue of the
    same sense elsewhere in the sentence ("improve survival") backs "upregulates gene X" only when the object did
    not align at all."""
    w = claim.words[i]
    if set(w.stems) & sent.stems:
        return True
    al = _Aligned.of(claim, sent)
    obj, _ = _cue_object(kb, claim, i, al.anchors)
    if obj is None or obj not in al.chosen:
        return any(sw.cue == w.cue for sw in sent.words)
    # the whole clause around the object, not only the aligned span: backing is looked for leniently
    k = _scan_cue(kb, sent, al.chosen[obj], w.cue[0], 0, len(sent.words) - 1, w.key in kb.lexicon.comparatives)
    return k is not None

"""role_swap: two things exchanged around one asymmetric relation ("A induces B" where the review says B induces A;
"X overtook Y" where Y overtook X).

General class: a relation whose two sides cannot be exchanged (cause, regulation, order). Each side is the run of
content words next to the verb, up to a clause break; a passive with "by" turns the sides round. The claim swaps
the roles when what it puts before the verb the review puts after it and the reverse, with nothing placed the
same way."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...lazy_re import lazy_compile
from ...lexicon import BE, HEAD_NOUNS
from ..claim import Claim
from ..knowledge import Knowledge, Sentence
from ..verdict import cite
from ..words import Word, identifier_shape
from ...names import identifier_key

LEFT_WORDS = 10     # how far back the subject of a verb is looked for (relative clauses: "X is a cytokine that V")
RIGHT_WORDS = 5     # how far on its object (the noun phrase right after the verb)
# Words that end a side: conjunctions between clauses, and prepositions that leave the noun phrase ("of" keeps it).
_STOP = {"and", "but", "while", "whereas", "although", "or", "than", "as", "at", "in", "into", "on", "to", "for",
         "with", "from", "via", "through", "by", "during", "after", "before", "when", "because", "which", "where",
         "thereby", "so"}
_CLAUSE_GAP = set(";:.")


@dataclass(frozen=True)
class _Sides:
    left: frozenset
    right: frozenset


def _relation(kb: Knowledge, w: Word) -> str | None:
    """The relation a word names: its RELATIONS line, else its magnitude cue direction ("up"/"down")."""
    rel = kb.lexicon.relations.get(w.key)
    if rel:
        return rel
    if w.cue and w.cue[0] == "magnitude" and w.low.isalpha() and len(w.low) > 5:
        return "up" if w.cue[1] > 0 else "down"
    return None


def _items(kb: Knowledge, w: Word) -> set:
    """What a word contributes to a side: its names, else its stem when it is a content word."""
    if w.groups:
        return set(w.groups)
    if not w.stems or w.key in kb.lexicon.light or w.low in HEAD_NOUNS or w.low in BE or w.cue:
        return set()
    return {w.key}


def _gap(text: str, a: Word, b: Word) -> str:
    return text[a.end:b.start]


def _sides(kb: Knowledge, words: list[Word], text: str, k: int) -> _Sides:
    """The content of each side of the verb words[k], passives turned round."""
    left: set = set()
    n = 0
    j = k - 1
    while j >= 0 and n < LEFT_WORDS:
        w = words[j]
        if _CLAUSE_GAP & set(_gap(text, w, words[j + 1])) or w.low in _STOP or w.key in kb.lexicon.reporting:
            break
        left |= _items(kb, w)
        n += 1
        j -= 1
    right: set = set()
    passive = k + 1 < len(words) and words[k + 1].low == "by"
    j = k + 2 if passive else k + 1
    n = 0
    while j < len(words) and n < RIGHT_WORDS:
        w = words[j]
        if _CLAUSE_GAP & set(_gap(text, words[j - 1], w)) or (w.low in _STOP and right):
            break
        if w.low not in _STOP:
            right |= _items(kb, w)
        if _relation(kb, w) and right:
            break
        n += 1
        j += 1
    if passive:
        left, right = right, left
    return _Sides(frozenset(left), frozenset(right))


def _votes(claim: _Sides, sent: _Sides) -> tuple[int, int, int]:
    """(left swapped, right swapped, same): how many of the claim's one-sided items the sentence places on the
    other side, for each side of the claim, and how many it places on the same side."""
    swapped = [0, 0]
    same = 0
    for side, (mine, theirs_same, theirs_other) in enumerate(((claim.left - claim.right, sent.left, sent.right),
                                                              (claim.right - claim.left, sent.right, sent.left))):
        for x in mine:
            if x in theirs_same and x not in theirs_other:
                same += 1
            elif x in theirs_other and x not in theirs_same:
                swapped[side] += 1
    return swapped[0], swapped[1], same


def role_swap(kb: Knowledge, claim: Claim, sent: Sentence) -> str | None:
    """Why the sentence has the claim's two sides the other way round (or pairs its siblings the other way)."""
    paired = pairing_swap(kb, claim, sent) or code_owner_swap(kb, claim, sent) or list_swap(kb, claim, sent)
    if paired:
        return paired
    for i, cw in enumerate(claim.words):
        rel = _relation(kb, cw)
        if rel is None:
            continue
        mine = _sides(kb, claim.words, claim.text, i)
        if not mine.left - mine.right or not mine.right - mine.left:
            continue
        verdicts = []
        for k, sw in enumerate(sent.words):
            if _relation(kb, sw) != rel:
                continue
            verdicts.append(_votes(mine, _sides(kb, sent.words, sent.text, k)))
        # one occurrence places both of the claim's sides the other way round, and none places any the same way
        if any(a and b for a, b, _ in verdicts) and all(same == 0 for *_, same in verdicts):
            first = _shown(kb, claim, mine.left - mine.right)
            second = _shown(kb, claim, mine.right - mine.left)
            return (f"the review has {first} and {second} the other way round around \"{cw.text}\" "
                    f"({cite(sent.section)}): \"{_span(sent)}\"")
    return None


def _shown(kb: Knowledge, claim: Claim, items) -> str:
    """The claim's own words for a side's items, in claim order."""
    words = [w.text for w in claim.words if _items(kb, w) & items]
    return " ".join(dict.fromkeys(words)) or "?"


def _span(sent: Sentence, width: int = 160) -> str:
    return sent.text if len(sent.text) <= width else sent.text[:width].rsplit(" ", 1)[0] + "…"


def _sequence(kb: Knowledge, words: list[Word], siblings: set[str], attributes: set) -> list[tuple[str, object]]:
    """The siblings ("S", identifier) and attributes ("A", name) of a text, in order, each counted once."""
    out: list[tuple[str, object]] = []
    seen: set = set()
    for w in words:
        if w.ident and identifier_key(w.low) in siblings:
            item = ("S", identifier_key(w.low))
        else:
            names = sorted(w.groups & attributes)
            if not names:
                continue
            item = ("A", names[0])
        if item[1] not in seen:
            seen.add(item[1])
            out.append(item)
    return out


def _pairs(seq: list[tuple[str, object]]) -> dict | None:
    """attribute -> sibling, for "S A S A" (each attribute with the sibling before it) or "A S A S" (after it)."""
    pattern = "".join(k for k, _ in seq)
    if "S" in pattern and pattern not in ("SASA", "ASAS"):   # names before the pairs: the subject ("ZW25 binds")
        seq = seq[pattern.index("S"):]
        pattern = pattern[pattern.index("S"):]
    if pattern == "SASA":
        return {seq[1][1]: seq[0][1], seq[3][1]: seq[2][1]}
    if pattern == "ASAS":
        return {seq[0][1]: seq[1][1], seq[2][1]: seq[3][1]}
    return None


def pairing_swap(kb: Knowledge, claim: Claim, sent: Sentence) -> str | None:
    """Two attributes exchanged between two siblings of one sentence, for claims pairing things in parallel
    ("D2, the site of drug A, and D4, the site of drug B" where the review pairs drug A with D4).

    General class: two identifiers of one shape (two domains, two receptor genes, two microRNAs), each given one named
    attribute in the same pattern by both texts; the claim pairs them the other way."""
    claim_idents = {identifier_key(w.low): identifier_shape(w.low) for w in claim.words if w.ident}
    sent_idents = {identifier_key(w.low): identifier_shape(w.low) for w in sent.words if w.ident}
    shared = {k for k in claim_idents if k in sent_idents}
    for shape in {claim_idents[k] for k in shared}:
        siblings = {k for k in shared if claim_idents[k] == shape}
        if len(siblings) != 2:
            continue
        attributes = {g for g in claim.groups & sent.groups if g not in siblings}
        mine = _pairs(_sequence(kb, claim.words, siblings, attributes))
        theirs = _pairs(_sequence(kb, sent.words, siblings, attributes))
        if not mine or not theirs or set(mine) != set(theirs):
            continue
        if all(mine[a] != theirs[a] for a in mine):
            a = next(iter(sorted(theirs, key=str)))
            shown = {k: next(w.text for w in sent.words if w.ident and identifier_key(w.low) == k) for k in siblings}
            return (f"the review pairs {kb.registry.display.get(a, a)} with {shown[theirs[a]]}, not "
                    f"{shown[mine[a]]} ({cite(sent.section)}): \"{_span(sent)}\"")
    return None


# A code: six or more letters and digits with at least four digits (grant, registry, accession numbers), not a
# gene or variant name ("d16-HER2", "HER2-positive").
_CODE = lazy_compile(r"(?<![\w-])(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{6,}(?![\w-])")


def _segments(kb: Knowledge, text: str, own_clause: bool = False) -> dict[str, set[str]]:
    """Each long code of a text (a grant number, a registry id) with the content stems before it, back to the
    code before it (own_clause: back to the last "and" or ";" too): the words that name its owner."""
    out: dict[str, set[str]] = {}
    prev = 0
    codes = list(_CODE.finditer(text))
    for n, m in enumerate(codes):
        if own_clause:
            cut = [b.end() for b in re.finditer(r"\band\b|;", text[prev:m.start()])]
            if cut:
                prev += cut[-1]
        words = {x for w in kb.words(text[prev:m.start()]) for x in w.stems if not any(c.isdigit() for c in w.low)}
        if own_clause and len(words - _CODE_WORDS) < 2:
            # "Grant 2019A1515110953 was awarded by the Natural Science Foundation …": its owner is named after it
            end = codes[n + 1].start() if n + 1 < len(codes) else len(text)
            words |= {x for w in kb.words(text[m.end():end]) for x in w.stems if not any(c.isdigit() for c in w.low)}
        out.setdefault(m.group(0).lower(), words)
        prev = m.end()
    return out


_CODE_WORDS = {"grant", "number", "no", "code", "id", "registr", "award", "project"}


def code_owner_swap(kb: Knowledge, claim: Claim, sent: Sentence) -> str | None:
    """A code the review gives one owner, given another by the claim ("the Li Ka Shing Foundation grant was
    2019A1515110953", a number the review lists under another foundation), for sentences listing several codes."""
    theirs = _segments(kb, sent.text)
    if len(theirs) < 2:
        return None
    mine = _segments(kb, claim.text, own_clause=True)
    for code, words in mine.items():
        if code not in theirs:
            continue
        own = theirs[code] - set().union(*(ws for c, ws in theirs.items() if c != code))
        others = {c: ws - theirs[code] for c, ws in theirs.items() if c != code}
        best = max(others, key=lambda c: len(words & others[c]))
        if not words & own and len(words & others[best]) >= 2:
            shown = next(m.group(0) for m in _CODE.finditer(sent.text) if m.group(0).lower() == code)
            owner = next(m.group(0) for m in _CODE.finditer(sent.text) if m.group(0).lower() == best)
            return (f"the review lists {shown} under another name than the claim gives it; what the claim names "
                    f"goes with {owner} ({cite(sent.section)})")
    return None


_LABELLED_LIST = lazy_compile(r"((?:[\w-]+\s+){0,2}[\w-]+)\s*\(([^()]{2,80})\)")


def _lists(kb: Knowledge, text: str) -> list[tuple[str, set[str], list[set]]]:
    """The labelled lists of a sentence ("inhibitors of apoptosis (Bcl-2, survivin)"): (label as printed, label
    stems, each item's names or stems)."""
    out = []
    for m in _LABELLED_LIST.finditer(text):
        items = [i.strip() for i in re.split(r",|\band\b", m.group(2)) if i.strip()]
        if len(items) < 2 or any(len(i.split()) > 4 for i in items):
            continue
        label = {x for w in kb.words(m.group(1)) if w.stems and w.key not in kb.lexicon.light for x in w.stems}
        named = [_item(kb, i) for i in items]
        if label and all(named):
            printed = re.sub(r"^(?:and|or|the|of|with|by)\s+", "", m.group(1).strip(), flags=re.I)
            out.append((printed, label, named))
    return out


def _item(kb: Knowledge, text: str) -> set:
    words = kb.words(text)
    groups = {g for w in words for g in w.groups}
    return groups or {w.key for w in words if w.stems}


def list_swap(kb: Knowledge, claim: Claim, sent: Sentence) -> str | None:
    """An item put in another labelled list of the sentence ("Bcl-2 and survivin as angiogenesis-inducing factors"
    where the review lists them as inhibitors of apoptosis), for sentences of two or more labelled lists."""
    lists = _lists(kb, sent.text)
    if len(lists) < 2:
        return None
    words = claim.words
    # where the claim names each list's label (all its stems within a few words) and each item
    label_at = {}
    named = {}          # labels the claim gives in full
    for n, (_, stems, _) in enumerate(lists):
        hits = [i for i, w in enumerate(words) if set(w.stems) & stems]
        if hits:
            label_at[n] = hits   # any of its words ("angiogenic factors" for "angiogenesis-inducing factors")
        if hits and stems <= {x for w in words for x in w.stems}:
            named[n] = hits
    if not named:
        return None
    for n, (printed, _, items) in enumerate(lists):
        for item in items:
            at = [i for i, w in enumerate(words) if (w.groups & item) or (w.key in item)]
            if not at:
                continue
            nearest = min(label_at, key=lambda k: min(abs(a - h) for a in at for h in label_at[k]))
            if nearest != n and nearest in named and n not in label_at:
                item_text = words[at[0]].text
                return (f"the review lists {item_text} among \"{printed}\", not \"{lists[nearest][0]}\" "
                        f"({cite(sent.section)})")
    return None

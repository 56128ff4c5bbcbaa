"""unknown_terms: the names and identifiers of a claim that the review never mentions (step 1)."""
from __future__ import annotations

from ..claim import Claim
from ..knowledge import Knowledge
from ...measures import DRUG_LIKE
from ...quantities import MONTHS
from ..words import Word


def unknown_terms(kb: Knowledge, claim: Claim) -> tuple[list[Word], list[Word]]:
    """(specific names never in the review, identifiers never in the review) - mentions of glossary names excluded."""
    in_mention = {i for _, a, b, _ in claim.mentions for i in range(a, b + 1)}
    names, idents = [], []
    first_word = 0
    for i, w in enumerate(claim.words):
        if i in in_mention or i in claim.number_words or not w.stems or w.low in MONTHS:
            continue
        known = w.stems[0] in kb.vocab or (len(w.stems) > 1 and all(s in kb.vocab for s in w.stems[1:]))
        if known:
            continue
        raw = w.text
        initial = i == first_word
        if w.ident:
            idents.append(w)
        elif (raw[:1].isupper() and not initial) or (len(raw) >= 2 and raw.isupper()) or DRUG_LIKE.search(w.low) \
                or (raw[:1].isupper() and any(c.isupper() for c in raw[1:])):
            names.append(w)
    return names, idents

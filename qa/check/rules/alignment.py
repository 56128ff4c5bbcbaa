"""window: which words of a sentence line up with the claim's anchor words (the span clashes are looked for in)."""
from __future__ import annotations

from ..claim import Claim
from ..knowledge import Sentence


def _anchor_matches(claim: Claim, cw_i: int, sent: Sentence) -> list[tuple[int, int]]:
    """Positions in the sentence that match claim word cw_i, with a quality (3 same word, 2 same name, 1 partial)."""
    cw = claim.words[cw_i]
    out = []
    for j, sw in enumerate(sent.words):
        if not sw.stems:
            continue
        if cw.key == sw.key:
            out.append((j, 3))
        elif cw.groups and cw.groups & sw.groups:
            out.append((j, 2))
        elif cw.stems and sw.stems and len(cw.stems) == 1 and len(sw.stems) == 1 and \
                cw.canon and cw.canon == sw.canon:
            out.append((j, 1))
        elif any(len(s) >= 3 and not s.isdigit() for s in set(cw.stems) & set(sw.stems)):
            out.append((j, 1))
    return out


def window(claim: Claim, sent: Sentence, anchors: list[int]) -> tuple[int, int, dict[int, int]]:
    """The span of the sentence that lines up with the claim: every claim anchor it holds, in the claim's order
    where possible, as compact as possible; returns (first, last, anchor -> chosen position)."""
    hits = []
    for a in anchors:
        for j, quality in _anchor_matches(claim, a, sent):
            hits.append((j, a, quality))
    if not hits:
        return 0, len(sent.words) - 1, {}
    hits.sort()
    need = {a for _, a, _ in hits}
    windows = []
    counts: dict[int, int] = {}
    left = have = 0
    for right in range(len(hits)):
        a = hits[right][1]
        counts[a] = counts.get(a, 0) + 1
        if counts[a] == 1:
            have += 1
        while have == len(need):
            windows.append((hits[left][0], hits[right][0]))
            la = hits[left][1]
            counts[la] -= 1
            if counts[la] == 0:
                have -= 1
            left += 1
    best = None
    for lo, hi in dict.fromkeys(windows):
        chosen: dict[int, int] = {}
        for j, a, quality in sorted(hits, key=lambda h: (-h[2], h[0])):
            if lo <= j <= hi and a not in chosen:
                chosen[a] = j
        order = sorted(chosen)
        inversions = sum(1 for x in range(len(order)) for y in range(x + 1, len(order))
                         if chosen[order[x]] > chosen[order[y]])
        score = (hi - lo) + 5 * inversions
        if best is None or score < best[0]:
            best = (score, lo, hi, chosen)
    _, lo, hi, chosen = best
    # each anchor at its best-matching position; among equals, the one that keeps the claim's order and stays near
    # its neighbours. A word the claim repeats takes the review's occurrences in turn, even past the span.
    order = sorted(chosen)
    seen_keys: dict[str, list[int]] = {}
    last = -1
    for idx, a in enumerate(order):
        key = claim.words[a].key
        taken = seen_keys.setdefault(key, [])
        options = [(j, q) for j, b, q in hits if b == a and (lo <= j <= hi or (taken and j > taken[-1]))]
        top = max((q for _, q in options), default=0)
        options = [j for j, q in options if q == top and j not in taken]
        if taken and options:
            later = [j for j in options if j > taken[-1]]
            chosen[a] = later[0] if later else options[0]
        elif len(options) >= 2:
            later = [j for j in options if j > last]
            neighbours = [chosen[order[x]] for x in (idx - 1, idx + 1) if 0 <= x < len(order)]
            pool = later or options
            chosen[a] = min(pool, key=lambda j: (sum(abs(j - n) for n in neighbours), j)) if neighbours else pool[0]
        elif options:
            chosen[a] = options[0]
        taken.append(chosen[a])
        last = max(last, chosen[a])
        hi = max(hi, chosen[a])
    start = lo
    steps = 0
    while start > 0 and steps < 3 and not sent.words[start].boundary:
        prev = sent.words[start - 1]
        if prev.cue or prev.neg or not prev.stems or prev.low in ("of", "in"):
            start -= 1
            steps += 1
        else:
            break
    return start, hi, chosen


def claim_anchors(claim: Claim) -> list[int]:
    """The claim words a sentence must line up with: content words, not cues, negations or numbers."""
    return [i for i, w in enumerate(claim.words) if w.stems and not w.cue and not w.neg and i not in claim.number_words]

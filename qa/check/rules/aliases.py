"""alias: "X is another name for Y" judged by the glossary (same entry or not)."""
from __future__ import annotations

import re

from ...lazy_re import lazy_compile
from ...models import Verdict
from ...text import fold
from ..claim import Claim
from ..knowledge import Knowledge
from ..verdict import evidence_of, verdict_of

_ALIAS = lazy_compile(
    r"^(?P<x>.+?)\s+(?:is|was|are)\s+(?:also\s+)?(?:(?:known|referred to|abbreviated|designated|marketed)\s+as|called|"
    r"(?:sold|marketed|known|approved|registered)\s+(?:by|under)\s+the\s+(?:\w+\s+)?name|"
    r"named|termed|another name for|an(?:other)? (?:alias|name|abbreviation|synonym) (?:for|of)|a synonym (?:for|of)|"
    r"short for|the same (?:drug |agent |compound |molecule |thing )?as|"
    r"the (?:\w+ )?(?:code|name)(?: name)? (?:of|for))\s+(?P<y>.+?)[.!?]?$", re.I)
_IDENTITY = lazy_compile(r"^(?P<x>.+?)\s+(?:is|was)\s+(?!an?\s|the\s)(?P<y>.+?)[.!?]?$", re.I)


def alias(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Verdict on "X is (another name for) Y" when both are glossary names; None for other claims."""
    if len(claim.text) > 300:
        return None
    m = _ALIAS.match(claim.text.strip())
    identity = m is None
    if identity:
        m = _IDENTITY.match(claim.text.strip())     # "SYD985 is trastuzumab duocarmazine": two names, nothing else
        if not m:
            return None
    x_span, y_span = m.span("x"), m.span("y")

    def groups_in(span) -> list[tuple[str, int, int, str]]:
        return [mm for mm in claim.mentions
                if claim.words[mm[1]].start >= span[0] and claim.words[mm[2]].end <= span[1]]

    xs, ys = groups_in(x_span), groups_in(y_span)
    if len(xs) != 1 or len(ys) != 1:
        return None
    (gx, xa, xb, _), (gy, ya, yb, _) = xs[0], ys[0]
    x_text, y_text = claim.text[claim.words[xa].start:claim.words[xb].end], \
        claim.text[claim.words[ya].start:claim.words[yb].end]
    # each side is a name and little else
    rest = [w for i, w in enumerate(claim.words)
            if (x_span[0] <= w.start < x_span[1] or y_span[0] <= w.start < y_span[1])
            and w.stems and not (xa <= i <= xb or ya <= i <= yb)]
    if len(rest) > (0 if identity else 1):
        return None
    if identity and not (kb.registry.kinds.get(gx, set()) & kb.registry.kinds.get(gy, set()) - {"term"}) \
            and gx != gy:
        return None
    ev = [evidence_of(s) for s in kb.sentences if gx in s.groups][:1]
    noun = "drug" if "agent" in kb.registry.kinds.get(gx, set()) | kb.registry.kinds.get(gy, set()) else "entry"
    if gx == gy:
        unprinted = [t for t in (x_text, y_text) if not kb.printed(t)]
        if unprinted:
            # the review must say it: a name only qa's glossary knows (a brand name, a code) supports nothing
            printed = [n for n in kb.registry.members(gx) if kb.printed(n)]
            return verdict_of(claim, "not_found", f"the review never uses the name {unprinted[0]} (qa's glossary "
                              f"knows it as a name of {printed[0] if printed else kb.registry.display[gx]}, "
                              f"the review does not say so)", ev)
        others = [n for n in kb.registry.members(gx) if fold(n) not in (fold(x_text), fold(y_text))]
        also = f"; also written {', '.join(others[:4])}" if others else ""
        return verdict_of(claim, "supported", f"{x_text} and {y_text} name the same {noun} in the review and its "
                          f"glossary{also}", ev)
    dx, dy = kb.registry.display[gx], kb.registry.display[gy]
    if fold(x_text) == fold(dx) and fold(y_text) == fold(dy):
        return verdict_of(claim, "contradicted", f"{x_text} and {y_text} are different {noun}s in the review", ev)
    if fold(x_text) == fold(dx):
        (x_text, dx), (y_text, dy) = (y_text, dy), (x_text, dx)
        ev = [evidence_of(s) for s in kb.sentences if gy in s.groups][:1]
    return verdict_of(claim, "contradicted", f"in the review {x_text} is {dx}, not {dy}", ev)

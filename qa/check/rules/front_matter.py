"""front_matter: claims about the article itself (editor, reviewers, authors, dates) judged by its front matter."""
from __future__ import annotations

import re

from ...models import Evidence, Verdict
from ...text import fold
from ..claim import Claim
from ..knowledge import Knowledge
from ...names import person_name
from ...quantities import agree, as_printed, quantities
from ..verdict import cite, evidence_of, verdict_of

_ROLE_PATTERNS = [
    ("editor", re.compile(r"\bedit(?:ed|or|ors|ing)\b")),
    ("reviewer", re.compile(r"\breviewed\b|\breviewers?\b|\bpeer[- ]review")),
    ("correspondence", re.compile(r"\bcorrespond\w*")),
    ("author", re.compile(r"\bauthors?\b|\bwr(?:ote|itten)\b|\bco-?authored\b")),
]
_DATE_ROLES = [("received", re.compile(r"\breceived\b|\bsubmitted\b")), ("accepted", re.compile(r"\baccepted\b")),
               ("published", re.compile(r"\bpublished\b|\bpublication\b"))]
_ARTICLE = re.compile(r"\b(?:article|review|paper|manuscript)\b")


def _name_in(name: str, folded_claim: str) -> bool:
    n = fold(name)
    if n and n in folded_claim:
        return True
    parts = [p for p in re.split(r"[\s.]+", n) if p]
    if len(parts) >= 2:
        return re.search(rf"\b{re.escape(parts[0])}\b.*\b{re.escape(parts[-1])}\b", folded_claim) is not None
    return False


def front_matter(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Verdict on a claim about the article's editor, reviewers, authors or dates; None otherwise."""
    md = kb.metadata
    if md is None or len(claim.words) > 25:
        return None
    folded = claim.folded
    people = {
        "editor": [person_name(n) for n in getattr(md, "editor", ())],
        "reviewer": [person_name(n) for n in getattr(md, "reviewers", ())],
        "correspondence": [n for n, _ in getattr(md, "correspondence", ())],
        "author": [a.name for a in getattr(md, "authors", ())],
    }
    section_of = {"editor": "edited-by", "reviewer": "reviewed-by", "correspondence": "correspondence",
                  "author": "authors"}
    role = next((name for name, pattern in _ROLE_PATTERNS if pattern.search(folded)), None)
    named = sorted({p for ps in people.values() for p in ps if _name_in(p, folded)})

    def evidence_for(r: str) -> list[Evidence]:
        return [evidence_of(s) for s in kb.sentences if s.section == section_of[r]][:1]

    if role and people.get(role):
        listed = people[role]
        label = {"editor": "edited by", "reviewer": "reviewed by", "correspondence": "corresponding authors are",
                 "author": "authors are"}[role]
        if named:
            inside = [p for p in named if p in listed]
            outside = [p for p in named if p not in listed]
            if inside and not outside:
                return verdict_of(claim, "supported", f"the review lists {', '.join(inside)} under "
                                  f"{section_of[role].replace('-', ' ')} ({cite(section_of[role])})",
                                  evidence_for(role))
            other = [r for r, ps in people.items() if any(p in ps for p in outside) and r != role]
            extra = f"; {outside[0]} appears under {section_of[other[0]].replace('-', ' ')}" if other else ""
            return verdict_of(claim, "contradicted", f"the review is {label} {', '.join(listed)} "
                              f"({cite(section_of[role])}), not {', '.join(outside)}{extra}",
                              evidence_for(role) + (evidence_for(other[0]) if other else []))
        if role in ("editor", "reviewer") and re.search(r"\bby\s+(?:dr\.?\s+)?[A-Z][a-z]+", claim.text):
            return verdict_of(claim, "contradicted", f"the review is {label} {', '.join(listed)} "
                              f"({cite(section_of[role])})", evidence_for(role))
    if _ARTICLE.search(folded) or claim.folded.startswith(("it was", "this was")):
        dates = [q for q in claim.quantities if q.unit in ("date", "year")]
        for name, pattern in _DATE_ROLES:
            if not pattern.search(folded) or not dates:
                continue
            printed = getattr(md, name, "") or ""
            review_dates = [q for q in quantities(printed) if q.unit in ("date", "year")]
            if not review_dates:
                continue
            rd = review_dates[0]
            c = dates[0]
            if c.unit == "year":
                ok = rd.date and rd.date[0] == int(c.low)
            else:
                ok = bool(agree(c, rd))
            ev = [evidence_of(s) for s in kb.sentences if s.section == "dates" and name[:5] in s.text.lower()][:1]
            if ok:
                return verdict_of(claim, "supported", f"the review was {name} {printed} ({cite('dates')})", ev)
            return verdict_of(claim, "contradicted", f"the review was {name} {printed} ({cite('dates')}), "
                              f"not {as_printed(c)}", ev)
    return None

"""front_matter: claims about the article itself (editor, reviewers, authors, dates) judged by its front matter."""
from __future__ import annotations

import re
from datetime import date

from ...lazy_re import lazy_compile
from ...models import Evidence, Verdict
from ...text import fold
from ..claim import Claim
from ..knowledge import Knowledge
from ...names import person_name
from ...quantities import NUMBER_WORD, agree, as_printed, number_value, quantities
from ..verdict import cite, evidence_of, verdict_of

_ROLE_PATTERNS = [
    ("editor", lazy_compile(r"\bedit(?:ed|or|ors|ing)\b")),
    ("reviewer", lazy_compile(r"\breviewed\b|\breviewers?\b|\bpeer[- ]review")),
    ("correspondence", lazy_compile(r"\bcorrespond\w*")),
    ("author", lazy_compile(r"\bauthors?\b|\bwr(?:ote|itten)\b|\bco-?authored\b")),
]
# The events of an article's history, in the words people use for them (any journal article).
_DATE_ROLES = [("received", lazy_compile(r"\breceived\b|\breceipt\b|\bsubmitted\b|\bsubmission\b|\bcame in\b|"
                                       r"\barrived\b|\bsent in\b")),
               ("accepted", lazy_compile(r"\baccept(?:ed|ance)\b|\bapproved for publication\b")),
               ("published", lazy_compile(r"\bpublished\b|\bpublication\b|\bonline\b|\bappeared\b|\bcame out\b|"
                                        r"\breleased\b|\bwent out\b"))]
_ARTICLE = lazy_compile(r"\b(?:article|review|paper|manuscript)\b")


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
    contributions = _contributions(kb, claim) or _affiliation_names(kb, claim, people["author"])
    if contributions is not None:
        return contributions
    ranked = _author_rank(kb, claim) or _list_count(kb, claim)
    if ranked is not None:
        return ranked
    titled = _title(kb, claim)
    if titled is not None:
        return titled
    role = next((name for name, pattern in _ROLE_PATTERNS if pattern.search(folded)), None)
    named = sorted({p for ps in people.values() for p in ps if _name_in(p, folded)})

    def evidence_for(r: str) -> list[Evidence]:
        return [evidence_of(s) for s in kb.sentences if s.section == section_of[r]][:1]

    if role and people.get(role):
        listed = people[role]
        label = {"editor": "the review is edited by", "reviewer": "the review is reviewed by",
                 "correspondence": "the review's corresponding authors are",
                 "author": "the review's authors are"}[role]
        if named:
            inside = [p for p in named if p in listed]
            outside = [p for p in named if p not in listed]
            if inside and not outside:
                if claim.reading is not None and claim.reading.unknown:
                    return None     # "the correspondence block gives an ORCID iD": the rest is not in the review
                if _ONLY.search(folded) and len(listed) > 1:
                    return verdict_of(claim, "contradicted", f"{label} {', '.join(listed)} "
                                      f"({cite(section_of[role])})", evidence_for(role))
                place = _attribute_clash(kb, claim, inside, section_of[role])
                if place is not None:
                    return verdict_of(claim, "contradicted", place, evidence_for(role))
                return verdict_of(claim, "supported", f"the review lists {', '.join(inside)} under "
                                  f"{section_of[role].replace('-', ' ')} ({cite(section_of[role])})",
                                  evidence_for(role))
            other = [r for r, ps in people.items() if any(p in ps for p in outside) and r != role]
            extra = f"; {outside[0]} appears under {section_of[other[0]].replace('-', ' ')}" if other else ""
            return verdict_of(claim, "contradicted", f"{label} {', '.join(listed)} "
                              f"({cite(section_of[role])}), not {', '.join(outside)}{extra}",
                              evidence_for(role) + (evidence_for(other[0]) if other else []))
        if role in ("editor", "reviewer") and re.search(r"\bby\s+(?:dr\.?\s+)?[A-Z][a-z]+", claim.text):
            return verdict_of(claim, "contradicted", f"{label} {', '.join(listed)} "
                              f"({cite(section_of[role])})", evidence_for(role))
    events = {name for name, pattern in _DATE_ROLES if pattern.search(folded)}
    if _ARTICLE.search(folded) or claim.folded.startswith(("it was", "this was", "it went", "it came")) or \
            (len(events) == 2 and not any(kb.named_thing(g) for g in claim.groups)):   # an interval between two events
        verdict = _dates(kb, claim)
        if verdict is not None:
            return verdict
    return _article_parts(kb, claim)
    return None


_ONLY = lazy_compile(r"\b(?:sole|only|single|lone|one and only)\b")
# Where people work, in the words any article's readers use for it.
_AFFILIATION = lazy_compile(r"\b(?:affiliat\w*|institutions?|based|work(?:s|ing)?|belong(?:s)?|departments?|"
                          r"universit(?:y|ies)|hospitals?|college|laborator(?:y|ies)|located|situated|cent(?:er|re)s?)\b")


def _affiliation_names(kb: Knowledge, claim: Claim, authors: list[str]) -> Verdict | None:
    """"The authors work at X in Y": the front matter lists every affiliation, so a proper name of the claim's
    affiliation (an institution, a department, a city) that none of them holds contradicts it."""
    folded = claim.folded
    if not _AFFILIATION.search(folded) or not (re.search(r"\bauthors?\b", folded)
                                                or any(_name_in(a, folded) for a in authors)):
        return None
    sents = [s for s in kb.sentences if s.section == "affiliations"]
    if not sents:
        return None
    listed = {t for s in sents for t in kb.tokenizer.tokens(s.text)}
    people = {t for a in authors for t in kb.tokenizer.tokens(a)}
    names = [w for i, w in enumerate(claim.words) if i > 0 and w.text[:1].isupper() and w.stems and not w.groups
             and w.key not in people and not _AFFILIATION.fullmatch(w.low)]
    foreign = [w.text for w in names if not set(w.stems) & listed]
    if not foreign:
        return None
    shown = "; ".join(s.text for s in sents)
    shown = shown if len(shown) <= 240 else shown[:237].rsplit(" ", 1)[0] + "…"
    return verdict_of(claim, "contradicted", f"the review lists the affiliations as \"{shown}\" (affiliations), "
                      f"with no {', '.join(dict.fromkeys(foreign))}", [evidence_of(s) for s in sents[:1]])


def _attribute_clash(kb: Knowledge, claim: Claim, people: list[str], section: str) -> str | None:
    """The claim's other proper names about a listed person (an institution, a city) against that person's own
    entry of the front-matter section: why they clash, or None when the entry holds them or there are none."""
    text = " ".join(s.text for s in kb.sentences if s.section == section)
    names = {x for p in people for x in kb.tokenizer.tokens(p)}
    frame = {kb.tokenizer.stem(w) for w in ("reviewer", "reviewed", "review", "editor", "edited", "author",
                                            "corresponding", "correspondence", "affiliated", "affiliation", "based",
                                            "article", "paper", "manuscript", "handling", "peer")}
    # proper names of the claim besides the person's (an institution, a city): capitalised inside the sentence,
    # each said of the person named last before it ("A (X University) and B (Y University)")
    at = {p: _position(claim.folded, p) for p in people}
    extra_of: dict[str, set[str]] = {p: set() for p in people}
    for i, w in enumerate(claim.words):
        if w.stems and w.key not in names and w.key not in frame and i > 0 and w.text[:1].isupper() and not w.groups:
            before = [p for p in people if 0 <= at[p] <= w.start]
            owner = max(before, key=lambda p: at[p]) if before else None
            for p in ([owner] if owner else people):
                extra_of[p].add(w.key)
    if not any(extra_of.values()):
        return None
    # each person's stretch of the section: from their name to the next listed name
    spans = _entries(kb, text)
    for p in people:
        own = spans.get(p)
        extra = extra_of[p]
        if own is None or not extra or extra <= own:
            continue
        # the entry states the person's affiliation: words of another one clash with it
        if any((extra - own) & words for q, words in spans.items() if q != p) or len(own) >= 2:
            return f"the review lists \"{_entry_text(text, p, spans)}\" ({cite(section)})"
    return None


def _position(folded_claim: str, name: str) -> int:
    """Where the claim names the person (by full name, else surname), or -1."""
    n = fold(name)
    at = folded_claim.find(n)
    if at < 0 and n.split():
        m = re.search(rf"\b{re.escape(n.split()[-1])}\b", folded_claim)
        at = m.start() if m else -1
    return at


def _entries(kb: Knowledge, text: str) -> dict[str, set[str]]:
    """Each listed person of a front-matter entry with the stems that follow their name up to the next name."""
    people = [n for n in (person_name(x) for x in getattr(kb.metadata, "reviewers", ()) or ()) if n]
    people += [person_name(x) for x in getattr(kb.metadata, "editor", ()) or ()]
    found = sorted((text.find(p), p) for p in set(people) if p and text.find(p) >= 0)
    out = {}
    for i, (at, p) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(text)
        out[p] = set(kb.tokenizer.tokens(text[at + len(p):end]))
    return out


def _entry_text(text: str, person: str, spans: dict[str, set[str]]) -> str:
    """The person's entry as printed: from the name to the next listed name."""
    at = text.find(person)
    nexts = [text.find(q) for q in spans if q != person and text.find(q) > at]
    return text[at:min(nexts) if nexts else len(text)].strip().rstrip(",") if at >= 0 else person


def _dates(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Each date of the claim against the event it is given for: the event named last before it ("came in on 29
    July and was accepted ... on 12 September"), else the one event the claim names."""
    md = kb.metadata
    folded = claim.folded
    dates = [q for q in claim.quantities if q.unit in ("date", "year")]
    events = sorted((m.start(), name) for name, pattern in _DATE_ROLES for m in pattern.finditer(folded))
    if not dates:
        return _date_gap(kb, claim, events)
    if not events:
        return None
    checked = []
    for c in dates:
        before = [name for at, name in events if at < c.start]
        name = before[-1] if before else events[0][1]
        printed = getattr(md, name, "") or ""
        review_dates = [q for q in quantities(printed) if q.unit in ("date", "year")]
        if not review_dates:
            return None
        rd = review_dates[0]
        ok = rd.date and rd.date[0] == int(c.low) if c.unit == "year" else bool(agree(c, rd))
        checked.append((name, printed, c, ok))
    ev = [evidence_of(s) for s in kb.sentences if s.section == "dates"][:1]
    gap = _date_gap(kb, claim, events)      # "accepted three months after it was received at the end of July"
    if gap is not None and gap.verdict == "contradicted":
        return gap
    for name, printed, c, ok in checked:
        if not ok:
            return verdict_of(claim, "contradicted", f"the review was {name} {printed} ({cite('dates')}), "
                              f"not {as_printed(c)}", ev)
    said = "; ".join(f"{name} {printed}" for name, printed, _, _ in dict.fromkeys(
        (n, p, None, None) for n, p, _, _ in checked))
    return verdict_of(claim, "supported", f"the review was {said} ({cite('dates')})", ev)


def _is_person(kb: Knowledge, g: str) -> bool:
    return "person" in kb.registry.kinds.get(g, set())


def _role_words(kb: Knowledge, words) -> set[str]:
    """What a stretch of words says someone did: its content stems, canonical ("drafted" = "wrote")."""
    return {kb.canon(w.key) for w in words if w.stems and not w.groups and not w.ident
            and w.key not in kb.lexicon.light and w.low not in ("all", "authors", "author")}


def _segments(kb: Knowledge, words) -> list[tuple[list[str], set[str]]]:
    """(people, what they did) for each run of names followed by the words about them ("X-FL and W-QL conceived
    and designed the project. Z-HW wrote ...")."""
    out: list[tuple[list[str], list]] = []
    for w in words:
        people = [g for g in w.groups if _is_person(kb, g)]
        if people:
            if not out or out[-1][1]:
                out.append(([], []))
            out[-1][0].extend(p for p in people if p not in out[-1][0])
        elif out and w.stems:      # "and", commas and other stopwords between names keep one run
            out[-1][1].append(w)
    return [(people, _role_words(kb, ws)) for people, ws in out]


def _contributions(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Who did what, for claims about the author contributions ("Z-HW and Z-QZ drafted the manuscript"): each named
    person's roles against the statement of any article's author contributions, by full name or initials."""
    part = [s for s in kb.sentences if s.section == "author-contributions"]
    named = [g for g in claim.groups if _is_person(kb, g)]
    authors = {g for a in getattr(kb.metadata, "authors", ()) for g, *_ in kb.registry.mentions(kb.words(a.name))}
    if not part or not named or not set(named) <= authors:
        return None       # the editor and reviewers made no contribution of an author's kind
    did: dict[str, set[str]] = {}
    for sent in part:
        for people, roles in _segments(kb, sent.words):
            for p in people:
                did.setdefault(p, set()).update(roles)
        if re.match(r"(?i)all authors", sent.text):
            for p in authors:
                did.setdefault(p, set()).update(_role_words(kb, sent.words))
    known = set().union(*did.values()) if did else set()
    claimed = [(people, roles & known) for people, roles in _segments(kb, claim.words)]
    claimed = [(people, roles) for people, roles in claimed if roles]
    if not claimed:
        return None
    ev = [evidence_of(s) for s in part][:2]
    for people, roles in claimed:
        for p in people:
            missing = roles - did.get(p, set())
            if missing:
                r = sorted(missing)[0]
                holders = [kb.registry.display.get(q, q) for q, rs in did.items() if r in rs and q in did]
                word = next((w.text for w in claim.words if kb.canon(w.key) == r), r)
                who = kb.registry.display.get(p, p)
                return verdict_of(claim, "contradicted", f"the author contributions do not give \"{word}\" to "
                                  f"{who} ({cite('author-contributions')})"
                                  + (f"; they give it to {', '.join(holders[:4])}" if holders else ""), ev)
    return verdict_of(claim, "supported", f"the author contributions say so ({cite('author-contributions')})", ev)


_RANK = lazy_compile(r"\b(first|lead|last|senior|corresponding)(?:-(?:listed|named))?\b(?:\s*\(\w+\))?\s+author")


def _author_rank(kb: Knowledge, claim: Claim) -> Verdict | None:
    """"X is the first (lead) / last (senior) author", by the order of the author list (any article)."""
    m = _RANK.search(claim.folded)
    authors = [a.name for a in getattr(kb.metadata, "authors", ())]
    if not m or m.group(1) == "corresponding" or not authors or \
            len(_RANK.findall(claim.folded)) > 1 or re.search(r"\bcorrespond", claim.folded):
        return None       # "First author X is the corresponding author": a claim about the other role
    named = [a for a in authors if _name_in(a, claim.folded)]
    if len(named) != 1:
        return None
    at = 0 if m.group(1) in ("first", "lead") else len(authors) - 1
    ev = [evidence_of(s) for s in kb.sentences if s.section == "authors"][:1]
    ok = named[0] == authors[at]
    return verdict_of(claim, "supported" if ok else "contradicted",
                      f"the review's {'first' if at == 0 else 'last'} author is {authors[at]} ({cite('authors')})", ev)


_COUNTED = lazy_compile(rf"(?<!table )(?<!figure )\b(\d+|{NUMBER_WORD})\s+(?:[\w-]+\s+){{0,2}}?(authors|people|"
                      r"reviewers|editors|keywords|references|affiliations|biomarkers|markers|rows|entries)\b")


_COUNT_FRAME = {"list", "name", "count", "total", "includ", "appear", "candid", "paper", "review", "articl", "tabl",
                "peopl", "team", "written", "group"}


def _list_count(kb: Knowledge, claim: Claim) -> Verdict | None:
    """How many items one of the article's lists holds ("eight authors", "Table 1 lists ten biomarkers", "two
    reviewers"), counted from the article itself."""
    m = _COUNTED.search(claim.folded)
    if not m or claim.folded[:m.start()].endswith("one of the ") or m.group(1) == "one" or \
            re.match(r"\s*\(", claim.folded[m.end():]) or \
            any("person" not in kb.registry.kinds.get(g, set()) and kb.named_thing(g) for g in claim.groups):
        return None       # "one of the authors", "four markers (ARID1A, …)": a part of the list, not its size
    said = number_value(m.group(1))
    md, noun = kb.metadata, m.group(2)
    table = re.search(r"\btable\s+(\d+)\b", claim.folded)
    if table and noun in ("biomarkers", "markers", "rows", "entries"):
        section = f"table-{table.group(1)}"
        rows = [s for s in kb.sentences if s.section == section and " | " in s.text][1:]   # the header is no row
        what, count = f"Table {table.group(1)} has", len(rows)
        ev = [evidence_of(s) for s in rows[:1]]
    else:
        lists = {"authors": ("authors", getattr(md, "authors", ())), "people": ("authors", getattr(md, "authors", ())),
                 "reviewers": ("reviewed-by", getattr(md, "reviewers", ())),
                 "editors": ("edited-by", getattr(md, "editor", ())), "keywords": ("keywords", getattr(md, "keywords", ())),
                 "affiliations": ("affiliations", getattr(md, "affiliations", ())),
                 "references": ("references", getattr(kb.engine.document, "references", ()))}
        if noun not in lists or not lists[noun][1]:
            return None
        section, items = lists[noun]
        what, count = "the review names", len(items)
        ev = [evidence_of(s) for s in kb.sentences if s.section == section][:1]
    ok = said == count
    content = [w for w in claim.words if w.stems and w.key not in kb.lexicon.light and not w.low.isdigit()
               and number_value(w.low) is None and len(w.key) > 3]
    part = {x for s_ in kb.sentences if s_.section == section for x in s_.stems}
    if ok and len(content) > 6 and not all(set(w.stems) & part or w.key in _COUNT_FRAME for w in content):
        return None       # the count is right; what else the claim says of the list is for the other rules
    return verdict_of(claim, "supported" if ok else "contradicted",
                      f"{what} {count} {noun}" + ("" if ok else f", not {said}") +
                      f" ({cite(section)})", ev)


def _title(kb: Knowledge, claim: Claim) -> Verdict | None:
    """A claim about the article's title: every content word it gives must be the title's (synonyms allowed)."""
    title = getattr(kb.metadata, "title", "") or ""
    if not title or not re.search(r"\btitle[ds]?\b", claim.folded):
        return None
    own = {kb.canon(x) for w in kb.words(title) for x in w.stems}
    # ways of speaking about a title, in any English
    frame = {kb.tokenizer.stem(w) for w in ("title", "titled", "paper", "article", "review", "about", "called",
                                             "named", "entitled", "word", "words", "mention", "include", "refer",
                                             "frame", "cover", "describe", "concern", "deal", "address", "focus",
                                             "highlight", "present", "contain", "name", "read", "say", "spell", "its")}
    said = [w for w in claim.words if w.stems and w.key not in frame and w.key not in kb.lexicon.light]
    def held(w) -> bool:     # a compound by its whole or all its parts ("HER2-negative" is not "HER2-positive")
        if len(w.stems) > 1:
            return kb.canon(w.stems[0]) in own or all(kb.canon(x) in own for x in w.stems[1:])
        return kb.canon(w.key) in own
    missing = [w for w in said if not held(w)]
    ev = [evidence_of(s) for s in kb.sentences if s.section == "title"][:1]
    if missing:
        return verdict_of(claim, "contradicted", f"the title is \"{title}\" ({cite('title')}); it has no "
                                                 f"\"{missing[0].text}\"", ev)
    return verdict_of(claim, "supported", f"the title is \"{title}\" ({cite('title')})", ev)


GAP_TOLERANCE = 0.2   # a spoken interval ("roughly six weeks") is right within a fifth of the printed one


def _date_gap(kb: Knowledge, claim: Claim, events: list[tuple[int, str]]) -> Verdict | None:
    """A time between two of the article's events ("accepted about six weeks after it was received"), for claims
    about the article's history: the interval between the two printed dates, in months."""
    names = list(dict.fromkeys(name for _, name in events))
    spans = [q for q in claim.quantities if q.unit == "months" and not q.is_range]
    if len(names) != 2 or len(spans) != 1:
        return None
    md = kb.metadata
    printed = [getattr(md, n, "") or "" for n in names]
    found = [next((q for q in quantities(p) if q.unit == "date" and len(q.date) == 3 and all(q.date)), None)
             for p in printed]
    if None in found:
        return None
    a, b = (date(*q.date) for q in found)
    gap = abs((b - a).days) / 30.44
    said = spans[0]
    if said.qual == "gt":
        ok = gap > said.low
    elif said.qual == "lt":
        ok = gap < said.low
    else:
        ok = abs(said.low - gap) <= GAP_TOLERANCE * gap
    weeks = abs((b - a).days) / 7
    reason = (f"the review was {names[0]} {printed[0]} and {names[1]} {printed[1]} ({cite('dates')}): "
              f"{abs((b - a).days)} days, about {weeks:.0f} weeks")
    ev = [evidence_of(s) for s in kb.sentences if s.section == "dates"][:1]
    if ok:
        return verdict_of(claim, "supported", reason, ev)
    return verdict_of(claim, "contradicted", f"{reason}, not {as_printed(said)}", ev)


# Standard statements of any journal article: its licence, its funding, its competing interests, its section.
_LICENCE = lazy_compile(r"\bcc[ -]?by(?:[ -](?:nc|nd|sa))*\b|\bcreative commons\b|\blicen[cs]e[ds]?\b|\bpublic domain\b|"
                      r"\ball rights reserved\b")
_LICENCE_CODE = lazy_compile(r"\bcc[ -]?by(?:[ -](?:nc|nd|sa))*\b")
_FUNDING = lazy_compile(r"\bfund(?:ing|ed|s)?\b|\bgrants?\b|\bsponsor\w*|\bfinancial support\b")
_ABOUT_THE_WORK = lazy_compile(r"\bauthors?\b|\bwriters?\b|\bresearchers?\b|\bstudy\b|\bwork\b|\breview\b|\barticle\b|"
                             r"\bpaper\b|\bmanuscript\b|\bconflicts? of interest\b|\bcompeting interests?\b")
_INTERESTS = lazy_compile(r"\bconflicts? of interest\b|\bcompeting interests?\b|\bconsult\w*|\bhonorari\w*|"
                        r"\bstock\b|\bfinancial (?:ties|relationships?|interests?)\b|\bdisclos\w*|\bpaid by\b")
_SECTION = lazy_compile(r"\bsubmitted to (?:the )?(?:journal'?s? )?(?P<name>[a-z][a-z ,&-]+?) section\b|"
                      r"\bin (?:the|its) (?:journal'?s? )?(?P<name2>[a-z][a-z ,&-]+?) section\b")
_VOLUME = lazy_compile(r"\bvol(?:ume|\.)?\s+(\d+)\b")
_HELD_BY = lazy_compile(r"\bcopyright\b.*?\b(?:held|owned|retained|belongs?)\s+(?:by|to)\s+(.*)")
_NEGATED = lazy_compile(r"\b(?:no|not|without|never|none|nothing|neither|nor|absence|lack\w*|free of|unfunded)\b")


def _article_parts(kb: Knowledge, claim: Claim) -> Verdict | None:
    """Claims about the article's licence, funding, competing interests or journal section, judged by those parts."""
    md = kb.metadata
    folded = claim.folded
    negated = bool(_NEGATED.search(folded))

    def part(section: str) -> list[Evidence]:
        return [evidence_of(s) for s in kb.sentences if s.section == section][:1]

    if _LICENCE.search(folded) and getattr(md, "licence", "") and _LICENCE_CODE.search(folded):
        said = {m.group(0).replace(" ", "-").replace("cc-by", "cc by") for m in _LICENCE_CODE.finditer(folded)}
        review = fold(md.licence)
        if said:
            code = sorted(said)[0]
            same = review.startswith(code) and not re.match(r"[ -](?:nc|nd|sa)", review[len(code):])
            return verdict_of(claim, "supported" if same and not negated else "contradicted",
                              f"the review is distributed under {md.licence} ({cite('copyright')})"
                              + ("" if same else f", not {code.upper()}"), part("copyright"))
    m = _SECTION.search(folded)        # "submitted to the X section" is about the article by itself
    if m and getattr(md, "specialty", ""):
        name = (m.group("name") or m.group("name2") or "").strip()
        same = fold(md.specialty) == name or fold(md.specialty) in name
        return verdict_of(claim, "supported" if same else "contradicted",
                          f"the article was submitted to the {md.specialty} section ({cite('specialty-section')})"
                          + ("" if same else f", not {name}"), part("specialty-section"))
    volume = _VOLUME.search(folded)
    printed = re.search(r"(\d+):(\d+)", getattr(md, "citation", "") or "")
    if volume and printed and (_ARTICLE.search(folded) or fold(getattr(md, "journal", "")) in folded):
        same = volume.group(1) == printed.group(1)
        return verdict_of(claim, "supported" if same != negated else "contradicted",
                          f"the review's citation gives volume {printed.group(1)}, article {printed.group(2)} "
                          f"({cite('citation')})", part("citation"))
    holder = _HELD_BY.search(folded)
    if holder and getattr(md, "copyright", ""):
        authors = [a.name.split()[-1].lower() for a in getattr(md, "authors", ())]
        by_authors = sum(fold(a) in fold(md.copyright) for a in authors) >= max(1, len(authors) // 2)
        says_authors = bool(re.search(r"\bauthors?\b", holder.group(1))) and not \
            re.search(r"\b(?:publisher|frontiers|journal)\b", holder.group(1))
        if by_authors:
            return verdict_of(claim, "supported" if says_authors != negated else "contradicted",
                              f"the copyright line reads \"{md.copyright.split('.')[0]}\" ({cite('copyright')}): "
                              f"the authors hold it", part("copyright"))
    if not _ABOUT_THE_WORK.search(folded):
        return None
    if _FUNDING.search(folded) and kb.printed_part("funding"):
        if negated:
            return verdict_of(claim, "contradicted", f"the review states its funding ({cite('funding')}): "
                              f"\"{kb.printed_part('funding')[:100]}…\"", part("funding"))
    if _INTERESTS.search(folded) and kb.printed_part("conflict-of-interest"):
        statement = fold(kb.printed_part("conflict-of-interest"))
        declares_none = bool(_NEGATED.search(statement))
        quoted = f"the review says \"{kb.printed_part('conflict-of-interest')}\" ({cite('conflict-of-interest')})"
        if declares_none and not negated:
            return verdict_of(claim, "contradicted", quoted, part("conflict-of-interest"))
        if declares_none and negated:
            return verdict_of(claim, "supported", quoted, part("conflict-of-interest"))
    return None

"""cited_work: claims about a cited work as the reference list gives it (its authors, title, journal, year).

General class: any review's reference list. A claim that names a cited work by its first author ("Rugo et al.")
or by its title's words, and whose other words are the entry's rather than the body's, is judged by the entry:
a year or journal the entry gives otherwise contradicts; an entry holding every word and figure supports; a
detail the entry does not give is not found (the review reports nothing more of the paper)."""
from __future__ import annotations

import re

from ...lazy_re import lazy_compile
from ...models import Evidence, Verdict
from ...quantities import quantities
from ..claim import Claim
from ..knowledge import Knowledge
from ..thresholds import FOUND
from ..verdict import cite, verdict_of

ENTRY_SHARE = 0.75      # the share of the claim's content words the entry must hold to be what the claim is about
# Words that frame a claim about a paper without saying what is in it.
_FRAME = {"paper", "article", "study", "studi", "report", "publish", "journal", "author", "et", "al", "cite", "sourc",
          "titl", "entitl", "refer", "work", "colleagu", "describ", "cover", "appear", "research"}
_BIBLIOGRAPHIC = lazy_compile(r"\b(?:paper|article|journal|published|publication|titled?|entitled|reference|cited|"
                           r"citation|doi|authored|co-?authors?|appeared in|came out in|printed in)\b")
_PUBLISHED_IN = lazy_compile(r"\b(?:published|appeared|came out|printed)(?:\s+[\w-]+){0,4}?\s+in\s+(?:the\s+)?"
                           r"((?:[A-Z][\w.&-]*\s*(?:of\s+)?){1,6})")


def _entry_stems(kb: Knowledge, ref) -> set[str]:
    return kb.reference_stems[ref.n] | _VS


def _held(words: set[str], entry: set[str]) -> set[str]:
    """The words an entry holds, abbreviations too: a reference list shortens journal words ("Oncology" is
    "Oncol", "Clinical" is "Clin")."""
    return {w for w in words if w in entry or
            (len(w) >= 4 and any(e.startswith(w) or (len(e) >= 3 and w.startswith(e)) for e in entry))}


_VS = {"versus", "vs"}


def _content(kb: Knowledge, claim: Claim) -> set[str]:
    return {x for w in claim.words if w.stems and w.key not in kb.lexicon.light
            for x in (w.stems[1:] if len(w.stems) > 1 else w.stems) if x not in _FRAME}


def cited_work(kb: Knowledge, claim: Claim, references, body_cover: float) -> Verdict | None:
    """Verdict on a claim about a cited work, judged by its reference entry; None when the claim is not about one
    (body_cover: how well the best sentence of the review's text covers the claim)."""
    if not references:
        return None
    content = _content(kb, claim)
    if len(content) < 2:
        return None
    # first authors by their surname as typed (no stemming: a name is compared as written)
    surnames = {r.n: r.authors.split()[0].strip(",").lower() for r in references if r.authors}
    typed = {w.low.removesuffix("'s") for w in claim.words}
    bibliographic = _BIBLIOGRAPHIC.search(claim.folded)
    if not bibliographic and not typed & set(surnames.values()):
        return None               # names no cited author and speaks of no publication (the common case: cheap)
    best, share = None, 0.0
    for ref in references:
        stems = _entry_stems(kb, ref)
        got = len(content & stems) / len(content)      # exact words to rank; abbreviations for the best below
        if surnames.get(ref.n) in typed:
            got += 0.25          # named by its first author
        if got > share:
            best, share = ref, got
    if best is None or share < ENTRY_SHARE - 0.5:
        return None
    stems = _entry_stems(kb, best)
    named_by_author = surnames.get(best.n) in typed
    if not bibliographic and (not named_by_author or body_cover >= FOUND):
        return None   # about the science: a title sharing its words, or a finding framed by "Han et al. showed"
    held = _held(content, stems)
    if not named_by_author and len(held) / len(content) < ENTRY_SHARE:
        return None
    if body_cover >= len(held) / len(content):
        return None               # the body says it better ("Rugo et al. found that ..." is about the finding)
    passage = f"references/r{best.n}"
    units = kb.reference_units.get(passage) or [best.text]
    # the entry as the review prints it: its unit that holds most of the claim (title, or journal and year)
    unit = max(units, key=lambda u: len(content & {x for w in kb.words(u) for x in w.stems}) +
               (2 if _PUBLISHED_IN.search(claim.text) and best.journal and best.journal in u else 0))
    ev = (Evidence("references", passage, unit),)
    where = f"reference {best.n} ({cite('references')})"
    years = [q for q in claim.quantities if q.unit in ("year", "date") or (not q.unit and 1900 <= q.low <= 2100)]
    if best.year and any(int(q.low) not in (best.year,) and not _year_in_title(int(q.low), best) for q in years):
        return verdict_of(claim, "contradicted", f"{where} is from {best.year}", ev)
    m = _PUBLISHED_IN.search(claim.text)
    if m and best.journal:
        said = {x for w in kb.words(m.group(1)) for x in w.stems} - _FRAME - {"of", "the", "and"}
        journal = {x for w in kb.words(best.journal) for x in w.stems}
        # "N Engl J Med": one-letter words of a journal's abbreviation stand for any word with that initial
        letters = {w.low for w in kb.words(best.journal) if len(w.low) == 1}
        if said and {w for w in _held(said, journal | stems) | {w for w in said if w[0] in letters}} != said:
            return verdict_of(claim, "contradicted", f"{where} appeared in {best.journal}, not {m.group(1).strip()}",
                              ev)
    if m and best.journal:
        held |= {x for w in kb.words(m.group(1)) for x in w.stems}      # the journal, judged above
    # words of the body sentences that cite this work ("DESTINY-Breast03 … (54)")
    cites = lazy_compile(rf"\((?:[\d,\s–-]*[,\s])?{best.n}(?:[,\s–-][\d,\s–-]*)?\)")
    citing = {x for s_ in kb.sentences if cites.search(s_.text) for x in s_.stems}
    held |= content & citing
    missing = content - held
    figures = [q for q in claim.quantities if q not in years]
    printed = {q.low for q in quantities(best.text)}
    swapped = _counted_otherwise(claim.text, best.text, figures)
    if swapped:
        return verdict_of(claim, "contradicted", f"{where} gives {swapped}", ev)
    if not missing and all(q.low in printed for q in figures):
        return verdict_of(claim, "supported", f"{where}: {best.text}", ev)
    if named_by_author or share >= ENTRY_SHARE:
        what = ", ".join(sorted(w.text for w in claim.words if w.stems and set(w.stems) & missing)[:3])
        return verdict_of(claim, "not_found", f"{where} is the cited work; neither its entry nor the review's text "
                                              f"gives {what or 'this detail'}", ev)
    return None


def _counted_otherwise(claim_text: str, entry: str, figures) -> str | None:
    """A number the entry gives for another thing ("36 cancers in 185 countries" against "185 cancers in 36
    countries"): the word after each number, in the claim and in the entry."""
    theirs = {m.group(1): m.group(2).lower() for m in re.finditer(r"\b(\d+)\s+([A-Za-z]+)", entry)}
    for q in figures:
        m = re.match(r"\s*([A-Za-z]+)", claim_text[q.end:])
        said = theirs.get(q.text)
        if m and said and said != m.group(1).lower() and m.group(1).lower() in theirs.values():
            return f"{q.text} {said}, not {q.text} {m.group(1)}"
    return None


def _year_in_title(year: int, ref) -> bool:
    return str(year) in (ref.title or "")

"""The review's identity, read from the loaded corpus: title, short title, journal, year, reference range, table
ids, and example questions and claims generated from its facts, for the CLI help and the chat UI to name it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Document, Fact
from .text import fold

MAX_EXAMPLE_CHARS = 100         # an example is read at a glance (welcome card, help)
MIN_CLAIM_WORDS = 6             # fewer words state no finding ("Received 29 July 2022")


@dataclass(frozen=True)
class Identity:
    title: str                      # as printed: "Trastuzumab resistance in HER2-positive breast cancer: ..."
    short_title: str                # the title before its subtitle
    journal: str                    # as the citation abbreviates it ("Front. Oncol."), else as named, else ""
    year: int | None
    reference_range: str            # "1-60"; "" when the review has no reference list
    table_ids: tuple[str, ...]      # section ids of the tables ("table-1")
    section_examples: tuple[str, ...]   # ids to name when saying what `qa show` takes: "3.1.1", "abstract", ...
    examples: tuple[str, ...]       # questions made from the facts, for a user to try
    claims: tuple[str, ...]         # claims made from the facts, for a user to check
    source: str                     # what answers are quoted from: the citation, else the title
    licence: str                    # as the review states it ("CC BY 4.0"), else ""
    title_words: str = ""           # the first example section's title as typed to `qa show` ("abc/xyz pathway")
    reviews: int = 1                # a library's identity: how many reviews it holds

    @classmethod
    def of(cls, engine) -> "Identity":
        """The identity of the review an Engine has loaded (its document and facts)."""
        return identity_from(engine.document, engine.facts)

    @property
    def label(self) -> str:
        """The review in a few words: 'Short title (Journal Year)'."""
        where = " ".join(x for x in (self.journal, str(self.year) if self.year else "") if x)
        return f"{self.short_title} ({where})" if where else self.short_title

    @property
    def example(self) -> str:
        return self.examples[0] if self.examples else ""

    @property
    def claim(self) -> str:
        return self.claims[0] if self.claims else ""


def table_label(table_id: str) -> str:
    """How the review names a table part: "table-1" -> "Table 1"."""
    kind, _, number = table_id.partition("-")
    return f"{kind.capitalize()} {number}".strip()


def identity_from(document: Document, facts: tuple[Fact, ...]) -> Identity:
    meta = document.metadata
    title = " ".join(meta.title.split()) or _first_heading(document)
    numbers = [r.n for r in document.references]
    return Identity(
        title=title,
        short_title=title.split(":", 1)[0].strip() or title,
        journal=_journal(meta.citation, title) or meta.journal,
        year=_year(meta.published, meta.citation),
        reference_range=f"{min(numbers)}-{max(numbers)}" if numbers else "",
        table_ids=tuple(s.id for s in document.sections if s.kind == "table"),
        section_examples=_section_examples(document),
        examples=tuple(_questions(document, facts)),
        claims=tuple(dict.fromkeys(_claims(facts))),
        source=" ".join(meta.citation.split()) or title,
        licence=meta.licence,
        title_words=_title_words(document))


def _section_examples(document: Document) -> tuple[str, ...]:
    """The first of the deepest numbered sections, the first unnumbered part, the first table."""
    numbered = [s for s in document.sections if s.number]
    deepest = [max(numbered, key=lambda s: s.level).id] if numbered else []
    part = [s.id for s in document.sections if s.kind == "front" and s.id == "abstract"] or \
        [s.id for s in document.sections if not s.number and s.kind != "table"][:1]
    table = [s.id for s in document.sections if s.kind == "table"][:1]
    return tuple(deepest + part + table)


def _title_words(document: Document) -> str:
    """The heading of the first example section, lower case and without a leading article."""
    examples = _section_examples(document)
    section = document.section(examples[0]) if examples else None
    if section is None or not section.number:
        return ""
    words = section.title.casefold().rstrip(".").split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in ("the", "a", "an") else words)


def _first_heading(document: Document) -> str:
    body = [s for s in document.sections if s.kind == "body"]
    return body[0].title if body else "the review"


def _journal(citation: str, title: str) -> str:
    """The journal as the citation prints it: the words after the title, before "volume:article"."""
    if not citation or not title:
        return ""
    after = citation.split(title, 1)[1] if title in citation else ""
    match = re.match(r"[.\s]*(.+?)\s+\d+\s*[:(]", after)
    return match.group(1).strip() if match else ""


def _year(*texts: str) -> int | None:
    """The first year named in the first text that names one (the publication date, then the citation)."""
    for text in texts:
        years = re.findall(r"\b(?:19|20)\d\d\b", text or "")
        if years:
            return int(years[0])
    return None


# -- examples ---------------------------------------------------------------------------------------------------
# Every example is built from a curated fact by a template for its kind, so it names the review's own drugs,
# measures and terms and is answered by the review (tests/test_identity.py asks and checks each one).

def _defines(facts: tuple[Fact, ...]) -> dict[str, str]:
    """Abbreviations the glossary spells out: folded name -> expansion."""
    out = {}
    for f in facts:
        if f.kind != "term":
            continue
        expansion = f.get("expansion")
        if not expansion and " = " in f.summary:
            expansion = f.summary.split(" = ", 1)[1].split(";", 1)[0]
        if expansion and fold(str(expansion)) != fold(f.entity):
            out[fold(f.entity)] = str(expansion)
    return out


def _is_abbreviation(name: str) -> bool:
    return " " not in name and len(name) <= 8 and sum(c.isupper() for c in name) >= 2


def _questions(document: Document, facts: tuple[Fact, ...]) -> list[str]:
    return list(_fact_questions(facts)) or _section_question(document)


def _fact_questions(facts: tuple[Fact, ...]):
    defines = _defines(facts)
    # a reported result: an outcome whose measure the glossary defines ("What was the PFS of poziotinib?")
    for f in facts:
        metric, agent = f.get("metric"), f.get("agent") or f.entity
        if f.kind == "outcome" and metric and fold(str(metric)) in defines and f.get("value") is not None:
            yield f"What was the {metric} of {agent}?"
            break
    # an abbreviation ("What does HER2 stand for?")
    for f in facts:
        if f.kind == "term" and _is_abbreviation(f.entity) and fold(f.entity) in defines:
            yield f"What does {f.entity} stand for?"
            break


def _section_question(document: Document) -> list[str]:
    """Without facts: what the first (sub)section with a short heading is about."""
    for level in (2, 1):
        for s in document.sections:
            question = f"What does the review say about {_lower_first(s.title)}?"
            if s.kind == "body" and s.level == level and len(question) <= MAX_EXAMPLE_CHARS:
                return [question]
    return []


def _claims(facts: tuple[Fact, ...]):
    # what kind of drug an agent is, when its own evidence says so ("T-DM1 is an antibody-drug conjugate")
    for f in facts:
        kind = f.get("class")
        if f.kind == "agent" and kind and _loose(str(kind)) in _loose(f.evidence):
            name = min((f.entity, *f.aliases), key=len)
            yield f"{name[:1].upper()}{name[1:]} is {_article(str(kind))} {kind}"
            break
    # a figure as the review states it, when it reads as a sentence of its own
    for f in facts:
        evidence = f.evidence.strip().rstrip(".")
        if (f.kind == "statistic" and f.get("value") is not None and len(evidence) <= MAX_EXAMPLE_CHARS
                and len(evidence.split()) >= MIN_CLAIM_WORDS and evidence[:1].isupper() and "|" not in evidence):
            yield evidence
            break


def _loose(text: str) -> str:
    return fold(text).replace("-", " ")


def _article(noun: str) -> str:
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _lower_first(title: str) -> str:
    """A heading inside a sentence: "Dose adjustment" -> "dose adjustment", "ERBB2 mutations" unchanged."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title

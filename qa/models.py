"""Frozen dataclasses for the parsed review, facts, search hits, answers and verdicts."""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Section:
    id: str                      # dotted number ("3.1.4") or slug ("abstract", "table-1")
    title: str                   # heading as printed, cleaned of markup
    level: int                   # 1 for top-level parts, 2 for "2.1", 3 for "3.1.4"
    parent: str | None
    path: tuple[str, ...]        # breadcrumb: "4 Novel ...", "4.2 Antibody-drug conjugates"
    kind: str                    # "front", "body", "table", "back"
    related: tuple[str, ...] = ()  # sections this one is linked to (Table 1 -> 3.1)

    @property
    def number(self) -> str | None:
        return self.id if self.id[:1].isdigit() else None

    @property
    def label(self) -> str:
        """How a person names it: "3.1.4 The Hippo-yap pathway" or "Abstract"."""
        return f"{self.id} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Passage:
    id: str                      # "4.2/p3", "table-1/p1", "references/r57"
    section: str
    title: str
    path: tuple[str, ...]
    text: str
    citations: tuple[int, ...] = ()
    doc: str = ""                # the review's id in a library (its sub-directory); "" for a corpus of one review


@dataclass(frozen=True)
class Reference:
    n: int
    text: str
    authors: str
    title: str
    journal: str
    year: int | None
    doi: str | None
    note: str = ""               # a curator's note (corpus/facts/reference_notes.yaml): "the cited paper is about ..."
    doc: str = ""                # the review's id in a library; "" for a corpus of one review


@dataclass(frozen=True)
class Table:
    id: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Author:
    name: str
    affiliations: tuple[int, ...]
    corresponding: bool = False


@dataclass(frozen=True)
class Metadata:
    title: str
    authors: tuple[Author, ...]
    affiliations: tuple[tuple[int, str], ...]
    editor: tuple[str, ...]
    reviewers: tuple[str, ...]
    correspondence: tuple[tuple[str, str], ...]   # (name, email)
    specialty: str
    journal: str
    received: str
    accepted: str
    published: str
    citation: str
    doi: str
    copyright: str
    licence: str
    licence_url: str
    keywords: tuple[str, ...]
    open_access: bool = True


@dataclass(frozen=True)
class Document:
    metadata: Metadata
    sections: tuple[Section, ...]
    passages: tuple[Passage, ...]
    references: tuple[Reference, ...]
    table: Table | None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def reference(self, n: int) -> Reference | None:
        return next((r for r in self.references if r.n == n), None)

    def passages_of(self, section_id: str) -> tuple[Passage, ...]:
        return tuple(p for p in self.passages if p.section == section_id)

    def tagged(self, doc: str) -> "Document":
        """The same review with every passage and reference carrying `doc`, its id in a library."""
        return replace(self, passages=tuple(replace(p, doc=doc) for p in self.passages),
                       references=tuple(replace(r, doc=doc) for r in self.references))


@dataclass(frozen=True)
class Fact:
    id: str
    kind: str
    entity: str
    summary: str
    sections: tuple[str, ...]
    refs: tuple[int, ...]
    evidence: str
    fields: tuple[tuple[str, object], ...] = ()   # typed fields of the kind, in file order
    aliases: tuple[str, ...] = ()                  # other names of the same entity only
    source: str = ""                               # "file.yaml:LINE"
    related: tuple[str, ...] = ()                  # other entities the fact involves (not synonyms)
    note: str = ""                                 # a remark on the review's wording or citation
    evidence_section: str = ""                     # the one of `sections` whose text holds the evidence quote
    doc: str = ""                                  # the review's id in a library; "" for a corpus of one review

    def get(self, name: str, default=None):
        return dict(self.fields).get(name, default)

    @property
    def section(self) -> str:
        """The one section a reader finds the evidence in (the first listed when no text holds it)."""
        return self.evidence_section or (self.sections[0] if self.sections else "")


@dataclass(frozen=True)
class Review:
    """One review of a library, as an answer names it: its id (the sub-directory), title and year."""
    id: str
    title: str
    year: int | None = None
    short_title: str = ""

    @property
    def label(self) -> str:
        """'Title (2023)', the title alone when the review gives no year."""
        return f"{self.title} ({self.year})" if self.year else self.title


@dataclass(frozen=True)
class Hit:
    rank: int
    passage: Passage
    score: float
    matched: tuple[str, ...] = ()   # query terms (normalised surface forms) found in the passage


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    passage: str
    section: str


@dataclass(frozen=True)
class Answer:
    question: str
    found: bool
    sentence: AnswerSentence | None
    hits: tuple[Hit, ...]
    facts: tuple[Fact, ...]
    references: tuple[Reference, ...]
    meta: dict = field(default_factory=dict, compare=False)
    understood: str = ""                                  # the question as read: repairs, aliases, carried topic
    topic: object | None = field(default=None, compare=False)   # qa.conversation.Topic left for the next turn
    gathered: object | None = None       # qa.gather.Gathered: a list, comparison or overview built from the facts
    review: Review | None = field(default=None, compare=False)   # the review of a library that answered


@dataclass(frozen=True)
class Evidence:
    section: str
    passage: str
    text: str


@dataclass(frozen=True)
class Verdict:
    claim: str
    verdict: str                 # "supported", "contradicted", "not_found"
    reason: str
    evidence: tuple[Evidence, ...]
    facts: tuple[Fact, ...]
    meta: dict = field(default_factory=dict, compare=False)
    review: Review | None = field(default=None, compare=False)   # the review of a library that checked it

"""Knowledge: what the checker knows of one loaded review (sentences, names, term weights, facts), once per engine."""
from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

from ..models import Fact
from ..text import fold
from .fact_figures import FactQuantity, fact_quantities
from ..lexicon import OBJECT_MARKERS, lexicon_stems
from ..measures import looks_like_name
from ..names import NameRegistry
from ..quantities import Quantity, quantities
from .reading import Reader, Scan
from .tokens import TokenMemo
from .words import Word


@dataclass
class Sentence:
    """A sentence of the review (or a table row, a short front-matter entry) as claims are aligned with it. Its words
    and numbers are read when a claim first needs them; what ranking needs of every sentence is kept as sets."""
    idx: int
    passage: str
    section: str
    text: str
    stems: set[str]
    groups: set[str]
    scope: set[str]
    title_stems: set[str] = field(default_factory=set)
    canon: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)     # stems of the section title (body sentences)
    negated: dict[str, int] = field(default_factory=dict)   # "replac" -> index of "irreplaceable"
    free_stems: set[str] = field(default_factory=set)       # stems of words that are not part of a name
    cue_dims: set[str] = field(default_factory=set)         # dimensions of its cue words ("magnitude", ...)
    ident_shapes: set[str] = field(default_factory=set)     # identifier_shape of its identifiers ("fgfr#")
    reader: Reader | None = field(default=None, repr=False, compare=False)
    unit: int = -1                                          # its row in the engine's sentence table and index

    @cached_property
    def words(self) -> list[Word]:
        return self.reader.words(self.text)

    @cached_property
    def quantities(self) -> list[Quantity]:
        return quantities(self.text)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)


class FactTable(dict):
    """fact id -> a value computed from the fact the first time it is asked for (a claim needs a few facts' only)."""

    def __init__(self, facts: dict[str, Fact], compute: Callable[[Fact], object]):
        super().__init__()
        self._facts = facts
        self._compute = compute

    def __missing__(self, fid: str):
        value = self[fid] = self._compute(self._facts[fid])
        return value



class Knowledge:
    """What the checker knows of one loaded review, built once per engine: its sentences (words, names, numbers,
    the entity each is about), term weights, the names of the glossary and the curated facts with their figures.
    The per-fact tables fill in as claims need them."""

    def __init__(self, engine):
        self.engine = engine
        self.tokenizer = engine.tokenizer
        self.tokens = TokenMemo(self.tokenizer)
        self.facts = tuple(engine.facts)
        self.metadata = getattr(engine.document, "metadata", None)
        self.references = tuple(getattr(engine.document, "references", ()) or ())
        self.registry: NameRegistry = engine.names       # the one registry of names
        self.lexicon = lexicon_stems(self.tokenizer.stem)
        self.reader = Reader(self.tokens, self.lexicon, self.registry)
        self.sentences: list[Sentence] = []
        self.df: dict[str, int] = {}
        self.group_df: dict[str, int] = {}
        self._build_sentences(engine)
        self.N = max(1, len(self.sentences))
        self._idf = engine.stats.idf
        self.index = engine.index
        self.by_unit = {s.unit: s for s in self.sentences}
        self._max_idf = max(self._idf.values(), default=1.0)
        self.vocab = set(self.df)
        self.fact_by_id = {f.id: f for f in self.facts}
        self.fact_order = {f.id: i for i, f in enumerate(self.facts)}
        by_id = self.fact_by_id
        # fact id -> its figures
        self.fact_quantities: dict[str, list[FactQuantity]] = FactTable(by_id, fact_quantities)
        # fact id -> stems of what it is about (summary, population, metric, trial, entity), and their synonyms
        self.fact_topic: dict[str, set[str]] = FactTable(by_id, self._topic)
        self.fact_topic_canon: dict[str, set[str]] = FactTable(
            by_id, lambda f: {self.canon(t) for t in self.fact_topic[f.id]})
        # fact id -> the names its summary and population mention
        self.fact_topic_groups: dict[str, set[str]] = FactTable(
            by_id, lambda f: {m[0] for m in self.reader.scan(f"{f.summary}. {f.get('population') or ''}").mentions})
        # fact id -> stems of its evidence text
        self.fact_evidence_stems: dict[str, set[str]] = FactTable(
            by_id, lambda f: set(self.tokenizer.tokens(f.evidence)))
        # fact id -> stems of each of its names, and of every name of its glossary groups
        self.fact_names: dict[str, list[set[str]]] = FactTable(
            by_id, lambda f: [set(self.tokens.tokens(n)) for n in (f.entity, *f.aliases)])
        self.fact_own_stems: dict[str, set[str]] = FactTable(by_id, self._own_stems)

    def _topic(self, f: Fact) -> set[str]:
        return set(self.tokenizer.tokens(" ".join(
            str(x) for x in (f.summary, f.get("population") or "", f.get("metric") or "", f.get("trial") or "",
                             f.entity))))

    def _own_stems(self, f: Fact) -> set[str]:
        return {x for g in self.registry.fact_groups.get(f.id, ()) for n in self.registry.members(g)
                for x in self.tokens.token_tuple(n)}

    @cached_property
    def _printed_text(self) -> str:
        return " ".join(s.folded for s in self.sentences)

    def printed_part(self, section: str) -> str:
        """The text of a part of the article ("funding"), as printed; "" when the review has no such part."""
        return " ".join(s.text for s in self.sentences if s.section == section)

    def printed(self, name: str) -> bool:
        """Whether the review's own text (references aside) prints this name."""
        key = fold(name)
        return bool(key) and re.search(r"(?<![a-z0-9])" + re.escape(key) + r"(?![a-z0-9])", self._printed_text) \
            is not None

    def canon(self, stem: str) -> str:
        return self.lexicon.canon.get(stem, stem)

    def words(self, text: str) -> list[Word]:
        return self.reader.words(text)

    @cached_property
    def reference_stems(self) -> dict[int, set[str]]:
        """The stems of each reference entry (pieces of compounds too), by reference number."""
        return {r.n: {x for w in self.words(r.text) for x in w.stems} for r in self.references}

    def _build_sentences(self, engine) -> None:
        """The checker's view of the engine's one sentence table (every unit but the reference list)."""
        document = engine.document
        sections = {s.id: s for s in document.sections}
        scans: list[tuple[Sentence, Scan]] = []
        canon, df = self.lexicon.canon, self.df
        self.reference_units: dict[str, list[str]] = {}   # passage id -> its units in the sentence table
        for passage in document.passages:
            if passage.section == "references":
                units = engine.sentences.of_passage(passage.id)
                if units:
                    self.reference_units[passage.id] = [u.text for u in units]
                continue
            section = sections.get(passage.section)
            kind = section.kind if section else "body"
            units = engine.sentences.of_passage(passage.id)
            parts = [u.text for u in units]
            title = set(self.tokens.tokens(passage.title))
            title_stems = title if kind in ("front", "back", "table") else set()
            context = set() if title_stems else set(title)
            context = {self.canon(x) for x in context} | context
            header: set[str] = set()
            for unit, part in zip(units, parts):
                scan = self.reader.scan(part)
                spellings = scan.spellings
                all_stems = {s for sp in spellings for s in sp.stems} | title_stems | header
                if kind == "table" and " | " in part and not header:
                    header = set(self.tokens.tokens(part))   # a row is read under its column headings ("eGFR")
                negated: dict[str, int] = {}
                for i, sp in enumerate(spellings):
                    for rest in sp.negated:
                        negated.setdefault(rest, i)
                groups = {m[0] for m in scan.mentions}
                sent = Sentence(len(self.sentences), passage.id, passage.section, part, all_stems, groups,
                                set(groups), title_stems, {canon.get(x, x) for x in all_stems}, context, negated,
                                cue_dims={sp.cue[0] for sp in spellings if sp.cue},
                                ident_shapes={sp.shape for sp in spellings if sp.ident}, reader=self.reader,
                                unit=unit.idx)
                self.sentences.append(sent)
                scans.append((sent, scan, header))
                for s in all_stems:
                    df[s] = df.get(s, 0) + 1
        for stems, group, _ in self.registry.names:
            df = min((self.df.get(st, 0) for st in stems), default=0)
            self.group_df[group] = max(self.group_df.get(group, 0), df)
        for sent, scan, header in scans:
            named = {i for g, first, last, _ in scan.mentions if self.specific(g) for i in range(first, last + 1)}
            # a table row holds its column headings' words too ("eGFR" over "above 45 | full dose")
            sent.free_stems = {x for i, sp in enumerate(scan.spellings) if i not in named
                               for x in sp.stems} | sent.title_stems | header
        # Scope: the entity a passage is about stays the subject of its following sentences until a sentence
        # takes another subject. A name after "with", "of", "and" ... is an object, named in passing.
        by_passage: dict[str, list[tuple[Sentence, Scan]]] = {}
        for sent, scan, _ in scans:
            by_passage.setdefault(sent.passage, []).append((sent, scan))
        for entries in by_passage.values():
            carried: set[str] = set()
            for sent, scan in entries:
                subjects = self._subjects(scan)
                if subjects:
                    carried = subjects
                else:
                    sent.scope = sent.groups | carried

    def _subjects(self, scan: Scan) -> set[str]:
        """The specific names a sentence is about: each named the first time not right after "with", "of" ..."""
        out: set[str] = set()
        seen: set[str] = set()
        for g, first, _, _ in scan.mentions:
            if g in seen or not self.specific(g):
                continue
            seen.add(g)
            prev = scan.spellings[first - 1].low if first > 0 else ""
            if prev not in OBJECT_MARKERS:
                out.add(g)
        return out

    def specific(self, group: str) -> bool:
        """A name that singles out a drug, gene, miRNA or person, not one the whole review is about (trastuzumab,
        HER2) nor a plain term (adverse event, tumor)."""
        kinds = self.registry.kinds.get(group, set())
        if not kinds & {"agent", "biomarker", "mirna", "outcome", "person"}:
            return False
        return self.group_df.get(group, 0) <= max(8, len(self.sentences) // 12)

    def named_thing(self, group: str) -> bool:
        """A name that singles something out — a specific drug, gene, miRNA or person, or any entity named like a
        gene or protein (IL-6, TNFα, Jagged-1) — and not what the whole review is about."""
        if self.specific(group):
            return True
        if self.group_df.get(group, 0) > max(8, len(self.sentences) // 12):
            return False
        return any(looks_like_name(n) for n in self.registry.members(group))

    def idf(self, stem: str) -> float:
        """The engine's one IDF (the passage index's); a stem the review never uses weighs the most."""
        return self._idf.get(stem, self._max_idf)


_KNOWLEDGE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def knowledge(engine) -> Knowledge:
    """The Knowledge of an engine, built on first use and kept as long as the engine lives."""
    kb = _KNOWLEDGE.get(engine)
    if kb is None:
        kb = Knowledge(engine)
        _KNOWLEDGE[engine] = kb
    return kb

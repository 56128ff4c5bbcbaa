"""NameRegistry: the one registry of entities and their names (facts, glossary, people), and where text names them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .lexicon import NEGATIONS
from .models import Document, Fact
from .text import WORD_RE, fold, prepare, surface_tokens


@dataclass(frozen=True)
class Mention:
    """A name found in a text: which entity, the words it spans (first..last, inclusive) and the name that matched."""
    entity: str
    first: int
    last: int
    name: str


def identifier_shape(word: str) -> str:
    """An identifier with its digits generalised ("FGFR2" -> "fgfr#", "chr17q12" -> "#q#")."""
    w = word.lower()
    for prefix in ("chromosome", "chr"):
        if w.startswith(prefix) and len(w) > len(prefix) and w[len(prefix)].isdigit():
            w = w[len(prefix):]
    return re.sub(r"\d+", "#", w)


def identifier_key(word: str) -> str:
    """An identifier as compared: lowercase, a chromosome prefix dropped ("chr17q12" = "17q12")."""
    return re.sub(r"^(?:chromosome|chr)(?=\d)", "", word.lower())


def person_name(name: str) -> str:
    """A name as printed in the front matter without its bracketed affiliation or role."""
    return re.sub(r"\s*\(.*$", "", name).strip()


def people_of(document: Document | None) -> list[str]:
    """The persons the front matter names: authors, editor, reviewers, corresponding authors."""
    md = getattr(document, "metadata", None)
    if md is None:
        return []
    return ([a.name for a in md.authors] + [person_name(n) for n in md.editor] +
            [person_name(n) for n in md.reviewers] + [n for n, _ in md.correspondence])


def fact_names(fact: Fact) -> tuple[str, ...]:
    """The names a fact itself gives its entity: the entity, its aliases, and an agent fact's `agent` field."""
    names = [fact.entity, *fact.aliases]
    if fact.kind == "agent" and fact.get("agent"):
        names.append(str(fact.get("agent")))
    return tuple(dict.fromkeys(n for n in names if n))


def _findable(name: str) -> bool:
    """Whether text can mention the name by its stems. Not a list of names ("A; B", how a fact lists several
    agents: a reader's "A, B" names both, each by its own name), and not a name holding a negation, which the
    stop list drops ("not evaluable" would be found in "evaluated")."""
    return ";" not in name and not any(w in NEGATIONS for w in name.casefold().split())


class NameRegistry:
    """Every entity of the review with all its names (canonical, aliases, glossary synonyms, people's initials),
    its kinds, its facts and the passages that hold them; finds names in text as runs of word stems.

    Entities are the classes of a union-find over names: a fact's entity and each of its aliases are one entity
    (aliases are true synonyms; related entities are kept apart by the fact schema). Names that differ only in a
    number ("FGFR1"/"FGFR2" listed together) and composite entities ("A/B") are not merged."""

    def __init__(self, facts: Iterable[Fact], tokens, document: Document | None = None):
        """tokens: anything with tokens(text) -> stems (a qa.text.Tokenizer)."""
        from .fact_kinds import name_fields     # only when building (a warm start loads the cached state)
        self.tokens = tokens
        self.facts = tuple(facts)
        parent: dict[str, str] = {}
        raw: dict[str, str] = {}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def add(name: str) -> str | None:
            key = fold(name)
            if not key or not tokens.tokens(name):
                return None
            if key not in parent:
                parent[key], raw[key] = key, name
            return key

        def union(a: str | None, b: str | None) -> None:
            if a and b:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)

        own_keys: dict[str, list[str]] = {}
        kinds_of: dict[str, set[str]] = {}
        preferred: list[tuple[int, str]] = []
        rank = {"agent": 0, "biomarker": 1, "mirna": 1, "term": 2, "outcome": 3, "statistic": 3, "mechanism": 4}
        for fact in self.facts:
            preferred.append((rank.get(fact.kind, 5), fact.entity))
            names = [fact.entity, *fact.aliases]
            shapes: dict[str, set[str]] = {}
            for n in names:
                if any(c.isdigit() for c in n):
                    shapes.setdefault(identifier_shape(n), set()).add(n)
            family = {n for group in shapes.values() if len(group) > 1 for n in group}
            keys = {n: add(n) for n in names}
            for k in keys.values():
                if k:
                    kinds_of.setdefault(k, set()).add(fact.kind)
            base = keys.get(fact.entity)
            if base and not any(ch in fact.entity for ch in "/;"):
                for n, k in keys.items():
                    if k and n not in family:
                        union(base, k)
            own = [k for k in keys.values() if k]
            for field_name in name_fields(fact.kind):
                if field_name == "aliases":
                    continue
                value = fact.get(field_name)
                for part in str(value).split(";") if value else ():
                    k = add(part.strip())      # an outcome's agents, a miRNA's target: entities of their own
                    if k:
                        own.append(k)
            for other in fact.related:         # entities the fact involves: names of their own, never merged
                add(other)
            own_keys[fact.id] = own
        self._parent, self._raw = parent, raw
        self.display: dict[str, str] = {}
        for _, name in sorted(preferred, key=lambda x: x[0]):
            k = fold(name)
            if k in parent:
                self.display.setdefault(find(k), name)
        for k in parent:
            self.display.setdefault(find(k), raw[find(k)])
        self.kinds: dict[str, set[str]] = {}
        for k, ks in kinds_of.items():
            self.kinds.setdefault(find(k), set()).update(ks)
        # fact id -> the entities it is about (its own entity first in sorted order, then an outcome's agents)
        self.fact_groups = {fid: sorted({find(k) for k in keys}) for fid, keys in own_keys.items()}
        self._add_people(people_of(document))
        self.group_of = {k: self._root(k) for k in parent}
        self._entity_of_fact = {f.id: self.group_of.get(fold(f.entity)) for f in self.facts}
        self._index()
        self._passages(document)
        # every word of every curated name, as typed-then-normalised ("enhertu"): a reader's word that is one is known
        self.name_words = sorted({w for f in self.facts for n in (f.entity, *f.aliases) for w in surface_tokens(n)})

    def state(self) -> dict:
        """What the registry derived, as JSON for the index cache (a warm start skips the derivation)."""
        return {"parent": self._parent, "raw": self._raw, "display": self.display,
                "kinds": {k: sorted(v) for k, v in self.kinds.items()}, "fact_groups": self.fact_groups,
                "names": [[list(st), g, n] for st, g, n in self.names],
                "name_stems": {fid: [sorted(x) for x in v] for fid, v in self._name_stems.items()},
                "entity_of_fact": self._entity_of_fact, "evidence_passages": self.evidence_passages_of,
                "by_passage": {pid: [f.id for f in fs] for pid, fs in self.by_passage.items()},
                "name_words": self.name_words}

    @classmethod
    def from_state(cls, state: dict, facts: Iterable[Fact], tokens) -> "NameRegistry":
        self = cls.__new__(cls)
        self.tokens, self.facts = tokens, tuple(facts)
        by_id = {f.id: f for f in self.facts}
        self._parent, self._raw, self.display = state["parent"], state["raw"], state["display"]
        self.kinds = {k: set(v) for k, v in state["kinds"].items()}
        self.fact_groups = state["fact_groups"]
        self.group_of = {k: self._root(k) for k in self._parent}
        self.names = [(tuple(st), g, n) for st, g, n in state["names"]]
        self._name_stems = {fid: [frozenset(x) for x in v] for fid, v in state["name_stems"].items()}
        self._entity_of_fact = state["entity_of_fact"]
        self.evidence_passages_of = state["evidence_passages"]
        self.by_passage = {pid: [by_id[i] for i in ids] for pid, ids in state["by_passage"].items()}
        self.name_words = state["name_words"]
        self._derive()
        return self

    # -- building ------------------------------------------------------------------------------------------
    def _root(self, x: str) -> str:
        while self._parent[x] != x:
            x = self._parent[x]
        return x

    def _add_people(self, people: Iterable[str]) -> None:
        """Authors, editor and reviewers as names too, each with the initials the review uses ("X-FL")."""
        for person in people:
            key = fold(person)
            if not key or key in self._parent or not self.tokens.tokens(person):
                continue
            self._parent[key], self._raw[key] = key, person
            self.kinds.setdefault(key, set()).add("person")
            self.display[key] = person
            parts = person.split()
            if len(parts) >= 2:
                given = parts[0].split("-")
                initials = "-".join(p[:1].upper() for p in given) + parts[-1][:1].upper()
                ikey = fold(initials)
                if len(initials) >= 3 and ikey not in self._parent:
                    self._parent[ikey], self._raw[ikey] = key, initials

    def _index(self) -> None:
        # Hand code rather than an Aho-Corasick automaton: names are at most a few stems long, so a dict keyed by
        # the first stem finds every candidate in one step per word (measured ~20 µs for a question).
        self.names: list[tuple[tuple[str, ...], str, str]] = []   # (stems, entity, name), longest first
        for k in sorted(self._parent):
            if not _findable(self._raw[k]):
                continue
            stems = tuple(self.tokens.tokens(self._raw[k]))
            if stems:
                self.names.append((stems, self.group_of[k], self._raw[k]))
        self.names.sort(key=lambda x: (-len(x[0]), x[2]))
        self._derive()

    def _derive(self) -> None:
        """Lookup tables derived from the name table (rebuilt in a few ms from the cached state)."""
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._members: dict[str, list[str]] = {}
        self._member_stems: dict[str, list[frozenset[str]]] = {}
        for entry in self.names:
            self.by_first.setdefault(entry[0][0], []).append(entry)
            self._members.setdefault(entry[1], []).append(entry[2])
        stems_of = {name: stems for stems, _, name in self.names}
        for group, names in self._members.items():
            names.sort()
            self._member_stems[group] = [frozenset(stems_of[n]) for n in names]
        # stem -> stems of the other names of its entities (for coverage: "Kadcyla" covers "T-DM1")
        self._synonyms: dict[str, set[str]] = {}
        for group, stem_sets in self._member_stems.items():
            if len(stem_sets) < 2:
                continue
            for a in stem_sets:
                for b in stem_sets:
                    if a is not b:
                        for t in a:
                            self._synonyms.setdefault(t, set()).update(b - a)
        if not getattr(self, "_name_stems", None):
            self._name_stems = {f.id: [frozenset(self.tokens.tokens(n)) for n in self.names_for(f)]
                                for f in self.facts}
        self._by_stem: dict[str, set[int]] = {}
        for position, fact in enumerate(self.facts):
            for name in self._name_stems[fact.id]:
                for stem in name:
                    self._by_stem.setdefault(stem, set()).add(position)

    def _passages(self, document: Document | None) -> None:
        """Which passages hold each fact: its evidence, or its sections' passages that name its entity."""
        self.evidence_passages_of: dict[str, list[str]] = {}
        self.by_passage: dict[str, list[Fact]] = {}
        if document is None:
            return
        folded_text = {p.id: fold(p.text) for p in document.passages}
        for fact in self.facts:
            evidence = fold(fact.evidence)
            names = [fold(n) for n in self.names_for(fact)]
            in_sections = [p for sec in fact.sections for p in document.passages_of(sec)]
            self.evidence_passages_of[fact.id] = [p.id for p in in_sections if evidence in folded_text[p.id]]
            for p in in_sections:
                if evidence in folded_text[p.id] or any(n and n in folded_text[p.id] for n in names):
                    self.by_passage.setdefault(p.id, []).append(fact)

    # -- names -----------------------------------------------------------------------------------------------
    def stem_sets(self, entity: str) -> list[frozenset[str]]:
        """The stems of each of an entity's names."""
        return self._member_stems.get(entity, [])

    def members(self, entity: str) -> list[str]:
        """Every name of an entity."""
        return self._members.get(entity, [])

    def entity_of(self, fact: Fact) -> str | None:
        """The entity a fact is about (its `entity` field's class)."""
        return self._entity_of_fact.get(fact.id)

    def names_for(self, fact: Fact) -> tuple[str, ...]:
        """The fact's own names, then every other name of its entity."""
        entity = self.group_of.get(fold(fact.entity))
        return tuple(dict.fromkeys([*fact_names(fact), *(self.members(entity) if entity else ())]))

    def name_stems(self, fact: Fact) -> list[frozenset[str]]:
        return self._name_stems.get(fact.id) or [frozenset(self.tokens.tokens(n)) for n in self.names_for(fact)]

    def synonyms_of(self, stem: str) -> set[str]:
        """Stems of the other names of the entities whose names hold this stem."""
        return self._synonyms.get(stem, set())

    # -- finding names in text --------------------------------------------------------------------------------
    def word_stems(self, text: str) -> list[tuple[str, ...]]:
        """The stems of each word of a text (a word joins pieces with - / + ', as WORD_RE reads it)."""
        return [tuple(self.tokens.tokens(w)) for w in WORD_RE.findall(prepare(text))]

    def mentions_in(self, word_stems: list[tuple[str, ...]]) -> list[tuple[str, int, int, str]]:
        """(entity, first word, last word, name) for each name found, longest first, never overlapping."""
        flat = [(s, i) for i, stems in enumerate(word_stems) for s in stems]   # (stem, word index)
        flat_stems = [s for s, _ in flat]
        by_first = self.by_first
        found: list[tuple[int, int, int, str, str]] = []
        for pos, (stem, wi) in enumerate(flat):
            for stems, group, name in by_first.get(stem, ()):
                n = len(stems)
                if tuple(flat_stems[pos:pos + n]) != stems:
                    continue
                if n == 1 and len(stem) <= 3 and len(word_stems[wi]) > 1 and word_stems[wi][0] != stem:
                    continue    # a short name ("ER", "OS") only as a whole word, never as a piece of a compound
                first, last = flat[pos][1], flat[pos + n - 1][1]
                found.append((-n, first, last, group, name))
                break
        found.sort()
        used: set[int] = set()
        out = []
        for _, first, last, group, name in found:
            span = set(range(first, last + 1))
            if span & used:
                continue
            used |= span
            out.append((group, first, last, name))
        out.sort(key=lambda x: x[1])
        return out

    def mentions(self, words) -> list[tuple[str, int, int, str]]:
        """mentions_in() over words that carry their stems (qa.check.words.Word)."""
        return self.mentions_in([w.stems for w in words])

    def mentions_of(self, text: str) -> list[Mention]:
        """The names a text mentions."""
        return [Mention(*m) for m in self.mentions_in(self.word_stems(text))]

    def named_facts(self, mentioned: Iterable[str], kinds: tuple[str, ...]) -> list[Fact]:
        """Facts of these kinds about one of the mentioned entities, in file order."""
        if not hasattr(self, "_facts_by_entity"):      # built once: this runs several times for every question
            self._facts_by_entity: dict[str, list[tuple[int, Fact]]] = {}
            for i, f in enumerate(self.facts):
                self._facts_by_entity.setdefault(self._entity_of_fact.get(f.id), []).append((i, f))
        found = [pair for e in set(mentioned) for pair in self._facts_by_entity.get(e, ()) if pair[1].kind in kinds]
        return [f for _, f in sorted(found, key=lambda pair: pair[0])]

    def mentioned_facts(self, stems: set[str], kinds_excluded: tuple[str, ...] = ("term",)) -> list[Fact]:
        """Facts one of whose names has all its stems among these stems, in file order."""
        candidates = sorted({p for stem in stems for p in self._by_stem.get(stem, ())})
        return [self.facts[p] for p in candidates if self.facts[p].kind not in kinds_excluded
                and any(name and name <= stems for name in self._name_stems[self.facts[p].id])]

    def expansions(self, mentions: list[Mention], question_stems: set[str], weight: float,
                   body_vocabulary: set[str] | None = None) -> dict[str, float]:
        """Stems of the other names of each entity the question names, below the user's own words.

        An entity adds as much weight as the words that named it, spread over its other names' stems, so an
        entity with many names cannot outweigh the user's words. A name the review's own text never uses
        ("poziotinib" for the review's "Pozotinib") lets the names the review does use stand in at full weight."""
        named_by: dict[str, list[frozenset[str]]] = {}
        for m in mentions:
            named_by.setdefault(m.entity, []).append(frozenset(self.tokens.tokens(m.name)))
        extra: dict[str, float] = {}
        for entity in sorted(named_by):
            stem_sets = self._member_stems.get(entity, [])
            if len(stem_sets) < 2:
                continue
            named = named_by[entity]
            added = set().union(*stem_sets) - question_stems
            if not added:
                continue
            share = min(weight, weight * max(len(s) for s in named) / len(added))
            full: set[str] = set()
            if body_vocabulary is not None and not any(s <= body_vocabulary for s in named):
                full = set().union(*(s for s in stem_sets if s and s <= body_vocabulary))
            for stem in added:
                extra[stem] = max(extra.get(stem, 0.0), 1.0 if stem in full else share)
        return extra

    def evidence_passages(self, fact: Fact) -> list[str]:
        return self.evidence_passages_of.get(fact.id, [])

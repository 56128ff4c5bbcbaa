"""Registry: every name of every entity, grouped by the glossary, and where names are mentioned in words."""
from __future__ import annotations

import re
from typing import Iterable

from ..models import Fact
from ..text import fold
from .words import Word, identifier_shape


class Registry:
    """Every name of every entity, grouped by the glossary (aliases), with their stems for finding mentions."""

    GROUPED_KINDS = ("term", "agent", "biomarker", "mirna", "outcome", "statistic")

    def __init__(self, facts: Iterable[Fact], tokenizer, people: Iterable[str] = ()):
        """tokenizer: anything with tokens(text) (a qa.text.Tokenizer, or a TokenMemo over one); people: the
        article's authors, editor and reviewers, named as persons too (with the initials the review uses)."""
        self.tokenizer = tokenizer
        parent: dict[str, str] = {}
        display: dict[str, str] = {}
        folded: dict[str, str] = {}      # facts repeat their entities' names: fold each once

        def fold_(name: str) -> str:
            key = folded.get(name)
            if key is None:
                key = folded[name] = fold(name)
            return key

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def add(name: str) -> str | None:
            key = fold_(name)
            if not key or not tokenizer.tokens(name):
                return None
            if key not in parent:
                parent[key] = key
                display[key] = name
            return key

        def union(a: str | None, b: str | None) -> None:
            if a and b:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)

        self.fact_groups: dict[str, list[str]] = {}
        kinds_of: dict[str, set[str]] = {}
        preferred: list[tuple[int, str]] = []
        rank = {"agent": 0, "biomarker": 1, "mirna": 1, "term": 2, "outcome": 3, "statistic": 3, "mechanism": 4}
        for fact in facts:
            preferred.append((rank.get(fact.kind, 5), fact.entity))
            names = [fact.entity]
            if fact.kind in self.GROUPED_KINDS:
                names += list(fact.aliases)
            agent = fact.get("agent") if fact.kind == "outcome" else None
            composite = any(ch in fact.entity for ch in "/;")
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
            if fact.kind in self.GROUPED_KINDS and not composite and base:
                for n, k in keys.items():
                    if k and n not in family:
                        union(base, k)
            own = [k for k in keys.values() if k]
            if agent:
                for part in str(agent).split(";"):
                    k = add(part.strip())
                    if k:
                        own.append(k)
            self.fact_groups[fact.id] = own
        self.group_of = {k: find(k) for k in parent}
        self.display = {}
        for _, name in sorted(preferred, key=lambda x: x[0]):
            k = fold_(name)
            if k in parent:
                self.display.setdefault(find(k), name)
        for k in parent:
            self.display.setdefault(find(k), display[find(k)])
        self.kinds: dict[str, set[str]] = {}
        for k, ks in kinds_of.items():
            self.kinds.setdefault(find(k), set()).update(ks)
        self.fact_groups = {fid: sorted({find(k) for k in keys}) for fid, keys in self.fact_groups.items()}
        self._parent, self._display_raw = parent, display
        self.names: list[tuple[tuple[str, ...], str, str]] = []   # (stems, group, name)
        self._add_people(people)
        self._index()

    def _add_people(self, people: Iterable[str]) -> None:
        """Authors, editor and reviewers as names too, each with the initials the review uses ("X-FL")."""
        for person in people:
            key = fold(person)
            if not key or key in self._parent or not self.tokenizer.tokens(person):
                continue
            self._parent[key] = key
            self._display_raw[key] = person
            self.kinds.setdefault(key, set()).add("person")
            self.group_of[key] = key
            self.display[key] = person
            parts = person.split()
            if len(parts) >= 2:
                given = parts[0].split("-")
                initials = "-".join(p[:1].upper() for p in given) + parts[-1][:1].upper()
                ikey = fold(initials)
                if len(initials) >= 3 and ikey not in self._parent:
                    self._parent[ikey] = key
                    self._display_raw[ikey] = initials
                    self.group_of[ikey] = key

    def _index(self) -> None:
        parent, display = self._parent, self._display_raw

        def find(x: str) -> str:
            while parent[x] != x:
                x = parent[x]
            return x
        self.names = []
        for k in sorted(parent):
            stems = tuple(self.tokenizer.tokens(display[k]))
            if stems:
                self.names.append((stems, find(k), display[k]))
        self.names.sort(key=lambda x: (-len(x[0]), x[2]))
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._members: dict[str, list[str]] = {}
        for entry in self.names:
            self.by_first.setdefault(entry[0][0], []).append(entry)
            self._members.setdefault(entry[1], []).append(entry[2])
        for names in self._members.values():
            names.sort()

    def members(self, group: str) -> list[str]:
        return self._members.get(group, [])

    def mentions(self, words: list[Word]) -> list[tuple[str, int, int, str]]:
        """(group, first word, last word, name) for each name found, longest first, never overlapping."""
        return self.mentions_in([w.stems for w in words])

    def mentions_in(self, word_stems: list[tuple[str, ...]]) -> list[tuple[str, int, int, str]]:
        """mentions() over the stems of each word."""
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
        for neg_n, first, last, group, name in found:
            span = set(range(first, last + 1))
            if span & used:
                continue
            used |= span
            out.append((group, first, last, name))
        out.sort(key=lambda x: x[1])
        return out


def person_name(name: str) -> str:
    """A name as printed in the front matter without its bracketed affiliation or role."""
    return re.sub(r"\s*\(.*$", "", name).strip()

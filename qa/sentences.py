"""SentenceTable: the one table of the review's sentences (answer units), shared by the index, answers and the checker."""
from __future__ import annotations

from dataclasses import dataclass

from .article import WHOLE_PARTS
from .models import Document, Passage
from .text import Tokenizer, fold, sentences

SHORT_PART = 400     # a short front-matter block (an address, an affiliation list) is one unit too


@dataclass(frozen=True)
class Unit:
    """One sentence of the review (or a table row, a reference, a short front-matter block)."""
    idx: int
    passage: str
    section: str
    text: str


def unit_texts(passage: Passage, kind: str, split: list[str]) -> list[str]:
    """How a passage divides into units: short front-matter parts whole, table rows by line, everything else
    (a reference too: authors, title, journal) by sentence (split: the passage's sentences)."""
    if passage.section in WHOLE_PARTS:
        return [passage.text]
    if kind == "front" and len(passage.text) < SHORT_PART and passage.section != "dates":
        return [passage.text]
    if kind == "table":
        return [line.strip() for line in passage.text.split("\n") if line.strip()]
    return split


class SentenceTable:
    """Every unit of the review in order, with its stems; built once per engine (split sentences come from the
    index cache, so a warm start does not run Punkt)."""

    def __init__(self, document: Document, tokenizer: Tokenizer, split: dict[str, list[str]] | None = None):
        self.document = document
        self.tokenizer = tokenizer
        self.split = dict(split or {})
        kinds = {s.id: s.kind for s in document.sections}
        self.units: list[Unit] = []
        self._by_passage: dict[str, list[int]] = {}
        for passage in document.passages:
            texts = unit_texts(passage, kinds.get(passage.section, "body"), self.passage_sentences(passage))
            for text in texts:
                self._by_passage.setdefault(passage.id, []).append(len(self.units))
                self.units.append(Unit(len(self.units), passage.id, passage.section, text))
        self._stems: dict[int, set[str]] = {}
        self._folded: dict[int, str] = {}
        self._folded_passages: dict[str, str] = {}

    def passage_sentences(self, passage: Passage) -> list[str]:
        """The passage split into sentences by Punkt (kept in the index cache)."""
        texts = self.split.get(passage.id)
        if texts is None:
            texts = self.split[passage.id] = sentences(passage.text)
        return list(texts)

    def of_passage(self, passage_id: str) -> list[Unit]:
        return [self.units[i] for i in self._by_passage.get(passage_id, ())]

    def stems(self, unit: Unit) -> set[str]:
        found = self._stems.get(unit.idx)
        if found is None:
            found = self._stems[unit.idx] = set(self.tokenizer.tokens(unit.text))
        return found

    def folded(self, unit: Unit) -> str:
        found = self._folded.get(unit.idx)
        if found is None:
            found = self._folded[unit.idx] = fold(unit.text)
        return found

    def folded_passage(self, passage_id: str) -> str:
        found = self._folded_passages.get(passage_id)
        if found is None:
            found = self._folded_passages[passage_id] = " ".join(self.folded(u) for u in self.of_passage(passage_id))
        return found

    def answer_units(self, passage: Passage) -> list[tuple[str, set[str]]]:
        """Answer candidates of a passage with their stems; a table's column headings answer nothing."""
        if passage.section == "references":      # a reference answers whole
            return [(passage.text, set().union(*(self.stems(u) for u in self.of_passage(passage.id))))]
        units = self.of_passage(passage.id)
        if passage.section.startswith("table-") and len(units) > 2:
            units = units[:1] + units[2:]
        return [(u.text, self.stems(u)) for u in units]

    def windows(self, folded_name: str):
        """The folded text of each unit naming folded_name, joined with the two units after it in its passage."""
        for unit in self.units:
            if unit.section == "references" or folded_name not in self.folded(unit):
                continue
            window = [self.folded(unit)]
            for nxt in self.units[unit.idx + 1:unit.idx + 3]:
                if nxt.passage == unit.passage:
                    window.append(self.folded(nxt))
            yield " ".join(window)

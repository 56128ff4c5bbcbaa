"""The library-wide passage index: one tantivy index over the passages of every review of a library, each tagged with
its review, on disk and memory-mapped (it opens at the same cost at any size); it says which review a question is
about, while each review's own Engine ranks and answers within it."""
from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .backends import build_directory, put_in_place

MARKER = "qa-library-index.json"   # written last: a directory without it is an unfinished build
FIELD = "body"
HEAP_BYTES = 64_000_000
# A question's review is the one whose passages hold most of the score of the ROUTE_DEPTH best passages.
ROUTE_DEPTH = 5


@dataclass(frozen=True)
class LibraryHit:
    doc: int            # the review's position in the manifest
    unit: int           # the passage's position in its review
    score: float


def _schema():
    import tantivy
    builder = tantivy.SchemaBuilder()
    builder.add_text_field(FIELD, tokenizer_name="whitespace", index_option="freq")
    builder.add_integer_field("doc", indexed=True, fast=True)
    builder.add_integer_field("unit", fast=True)
    return builder.build()


class LibraryIndex:
    """Search the passages of every review (qa's own stems, tantivy's BM25); with `doc`, of one review only."""

    def __init__(self, index):
        import tantivy
        self._t = tantivy
        self.index = index
        self.schema = index.schema
        self.searcher = index.searcher()
        self._terms: dict[str, object] = {}

    @classmethod
    def open(cls, directory: Path, key: str) -> "LibraryIndex | None":
        """The finished index in `directory` built for `key`, or None (missing, unfinished or stale: rebuilt)."""
        try:
            marker = json.loads((directory / MARKER).read_text(encoding="utf-8"))
            if marker.get("key") != key:
                return None
            import tantivy
            index = tantivy.Index.open(str(directory))
            if index.searcher().num_docs != marker.get("units"):
                return None
            return cls(index)
        except (OSError, ValueError, UnicodeDecodeError, AttributeError):
            return None

    def _term(self, stem: str):
        query = self._terms.get(stem)
        if query is None:
            query = self._terms[stem] = self._t.Query.term_query(self.schema, FIELD, stem, index_option="freq")
        return query

    def search(self, stems: dict[str, float], limit: int, doc: int | None = None) -> list[LibraryHit]:
        """The `limit` best passages for a weighted bag of stems, best first."""
        Query, Occur = self._t.Query, self._t.Occur
        clauses = [(Occur.Should, Query.boost_query(self._term(s), float(w))) for s, w in stems.items() if w > 0]
        if not clauses or limit <= 0:
            return []
        query = Query.boolean_query(clauses)
        if doc is not None:
            within = Query.term_set_query(self.schema, "doc", [int(doc)])
            query = Query.boolean_query([(Occur.Must, query), (Occur.Must, Query.const_score_query(within, 0.0))])
        hits = self.searcher.search(query, limit=limit, count=False).hits
        if not hits:
            return []
        addresses = [a for _, a in hits]
        docs = self.searcher.fast_field_values("doc", addresses)
        units = self.searcher.fast_field_values("unit", addresses)
        return [LibraryHit(int(d), int(u), float(s)) for (s, _), d, u in zip(hits, docs, units)]

    def route(self, stems: dict[str, float], depth: int = ROUTE_DEPTH) -> list[tuple[int, float]]:
        """The reviews the best passages come from, each with the score its passages hold among the `depth`
        best, best first (ties: the earlier review)."""
        totals: dict[int, float] = {}
        for hit in self.search(stems, depth):
            totals[hit.doc] = totals.get(hit.doc, 0.0) + hit.score
        return sorted(totals.items(), key=lambda e: (-e[1], e[0]))

    def holders(self, stem: str) -> int:
        """How many passages of the library hold the stem."""
        return self.searcher.doc_freq(FIELD, stem)


class LibraryIndexBuilder:
    """Builds the index review by review in a temporary directory beside `directory`, then renames it into place:
    a reader never sees half an index. Without a directory (no cache) the index is kept in memory."""

    def __init__(self, directory: Path | None, key: str):
        import tantivy
        self._t = tantivy
        self.directory, self.key = directory, key
        self.tmp = build_directory(directory, ".qa-library-")
        self.index = tantivy.Index(_schema(), path=str(self.tmp) if self.tmp else None, reuse=False)
        self.writer = self.index.writer(heap_size=HEAP_BYTES)
        self.units = 0

    def add_texts(self, doc: int, texts: list[str]) -> None:
        """One review's passages, each as its tokens space-joined, in passage order."""
        Document = self._t.Document
        for unit, text in enumerate(texts):
            d = Document()
            d.add_text(FIELD, text)
            d.add_integer("doc", doc)
            d.add_integer("unit", unit)
            self.writer.add_document(d)
            self.units += 1

    def finish(self) -> LibraryIndex:
        self.writer.commit()
        self.writer.wait_merging_threads()
        self.index.reload()
        if self.tmp is None:
            return LibraryIndex(self.index)
        try:
            put_in_place(self.tmp, self.directory, {"key": self.key, "units": self.units}, MARKER)
            opened = LibraryIndex.open(self.directory, self.key)
        except OSError:
            opened = None
        return opened if opened is not None else LibraryIndex(self.index)

    def abandon(self) -> None:
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)

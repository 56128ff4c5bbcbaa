"""Library: many reviews in one corpus directory — the manifest of its reviews, the one library-wide passage index
that says which review a question is about, and each review's own Engine (loaded lazily, from its own cache) that
answers it; a follow-up stays in the review of the turn before unless it names another or clearly belongs there."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .conversation import Topic, points_back
from .engine import Engine, LoadReport
from .errors import CorpusError
from .index import RankerSettings
from .library_index import ROUTE_DEPTH
from .manifest import engine_cache, is_library, open_manifest
from .models import Answer, Review, Verdict
from .text import Tokenizer, fold, surface_tokens

# A question leaves the conversation's review for another when that one's best passages hold at least CLEARLY
# times the score of the conversation review's own best passages (its subject clearly belongs there).
CLEARLY = 2.0
# A question routed by the index alone that its review does not answer is asked of the next review too, when that
# one's passages hold at least this share of the first one's score.
FALLBACK_SHARE = 0.5
LISTED = 8                  # reviews a message names before "and N more"
_ADDRESS = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*):(.*)$", re.S)
_ID_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
MIN_TITLE_CHARS = 12        # a short title this long, typed whole in a question, names its review


@dataclass(frozen=True)
class LibraryTopic:
    """What a later turn of a conversation leans on in a library: its review, and the topic within it."""
    doc: str
    topic: Topic | None = None

    @property
    def label(self) -> str:
        """The topic as the prompt and the chip show it: "DOC · DRUG · response rate"."""
        inner = self.topic.label if self.topic is not None else ""
        return f"{self.doc} · {inner}" if inner else self.doc


@dataclass(frozen=True)
class Choice:
    """The review a question goes to; `others`, the next best, asked when it has no answer."""
    doc: str
    others: tuple[str, ...] = ()


def open_corpus(corpus_dir: str | Path | None = None, use_cache: bool = True,
                warn: Callable[[str], None] | None = None):
    """A corpus directory as the commands use it: an Engine for one review (review.md at its top, or the shipped
    review), a Library when each sub-directory holds a review."""
    if corpus_dir is not None and is_library(Path(corpus_dir)):
        return Library.open(corpus_dir, use_cache=use_cache, warn=warn)
    return Engine.load(corpus_dir, use_cache=use_cache, warn=warn)


def engine_of(source, result) -> Engine:
    """The Engine that made an answer or verdict: the review's own in a library, else the one engine."""
    review = getattr(result, "review", None)
    return source.engine(review.id) if review is not None and isinstance(source, Library) else source


class Library:
    """Ask questions of, and check claims against, many reviews: each goes to the review its words belong to (or
    the one `restrict` names) and is answered by that review's Engine; answers carry the review they come from."""

    def __init__(self, corpus: Path, manifest, settings: RankerSettings, use_cache: bool,
                 warn: Callable[[str], None] | None, report: LoadReport):
        self.corpus = corpus
        self.manifest = manifest
        self.settings = settings
        self.use_cache = use_cache
        self.warn = warn
        self.load_report = report
        self.reviews: tuple[Review, ...] = tuple(s.review for s in manifest.reviews)
        self.index = manifest.index
        self.tokenizer = Tokenizer()                     # reads questions for the index, with the library's stems
        self.only: str | None = None                     # --doc: every question goes to this review
        self._position = {r.id: i for i, r in enumerate(self.reviews)}
        self._by_folded = {r.id.casefold(): r.id for r in self.reviews}
        self._engines: dict[str, Engine] = {}

    @classmethod
    def open(cls, corpus_dir: str | Path, settings: RankerSettings | None = None, use_cache: bool = True,
             warn: Callable[[str], None] | None = None) -> "Library":
        """The library in a directory of reviews: its manifest and index from the cache when its files have not
        changed (a stat per file, no reading), else built (parsing and indexing every review once)."""
        started = time.perf_counter()
        corpus = Path(corpus_dir)
        settings = settings or RankerSettings()
        manifest = open_manifest(corpus, settings, Tokenizer(), use_cache, progress=_progress())
        report = LoadReport(manifest.from_cache, manifest.directory, "", time.perf_counter() - started)
        return cls(corpus, manifest, settings, use_cache, warn, report)

    # -- the reviews --------------------------------------------------------------------------------------------
    @property
    def label(self) -> str:
        return f"a library of {len(self.reviews):,} reviews"

    def review(self, doc: str) -> Review:
        """The review with this id (its sub-directory's name, any case); CorpusError naming the ids otherwise."""
        found = self._by_folded.get(doc.strip().casefold())
        if found is None:
            raise CorpusError(f"no review '{doc}' in {self.corpus} (its reviews: {self.listed()}; "
                              "`qa sections` lists them)")
        return self.reviews[self._position[found]]

    def listed(self) -> str:
        ids = [r.id for r in self.reviews]
        return ", ".join(ids[:LISTED]) + (f" and {len(ids) - LISTED:,} more" if len(ids) > LISTED else "")

    def restrict(self, doc: str | None) -> "Library":
        """Every question to one review (`--doc ID`), or to the one its words belong to (None)."""
        self.only = self.review(doc).id if doc else None
        return self

    def engine(self, doc: str) -> Engine:
        """The review's own Engine, loaded on first use from its own cache in the library's cache directory."""
        review = self.review(doc)
        engine = self._engines.get(review.id)
        if engine is None:
            shelved = self.manifest.reviews[self._position[review.id]]
            directory = self.manifest.directory
            cache_file = engine_cache(directory, review.id) if directory is not None else None
            engine = Engine.load(Path(shelved.path), self.settings, use_cache=self.use_cache and cache_file is not None,
                                 warn=self.warn, doc=review.id, cache_file=cache_file)
            self._engines[review.id] = engine
        return engine

    def address(self, text: str) -> tuple[str | None, str]:
        """'DOC:3.1.4' -> ('DOC', '3.1.4'); text without a review's id in front -> (None, text). An id that is no
        review of the library is a CorpusError."""
        match = _ADDRESS.match(text)
        if match is None:
            return None, text
        return self.review(match.group(1)).id, match.group(2).strip()

    # -- questions ----------------------------------------------------------------------------------------------
    def ask(self, question: str, k: int = 5, context: LibraryTopic | None = None, follow: bool = True) -> Answer:
        """Answer in the review the question belongs to (see choose); `context`, the LibraryTopic of the turn
        before, keeps a follow-up in its review. The answer names its review and leaves a LibraryTopic."""
        started = time.perf_counter()
        question = Engine.clean_question(question)
        choice = self.choose(question, context)
        answer = self._ask_in(choice.doc, question, k, context, follow)
        for other in choice.others:
            if answer.found:
                break
            second = self._ask_in(other, question, k, None, follow)
            answer = second if second.found else answer
        return replace(answer, meta={**answer.meta, "elapsed_ms": _ms(started)})

    def _ask_in(self, doc: str, question: str, k: int, context, follow: bool) -> Answer:
        engine = self.engine(doc)
        self._lend_stems(engine.tokenizer, question)
        inner = context.topic if isinstance(context, LibraryTopic) and context.doc == doc else None
        answer = engine.ask(question, k, context=inner, follow=follow)
        return replace(answer, review=self.review(doc), topic=LibraryTopic(doc, answer.topic) if follow else None)

    def check(self, claim: str) -> Verdict:
        """Check a claim against the review its words belong to (the next best too, when the first finds
        nothing); the verdict names its review."""
        started = time.perf_counter()
        claim = Engine.clean_question(claim, "claim")
        choice = self.choose(claim, None)
        verdict = self._check_in(choice.doc, claim)
        for other in choice.others:
            if verdict.verdict != "not_found":
                break
            second = self._check_in(other, claim)
            verdict = second if second.verdict != "not_found" else verdict
        return replace(verdict, meta={**verdict.meta, "elapsed_ms": _ms(started)})

    def _check_in(self, doc: str, claim: str) -> Verdict:
        engine = self.engine(doc)
        self._lend_stems(engine.tokenizer, claim)
        return replace(engine.check(claim), review=self.review(doc))

    def choose(self, text: str, context: LibraryTopic | None = None) -> Choice:
        """The review a question goes to:

        - `--doc` (restrict), or a review the question names ("in the DOC review", its title typed whole);
        - in a conversation, the review of the turn before, unless the question's words clearly belong to
          another (its best passages hold CLEARLY times the score); a question that points back ("is it
          approved?", "its side effects?") always stays;
        - otherwise the review whose passages hold most of the score of the best few (and the next best, asked
          when the first has no answer)."""
        if self.only:
            return Choice(self.only)
        named = self.named(text)
        if named is not None:
            return Choice(named)
        self._lend_stems(self.tokenizer, text)
        stems = {s: 1.0 for s in self.tokenizer.tokens(text)}
        ranked = self.index.route(stems)
        here = context.doc if isinstance(context, LibraryTopic) and context.doc in self._position else None
        if here is not None:
            if not ranked or points_back(text) or self.reviews[ranked[0][0]].id == here:
                return Choice(here)
            own = sum(h.score for h in self.index.search(stems, ROUTE_DEPTH, doc=self._position[here]))
            return Choice(self.reviews[ranked[0][0]].id, (here,)) if ranked[0][1] >= CLEARLY * own else Choice(here)
        if not ranked:
            return Choice(self.reviews[0].id)
        top = ranked[0][1]
        others = tuple(self.reviews[d].id for d, score in ranked[1:2] if score >= FALLBACK_SHARE * top)
        return Choice(self.reviews[ranked[0][0]].id, others)

    def named(self, text: str) -> str | None:
        """A review the question names: its id beside the word "review" ("in the DOC review", "review
        DOC"), or its short title typed whole."""
        words = _ID_WORD.findall(text)
        for i, word in enumerate(words):
            doc = self._by_folded.get(word.casefold())
            if doc is not None and any(0 <= j < len(words) and words[j].casefold() in ("review", "reviews")
                                       for j in (i - 1, i + 1)):
                return doc
        folded = fold(text)
        for review in self.reviews:
            short = fold(review.short_title)
            if len(short) >= MIN_TITLE_CHARS and short in folded:
                return review.id
        return None

    def _lend_stems(self, tokenizer: Tokenizer, text: str) -> None:
        """The stems of the question's words the library knows, lent to a tokenizer (the router's, the review's):
        a word of another review is then not a reason to load the stemmer (all of NLTK) in a one-shot `qa ask`."""
        tokenizer.preload(self.manifest.stems.lookup(set(text.lower().split(" ")) | set(surface_tokens(text))))

    @property
    def corpus_id(self) -> str:
        return self.manifest.corpus_id

    # -- reading ------------------------------------------------------------------------------------------------
    def passages(self, doc: str) -> int:
        return self.manifest.reviews[self._position[self.review(doc).id]].passages

    def path(self, doc: str) -> Path:
        """The review's own directory (review.md, facts/)."""
        return Path(self.manifest.reviews[self._position[self.review(doc).id]].path)

    def identity(self, doc: str | None = None):
        """What the help and the chat UI name: one review's identity with --doc, else the library's (its size,
        with the example questions of its first review)."""
        from .identity import Identity
        identity = Identity.of(self.engine(doc or self.reviews[0].id))
        if doc:
            return identity
        title = self.label[:1].upper() + self.label[1:]
        return replace(identity, title=title, short_title=title, journal="", year=None, reference_range="",
                       source=f"{title} in {self.corpus}", licence="", reviews=len(self.reviews))


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)


def _progress() -> Callable[[str], None] | None:
    """Progress of a library build on stderr, rewritten in place, only when stderr is a terminal."""
    import sys
    try:
        live = sys.stderr.isatty()
    except (AttributeError, ValueError):
        live = False
    if not live:
        return None

    def show(message: str) -> None:
        sys.stderr.write(f"\r{message}")
        sys.stderr.flush()
    return show

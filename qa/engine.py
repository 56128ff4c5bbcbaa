"""Engine: the public API (load, ask, check, ask_many) — read once, retrieve, gather evidence, decide, compose."""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import cache
from .answer import cited_references, fact_stems, rank_facts
from .conversation import FollowUps, Topic
from .evidence import BROAD_IDF, EvidenceIndex
from .gather import Gatherer, asks_to_gather
from .errors import CorpusError, FactError, QueryError  # noqa: F401  (raised to callers)
from .article import PART_DESCRIPTORS
from .index import PassageIndex, RankerSettings
from .models import Answer, Document, Fact, Hit, Passage, Section, Verdict
from .names import NameRegistry
from .reading import FRAME_WORDS, Reader, Reading
from .relevance import Stats, decide
from .sentences import SentenceTable
from .text import STOPWORDS, Tokenizer, sentences

MAX_QUESTION_CHARS = 4000
SCHEMA = 1


def packaged_corpus() -> Path:
    """The shipped review: the repository's corpus/ in a checkout, the installed copy otherwise."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "corpus", here.parent / "corpus"):
        if (candidate / "review.md").is_file():
            return candidate
    return here.parent / "corpus"


def find_review(corpus: Path) -> Path:
    if not corpus.exists():
        raise CorpusError(f"{corpus}: corpus directory not found")
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: not a directory (--corpus takes a directory holding review.md)")
    review = corpus / "review.md"
    if review.is_file():
        return review
    candidates = sorted(p for p in corpus.iterdir() if p.suffix in (".md", ".txt") and p.is_file()
                        and p.name.lower() not in ("readme.md", "licence.md", "license.md", "notice.md"))
    if len(candidates) == 1:
        return candidates[0]
    raise CorpusError(f"{corpus}: no review text found (expected {corpus / 'review.md'})")


def _tagged(document: Document, facts: tuple[Fact, ...], doc: str) -> tuple[Document, tuple[Fact, ...]]:
    """The review and its facts as one review of a library: each passage, reference and fact carries `doc`."""
    return document.tagged(doc), tuple(replace(f, doc=doc) for f in facts)


@dataclass
class LoadReport:
    from_cache: bool
    cache_path: Path | None
    cache_note: str
    seconds: float


class Engine:
    """One loaded review: ask questions, check claims, read sections. Holds no UI state.

    The pipeline: Reader.read (one Reading per question or claim) -> EvidenceIndex (the one passage index and
    sentence table, the one name registry) -> relevance.decide / check rules -> Answer or Verdict."""

    def __init__(self, document: Document, facts: tuple[Fact, ...], index: PassageIndex, sentences: SentenceTable,
                 corpus_id: str, corpus_dir: Path, report: LoadReport, names: NameRegistry | None = None):
        self.document = document
        self.facts = facts
        self.index = index
        self.sentences = sentences
        self.tokenizer = index.tokenizer
        self.settings = index.settings
        self.corpus_id = corpus_id
        self.corpus_dir = corpus_dir
        self.load_report = report
        self.names = names or NameRegistry(facts, self.tokenizer, document)     # the one name registry
        kinds = {s.id: s.kind for s in document.sections}
        main_text = {t for p, toks in zip(document.passages, index.corpus_tokens) if kinds.get(p.section) == "body"
                     for t in toks}
        self.reader = Reader(self.tokenizer, self.names, index.vocabulary, index.body_vocabulary,
                             self.settings.expansion_weight, main_text)
        self.evidence = EvidenceIndex(document, facts, index, self.names, sentences)
        # Words that name the article itself (title, journal, authors, year): no topic in "who reviewed the
        # Frontiers trastuzumab review?" when the answer is a part of the article.
        described = " ".join(p.text for p in document.passages if p.section in ("title", "citation"))
        self.stats = Stats(index.idf, index.vocabulary, self.reader.frame, self.names.synonyms_of,
                           frozenset(PART_DESCRIPTORS) - {"references"},
                           frozenset(self.tokenizer.tokens(described)) | self.reader.self_words,
                           self.settings.oov_weight)
        title = " ".join(p.text for p in document.passages if p.section == "title")
        words = re.findall(r"[\w-]+", title)
        # the title's names, and those of its words one by one ("DRUG resistance" names DRUG too)
        self.reader.subject = frozenset(m.entity for text in [title, *words] for m in self.names.mentions_of(text))
        self.reader.subject_words = frozenset(w.casefold() for w in words)
        self._fact_stem_memo: dict[str, set[str]] = {}
        self.gatherer = Gatherer(document, facts, self.names, self.tokenizer, index.idf, BROAD_IDF)
        self.follow_ups = FollowUps(self.evidence.specific_entities, index.idf, self.tokenizer, BROAD_IDF)

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, corpus_dir: str | Path | None = None, settings: RankerSettings | None = None,
             tokenizer: Tokenizer | None = None, use_cache: bool = True,
             warn: Callable[[str], None] | None = None, doc: str = "", cache_file: Path | None = None) -> "Engine":
        """Load a corpus directory (review.md + facts/*.yaml), from the cache when it is still valid.

        A review of a library (qa.library) is loaded with `doc`, its id, which every passage, fact and reference
        then carries, and `cache_file`, its own index file in the library's cache directory (never pruned by
        count: the library keeps one per review)."""
        started = time.perf_counter()
        settings = settings or RankerSettings()
        tokenizer = tokenizer or Tokenizer()
        corpus = Path(corpus_dir) if corpus_dir is not None else packaged_corpus()
        review = find_review(corpus)
        try:
            files = cache.corpus_files(corpus, review)
            digest = cache.corpus_hash(files, corpus)
        except OSError as exc:
            raise CorpusError(f"{exc.filename}: cannot read: {exc.strerror}") from None
        key = hashlib.sha256(f"{digest}|{tokenizer.settings}|{settings.describe()}|{cache.CACHE_FORMAT}|{cache.code_stamp()}"
                             .encode()).hexdigest()
        cache_path = cache_file or (cache.cache_dir()
                                    / f"index-{hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:16]}.json")
        note = ""
        payload = cache.read(cache_path, key, cache.size_limit(files)) if use_cache else None
        names, fact_stems_memo = None, {}
        if payload is not None:
            try:
                document = cache.document_from_json(payload["document"])
                facts = tuple(cache.fact_from_json(f) for f in payload["facts"])
                if doc:
                    document, facts = _tagged(document, facts, doc)
                tokens = [t.split(" ") if t else [] for t in payload["tokens"]]
                sentence_tokens = [(int(i), t.split(" ") if t else []) for i, t in payload["sentence_tokens"]]
                sentence_texts = payload["sentences"]
                tokenizer.preload(payload["stems"])
                names = NameRegistry.from_state(payload["names"], facts, tokenizer)
                fact_stems_memo = {fid: set(v.split(" ")) if v else set() for fid, v in payload["fact_stems"].items()}
            except (KeyError, TypeError, ValueError, AttributeError):
                payload, names, fact_stems_memo, note = None, None, {}, "cache unreadable; rebuilt"
        if payload is None:
            document = cls._parse(review, corpus)
            document, facts = cls._facts(corpus, document)
            if doc:
                document, facts = _tagged(document, facts, doc)
            sentence_texts = {p.id: sentences(p.text) for p in document.passages}
        table = SentenceTable(document, tokenizer, sentence_texts)
        if payload is None:
            tokens, sentence_tokens = PassageIndex.tokenize(document.passages, table.units, tokenizer, settings)
        index = PassageIndex(document.passages, tokens, sentence_tokens, tokenizer, settings)
        report = LoadReport(payload is not None, cache_path if use_cache else None, note,
                            time.perf_counter() - started)
        engine = cls(document, facts, index, table, digest[:12], corpus, report, names)
        engine._fact_stem_memo.update(fact_stems_memo)
        if payload is None and use_cache:
            engine._write_cache(cache_path, key, tokens, sentence_tokens, warn, prune_others=cache_file is None)
        return engine

    def _write_cache(self, cache_path: Path, key: str, tokens, sentence_tokens, warn, prune_others: bool = True
                     ) -> None:
        """Write the index cache. Every word the engine and the checker read (sentences, facts, word lists,
        stopwords) is stemmed first, so that a warm `qa ask` or `qa check` finds its stems in the cache and
        loads the stemmer (all of NLTK) only for a question word the review never uses."""
        from .check import knowledge
        knowledge(self)
        for word in sorted(STOPWORDS | FRAME_WORDS):
            self.tokenizer.stem(word)
        for fact in self.facts:
            self._fact_stems(fact)
        for unit in self.sentences.units:
            self.sentences.stems(unit)
        try:
            cache.write(cache_path, {
                "format": cache.CACHE_FORMAT, "key": key,
                "document": cache.document_to_json(self.document),
                "facts": [cache.fact_to_json(f) for f in self.facts],
                "tokens": [" ".join(t) for t in tokens],
                "sentence_tokens": [[i, " ".join(t)] for i, t in sentence_tokens],
                "sentences": self.sentences.split,
                "names": self.names.state(),
                "fact_stems": {f.id: " ".join(sorted(self._fact_stems(f))) for f in self.facts},
                "stems": self.tokenizer.stem_table}, prune_others)
        except OSError as exc:
            note = f"index cache not written ({cache_path.parent}: {exc.strerror}); working uncached"
            self.load_report.cache_note = note
            if warn:
                warn(note)

    @staticmethod
    def _parse(review: Path, corpus: Path) -> Document:
        try:
            raw = review.read_bytes()
        except OSError as exc:
            raise CorpusError(f"{review}: cannot read: {exc.strerror}") from None
        if b"\x00" in raw:
            raise CorpusError(f"{review}: binary file (NUL bytes); expected the review as UTF-8 text")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{review}: not UTF-8 text (invalid byte at offset {exc.start})") from None
        if not text.strip():
            raise CorpusError(f"{review}: the review file is empty")
        from .parse import ParseError, parse_review     # a warm start reads the parsed review from the cache
        try:
            return parse_review(text)
        except ParseError as exc:
            raise CorpusError(f"{review}: {exc}") from None

    @staticmethod
    def _facts(corpus: Path, document: Document) -> tuple[Document, tuple[Fact, ...]]:
        """Validated facts, and the document with the curators' notes on its references; FactError lists every
        problem as FILE:LINE: fact ID: what is wrong."""
        from .facts import load_facts, load_reference_notes     # a warm start reads facts from the cache
        facts = load_facts(corpus / "facts", document, label_root=corpus.parent)
        notes = load_reference_notes(corpus / "facts", document, label_root=corpus.parent, facts=facts)
        if notes:
            document = replace(document, references=tuple(replace(r, note=notes.get(r.n, r.note))
                                                          for r in document.references))
        return document, facts

    def _fact_stems(self, fact: Fact) -> set[str]:
        stems = self._fact_stem_memo.get(fact.id)
        if stems is None:
            stems = self._fact_stem_memo[fact.id] = fact_stems(fact, self.tokenizer)
        return stems

    # -- questions -------------------------------------------------------------------------------
    def meta(self, started: float) -> dict:
        return {"corpus": self.corpus_id, "ranker": f"{self.tokenizer.settings};{self.settings.describe()}",
                "elapsed_ms": round((time.perf_counter() - started) * 1000, 3)}

    @staticmethod
    def clean_question(text: str, what: str = "question") -> str:
        if not isinstance(text, str):
            raise QueryError(f"the {what} must be text")
        text = text.replace("\x00", " ")
        text = text.encode("utf-8", "replace").decode("utf-8")   # lone surrogates -> U+FFFD, never a crash
        stripped = text.strip()
        if not stripped:
            raise QueryError(f"empty {what}: type a {what} about the review")
        if len(stripped) > MAX_QUESTION_CHARS:
            raise QueryError(f"{what} too long: {len(stripped)} characters (the limit is {MAX_QUESTION_CHARS})")
        return stripped

    def read(self, text: str, kind: str = "question") -> Reading:
        """The question or claim read once: every later step uses this Reading."""
        return self.reader.read(text, kind)

    def weighted_terms(self, text: str) -> tuple[dict[str, float], set[str]]:
        """The user's own stems at weight 1 (misspellings repaired), other names of named entities below them."""
        reading = self.read(text)
        return reading.weight_map, set(reading.stems)

    def search(self, question: str, k: int = 5) -> tuple[list[Hit], dict[str, float], set[str]]:
        reading = self.read(question)
        return self.evidence.search(reading, k), reading.weight_map, set(reading.stems)

    def ask(self, question: str, k: int = 5, context: Topic | None = None, follow: bool = True) -> Answer:
        """Answer a question; with `context` (the topic of earlier turns, `Answer.topic`) a follow-up is read in
        it. `Answer.understood` says how the question was read; `Answer.topic` is the context for the next turn
        (not worked out with `follow=False`, for a question no turn will follow)."""
        started = time.perf_counter()
        question = self.clean_question(question)
        if k < 1:
            raise QueryError("-k must be at least 1")
        reading = self.read(question)
        turn = self.follow_ups.read(reading, context)
        if turn.carried:
            # the carried words name the topic; what kind of answer is asked is read from the question as typed
            reading = replace(self.read(turn.text), context=reading)
        # a question placed in a numbered section asks about that part (its label is no content)
        placed = self.evidence.placed(reading)
        evidence = self.evidence.gather(placed, k)
        judgement = decide(placed, evidence, self.stats)
        # gathering reads the names as repaired ("pozitinib" is the drug it was taken for)
        repaired = self._topic_reading(reading, turn)
        gathered = self.gatherer.among(reading, turn.among) if turn.among else (
            self.gatherer.gather(repaired) if evidence.hits or asks_to_gather(repaired) == "overview"
            or self.gatherer.asks_for_parts(repaired) else None)
        # a question pointing at a part ("in the conclusions, which ...") is answered from that part's sentence
        # first, the facts' list after
        # (a stretch asked by its place, "the parts after the conclusions", names a part as its bound only)
        pointed = gathered is not None and gathered.items and self.gatherer.names_part(reading) and judgement.found \
            and self.gatherer.span(repaired) is None
        if gathered is not None and gathered.items and not pointed:
            return self._gathered_answer(question, reading, turn, evidence, gathered, started)
        if gathered is not None and not gathered.items:   # "which of them ...?" and none: said, the list kept
            return Answer(question, False, None, (), (), (), {**self.meta(started), "nearest": [],
                                                             "why_not": gathered.text},
                          understood=turn.understood, topic=context)
        if not judgement.found:
            topic = self.follow_ups.topic_of(self._topic_reading(reading, turn), None)
            return Answer(question, False, None, (), (), (), {**self.meta(started), **self._near_miss(reading, evidence),
                                                             "why_not": judgement.reason},
                          understood=turn.understood, topic=topic)
        hits = list(evidence.hits)
        named = self.names.mentioned_facts(set(reading.stems))
        facts = rank_facts(hits, self.names.by_passage, named, set(reading.stems), self.tokenizer, self.stats.idf,
                           stems_of=self._fact_stems)
        refs = cited_references(hits, self.document)
        sentence = evidence.sentence
        # the part pointed at answers: the gathered items when they all lie in it (or no sentence is found), else
        # the part's own enumerating sentence (see Gatherer.from_sentence)
        if pointed and (sentence is None or all(self.gatherer.names_part(reading, item.section)
                                                for item in gathered.items)):
            return self._gathered_answer(question, reading, turn, evidence, gathered, started)
        if sentence is not None and (gathered is None or pointed):
            passage = next((h.passage for h in hits if h.passage.id == sentence.passage), None)
            citations = passage.citations if passage else ()
            enumerated = self.gatherer.from_sentence(repaired, sentence, citations) or (
                self.gatherer.figures_in_sentence(repaired, sentence, citations) if gathered is None else None)
            if enumerated is not None or pointed:
                return self._gathered_answer(question, reading, turn, evidence, enumerated or gathered, started)
        if gathered is None and not turn.among:
            relaxed = self.gatherer.relaxed(repaired)
            if relaxed is not None:
                return self._gathered_answer(question, reading, turn, evidence, relaxed, started)
        # the topic a next turn leans on; `follow=False` (a batch line outside any conversation) needs none
        topic = self.follow_ups.topic_of(self._topic_reading(reading, turn), sentence.section if sentence else None,
                                         (lambda: self.read(sentence.text)) if sentence else None) if follow else None
        return Answer(question, True, evidence.sentence, tuple(hits), facts, refs, self.meta(started),
                      understood=turn.understood, topic=topic)

    def _gathered_answer(self, question: str, reading: Reading, turn, evidence, gathered, started) -> Answer:
        """A list, comparison or overview: the text is the whole answer, the items carry their facts; the
        passages and facts below still show the evidence."""
        from .models import AnswerSentence
        first = gathered.items[0]
        passages = self.document.passages_of(first.section)
        sentence = AnswerSentence(gathered.text, passages[0].id if passages else evidence.hits[0].passage.id,
                                  first.section)
        hits = list(evidence.hits)
        by_id = {f.id: f for f in self.facts}
        facts = tuple(dict.fromkeys(by_id[i] for item in gathered.items for i in item.facts if i in by_id))
        refs = cited_references(hits, self.document)
        topic = replace(self.follow_ups.topic_of(self._topic_reading(reading, turn), first.section),
                        items=tuple(i.entity for i in gathered.items))
        return Answer(question, True, sentence, tuple(hits), facts, refs, self.meta(started),
                      understood=turn.understood, topic=topic, gathered=gathered)

    def _topic_reading(self, reading: Reading, turn) -> Reading:
        """The reading a turn's topic is taken from: with misspellings repaired, so that a misspelt drug is still
        the entity a follow-up leans on."""
        return self.read(turn.understood) if reading.repairs and not turn.carried else reading

    def _near_miss(self, reading: Reading, evidence) -> dict:
        """What helps after a "not found": the sections nearest the question, and what the review does give for
        the drug asked about."""
        nearest = []
        for hit in evidence.hits:
            p = hit.passage
            if p.section != "references" and p.section not in [n["section"] for n in nearest]:
                nearest.append({"section": p.section, "title": p.title})
        out: dict = {"nearest": nearest[:3]}
        given = self.evidence.measures_given(reading) if reading.measures else None
        if given:
            out["review_gives"] = given
        return out

    def ask_many(self, questions: Iterable[str], k: int = 5) -> Iterator[Answer | QueryError]:
        for q in questions:
            try:
                yield self.ask(q, k)
            except QueryError as exc:
                yield exc

    def check(self, claim: str) -> Verdict:
        from .check import check_claim
        started = time.perf_counter()
        claim = self.clean_question(claim, "claim")
        verdict = check_claim(self, claim)
        return replace(verdict, meta=self.meta(started))

    # -- reading ---------------------------------------------------------------------------------
    def outline(self) -> tuple[Section, ...]:
        return self.document.sections

    def section(self, section_id: str) -> Section | None:
        return self.document.section(section_id.strip())

    def section_passages(self, section_id: str) -> tuple[Passage, ...]:
        return self.document.passages_of(section_id)

    def facts_for(self, kind: str | None = None, entity: str | None = None) -> tuple[Fact, ...]:
        from .text import fold
        out = []
        for fact in self.facts:
            if kind and fact.kind != kind:
                continue
            if entity and not any(fold(entity) in fold(n) for n in self.names.names_for(fact)):
                continue
            out.append(fact)
        return tuple(out)

    def citing_passages(self, n: int) -> tuple[Passage, ...]:
        return tuple(p for p in self.document.passages if n in p.citations and p.section != "references")

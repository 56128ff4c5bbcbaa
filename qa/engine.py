"""Engine: the public API (load, ask, check, ask_many) over the parsed review, its index and its facts."""
from __future__ import annotations

import hashlib
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import cache
from .answer import best_sentence, cited_references, fact_stems, rank_facts
from .facts import Linker, load_facts, phrase_key, phrases_in
from .index import PART_DESCRIPTORS, PassageIndex, RankerSettings
from .models import Answer, Document, Fact, Hit, Passage, Section, Verdict
from .parse import ParseError, parse_review
from .relevance import DRUG_LIKE, METRICS, Judgement, judge, looks_like_name
from .spelling import Speller
from .text import STOPWORDS, Tokenizer, sentences, surface_tokens

MAX_QUESTION_CHARS = 4000
ASKS_FOR_FIGURE = re.compile(r"\b(how (many|much|long|often|common|frequent\w*)|what (fraction|proportion|"
                             r"percentage|share|rate|number|dose)|percent|rate\b|ratio|median|months?\b|p[- ]?value|"
                             r"\borr\b|\bpfs\b|\bos\b|\bdfs\b|\bci\b|confidence|incidence|prevalence|when|year|date)",
                             re.I)
DEFINITION_QUESTION = re.compile(r"\b(stand|stands|abbreviat\w*|acronym|short for|meaning|mean|means|define|"
                                 r"definition)\b|^\s*what (is|are) (an? )?\S+\s*\??\s*$", re.I)
# Parts of the article that answer as a whole (a name and address, a citation, a keyword list).
WHOLE_PARTS = frozenset({"edited-by", "reviewed-by", "correspondence", "specialty-section", "citation",
                         "copyright", "title", "authors", "affiliations", "keywords", "funding"})
SELF_REFERENCE = re.compile(r"\b(this|the) (review|article|paper|manuscript|publication)\b", re.I)
# Words that ask about the cited literature rather than the review's own statements.
BIBLIOGRAPHIC_WORDS = "journal doi cited cite citing reference references paper papers published wrote authored " \
                      "publication"
SCHEMA = 1


class CorpusError(Exception):
    """The corpus directory or its files cannot be used; the message says which file and why."""


class QueryError(ValueError):
    """A question or claim that cannot be answered as given (empty, too long, not text)."""


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


@dataclass
class LoadReport:
    from_cache: bool
    cache_path: Path | None
    cache_note: str
    seconds: float


class Engine:
    """One loaded review: ask questions, check claims, read sections. Holds no UI state."""

    def __init__(self, document: Document, facts: tuple[Fact, ...], index: PassageIndex, linker: Linker,
                 corpus_id: str, corpus_dir: Path, report: LoadReport):
        self.document = document
        self.facts = facts
        self.index = index
        self.linker = linker
        self.tokenizer = index.tokenizer
        self.settings = index.settings
        self.corpus_id = corpus_id
        self.corpus_dir = corpus_dir
        self.load_report = report
        self._idf = self._idf_table()
        ordered = sorted(self._idf.values())
        self._median_idf = ordered[len(ordered) // 2] if ordered else 0.0
        self._entity_names: dict[str, list[frozenset[str]]] = {}
        self._sentence_memo: dict[str, list[tuple[str, set[str]]]] = {}
        self._fact_stem_memo: dict[str, set[str]] = {}
        self._sentence_texts: dict[str, list[str]] = {}
        vocabulary = self.index.vocabulary
        self._bibliographic = set(self.tokenizer.tokens(BIBLIOGRAPHIC_WORDS))
        # Repair towards the review's own words and the curated names, never towards a cited author's name.
        names = {w for f in self.facts for n in (f.entity, *f.aliases) for w in surface_tokens(n)}
        self._curated_names = names                 # "Enhertu": a glossary name is no unknown entity
        # Words that name the article itself (title, journal, authors, year): no topic in "who reviewed the
        # Frontiers trastuzumab review?" when the answer is a part of the article.
        described = " ".join(p.text for p in self.document.passages if p.section in ("title", "citation"))
        self._self_description = (set(PART_DESCRIPTORS) - {"references"}, set(self.tokenizer.tokens(described)))
        body = self.index.body_vocabulary
        self.speller = Speller(w for w, stem in self.tokenizer.stem_table.items()
                               if (stem in body or w in names) and stem in vocabulary)

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def load(cls, corpus_dir: str | Path | None = None, settings: RankerSettings | None = None,
             tokenizer: Tokenizer | None = None, use_cache: bool = True,
             warn: Callable[[str], None] | None = None) -> "Engine":
        """Load a corpus directory (review.md + facts/*.yaml), from the cache when it is still valid."""
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
        key = hashlib.sha256(f"{digest}|{tokenizer.settings}|{settings.describe()}|{cache.CACHE_FORMAT}"
                             .encode()).hexdigest()
        cache_path = cache.cache_dir() / f"index-{hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:16]}.json"
        note = ""
        payload = cache.read(cache_path, key) if use_cache else None
        linker = None
        if payload is not None:
            try:
                document = cache.document_from_json(payload["document"])
                facts = tuple(cache.fact_from_json(f) for f in payload["facts"])
                tokens = [t.split(" ") if t else [] for t in payload["tokens"]]
                sentence_tokens = [(int(i), t.split(" ") if t else []) for i, t in payload["sentence_tokens"]]
                sentence_texts = payload["sentences"]
                tokenizer.preload(payload["stems"])
                linker = Linker.from_state(payload["linker"], facts, tokenizer)
            except (KeyError, TypeError, ValueError, AttributeError):
                payload, note = None, "cache unreadable; rebuilt"
        if payload is None:
            document = cls._parse(review, corpus)
            facts = cls._facts(corpus, document)
            tokens, sentence_tokens = PassageIndex.tokenize(document.passages, tokenizer, settings)
            sentence_texts = {p.id: sentences(p.text) for p in document.passages}
            linker = Linker(facts, tokenizer, document)
        index = PassageIndex(document.passages, tokens, sentence_tokens, tokenizer, settings)
        report = LoadReport(payload is not None, cache_path if use_cache else None, note,
                            time.perf_counter() - started)
        engine = cls(document, facts, index, linker, digest[:12], corpus, report)
        engine._sentence_texts = sentence_texts
        if payload is None and use_cache:
            engine._write_cache(cache_path, key, tokens, sentence_tokens, warn)
        return engine

    def _write_cache(self, cache_path: Path, key: str, tokens, sentence_tokens, warn) -> None:
        """Write the index cache. Every word the engine and the checker read (sentences, facts, word lists,
        stopwords) is stemmed first, so that a warm `qa ask` or `qa check` finds its stems in the cache and
        loads the stemmer (all of NLTK) only for a question word the review never uses."""
        from .check import knowledge
        from .relevance import FRAME_WORDS
        knowledge(self)
        for word in sorted(STOPWORDS | FRAME_WORDS):
            self.tokenizer.stem(word)
        for fact in self.facts:
            self._fact_stems(fact)
        for passage in self.document.passages:
            self._sentences(passage)
        try:
            cache.write(cache_path, {
                "format": cache.CACHE_FORMAT, "key": key,
                "document": cache.document_to_json(self.document),
                "facts": [cache.fact_to_json(f) for f in self.facts],
                "tokens": [" ".join(t) for t in tokens],
                "sentence_tokens": [[i, " ".join(t)] for i, t in sentence_tokens],
                "sentences": self._sentence_texts,
                "linker": self.linker.state(),
                "stems": self.tokenizer.stem_table})
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
        try:
            return parse_review(text)
        except ParseError as exc:
            raise CorpusError(f"{review}: {exc}") from None

    @staticmethod
    def _facts(corpus: Path, document: Document) -> tuple[Fact, ...]:
        """Validated facts; FactError lists every problem as FILE:LINE: fact ID: what is wrong."""
        return load_facts(corpus / "facts", document, label_root=corpus.parent)

    def _idf_table(self) -> dict[str, float]:
        return dict(self.index.idf)

    def passage_sentences(self, passage: Passage) -> list[str]:
        """The passage split into sentences (kept in the index cache, so no re-splitting on a warm start)."""
        texts = self._sentence_texts.get(passage.id)
        if texts is None:
            texts = self._sentence_texts[passage.id] = sentences(passage.text)
        return list(texts)

    def _sentences(self, passage: Passage) -> list[tuple[str, set[str]]]:
        """Answer candidates of a passage with their stems: its sentences; a reference, a name-and-address
        part or a citation stays whole; Table 1 gives its caption and rows."""
        rows = self._sentence_memo.get(passage.id)
        if rows is None:
            if passage.section == "references" or passage.section in WHOLE_PARTS:
                texts = [passage.text]
            else:
                texts = self.passage_sentences(passage)
                if passage.section.startswith("table-") and len(texts) > 2:
                    texts = texts[:1] + texts[2:]      # the column headings answer nothing
            rows = self._sentence_memo[passage.id] = [(t, set(self.tokenizer.tokens(t))) for t in texts]
        return rows

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

    def _repair(self, token: str) -> str | None:
        """The review's spelling of a word it never uses as typed, if one is close."""
        stem = self.tokenizer.stem(token)
        if stem in self.index.vocabulary or token in STOPWORDS:
            return None
        fixed = self.speller.correct(token, strict=bool(DRUG_LIKE.search(token)))
        return self.tokenizer.stem(fixed) if fixed else None

    def known_word(self, token: str) -> bool:
        return token in self._curated_names or self._repair(token) is not None or self.speller.is_prefix(token)

    def weighted_terms(self, text: str) -> tuple[dict[str, float], set[str]]:
        """The user's own stems at weight 1 (misspellings repaired), glossary expansions below them."""
        own = []
        for token in surface_tokens(text):
            if token in STOPWORDS:
                continue
            repaired = self._repair(token)
            own.append(repaired or self.tokenizer.stem(token))
        weights = {t: 1.0 for t in own}
        stems = set(own)
        for extra, weight in self.linker.expansions(text, stems, self.settings.expansion_weight,
                                                    self.index.body_vocabulary).items():
            weights.setdefault(extra, weight)
        return weights, stems

    def judge(self, question: str, stems: set[str], hits: list[Hit], sentence: str | None = None) -> Judgement:
        """Whether the review answers the question, and if not, why (see qa.relevance)."""
        return judge(question, stems, hits, self._idf, self.index.vocabulary, self.tokenizer.stem,
                     self.linker.synonyms_of, sentence, self._missing_metric,
                     oov_weight=self.settings.oov_weight, threshold=self.settings.found_threshold,
                     known=self.known_word, reference_only=lambda content: self._reference_only(question, content),
                     self_description=self._self_description)

    def _reference_only(self, question: str, content: set[str]) -> str | None:
        """A specific term found only in the reference list ("neratinib"), asked about outside a
        bibliographic question: the review names it in a cited title but says nothing about it."""
        if set(self.tokenizer.tokens(question)) & self._bibliographic:
            return None
        body = self.index.body_vocabulary
        for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*", question):
            tokens = surface_tokens(word)
            if not tokens:
                continue
            term = self.tokenizer.stem(tokens[0])
            if term not in content or term in body or term not in self.index.vocabulary:
                continue
            if self.linker.synonyms_of(term) & body:
                continue
            if not (looks_like_name(word) or any(c.isdigit() for c in word)):
                continue
            return term
        return None

    def _missing_metric(self, question: str, stems: set[str]) -> str | None:
        """"ORR of margetuximab": the drug (or trial) is in the review, but never together with that measure."""
        asked = [(key, phrases) for key, phrases in METRICS.items()
                 if any(set(p.split()) <= stems for p in phrases)]
        if not asked:
            return None
        agents = [f for f in self.facts if f.kind == "agent" and self.linker.named_in(f, question)]
        phrases = phrases_in(question)
        trials = sorted({str(f.get("trial")) for f in self.facts if f.kind == "outcome" and f.get("trial")
                         and re.search(r"[a-z].*\d", str(f.get("trial")), re.I)
                         and phrase_key(str(f.get("trial"))) in phrases})
        for key, phrases in asked:
            label = phrases[0].upper() if len(key) <= 3 else key
            for trial in trials:
                # A trial's results follow its name: look in the sentence naming it and the two after.
                name = set(self.tokenizer.tokens(trial))
                if not any(any(set(p.split()) <= window for p in phrases) for window in self._windows(name)):
                    return f"the review reports no {label} for {trial}"
            if not agents:
                continue
            found = False
            for agent in agents:
                names = [set(self.tokenizer.tokens(n)) for n in self.linker.names_for(agent)]
                for passage, tokens in zip(self.document.passages, self.index.corpus_tokens):
                    if passage.section == "references":
                        continue
                    toks = set(tokens)
                    if any(n and n <= toks for n in names) and any(set(p.split()) <= toks for p in phrases):
                        found = True
            if not found:
                return f"the review reports no {label} for {', '.join(a.entity for a in agents)}"
        return None

    def _windows(self, name: set[str]):
        """Token sets of each sentence that holds all of name, joined with the two sentences after it."""
        units = self.index.sentence_tokens
        for j, (passage, tokens) in enumerate(units):
            if name <= set(tokens):
                window = set(tokens)
                for passage2, tokens2 in units[j + 1:j + 3]:
                    if passage2 == passage:
                        window |= set(tokens2)
                yield window

    def search(self, question: str, k: int = 5) -> tuple[list[Hit], dict[str, float], set[str]]:
        weights, stems = self.weighted_terms(question)
        bibliographic = bool(stems & self._bibliographic) and not SELF_REFERENCE.search(question)
        reference_weight = self.settings.reference_boost if bibliographic else None
        numeric = bool(ASKS_FOR_FIGURE.search(question))
        boosts = self._definition_boosts(question) if DEFINITION_QUESTION.search(question) else None
        required = self._required_entities(question) if self.settings.entity_penalty < 1 else None
        return self.index.search(weights, k, reference_weight, numeric, boosts, required), weights, stems

    def _required_entities(self, question: str) -> list[list[frozenset[str]]]:
        """The specific drugs, genes and miRNAs the question names, each as the stem sets of all its names.
        Common ones (trastuzumab, HER2: in most passages) are no constraint."""
        required = []
        for fact in self.linker.named_facts(question, ("agent", "biomarker", "mirna")):
            names = self._entity_names.get(fact.id)
            if names is None:
                stems = [frozenset(self.tokenizer.tokens(n)) for n in self.linker.names_for(fact)]
                main = frozenset(self.tokenizer.tokens(fact.entity))
                specific = bool(main) and min(self._idf.get(t, 0.0) for t in main) > self._median_idf
                names = self._entity_names[fact.id] = [n for n in stems if n] if specific else []
            if names and names not in required:
                required.append(names)
        return required

    def _definition_boosts(self, question: str) -> dict[int, float]:
        """"What does CSC stand for?": favour the passage where the glossary introduces the term."""
        boosts: dict[int, float] = {}
        positions = {p.id: i for i, p in enumerate(self.document.passages)}
        for fact in self.linker.named_facts(question, ("term",)):
            for pid in self.linker.evidence_passages(fact):
                boosts[positions[pid]] = self.settings.definition_boost
        return boosts

    def ask(self, question: str, k: int = 5) -> Answer:
        started = time.perf_counter()
        question = self.clean_question(question)
        if k < 1:
            raise QueryError("-k must be at least 1")
        hits, weights, stems = self.search(question, k)
        sentence = best_sentence(question, hits, weights, self._idf, self.tokenizer, table=self._sentences)
        judgement = self.judge(question, stems, hits, sentence.text if sentence else None)
        if not judgement.found:
            return Answer(question, False, None, (), (), (), {**self.meta(started), "why_not": judgement.reason})
        named = self.linker.mentioned_facts(stems)
        facts = rank_facts(hits, self.linker.by_passage, named, stems, self.tokenizer, self._idf,
                           stems_of=self._fact_stems)
        refs = cited_references(hits, self.document)
        return Answer(question, True, sentence, tuple(hits), facts, refs, self.meta(started))

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
            if entity and not any(fold(entity) in fold(n) for n in self.linker.names_for(fact)):
                continue
            out.append(fact)
        return tuple(out)

    def citing_passages(self, n: int) -> tuple[Passage, ...]:
        return tuple(p for p in self.document.passages if n in p.citations and p.section != "references")

"""BM25 passage index over rank-bm25: variants, field weighting, weighted query terms, top-k search."""
from __future__ import annotations

from dataclasses import dataclass

from .models import Hit, Passage
from .text import Tokenizer


@dataclass(frozen=True)
class RankerSettings:
    variant: str = "okapi"        # okapi | plus | l
    k1: float = 1.2
    b: float = 0.75
    epsilon: float = 0.25         # BM25Okapi: floor for negative IDF, as a fraction of the mean IDF
    delta: float = 1.0            # BM25Plus / BM25L
    title_weight: int = 2         # times the section title is repeated in a passage (BM25F-style)
    path_weight: int = 1          # times the parent headings are repeated
    reference_weight: float = 0.6  # score factor for reference-list passages
    expansion_weight: float = 0.4  # glossary expansions count this much of the user's own words
    oov_weight: float = 3.0       # weight of a question word the review never uses, when judging coverage
    found_threshold: float = 0.5  # share of the question's topic weight the top passage must cover

    def describe(self) -> str:
        extra = f"eps={self.epsilon}" if self.variant == "okapi" else f"delta={self.delta}"
        return (f"bm25-{self.variant}(k1={self.k1},b={self.b},{extra});title={self.title_weight};"
                f"path={self.path_weight};refs={self.reference_weight};expand={self.expansion_weight}")


# What readers call the standard parts of an article: indexed with those parts so that "who edited this?"
# or "how do I cite it?" finds them (a field of the passage, like its title; true of any journal article).
PART_DESCRIPTORS = {
    "edited-by": "editor edited handling editor",
    "reviewed-by": "reviewers reviewed peer review referees",
    "correspondence": "corresponding author correspondence email contact address",
    "specialty-section": "journal section submitted specialty",
    "dates": "dates received accepted published publication date manuscript submitted when",
    "citation": "cite citation how to cite volume article number journal doi reference",
    "copyright": "copyright licence license reuse reproduce permitted open access creative commons",
    "open-access": "open access",
    "title": "title article name called full title",
    "authors": "authors who wrote written by first author last author names",
    "affiliations": "affiliations institutions university hospital department city based where located",
    "abstract": "abstract summary overview goal aim purpose scope covers",
    "keywords": "keywords key words index terms tagged subject",
    "author-contributions": "author contributions who did what wrote designed conceived analyzed roles",
    "funding": "funding funded grants grant numbers supported financial support sponsors",
    "conflict-of-interest": "conflict of interest competing interests financial ties commercial relationships "
                            "disclosures",
    "publishers-note": "publisher note disclaimer endorsement claims",
    "references": "reference cited citation paper article published journal authors doi wrote",
}


def passage_fields(passage: Passage, settings: RankerSettings) -> str:
    """The text indexed for a passage: body, then its title and parent headings repeated as weights say."""
    parents = " ".join(passage.path[:-1])
    descriptor = PART_DESCRIPTORS.get(passage.section, "")
    return " ".join([passage.text] + [passage.title] * settings.title_weight + [parents] * settings.path_weight
                    + [descriptor])


def _make_bm25(corpus_tokens: list[list[str]], settings: RankerSettings):
    from rank_bm25 import BM25L, BM25Okapi, BM25Plus
    if settings.variant == "okapi":
        return BM25Okapi(corpus_tokens, k1=settings.k1, b=settings.b, epsilon=settings.epsilon)
    if settings.variant == "plus":
        return BM25Plus(corpus_tokens, k1=settings.k1, b=settings.b, delta=settings.delta)
    if settings.variant == "l":
        return BM25L(corpus_tokens, k1=settings.k1, b=settings.b, delta=settings.delta)
    raise ValueError(f"unknown BM25 variant {settings.variant!r}")


class PassageIndex:
    """Ranks passages for a weighted bag of query stems; never returns zero-score passages."""

    def __init__(self, passages: tuple[Passage, ...], corpus_tokens: list[list[str]],
                 tokenizer: Tokenizer, settings: RankerSettings):
        self.passages = passages
        self.tokenizer = tokenizer
        self.settings = settings
        self.corpus_tokens = corpus_tokens
        self.vocabulary = {t for doc in corpus_tokens for t in doc}
        # rank-bm25 divides by the corpus size: an empty corpus cannot be ranked at all.
        self._bm25 = _make_bm25(corpus_tokens, settings) if corpus_tokens and any(corpus_tokens) else None
        self._factor = [settings.reference_weight if p.section == "references" else 1.0 for p in passages]

    @classmethod
    def build(cls, passages: tuple[Passage, ...], tokenizer: Tokenizer, settings: RankerSettings) -> "PassageIndex":
        tokens = [tokenizer.tokens(passage_fields(p, settings)) for p in passages]
        return cls(passages, tokens, tokenizer, settings)

    def scores(self, weighted_terms: dict[str, float]) -> list[float]:
        totals = [0.0] * len(self.passages)
        if self._bm25 is None:
            return totals
        for term, weight in weighted_terms.items():
            if term not in self.vocabulary or weight <= 0:
                continue
            # BM25Plus/BM25L give every passage a floor score; count only passages that hold the term.
            for i, (s, freqs) in enumerate(zip(self._bm25.get_scores([term]), self._bm25.doc_freqs)):
                if term in freqs:
                    totals[i] += weight * float(s)
        return [t * f for t, f in zip(totals, self._factor)]

    def search(self, weighted_terms: dict[str, float], k: int) -> list[Hit]:
        scores = self.scores(weighted_terms)
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        hits: list[Hit] = []
        for i in order[:k]:
            if scores[i] <= 0:
                break
            doc = set(self.corpus_tokens[i])
            matched = tuple(t for t in weighted_terms if t in doc)
            hits.append(Hit(len(hits) + 1, self.passages[i], round(scores[i], 4), matched))
        return hits

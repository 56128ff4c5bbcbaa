"""Reading: a question or claim read once (stems, repairs, entities, measures, quantities, intent), and the Reader."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .lazy_re import lazy_compile
from .article import PART_DESCRIPTORS
from .lexicon import KNOWN_ENGLISH, NEGATIONS, lexicon_stems
from .measures import DRUG_LIKE, measures_in
from .names import Mention, NameRegistry
from .spelling import Speller
from .text import STOPWORDS, WORD_RE, Tokenizer, prepare, surface_tokens

if TYPE_CHECKING:                  # annotations only: qa.quantities loads when a question states a figure
    from .quantities import Quantity

# Intent cues. Each serves a class of question, never one item.
# Asks for a figure: a share, a count, a duration, a rate, a date, a clinical end point.
ASKS_FOR_FIGURE = lazy_compile(r"\b(how (many|much|long|often|common|frequent\w*)|what (fraction|proportion|"
                             r"percentage|share|rate|number|dose)|percent|rate\b|ratio|median|months?\b|p[- ]?value|"
                             r"\borr\b|\bpfs\b|\bos\b|\bdfs\b|\bci\b|confidence|incidence|prevalence|when|year|date)",
                             re.I)
# Asks what a term or abbreviation means.
DEFINITION_QUESTION = lazy_compile(r"\b(stand|stands|abbreviat\w*|acronym|short for|meaning|mean|means|define|"
                                 r"definition)\b|^\s*what (is|are) (an? )?\S+\s*\??\s*$", re.I)
# Names the article itself ("this review"), as opposed to the papers it cites.
SELF_REFERENCE = lazy_compile(r"\b(this|the) (review|article|paper|manuscript|publication)\b", re.I)
# Asks for a year, a duration, a count (the answer must hold one).
YEAR_QUESTION = lazy_compile(r"\b(which|what) (year|date)\b|^\s*when (was|were|did|is|will|does|do)\b", re.I)
DURATION_QUESTION = lazy_compile(r"\bhow long\b", re.I)
COUNT_QUESTION = lazy_compile(r"\bhow (many|much)\b|\bwhat (percentage|proportion|fraction|dose|number)\b", re.I)
# Gathering questions (lists, comparisons, overviews) and yes/no questions.
LIST_QUESTION = lazy_compile(r"^\s*(which|what) (\w+ ){0,3}(are|were|have|has)\b|\b(list|name all|enumerate)\b", re.I)
COMPARISON_QUESTION = lazy_compile(r"\b(compare|compared|comparison|versus|vs\.?|differ|difference|which is (higher|"
                                 r"lower|better|worse))\b", re.I)
OVERVIEW_QUESTION = lazy_compile(r"\b(overview|summar(y|ise|ize)|main (mechanisms|biomarkers|agents|points))\b", re.I)
YES_NO_QUESTION = lazy_compile(r"^\s*(is|are|was|were|does|do|did|can|could|has|have|had|will|should)\b", re.I)
# A cited work named by its first author ("Smith et al.", "Li and colleagues"), in any review.
CITED_AUTHOR = lazy_compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)? (?:et al\b|and (?:colleagues|co-?workers)\b)")
# Words that ask about the cited literature rather than the review's own statements.
BIBLIOGRAPHIC_WORDS = "journal doi cited cite citing reference references paper papers published wrote authored " \
                      "publication"
# Words that frame a question ("what proportion", "what does X stand for") rather than name its topic.
FRAME_WORDS = frozenset("""
proportion fraction percentage percent share number many much long often stand stands mean means meaning called
name named names abbreviation abbreviations kind kinds type types role roles happen happens tell find give
quickly frequently frequent common commonly likely exactly main mainly key example examples say says said
which whose review article paper authors author study studies summarise summarize summary describe described
explain explained discuss discussed mention mentioned report reported according value values figure figures
level levels amount size happen occur occurs occurred brand trade work works working
""".split())
# Whether a text may state a figure at all: digits, number words, fractions, "per cent". Most questions state none,
# and then the figure reader (and its many patterns) is never loaded.
_MAY_HOLD_FIGURE = lazy_compile(r"(?<![A-Za-z])\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                              r"thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|half|halves|third|thirds|"
                              r"quarters?|fifths?|tenths?|majority|minority|most|percent|cent|phase|preclinical|"
                              r"january|february|march|april|may|june|july|august|september|october|november|"
                              r"december|a year|a month|a week|a day|an? hour)\b", re.I)
# Month names are no unknown names ("in September 2022").
MONTHS = frozenset("january february march april may june july august september october november december".split())
# A long abstract noun the review never uses ("cardiotoxicity", "pharmacokinetics") names a topic it lacks.
_CONCEPT_NOUN = lazy_compile(r"^\w{5,}(?:ity|ities|ness|ology|ologies|kinetics|genicity)$")


@dataclass(frozen=True)
class Intent:
    """What kind of answer the text asks for (a question) or what kind of statement it is (a claim)."""
    figure: bool = False
    definition: bool = False
    bibliographic: bool = False
    self_reference: bool = False
    year: bool = False
    duration: bool = False
    count: bool = False
    listing: bool = False
    comparison: bool = False
    overview: bool = False
    yes_no: bool = False
    metadata: bool = False      # names a part of the article itself (its editor, licence, funding, dates ...)
    about_article: bool = False # asks only about the article itself ("who wrote it?", "what is the DOI?")


@dataclass(frozen=True)
class UnknownName:
    """A name or identifier of the text that the review's own text never uses."""
    text: str               # as typed
    identifier: bool        # letters with digits (FGFR7, miR-999, BRCA1)
    cited: bool             # it occurs in the reference list (a cited title) only


@dataclass(frozen=True)
class Reading:
    """A question or a claim as read, once: every later step (retrieval, evidence, decision, composition) uses it."""
    text: str
    kind: str                                  # "question" or "claim"
    stems: frozenset[str]                      # the user's own stems, misspellings repaired
    weights: tuple[tuple[str, float], ...]     # query terms: own stems at 1, other names of named entities below
    repairs: tuple[tuple[str, str], ...]       # (as typed, the review's word)
    mentions: tuple[Mention, ...]              # the entities named, with the name that matched
    measures: frozenset[str]                   # qa.measures keys named ("response", "pfs", "dose" ...)
    quantities: tuple[Quantity, ...]           # figures stated (value, unit, qualifier, range): qa.quantities
    negated: bool                              # a negation word is present
    directions: tuple[tuple[str, str, int], ...]  # cue words: (word, dimension, +1/-1), e.g. ("inhibits", "magnitude", -1)
    intent: Intent
    context: object | None = field(default=None, compare=False)   # in a conversation: the Reading as typed, before
                                                                  # the topic's words were carried in
    reader: object | None = field(default=None, compare=False, repr=False)   # works out the parts read on demand

    @cached_property
    def unknown(self) -> tuple["UnknownName", ...]:
        """Names and identifiers the review's text never uses (worked out once, when a step first asks: retrieval
        alone does not need them)."""
        return self.reader.unknown_names(self.text, self.mentions, self.quantities) if self.reader else ()

    @property
    def weight_map(self) -> dict[str, float]:
        return dict(self.weights)

    @property
    def unknown_name(self) -> str | None:
        """The first name the review never mentions at all (not even in its reference list), as typed."""
        return next((u.text for u in self.unknown if not u.cited), None)

    @property
    def cited_only(self) -> str | None:
        """The first name the review has only in its reference list (a cited title), as typed."""
        return next((u.text for u in self.unknown if u.cited), None)

    @property
    def entities(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.entity for m in self.mentions))

    def stems_as_read(self, text: str) -> list[str]:
        """Stems of a piece of the text, its words repaired as the whole was (a misspelt word, a lowercase plural): a later
        step that reads a phrase again reads it as the question was read."""
        if self.reader is None:
            return []
        fixed = repair_map(self.reader.tokenizer, self.repairs)
        return [fixed.get(t, t) for t in self.reader.tokenizer.tokens(text)]


def repair_map(tokenizer: Tokenizer, repairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Each repaired word's stem as typed -> the stem of the review's word it was read as."""
    return {tokenizer.stem(typed): stem for typed, stem in repairs}


def _defined_here(text: str, start: int, raw: str) -> bool:
    """Whether an acronym in brackets stands right after the words it abbreviates: its letters, in order, are
    initials of the few words before it ("Natural Science Foundation Committee (NSFC)")."""
    if not (raw.isupper() and 2 <= len(raw) <= 8 and text[max(0, start - 1):start] == "("):
        return False
    letters = raw[:-1] if raw.endswith("S") and len(raw) > 2 else raw
    initials = iter("".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", text[:start - 1])[-len(letters) - 3:]).upper())
    return all(c in initials for c in letters)


RESPELL_LENGTH = 8    # shorter words one letter off a review word are often other English words ("slowed", "showed")


class Reader:
    """Reads questions and claims against one review's vocabulary, speller and name registry."""

    def __init__(self, tokenizer: Tokenizer, names: NameRegistry, vocabulary: set[str], body_vocabulary: set[str],
                 expansion_weight: float, main_text_vocabulary: set[str] = frozenset()):
        self.tokenizer = tokenizer
        self.names = names
        self.vocabulary = vocabulary
        self.body_vocabulary = body_vocabulary
        self.expansion_weight = expansion_weight
        # Repair towards the review's own words and the curated names, never towards a cited author's name.
        self.curated_names = set(names.name_words)
        self.speller = Speller(w for w, stem in tokenizer.stem_table.items()
                               if (stem in body_vocabulary or w in self.curated_names) and stem in vocabulary)
        self.bibliographic = frozenset(tokenizer.tokens(BIBLIOGRAPHIC_WORDS))
        self.frame = frozenset(tokenizer.stem(w) for w in FRAME_WORDS)
        # The letters of identifiers the review uses ("nct" of NCT04208178, "destini" of DESTINY-Breast01)
        self.identifier_letters = frozenset(m.group(1) for w in vocabulary if (m := re.match(r"([a-z]{2,})\d", w)))
        self.cues = lexicon_stems(tokenizer.stem).cues
        # Words that name one standard part of an article only ("editor", "licence", "funding"): a question with
        # one asks about the article itself.
        parts = {sec: set(tokenizer.tokens(words)) for sec, words in PART_DESCRIPTORS.items()
                 if sec not in ("references", "abstract")}
        self.part_words = frozenset(t for sec, ts in parts.items() for t in ts
                                    if sum(t in other for other in parts.values()) == 1) \
            - self.frame - main_text_vocabulary     # "received" in "patients who received" is no metadata
        # Every word that names a part of an article or its making (any article): a question made of these and
        # frame words alone asks about the article itself, never about a cited paper
        self.article_words = frozenset(t for ts in parts.values() for t in ts) | frozenset(
            tokenizer.tokens("doi wrote written write author authors published publish journal date dated it"))
        self.abstract_words = tuple(tokenizer.tokens(PART_DESCRIPTORS["abstract"]))
        self.citing = frozenset(tokenizer.tokens("cited cite citing reference references"))
        self.self_words = frozenset(tokenizer.tokens("review article paper manuscript publication"))
        # What the review is about, as its title names it (the engine fills them in): the entities and the folded
        # words. A drug in the title is the subject every passage discusses, no answer to "which drug ...?"
        self.subject: frozenset[str] = frozenset()
        self.subject_words: frozenset[str] = frozenset()

    def repair(self, token: str) -> str | None:
        """The review's spelling of a word it never uses as typed, if one is close."""
        stem = self.tokenizer.stem(token)
        if stem in self.vocabulary or token in STOPWORDS:
            return None
        # a plural the stemmer leaves whole (an acronym typed in lowercase, "abcs"): its singular is a word
        # of the review (general English: the tokenizer undoes "ABCs" only when the case shows an acronym)
        if len(token) >= 3 and token.endswith("s") and token[-2] in "aeiouy":
            singular = self.tokenizer.stem(token[:-1])
            if singular in self.vocabulary:
                return singular
        fixed = self.speller.correct(token, strict=bool(DRUG_LIKE.search(token)))
        return self.tokenizer.stem(fixed) if fixed else None

    def respelled(self, text: str) -> str:
        """The text with each word the review never uses, as typed, in the review's spelling when one is close
        ("recieved" -> "received"), for steps that read words rather than stems (claims about the article)."""
        def fix(m: re.Match) -> str:
            word = m.group(0)
            low = word.lower()
            if not low.isalpha() or len(low) < RESPELL_LENGTH or low in STOPWORDS or low in KNOWN_ENGLISH or \
                    self.tokenizer.stem(low) in self.vocabulary:
                return word
            fixed = self.speller.correct(low, strict=True)     # one edit: "commonest" is not "component"
            if not fixed:
                return word
            return fixed.capitalize() if word[:1].isupper() else fixed
        return WORD_RE.sub(fix, text)

    def known_word(self, token: str) -> bool:
        return token in self.curated_names or self.repair(token) is not None or self.speller.is_prefix(token)

    def read(self, text: str, kind: str = "question") -> Reading:
        own, repairs = [], []
        words = surface_tokens(text)
        for token in words:
            if token in STOPWORDS:
                continue
            repaired = self.repair(token)
            if repaired:
                repairs.append((token, repaired))
            own.append(repaired or self.tokenizer.stem(token))
        weights = {t: 1.0 for t in own}
        stems = frozenset(own)
        # names are found in the words as repaired (a misspelt drug, a lowercase plural): one reading for every later step
        fixed = repair_map(self.tokenizer, tuple(repairs))
        if fixed:
            mentions = tuple(Mention(*m) for m in self.names.mentions_in(
                [tuple(fixed.get(s, s) for s in word) for word in self.names.word_stems(text)]))
        else:
            mentions = tuple(self.names.mentions_of(text))
        core = stems - self.self_words                 # "review", "article": the article, not a part of it
        topic = core - self.frame
        # a name that is itself a word of the article's parts ("published") names no topic
        named = [m for m in mentions if not set(self.tokenizer.tokens(m.name)) <= self.article_words]
        about_article = kind == "question" and not named and not stems & self.citing and topic <= self.article_words \
            and bool(core & self.article_words or SELF_REFERENCE.search(text))
        if about_article and not core & self.article_words and not topic:
            # "what is this review about?": what the abstract says
            for t in self.abstract_words:
                weights.setdefault(t, 1.0)
        for extra, weight in self.names.expansions(list(mentions), set(stems), self.expansion_weight,
                                                   self.body_vocabulary).items():
            weights.setdefault(extra, weight)
        intent = Intent(
            figure=bool(ASKS_FOR_FIGURE.search(text)),
            definition=bool(DEFINITION_QUESTION.search(text)),
            bibliographic=bool(stems & self.bibliographic) and not SELF_REFERENCE.search(text),
            self_reference=bool(SELF_REFERENCE.search(text)),
            year=bool(YEAR_QUESTION.search(text)), duration=bool(DURATION_QUESTION.search(text)),
            count=bool(COUNT_QUESTION.search(text)), listing=bool(LIST_QUESTION.search(text)),
            comparison=bool(COMPARISON_QUESTION.search(text)), overview=bool(OVERVIEW_QUESTION.search(text)),
            yes_no=bool(YES_NO_QUESTION.search(text)), metadata=bool(stems & self.part_words),
            about_article=about_article)
        figures = ()
        if _MAY_HOLD_FIGURE.search(text):
            from .quantities import quantities      # loaded only for a text that may state a figure
            figures = tuple(quantities(text))
        directions = tuple((w, *self.cues[st]) for w in words if (st := self.tokenizer.stem(w)) in self.cues)
        return Reading(text, kind, stems, tuple(weights.items()), tuple(repairs), mentions, measures_in(text),
                       figures, bool(set(words) & NEGATIONS), directions, intent, reader=self)

    def _lenient_known(self, token: str) -> bool:
        """A curated name, or a word long enough that a near spelling or a prefix of a review word is a typo or a
        truncation ("trastuzamab", "trastuz"), not another word ("car" is no typo of "can")."""
        return token in self.curated_names or token in self.identifier_letters or \
            (len(token) >= 5 and self.known_word(token))

    def unknown_names(self, text: str, mentions: tuple[Mention, ...], figures: tuple
                      ) -> tuple["UnknownName", ...]:
        """The specific names (drugs, genes, trials, places, products) and identifiers the text uses that the
        review's own text never does; one rule for questions and claims.

        Known: a word the review's text uses (joined, or every piece of a compound: "EGFR-driven"), a curated
        name, a misspelling of a review word, the start of one. Name-like: capitalised inside the sentence, all
        capitals, mixed case, a drug-class stem (-mab, -nib), letters with digits (an identifier), a long abstract
        noun ("cardiotoxicity")."""
        body, stem = self.body_vocabulary, self.tokenizer.stem
        # a curated name the review prints only in its reference list (a brand name of a drug named only in a cited title): cited only
        kinds = ("agent", "term", "biomarker", "mechanism", "mirna", "outcome", "statistic")
        cited_names = [m for m in mentions if (facts := self.names.named_facts((m.entity,), kinds))
                       and all(set(f.sections) <= {"references"} for f in facts)]
        if cited_names:
            words = [match.group(0) for match in WORD_RE.finditer(prepare(text))]
            return tuple(UnknownName(" ".join(words[m.first:m.last + 1]), False, True) for m in cited_names)
        in_mention = {i for m in mentions for i in range(m.first, m.last + 1)}
        spans = [(q.start, q.end) for q in figures if q.unit]
        # A headline ("Can Cancer Come Back While On This Drug?") capitalises most words: there a capital says
        # nothing of a name
        alpha = [w for w in WORD_RE.findall(prepare(text)) if w[:1].isalpha()]
        headline = len(alpha) >= 4 and sum(w[:1].isupper() for w in alpha) >= 0.6 * len(alpha)
        out: list[UnknownName] = []
        for i, match in enumerate(WORD_RE.finditer(prepare(text))):
            raw = match.group(0)
            low = raw.lower()
            if i in in_mention or low in STOPWORDS or low in FRAME_WORDS or low in MONTHS or raw.isdigit() or \
                    len(raw) == 1:       # one letter is an initial ("Pandya K"), never a name of its own
                continue
            if any(a <= match.start() < b or match.start() <= a < match.end() for a, b in spans):
                continue
            if _defined_here(text, match.start(), raw):
                continue      # "Natural Science Foundation Committee (NSFC)": the text spells it out itself
            pieces = [t for t in surface_tokens(raw) if t not in STOPWORDS]
            if not pieces:
                continue
            stems = [stem(t) for t in pieces]
            if stems[0] in body or (len(stems) > 1 and all(s in body or len(s) < 3 for s in stems[1:])):
                continue
            if self._lenient_known(pieces[0]) or \
                    (len(pieces) > 1 and all(self._lenient_known(t) or len(t) < 3 for t in pieces[1:])):
                continue
            ident = any(c.isdigit() for c in low) and any(c.isalpha() for c in low) and len(low) >= 2
            name_like = ident or (raw[:1].isupper() and i > 0 and not headline) or (len(raw) >= 2 and raw.isupper()) or \
                (raw[:1].isupper() and any(c.isupper() for c in raw[1:])) or \
                any(DRUG_LIKE.search(t) or _CONCEPT_NOUN.search(t) for t in pieces)
            if name_like:
                out.append(UnknownName(raw, ident, stems[0] in self.vocabulary))
        return tuple(out)

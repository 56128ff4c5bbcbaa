"""Text normalisation shared by the parser, the index and the query: markup cleaning, folding, tokens."""
from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "sigma": "σ", "tau": "τ", "omega": "ω",
}
GREEK_NAMES = {v: k for k, v in GREEK.items()}

_MATH = re.compile(r" ?\$([^$\n]+)\$ ?")
_LATEX_CMD = re.compile(r"\\([A-Za-z]+)")
_ITALIC = re.compile(r"(?<![\\*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?!\*)")
_SUP = re.compile(r"</?sup>")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _math_to_text(match: re.Match) -> str:
    inner = _LATEX_CMD.sub(lambda m: GREEK.get(m.group(1), m.group(1)), match.group(1))
    return inner.strip()


def clean_markup(text: str) -> str:
    """Turn the PDF-extraction markdown/LaTeX into plain reading text (one line in, one line out)."""
    text = _MATH.sub(_math_to_text, text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = text.replace("\\(", "(").replace("\\)", ")").replace("\\_", "_").replace("\\*", "")
    text = _ITALIC.sub(r"\1", text)
    text = _SUP.sub("", text)
    text = re.sub(r"[ \u00a0]{2,}", " ", text)
    return text.strip()


# --- normalisation and tokens: one function chain used for passages, facts and queries -----------

DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e"), None)
QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u2032"), "'")
_GREEK_RE = re.compile("[" + "".join(GREEK_NAMES) + "]")
_MIRNA = re.compile(r"\b(?:micro-?rna|mirna|mir)-?(?=\d)")
_TOKEN = re.compile(r"[a-z0-9]+(?:(?:[-/+']|\.(?=\d))[a-z0-9]+)*")
_SPLIT = re.compile(r"[-/+']")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")
_CYTOBAND = re.compile(r"^chr(\d{1,2}[pq]\d[\d.]*)$")
_PLAIN = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")
SPELLING = {
    "tumour": "tumor", "tumours": "tumors", "signalling": "signaling", "oestrogen": "estrogen",
    "behaviour": "behavior", "behaviours": "behaviors", "favourable": "favorable", "randomised": "randomized",
    "localisation": "localization", "haematological": "hematological", "characterised": "characterized",
    "diarrhoea": "diarrhea", "microrna": "mirna", "micrornas": "mirnas", "oesophageal": "esophageal", "metastasise": "metastasize", "centre": "center",
}

STOPWORDS = frozenset("""
a about above after again against all am an and any are aren't as at be because been before being below between
both but by can cannot could couldn't did didn't do does doesn't doing don't down during each few for from further
had hadn't has hasn't have haven't having he her here hers herself him himself his how i if in into is isn't it
it's its itself just me more most my myself no nor not of off on once only or other our ours ourselves out over own
same she should shouldn't so some such than that the their theirs them themselves then there these they this those
through to too under until up very was wasn't we were weren't what when where which while who whom why will with
won't would wouldn't you your yours yourself yourselves s t d ll m o re ve y
also may might must shall us tell show give list name describe explain according review article paper et al
""".split())


_ACRONYM_PLURAL = re.compile(r"\b([A-Z][A-Za-z0-9]*[A-Z0-9])s\b")
_CONTRACTION = re.compile(r"'(?:s|re|ve|ll|d|m)\b|n't\b")


_FOLD_TABLE = {**_INVISIBLE, **DASHES, **QUOTES}   # disjoint, and no output is another's input: one pass


def _fold_base(text: str) -> str:
    if not text.isascii():                          # ASCII is its own NFKC and has none of these marks
        text = unicodedata.normalize("NFKC", text).translate(_FOLD_TABLE)
    text = _ACRONYM_PLURAL.sub(_first_group, text)   # "CSCs" -> "CSC", "TKIs" -> "TKI"
    return text.casefold()


def _first_group(match: re.Match) -> str:
    return match.group(1)


# A label glued to what it numbers ("No.2020LKSFG05C", "Fig.3", "Ref.12"): the dot becomes a space, so the code
# is a word of its own.
_GLUED_LABEL = re.compile(r"\b(No|Nos|Fig|Ref|Vol)\.(?=[A-Z0-9])")
_DASH_RUN = re.compile(r"-{2,}")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Fold text for tokens: Unicode NFKC, case, dashes, quotes, invisible marks, Greek letters as names, labels
    unglued from their numbers."""
    if "." in text:
        text = _GLUED_LABEL.sub(lambda m: m.group(1) + " ", text)
    text = _fold_base(text)
    # each step only where it can match (long text: a scan for a character is cheaper than a substitution)
    if "'" in text:
        text = _CONTRACTION.sub(lambda m: " not" if m.group(0) == "n't" else "", text)
    if not text.isascii():
        text = _GREEK_RE.sub(lambda m: f"-{GREEK_NAMES[m.group(0)]}-", text)
    if "mi" in text:
        text = _MIRNA.sub("mir-", text)
    return _DASH_RUN.sub("-", text) if "--" in text else text


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Fold for substring comparison (answers, evidence): case, dashes, Greek spelled out, spaces collapsed."""
    text = _GREEK_RE.sub(lambda m: GREEK_NAMES[m.group(0)], _fold_base(text))
    return re.sub(r"\s+", " ", text).strip()


def _canonical_number(token: str) -> str:
    if "." in token:
        token = token.rstrip("0").rstrip(".")
    return token


def _word_surface(raw: str) -> list[str]:
    """The surface tokens of one normalised word (a match of _TOKEN)."""
    if _NUMBER.match(raw):
        return [_canonical_number(raw)]
    pieces = [p for p in _SPLIT.split(raw) if p]
    out = ["".join(pieces)] if len(pieces) > 1 else []
    out.extend(pieces)
    for piece in pieces:                # "chr17q12" is the cytoband 17q12 (chromosome prefix, any genome text)
        band = _CYTOBAND.match(piece)
        if band:
            out.extend((band.group(1), "chromosome"))
    return out


def surface_tokens(text: str) -> list[str]:
    """Tokens before stemming: hyphen/slash compounds give the joined form and each piece."""
    out: list[str] = []
    for raw in _TOKEN.findall(normalize(text)):
        out.extend(_word_surface(raw))
    return out


WORD_MEMO = 1 << 20       # distinct words whose stems a Tokenizer remembers


class Tokenizer:
    """Surface tokens -> stopword filter -> stem; the one pipeline for index and query."""

    def __init__(self, stemmer: str = "snowball", stopwords: bool = True):
        self.stemmer_name = stemmer
        self.use_stopwords = stopwords
        self._stem_cache: dict[str, str] = {}
        self._word_memo: dict[str, tuple[str, ...]] = {}
        self._stem = None

    @property
    def settings(self) -> str:
        return f"tokens=v9;stem={self.stemmer_name};stop={int(self.use_stopwords)}"

    def _stemmer(self):
        if self._stem is None:
            if self.stemmer_name == "snowball":
                from nltk.stem.snowball import SnowballStemmer
                self._stem = SnowballStemmer("english", ignore_stopwords=False).stem
            elif self.stemmer_name == "porter":
                from nltk.stem.porter import PorterStemmer
                self._stem = PorterStemmer().stem
            elif self.stemmer_name == "lancaster":
                from nltk.stem.lancaster import LancasterStemmer
                self._stem = LancasterStemmer().stem
            else:
                self._stem = lambda w: w
        return self._stem

    def stem(self, word: str) -> str:
        cached = self._stem_cache.get(word)
        if cached is None:
            word2 = SPELLING.get(word, word)
            cached = word2 if any(c.isdigit() for c in word2) or len(word2) <= 3 else self._stemmer()(word2)
            if cached.endswith("ifi"):      # Snowball: "amplified" -> "amplifi" but "amplification" -> "amplif"
                cached = cached[:-1]
            self._stem_cache[word] = cached
        return cached

    def tokens(self, text: str) -> list[str]:
        if _PLAIN.fullmatch(text) and all(w.islower() or w.isupper() or w[1:].islower() for w in text.split(" ")):
            # Plain ASCII words ("resistance", "Trastuzumab", "HER"): normalisation would only change the case.
            words = text.lower().split(" ")
        else:
            words = _TOKEN.findall(normalize(text))
        found = list(map(self._word_memo.get, words))       # each distinct word split and stemmed once
        if None in found:
            found = [stems if stems is not None else self._word_stems(word) for word, stems in zip(words, found)]
        return list(itertools.chain.from_iterable(found))

    def _word_stems(self, word: str) -> tuple[str, ...]:
        """The stems of one normalised word (its surface tokens, stopwords dropped, stemmed), memoised: a corpus
        tokenises and stems each distinct word once."""
        words = _word_surface(word)
        if self.use_stopwords:
            words = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
        stems = tuple(self.stem(w) for w in words)
        if len(self._word_memo) >= WORD_MEMO:      # bounded: a huge vocabulary starts the memo again
            self._word_memo.clear()
        self._word_memo[word] = stems
        return stems

    def token_groups(self, text: str) -> list[list[str]]:
        """Stems grouped by the word they come from: "DESTINY-Breast01" -> [destinybreast01, destini, breast01]."""
        groups = []
        for raw in _TOKEN.findall(normalize(text)):
            group = [t for t in self.tokens(raw) if t]
            if group:
                groups.append(list(dict.fromkeys(group)))
        return groups

    def preload(self, stems: dict[str, str]) -> None:
        """Reuse stems from the cache so a warm start need not stem the corpus again."""
        self._stem_cache.update(stems)

    @property
    def stem_table(self) -> dict[str, str]:
        return dict(self._stem_cache)

    @property
    def stems_known(self) -> int:
        return len(self._stem_cache)

    def stems_since(self, known: int) -> dict[str, str]:
        """The words stemmed after the first `known` (the memo only grows, in order): what a worker learned."""
        return dict(itertools.islice(self._stem_cache.items(), known, None))


_SENTENCE_TOKENIZER = None
_INNER_BOUNDARY = re.compile(r"[.!?][\"')\]]*\s")
ABBREVIATIONS = {"al", "e.g", "i.e", "fig", "figs", "vs", "no", "nos", "approx", "dr", "ref", "refs", "front",
                 "oncol", "inc", "ltd", "etc", "cf"}


def _punkt():
    """Punkt with data-free parameters (abbreviations such as "et al."), its patterns run by the standard library's
    engine and its decision at each candidate full stop made directly from the words around it: the same
    sentences (tests/test_text.py holds them to plain Punkt's), in about a third of the time."""
    from nltk.tokenize.punkt import PunktLanguageVars, PunktParameters, PunktSentenceTokenizer, PunktToken

    library = PunktLanguageVars()
    words, contexts = _stdlib(library._word_tokenizer_re()), _stdlib(library.period_context_re())
    numeric, initial, ellipsis = PunktToken._RE_NUMERIC, PunktToken._RE_INITIAL, PunktToken._RE_ELLIPSIS
    punctuation, ends = PunktSentenceTokenizer.PUNCTUATION, library.sent_end_chars

    class LanguageVars(PunktLanguageVars):
        """Punkt's own patterns, run by the standard library's engine: NLTK's guard against catastrophic patterns
        (the third-party regex engine, under a timeout) is for patterns callers supply; these two fixed ones
        scan in linear time, and Punkt calls them for every candidate full stop."""
        __slots__ = ()
        re_boundary_realignment = _stdlib(PunktLanguageVars.re_boundary_realignment)

        def _word_tokenizer_re(self):
            return words

        def period_context_re(self):
            return contexts

    def role(tok: str) -> tuple[bool, bool, bool]:
        """What Punkt's two passes make of a word before a candidate break, as a pure function of the word
        (memoised): (its first pass marks a break, its full stop may be reclassified as an initial's or an
        ordinal's, it is an initial)."""
        found = _PUNKT_ROLES.get(tok)
        if found is not None:
            return found
        period_final, is_initial = tok.endswith("."), initial.match(tok) is not None
        if tok in ends:
            first = True
        elif ellipsis.match(tok) or not period_final or tok.endswith(".."):
            first = False
        else:                   # a word with a full stop: an abbreviation, else a break
            stem = tok[:-1].lower()
            first = not (stem in ABBREVIATIONS or stem.split("-")[-1] in ABBREVIATIONS)
        typ = numeric.sub("##number##", tok.lower())
        typ = typ[:-1] if len(typ) > 1 and typ[-1] == "." else typ
        found = (first, period_final and (is_initial or typ == "##number##"), is_initial)
        if len(_PUNKT_ROLES) >= WORD_MEMO:
            _PUNKT_ROLES.clear()
        _PUNKT_ROLES[tok] = found
        return found

    def breaks(tok: str, after: str) -> bool:
        """Whether Punkt ends a sentence at `tok` followed by `after`. With data-free parameters (no
        collocations, sentence starters or orthographic counts) its orthographic test never says "starts a
        sentence", so an abbreviation never breaks, and an initial's or a number's full stop does not break
        before punctuation or a lower-case word, nor (an initial) before a capital."""
        first, reclassified, is_initial = role(tok)
        if not first or not reclassified:
            return first
        if after in punctuation or after[:1].islower():
            return False
        return not (is_initial and after[:1].isupper())

    class SentenceTokenizer(PunktSentenceTokenizer):
        def text_contains_sentbreak(self, text: str) -> bool:
            """Punkt's: a break at some word of the context other than its last (the words as Punkt splits
            them, line by line)."""
            toks = [t for line in text.split("\n") if line.strip() for t in words.findall(line)]
            return any(breaks(a, b) for a, b in zip(toks, toks[1:]))

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return SentenceTokenizer(params, lang_vars=LanguageVars())


_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


def _stdlib(pattern) -> re.Pattern:
    """The same pattern, compiled by the standard library (NLTK may hand a wrapper around another engine)."""
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


_PUNKT_ROLES: dict[str, tuple[bool, bool, bool]] = {}


def sentences(text: str) -> list[str]:
    """Split a passage into sentences with Punkt (data-free parameters: abbreviations such as "et al.")."""
    global _SENTENCE_TOKENIZER
    if not _INNER_BOUNDARY.search(text.strip()):   # no full stop inside: one sentence (and no NLTK to load)
        return [line.strip() for line in text.split("\n") if line.strip()]
    if _SENTENCE_TOKENIZER is None:
        _SENTENCE_TOKENIZER = _punkt()
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            out.extend(s.strip() for s in _SENTENCE_TOKENIZER.tokenize(line) if s.strip())
    return out


# Words with their positions (names, claims): a word may join pieces with ' - / + . ("p95HER2-TCB", "miR-21").
WORD_RE = re.compile(r"[^\W_]+(?:['\-/+.][^\W_]+)*")
_DASH_OR_QUOTE = re.compile("[" + "".join(map(chr, (*DASHES, *QUOTES))) + "]")


def prepare(text: str) -> str:
    """Same length as the input: dashes and quotes unified, labels unglued from their numbers, so positions still
    point into the original text."""
    if "." in text and _GLUED_LABEL.search(text):
        text = _GLUED_LABEL.sub(lambda m: m.group(1) + " ", text)
    if _DASH_OR_QUOTE.search(text) is None:       # most text has neither; translate() is slow on long text
        return text
    return text.translate(DASHES).translate(QUOTES)


def same_length_lower(text: str) -> str:
    """Lowercase without changing the length (a few letters lowercase to two characters; those stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)

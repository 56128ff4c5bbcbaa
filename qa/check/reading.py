"""Reader: text into Words (stems, cue, negation, names), each spelling analysed once per review."""
from __future__ import annotations

from dataclasses import dataclass

from ..lazy_re import lazy_compile
from ..lexicon import NEGATIONS, NEGATIVE_PREFIXES, RESISTANT, SENSITIVE, LexiconStems
from ..names import NameRegistry
from .tokens import TokenMemo
from .words import WORD_RE, Word, identifier_shape, prepare

_HAS_DIGIT = lazy_compile(r"\d")
_HAS_LETTER = lazy_compile(r"[a-z]")
_JOINABLE = lazy_compile(r"[a-z'\-]+")
_NEGATED_CUE = lazy_compile(r"(?:in|un)[a-z]{5,}$")


@dataclass(slots=True)
class Spelling:
    """What a word's spelling says wherever it occurs (shared by all its occurrences: never changed)."""
    low: str
    stems: tuple[str, ...]           # tokenizer stems; () for stopwords
    key: str                         # the joined stem, or the lowercased word for stopwords
    cue: tuple[str, int] | None      # (dimension, +1/-1)
    neg: bool                        # a negation word ("not", "without")
    ident: bool                      # letters and digits: a name such as FGFR2, miR-21, 17q12
    canon: str                       # canonical stem of its synonym set ("" for stopwords)
    shape: str                       # identifier_shape(low) for identifiers, else ""
    negated: tuple[str, ...]         # stems this word negates by a prefix ("irreplaceable" -> "replac")


@dataclass
class Scan:
    """A text read without building Words: the spelling of each word and the names mentioned."""
    spellings: list[Spelling]
    mentions: list[tuple[str, int, int, str]]    # (group, first word, last word, name)


# Verbs whose particle says the direction, in any English: "switch on" raises, "switch off" / "shut down" lowers.
PHRASAL_VERBS = {"switch", "switches", "switched", "switching", "turn", "turns", "turned", "turning", "shut", "shuts",
                 "shutting", "shuts", "close", "closes", "closed"}
PARTICLES = {"on": 1, "up": 1, "off": -1, "down": -1}


class Reader:
    """Reads claims, sentences and fact texts of one review into words, remembering every spelling it has seen."""

    def __init__(self, tokens: TokenMemo, lexicon: LexiconStems, registry: NameRegistry):
        self.tokens = tokens
        self.stem = tokens.stem
        self.lexicon = lexicon
        self.registry = registry
        self._seen: dict[str, Spelling] = {}

    def canon(self, stem: str) -> str:
        return self.lexicon.canon.get(stem, stem)

    def spelling(self, raw: str) -> Spelling:
        found = self._seen.get(raw)
        if found is None:
            found = self._spell(raw)
            if len(self._seen) < 50000:
                self._seen[raw] = found
        return found

    def _spell(self, raw: str) -> Spelling:
        low = raw.lower()
        letters = low.isalpha()         # then no digit, no "/", not an identifier (no character is letter and digit)
        stems = self.tokens.token_tuple(raw)
        if _JOINABLE.fullmatch(low):
            joined = self.stem(low.replace("-", "").replace("'", ""))
        else:
            joined = stems[0] if stems else low
        cue = None
        if letters or ("/" not in low and not any(c.isdigit() for c in low)):
            cue = self.lexicon.cues.get(joined)
            if cue is None and _NEGATED_CUE.match(low):
                base = self.lexicon.cues.get(self.stem(low[2:]))
                if base and base[0] == "magnitude":
                    cue = (base[0], -base[1])
        key = stems[0] if stems else low
        ident = not letters and len(low) >= 2 and _HAS_DIGIT.search(low) is not None \
            and _HAS_LETTER.search(low) is not None
        negated = []
        if letters and len(low) > 5:
            for prefix in NEGATIVE_PREFIXES:
                if low.startswith(prefix) and len(low) > len(prefix) + 3:
                    rest = self.stem(low[len(prefix):])
                    if rest != key and len(rest) >= 4:
                        negated.append(rest)
        return Spelling(low, stems, key, cue, low in NEGATIONS, ident, self.canon(key) if stems else "",
                        identifier_shape(low) if ident else "", tuple(negated))

    def scan(self, text: str) -> Scan:
        seen, spelling = self._seen, self.spelling
        spellings = [seen.get(raw) or spelling(raw) for raw in WORD_RE.findall(prepare(text))]
        return Scan(spellings, self.registry.mentions_in([s.stems for s in spellings]))

    def words(self, text: str) -> list[Word]:
        prepared = prepare(text)
        out: list[Word] = []
        last_end = 0
        for m in WORD_RE.finditer(prepared):
            raw = m.group(0)
            s = self.spelling(raw)
            gap = prepared[last_end:m.start()]
            out.append(Word(raw, m.start(), m.end(), s.low, s.stems, s.key, cue=s.cue, neg=s.neg,
                            boundary=";" in gap or ":" in gap, ident=s.ident, canon=s.canon))
            last_end = m.end()
        for i, w in enumerate(out):
            if (w.low, out[i + 1].low if i + 1 < len(out) else "") in (("rather", "than"), ("instead", "of")):
                w.neg = True       # "primary rather than acquired": the thing after it is denied
            if w.low == "not" and i + 1 < len(out) and out[i + 1].low == "only":
                w.neg = False
            if w.low in ("no", "not") and i + 1 < len(out) and out[i + 1].low in ("doubt", "matter", "estimable",
                                                                                  "evaluable", "applicable"):
                w.neg = False      # "not estimable" (NE) names a value of a confidence interval, no negation
            if w.low == "no" and i + 1 < len(out) and any(c.isdigit() for c in out[i + 1].low):
                w.neg = False      # "No. 2019A1515110953": the abbreviation of "number"
            if w.cue and 0 < i < len(out) - 1 and out[i - 1].low == "as" and out[i + 1].low == "as" \
                    and not (i + 2 < len(out) and any(c.isdigit() for c in out[i + 2].low)):
                w.cue, w.stems = None, ()   # "as long as the dose is adjusted": a conjunction ("as high as 30%" compares)
            if w.cue and w.cue[0] == "response" and not _predicative(out, i):
                w.cue = None       # "resistant cells", "drug sensitivity": a description, not a claim
            if w.cue is None and w.low in PHRASAL_VERBS and i + 1 < len(out) and out[i + 1].low in PARTICLES:
                w.cue = ("magnitude", PARTICLES[out[i + 1].low])    # "switches off ANXA1", "turns on AKT"
        for group, first, last, _ in self.registry.mentions(out):
            for i in range(first, last + 1):
                out[i].groups = out[i].groups | {group}
        return out


# Words before an adjective that make it what is said of the subject ("became resistant", "more sensitive").
_PREDICATING = {"more", "less", "increasingly", "become", "becomes", "became", "becoming", "remain", "remains",
                "remained", "made", "make", "makes", "render", "renders", "rendered", "be", "is", "are", "was", "were",
                "been", "being", "grow", "grew", "stay", "stayed", "still", "highly", "fully", "partially"}


_RESPONSE_FORMS = set(SENSITIVE) | set(RESISTANT)


def _predicative(words: list[Word], i: int) -> bool:
    """Whether word i is said of its subject (a verb, "became resistant", "resistant to X"), not a modifier."""
    w = words[i]
    if w.low not in _RESPONSE_FORMS:
        return False       # a noun of the same stem ("sensitivity") names a topic, like "resistance"
    if not w.low.endswith(("ive", "ant", "ory")):
        return True        # a verb ("resensitises the cells")
    return (i > 0 and words[i - 1].low in _PREDICATING) or (i + 1 < len(words) and words[i + 1].low in ("to", "than"))

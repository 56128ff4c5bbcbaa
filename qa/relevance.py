"""Decide whether the review answers a question at all (the "not found" judgement), with the reason."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Hit
from .text import STOPWORDS, surface_tokens

# Words that frame a question ("what proportion", "what does X stand for") rather than name its topic.
FRAME_WORDS = frozenset("""
proportion fraction percentage percent share number many much long often stand stands mean means meaning called
name named names abbreviation abbreviations kind kinds type types role roles happen happens tell find give
quickly frequently frequent common commonly likely exactly main mainly key example examples say says said
which whose review article paper authors author study studies summarise summarize summary describe described
explain explained discuss discussed mention mentioned report reported according value values figure figures
level levels amount size happen occur occurs occurred brand trade
""".split())

DRUG_LIKE = re.compile(r"(mab|nib|lisib|parib|ciclib|platin|taxel|rubicin|statin|pril|sartan|vir|mycin|"
                        r"cillin|azole|olol|afil|mus|limus|fen|xifene|trozole|zumab|ximab)$")
# A long abstract noun the review never uses ("cardiotoxicity", "pharmacokinetics") names a topic it lacks.
_CONCEPT_NOUN = re.compile(r"^\w{5,}(?:ity|ities|ness|ology|ologies|kinetics|genicity)$")
_YEAR_Q = re.compile(r"\b(which|what) (year|date)\b|^\s*when (was|were|did|is|will|does|do)\b", re.I)
_DURATION_Q = re.compile(r"\bhow long\b", re.I)
_COUNT_Q = re.compile(r"\bhow (many|much)\b|\bwhat (percentage|proportion|fraction|dose|number)\b", re.I)
_CITATION = re.compile(r"\(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)")
METRICS = {
    "orr": ("orr", "object respons rate", "respons rate"),
    "pfs": ("pfs", "progressionfre surviv", "progress free surviv"),
    "os": ("os", "overal surviv"),
    "hazard": ("hazard ratio", "hazard"),
    "dose": ("dose", "dosag", "mg"),
    "halflif": ("halflif", "half life"),
    "cost": ("cost", "price"),
}


@dataclass(frozen=True)
class Judgement:
    found: bool
    coverage: float
    reason: str


def looks_like_name(word: str) -> bool:
    """A drug-like, gene-like or proper name as typed: "neratinib", "NEJM", "Shantou", "p95HER2"."""
    return bool(DRUG_LIKE.search(word.lower())) or (word[:1].isupper() and not word.istitle()) or \
        any(c.isdigit() for c in word) or (word.isupper() and len(word) > 1)


def unknown_entity(question: str, stem, vocabulary: set[str], known=lambda token: False) -> str | None:
    """A specific name (drug, gene, place, product) that the review never mentions, or None."""
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*[A-Za-z][A-Za-z0-9\-]*|[A-Za-z]", question)
    for position, word in enumerate(words):
        tokens = surface_tokens(word)
        if not tokens or tokens[0] in STOPWORDS or stem(tokens[0]) in vocabulary or known(tokens[0]):
            continue   # a stopword, or the whole word (joined form of a compound) is in the review
        for token in tokens:
            if token in STOPWORDS or len(token) < 3 or token in FRAME_WORDS:
                continue
            if stem(token) in vocabulary or known(token):
                continue
            capitalised = (word[0].isupper() and position > 0 and not word.isupper()) or \
                (word.isupper() and len(word) > 2)
            if capitalised or any(c.isdigit() for c in token) or DRUG_LIKE.search(token) or \
                    _CONCEPT_NOUN.search(token):
                return word
    return None


_NUMBER_WORDS = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred)"


def _answer_type_ok(question: str, sentence: str, text: str) -> bool:
    """Questions that ask for a year or a duration need one in the answering sentence; a count, in the passage."""
    said = _CITATION.sub("", sentence)
    body = _CITATION.sub("", text)
    if _YEAR_Q.search(question) and not re.search(r"\b(19|20)\d\d\b", said):
        return False
    if _DURATION_Q.search(question) and not re.search(r"\d[\d.]*[- ]?(month|year|week|day)", said):
        return False
    if _COUNT_Q.search(question) and not re.search(r"(?<![A-Za-z])\d", body):
        return False
    if re.search(r"\bhow much\b", question, re.I) and not re.search(r"(?<![A-Za-z])\d", said):
        return False
    many = re.search(r"\bhow many ((?:[\w-]+ ){0,3}?[\w-]+?)s?\b(?= (?:had|have|has|were|was|are|is|did|do|does|"
                     r"received|got|took|showed|in|with|of)\b|\s*\?|$)", question, re.I)
    if many:
        noun = many.group(1).split()[-1].lower()
        stem = noun[:-1] if noun.endswith("ie") else noun[: max(4, len(noun) - 2)]
        if not re.search(rf"\b{_NUMBER_WORDS}\s+(?:[\w-]+\s+){{0,3}}{re.escape(stem)}|\b[nN]\s?=\s?\d", body, re.I):
            return False
    return True


def judge(question: str, stems: set[str], hits: list[Hit], idf: dict[str, float], vocabulary: set[str],
          stem, synonyms_of, sentence: str | None, cooccurs, oov_weight: float, threshold: float,
          known=lambda token: False, reference_only=lambda content: None,
          self_description: tuple[set[str], set[str]] | None = None) -> Judgement:
    """Found when the top passage covers most of the question's topic words and fits what is asked."""
    if not hits:
        return Judgement(False, 0.0, "no passage shares a word with the question")
    name = unknown_entity(question, stem, vocabulary, known)
    if name:
        return Judgement(False, 0.0, f"the review never mentions '{name}'")
    frame = {stem(w) for w in FRAME_WORDS}
    content = {t for t in stems if t not in frame} or set(stems)   # "who are the authors?": frame is topic
    top = set(hits[0].matched)
    if self_description and hits[0].passage.section in self_description[0]:
        # "reviewers of the Frontiers trastuzumab review": words naming the article itself are no topic
        content = {t for t in content if t not in self_description[1]} or content
    total = matched = 0.0
    for t in content:
        w = idf.get(t, oov_weight) if t in vocabulary else oov_weight
        total += w
        if t in top or any(s in top for s in synonyms_of(t)):
            matched += w
    coverage = matched / total if total else 0.0
    if coverage < threshold:
        return Judgement(False, coverage, f"the best passage covers only {coverage:.0%} of the question")
    if not _answer_type_ok(question, sentence or "", hits[0].passage.text):
        return Judgement(False, coverage, "the review gives no such figure")
    cited_only = reference_only(content)
    if cited_only:
        return Judgement(False, coverage, f"the review only cites a paper on '{cited_only}'; its text does not "
                                          f"discuss it")
    missing = cooccurs(question, stems)
    if missing:
        return Judgement(False, coverage, missing)
    return Judgement(True, coverage, "")

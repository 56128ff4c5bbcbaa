"""Claim verification: align a claim with the review's sentences and facts, then compare numbers, polarity and wording.

How a claim is judged (each step says why in its reason):

1. Names the review never mentions (a drug, a trial, a gene; a name found only in the reference list counts as
   not mentioned) -> not_found.
2. Claims about the article itself (editor, reviewers, corresponding authors, dates) -> its front matter decides.
3. "X is another name for Y" -> the glossary decides (same entry or not).
4. Table 1 polarity (positive/negative correlation, primary/secondary resistance) -> the biomarker facts decide.
5. Numbers with a unit (%, months, p, counts, exon, phase, dates) -> the curated outcome/statistic facts of the
   entity and metric the claim is about, else an aligned sentence that keeps the same entity in scope. A number
   the review gives only for another entity or metric never contradicts: that is not_found, and the reason says
   whose number it is.
6. Everything else -> the best aligned sentence (IDF-weighted share of the claim's terms it holds, aware of the
   glossary, a few plain-English synonyms and the entity a passage is about); below FOUND -> not_found. Then
   clashes over that sentence: another identifier of the same shape (FGFR1/FGFR2, miR-155/miR-21), direction,
   frequency and quality words bound to the same object (increase/inhibit, rarely/frequently, good/poor),
   negation (cannot, absence of, irreplaceable), a comparison made the other way round, "only A" against
   "A and B", superlatives naming another subject, counts in words ("a single" against "two").

A text of several sentences is checked sentence by sentence. Nothing here raises on odd input, and nothing
depends on hash order: the same claim gets the same verdict and reason.
"""
from __future__ import annotations

import math
import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from typing import Iterable

from .models import Evidence, Fact, Verdict
from .text import fold, sentences

# Thresholds (IDF-weighted share of the claim's terms found in one sentence).
FOUND = 0.60          # below: the review does not speak to the claim
FACT_TOPIC = 0.45     # a fact without a matching metric must cover this much of the claim's context
NUMBER_CLASH = 0.70   # a number clash with a sentence (no curated fact) needs this much alignment
SCOPE_CREDIT = 0.7    # an entity named in an earlier sentence of the same passage counts this much
LIGHT_WEIGHT = 0.25   # light verbs ("showed", "achieved") count this much

# --- lexicon ---------------------------------------------------------------------------------------------------

_UP = """increase increases increased increasing enhance enhances enhanced enhancing enhancement promote promotes
promoted promoting upregulate upregulates upregulated upregulating upregulation up-regulate up-regulates
up-regulated up-regulation elevate elevates elevated elevation activate activates activated activating activation
induce induces induced inducing induction stimulate stimulates stimulated stimulation raise raises raised augment
augments augmented accelerate accelerates accelerated facilitate facilitates facilitated improve improves improved
improvement prolong prolongs prolonged boost boosts boosted strengthen strengthens strengthened overexpress
overexpresses overexpressed overexpression over-expression over-expressed high higher long longer greater gain
gains restore restores restored restoring resensitize resensitizes resensitized resensitization""".split()
_DOWN = """decrease decreases decreased decreasing reduce reduces reduced reducing reduction inhibit inhibits inhibited
inhibiting inhibition suppress suppresses suppressed suppressing suppression downregulate downregulates
downregulated downregulating downregulation down-regulate down-regulates down-regulated down-regulation lower
lowers lowered lowering low limit limits limited limiting block blocks blocked blocking blockade attenuate
attenuates attenuated attenuating diminish diminishes diminished prevent prevents prevented preventing prevention
impair impairs impaired loss lose loses lost deficiency deficient knockdown knock-down silencing silence silenced
silences repress represses repressed repression reverse reverses reversed reversing reversal overcome overcomes
overcoming overcame abolish abolishes abolished abrogate abrogates abrogated short shorter shorten shortens
shortened weaken weakens weakened decline declines declined deplete depletes depleted depletion delay delays
delayed slow slows slowed hinder hinders hindered""".split()
_FREQ_UP = "frequently often commonly usually mostly typically frequent common".split()
_FREQ_DOWN = "rarely seldom infrequently uncommonly rare uncommon occasionally".split()
_GOOD = "good better best favorable favourable beneficial".split()
_POSITIVE = "positive positively".split()
_NEGATIVE = "negative negatively inverse inversely".split()
_BAD = "poor poorer worse worst bad unfavorable unfavourable detrimental".split()
# Cues that modify an entity ("low miR-567", "loss of ARID1A"): the plain entity in the review reads as the opposite.
_NOMINAL = """loss deficiency knockdown knock-down silencing overexpression over-expression downregulation
down-regulation upregulation up-regulation reduction inhibition suppression activation depletion blockade
elevation""".split()
_COMPARATIVES = "longer shorter higher lower greater better worse poorer smaller larger fewer".split()
_MODIFIERS = """low high loss deficiency deficient overexpression over-expression downregulation down-regulation
upregulation up-regulation knockdown knock-down silencing reduction inhibition suppression activation elevated
elevation depletion blockade""".split()
_NEGATIONS = {"not", "no", "never", "cannot", "can't", "cant", "won't", "don't", "doesn't", "didn't", "isn't",
              "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "couldn't", "wouldn't", "shouldn't",
              "without", "absence", "absent", "lack", "lacks", "lacked", "lacking", "neither", "nor", "none",
              "nothing", "unable", "fail", "fails", "failed", "devoid"}
_NEG_PREFIXES = ("ir", "un", "in", "im", "il", "non", "dis")
_REPORTING = set("""show shows showed shown report reports reported find finds found observe observes observed
demonstrate demonstrates demonstrated reveal reveals revealed suggest suggests suggested indicate indicates
indicated note noted study studies""".split())
_LIGHT = _REPORTING | set("""achieve achieves achieved produce produces produced reach reaches reached have has had
yield yields yielded result results resulted occur occurs occurred see seen exhibit exhibits exhibited display
displays displayed record recorded experience experienced attain attained give gives gave given lead leads led
associate associated trial make makes made account accounts accounted constitute constitutes represent represents
comprise comprises""".split())
_BE = {"be", "is", "are", "was", "were", "been", "being"}
_COUNT_WORDS = {"single": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "dual": 2, "both": 2}
_HEAD_NOUNS = {"gene", "genes", "protein", "proteins", "expression", "level", "levels", "mrna", "activity"}
_OBJECT_MARKERS = {"with", "after", "than", "to", "of", "by", "and", "or", "versus", "vs", "including", "include",
                   "includes", "plus", "from", "for", "as", "on", "against", "like", "such", "the", "a", "an",
                   "between", "via"}
_QUALIFIER_WORDS = {"about", "approximately", "approx", "roughly", "around", "nearly", "almost", "some", "less",
                    "fewer", "lower", "more", "greater", "higher", "over", "under", "below", "above", "least", "most",
                    "excess", "exceeding", "up", "than", "at", "in", "of", "close", "to"}
# Plain-English words that say the same thing (matched through one canonical stem).
_SYNONYMS = [
    "now current currently present presently today nowadays",
    "new newer novel emerging recent",
    "potent powerful strong",
    "drug drugs medication medications medicine medicines agent agents",
    "cause causes caused causing induce induces induced",
    "patients individuals persons people subjects participants",
    "effective efficacy efficacious effectiveness",
    "biomarker biomarkers marker markers indicator indicators predictor predictors",
    "kill kills killing eliminate eliminates",
    "bind binds binding attach attaches attached connect connects",
    "main major principal chief",
    "tolerable tolerated well-tolerated",
    "survival survive",
    "approve approved approval",
    "conclude concludes concluded conclusion conclusions",
    "clear clarified elucidated understood established",
    "use application usage",
    "already yet",
    "prognosis prognoses prognostic",
    "therapy therapies therapeutic",
    "single one",
]
_HAS_DIGIT = re.compile(r"\d")
_HAS_LETTER = re.compile(r"[a-z]")

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"]
_MONTH_RE = "|".join(_MONTHS)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_NUM_WORD_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_DRUG_LIKE = re.compile(r"(mab|nib|lisib|parib|ciclib|tinib|platin|taxel|rubicin|limus|tabine|mycin|cillin|"
                        r"zumab|ximab|tecan|statin)$")
_METRICS = {   # family -> pattern over folded text
    "response": re.compile(r"\borr\b|objective response|response rates?\b|overall response|\bresponded\b|"
                           r"\bresponders?\b|clinically relevant response"),
    "pfs": re.compile(r"\bpfs\b|progression[- ]free"),
    "os": re.compile(r"\bos\b|overall survival"),
    "dfs": re.compile(r"(?<!distant )\bdfs\b|(?<!distant )disease[- ]free survival"),
    "ddfs": re.compile(r"\bddfs\b|distant disease[- ]free"),
    "dor": re.compile(r"duration of (?:the )?response|\bdor\b|response (?:lasting|duration)|partial response"),
    "rr": re.compile(r"relative risk|\brr\b|risk reduction|hazard ratio"),
    "ae": re.compile(r"adverse events?|\baes?\b|side effects?|toxicit"),
    "followup": re.compile(r"follow[- ]?up"),
    "prior": re.compile(r"previously (?:been )?(?:treated|received)|\bprior\b|pretreated|had (?:been )?treated"),
}
_FACT_METRIC = {"orr": "response", "response rate": "response", "pfs": "pfs", "os": "os", "dor": "dor",
                "dfs": "dfs", "adverse event rate": "ae", "relative risk reduction": "rr",
                "prior treatment share": "prior"}
_METRIC_PHRASE = {"ORR": "an ORR", "response rate": "a response rate", "PFS": "a PFS", "OS": "an OS",
                  "DoR": "a duration of response", "relative risk reduction": "a relative risk reduction",
                  "prior treatment share": "a prior-treatment share", "DFS": "a DFS"}
_METRIC_LABEL = {"response": "response rate", "pfs": "PFS", "os": "overall survival", "dfs": "DFS", "ddfs": "DDFS",
                 "dor": "duration of response", "rr": "relative risk", "ae": "adverse-event rate",
                 "followup": "follow-up", "prior": "prior-treatment share"}


# --- words -------------------------------------------------------------------------------------------------------

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u2018\u2019\u02bc\u2032"), "'")
_WORD_RE = re.compile(r"[^\W_]+(?:['\-/+.][^\W_]+)*")


def _prepare(text: str) -> str:
    """Same length as the input: dashes and quotes unified, so positions still point into the original text."""
    return text.translate(_DASHES).translate(_QUOTES)


def _lower(text: str) -> str:
    """Lowercase without changing the length (a few letters lowercase to two characters; those stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


@dataclass
class Word:
    text: str
    start: int
    end: int
    low: str
    stems: tuple[str, ...]          # tokenizer stems (joined compound first, then pieces); () for stopwords
    key: str                         # the joined stem, or the lowercased word for stopwords
    cue: tuple[str, int] | None = None   # (dimension, +1/-1)
    neg: bool = False
    prefix_neg: bool = False         # a claim word whose negative prefix was taken off ("unacceptable")
    boundary: bool = False           # a clause break (";") sits right before this word
    groups: frozenset = frozenset()
    ident: bool = False              # letters and digits: a name such as FGFR2, miR-21, 17q12
    canon: str = ""                  # canonical stem of its synonym set


def _shape(word: str) -> str:
    w = word.lower()
    for prefix in ("chromosome", "chr"):
        if w.startswith(prefix) and len(w) > len(prefix) and w[len(prefix)].isdigit():
            w = w[len(prefix):]
    return re.sub(r"\d+", "#", w)


# --- quantities ---------------------------------------------------------------------------------------------------

@dataclass
class Quantity:
    low: float
    high: float
    unit: str                 # "%", "months", "count", "p", "exon", "phase", "date", "year", "grade", "mg/kg", ""
    qual: str | None = None   # "about", "lt", "gt"
    ci: bool = False
    text: str = ""
    start: int = 0
    end: int = 0
    date: tuple = ()          # (year, month, day) with None for missing parts
    decimals: int = 0

    @property
    def is_range(self) -> bool:
        return self.high != self.low


_CITATION = re.compile(r"\(\s*\d{1,3}(?:\s*[,-]\s*\d{1,3})*\s*\)")
_QUAL_BEFORE = [
    ("about", re.compile(r"(?:\babout|\bapproximately|\bapprox\.?|\broughly|\baround|\bnearly|\balmost|"
                         r"\bclose to|\bsome|~|≈)\s*$")),
    ("lt", re.compile(r"(?:\bless than|\bfewer than|\blower than|\bunder|\bbelow|\bup to|\bat most|"
                      r"\bno more than|<|≤|<=)\s*$")),
    ("gt", re.compile(r"(?:\bmore than|\bgreater than|\bhigher than|\bover|\babove|\bin excess of|\bexceeding|"
                      r"\bat least|>|≥|>=)\s*$")),
]
_QUAL_AFTER = [("gt", re.compile(r"^\s*(?:or|and) (?:higher|more|above|greater|over)\b")),
               ("lt", re.compile(r"^\s*(?:or|and) (?:lower|less|below|fewer|under)\b"))]
_UNIT_AFTER = [
    ("%", re.compile(r"^\s*(?:%|percent\b|per cent\b)")),
    ("months", re.compile(r"^\s*-?\s*(?:months?|mo)\b")),
    ("years", re.compile(r"^\s*-?\s*(?:years?|yrs?)\b(?!\s+old)")),
    ("weeks", re.compile(r"^\s*-?\s*weeks?\b")),
    ("days", re.compile(r"^\s*-?\s*days?\b")),
    ("mg/kg", re.compile(r"^\s*mg\s*/\s*kg\b")),
    ("fold", re.compile(r"^\s*-?\s*fold\b")),
    ("count", re.compile(r"^\s*(?:[a-z-]+\s+){0,2}?(?:patients|participants|subjects|women|men|people|persons|"
                         r"individuals|cases|samples|splices|cell lines|studies|trials|biomarkers|references|"
                         r"authors|tumou?rs|mice)\b")),
]
_UNIT_BEFORE = [
    ("p", re.compile(r"\bp\s*(?:-?\s*value)?\s*(?:=|<|>|≤|≥|<=|>=|of|was|is)\s*$")),
    ("count", re.compile(r"\bn\s*=\s*$")),
    ("exon", re.compile(r"\bexons?\s*$")),
    ("grade", re.compile(r"\bgrades?\s*$")),
    ("phase", re.compile(r"\bphases?\s*$")),
]
_CI_BEFORE = re.compile(r"(?:\bci|confidence interval)\s*(?:of|was|:|,|=)?\s*$")
_CI_LEVEL_AFTER = re.compile(r"^\s*%\s*(?:ci\b|confidence)")
_TIME_IN_MONTHS = {"months": 1.0, "years": 12.0, "weeks": 12.0 / 52.0, "days": 12.0 / 365.25}


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


def quantities(text: str) -> list[Quantity]:
    """Numbers with their unit, range, qualifier and confidence-interval role; citation markers and names skipped."""
    t = _lower(_prepare(text))
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\s*,?\s+((?:19|20)\d\d)\b", t):
        out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                            date=(int(m.group(3)), _MONTHS.index(m.group(2)) + 1, int(m.group(1)))))
        taken.append(m.span())
    for m in re.finditer(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*((?:19|20)\d\d)\b", t):
        if free(*m.span()):
            out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                date=(int(m.group(3)), _MONTHS.index(m.group(1)) + 1, int(m.group(2)))))
            taken.append(m.span())
    for m in re.finditer(rf"\b({_MONTH_RE})\s+(?:of\s+)?((?:19|20)\d\d)\b", t):
        if free(*m.span()) and not (m.group(1) == "may" and not text[m.start()].isupper()):
            out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                date=(int(m.group(2)), _MONTHS.index(m.group(1)) + 1, None)))
            taken.append(m.span())
    for m in re.finditer(r"\bphases?\s+(iv|i{1,3}|[1-4])\s*([ab])?(?:\s*/\s*(iv|i{1,3}|[1-4])\s*([ab])?)?(?![\w])", t):
        lo = _ROMAN[m.group(1)] + (0.5 if m.group(2) == "b" else 0.0)
        hi = _ROMAN[m.group(3)] + (0.5 if m.group(4) == "b" else 0.0) if m.group(3) else lo
        out.append(Quantity(lo, hi, "phase", text=text[m.start():m.end()], start=m.start(), end=m.end()))
        taken.append(m.span())
    for m in re.finditer(r"\bpre-?clinical\b", t):
        out.append(Quantity(0, 0, "phase", text=text[m.start():m.end()], start=m.start(), end=m.end()))
        taken.append(m.span())
    for m in re.finditer(rf"\b({_NUM_WORD_RE}|an?)[\s-]+(months?|years?|weeks?|days?)\b", t):
        if free(*m.span()) and (m.group(1) not in ("a", "an") or re.search(r"\b(?:within|in|for|after|over|inside)\s+$",
                                                                          t[max(0, m.start() - 8):m.start()])):
            unit = m.group(2).rstrip("s") + "s"
            v = _NUMBER_WORDS.get(m.group(1), 1) * _TIME_IN_MONTHS[unit]
            out.append(Quantity(v, v, "months", text=text[m.start():m.end()], start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in re.finditer(rf"\b(\d+|{_NUM_WORD_RE})\s+(?:in|out of)\s+(?:every\s+)?(\d+|{_NUM_WORD_RE})\b", t):
        a, b = (float(x) if x[0].isdigit() else float(_NUMBER_WORDS[x]) for x in m.groups())
        if free(*m.span()) and 0 < a < b <= 1000:
            v = round(100.0 * a / b, 1)
            qual = next((q for q, p in _QUAL_BEFORE if p.search(t[max(0, m.start() - 40):m.start()])), None)
            out.append(Quantity(v, v, "%", qual or "about", text=text[m.start():m.end()], start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in re.finditer(rf"\b({_NUM_WORD_RE})[\s-]+(percent|per cent)\b", t):
        if free(*m.span()):
            v = float(_NUMBER_WORDS[m.group(1)])
            qual = next((q for q, p in _QUAL_BEFORE if p.search(t[max(0, m.start() - 40):m.start()])), None)
            out.append(Quantity(v, v, "%", qual, text=text[m.start():m.end()], start=m.start(), end=m.end()))
            taken.append(m.span())
    for m in _CITATION.finditer(t):
        if not re.match(r"\s*%", t[m.end():m.end() + 2]):
            taken.append(m.span())

    pos = 0
    number = re.compile(r"\d+(?:\.\d+)?")
    while True:
        m = number.search(t, pos)
        if not m:
            break
        s, e = m.span()
        pos = e
        if not free(s, e):
            continue
        prev = t[s - 1] if s > 0 else " "
        nxt = t[e] if e < len(t) else " "
        if prev.isalnum() or prev in "._" or (prev == "-" and s >= 2 and t[s - 2].isalpha()):
            pos = _skip_word(t, e)
            continue
        if nxt.isalpha() or nxt == "_":
            pos = _skip_word(t, e)
            continue
        if nxt == "-" and e + 1 < len(t) and t[e + 1].isalpha():
            if not any(p.match(t[e:]) for u, p in _UNIT_AFTER if u in ("months", "years", "weeks", "days", "fold")):
                pos = _skip_word(t, e)
                continue
        if _CI_LEVEL_AFTER.match(t[e:]):
            continue
        lo_text = m.group(0)
        low = high = float(lo_text)
        end = e
        decimals = _decimals(lo_text)
        unit = ""
        for u, p in _UNIT_AFTER:
            um = p.match(t[end:])
            if um and u != "count":
                unit, end = u, end + um.end()
                break
        rm = re.match(r"^\s*(?:-|to|and)\s*(\d+(?:\.\d+)?)(?![\w])", t[end:])
        if rm and (not rm.group(0).strip().startswith("and") or re.search(r"\bbetween\s*$", t[max(0, s - 12):s])):
            high = float(rm.group(1))
            decimals = max(decimals, _decimals(rm.group(1)))
            end += rm.end()
            if high < low:
                low, high = high, low
            for u, p in _UNIT_AFTER:
                um = p.match(t[end:])
                if um and (u == unit or not unit) and u != "count":
                    unit, end = u, end + um.end()
                    break
        if not unit:
            um = _UNIT_AFTER[-1][1].match(t[end:])
            if um:
                unit = "count"
        before = t[max(0, s - 40):s]
        text_start = s
        if not unit:
            for u, p in _UNIT_BEFORE:
                bm = p.search(before)
                if bm:
                    unit = u
                    text_start = s - (len(before) - bm.start())
                    break
        qual = None
        for q, p in _QUAL_BEFORE:
            if p.search(before):
                qual = q
                break
        if unit == "p":
            op = re.search(r"(=|<|>|≤|≥)\s*$", before)
            qual = {"<": "lt", "≤": "lt", ">": "gt", "≥": "gt"}.get(op.group(1) if op else "", None)
        for q, p in _QUAL_AFTER:
            if p.match(t[end:]):
                qual = q
        ci = bool(_CI_BEFORE.search(before))
        if unit in _TIME_IN_MONTHS:
            factor = _TIME_IN_MONTHS[unit]
            low, high, unit = low * factor, high * factor, "months"
        if not unit and float(lo_text).is_integer() and 1900 <= low <= 2100 and high == low:
            unit = "year"
        out.append(Quantity(low, high, unit, qual, ci, text[text_start:end].strip(), s, end, decimals=decimals))
        taken.append((s, end))
        pos = max(pos, end)
    out.sort(key=lambda q: q.start)
    return out


def _skip_word(t: str, i: int) -> int:
    while i < len(t) and (t[i].isalnum() or t[i] in "-_."):
        i += 1
    return i


def _agree(c: Quantity, e: Quantity) -> bool | None:
    """Whether the claim's figure fits the review's; None when they cannot be compared (other unit or role).
    A figure given more coarsely than the review's matches its rounding ("19%" fits 19.0%, "61%" fits 60.9%);
    "about" on either side allows 10%; bounds ("less than 5%") and ranges ("15% to 20%") hold what they hold."""
    if c.unit != e.unit or c.ci != e.ci:
        return None
    if c.unit == "date":
        pairs = [(a, b) for a, b in zip(c.date, e.date) if a is not None and b is not None]
        return all(a == b for a, b in pairs) if pairs else None
    if c.unit in ("%", "months", "p", "mg/kg", "fold") or c.decimals:
        tol = 0.5 * 10 ** (-c.decimals)
    else:
        tol = 0.0      # counts, years, exons, phases: exact
    if "about" in (c.qual, e.qual):
        tol = max(tol, 0.1 * max(abs(c.high), abs(e.high)))
    tol += 1e-9
    if e.qual == "lt":
        return c.qual != "gt" and c.high <= e.high + tol
    if e.qual == "gt":
        return c.qual != "lt" and c.low >= e.low - tol
    if c.qual == "lt":
        return e.high < c.high + tol
    if c.qual == "gt":
        return e.low > c.low - tol
    if c.is_range and e.is_range:
        return abs(c.low - e.low) <= tol and abs(c.high - e.high) <= tol
    if e.is_range:
        return e.low - tol <= c.low and c.high <= e.high + tol
    if c.is_range:
        return c.low - tol <= e.low <= c.high + tol
    return abs(c.low - e.low) <= tol


def _fmt(q: Quantity) -> str:
    return q.text or (f"{q.low:g}" if not q.is_range else f"{q.low:g} to {q.high:g}")


# --- names: glossary groups and mentions ---------------------------------------------------------------------------

class Registry:
    """Every name of every entity, grouped by the glossary (aliases), with their stems for finding mentions."""

    GROUPED_KINDS = ("term", "agent", "biomarker", "mirna", "outcome", "statistic")

    def __init__(self, facts: Iterable[Fact], tokenizer):
        self.tokenizer = tokenizer
        parent: dict[str, str] = {}
        display: dict[str, str] = {}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def add(name: str) -> str | None:
            key = fold(name)
            if not key or not tokenizer.tokens(name):
                return None
            if key not in parent:
                parent[key] = key
                display[key] = name
            return key

        def union(a: str | None, b: str | None) -> None:
            if a and b:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)

        self.fact_groups: dict[str, list[str]] = {}
        kinds_of: dict[str, set[str]] = {}
        preferred: list[tuple[int, str]] = []
        rank = {"agent": 0, "biomarker": 1, "mirna": 1, "term": 2, "outcome": 3, "statistic": 3, "mechanism": 4}
        for fact in facts:
            preferred.append((rank.get(fact.kind, 5), fact.entity))
            names = [fact.entity]
            if fact.kind in self.GROUPED_KINDS:
                names += list(fact.aliases)
            agent = fact.get("agent") if fact.kind == "outcome" else None
            composite = any(ch in fact.entity for ch in "/;")
            shapes: dict[str, set[str]] = {}
            for n in names:
                if any(c.isdigit() for c in n):
                    shapes.setdefault(_shape(n), set()).add(n)
            family = {n for group in shapes.values() if len(group) > 1 for n in group}
            keys = {n: add(n) for n in names}
            for k in keys.values():
                if k:
                    kinds_of.setdefault(k, set()).add(fact.kind)
            base = keys.get(fact.entity)
            if fact.kind in self.GROUPED_KINDS and not composite and base:
                for n, k in keys.items():
                    if k and n not in family:
                        union(base, k)
            own = [k for k in keys.values() if k]
            if agent:
                for part in str(agent).split(";"):
                    k = add(part.strip())
                    if k:
                        own.append(k)
            self.fact_groups[fact.id] = own
        self.group_of = {k: find(k) for k in parent}
        self.display = {}
        for _, name in sorted(preferred, key=lambda x: x[0]):
            k = fold(name)
            if k in parent:
                self.display.setdefault(find(k), name)
        for k in parent:
            self.display.setdefault(find(k), display[find(k)])
        self.kinds: dict[str, set[str]] = {}
        for k, ks in kinds_of.items():
            self.kinds.setdefault(find(k), set()).update(ks)
        self.fact_groups = {fid: sorted({find(k) for k in keys}) for fid, keys in self.fact_groups.items()}
        self._parent, self._display_raw = parent, display
        self.names: list[tuple[tuple[str, ...], str, str]] = []   # (stems, group, name)
        self._index()

    def add_people(self, people: Iterable[str]) -> None:
        """Authors, editor and reviewers as names too, each with the initials the review uses ("X-FL")."""
        for person in people:
            key = fold(person)
            if not key or key in self._parent or not self.tokenizer.tokens(person):
                continue
            self._parent[key] = key
            self._display_raw[key] = person
            self.kinds.setdefault(key, set()).add("person")
            self.group_of[key] = key
            self.display[key] = person
            parts = person.split()
            if len(parts) >= 2:
                given = parts[0].split("-")
                initials = "-".join(p[:1].upper() for p in given) + parts[-1][:1].upper()
                ikey = fold(initials)
                if len(initials) >= 3 and ikey not in self._parent:
                    self._parent[ikey] = key
                    self._display_raw[ikey] = initials
                    self.group_of[ikey] = key
        self._index()

    def _index(self) -> None:
        parent, display = self._parent, self._display_raw

        def find(x: str) -> str:
            while parent[x] != x:
                x = parent[x]
            return x
        self.names = []
        for k in sorted(parent):
            stems = tuple(self.tokenizer.tokens(display[k]))
            if stems:
                self.names.append((stems, find(k), display[k]))
        self.names.sort(key=lambda x: (-len(x[0]), x[2]))
        self.by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._members: dict[str, list[str]] = {}
        for entry in self.names:
            self.by_first.setdefault(entry[0][0], []).append(entry)
            self._members.setdefault(entry[1], []).append(entry[2])
        for names in self._members.values():
            names.sort()

    def members(self, group: str) -> list[str]:
        return self._members.get(group, [])

    def mentions(self, words: list[Word]) -> list[tuple[str, int, int, str]]:
        """(group, first word, last word, name) for each name found, longest first, never overlapping."""
        flat = [(s, i) for i, w in enumerate(words) for s in w.stems]   # (stem, word index)
        found: list[tuple[int, int, int, str, str]] = []
        for pos, (stem, wi) in enumerate(flat):
            for stems, group, name in self.by_first.get(stem, ()):
                n = len(stems)
                if tuple(s for s, _ in flat[pos:pos + n]) != stems:
                    continue
                if n == 1 and len(stem) <= 3 and len(words[wi].stems) > 1 and words[wi].stems[0] != stem:
                    continue    # a short name ("ER", "OS") only as a whole word, never as a piece of a compound
                first, last = flat[pos][1], flat[pos + n - 1][1]
                found.append((-n, first, last, group, name))
                break
        found.sort()
        used: set[int] = set()
        out = []
        for neg_n, first, last, group, name in found:
            span = set(range(first, last + 1))
            if span & used:
                continue
            used |= span
            out.append((group, first, last, name))
        out.sort(key=lambda x: x[1])
        return out


# --- the knowledge built once per engine ---------------------------------------------------------------------------

@dataclass
class Sentence:
    idx: int
    passage: str
    section: str
    text: str
    words: list[Word]
    stems: set[str]
    groups: set[str]
    scope: set[str]
    quantities: list[Quantity]
    title_stems: set[str] = field(default_factory=set)
    canon: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)     # stems of the section title (body sentences)
    negated: dict[str, int] = field(default_factory=dict)   # "replac" -> index of "irreplaceable"
    free_stems: set[str] = field(default_factory=set)       # stems of words that are not part of a name


@dataclass
class FactQuantity:
    q: Quantity
    role: str          # "agent", "comparator", "second"
    fact: Fact


class Knowledge:
    """What the checker knows of one loaded review, built once per engine: its sentences (words, names, numbers,
    the entity each is about), term weights, the names of the glossary and the curated facts with their figures."""

    def __init__(self, engine):
        self.engine = engine
        self.tokenizer = engine.tokenizer
        self.facts = tuple(engine.facts)
        self.registry = Registry(self.facts, self.tokenizer)
        self.metadata = getattr(engine.document, "metadata", None)
        if self.metadata is not None:
            md = self.metadata
            self.registry.add_people([a.name for a in getattr(md, "authors", ())] +
                                     [_person(n) for n in getattr(md, "editor", ())] +
                                     [_person(n) for n in getattr(md, "reviewers", ())] +
                                     [n for n, _ in getattr(md, "correspondence", ())])
        self._lex = self._lexicon()
        self._words_seen: dict[str, tuple] = {}
        self.sentences: list[Sentence] = []
        self.df: dict[str, int] = {}
        self.group_df: dict[str, int] = {}
        self._build_sentences(engine.document)
        self.N = max(1, len(self.sentences))
        self.vocab = set(self.df)
        self.fact_by_id = {f.id: f for f in self.facts}
        self.fact_order = {f.id: i for i, f in enumerate(self.facts)}
        self.fact_quantities = {f.id: self._fact_quantities(f) for f in self.facts}
        self.fact_topic = {f.id: set(self.tokenizer.tokens(" ".join(
            str(x) for x in (f.summary, f.get("population") or "", f.get("metric") or "", f.get("trial") or "",
                             f.entity)))) for f in self.facts}
        self.fact_evidence_stems = {f.id: set(self.tokenizer.tokens(f.evidence)) for f in self.facts}
        self.fact_names = {f.id: [set(self.tokenizer.tokens(n)) for n in (f.entity, *f.aliases)] for f in self.facts}
        self.fact_topic_canon = {fid: {self.canon(t) for t in topic} for fid, topic in self.fact_topic.items()}
        self.fact_own_stems = {f.id: {x for g in self.registry.fact_groups.get(f.id, ())
                                      for n in self.registry.members(g) for x in self.tokenizer.tokens(n)}
                               for f in self.facts}
        self.fact_topic_groups = {f.id: {m[0] for m in self.registry.mentions(self.words(
            f"{f.summary}. {f.get('population') or ''}"))} for f in self.facts}

    # lexicon stems
    def _lexicon(self) -> dict:
        st = self.tokenizer.stem

        def stems(words):
            return {st(w.replace("-", "")) for w in words}
        cues: dict[str, tuple[str, int]] = {}
        for dim, pos, neg in (("magnitude", _UP, _DOWN), ("frequency", _FREQ_UP, _FREQ_DOWN),
                              ("quality", _GOOD, _BAD), ("sign", _POSITIVE, _NEGATIVE)):
            for s in stems(pos):
                cues[s] = (dim, 1)
            for s in stems(neg):
                cues[s] = (dim, -1)
        canon: dict[str, str] = {}
        for line in _SYNONYMS:
            group = [st(w.replace("-", "")) for w in line.split()]
            for g in group:
                canon.setdefault(g, group[0])
        return {"cues": cues, "modifiers": stems(_MODIFIERS), "light": {st(w) for w in _LIGHT},
                "reporting": {st(w) for w in _REPORTING}, "canon": canon,
                "nominal": {w.replace("-", "") for w in _NOMINAL}, "comparatives": {st(w) for w in _COMPARATIVES}}

    def canon(self, stem: str) -> str:
        return self._lex["canon"].get(stem, stem)

    def _word_info(self, raw: str, low: str) -> tuple[tuple[str, ...], tuple[str, int] | None]:
        cached = self._words_seen.get(raw)
        if cached is not None:
            return cached
        stems = tuple(self.tokenizer.tokens(raw))
        joined = self.tokenizer.stem(re.sub(r"[-']", "", low)) if re.fullmatch(r"[a-z'\-]+", low) else \
            (stems[0] if stems else low)
        cue = None
        if "/" not in low and not any(c.isdigit() for c in low):
            cue = self._lex["cues"].get(joined)
            if cue is None and re.match(r"(?:in|un)[a-z]{5,}$", low):
                base = self._lex["cues"].get(self.tokenizer.stem(low[2:]))
                if base and base[0] == "magnitude":
                    cue = (base[0], -base[1])
        if len(self._words_seen) < 50000:
            self._words_seen[raw] = (stems, cue)
        return stems, cue

    def words(self, text: str) -> list[Word]:
        prepared = _prepare(text)
        out: list[Word] = []
        last_end = 0
        for m in _WORD_RE.finditer(prepared):
            raw = m.group(0)
            low = raw.lower()
            stems, cue = self._word_info(raw, low)
            gap = prepared[last_end:m.start()]
            w = Word(raw, m.start(), m.end(), low, stems, stems[0] if stems else low, cue=cue,
                     neg=low in _NEGATIONS, boundary=";" in gap or ":" in gap,
                     ident=len(low) >= 2 and _HAS_DIGIT.search(low) is not None and _HAS_LETTER.search(low) is not None)
            w.canon = self.canon(w.key) if stems else ""
            out.append(w)
            last_end = m.end()
        for i, w in enumerate(out):
            if w.low == "not" and i + 1 < len(out) and out[i + 1].low == "only":
                w.neg = False
            if w.low in ("no", "not") and i + 1 < len(out) and out[i + 1].low in ("doubt", "matter"):
                w.neg = False
        for group, first, last, _ in self.registry.mentions(out):
            for i in range(first, last + 1):
                out[i].groups = out[i].groups | {group}
        return out

    def _build_sentences(self, document) -> None:
        sections = {s.id: s for s in document.sections}
        idx = 0
        for passage in document.passages:
            if passage.section == "references":
                continue
            section = sections.get(passage.section)
            kind = section.kind if section else "body"
            if kind == "table":
                parts = [line for line in passage.text.split("\n") if line.strip()]
            elif kind == "front" and len(passage.text) < 400:
                parts = sentences(passage.text) if passage.section in ("dates",) else [passage.text]
            else:
                parts = sentences(passage.text)
            title_stems = set(self.tokenizer.tokens(passage.title)) if kind in ("front", "back", "table") else set()
            for part in parts:
                words = self.words(part)
                stems = {s for w in words for s in w.stems}
                groups = {g for w in words for g in w.groups}
                quantities_ = quantities(part)
                all_stems = stems | title_stems
                sent = Sentence(idx, passage.id, passage.section, part, words, all_stems, groups,
                                set(groups), quantities_, title_stems, {self.canon(x) for x in all_stems},
                                set(self.tokenizer.tokens(passage.title)) if not title_stems else set())
                sent.context = {self.canon(x) for x in sent.context} | sent.context
                for i, w in enumerate(words):
                    for prefix in _NEG_PREFIXES:
                        if w.low.startswith(prefix) and len(w.low) > len(prefix) + 3 and w.low.isalpha():
                            rest = self.tokenizer.stem(w.low[len(prefix):])
                            if rest != w.key and len(rest) >= 4:
                                sent.negated.setdefault(rest, i)
                self.sentences.append(sent)
                idx += 1
                for s in sent.stems:
                    self.df[s] = self.df.get(s, 0) + 1
        for stems, group, _ in self.registry.names:
            df = min((self.df.get(st, 0) for st in stems), default=0)
            self.group_df[group] = max(self.group_df.get(group, 0), df)
        # Scope: the entity a passage is about stays the subject of its following sentences until a sentence
        # takes another subject. A name after "with", "of", "and" ... is an object, named in passing.
        by_passage: dict[str, list[Sentence]] = {}
        for sent in self.sentences:
            by_passage.setdefault(sent.passage, []).append(sent)
        for sent in self.sentences:
            sent.free_stems = {x for w in sent.words if not any(self.specific(g) for g in w.groups)
                               for x in w.stems} | sent.title_stems
        for sents in by_passage.values():
            carried: set[str] = set()
            for sent in sents:
                subjects = self._subjects(sent)
                if subjects:
                    carried = subjects
                else:
                    sent.scope = sent.groups | carried

    def _subjects(self, sent: Sentence) -> set[str]:
        out: set[str] = set()
        seen: set[str] = set()
        for i, w in enumerate(sent.words):
            for g in w.groups:
                if g in seen or not self.specific(g):
                    continue
                seen.add(g)
                prev = sent.words[i - 1].low if i > 0 else ""
                if i > 0 and sent.words[i - 1].groups & {g}:
                    continue
                if prev not in _OBJECT_MARKERS:
                    out.add(g)
        return out

    def specific(self, group: str) -> bool:
        """A name that singles out a drug, gene, miRNA or person, not one the whole review is about (trastuzumab,
        HER2) nor a plain term (adverse event, tumor)."""
        kinds = self.registry.kinds.get(group, set())
        if not kinds & {"agent", "biomarker", "mirna", "outcome", "person"}:
            return False
        return self.group_df.get(group, 0) <= max(8, len(self.sentences) // 12)

    def idf(self, stem: str) -> float:
        df = self.df.get(stem, 0)
        return math.log(1 + (self.N - df + 0.5) / (df + 0.5))

    def _fact_quantities(self, fact: Fact) -> list[FactQuantity]:
        found = quantities(fact.evidence)
        out: list[FactQuantity] = []

        def locate(value, high=None, ci=False) -> Quantity | None:
            for q in found:
                if q.unit == "date" and value in (q.date[2], q.date[0]):
                    return q
                same_high = high is None or abs(q.high - float(high)) < 1e-9
                if q.unit != "date" and abs(q.low - float(value)) < 1e-9 and same_high and q.ci == ci:
                    return q
            for q in found:
                if q.unit != "date" and abs(q.low - float(value)) < 1e-9:
                    return q
            return None

        unit_map = {"%": "%", "months": "months", "patients": "count", "samples": "count"}
        value, high = fact.get("value"), fact.get("value_high")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            q = locate(value, high)
            if q is None:
                unit = unit_map.get(str(fact.get("unit") or ""), "")
                q = Quantity(float(value), float(high if high is not None else value), unit,
                             text=f"{value:g}{'%' if unit == '%' else (' ' + unit if unit else '')}")
            elif high is None and q.is_range and q.unit != "date":
                q = Quantity(q.low, q.low, q.unit, q.qual, q.ci, f"{q.low:g}", q.start, q.end, q.date, q.decimals)
            qual = fact.get("qualifier")
            if qual in ("about", "less than", "more than") and q.qual is None:
                q = Quantity(q.low, q.high, q.unit, {"about": "about", "less than": "lt", "more than": "gt"}[qual],
                             q.ci, q.text, q.start, q.end, q.date, q.decimals)
            out.append(FactQuantity(q, "agent", fact))
        cv = fact.get("comparator_value")
        if isinstance(cv, (int, float)) and not isinstance(cv, bool):
            q = locate(cv) or Quantity(float(cv), float(cv), out[0].q.unit if out else "", text=f"{cv:g}")
            out.append(FactQuantity(q, "comparator", fact))
        sv = fact.get("second_value")
        if isinstance(sv, (int, float)) and not isinstance(sv, bool):
            q = locate(sv) or Quantity(float(sv), float(sv), out[0].q.unit if out else "", text=f"{sv:g}")
            out.append(FactQuantity(q, "second", fact))
        lo, hi = fact.get("ci_low"), fact.get("ci_high")
        if isinstance(lo, (int, float)) and not isinstance(lo, bool):
            q = next((x for x in found if x.ci and abs(x.low - lo) < 1e-9), None)
            if q is None:
                q = Quantity(float(lo), float(hi if isinstance(hi, (int, float)) else lo), out[0].q.unit if out else "",
                             ci=True, text=f"{lo:g} to {hi:g}" if hi is not None else f"{lo:g}")
            out.append(FactQuantity(q, "agent", fact))
        pv = fact.get("p_value")
        if isinstance(pv, (int, float)) and not isinstance(pv, bool):
            q = next((x for x in found if x.unit == "p"), None) or \
                Quantity(float(pv), float(pv), "p", text=f"p = {pv:g}")
            out.append(FactQuantity(q, "agent", fact))
        for text in (fact.get("trial"), fact.get("stage") if fact.kind == "agent" else None):
            if isinstance(text, str):
                for q in quantities(text):
                    if q.unit == "phase":
                        out.append(FactQuantity(q, "agent", fact))
        return out


_KNOWLEDGE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def knowledge(engine) -> Knowledge:
    kb = _KNOWLEDGE.get(engine)
    if kb is None:
        kb = Knowledge(engine)
        _KNOWLEDGE[engine] = kb
    return kb


# --- the claim -----------------------------------------------------------------------------------------------------

@dataclass
class Unit:
    kind: str               # "group", "word", "cue"
    key: object
    weight: float
    word: int               # index of the (first) word
    stems: tuple = ()


@dataclass
class Claim:
    text: str
    folded: str
    words: list[Word]
    stems: set[str]
    mentions: list[tuple[str, int, int, str]]
    groups: set[str]
    quantities: list[Quantity]
    units: list[Unit]
    metrics: set[str]
    number_words: set[int]


def _analyse(kb: Knowledge, text: str) -> Claim:
    words = kb.words(text)
    for w in words:
        if w.stems and not w.cue and not w.groups and w.key not in kb.vocab and w.low.isalpha():
            for prefix in _NEG_PREFIXES:
                rest = kb.tokenizer.stem(w.low[len(prefix):]) if w.low.startswith(prefix) else ""
                if len(w.low) > len(prefix) + 3 and len(rest) >= 4 and rest in kb.vocab:
                    w.key, w.stems, w.prefix_neg = rest, (rest,), True
                    w.canon = kb.canon(rest)
                    break
    mentions = kb.registry.mentions(words)
    qs = quantities(text)
    number_words = set()
    for i, w in enumerate(words):
        if any(q.start <= w.start < q.end or w.start <= q.start < w.end for q in qs if q.unit):
            number_words.add(i)
    for i in sorted(number_words, reverse=True):
        k = i - 1
        while k >= 0 and k >= i - 3 and words[k].low in _QUALIFIER_WORDS:
            number_words.add(k)
            k -= 1
    units: list[Unit] = []
    in_mention: dict[int, int] = {}
    for m_i, (group, first, last, _) in enumerate(mentions):
        stems = [s for i in range(first, last + 1) for s in words[i].stems]
        weight = max((kb.idf(s) for s in stems), default=1.0)
        units.append(Unit("group", group, weight, first, tuple(stems)))
        for i in range(first, last + 1):
            in_mention[i] = m_i
    for i, w in enumerate(words):
        if i in in_mention or not w.stems or i in number_words:
            continue
        if w.neg:
            continue
        if w.cue:
            units.append(Unit("cue", w.cue[0], max(1.0, 0.5 * kb.idf(w.stems[0])), i, w.stems))
            continue
        joined = w.stems[0]
        if joined in kb.vocab or len(w.stems) == 1:
            weight = kb.idf(joined)
        else:
            weight = sum(kb.idf(s) for s in w.stems[1:]) / max(1, len(w.stems) - 1)
        if joined in kb._lex["reporting"] or (joined in kb._lex["light"] and any(q.unit for q in qs)):
            weight *= LIGHT_WEIGHT
        units.append(Unit("word", joined, weight, i, w.stems))
    folded = fold(text)
    metrics = {name for name, pattern in _METRICS.items() if pattern.search(folded)}
    stems = {s for w in words for s in w.stems}
    return Claim(text, folded, words, stems, mentions, {m[0] for m in mentions}, qs, units, metrics, number_words)


def _unit_match(kb: Knowledge, unit: Unit, claim: Claim, sent: Sentence) -> float:
    """How much of a claim unit the sentence holds (0..1)."""
    if unit.kind == "group":
        if unit.key in sent.groups:
            return 1.0
        if unit.key in sent.scope:
            return SCOPE_CREDIT
        return 1.0 if unit.stems and set(unit.stems) <= sent.free_stems else 0.0
    if unit.kind == "cue":
        if set(unit.stems) & sent.stems:
            return 1.0
        if any(w.cue and w.cue[0] == unit.key for w in sent.words):
            return 0.7
        return 0.0
    w = claim.words[unit.word]
    if unit.key in sent.stems or kb.canon(unit.key) in sent.canon:
        return 1.0
    if len(w.stems) > 1:
        pieces = [s for s in w.stems[1:] if not s.isdigit()]
        if pieces:
            got = sum(1 for s in pieces if s in sent.stems) / len(pieces)
            if got:
                return got
    if w.ident and any(sw.ident and _shape(sw.low) == _shape(w.low) for sw in sent.words):
        return 1.0       # another identifier of the same shape: aligned, and a clash to report
    if _prefix_negated(kb, w, sent) is not None:
        return 1.0
    if unit.key in sent.context or kb.canon(unit.key) in sent.context:
        return 0.5
    return 0.0


def _prefix_negated(kb: Knowledge, cw: Word, sent: Sentence) -> int | None:
    """Index of a sentence word that is the claim word with a negative prefix ("irreplaceable" for "replaced")."""
    if len(cw.stems) != 1 or len(cw.key) < 4:
        return None
    return sent.negated.get(cw.key)


def _coverage(kb: Knowledge, claim: Claim, sent: Sentence) -> float:
    total = sum(u.weight for u in claim.units)
    if total <= 0:
        return 0.0
    return sum(u.weight * _unit_match(kb, u, claim, sent) for u in claim.units) / total


def _rank(kb: Knowledge, claim: Claim, limit: int = 8) -> list[tuple[float, Sentence]]:
    scored = [(_coverage(kb, claim, s), s) for s in kb.sentences]
    scored = [x for x in scored if x[0] > 0]
    scored.sort(key=lambda x: (-x[0], x[1].idx))
    return scored[:limit]


# --- verdict helpers -------------------------------------------------------------------------------------------------

def _evidence(sent: Sentence) -> Evidence:
    return Evidence(sent.section, sent.passage, sent.text)


def _sec(section: str) -> str:
    """How a reason names a part of the review: "§4.1", "Table 1", "front matter: edited by"."""
    if section[:1].isdigit():
        return f"§{section}"
    if section.startswith("table-"):
        return f"Table {section[6:]}"
    return section.replace("-", " ")


def _sentence_of(kb: Knowledge, fact: Fact) -> Sentence | None:
    evidence = fold(fact.evidence)
    head = evidence[:60]
    best = None
    for s in kb.sentences:
        if s.section not in fact.sections:
            continue
        text = fold(s.text)
        if head and head in text:
            return s
        if best is None and text and text[:40] in evidence:
            best = s
    return best


def _linked_facts(kb: Knowledge, claim: Claim, used: Iterable[Fact] = ()) -> tuple[Fact, ...]:
    out: list[Fact] = []
    for f in used:
        if f not in out:
            out.append(f)
    scored = []
    for f in kb.facts:
        if f.kind == "term" or f in out:
            continue
        groups = set(kb.registry.fact_groups.get(f.id, ()))
        if not groups & claim.groups:
            continue
        overlap = len(kb.fact_topic[f.id] & claim.stems) + 0.5 * len(kb.fact_evidence_stems[f.id] & claim.stems)
        scored.append((-overlap, f.id, f))
    scored.sort(key=lambda x: (x[0], x[1]))
    out.extend(f for _, _, f in scored[: max(0, 5 - len(out))])
    return tuple(out[:5])


def _verdict(claim: Claim, verdict: str, reason: str, evidence: Iterable[Evidence] = (),
             facts: Iterable[Fact] = ()) -> Verdict:
    ev: list[Evidence] = []
    for e in evidence:
        if e not in ev:
            ev.append(e)
    return Verdict(claim.text, verdict, reason, tuple(ev[:3]), tuple(facts))


def _surface(claim: Claim, group: str, fallback: str) -> str:
    for g, first, last, _ in claim.mentions:
        if g == group:
            return claim.text[claim.words[first].start:claim.words[last].end]
    return fallback


def _quote(sent: Sentence, i: int, j: int) -> str:
    """The sentence's words i..j as printed, cut at the first comma or semicolon after word i."""
    i, j = max(0, i), min(len(sent.words) - 1, j)
    j = max(i, j)
    text = sent.text[sent.words[i].start:sent.words[j].end]
    cut = re.search(r"[,;(]", text[len(sent.words[i].text):])
    if cut:
        text = text[:len(sent.words[i].text) + cut.start()]
    return text.strip()


def _excerpt(sent: Sentence, i: int, j: int, width: int = 200) -> str:
    """The aligned part of a sentence with a little context, with ellipses where it was cut."""
    i, j = max(0, i - 4), min(len(sent.words) - 1, j + 4)
    if not sent.words:
        return sent.text[:width]
    start, end = sent.words[i].start, sent.words[j].end
    text = sent.text[start:end].strip()
    if len(text) > width:
        half = width // 2
        head = text[:half].rsplit(" ", 1)[0]
        tail = text[-half:].split(" ", 1)[-1]
        text = f"{head} … {tail}"
    return ("…" if start > 0 else "") + text + ("…" if end < len(sent.text.rstrip(". ")) else "")


# --- step 1: names the review never mentions ----------------------------------------------------------------------

def _unknown_terms(kb: Knowledge, claim: Claim) -> tuple[list[Word], list[Word]]:
    """(specific names never in the review, identifiers never in the review) - mentions of glossary names excluded."""
    in_mention = {i for _, a, b, _ in claim.mentions for i in range(a, b + 1)}
    names, idents = [], []
    first_word = 0
    for i, w in enumerate(claim.words):
        if i in in_mention or i in claim.number_words or not w.stems or w.low in _MONTHS:
            continue
        known = w.stems[0] in kb.vocab or (len(w.stems) > 1 and all(s in kb.vocab for s in w.stems[1:]))
        if known:
            continue
        raw = w.text
        initial = i == first_word
        if w.ident:
            idents.append(w)
        elif (raw[:1].isupper() and not initial) or (len(raw) >= 2 and raw.isupper()) or _DRUG_LIKE.search(w.low) \
                or (raw[:1].isupper() and any(c.isupper() for c in raw[1:])):
            names.append(w)
    return names, idents


# --- step 2: the article's own front matter ---------------------------------------------------------------------------

_ROLE_PATTERNS = [
    ("editor", re.compile(r"\bedit(?:ed|or|ors|ing)\b")),
    ("reviewer", re.compile(r"\breviewed\b|\breviewers?\b|\bpeer[- ]review")),
    ("correspondence", re.compile(r"\bcorrespond\w*")),
    ("author", re.compile(r"\bauthors?\b|\bwr(?:ote|itten)\b|\bco-?authored\b")),
]
_DATE_ROLES = [("received", re.compile(r"\breceived\b|\bsubmitted\b")), ("accepted", re.compile(r"\baccepted\b")),
               ("published", re.compile(r"\bpublished\b|\bpublication\b"))]
_ARTICLE = re.compile(r"\b(?:article|review|paper|manuscript)\b")


def _person(name: str) -> str:
    return re.sub(r"\s*\(.*$", "", name).strip()


def _name_in(name: str, folded_claim: str) -> bool:
    n = fold(name)
    if n and n in folded_claim:
        return True
    parts = [p for p in re.split(r"[\s.]+", n) if p]
    if len(parts) >= 2:
        return re.search(rf"\b{re.escape(parts[0])}\b.*\b{re.escape(parts[-1])}\b", folded_claim) is not None
    return False


def _front_matter(kb: Knowledge, claim: Claim) -> Verdict | None:
    md = kb.metadata
    if md is None or len(claim.words) > 25:
        return None
    folded = claim.folded
    people = {
        "editor": [_person(n) for n in getattr(md, "editor", ())],
        "reviewer": [_person(n) for n in getattr(md, "reviewers", ())],
        "correspondence": [n for n, _ in getattr(md, "correspondence", ())],
        "author": [a.name for a in getattr(md, "authors", ())],
    }
    section_of = {"editor": "edited-by", "reviewer": "reviewed-by", "correspondence": "correspondence",
                  "author": "authors"}
    role = next((name for name, pattern in _ROLE_PATTERNS if pattern.search(folded)), None)
    named = sorted({p for ps in people.values() for p in ps if _name_in(p, folded)})

    def evidence_for(r: str) -> list[Evidence]:
        return [_evidence(s) for s in kb.sentences if s.section == section_of[r]][:1]

    if role and people.get(role):
        listed = people[role]
        label = {"editor": "edited by", "reviewer": "reviewed by", "correspondence": "corresponding authors are",
                 "author": "authors are"}[role]
        if named:
            inside = [p for p in named if p in listed]
            outside = [p for p in named if p not in listed]
            if inside and not outside:
                return _verdict(claim, "supported", f"the review lists {', '.join(inside)} under "
                                f"{section_of[role].replace('-', ' ')} ({_sec(section_of[role])})",
                                evidence_for(role))
            other = [r for r, ps in people.items() if any(p in ps for p in outside) and r != role]
            extra = f"; {outside[0]} appears under {section_of[other[0]].replace('-', ' ')}" if other else ""
            return _verdict(claim, "contradicted", f"the review is {label} {', '.join(listed)} "
                            f"({_sec(section_of[role])}), not {', '.join(outside)}{extra}",
                            evidence_for(role) + (evidence_for(other[0]) if other else []))
        if role in ("editor", "reviewer") and re.search(r"\bby\s+(?:dr\.?\s+)?[A-Z][a-z]+", claim.text):
            return _verdict(claim, "contradicted", f"the review is {label} {', '.join(listed)} "
                            f"({_sec(section_of[role])})", evidence_for(role))
    if _ARTICLE.search(folded) or claim.folded.startswith(("it was", "this was")):
        dates = [q for q in claim.quantities if q.unit in ("date", "year")]
        for name, pattern in _DATE_ROLES:
            if not pattern.search(folded) or not dates:
                continue
            printed = getattr(md, name, "") or ""
            review_dates = [q for q in quantities(printed) if q.unit in ("date", "year")]
            if not review_dates:
                continue
            rd = review_dates[0]
            c = dates[0]
            if c.unit == "year":
                ok = rd.date and rd.date[0] == int(c.low)
            else:
                ok = bool(_agree(c, rd))
            ev = [_evidence(s) for s in kb.sentences if s.section == "dates" and name[:5] in s.text.lower()][:1]
            if ok:
                return _verdict(claim, "supported", f"the review was {name} {printed} ({_sec('dates')})", ev)
            return _verdict(claim, "contradicted", f"the review was {name} {printed} ({_sec('dates')}), "
                            f"not {_fmt(c)}", ev)
    return None


# --- step 3: "X is another name for Y" ------------------------------------------------------------------------------

_ALIAS = re.compile(
    r"^(?P<x>.+?)\s+(?:is|was|are)\s+(?:also\s+)?(?:(?:known|referred to|abbreviated|designated|marketed)\s+as|called|"
    r"named|termed|another name for|an(?:other)? (?:alias|name|abbreviation|synonym) (?:for|of)|a synonym (?:for|of)|"
    r"short for|the same (?:drug |agent |compound |molecule |thing )?as|"
    r"the (?:\w+ )?(?:code|name)(?: name)? (?:of|for))\s+(?P<y>.+?)[.!?]?$", re.I)
_IDENTITY = re.compile(r"^(?P<x>.+?)\s+(?:is|was)\s+(?!an?\s|the\s)(?P<y>.+?)[.!?]?$", re.I)


def _alias(kb: Knowledge, claim: Claim) -> Verdict | None:
    if len(claim.text) > 300:
        return None
    m = _ALIAS.match(claim.text.strip())
    identity = m is None
    if identity:
        m = _IDENTITY.match(claim.text.strip())     # "SYD985 is trastuzumab duocarmazine": two names, nothing else
        if not m:
            return None
    x_span, y_span = m.span("x"), m.span("y")

    def groups_in(span) -> list[tuple[str, int, int, str]]:
        return [mm for mm in claim.mentions
                if claim.words[mm[1]].start >= span[0] and claim.words[mm[2]].end <= span[1]]

    xs, ys = groups_in(x_span), groups_in(y_span)
    if len(xs) != 1 or len(ys) != 1:
        return None
    (gx, xa, xb, xname), (gy, ya, yb, yname) = xs[0], ys[0]
    x_text, y_text = claim.text[claim.words[xa].start:claim.words[xb].end], \
        claim.text[claim.words[ya].start:claim.words[yb].end]
    # each side is a name and little else
    rest = [w for i, w in enumerate(claim.words)
            if (x_span[0] <= w.start < x_span[1] or y_span[0] <= w.start < y_span[1])
            and w.stems and not (xa <= i <= xb or ya <= i <= yb)]
    if len(rest) > (0 if identity else 1):
        return None
    if identity and not (kb.registry.kinds.get(gx, set()) & kb.registry.kinds.get(gy, set()) - {"term"}) \
            and gx != gy:
        return None
    ev = [_evidence(s) for s in kb.sentences if gx in s.groups][:1]
    noun = "drug" if "agent" in kb.registry.kinds.get(gx, set()) | kb.registry.kinds.get(gy, set()) else "entry"
    if gx == gy:
        others = [n for n in kb.registry.members(gx) if fold(n) not in (fold(x_text), fold(y_text))]
        also = f"; also written {', '.join(others[:4])}" if others else ""
        return _verdict(claim, "supported", f"{x_text} and {y_text} name the same {noun} in the review and its "
                        f"glossary{also}", ev)
    dx, dy = kb.registry.display[gx], kb.registry.display[gy]
    if fold(x_text) == fold(dx) and fold(y_text) == fold(dy):
        return _verdict(claim, "contradicted", f"{x_text} and {y_text} are different {noun}s in the review", ev)
    if fold(x_text) == fold(dx):
        (x_text, dx), (y_text, dy) = (y_text, dy), (x_text, dx)
        ev = [_evidence(s) for s in kb.sentences if gy in s.groups][:1]
    return _verdict(claim, "contradicted", f"in the review {x_text} is {dx}, not {dy}", ev)


# --- step 4: Table 1 polarity --------------------------------------------------------------------------------------

_TABLE_WORDS = """resistance resistant trastuzumab correlated correlation correlates associated association related
linked link positive positively negative negatively inverse inversely direct directly primary secondary acquired
intrinsic innate onset de novo both biomarker marker predictor predicts predicting predict listed table potential
drug""".split()
_POS = re.compile(r"(?<![\w-])positive(?:ly)?\b(?!\s*-)|(?<![\w-])direct(?:ly)? (?:correlat|associat)")
_NEG = re.compile(r"(?<![\w-])negative(?:ly)?\b(?!\s*-)|\binverse(?:ly)?\b")
_PRIMARY = re.compile(r"\b(?:primary|intrinsic|innate|de novo|onset)\b")
_SECONDARY = re.compile(r"\b(?:secondary|acquired)\b")


def _table_polarity(kb: Knowledge, claim: Claim) -> Verdict | None:
    rows = []
    for f in kb.facts:
        if f.kind == "biomarker" and f.get("in_table"):
            groups = set(kb.registry.fact_groups.get(f.id, ()))
            if groups & claim.groups:
                rows.append(f)
    if len(rows) != 1:
        return None
    fact = rows[0]
    folded = claim.folded
    if not re.search(r"resist", folded):
        return None
    # the claim must be about the table's relation, not a mechanism that merely names the biomarker
    relation = {kb.tokenizer.stem(w) for w in _TABLE_WORDS}
    other = [u for u in claim.units if u.kind != "group" and not (set(u.stems) & relation)]
    other += [u for u in claim.units if u.kind == "group" and u.key not in kb.registry.fact_groups[fact.id]
              and kb.specific(u.key)]
    if len(other) > 2:
        return None
    said_corr = None
    if re.search(r"correlat|associat|relat|link|(?:positive|negative)\w*\s+(?:predictor|marker)", folded):
        if _POS.search(folded) and not _NEG.search(folded):
            said_corr = "positive"
        elif _NEG.search(folded) and not _POS.search(folded):
            said_corr = "negative"
    primary, secondary = _PRIMARY.search(folded), _SECONDARY.search(folded)
    said_type = "primary and secondary" if primary and secondary else "primary" if primary else \
        "secondary" if secondary else None
    if said_corr is None and said_type is None:
        return None
    negated = any(w.neg for w in claim.words)
    table_corr, table_type = fact.get("correlation"), fact.get("resistance")
    name = _surface(claim, kb.registry.fact_groups[fact.id][0], fact.entity)
    for g in kb.registry.fact_groups[fact.id]:
        if g in claim.groups:
            name = _surface(claim, g, fact.entity)
            break
    clashes, matches = [], []
    if said_corr:
        if (said_corr == table_corr) != negated:
            matches.append(f"a {table_corr} correlation with trastuzumab resistance")
        else:
            clashes.append(f"a {table_corr} correlation with trastuzumab resistance, not {said_corr}")
    if said_type and table_type:
        ok = said_type == table_type or (table_type == "primary and secondary" and said_type != "primary and secondary"
                                         and not re.search(r"\bonly\b", folded))
        if ok != negated:
            matches.append(f"{table_type} resistance")
        else:
            clashes.append(f"{table_type} resistance, not {said_type}")
    row_ev = []
    for s in kb.sentences:
        if s.section == "table-1" and set(kb.registry.fact_groups[fact.id]) & s.groups:
            row_ev.append(_evidence(s))
            break
    body = _sentence_of(kb, next((f for f in kb.facts if f.kind == "biomarker" and not f.get("in_table")
                                  and f.entity == fact.entity and (f.get("resistance") or f.get("correlation"))),
                                 fact))
    if body is not None and body.section != "table-1":
        row_ev.append(_evidence(body))
    if clashes:
        return _verdict(claim, "contradicted", f"Table 1 lists {name} with {'; '.join(clashes)}", row_ev, (fact,))
    return _verdict(claim, "supported", f"Table 1 lists {name} with {' and '.join(matches)}", row_ev, (fact,))


# --- step 5: numbers -----------------------------------------------------------------------------------------------

def _typed(claim: Claim) -> list[Quantity]:
    return [q for q in claim.quantities if q.unit and q.unit != "grade"]


def _fact_metric(fact: Fact) -> str | None:
    metric = str(fact.get("metric") or "").lower()
    if metric in _FACT_METRIC:
        return _FACT_METRIC[metric]
    text = fold(f"{fact.summary}")
    for name, pattern in _METRICS.items():
        if pattern.search(text):
            return name
    return None


def _topic(kb: Knowledge, claim: Claim, fact: Fact) -> float:
    """Share of the claim's context (what it says beyond the fact's own entity) that the fact's summary covers."""
    own = set(kb.registry.fact_groups.get(fact.id, ()))
    names = kb.fact_own_stems[fact.id]
    topic = kb.fact_topic[fact.id]
    total = got = 0.0
    for u in claim.units:
        if u.kind == "group":
            if u.key in own:
                continue
            total += u.weight
            if u.key in kb.fact_topic_groups[fact.id] or (u.stems and set(u.stems) <= topic):
                got += u.weight
            continue
        if u.kind == "word" and (u.key in names or u.key in kb._lex["light"]):
            continue
        total += u.weight
        if u.key in topic or kb.canon(u.key) in kb.fact_topic_canon[fact.id] or \
                (u.kind == "cue" and set(u.stems) & topic):
            got += u.weight
    return got / total if total else 1.0


def _fact_mentioned(kb: Knowledge, claim: Claim, fact: Fact) -> bool:
    if set(kb.registry.fact_groups.get(fact.id, ())) & claim.groups:
        return True
    return any(stems and stems <= claim.stems for stems in kb.fact_names[fact.id])


def _trials(text: str) -> set[str]:
    return {m.group(0).lower().replace(" ", "-") for m in re.finditer(r"\b[A-Z][A-Za-z]+-[A-Za-z]*\d+[a-z]?\b", text)
            if not re.match(r"(?i)(mir|ds|t|s|il|ki|igf|cdk)-", m.group(0))}


def _attribute(claim: Claim, q: Quantity, agent_groups: set[str], comparator_groups: set[str]) -> str | None:
    """Which arm a claim number belongs to: "agent", "comparator" or None (cannot tell)."""
    if not comparator_groups or not (claim.groups & comparator_groups) or not (claim.groups & agent_groups):
        return None
    after = claim.text[q.end:q.end + 60].lower()
    m = re.match(r"^\s*(?:months?|%|percent)?\s*(?:with|for|in|on|among|using|after|of)\s+(?:the\s+)?", after)
    candidates = []
    for g, first, last, _ in claim.mentions:
        if g in agent_groups or g in comparator_groups:
            start = claim.words[first].start
            candidates.append((g, start))
    if m:
        pos = q.end + m.end()
        for g, start in candidates:
            if abs(start - pos) <= 2 and not re.match(r"^[\w-]+(?:\s+[\w-]+)?\s+(?:trial|study|studies)\b",
                                                      claim.text[start:start + 40].lower()):
                return "agent" if g in agent_groups else "comparator"
    before = [(q.start - start, g) for g, start in candidates if start < q.start]
    if before:
        g = min(before)[1]
        return "agent" if g in agent_groups else "comparator"
    return None


def _comparator_groups(kb: Knowledge, fact: Fact) -> set[str]:
    """Names that single out the comparator arm (not those both arms share, such as chemotherapy)."""
    if not fact.get("comparator"):
        return set()
    comp = {g for g, *_ in kb.registry.mentions(kb.words(str(fact.get("comparator"))))}
    for text in (fact.get("population"), fact.summary):
        parts = re.split(r"\bvs\.?|\bversus\b|\bcompared (?:with|to)\b", str(text or ""), maxsplit=1)
        if len(parts) == 2:
            left = {g for g, *_ in kb.registry.mentions(kb.words(parts[0]))}
            comp -= left
            break
    return comp


@dataclass
class NumberResult:
    verdict: str
    reason: str
    facts: list[Fact]
    sentences: list[Sentence]


def _numbers_from_facts(kb: Knowledge, claim: Claim, typed: list[Quantity]) -> NumberResult | None:
    """Compare the claim's figures with the curated figures of the entity and metric it is about."""
    claim_trials = _trials(claim.text)
    focus = {g for g in claim.groups if kb.specific(g)}
    only_phases = all(q.unit == "phase" for q in typed)
    eligible: list[tuple[float, Fact]] = []
    for fact in kb.facts:
        if fact.kind not in ("outcome", "statistic", "biomarker", "agent"):
            continue
        fact_trials = _trials(str(fact.get("trial") or ""))
        if claim_trials and fact_trials and not claim_trials & fact_trials:
            continue        # another trial of the same drug
        if not _fact_mentioned(kb, claim, fact) and not (claim_trials & fact_trials):
            continue
        groups = set(kb.registry.fact_groups.get(fact.id, ()))
        if focus and not groups & focus and not claim_trials & fact_trials and any(kb.specific(g) for g in groups):
            continue        # the claim singles out one drug or gene; a fact about another is not about the claim
        topic = _topic(kb, claim, fact)
        if only_phases:
            if not any(fq.q.unit == "phase" for fq in kb.fact_quantities[fact.id]):
                continue
        elif claim.metrics:
            family = _fact_metric(fact)
            if family not in claim.metrics and not (family == "dor" and "response" in claim.metrics
                                                    and any(q.unit == "months" for q in typed)):
                continue
        elif topic < FACT_TOPIC:
            continue
        eligible.append((topic, fact))
    if not eligible:
        return None
    eligible.sort(key=lambda x: -x[0])
    supported: dict[int, tuple[FactQuantity, Fact]] = {}
    topic_of = {f.id: t for t, f in eligible}
    clashes: dict[int, list[tuple[float, FactQuantity, Quantity]]] = {}
    swapped: dict[int, FactQuantity] = {}
    for qi, cq in enumerate(typed):
        for topic, fact in eligible:
            agent_groups = set(kb.registry.fact_groups.get(fact.id, ()))
            comp_groups = _comparator_groups(kb, fact)
            agent_groups -= comp_groups
            role = _attribute(claim, cq, agent_groups, comp_groups)
            for fq in kb.fact_quantities[fact.id]:
                ok = _agree(cq, fq.q)
                if ok is None:
                    continue
                if role and fq.role in ("agent", "comparator") and fq.role != role:
                    if ok:
                        swapped[qi] = fq
                    continue
                if fq.role == "second" and not ok:
                    continue
                if ok:
                    supported.setdefault(qi, (fq, fact))
                else:
                    clashes.setdefault(qi, []).append((topic, fq, cq))
    for qi in list(supported):
        if qi in clashes:
            best_clash = max(t for t, _, _ in clashes[qi])
            if topic_of[supported[qi][1].id] < best_clash - 0.1:
                del supported[qi]
    if supported:
        around = [s_ for fq, f in supported.values() for s_ in [_sentence_of(kb, f)] if s_ is not None]
        for qi, cq in enumerate(typed):
            if qi in supported:
                continue
            for s_ in around:
                if any(_agree(cq, q) for q in s_.quantities):
                    fq, f = next(iter(supported.values()))
                    supported[qi] = (fq, f)
                    clashes.pop(qi, None)
                    break
    facts_used: list[Fact] = []
    sents: list[Sentence] = []
    for qi, cq in enumerate(typed):
        if qi in supported:
            continue
        if qi in clashes:
            topic, fq, _ = max(clashes[qi], key=lambda x: (x[0], -kb.fact_order[x[1].fact.id]))
            fact = fq.fact
            phrase = _fact_phrase(kb, claim, fact, fq)
            verb = "says" if phrase.startswith('"') else "reports"
            reason = f"the review {verb} {phrase} ({_sec(fact.sections[0])}), not {_fmt(cq)}"
            if qi in swapped:
                reason += f"; {_fmt(cq)} is the figure of the comparator arm"
            s = _sentence_of(kb, fact)
            return NumberResult("contradicted", reason, [fact], [s] if s else [])
        if qi in swapped:
            fq = swapped[qi]
            s = _sentence_of(kb, fq.fact)
            return NumberResult("contradicted", f"the review gives {_fmt(cq)} for the comparator arm, not for "
                                f"{fq.fact.entity} ({fq.fact.summary}) ({_sec(fq.fact.sections[0])})",
                                [fq.fact], [s] if s else [])
    if supported and len(supported) == len(typed):
        for qi, (fq, fact) in sorted(supported.items()):
            if fact not in facts_used:
                facts_used.append(fact)
                s = _sentence_of(kb, fact)
                if s and s not in sents:
                    sents.append(s)
        phrases = list(dict.fromkeys(_fact_phrase(kb, claim, f, fq) for fq, f in
                                     (supported[qi] for qi in sorted(supported))))
        verb = "says" if phrases[0].startswith('"') else "reports"
        reason = f"the review {verb} {'; '.join(phrases)} ({_sec(facts_used[0].sections[0])})"
        return NumberResult("supported", reason, facts_used, sents)
    # Facts of the right entity and metric exist but give no comparable number.
    for topic, fact in eligible:
        if fact.get("value") is None and re.search(r"\bno\b|\bnot\b", fold(fact.evidence)) and claim.metrics \
                and _fact_metric(fact) in claim.metrics:
            s = _sentence_of(kb, fact)
            other = _where_else(kb, claim, typed, exclude=fact)
            reason = f"the review says for {fact.entity}: \"{fact.evidence}\" ({_sec(fact.sections[0])})"
            if other:
                reason += f"; {other}"
            return NumberResult("contradicted", reason, [fact], [s] if s else [])
    if supported:
        return None
    return NumberResult("not_found", "", [f for _, f in eligible[:2]], [])


def _fact_phrase(kb: Knowledge, claim: Claim, fact: Fact, fq: FactQuantity) -> str:
    """ "an ORR of 19.0% for epertinib" / "neutropenia in 6% (SYD985: ...)" - the fact's figure, said plainly."""
    group = next((g for g in kb.registry.fact_groups.get(fact.id, ()) if g in claim.groups), None)
    who = _surface(claim, group, fact.entity) if group else fact.entity
    if fq.q.unit == "phase":
        return f"{who} at the {_fmt(fq.q)} stage"
    phrase = _METRIC_PHRASE.get(str(fact.get("metric") or ""))
    if phrase:
        if fact.get("qualifier") == "median":
            phrase = {"a": "a median", "an": "a median"}[phrase.split()[0]] + " " + phrase.split(" ", 1)[1]
        if fq.role == "comparator":
            return f"{phrase} of {_fmt(fq.q)} with {fact.get('comparator')}"
        if fq.q.ci:
            return f"{phrase} with a 95% CI of {_fmt(fq.q)} for {who}"
        return f"{phrase} of {_fmt(fq.q)} for {who}"
    if fold(_fmt(fq.q)) in fold(fact.summary):
        return f"\"{fact.summary}\""
    return f"{_fmt(fq.q)} (\"{fact.summary}\")"


def _where_else(kb: Knowledge, claim: Claim, typed: list[Quantity], exclude: Fact | None = None) -> str:
    """Where the claim's number does appear in the review (for another entity or metric), said plainly."""
    for cq in typed:
        for fact in kb.facts:
            if fact is exclude:
                continue
            for fq in kb.fact_quantities[fact.id]:
                if fq.role == "agent" and not cq.is_range and not fq.q.is_range and not fq.q.qual and not cq.qual \
                        and (cq.unit == "%" or cq.decimals) and _agree(cq, fq.q):
                    return f"the {_fmt(fq.q)} it reports is for \"{fact.summary}\" ({_sec(fact.sections[0])})"
    return ""


def _near_metric(claim: Claim, text: str, q: Quantity) -> bool:
    """The number is printed next to the metric the claim is about ("median PFS of 16.4 months")."""
    if not claim.metrics:
        return True
    low = _lower(_prepare(text))
    for name in claim.metrics:
        for m in _METRICS[name].finditer(low):
            if -80 <= q.start - m.end() <= 60 or 0 <= m.start() - q.end <= 40:
                return True
    return False


def _around(sent: Sentence, q: Quantity, width: int = 60) -> str:
    """The words around a number of the sentence ("derived from exon 16 skipping in ERBB2")."""
    start = max(0, q.start - width)
    end = min(len(sent.text), q.end + width)
    while start > 0 and not sent.text[start - 1].isspace():
        start += 1
    while end < len(sent.text) and not sent.text[end].isspace():
        end -= 1
    text = sent.text[start:end].strip().rstrip(",;")
    return ("…" if start > 0 else "") + text + ("…" if end < len(sent.text) - 1 else "")


def _numbers_from_sentences(kb: Knowledge, claim: Claim, typed: list[Quantity],
                            ranked: list[tuple[float, Sentence]], may_clash: bool = True) -> NumberResult | None:
    focus = {g for g in claim.groups if kb.specific(g)}
    candidates = []
    for cov, s in ranked:
        if cov < FOUND * 0.8:
            continue
        if focus and not (focus & s.scope):
            continue
        if claim.metrics and not any(_METRICS[m].search(fold(s.text)) for m in claim.metrics):
            continue
        candidates.append((cov, s))
    best_clash = None
    for cov, s in candidates:
        comparable = [(cq, eq, _agree(cq, eq)) for cq in typed if _near_metric(claim, claim.text, cq)
                      for eq in s.quantities if _near_metric(claim, s.text, eq)]
        comparable = [x for x in comparable if x[2] is not None]
        if not comparable:
            continue
        matched = {id(cq) for cq, eq, ok in comparable if ok}
        if matched and cov >= FOUND:
            if len(matched) == len({id(cq) for cq, _, _ in comparable}):
                eq = next(eq for cq, eq, ok in comparable if ok)
                return NumberResult("supported", f"the review says \"{_around(s, eq)}\" ({_sec(s.section)})", [], [s])
        if best_clash is None and may_clash and cov >= max(NUMBER_CLASH, FOUND):
            wrong = next(((cq, eq) for cq, eq, ok in comparable if not ok and id(cq) not in matched
                          and not any(_agree(cq, other) for other in s.quantities)), None)
            if wrong:
                best_clash = (cov, s, wrong)
    if best_clash:
        cov, s, (cq, eq) = best_clash
        return NumberResult("contradicted", f"the review says \"{_around(s, eq)}\" ({_sec(s.section)}), "
                            f"not {_fmt(cq)}", [], [s])
    return None


# --- step 6: clashes over the best sentence --------------------------------------------------------------------------

def _anchor_matches(claim: Claim, cw_i: int, sent: Sentence) -> list[tuple[int, int]]:
    """Positions in the sentence that match claim word cw_i, with a quality (3 same word, 2 same name, 1 partial)."""
    cw = claim.words[cw_i]
    out = []
    for j, sw in enumerate(sent.words):
        if not sw.stems:
            continue
        if cw.key == sw.key:
            out.append((j, 3))
        elif cw.groups and cw.groups & sw.groups:
            out.append((j, 2))
        elif cw.stems and sw.stems and len(cw.stems) == 1 and len(sw.stems) == 1 and \
                cw.canon and cw.canon == sw.canon:
            out.append((j, 1))
        elif any(len(s) >= 3 and not s.isdigit() for s in set(cw.stems) & set(sw.stems)):
            out.append((j, 1))
    return out


def _window(claim: Claim, sent: Sentence, anchors: list[int]) -> tuple[int, int, dict[int, int]]:
    """The span of the sentence that lines up with the claim: every claim anchor it holds, in the claim's order
    where possible, as compact as possible; returns (first, last, anchor -> chosen position)."""
    hits = []
    for a in anchors:
        for j, quality in _anchor_matches(claim, a, sent):
            hits.append((j, a, quality))
    if not hits:
        return 0, len(sent.words) - 1, {}
    hits.sort()
    need = {a for _, a, _ in hits}
    windows = []
    counts: dict[int, int] = {}
    left = have = 0
    for right in range(len(hits)):
        a = hits[right][1]
        counts[a] = counts.get(a, 0) + 1
        if counts[a] == 1:
            have += 1
        while have == len(need):
            windows.append((hits[left][0], hits[right][0]))
            la = hits[left][1]
            counts[la] -= 1
            if counts[la] == 0:
                have -= 1
            left += 1
    best = None
    for lo, hi in dict.fromkeys(windows):
        chosen: dict[int, int] = {}
        for j, a, quality in sorted(hits, key=lambda h: (-h[2], h[0])):
            if lo <= j <= hi and a not in chosen:
                chosen[a] = j
        order = sorted(chosen)
        inversions = sum(1 for x in range(len(order)) for y in range(x + 1, len(order))
                         if chosen[order[x]] > chosen[order[y]])
        score = (hi - lo) + 5 * inversions
        if best is None or score < best[0]:
            best = (score, lo, hi, chosen)
    _, lo, hi, chosen = best
    # each anchor at its best-matching position; among equals, the one that keeps the claim's order and stays near
    # its neighbours. A word the claim repeats takes the review's occurrences in turn, even past the span.
    order = sorted(chosen)
    seen_keys: dict[str, list[int]] = {}
    last = -1
    for idx, a in enumerate(order):
        key = claim.words[a].key
        taken = seen_keys.setdefault(key, [])
        options = [(j, q) for j, b, q in hits if b == a and (lo <= j <= hi or (taken and j > taken[-1]))]
        top = max((q for _, q in options), default=0)
        options = [j for j, q in options if q == top and j not in taken]
        if taken and options:
            later = [j for j in options if j > taken[-1]]
            chosen[a] = later[0] if later else options[0]
        elif len(options) >= 2:
            later = [j for j in options if j > last]
            neighbours = [chosen[order[x]] for x in (idx - 1, idx + 1) if 0 <= x < len(order)]
            pool = later or options
            chosen[a] = min(pool, key=lambda j: (sum(abs(j - n) for n in neighbours), j)) if neighbours else pool[0]
        elif options:
            chosen[a] = options[0]
        taken.append(chosen[a])
        last = max(last, chosen[a])
        hi = max(hi, chosen[a])
    start = lo
    steps = 0
    while start > 0 and steps < 3 and not sent.words[start].boundary:
        prev = sent.words[start - 1]
        if prev.cue or prev.neg or not prev.stems or prev.low in ("of", "in"):
            start -= 1
            steps += 1
        else:
            break
    return start, hi, chosen


def _claim_anchors(claim: Claim) -> list[int]:
    return [i for i, w in enumerate(claim.words) if w.stems and not w.cue and not w.neg and i not in claim.number_words]


def _cue_object(kb: Knowledge, claim: Claim, i: int, anchors: list[int]) -> tuple[int | None, str]:
    """The claim word a cue is about: "EPHA5 deficiency" -> EPHA5, "reduces Notch activity" -> Notch."""
    w = claim.words[i]
    if w.low.replace("-", "") in kb._lex["nominal"] and (i - 1) in anchors:
        return i - 1, "left"
    right = [a for a in anchors if i < a <= i + 5]
    if right:
        return right[0], "right"
    left = [a for a in anchors if i - 4 <= a < i]
    if left:
        return left[-1], "left"
    return None, ""


def _scan_cue(kb: Knowledge, sent: Sentence, j: int, dim: str, lo: int, hi: int,
              comparative: bool = False) -> int | None:
    """The cue of the dimension that governs sentence word j: a modifier right after it ("EPHA5 deficiency"),
    a comparative anywhere in the aligned span (for a comparative claim), the nearest cue before it in the clause,
    or a predicate after it ("... is inactivated", "could be restored")."""
    words = sent.words
    for k in (j + 1, j + 2):
        if k < len(words) and words[k].cue and words[k].cue[0] == dim and \
                words[k].low.replace("-", "") in kb._lex["nominal"]:
            return k
        if k < len(words) and words[k].low not in _HEAD_NOUNS:
            break
    if comparative:
        found = [k for k in range(max(0, lo - 2), min(len(words), hi + 4))
                 if words[k].cue and words[k].cue[0] == dim and words[k].key in kb._lex["comparatives"]]
        if found:
            return min(found, key=lambda k: (abs(k - j), k))
    k = j - 1
    steps = 0
    while k >= max(lo - 3, 0) and steps < 9:
        w = words[k]
        if w.cue and w.cue[0] == dim:
            return k
        if words[k + 1].boundary:
            break
        k -= 1
        steps += 1
    k = j + 1
    seen_be = False
    while k < len(words) and k <= j + 6:
        w = words[k]
        if w.boundary:
            break
        if w.low in _BE:
            seen_be = True
        elif w.cue and w.cue[0] == dim and seen_be:
            return k
        k += 1
    return None


def _negations(words: list[Word], lo: int, hi: int, anchors_at: set[int]) -> list[int]:
    out = []
    for k in range(lo, hi + 1):
        w = words[k]
        if not w.neg:
            continue
        for n in range(k + 1, min(len(words), k + 5)):
            if words[n].boundary:
                break
            if n in anchors_at or words[n].cue:
                out.append(k)
                break
    return out


_COMPARE = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?|relative to|over)\b")


def _reference_group(words: list[Word], text: str, groups: set[str]) -> str | None:
    """The entity a comparison is made against: the first of the groups named after "than/compared with/versus"."""
    prepared = _prepare(text).lower()
    for m in _COMPARE.finditer(prepared):
        after = [w for w in words if w.start >= m.end()][:6]
        for w in after:
            if w.groups & groups:
                return sorted(w.groups & groups)[0]
    return None


_SUPERLATIVE = [   # (pattern, the group holding the subject)
    (re.compile(r"((?:[\w-]+ )?[\w-]+)\s+(?:is|was|are|were|remains|remained|has become|became)\s+the\s+"
                r"(most|least)\s+([\w-]+)"), 1),
    (re.compile(r"((?:[\w-]+ )?[\w-]+)\s+(?:has |have |had )?(?:overtaken|surpassed|replaced|become)\s+"
                r"(?:[\w-]+\s+){0,4}?as\s+the\s+(most|least)\s+([\w-]+)"), 1),
    (re.compile(r"\b(most|least)\s+([\w-]+)\s+(?:[\w()-]+\s+){0,6}?(?:is|was|are|were)\s+([^.;(]+)"), 3),
]


def _superlative(kb: Knowledge, text: str) -> tuple[set[str], str, str, str, str] | None:
    """(subject stems, most/least, adjective stem, subject as printed, adjective) of "X was the most common ...";
    the subject may be a list ("the most common were fatigue, dry eyes and ...")."""
    low = _lower(_prepare(text))
    for pattern, subject in _SUPERLATIVE:
        m = pattern.search(low)
        if m:
            degree, adj = (m.group(2), m.group(3)) if subject == 1 else (m.group(1), m.group(2))
            start, end = m.span(subject)
            printed = re.sub(r"^(?:and|or|the|a|an|but)\s+", "", text[start:end].strip(), flags=re.I)
            return set(kb.tokenizer.tokens(printed)), degree, kb.tokenizer.stem(adj), printed, adj
    return None


def _superlative_clash(kb: Knowledge, claim: Claim) -> tuple[str, Sentence] | None:
    """A claim that names the most (least) X against the sentence of the review that names it."""
    cm = _superlative(kb, claim.text)
    if not cm or not cm[0]:
        return None
    # align without the subject: the review names another one in its place
    units = [u for u in claim.units if not (set(u.stems) & cm[0]) and not (u.kind == "cue" and u.key == "frequency")]
    if not units:
        return None
    reduced = Claim(claim.text, claim.folded, claim.words, claim.stems, claim.mentions, claim.groups,
                    claim.quantities, units, claim.metrics, claim.number_words)
    for cov, sent in _rank(kb, reduced, 5):
        if cov < FOUND:
            break
        sm = _superlative(kb, sent.text)
        if not sm or not sm[0] or sm[2] != cm[2]:
            continue
        same_subject = cm[0] <= sm[0] or sm[0] <= cm[0]
        if same_subject and sm[1] != cm[1]:
            return (f"the review says {sm[3]} is the {sm[1]} {cm[4]} ({_sec(sent.section)}), not the {cm[1]}", sent)
        if same_subject or sm[1] != cm[1]:
            return None
        return (f"the review names {sm[3]} as the {sm[1]} {cm[4]} ({_sec(sent.section)}), not {cm[3]}", sent)
    return None


def _clashes(kb: Knowledge, claim: Claim, sent: Sentence) -> list[str]:
    """Reasons why the sentence says the opposite of the claim (empty when it agrees)."""
    reasons: list[str] = []
    # identifiers of the same shape: FGFR1 vs FGFR2, miR-155 vs miR-21, IgG4 vs IgG1, 17q23 vs chr17q12
    sent_idents = {sw.low: sw for sw in sent.words if sw.ident}
    claim_idents = {w.low for w in claim.words if w.ident}
    claim_shapes = {}
    for w in claim.words:
        if w.ident and w.low not in sent_idents and not (w.groups & sent.groups) and \
                not any(w.key == sw.key for sw in sent.words):
            claim_shapes.setdefault(_shape(w.low), []).append(w)
    for shape, ws in claim_shapes.items():
        others = [sw for low, sw in sent_idents.items() if _shape(low) == shape and low not in claim_idents]
        if others:
            reasons.append(f"the review says {', '.join(o.text for o in others)}, not {', '.join(w.text for w in ws)}"
                           f" ({_sec(sent.section)})")
    # an identifier the review pairs with another entity: "ECD2, which is the pertuzumab domain"
    present: dict[str, set[str]] = {}
    for w in claim.words:
        if w.ident and w.low in sent_idents:
            present.setdefault(_shape(w.low), set()).add(w.low)
    agents = [g for g in sorted(claim.groups & sent.groups) if kb.specific(g)]
    if len(agents) == 1 and not reasons:
        where = [j for j, sw in enumerate(sent.words) if agents[0] in sw.groups]
        for shape, mine in present.items():
            same = [j for j, sw in enumerate(sent.words) if sw.ident and _shape(sw.low) == shape]
            if len({sent.words[j].low for j in same}) < 2 or not where:
                continue
            ranked = sorted(same, key=lambda j: (min(abs(j - p) for p in where), j))
            nearest = list(dict.fromkeys(sent.words[j].low for j in ranked))[:len(mine)]
            if set(nearest) != mine:
                paired = [sent.words[j].text for j in ranked if sent.words[j].low in nearest][:len(mine)]
                reasons.append(f"the review pairs {kb.registry.display[agents[0]]} with {', '.join(paired)}, not "
                               f"{', '.join(w.text for w in claim.words if w.low in mine)} ({_sec(sent.section)})")
    anchors = _claim_anchors(claim)
    lo, hi, chosen = _window(claim, sent, anchors)
    anchors_at = set(chosen.values())
    flips: list[str] = []
    # direction, frequency and quality words bound to the same object
    for i, w in enumerate(claim.words):
        if not w.cue:
            continue
        obj, side = _cue_object(kb, claim, i, anchors)
        if obj is None or obj not in chosen:
            continue
        j = chosen[obj]
        k = _scan_cue(kb, sent, j, w.cue[0], lo, hi, w.key in kb._lex["comparatives"])
        if k is None:
            if w.key in kb._lex["modifiers"] and w.cue[1] < 0 and w.cue[0] == "magnitude" and \
                    any(kb.specific(g) for g in claim.words[obj].groups):
                phrase = f"{w.text} {claim.words[obj].text}" if obj > i else f"{claim.words[obj].text} {w.text}"
                flips.append(f"the review speaks of {sent.words[j].text} itself, not of \"{phrase}\"")
            continue
        if sent.words[k].cue[1] != w.cue[1]:
            flips.append(f"the review says \"{_quote(sent, min(k, j), max(k, j))}\", not \"{w.text}\"")
    # negation
    claim_anchor_set = set(anchors)
    claim_negs = _negations(claim.words, 0, len(claim.words) - 1, claim_anchor_set)
    claim_negs += [i for i in anchors if claim.words[i].prefix_neg]
    sent_negs = _negations(sent.words, lo, hi, anchors_at)
    for a in anchors:
        k = _prefix_negated(kb, claim.words[a], sent)
        if k is not None and a not in chosen:
            sent_negs.append(k)
    if len(claim_negs) % 2 != len(sent_negs) % 2:
        if sent_negs:
            k = sent_negs[0]
            flips.append(f"the review says \"{_quote(sent, k, k + 6)}\"")
        else:
            k = claim_negs[0]
            cw = claim.words[k]
            j = chosen.get(k)
            if cw.prefix_neg and j is not None:
                flips.append(f"the review says \"{_quote(sent, max(lo, j - 2), j + 2)}\", not \"{cw.text}\"")
            else:
                flips.append(f"the review states it without \"{cw.text}\"")
    # a comparison made the other way round
    shared = claim.groups & sent.groups
    if len(shared) >= 2:
        rc = _reference_group(claim.words, claim.text, shared)
        rs = _reference_group(sent.words, sent.text, shared)
        if rc and rs and rc != rs:
            flips.append(f"the review compares against {kb.registry.display[rs]}, not {kb.registry.display[rc]}")
    if len(flips) % 2 == 1:
        reasons.append(flips[0] + f" ({_sec(sent.section)})")
    people = {g for g in claim.groups if "person" in kb.registry.kinds.get(g, ())}
    others = {g for g in sent.groups if "person" in kb.registry.kinds.get(g, ())}
    if people and others and not people & others:
        reasons.append(f"the review names {', '.join(kb.registry.display[g] for g in sorted(others))} here "
                       f"({_sec(sent.section)}: \"{sent.text[:120]}\"), not "
                       f"{', '.join(kb.registry.display[g] for g in sorted(people))}")
    # a count in words next to the same noun: "a single HER2 epitope" against "two HER2 epitopes"
    for i, w in enumerate(claim.words):
        n = _COUNT_WORDS.get(w.low)
        if n is None:
            continue
        noun = next((a for a in anchors if i < a <= i + 3 and a in chosen and claim.words[a].low not in _COUNT_WORDS),
                    None)
        if noun is None:
            continue
        j = chosen[noun]
        for k in range(max(0, j - 3), j):
            m = _COUNT_WORDS.get(sent.words[k].low)
            if m is not None and m != n:
                reasons.append(f"the review says \"{_quote(sent, k, j + 1)}\" ({_sec(sent.section)}), not \"{w.text}\"")
                break
    # "only A" in the review against "B" in the claim
    for k in range(lo, min(hi + 1, len(sent.words))):
        if sent.words[k].low != "only" or (k > 0 and sent.words[k - 1].low == "not") or k + 1 >= len(sent.words) \
                or not sent.words[k + 1].stems:
            continue
        after = []
        for sw in sent.words[k + 1:k + 7]:
            if sw.boundary or sent.text[sent.words[k].end:sw.start].count(","):
                break
            if sw.stems:
                after.append(sw)
        if len(after) < 2:
            continue
        verb = next((i for i, cw in enumerate(claim.words) if cw.stems and cw.key == after[0].key), None)
        if verb is None:
            continue
        restricted = [sw.key for sw in after[1:]]
        said = [cw.key for cw in claim.words[verb + 1:] if cw.stems][:len(restricted)]
        extra = [x for x in said if x not in restricted]
        if extra and said:
            reasons.append(f"the review says \"{_quote(sent, k, k + len(after))}\" ({_sec(sent.section)})")
        break
    # "both A and B" against "only A"
    if re.search(r"\bboth\b", claim.folded) and not any("only" in r for r in reasons):
        for k in range(lo, hi + 1):
            if sent.words[k].low == "only" and not (k > 0 and sent.words[k - 1].low == "not"):
                reasons.append(f"the review says \"{_quote(sent, k - 1, min(hi, k + 4))}\" ({_sec(sent.section)})")
                break
    # superlatives: "rash was the most common" against "diarrhea was the most common"
    return reasons


# --- the check -----------------------------------------------------------------------------------------------------

def _missing(kb: Knowledge, claim: Claim, sent: Sentence | None) -> list[str]:
    if sent is None:
        return []
    out = []
    for u in sorted(claim.units, key=lambda u: -u.weight):
        if u.kind == "cue":
            continue
        if _unit_match(kb, u, claim, sent) < 0.5:
            if u.kind == "group":
                out.append(_surface(claim, u.key, kb.registry.display.get(u.key, str(u.key))))
            else:
                out.append(claim.words[u.word].text)
    return list(dict.fromkeys(out))[:3]


MAX_PARTS = 12


def check_claim(engine, claim_text: str) -> Verdict:
    """Verdict on one claim: supported, contradicted or not_found, with the evidence sentences and a reason.
    A text of several sentences is several claims: one contradicted statement contradicts it, and it is
    supported only when every statement is."""
    kb = knowledge(engine)
    text = unicodedata.normalize("NFC", claim_text)
    parts = [p for p in sentences(text) if len(p.split()) >= 3]
    if len(parts) < 2:
        return _check_one(kb, text)
    verdicts = [_check_one(kb, p) for p in parts[:MAX_PARTS]]
    facts = tuple(dict.fromkeys(f for v in verdicts for f in v.facts))[:5]
    for name in ("contradicted", "not_found"):
        hit = [(i, v) for i, v in enumerate(verdicts) if v.verdict == name]
        if hit:
            i, v = hit[0]
            return Verdict(text, name, f"statement {i + 1} of {len(verdicts)} (\"{parts[i][:80]}\"): {v.reason}",
                           v.evidence, facts)
    evidence = tuple(dict.fromkeys(e for v in verdicts for e in v.evidence))[:3]
    return Verdict(text, "supported", f"all {len(verdicts)} statements are in the review; "
                   + "; ".join(v.reason for v in verdicts[:2]), evidence, facts)


def _check_one(kb: Knowledge, text: str) -> Verdict:
    claim = _analyse(kb, text)
    if not claim.units and not claim.quantities:
        return _verdict(claim, "not_found", "the claim has no terms to look up in the review")
    names, idents = _unknown_terms(kb, claim)
    if names:
        listed = ", ".join(list(dict.fromkeys(w.text for w in names))[:4])
        return _verdict(claim, "not_found", f"the review never mentions {listed}", facts=_linked_facts(kb, claim))
    for handler in (_front_matter, _alias, _table_polarity):
        verdict = handler(kb, claim)
        if verdict is not None:
            if verdict.facts == ():
                verdict = Verdict(verdict.claim, verdict.verdict, verdict.reason, verdict.evidence,
                                  _linked_facts(kb, claim))
            return verdict
    if len({(u.kind, u.key) for u in claim.units if u.kind != "cue"}) < 2 and not _typed(claim):
        return _verdict(claim, "not_found", "the claim says too little to check against the review (name what "
                        "is claimed about what)", facts=_linked_facts(kb, claim))
    ranked = _rank(kb, claim)
    best_cov, best = ranked[0] if ranked else (0.0, None)
    if idents:
        siblings = best is not None and best_cov >= FOUND and all(
            any(sw.ident and _shape(sw.low) == _shape(w.low) for sw in best.words) for w in idents)
        if not siblings:
            listed = ", ".join(list(dict.fromkeys(w.text for w in idents))[:4])
            return _verdict(claim, "not_found", f"the review never mentions {listed}", facts=_linked_facts(kb, claim))
    typed = _typed(claim)
    if typed:
        result = _numbers_from_facts(kb, claim, typed)
        if result is None or result.verdict == "not_found":
            sentence_result = _numbers_from_sentences(kb, claim, typed, ranked, may_clash=result is None)
            if sentence_result is not None:
                result = sentence_result
        if result is not None and result.verdict != "not_found":
            if result.verdict == "supported" and result.sentences:
                more = _clashes(kb, claim, result.sentences[0])
                if more:
                    return _verdict(claim, "contradicted", more[0], [_evidence(s) for s in result.sentences],
                                    _linked_facts(kb, claim, result.facts))
            return _verdict(claim, result.verdict, result.reason, [_evidence(s) for s in result.sentences],
                            _linked_facts(kb, claim, result.facts))
        wanted = " or ".join(_METRIC_LABEL[m] for m in sorted(claim.metrics))
        who = ", ".join(_surface(claim, g, kb.registry.display[g]) for g in sorted(claim.groups) if kb.specific(g))
        other = _where_else(kb, claim, typed)
        figures = ", ".join(list(dict.fromkeys(_fmt(q) for q in typed))[:3])
        if wanted and who:
            reason = f"the review gives no {wanted} for {who}"
        elif wanted:
            reason = f"the review gives no {wanted} of {figures}"
        else:
            reason = f"the review gives no figure like {figures}" + (f" for {who}" if who else "")
        if other:
            reason += f"; {other}"
        return _verdict(claim, "not_found", reason, facts=_linked_facts(kb, claim, result.facts if result else ()))
    if best is None or best_cov < FOUND:
        missing = _missing(kb, claim, best)
        reason = "no sentence of the review states this"
        if missing:
            reason += f" (nothing about {', '.join(missing)})"
        return _verdict(claim, "not_found", reason, facts=_linked_facts(kb, claim))
    superlative = _superlative_clash(kb, claim)
    if superlative:
        return _verdict(claim, "contradicted", superlative[0], [_evidence(superlative[1])], _linked_facts(kb, claim))
    reasons = _clashes(kb, claim, best)
    if reasons:
        return _verdict(claim, "contradicted", reasons[0], [_evidence(best)], _linked_facts(kb, claim))
    lo, hi, _ = _window(claim, best, _claim_anchors(claim))
    return _verdict(claim, "supported", f"the review states this ({_sec(best.section)}): \"{_excerpt(best, lo, hi)}\"",
                    [_evidence(best)], _linked_facts(kb, claim))

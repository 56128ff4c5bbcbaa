"""Quantity: numbers with unit, range, qualifier and CI role read from text; whether two figures agree."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from .lazy_re import lazy_compile
from .text import prepare, same_length_lower

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MONTH_RE = "|".join(MONTHS)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Number words, compounds too ("forty-five", "thirty two"), as one pattern (a list of every compound would make
# each pattern that uses it slow to compile).
_NUM_WORD_RE = (f"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(_UNITS)}))?|"
                + "|".join(sorted((w for w in _NUMBER_WORDS if w not in _TENS), key=len, reverse=True)) + ")")


class _WordNumbers(dict):
    """_NUMBER_WORDS that also knows compounds: "forty-five" -> 45."""

    def __missing__(self, word: str) -> int:
        tens, _, unit = word.replace(" ", "-").partition("-")
        if tens in _TENS and unit in _UNITS:
            return _NUMBER_WORDS_BASE[tens] + _NUMBER_WORDS_BASE[unit]
        raise KeyError(word)

    def get(self, word, default=None):
        try:
            return self[word]
        except KeyError:
            return default


_NUMBER_WORDS_BASE = dict(_NUMBER_WORDS)
_NUMBER_WORDS = _WordNumbers(_NUMBER_WORDS_BASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass
class Quantity:
    """A number (or range, or date) read from text, with its unit, qualifier and CI role."""
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


_CITATION = lazy_compile(r"\(\s*\d{1,3}(?:\s*[,-]\s*\d{1,3})*\s*\)")
_QUAL_BEFORE = [
    ("about", lazy_compile(r"(?:\babout|\bapproximately|\bapprox\.?|\broughly|\baround|\bnearly|\balmost|"
                         r"\bclose to|\bsome|~|≈)\s*$")),
    ("lt", lazy_compile(r"(?:\bless than|\bfewer than|\blower than|\bunder|\bbelow|\bup to|\bat most|"
                      r"\bno more than|<|≤|<=)\s*$")),
    ("gt", lazy_compile(r"(?:\bmore than|\bgreater than|\bhigher than|\bover|\babove|\bin excess of|\bexceeding|"
                      r"\bat least|>|≥|>=)\s*$")),
]
_QUAL_AFTER = [("gt", lazy_compile(r"^\s*(?:or|and) (?:higher|more|above|greater|over)\b")),
               ("lt", lazy_compile(r"^\s*(?:or|and) (?:lower|less|below|fewer|under)\b"))]
_UNIT_AFTER = [
    ("%", lazy_compile(r"^\s*(?:%|percent\b|per cent\b)")),
    ("months", lazy_compile(r"^\s*-?\s*(?:months?|mo)\b")),
    ("years", lazy_compile(r"^\s*-?\s*(?:years?|yrs?)\b(?!\s+old)")),
    ("weeks", lazy_compile(r"^\s*-?\s*weeks?\b")),
    ("days", lazy_compile(r"^\s*-?\s*days?\b")),
    ("mg/kg", lazy_compile(r"^\s*mg\s*/\s*kg\b")),
    ("mg/m2", lazy_compile(r"^\s*mg\s*/\s*m(?:2|²)")),
    ("mg", lazy_compile(r"^\s*(?:mg|milligrams?)\b(?!\s*/)")),       # a dose
    # laboratory and clinical units (any medical text): "45 mL/min", "7.0 mmol/L", "140 mmHg", "5.4 per 100,000"
    ("ml/min", lazy_compile(r"^\s*ml\s*/\s*min(?:\s*/\s*1\.73\s*m(?:2|²))?\b")),
    ("mg/dl", lazy_compile(r"^\s*mg\s*/\s*dl\b")),
    ("mmol/l", lazy_compile(r"^\s*mmol\s*/\s*l\b")),
    ("mmhg", lazy_compile(r"^\s*mm\s*hg\b")),
    # "4.3 cases per 100,000", also with what the cases are of ("4.3 cases of lactic acidosis per 100,000")
    ("rate", lazy_compile(r"^\s*(?:(?:[a-z-]+\s+){0,2}?(?:cases?|events?|deaths?|episodes?)(?:\s+of\s+[a-z-]+(?:\s+[a-z-]+){0,2}?)?\s+)?"
                        r"per\s+(?:100,?000|10,?000|1,?000|100)\b")),
    ("fold", lazy_compile(r"^\s*-?\s*fold\b")),
    ("score", lazy_compile(r"^\+(?![\w+])")),     # an immunohistochemistry score: "3+", "1+ or 2+"
    ("count", lazy_compile(r"^\s*(?:[a-z-]+\s+){0,2}?(?:patients|participants|subjects|women|men|people|persons|"
                         r"individuals|cases|samples|splices|cell lines|studies|trials|biomarkers|references|"
                         r"authors|tumou?rs|mice)\b")),
]
_UNIT_BEFORE = [
    ("p", lazy_compile(r"\bp\s*(?:-?\s*value)?\s*(?:=|<|>|≤|≥|<=|>=|of|was|is)\s*$")),
    ("count", lazy_compile(r"\bn\s*=\s*$")),
    ("exon", lazy_compile(r"\bexons?\s*$")),
    ("grade", lazy_compile(r"\bgrades?\s*$")),
    ("phase", lazy_compile(r"\bphases?\s*$")),
    ("hr", lazy_compile(r"\b(?:hr|hazard ratio)\s*(?:=|of|was|is|:)?\s*$")),
]
_CI_BEFORE = lazy_compile(r"(?:\bci|confidence interval)\s*(?:of|was|from|:|,|=)?\s*$")
_CI_LEVEL_AFTER = lazy_compile(r"^\s*%\s*(?:ci\b|confidence)")
_TIME_IN_MONTHS = {"months": 1.0, "years": 12.0, "weeks": 12.0 / 52.0, "days": 12.0 / 365.25}


def _number(text: str) -> float:
    """A number as printed in digits, thousands separators allowed ("12,400" -> 12400.0)."""
    return float(text.replace(",", ""))


def _decimals(s: str) -> int:
    return len(s.split(".")[1]) if "." in s else 0


@dataclass
class _Source:
    """The text being read, for every reader of figures: as given, lowered, and the spans already read.

    `text` is quoted into each figure, `low` (same length, lowercased, dashes unified) is matched against, and
    `taken` holds the spans already read or set aside, so that no stretch of text is read twice."""
    text: str
    low: str
    taken: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> "_Source":
        return cls(text, same_length_lower(prepare(text)))

    def free(self, s: int, e: int) -> bool:
        """No figure has been read from any part of text[s:e] yet."""
        return all(e <= a or s >= b for a, b in self.taken)

    def take(self, span: tuple[int, int]) -> None:
        self.taken.append(span)

    def before(self, s: int, width: int = 40) -> str:
        """The lowered text just before position s, where qualifiers, CI labels and "p =" stand."""
        return self.low[max(0, s - width):s]


def _qualifier_before(before: str) -> str | None:
    """The qualifier the words just before a figure give it, for any figure ("about 70%", "less than 5%").

    "about"/"nearly"/"~" -> "about", "less than"/"up to"/"<" -> "lt", "more than"/"at least"/">" -> "gt";
    None when there is none."""
    return next((q for q, p in _QUAL_BEFORE if p.search(before)), None)


_DAY_MONTH_YEAR = lazy_compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\s*,?\s+((?:19|20)\d\d)\b")
_MONTH_DAY_YEAR = lazy_compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*((?:19|20)\d\d)\b")
_MONTH_YEAR = lazy_compile(rf"\b({_MONTH_RE})\s+(?:of\s+)?((?:19|20)\d\d)\b")


def _dates(src: _Source) -> list[Quantity]:
    """Calendar dates, for dated text such as an article's history or a trial's timeline.

    "12 September 2022", "September 12, 2022" and "September 2022" (day None); a lowercase "may 2020" is the
    verb, not the month."""
    out: list[Quantity] = []
    text, t = src.text, src.low
    for m in _DAY_MONTH_YEAR.finditer(t):
        out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                            date=(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))))
        src.take(m.span())
    for m in _MONTH_DAY_YEAR.finditer(t):
        if src.free(*m.span()):
            out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                date=(int(m.group(3)), MONTHS.index(m.group(1)) + 1, int(m.group(2)))))
            src.take(m.span())
    for m in _MONTH_YEAR.finditer(t):
        if src.free(*m.span()) and not (m.group(1) == "may" and not text[m.start()].isupper()):
            out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                date=(int(m.group(2)), MONTHS.index(m.group(1)) + 1, None)))
            src.take(m.span())
    return out


_PHASE = lazy_compile(r"\bphases?\s+(iv|i{1,3}|[1-4])\s*([ab])?(?:\s*/\s*(iv|i{1,3}|[1-4])\s*([ab])?)?(?![\w])")
_PRECLINICAL = lazy_compile(r"\bpre-?clinical\b")


def _phases(src: _Source) -> list[Quantity]:
    """Trial phases as numbers, for clinical-trial text ("phase II", "phase Ib", "preclinical").

    "phase II" -> 2, "phase Ib" -> 1.5, "phase I/II" -> 1 to 2, "preclinical" -> 0."""
    out: list[Quantity] = []
    text, t = src.text, src.low
    for m in _PHASE.finditer(t):
        lo = _ROMAN[m.group(1)] + (0.5 if m.group(2) == "b" else 0.0)
        hi = _ROMAN[m.group(3)] + (0.5 if m.group(4) == "b" else 0.0) if m.group(3) else lo
        out.append(Quantity(lo, hi, "phase", text=text[m.start():m.end()], start=m.start(), end=m.end()))
        src.take(m.span())
    for m in _PRECLINICAL.finditer(t):
        out.append(Quantity(0, 0, "phase", text=text[m.start():m.end()], start=m.start(), end=m.end()))
        src.take(m.span())
    return out


_SPELLED_DURATION = lazy_compile(rf"\b({_NUM_WORD_RE}|an?)[\s-]+(months?|years?|weeks?|days?)\b")
_BEFORE_A_DURATION = lazy_compile(r"\b(?:within|in|for|after|over|inside)\s+$")
_AFTER_A_DURATION = lazy_compile(r"\s+(?:after|later)\b")     # "a week after acceptance" is an interval


def _spelled_durations(src: _Source) -> list[Quantity]:
    """Durations spelled in words, in months, for time spans in prose ("within one year", "six weeks").

    "one year" -> 12 months; "a year" only after "within/in/for/after/over/inside" or before "after/later"
    ("a week after acceptance"), so "a year earlier" is no figure."""
    out: list[Quantity] = []
    text, t = src.text, src.low
    for m in _SPELLED_DURATION.finditer(t):
        if src.free(*m.span()) and (m.group(1) not in ("a", "an") or
                                    _BEFORE_A_DURATION.search(t[max(0, m.start() - 8):m.start()]) or
                                    _AFTER_A_DURATION.match(t[m.end():])):
            unit = m.group(2).rstrip("s") + "s"
            v = _NUMBER_WORDS.get(m.group(1), 1) * _TIME_IN_MONTHS[unit]
            qual = None if m.group(1) in ("a", "an") else _qualifier_before(src.before(m.start()))
            out.append(Quantity(v, v, "months", qual, text=text[m.start():m.end()], start=m.start(), end=m.end()))
            src.take(m.span())
    return out


_RATIO = lazy_compile(rf"\b(\d+|{_NUM_WORD_RE})\s+(?:in|out of)\s+(?:every\s+)?(\d+|{_NUM_WORD_RE})\b")


def _ratios(src: _Source) -> list[Quantity]:
    """Proportions said as "N in M", as percentages, for prevalence statements ("one in five patients").

    "one in five" -> about 20%, "3 out of 10" -> about 30%: "about" unless the words before give another
    qualifier."""
    out: list[Quantity] = []
    text, t = src.text, src.low
    for m in _RATIO.finditer(t):
        a, b = (float(x) if x[0].isdigit() else float(_NUMBER_WORDS[x]) for x in m.groups())
        if src.free(*m.span()) and 0 < a < b <= 1000:
            v = round(100.0 * a / b, 1)
            qual = _qualifier_before(src.before(m.start()))
            out.append(Quantity(v, v, "%", qual or "about", text=text[m.start():m.end()], start=m.start(), end=m.end()))
            src.take(m.span())
    return out


_FRACTION_VALUES = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
_FRACTION = lazy_compile(rf"\b(?:(a|an|one|{_NUM_WORD_RE})[\s-]+)?(half|halves|thirds?|quarters?|fifths?|tenths?)"
                       rf"(?=\s+of\b|\s*[,.;)]|\s*$|\s+to\s+(?:an?|one|{_NUM_WORD_RE})[\s-]+(?:half|thirds?|quarters?|"
                       rf"fifths?|tenths?)\b)")
_MAJORITY = lazy_compile(r"\b(?:the|a)\s+(majority|minority)\s+of\b|\bmost\s+of\b")


def _fractions(src: _Source) -> list[Quantity]:
    """Shares said as fractions, as percentages, for prevalence statements ("roughly a quarter of patients",
    "two-thirds", "half of them", "the majority of"). About the value unless the words before say otherwise;
    "majority" is more than 50%, "minority" less. A fraction not followed by "of" or the end of a clause ("a third
    party", "half-life") is no figure."""
    out: list[Quantity] = []
    text, t = src.text, src.low
    for m in _FRACTION.finditer(t):
        if not src.free(*m.span()):
            continue
        count_word, noun = m.group(1), m.group(2)
        base = "half" if noun.startswith("hal") else noun.rstrip("s")
        n = 1.0 if count_word in (None, "a", "an", "one") else float(_NUMBER_WORDS.get(count_word, 0))
        if not n or (count_word is None and base != "half"):
            continue
        v = round(n * _FRACTION_VALUES[base], 1)
        if v > 100:
            continue
        qual = _qualifier_before(src.before(m.start())) or "about"
        out.append(Quantity(v, v, "%", qual, text=text[m.start():m.end()], start=m.start(), end=m.end()))
        src.take(m.span())
    for m in _MAJORITY.finditer(t):
        if src.free(*m.span()):
            qual = "lt" if m.group(1) == "minority" else "gt"
            out.append(Quantity(50.0, 50.0, "%", qual, text=text[m.start():m.end()].removesuffix(" of"),
                                start=m.start(), end=m.end()))
            src.take(m.span())
    return out


_SPELLED_NUMBER = lazy_compile(rf"\b({_NUM_WORD_RE})\b")
_AND_A_HALF = lazy_compile(rf"\b(\d+|{_NUM_WORD_RE})\s+and\s+(?:a|one)[\s-]+half\b")


def _words_with_unit(src: _Source, pattern: re.Pattern, value, times: bool) -> list[Quantity]:
    """Each free match of a pattern of figures in words that a unit follows, as a Quantity with its qualifier:
    value(match) gives (low, high, decimals); times in months when `times`, else a time or fold unit is no figure
    here (the duration reader has those)."""
    out: list[Quantity] = []
    text, t = src.text, src.low
    for m in pattern.finditer(t):
        if not src.free(*m.span()):
            continue
        unit, end = _unit_after(t, m.end())
        if not unit or (not times and (unit in _TIME_OR_FOLD or unit in ("years", "weeks", "days"))):
            continue
        low, high, decimals = value(m)
        if unit in _TIME_IN_MONTHS:
            low, high, unit = low * _TIME_IN_MONTHS[unit], high * _TIME_IN_MONTHS[unit], "months"
        out.append(Quantity(low, high, unit, _qualifier_before(src.before(m.start())), text=text[m.start():end],
                            start=m.start(), end=end, decimals=decimals))
        src.take((m.start(), end))
    return out


def _word_value(word: str) -> float:
    return float(word) if word.isdigit() else float(_NUMBER_WORDS[word])


NUMBER_WORD = _NUM_WORD_RE      # the pattern of a number in words ("six", "forty-five"), for other readers


def number_value(word: str) -> int | None:
    """The value of a number written in digits or words ("8", "eight", "forty-five"); None for other words."""
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word.lower())


def _and_a_half(src: _Source) -> list[Quantity]:
    """A whole number and a half with its unit, for rounded figures in prose ("9 and a half months" -> 9.5 months,
    "two and a half years" -> 30 months), with its qualifier."""
    def value(m):
        v = _word_value(m.group(1)) + 0.5
        return v, v, 1
    return _words_with_unit(src, _AND_A_HALF, value, times=True)


_SPELLED_RANGE = lazy_compile(rf"\b(?:between\s+({_NUM_WORD_RE})\s+and|({_NUM_WORD_RE})\s+(?:to|-))\s+({_NUM_WORD_RE})\b")


def _spelled_with_unit(src: _Source) -> list[Quantity]:
    """Numbers spelled in words followed by a unit, for figures in prose ("thirty percent" -> 30%, "forty-five
    mL/min", "thirty mg", "fifteen to twenty per cent"), with their qualifier."""
    def span(m):
        lo, hi = _word_value(m.group(1) or m.group(2)), _word_value(m.group(3))
        return min(lo, hi), max(lo, hi), 0

    def single(m):
        v = _word_value(m.group(1))
        return v, v, 0
    return _words_with_unit(src, _SPELLED_RANGE, span, times=False) + \
        _words_with_unit(src, _SPELLED_NUMBER, single, times=False)


def _set_aside_citations(src: _Source) -> None:
    """Sets citation markers aside, for scholarly text: "(3)" or "(12, 14-16)" is no figure.

    A bracketed number followed by "%" ("(20)%") is a figure, not a citation, and stays free."""
    t = src.low
    for m in _CITATION.finditer(t):
        if not re.match(r"\s*%", t[m.end():m.end() + 2]):
            src.take(m.span())


_TIME_OR_FOLD = ("months", "years", "weeks", "days", "fold")


_LABEL_BEFORE = lazy_compile(r"\b(?:table|figure|fig\.?|section|chapter|box|panel|ref\.?|reference)\s*$")


def _part_of_name(t: str, s: int, e: int) -> bool:
    """Whether digits belong to a name rather than a figure, for gene, drug and trial names ("ABC2", "miR-155").

    Digits glued to letters or dots (gene, drug-code and microRNA names such as "ABC2", "X-DM1", "miR-155", "3D")
    are part of a name; a hyphenated word after them is too, except a time or fold unit ("16.4-month", "3-fold")."""
    prev = t[s - 1] if s > 0 else " "
    nxt = t[e] if e < len(t) else " "
    if _LABEL_BEFORE.search(t[max(0, s - 12):s]):
        return True          # "Table 1", "Figure 2", "section 3": a label, not a figure
    if prev.isalnum() or prev in "._" or (prev == "-" and s >= 2 and t[s - 2].isalpha()):
        return True
    if nxt.isalpha() or nxt == "_":
        return True
    if nxt == "-" and e + 1 < len(t) and t[e + 1].isalpha():
        return not any(p.match(t[e:]) for u, p in _UNIT_AFTER if u in _TIME_OR_FOLD)
    return False


def _unit_after(t: str, end: int, unit: str = "") -> tuple[str, int]:
    """The unit printed right after a number and where it ends, for any figure ("70%", "16.4 months", "10 mg/kg").

    When `unit` is already known (the second number of "15% to 20%") only that unit is taken; counts are read
    separately. (unit, end) unchanged when there is none."""
    for u, p in _UNIT_AFTER:
        um = p.match(t[end:])
        if um and (u == unit or not unit) and u != "count":
            return u, end + um.end()
    return unit, end


_RANGE_END = lazy_compile(r"^\s*(?:-|to|and)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w])")
_BETWEEN = lazy_compile(r"\bbetween\s*$")


@dataclass
class _Figure:
    """A number as printed with the unit written after it: value or range, unit, decimals and where it ends."""
    low: float
    high: float
    unit: str
    decimals: int
    end: int


def _value_and_range(t: str, s: int, e: int) -> _Figure:
    """The value or range starting at a number, with the unit after it, for figures in digits ("15% to 20%").

    "19.0%", "15% to 20%", "15-20 percent", "between 2 and 5 months" (an "and" range only after "between"),
    swapped when printed high to low; "count" when a noun of things counted follows ("184 patients").
    "12,400 patients" is one count of twelve thousand four hundred."""
    lo_text = t[s:e]
    low = high = _number(lo_text)
    decimals = _decimals(lo_text)
    unit, end = _unit_after(t, e)
    rm = _RANGE_END.match(t[end:])
    if rm and (not rm.group(0).strip().startswith("and") or _BETWEEN.search(t[max(0, s - 12):s])):
        high = _number(rm.group(1))
        decimals = max(decimals, _decimals(rm.group(1)))
        end += rm.end()
        if high < low:
            low, high = high, low
        unit, end = _unit_after(t, end, unit)
    if not unit and _UNIT_AFTER[-1][1].match(t[end:]):
        unit = "count"
    if unit == "rate":
        # a rate is compared per 100,000 whatever its denominator: "0.43 per 10,000" is "4.3 per 100,000",
        # "4.3 per 10,000" is not
        per = re.search(r"per\s+(100,?000|10,?000|1,?000|100)\b", t[e:end])
        if per:
            factor = 100000 / float(per.group(1).replace(",", ""))
            low, high = low * factor, high * factor
            decimals -= round(math.log10(factor))
    return _Figure(low, high, unit, decimals, end)


def _unit_before(before: str, s: int) -> tuple[str, int]:
    """The unit a label before a bare number gives it, for statistics and trial text ("p = 0.002", "n = 184").

    "p = 0.002" -> "p", "n = 184" -> "count", "exon 16" -> "exon", "grade 3", "phase 2"; with where the figure's
    text then starts (the label included). ("", s) when there is none."""
    for u, p in _UNIT_BEFORE:
        bm = p.search(before)
        if bm:
            return u, s - (len(before) - bm.start())
    return "", s


_P_OPERATOR = lazy_compile(r"(=|<|>|≤|≥)\s*$")
_P_QUALIFIER = {"<": "lt", "≤": "lt", ">": "gt", "≥": "gt"}


def _qualifier(before: str, after: str, unit: str) -> str | None:
    """A figure's qualifier from the words around it, for any figure ("about 70%", "p < 0.05", "5% or more").

    From the words before it ("about 70%" -> "about", "less than 5%" -> "lt"); for a p-value only from its
    operator ("p < 0.05" -> "lt", "p = 0.002" -> None); "or more"/"or less" after the figure wins."""
    qual = _qualifier_before(before)
    if unit == "p":
        op = _P_OPERATOR.search(before)
        qual = _P_QUALIFIER.get(op.group(1) if op else "", None)
    for q, p in _QUAL_AFTER:
        if p.match(after):
            qual = q
    return qual


_AGE_BEFORE = lazy_compile(r"\b(?:ages?|aged)\b(?:\s+[\w-]+){0,5}?\s*(?:was|of|were|is|=|:)?\s*(?:about|around|over|under)?\s*$")
_AGE_AFTER = lazy_compile(r"\s*(?:old|of age)\b")


def _figure_at(src: _Source, s: int, e: int) -> Quantity:
    """The whole quantity read at one number, for figures in digits ("about 70%", "95% CI 2.94 to 4.40").

    Value or range, unit (after it, or from a label before it), qualifier, CI role, times converted to months,
    and a bare whole number from 1900 to 2100 taken as a year."""
    t = src.low
    fig = _value_and_range(t, s, e)
    low, high, unit, end = fig.low, fig.high, fig.unit, fig.end
    before = src.before(s)
    text_start = s
    if not unit:
        unit, text_start = _unit_before(before, s)
    qual = _qualifier(before, t[end:], unit)
    ci = bool(_CI_BEFORE.search(before))
    if unit == "years" and (_AGE_BEFORE.search(t[max(0, s - 70):s]) or _AGE_AFTER.match(t[end:end + 12])):
        unit = "age"        # "a median age of 55 years", "55 years old": an age, not a span of time
    if unit in _TIME_IN_MONTHS:
        factor = _TIME_IN_MONTHS[unit]
        low, high, unit = low * factor, high * factor, "months"
    if not unit and "," not in t[s:e] and _number(t[s:e]).is_integer() and 1900 <= low <= 2100 and high == low:
        unit = "year"
    return Quantity(low, high, unit, qual, ci, src.text[text_start:end].strip(), s, end, decimals=fig.decimals)


# A number in digits; "12,400" (thousands separated by commas) is one number, never 12 and 400.
_NUMBER = lazy_compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?")


def _digit_figures(src: _Source) -> list[Quantity]:
    """Every figure written in digits in the stretches not yet read, for all text.

    Digits of names ("HER2") and the level of a CI (the 95 of "95% CI") are skipped."""
    out: list[Quantity] = []
    t = src.low
    pos = 0
    while True:
        m = _NUMBER.search(t, pos)
        if not m:
            break
        s, e = m.span()
        pos = e
        if not src.free(s, e):
            continue
        if _part_of_name(t, s, e):
            pos = _skip_word(t, e)
            continue
        if _CI_LEVEL_AFTER.match(t[e:]):
            continue
        q = _figure_at(src, s, e)
        out.append(q)
        src.take((s, q.end))
        pos = max(pos, q.end)
    return out


_WORD_AND_PATTERN_READERS = (_dates, _phases, _and_a_half, _spelled_durations, _ratios, _spelled_with_unit, _fractions)


def quantities(text: str) -> list[Quantity]:
    """Numbers with their unit, range, qualifier and confidence-interval role; citation markers and names skipped."""
    src = _Source.of(text)
    out: list[Quantity] = []
    for read in _WORD_AND_PATTERN_READERS:    # in this order: each reads only what the ones before left free
        out += read(src)
    _set_aside_citations(src)
    out += _digit_figures(src)
    out.sort(key=lambda q: q.start)
    return _two_as_range(src.low, _shared_units(src.low, out))


def _two_as_range(t: str, qs: list[Quantity]) -> list[Quantity]:
    """Two figures of one unit joined by "to" as one range ("a quarter to a third" -> 25% to 33.3%)."""
    out: list[Quantity] = []
    for q in qs:
        prev = out[-1] if out else None
        if prev is not None and prev.unit == q.unit == "%" and not prev.is_range and not q.is_range \
                and not prev.ci and re.fullmatch(r"\s*(?:to|-|–)\s*", t[prev.end:q.start]):
            out[-1] = Quantity(min(prev.low, q.low), max(prev.high, q.high), q.unit, prev.qual if prev.qual != "about"
                               else None, text=f"{prev.text} to {q.text}", start=prev.start, end=q.end)
            continue
        out.append(q)
    return out


_SECOND_FIGURE = lazy_compile(r"^[\s\w,/-]{0,48}?\b(?:and|versus|vs\.?|compared (?:with|to)|than|or)\s+$")
_AFTER_SECOND = lazy_compile(r"\s*(?:$|[,.;:)\]]|(?:with|without|in|for|among|on|respectively|and|or|vs|versus)\b)")
_SHARED_UNITS = ("%", "months", "rate", "mg", "mg/kg", "mg/m2", "ml/min", "score")


def _shared_units(t: str, qs: list[Quantity]) -> list[Quantity]:
    """A bare number joined to a figure with a unit takes its unit, for figures of two arms said once ("5.7 months
    versus 4.4", "4.3 cases per 100,000 with metformin and 5.4 without it"): same decimals, nothing between."""
    out = list(qs)
    for i in range(1, len(out)):
        prev, q = out[i - 1], out[i]
        if q.unit or not prev.unit or prev.unit not in _SHARED_UNITS or q.decimals != prev.decimals or q.is_range:
            continue
        if _SECOND_FIGURE.match(t[prev.end:q.start]) and _AFTER_SECOND.match(t[q.end:]):
            out[i] = Quantity(q.low, q.high, prev.unit, q.qual, q.ci, q.text, q.start, q.end, q.date, q.decimals)
    # and the first of two said once with the unit at the end ("an IHC score of 0 or 1+", "2 or 3 months")
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if q.unit or not nxt.unit or nxt.unit not in _SHARED_UNITS or q.is_range:
            continue
        if re.fullmatch(r"\s*(?:or|and|to|-|vs\.?|versus)\s*", t[q.end:nxt.start]) and q.decimals == nxt.decimals:
            out[i] = Quantity(q.low, q.high, nxt.unit, q.qual, q.ci, q.text, q.start, q.end, q.date, q.decimals)
    return out


def _skip_word(t: str, i: int) -> int:
    while i < len(t) and (t[i].isalnum() or t[i] in "-_."):
        i += 1
    return i


def agree(c: Quantity, e: Quantity) -> bool | None:
    """Whether the claim's figure fits the review's; None when they cannot be compared (other unit or role).
    A figure given more coarsely than the review's matches its rounding ("19%" fits 19.0%, "61%" fits 60.9%);
    "about" on either side allows 10%; bounds ("less than 5%") and ranges ("15% to 20%") hold what they hold."""
    if c.unit != e.unit or c.ci != e.ci:
        return None
    if c.unit == "date":
        pairs = [(a, b) for a, b in zip(c.date, e.date) if a is not None and b is not None]
        return all(a == b for a, b in pairs) if pairs else None
    if c.unit in ("%", "months", "p", "mg/kg", "mg/m2", "mg", "fold", "hr", "rate") or c.decimals:
        tol = 0.5 * 10 ** (-c.decimals)
    else:
        tol = 0.0      # counts, years, exons, phases: exact
    if "about" in (c.qual, e.qual):
        tol = max(tol, 0.1 * max(abs(c.high), abs(e.high)))
    tol += 1e-9
    if c.qual == e.qual and c.qual in ("lt", "gt"):
        # two bounds the same way ("below 45" against "below 60") are thresholds: the same only when equal
        return abs(c.high - e.high) <= tol
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


def as_printed(q: Quantity) -> str:
    """The figure as the text printed it (or formatted, when it was not read from text)."""
    return q.text or (f"{q.low:g}" if not q.is_range else f"{q.low:g} to {q.high:g}")

"""Quantity: numbers with unit, range, qualifier and CI role read from text; whether two figures agree."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import prepare, same_length_lower

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
_MONTH_RE = "|".join(MONTHS)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
                 "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100}
_NUM_WORD_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
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
    t = same_length_lower(prepare(text))
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in re.finditer(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\s*,?\s+((?:19|20)\d\d)\b", t):
        out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                            date=(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))))
        taken.append(m.span())
    for m in re.finditer(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,\s*((?:19|20)\d\d)\b", t):
        if free(*m.span()):
            out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                date=(int(m.group(3)), MONTHS.index(m.group(1)) + 1, int(m.group(2)))))
            taken.append(m.span())
    for m in re.finditer(rf"\b({_MONTH_RE})\s+(?:of\s+)?((?:19|20)\d\d)\b", t):
        if free(*m.span()) and not (m.group(1) == "may" and not text[m.start()].isupper()):
            out.append(Quantity(0, 0, "date", text=text[m.start():m.end()], start=m.start(), end=m.end(),
                                date=(int(m.group(2)), MONTHS.index(m.group(1)) + 1, None)))
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


def agree(c: Quantity, e: Quantity) -> bool | None:
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


def as_printed(q: Quantity) -> str:
    """The figure as the text printed it (or formatted, when it was not read from text)."""
    return q.text or (f"{q.low:g}" if not q.is_range else f"{q.low:g} to {q.high:g}")

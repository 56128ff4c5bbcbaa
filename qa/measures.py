"""The one table of measures a question may ask about or a claim may state (ORR, PFS, OS, HR, dose ...), and the
one rule for what looks like a drug or gene name."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lazy_re import lazy_compile
from .text import fold


@dataclass(frozen=True)
class Measure:
    key: str                 # "response", "pfs", ...
    label: str               # how a reason names it: "response rate", "PFS"
    pattern: re.Pattern      # over fold()ed text
    reported: bool = True    # a measure of outcome the review reports per drug or trial (used to tell "the review
                             # gives no X for Y"); False for what qualifies a figure (follow-up, prior treatment)


# Measures of clinical results and drug properties; the patterns are general clinical English, not this review's.
MEASURES: tuple[Measure, ...] = (
    Measure("response", "response rate", lazy_compile(
        r"\borr\b|objective response|response rates?\b|overall response|\bresponded\b|\bresponders?\b|\bresponses in\b|"
        r"clinically relevant response")),
    Measure("pfs", "PFS", lazy_compile(r"\bpfs\b|progression[- ]free")),
    Measure("os", "overall survival", lazy_compile(r"\bos\b|overall survival")),
    Measure("dfs", "DFS", lazy_compile(r"(?<!distant )\bdfs\b|(?<!distant )disease[- ]free survival")),
    Measure("ddfs", "DDFS", lazy_compile(r"\bddfs\b|distant disease[- ]free")),
    Measure("dor", "duration of response", lazy_compile(
        r"duration of (?:the )?response|\bdor\b|response (?:lasting|duration)|partial response")),
    Measure("rr", "relative risk", lazy_compile(r"relative risk|\brr\b|risk reduction|hazard ratio")),
    Measure("hazard", "hazard ratio", lazy_compile(r"hazard ratio|\bhazards?\b|\bhr\b")),
    Measure("ae", "adverse-event rate", lazy_compile(r"adverse (?:events?|effects?|reactions?)|\baes?\b|side[- ]effects?|toxicit")),
    Measure("dose", "dose", lazy_compile(r"\bdos(?:e|es|ed|ing|age|ages)\b|\bmg\b")),
    Measure("halflife", "half-life", lazy_compile(r"half[- ]?li(?:fe|ves)")),
    Measure("cost", "cost", lazy_compile(r"\bcosts?\b|\bprices?\b")),
    Measure("followup", "follow-up", lazy_compile(r"follow[- ]?up"), reported=False),
    Measure("prior", "prior-treatment share", lazy_compile(
        r"(?:previously|already) (?:been )?(?:treated|received)|\bprior\b|pretreated|had (?:been )?treated"), reported=False),
)
BY_KEY = {m.key: m for m in MEASURES}
PATTERNS = {m.key: m.pattern for m in MEASURES}
LABELS = {m.key: m.label for m in MEASURES}
# The curated facts' `metric` field -> measure key.
FACT_METRIC = {"orr": "response", "response rate": "response", "pfs": "pfs", "os": "os", "dor": "dor",
               "dfs": "dfs", "adverse event rate": "ae", "relative risk reduction": "rr",
               "prior treatment share": "prior"}
METRIC_PHRASE = {"ORR": "an ORR", "response rate": "a response rate", "PFS": "a PFS", "OS": "an OS",
                 "DoR": "a duration of response", "relative risk reduction": "a relative risk reduction",
                 "prior treatment share": "a prior-treatment share", "DFS": "a DFS"}


_ANY_MEASURE = lazy_compile("|".join(f"(?:{m.pattern.pattern})" for m in MEASURES))   # one pass when none is named


def measures_in(text: str) -> frozenset[str]:
    """The keys of the measures a text names."""
    folded = fold(text)
    if not _ANY_MEASURE.search(folded):
        return frozenset()
    return frozenset(m.key for m in MEASURES if m.pattern.search(folded))


# What a drug's or gene's name looks like as typed: INN stems of drug classes (-mab, -nib, ...). General
# pharmacology naming rules (WHO INN stems), not names from this review.
# Endings of international nonproprietary drug names (the WHO INN stems), as words end: any drug of any review.
DRUG_LIKE = lazy_compile(r"(mab|nib|tinib|lisib|parib|ciclib|platin|taxel|rubicin|statin|pril|sartan|vir|mycin|"
                       r"cillin|azole|olol|afil|mus|fen|limus|tabine|tecan|xifene|trozole|zumab|ximab|cept|porfin|"
                       r"formin|gliptin|gliflozin|glutide|zomib|degib|rafenib|siran|lukast|dronate|parin|kinra)$")


def looks_like_name(word: str) -> bool:
    """A drug-like, gene-like or proper name as typed: "neratinib", "NEJM", "Shantou", "p95HER2"."""
    return bool(DRUG_LIKE.search(word.lower())) or (word[:1].isupper() and not word.istitle()) or \
        any(c.isdigit() for c in word) or (word.isupper() and len(word) > 1)

"""What kind of thing a question asks for (a year, a duration, an amount, a count of something) and whether a
sentence or passage gives one: used to choose the answer sentence and to decide found / not found."""
from __future__ import annotations

import re

from .reading import Reading

_CITATION = re.compile(r"\(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\)")
_NUMBER_WORDS = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundred)"
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_DURATION = re.compile(rf"(?:\d[\d.]*|\b{_NUMBER_WORDS}|\ban?)[- ]?(month|year|week|day)", re.I)  # "7.5 months"
_DIGIT = re.compile(r"(?<![A-Za-z])\d")
_HOW_MUCH = re.compile(r"\bhow much\b", re.I)
# "how many patients had ...": the counted noun, whose count the answer must give
_HOW_MANY = re.compile(r"\bhow many ((?:[\w-]+ ){0,3}?[\w-]+?)s?\b(?= (?:had|have|has|were|was|are|is|did|do|does|"
                       r"received|got|took|showed|in|with|of|on)\b|\s*\?|$)", re.I)


def expects(reading: Reading) -> bool:
    """The question asks for a year, a duration, an amount or a count."""
    intent = reading.intent
    return bool(intent.year or intent.duration or intent.count or _HOW_MUCH.search(reading.text))


def _counted(reading: Reading) -> str | None:
    many = _HOW_MANY.search(reading.text)
    if not many:
        return None
    noun = many.group(1).split()[-1].lower()
    return noun[:-1] if noun.endswith("ie") else noun[: max(4, len(noun) - 2)]


def _gives_count(stem: str, text: str) -> bool:
    return bool(re.search(rf"\b{_NUMBER_WORDS}\s+(?:[\w-]+\s+){{0,3}}{re.escape(stem)}|\b[nN]\s?=\s?\d", text, re.I))


def sentence_fits(reading: Reading, sentence: str) -> bool:
    """The sentence alone gives the kind of thing asked (every kind the question asks for)."""
    return answer_fits(reading, sentence, sentence)


def answer_fits(reading: Reading, sentence: str, passage: str) -> bool:
    """The answer gives the kind of thing asked: a year, a duration or an amount in the answer sentence; a count
    in its passage (a trial's size is often stated a sentence before its results)."""
    said = _CITATION.sub("", sentence)
    body = _CITATION.sub("", passage)
    intent = reading.intent
    if intent.year and not _YEAR.search(said):
        return False
    if intent.duration and not _DURATION.search(said):
        return False
    if intent.count and not _DIGIT.search(body):
        return False
    if _HOW_MUCH.search(reading.text) and not _DIGIT.search(said):
        return False
    stem = _counted(reading)
    return not (stem and not _gives_count(stem, body))

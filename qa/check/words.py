"""Word: one word of a claim or sentence with its stems, cue, negation and names; text helpers that keep positions."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import _DASHES, _QUOTES

WORD_RE = re.compile(r"[^\W_]+(?:['\-/+.][^\W_]+)*")
_DASH_OR_QUOTE = re.compile("[" + "".join(map(chr, (*_DASHES, *_QUOTES))) + "]")


def prepare(text: str) -> str:
    """Same length as the input: dashes and quotes unified, so positions still point into the original text."""
    if _DASH_OR_QUOTE.search(text) is None:       # most text has neither; translate() is slow on long text
        return text
    return text.translate(_DASHES).translate(_QUOTES)


def same_length_lower(text: str) -> str:
    """Lowercase without changing the length (a few letters lowercase to two characters; those stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


@dataclass
class Word:
    """One word of a claim or sentence: where it is, its stems, and what it says (cue, negation, names)."""
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


def identifier_shape(word: str) -> str:
    """An identifier with its digits generalised ("FGFR2" -> "fgfr#", "chr17q12" -> "#q#")."""
    w = word.lower()
    for prefix in ("chromosome", "chr"):
        if w.startswith(prefix) and len(w) > len(prefix) and w[len(prefix)].isdigit():
            w = w[len(prefix):]
    return re.sub(r"\d+", "#", w)

"""Word: one word of a claim or sentence with its stems, cue, negation and names; text helpers that keep positions."""
from __future__ import annotations

from dataclasses import dataclass

from ..names import identifier_shape  # noqa: F401  (the checker reads it from here)
from ..text import WORD_RE, prepare, same_length_lower  # noqa: F401




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


"""Spelling repair for question words the review never uses ("trastuzamab" -> "trastuzumab")."""
from __future__ import annotations

import bisect


def _within(a: str, b: str, limit: int) -> bool:
    """Damerau-Levenshtein distance of a and b is at most limit (banded, early exit)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev2: list[int] | None = None
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return False
        prev2, prev = prev, cur
    return prev[-1] <= limit


class Speller:
    """Finds the review's word closest to an unknown one: one edit up to 8 letters, two from 9 on."""

    def __init__(self, words):
        words = set(words)
        self.all_words = sorted(w for w in words if len(w) >= 4)
        self.words = [w for w in self.all_words if w.isalpha()]
        self._by_length: dict[int, list[str]] = {}
        for w in self.words:
            self._by_length.setdefault(len(w), []).append(w)
        self._memo: dict[tuple[str, bool], str | None] = {}

    def correct(self, token: str, strict: bool = False) -> str | None:
        """strict: one edit at most, for names such as drugs ("pyrotinib" is not "pozotinib")."""
        key = (token, strict)
        if key in self._memo:
            return self._memo[key]
        result = None
        if token.isalpha() and len(token) >= 6:   # shorter words are too close to each other ("bread", "broad")
            limit = 1 if len(token) < 9 or strict else 2
            best: list[str] = []
            for length in range(len(token) - limit, len(token) + limit + 1):
                for w in self._by_length.get(length, ()):
                    if w[0] == token[0] and _within(token, w, limit):
                        best.append(w)
            if best:
                result = min(best, key=lambda w: (abs(len(w) - len(token)), w))
        self._memo[key] = result
        return result

    def is_prefix(self, token: str) -> bool:
        """"NCT" is known when the review has "NCT04208178"."""
        if len(token) < 3:
            return False
        i = bisect.bisect_left(self.all_words, token)
        return i < len(self.all_words) and self.all_words[i].startswith(token)

"""TokenMemo: the tokenizer's tokens of each text, worked out once."""
from __future__ import annotations


class TokenMemo:
    """tokenizer.tokens(text), remembered per text (the checker reads the same names and words many times over)."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer
        self.stem = tokenizer.stem
        self._memo: dict[str, tuple[str, ...]] = {}

    def tokens(self, text: str) -> list[str]:
        return list(self.token_tuple(text))

    def token_tuple(self, text: str) -> tuple[str, ...]:
        cached = self._memo.get(text)
        if cached is None:
            cached = tuple(self.tokenizer.tokens(text))
            if len(self._memo) < 100000:
                self._memo[text] = cached
        return cached

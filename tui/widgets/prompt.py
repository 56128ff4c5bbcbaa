"""The prompt: an Input with persistent Up/Down history and inline suggestions of review terms."""
from __future__ import annotations

import re
from typing import Iterable

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from ..history import History

_BOUNDARY = re.compile(r"[\s(\"'“‘/:,;]+")
CLAIM = re.compile(r"\s*check\s*:\s*", re.I)


class TermSuggester(Suggester):
    """Completes the word (or words) being typed at the end of the input from a list of review terms.

    Textual's SuggestFromList only completes the whole value; a question is a sentence, so the term may start
    at any word. The typed text is kept as typed, only the rest of the term is suggested.
    """

    def __init__(self, terms: Iterable[str], min_chars: int = 3):
        super().__init__(case_sensitive=True)      # we fold ourselves, to keep the user's casing
        self.min_chars = min_chars
        self.set_terms(terms)

    def set_terms(self, terms: Iterable[str]) -> None:
        """Complete from these terms from now on (in a library: the review being read); earlier suggestions,
        cached by the base class, are forgotten."""
        self.terms = list(dict.fromkeys(t for t in terms if t and len(t) > self.min_chars))
        self.folded = [t.casefold() for t in self.terms]
        if self.cache is not None:
            self.cache.clear()

    async def get_suggestion(self, value: str) -> str | None:
        starts = [0] + [m.end() for m in _BOUNDARY.finditer(value)]
        for start in starts:                      # longest fragment first: multi-word titles complete whole
            fragment = value[start:]
            if len(fragment.strip()) < self.min_chars:
                continue
            folded = fragment.casefold()
            for index, candidate in enumerate(self.folded):
                if len(candidate) > len(folded) and candidate.startswith(folded):
                    return value + self.terms[index][len(fragment):]
        return None


def review_terms(engine) -> list[str]:
    """Glossary terms and their aliases (shortest first), then the section titles."""
    terms = [f for f in engine.facts if f.kind == "term"]
    entities = sorted({f.entity for f in terms}, key=lambda s: (len(s), s.casefold()))
    aliases = sorted({a for f in terms for a in f.aliases}, key=lambda s: (len(s), s.casefold()))
    titles = [s.title for s in engine.outline() if s.kind in ("body", "table")]
    return entities + aliases + titles


class PromptInput(Input):
    """Enter submits (handled by the app); Up/Down walk through earlier questions, keeping the draft."""

    BINDINGS = [
        Binding("up", "history(-1)", "Earlier question", show=False),
        Binding("down", "history(1)", "Later question", show=False),
        Binding("tab", "app.read_latest", "Read the answer", show=False),
    ]

    def __init__(self, history: History, **kwargs):
        super().__init__(**kwargs)
        self.history = history
        self._position: int | None = None      # index into the recalled entries while browsing
        self._draft = ""
        self.claims = False                    # check mode: recall claims (without their `check:`), not questions

    def _entries(self) -> list[str]:
        claims = [CLAIM.sub("", e, count=1) for e in self.history.entries if CLAIM.match(e)]
        return claims if self.claims else [e for e in self.history.entries if not CLAIM.match(e)]

    def action_history(self, step: int) -> None:
        entries = self._entries()
        if not entries:
            return
        if self._position is None:
            if step > 0:
                return
            self._draft = self.value
            position = len(entries) - 1
        else:
            position = self._position + step
        if position < 0:
            position = 0
        if position >= len(entries):
            self._position = None
            self._set(self._draft)
            return
        self._position = position
        self._set(entries[position])

    def _set(self, value: str) -> None:
        self.value = value
        self.cursor_position = len(value)

    def reset_history(self) -> None:
        self._position = None
        self._draft = ""

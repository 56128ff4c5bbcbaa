"""Passages cut to what answers: the sentence that best holds the question's words, one sentence either side."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .models import AnswerSentence, Hit
from .text import fold

CONTEXT = 1                 # sentences kept on each side of the answering one
ELLIPSIS = "…"
_CITE_GROUP = re.compile(r"\((\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)")    # as qa.parse reads citations


@dataclass(frozen=True)
class Excerpt:
    text: str
    trimmed: bool           # some of the passage was left out
    cites: tuple[int, ...]  # the references the shown sentences rest on


def excerpt(engine, hit: Hit, answer: AnswerSentence | None) -> Excerpt:
    """HIT's passage cut to its answering sentence with CONTEXT sentences either side, an ellipsis where text was
    left out. The answering sentence is the answer itself in the answer's passage, elsewhere the sentence holding
    the most of the question's words (weighed by how rare they are; the first of equals). A passage of no more
    sentences than the window is shown whole; a table's rows stay on their own lines."""
    passage = hit.passage
    units = engine.sentences.of_passage(passage.id)
    window = 2 * CONTEXT + 1
    if len(units) <= window:
        return Excerpt(passage.text, False, tuple(passage.citations))
    best = _answer_index(units, answer, passage.id)
    if best is None:
        idf = engine.index.idf
        terms = set(hit.matched)
        scores = [sum(idf.get(t, 0.0) for t in terms & engine.sentences.stems(u)) for u in units]
        best = max(range(len(units)), key=lambda i: (scores[i], -i))
    lo, hi = max(0, best - CONTEXT), min(len(units), best + CONTEXT + 1)
    table = passage.section.startswith("table-")
    text = ("\n" if table else " ").join(u.text for u in units[lo:hi])
    cites = cited_in(text, passage.citations)
    for later in units[hi:]:
        if cites:
            break
        cites = cited_in(later.text, passage.citations)     # a citation closing a run of sentences covers them
    return Excerpt((f"{ELLIPSIS} " if lo > 0 else "") + text + (f" {ELLIPSIS}" if hi < len(units) else ""), True,
                   tuple(cites))


def _answer_index(units, answer: AnswerSentence | None, passage_id: str) -> int | None:
    if answer is None or answer.passage != passage_id:
        return None
    wanted = fold(answer.text)
    folded = [fold(unit.text) for unit in units]
    for test in (lambda have: have == wanted, lambda have: wanted in have,
                 lambda have: len(have) * 2 > len(wanted) and have in wanted):
        found = next((i for i, have in enumerate(folded) if have and test(have)), None)
        if found is not None:
            return found
    return None


def cited_in(text: str, citations) -> list[int]:
    """The passage's reference numbers that TEXT cites ("(12)", "(46, 47)", "(55-57)"), in the passage's order."""
    found: set[int] = set()
    for group in _CITE_GROUP.findall(text):
        for part in re.split(r"\s*,\s*", group):
            bounds = [int(b) for b in re.split(r"\s*[–-]\s*", part) if b.isdigit()]
            if len(bounds) == 2 and bounds[0] < bounds[1]:
                bounds = list(range(bounds[0], bounds[1] + 1))
            found.update(bounds)
    return [n for n in citations if n in found]

"""Retrieval metrics shared by `qa eval` and its baselines: gold-section matching, hit@1/hit@3/reciprocal rank
for one ranked list, and the metrics table over many questions (no engine here: plain rows in, numbers out)."""
from __future__ import annotations

from dataclasses import dataclass

from .text import fold


@dataclass(frozen=True)
class Row:
    """How one question fared: whether it was answered, ranked right and held the gold answer."""
    found: bool
    unanswerable: bool              # the gold file expects "not found" (no gold sections, no answers)
    answer_ok: bool | None          # None: the gold item gives no answer strings
    hit1: bool = False
    hit3: bool = False
    rr: float = 0.0


def gold_matches(gold: list[str], section: str, title: str) -> bool:
    for g in gold:
        g = str(g)
        if g == "*" or g == section:
            return True
        if g.startswith("title:") and fold(g[6:]) in fold(title):
            return True
    return False


def score_question(item: dict, ranked: list[tuple[str, str]], found: bool, answer_ok: bool | None) -> Row:
    """One gold item against the (section, title) list a system ranked; "*" gold is judged by the answer."""
    unanswerable = not item["gold"] and not item["answer"]
    if unanswerable:
        return Row(found, True, answer_ok)
    gold = [str(g) for g in item["gold"]]
    if "*" in gold:
        ok = bool(found and answer_ok)
        return Row(found, False, answer_ok, ok, ok, 1.0 if ok else 0.0)
    positions = [i for i, (sec, title) in enumerate(ranked[:10], 1) if gold_matches(gold, sec, title)]
    first = positions[0] if positions and found else None
    return Row(found, False, answer_ok, first == 1, bool(first and first <= 3), 1.0 / first if first else 0.0)


def _mean(values) -> float | None:
    values = list(values)
    return round(sum(values) / len(values), 4) if values else None


def question_metrics(rows: list[Row]) -> dict:
    """The metrics table of one system (the `systems` entries of the eval report)."""
    answerable = [r for r in rows if not r.unanswerable]
    unanswerable = [r for r in rows if r.unanswerable]
    with_answer = [r for r in answerable if r.answer_ok is not None]
    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "hit@1": _mean(r.hit1 for r in answerable),
        "hit@3": _mean(r.hit3 for r in answerable),
        "mrr@10": _mean(r.rr for r in answerable),
        "answer@1": _mean(bool(r.answer_ok) for r in with_answer),
        "unanswerable": len(unanswerable),
        "declined": _mean(not r.found for r in unanswerable),
        "false_declines": _mean(not r.found for r in answerable),
    }

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
    review_ok: bool | None = None   # a library: answered (or declined) by the review the item names (None: one review)


def split_doc(gold: str) -> tuple[str, str]:
    """A gold entry's review and the rest: "statins:2.1" -> ("statins", "2.1"); "2.1", "*", "title:WORD" name
    none (a section id never holds ':'), "statins:title:WORD" and "statins:*" do."""
    if gold.startswith("title:") or ":" not in gold:
        return "", gold
    doc, _, rest = gold.partition(":")
    return doc, rest


def reviews_named(gold) -> set[str]:
    """The reviews a list of gold entries names (none for one review's gold)."""
    return {split_doc(str(g))[0] for g in gold} - {""}


def gold_matches(gold: list[str], section: str, title: str, doc: str = "") -> bool:
    """Whether a passage (its section, title and, in a library, review) is one the gold entries name; an entry
    that names a review matches only that review's passages."""
    for g in gold:
        named, g = split_doc(str(g))
        if named and named != doc:
            continue
        if g == "*" or g == section:
            return True
        if g.startswith("title:") and fold(g[6:]) in fold(title):
            return True
    return False


def score_question(item: dict, ranked: list[tuple], found: bool, answer_ok: bool | None,
                   review: str | None = None) -> Row:
    """One gold item against the (section, title[, review]) list a system ranked; "*" gold is judged by the
    answer. `review`: in a library, the review that answered (judged against the reviews the gold names)."""
    unanswerable = not item["gold"] and not item["answer"]
    if unanswerable:
        return Row(found, True, answer_ok)
    gold = [str(g) for g in item["gold"]]
    named = reviews_named(gold)
    # the review the router chose (its answer, or its "not found" when no review had one), right or not
    review_ok = None if review is None or not named else review in named
    if any(split_doc(g)[1] == "*" for g in gold):
        ok = bool(found and answer_ok) and review_ok is not False
        return Row(found, False, answer_ok, ok, ok, 1.0 if ok else 0.0, review_ok)
    positions = [i for i, (sec, title, *doc) in enumerate(ranked[:10], 1)
                 if gold_matches(gold, sec, title, doc[0] if doc else "")]
    first = positions[0] if positions and found else None
    return Row(found, False, answer_ok, first == 1, bool(first and first <= 3), 1.0 / first if first else 0.0,
               review_ok)


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
    } | ({"review@1": _mean(r.review_ok for r in answerable if r.review_ok is not None)}
         if any(r.review_ok is not None for r in answerable) else {})

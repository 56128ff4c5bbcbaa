"""Evaluation on a gold YAML file: hit@1/3, MRR@10, answer@1, declines, claim accuracy, baselines beside."""
from __future__ import annotations

from pathlib import Path

from .baselines import run_baselines
from .engine import Engine, QueryError
from .formats import VERDICTS
from .metrics import question_metrics, reviews_named, score_question, split_doc
from .models import Answer
from .text import fold
from .yamlfile import read_yaml_list

def load_gold(path: Path) -> list[dict]:
    """Read and check a gold file; a malformed entry is a usage error naming its position."""
    data = read_yaml_list(path, "gold items", QueryError, kind="gold file")
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or not ("q" in item or "claim" in item):
            raise QueryError(f"{path}: item {i} needs a 'q' or a 'claim'")
        if "claim" in item and item.get("verdict") not in VERDICTS:
            raise QueryError(f"{path}: item {i} ({item.get('id', '?')}): verdict must be one of {', '.join(VERDICTS)}")
        item.setdefault("id", f"item{i}")
        item.setdefault("gold", [])
        item.setdefault("answer", [])
    return data


def select_split(items: list[dict], split: str, label: str) -> list[dict]:
    """The items of one split ("all": every item); a usage error when the file has none of it, so that a file
    without splits never scores as an empty report."""
    if not items:
        raise QueryError(f"{label}: no questions or claims in the gold file")
    if split == "all":
        return items
    chosen = [i for i in items if i.get("split") == split]
    if not chosen:
        marked = sorted({str(i["split"]) for i in items if i.get("split") is not None})
        if not marked:
            raise QueryError(f"{label}: no item has a split, so --split {split} selects nothing (mark items "
                             f"`split: tune` or `split: heldout`, or leave out --split)")
        raise QueryError(f"{label}: no item has split {split} (the file has: {', '.join(marked)})")
    return chosen


def name_reviews(items: list[dict], reviews: list[str], listed: str, label: str) -> list[dict]:
    """A library's gold items, each naming the review that holds its answer: a `doc: ID` key (applied to its gold
    sections) or gold sections written ID:SECTION, as `qa show` takes them. An answerable question or a claim the
    review states or contradicts must name one; an unknown id is a usage error listing the library's reviews
    (`listed`: Library.listed())."""
    known = set(reviews)
    out = []
    for item in items:
        doc = item.get("doc")
        gold = [str(g) for g in item["gold"]]
        if doc is not None:
            doc = str(doc)
            # no sections: any of that review's ("doc:*"), unless the item expects no answer at all
            gold = [g if split_doc(g)[0] else f"{doc}:{g}" for g in gold] or (
                [f"{doc}:*"] if "claim" in item or item["answer"] else [])
        named = reviews_named(gold)
        unknown = sorted(named - known)
        if unknown:
            raise QueryError(f"{label}: item {item['id']} names no review of this library: {', '.join(unknown)} "
                             f"(its reviews: {listed})")
        needs = (item["answer"] or item["gold"]) if "q" in item else item.get("verdict") != "not_found"
        if needs and not named:
            raise QueryError(f"{label}: item {item['id']}: in a library an item names the review that holds its "
                             f"answer: `doc: ID` or gold sections as ID:SECTION (its reviews: {listed})")
        out.append({**item, "gold": gold})
    return out


def answer_contains(answer: Answer, needles: list[str]) -> bool:
    """The contract's answer@1 rule: any needle in the answer sentence, the top passage or the returned facts
    (case-insensitive, after folding Greek letters and dashes)."""
    hay = []
    if answer.found and answer.sentence:
        hay.append(answer.sentence.text)
    if answer.hits:
        hay.append(answer.hits[0].passage.text)
    for f in answer.facts:
        hay.append(f.summary)
        hay.append(f.evidence)
    folded = fold(" \n ".join(hay))
    return any(fold(n) in folded for n in needles)


def evaluate_questions(engine: Engine, items: list[dict], k: int, context: bool = True) -> tuple[dict, list[dict]]:
    """Items with a `conversation` id are turns of that conversation, in file order, each asked in the topic the
    earlier turns left (with context=False, each asked alone)."""
    rows, misses = [], []
    topics: dict = {}
    for item in items:
        conversation = item.get("conversation")
        carried = topics.get(conversation) if context and conversation is not None else None
        answer = engine.ask(str(item["q"]), k=k, context=carried)
        if conversation is not None:
            topics[conversation] = answer.topic
        answer_ok = answer_contains(answer, [str(a) for a in item["answer"]]) if item["answer"] and answer.found \
            else (False if item["answer"] else None)
        ranked = [(h.passage.section, h.passage.title, h.passage.doc) for h in answer.hits]
        review = answer.review.id if answer.review is not None else None      # a library's answer
        row = score_question(item, ranked, answer.found, answer_ok, review)
        rows.append(row)
        wrong = (row.unanswerable and answer.found) or (not row.unanswerable and (not row.hit1 or answer_ok is False))
        if wrong:
            misses.append({"id": item["id"], "q": item["q"], "understood": answer.understood,
                           "gold": item["gold"], "answer": item["answer"],
                           "found": answer.found, "top": _placed(answer, ranked[0][0]) if ranked else None,
                           "top_passage": _placed(answer, answer.hits[0].passage.id) if answer.hits else None,
                           "said": answer.sentence.text if answer.sentence else None})
    return question_metrics(rows), misses


def _placed(answer: Answer, place: str) -> str:
    """A section or passage as a miss names it: DOC:SEC for a library's answer."""
    return f"{answer.review.id}:{place}" if answer.review is not None else place


def evaluate_claims(engine: Engine, items: list[dict]) -> tuple[dict, list[dict]]:
    """Accuracy and the confusion matrix; in a library also review@1, the share of claims that name a review
    checked in that review."""
    confusion = {g: {p: 0 for p in VERDICTS} for g in VERDICTS}
    misses = []
    routed: list[bool] = []
    for item in items:
        verdict = engine.check(str(item["claim"]))
        confusion[item["verdict"]][verdict.verdict] += 1
        named = reviews_named(item["gold"])
        right_review = True
        if verdict.review is not None and named:
            right_review = verdict.review.id in named
            routed.append(right_review)
        if verdict.verdict != item["verdict"] or not right_review:
            miss = {"id": item["id"], "claim": item["claim"], "expected": item["verdict"],
                    "got": verdict.verdict, "reason": verdict.reason}
            if verdict.review is not None:
                miss["review"] = verdict.review.id
            misses.append(miss)
    total = sum(sum(row.values()) for row in confusion.values())
    correct = sum(confusion[v][v] for v in VERDICTS)
    out = {"claims": total, "accuracy": round(correct / total, 4) if total else None, "confusion": confusion}
    if routed:
        out["review@1"] = round(sum(routed) / len(routed), 4)
    return out, misses


def run_eval(engine: Engine, items: list[dict], split: str = "all", k: int = 10,
             baselines: bool = False) -> dict:
    """The eval report: the record `qa eval --json` prints and the text format tabulates."""
    if split != "all":
        items = [i for i in items if i.get("split") == split]
    questions = [i for i in items if "q" in i]
    claims = [i for i in items if "claim" in i]
    report: dict = {"schema": 1, "split": split, "systems": {}, "misses": []}
    if questions:
        metrics, misses = evaluate_questions(engine, questions, k)
        report["systems"]["qa"] = metrics
        report["misses"].extend(misses)
        if any(i.get("conversation") is not None for i in questions):
            # the same turns asked alone, beside: what the conversation's context is worth
            report["systems"]["qa, turns alone"] = evaluate_questions(engine, questions, k, context=False)[0]
        if baselines:
            report["systems"].update(run_baselines(engine, questions, k))
    if claims:
        metrics, misses = evaluate_claims(engine, claims)
        report["claims"] = metrics
        report["misses"].extend(misses)
    report["meta"] = {"corpus": engine.corpus_id, "ranker": f"{engine.tokenizer.settings};{engine.settings.describe()}"}
    return report

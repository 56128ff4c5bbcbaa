"""Evaluation on a gold YAML file: hit@1/3, MRR@10, answer@1, declines, claim accuracy, baselines beside."""
from __future__ import annotations

from pathlib import Path

from .baselines import run_baselines
from .engine import Engine, QueryError
from .formats import VERDICTS
from .metrics import question_metrics, score_question
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
        ranked = [(h.passage.section, h.passage.title) for h in answer.hits]
        row = score_question(item, ranked, answer.found, answer_ok)
        rows.append(row)
        wrong = (row.unanswerable and answer.found) or (not row.unanswerable and (not row.hit1 or answer_ok is False))
        if wrong:
            misses.append({"id": item["id"], "q": item["q"], "understood": answer.understood,
                           "gold": item["gold"], "answer": item["answer"],
                           "found": answer.found, "top": ranked[0][0] if ranked else None,
                           "top_passage": answer.hits[0].passage.id if answer.hits else None,
                           "said": answer.sentence.text if answer.sentence else None})
    return question_metrics(rows), misses


def evaluate_claims(engine: Engine, items: list[dict]) -> tuple[dict, list[dict]]:
    confusion = {g: {p: 0 for p in VERDICTS} for g in VERDICTS}
    misses = []
    for item in items:
        verdict = engine.check(str(item["claim"]))
        confusion[item["verdict"]][verdict.verdict] += 1
        if verdict.verdict != item["verdict"]:
            misses.append({"id": item["id"], "claim": item["claim"], "expected": item["verdict"],
                           "got": verdict.verdict, "reason": verdict.reason})
    total = sum(sum(row.values()) for row in confusion.values())
    correct = sum(confusion[v][v] for v in VERDICTS)
    return {"claims": total, "accuracy": round(correct / total, 4) if total else None,
            "confusion": confusion}, misses


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

"""Evaluation on a gold YAML file: hit@1/3, MRR@10, answer@1, declines, claim accuracy, baselines beside."""
from __future__ import annotations

from pathlib import Path

from .baselines import run_baselines
from .engine import Engine, QueryError
from .metrics import question_metrics, score_question
from .output import answer_contains, answer_json
from .yamlfile import read_yaml_list

VERDICTS = ("supported", "contradicted", "not_found")


def load_gold(path: Path) -> list[dict]:
    """Read and check a gold file; a malformed entry is a usage error naming its position."""
    if not path.is_file():
        raise QueryError(f"{path}: no such gold file")
    data = read_yaml_list(path, "gold items", QueryError)
    for i, item in enumerate(data, 1):
        if not isinstance(item, dict) or not ("q" in item or "claim" in item):
            raise QueryError(f"{path}: item {i} needs a 'q' or a 'claim'")
        if "claim" in item and item.get("verdict") not in VERDICTS:
            raise QueryError(f"{path}: item {i} ({item.get('id', '?')}): verdict must be one of {', '.join(VERDICTS)}")
        item.setdefault("id", f"item{i}")
        item.setdefault("gold", [])
        item.setdefault("answer", [])
    return data


def evaluate_questions(engine: Engine, items: list[dict], k: int) -> tuple[dict, list[dict]]:
    rows, misses = [], []
    for item in items:
        answer = engine.ask(str(item["q"]), k=k)
        record = answer_json(answer)
        answer_ok = answer_contains(record, [str(a) for a in item["answer"]]) if item["answer"] and answer.found \
            else (False if item["answer"] else None)
        ranked = [(h.passage.section, h.passage.title) for h in answer.hits]
        row = score_question(item, ranked, answer.found, answer_ok)
        rows.append(row)
        wrong = (row.unanswerable and answer.found) or (not row.unanswerable and (not row.hit1 or answer_ok is False))
        if wrong:
            misses.append({"id": item["id"], "q": item["q"], "gold": item["gold"], "answer": item["answer"],
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
    if split != "all":
        items = [i for i in items if i.get("split") == split]
    questions = [i for i in items if "q" in i]
    claims = [i for i in items if "claim" in i]
    report: dict = {"schema": 1, "split": split, "systems": {}, "misses": []}
    if questions:
        metrics, misses = evaluate_questions(engine, questions, k)
        report["systems"]["qa"] = metrics
        report["misses"].extend(misses)
        if baselines:
            report["systems"].update(run_baselines(engine, questions, k))
    if claims:
        metrics, misses = evaluate_claims(engine, claims)
        report["claims"] = metrics
        report["misses"].extend(misses)
    report["meta"] = {"corpus": engine.corpus_id, "ranker": f"{engine.tokenizer.settings};{engine.settings.describe()}"}
    return report


ROWS = ("questions", "answerable", "hit@1", "hit@3", "mrr@10", "answer@1", "unanswerable", "declined",
        "false_declines")


def format_report(report: dict) -> str:
    out = []
    systems = report["systems"]
    if systems:
        names = list(systems)
        out.append(f"Retrieval ({report['split']} split)")
        out.append("| metric | " + " | ".join(names) + " |")
        out.append("|---|" + "---|" * len(names))
        for row in ROWS:
            cells = []
            for name in names:
                v = systems[name].get(row)
                cells.append("—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)))
            out.append(f"| {row} | " + " | ".join(cells) + " |")
        out.append("")
    claims = report.get("claims")
    if claims:
        out.append(f"Claims: {claims['claims']}, accuracy {claims['accuracy']:.3f}")
        out.append("| gold \\ predicted | " + " | ".join(VERDICTS) + " |")
        out.append("|---|---|---|---|")
        for g in VERDICTS:
            out.append(f"| {g} | " + " | ".join(str(claims["confusion"][g][p]) for p in VERDICTS) + " |")
        out.append("")
    if report["misses"]:
        out.append(f"Misses ({len(report['misses'])}):")
        for m in report["misses"]:
            if "claim" in m:
                out.append(f"  {m['id']}: expected {m['expected']}, got {m['got']} — {m['claim']}  [{m['reason']}]")
            else:
                got = f"§{m['top']} ({m['top_passage']})" if m["found"] else "not found"
                out.append(f"  {m['id']}: gold {m['gold'] or 'none'}, got {got} — {m['q']}")
    return "\n".join(out).rstrip() + "\n"

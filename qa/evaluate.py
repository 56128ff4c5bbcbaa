"""Evaluation on a gold YAML file: hit@1/3, MRR@10, answer@1, declines, claim accuracy, baselines beside."""
from __future__ import annotations

from pathlib import Path

from .engine import Engine, QueryError
from .output import answer_contains, answer_json
from .yamlfile import read_yaml_list
from .text import fold

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


def gold_matches(gold: list[str], section: str, title: str) -> bool:
    for g in gold:
        g = str(g)
        if g == "*" or g == section:
            return True
        if g.startswith("title:") and fold(g[6:]) in fold(title):
            return True
    return False


def _score_ranking(item: dict, ranked: list[tuple[str, str]], found: bool, answer_ok: bool | None) -> dict:
    gold = [str(g) for g in item["gold"]]
    if "*" in gold:
        ok = bool(found and answer_ok)
        return {"hit1": ok, "hit3": ok, "rr": 1.0 if ok else 0.0}
    positions = [i for i, (sec, title) in enumerate(ranked[:10], 1) if gold_matches(gold, sec, title)]
    first = positions[0] if positions and found else None
    return {"hit1": first == 1, "hit3": bool(first and first <= 3), "rr": 1.0 / first if first else 0.0}


def _question_metrics(rows: list[dict]) -> dict:
    answerable = [r for r in rows if not r["unanswerable"]]
    unanswerable = [r for r in rows if r["unanswerable"]]
    with_answer = [r for r in answerable if r["answer_ok"] is not None]

    def mean(values):
        values = list(values)
        return round(sum(values) / len(values), 4) if values else None

    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "hit@1": mean(r["hit1"] for r in answerable),
        "hit@3": mean(r["hit3"] for r in answerable),
        "mrr@10": mean(r["rr"] for r in answerable),
        "answer@1": mean(bool(r["answer_ok"]) for r in with_answer),
        "unanswerable": len(unanswerable),
        "declined": mean(not r["found"] for r in unanswerable),
        "false_declines": mean(not r["found"] for r in answerable),
    }


def evaluate_questions(engine: Engine, items: list[dict], k: int) -> tuple[dict, list[dict]]:
    rows, misses = [], []
    for item in items:
        answer = engine.ask(str(item["q"]), k=k)
        record = answer_json(answer)
        unanswerable = not item["gold"] and not item["answer"]
        answer_ok = answer_contains(record, [str(a) for a in item["answer"]]) if item["answer"] and answer.found \
            else (False if item["answer"] else None)
        ranked = [(h.passage.section, h.passage.title) for h in answer.hits]
        row = {"id": item["id"], "found": answer.found, "unanswerable": unanswerable, "answer_ok": answer_ok,
               **({"hit1": False, "hit3": False, "rr": 0.0} if unanswerable else
                  _score_ranking(item, ranked, answer.found, answer_ok))}
        rows.append(row)
        wrong = (unanswerable and answer.found) or (not unanswerable and (not row["hit1"] or answer_ok is False))
        if wrong:
            misses.append({"id": item["id"], "q": item["q"], "gold": item["gold"], "answer": item["answer"],
                           "found": answer.found, "top": ranked[0][0] if ranked else None,
                           "top_passage": answer.hits[0].passage.id if answer.hits else None,
                           "said": answer.sentence.text if answer.sentence else None})
    return _question_metrics(rows), misses


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
            from .baselines import run_baselines
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

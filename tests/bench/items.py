"""Item recall and precision of gathered answers on a gold file whose questions list their `items`
(`python tests/bench/items.py GOLD.yaml`), beside what the one-sentence answer (gathering off) names.

A gold item is "name | other name | ..."; it is found when one of its names, folded, equals a gathered item's
entity or one of the entity's other names, or is contained in it (a section title holds its subject). Recall
per question is found gold items over gold items; precision is, over all questions, gathered items that match a
gold item over all gathered items. The one-sentence answer finds a gold item when one of its names is in the
answer text."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.engine import Engine            # noqa: E402
from qa.text import fold                # noqa: E402
import yaml                            # noqa: E402


def names_of(engine: Engine, entity: str) -> set[str]:
    out = {fold(entity)}
    for m in engine.names.mentions_of(entity):
        out |= {fold(n) for n in engine.names.members(m.entity)}
    return out


def matches(gold: str, names: set[str]) -> bool:
    alts = [fold(a.strip()) for a in gold.split("|") if a.strip()]
    return any(a == n or (len(a) > 3 and a in n) or (len(n) > 3 and n in a) for a in alts for n in names)


def score(engine: Engine, items: list[dict], gather: bool = True) -> dict:
    recalls, matched_pred, total_pred, rows = [], 0, 0, []
    saved = engine.gatherer.gather
    if not gather:
        engine.gatherer.gather = lambda reading: None
    try:
        for item in items:
            answer = engine.ask(str(item["q"]))
            gold = [str(g) for g in item.get("items") or []]
            if not gold:
                continue
            got = answer.gathered.items if (answer.found and answer.gathered is not None) else ()
            if gather and got:
                named = [names_of(engine, i.entity) for i in got]
                found = [g for g in gold if any(matches(g, n) for n in named)]
                good = sum(1 for n in named if any(matches(g, n) for g in gold))
                matched_pred += good
                total_pred += len(named)
            else:
                text = fold(answer.sentence.text) if answer.found and answer.sentence else ""
                found = [g for g in gold if any(fold(a.strip()) in text for a in g.split("|") if a.strip())]
            recalls.append(len(found) / len(gold))
            rows.append({"id": item.get("id"), "kind": item.get("kind"), "recall": round(len(found) / len(gold), 3),
                         "gathered": len(got) if gather else 0, "gold": len(gold)})
    finally:
        engine.gatherer.gather = saved
    n = len(recalls)
    return {"questions": n,
            "recall>=0.9": round(sum(r >= 0.9 for r in recalls) / n, 3) if n else 0.0,
            "mean recall": round(sum(recalls) / n, 3) if n else 0.0,
            "precision": round(matched_pred / total_pred, 3) if total_pred else None,
            "gathered answers": sum(1 for r in rows if r["gathered"]), "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--rows", action="store_true", help="print each question's recall too")
    args = parser.parse_args()
    try:
        items = yaml.safe_load(args.gold.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        print(f"items.py: cannot read {args.gold}: {exc}", file=sys.stderr)
        return 2
    if not isinstance(items, list) or not all(isinstance(i, dict) and "q" in i for i in items):
        print(f"items.py: {args.gold}: expected a YAML list of questions with 'q' and 'items'", file=sys.stderr)
        return 2
    engine = Engine.load()
    gathered = score(engine, items)
    sentence = score(engine, items, gather=False)
    for name, report in (("gathered", gathered), ("one sentence", sentence)):
        rows = report.pop("rows")
        print(f"{name}: " + json.dumps(report))
        if args.rows:
            for row in rows:
                print("  ", row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

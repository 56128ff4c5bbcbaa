"""Cross-validated thresholds of the claim checker: k folds over every claim set, the best grid point on the other
folds scored on the held-out one. Run from the repository root:  python tests/bench/calibrate.py

A false "supported" costs twice a plain miss when choosing (a fact-checker that calls a false claim supported is
worse than none). Prints each fold's choice and its held-out accuracy, then the choice on all claims."""
from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.check import pipeline, thresholds  # noqa: E402
from qa.check.rules import cited_works, numbers, superlatives  # noqa: E402
from qa.engine import Engine  # noqa: E402

SETS = ["dev_claims.yaml", "blind11_claims.yaml", "blind12_claims.yaml", "blind13_claims.yaml", "blind14_claims.yaml",
        "blind15_claims.yaml", "blind16_claims.yaml", "blind17_claims.yaml", "blind18_claims.yaml",
        "blind19_claims.yaml", "blind20_claims.yaml"]
GRID = {"FOUND": [0.45, 0.5, 0.55, 0.6], "NUMBER_CLASH": [0.5, 0.6, 0.7, 0.8], "SWAP_COVERAGE": [0.6, 0.7, 0.8]}
HOMES = {"FOUND": (thresholds, pipeline, numbers, superlatives, cited_works), "NUMBER_CLASH": (thresholds, numbers),
         "SWAP_COVERAGE": (pipeline,)}


DEFAULTS = {"FOUND": thresholds.FOUND, "NUMBER_CLASH": thresholds.NUMBER_CLASH,
            "SWAP_COVERAGE": pipeline.SWAP_COVERAGE}


def distance(params: dict) -> float:
    """Ties go to the point nearest today's values: a threshold that does not matter stays where it is."""
    return sum(abs(params[k] - DEFAULTS[k]) for k in params)


def set_params(params: dict) -> None:
    for name, value in params.items():
        for module in HOMES[name]:
            setattr(module, name, value)


def cost(results: list[tuple[str, str]]) -> float:
    return sum(0 if got == gold else 2 if got == "supported" else 1 for gold, got in results)


def main(folds: int = 5) -> None:
    engine = Engine.load()
    items = [i for name in SETS for i in yaml.safe_load((ROOT / "tests" / "data" / name).read_text()) if "claim" in i]
    random.Random(11).shuffle(items)
    points = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    table = {}
    for n, params in enumerate(points):
        set_params(params)
        table[n] = [(i["verdict"], engine.check(i["claim"]).verdict) for i in items]
    set_params(DEFAULTS)
    print(f"{len(items)} claims from {', '.join(SETS)}; {len(points)} grid points; {folds} folds")
    scores = []
    for f in range(folds):
        test = [j for j in range(len(items)) if j % folds == f]
        train = [j for j in range(len(items)) if j % folds != f]
        best = min(table, key=lambda n: (cost([table[n][j] for j in train]), distance(points[n])))
        held = [table[best][j] for j in test]
        acc = sum(g == p for g, p in held) / len(held)
        false_sup = sum(p == "supported" and g != "supported" for g, p in held)
        scores.append(acc)
        print(f"fold {f + 1}: chose {points[best]} -> held-out accuracy {acc:.3f}, false supported {false_sup}")
    print(f"mean held-out accuracy {sum(scores) / len(scores):.3f}")
    best = min(table, key=lambda n: (cost(table[n]), distance(points[n])))
    print(f"on all claims: {points[best]} (accuracy {sum(g == p for g, p in table[best]) / len(items):.3f})")


if __name__ == "__main__":
    main()

"""Fit the found/not-found decision (qa/relevance.py: WEIGHTS, BIAS) by logistic regression with 5-fold
cross-validation over every question set of the review. Run from the repository root:
    python tests/bench/fit_found.py

Each fold: weights fitted on the other folds, then the bias lowered until at most 2% of their answerable questions
are declined; the held-out fold is scored with both. Prints each fold's held-out declines and false declines,
then the weights and bias fitted on all questions (what qa/relevance.py holds)."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.engine import Engine  # noqa: E402
from qa.relevance import FEATURES, features  # noqa: E402

SETS = ["dev_questions.yaml", "blind11_questions.yaml", "fresh_questions.yaml", "blind13_questions.yaml",
        "public_questions.yaml", "blind14_questions.yaml", "public2_questions.yaml",
        "blind15_questions.yaml"]
MOST_FALSE_DECLINES = 0.02     # the cap: at most 2% of answerable questions declined
L2 = 0.0


def rows(engine: Engine) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for name in SETS:
        for item in yaml.safe_load((ROOT / "tests" / "data" / name).read_text()):
            if "q" not in item:
                continue
            reading = engine.read(engine.clean_question(item["q"]))
            evidence = engine.evidence.gather(reading, 5)
            if not evidence.hits:
                continue          # declined before any feature: nothing shares a word with the question
            xs.append(features(reading, evidence, engine.stats).vector())
            ys.append(1.0 if (item.get("gold") or item.get("answer")) else 0.0)
    return np.array(xs), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray, steps: int = 20000, rate: float = 1.0) -> tuple[np.ndarray, float]:
    """Logistic regression by gradient descent (numpy only: the decision has six features)."""
    w, b = np.zeros(x.shape[1]), 0.0
    pos = y.mean()
    weight = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))       # the classes weigh alike
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = weight * (p - y)
        w -= rate * (x.T @ g / len(y) + L2 * w)
        b -= rate * g.mean()
    return w, b


def calibrated_bias(x: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    """The highest bias at which no more than MOST_FALSE_DECLINES of the answerable questions are declined (those
    declined for a name the review never uses count too)."""
    known = x[:, FEATURES.index("known")] == 1
    answerable = np.sort(x[(y == 1) & known] @ w)
    allowed = int(np.floor(MOST_FALSE_DECLINES * (y == 1).sum())) - int(((y == 1) & ~known).sum())
    allowed = max(0, allowed)
    return float(-(answerable[allowed] - 1e-6)) if len(answerable) else b


def main(folds: int = 5) -> None:
    engine = Engine.load()
    x, y = rows(engine)
    order = list(range(len(y)))
    random.Random(13).shuffle(order)
    print(f"{len(y)} questions ({int(y.sum())} answerable) from {', '.join(SETS)}; features {', '.join(FEATURES)}")
    for f in range(folds):
        test = [order[j] for j in range(len(order)) if j % folds == f]
        train = [order[j] for j in range(len(order)) if j % folds != f]
        w, b = fit(x[train], y[train])
        b = calibrated_bias(x[train], y[train], w, b)
        found = (x[test] @ w + b >= 0) & (x[test][:, FEATURES.index("known")] == 1)   # as decide() applies it
        yt = y[test]
        declined = float((~found[yt == 0]).mean()) if (yt == 0).any() else float("nan")
        false = float((~found[yt == 1]).mean())
        print(f"fold {f + 1}: held-out unanswerable declined {declined:.3f}, answerable declined {false:.3f}")
    w, b = fit(x, y)
    b = calibrated_bias(x, y, w, b)
    print("WEIGHTS = (" + ", ".join(f"{v:.1f}" for v in w) + ")")
    print(f"BIAS = {b:.1f}")


if __name__ == "__main__":
    main()

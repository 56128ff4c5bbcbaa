"""Answer quality: the dev set's held-out half must stay above a floor set just under what we reach."""
from __future__ import annotations

import json

import pytest

from conftest import DATA, run_qa
from qa.evaluate import load_gold, run_eval
from qa.metrics import gold_matches

QUESTIONS = DATA / "dev_questions.yaml"

# Measured on the held-out half when the ranker was tuned (see README, "Answer quality"):
# hit@1 0.966, hit@3 0.992, MRR@10 0.981, answer@1 0.966, declined 0.923. Since the found/not-found decision was
# fitted over every question set with at most 2% of answerable questions declined: declined 0.769.
FLOOR = {"hit@1": 0.95, "hit@3": 0.98, "mrr@10": 0.97, "answer@1": 0.95, "declined": 0.75}


@pytest.fixture(scope="module")
def heldout_report(engine):
    return run_eval(engine, load_gold(QUESTIONS), split="heldout", k=10)


# A second set of 100 questions written later by someone who had not seen the first; four general fixes were
# made after its first run (glossary names are known names, drug names repaired by one edit at most, words that
# name the article itself, "come out online"). Measured: hit@1 0.963, hit@3 1.000, answer@1 1.000, declined 0.90.
FRESH_FLOOR = {"hit@1": 0.94, "hit@3": 0.98, "answer@1": 0.97, "declined": 0.85}


# Blind sets written from the review alone by someone who had seen neither the code nor the earlier sets
# (tests/data/blind11_*.yaml; first-run figures in the README). They stay as regression tests: floors just under
# the figures measured after the one-pipeline rebuild (questions hit@1 0.942, hit@3 0.959, answer@1 0.919,
# declined 0.714; claims accuracy 0.715 with 9 false "supported").
BLIND11_FLOOR = {"hit@1": 0.94, "hit@3": 0.97, "answer@1": 0.93, "declined": 0.58}


@pytest.mark.parametrize("metric", sorted(BLIND11_FLOOR))
def test_blind11_question_set_floor(engine, metric):
    report = run_eval(engine, load_gold(DATA / "blind11_questions.yaml"), k=10)
    assert report["systems"]["qa"][metric] >= BLIND11_FLOOR[metric], report["misses"]


# Blind question set 13 and the public questions (first runs in the README; since then calibration data of the
# found/not-found decision): floors just under today's figures.
LATER_QUESTION_FLOORS = [
    ("blind13_questions.yaml", {"hit@1": 0.85, "hit@3": 0.91, "answer@1": 0.88, "declined": 0.72}),
    ("public_questions.yaml", {"hit@3": 0.85, "answer@1": 0.80, "declined": 0.30}),
    ("blind14_questions.yaml", {"hit@1": 0.82, "hit@3": 0.94, "answer@1": 0.89, "declined": 0.46}),
    ("public2_questions.yaml", {"hit@3": 0.80, "answer@1": 0.70, "declined": 0.06}),
    ("blind15_questions.yaml", {"hit@1": 0.84, "hit@3": 0.89, "answer@1": 0.87, "declined": 0.68}),
    ("blind16_questions.yaml", {"hit@1": 0.86, "hit@3": 0.92, "answer@1": 0.90, "declined": 0.70}),
    ("public3_questions.yaml", {"hit@3": 0.83, "answer@1": 0.64, "declined": 0.41}),
    ("conv1_questions.yaml", {"hit@1": 0.90, "hit@3": 0.93, "answer@1": 0.90, "declined": 0.60}),
    ("conv2_questions.yaml", {"hit@1": 0.87, "hit@3": 0.93, "answer@1": 0.90, "declined": 0.46}),
    ("conv3_questions.yaml", {"hit@1": 0.90, "hit@3": 0.93, "answer@1": 0.90, "declined": 0.60}),
    ("conv4_questions.yaml", {"hit@1": 0.90, "hit@3": 0.93, "answer@1": 0.92, "declined": 0.42}),
]


@pytest.mark.parametrize("name,floor", LATER_QUESTION_FLOORS)
def test_later_question_set_floor(engine, name, floor):
    report = run_eval(engine, load_gold(DATA / name), k=10)["systems"]["qa"]
    assert all(report[m] >= v for m, v in floor.items()), report


def _false_supported(claims: dict) -> int:
    return sum(claims["confusion"][gold]["supported"] for gold in ("contradicted", "not_found"))


# Every blind claim set (first-run figures in the README) stays as a regression test: floors just under today's
# accuracy, and no more false "supported" than today. (set, corpus, accuracy floor, most false supported)
CLAIM_FLOORS = [   # today's figures less about two points: a regression floor, not a target
    ("blind11_claims.yaml", None, 0.88, 0), ("blind12_claims.yaml", None, 0.93, 1),
    ("blind13_claims.yaml", None, 0.95, 0), ("blind14_claims.yaml", None, 0.88, 1),
    ("blind15_claims.yaml", None, 0.86, 1), ("blind16_claims.yaml", None, 0.84, 3),
    ("blind17_claims.yaml", None, 0.87, 2), ("blind18_claims.yaml", None, 0.86, 2),
    ("blind19_claims.yaml", None, 0.87, 2), ("blind20_claims.yaml", None, 0.84, 6),
    ("mini_claims.yaml", "mini_corpus", 0.77, 3), ("mini_claims2.yaml", "mini_corpus", 0.78, 2),
    ("mini_claims3.yaml", "mini_corpus", 0.85, 1), ("mini_claims4.yaml", "mini_corpus", 0.72, 3),
    ("mini_claims5.yaml", "mini_corpus", 0.78, 0), ("mini_claims6.yaml", "mini_corpus", 0.61, 1),
    ("mini_claims7.yaml", "mini_corpus", 0.50, 3),
]


@pytest.mark.parametrize("name,corpus,floor,most_false", CLAIM_FLOORS)
def test_blind_claim_set_floor(engine, mini_engine, name, corpus, floor, most_false):
    claims = run_eval(mini_engine if corpus else engine, load_gold(DATA / name), k=10)["claims"]
    assert claims["accuracy"] >= floor and _false_supported(claims) <= most_false, claims


@pytest.mark.parametrize("metric", sorted(FRESH_FLOOR))
def test_fresh_question_set_floor(engine, metric):
    report = run_eval(engine, load_gold(DATA / "fresh_questions.yaml"), k=10)
    assert report["systems"]["qa"][metric] >= FRESH_FLOOR[metric], report["misses"]


def test_dev_set_shape():
    items = load_gold(QUESTIONS)
    assert len(items) >= 150
    assert len({i["id"] for i in items}) == len(items)
    assert sum(1 for i in items if not i["gold"] and not i["answer"]) >= 15
    assert {i["split"] for i in items} == {"tune", "heldout"}


@pytest.mark.parametrize("metric", sorted(FLOOR))
def test_heldout_quality_floor(heldout_report, metric):
    value = heldout_report["systems"]["qa"][metric]
    assert value >= FLOOR[metric], f"{metric} fell to {value} (floor {FLOOR[metric]}); misses: " + \
        "; ".join(f"{m['id']}: {m.get('q')}" for m in heldout_report["misses"])


def test_ahead_of_both_baselines(engine):
    pytest.importorskip("bm25s")
    report = run_eval(engine, load_gold(QUESTIONS), split="heldout", k=10, baselines=True)
    ours = report["systems"]["qa"]
    for name in ("rank-bm25 whitespace", "bm25s stem+stop"):
        theirs = report["systems"][name]
        for metric in ("hit@1", "hit@3", "mrr@10", "answer@1", "declined"):
            assert ours[metric] > theirs[metric], (name, metric, ours[metric], theirs[metric])


def test_gold_matching_rules():
    assert gold_matches(["4.2"], "4.2", "Antibody-drug conjugates")
    assert gold_matches(["title:conjugates"], "4.2", "Antibody-drug conjugates")
    assert gold_matches(["*"], "abstract", "Abstract")
    assert not gold_matches(["4.1"], "4.2", "Antibody-drug conjugates")


def test_eval_cli_prints_table_and_json(tmp_path):
    gold = tmp_path / "gold.yaml"
    gold.write_text(
        '- {id: q01, q: "What proportion of breast cancers are HER2-positive?", gold: ["1"], answer: ["15% to 20%"]}\n'
        '- {id: q02, q: "Who edited the article?", gold: ["*"], answer: ["Gary M. Tse"]}\n'
        '- {id: q03, q: "What is the capital of France?", gold: [], answer: []}\n'
        '- {id: c01, claim: "SYD985 had a 33% objective response rate.", verdict: supported, gold: ["4.2"]}\n',
        encoding="utf-8")
    text = run_qa("eval", str(gold))
    assert text.returncode == 0, text.stderr_text
    assert "| hit@1 | 1.000 |" in text.stdout_text and "| declined | 1.000 |" in text.stdout_text
    assert "Claims: 1, accuracy 1.000" in text.stdout_text
    record = json.loads(run_qa("eval", str(gold), "--json").stdout_text)
    assert record["systems"]["qa"]["answer@1"] == 1.0 and record["claims"]["confusion"]["supported"]["supported"] == 1


def test_eval_rejects_bad_gold_files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: c1, claim: x, verdict: maybe}\n", encoding="utf-8")
    proc = run_qa("eval", str(bad))
    assert proc.returncode == 2
    assert proc.stderr_text.strip() == f"qa: {bad}: item 1 (c1): verdict must be one of supported, contradicted, not_found"
    missing = run_qa("eval", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such gold file" in missing.stderr_text


QUESTION_SETS = ["dev_questions.yaml", "blind11_questions.yaml", "fresh_questions.yaml", "blind13_questions.yaml",
                 "public_questions.yaml", "blind14_questions.yaml", "public2_questions.yaml", "blind15_questions.yaml",
                 "blind16_questions.yaml", "public3_questions.yaml"]


@pytest.mark.parametrize("name", QUESTION_SETS)
def test_the_answer_does_not_depend_on_how_many_passages_are_shown(engine, name):
    for item in load_gold(DATA / name):
        one, ten = engine.ask(item["q"], k=1), engine.ask(item["q"], k=10)
        assert one.found == ten.found, item["q"]
        assert (one.sentence.text if one.sentence else None) == (ten.sentence.text if ten.sentence else None), \
            item["q"]
        if one.found:
            assert one.hits[0] == ten.hits[0], item["q"]

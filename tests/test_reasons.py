"""Truthful reasons on every claim of every claim set: quoted evidence is the review's own words, and no reason
says the review lacks a name it prints."""
import re

import pytest
import yaml

from conftest import DATA
from qa.text import fold

SETS = ["dev_claims.yaml", "blind11_claims.yaml", "blind12_claims.yaml", "blind13_claims.yaml", "blind14_claims.yaml",
        "blind15_claims.yaml", "blind16_claims.yaml", "blind17_claims.yaml",
        "blind18_claims.yaml", "blind19_claims.yaml", "blind20_claims.yaml"]
CLAIMS = [item["claim"] for name in SETS for item in yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
          if "claim" in item]


@pytest.fixture(scope="module")
def verdicts(engine):
    return [engine.check(c) for c in CLAIMS]


@pytest.fixture(scope="module")
def review_text(engine):
    return fold(" ".join(p.text for p in engine.document.passages))


def test_evidence_is_a_verbatim_sentence_of_the_review(engine, verdicts):
    units = {u.text for u in engine.sentences.units}
    for v in verdicts:
        for e in v.evidence:
            assert e.text in units, (v.claim, e.text)


def test_quoted_words_in_a_reason_are_the_reviews(verdicts, review_text):
    for v in verdicts:
        for quoted in re.findall(r"\"([^\"]+)\"", v.reason):
            if quoted.startswith(("statement ",)):
                continue
            for piece in re.split(r"\s*…\s*", quoted):
                if piece and fold(piece) not in fold(v.claim):
                    assert fold(piece) in review_text, (v.claim, v.reason)


def test_no_reason_says_the_review_lacks_a_name_it_prints(engine, verdicts, review_text):
    for v in verdicts:
        m = re.search(r"never mentions (.+?)(?:;|$)", v.reason) or re.search(r"nothing about ([^)]+)\)", v.reason)
        if not m:
            continue
        for name in (n.strip() for n in m.group(1).split(",")):
            if "never mentions" in m.group(0):
                assert not re.search(r"(?<![a-z0-9])" + re.escape(fold(name)) + r"(?![a-z0-9])", review_text), \
                    (v.claim, v.reason)

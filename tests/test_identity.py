"""The review's identity comes from the corpus: its fields for the shipped review and the mini corpus, example
questions the review answers and claims it supports, and no review named in the CLI's or the UI's code."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from qa.engine import Engine
from qa.identity import Identity, identity_from, table_label


@pytest.fixture(scope="module")
def mini():
    return Engine.load(DATA / "mini_corpus")


def test_the_shipped_review(engine):
    identity = Identity.of(engine)
    assert identity.title == ("Trastuzumab resistance in HER2-positive breast cancer: Mechanisms, emerging "
                              "biomarkers and targeting agents")
    assert identity.short_title == "Trastuzumab resistance in HER2-positive breast cancer"
    assert (identity.journal, identity.year) == ("Front. Oncol.", 2022)
    assert identity.label == "Trastuzumab resistance in HER2-positive breast cancer (Front. Oncol. 2022)"
    assert identity.reference_range == "1-60"
    assert identity.table_ids == ("table-1",)
    assert identity.section_examples == ("3.1.1", "abstract", "table-1")
    assert identity.source.startswith("Wang Z-h, Zheng Z-q") and identity.source.endswith("10.3389/fonc.2022.1006429")
    assert identity.licence == "CC BY 4.0"
    assert identity.examples == ("What was the PFS of poziotinib?", "What does HER2 stand for?")
    assert identity.claims == ("T-DM1 is an antibody-drug conjugate",)


def test_the_mini_corpus(mini):
    identity = Identity.of(mini)
    assert identity.title == "Metformin and the ageing kidney: a short test review"
    assert identity.label == "Metformin and the ageing kidney (2023)"       # no journal in its front matter
    assert (identity.journal, identity.reference_range, identity.licence) == ("", "1-4", "")
    assert identity.source == identity.title                               # no citation to quote from
    assert identity.examples == ("What does eGFR stand for?",)
    assert identity.claims == ("About 40% of older adults with diabetes have reduced kidney function",)


def test_examples_are_answered_and_claims_supported(engine, mini):
    """What the welcome card and the help invite a user to try works on that review."""
    expected = {"What was the PFS of poziotinib?": ("4.1", "2.94"), "What does HER2 stand for?":
                ("abstract", "human epidermal growth factor receptor 2"), "What does eGFR stand for?": ("1", "eGFR")}
    for eng in (engine, mini):
        identity = Identity.of(eng)
        for question in identity.examples:
            answer = eng.ask(question)
            section, words = expected[question]
            assert answer.found and answer.sentence.section == section and words in answer.sentence.text, question
        for claim in identity.claims:
            assert eng.check(claim).verdict == "supported", claim


def test_examples_follow_the_facts(engine):
    """The examples are made from the facts, not written down: other facts, other examples; none, a question
    about a section (answered too) and no claim."""
    facts = tuple(f for f in engine.facts if f.entity != "poziotinib" and f.entity != "trastuzumab emtansine")
    other = identity_from(engine.document, facts)
    assert other.examples[0] == "What was the ORR of epertinib?"
    assert other.claims[0] == "T-DXd is an antibody-drug conjugate"
    bare = identity_from(engine.document, ())
    assert bare.examples == ("What does the review say about bypass activation?",) and bare.claims == ()
    answer = engine.ask(bare.examples[0])
    assert answer.found and "bypass" in answer.sentence.text.casefold()


def test_table_label():
    assert table_label("table-1") == "Table 1" and table_label("table-12") == "Table 12"


SURFACES = [ROOT / "qa" / name for name in ("cli.py", "formats.py", "identity.py", "batch.py", "evaluate.py",
                                           "terminal.py", "excerpts.py", "lookup.py", "help.py")] + \
    sorted((ROOT / "tui").rglob("*.py"))
NAMED = ("trastuzumab", "her2", "front. oncol", "table-1", "table 1", "1-60")


def _strings(path: Path) -> list[str]:
    """The string literals of a module that are not docstrings (those may give examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


@pytest.mark.parametrize("path", SURFACES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_review_is_named_in_the_surfaces_code(path):
    for text in _strings(path):
        assert not any(word in text.casefold() for word in NAMED), f"{path.name}: {text!r}"

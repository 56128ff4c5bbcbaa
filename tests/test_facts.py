"""Facts: validation messages with FILE:LINE, coverage of the review, Table 1 rebuilt, aliases, linking."""
from __future__ import annotations

import re
import shutil
import textwrap

import pytest

from conftest import ROOT, run_qa
from qa.facts import KINDS, NUMERIC_FIELDS, FactError, load_facts
from qa.parse import _CITE_GROUP
from qa.tables import table_rows_from_facts

GOOD = """\
- id: outcome.epertinib.orr
  kind: outcome
  entity: epertinib
  summary: "Epertinib: ORR 19.0%"
  section: "4.1"
  refs: [52]
  evidence: "An extended phase Ib study found a 19.0% objective response rate (ORR)"
  metric: ORR
  value: 19.0
"""


def _load(tmp_path, document, text, name="test.yaml"):
    facts_dir = tmp_path / "facts"
    facts_dir.mkdir(exist_ok=True)
    (facts_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_facts(facts_dir, document, label_root=tmp_path)


def test_a_valid_fact_loads(tmp_path, document):
    (fact,) = _load(tmp_path, document, GOOD)
    assert fact.id == "outcome.epertinib.orr" and fact.get("value") == 19.0 and fact.refs == (52,)
    assert fact.source == "facts/test.yaml:1"


@pytest.mark.parametrize("change,message", [
    (("value: 19.0", "value: 45"), "facts/test.yaml:9: fact outcome.epertinib.orr: value 45 does not occur in the evidence"),
    (('section: "4.1"', 'section: "9.9"'), "facts/test.yaml:5: fact outcome.epertinib.orr: unknown section '9.9'"),
    (("refs: [52]", "refs: [61]"), "facts/test.yaml:6: fact outcome.epertinib.orr: reference 61 does not exist (the review has references 1-60)"),
    (("refs: [52]", "refs: 52"), "facts/test.yaml:6: fact outcome.epertinib.orr: 'refs' must be a list of reference numbers"),
    (("found a 19.0%", "found a 29.0%"), "facts/test.yaml:7: fact outcome.epertinib.orr: evidence quote not found in the text of section 4.1"),
    (("kind: outcome", "kind: result"), "facts/test.yaml:2: fact outcome.epertinib.orr: unknown kind 'result'"),
    (("  entity: epertinib\n", ""), "facts/test.yaml:1: fact outcome.epertinib.orr: missing required field 'entity'"),
    (("value: 19.0", "value: nineteen"), "facts/test.yaml:9: fact outcome.epertinib.orr: 'value' must be a number or null"),
])
def test_each_kind_of_problem_names_file_line_and_fact(tmp_path, document, change, message):
    with pytest.raises(FactError) as err:
        _load(tmp_path, document, GOOD.replace(*change))
    assert err.value.problems[0].startswith(message), err.value.problems


def test_duplicate_ids_across_the_file(tmp_path, document):
    with pytest.raises(FactError) as err:
        _load(tmp_path, document, GOOD + "\n" + GOOD)
    assert err.value.problems == ["facts/test.yaml:11: fact outcome.epertinib.orr: duplicate id (first defined at "
                                  "facts/test.yaml:1)"]


def test_yaml_syntax_error_has_a_line(tmp_path, document):
    with pytest.raises(FactError) as err:
        _load(tmp_path, document, GOOD + "- id: [unclosed\n")
    assert err.value.problems[0].startswith("facts/test.yaml:11: YAML syntax error")


def test_yaml_aliases_refused(tmp_path, document):
    bomb = "- &a [x, x]\n- &b [*a, *a]\n- &c [*b, *b]\n"
    with pytest.raises(FactError) as err:
        _load(tmp_path, document, bomb)
    assert err.value.problems == ["facts/test.yaml:1: YAML anchors and aliases are not allowed in fact files"]


def test_not_a_list(tmp_path, document):
    with pytest.raises(FactError) as err:
        _load(tmp_path, document, "id: x\n")
    assert err.value.problems == ["facts/test.yaml:1: expected a list of facts"]


def test_validate_command_on_shipped_and_broken_corpus(tmp_path):
    ok = run_qa("facts", "--validate")
    assert ok.returncode == 0 and re.match(r"\d+ facts valid: \d+ biomarker", ok.stdout_text)
    broken = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", broken)
    path = broken / "facts" / "outcomes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 19.0", "value: 45.0", 1), encoding="utf-8")
    proc = run_qa("--corpus", str(broken), "facts", "--validate")
    assert proc.returncode == 2
    assert re.search(r"^corpus/facts/outcomes\.yaml:\d+: fact outcome\.epertinib\.orr: value 45\.0 does not occur "
                     r"in the evidence$", proc.stderr_text, re.M)
    assert "Traceback" not in proc.stderr_text
    asked = run_qa("--corpus", str(broken), "ask", "What was the ORR of epertinib?")
    assert asked.returncode == 2 and "outcomes.yaml:" in asked.stderr_text


# -- coverage of the review -----------------------------------------------------------------------------

def test_every_kind_present_and_counts(engine):
    counts = {k: sum(1 for f in engine.facts if f.kind == k) for k in KINDS}
    assert all(counts[k] > 0 for k in KINDS), counts
    assert counts["biomarker"] >= 20 and counts["outcome"] >= 30 and counts["term"] >= 50


def test_every_section_with_text_has_facts(engine, document):
    covered = {s for f in engine.facts for s in f.sections}
    for section in document.sections:
        if section.number and document.passages_of(section.id):
            assert section.id in covered, section.id
    assert "table-1" in covered


# The only numbers in sections 1-5 that no fact carries as a typed value, and why.
NUMBER_EXCEPTIONS = {"95": "the confidence level of a '95% CI', not a result"}


def test_every_number_in_the_body_is_in_some_fact(engine, document):
    values = {float(v) for f in engine.facts for k, v in f.fields
              if k in NUMERIC_FIELDS and isinstance(v, (int, float)) and not isinstance(v, bool)}
    number = re.compile(r"(?<![\w.\-/])(\d+(?:\.\d+)?)(?![\w/]|\.\d)")
    missing = []
    for p in document.passages:
        if p.section[0].isdigit():
            for m in number.finditer(_CITE_GROUP.sub(" ", p.text)):
                if float(m.group(1)) not in values and m.group(1) not in NUMBER_EXCEPTIONS:
                    missing.append((p.id, m.group(1)))
    assert missing == []


def test_table_1_rebuilt_from_facts_equals_the_review(engine, document):
    assert table_rows_from_facts(engine.facts) == list(document.table.rows)
    out = run_qa("facts", "--kind", "biomarker", "--table").stdout_text.splitlines()
    assert out[0] == "TABLE 1 Emerging biomarkers for predicting trastuzumab resistance through bypass pathway activation."
    assert out[1].split("\t") == list(document.table.header)
    assert out[11] == "PKCα\tJagged-1/Notch-1\tPrimary\tNegative\tPandya K (21)"


def test_references_of_facts_come_from_the_parser(engine, document):
    for fact in engine.facts:
        for n in fact.refs:
            assert document.reference(n) is not None


# -- aliases and linking ----------------------------------------------------------------------------------

@pytest.mark.parametrize("question,section", [
    ("What did poziotinib do in heavily pretreated patients?", "4.1"),     # the review: "Pozotinib"
    ("How soon does Herceptin stop working?", "1"),
    ("antibody drug conjugate after T-DM1", "4.2"),
    ("fam-trastuzumab deruxtecan-nxki response", "4.2"),
    ("S-222611 response rate", "4.1"),
    ("PKC alpha biomarker", "3.1.5"),
])
def test_glossary_aliases_find_the_reviews_words(engine, question, section):
    assert engine.ask(question).hits[0].passage.section == section


def test_own_words_outweigh_expansions(engine):
    weights, _ = engine.weighted_terms("T-DXd brain metastases")
    assert weights["tdxd"] == 1.0 and 0 < weights["deruxtecan"] < 1.0


def test_epertinib_orr_fact_first_among_outcomes(engine):
    facts = engine.ask("What was the ORR of epertinib?").facts
    outcomes = [f for f in facts if f.kind == "outcome"]
    assert outcomes[0].id == "outcome.epertinib.orr" and outcomes[0].get("value") == 19.0


def test_negatively_correlated_biomarkers_named(engine):
    facts = engine.ask("Which biomarkers are negatively correlated with trastuzumab resistance?").facts
    assert {f.entity for f in facts[:4]} == {"ARID1A", "ANKRD44", "EPHA5", "PKCα"}


def test_poziotinib_adverse_event_fact(engine):
    answer = engine.ask("What was the most common adverse event of poziotinib?")
    assert answer.hits[0].passage.section == "4.1"
    assert answer.facts[0].id == "outcome.poziotinib.ae.diarrhea" and answer.facts[0].get("value") == 96.23


def test_facts_cli_filters(engine):
    out = run_qa("facts", "--kind", "mirna", "--entity", "miR-567").stdout_text
    assert out.split()[0].startswith("mirna.mir567")
    none = run_qa("facts", "--entity", "tucatinib")
    assert none.returncode == 3 and none.stderr_text.strip() == "no facts match entity=tucatinib"

"""The fact schema (qa/fact_kinds.py): kinds declared once, the validator driven by the declarations."""
from __future__ import annotations

import json
import textwrap

import pytest

from qa import fact_kinds
from qa.cache import fact_from_json, fact_to_json
from qa.fact_kinds import KIND_SPECS, FieldSpec, Kind, summarise
from qa.facts import KINDS, NUMERIC_FIELDS, FactError, load_facts

EPERTINIB = """\
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

MIR = """\
- id: mirna.mir567
  kind: mirna
  entity: miR-567
  summary: "miR-567 can reverse trastuzumab resistance"
  section: "3.4"
  refs: [49]
  evidence: "Han et al. showed miR-567 could reverse trastuzumab resistance in breast cancer"
  role: reverses resistance
"""


def _load(tmp_path, document, text, name="test.yaml"):
    facts_dir = tmp_path / "facts"
    facts_dir.mkdir(exist_ok=True)
    (facts_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_facts(facts_dir, document, label_root=tmp_path)


def _problems(tmp_path, document, text):
    with pytest.raises(FactError) as err:
        _load(tmp_path, document, text)
    return err.value.problems


def test_kinds_and_numeric_fields_come_from_the_declarations():
    assert KINDS == tuple(KIND_SPECS) == ("biomarker", "agent", "outcome", "mechanism", "mirna", "statistic", "term")
    assert set(NUMERIC_FIELDS) == {f.name for k in KIND_SPECS.values() for f in k.fields if f.numeric}
    assert KIND_SPECS["outcome"].name_fields == ("agent",) and KIND_SPECS["mirna"].name_fields == ("target",)
    assert fact_kinds.name_fields("nothing") == ()
    with open(fact_kinds.__file__, encoding="utf-8") as fh:
        assert fh.readline().startswith('"""The fact schema')


def test_every_field_of_the_shipped_facts_is_declared_for_its_kind(engine):
    for fact in engine.facts:
        spec = KIND_SPECS[fact.kind]
        assert all(spec.spec(name) is not None for name, _ in fact.fields), fact.id


@pytest.mark.parametrize("change,message", [
    (("value: 19.0", "value: 19.0\n  valeu: 19.0"),
     "facts/test.yaml:10: fact outcome.epertinib.orr: unknown field 'valeu' for kind 'outcome' (expected one of: "
     "agent, trial, metric, value, value_high, unit, ci_low, ci_high, comparator, comparator_value, population, "
     "qualifier, second_value)"),
    (("metric: ORR", "metric: orr"),
     "facts/test.yaml:8: fact outcome.epertinib.orr: 'metric' must be one of: DFS, DoR, ORR, OS, PFS, adverse event "
     "rate, other, prior treatment share, relative risk reduction, response rate"),
    (("metric: ORR", "metric: ORR\n  trial: [phase Ib]"),
     "facts/test.yaml:9: fact outcome.epertinib.orr: 'trial' must be a string or null"),
    (("refs: [52]", "refs: [52]\n  related: Epertinib"),
     "facts/test.yaml:7: fact outcome.epertinib.orr: 'related' must be a list of strings"),
    (("refs: [52]", "refs: [52]\n  note: \"  \""),
     "facts/test.yaml:7: fact outcome.epertinib.orr: 'note' must be a non-empty string"),
])
def test_kind_fields_are_checked_as_declared(tmp_path, document, change, message):
    assert _problems(tmp_path, document, EPERTINIB.replace(*change)) == [message]


def test_required_choice_and_flag_fields(tmp_path, document):
    assert _problems(tmp_path, document, MIR.replace("  role: reverses resistance\n", "")) == [
        "facts/test.yaml:1: fact mirna.mir567: a mirna 'role' must be one of: promotes resistance, "
        "reverses resistance, suppressor"]
    biomarker = MIR.replace("kind: mirna", "kind: biomarker").replace("role: reverses resistance", "in_table: often")
    assert _problems(tmp_path, document, biomarker) == [
        "facts/test.yaml:8: fact mirna.mir567: 'in_table' must be true or false"]


def test_related_and_note_are_fact_attributes_not_fields(tmp_path, document):
    text = EPERTINIB + '  related: ["ORR"]\n  note: "a remark"\n'
    (fact,) = _load(tmp_path, document, text)
    assert fact.related == ("ORR",) and fact.note == "a remark"
    assert dict(fact.fields) == {"metric": "ORR", "value": 19.0}
    assert fact.get("related") is None and fact.aliases == ()


def test_new_fields_survive_the_index_cache(tmp_path, document):
    (fact,) = _load(tmp_path, document, EPERTINIB + '  aliases: ["S-222611"]\n  related: ["ORR"]\n  note: "n"\n')
    again = fact_from_json(json.loads(json.dumps(fact_to_json(fact))))
    assert again == fact and again.related == ("ORR",) and again.note == "n"


def test_adding_a_kind_is_one_declaration(tmp_path, document, monkeypatch):
    trial = Kind("trial", "a clinical trial", (FieldSpec("phase", choices=("Ib", "II", "III")),
                                              FieldSpec("patients", fact_kinds.NUMBER, numeric=True)),
                 ("{entity}", " (phase {phase})"))
    monkeypatch.setitem(KIND_SPECS, "trial", trial)
    text = EPERTINIB.replace("kind: outcome", "kind: trial").replace("metric: ORR", "phase: Ib").replace(
        "value: 19.0", "patients: 19.0")
    (fact,) = _load(tmp_path, document, text)
    assert fact.kind == "trial" and summarise(fact) == "epertinib (phase Ib)"
    assert _problems(tmp_path, document, text.replace("patients: 19.0", "patients: 20")) == [
        "facts/test.yaml:9: fact outcome.epertinib.orr: patients 20 does not occur in the evidence"]


def test_one_line_summaries_from_the_templates(engine):
    by_id = {f.id: f for f in engine.facts}
    assert summarise(by_id["biomarker.pkca"]) == \
        "PKCα: Jagged-1/Notch-1; primary resistance; negative correlation (Pandya K)"
    assert summarise(by_id["outcome.margetuximab.os"]) == \
        "margetuximab (phase III): median OS 21.6 months vs 19.8 (trastuzumab plus chemotherapy)"
    assert summarise(by_id["term.her2"]) == "HER2 = human epidermal growth factor receptor 2"
    assert all(summarise(f) and "\n" not in summarise(f) for f in engine.facts)


def test_every_facts_file_names_the_schema_inside_the_repository():
    from conftest import ROOT
    for path in sorted((ROOT / "corpus" / "facts").glob("*.yaml")):
        header = [line for line in path.read_text(encoding="utf-8").split("\n")[:5] if line.startswith("#")]
        schema = [line for line in header if line.startswith("# Schema: ")]
        assert schema, path.name
        target = schema[0].split()[2]
        assert not target.startswith("/") and (ROOT / target).is_file(), (path.name, target)

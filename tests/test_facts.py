"""Facts: validation messages with FILE:LINE, coverage of the review, Table 1 rebuilt, aliases, linking."""
from __future__ import annotations

import json
import re
import shutil
import textwrap

import pytest

from conftest import ROOT, run_qa
from qa.facts import KINDS, NUMERIC_FIELDS, FactError, entity_groups, load_facts, load_reference_notes
from qa.parse import _CITE_GROUP
from qa.tables import table_rows_from_facts
from qa.text import fold

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


def test_yaml_syntax_error_has_a_line_and_column(tmp_path, document):
    with pytest.raises(FactError) as err:
        _load(tmp_path, document, GOOD + "- id: [unclosed\n")
    assert err.value.problems[0].startswith("facts/test.yaml:11:1: YAML syntax error")


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
    assert none.returncode == 3 and none.stderr_text.strip() == "qa: no facts match entity=tucatinib"


# -- aliases are only synonyms: one entity per name -------------------------------------------------------

T_DM1_TERM = """\
- id: term.t_dm1
  kind: term
  entity: T-DM1
  summary: "T-DM1 = trastuzumab emtansine"
  section: "4.2"
  refs: [53]
  evidence: "after trastuzumab emtansine (T-DM1)"
  aliases: ["trastuzumab emtansine"]
"""
T_DM1_AGENT = """\
- id: agent.trastuzumab_emtansine
  kind: agent
  entity: Trastuzumab emtansine
  summary: "Trastuzumab emtansine: an antibody-drug conjugate"
  section: "4.2"
  refs: [53]
  evidence: "after trastuzumab emtansine (T-DM1)"
  aliases: ["T-DM1"]
"""
JAGGED = """\
- id: term.jagged1
  kind: term
  entity: Jagged-1
  summary: "Jagged-1"
  section: "3.1.5"
  refs: [21]
  evidence: "PKCα reduced the binding between Jagged-1 and Mib-1"
  aliases: ["JAGGED1", "membrane Jagged 1"]
"""
PKCA = """\
- id: mechanism.pkca
  kind: mechanism
  entity: PKCα
  summary: "PKCα limits Jagged-1 ubiquitination"
  section: "3.1.5"
  refs: [21]
  evidence: "PKCα reduced the binding between Jagged-1 and Mib-1"
  aliases: ["Protein kinase C-α"]
"""


def _load_files(tmp_path, document, files: dict[str, str]):
    facts_dir = tmp_path / "facts"
    facts_dir.mkdir(exist_ok=True)
    for name, text in files.items():
        (facts_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return load_facts(facts_dir, document, label_root=tmp_path)


@pytest.mark.parametrize("order", [("a.yaml", "b.yaml"), ("b.yaml", "a.yaml")])
def test_names_listing_each_other_are_one_entity_in_either_order(tmp_path, document, order):
    facts = _load_files(tmp_path, document, dict(zip(order, (T_DM1_TERM, T_DM1_AGENT))))
    groups = entity_groups(facts)
    assert groups["term.t_dm1"] == groups["agent.trastuzumab_emtansine"]


def test_facts_sharing_an_entity_name_are_one_entity(engine):
    groups = entity_groups(engine.facts)
    assert {groups[f.id] for f in engine.facts if f.entity.casefold() == "epertinib"} == {"epertinib"}
    assert groups["term.trastuzumab_emtansine"] == groups["agent.trastuzumab_emtansine"]
    assert groups["biomarker.pkca"] != groups["term.jagged1"]


def test_one_sided_listing_is_an_alias_naming_another_entity(tmp_path, document):
    with pytest.raises(FactError) as err:
        _load_files(tmp_path, document, {"a.yaml": T_DM1_TERM, "b.yaml": T_DM1_AGENT.replace('["T-DM1"]', "[]")})
    assert err.value.problems == [
        "facts/a.yaml:8: fact term.t_dm1: alias 'trastuzumab emtansine' names another entity ('Trastuzumab "
        "emtansine' is the entity of fact agent.trastuzumab_emtansine); aliases are only other names of 'T-DM1': "
        "list it under 'related'"]


@pytest.mark.parametrize("text,message", [
    # a fact listing the glossary's entity (the PKCα / Jagged-1 merge) ...
    (PKCA.replace('["Protein kinase C-α"]', '["Protein kinase C-α", "Jagged 1"]'),
     "facts/b.yaml:8: fact mechanism.pkca: alias 'Jagged 1' names another entity ('Jagged-1' is the entity of "
     "fact term.jagged1); aliases are only other names of 'PKCα': list it under 'related'"),
    # ... a glossary alias that is another entity's glossary name (c-Src is SRC's) ...
    (PKCA.replace('["Protein kinase C-α"]', '["membrane Jagged 1"]'),
     "facts/b.yaml:8: fact mechanism.pkca: alias 'membrane Jagged 1' names another entity (it is an alias of the "
     "glossary term term.jagged1 ('Jagged-1')); aliases are only other names of 'PKCα': list it under 'related'"),
    # ... and the other direction: the glossary listing the fact's entity
    (PKCA + JAGGED.replace("id: term.jagged1", "id: term.jagged1b").replace('"JAGGED1", "membrane Jagged 1"',
                                                                            '"PKC-α"'),
     "facts/b.yaml:16: fact term.jagged1b: alias 'PKC-α' names another entity ('PKCα' is the entity of fact "
     "mechanism.pkca); aliases are only other names of 'Jagged-1': list it under 'related'"),
])
def test_an_alias_naming_another_entity_is_refused(tmp_path, document, text, message):
    with pytest.raises(FactError) as err:
        _load_files(tmp_path, document, {"a.yaml": JAGGED, "b.yaml": text})
    assert err.value.problems == [message]


def test_names_in_name_fields_and_shared_aliases_are_entities(tmp_path, document):
    mir = """\
    - id: mirna.mir221
      kind: mirna
      entity: miRNA-221
      summary: "miRNA-221 and PTEN"
      section: "3.2"
      refs: [40, 41]
      evidence: "reduced ectopic expression of miRNA-221 can downregulate PTEN expression"
      role: promotes resistance
      target: PTEN
    """
    stat3 = """\
    - id: mechanism.stat3
      kind: mechanism
      entity: STAT3
      summary: "STAT3 and PTEN"
      section: "3.1.2"
      refs: [15]
      evidence: "the loss of IL6-pSTAT3-PTEN"
      aliases:
        - pSTAT3
        - PTEN
    - id: mechanism.notch_stat3
      kind: mechanism
      entity: Notch/STAT3
      summary: "Notch regulates CSCs through STAT3"
      section: "2.4"
      refs: [35]
      evidence: "regulated by the Notch family through the STAT3 pathway"
      aliases: ["pSTAT3"]
    """
    with pytest.raises(FactError) as err:
        _load_files(tmp_path, document, {"a.yaml": mir, "b.yaml": stat3})
    assert err.value.problems == [
        "facts/b.yaml:10: fact mechanism.stat3: alias 'PTEN' names another entity ('PTEN' is the target of fact "
        "mirna.mir221); aliases are only other names of 'STAT3': list it under 'related'",
        "facts/b.yaml:18: fact mechanism.notch_stat3: alias 'pSTAT3' names another entity (it is an alias of fact "
        "mechanism.stat3 ('STAT3')); aliases are only other names of 'Notch/STAT3': list it under 'related'"]


def test_related_may_not_name_the_facts_own_entity(tmp_path, document):
    with pytest.raises(FactError) as err:
        _load_files(tmp_path, document, {"a.yaml": JAGGED, "b.yaml": PKCA + '  related: ["Jagged-1", "PKC-α"]\n'})
    assert err.value.problems == [
        "facts/b.yaml:9: fact mechanism.pkca: related 'PKC-α' is a name of the fact's own entity 'PKCα', not "
        "another entity: list it under 'aliases'"]


# Every merge the audit found, put back as an alias: each one is refused.
AUDIT_MERGES = [("mechanism.pkca_jagged1_notch1", "Jagged-1"), ("mechanism.pkca_jagged1_notch1", "Notch-1"),
                ("mechanism.tnfa_muc4", "TNFα"), ("mechanism.tnfa_muc4", "MUC4"),
                ("mechanism.muc4_nfkb_adcc", "ADCC"), ("mechanism.il6_stat3_pten", "PTEN"),
                ("mechanism.fgf5_fgfr2_csrc", "FGFR2"), ("mechanism.fgf5_fgfr2_csrc", "c-Src"),
                ("biomarker.fgf5_fgfr2", "FGF5"), ("mechanism.17q23_amplicon", "miR-21")]


def test_every_merge_of_the_audit_is_refused(tmp_path, document):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    expected = []
    for path in sorted((corpus / "facts").glob("*.yaml")):
        lines = path.read_text(encoding="utf-8").split("\n")
        fid = None
        for i, line in enumerate(lines):
            m = re.match(r'- id: "([^"]+)"', line)
            fid = m.group(1) if m else fid
            names = [n for f, n in AUDIT_MERGES if f == fid]
            if names and line.startswith("  related: "):
                lines[i] = "  aliases: " + json.dumps(names, ensure_ascii=False)  # the fact's own aliases go
                expected += [(f"corpus/facts/{path.name}:{i + 1}: fact {fid}: alias '{n}' names another entity")
                             for n in names]
        path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(FactError) as err:
        load_facts(corpus / "facts", document, label_root=tmp_path)
    assert len(expected) == len(AUDIT_MERGES)
    for start in expected:
        assert any(p.startswith(start) for p in err.value.problems), start


def test_validate_refuses_a_bad_alias_with_its_line(tmp_path):
    broken = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", broken)
    path = broken / "facts" / "biomarkers.yaml"
    text = path.read_text(encoding="utf-8")
    old = '  aliases: ["Protein kinase C-α", "PKC-α", "PKCalpha", "PKC alpha", "protein kinase C alpha", "PRKCA"]'
    assert text.count(old) == 1
    path.write_text(text.replace(old, old[:-1] + ', "Notch-1"]'), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    proc = run_qa("--corpus", str(broken), "facts", "--validate")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr_text
    assert proc.stderr_text.splitlines() == [
        f"corpus/facts/biomarkers.yaml:{line}: fact biomarker.pkca: alias 'Notch-1' names another entity ('Notch-1' "
        f"is the entity of fact term.notch1); aliases are only other names of 'PKCα': list it under 'related'",
        "qa: 1 problem(s) in the facts"]


def test_shipped_facts_pass_and_keep_the_other_entities_as_related(engine):
    ok = run_qa("facts", "--validate")
    assert ok.returncode == 0 and re.fullmatch(rf"{len(engine.facts)} facts valid: .*\n", ok.stdout_text)
    by_id = {f.id: f for f in engine.facts}
    assert by_id["mechanism.pkca_jagged1_notch1"].aliases == ("Protein kinase C-α",)
    assert set(by_id["mechanism.pkca_jagged1_notch1"].related) == {"Jagged-1", "Notch-1"}
    stat3 = by_id["mechanism.il6_stat3_pten"]
    assert "PTEN" in stat3.related and "PTEN" not in stat3.aliases


# -- facts true to the review -------------------------------------------------------------------------------

def test_corrected_summaries_say_what_the_review_says(engine, document):
    by_id = {f.id: f for f in engine.facts}
    lapatinib = by_id["agent.lapatinib"]
    assert "example of the HER2 therapeutics that in excess of half" in lapatinib.summary
    assert "more than half of DESTINY-Breast01 patients" not in str(lapatinib.get("mechanism"))
    assert "reduced ectopic expression" in by_id["mirna.mir221"].summary
    for fid in ("mechanism.17q23_amplicon", "mirna.mir21"):
        assert "targeting the 17q23 amplicon could also promote trastuzumab resistance" in by_id[fid].summary
    for fid in ("mirna.mir221", "mechanism.17q23_amplicon", "mirna.mir21"):
        assert by_id[fid].note.startswith("As printed"), fid
        assert fold(by_id[fid].evidence) in fold(" ".join(p.text for p in document.passages))


def test_refs_of_pertuzumab_and_t_dm1_are_every_citation_for_them(engine):
    by_id = {f.id: f for f in engine.facts}
    assert by_id["agent.pertuzumab"].refs == (53, 58)                  # DESTINY-Breast01; ZW25's epitopes
    assert by_id["agent.trastuzumab_emtansine"].refs == (53, 54, 57)   # DESTINY-Breast01/03; SYD985 patients


def test_wrong_citations_are_kept_with_a_note_quoting_the_cited_title(engine, document):
    cited_48 = [f for f in engine.facts if 48 in f.refs and "p95HER2-TCB" in f"{f.entity} {f.evidence}"]
    assert {f.id for f in cited_48} == {"agent.p95her2_tcb", "outcome.p95her2_tcb.preclinical",
                                        "term.bispecific_antibody"}
    assert all(f.note.startswith("The cited paper (48) is about exosomes") for f in cited_48)
    stat3 = next(f for f in engine.facts if f.id == "mechanism.stat3.targets")
    assert stat3.refs == (37,) and stat3.note.startswith("The cited paper (37) is about PD-L1 in lung cancer")
    for fact in engine.facts:
        for n, title in re.findall(r"\((\d+)\)[^']*'([^']{30,})'", fact.note):
            assert document.reference(int(n)).title == title, (fact.id, n)


# -- notes on the reference list -------------------------------------------------------------------------------

def test_reference_notes_load_as_a_mapping(engine, document):
    notes = load_reference_notes(ROOT / "corpus" / "facts", document, facts=engine.facts)
    assert set(notes) == {37, 40, 48}
    assert "exosome" in notes[48] and "p95HER2-TCB" in notes[48] and "lung" in notes[37]
    assert all(isinstance(n, int) and text.strip() for n, text in notes.items())
    assert not any(f.source.startswith("reference_notes") or "reference_notes" in f.source for f in engine.facts)
    assert load_reference_notes(ROOT / "tests" / "data" / "mini_corpus" / "facts", document) == {}


NOTE = """\
- ref: 48
  note: "About exosomes, not p95HER2-TCB."
  facts: ["outcome.epertinib.orr"]
"""


@pytest.mark.parametrize("text,message", [
    (NOTE.replace("ref: 48", "ref: 61"),
     "facts/reference_notes.yaml:1: reference note 61: reference 61 does not exist (the review has references 1-60)"),
    (NOTE.replace("ref: 48", "ref: forty-eight"),
     "facts/reference_notes.yaml:1: reference note ?: 'ref' must be a whole number"),
    (NOTE.replace('  note: "About exosomes, not p95HER2-TCB."\n', ""),
     "facts/reference_notes.yaml:1: reference note 48: missing required field 'note'"),
    (NOTE.replace("  facts:", "  fact:"),
     "facts/reference_notes.yaml:3: reference note 48: unknown field 'fact' (expected one of: ref, note, facts)"),
    (NOTE, "facts/reference_notes.yaml:3: reference note 48: fact outcome.epertinib.orr does not cite reference 48"),
    (NOTE.replace("epertinib.orr", "nothing"),
     "facts/reference_notes.yaml:3: reference note 48: no fact outcome.nothing"),
    (NOTE.replace("  facts: [\"outcome.epertinib.orr\"]\n", "") * 2,
     "facts/reference_notes.yaml:3: reference note 48: a second note for the same reference"),
])
def test_reference_notes_are_validated_with_the_facts(tmp_path, document, text, message):
    with pytest.raises(FactError) as err:
        _load_files(tmp_path, document, {"test.yaml": GOOD, "reference_notes.yaml": text})
    assert err.value.problems == [message]
    with pytest.raises(FactError):
        load_reference_notes(tmp_path / "facts", document, label_root=tmp_path, facts=())


def test_validate_reports_a_bad_reference_note(tmp_path):
    broken = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", broken)
    path = broken / "facts" / "reference_notes.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- ref: 40", "- ref: 400"), encoding="utf-8")
    line = text[:text.index("- ref: 40")].count("\n") + 1
    proc = run_qa("--corpus", str(broken), "facts", "--validate")
    assert proc.returncode == 2
    assert proc.stderr_text.splitlines()[0] == (f"corpus/facts/reference_notes.yaml:{line}: reference note 400: "
                                                f"reference 400 does not exist (the review has references 1-60)")


def test_a_facts_section_is_where_its_evidence_is_printed(engine, document):
    """CONTRACT: facts[].section is one string, the section whose text holds the evidence; facts[].sections lists
    every section. A Table 1 row filed under its subsection too is found in the table, as printed."""
    row = json.loads(run_qa("facts", "--json", "--entity", "CDK12", "--kind", "biomarker").stdout_text.splitlines()[0])
    assert row["id"] == "biomarker.cdk12"
    assert row["section"] == "table-1" and row["sections"] == ["3.1.1", "table-1"]
    record = json.loads(run_qa("ask", "Which biomarkers in Table 1 are negatively correlated with resistance?",
                               "--json").stdout_text)
    assert record["facts"]
    for fact in record["facts"]:
        assert isinstance(fact["section"], str) and fact["section"] in fact["sections"]
        text = fold(" ".join(p.text for p in document.passages_of(fact["section"])))
        assert fold(fact["evidence"]) in text, fact["id"]

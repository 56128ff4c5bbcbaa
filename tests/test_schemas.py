"""The shipped JSON Schemas: what `qa schema` prints, equal to what the builder writes and to the README, strict
enough that every kind of drift in a record fails the validation every CLI test runs through."""
from __future__ import annotations

import copy
import json

import pytest
from jsonschema import Draft202012Validator

import records
from conftest import ROOT, run_qa
from qa import schemas
from qa.cli import VERDICT_EXIT
from qa.facts import KINDS
from qa.schemas import build
from qa.schemas.markdown import README_END, README_START, readme_section
from records import check_output


def test_shipped_schema_files_are_what_the_builder_writes():
    shipped = {p.stem for p in (ROOT / "qa" / "schemas").glob("*.json")}
    assert shipped == set(schemas.NAMES) == set(build.RECORDS)
    for name in schemas.NAMES:
        assert schemas.text(name) == build.schema_text(name), \
            f"qa/schemas/{name}.json is stale: run `python -m qa.schemas.build`"
        Draft202012Validator.check_schema(schemas.load(name))


def test_readme_output_format_section_is_written_from_the_schemas():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(README_START), readme.index(README_END) + len(README_END)
    assert readme[start:end] == readme_section(), \
        "README.md's Output format section disagrees with the schemas: run `python -m qa.schemas.build`"
    assert "## Output format" in readme[start:end]


def test_enums_are_the_verdicts_and_kinds_qa_knows():
    assert schemas.load("verdict")["properties"]["verdict"]["enum"] == list(VERDICT_EXIT)
    assert schemas.load("fact")["properties"]["kind"]["enum"] == list(KINDS)


def test_schemas_are_package_data_of_a_plain_install():
    tomllib = pytest.importorskip("tomllib")         # Python 3.11 and later
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    tool = config["tool"]["setuptools"]
    assert "qa.schemas" in tool["packages"] and tool["package-data"]["qa.schemas"] == ["*.json"]
    assert any(dep.startswith("jsonschema") for dep in config["project"]["optional-dependencies"]["test"])


def test_qa_schema_lists_the_names_prints_one_and_refuses_others():
    listing = run_qa("schema")
    assert listing.returncode == 0
    assert [line.split()[0] for line in listing.stdout_text.splitlines()] == list(schemas.NAMES)
    assert "qa ask --json: the answer to one question" in listing.stdout_text
    shown = run_qa("schema", "batch-answer")
    assert shown.returncode == 0 and shown.stdout_text == schemas.text("batch-answer")
    assert json.loads(shown.stdout_text)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert run_qa("--corpus", "/nonexistent/dir", "schema", "error").returncode == 0   # needs no review
    unknown = run_qa("schema", "answers")
    assert unknown.returncode == 2 and unknown.stdout_text == "" and "Traceback" not in unknown.stderr_text
    assert unknown.stderr_text == ("qa: no schema 'answers' (one of: answer, verdict, batch-answer, "
                                   "batch-verdict, error, fact)\n")


@pytest.fixture(scope="module")
def printed():
    """Real records of each shape, as the CLI prints them."""
    ask = run_qa("ask", "Compare the PFS and ORR of SYD985 and trastuzumab deruxtecan", "--json").records[0]
    near = run_qa("ask", "What is the dose of margetuximab?", "--json").records[0]
    check = run_qa("check", "Epertinib showed an objective response rate of 45%.", "--json").records[0]
    batch = run_qa("batch", "-", input='{"id": "c1.1", "conversation": "c1", "q": "Who edited this?"}\n'
                                       '{"id": "x", "q": "   "}\n').records
    assert ask["answer"]["items"] and near["found"] is False and check["verdict"] == "contradicted"
    return {"answer": ask, "near": near, "verdict": check, "batch": batch[0], "error": batch[1]}


def _drifted(record: dict, change) -> str:
    record = copy.deepcopy(record)
    change(record)
    return json.dumps(record) + "\n"


@pytest.mark.parametrize("shape, change, message", [
    ("answer", lambda r: r.pop("understood"), "'understood' is a required property"),
    ("answer", lambda r: r.update(extra=1), "Additional properties are not allowed"),
    ("answer", lambda r: r["facts"][0].update(section=["4.2"]), "is not of type 'string'"),
    ("answer", lambda r: r["facts"][0].update(kind="gene"), "is not one of"),
    ("answer", lambda r: r["facts"][0]["fields"].update(dose="5 mg"), "Additional properties"),
    ("answer", lambda r: r["answer"]["items"][0].pop("facts"), "'facts' is a required property"),
    ("answer", lambda r: r["passages"][0].update(section="§4.2"), "does not match"),
    ("answer", lambda r: r.update(found=False), "'why_not' is a required property"),
    ("near", lambda r: r["meta"].pop("nearest"), "'nearest' is a required property"),
    ("near", lambda r: r["meta"]["nearest"][0].update(score=1), "Additional properties"),
    ("verdict", lambda r: r.update(verdict="maybe"), "'maybe' is not one of"),
    ("verdict", lambda r: r["evidence"][0].pop("passage"), "'passage' is a required property"),
    ("batch", lambda r: r.update(line="1"), "'1' is not of type 'integer'"),
    ("batch", lambda r: r.pop("id"), "'id' is a required property"),
    ("error", lambda r: r.update(error=""), "should be non-empty"),
    ("error", lambda r: r.update(schema=2), "1 was expected"),
])
def test_validation_fails_on_each_kind_of_drift(printed, shape, change, message):
    assert check_output(json.dumps(printed[shape]) + "\n")          # as printed: valid
    with pytest.raises(AssertionError, match=message):
        check_output(_drifted(printed[shape], change))


def test_validation_refuses_output_that_is_no_record():
    with pytest.raises(AssertionError, match="no record shape"):
        check_output('{"schema": 1, "answers": []}\n')
    with pytest.raises(AssertionError, match="not JSON"):
        check_output('{"schema": 1, "line": 1, "error": "x", "id": "1"}\n{"schema": 1, "li\n')


def test_run_qa_validates_what_every_cli_test_prints(monkeypatch):
    """The hook is live: with a schema no record can meet, any CLI test that prints JSON fails."""
    impossible = Draft202012Validator({"type": "object", "required": ["no-such-field"]})
    monkeypatch.setattr(records, "_validator", lambda name: impossible)
    with pytest.raises(AssertionError, match="the answer record does not follow qa/schemas/answer.json"):
        run_qa("ask", "Who edited this?", "--json")
    with pytest.raises(AssertionError, match="the batch-verdict record does not follow"):
        run_qa("batch", "--check", "-", input="SYD985 had a 33% objective response rate.\n")
    assert run_qa("ask", "Who edited this?").records == []                       # text: nothing to check

"""The shipped JSON Schemas: what `qa schema` prints, equal to what the builder writes and to the README."""
from __future__ import annotations

import json
import tomllib

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, run_qa
from qa import schemas
from qa.cli import VERDICT_EXIT
from qa.facts import KINDS
from qa.schemas import build
from qa.schemas.markdown import README_END, README_START, readme_section


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

"""Every JSON record a command-line test sees, validated against the shipped schema of its shape (qa.schemas):
`run_qa` passes each command's output through `check_output`, so a test that prints JSON also checks its form."""
from __future__ import annotations

import json
from functools import lru_cache

from jsonschema import Draft202012Validator

from qa import schemas


@lru_cache(maxsize=None)
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schemas.load(name))


def check_record(record, where: str = "") -> str | None:
    """The name of the schema the record follows; AssertionError naming the schema, each field that breaks it
    and how. An evaluation report (`qa eval --json`) is no record and is let through."""
    name = schemas.name_of(record)
    if name is None:
        if isinstance(record, dict) and {"systems", "split"} <= set(record):
            return None
        raise AssertionError(f"{where}JSON of no record shape qa prints: {json.dumps(record)[:200]}")
    errors = sorted(_validator(name).iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        raise AssertionError("\n".join(
            [f"{where}the {name} record does not follow qa/schemas/{name}.json:"]
            + [f"  {'/'.join(map(str, e.absolute_path)) or '(the record)'}: {e.message[:300]}" for e in errors[:8]]))
    return name


def check_output(text: str, where: str = "") -> list[dict]:
    """The records of a command's output, each checked: JSON lines, or one JSON document (a schema printed by
    `qa schema` must itself be a valid schema). Output that is not JSON (text, TSV, Markdown, TREC) has none."""
    if not text.lstrip().startswith("{"):
        return []
    try:
        document = json.loads(text)
    except ValueError:
        document = None
    if isinstance(document, dict) and "$schema" in document:
        Draft202012Validator.check_schema(document)
        return []
    records = []
    for n, line in enumerate((line for line in text.splitlines() if line.strip()), 1):
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise AssertionError(f"{where}output line {n} is not JSON ({exc}): {line[:120]!r}") from None
        check_record(record, f"{where}output line {n}: ")
        records.append(record)
    return records

"""The JSON Schemas (draft 2020-12) of the records `qa` prints, shipped with the package: their names, their text,
and which one a record is by its shape. `qa schema NAME` prints one; qa.schemas.build writes them."""
from __future__ import annotations

import json
from importlib import resources

NAMES: tuple[str, ...] = ("answer", "verdict", "batch-answer", "batch-verdict", "error", "fact")


def text(name: str) -> str:
    """The shipped schema file, as written; KeyError for a name that is none of NAMES."""
    if name not in NAMES:
        raise KeyError(name)
    return resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def load(name: str) -> dict:
    return json.loads(text(name))


def name_of(record) -> str | None:
    """The schema a printed record follows, told by its fields: an error has "error", a verdict "claim", an
    answer "question", a batch record also its "line"; a fact (`qa facts --json`) has "kind" and "summary"."""
    if not isinstance(record, dict):
        return None
    if "error" in record:
        return "error"
    batch = "line" in record
    if "claim" in record:
        return "batch-verdict" if batch else "verdict"
    if "question" in record:
        return "batch-answer" if batch else "answer"
    if "kind" in record and "summary" in record:
        return "fact"
    return None

"""Builds the record schemas from the output contract's fields and the fact kinds' declarations. After changing
what a record holds, `python -m qa.schemas.build` rewrites qa/schemas/*.json and the README's "Output format"
section; tests hold both equal to what this module builds."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..fact_kinds import FLAG, KIND_SPECS, NUMBER, TEXT, TEXT_LIST, FieldSpec
from . import NAMES

DRAFT = "https://json-schema.org/draft/2020-12/schema"
VERDICTS = ("supported", "contradicted", "not_found")
_SECTION = r"(?:[0-9]+(?:\.[0-9]+)*|[a-z0-9]+(?:-[a-z0-9]+)*)"


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def _text(description: str, min_length: int = 0) -> dict:
    out: dict = {"type": "string", "description": description}
    if min_length:
        out["minLength"] = min_length
    return out


def _list(items: dict, description: str, **more) -> dict:
    return {"type": "array", "items": items, "description": description, **more}


def _object(properties: dict, required=None, description: str = "") -> dict:
    """A closed object: the contract fixes its fields, so an unknown one is drift."""
    out: dict = {"type": "object"}
    if description:
        out["description"] = description
    out["properties"] = properties
    out["required"] = list(properties) if required is None else list(required)
    out["additionalProperties"] = False
    return out


REF_NUMBER = {"type": "integer", "minimum": 1}


def _field(spec: FieldSpec) -> dict:
    """One typed field of a fact kind, as qa.facts accepts it: null too unless the field is required."""
    if spec.choices is not None:
        out: dict = {"enum": list(spec.choices) + ([] if spec.required else [None])}
    else:
        kind = {TEXT: "string", NUMBER: "number", FLAG: "boolean", TEXT_LIST: "array"}[spec.types]
        out = {"type": kind if spec.required else [kind, "null"]}
        if spec.types == TEXT_LIST:
            out["items"] = {"type": "string"}
    if spec.doc:
        out["description"] = spec.doc
    return out


def _kind_fields() -> dict:
    return {f"fields-{name}": _object({f.name: _field(f) for f in kind.fields},
                                      required=[f.name for f in kind.fields if f.required],
                                      description=f"the typed fields of a {name} fact (those its file gives)")
            for name, kind in KIND_SPECS.items()}


def definitions() -> dict:
    """Every part a record is made of, by name; a schema file holds the ones it uses."""
    defs = {
        "section": {"type": "string", "pattern": f"^{_SECTION}$",
                    "description": "a section id: the dotted number as printed (\"2.3\") or a lowercase slug of "
                                   "the heading (\"abstract\", \"table-1\")"},
        "doc": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                "description": "a review's id in a library: its sub-directory (what `--doc` and DOC:SEC take)"},
        "review": _object({
            "id": _ref("doc"),
            "title": _text("the review's title", 1),
            "year": {"type": ["integer", "null"], "description": "its year of publication, null when not given"},
        }, description="a library: the review the record comes from; absent for a corpus of one review"),
        "passage-id": {"type": "string", "pattern": f"^{_SECTION}/[a-z]+[0-9]+$",
                       "description": "a passage id: its section, \"/\", and its place there (\"4.2/p3\")"},
        "passage": _object({
            "rank": {"type": "integer", "minimum": 1, "description": "the ranker's rank"},
            "id": _ref("passage-id"),
            "section": _ref("section"),
            "title": _text("the section's heading as printed, cleaned of markup"),
            "path": _list({"type": "string"}, "the headings from the top of the review down to this section",
                          minItems=1),
            "score": {"type": "number", "description": "the ranker's score"},
            "text": _text("the passage, cleaned for reading"),
            "citations": _list(REF_NUMBER, "the reference numbers the passage cites"),
            "doc": {**_ref("doc"), "description": "a library: the id of the review the passage is from (its "
                                                  "sub-directory); absent for a corpus of one review"},
        }, required=["rank", "id", "section", "title", "path", "score", "text", "citations"],
            description="a ranked passage"),
        "reference": _object({
            "n": REF_NUMBER,
            "text": _text("the entry as printed"),
            "doi": {"type": ["string", "null"]},
            "authors": {"type": "string"},
            "title": {"type": "string"},
            "journal": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            "note": _text("a curator's note on the citation", 1),
        }, required=["n", "text", "doi", "authors", "title", "journal", "year"],
            description="an entry of the reference list cited by the passages"),
        "fact": {**_object({
            "id": _text("unique: kind.entity[.aspect]", 1),
            "kind": {"enum": list(KIND_SPECS)},
            "entity": _text("the canonical name of the one thing the fact is about", 1),
            "summary": _text("one line in the review's own terms", 1),
            "section": {**_ref("section"), "description": "the section whose text holds the evidence"},
            "sections": _list(_ref("section"), "every section the fact is filed under", minItems=1,
                              uniqueItems=True),
            "refs": _list(REF_NUMBER, "reference numbers the review cites for it"),
            "evidence": _text("a verbatim quote of the review", 1),
            "aliases": _list({"type": "string"}, "other names of the same entity"),
            "related": _list({"type": "string"}, "other entities the fact involves"),
            "note": _text("a remark on the review's wording or citation", 1),
            "fields": {"type": "object", "description": "the typed fields of its kind (see the table of kinds)"},
        }, required=["id", "kind", "entity", "summary", "section", "sections", "refs", "evidence", "fields"],
            description="a curated fact"),
            "allOf": [{"if": {"properties": {"kind": {"const": name}}},
                       "then": {"properties": {"fields": _ref(f"fields-{name}")}}} for name in KIND_SPECS]},
        **_kind_fields(),
        "item": _object({
            "entity": _text("the thing gathered", 1),
            "text": _text("the line about it"),
            "section": _ref("section"),
            "refs": _list(REF_NUMBER, "its references"),
            "facts": _list({"type": "string"}, "ids of the facts it is traced to (each with verbatim evidence)"),
            "values": {"type": "object", "additionalProperties": {"type": "string"},
                       "description": "a comparison: the value of each measure compared (\"not reported\" where "
                                      "the review is silent)"},
        }, required=["entity", "text", "section", "refs", "facts"], description="one thing gathered"),
        "found-answer": _object({
            "text": _text("the answering sentence, or for a list or comparison the whole answer", 1),
            "passage": _ref("passage-id"),
            "section": _ref("section"),
            "items": _list(_ref("item"), "for a question that asks for a list, a comparison or an overview: "
                                         "one per thing gathered; [] otherwise"),
        }, description="the answer"),
        "evidence": _object({
            "section": _ref("section"),
            "text": _text("the review's sentence", 1),
            "passage": _ref("passage-id"),
            "doc": {**_ref("doc"), "description": "a library: the id of the review the sentence is quoted from; "
                                                  "absent for a corpus of one review"},
        }, required=["section", "text", "passage"], description="a sentence the verdict rests on"),
        "meta": _object({
            "corpus": _text("a hash of the corpus files", 1),
            "ranker": _text("the tokenizer and ranker settings", 1),
            "elapsed_ms": {"type": "number", "minimum": 0,
                           "description": "the time taken: the one field that differs between two runs"},
        }, description="how the record was made"),
        "answer-meta": _object({
            "corpus": _text("a hash of the corpus files", 1),
            "ranker": _text("the tokenizer and ranker settings", 1),
            "elapsed_ms": {"type": "number", "minimum": 0,
                           "description": "the time taken: the one field that differs between two runs"},
            "why_not": _text("not found: why", 1),
            "nearest": _list(_object({"section": _ref("section"), "title": {"type": "string"}}),
                             "not found: the nearest sections to read", maxItems=3),
            "review_gives": _text("not found: what the review does give for the drug asked about", 1),
        }, required=["corpus", "ranker", "elapsed_ms"], description="how the record was made"),
    }
    return defs


_LOCATION = {
    "line": {"type": "integer", "minimum": 1, "description": "the input line (a YAML file: the entry)"},
    "id": _text("the line's own id, else its line number"),
    "conversation": _text("the conversation the line is a turn of"),
}

_NOT_FOUND = {"properties": {"answer": {"type": "null"}, "passages": {"maxItems": 0}, "facts": {"maxItems": 0},
                             "references": {"maxItems": 0}, "meta": {"required": ["why_not", "nearest"]}}}
_FOUND = {"properties": {"answer": _ref("found-answer"), "passages": {"minItems": 1},
                         "meta": {"not": {"anyOf": [{"required": [k]} for k in ("why_not", "nearest",
                                                                                 "review_gives")]}}}}


SCHEMA = {"const": 1, "description": "the version of the record: bumped when a field is renamed, removed or "
                                      "changes meaning"}


def _answer(batch: bool) -> dict:
    properties = {
        "schema": SCHEMA,
        "question": _text("the question as typed", 1),
        "understood": _text("the question as the tool read it: spelling repairs, aliases, and for a follow-up "
                            "the topic carried over; equal to question when nothing changed", 1),
        "found": {"type": "boolean", "description": "false when the review has nothing relevant"},
        "answer": {"oneOf": [{"type": "null"}, _ref("found-answer")], "description": "null when not found"},
        "passages": _list(_ref("passage"), "the ranked passages, the best evidence first"),
        "facts": _list(_ref("fact"), "the curated facts linked to the answer"),
        "references": _list(_ref("reference"), "the references the passages cite"),
        "meta": {**_ref("answer-meta"), "description": "how the answer was made, and for one not found what helps"},
    }
    return {**_record(properties, batch, optional=_OPTIONAL),
            "if": {"properties": {"found": {"const": False}}}, "then": _NOT_FOUND, "else": _FOUND}


def _verdict(batch: bool) -> dict:
    properties = {
        "schema": SCHEMA,
        "claim": _text("the claim as typed", 1),
        "verdict": {"enum": list(VERDICTS), "description": "exit code 0, 1 or 3 of `qa check`"},
        "reason": _text("what matched or clashed", 1),
        "evidence": _list(_ref("evidence"), "the review's sentences the verdict rests on"),
        "facts": _list(_ref("fact"), "the curated facts linked to the claim"),
        "meta": {**_ref("meta"), "description": "how the verdict was made"},
    }
    return _record(properties, batch, optional=_OPTIONAL)


# fields a record has only in some corpora: `review` names the review of a library an answer or verdict comes from
_OPTIONAL = {"review": {**_ref("review"), "description": "a library: the review it comes from (id, title, year); "
                                                        "absent for a corpus of one review"}}


def _record(properties: dict, batch: bool, optional: dict | None = None) -> dict:
    """A closed object of these properties, all required, and of the optional ones; a batch record adds its line
    and id."""
    required = list(properties)
    properties = {**properties, **(optional or {})}
    if batch:
        properties = {**properties, **_LOCATION}
        required += ["line", "id"]
    return _object(properties, required)


_FOUND_OR_NOT = ("When `found` is false, `answer` is null, `passages`, `facts` and `references` are empty and `meta` "
                 "says `why_not` and the `nearest` sections; when it is true, there is at least one passage.")

# name -> (title: what prints it and what it is, more description, the schema's body)
RECORDS = {
    "answer": ("qa ask --json: the answer to one question", _FOUND_OR_NOT, lambda: _answer(False)),
    "verdict": ("qa check --json: the verdict on one claim", "", lambda: _verdict(False)),
    "batch-answer": ("qa batch: one input line's answer, with its line, id and conversation", _FOUND_OR_NOT,
                     lambda: _answer(True)),
    "batch-verdict": ("qa batch --check: one input line's verdict, with its line, id and conversation", "",
                      lambda: _verdict(True)),
    "error": ("qa batch: an input line that could not be answered",
              "The batch goes on with the next line and exits 1 at the end.",
              lambda: _object({"schema": SCHEMA, "line": _LOCATION["line"],
                               "error": _text("what is wrong with the line", 1),
                               "id": _LOCATION["id"], "conversation": _LOCATION["conversation"]},
                              required=["schema", "line", "error", "id"])),
    "fact": ("qa facts --json: one curated fact per line",
             "The same object is each entry of an answer's or a verdict's `facts`.", lambda: definitions()["fact"]),
}


def _uses(node, found: set[str], defs: dict) -> set[str]:
    """The names of the parts a schema refers to, and the parts those refer to."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/") and ref[8:] not in found:
            found.add(ref[8:])
            _uses(defs[ref[8:]], found, defs)
        for value in node.values():
            _uses(value, found, defs)
    elif isinstance(node, list):
        for value in node:
            _uses(value, found, defs)
    return found


def schema(name: str) -> dict:
    """One record's schema, standing alone: the parts it uses are in its own $defs."""
    title, description, body = RECORDS[name]
    body = dict(body())
    body.pop("description", None)
    defs = definitions()
    used = _uses(body, set(), defs)
    out = {"$schema": DRAFT, "title": title}
    if description:
        out["description"] = description
    out.update(body)
    if used:
        out["$defs"] = {k: v for k, v in defs.items() if k in used}
    return out


def schema_text(name: str) -> str:
    return json.dumps(schema(name), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    from .markdown import README_END, README_START, readme_section
    here = Path(__file__).resolve().parent
    for name in NAMES:
        (here / f"{name}.json").write_text(schema_text(name), encoding="utf-8")
    readme = here.parents[1] / "README.md"
    if readme.is_file():
        text = readme.read_text(encoding="utf-8")
        start, end = text.find(README_START), text.find(README_END)
        if start < 0 or end < start:
            print(f"{readme}: no {README_START} ... {README_END} markers", file=sys.stderr)
            return 2
        text = text[:start] + readme_section() + text[end + len(README_END):]
        readme.write_text(text, encoding="utf-8")
    print(f"wrote {len(NAMES)} schemas" + (" and the README section" if readme.is_file() else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The README's "Output format" section, written from the shipped schemas: one table of fields per record and per
part, so that the prose can never say other than the schemas do."""
from __future__ import annotations

import json
import textwrap

from . import NAMES, load

README_START = "<!-- output-format: start -->"
README_END = "<!-- output-format: end -->"

INTRO = """\
## Output format

`qa schema` lists the JSON Schemas (draft 2020-12) of every JSON record `qa` prints, and `qa schema NAME` prints
one; they ship inside the package as `qa/schemas/NAME.json`, each standing alone (the parts it uses are in its
own `$defs`). Every object below is closed: a field that is not listed is a change of the output, made together
with its schema (`python -m qa.schemas.build` writes the files and this section; the tests validate every record
the command-line tests see against them, and fail when this section and the schemas disagree)."""


def _prose(text: str) -> str:
    return textwrap.fill(text, 115, break_long_words=False, break_on_hyphens=False)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type(node: dict) -> str:
    """A field's type in a few words: `part` for a part below, an enum's values, "array of ..."."""
    if "$ref" in node:
        return f"`{node['$ref'].rsplit('/', 1)[-1]}`"
    if "const" in node:
        return f"`{json.dumps(node['const'])}`"
    if "enum" in node:
        return ", ".join(f"`{json.dumps(v)}`" for v in node["enum"])
    for key in ("oneOf", "anyOf"):
        if key in node:
            return " or ".join(_type(n) for n in node[key])
    kinds = node.get("type", "any")
    if isinstance(kinds, list):
        return " or ".join(_type({**node, "type": k}) for k in kinds)
    if kinds == "array":
        return "array of " + _type(node.get("items", {}))
    if kinds == "object" and "properties" in node:
        return "{" + ", ".join(f"`{k}`" for k in node["properties"]) + "}"
    if kinds == "object" and isinstance(node.get("additionalProperties"), dict):
        return "object of " + _type(node["additionalProperties"])
    if kinds == "integer" and "minimum" in node:
        return f"integer ≥ {node['minimum']}"
    return kinds


def _table(node: dict, skip: tuple[str, ...] = ()) -> list[str]:
    required = set(node.get("required", ()))
    out = ["| field | type | meaning |", "|---|---|---|"]
    for name, field in node["properties"].items():
        if name in skip:
            continue
        kind = _type(field) + ("" if name in required else " (optional)")
        out.append(f"| `{name}` | {_cell(kind)} | {_cell(field.get('description', ''))} |")
    return out


def _record(name: str, schema: dict, earlier: dict[str, dict]) -> list[str]:
    title = schema["title"].split(": ", 1)
    about = f"Printed by `{title[0]}`: {title[1]}."
    out = [f"### `{name}`", "", _prose(" ".join([about, schema.get("description", "")]).strip()), ""]
    props = set(schema.get("properties", ()))
    base = next((n for n, s in earlier.items() if props and set(s.get("properties", ())) < props), None)
    if base:
        out += [f"Every field of `{base}`, and:", ""]
        out += _table(schema, skip=tuple(earlier[base]["properties"]))
    else:
        out += _table(schema)
    return out + [""]


def _parts(defs: dict) -> list[str]:
    out = ["### Parts", ""]
    kinds = {k[len("fields-"):]: v for k, v in defs.items() if k.startswith("fields-")}
    for name, node in defs.items():
        if name.startswith("fields-") or name in NAMES:     # a record is described above
            continue
        if "properties" in node:
            out += [_prose(f"`{name}`: {node.get('description', '')}."), ""] + _table(node) + [""]
        else:
            out += [_prose(f"`{name}`: {_type(node)}, {node.get('description', '')}."), ""]
    if kinds:
        out += ["`fields` of a fact, by its `kind` (each field is present when the fact's file gives it):", "",
                "| kind | fields |", "|---|---|"]
        for kind, node in kinds.items():
            required = set(node.get("required", ()))
            fields = "; ".join(f"`{f}` {_type(v)}" + (" (required)" if f in required else "")
                               for f, v in node["properties"].items())
            out.append(f"| `{kind}` | {_cell(fields)} |")
        out.append("")
    return out


def readme_section() -> str:
    """The section between the README's markers, markers included."""
    out = [README_START, INTRO, ""]
    earlier: dict[str, dict] = {}
    defs: dict = {}
    for name in NAMES:
        schema = load(name)
        out += _record(name, schema, earlier)
        earlier[name] = schema
        for key, value in schema.get("$defs", {}).items():
            defs.setdefault(key, value)
    out += _parts(defs)
    return "\n".join(out).rstrip() + "\n" + README_END

"""Load and validate the curated YAML facts (FILE:LINE messages); names and linking live in qa.names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .models import Document, Fact
from .text import fold

KINDS = ("biomarker", "agent", "outcome", "mechanism", "mirna", "statistic", "term")
REQUIRED = {"id": str, "kind": str, "entity": str, "summary": str, "evidence": str}
COMMON = {"id", "kind", "entity", "summary", "section", "refs", "evidence", "aliases"}
NUMERIC_FIELDS = ("value", "value_high", "ci_low", "ci_high", "comparator_value", "p_value", "second_value")
CHOICES = {
    "resistance": {"primary", "secondary", "primary and secondary", None},
    "correlation": {"positive", "negative", None},
    "role": None,  # free text for biomarkers; checked for mirna below
}
MIRNA_ROLES = {"suppressor", "promotes resistance", "reverses resistance"}
MAX_FACT_FILE_BYTES = 5 * 1024 * 1024
_NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")


class FactError(ValueError):
    """One or more fact problems, each "FILE:LINE: fact ID: what is wrong"."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class _Raw:
    data: dict
    line: int
    field_lines: dict


def _read_yaml(path: Path, label: str) -> list[_Raw]:
    """Parse one facts file with the safe loader, keeping the line of every fact and field."""
    import yaml
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FactError([f"{label}: cannot read: {exc.strerror}"]) from None
    if size > MAX_FACT_FILE_BYTES:
        raise FactError([f"{label}: file is {size / 1e6:.1f} MB; a facts file may be at most "
                         f"{MAX_FACT_FILE_BYTES // (1024 * 1024)} MB"])
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FactError([f"{label}: not UTF-8 text (byte {exc.start})"]) from None
    if "\x00" in text:
        raise FactError([f"{label}: contains NUL bytes; not a YAML text file"])
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        for token in yaml.scan(text, Loader=loader_cls):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                raise FactError([f"{label}:{token.start_mark.line + 1}: YAML anchors and aliases are not "
                                 f"allowed in fact files"])
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FactError([f"{label}:{line}: YAML syntax error: {problem}"]) from None
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise FactError([f"{label}:{node.start_mark.line + 1}: expected a list of facts"])
    constructor = yaml.SafeLoader("")
    items: list[_Raw] = []
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            items.append(_Raw({"__not_a_mapping__": True}, line, {}))
            continue
        try:
            data = constructor.construct_mapping(item, deep=True)
        except yaml.YAMLError as exc:
            raise FactError([f"{label}:{line}: {getattr(exc, 'problem', exc)}"]) from None
        field_lines = {k.value: v.start_mark.line + 1 for k, v in item.value if hasattr(k, "value")}
        items.append(_Raw(data, line, field_lines))
    return items


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _numbers_in(text: str) -> set[float]:
    return {float(n) for n in _NUMBER_IN_TEXT.findall(text)}


class _Validator:
    def __init__(self, document: Document):
        self.document = document
        self.sections = {s.id for s in document.sections}
        self.section_text = {s.id: fold(" \n ".join(p.text for p in document.passages_of(s.id)))
                             for s in document.sections}
        self.max_ref = len(document.references)

    def check(self, raw: _Raw, where: str) -> tuple[list[str], Fact | None]:
        d = raw.data
        if d.get("__not_a_mapping__"):
            return [f"{where}:{raw.line}: a fact must be a mapping of fields"], None
        fid = d.get("id") if isinstance(d.get("id"), str) else "?"
        problems: list[str] = []

        def bad(field: str, message: str) -> None:
            problems.append(f"{where}:{raw.field_lines.get(field, raw.line)}: fact {fid}: {message}")

        for field, typ in REQUIRED.items():
            if field not in d:
                bad(field, f"missing required field '{field}'")
            elif not isinstance(d[field], typ) or not str(d[field]).strip():
                bad(field, f"'{field}' must be a non-empty {typ.__name__}")
        kind = d.get("kind")
        if isinstance(kind, str) and kind not in KINDS:
            bad("kind", f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})")
        sections = _as_list(d.get("section"))
        if not sections:
            bad("section", "missing required field 'section'")
        for s in sections:
            if not isinstance(s, (str, int, float)) or str(s) not in self.sections:
                bad("section", f"unknown section '{s}'")
        sections = [str(s) for s in sections]
        refs = d.get("refs", [])
        if not isinstance(refs, list) or not all(isinstance(r, int) and not isinstance(r, bool) for r in refs):
            bad("refs", "'refs' must be a list of reference numbers")
            refs = []
        for r in refs:
            if not 1 <= r <= self.max_ref:
                bad("refs", f"reference {r} does not exist (the review has references 1-{self.max_ref})")
        aliases = d.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            bad("aliases", "'aliases' must be a list of strings")
            aliases = []
        if kind == "term" and not aliases:
            bad("aliases", "a term needs at least one alias")
        for field in ("resistance", "correlation"):
            if field in d and d[field] not in CHOICES[field]:
                bad(field, f"'{field}' must be one of: {', '.join(sorted(str(c) for c in CHOICES[field] if c))}")
        if kind == "mirna" and d.get("role") not in MIRNA_ROLES:
            bad("role", f"a mirna 'role' must be one of: {', '.join(sorted(MIRNA_ROLES))}")
        evidence = d.get("evidence") if isinstance(d.get("evidence"), str) else ""
        if evidence and sections and not any(fold(evidence) in self.section_text.get(s, "") for s in sections):
            bad("evidence", f"evidence quote not found in the text of section {', '.join(sections)}: "
                            f"\"{evidence[:80]}{'…' if len(evidence) > 80 else ''}\"")
        in_evidence = _numbers_in(evidence)
        for field in NUMERIC_FIELDS:
            value = d.get(field)
            if value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                bad(field, f"'{field}' must be a number or null")
            elif evidence and float(value) not in in_evidence:
                bad(field, f"{field} {value} does not occur in the evidence")
        if problems:
            return problems, None
        fields = tuple((k, v) for k, v in d.items() if k not in COMMON)
        return [], Fact(id=d["id"], kind=d["kind"], entity=d["entity"].strip(), summary=d["summary"].strip(),
                        sections=tuple(sections), refs=tuple(refs), evidence=evidence, fields=fields,
                        aliases=tuple(a.strip() for a in aliases), source=f"{where}:{raw.line}")


def load_facts(facts_dir: Path, document: Document, label_root: Path | None = None) -> tuple[Fact, ...]:
    """Read every *.yaml under facts_dir and validate it against the document; FactError lists all problems."""
    if not facts_dir.is_dir():
        return ()
    validator = _Validator(document)
    problems: list[str] = []
    facts: list[Fact] = []
    first_seen: dict[str, str] = {}
    for path in sorted(facts_dir.glob("*.y*ml")):
        label = str(path.relative_to(label_root)) if label_root else str(path)
        try:
            raws = _read_yaml(path, label)
        except FactError as exc:
            problems.extend(exc.problems)
            continue
        for raw in raws:
            found, fact = validator.check(raw, label)
            problems.extend(found)
            if fact is None:
                continue
            if fact.id in first_seen:
                problems.append(f"{label}:{raw.line}: fact {fact.id}: duplicate id (first defined at "
                                f"{first_seen[fact.id]})")
                continue
            first_seen[fact.id] = f"{label}:{raw.line}"
            facts.append(fact)
    if problems:
        raise FactError(problems)
    return tuple(facts)

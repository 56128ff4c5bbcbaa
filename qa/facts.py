"""Load and validate the curated YAML facts (FILE:LINE messages); names and linking live in qa.names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .fact_kinds import (COMMON, FLAG, KIND_SPECS, KINDS, NUMBER, NUMERIC_FIELDS, REFERENCE_NOTE_FIELDS,
                         REFERENCE_NOTES_FILE, REQUIRED_TEXT, TEXT, TEXT_LIST)
from .errors import FactError
from .models import Document, Fact
from .text import fold
from .yamlfile import tag_name, yaml_problem

__all__ = ["KINDS", "NUMERIC_FIELDS", "FactError", "load_facts", "load_reference_notes", "entity_groups",
           "name_key"]

MAX_FACT_FILE_BYTES = 5 * 1024 * 1024
_NUMBER_IN_TEXT = re.compile(r"\d+(?:\.\d+)?")
_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_TYPE_WORDS = {TEXT: "a string or null", FLAG: "true or false", NUMBER: "a number or null",
               TEXT_LIST: "a list of strings", (int,): "a whole number"}


@dataclass(frozen=True)
class _Raw:
    data: dict
    line: int
    field_lines: dict             # field -> line of its value
    item_lines: dict              # list field -> line of each item ("aliases": [7, 7, 8])


def _read_yaml(path: Path, label: str) -> list[_Raw]:
    """Parse one facts file with the safe loader, keeping the line of every fact, field and list item."""
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
        if "&" in text or "*" in text:      # an anchor needs '&' and an alias '*': without them, skip the scan
            for token in yaml.scan(text, Loader=loader_cls):
                if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                    raise FactError([f"{label}:{token.start_mark.line + 1}: YAML anchors and aliases are not "
                                     f"allowed in fact files"])
        node = yaml.compose(text, Loader=loader_cls)
    except yaml.YAMLError as exc:
        raise FactError([yaml_problem(label, exc)]) from None
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise FactError([f"{label}:{node.start_mark.line + 1}: expected a list of facts"])
    constructor = yaml.SafeLoader("")

    def plain(n):
        """A node as plain YAML: no !!python/... tag (nor any tag on a list or a mapping), reported where it is."""
        if n.tag.startswith("tag:yaml.org,2002:python/") or (
                not isinstance(n, yaml.ScalarNode) and n.tag not in (_SEQ_TAG, _MAP_TAG)):
            mark = n.start_mark
            raise FactError([f"{label}:{mark.line + 1}:{mark.column + 1}: the tag {tag_name(n.tag)} is not allowed "
                             f"(plain YAML only)"])
        return n

    def value_of(n):
        """The Python value of a node: strings straight from the node, other scalars by the safe constructor."""
        plain(n)
        if isinstance(n, yaml.ScalarNode):
            return n.value if n.tag == _STR_TAG else constructor.construct_object(n)
        if isinstance(n, yaml.SequenceNode):
            return [value_of(i) for i in n.value]
        return mapping_of(n)

    def mapping_of(n) -> dict:
        out = {}
        for k, v in n.value:
            key = value_of(k)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise FactError([f"{label}:{k.start_mark.line + 1}: a field name must be a plain word"])
            out[key] = value_of(v)
        return out

    items: list[_Raw] = []
    for item in node.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            items.append(_Raw({"__not_a_mapping__": True}, line, {}, {}))
            continue
        try:
            data = mapping_of(plain(item))
        except yaml.YAMLError as exc:
            raise FactError([yaml_problem(label, exc)]) from None
        field_lines = {k.value: v.start_mark.line + 1 for k, v in item.value if hasattr(k, "value")}
        item_lines = {k.value: [i.start_mark.line + 1 for i in v.value] for k, v in item.value
                      if isinstance(v, yaml.SequenceNode) and isinstance(k, yaml.ScalarNode)}
        items.append(_Raw(data, line, field_lines, item_lines))
    return items


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _numbers_in(text: str) -> set[float]:
    return {float(n) for n in _NUMBER_IN_TEXT.findall(text)}


def _has_type(value, types: tuple) -> bool:
    if types == TEXT_LIST:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


class _Validator:
    """Checks one fact against the declarations of qa.fact_kinds and the text of the review."""

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

        for field in REQUIRED_TEXT:
            if field not in d:
                bad(field, f"missing required field '{field}'")
            elif not isinstance(d[field], str) or not d[field].strip():
                bad(field, f"'{field}' must be a non-empty str")
        kind = d.get("kind")
        spec = KIND_SPECS.get(kind) if isinstance(kind, str) else None
        if isinstance(kind, str) and spec is None:
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
        names: dict[str, list[str]] = {}
        for field in ("aliases", "related"):
            value = d.get(field, [])
            if not _has_type(value, TEXT_LIST):
                bad(field, f"'{field}' must be a list of strings")
                value = []
            names[field] = value
        note = d.get("note", "")
        if not isinstance(note, str) or ("note" in d and not note.strip()):
            bad("note", "'note' must be a non-empty string")
            note = ""
        if spec is not None:
            if len(names["aliases"]) < spec.min_aliases:
                bad("aliases", f"a {kind} needs at least {'one' if spec.min_aliases == 1 else spec.min_aliases} "
                               f"alias{'' if spec.min_aliases == 1 else 'es'}")
            self._check_kind_fields(d, spec, bad)
        evidence = d.get("evidence") if isinstance(d.get("evidence"), str) else ""
        if evidence and sections and not any(fold(evidence) in self.section_text.get(s, "") for s in sections):
            bad("evidence", f"evidence quote not found in the text of section {', '.join(sections)}: "
                            f"\"{evidence[:80]}{'…' if len(evidence) > 80 else ''}\"")
        in_evidence = _numbers_in(evidence)
        for field in (spec.numeric_fields if spec is not None else NUMERIC_FIELDS):
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
        holding = next((s for s in sections if fold(evidence) in self.section_text.get(s, "")), "") if evidence else ""
        return [], Fact(id=d["id"], kind=d["kind"], entity=d["entity"].strip(), summary=d["summary"].strip(),
                        sections=tuple(sections), refs=tuple(refs), evidence=evidence, fields=fields,
                        aliases=tuple(a.strip() for a in names["aliases"]), source=f"{where}:{raw.line}",
                        related=tuple(r.strip() for r in names["related"]), note=note.strip(),
                        evidence_section=holding)

    @staticmethod
    def _check_kind_fields(d: dict, spec, bad) -> None:
        """Unknown fields, required fields, choices and types, as the kind declares them."""
        for name in d:
            if name not in COMMON and spec.spec(name) is None:
                bad(name, f"unknown field '{name}' for kind '{spec.name}' (expected one of: "
                          f"{', '.join(spec.field_names)})")
        for f in spec.fields:
            value = d.get(f.name)
            if f.choices is not None:
                if (value is None and f.required) or (value is not None and value not in f.choices):
                    head = f"a {spec.name} '{f.name}'" if f.required else f"'{f.name}'"
                    bad(f.name, f"{head} must be one of: {', '.join(sorted(f.choices))}")
            elif value is None:
                if f.required:
                    bad(f.name, f"missing required field '{f.name}'")
            elif not f.numeric and not _has_type(value, f.types):     # numbers: checked with the evidence
                bad(f.name, f"'{f.name}' must be {_TYPE_WORDS.get(f.types, 'of the declared type')}")


# --- same entity ---------------------------------------------------------------------------------------
#
# An alias must be another name of the fact's OWN entity. Several facts share one entity, so the validator
# first groups names into entities, then checks every alias against the names of the other entities.
#
# Name key: two names are the same name when qa.text.fold makes them equal (case, dash variants, Greek
#   letters spelled out, acronym plurals "CSCs" = "CSC") once hyphens and spaces are dropped too
#   ("Jagged 1" = "Jagged-1" = "JAGGED1", "TNF-alpha" = "TNFα").
# Canonical names: every fact's `entity`, and every value of a field the schema marks as holding names (an
#   outcome's `agent`, a miRNA's `target`: "PTEN" is an entity because mirna.mir221 targets it).
# Entities: canonical names with the same key are one entity (an agent fact and its outcome facts all say
#   "epertinib"). Two different canonical names A and B are also one entity when the facts named A list B
#   among their aliases AND the facts named B list A among theirs: a glossary term "T-DM1" with alias
#   "trastuzumab emtansine" and an agent "Trastuzumab emtansine" with alias "T-DM1". One-sided listing
#   does not merge: that is exactly the mistake being caught (a PKCα fact listing "Jagged-1").
# Names of an entity: its canonical names, and the aliases of its glossary (`term`) facts - the glossary
#   is where synonyms are declared, so "c-Src" (an alias of term SRC) names SRC.
# The rule: an alias is rejected when its key is a name of a different entity. Glossary aliases are
#   checked the same way (a term listing another fact's entity is refused too). Two facts of different
#   entities may not share an alias either (the later one is reported): one name, one entity. A `related`
#   name may not be a name of the fact's own entity.

_KEY_DROP = re.compile(r"[\s\-]+")


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The form in which two names are compared: folded, without hyphens and spaces."""
    return _KEY_DROP.sub("", fold(name)) or fold(name) or name


def _split_names(value) -> list[str]:
    return [n.strip() for n in str(value).split(";") if n.strip()] if isinstance(value, str) else []


class _Entities:
    """Facts' names grouped into entities (the rule above)."""

    def __init__(self, facts: list[Fact]):
        self.canonical: dict[str, tuple[Fact, str]] = {}     # key -> (first fact naming it, how: "entity"/field)
        self.parent: dict[str, str] = {}
        aliases_of: dict[str, set[str]] = {}                 # entity key -> alias keys of the facts so named
        self.glossary: dict[str, list[Fact]] = {}            # alias key -> term facts listing it
        for fact in facts:
            key = name_key(fact.entity)
            self._add(key, fact, "entity")
            aliases_of.setdefault(key, set()).update(name_key(a) for a in fact.aliases)
            spec = KIND_SPECS.get(fact.kind)
            for field in (spec.name_fields if spec else ()):
                for name in _split_names(fact.get(field)):
                    self._add(name_key(name), fact, field)
            if fact.kind == "term":
                for a in fact.aliases:
                    self.glossary.setdefault(name_key(a), []).append(fact)
        for key, alias_keys in aliases_of.items():
            for other in alias_keys:
                if other != key and other in aliases_of and key in aliases_of[other]:
                    self._union(key, other)

    def _add(self, key: str, fact: Fact, how: str) -> None:
        """Record a canonical name; a fact's entity is preferred over a name field as its description."""
        if not key:
            return
        if key not in self.canonical:
            self.parent[key] = key
        if key not in self.canonical or (how == "entity" and self.canonical[key][1] != "entity"):
            self.canonical[key] = (fact, how)

    def name(self, key: str) -> str:
        """The canonical name as written (the first fact's entity, or the name in its name field)."""
        fact, how = self.canonical[key]
        return fact.entity if how == "entity" else next(
            n for n in _split_names(fact.get(how)) if name_key(n) == key)

    def _union(self, a: str, b: str) -> None:
        ra, rb = self.group(a), self.group(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def group(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def of(self, fact: Fact) -> str:
        return self.group(name_key(fact.entity))

    def other_entity(self, key: str, own: str) -> str | None:
        """Why this name belongs to another entity than `own`, or None when it does not."""
        if key in self.canonical:
            if self.group(key) != own:
                fact, how = self.canonical[key]
                return f"'{self.name(key)}' is the {how} of fact {fact.id}"
            return None
        for term in self.glossary.get(key, ()):
            if self.of(term) != own:
                return f"it is an alias of the glossary term {term.id} ('{term.entity}')"
        return None

    def own_names(self, fact: Fact) -> set[str]:
        """Every name of the fact's entity: canonical names, glossary aliases, and the fact's own aliases."""
        if not hasattr(self, "_names_of"):
            self._names_of: dict[str, set[str]] = {}
            for k in self.canonical:
                self._names_of.setdefault(self.group(k), set()).add(k)
            for k, terms in self.glossary.items():
                for t in terms:
                    self._names_of.setdefault(self.of(t), set()).add(k)
        return self._names_of.get(self.of(fact), set()) | {name_key(a) for a in fact.aliases}


def _entity_problems(entries: list[tuple[Fact, str, _Raw]]) -> list[str]:
    """Aliases that name another entity, and related names that name the fact's own (see "same entity")."""
    entities = _Entities([fact for fact, _, _ in entries])
    problems: list[str] = []
    alias_of: dict[str, Fact] = {}          # alias key -> the first non-glossary fact listing it
    for fact, label, raw in entries:
        own = entities.of(fact)
        for field in ("aliases", "related"):
            lines = raw.item_lines.get(field, [])
            default = raw.field_lines.get(field, raw.line)
            values = fact.aliases if field == "aliases" else fact.related
            own_names = entities.own_names(fact) if field == "related" and values else set()
            for i, name in enumerate(values):
                where = f"{label}:{lines[i] if i < len(lines) else default}: fact {fact.id}"
                key = name_key(name)
                if field == "aliases":
                    why = entities.other_entity(key, own)
                    first = alias_of.setdefault(key, fact) if fact.kind != "term" else fact
                    if not why and entities.of(first) != own:
                        why = f"it is an alias of fact {first.id} ('{first.entity}')"
                    if why:
                        problems.append(f"{where}: alias '{name}' names another entity ({why}); aliases are "
                                        f"only other names of '{fact.entity}': list it under 'related'")
                elif key in own_names:
                    problems.append(f"{where}: related '{name}' is a name of the fact's own entity "
                                    f"'{fact.entity}', not another entity: list it under 'aliases'")
    return problems


def entity_groups(facts) -> dict[str, str]:
    """fact id -> the canonical name of its entity (the first fact's `entity` of the group), by the rule above."""
    facts = list(facts)
    entities = _Entities(facts)
    return {f.id: entities.name(entities.of(f)) for f in facts}


# --- loading -------------------------------------------------------------------------------------------

def load_facts(facts_dir: Path, document: Document, label_root: Path | None = None) -> tuple[Fact, ...]:
    """Read every *.yaml under facts_dir and validate it against the document; FactError lists all problems.

    The reference-notes file (qa.fact_kinds.REFERENCE_NOTES_FILE) is not facts: it is validated here too and
    read with load_reference_notes."""
    if not facts_dir.is_dir():
        return ()
    validator = _Validator(document)
    problems: list[str] = []
    entries: list[tuple[Fact, str, _Raw]] = []
    first_seen: dict[str, str] = {}
    notes_path = None
    for path in sorted(facts_dir.glob("*.y*ml")):
        label = str(path.relative_to(label_root)) if label_root else str(path)
        if path.name == REFERENCE_NOTES_FILE:
            notes_path = (path, label)
            continue
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
            entries.append((fact, label, raw))
    problems.extend(_entity_problems(entries))
    facts = tuple(fact for fact, _, _ in entries)
    if notes_path:
        problems.extend(_read_reference_notes(*notes_path, document, facts)[1])
    if problems:
        raise FactError(problems)
    return facts


def _read_reference_notes(path: Path, label: str, document: Document,
                          facts: tuple[Fact, ...] | None) -> tuple[dict[int, str], list[str]]:
    try:
        raws = _read_yaml(path, label)
    except FactError as exc:
        return {}, exc.problems
    max_ref = len(document.references)
    by_id = {f.id: f for f in facts} if facts is not None else None
    notes: dict[int, str] = {}
    problems: list[str] = []
    declared = {f.name: f for f in REFERENCE_NOTE_FIELDS}
    for raw in raws:
        d = raw.data
        if d.get("__not_a_mapping__"):
            problems.append(f"{label}:{raw.line}: a reference note must be a mapping of fields")
            continue
        ref = d.get("ref")
        who = f"reference note {ref}" if isinstance(ref, int) and not isinstance(ref, bool) else "reference note ?"
        found: list[str] = []

        def bad(field: str, message: str) -> None:
            found.append(f"{label}:{raw.field_lines.get(field, raw.line)}: {who}: {message}")

        for name in d:
            if name not in declared:
                bad(name, f"unknown field '{name}' (expected one of: {', '.join(declared)})")
        for f in REFERENCE_NOTE_FIELDS:
            value = d.get(f.name)
            if value is None:
                if f.required:
                    bad(f.name, f"missing required field '{f.name}'")
            elif not _has_type(value, f.types) or (f.types == TEXT and not value.strip()):
                bad(f.name, f"'{f.name}' must be {'a non-empty string' if f.types == TEXT else _TYPE_WORDS[f.types]}")
        if not found and not 1 <= ref <= max_ref:
            bad("ref", f"reference {ref} does not exist (the review has references 1-{max_ref})")
        if not found and ref in notes:
            bad("ref", "a second note for the same reference")
        if not found and by_id is not None:
            for fid in d.get("facts") or []:
                if fid not in by_id:
                    bad("facts", f"no fact {fid}")
                elif ref not in by_id[fid].refs:
                    bad("facts", f"fact {fid} does not cite reference {ref}")
        problems.extend(found)
        if not found:
            notes[ref] = d["note"].strip()
    return notes, problems


def load_reference_notes(facts_dir: Path, document: Document, label_root: Path | None = None,
                         facts: tuple[Fact, ...] | None = None) -> dict[int, str]:
    """{reference number: note} from facts_dir/reference_notes.yaml ({} when there is none).

    Validated: every number is one of the review's references, each at most once; with `facts`, the facts a
    note lists exist and cite the reference. FactError lists the problems."""
    path = facts_dir / REFERENCE_NOTES_FILE
    if not path.is_file():
        return {}
    label = str(path.relative_to(label_root)) if label_root else str(path)
    notes, problems = _read_reference_notes(path, label, document, facts)
    if problems:
        raise FactError(problems)
    return notes

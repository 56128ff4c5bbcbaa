"""The fact schema, declared once: common fields, each kind's typed fields and one-line summary, reference notes.

qa.facts validates corpus/facts/*.yaml against these declarations; nothing else lists kinds or fields. Adding a
kind means adding one `Kind(...)` to KIND_SPECS below and writing its facts in a YAML file.

Field semantics:
  required  the field must be present and not null
  choices   the allowed values (null is allowed too unless the field is required)
  numeric   a figure: a number (or null) that the fact's evidence quote must print
  names     the value names an entity (several names separated by ";"); the validator counts these names as
            entities when it checks that aliases are only synonyms (see qa.facts, "same entity")
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field

TEXT = (str,)
NUMBER = (int, float)      # bool is refused separately (YAML true is not a number)
FLAG = (bool,)
TEXT_LIST = (list,)        # a list of strings
SECTIONS = (str, int, float, list)   # one section id or a list of them ("3.1" may be read as a number)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    types: tuple[type, ...] = TEXT
    required: bool = False
    choices: tuple | None = None
    numeric: bool = False
    names: bool = False
    doc: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of fact: its own fields (beyond the common ones) and how a fact of it reads as one line."""
    name: str
    doc: str
    fields: tuple[FieldSpec, ...]
    summary_template: tuple[str, ...] = ("{entity}",)   # pieces; a piece shows only when all its fields have values
    min_aliases: int = 0                                # a term is a list of names: it needs at least one alias
    _by_name: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _pieces: tuple = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_name", {f.name: f for f in self.fields})
        parsed = tuple((piece, tuple(name for _, name, _, _ in string.Formatter().parse(piece) if name))
                       for piece in self.summary_template)
        object.__setattr__(self, "_pieces", parsed)

    def spec(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    @property
    def numeric_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.numeric)

    @property
    def name_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.names)

    def summarise(self, fact) -> str:
        """The fact as one display line built from its typed fields ("PKCα: Jagged-1/Notch-1; primary
        resistance; negative correlation (Pandya K)"); the authored `summary` stays the fact's own words."""
        values = {"entity": fact.entity, "id": fact.id, "kind": fact.kind, **dict(fact.fields)}
        out = []
        for piece, names in self._pieces:
            got = {n: values.get(n) for n in names}
            if all(v is not None and v != "" for v in got.values()):
                out.append(piece.format(**{n: _display(v) for n, v in got.items()}))
        return "".join(out).strip()


def _display(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- the fields every fact has ------------------------------------------------------------------------

COMMON_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", required=True, doc="unique across all files: kind.entity[.aspect]"),
    FieldSpec("kind", required=True, doc="one of KIND_SPECS"),
    FieldSpec("entity", required=True, doc="the canonical name of the one thing the fact is about"),
    FieldSpec("summary", required=True, doc="one line in the review's own terms (nothing it does not say)"),
    FieldSpec("section", SECTIONS, required=True, doc="section id(s) whose text holds the evidence"),
    FieldSpec("refs", (list,), doc="reference numbers the review cites for it"),
    FieldSpec("evidence", required=True, doc="a verbatim quote of the review (checked)"),
    FieldSpec("aliases", TEXT_LIST, names=True,
              doc="other names of the SAME entity only: spellings, abbreviations, brand names, codes, gene vs "
                  "protein names; a name of another entity belongs in `related`"),
    FieldSpec("related", TEXT_LIST, doc="other entities this fact involves (never synonyms of its entity)"),
    FieldSpec("note", doc="a remark for the reader: an oddity of the review's wording or citation"),
)
COMMON = frozenset(f.name for f in COMMON_FIELDS)
REQUIRED_TEXT = tuple(f.name for f in COMMON_FIELDS if f.required and f.types == TEXT)   # checked as non-empty str

# -- the kinds ------------------------------------------------------------------------------------------

RESISTANCE = ("primary", "secondary", "primary and secondary")
CORRELATION = ("positive", "negative")
MIRNA_ROLES = ("suppressor", "promotes resistance", "reverses resistance")
METRICS = ("ORR", "response rate", "PFS", "OS", "DoR", "DFS", "adverse event rate", "relative risk reduction",
           "prior treatment share", "other")
QUALIFIERS = ("median", "about", "less than", "more than")

KIND_SPECS: dict[str, Kind] = {k.name: k for k in (
    Kind("biomarker", "a molecule or measurement that predicts trastuzumab resistance (Table 1 rows and more)", (
        FieldSpec("pathway", doc="mechanism/signalling pathway as printed"),
        FieldSpec("resistance", choices=RESISTANCE, doc="primary/secondary drug resistance (Table 1)"),
        FieldSpec("correlation", choices=CORRELATION, doc="correlation with drug resistance (Table 1)"),
        FieldSpec("author", doc="first author of the cited study"),
        FieldSpec("in_table", FLAG, doc="true for the rows of Table 1 (rebuilt from these facts)"),
        FieldSpec("role", doc="what it does, in a few words"),
        FieldSpec("p_value", NUMBER, numeric=True),
    ), ("{entity}", ": {pathway}", "; {resistance} resistance", "; {correlation} correlation", " ({author})")),
    Kind("agent", "a therapeutic agent or strategy", (
        FieldSpec("class", doc="drug class"),
        FieldSpec("target"),
        FieldSpec("stage", doc="development stage as the review states it"),
        FieldSpec("mechanism"),
    ), ("{entity}", " ({class})", ", target {target}", "; {stage}")),
    Kind("outcome", "a reported trial or study result", (
        FieldSpec("agent", names=True, doc="the agent(s) the result is for; several separated by ';'"),
        FieldSpec("trial"),
        FieldSpec("metric", choices=METRICS),
        FieldSpec("value", NUMBER, numeric=True),
        FieldSpec("value_high", NUMBER, numeric=True, doc="upper end of a printed range"),
        FieldSpec("unit"),
        FieldSpec("ci_low", NUMBER, numeric=True),
        FieldSpec("ci_high", NUMBER, numeric=True),
        FieldSpec("comparator"),
        FieldSpec("comparator_value", NUMBER, numeric=True),
        FieldSpec("population"),
        FieldSpec("qualifier", choices=QUALIFIERS),
        FieldSpec("second_value", NUMBER, numeric=True, doc="the second figure of a pair printed as 'a%/b%'"),
    ), ("{agent}", " ({trial})", ": {qualifier}", " {metric}", " {value}", "-{value_high}", " {unit}",
        " vs {comparator_value}", " ({comparator})")),
    Kind("mechanism", "a resistance mechanism or a therapeutic strategy against one", (
        FieldSpec("pathway"),
        FieldSpec("effect"),
    ), ("{entity}", " ({pathway})", ": {effect}")),
    Kind("mirna", "a microRNA and its role in resistance", (
        FieldSpec("role", required=True, choices=MIRNA_ROLES),
        FieldSpec("target", names=True, doc="the gene the miRNA acts on"),
        FieldSpec("pathway"),
    ), ("{entity}: {role}", "; target {target}", "; pathway {pathway}")),
    Kind("statistic", "a prevalence, count or date figure", (
        FieldSpec("value", NUMBER, numeric=True),
        FieldSpec("value_high", NUMBER, numeric=True),
        FieldSpec("unit"),
        FieldSpec("qualifier", choices=QUALIFIERS),
        FieldSpec("population"),
    ), ("{entity}: {qualifier}", " {value}", "-{value_high}", " {unit}", " ({population})")),
    Kind("term", "a glossary entry: the names of one thing", (
        FieldSpec("expansion", doc="what an abbreviation stands for"),
    ), ("{entity}", " = {expansion}"), min_aliases=1),
)}

KINDS: tuple[str, ...] = tuple(KIND_SPECS)
NUMERIC_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(n for k in KIND_SPECS.values() for n in k.numeric_fields))


def kind(name: str) -> Kind | None:
    return KIND_SPECS.get(name)


def summarise(fact) -> str:
    """One display line for any fact, from its kind's template (the authored summary when the kind is unknown)."""
    spec = KIND_SPECS.get(fact.kind)
    return spec.summarise(fact) if spec else fact.summary


def name_fields(kind_name: str) -> tuple[str, ...]:
    """The fields of a kind whose values name entities (an outcome's `agent`, a miRNA's `target`)."""
    spec = KIND_SPECS.get(kind_name)
    return spec.name_fields if spec else ()


# -- notes on the review's reference list ---------------------------------------------------------------

REFERENCE_NOTES_FILE = "reference_notes.yaml"   # in the facts directory; not facts: a list of these entries
REFERENCE_NOTE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("ref", (int,), required=True, doc="a reference number of the review"),
    FieldSpec("note", required=True, doc="what is odd about the citation (visible to readers)"),
    FieldSpec("facts", TEXT_LIST, doc="ids of facts that cite the reference for the point the note is about"),
)

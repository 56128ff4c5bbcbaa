"""Table 1 rebuilt from the biomarker facts: its caption, header and rows as the review prints them."""
from __future__ import annotations

from .models import Fact


def _resistance(value: str | None) -> str:
    words = (value or "").split(" ")
    return " ".join(w if w == "and" else w.capitalize() for w in words)


def table_rows_from_facts(facts: tuple[Fact, ...]) -> list[tuple[str, ...]]:
    rows = []
    for f in facts:
        if f.kind != "biomarker" or not f.get("in_table"):
            continue
        refs = f" ({', '.join(map(str, f.refs))})" if f.refs else ""
        rows.append((f.entity, str(f.get("pathway") or ""), _resistance(f.get("resistance")),
                     str(f.get("correlation") or "").capitalize(), f"{f.get('author') or ''}{refs}"))
    return rows


def table_caption(engine) -> str:
    """The caption as the review prints it: "TABLE 1 Emerging biomarkers ..."."""
    from .identity import table_label
    table = engine.document.table
    return f"{table_label(table.id).upper()} {table.caption}" if table else "TABLE 1"


def table_header(engine) -> tuple[str, ...]:
    table = engine.document.table
    return table.header if table else ("Biomarkers", "Mechanism/signaling pathway",
                                       "Primary/secondary drug resistance", "Correlation with drug resistance",
                                       "Author and reference")

"""table_cells: a claim giving one table row the value of another row's cell (a row's reference credited to another
row's author; "a value of 30 to 45: full dose", where full dose is the row above 45).

General class: any table of the review, read as rows of cells (the sentence table keeps a row as "a | b | c"). The
claim picks a row by its first cell (a name, words or figures) and names, in another column, a cell that belongs
to a different row and not this one."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...quantities import Quantity, quantities
from ..claim import Claim
from ..knowledge import Knowledge, Sentence
from ..verdict import cite, evidence_of
from ...models import Evidence


@dataclass
class _Row:
    sent: Sentence
    cells: list[str]


@lru_cache(maxsize=8)
def _rows(kb: Knowledge) -> dict[str, tuple[list[str], list[_Row]]]:
    """Each table's header cells and rows, by section (read once per review, not per claim)."""
    tables: dict[str, tuple[list[str], list[_Row]]] = {}
    for s in kb.sentences:
        if not s.section.startswith("table") or " | " not in s.text:
            continue
        cells = [c.strip() for c in s.text.split(" | ")]
        if s.section not in tables:
            tables[s.section] = (cells, [])      # the first row of cells is the header
        else:
            tables[s.section][1].append(_Row(s, cells))
    return tables


@lru_cache(maxsize=4096)
def _cell_stems(kb: Knowledge, cell: str) -> frozenset[str]:
    """The content stems of a cell, citation numbers left out."""
    return frozenset(x for w in kb.words(cell) for x in (w.stems[1:] if len(w.stems) > 1 else w.stems)
                     if not x.isdigit())


def _same_figures(cell: list[Quantity], claim: list[Quantity]) -> bool:
    """Every figure of a cell given by the claim (a cell's bare "30 to 45" is the claim's "30 and 45 mL/min")."""
    return bool(cell) and all(any(c.low == q.low and c.high == q.high and (c.qual or None) == (q.qual or None)
                                  for q in claim) for c in cell)


@lru_cache(maxsize=4096)
def _cell_figures(cell: str) -> list[Quantity]:
    return quantities(cell)


@lru_cache(maxsize=4096)
def _cell_groups(kb: Knowledge, cell: str) -> frozenset[str]:
    return frozenset(g for g, *_ in kb.registry.mentions(kb.words(cell)))


def _holds(kb: Knowledge, claim: Claim, cell: str, key: bool = False) -> bool:
    """Whether the claim names this cell: its figures, else all its content words (a row's key also by its name's
    group: a Greek letter spelt out, "X-alpha" for "Xα")."""
    figures = _cell_figures(cell)
    if figures:
        return _same_figures(figures, claim.quantities)
    groups = _cell_groups(kb, cell)
    if key and groups:
        # the row's name standing alone in the claim, not as a piece of another ("Jagged-1/Notch/STAT3" is no STAT3)
        alone = {g for w in claim.words if len(w.stems) == 1 for g in w.groups}
        mentioned = {g for g, first, last, _ in claim.mentions if last > first} | alone
        return groups <= mentioned
    stems = _cell_stems(kb, cell)
    return bool(stems) and stems <= claim.stems


def table_cells(kb: Knowledge, claim: Claim) -> tuple[str, tuple[Evidence, ...]] | None:
    """The row the claim picks and a cell of another row it gives it, for claims about a table's rows: the reason
    and the two rows."""
    for section, (header, rows) in _rows(kb).items():
        picked = [r for r in rows if r.cells and _holds(kb, claim, r.cells[0], key=True)]
        if len(picked) != 1:
            continue
        row = picked[0]
        for col in range(1, len(header)):
            own = row.cells[col] if col < len(row.cells) else ""
            column = [r.cells[col] for r in rows if r is not row and col < len(r.cells)]
            distinct = _cell_stems(kb, own) - {x for cell in column for x in _cell_stems(kb, cell)}
            if not own or _holds(kb, claim, own) or distinct & claim.stems:
                continue      # the claim gives this row's own cell, or what only it has ("half" of "half dose")
            others = [r for r in rows if r is not row and col < len(r.cells) and r.cells[col] != own
                      and _holds(kb, claim, r.cells[col]) and not _cell_stems(kb, r.cells[col]) <= _cell_stems(kb, own)]
            if others:
                other = others[0]
                return (f"{cite(section)} gives \"{own}\" for {row.cells[0]} ({header[col]}); "
                        f"\"{other.cells[col]}\" is the row of {other.cells[0]}",
                        (evidence_of(row.sent), evidence_of(other.sent)))
    return None

"""Inert display text for the cards and screens: highlighted passages, relevance bars, facts tables, references.

Everything here builds `Content` (or Rich `Text`) from plain strings, so no review or user text is ever parsed
as markup; `safe` first makes terminal control characters visible.
"""
from __future__ import annotations

import re
from typing import Iterable

from rich import box
from rich.table import Table
from rich.text import Text
from textual.content import Content, Span

from qa.models import Fact, Reference
from qa.formats import gathered_table as table_rows, safe
from qa.text import sentences

WORD = re.compile(r"[\w\-/α-ωΑ-Ω]+")
TERM_STYLE = "bold $text-accent"          # the user's own words
RELATED_STYLE = "underline"               # glossary synonyms the engine added
MUTED = "$text-muted"
BAR_CELLS = " ▏▎▍▌▋▊▉█"


def plain(text: str) -> Content:
    """Any outside text as Content, with nothing interpreted."""
    return Content(safe(text))


def highlight(text: str, primary: set[str], secondary: set[str], tokenizer) -> Content:
    """Mark the words whose stems are query terms: the user's own terms strongly, synonyms lightly."""
    text = safe(text)
    spans: list[Span] = []
    if primary or secondary:
        for match in WORD.finditer(text):
            toks = tokenizer.tokens(match.group(0))
            if not toks:
                continue
            if any(t in primary for t in toks):
                spans.append(Span(match.start(), match.end(), TERM_STYLE))
            elif any(t in secondary for t in toks):
                spans.append(Span(match.start(), match.end(), RELATED_STYLE))
    return Content(text, spans, strip_control_codes=False)


def review_label(review) -> Content:
    """Which review of a library a card comes from: "from TITLE (YEAR) · ID" (ID is what DOC:SEC and --doc take)."""
    return Content.assemble(("from ", MUTED), plain(review.label).stylize("bold"), (f"  ·  {review.id}", MUTED))


def relevance_bar(score: float, top: float, width: int = 10) -> Content:
    """A bar proportional to the score relative to the best hit, with eighth-cell precision."""
    fraction = 0.0 if top <= 0 else max(0.0, min(1.0, score / top))
    eighths = round(fraction * width * 8)
    full, part = divmod(eighths, 8)
    filled = "█" * full + (BAR_CELLS[part] if part else "")
    return Content.assemble((filled, "$accent"), (" " * (width - len(filled)), "on $boost"))


def breadcrumb(path: Iterable[str], last_bold: bool = True) -> Content:
    parts = [safe(p) for p in path]
    pieces: list[str | tuple[str, str]] = []
    for i, part in enumerate(parts):
        if i:
            pieces.append((" › ", MUTED))
        pieces.append((part, "bold" if last_bold and i == len(parts) - 1 else MUTED))
    return Content.assemble(*pieces)


def citations(numbers: Iterable[int]) -> Content:
    numbers = list(numbers)
    if not numbers:
        return Content("")
    return Content.assemble(("cites ", MUTED), " ".join(f"[{n}]" for n in numbers))


def snippet(text: str, stems: set[str], tokenizer, keep: int = 2) -> tuple[str, bool]:
    """The sentences that hold the most query terms, in reading order; says whether anything was left out."""
    parts = sentences(text)
    if len(parts) <= keep:
        return text, False
    scored = []
    for i, s in enumerate(parts):
        toks = set(tokenizer.tokens(s))
        scored.append((len(toks & stems), -i))
    chosen = sorted(sorted(range(len(parts)), key=lambda i: scored[i], reverse=True)[:keep])
    out = []
    previous = -1
    for i in chosen:
        if i != previous + 1:
            out.append("…")
        out.append(parts[i])
        previous = i
    if previous != len(parts) - 1:
        out.append("…")
    return " ".join(out), True


def facts_table(facts: Iterable[Fact]) -> Table:
    """Linked facts as a compact table (Rich Text cells, never markup)."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False, padding=(0, 1),
                  header_style="bold")
    table.add_column("Summary", ratio=1)
    table.add_column("Kind", style="dim", no_wrap=True)
    table.add_column("§", no_wrap=True)
    table.add_column("Refs", style="dim")
    for f in facts:
        table.add_row(Text(safe(f.summary)), Text(f.kind), Text(", ".join(f.sections)),
                      Text(", ".join(map(str, f.refs))))
    return table


def gathered_table(answer) -> Table:
    """A gathered answer as a Rich table, from the same header and rows the text formats print
    (qa.formats.gathered_table); "not reported" dimmed (Rich Text cells, never markup)."""
    head, rows = table_rows(answer)
    comparison = answer.gathered.kind == "comparison"
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False, padding=(0, 1),
                  header_style="bold")
    last = len(head) - 1
    for i, name in enumerate(head):
        if i == last:
            table.add_column("Refs", style="dim")
        elif i == last - 1:
            table.add_column(name, no_wrap=True)
        elif i == 0:
            table.add_column("", style="bold", ratio=1 if comparison else None)
        else:
            table.add_column(safe(name), ratio=1)
    for row in rows:
        table.add_row(*[Text(safe(v), style="dim" if v == "not reported" else "") for v in row])
    return table


def reference_content(ref: Reference) -> Content:
    """A reference whole, as the review prints it (authors, title, journal, year, volume, pages, DOI), its number
    and title marked."""
    text = safe(ref.text)
    content = Content.assemble((f"[{ref.n}] ", "bold $text-accent"), text)
    offset = len(f"[{ref.n}] ")
    title = safe(ref.title) if ref.title else ""
    at = text.find(title) if title else -1
    if at >= 0:
        content = content.stylize("italic", offset + at, offset + at + len(title))
    if ref.doi and ref.doi not in text:
        content = content + Content.assemble((" doi: ", MUTED), (safe(ref.doi), "$text-primary"))
    return content


def key_hint(pairs: Iterable[tuple[str, str]]) -> Content:
    """`enter section · r references` as styled, inert text."""
    pieces: list[str | tuple[str, str]] = []
    for i, (key, what) in enumerate(pairs):
        if i:
            pieces.append(("  ·  ", MUTED))
        pieces += [(key, "bold $text-accent"), (f" {what}", MUTED)]
    return Content.assemble(*pieces)

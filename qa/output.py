"""Output shapes: contract dicts for --json/jsonl and plain terminal text (control characters neutralised)."""
from __future__ import annotations

import re
import textwrap

from .models import Answer, Fact, Hit, Reference, Verdict
from .text import fold

SCHEMA = 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Neutralise terminal control: escape sequences and bidi overrides become visible, inert text."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                        else f"\\u{ord(m.group(0)):04x}", text)


# -- JSON boundary ---------------------------------------------------------------------------------

def hit_json(hit: Hit) -> dict:
    p = hit.passage
    return {"rank": hit.rank, "id": p.id, "section": p.section, "title": p.title, "path": list(p.path),
            "score": round(hit.score, 4), "text": p.text, "citations": list(p.citations)}


def fact_json(fact: Fact) -> dict:
    out = {"id": fact.id, "kind": fact.kind, "entity": fact.entity, "summary": fact.summary,
           "section": fact.sections[0] if len(fact.sections) == 1 else list(fact.sections),
           "refs": list(fact.refs), "evidence": fact.evidence}
    if fact.aliases:
        out["aliases"] = list(fact.aliases)
    out["fields"] = {k: v for k, v in fact.fields}
    return out


def reference_json(ref: Reference) -> dict:
    return {"n": ref.n, "text": ref.text, "doi": ref.doi, "authors": ref.authors, "title": ref.title,
            "journal": ref.journal, "year": ref.year}


def answer_json(answer: Answer) -> dict:
    s = answer.sentence
    return {
        "schema": SCHEMA,
        "question": answer.question,
        "found": answer.found,
        "answer": {"text": s.text, "passage": s.passage, "section": s.section} if answer.found and s else None,
        "passages": [hit_json(h) for h in answer.hits],
        "facts": [fact_json(f) for f in answer.facts],
        "references": [reference_json(r) for r in answer.references],
        "meta": answer.meta,
    }


def verdict_json(verdict: Verdict) -> dict:
    return {
        "schema": SCHEMA,
        "claim": verdict.claim,
        "verdict": verdict.verdict,
        "reason": verdict.reason,
        "evidence": [{"section": e.section, "text": e.text, "passage": e.passage} for e in verdict.evidence],
        "facts": [fact_json(f) for f in verdict.facts],
        "meta": verdict.meta,
    }


def error_json(line: int, message: str) -> dict:
    return {"schema": SCHEMA, "line": line, "error": message}


# -- terminal text -------------------------------------------------------------------------------------

class Style:
    def __init__(self, color: bool):
        self.color = color

    def bold(self, s: str) -> str:
        return f"\x1b[1m{s}\x1b[0m" if self.color else s

    def dim(self, s: str) -> str:
        return f"\x1b[2m{s}\x1b[0m" if self.color else s

    def mark(self, s: str) -> str:
        return f"\x1b[1;33m{s}\x1b[0m" if self.color else f"«{s}»"

    def head(self, s: str) -> str:
        return f"\x1b[1;36m{s}\x1b[0m" if self.color else s


def emphasise(text: str, stems: set[str], tokenizer, style: Style) -> str:
    """Mark the words of the text whose stem is a query term."""
    def repl(m: re.Match) -> str:
        word = m.group(0)
        toks = tokenizer.tokens(word)
        return style.mark(word) if toks and any(t in stems for t in toks) else word
    return re.sub(r"[\w\-/α-ωΑ-Ω]+", repl, text)


def wrap(text: str, width: int, indent: str = "   ") -> str:
    lines = []
    for para in text.split("\n"):
        lines.extend(textwrap.wrap(para, width=width, initial_indent=indent, subsequent_indent=indent,
                                   break_on_hyphens=False, break_long_words=False) or [indent])
    return "\n".join(lines)


def answer_text(answer: Answer, tokenizer, style: Style, width: int = 88) -> str:
    if not answer.found:
        return ("The review has nothing that answers this question.\n"
                "Try other words, `qa sections` for the outline, or `qa show SECTION` to read a part.")
    stems = {t for h in answer.hits for t in h.matched}
    out = []
    if answer.sentence:
        out.append(style.bold("Answer") + f" (§{answer.sentence.section}):")
        out.append(wrap(safe(answer.sentence.text), width))
        out.append("")
    for hit in answer.hits:
        p = hit.passage
        crumb = " › ".join(p.path)
        out.append(style.head(f"{hit.rank}. §{p.section}") + f"  {safe(crumb)}  " + style.dim(f"score {hit.score:.2f}"))
        out.append(wrap(emphasise(safe(p.text), stems, tokenizer, style) if style.color else safe(p.text), width))
        if p.citations:
            out.append(style.dim("   cites: " + ", ".join(f"[{n}]" for n in p.citations)))
        out.append("")
    if answer.facts:
        out.append(style.bold("Facts"))
        for f in answer.facts:
            refs = f" [{', '.join(map(str, f.refs))}]" if f.refs else ""
            out.append(f"   • {safe(f.summary)}  " + style.dim(f"({f.kind}, §{', §'.join(f.sections)}{refs})"))
        out.append("")
    if answer.references:
        out.append(style.bold("References"))
        for r in answer.references:
            out.append(wrap(f"[{r.n}] {safe(r.text)}", width, indent="   "))
    return "\n".join(out).rstrip() + "\n"


def verdict_text(verdict: Verdict, style: Style, width: int = 88) -> str:
    label = {"supported": "SUPPORTED", "contradicted": "CONTRADICTED", "not_found": "NOT FOUND"}[verdict.verdict]
    out = [style.bold(label) + " — " + safe(verdict.reason)]
    for e in verdict.evidence:
        out.append(style.head(f"   §{e.section}") + f" ({e.passage})")
        out.append(wrap(safe(e.text), width, indent="     "))
    if verdict.facts:
        out.append(style.bold("Facts"))
        for f in verdict.facts:
            out.append(f"   • {safe(f.summary)}  " + style.dim(f"({f.kind}, §{', §'.join(f.sections)})"))
    return "\n".join(out) + "\n"


def answer_contains(answer_json_record: dict, needles: list[str]) -> bool:
    """Eval rule: any needle in the answer text, the top passage or the returned facts (folded)."""
    hay = []
    if answer_json_record.get("answer"):
        hay.append(answer_json_record["answer"]["text"])
    if answer_json_record.get("passages"):
        hay.append(answer_json_record["passages"][0]["text"])
    for f in answer_json_record.get("facts", []):
        hay.append(f["summary"])
        hay.append(f["evidence"])
    folded = fold(" \n ".join(hay))
    return any(fold(n) in folded for n in needles)

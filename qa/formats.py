"""Every output format in one place: text, JSON (and JSON lines), TSV, Markdown table, Markdown document and TREC,
one Formatter each behind one interface, picked by name with `formatter()`; the contract's JSON records are built
here from the engine's dataclasses (the only place answers and verdicts become dicts)."""
from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from datetime import datetime

from .models import Answer, Fact, Hit, Reference, Verdict
from .trec import Qids, run_lines

SCHEMA = 1
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Neutralise terminal control: escape sequences and bidi overrides become visible, inert text."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                        else f"\\u{ord(m.group(0)):04x}", text)


# -- the JSON boundary (shared/CONTRACT.md) ----------------------------------------------------------------

def hit_json(hit: Hit) -> dict:
    p = hit.passage
    return {"rank": hit.rank, "id": p.id, "section": p.section, "title": p.title, "path": list(p.path),
            "score": round(hit.score, 4), "text": p.text, "citations": list(p.citations)}


def fact_json(fact: Fact) -> dict:
    out = {"id": fact.id, "kind": fact.kind, "entity": fact.entity, "summary": fact.summary,
           "section": fact.section, "sections": list(fact.sections),
           "refs": list(fact.refs), "evidence": fact.evidence}
    if fact.aliases:
        out["aliases"] = list(fact.aliases)
    if fact.related:
        out["related"] = list(fact.related)
    if fact.note:
        out["note"] = fact.note
    out["fields"] = {k: v for k, v in fact.fields}
    return out


def reference_json(ref: Reference) -> dict:
    out = {"n": ref.n, "text": ref.text, "doi": ref.doi, "authors": ref.authors, "title": ref.title,
           "journal": ref.journal, "year": ref.year}
    if ref.note:
        out["note"] = ref.note
    return out


def items_json(answer: Answer) -> list[dict]:
    """A gathered answer's items (CONTRACT: entity, text, section, refs, facts; a comparison adds values)."""
    gathered = answer.gathered
    if gathered is None:
        return []
    out = []
    for item in gathered.items:
        record = {"entity": item.entity, "text": item.text, "section": item.section, "refs": list(item.refs),
                  "facts": list(item.facts)}
        if item.values:
            record["values"] = dict(item.values)
        out.append(record)
    return out


def gathered_table(answer: Answer) -> tuple[list[str], list[list[str]]]:
    """A gathered answer as a table: a comparison's measures as columns, otherwise the line about each item; the
    section and references last."""
    g = answer.gathered
    if g.kind == "comparison":
        head = ["", *g.columns, "§", "refs"]
        rows = [[i.entity, *[v for _, v in i.values], i.section, ", ".join(map(str, i.refs))] for i in g.items]
    else:
        head = ["", "", "§", "refs"]
        rows = [[i.entity, i.text, i.section, ", ".join(map(str, i.refs))] for i in g.items]
    return head, rows


def aligned(head: list[str], rows: list[list[str]], width: int) -> list[str]:
    """Rows in columns padded to their widest cell; the widest text column wraps within WIDTH."""
    cells = [head] + rows
    widths = [max(len(safe(r[c])) for r in cells) for c in range(len(head))]
    spare = width - 2 * (len(head) - 1) - sum(widths)
    wrap_col = max(range(len(head)), key=lambda c: widths[c])
    if spare < 0:
        widths[wrap_col] = max(12, widths[wrap_col] + spare)
    out = []
    for r in cells:
        if not any(r):
            continue
        pieces = [textwrap.wrap(safe(v), widths[c]) or [""] for c, v in enumerate(r)]
        for k in range(max(len(p) for p in pieces)):
            out.append("  ".join((p[k] if k < len(p) else "").ljust(widths[c]) for c, p in enumerate(pieces)).rstrip())
    return out


def answer_json(answer: Answer) -> dict:
    s = answer.sentence
    return {
        "schema": SCHEMA,
        "question": answer.question,
        "understood": answer.understood or answer.question,
        "found": answer.found,
        "answer": ({"text": s.text, "passage": s.passage, "section": s.section, "items": items_json(answer)}
                   if answer.found and s else None),
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


# -- the interface ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Origin:
    """Where a record came from: its input line (in a conversation: the turn number), its id, what was typed
    and whether it was a claim. Formats that number or label their records read it; `qa ask` passes none."""
    line: int
    id: str
    text: str = ""
    claim: bool = False
    conversation: str | None = None     # a batch line's conversation id
    given_id: bool = False              # the id is the user's own (a JSONL or YAML id), not the line number


class Formatter:
    """One output format. A command writes header(), one answer(), verdict() or error() per record, then
    footer(); each returns the text to write (whole lines), so a stream holds only complete records."""

    name = ""

    def __init__(self, claims: bool = False):
        self.claims = claims                # the records are verdicts on claims, not answers

    def header(self) -> str:
        return ""

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        raise NotImplementedError

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        raise NotImplementedError

    def error(self, origin: Origin, message: str) -> str:
        raise NotImplementedError

    def footer(self) -> str:
        return ""

    def report(self, report: dict) -> str:
        """An evaluation report (`qa eval`); only the text and JSON formats have one."""
        raise ValueError(f"the {self.name} format cannot show an evaluation report")


# -- text (the terminal) ------------------------------------------------------------------------------------

class Style:
    """ANSI emphasis when writing to a colour terminal; plain text (and «marks» for query words) otherwise."""

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


VERDICT_WORDS = {"supported": "SUPPORTED", "contradicted": "CONTRADICTED", "not_found": "NOT FOUND"}
NOT_FOUND_TEXT = "The review has nothing that answers this question."


def understood_line(answer: Answer) -> str | None:
    """'Understood as: …' when the tool read the question otherwise than typed (a repair, the review's name for
    a brand, a topic carried from earlier turns); None when it read it as typed."""
    if not answer.understood or answer.understood == answer.question:
        return None
    return f"Understood as: {safe(answer.understood)}"


def not_found_lines(answer: Answer) -> list[str]:
    """A "not found" that helps, for every output: why, what the review does give for the drug asked about, and
    the nearest sections to read."""
    meta = answer.meta or {}
    why = meta.get("why_not")
    out = [NOT_FOUND_TEXT[:-1] + (f": {safe(why)}." if why else ".")]
    if meta.get("review_gives"):
        out.append(f"The review gives {safe(meta['review_gives'])}.")
    nearest = meta.get("nearest") or []
    if nearest:
        out.append("Nearest sections: " + "; ".join(
            (f"§{n['section']} " if n["section"][:1].isdigit() else "") + safe(n["title"]) for n in nearest))
    return out


def not_found_text(answer: Answer, style: Style) -> str:
    """not_found_lines with where to go next on the command line."""
    out = not_found_lines(answer)
    nearest = (answer.meta or {}).get("nearest") or []
    if nearest:
        out.append(f"Read one with `qa show {nearest[0]['section']}`, or `qa sections` for the outline.")
    else:
        out.append("Try other words, `qa sections` for the outline, or `qa show SECTION` to read a part.")
    return "\n".join(out) + "\n"


class TextFormat(Formatter):
    """Readable terminal text: the answer sentence, ranked passages with breadcrumbs, facts, references."""

    name = "text"

    def __init__(self, claims: bool = False, tokenizer=None, style: Style | None = None, width: int = 88):
        super().__init__(claims)
        self.tokenizer = tokenizer          # needed to mark the query's words, in colour only
        self.style = style or Style(False)
        self.width = width

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        style, width = self.style, self.width
        shown = understood_line(answer)
        head = [style.dim(shown), ""] if shown else []
        if not answer.found:
            return "\n".join(head) + ("\n" if head else "") + not_found_text(answer, style)
        stems = {t for h in answer.hits for t in h.matched}
        out = list(head)
        if answer.gathered is not None:
            g = answer.gathered
            out.append(style.bold("Answer") + f" ({len(g.items)} {'compared' if g.kind == 'comparison' else 'items'}):")
            head, rows = gathered_table(answer)
            out += ["   " + line for line in aligned(head, rows, width - 3)]
            out.append("")
        elif answer.sentence:
            out.append(style.bold("Answer") + f" (§{answer.sentence.section}):")
            out.append(wrap(safe(answer.sentence.text), width))
            out.append("")
        for hit in answer.hits:
            p = hit.passage
            crumb = " › ".join(p.path)
            out.append(style.head(f"{hit.rank}. §{p.section}") + f"  {safe(crumb)}  "
                       + style.dim(f"score {hit.score:.2f}"))
            marked = emphasise(safe(p.text), stems, self.tokenizer, style) if style.color and self.tokenizer \
                else safe(p.text)
            out.append(wrap(marked, width))
            if p.citations:
                out.append(style.dim("   cites: " + ", ".join(f"[{n}]" for n in p.citations)))
            out.append("")
        if answer.facts:
            out.append(style.bold("Facts"))
            for f in answer.facts:
                refs = f" [{', '.join(map(str, f.refs))}]" if f.refs else ""
                out.append(f"   • {safe(f.summary)}  " + style.dim(f"({f.kind}, §{', §'.join(f.sections)}{refs})"))
                if f.note:
                    out.append(wrap(style.dim(f"note: {safe(f.note)}"), width, indent="     "))
            out.append("")
        if answer.references:
            out.append(style.bold("References"))
            for r in answer.references:
                out.append(wrap(f"[{r.n}] {safe(r.text)}", width, indent="   "))
                if r.note:
                    out.append(wrap(style.dim(f"note: {safe(r.note)}"), width, indent="     "))
        return "\n".join(out).rstrip() + "\n"

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        style, width = self.style, self.width
        out = [style.bold(VERDICT_WORDS[verdict.verdict]) + " — " + safe(verdict.reason)]
        for e in verdict.evidence:
            out.append(style.head(f"   §{e.section}") + f" ({e.passage})")
            out.append(wrap(safe(e.text), width, indent="     "))
        if verdict.facts:
            out.append(style.bold("Facts"))
            for f in verdict.facts:
                out.append(f"   • {safe(f.summary)}  " + style.dim(f"({f.kind}, §{', §'.join(f.sections)})"))
        return "\n".join(out) + "\n"

    def error(self, origin: Origin, message: str) -> str:
        return f"line {origin.line}: {safe(message)}\n"

    def report(self, report: dict) -> str:
        return report_text(report)


EVAL_ROWS = ("questions", "answerable", "hit@1", "hit@3", "mrr@10", "answer@1", "unanswerable", "declined",
             "false_declines")
VERDICTS = ("supported", "contradicted", "not_found")


def report_text(report: dict) -> str:
    """The evaluation report as Markdown tables: metrics per system, the claim confusion matrix, the misses."""
    out = []
    systems = report["systems"]
    if systems:
        names = list(systems)
        out.append(f"Retrieval ({report['split']} split)")
        out.append("| metric | " + " | ".join(names) + " |")
        out.append("|---|" + "---|" * len(names))
        for row in EVAL_ROWS:
            cells = []
            for name in names:
                v = systems[name].get(row)
                cells.append("—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)))
            out.append(f"| {row} | " + " | ".join(cells) + " |")
        out.append("")
    claims = report.get("claims")
    if claims:
        out.append(f"Claims: {claims['claims']}, accuracy {claims['accuracy']:.3f}")
        out.append("| gold \\ predicted | " + " | ".join(VERDICTS) + " |")
        out.append("|---|---|---|---|")
        for g in VERDICTS:
            out.append(f"| {g} | " + " | ".join(str(claims["confusion"][g][p]) for p in VERDICTS) + " |")
        out.append("")
    if report["misses"]:
        out.append(f"Misses ({len(report['misses'])}):")
        for m in report["misses"]:
            if "claim" in m:
                out.append(f"  {m['id']}: expected {m['expected']}, got {m['got']} — {m['claim']}  [{m['reason']}]")
            else:
                got = f"§{m['top']} ({m['top_passage']})" if m["found"] else "not found"
                out.append(f"  {m['id']}: gold {m['gold'] or 'none'}, got {got} — {m['q']}")
    return "\n".join(out).rstrip() + "\n"


# -- JSON and JSON lines -------------------------------------------------------------------------------------

def _dump(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


class JsonFormat(Formatter):
    """One contract record per line. With an origin (batch) the record also carries its `line` and `id`, which
    is all that tells a JSON-lines stream from `qa ask --json`; so "json" and "jsonl" name this one format."""

    name = "json"

    @staticmethod
    def _located(record: dict, origin: Origin | None) -> dict:
        if origin is not None:
            record["line"] = origin.line
            record["id"] = origin.id
            if origin.conversation is not None:
                record["conversation"] = origin.conversation
        return record

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        return _dump(self._located(answer_json(answer), origin))

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        return _dump(self._located(verdict_json(verdict), origin))

    def error(self, origin: Origin, message: str) -> str:
        record = error_json(origin.line, message)
        record["id"] = origin.id
        if origin.conversation is not None:
            record["conversation"] = origin.conversation
        return _dump(record)

    def report(self, report: dict) -> str:
        return _dump(report)


# -- TSV --------------------------------------------------------------------------------------------------------

ANSWER_COLUMNS = ("line", "id", "question", "found", "section", "passage", "score", "answer", "error")
VERDICT_COLUMNS = ("line", "id", "claim", "verdict", "section", "reason", "error")


def _tsv_cell(value) -> str:
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _origin(origin: Origin | None) -> Origin:
    return origin if origin is not None else Origin(1, "1")


class TsvFormat(Formatter):
    """A header row, then one row per record; tabs, newlines and backslashes in cells are escaped."""

    name = "tsv"

    def __init__(self, claims: bool = False):
        super().__init__(claims)
        self.columns = VERDICT_COLUMNS if claims else ANSWER_COLUMNS

    @staticmethod
    def _row(cells) -> str:
        return "\t".join(_tsv_cell(c) for c in cells) + "\n"

    def header(self) -> str:
        return "\t".join(self.columns) + "\n"

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        o = _origin(origin)
        s = answer.sentence if answer.found else None
        top = answer.hits[0] if answer.hits else None
        if answer.found and answer.gathered is not None:
            # one row per item gathered, each with its own section and the line about it
            return "".join(self._row([o.line, o.id, answer.question, "true", i.section, top.passage.id if top else "",
                                      round(top.score, 4) if top else "",
                                      f"{i.entity}: {i.text}", ""]) for i in answer.gathered.items)
        return self._row([o.line, o.id, answer.question, str(answer.found).lower(), s.section if s else "",
                          top.passage.id if top else "", round(top.score, 4) if top else "", s.text if s else "",
                          ""])

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        o = _origin(origin)
        section = verdict.evidence[0].section if verdict.evidence else ""
        return self._row([o.line, o.id, verdict.claim, verdict.verdict, section, verdict.reason, ""])

    def error(self, origin: Origin, message: str) -> str:
        return self._row([origin.line, origin.id] + [""] * (len(self.columns) - 3) + [message])


# -- Markdown ----------------------------------------------------------------------------------------------------

def _table_cell(value) -> str:
    return safe(str(value)).replace("|", "\\|").replace("\n", " ")


class MarkdownTableFormat(Formatter):
    """`qa batch --format md`: one table row per record (line, id, question or claim, section or verdict, ...)."""

    name = "md"

    def __init__(self, claims: bool = False):
        super().__init__(claims)
        self.columns = ("line", "id", "claim", "verdict", "reason") if claims else \
            ("line", "id", "question", "section", "answer")

    @staticmethod
    def _row(cells) -> str:
        return "| " + " | ".join(_table_cell(c) for c in cells) + " |\n"

    def header(self) -> str:
        return "| " + " | ".join(self.columns) + " |\n|" + "---|" * len(self.columns) + "\n"

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        o = _origin(origin)
        s = answer.sentence if answer.found else None
        return self._row([o.line, o.id, answer.question, s.section if s else "—",
                          s.text if s else "not found in the review"])

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        o = _origin(origin)
        return self._row([o.line, o.id, verdict.claim, verdict.verdict, verdict.reason])

    def error(self, origin: Origin, message: str) -> str:
        return f"| {origin.line} | {_table_cell(origin.id)} | | error | {_table_cell(message)} |\n"


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
VERDICT_LABELS = {"supported": "Supported", "contradicted": "Contradicted", "not_found": "Not found"}


def md(text: str) -> str:
    """Review or user text as inert Markdown: control characters made visible, emphasis/links/HTML escaped."""
    text = " ".join(safe(text).split())
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _facts_table(facts: tuple[Fact, ...]) -> list[str]:
    out = ["| Kind | Fact | Section | Refs |", "|---|---|---|---|"]
    for f in facts:
        sections = ", ".join(f"§{s}" for s in f.sections)
        note = f" *Note: {md(f.note)}*" if f.note else ""
        out.append(f"| {f.kind} | {md(f.summary)}{note} | {sections} | {', '.join(str(n) for n in f.refs)} |")
    return out


class MarkdownFormat(Formatter):
    """A Markdown document (the chat UI's export and copy): a heading that says where the answers come from,
    then one section per record, "## Q<n>. question", with the answer, passages, facts and references."""

    name = "markdown"

    def __init__(self, claims: bool = False, title: str = "", source: str = "", licence: str = "",
                 when: datetime | None = None):
        super().__init__(claims)
        self.title, self.source, self.licence = title, source, licence
        self.when = when or datetime.now()

    def header(self) -> str:
        licence = f" ({md(self.licence)})" if self.licence else ""
        return (f"# qa conversation: {md(self.title)}\n\n"
                f"Exported {self.when:%Y-%m-%d %H:%M}. Answers are quoted from: {md(self.source)}{licence}.\n")

    @staticmethod
    def _section(origin: Origin | None, body: list[str]) -> str:
        """A record's section: a blank line, its heading, its body; records stream one after another."""
        o = _origin(origin)
        lines = [f"## Q{o.line}. {'check: ' if o.claim else ''}{md(o.text)}", ""] + body
        while lines and lines[-1] == "":
            lines.pop()
        return "\n" + "\n".join(lines) + "\n"

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        if origin is None:
            origin = Origin(1, "1", answer.question)
        if not answer.found:
            return self._section(origin, [md(line) for line in not_found_lines(answer)])
        out: list[str] = []
        if answer.gathered is not None:
            head, rows = gathered_table(answer)
            head = [h or ("item" if i == 0 else "about") for i, h in enumerate(head)]
            out += ["**Answer**", "", "| " + " | ".join(_table_cell(h) for h in head) + " |",
                    "|" + "---|" * len(head)]
            out += ["| " + " | ".join(_table_cell(c) for c in r) + " |" for r in rows] + [""]
        elif answer.sentence:
            out += [f"**Answer** (§{answer.sentence.section}): {md(answer.sentence.text)}", ""]
        if answer.hits:
            out += ["**Passages**", ""]
            for hit in answer.hits:
                p = hit.passage
                crumb = " › ".join(md(x) for x in p.path)
                out.append(f"{hit.rank}. §{p.section} — {crumb} (score {hit.score:.2f})")
                out.append("")
                out.append(f"   > {md(p.text)}")
                if p.citations:
                    out.append("")
                    out.append("   Cites: " + ", ".join(f"\\[{n}\\]" for n in p.citations))
                out.append("")
        if answer.facts:
            out += ["**Facts**", ""] + _facts_table(answer.facts) + [""]
        if answer.references:
            out += ["**References**", ""]
            for r in answer.references:
                out.append(f"- \\[{r.n}\\] {md(r.text)}" + (f" *Note: {md(r.note)}*" if r.note else ""))
        return self._section(origin, out)

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        if origin is None:
            origin = Origin(1, "1", verdict.claim, claim=True)
        out = [f"**Verdict: {VERDICT_LABELS[verdict.verdict]}** — {md(verdict.reason)}", ""]
        if verdict.evidence:
            out += ["**Evidence**", ""]
            for e in verdict.evidence:
                out.append(f"- §{e.section} ({md(e.passage)}): {md(e.text)}")
            out.append("")
        if verdict.facts:
            out += ["**Facts**", ""] + _facts_table(verdict.facts)
        return self._section(origin, out)

    def error(self, origin: Origin, message: str) -> str:
        return self._section(origin, [md(message)])


# -- TREC run --------------------------------------------------------------------------------------------------

class TrecFormat(Formatter):
    """`qid Q0 docid rank score qa`, six whitespace-free columns that trec_eval reads in `qa`'s order (qa.trec:
    one qid per input line, never shared; ranks from 1; falling scores; unique docids). A record that is an
    error has no place in a run (the caller reports it on stderr), but keeps its qid."""

    name = "trec"

    def __init__(self, claims: bool = False):
        super().__init__(claims)
        self._qids = Qids()

    def _qid(self, origin: Origin | None) -> str:
        o = _origin(origin)
        return self._qids.qid(o.line, o.id if o.given_id else None)

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        return run_lines(self._qid(origin), [(h.passage.id, h.score) for h in answer.hits])

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        # evidence has no retrieval score: its order is the checker's, given as 1/rank
        docs = list(dict.fromkeys(e.passage for e in verdict.evidence))
        return run_lines(self._qid(origin), [(doc, 1 / rank) for rank, doc in enumerate(docs, 1)])

    def error(self, origin: Origin, message: str) -> str:
        self._qid(origin)
        return ""


# -- dispatch -------------------------------------------------------------------------------------------------

FORMATS: dict[str, type[Formatter]] = {
    "text": TextFormat,
    "json": JsonFormat,
    "jsonl": JsonFormat,
    "tsv": TsvFormat,
    "md": MarkdownTableFormat,
    "markdown": MarkdownFormat,
    "trec": TrecFormat,
}


def formatter(name: str, **options) -> Formatter:
    """The formatter called `name`; every format takes claims=True for verdicts, some take more (the text
    format its tokenizer and style, the Markdown document its title and source)."""
    try:
        cls = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format '{name}' (one of: {', '.join(FORMATS)})") from None
    return cls(**options)

"""Every output format in one place: text, JSON (and JSON lines), TSV, Markdown table, Markdown document and TREC,
one Formatter each behind one interface, picked by name with `formatter()`; the contract's JSON records are built
here from the engine's dataclasses (the only place answers and verdicts become dicts)."""
from __future__ import annotations

import json
import re
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
    out = {"rank": hit.rank, "id": p.id, "section": p.section, "title": p.title, "path": list(p.path),
           "score": round(hit.score, 4), "text": p.text, "citations": list(p.citations)}
    if p.doc:                       # a review of a library: its id (absent for a corpus of one review)
        out["doc"] = p.doc
    return out


def addressed(doc: str, place: str) -> str:
    """A section or passage as `qa show` takes it: "DOC:2.1" in a library, "2.1" for one review."""
    return f"{doc}:{place}" if doc else place


def review_line(review) -> str:
    """Which review of a library an answer comes from: its title, year and id (what `--doc` and DOC:SEC take)."""
    return f"Review: {safe(review.label)} [{safe(review.id)}]"


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
    """Rows in columns padded to their widest cell, long cells wrapped between words within WIDTH (the widest
    column narrowed first); a block per row when the columns cannot fit with every word whole."""
    from .terminal import table_lines
    return table_lines([safe(h) for h in head], [[safe(c) for c in r] for r in rows], width)


def review_json(review) -> dict:
    """Which review of a library a record comes from (added field `review`; absent for a corpus of one review)."""
    return {"id": review.id, "title": review.title, "year": review.year}


def answer_json(answer: Answer) -> dict:
    s = answer.sentence
    out = {
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
    if answer.review is not None:
        out["review"] = review_json(answer.review)
    return out


def verdict_json(verdict: Verdict) -> dict:
    doc = verdict.review.id if verdict.review is not None else ""
    evidence = []
    for e in verdict.evidence:
        record = {"section": e.section, "text": e.text, "passage": e.passage}
        if doc:                     # as passages[].doc: the review of a library the evidence is quoted from
            record["doc"] = doc
        evidence.append(record)
    out = {
        "schema": SCHEMA,
        "claim": verdict.claim,
        "verdict": verdict.verdict,
        "reason": verdict.reason,
        "evidence": evidence,
        "facts": [fact_json(f) for f in verdict.facts],
        "meta": verdict.meta,
    }
    if verdict.review is not None:
        out["review"] = review_json(verdict.review)
    return out


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

    def verdict(self, verdict: str) -> str:
        """The verdict word: bold, and in colour supported green, contradicted red, not found yellow."""
        word = VERDICT_WORDS[verdict]
        return f"\x1b[1;{VERDICT_COLOURS[verdict]}m{word}\x1b[0m" if self.color else word


def emphasise(text: str, stems: set[str], tokenizer, style: Style) -> str:
    """Mark the words of the text whose stem is a query term."""
    def repl(m: re.Match) -> str:
        word = m.group(0)
        toks = tokenizer.tokens(word)
        return style.mark(word) if toks and any(t in stems for t in toks) else word
    return re.sub(r"[\w\-/α-ωΑ-Ω]+", repl, text)


def wrap(text: str, width: int, indent: str = "   ", hang: str | None = None) -> str:
    """Lines of at most WIDTH columns broken between words (never inside a word or at a hyphen; colour codes
    take no room); `hang` indents the lines after the first (default: `indent`)."""
    from .terminal import wrap as wrap_lines
    return "\n".join(wrap_lines(text, width, indent, hang, blank=indent))


VERDICT_WORDS = {"supported": "SUPPORTED", "contradicted": "CONTRADICTED", "not_found": "NOT FOUND"}
VERDICT_COLOURS = {"supported": "32", "contradicted": "31", "not_found": "33"}      # green, red, yellow
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
    """not_found_lines with where to go next on the command line (in a library, in the review's own terms)."""
    out = not_found_lines(answer)
    nearest = (answer.meta or {}).get("nearest") or []
    doc = answer.review.id if answer.review is not None else ""
    outline = f"`qa sections --doc {doc}`" if doc else "`qa sections`"
    if nearest:
        out.append(f"Read one with `qa show {addressed(doc, nearest[0]['section'])}`, or {outline} for the outline.")
    else:
        out.append(f"Try other words, {outline} for the outline, or `qa show {addressed(doc, 'SECTION')}` to read "
                   "a part.")
    return "\n".join(out) + "\n"


class TextFormat(Formatter):
    """Readable terminal text. In full (`qa ask --full`, the chat's /more): the answer sentence, every ranked
    passage whole with its breadcrumb, every fact and reference. Brief (`qa ask`, given the engine): the answer,
    the top passages cut to their answering sentence with one sentence either side, the top facts and only the
    references those cite. Every line is wrapped at `width` between words."""

    name = "text"

    def __init__(self, claims: bool = False, tokenizer=None, style: Style | None = None, width: int = 88,
                 engine=None, full: bool = True, passages: int | None = None):
        super().__init__(claims)
        self.engine = engine                # the brief layout reads the passages' sentences and the references
        self.tokenizer = tokenizer or (engine.tokenizer if engine is not None else None)
        self.style = style or Style(False)  # marks the query's words in colour only (needs the tokenizer)
        self.width = width
        self.full = full or engine is None
        self.passages = passages            # brief: passages to show (None: up to BRIEF_PASSAGES, the strong ones)

    def answer(self, answer: Answer, origin: Origin | None = None) -> str:
        style = self.style
        shown = understood_line(answer)
        head = [style.dim(line) for line in self._wrap(shown, "", "   ")] + [""] if shown else []
        if answer.review is not None:
            head = self._wrap(style.bold(review_line(answer.review)), "", "   ") + [""] + head
        if not answer.found:
            nf = "".join(line + "\n" for text in not_found_text(answer, style).splitlines()
                         for line in self._wrap(text, "", "   "))
            return "\n".join(head) + ("\n" if head else "") + nf
        out = head + self._answer_block(answer)
        out += self._full_body(answer) if self.full else self._brief_body(answer)
        return "\n".join(out).rstrip() + "\n"

    # -- pieces ------------------------------------------------------------------------------------------------
    def _wrap(self, text: str, indent: str = "   ", hang: str | None = None) -> list[str]:
        return wrap(text, self.width, indent, hang).split("\n")

    def _answer_block(self, answer: Answer) -> list[str]:
        style, out = self.style, []
        if answer.gathered is not None:
            g = answer.gathered
            out.append(style.bold("Answer") + f" ({len(g.items)} {'compared' if g.kind == 'comparison' else 'items'}):")
            head, rows = gathered_table(answer)
            out += ["   " + line for line in aligned(head, rows, self.width - 3)]
            out.append("")
        elif answer.sentence:
            out.append(style.bold("Answer") + f" (§{answer.sentence.section}):")
            out += self._wrap(safe(answer.sentence.text))
            out.append("")
        return out

    def _marked(self, text: str, stems: set[str]) -> str:
        style = self.style
        return emphasise(safe(text), stems, self.tokenizer, style) if style.color and self.tokenizer else safe(text)

    def _cites(self, numbers) -> list[str]:
        if not numbers:
            return []
        return [self.style.dim(line) for line in self._wrap("cites: " + ", ".join(f"[{n}]" for n in numbers),
                                                            "   ", "     ")]

    def _fact_lines(self, f: Fact) -> list[str]:
        style = self.style
        refs = f" [{', '.join(map(str, f.refs))}]" if f.refs else ""
        out = self._wrap(f"• {safe(f.summary)}  " + style.dim(f"({f.kind}, §{', §'.join(f.sections)}{refs})"),
                         "   ", "     ")
        if f.note:
            out += self._wrap(style.dim(f"note: {safe(f.note)}"), "     ")
        return out

    def _reference_lines(self, r: Reference) -> list[str]:
        out = self._wrap(f"[{r.n}] {safe(r.text)}", "   ")
        if r.note:
            out += self._wrap(self.style.dim(f"note: {safe(r.note)}"), "     ")
        return out

    def _full_body(self, answer: Answer) -> list[str]:
        style, out = self.style, []
        stems = {t for h in answer.hits for t in h.matched}
        for hit in answer.hits:
            p = hit.passage
            crumb = " › ".join(p.path)
            out += self._wrap(style.head(f"{hit.rank}. §{p.section}") + f"  {safe(crumb)}  "
                              + style.dim(f"score {hit.score:.2f}"), "", "   ")
            out += self._wrap(self._marked(p.text, stems))
            out += self._cites(p.citations)
            out.append("")
        if answer.facts:
            out.append(style.bold("Facts"))
            for f in answer.facts:
                out += self._fact_lines(f)
            out.append("")
        if answer.references:
            out.append(style.bold("References"))
            for r in answer.references:
                out += self._reference_lines(r)
        return out

    def _brief_body(self, answer: Answer) -> list[str]:
        from .excerpts import excerpt
        style, out = self.style, []
        engine = self.engine
        hits = shown_hits(answer.hits, self.passages)
        stems = {t for h in answer.hits for t in h.matched}
        cited: list[int] = []
        trimmed = False
        for hit in hits:
            p = hit.passage
            title = f"§{p.section} {safe(p.title)}" if p.section[:1].isdigit() else safe(p.title)
            out += self._wrap(style.head(f"{hit.rank}.") + f" {title}  " + style.dim(f"score {hit.score:.2f}"),
                              "", "   ")
            cut = excerpt(engine, hit, answer.sentence)
            trimmed = trimmed or cut.trimmed
            out += self._wrap(self._marked(cut.text, stems))
            if p.section != "references":          # a reference entry is its own reference: listed once, here
                out += self._cites(cut.cites)
                cited += cut.cites
            out.append("")
        if answer.gathered is not None:
            # the table shows the items' own facts and their reference numbers: list only the other facts, and
            # leave the items' reference texts to --full (a list of twenty items cites half the review)
            own = {i for item in answer.gathered.items for i in item.facts}
            facts = tuple(f for f in answer.facts if f.id not in own)[:BRIEF_FACTS]
        else:
            facts = answer.facts[:BRIEF_FACTS]
        if facts:
            out.append(style.bold("Facts"))
            for f in facts:
                out += self._fact_lines(f)
                cited += list(f.refs)
            out.append("")
        refs = [r for r in (engine.document.reference(n) for n in dict.fromkeys(cited)) if r is not None]
        if refs:
            out.append(style.bold("References"))
            for r in refs:
                out += self._reference_lines(r)
            out.append("")
        all_refs = {r.n for r in answer.references} | {n for f in answer.facts for n in f.refs}
        if trimmed or len(hits) < len(answer.hits) or len(facts) < len(answer.facts) or len(refs) < len(all_refs):
            out += [style.dim(line) for line in self._wrap(
                f"--full shows all {_count(len(answer.hits), 'passage')} whole, {_count(len(answer.facts), 'fact')} "
                f"and {_count(len(all_refs), 'reference')}.", "")]
        return out

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        style = self.style
        out = self._wrap(style.verdict(verdict.verdict) + " — " + safe(verdict.reason), "", "   ")
        if verdict.review is not None:
            out = self._wrap(style.bold(review_line(verdict.review)), "", "   ") + out
        for e in verdict.evidence:
            out.append(style.head(f"   §{e.section}") + f" ({e.passage})")
            out += self._wrap(safe(e.text), "     ")
        if verdict.facts:
            out.append(style.bold("Facts"))
            for f in verdict.facts:
                out += self._wrap(f"• {safe(f.summary)}  " + style.dim(f"({f.kind}, §{', §'.join(f.sections)})"),
                                  "   ", "     ")
        return "\n".join(out) + "\n"

    def error(self, origin: Origin, message: str) -> str:
        return f"line {origin.line}: {safe(message)}\n"

    def report(self, report: dict) -> str:
        return report_text(report)


BRIEF_PASSAGES = 3          # passages `qa ask` shows without -k: the top three ...
BRIEF_MIN_SHARE = 0.2       # ... that score at least a fifth of the best one
BRIEF_FACTS = 3


def shown_hits(hits, asked: int | None) -> list:
    """The passages the brief answer shows: all asked for with -k, else the top three less any scoring under a
    fifth of the best (a passage that only shares a word or two with the question)."""
    if asked is not None:
        return list(hits[:asked])
    if not hits:
        return []
    floor = hits[0].score * BRIEF_MIN_SHARE
    return [h for h in hits[:BRIEF_PASSAGES] if h.rank == 1 or h.score >= floor]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


EVAL_ROWS = ("questions", "answerable", "hit@1", "hit@3", "mrr@10", "answer@1", "unanswerable", "declined",
             "false_declines")
LIBRARY_ROWS = ("review@1",)       # a library's eval: the share answered by the review the item names
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
        rows = EVAL_ROWS + tuple(r for r in LIBRARY_ROWS if any(r in systems[n] for n in names))
        for row in rows:
            cells = []
            for name in names:
                v = systems[name].get(row)
                cells.append("—" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)))
            out.append(f"| {row} | " + " | ".join(cells) + " |")
        out.append("")
    claims = report.get("claims")
    if claims:
        routed = f", review@1 {claims['review@1']:.3f}" if "review@1" in claims else ""
        out.append(f"Claims: {claims['claims']}, accuracy {claims['accuracy']:.3f}{routed}")
        out.append("| gold \\ predicted | " + " | ".join(VERDICTS) + " |")
        out.append("|---|---|---|---|")
        for g in VERDICTS:
            out.append(f"| {g} | " + " | ".join(str(claims["confusion"][g][p]) for p in VERDICTS) + " |")
        out.append("")
    if report["misses"]:
        out.append(f"Misses ({len(report['misses'])}):")
        for m in report["misses"]:
            if "claim" in m:
                where = f" in {m['review']}" if "review" in m else ""
                out.append(f"  {m['id']}: expected {m['expected']}, got {m['got']}{where} — {m['claim']}  "
                           f"[{m['reason']}]")
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
        # the passage (and its score) the answer is read from, as `answer.passage` in JSON; else the top one
        top = next((h for h in answer.hits if s is not None and h.passage.id == s.passage),
                   answer.hits[0] if answer.hits else None)
        doc = answer.review.id if answer.review is not None else ""     # a library: sections as DOC:SEC
        passage = addressed(doc, top.passage.id) if top else ""
        if answer.found and answer.gathered is not None:
            # one row per item gathered, each with its own section and the line about it
            return "".join(self._row([o.line, o.id, answer.question, "true", addressed(doc, i.section), passage,
                                      round(top.score, 4) if top else "",
                                      f"{i.entity}: {i.text}", ""]) for i in answer.gathered.items)
        return self._row([o.line, o.id, answer.question, str(answer.found).lower(),
                          addressed(doc, s.section) if s else "", passage, round(top.score, 4) if top else "",
                          s.text if s else "", ""])

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        o = _origin(origin)
        doc = verdict.review.id if verdict.review is not None else ""
        section = addressed(doc, verdict.evidence[0].section) if verdict.evidence else ""
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
        doc = answer.review.id if answer.review is not None else ""
        return self._row([o.line, o.id, answer.question, addressed(doc, s.section) if s else "—",
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
        source = [f"*{md(review_line(answer.review))}*", ""] if answer.review is not None else []
        if not answer.found:
            return self._section(origin, source + [md(line) for line in not_found_lines(answer)])
        out: list[str] = source
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
        out = [f"*{md(review_line(verdict.review))}*", ""] if verdict.review is not None else []
        out += [f"**Verdict: {VERDICT_LABELS[verdict.verdict]}** — {md(verdict.reason)}", ""]
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
        # docids are unique across a library: DOC:passage
        return run_lines(self._qid(origin), [(addressed(h.passage.doc, h.passage.id), h.score) for h in answer.hits])

    def verdict(self, verdict: Verdict, origin: Origin | None = None) -> str:
        # evidence has no retrieval score: its order is the checker's, given as 1/rank
        doc = verdict.review.id if verdict.review is not None else ""
        docs = list(dict.fromkeys(addressed(doc, e.passage) for e in verdict.evidence))
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

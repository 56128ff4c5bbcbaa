"""The conversation record (questions, answers, verdicts, errors) and its Markdown export; no Textual here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from qa.models import Answer, Fact, Verdict
from qa.output import safe

VERDICT_LABELS = {"supported": "Supported", "contradicted": "Contradicted", "not_found": "Not found"}
NOT_FOUND_TEXT = "The review has nothing that answers this question."


@dataclass
class Exchange:
    """One turn: what was asked (or claimed) and what came back, once it has."""
    kind: str                                   # "ask" or "check"
    text: str
    result: Answer | Verdict | None = None
    error: str | None = None                    # a QueryError message, or what went wrong
    number: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return self.result is not None or self.error is not None


# -- Markdown -------------------------------------------------------------------------------------------

_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """Review or user text as inert Markdown: control characters made visible, emphasis/links/HTML escaped."""
    text = " ".join(safe(text).split())
    return _INLINE_SPECIAL.sub(r"\\\1", text)


def _cell(text: str) -> str:
    return md(text)


def fact_refs(fact: Fact) -> str:
    return ", ".join(str(n) for n in fact.refs)


def fact_sections(fact: Fact) -> str:
    return ", ".join(f"§{s}" for s in fact.sections)


def facts_markdown(facts: tuple[Fact, ...]) -> list[str]:
    out = ["| Kind | Fact | Section | Refs |", "|---|---|---|---|"]
    for f in facts:
        out.append(f"| {f.kind} | {_cell(f.summary)} | {fact_sections(f)} | {fact_refs(f)} |")
    return out


def answer_markdown(answer: Answer) -> list[str]:
    if not answer.found:
        return [NOT_FOUND_TEXT]
    out: list[str] = []
    if answer.sentence:
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
        out += ["**Facts**", ""] + facts_markdown(answer.facts) + [""]
    if answer.references:
        out += ["**References**", ""]
        for r in answer.references:
            out.append(f"- \\[{r.n}\\] {md(r.text)}")
        out.append("")
    return out


def verdict_markdown(verdict: Verdict) -> list[str]:
    out = [f"**Verdict: {VERDICT_LABELS.get(verdict.verdict, verdict.verdict)}** — {md(verdict.reason)}", ""]
    if verdict.evidence:
        out += ["**Evidence**", ""]
        for e in verdict.evidence:
            out.append(f"- §{e.section} ({md(e.passage)}): {md(e.text)}")
        out.append("")
    if verdict.facts:
        out += ["**Facts**", ""] + facts_markdown(verdict.facts) + [""]
    return out


def exchange_markdown(exchange: Exchange) -> list[str]:
    claim = "check: " if exchange.kind == "check" else ""
    out = [f"## Q{exchange.number}. {claim}{md(exchange.text)}", ""]
    if exchange.error is not None:
        out += [md(exchange.error), ""]
    elif isinstance(exchange.result, Answer):
        out += answer_markdown(exchange.result)
    elif isinstance(exchange.result, Verdict):
        out += verdict_markdown(exchange.result)
    else:
        out += ["(no answer yet)", ""]
    while out and out[-1] == "":
        out.pop()
    return out + [""]


def conversation_markdown(exchanges: list[Exchange], title: str, citation: str,
                          when: datetime | None = None) -> str:
    """The whole conversation as a Markdown document that says where its answers come from."""
    when = when or datetime.now()
    out = [f"# qa conversation: {md(title)}", "",
           f"Exported {when:%Y-%m-%d %H:%M}. Answers are quoted from: {md(citation)} (CC BY 4.0).", ""]
    for exchange in exchanges:
        out += exchange_markdown(exchange)
    return "\n".join(out).rstrip() + "\n"


def export_path(directory: Path, when: datetime | None = None) -> Path:
    """A new file name in the directory, never overwriting an earlier export."""
    when = when or datetime.now()
    stem = f"qa-conversation-{when:%Y%m%d-%H%M%S}"
    path = directory / f"{stem}.md"
    n = 2
    while path.exists():
        path = directory / f"{stem}-{n}.md"
        n += 1
    return path

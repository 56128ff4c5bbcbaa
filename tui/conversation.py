"""The conversation record (questions, answers, verdicts, errors) and its Markdown export through qa.formats;
no Textual here."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from qa.formats import MarkdownFormat, Origin, formatter
from qa.identity import Identity
from qa.models import Answer, Verdict


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

    @property
    def origin(self) -> Origin:
        return Origin(self.number, str(self.number), self.text, claim=self.kind == "check")


def _record(markdown: MarkdownFormat, exchange: Exchange) -> str:
    if exchange.error is not None:
        return markdown.error(exchange.origin, exchange.error)
    if isinstance(exchange.result, Verdict):
        return markdown.verdict(exchange.result, exchange.origin)
    return markdown.answer(exchange.result, exchange.origin)


def exchange_markdown(exchange: Exchange) -> str:
    """One finished exchange as Markdown (what ctrl+y copies)."""
    return _record(formatter("markdown"), exchange).strip() + "\n"


def answer_brief(exchange: Exchange) -> str:
    """The answer as a reader pastes it: the question, the answering sentence with its section, and the
    references that sentence's passage cites (ctrl+y); a verdict with its reason; a not-found with why."""
    result = exchange.result
    if exchange.error is not None:
        return f"{exchange.text}\n{exchange.error}\n"
    if isinstance(result, Verdict):
        lines = [f"Claim: {exchange.text}", f"{result.verdict.replace('_', ' ')}: {result.reason}"]
        lines += [f"§{e.section}: {e.text}" for e in result.evidence[:1]]
        return "\n".join(lines) + "\n"
    if not result.found or result.sentence is None:
        why = result.meta.get("why_not", "the review does not answer this")
        return f"Q: {exchange.text}\nNot found in the review: {why}\n"
    s = result.sentence
    # the sentence's own citations ("(25)", "(12, 13)"); else those of its passage
    cited = {int(n) for group in re.findall(r"\((\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\)", s.text)
             for n in re.findall(r"\d+", group)} or \
        {n for h in result.hits if h.passage.id == s.passage for n in h.passage.citations}
    refs = [r for r in result.references if r.n in cited]
    lines = [f"Q: {exchange.text}", f"A: {s.text} (§{s.section})"]
    lines += [f"[{r.n}] {r.text}" for r in refs]
    return "\n".join(lines) + "\n"


def conversation_markdown(exchanges: list[Exchange], identity: Identity, when: datetime | None = None) -> str:
    """The finished exchanges as a Markdown document that says where its answers come from."""
    markdown = formatter("markdown", title=identity.title, source=identity.source, licence=identity.licence,
                         when=when)
    return markdown.header() + "".join(_record(markdown, e) for e in exchanges if e.done) + markdown.footer()


def export_path(directory: Path, when: datetime | None = None, stem: str | None = None) -> Path:
    """A new file name in the directory, never overwriting an earlier export."""
    when = when or datetime.now()
    stem = stem or f"qa-conversation-{when:%Y%m%d-%H%M%S}"
    path = directory / f"{stem}.md"
    n = 2
    while path.exists():
        path = directory / f"{stem}-{n}.md"
        n += 1
    return path

"""The conversation record (questions, answers, verdicts, errors) and its Markdown export through qa.formats;
no Textual here."""
from __future__ import annotations

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


def conversation_markdown(exchanges: list[Exchange], identity: Identity, when: datetime | None = None) -> str:
    """The finished exchanges as a Markdown document that says where its answers come from."""
    markdown = formatter("markdown", title=identity.title, source=identity.source, licence=identity.licence,
                         when=when)
    return markdown.header() + "".join(_record(markdown, e) for e in exchanges if e.done) + markdown.footer()


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

"""The verdict card for `check:` claims: supported / contradicted / not found, the reason, the evidence, facts."""
from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from qa.formats import VERDICT_WORDS
from qa.models import Evidence, Verdict

from ..conversation import Exchange
from ..render import MUTED, facts_table, highlight, plain, review_label
from .answer_card import EvidenceItem

BADGE_STYLES = {"supported": "bold $text-success on $success-muted", "contradicted": "bold $text-error on $error-muted",
                "not_found": "bold $text-warning on $warning-muted"}
BADGE_MARKS = {"supported": "✔", "contradicted": "✘", "not_found": "?"}


class VerdictHead(EvidenceItem):
    """The verdict and why, first and largest."""

    def __init__(self, verdict: Verdict, exchange: Exchange):
        super().__init__(exchange=exchange, classes="lead")
        first = verdict.evidence[0] if verdict.evidence else None
        self.section_id = first.section if first else None
        self.passage_id = first.passage if first else None
        badge = f" {BADGE_MARKS[verdict.verdict]} {VERDICT_WORDS[verdict.verdict]} "
        self.update(Content("\n").join([
            Content.styled(badge, BADGE_STYLES[verdict.verdict]),
            plain(verdict.reason)]))


class EvidenceLine(EvidenceItem):
    """One piece of evidence: its section and the words that bear on the claim."""

    def __init__(self, evidence: Evidence, exchange: Exchange, stems: set[str], tokenizer, citations: tuple[int, ...]):
        super().__init__(exchange=exchange, classes="passage")
        self.section_id = evidence.section
        self.passage_id = evidence.passage
        self.citation_numbers = citations
        self.stems = frozenset(stems)
        self.update(Content("\n").join([
            Content.assemble((f"§{evidence.section}", "bold $text-accent"), (f"  {evidence.passage}", MUTED)),
            highlight(evidence.text, stems, set(), tokenizer)]))


class VerdictCard(Vertical):
    """A whole verdict; its items take focus in reading order."""

    def __init__(self, exchange: Exchange, engine):
        super().__init__(classes=f"card verdict {exchange.result.verdict.replace('_', '-')}")
        self.exchange = exchange
        self.engine = engine

    def compose(self):
        verdict: Verdict = self.exchange.result
        tokenizer = self.engine.tokenizer
        stems = set(tokenizer.tokens(verdict.claim))
        if verdict.review is not None:           # a library: which review checked it
            yield Static(review_label(verdict.review), classes="review-label", markup=False)
        yield VerdictHead(verdict, self.exchange)
        if verdict.evidence:
            yield Static(Content.styled("Evidence", "bold " + MUTED), classes="card-label", markup=False)
            passages = {p.id: p for p in self.engine.document.passages}
            for e in verdict.evidence:
                cites = passages[e.passage].citations if e.passage in passages else ()
                yield EvidenceLine(e, self.exchange, stems, tokenizer, cites)
        if verdict.facts:
            yield Static(Content.styled("Facts", "bold " + MUTED), classes="card-label", markup=False)
            yield Static(facts_table(verdict.facts), classes="facts", markup=False)

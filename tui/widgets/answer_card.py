"""The answer card: best sentence first, then ranked passages (breadcrumb, relevance bar, highlighted terms,
citations), then linked facts as a compact table; a plain not-found card when the review has nothing."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from qa.evidence import BROAD_IDF as COMMON_IDF
from qa.formats import not_found_lines
from qa.models import Answer, Hit

from ..conversation import Exchange
from ..render import MUTED, breadcrumb, review_label, citations, facts_table, gathered_table, highlight, key_hint, plain, relevance_bar, snippet
from .transcript import Item

CARD_BINDINGS = [
    Binding("enter", "open_section", "Section"),
    Binding("r", "references", "References"),
    Binding("t", "app.show_table", "Table"),
    Binding("c", "copy", "Copy"),
    Binding("C", "copy_all", "Copy all", show=False),
]


class EvidenceItem(Item):
    """An item that belongs to a passage: enter opens its section, r its references, c copies the card."""

    BINDINGS = CARD_BINDINGS
    citation_numbers: tuple[int, ...] = ()
    stems: frozenset[str] = frozenset()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "references" and not self.citation_numbers:
            return False
        if action == "open_section" and not self.section_id:
            return False
        return True

    @property
    def doc(self) -> str | None:
        """The review of a library this item's answer comes from."""
        review = getattr(self.exchange.result, "review", None)
        return review.id if review is not None else None

    def action_open_section(self) -> None:
        self.app.open_section(self.section_id, self.passage_id, self.stems, self.doc)

    def action_references(self) -> None:
        self.app.show_references(self.citation_numbers, f"§{self.section_id}", self.doc)

    def action_copy(self) -> None:
        self.app.copy_exchange_brief(self.exchange)

    def action_copy_all(self) -> None:
        self.app.copy_exchange(self.exchange)


class AnswerLead(EvidenceItem):
    """The best answering sentence, with the section it comes from."""

    def __init__(self, answer: Answer, exchange: Exchange, primary: set[str], tokenizer):
        sentence = answer.sentence
        hit = next((h for h in answer.hits if sentence and h.passage.id == sentence.passage), None)
        where = Content.assemble(("Answer", "bold $text-success"), ("  ·  ", MUTED),
                                 (f"§{sentence.section} " if sentence else "", "bold $text-accent"),
                                 plain(hit.passage.title).stylize(MUTED) if hit else Content(""))
        body = highlight(sentence.text, primary, set(), tokenizer) if sentence else Content("")
        super().__init__(Content("\n").join([where, body]), exchange=exchange, classes="lead")
        self.section_id = sentence.section if sentence else None
        self.passage_id = sentence.passage if sentence else None
        self.citation_numbers = hit.passage.citations if hit else ()
        self.stems = frozenset(primary)


class PassageItem(EvidenceItem):
    """One ranked passage; the top one is shown whole, the others as their best sentences (x expands)."""

    BINDINGS = CARD_BINDINGS + [Binding("x", "toggle_expand", "Expand")]
    expanded = reactive(False, layout=True)

    def __init__(self, hit: Hit, top_score: float, exchange: Exchange, primary: set[str], secondary: set[str],
                 tokenizer):
        super().__init__(exchange=exchange, classes="passage")
        self.hit = hit
        self.top_score = top_score
        self.section_id = hit.passage.section
        self.passage_id = hit.passage.id
        self.citation_numbers = hit.passage.citations
        self.stems = frozenset(primary)
        self.primary, self.secondary, self.tokenizer = primary, secondary, tokenizer
        self.set_reactive(PassageItem.expanded, hit.rank == 1)

    def render(self) -> Content:
        hit, p = self.hit, self.hit.passage
        head = Content.assemble((f"{hit.rank} ", "bold"), relevance_bar(hit.score, self.top_score, 8), "  ",
                                (f"§{p.section} ", "bold $text-accent"), plain(p.title).stylize("bold"))
        lines = [head]
        if len(p.path) > 1:
            lines.append(Content.assemble(("in ", MUTED), breadcrumb(p.path[:-1], last_bold=False)))
        text, cut = (p.text, False) if self.expanded else snippet(p.text, set(self.primary), self.tokenizer)
        lines.append(highlight(text, self.primary, self.secondary, self.tokenizer))
        if p.citations:
            lines.append(citations(p.citations))
        if cut and self.has_focus:
            lines.append(key_hint([("x", "whole passage"), ("enter", "whole section")]))
        return Content("\n").join(lines)

    def on_focus(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.refresh(layout=True)

    def action_toggle_expand(self) -> None:
        self.expanded = not self.expanded


class NotFoundItem(Item):
    """Said plainly: the review does not answer this."""

    BINDINGS = [Binding("c", "copy", "Copy")]

    def action_copy(self) -> None:
        self.app.copy_exchange_brief(self.exchange)


class AnswerCard(Vertical):
    """A whole answer; its items take focus in reading order."""

    def __init__(self, exchange: Exchange, tokenizer, idf: dict[str, float] | None = None):
        super().__init__(classes="card answer")
        self.exchange = exchange
        self.tokenizer = tokenizer
        self.idf = idf or {}

    def compose(self):
        answer: Answer = self.exchange.result
        if answer.review is not None:           # a library: which review answers
            yield Static(review_label(answer.review), classes="review-label", markup=False)
        if not answer.found:
            self.add_class("not-found")
            first, *rest = not_found_lines(answer)
            yield NotFoundItem(Content.assemble(
                (first, "bold $text-warning"), "\n", *[(line + "\n", "") for line in rest],
                ("Try other words, browse the outline (ctrl+o), or go to a section from the palette (ctrl+p).",
                 MUTED)), exchange=self.exchange)
            return
        # only the words that single passages out are marked: what the whole review is about ("trastuzumab
        # resistance") would be bold everywhere and mark nothing
        own = {t for t in self.tokenizer.tokens(answer.question) if self.idf.get(t, COMMON_IDF + 1) > COMMON_IDF}
        matched = {t for h in answer.hits for t in h.matched if self.idf.get(t, COMMON_IDF + 1) > COMMON_IDF}
        primary, secondary = own & matched, matched - own
        yield AnswerLead(answer, self.exchange, primary, self.tokenizer)
        if answer.gathered is not None:
            yield Static(gathered_table(answer), classes="gathered", markup=False)
        if answer.hits:
            yield Static(Content.styled("Passages", "bold " + MUTED), classes="card-label", markup=False)
            top = answer.hits[0].score
            for hit in answer.hits:
                yield PassageItem(hit, top, self.exchange, primary, secondary, self.tokenizer)
        if answer.facts:
            yield Static(Content.styled("Facts", "bold " + MUTED), classes="card-label", markup=False)
            yield Static(facts_table(answer.facts), classes="facts", markup=False)

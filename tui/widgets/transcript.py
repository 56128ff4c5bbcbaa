"""The transcript: a scrolling column of question lines and cards whose focusable items are keyboard-navigable."""
from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from qa.formats import safe as safe_text

from ..render import MUTED, key_hint, plain

if TYPE_CHECKING:
    from qa.identity import Identity

    from ..conversation import Exchange


class Item(Static, can_focus=True):
    """A focusable piece of a card; up/down (or k/j) move between items, escape returns to the input."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("escape", "app.focus_prompt", "Ask"),
    ]

    section_id: str | None = None
    passage_id: str | None = None

    def __init__(self, content=Content(""), *, exchange: Exchange | None = None, classes: str | None = None):
        super().__init__(content, markup=False, classes=classes)
        self.exchange = exchange

    def action_move(self, step: int) -> None:
        transcript = self.query_ancestor(Transcript)
        transcript.move_focus(self, step)

    def action_page(self, step: int) -> None:
        transcript = self.query_ancestor(Transcript)
        if step < 0:
            transcript.scroll_page_up()
        else:
            transcript.scroll_page_down()


class QuestionLine(Static):
    """What the user asked (or claimed), shown literally; a huge paste is shortened on screen only. Once answered,
    a second line says how the tool understood it, when that differs from what was typed."""

    LIMIT = 300

    def __init__(self, exchange: Exchange):
        self.exchange = exchange
        super().__init__(self._content(), markup=False, classes=f"question {exchange.kind}")

    def _content(self) -> Content:
        exchange = self.exchange
        label = "Check" if exchange.kind == "check" else "You"
        text = exchange.text
        shown = plain(text if len(text) <= self.LIMIT else text[:self.LIMIT])
        if len(text) > self.LIMIT:
            shown = shown + Content.styled(f" … ({len(text)} characters)", MUTED)
        line = Content.assemble((f"{label} › ", "bold $text-primary"), shown)
        understood = self.understood
        if understood:
            line = Content("\n").join([line, Content.assemble(("  understood as ", MUTED),
                                                                (safe_text(understood), "italic"))])
        return line

    @property
    def understood(self) -> str | None:
        result = self.exchange.result
        understood = getattr(result, "understood", "") if result is not None else ""
        return understood if understood and understood != getattr(result, "question", None) else None

    def show_understood(self) -> None:
        self.update(self._content())


class TopicBreak(Static):
    """Where the user started a new topic: the questions below stand alone."""

    def __init__(self):
        super().__init__(Content.styled("── new topic: the next question stands alone ──", MUTED), markup=False,
                         classes="topic-break")


class PendingCard(Static):
    """Shown while the worker searches; replaced by the card."""

    def __init__(self, exchange: Exchange):
        what = "Checking the claim against the review…" if exchange.kind == "check" else "Searching the review…"
        super().__init__(Content.styled(what, MUTED), markup=False, classes="card pending")
        self.exchange = exchange


class NoticeCard(Vertical):
    """A plain message in the transcript: a question the engine refused, or what went wrong answering it."""

    def __init__(self, exchange: Exchange, message: str, kind: str = "error"):
        super().__init__(classes=f"card notice {kind}")
        self.exchange = exchange
        self.message = message

    def compose(self):
        yield Item(plain(self.message), exchange=self.exchange, classes="notice-text")


class WelcomeCard(Static):
    """What the app is for and how to start, with a question and a claim made from the review's own facts;
    shown when the transcript is empty. A library's also names its reviews (the first few, and how many more)."""

    SHOWN_REVIEWS = 6            # lines of reviews before "and N more" (the card stays on one screen)

    def __init__(self, identity: Identity, reviews: tuple[str, ...] = ()):
        lines = [
            Content.styled("Ask the library" if reviews else "Ask the review", "bold $text-accent"),
            Content.assemble(("“", MUTED), plain(identity.title), ("”", MUTED)),
        ]
        for review in reviews[:self.SHOWN_REVIEWS]:
            lines.append(Content.assemble(("  · ", MUTED), plain(review)))
        if len(reviews) > self.SHOWN_REVIEWS:
            lines.append(Content.styled(f"  and {len(reviews) - self.SHOWN_REVIEWS:,} more (qa sections lists "
                                        "them all)", MUTED))
        lines += [
            Content(""),
            Content("Type a question and press Enter; every answer quotes the passages it comes from"
                    + (", and names its review." if reviews else ".")),
        ]
        if identity.example:
            lines.append(Content.assemble(("Try: ", MUTED), plain(identity.example)))
        lines.append(Content.assemble(("Fact-check: ", MUTED),
                                      plain(f"check: {identity.claim}") if identity.claim
                                      else Content("check: followed by a claim")))
        lines += [Content(""), key_hint([("tab", "read the answer"), ("↑↓", "history"), ("→", "accept suggestion"),
                                         ("ctrl+o", "outline"), ("f1", "help")])]
        super().__init__(Content("\n").join(lines), markup=False, classes="card welcome")


class Transcript(VerticalScroll, can_focus=False):
    """The conversation so far; items inside cards take focus, the container itself does not."""

    _anchor: Widget | None = None

    def items(self) -> list[Item]:
        return [w for w in self.query(Item) if w.display]

    def keep_in_view(self, widget: Widget | None) -> None:
        """Bring WIDGET to the top once this container has been laid out at its new size (the app, which
        sees the old layout, picks it when the terminal is resized)."""
        self._anchor = widget

    def on_resize(self, event) -> None:
        anchor, self._anchor = self._anchor, None
        if anchor is not None and anchor.parent is not None:
            self.call_after_refresh(self.scroll_to_widget, anchor, animate=False, top=True)

    def move_focus(self, current: Item, step: int) -> None:
        items = self.items()
        if current not in items:
            return
        index = items.index(current) + step
        if index < 0:
            self.scroll_home(animate=False)
            return
        if index >= len(items):
            self.app.action_focus_prompt()
            return
        items[index].focus()

    def latest_card_item(self) -> Item | None:
        """The first item of the newest card: where reading an answer starts."""
        cards = [c for c in self.query(".card") if c.query(Item)]
        if not cards:
            return None
        return cards[-1].query(Item).first()

"""The chat app: build_app(engine) makes the Textual App over an injected Engine; run_app(engine) runs it."""
from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Input, Static, Tree

from qa.engine import QueryError
from qa.identity import Identity
from qa.library import Library, engine_of
from qa.models import Verdict

from .commands import ReviewCommands
from .conversation import Exchange, answer_brief, conversation_markdown, exchange_markdown, export_path
from .history import History, default_history_path
from .screens.export import ExportScreen
from .screens.help import HelpScreen
from .screens.references import ReferencesScreen
from .screens.section import SectionScreen
from .screens.table import TableScreen
from .widgets.answer_card import AnswerCard
from .widgets.outline import OutlinePanel
from .widgets.prompt import PromptInput, TermSuggester, review_terms
from .widgets.transcript import NoticeCard, PendingCard, QuestionLine, TopicBreak, Transcript, WelcomeCard
from .widgets.verdict_card import VerdictCard

CHECK_PREFIX = re.compile(r"\s*check\s*:\s*", re.I)
ASK_PLACEHOLDER = "Ask a question about the review (or check: a claim)"
CHECK_PLACEHOLDER = "State a claim to check against the review"
LIBRARY_ASK_PLACEHOLDER = "Ask a question about these reviews (or check: a claim)"
LIBRARY_CHECK_PLACEHOLDER = "State a claim to check against these reviews"
CHAT_ONLY = {"toggle_mode", "clear", "new_topic"}


class QaApp(App):
    """Questions in, answer cards out; the review one keypress away."""

    CSS_PATH = "app.tcss"
    TITLE = "qa"
    COMMANDS = App.COMMANDS | {ReviewCommands}

    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+o", "toggle_outline", "Outline"),
        Binding("f2", "toggle_mode", "Ask/Check"),
        Binding("ctrl+n", "new_topic", "New topic"),
        Binding("ctrl+y", "copy_answer", "Copy"),
        Binding("ctrl+s", "export", "Export"),
        Binding("ctrl+l", "clear", "Clear", show=False),
        Binding("ctrl+t", "toggle_dark", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]
    CLEAR_CONFIRM_SECONDS = 4.0

    def __init__(self, engine, history_path: Path | None = None, export_dir: Path | None = None,
                 identity: Identity | None = None):
        """engine: an Engine (one review) or a Library (many: questions go to the review they belong to, and the
        outline, sections, references and table are those of the review the latest answer came from)."""
        super().__init__()
        self.source = engine
        self.review_id = engine.only or engine.reviews[0].id if isinstance(engine, Library) else None
        self.identity = identity if identity is not None else (
            engine.identity(engine.only) if isinstance(engine, Library) else Identity.of(engine))
        self.sub_title = self.identity.label
        self.history = History(history_path if history_path is not None else default_history_path())
        self.export_dir = export_dir
        self.exchanges: list[Exchange] = []
        self.mode = "ask"
        self.topic = None                        # qa.conversation.Topic the latest answer left, for follow-ups
        self._clear_asked_at: float | None = None
        self._engine_lock = threading.Lock()     # the engine answers one query at a time
        self._suggester = TermSuggester(review_terms(self.engine))     # in a library: the review being read

    @property
    def engine(self):
        """The review being read: the one engine, or in a library the review of the latest answer."""
        if isinstance(self.source, Library):
            return self.source.engine(self.review_id)
        return self.source

    def read_review(self, doc: str | None) -> None:
        """In a library, make `doc` the review being read: the outline shows its sections."""
        if doc is None or not isinstance(self.source, Library) or doc == self.review_id:
            return
        self.review_id = doc
        self.query_one("#outline", OutlinePanel).load(self.engine.outline(), self._outline_title())
        self._suggester.set_terms(review_terms(self.engine))

    # -- layout ----------------------------------------------------------------------------------------
    def compose(self):
        yield Header()
        with Horizontal(id="body"):
            yield OutlinePanel(self.engine.outline(), self._outline_title(), id="outline")
            with Vertical(id="chat"):
                with Transcript(id="transcript"):
                    yield self._welcome()
                yield Static("", id="topic", markup=False)
                with Horizontal(id="prompt-bar"):
                    yield Static(self._mode_label(), id="mode", markup=False)
                    yield PromptInput(self.history, id="prompt", placeholder=self._placeholder("ask"),
                                      suggester=self._suggester, select_on_focus=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#outline").display = False
        self._show_topic()
        self.action_focus_prompt()
        if self.history.error:
            self.say(self.history.error, severity="warning")

    def _outline_title(self) -> str:
        if isinstance(self.source, Library):
            return self.source.review(self.review_id).short_title or self.review_id
        return self.identity.short_title

    @property
    def _many_reviews(self) -> bool:
        """A library read whole (not one review of it, with --doc)."""
        return isinstance(self.source, Library) and not self.source.only

    def _welcome(self) -> WelcomeCard:
        if self._many_reviews:
            return WelcomeCard(self.identity, tuple(f"{r.label} · {r.id}" for r in self.source.reviews))
        return WelcomeCard(self.identity)

    def _placeholder(self, mode: str) -> str:
        library = self._many_reviews
        if mode == "check":
            return LIBRARY_CHECK_PLACEHOLDER if library else CHECK_PLACEHOLDER
        return LIBRARY_ASK_PLACEHOLDER if library else ASK_PLACEHOLDER

    def _mode_label(self) -> Content:
        if self.mode == "check":
            return Content.styled("check ›", "bold $text-warning")
        return Content.styled("ask ›", "bold $text-accent")

    @property
    def prompt(self) -> PromptInput:
        return self.query_one("#prompt", PromptInput)

    @property
    def transcript(self) -> Transcript:
        return self.query_one("#transcript", Transcript)

    def say(self, message: str, severity: str = "information", timeout: float | None = None) -> None:
        """A notification whose text is shown literally (paths and review text may hold brackets)."""
        self.notify(message, severity=severity, timeout=timeout, markup=False)

    # -- asking ----------------------------------------------------------------------------------------
    @on(Input.Submitted, "#prompt")
    def submitted(self, event: Input.Submitted) -> None:
        raw = event.value
        if not raw.strip():
            return
        if raw.strip().lower() == "/new":
            self.prompt.value = ""
            self.action_new_topic()
            return
        prefix = CHECK_PREFIX.match(raw)
        if prefix and not raw[prefix.end():].strip():
            self.say("Type the claim after `check:`.", severity="warning")   # an empty check is not kept
            return
        # a claim typed in check mode is remembered as one, so recalling it checks it again
        self.history.add(raw if prefix or self.mode == "ask" else f"check: {raw.strip()}")
        if self.history.error:
            self.say(self.history.error, severity="warning")
            self.history.error = None
        prompt = self.prompt
        prompt.value = ""
        prompt.reset_history()
        kind, text = self.mode, raw.strip()
        if prefix:
            kind, text = "check", raw[prefix.end():].strip()
        self.ask(text, kind)

    def ask(self, text: str, kind: str = "ask") -> Exchange:
        """Put the question in the transcript and answer it in a worker thread."""
        exchange = Exchange(kind, text, number=len(self.exchanges) + 1)
        self.exchanges.append(exchange)
        transcript = self.transcript
        transcript.query(WelcomeCard).remove()
        question = QuestionLine(exchange)
        pending = PendingCard(exchange)
        transcript.mount_all([question, pending])
        self._answer(exchange, pending, question)
        return exchange

    @work(thread=True, group="engine", exit_on_error=False)
    def _answer(self, exchange: Exchange, pending: PendingCard, question: QuestionLine) -> None:
        with self._engine_lock:
            try:
                if exchange.kind == "check":
                    exchange.result = self.source.check(exchange.text)
                else:
                    exchange.result = self.source.ask(exchange.text, context=self.topic)
                    self.topic = exchange.result.topic
            except QueryError as exc:
                exchange.error = str(exc)
            except Exception as exc:    # the UI reports it and stays usable
                exchange.error = f"Something went wrong answering this: {type(exc).__name__}: {exc}"
        self.call_from_thread(self._show, exchange, pending, question)

    async def _show(self, exchange: Exchange, pending: PendingCard, question: QuestionLine) -> None:
        if exchange.error is not None:
            card = NoticeCard(exchange, exchange.error)
        else:
            review = exchange.result.review
            self.read_review(review.id if review is not None else None)
            engine = engine_of(self.source, exchange.result)
            if isinstance(exchange.result, Verdict):
                card = VerdictCard(exchange, engine)
            else:
                card = AnswerCard(exchange, engine.tokenizer, engine.index.idf)
        transcript = self.transcript
        if pending.parent is None:              # cleared while the worker ran
            return
        await transcript.mount(card, after=pending)
        await pending.remove()
        question.show_understood()
        self._show_topic()
        # once the card has its height, bring the question to the top: the answer reads from there down
        self.call_after_refresh(transcript.scroll_to_widget, question, animate=False, top=True)

    # -- the topic ---------------------------------------------------------------------------------------
    def _show_topic(self) -> None:
        chip = self.query_one("#topic", Static)
        label = self.topic.label if self.topic is not None else ""
        chip.update(Content.assemble(("topic ", "$text-muted"), (f" {label} ", "bold $text-accent on $boost"),
                                     ("  ctrl+n new topic", "$text-muted")) if label else Content(""))
        chip.display = bool(label)

    def action_new_topic(self) -> None:
        """Start a new topic: the next question stands alone (said in the transcript, the chip goes)."""
        had = self.topic is not None and bool(self.topic.label)
        self.topic = None
        self._show_topic()
        if self.exchanges:
            self.transcript.query(WelcomeCard).remove()
            self.transcript.mount(TopicBreak())
            self.transcript.scroll_end(animate=False)
        self.say("New topic: the next question stands alone." if had else "No topic yet: every question stands "
                 "alone until it names one.")
        self.action_focus_prompt()

    def on_resize(self, event) -> None:
        """Keep the reader's place: the question nearest the top of the view stays at the top after a resize
        (the scroll offset alone would land inside another answer)."""
        transcript = self.transcript
        questions = list(transcript.query(QuestionLine))
        if not questions:
            return
        top = transcript.scroll_y
        if top >= transcript.max_scroll_y - 1:
            # at the end (a short last card leaves its question below the top): the latest exchange stays in view
            bottom = top + transcript.scrollable_content_region.height
            anchor = [q for q in questions if q.virtual_region.y < bottom][-1] if questions else None
        else:
            above = [q for q in questions if q.virtual_region.y <= top + 1] or questions[:1]
            anchor = above[-1]
        transcript.keep_in_view(anchor)
        outline = self.query_one("#outline", OutlinePanel)
        width = 30 if event.size.width <= 100 else 40         # narrower at 80 columns: the answer keeps its room
        outline.styles.width = width                           # the panel fits its labels when it resizes

    # -- reading the source ----------------------------------------------------------------------------
    def open_section(self, section_id: str | None, passage_id: str | None = None,
                     stems: frozenset[str] = frozenset(), doc: str | None = None) -> None:
        """Open a section whole; `doc`, in a library, the review it belongs to (an earlier card's)."""
        if not section_id:
            return
        self.read_review(doc)
        section = self.engine.section(section_id)
        if section is None:
            self.say(f"No section {section_id} in the review.", severity="warning")
            return
        if section.kind == "table":
            self.action_show_table()
            return
        self.push_screen(SectionScreen(section_id, passage_id, stems))

    def show_references(self, numbers: tuple[int, ...], origin: str = "", doc: str | None = None) -> None:
        if not numbers:
            self.say("No references are cited here.")
            return
        self.read_review(doc)
        self.push_screen(ReferencesScreen(numbers, origin))

    def action_show_table(self) -> None:
        if self.engine.document.table is None:
            self.say("This review has no table.")
            return
        self.push_screen(TableScreen())

    @on(Tree.NodeSelected, "#outline")
    def outline_chosen(self, event: Tree.NodeSelected) -> None:
        if event.node.data:
            self.open_section(event.node.data)

    def action_toggle_outline(self, show: bool | None = None) -> None:
        while self.screen is not self.screen_stack[0]:
            self.pop_screen()
        outline = self.query_one("#outline", OutlinePanel)
        outline.display = (not outline.display) if show is None else show
        if outline.display:
            outline.focus()
        else:
            self.action_focus_prompt()

    # -- keys ------------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in CHAT_ONLY and self.screen is not self.screen_stack[0]:
            return False                        # these act on the transcript, hidden while reading
        return True

    def action_focus_prompt(self) -> None:
        if self.screen is self.screen_stack[0]:
            self.prompt.focus()

    def action_read_latest(self) -> None:
        item = self.transcript.latest_card_item()
        if item is not None:
            item.focus()
        else:
            self.screen.focus_next()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_mode(self) -> None:
        self.mode = "check" if self.mode == "ask" else "ask"
        self.query_one("#mode", Static).update(self._mode_label())
        self.prompt.placeholder = self._placeholder(self.mode)
        self.prompt.claims = self.mode == "check"
        self.prompt.reset_history()
        self.action_focus_prompt()

    # -- copy, export, clear ---------------------------------------------------------------------------
    def copy_text(self, text: str, what: str) -> None:
        self.copy_to_clipboard(text)
        if os.environ.get("TERM_PROGRAM") == "Apple_Terminal":
            self.say(f"Copying {what} needs OSC 52, which macOS Terminal does not support; "
                     "export with ctrl+s instead.", severity="warning")
        else:
            self.say(f"Copied {what} to the clipboard (OSC 52: your terminal must allow clipboard access).")

    def copy_exchange(self, exchange: Exchange | None) -> None:
        if exchange is None or not exchange.done:
            self.say("Nothing to copy yet.")
            return
        self.copy_text(exchange_markdown(exchange), "the answer")

    def copy_exchange_brief(self, exchange: Exchange | None) -> None:
        if exchange is None or not exchange.done:
            self.say("Nothing to copy yet.")
            return
        self.copy_text(answer_brief(exchange), "the answer and its citation")

    def _current_exchange(self) -> Exchange | None:
        exchange = getattr(self.focused, "exchange", None)
        if exchange is None:
            done = [e for e in self.exchanges if e.done]
            exchange = done[-1] if done else None
        return exchange

    def action_copy_answer(self) -> None:
        """The answer sentence with its section and the references it cites (what a reader pastes)."""
        self.copy_exchange_brief(self._current_exchange())

    def action_copy_all(self) -> None:
        """The whole card: answer, passages, facts and references, as Markdown."""
        self.copy_exchange(self._current_exchange())

    def export_markdown(self) -> str:
        return conversation_markdown(self.exchanges, self.identity)

    def action_export(self) -> None:
        """Ask where to write the conversation (a new file in the current directory by default)."""
        if not any(e.done for e in self.exchanges):
            self.say("Nothing to export yet: ask a question first.")
            return
        directory = self.export_dir if self.export_dir is not None else Path.cwd()
        self.push_screen(ExportScreen(export_path(directory)), self._export_chosen)

    def _export_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> Path | None:
        """Write the conversation as Markdown; never overwrites a file (a new name is taken instead)."""
        path = path.expanduser()
        if path.is_dir():
            path = export_path(path)
        elif path.exists():
            path = export_path(path.parent, stem=path.stem)
        try:
            path.write_text(self.export_markdown(), encoding="utf-8")
        except OSError as exc:
            self.say(f"Export failed: {path}: {exc.strerror}", severity="error")
            return None
        self.say(f"Conversation exported to {path.resolve()}", timeout=8)
        return path

    async def action_clear(self) -> None:
        """Clear the conversation, after a second ctrl+l (the first only asks)."""
        now = time.monotonic()
        if not self.exchanges:
            return
        if self._clear_asked_at is None or now - self._clear_asked_at > self.CLEAR_CONFIRM_SECONDS:
            self._clear_asked_at = now
            self.say(f"Press ctrl+l again to clear the conversation ({len(self.exchanges)} exchanges).",
                     severity="warning", timeout=self.CLEAR_CONFIRM_SECONDS)
            return
        self._clear_asked_at = None
        self.topic = None
        self._show_topic()
        self.exchanges.clear()
        transcript = self.transcript
        await transcript.remove_children()
        await transcript.mount(self._welcome())
        self.action_focus_prompt()


def build_app(engine, history_path: Path | None = None, export_dir: Path | None = None,
              identity: Identity | None = None) -> QaApp:
    """The app over an already loaded engine (tests build it on the real review and on fixture corpora); the
    review's identity is read from the engine unless given."""
    return QaApp(engine, history_path=history_path, export_dir=export_dir, identity=identity)


def run_app(engine) -> None:
    build_app(engine).run()

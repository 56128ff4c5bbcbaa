"""The section view: a whole section of the review, with the passage that led here marked and scrolled to."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..render import MUTED, breadcrumb, citations, highlight, plain


class SectionScreen(Screen):
    """Read one section whole; n/p walk to the next/previous section, r lists its references."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("n", "step(1)", "Next section"),
        Binding("p", "step(-1)", "Previous section"),
        Binding("r", "references", "References"),
        Binding("t", "app.show_table", "Table"),
        Binding("c", "copy", "Copy"),
    ]

    def __init__(self, section_id: str, passage_id: str | None = None, stems: frozenset[str] = frozenset()):
        super().__init__(classes="reader-screen")
        self.passage_id = passage_id
        self.stems = set(stems)
        self.section_id = section_id

    @property
    def engine(self):
        return self.app.engine

    def compose(self):
        engine = self.engine
        section = engine.section(self.section_id)
        self.title = section.label
        self.sub_title = "section"
        yield Header()
        with VerticalScroll(id="reader"):
            yield Static(breadcrumb(section.path), classes="crumb", markup=False)
            passages = engine.section_passages(section.id)
            if not passages:
                yield Static(Content.styled("This section has no text of its own; see its subsections.", MUTED),
                             markup=False, classes="para")
            for p in passages:
                body = highlight(p.text, self.stems, set(), engine.tokenizer)
                if p.citations:
                    body = Content("\n").join([body, citations(p.citations)])
                classes = "para current" if p.id == self.passage_id else "para"
                yield Static(body, markup=False, classes=classes, id=_dom_id(p.id))
            children = [s for s in engine.outline() if s.parent == section.id]
            if children:
                yield Static(Content.assemble(("Subsections: ", "bold"), plain(
                    ", ".join(s.label for s in children))), markup=False, classes="note")
            if section.related:
                yield Static(Content.assemble(("Related: ", "bold"), ", ".join(f"§{r}" for r in section.related)),
                             markup=False, classes="note")
        yield Footer()

    def on_mount(self) -> None:
        self._settle()

    def _settle(self) -> None:
        reader = self.query_one("#reader", VerticalScroll)
        reader.focus()
        if self.passage_id:
            target = self.query(f"#{_dom_id(self.passage_id)}")
            if target:
                self.call_after_refresh(reader.scroll_to_widget, target.first(), animate=False, top=True)

    def _order(self) -> list[str]:
        """The parts n and p walk through, in reading order; a table has its own view (t)."""
        return [s.id for s in self.engine.outline() if s.kind in ("front", "body", "back")]

    async def action_step(self, step: int) -> None:
        order = self._order()
        index = order.index(self.section_id) + step if self.section_id in order else 0
        if 0 <= index < len(order):
            self.passage_id = None
            self.stems = set()
            self.section_id = order[index]
            await self.recompose()
            self._settle()

    def action_references(self) -> None:
        numbers = []
        for p in self.engine.section_passages(self.section_id):
            numbers += [n for n in p.citations if n not in numbers]
        self.app.show_references(tuple(numbers), f"§{self.section_id}")

    def action_copy(self) -> None:
        section = self.engine.section(self.section_id)
        text = "\n\n".join([section.label] + [p.text for p in self.engine.section_passages(self.section_id)])
        self.app.copy_text(text, f"§{self.section_id}")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "references":
            return any(p.citations for p in self.engine.section_passages(self.section_id))
        return True


def _dom_id(passage_id: str) -> str:
    return "p-" + "".join(c if c.isalnum() else "-" for c in passage_id)

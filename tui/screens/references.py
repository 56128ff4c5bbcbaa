"""The reference view: cited works with number, authors, title, journal, year and DOI, and where each is cited."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..render import MUTED, reference_content


class ReferencesScreen(Screen):
    """A list of references; each says which sections cite it."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("c", "copy", "Copy"),
    ]

    def __init__(self, numbers: tuple[int, ...], origin: str = ""):
        super().__init__(classes="reader-screen")
        self.numbers = tuple(numbers)
        self.origin = origin

    def compose(self):
        engine = self.app.engine
        self.title = "References" + (f" cited in {self.origin}" if self.origin else "")
        self.sub_title = f"{len(self.numbers)} of {len(engine.document.references)}"
        yield Header()
        with VerticalScroll(id="reader"):
            for n in self.numbers:
                ref = engine.document.reference(n)
                if ref is None:
                    yield Static(Content.styled(f"[{n}] (not in the reference list)", MUTED),
                                 markup=False, classes="para")
                    continue
                sections = []
                for p in engine.citing_passages(n):
                    if p.section not in sections:
                        sections.append(p.section)
                where = Content.styled("cited in " + ", ".join(f"§{s}" for s in sections), MUTED) \
                    if sections else Content("")
                yield Static(Content("\n").join([reference_content(ref), where]), markup=False,
                             classes="para reference")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader").focus()

    def action_copy(self) -> None:
        engine = self.app.engine
        refs = [engine.document.reference(n) for n in self.numbers]
        self.app.copy_text("\n".join(f"[{r.n}] {r.text}" for r in refs if r), "references")

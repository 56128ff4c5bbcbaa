"""The Table 1 view: the review's biomarker table, with its caption and the section that discusses it."""
from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from qa.formats import safe

from ..render import plain


def table_renderable(table) -> Table:
    """Table 1 as a Rich table of plain Text cells (nothing parsed as markup)."""
    out = Table(box=box.SIMPLE_HEAVY, expand=True, show_lines=True, header_style="bold")
    widths = [2, 3, 2, 2, 2] if len(table.header) == 5 else [1] * len(table.header)
    for name, ratio in zip(table.header, widths):
        out.add_column(Text(safe(name)), ratio=ratio, overflow="fold")
    for row in table.rows:
        out.add_row(*(Text(safe(cell)) for cell in row))
    return out


class TableScreen(Screen):
    """Table 1; s opens the section that discusses it."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("s", "related", "Section"),
    ]

    def compose(self):
        engine = self.app.engine
        table = engine.document.table
        section = engine.section("table-1")
        self.title = "Table 1"
        self.sub_title = "biomarkers"
        yield Header()
        with VerticalScroll(id="reader"):
            if table is None:
                yield Static("This review has no table.", markup=False, classes="para")
            else:
                yield Static(Content.assemble(("Table 1 ", "bold"), plain(table.caption)), markup=False,
                             classes="crumb")
                yield Static(table_renderable(table), markup=False, classes="table")
                if section and section.related:
                    yield Static(Content.assemble(("Discussed in ", "bold"),
                                                  ", ".join(f"§{r}" for r in section.related)),
                                 markup=False, classes="note")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reader").focus()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "related":
            section = self.app.engine.section("table-1")
            return bool(section and section.related)
        return True

    def action_related(self) -> None:
        section = self.app.engine.section("table-1")
        self.app.open_section(section.related[0])

"""The table view: the review's table, with its caption and the section that discusses it."""
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
from qa.identity import table_label

from ..render import plain


def table_renderable(table) -> Table:
    """The table as a Rich table of plain Text cells (nothing parsed as markup)."""
    out = Table(box=box.SIMPLE_HEAVY, expand=True, show_lines=True, header_style="bold")
    widths = [2, 3, 2, 2, 2] if len(table.header) == 5 else [1] * len(table.header)
    for name, ratio in zip(table.header, widths):
        out.add_column(Text(safe(name)), ratio=ratio, overflow="fold")
    for row in table.rows:
        out.add_row(*(Text(safe(cell)) for cell in row))
    return out


class TableScreen(Screen):
    """The review's table; s opens the section that discusses it."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("s", "related", "Section"),
    ]

    def _section(self):
        """The table's own part of the outline (its `related` sections discuss it)."""
        table = self.app.engine.document.table
        return self.app.engine.section(table.id) if table else None

    def compose(self):
        table = self.app.engine.document.table
        section = self._section()
        self.title = table_label(table.id) if table else "Table"
        self.sub_title = "table"
        yield Header()
        with VerticalScroll(id="reader"):
            if table is None:
                yield Static("This review has no table.", markup=False, classes="para")
            else:
                yield Static(Content.assemble((f"{table_label(table.id)} ", "bold"), plain(table.caption)),
                             markup=False, classes="crumb")
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
            section = self._section()
            return bool(section and section.related)
        return True

    def action_related(self) -> None:
        self.app.open_section(self._section().related[0])

"""The help screen (F1 or ?): every key, grouped by where it works, in two columns."""
from __future__ import annotations

from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from qa.identity import table_label

from ..render import MUTED

Group = tuple[str, list[tuple[str, str]]]

def key_groups(table: str | None) -> tuple[list[Group], list[Group]]:
    """Every key, in two columns; `table` is how the review names its table ("Table 1"), None without one."""
    left: list[Group] = [
        ("In the question box", [
            ("enter", "ask  (check: … fact-checks)"),
            ("↑ ↓", "earlier / later questions"),
            ("→", "accept the suggested term"),
            ("tab", "read the latest answer"),
        ]),
        ("In an answer", [
            ("↑ ↓ k j", "previous / next passage"),
            ("enter", "open the whole section"),
            ("r", "references it cites"),
            *([("t", table)] if table else []),
            ("x", "show the whole passage"),
            ("c  C", "copy the answer with its citation / the whole card"),
            ("esc", "back to the question box"),
        ]),
    ]
    right: list[Group] = [
        ("Anywhere", [
            ("f1  ?", "help (? outside the box)"),
            ("ctrl+o", "outline of the review"),
            ("f2", "ask / fact-check mode"),
            ("ctrl+n  /new", "new topic: the next question stands alone"),
            ("ctrl+y", "copy the latest answer with its citation"),
            ("ctrl+s", "export to Markdown (choose the file)"),
            ("ctrl+l ×2", "clear the conversation"),
            ("ctrl+t", "light / dark theme"),
            ("ctrl+p", f"commands: sections, {table}…" if table else "commands: sections, export…"),
            ("ctrl+q", "quit"),
        ]),
        ("Reading a section", [
            ("n  p", "next / previous section"),
            ("r t c", f"references, {table}, copy") if table else ("r c", "references, copy"),
            ("esc", "back"),
        ]),
    ]
    return left, right


def groups_content(groups: list[Group]) -> Content:
    lines: list[Content] = []
    for i, (group, keys) in enumerate(groups):
        if i:
            lines.append(Content(""))
        lines.append(Content.styled(group, "bold"))
        for key, what in keys:
            lines.append(Content.assemble((f" {key:<8}", "bold $text-accent"), what))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen):
    """Keys and what they do; esc (or q, f1, ?) closes it."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Close"),
        Binding("q,f1,question_mark", "app.pop_screen", "Close", show=False),
    ]

    def compose(self):
        tables = self.app.identity.table_ids
        left, right = key_groups(table_label(tables[0]) if tables else None)
        with VerticalScroll(id="help-box"):
            yield Static(Content.styled("qa — keys", "bold $text-accent"), markup=False, classes="help-title")
            with Horizontal(id="help-columns"):
                yield Static(groups_content(left), markup=False, classes="help-column")
                yield Static(groups_content(right), markup=False, classes="help-column")
            yield Static(Content.styled("Answers come only from the review; nothing leaves this computer.", MUTED),
                         markup=False, classes="help-note")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

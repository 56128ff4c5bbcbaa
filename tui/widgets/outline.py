"""The outline panel: the review's sections as a Tree; choosing one opens the whole section."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree

from qa.formats import safe


def section_label(section) -> Text:
    if section.number:
        return Text.assemble((section.id, "bold"), " ", safe(section.title))
    return Text(safe(section.title))


class OutlinePanel(Tree[str]):
    """Front matter and back matter fold away; the body and the tables are open. Enter or a click opens a
    section."""

    BINDINGS = [
        Binding("enter", "select_cursor", "Open section"),
        Binding("escape", "app.focus_prompt", "Ask"),
    ]

    def __init__(self, sections, title: str, id: str | None = None):
        super().__init__(Text(safe(title)), id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self._sections = sections

    def on_mount(self) -> None:
        groups = {"front": self.root.add(Text("Front matter", style="dim"), expand=False),
                  "back": None}
        nodes = {}
        for s in self._sections:
            if s.kind == "front" and s.id != "abstract":
                parent = groups["front"]
            elif s.kind == "back":
                if groups["back"] is None:
                    groups["back"] = self.root.add(Text("Back matter", style="dim"), expand=False)
                parent = groups["back"]
            else:
                parent = nodes.get(s.parent, self.root)
            has_children = any(c.parent == s.id for c in self._sections)
            if has_children:
                nodes[s.id] = parent.add(section_label(s), data=s.id, expand=True)
            else:
                nodes[s.id] = parent.add_leaf(section_label(s), data=s.id)
        self.cursor_line = 0

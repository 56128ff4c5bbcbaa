"""The outline panel: the review's sections as a Tree; choosing one opens the whole section."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree

from qa.formats import safe


LABEL_WIDTH = 36      # a title longer than the panel ends in an ellipsis (fit() sets it to the panel's width)


def section_label(section, width: int = LABEL_WIDTH) -> Text:
    """The number and the title, the title cut with an ellipsis to WIDTH columns (the label's own room)."""
    room = max(8, width - (len(section.id) + 1 if section.number else 0))
    title = safe(section.title)
    if len(title) > room:
        title = title[:room - 1].rstrip() + "…"
    if section.number:
        return Text.assemble((section.id, "bold"), " ", title)
    return Text(title)


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
        self._fill()

    def load(self, sections, title: str) -> None:
        """Show another review's sections (a library: the review the latest answer came from)."""
        self._sections = sections
        self.reset(Text(safe(title)))
        self._fill()

    def _fill(self) -> None:
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
        self._section_nodes = nodes
        self.cursor_line = 0
        if self.size.width:
            self.fit(self.scrollable_content_region.width)

    def on_resize(self, event) -> None:
        self.fit(self.scrollable_content_region.width)

    def fit(self, width: int) -> None:
        """Labels cut to the panel's width with an ellipsis: no horizontal scrolling. A label's room is the
        width less its node's guides (guide_depth columns a level) and the fold icon of a node that has one."""
        for s in self._sections:
            node = getattr(self, "_section_nodes", {}).get(s.id)
            if node is None:
                continue
            depth, parent = 0, node.parent
            while parent is not None and parent is not self.root:
                depth, parent = depth + 1, parent.parent
            icon = 2 if node.allow_expand else 0
            node.set_label(section_label(s, width - depth * self.guide_depth - icon - 1))

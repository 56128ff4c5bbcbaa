"""The export dialog: where to write the conversation, with a new file in the current directory offered."""
from __future__ import annotations

from pathlib import Path

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class ExportScreen(ModalScreen[Path | None]):
    """Enter writes to the path shown (editable); escape cancels. Returns the chosen path or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, suggested: Path):
        super().__init__()
        self.suggested = suggested

    def compose(self):
        with Vertical(id="export-dialog"):
            yield Static(Content.styled("Export the conversation as Markdown", "bold"), markup=False)
            yield Static(Content.styled("Enter writes the file (an existing file is never overwritten); "
                                        "escape cancels.", "$text-muted"), markup=False)
            yield Input(str(self.suggested), id="export-path", select_on_focus=False)

    def on_mount(self) -> None:
        field = self.query_one("#export-path", Input)
        field.focus()
        field.cursor_position = len(field.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(Path(value) if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)

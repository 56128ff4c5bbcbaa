"""Command palette commands: go to any section, show the review's table, export, clear, copy, outline, theme."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from qa.identity import table_label


def _literal_highlight(matcher, text: str) -> Content:
    """Like Matcher.highlight, but the candidate is never parsed as markup (section titles are review text)."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ReviewCommands(Provider):
    """The app's own commands, plus one 'Go to section …' per section of the review."""

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.app
        table = app.engine.document.table
        return [
            *([(f"Show {table_label(table.id)}", table.caption, app.action_show_table)] if table else []),
            ("Export conversation", "write the conversation to a Markdown file (you choose where)",
             app.action_export),
            ("New topic", "the next question stands alone, with no topic carried over", app.action_new_topic),
            ("Clear conversation", "start again with an empty transcript (asks first)", app.action_clear),
            ("Copy answer", "copy the latest answer with its citation", app.action_copy_answer),
            ("Copy all", "copy the latest card whole: answer, passages, facts, references", app.action_copy_all),
            ("Toggle outline", "show or hide the section outline", app.action_toggle_outline),
            ("Toggle light/dark theme", "switch between the light and dark theme", app.action_toggle_dark),
            ("Help", "keys and what they do", app.action_help),
        ]

    def _sections(self) -> list[tuple[str, str, object]]:
        app = self.app
        out = []
        for s in app.engine.outline():
            out.append((f"Go to section {s.label}", "read the whole section", partial(app.open_section, s.id)))
        return out

    def _section_hint(self) -> str:
        """'type a number or words of a title, e.g. 2.1 or adjustment', from the review's first subsection."""
        sections = [s for s in self.app.engine.outline() if s.number]
        sub = next((s for s in sections if s.level == 2), sections[0] if sections else None)
        if sub is None:
            return "type words of a part's title"
        words = [w.strip(",.;:()") for w in sub.title.split()]
        word = max(words, key=len).lower() if words else ""
        return f"type a number or words of a title, e.g. {sub.id}" + (f" or {word}" if word else "")

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)
        yield DiscoveryHit(Content("Go to section …"), partial(self.app.action_toggle_outline, True),
                           text="Go to section …", help=self._section_hint())

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands() + self._sections():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, _literal_highlight(matcher, name), callback, text=name, help=help_text)

"""`qa chat`: the conversation as a plain line-based REPL (readline editing and history), for dumb terminals,
Emacs shells, screen readers and ssh sessions; piped, one answer per input line, the topic carried between them."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import IO

from .conversation import Conversation
from .dirs import data_home
from .errors import QueryError
from .formats import (Style, VERDICT_WORDS, aligned, formatter, gathered_table, not_found_lines, review_line, safe,
                      understood_line, wrap)

MAX_WIDTH = 100        # reading width for answer text, whatever the terminal's width
CHECK_PREFIX = "check:"
HELP = """Type a question and press Enter; a follow-up ("and its side effects?") is read in the topic so far.
  check: CLAIM   fact-check a claim against the review
  /new           start a new topic (the next question stands alone)
  /more          the last answer in full: every passage, fact and reference
  /help          this text
  Ctrl-D or /quit leaves; Ctrl-C cancels the line being typed."""


def history_path() -> Path:
    return data_home() / "qa" / "chat_history"


class Chat:
    """One REPL session over an engine: reads lines, answers in the conversation's topic, writes text."""

    def __init__(self, engine, out: IO[str], err: IO[str], style: Style, width: int, title: str = ""):
        self.engine = engine
        self.talk = Conversation(engine)
        self.out, self.err = out, err
        self.style = style
        self.width = width
        self.title = title
        self.last = None
        self.full = formatter("text", tokenizer=engine.tokenizer, style=style, width=width)

    def prompt(self) -> str:
        topic = self.talk.topic
        label = topic.label if topic is not None and topic.label else ""
        return f"qa [{label}]> " if label else "qa> "

    def banner(self) -> str:
        about = f" — {self.title}" if self.title else ""
        return f"qa chat{about}\nAsk a question, or `check: CLAIM`. /help for commands, Ctrl-D to leave.\n"

    def handle(self, line: str) -> bool:
        """Answer one line; False when the user asked to leave."""
        text = line.strip()
        if not text:
            return True
        if text in ("/quit", "/exit", "/q"):
            return False
        if text == "/help":
            self.out.write(HELP + "\n")
        elif text == "/new":
            self.talk.new()
            self.out.write("New topic: the next question stands alone.\n")
        elif text == "/more":
            self.out.write(self.full.answer(self.last) if self.last is not None else "No answer yet.\n")
        elif text.startswith("/"):
            self.err.write(f"qa: unknown command {text.split()[0]} (/help lists them)\n")
        elif text.lower().startswith(CHECK_PREFIX):
            claim = text[len(CHECK_PREFIX):].strip()
            if not claim:
                self.err.write("qa: empty claim: type `check:` and then the claim\n")
            else:
                self._guard(lambda: self.out.write(self._verdict(self.talk.check(claim))))
        else:
            self._guard(lambda: self.out.write(self._answer(text)))
        self.out.flush()
        return True

    def _guard(self, step) -> None:
        try:
            step()
        except QueryError as exc:
            self.err.write(f"qa: {exc}\n")

    def _answer(self, question: str) -> str:
        answer = self.talk.ask(question)
        self.last = answer
        style, width = self.style, self.width
        out = [style.dim(review_line(answer.review))] if answer.review is not None else []
        shown = understood_line(answer)
        if shown:
            out.append(style.dim(shown))
        if not answer.found:
            out += not_found_lines(answer)
            return "\n".join(out) + "\n\n"
        s = answer.sentence
        if answer.gathered is not None:
            # a list, comparison or overview: the table, then where to read more
            head, rows = gathered_table(answer)
            noun = "compared" if answer.gathered.kind == "comparison" else ("item" if len(rows) == 1 else "items")
            out.append(style.bold(f"{len(rows)} {noun}"))
            out += ["  " + line for line in aligned(head, rows, width - 2)]
            out.append(style.dim("  /more for every passage, fact and reference"))
            return "\n".join(out) + "\n\n"
        crumb = " › ".join(answer.hits[0].passage.path) if answer.hits else ""
        out.append(style.bold(f"§{s.section}") + (f"  {safe(crumb)}" if crumb else ""))
        out.append(wrap(safe(s.text), width, indent="  "))
        cited = [r for r in answer.references if r.n in _citations(answer, s.passage)]
        for r in cited[:3]:
            out.append(wrap(style.dim(f"[{r.n}] {safe(r.text)}"), width, indent="  "))
        others = list({h.passage.section: h.passage for h in answer.hits
                       if h.passage.section != s.section}.values())[:3]
        if others:
            out.append(style.dim("  also: " + "; ".join(f"§{p.section} {safe(p.title)}" for p in others)))
        out.append(style.dim("  /more for every passage, fact and reference"))
        return "\n".join(out) + "\n\n"

    def _verdict(self, verdict) -> str:
        style, width = self.style, self.width
        out = [style.dim(review_line(verdict.review))] if verdict.review is not None else []
        out.append(style.bold(VERDICT_WORDS[verdict.verdict]) + " — " + safe(verdict.reason))
        for e in verdict.evidence[:2]:
            out.append(wrap(f"§{e.section}: {safe(e.text)}", width, indent="  "))
        return "\n".join(out) + "\n\n"


def _citations(answer, passage_id: str) -> set[int]:
    return {n for h in answer.hits if h.passage.id == passage_id for n in h.passage.citations}


def run_chat(engine, stdin: IO[str] | None = None, out: IO[str] | None = None, err: IO[str] | None = None,
             title: str = "") -> int:
    """The REPL. On a terminal: a prompt with the topic, readline editing and a history file (0600); piped:
    no prompt, one answer per line. Ctrl-D leaves (exit 0); Ctrl-C cancels the line being typed."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    err = err or sys.stderr
    interactive = stdin.isatty() and out.isatty()
    width = min(MAX_WIDTH, shutil.get_terminal_size((88, 24)).columns - 2) if interactive else 88
    colour = interactive and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    chat = Chat(engine, out, err, Style(colour), max(40, width), title)
    if not interactive:
        for line in stdin:
            if not chat.handle(line):
                break
        return 0
    history = _open_history(err)
    out.write(chat.banner())
    try:
        while True:
            try:
                line = input(chat.prompt())
            except KeyboardInterrupt:
                out.write("^C\n")            # the line is dropped, the conversation goes on
                continue
            except EOFError:
                out.write("\n")
                break
            if line.strip().lower() == CHECK_PREFIX and history:
                _forget_last()               # an empty `check:` is not worth recalling
            if not chat.handle(line):
                break
    finally:
        if history:
            history()
    return 0


def _forget_last() -> None:
    import readline
    n = readline.get_current_history_length()
    if n:
        readline.remove_history_item(n - 1)


def _open_history(err: IO[str]):
    """Load readline history; returns the function that saves it (or None without readline)."""
    try:
        import readline
    except ImportError:          # no readline (some Windows Pythons): plain input() still works
        return None
    path = history_path()
    try:
        if path.is_file():
            readline.read_history_file(str(path))
    except OSError as exc:
        err.write(f"qa: history not read ({path}: {exc.strerror})\n")
    readline.set_history_length(1000)

    def save() -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)   # the history is the user's own words: 0600
            os.close(fd)
            os.chmod(path, 0o600)
            readline.write_history_file(str(path))
        except OSError as exc:
            err.write(f"qa: history not saved ({path}: {exc.strerror})\n")
    return save

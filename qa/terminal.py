"""Text for a person at a terminal: the width to wrap at, whether to colour, paging long output, tables that fit.

Piped output never depends on the terminal: it is wrapped at 80 columns (or $COLUMNS when set), never coloured
(unless --color=always) and never paged, so that it is the same on every machine."""
from __future__ import annotations

import os
import re
import sys

PIPED_WIDTH = 80           # the width of output that goes to a file or a pipe
MIN_WIDTH = 20             # narrower than this, nothing reads well: wrap at this and let the terminal fold
DEFAULT_PAGER = "less -FRX"
COLOR_CHOICES = ("auto", "always", "never")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def is_terminal(stream=None) -> bool:
    stream = sys.stdout if stream is None else stream
    try:
        return stream.isatty()
    except (AttributeError, ValueError):        # closed or replaced streams
        return False


def _size(stream):
    try:
        return os.get_terminal_size(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return None


def _env_number(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def width(stream=None) -> int:
    """Columns to wrap at: on a terminal its width (as ls does: an exported $COLUMNS may be stale after a
    resize), else $COLUMNS when set, else 80 (a pipe or a file)."""
    stream = sys.stdout if stream is None else stream
    columns = None
    if is_terminal(stream):
        size = _size(stream)
        columns = size.columns if size and size.columns > 0 else None
    return max(MIN_WIDTH, columns or _env_number("COLUMNS") or PIPED_WIDTH)


def height(stream=None) -> int:
    """Rows of the screen: the terminal's height, else $LINES when set, else 24."""
    stream = sys.stdout if stream is None else stream
    rows = None
    if is_terminal(stream):
        size = _size(stream)
        rows = size.lines if size and size.lines > 0 else None
    return rows or _env_number("LINES") or 24


def colour(choice: str = "auto", stream=None) -> bool:
    """Whether to write ANSI colour: --color=always or never decide; auto colours a terminal unless NO_COLOR is
    set to anything non-empty (no-color.org) or TERM is dumb."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    return (is_terminal(stream) and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM", "") != "dumb")


def visible_len(line: str) -> int:
    return len(_ANSI.sub("", line))


def wrap(text: str, width: int, indent: str = "", hang: str | None = None, blank: str | None = None) -> list[str]:
    """Lines of at most WIDTH visible columns, broken between words only (never inside a word or at a hyphen;
    a word longer than the line stays whole). Colour codes take no room, so coloured text breaks where plain text
    does. `hang` indents the lines after the first (default: `indent`); an empty paragraph gives `blank`
    (default: the indent without trailing spaces). Plain text wraps as textwrap.wrap(break_long_words=False,
    break_on_hyphens=False) wraps it."""
    hang = indent if hang is None else hang
    blank = indent.rstrip() if blank is None else blank
    lines: list[str] = []
    for para in text.expandtabs().split("\n"):
        line, used, words, gap = indent, len(indent), 0, ""
        for token in _TOKENS.findall(para):
            if token[0].isspace():
                gap = " " * len(token)             # kept between words; dropped where a line breaks
                continue
            size = visible_len(token)
            if words and used + len(gap) + size > width:
                lines.append(line)
                line, used, words, gap = hang, len(hang), 0, ""
            line, used, words, gap = line + gap + token, used + len(gap) + size, words + 1, ""
        lines.append(line if words else blank)
    return lines


_TOKENS = re.compile(r"\s+|\S+")


# -- paging -------------------------------------------------------------------------------------------------

def pager_command() -> str | None:
    """The pager to use: $QA_PAGER, else $PAGER, else `less -FRX` (as git does); empty or `cat` means none."""
    for name in ("QA_PAGER", "PAGER"):
        if name in os.environ:
            value = os.environ[name].strip()
            return None if value in ("", "cat") else value
    return DEFAULT_PAGER


def rows_needed(text: str, columns: int) -> int:
    """Screen rows the text fills at COLUMNS (a line wider than the screen takes more than one)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return sum(max(1, -(-visible_len(line) // columns)) for line in lines)


def show(text: str, stream=None, page: bool = True) -> None:
    """Write TEXT to the stream; through the pager only when the stream is a terminal, paging is wanted and the
    text is taller than the screen (keeping a row for the prompt). Piped output is never paged."""
    stream = sys.stdout if stream is None else stream
    command = pager_command() if page and is_terminal(stream) else None
    if command and rows_needed(text, width(stream)) >= height(stream) and _page(command, text, stream):
        return
    stream.write(text)


def _page(command: str, text: str, stream) -> bool:
    """Run the pager with TEXT on its stdin; False when it cannot be started (then the text is written plainly)."""
    import shlex
    import shutil
    import subprocess
    try:
        words = shlex.split(command)
    except ValueError:
        return False
    if not words or shutil.which(words[0]) is None:
        return False
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")           # as git: quit on one screen, pass colours, leave the screen alone
    env.setdefault("LV", "-c")
    stream.flush()
    try:
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    try:
        proc.stdin.write(text.encode(getattr(stream, "encoding", None) or "utf-8", "replace"))
        proc.stdin.close()
    except BrokenPipeError:                 # the reader quit the pager before the end: nothing more to show
        pass
    while True:
        try:
            proc.wait()
            return True
        except KeyboardInterrupt:           # Ctrl-C is the pager's to handle (less stops a search); wait for it
            continue


# -- tables ---------------------------------------------------------------------------------------------------

GAP = 2


def column_widths(head: list[str], rows: list[list[str]], width: int, gap: int = GAP) -> list[int] | None:
    """Widths for the columns to fit WIDTH with every word whole: each column as wide as its widest cell, the
    widest narrowed first; None when even the longest word of each column side by side does not fit."""
    cells = [head] + rows
    n = len(head)
    natural = [max((len(r[c]) for r in cells), default=0) for c in range(n)]
    minimum = [max((len(w) for r in cells for w in r[c].split()), default=0) for c in range(n)]
    room = width - gap * (n - 1)
    if sum(minimum) > room:
        return None
    widths = list(natural)
    while sum(widths) > room:
        c = max((c for c in range(n) if widths[c] > minimum[c]), key=lambda c: widths[c])
        widths[c] -= 1
    return widths


def table_lines(head: list[str], rows: list[list[str]], width: int, indent: str = "", rule: bool = False,
                bold=None) -> list[str]:
    """Rows in columns that fit WIDTH (less the indent), long cells wrapped between words; with `rule` a line
    under the header. When the columns cannot fit, each row becomes a block: its first cell, then each other
    cell under its heading."""
    import textwrap
    bold = bold or (lambda s: s)
    room = width - len(indent)
    shown_head = any(head)
    widths = column_widths(head if shown_head else [""] * len(head), rows, room)
    if widths is None:
        return stacked_lines(head, rows, width, indent, bold)
    out = []

    def emit(cells: list[str], style=None) -> None:
        pieces = [textwrap.wrap(v, widths[c], break_long_words=False, break_on_hyphens=False) or [""]
                  for c, v in enumerate(cells)]
        for k in range(max(len(p) for p in pieces)):
            line = (" " * GAP).join((p[k] if k < len(p) else "").ljust(widths[c]) for c, p in enumerate(pieces))
            line = line.rstrip()
            out.append(indent + (style(line) if style and line else line))
    if shown_head:
        emit(head, bold)
        if rule:
            out.append(indent + "─" * (sum(widths) + GAP * (len(widths) - 1)))
    for r in rows:
        emit(r)
    return out


def stacked_lines(head: list[str], rows: list[list[str]], width: int, indent: str = "", bold=None) -> list[str]:
    """A table too wide for the screen, one block per row: the first cell, then `heading: cell` lines."""
    bold = bold or (lambda s: s)
    out = []
    for r in rows:
        out += [indent + bold(line[len(indent):]) for line in wrap(r[0], width, indent)]
        for h, v in zip(head[1:], r[1:]):
            if v:
                out += wrap(f"{h}: {v}" if h else v, width, indent + "  ", indent + "    ")
    return out


def tsv(head: list[str], rows: list[list[str]]) -> list[str]:
    """Tab-separated lines (a header, then rows) for a pipe: cut, sort and spreadsheets read them."""
    return ["\t".join(head)] + ["\t".join(r) for r in rows]


def table_text(caption: str | None, head: list[str], rows: list[list[str]], width: int, bold=None,
               piped: bool | None = None) -> list[str]:
    """A table for a person: its caption, then the rows aligned and wrapped to WIDTH under a ruled header; when
    piped, tab-separated (caption first, as the review prints it) for cut, sort and spreadsheets."""
    bold = bold or (lambda s: s)
    piped = not is_terminal() if piped is None else piped
    if piped:
        return ([caption] if caption else []) + tsv(head, rows)
    captioned = [bold(line) for line in wrap(caption, width)] + [""] if caption else []
    return captioned + table_lines(head, rows, width, rule=True, bold=bold)

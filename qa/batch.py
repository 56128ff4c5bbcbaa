"""Batch mode: read questions or claims (text, JSONL or YAML), stream one record per input line."""
from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator

from .engine import MAX_QUESTION_CHARS, Engine, QueryError
from .errors import InputError
from .formats import Origin, formatter
from .inputs import open_input, read_bounded, same_file
from .yamlfile import parse_yaml_list

MAX_LINE_BYTES = 64 * 1024
MAX_YAML_BYTES = 64 * 1024 * 1024


@dataclass
class Item:
    line: int
    id: str
    text: str | None
    error: str | None = None
    conversation: str | None = None     # turns with the same id are one conversation, in input order
    given_id: bool = False              # `id` is the user's own, not the line number


_LINE_END = re.compile(rb"\r\n|\r|\n")
_CHUNK = 64 * 1024


def split_lines(stream: BinaryIO, limit: int = MAX_LINE_BYTES, name: str = "input") -> Iterator[tuple[bytes, int]]:
    """(line, its length in bytes) for each line of a binary stream, its end removed. A line ends at LF, CRLF or a
    lone CR (old Mac files); at most `limit` + 1 bytes of a line are kept, so a line without an end (/dev/zero, a
    binary file) never fills memory. Reads what is available (a pipe's lines are answered as they come)."""
    read = getattr(stream, "read1", None) or stream.read
    kept, length, after_cr = bytearray(), 0, False
    while True:
        try:
            chunk = read(_CHUNK)
        except OSError as exc:
            raise InputError(f"{name}: read failed ({exc.strerror or exc})") from None
        if not chunk:
            break
        start = 1 if after_cr and chunk[:1] == b"\n" else 0     # the LF of a CRLF split across two reads
        after_cr = False
        while True:
            end = _LINE_END.search(chunk, start)
            piece = chunk[start:end.start() if end else len(chunk)]
            length += len(piece)
            if len(kept) <= limit:
                kept += piece[:limit + 1 - len(kept)]
            if end is None:
                break
            yield bytes(kept), length
            kept, length = bytearray(), 0
            after_cr = end.group() == b"\r" and end.end() == len(chunk)
            start = end.end()
    if kept or length:
        yield bytes(kept), length


def _decode(raw: bytes, line: int, length: int) -> Item:
    if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw, length = raw[3:], length - 3
    if length > MAX_LINE_BYTES:
        return Item(line, str(line), None, f"line too long: {length} bytes (the limit is {MAX_LINE_BYTES} bytes "
                                           f"and {MAX_QUESTION_CHARS} characters)")
    try:
        return Item(line, str(line), raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Item(line, str(line), None, f"invalid UTF-8 at byte {exc.start + 1} of the line")


def _label(value) -> str | None:
    """An id or conversation id as text: a string as given (lone surrogates, which cannot be written, made
    "?"), a number, flag, list or mapping as JSON writes it (5, true), a YAML date as printed; None when there
    is none."""
    if value is None:
        return None
    if isinstance(value, (bool, int, float, list, dict)):
        value = json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    return text.encode("utf-8", "replace").decode("utf-8")


def _entry(line: int, entry: dict, text: str | None, error: str | None = None) -> Item:
    """An Item for a JSONL object or YAML mapping: its own id when it has one, else the line number."""
    given = _label(entry.get("id"))
    return Item(line, str(line) if given is None else given, text, error, _label(entry.get("conversation")),
                given is not None)


def _from_jsonl(item: Item) -> Item:
    """A JSONL line {"id": ..., "q": ...} (or "claim"/"question") keeps its id."""
    try:
        obj = json.loads(item.text)
    except ValueError as exc:
        return Item(item.line, item.id, None, f"not valid JSON: {exc.msg}")
    except RecursionError:
        return Item(item.line, item.id, None, "not valid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return Item(item.line, item.id, None, "a JSONL line must be an object with \"q\" (or \"claim\")")
    text = obj.get("q", obj.get("question", obj.get("claim")))
    if not isinstance(text, str):
        return _entry(item.line, obj, None, "missing \"q\" (or \"claim\") text")
    return _entry(item.line, obj, text)


def _is_yaml(source: str) -> bool:
    return source != "-" and Path(source).suffix.lower() in (".yaml", ".yml")


def read_items(source: str, stream: BinaryIO) -> Iterator[Item]:
    """One Item per non-empty input line (YAML: per list entry), never dropping a line silently. JSON lines are
    known by their content: a line that starts with `{` is a JSON record whatever the file is called (in a
    `.jsonl` file every line is one); other lines are questions (or claims) as typed."""
    if _is_yaml(source):
        return iter(_yaml_items(source, stream))
    return _text_items(source, stream)


def _text_items(source: str, stream: BinaryIO) -> Iterator[Item]:
    jsonl = source != "-" and Path(source).suffix.lower() == ".jsonl"
    name = "standard input" if source == "-" else source
    for number, (raw, length) in enumerate(split_lines(stream, name=name), 1):
        if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
            continue
        item = _decode(raw, number, length)
        if item.text is not None and (jsonl or item.text.lstrip("\ufeff \t").startswith("{")):
            item = _from_jsonl(item)
        yield item


def _yaml_items(source: str, stream: BinaryIO) -> list[Item]:
    """Every entry of a YAML list, read and checked now (a YAML error is an input error before any output)."""
    raw = read_bounded(stream, source, MAX_YAML_BYTES, "batch file")
    data = parse_yaml_list(raw, source, "{id, q} entries", QueryError)
    items = []
    for number, entry in enumerate(data, 1):
        if isinstance(entry, str):
            items.append(Item(number, str(number), entry))
        elif isinstance(entry, dict) and isinstance(entry.get("q", entry.get("claim")), str):
            items.append(_entry(number, entry, entry.get("q", entry.get("claim"))))
        else:
            items.append(_entry(number, entry if isinstance(entry, dict) else {}, None,
                                "entry has no \"q\" (or \"claim\") text"))
    return items


class Progress:
    """A one-line progress counter on stderr, only when stderr is a terminal."""

    def __init__(self):
        self.enabled = sys.stderr.isatty()
        self.count = 0

    def step(self) -> None:
        self.count += 1
        if self.enabled:
            sys.stderr.write(f"\rqa batch: {self.count} answered")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.count:
            sys.stderr.write("\n")


def run_batch(engine: Engine, source: str, check: bool = False, fmt: str = "jsonl", k: int = 5,
              output: str | None = None, stream: BinaryIO | None = None) -> int:
    """Answer every item, writing whole records only; returns 1 when any record is an error. The input (`stream`,
    else opened here by open_source) is checked and a YAML file read before the output is opened."""
    stream = stream if stream is not None else open_source(source, output)
    try:
        return _run(engine, source, stream, check, fmt, k, output)
    finally:
        if stream is not getattr(sys.stdin, "buffer", None):
            stream.close()


def open_source(source: str, output: str | None = None) -> BinaryIO:
    """The batch input opened for reading (qa.inputs; "-" is stdin); InputError when it cannot be read or when the
    output (`output`, else stdout) is the same file."""
    if source != "-":
        stream = open_input(source)
    elif sys.stdin is None:
        raise InputError("standard input is closed; give a file of questions, or pipe them in")
    else:
        stream = sys.stdin.buffer
    try:
        _refuse_same_file(source, stream, output)
    except InputError:
        if stream is not getattr(sys.stdin, "buffer", None):
            stream.close()
        raise
    return stream


def _refuse_same_file(source: str, stream: BinaryIO, output: str | None) -> None:
    """Never overwrite (or, appended to, read forever) the input: by inode, whatever path or link names it."""
    name = "standard input" if source == "-" else source
    fd = stream.fileno()
    if output and same_file(fd, output):
        raise InputError(f"{output}: is the input file ({name}); write the records to another file")
    if not output:
        try:
            stdout = sys.stdout.fileno()
        except (OSError, ValueError, AttributeError):
            return
        if same_file(fd, stdout):
            raise InputError(f"standard output is the input file ({name}); write the records to another file")


def _run(engine: Engine, source: str, stream: BinaryIO, check: bool, fmt: str, k: int, output: str | None) -> int:
    items = read_items(source, stream)
    try:
        out = open(output, "w", encoding="utf-8") if output else sys.stdout
    except OSError as exc:
        raise QueryError(f"{output}: cannot write ({exc.strerror})") from None
    records = formatter(fmt, claims=check)
    progress = Progress()
    errors = 0
    topics: dict = {}        # conversation id -> the topic its latest turn left
    try:
        out.write(records.header())
        for item in items:
            origin = Origin(item.line, item.id, item.text or "", claim=check, conversation=item.conversation,
                            given_id=item.given_id)
            message = item.error
            if message is None:
                try:
                    if check:
                        out.write(records.verdict(engine.check(item.text), origin))
                    else:
                        context = topics.get(item.conversation) if item.conversation is not None else None
                        answer = engine.ask(item.text, k=k, context=context, follow=item.conversation is not None)
                        if item.conversation is not None:
                            topics[item.conversation] = answer.topic
                        out.write(records.answer(answer, origin))
                except QueryError as exc:
                    message = str(exc)
            if message is not None:
                errors += 1
                record = records.error(origin, message)
                if not record:              # the format has no place for errors (TREC): say it on stderr
                    print(f"qa: line {item.line}: {message}", file=sys.stderr)
                out.write(record)
            out.flush()
            progress.step()
        out.write(records.footer())
        if output:
            out.close()
    except BrokenPipeError:
        raise
    except OSError as exc:
        if not output:
            raise
        try:
            out.close()
        except OSError:
            pass
        note = ""
        if Path(output).is_file():   # never rename a device such as /dev/full
            partial = f"{output}.partial"
            os.replace(output, partial)
            note = f"; the incomplete output was moved to {partial}"
        raise QueryError(f"{output}: write failed ({exc.strerror}){note}") from None
    finally:
        progress.done()
    return 1 if errors else 0

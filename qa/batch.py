"""Batch mode: read questions or claims (text, JSONL or YAML), stream one record per input line."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .engine import MAX_QUESTION_CHARS, Engine, QueryError
from .formats import Origin, formatter
from .yamlfile import read_yaml_list

MAX_LINE_BYTES = 64 * 1024


@dataclass
class Item:
    line: int
    id: str
    text: str | None
    error: str | None = None
    conversation: str | None = None     # turns with the same id are one conversation, in input order
    given_id: bool = False              # `id` is the user's own, not the line number


def _decode(raw: bytes, line: int) -> Item:
    if line == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    raw = raw.rstrip(b"\r\n")
    if len(raw) > MAX_LINE_BYTES:
        return Item(line, str(line), None, f"line too long: {len(raw)} bytes (the limit is {MAX_LINE_BYTES} bytes "
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
    if not isinstance(obj, dict):
        return Item(item.line, item.id, None, "a JSONL line must be an object with \"q\" (or \"claim\")")
    text = obj.get("q", obj.get("question", obj.get("claim")))
    if not isinstance(text, str):
        return _entry(item.line, obj, None, "missing \"q\" (or \"claim\") text")
    return _entry(item.line, obj, text)


def read_items(source: str) -> Iterator[Item]:
    """Yield one Item per non-empty input line (YAML: per list entry), never dropping a line silently."""
    if source != "-" and Path(source).suffix.lower() in (".yaml", ".yml"):
        yield from _read_yaml(Path(source))
        return
    stream = sys.stdin.buffer if source == "-" else open(source, "rb")
    try:
        jsonl = source != "-" and Path(source).suffix.lower() == ".jsonl"
        for number, raw in enumerate(stream, 1):
            if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
                continue
            item = _decode(raw, number)
            if item.text is not None and (jsonl or (source == "-" and item.text.lstrip().startswith("{"))):
                item = _from_jsonl(item)
            yield item
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def _read_yaml(path: Path) -> Iterator[Item]:
    data = read_yaml_list(path, "{id, q} entries", QueryError)
    for number, entry in enumerate(data, 1):
        if isinstance(entry, str):
            yield Item(number, str(number), entry)
        elif isinstance(entry, dict) and isinstance(entry.get("q", entry.get("claim")), str):
            yield _entry(number, entry, entry.get("q", entry.get("claim")))
        else:
            yield _entry(number, entry if isinstance(entry, dict) else {}, None,
                         "entry has no \"q\" (or \"claim\") text")


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
              output: str | None = None) -> int:
    """Answer every item, writing whole records only; returns 1 when any record is an error."""
    if source != "-" and not Path(source).is_file():
        raise QueryError(f"{source}: no such file" if not Path(source).exists() else f"{source}: not a file")
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
        for item in read_items(source):
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

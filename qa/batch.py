"""Batch mode: read questions or claims (text, JSONL or YAML), stream one record per input line."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .engine import MAX_QUESTION_CHARS, Engine, QueryError
from .output import answer_json, error_json, safe, verdict_json
from .yamlfile import read_yaml_list

MAX_LINE_BYTES = 64 * 1024


@dataclass
class Item:
    line: int
    id: str
    text: str | None
    error: str | None = None


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
        return Item(item.line, str(obj.get("id", item.line)), None, "missing \"q\" (or \"claim\") text")
    return Item(item.line, str(obj.get("id", item.line)), text)


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
            yield Item(number, str(entry.get("id", number)), entry.get("q", entry.get("claim")))
        else:
            yield Item(number, str(number), None, "entry has no \"q\" (or \"claim\") text")


def _tsv_cell(value) -> str:
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _md_cell(value) -> str:
    return safe(str(value)).replace("|", "\\|").replace("\n", " ")


class Formatter:
    def __init__(self, fmt: str, check: bool):
        self.fmt, self.check = fmt, check

    def header(self) -> str:
        if self.fmt == "tsv":
            cols = ["line", "id", "claim", "verdict", "section", "reason", "error"] if self.check else \
                ["line", "id", "question", "found", "section", "passage", "score", "answer", "error"]
            return "\t".join(cols) + "\n"
        if self.fmt == "md":
            cols = ["line", "id", "claim", "verdict", "reason"] if self.check else \
                ["line", "id", "question", "section", "answer"]
            return "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
        return ""

    def record(self, item: Item, result) -> str:
        if isinstance(result, str):      # an error message
            return self._error(item, result)
        rec = verdict_json(result) if self.check else answer_json(result)
        rec["line"] = item.line
        rec["id"] = item.id
        if self.fmt == "jsonl":
            return json.dumps(rec, ensure_ascii=False) + "\n"
        if self.fmt == "trec":
            passages = rec.get("passages") or [{"id": e["passage"], "score": 0.0} for e in rec.get("evidence", [])]
            return "".join(f"{item.id} Q0 {p['id']} {i} {p.get('score', 0.0):.4f} qa\n"
                           for i, p in enumerate(passages, 1))
        if self.check:
            section = rec["evidence"][0]["section"] if rec["evidence"] else ""
            row = [item.line, item.id, rec["claim"], rec["verdict"], section, rec["reason"], ""]
            if self.fmt == "md":
                row = [item.line, item.id, rec["claim"], rec["verdict"], rec["reason"]]
        else:
            ans = rec["answer"] or {}
            top = rec["passages"][0] if rec["passages"] else {}
            row = [item.line, item.id, rec["question"], str(rec["found"]).lower(), ans.get("section", ""),
                   top.get("id", ""), top.get("score", ""), ans.get("text", ""), ""]
            if self.fmt == "md":
                row = [item.line, item.id, rec["question"], ans.get("section", "—"),
                       ans.get("text", "not found in the review")]
        if self.fmt == "tsv":
            return "\t".join(_tsv_cell(c) for c in row) + "\n"
        return "| " + " | ".join(_md_cell(c) for c in row) + " |\n"

    def _error(self, item: Item, message: str) -> str:
        if self.fmt == "jsonl":
            rec = error_json(item.line, message)
            rec["id"] = item.id
            return json.dumps(rec, ensure_ascii=False) + "\n"
        if self.fmt == "trec":
            return ""   # a TREC run has no place for errors; they are reported on stderr
        if self.fmt == "tsv":
            width = 7 if self.check else 9
            row = [item.line, item.id] + [""] * (width - 3) + [message]
            return "\t".join(_tsv_cell(c) for c in row) + "\n"
        return f"| {item.line} | {_md_cell(item.id)} | | error | {_md_cell(message)} |\n"


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
    formatter = Formatter(fmt, check)
    progress = Progress()
    errors = 0
    try:
        out.write(formatter.header())
        for item in read_items(source):
            result: object
            if item.error:
                result = item.error
            else:
                try:
                    result = engine.check(item.text) if check else engine.ask(item.text, k=k)
                except QueryError as exc:
                    result = str(exc)
            if isinstance(result, str):
                errors += 1
                if fmt == "trec":
                    print(f"qa: line {item.line}: {result}", file=sys.stderr)
            out.write(formatter.record(item, result))
            out.flush()
            progress.step()
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

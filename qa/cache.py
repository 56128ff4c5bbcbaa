"""JSON index cache in the user cache directory: keyed by corpus hash and settings, written atomically, read only
when it is a regular file of a plausible size, and pruned to the most recently used few."""
from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from .dirs import cache_home
from .models import Author, Document, Fact, Metadata, Passage, Reference, Section, Table

CACHE_FORMAT = 7
KEEP_INDEXES = 8                  # index files kept in the cache directory (one per corpus directory), newest used
MIN_LIMIT = 16 * 1024 * 1024      # an index is read only up to this size, or SIZE_FACTOR times its corpus if larger
SIZE_FACTOR = 50                  # (this review's index is about 4 times its corpus)
STALE_TEMP_SECONDS = 3600         # a temp file this old was left by a writer that died


@functools.lru_cache(maxsize=1)
def code_stamp() -> str:
    """Sizes and modification times of the engine's own modules: a cache written by other code is not reused
    (so a change to how text is split or tokenised can never meet a stale index)."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        st = path.stat()
        digest.update(f"{path.relative_to(here)}:{st.st_size}:{st.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    return cache_home() / "qa"


def corpus_files(corpus: Path, review: Path) -> list[Path]:
    facts = sorted((corpus / "facts").glob("*.y*ml")) if (corpus / "facts").is_dir() else []
    return [review, *facts]


def corpus_hash(files: list[Path], root: Path) -> str:
    """Hash of the corpus files' names and bytes: changes whenever the review or a fact file changes."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(root) if path.is_relative_to(root) else path.name).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _tuples(value):
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def document_to_json(doc: Document) -> dict:
    return asdict(doc)


def document_from_json(data: dict) -> Document:
    meta = dict(data["metadata"])
    meta["authors"] = tuple(Author(a["name"], tuple(a["affiliations"]), a["corresponding"]) for a in meta["authors"])
    for key in ("affiliations", "editor", "reviewers", "correspondence", "keywords"):
        meta[key] = _tuples(meta[key])
    table = data.get("table")
    return Document(
        metadata=Metadata(**meta),
        sections=tuple(Section(s["id"], s["title"], s["level"], s["parent"], tuple(s["path"]), s["kind"],
                               tuple(s["related"])) for s in data["sections"]),
        passages=tuple(Passage(p["id"], p["section"], p["title"], tuple(p["path"]), p["text"], tuple(p["citations"]),
                               p.get("doc", "")) for p in data["passages"]),
        references=tuple(Reference(**r) for r in data["references"]),
        table=Table(table["id"], table["caption"], tuple(table["header"]), _tuples(table["rows"])) if table else None,
    )


def fact_to_json(fact: Fact) -> dict:
    return {"id": fact.id, "kind": fact.kind, "entity": fact.entity, "summary": fact.summary,
            "sections": list(fact.sections), "refs": list(fact.refs), "evidence": fact.evidence,
            "fields": [[k, v] for k, v in fact.fields], "aliases": list(fact.aliases), "source": fact.source,
            "related": list(fact.related), "note": fact.note, "evidence_section": fact.evidence_section,
            "doc": fact.doc}


def fact_from_json(d: dict) -> Fact:
    return Fact(d["id"], d["kind"], d["entity"], d["summary"], tuple(d["sections"]), tuple(d["refs"]),
                d["evidence"], tuple((k, _tuples(v)) for k, v in d["fields"]), tuple(d["aliases"]), d["source"],
                tuple(d["related"]), d["note"], d["evidence_section"], d.get("doc", ""))


def size_limit(files: list[Path]) -> int:
    """The largest index file worth reading for these corpus files; anything larger is not one of ours."""
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return max(MIN_LIMIT, SIZE_FACTOR * total)


def read(path: Path, key: str, limit: int = MIN_LIMIT) -> dict | None:
    """The cached payload for this key, or None when missing, corrupt, from another version, or not a regular file
    of at most `limit` bytes (a FIFO, a link to a device, a huge file: skipped without reading, never waited on)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            raw = fh.read(limit + 1)
        if len(raw) > limit:
            return None
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return None
    finally:
        os.close(fd)
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("key") != key:
        return None
    try:
        os.utime(path)              # most recently used: pruning keeps it
    except OSError:
        pass
    return data


def prune(directory: Path, keep: Path | None = None) -> None:
    """Keep the KEEP_INDEXES most recently used index files (and `keep`); remove older ones and temp files that a
    killed writer left. Never fails: the cache is an optimisation."""
    try:
        entries = [(p, p.lstat()) for p in directory.iterdir()]
    except OSError:
        return
    indexes = sorted(((p, st) for p, st in entries if p.name.startswith("index-") and p.name.endswith(".json")
                      and not stat.S_ISDIR(st.st_mode)), key=lambda e: e[1].st_mtime, reverse=True)
    doomed = [p for p, _ in indexes[KEEP_INDEXES:] if p != keep]
    now = time.time()
    doomed += [p for p, st in entries if p.name.startswith(".qa-index-") and p.name.endswith(".tmp")
               and stat.S_ISREG(st.st_mode) and now - st.st_mtime > STALE_TEMP_SECONDS]
    for path in doomed:
        try:
            path.unlink()
        except OSError:
            pass


def write(path: Path, payload: dict, prune_others: bool = True) -> None:
    """Write atomically (temp file in the same directory, then rename): readers never see half a file. A library
    keeps one index file per review in its own directory and prunes it itself (`prune_others=False`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".qa-index-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if prune_others:
        prune(path.parent, keep=path)

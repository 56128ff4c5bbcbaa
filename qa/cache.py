"""JSON index cache in the user cache directory: keyed by corpus hash and settings, written atomically."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from .models import Author, Document, Fact, Metadata, Passage, Reference, Section, Table

CACHE_FORMAT = 7


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
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "qa"


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
        passages=tuple(Passage(p["id"], p["section"], p["title"], tuple(p["path"]), p["text"], tuple(p["citations"]))
                       for p in data["passages"]),
        references=tuple(Reference(**r) for r in data["references"]),
        table=Table(table["id"], table["caption"], tuple(table["header"]), _tuples(table["rows"])) if table else None,
    )


def fact_to_json(fact: Fact) -> dict:
    return {"id": fact.id, "kind": fact.kind, "entity": fact.entity, "summary": fact.summary,
            "sections": list(fact.sections), "refs": list(fact.refs), "evidence": fact.evidence,
            "fields": [[k, v] for k, v in fact.fields], "aliases": list(fact.aliases), "source": fact.source,
            "related": list(fact.related), "note": fact.note, "evidence_section": fact.evidence_section}


def fact_from_json(d: dict) -> Fact:
    return Fact(d["id"], d["kind"], d["entity"], d["summary"], tuple(d["sections"]), tuple(d["refs"]),
                d["evidence"], tuple((k, _tuples(v)) for k, v in d["fields"]), tuple(d["aliases"]), d["source"],
                tuple(d["related"]), d["note"], d["evidence_section"])


def read(path: Path, key: str) -> dict | None:
    """The cached payload for this key, or None when missing, corrupt, or from another version."""
    try:
        with open(path, "rb") as fh:
            data = json.loads(fh.read().decode("utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("key") != key:
        return None
    return data


def write(path: Path, payload: dict) -> None:
    """Write atomically (temp file in the same directory, then rename): readers never see half a file."""
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

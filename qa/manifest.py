"""A library's manifest: the reviews a corpus directory holds (one sub-directory each), a fingerprint of their
files, and the cached record of their ids, titles and years, built together with the library-wide passage index."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import cache
from .errors import CorpusError
from .backends import PROGRESS_EVERY
from .forked import OrderedMap, can_fork, cores
from .index import RankerSettings, passage_fields
from .library_index import LibraryIndex, LibraryIndexBuilder
from .models import Review
from .stemtable import FILE as STEMS_FILE, StemTable, write as write_stems
from .text import Tokenizer

LIBRARY_FORMAT = 2          # 2: the stems in their own table (qa/stemtable.py), not in the manifest
KEEP_LIBRARIES = 8          # library cache directories kept (one per library directory), most recently used
MANIFEST = "manifest.json"
REVIEW_FILE = "review.md"
# A review's id is its sub-directory's name, typed in `qa show DOC:3.1` and `--doc DOC`.
DOC_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Shelved:
    """One review as the manifest records it: what answers name it by, where it lives, how many passages."""
    review: Review
    path: str                   # its directory (a string: a thousand Path objects cost a one-shot `qa ask` 10 ms)
    passages: int


@dataclass
class Manifest:
    reviews: tuple[Shelved, ...]
    stems: StemTable                    # every word of the library's passages -> its stem (no stemmer needed)
    index: LibraryIndex
    directory: Path | None              # the library's cache directory (None: --no-cache)
    from_cache: bool
    corpus_id: str = ""                 # a hash of every review's files (what `meta.corpus` names for a library)


def is_library(corpus: Path) -> bool:
    """A directory with no review file of its own whose sub-directories hold one each (today's layout, review.md
    at the top, is one review)."""
    if (corpus / REVIEW_FILE).is_file() or not corpus.is_dir():
        return False
    try:
        with os.scandir(corpus) as entries:
            return any(e.is_dir() and not e.name.startswith(".") and os.path.isfile(os.path.join(e.path, REVIEW_FILE))
                       for e in entries)
    except OSError:
        return False


def scan(corpus: Path) -> list[tuple[str, str, str]]:
    """(id, directory, fingerprint line) of every review, in id order; a fingerprint is the names, sizes and
    modification times of its files (a stat each, no reading: the library opens at the same cost at any size)."""
    found = []
    try:
        with os.scandir(corpus) as entries:
            subs = sorted((e.name, e.path) for e in entries if not e.name.startswith(".") and e.is_dir())
    except OSError as exc:
        raise CorpusError(f"{corpus}: cannot read: {exc.strerror}") from None
    for name, path in subs:
        try:
            st = os.stat(os.path.join(path, REVIEW_FILE))
        except OSError:
            continue                                    # not a review (notes, scripts, ...)
        if not stat.S_ISREG(st.st_mode):
            continue
        if not DOC_ID.match(name):
            raise CorpusError(f"{Path(path)}: a review's directory name is its id and may hold only letters, digits, "
                              "'.', '_' and '-'")
        parts = [f"{name}|{st.st_size}|{st.st_mtime_ns}"]
        try:
            with os.scandir(os.path.join(path, "facts")) as facts:
                for f in sorted(facts, key=lambda e: e.name):
                    if f.name.endswith((".yaml", ".yml")):
                        fst = f.stat()
                        parts.append(f"{f.name}|{fst.st_size}|{fst.st_mtime_ns}")
        except OSError:
            pass
        found.append((name, path, ";".join(parts)))
    if not found:
        raise CorpusError(f"{corpus}: no review found (expected {corpus / REVIEW_FILE}, or one sub-directory per "
                          f"review each holding {REVIEW_FILE})")
    return found


def library_dir(corpus: Path) -> Path:
    return cache.cache_dir() / f"library-{hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:16]}"


def engine_cache(directory: Path, doc: str) -> Path:
    """Where the review `doc` of a library keeps its own engine index."""
    return directory / "engines" / f"index-{hashlib.sha256(doc.encode()).hexdigest()[:16]}.json"


def open_manifest(corpus: Path, settings: RankerSettings, tokenizer: Tokenizer, use_cache: bool = True,
                  progress: Callable[[str], None] | None = None) -> Manifest:
    """The manifest and index from the cache when every review's fingerprint still matches, else built anew."""
    found = scan(corpus)
    digest = hashlib.sha256()
    for name, _, line in found:
        digest.update(f"{line}\n".encode())
    key = hashlib.sha256(f"{digest.hexdigest()}|{tokenizer.settings}|{settings.describe()}|{LIBRARY_FORMAT}|"
                         f"{cache.code_stamp()}".encode()).hexdigest()
    directory = library_dir(corpus) if use_cache else None
    opened = _read(directory, key, found) if directory is not None else None
    if opened is None:
        opened = _build(corpus, found, key, directory, settings, tokenizer, progress)
    opened.corpus_id = digest.hexdigest()[:12]
    return opened


def _read(directory: Path, key: str, found) -> Manifest | None:
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != LIBRARY_FORMAT or data.get("key") != key:
            return None
        paths = {name: path for name, path, _ in found}
        reviews = tuple(Shelved(Review(r["id"], r["title"], r["year"], r["short_title"]), paths[r["id"]],
                                r["passages"]) for r in data["reviews"])
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    stems = StemTable.open(directory / STEMS_FILE)
    index = LibraryIndex.open(directory / "passages", key) if stems is not None else None
    if index is None:
        return None
    try:
        os.utime(directory / MANIFEST)          # most recently used: pruning keeps it
    except OSError:
        pass
    return Manifest(reviews, stems, index, directory, True)


REVIEWS_PER_TASK = 16       # reviews a worker parses and tokenises at a time
PARALLEL_FROM = 64          # reviews from which forked workers pay for their start (README: A library of reviews)
_KNOWN: dict = {}           # in a worker: the build it serves and how many stems its tokenizer had when it last said


@dataclass(frozen=True)
class _Read:
    """One review as a worker hands it back: what the manifest records and its passages' indexed texts."""
    name: str
    path: str
    review: Review
    texts: list[str]            # each passage's tokens, space-joined (the reference list: empty)


def _read_reviews(shared: tuple, span: tuple[int, int]) -> tuple[list[_Read], dict[str, str]]:
    """Parse and tokenise the reviews found[a:b]; with them, the stems this process learned since it last said."""
    from .engine import Engine, find_review
    from .identity import identity_from
    found, settings, tokenizer, build, known = shared
    if _KNOWN.get("build") != build:
        _KNOWN.update(build=build, known=known)
    out = []
    for name, path, _ in found[span[0]:span[1]]:
        document = Engine._parse(find_review(Path(path)), Path(path))
        identity = identity_from(document, ())
        texts = [" ".join(tokenizer.tokens(passage_fields(p, settings))) if p.section != "references" else ""
                 for p in document.passages]
        out.append(_Read(name, path, Review(name, identity.title, identity.year, identity.short_title), texts))
    learned = tokenizer.stems_since(_KNOWN["known"])
    _KNOWN["known"] = tokenizer.stems_known
    return out, learned


def library_workers(reviews: int) -> int:
    return cores() if reviews >= PARALLEL_FROM and can_fork() else 1


def _build(corpus: Path, found, key: str, directory: Path | None, settings: RankerSettings, tokenizer: Tokenizer,
           progress, workers: int | None = None) -> Manifest:
    """Parse every review, index its passages (the reference list aside: a cited title says nothing of what the
    review is about) and record its id, title and year; in forked workers for a large library, the reviews read
    back in order (the index and manifest do not depend on the number of workers)."""
    spans = [(i, min(i + REVIEWS_PER_TASK, len(found))) for i in range(0, len(found), REVIEWS_PER_TASK)]
    workers = library_workers(len(found)) if workers is None else workers
    stems = tokenizer.stem_table
    reviews = []
    started = last = time.perf_counter()
    shown = False
    # workers are forked before the index builder starts tantivy's threads
    shared = (found, settings, tokenizer, object(), tokenizer.stems_known)   # object(): this build, in the workers
    with OrderedMap(_read_reviews, shared, spans, workers) as reads:
        builder = LibraryIndexBuilder(directory / "passages" if directory is not None else None, key)
        try:
            for batch, learned in reads:
                stems.update(learned)
                for read in batch:
                    builder.add_texts(len(reviews), read.texts)
                    reviews.append(Shelved(read.review, read.path, len(read.texts)))
                now = time.perf_counter()
                if progress is not None and now - last > PROGRESS_EVERY:
                    last, shown = now, True
                    progress(f"indexing the library: {len(reviews):,} / {len(found):,} reviews, "
                             f"{builder.units:,} passages, {now - started:.1f} s")
            index = builder.finish()
            if shown:
                progress(f"indexed the library: {len(found):,} reviews, {builder.units:,} passages, "
                         f"{time.perf_counter() - started:.1f} s\n")
        except BaseException:
            builder.abandon()
            raise
    manifest = Manifest(tuple(reviews), StemTable(stems), index, directory, False)
    if directory is not None:
        _write(directory, key, manifest, stems)
    return manifest


def _write(directory: Path, key: str, manifest: Manifest, stems: dict[str, str]) -> None:
    """The stem table, then the manifest (written last, atomically: it is what a later process trusts); then
    reviews no longer in the library lose their engine index, and libraries not used for longest lose their
    directory. A failure only means no cache."""
    payload = {"format": LIBRARY_FORMAT, "key": key,
               "reviews": [{"id": s.review.id, "title": s.review.title, "year": s.review.year,
                            "short_title": s.review.short_title, "passages": s.passages} for s in manifest.reviews]}
    try:
        write_stems(directory / STEMS_FILE, stems)
        cache.write(directory / MANIFEST, payload, prune_others=False)
    except (OSError, sqlite3.Error):
        return
    kept = {engine_cache(directory, s.review.id).name for s in manifest.reviews}
    try:
        for path in (directory / "engines").iterdir():
            if path.name.startswith("index-") and path.name not in kept:
                path.unlink()
    except OSError:
        pass
    _prune(directory.parent, directory)


def _prune(parent: Path, keep: Path) -> None:
    def used(path: Path) -> float:
        try:
            return (path / MANIFEST).stat().st_mtime
        except OSError:
            return 0.0
    try:
        libraries = sorted((p for p in parent.iterdir() if p.name.startswith("library-") and p.is_dir()
                            and not p.is_symlink()), key=used, reverse=True)
    except OSError:
        return
    for path in libraries[KEEP_LIBRARIES:]:
        if path != keep:
            shutil.rmtree(path, ignore_errors=True)

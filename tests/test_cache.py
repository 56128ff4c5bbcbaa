"""Index cache: used when valid, rebuilt when the corpus changes or the file is damaged, atomic, optional."""
from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import ROOT, run_qa
from qa.engine import Engine


@pytest.fixture
def corpus_copy(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", target)
    return target


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home


def test_second_load_comes_from_cache(corpus_copy, cache_home):
    first = Engine.load(corpus_copy)
    assert not first.load_report.from_cache
    assert first.load_report.cache_path.is_relative_to(cache_home / "qa")
    second = Engine.load(corpus_copy)
    assert second.load_report.from_cache
    q = "What fraction of HER2-positive tumours express p95-HER2?"
    assert [h.passage.id for h in first.ask(q).hits] == [h.passage.id for h in second.ask(q).hits]
    assert first.ask(q).sentence == second.ask(q).sentence


def test_cache_invalidated_when_the_review_changes(corpus_copy, cache_home):
    Engine.load(corpus_copy)
    review = corpus_copy / "review.md"
    text = review.read_text(encoding="utf-8")
    review.write_text(text.replace("Conflict of interest\n\nThe authors declare", "Conflict of interest\n\n"
                                   "The zanzibar authors declare"), encoding="utf-8")
    engine = Engine.load(corpus_copy)
    assert not engine.load_report.from_cache
    assert engine.ask("zanzibar authors").hits[0].passage.section == "conflict-of-interest"


def test_cache_invalidated_when_a_fact_file_changes(corpus_copy, cache_home):
    first = Engine.load(corpus_copy)
    glossary = corpus_copy / "facts" / "glossary.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    second = Engine.load(corpus_copy)
    assert not second.load_report.from_cache and second.corpus_id != first.corpus_id


@pytest.mark.parametrize("damage", [b"", b"{not json", os.urandom(2048), b'{"format": 1, "key": "old"}',
                                    b"\xff\xfe\x00garbage"])
def test_damaged_cache_is_rebuilt_silently(corpus_copy, cache_home, damage):
    path = Engine.load(corpus_copy).load_report.cache_path
    path.write_bytes(damage)
    engine = Engine.load(corpus_copy)
    assert not engine.load_report.from_cache
    assert engine.ask("Who edited this?").found
    assert Engine.load(corpus_copy).load_report.from_cache   # and the rebuilt file is valid again


def test_truncated_cache_is_rebuilt(corpus_copy, cache_home):
    path = Engine.load(corpus_copy).load_report.cache_path
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert not Engine.load(corpus_copy).load_report.from_cache


def test_cache_is_json_not_pickle(corpus_copy, cache_home):
    path = Engine.load(corpus_copy).load_report.cache_path
    payload = json.loads(path.read_text(encoding="utf-8"))
    assert payload["format"] and payload["key"] and len(payload["tokens"]) == len(payload["document"]["passages"])


def test_no_temp_files_left_behind(corpus_copy, cache_home):
    Engine.load(corpus_copy)
    assert [p.name for p in (cache_home / "qa").iterdir() if p.name.endswith(".tmp")] == []


def test_unwritable_cache_location_works_uncached(corpus_copy, monkeypatch):
    """Even root cannot create a directory inside /proc: the engine answers and says it works uncached."""
    monkeypatch.setenv("XDG_CACHE_HOME", "/proc/qa-test-cache")
    engine = Engine.load(corpus_copy)
    assert engine.ask("Who edited this?").found
    assert "working uncached" in engine.load_report.cache_note


def test_unwritable_cache_location_says_so_once_with_verbose(tmp_path):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    proc = run_qa("-v", "ask", "Who edited this?", env={"XDG_CACHE_HOME": str(blocker)})
    assert proc.returncode == 0
    assert proc.stderr_text.count("working uncached") == 1
    quiet = run_qa("ask", "Who edited this?", env={"XDG_CACHE_HOME": str(blocker)})
    assert quiet.returncode == 0 and quiet.stderr_text == ""


# -- cache files that must not be read, and old ones --------------------------------------------------------

def _cache_file(cache):
    files = list((cache / "qa").glob("index-*.json"))
    assert len(files) == 1
    return files[0]


@pytest.mark.parametrize("plant", ["fifo", "dev-zero", "huge", "directory"])
def test_a_cache_file_that_is_no_index_is_skipped_and_rebuilt(tmp_path, plant):
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    assert run_qa("ask", "Who edited this?", env=env).returncode == 0
    path = _cache_file(cache)
    path.unlink()
    if plant == "fifo":
        os.mkfifo(path)
    elif plant == "dev-zero":
        path.symlink_to("/dev/zero")
    elif plant == "huge":
        with open(path, "wb") as fh:          # sparse: 4 GB that take no disk
            fh.truncate(4 * 1024 ** 3)
    else:
        path.mkdir()
    proc = run_qa("-v", "ask", "Who edited this?", "--json", env=env, timeout=60)
    assert proc.returncode == 0 and json.loads(proc.stdout_text)["found"] is True
    assert "qa: index built" in proc.stderr_text
    if plant != "directory":              # the planted file is replaced by a real index, used next time
        again = run_qa("-v", "ask", "Who edited this?", env=env)
        assert "qa: index cache" in again.stderr_text and path.is_file() and not path.is_symlink()


def test_old_cache_files_are_pruned_to_the_newest_few(tmp_path):
    from qa.cache import KEEP_INDEXES
    cache = tmp_path / "cache"
    (cache / "qa").mkdir(parents=True)
    for i in range(KEEP_INDEXES + 4):
        old = cache / "qa" / f"index-{i:016x}.json"
        old.write_text("{}", encoding="utf-8")
        os.utime(old, (1_000_000 + i, 1_000_000 + i))       # older the lower i
    stale, fresh = cache / "qa" / ".qa-index-dead.tmp", cache / "qa" / ".qa-index-live.tmp"
    stale.write_text("x")
    fresh.write_text("x")
    os.utime(stale, (1_000_000, 1_000_000))
    proc = run_qa("-v", "ask", "Who edited this?", env={"XDG_CACHE_HOME": str(cache)})
    written = proc.stderr_text.split("(")[1].split(")")[0]
    left = sorted(p.name for p in (cache / "qa").glob("index-*.json"))
    assert len(left) == KEEP_INDEXES and os.path.basename(written) in left
    assert f"index-{KEEP_INDEXES + 3:016x}.json" in left and "index-0000000000000000.json" not in left
    assert not stale.exists() and fresh.exists()

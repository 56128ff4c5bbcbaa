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

"""The BM25 backends: which one a corpus gets, tantivy's agreement with rank-bm25 on the review, its on-disk index
(built once, reopened, never stale), its top-N search path against the dense one, and build progress."""
import io
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from qa import backends
from qa.evaluate import load_gold
from qa.index import PassageIndex, RankerSettings
from qa.metrics import question_metrics, score_question
from qa.models import Passage
from qa.text import Tokenizer

DATA = Path(__file__).parent / "data"
QUESTION_SETS = sorted(DATA.glob("*_questions.yaml"))


@pytest.fixture(scope="module")
def tantivy_engine():
    from qa.engine import Engine
    return Engine.load(settings=RankerSettings(backend="tantivy"), use_cache=False)


def ranked_run(engine, items):
    """Each question asked as `qa eval` asks it (conversation turns in their topic): its top-5 passage ids and
    its metrics row."""
    tops, rows, topics = [], [], {}
    for item in items:
        conversation = item.get("conversation")
        answer = engine.ask(str(item["q"]), k=10, context=topics.get(conversation))
        if conversation is not None:
            topics[conversation] = answer.topic
        tops.append([h.passage.id for h in answer.hits[:5]])
        rows.append(score_question(item, [(h.passage.section, h.passage.title) for h in answer.hits],
                                   answer.found, None))
    return tops, rows


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.stem)
def test_tantivy_ranks_the_review_like_rank_bm25(engine, tantivy_engine, path):
    """Forced onto the review, tantivy (its own IDF, quantised lengths) keeps the top 5 and hit@1 of rank-bm25."""
    assert engine.index.backend == "rank-bm25"
    assert tantivy_engine.index.backend == "tantivy" and tantivy_engine.index._sentence_bm25.name == "tantivy"
    items = load_gold(path)
    ours, our_rows = ranked_run(engine, items)
    theirs, their_rows = ranked_run(tantivy_engine, items)
    overlaps = [len(set(a) & set(b)) / max(len(a), len(b)) if a or b else 1.0 for a, b in zip(ours, theirs)]
    assert sum(overlaps) / len(overlaps) >= 0.95, path.stem
    assert question_metrics(our_rows)["hit@1"] == question_metrics(their_rows)["hit@1"], path.stem


def test_the_engine_judges_words_by_the_same_idf_under_either_backend(engine, tantivy_engine):
    a, b = engine.index.idf, tantivy_engine.index.idf
    assert a.keys() == b.keys()
    assert all(abs(a[t] - b[t]) < 1e-9 for t in a)


def test_the_two_stage_search_scores_as_rank_bm25_does(engine, tantivy_engine, monkeypatch):
    """Every search the engine makes for the dev questions (with figures, names and boosts as they come):
    tantivy's candidates, rescored with exact lengths, give rank-bm25's passages and scores."""
    calls = []
    original = PassageIndex.search

    def record(self, weighted_terms, k, *args, **kwargs):
        calls.append((dict(weighted_terms), k, args, kwargs))
        return original(self, weighted_terms, k, *args, **kwargs)

    monkeypatch.setattr(PassageIndex, "search", record)
    for item in load_gold(DATA / "dev_questions.yaml"):
        tantivy_engine.ask(str(item["q"]), k=10)
    monkeypatch.undo()
    assert len(calls) > 200 and any(c[2] and c[2][-1] for c in calls)     # some searches name things
    for weights, k, args, kwargs in calls:
        ours = [(h.passage.id, h.score) for h in engine.index.search(weights, k, *args, **kwargs)]
        theirs = [(h.passage.id, h.score) for h in tantivy_engine.index.search(weights, k, *args, **kwargs)]
        assert [p for p, _ in theirs] == [p for p, _ in ours], weights
        assert all(abs(a - b) < 1e-3 for (_, a), (_, b) in zip(ours, theirs)), weights


def test_tantivy_alone_scores_within_its_length_rounding(engine, tantivy_engine):
    """The dense path (tantivy's scores with qa's IDF): rank-bm25's scores but for one-byte lengths."""
    for q in ["Which biomarkers are negatively correlated with trastuzumab resistance?", "What is the DOI?"]:
        weights, _ = engine.weighted_terms(q)
        a, b = engine.index.scores(weights), tantivy_engine.index.scores(weights)
        assert ((a > 0) == (b > 0)).all()
        assert np.allclose(a, b, rtol=0.05, atol=1e-6)


def test_tantivy_finds_the_holders_of_a_name_as_the_token_sets_do(engine, tantivy_engine):
    names = [[frozenset({"trastuzumab"})], [frozenset({"her2"}), frozenset({"erbb2"})],
             [frozenset({"pi3k", "mutat"})], [frozenset({"nosuchword"})]]
    for name in names:
        assert (engine.index.holders(name) == tantivy_engine.index.holders(name)).all(), name
    assert tantivy_engine.index.holders(names[0]).any()


def passages(n: int, words: str = "trap door") -> tuple[Passage, ...]:
    return tuple(Passage(f"{i}/p1", str(i), f"Part {i}", (f"{i} Part {i}",),
                         f"Paragraph {i} tells of the {words if i % 7 == 0 else 'garden'} number {i}.")
                 for i in range(1, n + 1))


def test_a_small_corpus_gets_rank_bm25_and_a_large_one_tantivy(monkeypatch):
    small = PassageIndex.build(passages(20), Tokenizer(), RankerSettings())
    assert small.backend == "rank-bm25"
    monkeypatch.setattr(backends, "SPARSE_ABOVE", 10)
    large = PassageIndex.build(passages(20), Tokenizer(), RankerSettings())
    assert large.backend == "tantivy"
    assert [h.passage.id for h in large.search({"trap": 1.0}, 5)] == ["7/p1", "14/p1"]
    assert [h.passage.id for h in small.search({"trap": 1.0}, 5)] == ["7/p1", "14/p1"]


def test_settings_tantivy_cannot_follow_keep_rank_bm25_or_are_refused(monkeypatch, capsys):
    monkeypatch.setattr(backends, "SPARSE_ABOVE", 10)
    for settings in (RankerSettings(k1=1.5), RankerSettings(b=0.5), RankerSettings(variant="plus")):
        index = PassageIndex.build(passages(20), Tokenizer(), settings)
        assert index.backend == "rank-bm25"
        assert "not tantivy's" in capsys.readouterr().err
        with pytest.raises(ValueError, match="use backend='rank-bm25'"):
            PassageIndex.build(passages(20), Tokenizer(), replace(settings, backend="tantivy"))
    with pytest.raises(ValueError, match="unknown backend"):
        PassageIndex.build(passages(20), Tokenizer(), RankerSettings(backend="postings"))


def test_the_index_is_built_once_and_reopened(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tokens = [["trap", "door"], ["garden"], ["trap"]]
    settings = RankerSettings(backend="tantivy")
    first = backends.make_backend(tokens, settings)
    built = sorted(p.name for p in (tmp_path / "qa").iterdir())
    assert len(built) == 1 and built[0].startswith("tantivy-passages-")
    monkeypatch.setattr(backends.TantivyBackend, "_build", lambda *a: pytest.fail("rebuilt an index on disk"))
    again = backends.make_backend(tokens, settings)
    assert again.postings("trap")[0].tolist() == first.postings("trap")[0].tolist()
    assert again.idf == first.idf
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    changed = backends.make_backend(tokens + [["trap"]], settings)        # other content: another directory
    assert changed.size == 4 and len(list((tmp_path / "qa").iterdir())) == 2


def test_an_unfinished_or_foreign_index_directory_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tokens = [["trap", "door"], ["garden"], ["trap"]]
    settings = RankerSettings(backend="tantivy")
    backends.make_backend(tokens, settings)
    (directory,) = (tmp_path / "qa").iterdir()
    (directory / backends.MARKER).unlink()                     # a builder died before finishing
    assert sorted(backends.make_backend(tokens, settings).postings("trap")[0].tolist()) == [0, 2]
    for name in [p for p in directory.iterdir() if p.name != backends.MARKER]:
        name.unlink() if name.is_file() else None              # the index files gone, the marker left
    assert sorted(backends.make_backend(tokens, settings).postings("trap")[0].tolist()) == [0, 2]
    assert (directory / backends.MARKER).exists()


def test_an_unwritable_cache_keeps_the_index_in_memory(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    backend = backends.make_backend([["trap", "door"], ["garden"], ["trap"]], RankerSettings(backend="tantivy"))
    assert sorted(backend.postings("trap")[0].tolist()) == [0, 2]


class Terminal(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


@pytest.mark.parametrize("tty", [True, False])
def test_building_shows_progress_on_a_terminal_only(monkeypatch, tty):
    monkeypatch.setattr(backends, "PROGRESS_EVERY", 0.0)
    stream = Terminal(tty)
    monkeypatch.setattr(sys, "stderr", stream)
    backends.make_backend([["trap", str(i)] for i in range(3000)], RankerSettings(backend="tantivy"), cache=False)
    if tty:
        assert "indexing passages: 3,000 units" in stream.getvalue()
    else:
        assert stream.getvalue() == ""


def test_the_large_corpus_backend_is_the_interface_an_adapter_would_implement(engine, tantivy_engine):
    # the README's "Beyond one machine" names this interface: tantivy's backend has all of it, rank-bm25's not
    assert isinstance(tantivy_engine.index._bm25, backends.LargeBackend)
    assert isinstance(tantivy_engine.index._sentence_bm25, backends.LargeBackend)
    assert not isinstance(engine.index._bm25, backends.LargeBackend)

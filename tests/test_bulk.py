"""Building a large corpus's index (qa.bulk): the tokens, backends and rankings of the list-built index, whatever
the number of worker processes; streamed into tantivy and token stores on disk, reopened without tokenising,
kept in memory when the cache cannot be written; progress on a terminal only."""
import math
import os
import pty
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa import backends, bulk
from qa.article import FIGURE_RE
from qa.index import PassageIndex, RankerSettings
from qa.sentences import Unit
from qa.text import Tokenizer, sentences
from qa.tokenstore import TokenStore, TokenStoreBuilder

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ["Which biomarkers are negatively correlated with trastuzumab resistance?", "What is the DOI?",
           "PI3K mutation and PTEN loss", "What was the ORR in 2019?", "p95HER2 expression 30%"]


@pytest.fixture
def corpus(document):
    """The review twice over, each copy's passages under ids of their own."""
    return tuple(replace(p, id=f"{k}:{p.id}") for k in range(2) for p in document.passages)


@pytest.fixture
def large(monkeypatch, tmp_path):
    """Any corpus above 50 units counts as large; chunks of 16 passages; an empty cache directory."""
    monkeypatch.setattr(backends, "SPARSE_ABOVE", 50)
    monkeypatch.setattr(bulk, "CHUNK", 16)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def by_lists(passages):
    tokenizer, settings = Tokenizer(), RankerSettings()
    units = [Unit(0, p.id, p.section, s) for p in passages for s in sentences(p.text)]
    tokens, sentence_tokens = PassageIndex.tokenize(passages, units, tokenizer, settings)
    return tokens, sentence_tokens, PassageIndex(passages, tokens, sentence_tokens, tokenizer, settings)


def ranked(index, tokenizer):
    out = []
    for q in QUERIES:
        weights = {t: 1.0 for t in tokenizer.tokens(q)}
        out.append([(h.passage.id, h.score) for h in index.search(weights, 10)])
        out.append([(h.passage.id, h.score) for h in index.search(weights, 5, numeric=True,
                                                                  required=[[frozenset({"trastuzumab"})]])])
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_a_streamed_build_has_the_tokens_and_rankings_of_the_list_build(corpus, large, workers):
    tokens, sentence_tokens, reference = by_lists(corpus)
    index = PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=workers)
    assert index.backend == "tantivy" and index._sentence_bm25.name == "tantivy"
    assert isinstance(index.corpus_tokens, TokenStore)
    assert list(index.corpus_tokens) == tokens
    assert list(index.sentence_tokens) == sentence_tokens
    assert index.vocabulary == reference.vocabulary and index.body_vocabulary == reference.body_vocabulary
    assert (index._np_numeric == reference._np_numeric).all()
    assert index.idf == reference.idf
    assert ranked(index, Tokenizer()) == ranked(reference, Tokenizer())


def test_the_result_does_not_depend_on_the_number_of_workers(corpus, large, tmp_path, monkeypatch):
    files = {}
    for workers in (1, 2):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / str(workers)))
        PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=workers)
        files[workers] = {p.relative_to(tmp_path / str(workers)).as_posix(): p.read_bytes()
                          for p in (tmp_path / str(workers)).rglob("*") if p.is_file() and "tantivy-" in str(p)
                          and re.search(r"\.(ids|offsets|vocabulary|groups)$", p.name)}
    assert files[1] and files[1] == files[2]


def test_a_second_build_maps_the_first_and_tokenises_nothing(corpus, large, monkeypatch):
    first = PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=1)
    built = sorted(p.name.rsplit("-", 1)[0] for p in (large / "qa").iterdir())
    assert built == ["tantivy-passages", "tantivy-sentences"]
    monkeypatch.setattr(bulk, "tokenise_chunk", lambda *a: pytest.fail("tokenised again"))
    again = PassageIndex.build(corpus, Tokenizer(), RankerSettings())
    assert isinstance(again.corpus_tokens.ids.base, np.memmap)              # mapped, not read
    assert ranked(again, Tokenizer()) == ranked(first, Tokenizer())
    assert list(again.sentence_tokens) == list(first.sentence_tokens)


def okapi_idf(doc_freqs: dict[str, int], n: int, epsilon: float) -> dict[str, float]:
    """The reference, term by term over every term: rank-bm25's BM25Okapi IDF (negative values raised to epsilon
    x the mean) and qa's floor for the rest."""
    idf = {t: math.log(n - f + 0.5) - math.log(f + 0.5) for t, f in doc_freqs.items()}
    average = sum(idf.values()) / len(idf) if idf else 0.0
    idf = {t: (epsilon * average if v < 0 else v) for t, v in idf.items()}
    positive = [v for v in idf.values() if v > 0]
    floor = epsilon * (sum(positive) / len(positive) if positive else 1.0)
    return {t: (floor if v <= 0 else v) for t, v in idf.items()}


def test_a_reopened_index_judges_words_without_reading_its_term_dictionary(corpus, large, monkeypatch):
    """Opening costs the same at any vocabulary: the IDF comes term by term from tantivy's dictionary and the
    corpus-wide figures from the histogram the build recorded; the values are okapi_idf's over every term."""
    first = PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=1)
    freqs = dict(first._bm25.searcher.terms_with_prefix(backends.TantivyBackend.FIELD, ""))
    reference = okapi_idf(freqs, len(corpus), RankerSettings().epsilon)
    monkeypatch.setattr(backends, "doc_freq_histogram", lambda *a: pytest.fail("read the whole term dictionary"))
    again = PassageIndex.build(corpus, Tokenizer(), RankerSettings())
    idf = again.idf
    assert isinstance(idf, backends.TermIdf) and len(idf) == len(reference)
    for term in Tokenizer().tokens("trastuzumab resistance in HER2-positive cells, with lapatinib"):
        assert term in idf and abs(idf[term] - reference[term]) < 1e-12
    assert "nosuchword" not in idf and idf.get("nosuchword", -1.0) == -1.0
    assert backends.highest_idf(idf) == pytest.approx(max(reference.values()))
    monkeypatch.undo()
    assert dict(idf) == pytest.approx(reference)


def test_other_input_builds_another_index_and_a_broken_one_is_rebuilt(corpus, large):
    PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=1)
    PassageIndex.build(corpus[:-1], Tokenizer(), RankerSettings(), workers=1)
    directories = sorted((large / "qa").iterdir())
    assert len(directories) == 4
    for directory in directories:
        (directory / "passages.offsets").unlink(missing_ok=True)   # a store gone: not reopened
    index = PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=1)
    assert list(index.corpus_tokens) == by_lists(corpus)[0]


def test_without_a_cache_directory_the_index_is_built_in_memory(corpus, large, monkeypatch):
    tokens = by_lists(corpus)[0]
    before = sorted((large / "qa").iterdir())
    index = PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=1, cache=False)
    assert sorted((large / "qa").iterdir()) == before
    assert list(index.corpus_tokens) == tokens
    blocked = large / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    index = PassageIndex.build(corpus, Tokenizer(), RankerSettings(), workers=1)
    assert list(index.corpus_tokens) == tokens and index.backend == "tantivy"


def test_passages_above_the_threshold_with_few_sentences_keep_rank_bm25_for_those(large):
    from qa.models import Passage
    passages = tuple(Passage(f"{i}/p1", str(i), f"Part {i}", (f"{i} Part {i}",),
                             "The trap door opened. It closed." if i % 20 == 0 else "")
                     for i in range(60))
    index = PassageIndex.build(passages, Tokenizer(), RankerSettings(), workers=1)
    assert index.backend == "tantivy" and index._sentence_bm25.name == "rank-bm25"
    assert len(index.sentence_tokens) == 6
    assert [h.passage.id for h in index.search({"trap": 1.0}, 5)] == ["0/p1", "20/p1", "40/p1"]


def test_the_token_store_keeps_lists_and_counts(tmp_path):
    lists = [["trap", "door", "trap"], [], ["garden"], ["door"]]
    for directory in (None, tmp_path):
        builder = TokenStoreBuilder(directory, "units")
        builder.add(lists[0])
        builder.add_chunk(["garden", "door"], np.array([], dtype=np.int32), np.array([0]))
        builder.add_chunk(["garden", "door"], np.array([0, 1], dtype=np.int32), np.array([1, 1]))
        store = builder.finish() or TokenStore.load(tmp_path, "units")
        assert list(store) == lists and [store[i] for i in range(4)] == lists and len(store) == 4
        assert store.lengths.tolist() == [3, 0, 1, 1]
        assert store.counts(np.array([0, 3, 1]), ["trap", "door", "nosuch"]).tolist() == [[2, 0, 0], [1, 1, 0],
                                                                                          [0, 0, 0]]
        assert store.units_holding("door").tolist() == [True, False, False, True]
        assert store.words_of(np.array([False, True, True, False])) == {"garden"}


def test_the_figure_pattern_finds_what_figure_re_finds(document):
    texts = [s for p in document.passages for s in sentences(p.text)]
    assert any(bulk.states_figure(t) for t in texts)
    for text in texts:
        assert bulk.states_figure(text) == bool(FIGURE_RE.search(text)), text


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789 .,%pPnNx=<>-_é١ monthsyearpatientscasesto and versus vs 19 20", max_size=30))
def test_the_figure_pattern_finds_what_figure_re_finds_in_any_text(text):
    assert bulk.states_figure(text) == bool(FIGURE_RE.search(text))


FIGURE_PIECES = ["1", "19", "20", "2019", "3.5", "1,2", "p", "P", "n", "N", "=", "<", ">", " ", "  ", ".", ",", "%",
                 "to", "and", "vs.", "vs", "versus", "-months", "years", "patients", "cases", "x", "_", "é", "\t",
                 "١٩", "1920s", "day", "days", "percent"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_PIECES), max_size=10))
def test_the_figure_pattern_finds_what_figure_re_finds_in_any_sequence_of_pieces(pieces):
    """Pieces of figures joined at random: boundaries, look-behinds and units meet in every order."""
    text = "".join(pieces)
    assert bulk.states_figure(text) == bool(FIGURE_RE.search(text))


BUILD = """
import sys
from dataclasses import replace
from qa import backends, bulk
from qa.engine import Engine
from qa.index import PassageIndex, RankerSettings
from qa.text import Tokenizer
backends.SPARSE_ABOVE, backends.PROGRESS_EVERY, bulk.CHUNK = 50, 0.0, 16
passages = tuple(replace(p, id=f"{k}:{p.id}") for k in range(2) for p in Engine.load().document.passages)
PassageIndex.build(passages, Tokenizer(), RankerSettings(), workers=1)
print("built")
"""


def test_building_shows_progress_on_a_terminal(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    pid, fd = pty.fork()
    if pid == 0:                                   # the child: stdout and stderr are the terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-c", BUILD], env)
    out = b""
    while True:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        out += data
    os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert "built" in text
    assert re.search(r"indexing: \d+ / 222 passages, [\d,]+ sentences, \d+\.\d s", text), text
    assert re.search(r"indexing: 222 passages, [\d,]+ sentences, \d+\.\d s\r?\n", text), text


def test_building_shows_nothing_when_stderr_is_not_a_terminal(tmp_path):
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", BUILD], env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "built\n"
    assert done.stderr == ""

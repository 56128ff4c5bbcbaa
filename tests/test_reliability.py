"""Bad input, hostile text, broken files: a clear message and exit code, never a traceback; and properties."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT, run_qa
from records import check_output
from qa.engine import MAX_QUESTION_CHARS, QueryError
from qa.text import Tokenizer, fold, normalize

MINI = DATA / "mini_corpus"


# -- questions and claims --------------------------------------------------------------------------

@pytest.mark.parametrize("args,stdin,code,message", [
    (("ask", ""), None, 2, "qa: empty question: type a question about the review"),
    (("ask", " \t "), None, 2, "qa: empty question: type a question about the review"),
    (("ask", "-"), "", 2, "qa: empty question: type a question about the review"),
    (("check", "   "), None, 2, "qa: empty claim: type a claim about the review"),
    (("ask", "-"), "x" * (MAX_QUESTION_CHARS + 1), 2,
     f"qa: question too long: {MAX_QUESTION_CHARS + 1} characters (the limit is {MAX_QUESTION_CHARS})"),
    (("ask", "-"), "her2 " * 200_000, 2, "qa: question too long: 999999 characters (the limit is 4000)"),
    (("ask", "--no-such-flag", "x"), None, 2, "usage: qa"),
    (("bogus",), None, 2, "usage: qa"),
], ids=["empty", "blank", "empty-stdin", "empty-claim", "over-limit", "1MB-stdin", "bad-flag", "bad-command"])
def test_bad_questions_exit_2_with_message(args, stdin, code, message):
    proc = run_qa(*args, input=stdin)
    assert proc.returncode == code, proc.stderr_text
    assert proc.stderr_text.startswith(message), proc.stderr_text
    assert "Traceback" not in proc.stderr_text


@pytest.mark.parametrize("question", [
    "?!?.,;", "the of and what", "\x00the\x00of", "\u200f\u200d\u202e", "😀🧬💊", "e\u0301\u0301\u0301",
    "ПРИВЕТ мир 你好", "[/bold] x [@click=app.quit]", "\x1b[31mred\x1b[0m \x1b]0;title\x07",
], ids=["punctuation", "stopwords", "nul", "bidi-zwj", "emoji", "combining", "mixed-scripts", "markup", "ansi"])
def test_odd_questions_answer_cleanly(question):
    proc = run_qa("ask", "-", "--json", input=question)
    assert proc.returncode == 0, proc.stderr_text
    record = json.loads(proc.stdout_text)
    assert record["found"] is False and record["passages"] == []


def test_json_keeps_the_exact_string_and_text_output_neutralises_escapes():
    hostile = "HER2 \x1b[31mp95\x1b]0;pwned\x07 [bold]x[/bold]"
    record = json.loads(run_qa("ask", hostile, "--json").stdout_text)
    assert record["question"] == hostile
    text = run_qa("check", hostile).stdout_text
    assert "\x1b" not in text and "\x07" not in text


def test_invalid_utf8_argument_is_not_a_crash():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "qa", "ask", b"p95\xff\xfeHER2 fraction", "--json"],
                          capture_output=True, env=env, cwd=str(ROOT))
    assert proc.returncode == 0 and b"Traceback" not in proc.stderr
    assert check_output(proc.stdout.decode("utf-8"))[0]["schema"] == 1


# -- hostile corpus text ----------------------------------------------------------------------------

def test_hostile_corpus_text_is_neutralised_in_terminal_output(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "review.md").write_text("## 1 Intro\n\nThe \x1b[2J\x1b]0;owned\x07 trap [@click=app.quit] here.\n",
                                      encoding="utf-8")
    out = run_qa("--corpus", str(corpus), "show", "1").stdout_text
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out
    record = json.loads(run_qa("--corpus", str(corpus), "ask", "trap", "--json").stdout_text)
    assert "\x1b[2J" in record["passages"][0]["text"]


# -- corpus and facts files ---------------------------------------------------------------------------

def _corpus(tmp_path, review: bytes | None = None, facts: dict[str, bytes] | None = None) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    if review is not None:
        (corpus / "review.md").write_bytes(review)
    for name, data in (facts or {}).items():
        (corpus / "facts" / name).write_bytes(data)
    return corpus


@pytest.mark.parametrize("make,message", [
    (lambda tmp: tmp / "missing", "corpus directory not found"),
    (lambda tmp: _corpus(tmp, review=b""), "review.md: the review file is empty"),
    (lambda tmp: _corpus(tmp, review=b"\x00\x01\x02binary\x00"), "review.md: binary file (NUL bytes)"),
    (lambda tmp: _corpus(tmp, review=b"## 1 Intro\n\n\xff\xfe bad\n"), "review.md: not UTF-8 text"),
    (lambda tmp: (tmp / "afile").write_text("x") and tmp / "afile", "not a directory"),
    (lambda tmp: _corpus(tmp, facts={"bad.yaml": b"- id: [oops\n"}), "bad.yaml:2:1: YAML syntax error"),
    (lambda tmp: _corpus(tmp, facts={"bad.yaml": b"- {id: x, kind: statistic, entity: y, summary: s, "
                                                 b"section: '1', refs: [2], evidence: About 40%, value: '40'}\n"}),
     "bad.yaml:1: fact x: 'value' must be a number or null"),
    (lambda tmp: _corpus(tmp, facts={"dup.yaml": (MINI / "facts" / "facts.yaml").read_bytes()}),
     "duplicate id"),
    (lambda tmp: _corpus(tmp, facts={"bomb.yaml": b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                                  b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n"}),
     "bomb.yaml:1: YAML anchors and aliases are not allowed in fact files"),
    (lambda tmp: _corpus(tmp, facts={"huge.yaml": b"# " + b"x" * (50 * 1024 * 1024) + b"\n"}),
     "huge.yaml: file is 52.4 MB; a facts file may be at most 5 MB"),
], ids=["missing-dir", "empty-review", "binary-review", "bad-utf8", "file-not-dir", "yaml-syntax", "wrong-type",
        "duplicate-ids", "yaml-bomb", "50MB-facts"])
def test_broken_corpus_files_exit_2_with_file_and_reason(tmp_path, make, message):
    corpus = make(tmp_path)
    proc = run_qa("--corpus", str(corpus), "ask", "metformin", timeout=30)
    assert proc.returncode == 2, proc.stderr_text
    assert message in proc.stderr_text, proc.stderr_text
    assert "Traceback" not in proc.stderr_text


def test_a_users_own_review_with_its_own_facts():
    proc = run_qa("--corpus", str(MINI), "ask", "How common is lactic acidosis with metformin?", "--json")
    record = json.loads(proc.stdout_text)
    assert record["passages"][0]["section"] == "2.2"
    assert "4.3 cases per 100,000" in record["answer"]["text"]
    assert record["facts"][0]["id"] == "outcome.metformin.lactic_acidosis"
    assert json.loads(run_qa("--corpus", str(MINI), "ask", "Who edited this?", "--json").stdout_text)[
        "answer"]["text"].startswith("Ada Example")
    assert run_qa("--corpus", str(MINI), "facts", "--validate").returncode == 0


def test_corpus_without_facts_still_answers(tmp_path):
    corpus = _corpus(tmp_path)
    shutil.rmtree(corpus / "facts")
    record = json.loads(run_qa("--corpus", str(corpus), "ask", "When should metformin be stopped?", "--json").stdout_text)
    assert record["found"] and record["facts"] == []


def test_two_processes_building_the_cache_at_once(tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache)}
    procs = [subprocess.Popen([sys.executable, "-m", "qa", "ask", "Who edited this?", "--json"], cwd=str(ROOT),
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=60) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    assert all(check_output(o[0].decode("utf-8"))[0]["found"] for o in outs)
    files = list((cache / "qa").glob("*.json"))
    assert len(files) == 1 and json.loads(files[0].read_text(encoding="utf-8"))["format"]
    assert not list((cache / "qa").glob("*.tmp"))


# -- properties ----------------------------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf")),
               max_size=300)
PROPERTY = settings(max_examples=150, deadline=timedelta(seconds=5),
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPERTY
@given(TEXT)
def test_normalisation_and_tokens_never_fail_and_are_deterministic(text):
    tokenizer = Tokenizer()
    assert normalize(text) == normalize(text)
    assert fold(text) == fold(text)
    tokens = tokenizer.tokens(text)
    assert tokens == tokenizer.tokens(text)
    assert all(t and " " not in t for t in tokens)


@PROPERTY
@given(TEXT)
def test_search_never_fails_and_is_deterministic(engine, text):
    try:
        first, second = engine.ask(text), engine.ask(text)
    except QueryError as exc:          # empty after cleaning: a message, never another exception
        assert str(exc).startswith("empty question")
        return
    assert [h.passage.id for h in first.hits] == [h.passage.id for h in second.hits]
    assert first.found == second.found and first.sentence == second.sentence
    assert all(h.score > 0 for h in first.hits)


@PROPERTY
@given(TEXT)
def test_check_never_fails_and_is_deterministic(engine, text):
    try:
        a, b = engine.check(text), engine.check(text)
    except QueryError as exc:
        assert str(exc).startswith("empty claim")
        return
    assert a.verdict in ("supported", "contradicted", "not_found")
    assert (a.verdict, a.reason, a.evidence) == (b.verdict, b.reason, b.evidence)

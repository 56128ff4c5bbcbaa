"""The CLI as a user runs it (subprocess): contract JSON, readable text, outline, sections, clean errors."""
from __future__ import annotations

import argparse
import json
import re

import pytest

from conftest import DATA, ROOT, run_qa
from records import check_output
from qa.cli import COMMANDS

MINI = DATA / "mini_corpus"

CONTRACT_KEYS = {"schema", "question", "found", "answer", "passages", "facts", "references", "meta"}
PASSAGE_KEYS = {"rank", "id", "section", "title", "path", "score", "text", "citations"}


def test_ask_json_follows_the_contract():
    proc = run_qa("ask", "What fraction of HER2-positive tumours express p95-HER2?", "--json")
    assert proc.returncode == 0, proc.stderr_text
    record = json.loads(proc.stdout_text)
    assert CONTRACT_KEYS <= set(record)
    assert record["schema"] == 1 and record["found"] is True
    top = record["passages"][0]
    assert PASSAGE_KEYS <= set(top)
    assert top["section"] == "2.3" and "30%" in top["text"] and top["rank"] == 1
    assert top["path"] == ["2 Currently investigated mechanisms related to trastuzumab resistance",
                           "2.3 Post-translational alterations of ERBB2 are related to trastuzumab resistance"]
    assert set(record["answer"]) == {"text", "passage", "section", "items"} and "30%" in record["answer"]["text"]
    assert record["answer"]["items"] == []                       # a question about one thing gathers none
    assert {"corpus", "ranker", "elapsed_ms"} <= set(record["meta"])


def test_ask_syd985_resolves_citation_57():
    record = json.loads(run_qa("ask", "What was the objective response rate of SYD985?", "--json").stdout_text)
    assert record["passages"][0]["section"] == "4.2"
    assert 57 in record["passages"][0]["citations"]
    ref = next(r for r in record["references"] if r["n"] == 57)
    assert ref["text"].startswith("Xu Z, Guo D") and ref["doi"] is None
    assert any(f["id"] == "outcome.syd985.orr" for f in record["facts"])


def test_not_found_is_plain_and_json_false():
    proc = run_qa("ask", "What is the capital of France?")
    assert proc.returncode == 0
    assert proc.stdout_text.startswith("The review has nothing that answers this question: ")
    record = json.loads(run_qa("ask", "What is the capital of France?", "--json").stdout_text)
    assert record["found"] is False and record["answer"] is None and record["passages"] == []


def test_a_near_miss_says_why_what_the_review_gives_and_where_to_read():
    out = run_qa("ask", "What is the dose of margetuximab?").stdout_text.splitlines()
    assert out[0] == "The review has nothing that answers this question: the review reports no dose"
    assert out[1] == "   for margetuximab."                  # wrapped at 80 columns when piped
    assert out[2] == "The review gives PFS, overall survival and relative risk for margetuximab."
    assert out[3].startswith("Nearest sections: §4.3 Other novel agents")
    assert out[4] == "Read one with `qa show 4.3`, or `qa sections` for the outline."
    wide = run_qa("ask", "What is the dose of margetuximab?", env={"COLUMNS": "120"}).stdout_text.splitlines()
    assert wide[0] == "The review has nothing that answers this question: the review reports no dose for margetuximab."
    record = json.loads(run_qa("ask", "What is the dose of margetuximab?", "--json").stdout_text)
    assert record["meta"]["nearest"][0] == {"section": "4.3", "title": "Other novel agents"}
    assert record["meta"]["review_gives"] == "PFS, overall survival and relative risk for margetuximab"


def test_human_output_shows_section_score_and_references():
    out = run_qa("ask", "What was the objective response rate of SYD985?", "-k", "2").stdout_text
    assert out.startswith("Answer (§4.2):")
    assert "\n1. §4.2 Antibody-drug conjugates  score " in out
    assert "[57] Xu Z, Guo D" in out and "cites: [57]" in out
    assert "\n2. §" in out and "\n3. " not in out
    full = run_qa("ask", "What was the objective response rate of SYD985?", "-k", "2", "--full").stdout_text
    assert ("1. §4.2  4 Novel therapeutic agents against trastuzumab resistance › 4.2\n"
            "   Antibody-drug conjugates  score ") in full      # the whole breadcrumb, wrapped at 80
    assert "[57] Xu Z, Guo D" in full and "cites: [57]" in full
    assert "\n2. §" in full and "\n3. " not in full


def test_ask_reads_stdin_with_dash():
    proc = run_qa("ask", "-", "--json", input="Who edited this?\n")
    assert json.loads(proc.stdout_text)["answer"]["text"].startswith("Gary M. Tse")


def test_sections_and_show():
    out = run_qa("sections").stdout_text
    assert "    3.1.4    The Hippo-yap pathway" in out
    assert "table-1" in out and "abstract" in out
    shown = run_qa("show", "3.1.4").stdout_text
    assert shown.startswith("3 Biomarkers for predicting trastuzumab resistance › 3.1 Bypass activation ›\n"
                            "3.1.4 The Hippo-yap pathway\n")          # the breadcrumb wrapped at 80
    assert "YAP1 is dephosphorylated" in " ".join(shown.split())


def test_refs_prints_reference_and_citing_passages():
    out = run_qa("refs", "57").stdout_text
    assert out.startswith("[57] Xu Z, Guo D")
    assert "§4.2 Antibody-drug conjugates (4.2/p2)" in out


def test_usage_errors_exit_2_without_traceback():
    for args, message in [
        (("show", "9.9"), "qa: no section '9.9'"),
        (("refs", "61"), "qa: no reference 61 (the review has references 1-60)"),
        (("refs", "x"), "qa: reference number must be a whole number, not 'x'"),
        (("ask", "   "), "qa: empty question: type a question about the review"),
        (("ask", "x", "-k", "0"), "qa: -k must be at least 1"),
        (("ask", "x", "--corpus", "/nonexistent/dir"), "qa: /nonexistent/dir: corpus directory not found"),
        (("facts", "--kind", "gene"), "qa: unknown kind 'gene'"),
    ]:
        proc = run_qa(*args)
        assert proc.returncode == 2, (args, proc.stderr_text)
        assert proc.stderr_text.startswith(message), (args, proc.stderr_text)
        assert "Traceback" not in proc.stderr_text


def test_engine_and_cli_never_import_textual():
    """The engine is plain Python: importing every qa module (and answering) leaves textual unloaded."""
    import os
    import subprocess
    import sys
    from conftest import ROOT
    code = ("import importlib, pkgutil, sys, qa\n"
            "for m in pkgutil.iter_modules(qa.__path__):\n"
            "    m.name != '__main__' and importlib.import_module('qa.' + m.name)\n"
            "import qa.cli; qa.cli.main(['ask', 'Who edited this?', '--json'])\n"
            "print('textual' in sys.modules, 'rich' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT),
                            env=dict(os.environ))
    assert result.stdout.strip().splitlines()[-1] == "False False"
    assert check_output(result.stdout.splitlines()[0])[0]["found"] is True


def test_text_output_ends_with_a_newline():
    for args in (("ask", "What is the capital of France?"), ("ask", "Who edited this?"),
                 ("check", "Neratinib cures all cancers."), ("sections",), ("refs", "57")):
        out = run_qa(*args).stdout_text
        assert out.endswith("\n") and not out.endswith("\n\n"), (args, out[-80:])


def _commands() -> dict:
    from qa.cli import build_parser
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sub.choices


def test_every_command_is_documented_and_has_help():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _commands()
    assert {"ask", "check", "batch", "eval", "sections", "show", "facts", "refs", "tui"} <= set(commands)
    for name, sub in commands.items():
        assert re.search(rf"^qa {name}\b", readme, re.M), f"`qa {name}` is not in README.md"
        assert sub.description, f"qa {name} has no help text"
        proc = run_qa(name, "--help")
        assert proc.returncode == 0 and proc.stdout_text.startswith(f"usage: qa {name}"), name
        assert " ".join(sub.description.split()) in " ".join(proc.stdout_text.split())
    assert set(commands) == set(COMMANDS)       # every parser command runs, every runner has a command


def test_help_names_the_review_of_the_corpus():
    out = " ".join(run_qa("--help").stdout_text.split())
    assert 'the review "Trastuzumab resistance in HER2-positive breast cancer" (Front. Oncol. 2022)' in out
    assert "reference number (1-60)" in run_qa("refs", "--help").stdout_text
    mini = run_qa("--corpus", str(MINI), "--help").stdout_text
    assert 'the review "Metformin and the ageing kidney" (2023)' in " ".join(mini.split())
    assert 'qa ask "What does eGFR stand for?"' in mini
    assert "reference number (1-4)" in run_qa("refs", "--corpus", str(MINI), "--help").stdout_text
    broken = run_qa("--corpus", "/nonexistent/dir", "--help")
    assert broken.returncode == 0 and "one scientific review" in broken.stdout_text


def test_another_corpus_never_mentions_the_shipped_review():
    """Nothing about trastuzumab is built into the CLI: with the mini corpus, no help or output names it."""
    runs = [("--help",)] + [(name, "--help") for name in _commands()] + [
        ("ask", "What share of older adults have reduced kidney function?"),
        ("ask", "What does eGFR stand for?", "--json"),
        ("ask", "What is the capital of France?"),
        ("check", "About 40% of older adults with diabetes have reduced kidney function"),
        ("sections",), ("show", "2.1"), ("refs", "2"), ("refs", "9"), ("facts",), ("facts", "--validate"),
        ("facts", "--kind", "biomarker", "--table")]
    for args in runs:
        proc = run_qa(*args, "--corpus", str(MINI))
        assert proc.returncode in (0, 2), (args, proc.stderr_text)
        text = proc.stdout_text + proc.stderr_text
        assert "trastuzumab" not in text.casefold(), (args, text)
        assert "Traceback" not in text
    assert run_qa("refs", "9", "--corpus", str(MINI)).stderr_text == \
        "qa: no reference 9 (the review has references 1-4)\n"


def test_the_qa_command_starts_numpy_with_one_blas_thread_unless_told_otherwise(monkeypatch):
    """qa's arrays are vectors: OpenBLAS's thread per core is CPU spent at every start. A value the user set stays."""
    import os
    from qa import cli
    monkeypatch.setattr(cli, "main", lambda: 0)
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "4")
    with pytest.raises(SystemExit):
        cli.entry()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1" and os.environ["OMP_NUM_THREADS"] == "4"

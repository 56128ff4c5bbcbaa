"""Output that fits the terminal, as a person sees it: `qa ask` short and wrapped to the width without breaking a
word, long output paged only on a terminal, verdicts coloured only on a terminal without NO_COLOR, tables aligned
on a terminal and tab-separated when piped. Terminals are real pseudo-terminals (os.openpty) of a set size."""
from __future__ import annotations

import fcntl
import io
import json
import os
import re
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from conftest import ROOT, run_qa
from qa import terminal

EPERTINIB = "What was the ORR of epertinib?"
CONTRADICTED = "Epertinib showed an objective response rate of 45%."
SUPPORTED = "SYD985 had a 33% objective response rate."
NOT_FOUND = "Tucatinib doubled survival in patients with brain metastases."
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_pty(*args: str, cols: int = 80, rows: int = 24, env: dict | None = None, timeout: float = 60) -> str:
    """Run `qa ARGS` with stdout and stderr on a pseudo-terminal of COLS x ROWS; returns what it wrote."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    full_env = dict(os.environ)
    for name in ("COLUMNS", "LINES", "NO_COLOR", "PAGER", "QA_PAGER"):
        full_env.pop(name, None)
    full_env.update({"PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "nonet"), str(ROOT)]), "TERM": "xterm"})
    full_env.update(env or {})
    proc = subprocess.Popen([sys.executable, "-m", "qa", *args], stdin=subprocess.DEVNULL, stdout=slave,
                            stderr=slave, env=full_env, cwd=str(ROOT), close_fds=True)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            proc.kill()
            raise AssertionError(f"qa {' '.join(args)} wrote nothing for {timeout} s")
        try:
            chunk = os.read(master, 65536)
        except OSError:                 # the other end closed: the child exited
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    proc.wait(timeout)
    return out.decode("utf-8").replace("\r\n", "\n")


def words(text: str) -> str:
    return " ".join(text.split())


def record(question: str, *args: str) -> dict:
    return json.loads(run_qa("ask", question, "--json", *args).stdout_text)


def blocks(text: str) -> dict[str, list[str]]:
    """The brief answer's parts: 'answer', each passage by its rank ('1', '2', ...), 'facts', 'references'."""
    parts: dict[str, list[str]] = {}
    current = "answer"
    for line in text.splitlines():
        m = re.match(r"^(\d+)\. ", line)
        if m:
            current = m.group(1)
        elif line in ("Facts", "References"):
            current = line.lower()
            continue
        elif line.startswith("--full shows"):
            current = "footer"
        parts.setdefault(current, []).append(line)
    return parts


# -- qa ask: short, and wrapped to the width -------------------------------------------------------------------

def test_ask_shows_the_answer_trimmed_passages_three_facts_and_their_references():
    out = run_qa("ask", EPERTINIB).stdout_text
    lines = out.splitlines()
    assert lines[:4] == [
        "Answer (§4.1):",
        "   An extended phase Ib study found a 19.0% objective response rate (ORR) in",
        "   patients with heavy pretreatment HER2-positive breast cancer, and an",
        "   individual with brain metastasis had a 7.5-month partial response (52)."]
    assert len(lines) < 50 < len(run_qa("ask", EPERTINIB, "--full").stdout_text.splitlines())
    parts = blocks(out)
    assert re.match(r"^1\. §4\.1 Tyrosine kinase inhibitors  score \d+\.\d\d$", parts["1"][0])
    assert re.match(r"^2\. §4\.2 Antibody-drug conjugates  score \d+\.\d\d$", parts["2"][0])
    # the second passage is cut to its answering sentence (SYD985's ORR) and one sentence either side
    assert parts["2"][-2:] == ["   cites: [57]", ""]       # the citation that closes the run of sentences
    second = words(" ".join(parts["2"][1:-2]))
    assert second.startswith("… In 2018, Xu Z et al.") and second.endswith("breast cancers. …")
    assert "SYD985 had a 33% objective response rate (ORR)" in second
    assert "conjunctivitis" not in second                        # the rest of the passage is left to --full
    facts = [line for line in parts["facts"] if line.startswith("   • ")]
    assert len(facts) == 3 and facts[0].startswith("   • Epertinib: ORR 19.0%")
    shown_refs = [int(n) for n in re.findall(r"^   \[(\d+)\] ", "\n".join(parts["references"]), re.M)]
    cited = {int(n) for line in out.splitlines() if line.strip().startswith("cites:")
             for n in re.findall(r"\[(\d+)\]", line)}
    cited |= {int(n) for line in parts["facts"] for group in re.findall(r"\[([\d, ]+)\]\)", line)
              for n in group.split(",")}
    assert shown_refs == [52, 57] and set(shown_refs) == cited      # only what the shown text and facts cite
    assert re.match(r"^--full shows all 5 passages whole, \d+ facts and 7 references\.$", lines[-1])


STRIP = "{}()[],.:;«»`'\""
TEMPLATE = {t.strip(STRIP) for t in (
    "§ refs Answer items compared Facts References score cites --full shows all passages passage whole facts fact "
    "and references reference • … › note The review has nothing that answers this question gives Nearest sections "
    "Read one with `qa show or `qa sections` for the outline").split()}


def _tokens(text: str) -> set[str]:
    return {t.strip(STRIP) for t in text.split()} - {""}


def test_no_line_is_wider_than_the_width_and_no_word_is_broken(engine):
    cited = " ".join(r.text + " " + r.note for r in engine.document.references)   # the references facts cite
    for question in (EPERTINIB, "Which tyrosine kinase inhibitors are discussed?",
                     "Compare the ORR of SYD985 and T-DXd", "Who edited this?", "What is the dose of margetuximab?"):
        rec = record(question)
        source = _tokens(" ".join(
            [rec["answer"]["text"] if rec["answer"] else ""] + [json.dumps(rec["answer"], ensure_ascii=False)]
            + [" ".join([p["text"], p["title"], p["section"], *p["path"]]) for p in rec["passages"]]
            + [" ".join([f["summary"], f["kind"], f.get("note", "")]) for f in rec["facts"]]
            + [" ".join([r["text"], r.get("note", "")]) for r in rec["references"]]
            + [json.dumps(rec["meta"], ensure_ascii=False), cited]))
        for width, args in ((80, ()), (60, ("--full",)), (44, ())):
            env = {"COLUMNS": str(width)} if width != 80 else None
            out = run_qa("ask", question, *args, env=env).stdout_text
            assert max(len(line) for line in out.splitlines()) <= width, (question, width)
            # every word shown is a word of the review, the facts or the layout: none was split in two
            for token in _tokens(out):
                assert (token in source or token in TEMPLATE or re.fullmatch(r"§?[\w.-]*\d[\w.-]*", token)
                        or token.lstrip("§") in source), (question, width, token)


def test_full_shows_every_passage_fact_and_reference_as_before():
    """`--full` is the output of earlier versions: every passage whole, every fact and reference."""
    rec = record(EPERTINIB)
    full = words(run_qa("ask", EPERTINIB, "--full").stdout_text)
    for p in rec["passages"]:
        assert words(p["text"]) in full
        assert words(f"{p['rank']}. §{p['section']}  " + " › ".join(p["path"])) in full
    for f in rec["facts"]:
        assert words(f["summary"]) in full
    for r in rec["references"]:
        assert words(f"[{r['n']}] {r['text']}") in full
    brief = run_qa("ask", EPERTINIB).stdout_text
    assert words(rec["passages"][3]["text"]) not in words(brief)


def test_k_shows_as_many_passages_and_json_is_unchanged():
    out = run_qa("ask", EPERTINIB, "-k", "4").stdout_text
    assert [k for k in blocks(out) if k.isdigit()] == ["1", "2", "3", "4"]
    # the default JSON keeps five passages, as the contract's -k default says
    assert len(record(EPERTINIB)["passages"]) == 5 and len(record(EPERTINIB, "-k", "2")["passages"]) == 2


def test_piped_output_is_the_same_whatever_the_terminal():
    first = run_qa("ask", EPERTINIB).stdout_text
    assert run_qa("ask", EPERTINIB, env={"LINES": "10", "TERM": "xterm"}).stdout_text == first
    assert "\x1b[" not in first


def test_the_other_readers_fit_the_width():
    for args in (("sections",), ("show", "3.1.4"), ("show", "abstract"), ("refs", "57"),
                 ("check", CONTRADICTED), ("check", NOT_FOUND)):
        for width in (80, 50):
            out = run_qa(*args, env={"COLUMNS": str(width)}).stdout_text
            assert max(len(line) for line in out.splitlines()) <= width, (args, width)
    sections = run_qa("sections").stdout_text.splitlines()
    i = sections.index("  2.1      ERBB2 mutations and nuclear localization are associated with")
    assert sections[i + 1] == "           trastuzumab resistance  (2 passages)"     # a long title wraps under itself


# -- the pager ---------------------------------------------------------------------------------------------------

class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _pager_env(monkeypatch, tmp_path, lines: int = 10) -> Path:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("QA_PAGER", f"cat > {paged}")
    monkeypatch.setenv("LINES", str(lines))
    monkeypatch.setenv("COLUMNS", "80")
    return paged


def test_pager_only_for_a_terminal_and_text_taller_than_the_screen(monkeypatch, tmp_path):
    paged = _pager_env(monkeypatch, tmp_path)
    tall = "".join(f"line {i}\n" for i in range(30))
    screen = FakeTerminal()
    terminal.show(tall, screen)
    assert paged.read_text() == tall and screen.getvalue() == ""
    paged.unlink()
    short = "one\ntwo\n"
    terminal.show(short, screen)
    assert screen.getvalue() == short and not paged.exists()
    piped = io.StringIO()                          # not a terminal: never paged
    terminal.show(tall, piped)
    assert piped.getvalue() == tall and not paged.exists()
    screen = FakeTerminal()
    terminal.show(tall, screen, page=False)        # --no-pager
    assert screen.getvalue() == tall and not paged.exists()
    screen = FakeTerminal()                        # a line wider than the screen fills two rows
    terminal.show("x" * 790 + "\n", screen)
    assert paged.read_text() == "x" * 790 + "\n" and screen.getvalue() == ""


def test_which_pager(monkeypatch, tmp_path):
    monkeypatch.delenv("QA_PAGER", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    assert terminal.pager_command() == "less -FRX"
    monkeypatch.setenv("PAGER", "more")
    assert terminal.pager_command() == "more"
    monkeypatch.setenv("QA_PAGER", "most")
    assert terminal.pager_command() == "most"
    for none in ("", "cat", "  "):
        monkeypatch.setenv("QA_PAGER", none)
        assert terminal.pager_command() is None
    monkeypatch.setenv("QA_PAGER", "no-such-pager-here -x")      # a pager that cannot start: written plainly
    monkeypatch.setenv("LINES", "5")
    screen = FakeTerminal()
    terminal.show("a\n" * 20, screen)
    assert screen.getvalue() == "a\n" * 20


def test_qa_ask_pages_on_a_small_terminal_only(tmp_path):
    paged = tmp_path / "paged.txt"
    env = {"QA_PAGER": f"cat > {paged}"}
    run_pty("ask", EPERTINIB, rows=24, env=env)
    shown = paged.read_text()
    assert shown.startswith("Answer (§4.1):") or "Answer" in ANSI.sub("", shown)
    paged.unlink()
    screen = run_pty("ask", EPERTINIB, rows=80, env=env)           # fits: written straight to the terminal
    assert not paged.exists() and "Answer" in screen
    screen = run_pty("ask", EPERTINIB, "--no-pager", rows=24, env=env)
    assert not paged.exists() and "--full shows all 5 passages" in ANSI.sub("", screen)
    proc = run_qa("ask", EPERTINIB, "--full", env={**env, "LINES": "5"})    # piped: never
    assert not paged.exists() and proc.stdout_text.startswith("Answer (§4.1):")


def test_on_a_terminal_lines_fit_its_width(tmp_path):
    for cols in (80, 64):
        screen = ANSI.sub("", run_pty("ask", EPERTINIB, "--no-pager", cols=cols, rows=24))
        assert max(len(line) for line in screen.splitlines()) <= cols
        assert "1. §4.1 Tyrosine kinase inhibitors" in screen
    # a $COLUMNS exported before the window was resized does not win over the terminal's own width
    screen = ANSI.sub("", run_pty("ask", EPERTINIB, "--no-pager", cols=70, rows=24, env={"COLUMNS": "200"}))
    assert max(len(line) for line in screen.splitlines()) <= 70


# -- colour --------------------------------------------------------------------------------------------------------

def test_verdicts_are_coloured_on_a_terminal_unless_no_color():
    assert run_pty("check", SUPPORTED).startswith("\x1b[1;32mSUPPORTED\x1b[0m — ")
    assert run_pty("check", CONTRADICTED).startswith("\x1b[1;31mCONTRADICTED\x1b[0m — ")
    assert run_pty("check", NOT_FOUND).startswith("\x1b[1;33mNOT FOUND\x1b[0m — ")
    for env, args in (({"NO_COLOR": "1"}, ()), ({}, ("--color=never",)), ({"TERM": "dumb"}, ())):
        out = run_pty("check", CONTRADICTED, *args, env=env)
        assert out.startswith("CONTRADICTED — ") and "\x1b[" not in out, (env, args)
    # no-color.org: an empty NO_COLOR does not turn colour off
    assert run_pty("check", CONTRADICTED, env={"NO_COLOR": ""}).startswith("\x1b[1;31mCONTRADICTED")
    piped = run_qa("check", CONTRADICTED)
    assert piped.stdout_text.startswith("CONTRADICTED — ") and "\x1b[" not in piped.stdout_text
    assert piped.returncode == 1
    forced = run_qa("check", CONTRADICTED, "--color=always", env={"NO_COLOR": "1"})
    assert forced.stdout_text.startswith("\x1b[1;31mCONTRADICTED\x1b[0m") and forced.returncode == 1
    assert "\x1b[" not in run_qa("check", CONTRADICTED, "--json", "--color=always").stdout_text


def test_colour_choice():
    assert terminal.colour("always", io.StringIO()) is True
    assert terminal.colour("never", FakeTerminal()) is False
    assert terminal.colour("auto", io.StringIO()) is False


# -- tables ----------------------------------------------------------------------------------------------------------

def _table_rows(engine):
    return [list(engine.document.table.header)] + [list(r) for r in engine.document.table.rows]


def test_tables_are_tab_separated_when_piped(engine):
    rows = ["\t".join(r) for r in _table_rows(engine)]
    for args in (("show", "table-1"), ("facts", "--kind", "biomarker", "--table")):
        out = run_qa(*args).stdout_text.splitlines()
        assert out[0].startswith("TABLE 1 Emerging biomarkers") and out[1:] == rows, args


def test_tables_line_up_on_a_terminal(engine):
    table = _table_rows(engine)
    for args in (("show", "table-1"), ("facts", "--kind", "biomarker", "--table")):
        screen = run_pty(*args, "--no-pager", "--color=never", cols=80, rows=24).splitlines()
        assert max(len(line) for line in screen) <= 80
        rule = next(i for i, line in enumerate(screen) if set(line) == {"─"})
        head = screen[rule - 3:rule]
        starts = [head[0].index("Biomarkers")] + [m.start() for m in re.finditer(r"(?<=  )\S", head[0])]
        assert len(starts) == 5
        first_lines = [line for line in screen[rule + 1:] if line[:1].strip()][:len(table) - 1]
        for line, row in zip(first_lines, table[1:]):
            for start, cell in zip(starts, row):
                assert line[start:].startswith(cell.split()[0]), (line, cell)   # each cell in its column
        # every cell reads whole down its column (wrapped between words only)
        body = screen[rule + 1:]
        text = words(" ".join(body))
        for row in table[1:]:
            assert row[0] in text
    narrow = run_pty("show", "table-1", "--no-pager", "--color=never", cols=50, rows=24).splitlines()
    assert max(len(line) for line in narrow) <= 50
    assert "CDK12" in narrow and "  Mechanism/signaling pathway: WNT/β-catenin/-TCF;" in narrow


def test_aligned_never_breaks_a_word():
    head = ["", "about", "§"]
    rows = [["trastuzumab-deruxtecan", "an antibody-drug conjugate with a long description", "4.2"]]
    for width in (30, 40, 60):
        lines = terminal.table_lines(head, rows, width)
        assert max(len(line) for line in lines) <= width
        assert "antibody-drug" in " ".join(lines) and "trastuzumab-deruxtecan" in " ".join(lines)
    assert terminal.table_lines(head, rows, 20)[0] == "trastuzumab-deruxtecan"    # too narrow: one block a row


def test_wrap_breaks_between_words_and_ignores_colour_codes():
    text = "An extended phase Ib study found a 19.0% objective response rate in HER2-positive cancer"
    plain = terminal.wrap(text, 30, "   ")
    coloured = terminal.wrap(text.replace("HER2-positive", "\x1b[1mHER2-positive\x1b[0m"), 30, "   ")
    assert [ANSI.sub("", line) for line in coloured] == plain
    assert all(len(line) <= 30 for line in plain) and "HER2-positive" in " ".join(plain)

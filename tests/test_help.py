"""Help that helps: `qa show` finds a section however a person names it and suggests the nearest few when none
matches."""
from __future__ import annotations

import pytest

from conftest import DATA, run_qa
from qa.engine import Engine
from qa.lookup import find_section


def _first_lines(*args: str, n: int = 2) -> list[str]:
    proc = run_qa("show", *args)
    assert proc.returncode == 0, (args, proc.stderr_text)
    return proc.stdout_text.splitlines()[:n]


def test_show_takes_a_section_as_people_write_it():
    hippo = _first_lines("3.1.4")
    assert hippo[1] == "3.1.4 The Hippo-yap pathway"
    for typed in (("§3.1.4",), ("3.1.4.",), ("§", "3.1.4"), ("section", "3.1.4"), ("hippo-yap",),
                  ("The", "Hippo-yap", "pathway")):
        assert _first_lines(*typed) == hippo, typed
    assert _first_lines("Abstract", n=1) == ["Abstract"] == _first_lines("abstract", n=1)
    table = run_qa("show", "table-1").stdout_text
    for typed in (("table", "1"), ("Table-1",), ("TABLE", "1"), ("Table 1",)):
        assert run_qa("show", *typed).stdout_text == table, typed
    assert _first_lines("nf-kb", "pathway")[1] == "3.1.3 The NF-κB pathway"
    assert _first_lines("NF-κB pathway")[1] == "3.1.3 The NF-κB pathway"
    assert _first_lines("author", "contributions", n=1) == ["Author contributions"]
    assert _first_lines("Publisher's", "note", n=1) == ["Publisher's note"]


def test_no_match_suggests_the_nearest_few_sections_exit_2():
    proc = run_qa("show", "9.9")
    assert proc.returncode == 2 and proc.stdout_text == ""
    assert proc.stderr_text.splitlines() == [
        "qa: no section '9.9'; did you mean:",
        "  5        Conclusions",
        "  4.3      Other novel agents",
        "  4.2      Antibody-drug conjugates",
        "(`qa sections` lists them all)"]
    typo = run_qa("show", "hipo", "pathway")
    assert typo.returncode == 2
    assert typo.stderr_text.splitlines()[:2] == ["qa: no section 'hipo pathway'; did you mean:",
                                                 "  3.1.4    The Hippo-yap pathway"]
    assert len(typo.stderr_text.splitlines()) == 5                # three suggestions, never all forty sections
    sibling = run_qa("show", "3.1.6").stderr_text.splitlines()
    assert sibling[1:3] == ["  3.1.5    The Notch1 pathway", "  3.1      Bypass activation"]


def test_words_that_name_several_sections_list_them():
    proc = run_qa("show", "pathway")
    assert proc.returncode == 2
    lines = proc.stderr_text.splitlines()
    assert lines[0] == "qa: 'pathway' names 7 sections; say which one:"
    assert "  3.1.1    The PI3K/AKT pathway" in lines and "  3.1.5    The Notch1 pathway" in lines
    assert max(len(line) for line in lines) <= 80


@pytest.fixture(scope="module")
def mini():
    return Engine.load(DATA / "mini_corpus", use_cache=False)


def test_lookup_on_another_review(mini):
    outline = mini.outline()
    assert find_section(outline, "dose adjustment").section.id == "2.1"
    assert find_section(outline, "§2.2.").section.id == "2.2"
    assert find_section(outline, "Lactic acidosis").section.id == "2.2"
    nearest = find_section(outline, "2.9")
    assert nearest.section is None and [s.id for s in nearest.candidates] == ["2", "2.2", "2.1"]
    assert find_section(outline, "   ").candidates == ()


# -- each command's --help ---------------------------------------------------------------------------------------

EXIT_CODES = {"ask": {0, 2, 130, 141}, "check": {0, 1, 2, 3, 130, 141}, "batch": {0, 1, 2, 130, 141},
              "eval": {0, 2, 130, 141}, "sections": {0, 2, 141}, "show": {0, 2, 141}, "facts": {0, 2, 3, 141},
              "refs": {0, 2, 141}, "tui": {0, 2, 130}, "chat": {0, 2, 130}}


def _block(text: str, title: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(title) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


@pytest.mark.parametrize("command", sorted(EXIT_CODES))
def test_each_help_lists_its_own_exit_codes_and_examples(command):
    out = run_qa(command, "--help").stdout_text
    codes = {int(line.split()[0]) for line in _block(out, "exit codes:") if line.split()[0].isdigit()}
    assert codes == EXIT_CODES[command]
    examples = _block(out, "examples:")
    assert 2 <= len(examples) <= 4 and all("qa" in line.split() for line in examples), examples
    assert max(len(line) for line in out.splitlines()) <= 80


def test_help_examples_come_from_the_review_and_work():
    ask = _block(run_qa("ask", "--help").stdout_text, "examples:")
    assert ask[0] == '  qa ask "What was the PFS of poziotinib?"'
    assert _block(run_qa("check", "--help").stdout_text, "examples:")[0] == \
        '  qa check "T-DM1 is an antibody-drug conjugate"'
    show = _block(run_qa("show", "--help").stdout_text, "examples:")
    assert show == ["  qa show 3.1.1", "  qa show abstract", "  qa show table 1", "  qa show pi3k/akt pathway"]
    for line in show:
        assert run_qa(*line.split()[1:]).returncode == 0, line
    mini = run_qa("show", "--help", "--corpus", str(DATA / "mini_corpus")).stdout_text
    assert _block(mini, "examples:")[-1] == "  qa show dose adjustment"
    assert '  qa ask "What does eGFR stand for?"' in run_qa("ask", "--help", "--corpus",
                                                              str(DATA / "mini_corpus")).stdout_text


def test_help_explains_the_output_formats():
    batch = " ".join(_block(run_qa("batch", "--help").stdout_text, "output:"))
    for value in ("jsonl", "tsv", "md", "trec"):
        assert f"--format {value} " in batch
    assert "qid Q0 docid rank score qa" in batch and "Markdown table" in batch
    ask = "\n".join(_block(run_qa("ask", "--help").stdout_text, "output:"))
    assert "--full" in ask and "--json" in ask and "text (default)" in ask
    top = run_qa("--help").stdout_text
    assert "130 interrupted" in top and "QA_PAGER" in top and "NO_COLOR" in top


def test_readme_sets_up_a_newcomer():
    """The README's set-up: a virtualenv first (PEP 668 refuses a bare pip install), then the install and test
    commands, how long the tests take, and where the output format is described."""
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    venv = setup.index("python3 -m venv .venv && . .venv/bin/activate")
    assert venv < setup.index("pip install . && qa ask") < setup.index("pip install '.[test]' && python -m pytest")
    assert "PEP 668" in setup and "minutes" in setup
    assert "[Output format](#output-format)" in setup
    assert "../shared/CONTRACT.md" not in readme

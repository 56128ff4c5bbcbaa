"""Each command's help epilog: what its output options give, two or three examples made from the review in use,
and only the exit codes that command can return."""
from __future__ import annotations

INTERRUPTED = "130  interrupted (Ctrl-C)"
PIPE_CLOSED = "141  the output pipe closed early (`| head`)"
USAGE = "2    usage or input error, or the output cannot be written (message on stderr)"

EXITS = {
    "ask": ["0    answered, or said that the review has nothing that answers", USAGE, INTERRUPTED, PIPE_CLOSED],
    "check": ["0    supported", "1    contradicted", "3    not found in the review", USAGE, INTERRUPTED,
              PIPE_CLOSED],
    "batch": ["0    every line answered", "1    some records are errors (each in the output, in its place)",
              USAGE, INTERRUPTED, PIPE_CLOSED],
    "eval": ["0    scored", "2    usage error, or the gold file cannot be read", INTERRUPTED, PIPE_CLOSED],
    "sections": ["0    printed", "2    the corpus cannot be loaded", PIPE_CLOSED],
    "show": ["0    printed", "2    no such section (the nearest are suggested), or a corpus error",
             PIPE_CLOSED],
    "facts": ["0    printed (--validate: every fact is valid)",
              "2    unknown --kind, --table without --kind biomarker, or (--validate) a",
              "     problem in the facts",
              "3    no fact matches --kind/--entity", PIPE_CLOSED],
    "refs": ["0    printed", "2    no such reference, or not a number", PIPE_CLOSED],
    "tui": ["0    quit", "2    stdin or stdout is not a terminal, or the terminal is not UTF-8", INTERRUPTED],
    "schema": ["0    printed", "2    no schema of that name (the names are listed)", PIPE_CLOSED],
    "chat": ["0    left (Ctrl-D or /quit)", USAGE, INTERRUPTED],
}

OUTPUT = {
    "ask": ["text (default)  the answer, the top passages cut to their answering",
            "                sentences, the top facts and the references they cite,",
            "                wrapped to the terminal (80 columns, or $COLUMNS, piped)",
            "--full          every passage whole, every fact and reference",
            "--json          the JSON record (README, section \"Output format\")"],
    "check": ["text (default)  the verdict (coloured in a terminal), reason and evidence",
              "--json          the JSON record (README, section \"Output format\")"],
    "batch": ["--format jsonl  one JSON record per line, as `qa ask --json` gives it (with",
              "                --check: `qa check --json`), plus \"line\" and \"id\" (default)",
              "--format tsv    a header row, then a tab-separated row per record (a row per",
              "                item of a gathered answer); tabs, newlines escaped",
              "--format md     a Markdown table, one row per record",
              "--format trec   TREC run lines: qid Q0 docid rank score qa (for trec_eval)"],
    "eval": ["text (default)  Markdown tables: metrics, claims' confusion matrix, misses",
             "--json          the same as one JSON object"],
    "facts": ["text (default)  one line per fact: id, summary, sections and references",
              "--json          one JSON object per line",
              "--table         the table: aligned in a terminal, tab-separated when piped"],
    "show": ["text            the section's breadcrumb and paragraphs, wrapped to the",
             "                terminal; a table aligned in a terminal, tab-separated piped"],
}

PAGER_NOTE = """In a terminal, output taller than the screen goes through $QA_PAGER, else
$PAGER, else `less -FRX` (empty or `cat`: no pager; or --no-pager). Colour
only in a terminal: NO_COLOR=1 or --color=never turn it off."""


def paragraph(text: str, width: int = 78) -> str:
    """A description wrapped for the help (argparse prints descriptions as given)."""
    import textwrap
    return textwrap.fill(" ".join(text.split()), width, break_long_words=False, break_on_hyphens=False)


def epilog(command: str, identity=None) -> str:
    """The epilog of `qa COMMAND --help`."""
    blocks = []
    if command in OUTPUT:
        blocks.append("output:\n" + "\n".join("  " + line for line in OUTPUT[command]))
    examples = _examples(command, identity)
    if examples:
        blocks.append("examples:\n" + "\n".join("  " + line for line in examples))
    blocks.append("exit codes:\n" + "\n".join("  " + line for line in EXITS[command]))
    if command in ("ask", "check", "sections", "show", "facts", "refs"):
        blocks.append(PAGER_NOTE)
    return "\n\n".join(blocks) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _examples(command: str, identity) -> list[str]:
    question = identity.example if identity is not None and identity.example else "QUESTION"
    claim = identity.claim if identity is not None and identity.claim else "CLAIM"
    q, c = _quote(question) if question != "QUESTION" else question, _quote(claim) if claim != "CLAIM" else claim
    shows = list(identity.section_examples) if identity is not None else []
    first_ref = identity.reference_range.split("-")[0] if identity is not None and identity.reference_range else "N"
    if command == "ask":
        return [f"qa ask {q}", f"qa ask {q} --full", f"qa ask {q} --json -k 3"]
    if command == "check":
        return [f"qa check {c}", f"qa check {c} --json", "qa check - < claim.txt"]
    if command == "batch":
        return ["qa batch questions.txt --format tsv", "qa batch claims.txt --check",
                "qa batch questions.txt --format trec -o run.txt"]
    if command == "eval":
        return ["qa eval gold.yaml", "qa eval gold.yaml --split heldout --json"]
    if command == "sections":
        return ["qa sections", "qa sections | grep -i WORD"]
    if command == "show":
        out = [f"qa show {s}" for s in shows[:2]] or ["qa show 1", "qa show abstract"]
        if identity is not None and identity.table_ids:
            kind, _, number = identity.table_ids[0].partition("-")
            out.append(f"qa show {kind} {number}".rstrip())
        out.append(f"qa show {identity.title_words}" if identity is not None and identity.title_words
                   else "qa show WORDS OF A TITLE")
        return out
    if command == "facts":
        return ["qa facts --kind outcome", "qa facts --entity NAME --json", "qa facts --validate"]
    if command == "refs":
        return [f"qa refs {first_ref}", f"qa refs {first_ref} | head -1"]
    if command == "tui":
        return ["qa tui", "qa            (the same, in a terminal)"]
    if command == "chat":
        return ["qa chat", "printf 'QUESTION\\nand its side effects?\\n' | qa chat"]
    return []

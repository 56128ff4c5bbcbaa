"""The `qa` command line: argparse commands, each a few lines over Engine; clean exits, never tracebacks."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_SOME, EXIT_USAGE, EXIT_NOT_FOUND, EXIT_INTERRUPTED, EXIT_PIPE = 0, 1, 2, 3, 130, 141
VERDICT_EXIT = {"supported": 0, "contradicted": 1, "not_found": 3}

EPILOG = """exit codes:
  0  success (check: the claim is supported)
  1  check: the claim is contradicted; batch: some records are errors
  2  usage or input error, or a failed write to the output (message on stderr)
  3  check: the claim is not found in the review; facts: no fact matches
  130 interrupted (Ctrl-C); 141 output pipe closed early

environment:
  COLUMNS    the width to wrap piped output at (default 80; on a terminal,
             its own width)
  QA_PAGER   the pager for output taller than the terminal (else $PAGER,
             else `less -FRX`; empty or `cat`: none)
  NO_COLOR   set and not empty: no colour (also --color=never|always|auto)
"""
EVAL_NOTES = """GOLD is a YAML list of questions and claims (README: Gold files). Exit 2, with
a message, when GOLD is missing, unreadable or a directory, is not YAML
(FILE:LINE:COL), holds no items, or has no item of the --split asked for (a
file without `split:` fields has only --split all).

In a library (--corpus LIB without --doc) each item is answered by the review
the router picks and names the review that holds its answer: `doc: ID`, or
gold sections written ID:SECTION; review@1 is the share answered there.

"""
FACTS_NOTES = """Exit 3, with a message on stderr, when no fact matches --kind / --entity; exit
2 for an unknown kind or, with --validate, any problem in a fact file
(FILE:LINE:COL).

"""


class UsageError(Exception):
    """Bad input from the user: printed as `qa: message`, exit 2."""


def _common(parser: argparse.ArgumentParser, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--corpus", metavar="DIR", default=default,
                        help="corpus directory with review.md and facts/*.yaml (default: the shipped review)")
    parser.add_argument("-v", "--verbose", action="store_true", default=False if top else argparse.SUPPRESS,
                        help="say on stderr how the index was loaded")
    parser.add_argument("--no-cache", action="store_true", default=False if top else argparse.SUPPRESS,
                        help="build the index in memory; do not read or write the cache")
    parser.add_argument("--doc", metavar="ID", default=default,
                        help="a library (one review per sub-directory of --corpus): only the review ID")


def _described(identity) -> str:
    """What the top-level help says `qa` works on: the review by name when it could be loaded."""
    if identity is None:
        return "one scientific review (the shipped one, or the one in --corpus DIR)"
    if identity.reviews > 1:
        return f"a library of {identity.reviews:,} reviews (one per sub-directory of --corpus DIR; --doc ID for one)"
    where = " ".join(x for x in (identity.journal, str(identity.year) if identity.year else "") if x)
    return f"the review \"{identity.short_title}\"" + (f" ({where})" if where else "")


def _terminal_options(parser: argparse.ArgumentParser, top: bool) -> None:
    """--no-pager and --color, before the command (`qa --no-pager ask ...`) or after it."""
    parser.add_argument("--no-pager", action="store_true", default=False if top else argparse.SUPPRESS,
                        help="never page; write straight to the terminal")
    parser.add_argument("--color", choices=("auto", "always", "never"), default="auto" if top else argparse.SUPPRESS,
                        metavar="WHEN", help="colour: auto (in a terminal, unless NO_COLOR is non-empty), always, never")


def _examples(identity) -> str:
    if identity is None or not (identity.example or identity.claim):
        return ""
    lines = [f'  qa ask "{identity.example}"'] if identity.example else []
    lines += [f'  qa check "{identity.claim}"'] if identity.claim else []
    return "examples:\n" + "\n".join(lines) + "\n\n"


def build_parser(identity=None, for_help: bool = True) -> argparse.ArgumentParser:
    """The argparse commands; `identity` (qa.identity.Identity) lets the help name the review and its parts.
    Without `for_help` (no -h in the arguments) the commands' epilogs are left out: nobody reads them."""
    from .identity import table_label
    if for_help:
        from .help import epilog, paragraph
    else:
        def epilog(name, identity):
            return None

        def paragraph(text):
            return text
    parser = argparse.ArgumentParser(
        prog="qa", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=_examples(identity) + EPILOG,
        description=paragraph(f"Ask questions of, and fact-check claims against, {_described(identity)}. With no "
                              "command: the chat UI in a terminal, or one answer per stdin line when stdin is not "
                              "a terminal."))
    _common(parser, top=True)
    _terminal_options(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, notes: str = "", paged: bool = False) -> argparse.ArgumentParser:
        shown = epilog(name, identity)
        p = sub.add_parser(name, help=help_text, description=paragraph(help_text),
                           epilog=None if shown is None else notes + shown,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _common(p, top=False)
        if paged:
            _terminal_options(p, top=False)
        return p

    p = add("ask", "answer one question with ranked passages, facts and references", paged=True)
    p.add_argument("question", nargs="+", help="the question (or - to read it from stdin)")
    p.add_argument("--json", action="store_true", help="print the JSON record")
    p.add_argument("--full", action="store_true", help="text: every passage whole, every fact and reference")
    p.add_argument("-k", type=int, default=None, metavar="N",
                   help="passages to rank (default 5; the text shows the best three unless -k is given)")

    p = add("check", "verify a claim: supported (exit 0), contradicted (1) or not found (3)", paged=True)
    p.add_argument("claim", nargs="+", help="the claim (or - to read it from stdin)")
    p.add_argument("--json", action="store_true", help="print the JSON record")

    p = add("batch", "answer one question (or claim) per line, streaming one record per line")
    p.add_argument("file", nargs="?", default="-", help="text, JSONL ({id, q}) or YAML file; - for stdin")
    p.add_argument("--check", action="store_true", help="lines are claims to verify")
    p.add_argument("--format", choices=("jsonl", "tsv", "md", "trec"), default="jsonl",
                   help="record format: jsonl (default), tsv, md or trec (see output below)")
    p.add_argument("-k", type=int, default=5, metavar="N", help="passages per question (default 5)")
    p.add_argument("-o", "--output", metavar="FILE", help="write records to FILE instead of stdout")

    p = add("eval", "score retrieval and fact-checking on a gold YAML file", EVAL_NOTES)
    p.add_argument("gold", help="gold file (README: Gold files)")
    p.add_argument("--json", action="store_true", help="print metrics as JSON")
    p.add_argument("--baselines", action="store_true", help="also score the baseline rankers (needs bm25s)")
    p.add_argument("--split", choices=("all", "tune", "heldout"), default="all", help="score one half")
    p.add_argument("-k", type=int, default=10, metavar="N", help="passages ranked per question (default 10)")

    add("sections", "list the review's outline", paged=True)
    shown = f" (e.g. {', '.join(identity.section_examples)})" if identity and identity.section_examples else ""
    p = add("show", f"print a whole section{shown}", paged=True)
    p.add_argument("section", nargs="+", help="a number (3.1, §3.1, 3.1.), a part's name or words of its title")

    p = add("facts", "list or validate the curated facts", FACTS_NOTES, paged=True)
    p.add_argument("--kind", help="only this kind (biomarker, agent, outcome, mechanism, mirna, statistic, term)")
    p.add_argument("--entity", help="only facts about this entity (any alias)")
    p.add_argument("--json", action="store_true", help="print facts as JSON lines")
    p.add_argument("--validate", action="store_true", help="check every fact file; exit 2 on any problem")
    table = table_label(identity.table_ids[0]) if identity and identity.table_ids else "the review's table"
    p.add_argument("--table", action="store_true", help=f"with --kind biomarker: print {table} as the review does")

    p = add("refs", "print a reference and the passages that cite it", paged=True)
    numbers = f" ({identity.reference_range})" if identity and identity.reference_range else ""
    p.add_argument("n", help=f"reference number{numbers}")

    p = add("schema", "print the JSON Schema of a record qa prints; with no name, list the names")
    p.add_argument("name", nargs="?", help="the record: answer, verdict, batch-answer, batch-verdict, error or fact")

    add("tui", "open the chat UI")
    add("chat", "a plain line-based conversation (readline history), for terminals the chat UI does not fit")
    return parser


def _wants_help(argv: list[str]) -> bool:
    return any(a in ("-h", "--help") or (len(a) > 2 and "--help".startswith(a)) for a in argv)


def _identity_for_help(argv: list[str]):
    """The review's identity when help was asked for, so that the help names it; parsing alone never loads
    the corpus. A corpus that cannot be loaded gives the generic help (the command then says what is wrong)."""
    if not _wants_help(argv):
        return None
    from .errors import CorpusError, FactError
    from .identity import Identity
    from .library import Library, open_corpus
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--corpus")
    pre.add_argument("--no-cache", action="store_true")
    pre.add_argument("--doc")
    known, _ = pre.parse_known_args(argv)
    try:
        source = open_corpus(known.corpus, use_cache=not known.no_cache)
        if isinstance(source, Library):
            return source.identity(known.doc)
        return Identity.of(source)
    except (CorpusError, FactError, OSError):
        return None


# -- helpers -------------------------------------------------------------------------------------------

def _read_text_arg(parts: list[str], what: str) -> str:
    if parts == ["-"]:
        if sys.stdin is None:
            raise UsageError(f"standard input is closed; give the {what} as an argument")
        try:
            data = sys.stdin.buffer.read(4 * 1024 * 1024 + 1)
        except OSError as exc:
            raise UsageError(f"standard input: read failed ({exc.strerror or exc})") from None
        return data.decode("utf-8", "replace")
    return " ".join(parts)


def _load(args):
    """The corpus: an Engine for one review, a Library for a directory of reviews (restricted to --doc)."""
    from .library import Library, open_corpus
    source = open_corpus(args.corpus, use_cache=not args.no_cache,
                         warn=(lambda m: print(f"qa: {m}", file=sys.stderr)) if args.verbose else None)
    if isinstance(source, Library):
        source.restrict(args.doc)
    elif args.doc:
        raise UsageError(f"--doc names a review of a library, and {args.corpus or 'the shipped corpus'} holds one "
                         "review (a library has one sub-directory per review)")
    if args.verbose:
        r = source.load_report
        what = "library index" if isinstance(source, Library) else "index"
        print(f"qa: {what} {'cache' if r.from_cache else 'built'} in {r.seconds * 1000:.0f} ms"
              + (f" ({r.cache_path})" if r.cache_path else " (cache off)"), file=sys.stderr)
    return source


def _one_review(args, what: str):
    """The Engine of the one review a command reads: the corpus's, or in a library the one --doc names."""
    from .library import Library
    source = _load(args)
    if not isinstance(source, Library):
        return source
    if not source.only:
        raise UsageError(f"{what} reads one review, and {args.corpus} holds {len(source.reviews):,}: name one "
                         f"with --doc ID (its reviews: {source.listed()})")
    return source.engine(source.only)


def _style(args=None):
    from . import terminal
    from .formats import Style
    return Style(terminal.colour(getattr(args, "color", "auto")))


def _output(args, engine):
    """The formatter `--json` asks for, else readable text (in colour on a terminal) wrapped to its width."""
    from .formats import formatter
    if args.json:
        return formatter("json")
    from . import terminal
    if getattr(args, "command", None) == "ask":
        return formatter("text", engine=engine, style=_style(args), width=terminal.width(),
                         full=args.full, passages=args.k)
    return formatter("text", tokenizer=engine.tokenizer, style=_style(args), width=terminal.width())


def _write(args, text: str) -> None:
    """Text for a person: through the pager when stdout is a terminal and the text is taller than the screen."""
    from . import terminal
    terminal.show(text, page=not getattr(args, "no_pager", False))


# -- commands ------------------------------------------------------------------------------------------

def cmd_ask(args) -> int:
    from .library import engine_of
    source = _load(args)
    answer = source.ask(_read_text_arg(args.question, "question"), k=args.k or 5)
    engine = engine_of(source, answer)
    if args.json:
        sys.stdout.write(_output(args, engine).answer(answer))
    else:
        _write(args, _output(args, engine).answer(answer))
    return EXIT_OK


def cmd_check(args) -> int:
    from .library import engine_of
    source = _load(args)
    verdict = source.check(_read_text_arg(args.claim, "claim"))
    engine = engine_of(source, verdict)
    if args.json:
        sys.stdout.write(_output(args, engine).verdict(verdict))
    else:
        _write(args, _output(args, engine).verdict(verdict))
    return VERDICT_EXIT[verdict.verdict]


def cmd_batch(args) -> int:
    from .batch import open_source, run_batch
    stream = open_source(args.file, args.output)      # a bad input is refused before the index is even loaded
    engine = _load(args)
    return run_batch(engine, args.file, check=args.check, fmt=args.format, k=args.k, output=args.output,
                     stream=stream)


def cmd_eval(args) -> int:
    from .evaluate import load_gold, name_reviews, run_eval, select_split
    from .library import Library
    items = load_gold(Path(args.gold))
    select_split(items, args.split, args.gold)
    engine = _load(args)
    if isinstance(engine, Library) and engine.only:
        engine = engine.engine(engine.only)             # one review of a library: scored as it would be alone
    elif isinstance(engine, Library):
        # the whole library: each item answered where the router sends it, judged against the review it names
        if args.baselines:
            raise UsageError(f"qa eval --baselines ranks one review's passages: name one with --doc ID (its "
                             f"reviews: {engine.listed()})")
        items = name_reviews(items, [r.id for r in engine.reviews], engine.listed(), args.gold)
    report = run_eval(engine, items, split=args.split, k=args.k, baselines=args.baselines)
    sys.stdout.write(_output(args, engine).report(report))
    return EXIT_OK


def cmd_sections(args) -> int:
    from . import terminal
    from .formats import safe
    from .library import Library
    source = _load(args)
    width, lines = terminal.width(), []
    if isinstance(source, Library) and not source.only:     # a library's outline: its reviews
        size = max(len(r.id) for r in source.reviews)
        for r in source.reviews:
            count = source.passages(r.id)
            lines += terminal.wrap(f"{safe(r.label)}  ({count} passages)", width, f"{safe(r.id):<{size}}  ",
                                   " " * (size + 2))
        lines.append(f"({len(source.reviews):,} reviews; `qa sections --doc ID` for one review's outline)")
        _write(args, "\n".join(lines) + "\n")
        return EXIT_OK
    engine = source.engine(source.only) if isinstance(source, Library) else source
    for s in engine.outline():
        count = len(engine.section_passages(s.id))
        indent = "  " * (s.level - 1)
        label = f"{s.id:<22}" if not s.number else f"{s.id:<8}"
        title = safe(s.title) + (f"  ({count} passages)" if count > 1 else "")
        lines += terminal.wrap(title, width, f"{indent}{label} ", " " * (len(indent) + len(label) + 1))
    _write(args, "\n".join(lines) + "\n")
    return EXIT_OK


def cmd_show(args) -> int:
    from . import terminal
    from .formats import safe
    from .library import Library
    from .lookup import find_section, not_found_message, one_line_not_found
    source = _load(args)
    typed = " ".join(args.section)
    doc = None
    if isinstance(source, Library):
        doc, typed = source.address(typed)
        doc = doc or source.only
        if doc is None:
            first = source.reviews[0].id
            raise UsageError(f"{args.corpus} holds {len(source.reviews):,} reviews: name the review, `qa show "
                             f"DOC:SECTION` (for example {first}:{typed.strip() or '1'}) or --doc DOC")
        engine = source.engine(doc)
    else:
        engine = source
    found = find_section(engine.outline(), typed)
    section = found.section
    if section is None:
        raise UsageError(one_line_not_found(doc, typed, found) if doc else not_found_message(typed, found))
    style, width = _style(args), terminal.width()
    table = engine.document.table
    is_table = section.kind == "table" and table is not None and table.id == section.id
    if is_table and not terminal.is_terminal():       # piped: the table as `qa facts --table` prints it
        from .tables import table_caption
        _write(args, "\n".join(_table_lines(table_caption(engine), table.header, table.rows, style, width)) + "\n")
        return EXIT_OK
    lines = [style.bold(line) for line in terminal.wrap(safe(" › ".join(section.path)), width)]
    children = [s for s in engine.outline() if s.parent == section.id]
    if is_table:
        lines += [""] + _table_lines(None, table.header, table.rows, style, width)
    else:
        for p in engine.section_passages(section.id):
            lines += [""] + terminal.wrap(safe(p.text), width)
    if children:
        lines += [""] + terminal.wrap("Subsections: " + ", ".join(f"{c.id} {safe(c.title)}" for c in children),
                                      width, "", "  ")
    if section.related:
        lines += terminal.wrap("Referred to from: " + ", ".join(f"§{r}" for r in section.related), width, "", "  ")
    _write(args, "\n".join(lines) + "\n")
    return EXIT_OK


def _table_lines(caption: str | None, header, rows, style, width: int) -> list[str]:
    from . import terminal
    from .formats import safe
    return terminal.table_text(safe(caption) if caption else None, [safe(h) for h in header],
                               [[safe(c) for c in r] for r in rows], width, bold=style.bold)


def cmd_facts(args) -> int:
    from .facts import KINDS
    from .formats import fact_json, safe
    if args.kind and args.kind not in KINDS:
        raise UsageError(f"unknown kind '{args.kind}' (one of: {', '.join(KINDS)})")
    engine = _one_review(args, "qa facts") if not args.validate else None
    if args.validate:
        # built afresh, never from the cache: loading validates every fact file (FactError lists the problems)
        facts = _validated_facts(args)
        counts = {k: sum(1 for f in facts if f.kind == k) for k in KINDS}
        print(f"{len(facts)} facts valid: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        return EXIT_OK
    if args.table:
        if args.kind not in (None, "biomarker"):
            raise UsageError("--table goes with --kind biomarker")
        from . import terminal
        from .tables import table_caption, table_header, table_rows_from_facts
        style = _style(args)
        _write(args, "\n".join(_table_lines(table_caption(engine), table_header(engine),
                                             table_rows_from_facts(engine.facts), style, terminal.width())) + "\n")
        return EXIT_OK
    facts = engine.facts_for(args.kind, args.entity)
    if not facts:
        what = " ".join(x for x in (args.kind and f"kind={args.kind}", args.entity and f"entity={args.entity}") if x)
        print(f"qa: no facts match {what}" if what else "qa: the review has no curated facts", file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.json:
        for f in facts:
            sys.stdout.write(json.dumps(fact_json(f), ensure_ascii=False) + "\n")
        return EXIT_OK
    lines = []
    for f in facts:
        refs = f" [{', '.join(map(str, f.refs))}]" if f.refs else ""
        lines.append(f"{f.id:<44} {safe(f.summary)}  (§{', §'.join(f.sections)}{refs})")
    _write(args, "\n".join(lines) + "\n")
    return EXIT_OK


def _validated_facts(args):
    """Every fact of the corpus, each review's facts files validated afresh (in a library: every review's, or
    --doc's); FactError lists every problem."""
    from .engine import Engine
    from .errors import FactError
    from .library import Library, open_corpus
    source = open_corpus(args.corpus, use_cache=not args.no_cache)
    if not isinstance(source, Library):
        if args.doc:
            raise UsageError(f"--doc names a review of a library, and {args.corpus or 'the shipped corpus'} holds "
                             "one review")
        return Engine.load(args.corpus, use_cache=False).facts
    ids = [source.review(args.doc).id] if args.doc else [r.id for r in source.reviews]
    facts, problems = [], []
    for doc in ids:
        try:
            facts += Engine.load(source.path(doc), use_cache=False, doc=doc).facts
        except FactError as exc:
            problems += exc.problems
    if problems:
        raise FactError(problems)
    return tuple(facts)


def cmd_refs(args) -> int:
    from . import terminal
    from .formats import safe
    from .identity import Identity
    engine = _one_review(args, "qa refs")
    try:
        n = int(args.n)
    except ValueError:
        raise UsageError(f"reference number must be a whole number, not '{args.n}'") from None
    ref = engine.document.reference(n)
    if ref is None:
        numbers = Identity.of(engine).reference_range
        raise UsageError(f"no reference {n} " + (f"(the review has references {numbers})" if numbers
                                                 else "(the review has no reference list)"))
    width = terminal.width()
    lines = terminal.wrap(f"[{ref.n}] {safe(ref.text)}", width)
    citing = engine.citing_passages(n)
    if citing:
        lines += ["", "Cited in:"]
        for p in citing:
            lines += terminal.wrap(f"§{p.section} {safe(p.title)} ({p.id})", width, "  ", "    ")
    _write(args, "\n".join(lines) + "\n")
    return EXIT_OK


def cmd_schema(args) -> int:
    from . import schemas
    if args.name is None:
        for name in schemas.NAMES:
            print(f"{name:<14} {schemas.load(name)['title']}")
        return EXIT_OK
    try:
        sys.stdout.write(schemas.text(args.name))
    except KeyError:
        raise UsageError(f"no schema '{args.name}' (one of: {', '.join(schemas.NAMES)})") from None
    return EXIT_OK


def cmd_tui(args) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the chat UI needs a terminal; for scripts use `qa ask`, `qa batch` or pipe lines into "
                         "`qa chat`")
    from .stdio import is_utf8, text_encoding
    encoding = text_encoding(sys.__stdout__)
    if not is_utf8(encoding) or not is_utf8(getattr(sys.__stderr__, "encoding", None) or "utf-8"):
        raise UsageError(f"the chat UI needs a UTF-8 terminal (this one is set to {encoding}); set a UTF-8 locale "
                         "(for example LANG=C.UTF-8) or use `qa chat`")
    source = _load(args)
    from tui.app import run_app
    run_app(source)
    return EXIT_OK


def cmd_chat(args) -> int:
    from .chat import run_chat
    from .identity import Identity
    from .stdio import set_input
    from .library import Library
    set_input(sys.stdin)
    source = _load(args)
    title = source.label if isinstance(source, Library) else Identity.of(source).short_title
    return run_chat(source, title=title)


COMMANDS = {"chat": cmd_chat, "ask": cmd_ask, "check": cmd_check, "batch": cmd_batch, "eval": cmd_eval, "sections": cmd_sections,
            "show": cmd_show, "facts": cmd_facts, "refs": cmd_refs, "schema": cmd_schema, "tui": cmd_tui}


def main(argv: list[str] | None = None) -> int:
    """Run one command. Every write to stdout goes through one guard (qa.stdio): a failed write is one message and
    exit 2, a closed pipe exit 141, whatever the command (help included)."""
    from . import stdio
    guard = stdio.install()
    try:
        try:
            code = _main(sys.argv[1:] if argv is None else argv)
        except SystemExit as exc:               # argparse: help printed, or a usage error (code 2)
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
        sys.stdout.flush()                      # a failure to write what is still buffered is reported here too
        if guard.pipe_closed:
            raise BrokenPipeError
        return code
    except stdio.OutputError as exc:
        print(f"qa: standard output: write failed ({exc}); the output is incomplete", file=sys.stderr)
        stdio.silence()
        return EXIT_USAGE
    except BrokenPipeError:
        stdio.silence()
        return EXIT_PIPE
    finally:
        stdio.restore(guard)


def _machine_output(args) -> bool:
    """Whether the command prints records for programs (always UTF-8) rather than text for a person."""
    return bool(getattr(args, "json", False)) or args.command == "batch"


def _main(argv: list[str]) -> int:
    from . import stdio
    from .errors import CorpusError, FactError, QueryError
    parser = build_parser(_identity_for_help(argv), for_help=_wants_help(argv))
    args = parser.parse_args(argv)
    if args.command is None:
        if sys.stdin is not None and sys.stdin.isatty():
            # a dumb terminal (Emacs shell, some screen readers) cannot show the full-screen app: the plain REPL
            args.command = "chat" if os.environ.get("TERM", "") in ("dumb", "") or not sys.stdout.isatty() else "tui"
        else:
            args.command, args.file, args.check, args.format, args.k, args.output = "batch", "-", False, "jsonl", 5, None
    if hasattr(args, "k") and args.k is not None and args.k < 1:
        parser.exit(EXIT_USAGE, "qa: -k must be at least 1\n")
    if _machine_output(args):
        stdio.set_encoding(sys.stdout, machine=True)
    try:
        return COMMANDS[args.command](args)
    except (UsageError, CorpusError, QueryError) as exc:
        print(f"qa: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except FactError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"qa: {len(exc.problems)} problem(s) in the facts", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def entry() -> None:
    # qa's arrays are vectors (no matrix products): OpenBLAS's one thread per core, started when numpy is
    # imported, costs every process CPU time for nothing. A value the user set is kept.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    sys.exit(main())

"""The command's own input and output, run as a user would (subprocess): stdout that cannot be written, locales that
are not UTF-8, input files that cannot be read, an output naming the input, relative XDG paths; one message and
exit code each, never a traceback, never an input lost."""
from __future__ import annotations

import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import DATA, ROOT, run_qa

MINI = DATA / "mini_corpus"
FULL = "qa: standard output: write failed (No space left on device); the output is incomplete\n"


def _env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "tests" / "nonet"), str(ROOT)])
    env.update(extra or {})
    return env


def run_to(stdout, *args: str, input: bytes | None = None, env: dict | None = None, timeout: float = 60):
    """Run `qa ARGS` with stdout going to `stdout` (an open file or a descriptor); stderr captured."""
    return subprocess.run([sys.executable, "-m", "qa", *args], input=input, stdout=stdout, stderr=subprocess.PIPE,
                          env=_env(env), timeout=timeout, cwd=str(ROOT))


def run_in_terminal(*args: str, env: dict, script: tuple[tuple[bytes, bytes], ...] = (),
                    timeout: float = 30) -> tuple[int, bytes]:
    """Run `qa ARGS` on a pty (stdin, stdout and stderr a terminal), typing each script line once its prompt has
    shown; returns the exit code and everything shown."""
    pid, master = pty.fork()
    if pid == 0:
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "qa", *args], _env(env))
    seen, steps, since = b"", list(script), 0
    try:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if steps and steps[0][0] in seen[since:]:
                time.sleep(0.5)                   # readline sets the terminal up after the prompt
                os.write(master, steps.pop(0)[1])
                since = len(seen)                 # the next line waits for a prompt shown after this one
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    pass
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                while select.select([master], [], [], 0.2)[0]:     # what it wrote just before it ended
                    try:
                        chunk = os.read(master, 65536)
                    except OSError:
                        break
                    if not chunk:
                        break
                    seen += chunk
                return os.waitstatus_to_exitcode(status), seen
        os.kill(pid, signal.SIGKILL)
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), seen
    finally:
        os.close(master)


@pytest.fixture(scope="module")
def gold(tmp_path_factory):
    path = tmp_path_factory.mktemp("gold") / "gold.yaml"
    path.write_text('- {id: q1, q: "Who edited this?", gold: ["*"], answer: ["Gary M. Tse"]}\n', encoding="utf-8")
    return path


# every command, and the command line's own help
COMMANDS = [
    (("ask", "Who edited this?"), None), (("ask", "Who edited this?", "--json"), None),
    (("check", "SYD985 had a 33% objective response rate."), None),
    (("check", "SYD985 had a 33% objective response rate.", "--json"), None),
    (("batch",), b"Who edited this?\n"), (("batch", "--format", "tsv"), b"Who edited this?\n"),
    ((), b"Who edited this?\n"), (("chat",), b"Who edited this?\n"),
    (("eval", "GOLD"), None), (("eval", "GOLD", "--json"), None),
    (("sections",), None), (("show", "4.2"), None), (("facts",), None), (("facts", "--json"), None),
    (("facts", "--kind", "biomarker", "--table"), None), (("refs", "57"), None),
    (("--help",), None), (("ask", "--help"), None),
]
IDS = ["ask", "ask-json", "check", "check-json", "batch", "batch-tsv", "bare-piped", "chat-piped", "eval",
       "eval-json", "sections", "show", "facts", "facts-json", "facts-table", "refs", "help", "ask-help"]


def _args(args, gold):
    return [str(gold) if a == "GOLD" else a for a in args]


# -- stdout that cannot be written ---------------------------------------------------------------------

@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args,stdin", COMMANDS, ids=IDS)
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(args, stdin, gold):
    with open("/dev/full", "wb") as full:
        proc = run_to(full, *_args(args, gold), input=stdin)
    assert proc.stderr.decode() == FULL
    assert proc.returncode == 2


@pytest.mark.parametrize("args,stdin", COMMANDS, ids=IDS)
def test_a_closed_pipe_is_exit_141_and_silent(args, stdin, gold):
    read, write = os.pipe()
    os.close(read)                      # the reader has gone before the first byte
    try:
        proc = run_to(write, *_args(args, gold), input=stdin)
    finally:
        os.close(write)
    assert proc.returncode == 141 and proc.stderr == b""


def test_a_closed_stdout_is_one_line_and_exit_2():
    proc = subprocess.run(["bash", "-c", f"{sys.executable} -m qa sections >&-"], capture_output=True,
                          env=_env(), cwd=str(ROOT), timeout=60)
    assert proc.stderr.decode() == "qa: standard output: write failed (it is closed); the output is incomplete\n"
    assert proc.returncode == 2


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_on_o_file_keeps_its_own_message():
    # -o has its own message, naming the file (a regular file's partial output is moved to FILE.partial)
    proc = run_qa("batch", "-", "-o", "/dev/full", input="Who edited this?\n" * 20)
    assert proc.returncode == 2
    assert proc.stderr_text == "qa: /dev/full: write failed (No space left on device)\n"


# -- locales that are not UTF-8 ----------------------------------------------------------------------

NOT_UTF8 = [{"LC_ALL": "C"}, {"LC_ALL": "en_US.ISO-8859-1"}, {"PYTHONIOENCODING": "latin-1"},
            {"PYTHONIOENCODING": "ascii"}]
NOT_UTF8_IDS = ["LC_ALL=C", "LC_ALL=latin-1", "PYTHONIOENCODING=latin-1", "PYTHONIOENCODING=ascii"]
GREEK_QUESTION = "What does the NF-κB pathway do?"


@pytest.mark.parametrize("env", NOT_UTF8, ids=NOT_UTF8_IDS)
def test_json_is_utf8_bytes_whatever_the_locale(env, gold):
    record = json.loads(run_qa("ask", GREEK_QUESTION, "--json", env=env).stdout.decode("utf-8"))
    assert record["question"] == GREEK_QUESTION and "κ" in record["passages"][0]["text"] + record["passages"][0]["title"]
    proc = run_qa("batch", input=(GREEK_QUESTION + "\n").encode(), env=env)
    assert proc.returncode == 0 and json.loads(proc.stdout.decode("utf-8"))["question"] == GREEK_QUESTION
    facts = run_qa("facts", "--entity", "PKCα", "--json", env=env)
    assert facts.returncode == 0 and json.loads(facts.stdout.decode("utf-8").splitlines()[0])["entity"] == "PKCα"
    verdict = run_qa("check", "PKCα is a biomarker", "--json", env=env)
    assert json.loads(verdict.stdout.decode("utf-8"))["claim"] == "PKCα is a biomarker"
    assert json.loads(run_qa("eval", str(gold), "--json", env=env).stdout.decode("utf-8"))["schema"] == 1


@pytest.mark.parametrize("env,encoding", [({"LC_ALL": "C"}, "ascii"), ({"PYTHONIOENCODING": "ascii"}, "ascii"),
                                          ({"PYTHONIOENCODING": "latin-1"}, "latin-1")],
                         ids=["LC_ALL=C", "PYTHONIOENCODING=ascii", "PYTHONIOENCODING=latin-1"])
def test_text_degrades_to_the_locale_and_never_fails(env, encoding):
    for args in (("ask", GREEK_QUESTION), ("show", "3.1.3"), ("facts", "--entity", "PKCα"), ("sections",),
                 ("check", "PKCα is a biomarker")):
        proc = run_qa(*args, env=env)
        assert proc.returncode in (0, 1, 3) and proc.stderr == b"", (args, proc.stderr)
        text = proc.stdout.decode(encoding)            # strict: every byte is of the locale's encoding
        assert "κ" not in text and "α" not in text
    assert "NF-kappaB" in run_qa("show", "3.1.3", env=env).stdout.decode(encoding)
    facts = run_qa("facts", "--entity", "PKCα", env=env).stdout.decode(encoding)
    assert "PKCalpha" in facts
    assert ("§3.1.5" if encoding == "latin-1" else "sec. 3.1.5") in facts     # latin-1 has the section sign
    chat = run_qa("chat", input=(GREEK_QUESTION + "\n").encode(), env=env)
    assert chat.returncode == 0 and chat.stdout.decode(encoding)


@pytest.mark.parametrize("args,env,encoding", [
    ((), {"LC_ALL": "C"}, "ascii"), (("tui",), {"PYTHONIOENCODING": "ascii"}, "ascii"),
    (("tui",), {"PYTHONIOENCODING": "latin-1"}, "iso8859-1"), (("tui",), {"LC_ALL": "en_US.ISO-8859-1"}, "ascii"),
], ids=["bare-qa-LC_ALL=C", "tui-ascii", "tui-latin-1", "tui-missing-latin-1-locale"])
def test_the_chat_ui_refuses_a_terminal_that_is_not_utf8(args, env, encoding):
    code, shown = run_in_terminal(*args, env={"TERM": "xterm", **env})
    assert shown.decode("ascii").replace("\r\n", "\n") == (
        f"qa: the chat UI needs a UTF-8 terminal (this one is set to {encoding}); set a UTF-8 locale (for example "
        "LANG=C.UTF-8) or use `qa chat`\n")
    assert code == 2


# -- input files that cannot be read ----------------------------------------------------------------------

def _unreadable(tmp_path):
    """A file this process may not read: chmod 000, or, for root (whom chmod does not stop), a kernel file that
    denies reading to everyone."""
    if os.geteuid() != 0:
        path = tmp_path / "secret.txt"
        path.write_text("Who edited this?\n", encoding="utf-8")
        path.chmod(0)
        return path
    target = "/proc/sys/vm/drop_caches"
    try:
        open(target, "rb").close()
    except PermissionError:
        link = tmp_path / "secret.txt"
        link.symlink_to(target)
        return link
    except OSError:
        pass
    pytest.skip("no file here denies reading to root")


@pytest.mark.parametrize("command", ["batch", "eval"])
def test_permission_denied_is_a_message(tmp_path, command):
    path = _unreadable(tmp_path)
    proc = run_qa(command, str(path))
    assert proc.stderr_text == f"qa: {path}: cannot read (Permission denied)\n"
    assert proc.returncode == 2


@pytest.mark.parametrize("command,what", [("batch", "file"), ("eval", "gold file")])
def test_a_directory_is_a_message(tmp_path, command, what):
    proc = run_qa(command, str(tmp_path))
    assert proc.stderr_text == f"qa: {tmp_path}: is a directory, not a {what}\n"
    assert proc.returncode == 2


@pytest.mark.parametrize("command", ["batch", "eval"])
def test_a_fifo_nobody_writes_to_does_not_hang(tmp_path, command):
    fifo = tmp_path / "questions"
    os.mkfifo(fifo)
    started = time.monotonic()
    proc = run_qa(command, str(fifo), timeout=60)
    assert proc.stderr_text == (f"qa: {fifo}: a FIFO with no writer (waited 2 s); start the program that writes to "
                                f"it first\n")
    assert proc.returncode == 2 and time.monotonic() - started < 30


def test_a_fifo_with_its_writer_is_read(tmp_path):
    fifo = tmp_path / "questions"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "w", encoding="utf-8") as fh:        # blocks until qa opens the FIFO
            fh.write("Who edited this?\n")
    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    proc = run_qa("batch", str(fifo))
    writer.join(10)
    assert proc.returncode == 0 and json.loads(proc.stdout_text)["found"] is True


def test_a_device_is_a_message():
    proc = run_qa("batch", "/dev/zero", timeout=30)
    assert proc.stderr_text == "qa: /dev/zero: is a device, not a file\n" and proc.returncode == 2
    empty = run_qa("batch", "/dev/null")
    assert empty.returncode == 0 and empty.stdout == b""


def test_dev_stdin_and_a_process_substitution_are_read(gold):
    proc = run_qa("batch", "/dev/stdin", input="Who edited this?\n")
    assert proc.returncode == 0 and json.loads(proc.stdout_text)["answer"]["text"].startswith("Gary M. Tse")
    for command in (f"batch <(printf 'Who edited this?\\n')", f"batch <(sleep 1; printf 'Who edited this?\\n')",
                    f"eval <(cat {gold}) --json"):
        shell = subprocess.run(["bash", "-c", f"{sys.executable} -m qa {command}"], capture_output=True,
                               env=_env(), cwd=str(ROOT), timeout=60)
        assert shell.returncode == 0 and shell.stderr == b"", (command, shell.stderr)
        record = json.loads(shell.stdout.decode("utf-8").splitlines()[0])
        assert record.get("found", True) and record["schema"] == 1


# -- -o naming the input -------------------------------------------------------------------------------

INPUT = b"Who edited this?\nWhat is T-DM1?\n"


@pytest.mark.parametrize("how", ["same-path", "other-path", "symlink", "hard-link"])
def test_o_naming_the_input_is_refused_and_the_input_untouched(tmp_path, how):
    source = tmp_path / "q.txt"
    source.write_bytes(INPUT)
    target = {"same-path": source, "other-path": tmp_path / "." / ".." / tmp_path.name / "q.txt",
              "symlink": tmp_path / "link.txt", "hard-link": tmp_path / "hard.txt"}[how]
    if how == "symlink":
        target.symlink_to(source)
    elif how == "hard-link":
        os.link(source, target)
    proc = run_qa("batch", str(source), "-o", str(target))
    assert proc.stderr_text == f"qa: {target}: is the input file ({source}); write the records to another file\n"
    assert proc.returncode == 2 and source.read_bytes() == INPUT and proc.stdout == b""


def test_o_naming_the_file_on_stdin_is_refused(tmp_path):
    source = tmp_path / "q.txt"
    source.write_bytes(INPUT)
    with open(source, "rb") as fh:
        proc = subprocess.run([sys.executable, "-m", "qa", "batch", "-", "-o", str(source)], stdin=fh,
                              capture_output=True, env=_env(), cwd=str(ROOT), timeout=60)
    assert proc.stderr.decode() == f"qa: {source}: is the input file (standard input); write the records to another " \
                                   f"file\n"
    assert proc.returncode == 2 and source.read_bytes() == INPUT


def test_stdout_appended_to_the_input_is_refused(tmp_path):
    source = tmp_path / "q.txt"
    source.write_bytes(INPUT)
    with open(source, "ab") as out:                  # `qa batch q.txt >> q.txt` would read its own records forever
        proc = run_to(out, "batch", str(source), timeout=60)
    assert proc.stderr.decode() == f"qa: standard output is the input file ({source}); write the records to " \
                                   f"another file\n"
    assert proc.returncode == 2 and source.read_bytes() == INPUT


# -- relative XDG paths --------------------------------------------------------------------------------

def test_a_relative_xdg_cache_home_is_ignored(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    proc = run_qa("-v", "ask", "Who edited this?", env={"XDG_CACHE_HOME": "relative-cache", "HOME": str(home)})
    assert proc.returncode == 0
    assert f"({home / '.cache' / 'qa'}/index-" in proc.stderr_text
    assert not (ROOT / "relative-cache").exists()


def test_a_relative_xdg_data_home_is_ignored_for_the_chat_history(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    code, shown = run_in_terminal("chat", env={"TERM": "dumb", "HOME": str(home), "XDG_DATA_HOME": "relative-data"},
                                  script=((b"qa> ", b"Who edited this?\r"), (b"\nqa", b"/quit\r")),
                                  timeout=60)
    assert code == 0, shown
    assert "Who edited this?" in (home / ".local" / "share" / "qa" / "chat_history").read_text(encoding="utf-8")
    assert not (ROOT / "relative-data").exists()


def test_a_relative_xdg_data_home_is_ignored_for_the_tui_history(tmp_path):
    code = ("import pathlib, sys; from tui.history import default_history_path; "
            "print(default_history_path())")
    home = tmp_path / "home"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=str(ROOT), timeout=60,
                          env=_env({"XDG_DATA_HOME": "relative-data", "HOME": str(home)}))
    assert proc.stdout.strip() == str(home / ".local" / "share" / "qa" / "history")


# -- gold files, eval and facts: messages and exit codes -----------------------------------------------------

def test_eval_split_that_the_file_lacks(tmp_path, gold):
    proc = run_qa("eval", str(gold), "--split", "heldout")
    assert proc.stderr_text == (f"qa: {gold}: no item has a split, so --split heldout selects nothing (mark items "
                                "`split: tune` or `split: heldout`, or leave out --split)\n")
    assert proc.returncode == 2
    tuned = tmp_path / "tuned.yaml"
    tuned.write_text('- {id: q1, q: "Who edited this?", gold: ["*"], answer: ["Tse"], split: tune}\n', encoding="utf-8")
    proc = run_qa("eval", str(tuned), "--split", "heldout")
    assert proc.stderr_text == f"qa: {tuned}: no item has split heldout (the file has: tune)\n"
    assert proc.returncode == 2
    empty = tmp_path / "empty.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    proc = run_qa("eval", str(empty))
    assert proc.stderr_text == f"qa: {empty}: no questions or claims in the gold file\n" and proc.returncode == 2


def test_facts_without_a_match_is_exit_3():
    proc = run_qa("facts", "--kind", "outcome", "--entity", "no-such-drug")
    assert proc.stderr_text == "qa: no facts match kind=outcome entity=no-such-drug\n" and proc.returncode == 3
    assert proc.stdout == b""


def test_the_help_of_eval_and_facts_documents_their_exit_codes():
    eval_help = " ".join(run_qa("eval", "--help").stdout_text.split())
    assert "Exit 2, with a message, when GOLD is missing, unreadable or a directory" in eval_help
    assert "has no item of the --split asked for" in eval_help
    facts_help = " ".join(run_qa("facts", "--help").stdout_text.split())
    assert "Exit 3, with a message on stderr, when no fact matches --kind / --entity" in facts_help
    assert "3 no fact matches --kind/--entity" in facts_help and "check: the claim" not in facts_help


# -- YAML errors keep their line and column ----------------------------------------------------------------

TAGGED = '- {id: q1, q: "Who edited this?", gold: ["*"]}\n- id: q2\n  q: !!python/object/apply:os.system ["true"]\n'


def test_gold_yaml_errors_are_file_line_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text('- {id: q1, q: "Who edited this?"}\n- {id: q2, q: [oops}\n', encoding="utf-8")
    proc = run_qa("eval", str(bad))
    assert proc.stderr_text == f"qa: {bad}:2:20: YAML syntax error: expected ',' or ']', but got '}}'\n"
    assert proc.returncode == 2
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text(TAGGED, encoding="utf-8")
    proc = run_qa("eval", str(tagged))
    assert proc.stderr_text == f"qa: {tagged}:3:6: the tag !!python/object/apply:os.system is not allowed " \
                               f"(plain YAML only)\n"
    assert proc.returncode == 2


def test_batch_yaml_errors_are_file_line_column_before_any_output(tmp_path):
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text(TAGGED, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("earlier results\n", encoding="utf-8")
    proc = run_qa("batch", str(tagged), "-o", str(out))
    assert proc.stderr_text == f"qa: {tagged}:3:6: the tag !!python/object/apply:os.system is not allowed " \
                               f"(plain YAML only)\n"
    assert proc.returncode == 2 and out.read_text(encoding="utf-8") == "earlier results\n"


@pytest.mark.parametrize("text,where", [
    (b"- id: x\n  kind: term\n  entity: !!python/object/apply:os.system [true]\n", "3:11"),
    (b"- id: x\n  kind: term\n\n  entity: !!python/name:os.system ''\n", "4:11"),
    (b"- !!python/object:os.system\n  id: x\n", "1:3"),
], ids=["sequence-tag", "scalar-tag", "mapping-tag"])
def test_python_tags_in_a_facts_file_are_reported_at_their_line(tmp_path, text, where):
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    (corpus / "facts" / "tagged.yaml").write_bytes(text)
    proc = run_qa("--corpus", str(corpus), "facts", "--validate")
    tag = text.split(b"!!")[1].split()[0].decode()
    assert proc.stderr_text.splitlines()[0] == f"corpus/facts/tagged.yaml:{where}: the tag !!{tag} is not " \
                                               f"allowed (plain YAML only)"
    assert proc.returncode == 2 and "Traceback" not in proc.stderr_text

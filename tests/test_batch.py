"""Batch mode through the CLI: one record per input line, in order, streamed; formats; errors; pipes."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, run_qa
from records import check_output

QUESTIONS = [
    "What fraction of HER2-positive tumours express p95-HER2?",
    "Who edited this?",
    "What is the capital of France?",
    "What was the objective response rate of SYD985?",
]


def _records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_four_lines_with_a_bad_third_give_four_records_and_exit_1(tmp_path):
    path = tmp_path / "q.txt"
    path.write_bytes(b"What fraction of HER2-positive tumours express p95-HER2?\nWho edited this?\n"
                     b"\xff\xfe not utf-8\nWhat was the objective response rate of SYD985?\n")
    proc = run_qa("batch", str(path))
    assert proc.returncode == 1
    records = _records(proc.stdout_text)
    assert len(records) == 4
    assert records[0]["passages"][0]["section"] == "2.3"
    assert records[1]["answer"]["text"].startswith("Gary M. Tse")
    assert records[2] == {"schema": 1, "line": 3, "error": "invalid UTF-8 at byte 1 of the line", "id": "3"}
    assert records[3]["passages"][0]["section"] == "4.2"


def test_order_kept_and_empty_lines_skipped_exit_0():
    proc = run_qa("batch", "-", input="\n".join(QUESTIONS[:2]) + "\n\n   \n" + QUESTIONS[3] + "\n")
    assert proc.returncode == 0
    records = _records(proc.stdout_text)
    assert [r["question"] for r in records] == [QUESTIONS[0], QUESTIONS[1], QUESTIONS[3]]
    assert [r["line"] for r in records] == [1, 2, 5]


def test_crlf_bom_and_missing_final_newline(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfWho edited this?\r\nWhat was the objective response rate of SYD985?")
    records = _records(run_qa("batch", str(path)).stdout_text)
    assert [r["question"] for r in records] == ["Who edited this?", "What was the objective response rate of SYD985?"]


def test_overlong_line_is_an_error_record(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Who edited this?\n" + "her2 " * 2000 + "\n", encoding="utf-8")
    proc = run_qa("batch", str(path))
    records = _records(proc.stdout_text)
    assert proc.returncode == 1 and len(records) == 2
    assert records[1]["error"] == "question too long: 9999 characters (the limit is 4000)"


def test_empty_file_gives_no_records_exit_0(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    proc = run_qa("batch", str(path))
    assert proc.returncode == 0 and proc.stdout_text == ""


def test_jsonl_and_yaml_inputs_keep_ids(tmp_path):
    jsonl = tmp_path / "q.jsonl"
    jsonl.write_text('{"id": "a1", "q": "Who edited this?"}\n{"id": "a2"}\n', encoding="utf-8")
    records = _records(run_qa("batch", str(jsonl)).stdout_text)
    assert records[0]["id"] == "a1" and records[0]["found"] is True
    assert records[1] == {"schema": 1, "line": 2, "error": 'missing "q" (or "claim") text', "id": "a2"}
    yaml_file = tmp_path / "q.yaml"
    yaml_file.write_text('- {id: y1, q: "Who edited this?"}\n- {id: y2, q: "What is the capital of France?"}\n',
                         encoding="utf-8")
    records = _records(run_qa("batch", str(yaml_file)).stdout_text)
    assert [(r["id"], r["found"]) for r in records] == [("y1", True), ("y2", False)]


def test_jsonl_ids_of_any_json_value_are_written_as_text():
    lines = ['{"id": "\\ud800z", "q": "Who edited this?"}', '{"id": null, "q": "Who edited this?"}',
             '{"id": 5, "q": "Who edited this?", "conversation": 7}', '{"id": true, "q": "Who edited this?"}']
    proc = run_qa("batch", "-", input="\n".join(lines) + "\n")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr_text
    records = _records(proc.stdout_text)
    assert [r["id"] for r in records] == ["?z", "2", "5", "true"]     # a lone surrogate cannot be written
    assert records[2]["conversation"] == "7" and all(r["found"] for r in records)


def test_tsv_has_header_and_parses():
    proc = run_qa("batch", "--format", "tsv", input="\n".join(QUESTIONS) + "\n")
    rows = list(csv.reader(io.StringIO(proc.stdout_text), delimiter="\t"))
    assert rows[0] == ["line", "id", "question", "found", "section", "passage", "score", "answer", "error"]
    assert len(rows) == 5 and all(len(r) == 9 for r in rows)
    assert rows[1][4] == "2.3" and rows[3][3] == "false"


def test_trec_run_has_six_columns():
    proc = run_qa("batch", "--format", "trec", "-k", "3", input="\n".join(QUESTIONS) + "\n")
    lines = [line.split() for line in proc.stdout_text.splitlines()]
    assert lines and all(len(cols) == 6 for cols in lines)
    assert lines[0][:4] == ["_1", "Q0", "2.3/p1", "1"] and lines[0][5] == "qa"
    assert {cols[0] for cols in lines} == {"_1", "_2", "_4"}      # question 3 has no passages
    ranks = [int(c[3]) for c in lines if c[0] == "_1"]
    assert ranks == sorted(ranks) and ranks[0] == 1


def test_markdown_table():
    out = run_qa("batch", "--format", "md", input="Who edited this?\n").stdout_text.splitlines()
    assert out[0] == "| line | id | question | section | answer |"
    assert out[2].startswith("| 1 | 1 | Who edited this? | edited-by | Gary M. Tse")


def test_head_closes_the_pipe_quietly():
    cmd = f"yes 'Who edited this?' | head -200 | {sys.executable} -m qa batch | head -1"
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, cwd=str(ROOT), timeout=60)
    assert len(proc.stdout.splitlines()) == 1 and check_output(proc.stdout)[0]["found"] is True
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr


def test_bare_qa_with_piped_stdin_answers_each_line():
    proc = run_qa(input="Who edited this?\nWhat is the capital of France?\n")
    records = _records(proc.stdout_text)
    assert [r["found"] for r in records] == [True, False]


CLAIMS = ["Epertinib showed an objective response rate of 45%.", "SYD985 had a 33% objective response rate.",
          "Neratinib cures all cancers.", "ERBB2 mutations frequently co-exist with amplification"]


@pytest.mark.parametrize("args, lines", [
    (("batch",), QUESTIONS),
    (("batch", "--check"), CLAIMS),
    (("batch", "--format", "tsv", "--no-cache"), QUESTIONS),
])
def test_same_input_same_output_whatever_the_hash_seed(args, lines):
    """Set and dict order must not leak into answers: separate processes with different string hashing (and,
    for the first seed, whatever cache state the others left) give the same bytes apart from elapsed_ms."""
    outputs = []
    for seed in ("0", "1", "4242"):
        proc = run_qa(*args, input="\n".join(lines) + "\n", env={"PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr_text
        outputs.append(re.sub(r'"elapsed_ms": [0-9.e-]+', '"elapsed_ms": 0', proc.stdout_text))
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
    if "tsv" not in args:
        record = json.loads(outputs[0].splitlines()[0])
        assert record["meta"]["corpus"] and "bm25-okapi" in record["meta"]["ranker"]


def test_trec_qids_are_whitespace_free_and_unique():
    """CONTRACT.md, TREC run lines: user ids sanitised of whitespace and made unique, six columns each."""
    lines = ['{"id": "a 1", "q": "Who edited this?"}', '{"id": "a 1", "q": "Who edited this?"}',
             '{"id": "4", "q": "What is T-DM1?"}', "What is T-DM1?", '{"id": "a_1", "q": "Who edited this?"}']
    proc = run_qa("batch", "--format", "trec", "-k", "1", input="\n".join(lines) + "\n")
    rows = [line.split(" ") for line in proc.stdout_text.splitlines()]
    assert all(len(r) == 6 for r in rows)
    assert [r[0] for r in rows] == ["a_1", "a_1~2", "4", "_4", "a_1~3"]


def _trec_eval_reads(run: str) -> list[tuple[str, list[str]]]:
    """The run as trec_eval reads it, asserting its rules and the contract's: each line six columns split by single
    spaces and no other whitespace or NUL; none begins with "#" (trec_eval skips such a line as a comment); per
    qid, one block of lines (one input line), ranks 1, 2, ... and scores that fall, so that trec_eval's own order
    (score descending, ties by docid descending) is the order printed, and no docid twice (trec_eval refuses
    the run). Returns (qid, docids in order) per block."""
    assert "\x00" not in run and (run == "" or run.endswith("\n"))
    blocks: list[tuple[str, list[tuple[str, int, float]]]] = []
    for line in run.splitlines():
        cols = line.split(" ")
        assert len(cols) == 6 and all(c and c == "".join(c.split()) for c in cols), repr(line)
        qid, q0, doc, rank, score, tag = cols
        assert not qid.startswith("#") and q0 == "Q0" and tag == "qa", repr(line)
        if not blocks or blocks[-1][0] != qid:
            assert qid not in [b[0] for b in blocks], f"qid {qid!r} shared by two input lines"
            blocks.append((qid, []))
        blocks[-1][1].append((doc, int(rank), float(score)))
    out = []
    for qid, rows in blocks:
        docs = [d for d, _, _ in rows]
        assert len(set(docs)) == len(docs), f"{qid}: a docid twice"
        assert [r for _, r, _ in rows] == list(range(1, len(rows) + 1)), qid
        scores = [s for _, _, s in rows]
        assert all(a >= b for a, b in zip(scores, scores[1:])), (qid, scores)
        assert [d for d, _, _ in sorted(rows, key=lambda r: (r[2], r[0]), reverse=True)] == docs, qid
        out.append((qid, docs))
    return out


HOSTILE_IDS = [                                  # (id as the JSONL line gives it, qid it must get)
    ('"a 1"', "a_1"), ('"a\\t1"', "a_1~2"), ('"a_1"', "a_1~3"),          # whitespace; then made unique
    ('"dup"', "dup"), ('"dup"', "dup~2"), ('"dup~2"', "dup~2~2"),
    ('"_9"', "__9"),                             # looks like the id of line 9, which has none
    ('"#7"', "_#7"),                             # trec_eval would skip a line beginning with "#"
    ('""', "_11"), ('"  "', "_12"), ("null", "_13"),                       # no id: the line number
    ('"e\\u2003m\\u0000x"', "e_m_x"), ('"\\ud800z"', "?z"), ("42", "42"),
]


@pytest.mark.parametrize("check, text", [
    (False, "What is the name of the phase III trial of SYD985?"),    # the answer's passage, moved up, scores
    (True, "In Table 1, ARID1A, ANKRD44, EPHA5 and PKCα are each shown as negatively correlated with drug "
           "resistance."),                                              # below the next one; a passage twice
])
def test_trec_run_is_valid_for_trec_eval_whatever_the_ids(check, text):
    """CONTRACT.md, TREC run lines, over hostile ids, blank text and lines that are errors (which keep a qid)."""
    def jsonl(given: str) -> bytes:
        return ('{"id": %s, "q": %s}\n' % (given, json.dumps(text))).encode("utf-8")
    data = b"".join(jsonl(given) for given, _ in HOSTILE_IDS[:8])        # lines 1-8
    data += text.encode("utf-8") + b"\n"                                 # 9: plain text, no id
    data += b'{"id": "blank", "q": "   "}\n'                             # 10: blank text, an error
    data += b"".join(jsonl(given) for given, _ in HOSTILE_IDS[8:])        # 11-16
    data += b"\xff\xfe not utf-8\n" + jsonl('"blank"')                   # 17: an error; 18
    proc = run_qa("batch", *(["--check"] if check else []), "--format", "trec", "-k", "3", input=data)
    what = "claim" if check else "question"
    assert proc.returncode == 1 and "Traceback" not in proc.stderr_text
    assert proc.stderr_text.splitlines() == [f"qa: line 10: empty {what}: type a {what} about the review",
                                             "qa: line 17: invalid UTF-8 at byte 1 of the line"]
    blocks = _trec_eval_reads(proc.stdout_text)
    assert [qid for qid, _ in blocks] == ([qid for _, qid in HOSTILE_IDS[:8]] + ["_9"]
                                          + [qid for _, qid in HOSTILE_IDS[8:]] + ["blank~2"])
    assert len(blocks[0][1]) >= 2 and all(docs == blocks[0][1] for _, docs in blocks)   # same text, same run


def test_sigint_leaves_only_complete_lines(tmp_path):
    path = tmp_path / "many.txt"
    # far more questions than can be answered before the signal, on a fast machine too (the test is that the
    # interrupt leaves whole lines, so the batch must still be running when it comes)
    path.write_text("What was the objective response rate of SYD985?\n" * 400000, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(out, "wb") as fh:
        # a child of a background job inherits SIGINT ignored, and Python then keeps it ignored: restore the default
        proc = subprocess.Popen([sys.executable, "-m", "qa", "batch", str(path)], stdout=fh,
                                stderr=subprocess.PIPE, cwd=str(ROOT), env=env,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.default_int_handler))
        deadline = time.time() + 30
        while out.stat().st_size < 20000 and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)      # a loaded machine may take a while to wind down
    assert proc.returncode == 130
    assert b"Traceback" not in err
    data = out.read_bytes()
    assert data.endswith(b"\n")
    assert all(record["found"] for record in check_output(data.decode("utf-8")))


def test_output_file_and_missing_input(tmp_path):
    target = tmp_path / "out.jsonl"
    proc = run_qa("batch", "-", "-o", str(target), input="Who edited this?\n")
    assert proc.returncode == 0 and proc.stdout_text == ""
    assert json.loads(target.read_text(encoding="utf-8"))["found"] is True
    missing = run_qa("batch", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and missing.stderr_text.strip() == f"qa: {tmp_path / 'nope.txt'}: no such file"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_disk_full_on_output_is_a_clear_error():
    proc = run_qa("batch", "-", "-o", "/dev/full", input="Who edited this?\n" * 50)
    assert proc.returncode == 2
    assert "write failed" in proc.stderr_text and "Traceback" not in proc.stderr_text


# -- line ends and JSON lines by content -----------------------------------------------------------------

def test_cr_only_and_mixed_line_ends_split_lines(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"Who edited this?\rWhat is T-DM1?\r\rWho funded the study?\r\nWhat was the ORR of SYD985?\n")
    proc = run_qa("batch", str(path))
    records = _records(proc.stdout_text)
    assert proc.returncode == 0
    assert [(r["line"], r["question"]) for r in records] == [
        (1, "Who edited this?"), (2, "What is T-DM1?"), (4, "Who funded the study?"), (5, "What was the ORR of SYD985?")]
    piped = _records(run_qa("batch", "-", input=b"Who edited this?\rWhat is T-DM1?").stdout_text)
    assert [r["question"] for r in piped] == ["Who edited this?", "What is T-DM1?"]


def test_a_crlf_split_between_two_reads_is_one_line_end(tmp_path):
    # the reader takes 64 KiB at a time: this CR is the last byte of the first read and its LF the first of the next
    first = "x" * (64 * 1024 - 1)
    path = tmp_path / "split.txt"
    path.write_bytes(first.encode() + b"\r\nWho edited this?\n")
    records = _records(run_qa("batch", str(path)).stdout_text)
    assert [r["line"] for r in records] == [1, 2]
    assert records[0]["error"].startswith("question too long") and records[1]["found"] is True


def test_a_line_without_an_end_is_one_error_record_not_all_memory(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"Who edited this?\n" + b"y" * (8 * 1024 * 1024))
    proc = run_qa("batch", str(path))
    records = _records(proc.stdout_text)
    assert proc.returncode == 1 and len(records) == 2
    assert records[1]["error"] == ("line too long: 8388608 bytes (the limit is 65536 bytes and 4000 characters)")


@pytest.mark.parametrize("name", ["q.txt", "questions", "q.json"])
def test_json_lines_are_known_by_their_content_not_the_suffix(tmp_path, name):
    path = tmp_path / name
    path.write_text('\n{"id": "a1", "q": "Who edited this?"}\nWhat is T-DM1?\n{"id": "a3", "q": "What is T-DM1?"}\n',
                    encoding="utf-8")
    records = _records(run_qa("batch", str(path)).stdout_text)
    assert [(r["id"], r["question"]) for r in records] == [("a1", "Who edited this?"), ("3", "What is T-DM1?"),
                                                          ("a3", "What is T-DM1?")]


def test_a_jsonl_file_still_reads_every_line_as_json(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a1", "q": "Who edited this?"}\nnot json\n', encoding="utf-8")
    records = _records(run_qa("batch", str(path)).stdout_text)
    assert records[1] == {"schema": 1, "line": 2, "error": "not valid JSON: Expecting value", "id": "2"}


def test_a_tsv_row_names_the_passage_its_answer_is_read_from():
    """The section, passage and score columns describe one passage: the one the answer sentence comes from."""
    proc = run_qa("batch", "--format", "tsv", input="What is p95?\n")
    row = proc.stdout_text.splitlines()[1].split("\t")
    section, passage = row[4], row[5]
    assert passage.split("/")[0] == section

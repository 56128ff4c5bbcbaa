"""TREC run lines that trec_eval reads as `qa` ranked them: one whitespace-free qid per input line, ranks from 1,
strictly falling scores and each docid once per qid."""
from __future__ import annotations

import re

# Whitespace and control characters (NUL ends trec_eval's reading of a line) and lone surrogates (not UTF-8)
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\ud800-\udfff]+")
FALLBACK = "_"          # a line without an id gets "_" and its line number
STEP = 0.0001           # scores are printed with four decimals


def column(text: str) -> str:
    """Text as one whitespace-free column: each run of whitespace or control characters becomes "_"."""
    return _UNSAFE.sub("_", text.strip())


class Qids:
    """Gives each input line its own qid. A user id is kept with its whitespace made "_"; one that begins with
    "_" or "#" gets a "_" in front, since trec_eval skips a line that begins with "#" as a comment and since
    "_" and digits are the id of a line without one, so no user id can meet those; an id already given gets
    "~2", "~3", ..."""

    def __init__(self):
        self._used: set[str] = set()

    def qid(self, line: int, user_id: str | None) -> str:
        base = column(user_id) if user_id is not None else ""
        if not base:
            base = f"{FALLBACK}{line}"
        elif base[0] in (FALLBACK, "#"):
            base = FALLBACK + base
        qid, n = base, 2
        while qid in self._used:
            qid, n = f"{base}~{n}", n + 1
        self._used.add(qid)
        return qid


def run_lines(qid: str, ranked: list[tuple[str, float]], tag: str = "qa") -> str:
    """One line per docid in the order given, ranked from 1. trec_eval orders a qid's lines by score (ties by
    docid) and refuses a docid twice, so a repeated docid is dropped and a score that would not fall below the
    one before is set just below it: a passage moved up for holding the answer stays where `qa` put it."""
    out, seen, last = [], set(), None
    for doc, score in ranked:
        doc = column(doc) or "_"
        if doc in seen:
            continue
        seen.add(doc)
        score = round(score, 4)
        if last is not None and score >= last:
            score = round(last - STEP, 4)
        last = score
        out.append(f"{qid} Q0 {doc} {len(out) + 1} {score:.4f} {tag}\n")
    return "".join(out)

"""Synthetic many-review corpora from this review's paragraphs: index build, cache size and query latency; and, as
a library on disk (`--write-library DIR N`), the time a fresh `qa --corpus DIR ask` takes (`--one-shot DIR`).

    python tests/bench/scale.py --write-library /tmp/lib1000 1000
    python tests/bench/scale.py --one-shot /tmp/lib1000
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from qa.engine import Engine
from qa.index import PassageIndex, RankerSettings
from qa.models import Passage
from qa.text import Tokenizer

PASSAGES_PER_DOCUMENT = 60


def synthetic_passages(documents: int, seed: int = 11) -> tuple[Passage, ...]:
    """Each document: 60 of the review's body paragraphs, shuffled, under its own section numbers."""
    base = [p for p in Engine.load().document.passages if p.section[:1].isdigit() or p.section == "table-1"]
    rng = random.Random(seed)
    out = []
    for d in range(1, documents + 1):
        for i in range(PASSAGES_PER_DOCUMENT):
            src = rng.choice(base)
            section = f"{i // 12 + 1}.{i % 12 + 1}"
            out.append(Passage(f"doc{d}:{section}/p1", f"doc{d}:{section}", src.title,
                               (f"Review {d}", f"{section} {src.title}"), src.text, src.citations))
    return tuple(out)


def measure(documents: int, queries: int = 200) -> dict:
    passages = synthetic_passages(documents)
    tokenizer = Tokenizer()
    settings = RankerSettings()
    start = time.perf_counter()
    index = PassageIndex.build(passages, tokenizer, settings)
    tokens, sentence_tokens = index.corpus_tokens, index.sentence_tokens
    build = time.perf_counter() - start
    cache = json.dumps({"passages": [p.text for p in passages], "tokens": tokens,
                        "sentence_tokens": sentence_tokens}, ensure_ascii=False)
    import yaml
    from pathlib import Path
    gold = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "dev_questions.yaml").read_text())
    questions = [g["q"] for g in gold][:queries]
    latencies = []
    for q in questions:
        weights = {t: 1.0 for t in tokenizer.tokens(q)}
        t0 = time.perf_counter()
        index.search(weights, 5)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    return {"documents": documents, "passages": len(passages), "sentences": len(sentence_tokens),
            "backend": index.backend, "build_s": build, "cache_mb": len(cache.encode()) / 1e6,
            "query_p50_ms": statistics.median(latencies), "query_p99_ms": latencies[int(0.99 * (len(latencies) - 1))]}


ONE_SHOT_QUESTION = "What was the ORR of epertinib?"
ONE_SHOT_RUNS = 5


def write_library(directory: Path, documents: int, seed: int = 11) -> None:
    """N review sub-directories, each a review.md the parser reads: a title, a publication date, and 60 of the real
    review's body paragraphs (shuffled) under its own numbered sections (5 parts of 12 subsections)."""
    base = [p for p in Engine.load().document.passages if p.section[:1].isdigit()]
    rng = random.Random(seed)
    width = len(str(documents))
    for d in range(1, documents + 1):
        lines = [f"PUBLISHED {1 + d % 28:02d} March {2000 + d % 24}", "",
                 f"# Synthetic review {d}: a benchmark fixture made of one real review's paragraphs", ""]
        for i in range(PASSAGES_PER_DOCUMENT):
            src = rng.choice(base)
            part, sub = i // 12 + 1, i % 12 + 1
            if sub == 1:
                lines += [f"## {part} Part {part} of review {d}", ""]
            lines += [f"### {part}.{sub} {src.title}", "", src.text, ""]
        target = directory / f"review{d:0{width}d}"
        target.mkdir(parents=True, exist_ok=True)
        (target / "review.md").write_text("\n".join(lines), encoding="utf-8")


def one_shot(directory: Path, question: str = ONE_SHOT_QUESTION, runs: int = ONE_SHOT_RUNS) -> dict:
    """A fresh `qa --corpus DIR ask QUESTION --json` process, timed from here: once to build the caches (library
    index, the answering review's engine), then `runs` times; min and median wall seconds."""
    command = [sys.executable, "-m", "qa", "--corpus", str(directory), "ask", question, "--json"]
    env = dict(os.environ)
    started = time.perf_counter()
    first = subprocess.run(command, capture_output=True, env=env, check=True)
    build = time.perf_counter() - started
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    record = json.loads(first.stdout)
    # CPU seconds (user + system) of the process beside the wall time: on a shared machine the wall time also
    # holds the waits for a core
    return {"directory": str(directory), "reviews": sum(1 for p in directory.iterdir() if (p / "review.md").is_file()),
            "first_run_s": round(build, 2), "min_s": round(min(times), 3), "median_s": round(statistics.median(times), 3),
            "cpu_min_s": round(min(cpu), 3), "cpu_median_s": round(statistics.median(cpu), 3),
            "answered_by": record["passages"][0].get("doc") if record["passages"] else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-library", nargs=2, metavar=("DIR", "N"), help="write N synthetic reviews into DIR")
    parser.add_argument("--one-shot", metavar="DIR", help="time a fresh `qa --corpus DIR ask` process")
    parser.add_argument("--question", default=ONE_SHOT_QUESTION)
    parser.add_argument("--runs", type=int, default=ONE_SHOT_RUNS)
    args = parser.parse_args(argv)
    if args.write_library:
        directory, n = Path(args.write_library[0]), int(args.write_library[1])
        write_library(directory, n)
        print(f"wrote {n:,} reviews into {directory}")
    if args.one_shot:
        print(json.dumps(one_shot(Path(args.one_shot), args.question, args.runs)))
    if not (args.write_library or args.one_shot):
        parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())

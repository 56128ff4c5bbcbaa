"""Synthetic many-review corpora from this review's paragraphs: index build, index size on disk, query latency and
peak memory, each size measured in a child process of its own with an empty cache directory; and, as a library on
disk (`--write-library DIR N`), the time a fresh `qa --corpus DIR ask` takes (`--one-shot DIR`).

Run from the repository root:  python tests/bench/scale.py --sizes 10,100,1000  [--workers N] [--json]
                               python tests/bench/scale.py --write-library /tmp/lib1000 1000
                               python tests/bench/scale.py --one-shot /tmp/lib1000
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSAGES_PER_DOCUMENT = 60


_WORD = re.compile(r"[A-Za-z]{4,}")


def own_words(text: str, rate: float, rng: random.Random, document: int) -> str:
    """The text with about `rate` of its longer words made the document's own (a suffix from the document's
    number and the word: "resistance" -> "resistancebqx" in one document, "resistancekfe" in another), so that a
    corpus of copies of one review's paragraphs has a vocabulary that grows with it, as a corpus of different
    reviews does, and no word memo or sentence cache is hit across documents more than real text would allow."""
    if rate <= 0:
        return text

    def change(match: re.Match) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        code = zlib.crc32(f"{document}:{word}".encode())
        return word + "".join(chr(97 + (code >> (5 * i)) % 26) for i in range(3))
    return _WORD.sub(change, text)


def synthetic_passages(documents: int, seed: int = 11, new_words: float = 0.0):
    """Each document: 60 of the review's body paragraphs, shuffled, under its own section numbers (with
    `new_words`, that share of their words made the document's own: own_words)."""
    from qa.engine import Engine
    from qa.models import Passage
    base = [p for p in Engine.load().document.passages if p.section[:1].isdigit() or p.section == "table-1"]
    rng = random.Random(seed)
    out = []
    for d in range(1, documents + 1):
        for i in range(PASSAGES_PER_DOCUMENT):
            src = rng.choice(base)
            section = f"{i // 12 + 1}.{i % 12 + 1}"
            out.append(Passage(f"doc{d}:{section}/p1", f"doc{d}:{section}", src.title,
                               (f"Review {d}", f"{section} {src.title}"), own_words(src.text, new_words, rng, d),
                               src.citations))
    return tuple(out)


def disk_size(directory: Path) -> int:
    """Bytes of the tantivy indexes (and their token stores) under the cache directory."""
    total = 0
    for path in directory.rglob("*"):
        if path.is_file() and any(part.startswith("tantivy-") for part in path.relative_to(directory).parts):
            total += path.stat().st_size
    return total


def measure(documents: int, queries: int = 200, workers: int | None = None, new_words: float = 0.0) -> dict:
    """Build the index of `documents` synthetic reviews (in this process's cache directory, which should start
    empty), query it, and build it again (a later process's start: the finished index reopened)."""
    import yaml
    from qa.dirs import cache_home
    from qa.index import PassageIndex, RankerSettings
    from qa.text import Tokenizer
    passages = synthetic_passages(documents, new_words=new_words)
    tokenizer = Tokenizer()
    settings = RankerSettings()
    before = disk_size(cache_home())
    start = time.perf_counter()
    index = PassageIndex.build(passages, tokenizer, settings, workers=workers)
    build = time.perf_counter() - start
    size = disk_size(cache_home()) - before
    gold = yaml.safe_load((ROOT / "tests" / "data" / "dev_questions.yaml").read_text(encoding="utf-8"))
    questions = [g["q"] for g in gold][:queries]
    latencies = []
    for q in questions:
        weights = {t: 1.0 for t in tokenizer.tokens(q)}
        t0 = time.perf_counter()
        index.search(weights, 5)
        latencies.append((time.perf_counter() - t0) * 1000)
    latencies.sort()
    start = time.perf_counter()
    again = PassageIndex.build(passages, Tokenizer(), settings, workers=workers)
    reopen = time.perf_counter() - start
    return {"documents": documents, "new_words": new_words, "vocabulary": len(index.vocabulary),
            "passages": len(passages), "sentences": len(index.sentence_tokens),
            "backend": index.backend, "sentence_backend": index._sentence_bm25.name, "build_s": build,
            "reopen_s": reopen if again.backend == "tantivy" else None,
            "index_mb": size / 1e6, "cache_mb": size / 1e6,
            "query_p50_ms": statistics.median(latencies), "query_p99_ms": latencies[int(0.99 * (len(latencies) - 1))],
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def run_child(documents: int, workers: int | None = None, new_words: float = 0.0) -> dict:
    """measure() in a child process with an empty cache directory of its own."""
    with tempfile.TemporaryDirectory(prefix="qa-scale-") as cache:
        env = dict(os.environ, XDG_CACHE_HOME=cache, PYTHONPATH=str(ROOT))
        # the review itself is parsed once into this cache, as a warm `qa` would find it
        subprocess.run([sys.executable, "-c", "from qa.engine import Engine; Engine.load()"], env=env, check=True,
                       cwd=str(ROOT))
        code = (f"import json, sys; from tests.bench.scale import measure; "
                f"print(json.dumps(measure({documents}, workers={workers!r}, new_words={new_words!r})))")
        out = subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=str(ROOT),
                             stdout=subprocess.PIPE).stdout
        row = json.loads(out)
        # the same documents as a library on disk: its first `qa ask` builds it, later ones open it
        with tempfile.TemporaryDirectory(prefix="qa-library-") as library:
            write_library(Path(library), documents, new_words=new_words)
            shot = one_shot(Path(library), env=env)
        row.update(library_build_s=shot["first_run_s"], library_build_rss_mb=shot["first_run_rss_mb"],
                   library_cache_mb=library_cache(Path(cache)) / 1e6, one_shot_min_s=shot["min_s"],
                   one_shot_median_s=shot["median_s"], one_shot_rss_mb=shot["rss_mb"])
    return row


def library_cache(cache: Path) -> int:
    """Bytes of the libraries' cache directories (manifest, library index, the engines built so far)."""
    return sum(p.stat().st_size for d in cache.rglob("library-*") if d.is_dir() for p in d.rglob("*") if p.is_file())


def table(rows: list[dict]) -> str:
    lines = ["| documents | passages | sentences | distinct stems | backend | build | reopen | index on disk | query p50 "
             "| query p99 | peak RSS | workers' peak RSS |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    library = ["| reviews | library build (first `qa ask`) | its peak RSS | library cache | one-shot `qa ask` min "
               "| median | its peak RSS |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        library.append(f"| {r['documents']:,} | {r['library_build_s']:.1f} s | {r['library_build_rss_mb']:.0f} MB | "
                       f"{r['library_cache_mb']:.1f} MB | {r['one_shot_min_s']:.2f} s | {r['one_shot_median_s']:.2f} s "
                       f"| {r['one_shot_rss_mb']:.0f} MB |")
    for r in rows:
        reopen = f"{r['reopen_s']:.2f} s" if r["reopen_s"] is not None else "—"
        disk = f"{r['index_mb']:.1f} MB" if r["index_mb"] else "— (in memory)"
        workers = f"{r['workers_rss_mb']:.0f} MB" if r["workers_rss_mb"] else "—"
        backend = r["backend"] if r["backend"] == r["sentence_backend"] else f"{r['backend']} / {r['sentence_backend']}"
        lines.append(f"| {r['documents']:,} | {r['passages']:,} | {r['sentences']:,} | {r['vocabulary']:,} | {backend} | "
                     f"{r['build_s']:.1f} s | {reopen} | {disk} | {r['query_p50_ms']:.1f} ms | "
                     f"{r['query_p99_ms']:.1f} ms | {r['rss_mb']:.0f} MB | {workers} |")
    return "\n".join(lines) + "\n\n" + "\n".join(library)


ONE_SHOT_QUESTION = "What was the ORR of epertinib?"
ONE_SHOT_RUNS = 5


def write_library(directory: Path, documents: int, seed: int = 11, new_words: float = 0.0) -> None:
    """N review sub-directories, each a review.md the parser reads: a title, a publication date, and 60 of the real
    review's body paragraphs (shuffled) under its own numbered sections (5 parts of 12 subsections)."""
    from qa.engine import Engine
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
            lines += [f"### {part}.{sub} {src.title}", "", own_words(src.text, new_words, rng, d), ""]
        target = directory / f"review{d:0{width}d}"
        target.mkdir(parents=True, exist_ok=True)
        (target / "review.md").write_text("\n".join(lines), encoding="utf-8")


def _timed(command: list[str], env: dict) -> tuple[float, float, float, bytes]:
    """Run a command to its end: wall seconds, CPU seconds (user + system) and peak RSS (MB) of that process alone,
    and its stdout."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env, cwd=str(ROOT))
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - t0
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise subprocess.CalledProcessError(process.returncode, command)
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out.read()


def one_shot(directory: Path, question: str = ONE_SHOT_QUESTION, runs: int = ONE_SHOT_RUNS,
             env: dict | None = None) -> dict:
    """A fresh `qa --corpus DIR ask QUESTION --json` process, timed from here: once to build the caches (library
    index, the answering review's engine), then `runs` times; min and median wall seconds."""
    command = [sys.executable, "-m", "qa", "--corpus", str(directory), "ask", question, "--json"]
    env = dict(os.environ if env is None else env)
    # bytecode written, as a pip install leaves it (a sandbox's PYTHONDONTWRITEBYTECODE would compile every module
    # in every process)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "qa")], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    build, _, build_rss, first = _timed(command, env)
    runs_ = [_timed(command, env) for _ in range(runs)]
    times, cpu = [r[0] for r in runs_], [r[1] for r in runs_]
    record = json.loads(first)
    # CPU seconds (user + system) of the process beside the wall time: on a shared machine the wall time also
    # holds the waits for a core
    return {"directory": str(directory), "reviews": sum(1 for p in directory.iterdir() if (p / "review.md").is_file()),
            "first_run_s": round(build, 2), "first_run_rss_mb": round(build_rss), "min_s": round(min(times), 3),
            "median_s": round(statistics.median(times), 3), "rss_mb": round(max(r[2] for r in runs_)),
            "cpu_min_s": round(min(cpu), 3), "cpu_median_s": round(statistics.median(cpu), 3),
            "answered_by": record["passages"][0].get("doc") if record["passages"] else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None, help="numbers of documents, comma-separated (e.g. 10,100,1000)")
    parser.add_argument("--workers", type=int, default=None, help="tokenising processes (default: as many as pay)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--write-library", nargs=2, metavar=("DIR", "N"), help="write N synthetic reviews into DIR")
    parser.add_argument("--one-shot", metavar="DIR", help="time a fresh `qa --corpus DIR ask` process")
    parser.add_argument("--new-words", type=float, default=0.0, metavar="RATE",
                        help="make this share of each document's longer words its own (0.05: a vocabulary that grows "
                             "with the corpus, as different reviews' does; default 0, copies of the review's words)")
    parser.add_argument("--question", default=ONE_SHOT_QUESTION)
    parser.add_argument("--runs", type=int, default=ONE_SHOT_RUNS)
    args = parser.parse_args(argv)
    counts = ([args.write_library[1]] if args.write_library else []) + (args.sizes.split(",") if args.sizes else [])
    if not all(c.strip().isdigit() and int(c) > 0 for c in counts):
        parser.error(f"numbers of documents must be positive whole numbers, not {', '.join(counts)!r}")
    if not 0 <= args.new_words <= 1:
        parser.error(f"--new-words: a share between 0 and 1, not {args.new_words}")
    if args.one_shot and not Path(args.one_shot).is_dir():
        parser.error(f"--one-shot: no directory {args.one_shot!r}")
    if args.write_library:
        directory, n = Path(args.write_library[0]), int(args.write_library[1])
        write_library(directory, n, new_words=args.new_words)
        print(f"wrote {n:,} reviews into {directory}")
    if args.one_shot:
        print(json.dumps(one_shot(Path(args.one_shot), args.question, args.runs)))
    if args.sizes or not (args.write_library or args.one_shot):
        rows = [run_child(int(n), args.workers, args.new_words) for n in (args.sizes or "10,100,1000").split(",")]
        print(json.dumps(rows, indent=2) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

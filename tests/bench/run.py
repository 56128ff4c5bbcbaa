"""Benchmark: start-up against the floor, throughput against bm25s, latency, memory, TUI timings, scale.

Run from the repository root:  python tests/bench/run.py  [--quick] [--json]
Prints one Markdown table of medians over repeated runs, with the machine noted. Nothing here is asserted:
machines are noisy; the numbers go in the README.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

QUESTION = "What was the ORR of epertinib?"
CLAIM = "Epertinib showed an objective response rate of 45%."


def run_timed(cmd: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=str(ROOT))
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1, 3):
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def median_run(cmd: list[str], env: dict, repeat: int) -> tuple[float, int]:
    runs = [run_timed(cmd, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def questions_1000() -> list[str]:
    import yaml
    items = yaml.safe_load((ROOT / "tests" / "data" / "dev_questions.yaml").read_text(encoding="utf-8"))
    base = [i["q"] for i in items]
    rng = random.Random(7)
    out = []
    while len(out) < 1000:
        q = rng.choice(base)
        out.append(q if rng.random() < 0.5 else q.lower().rstrip("?"))
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def bench_inprocess(repeat: int) -> dict:
    from qa.engine import Engine
    from qa.formats import answer_json
    out: dict = {}
    builds = []
    for _ in range(repeat):
        start = time.perf_counter()
        Engine.load(use_cache=False)
        builds.append(time.perf_counter() - start)
    out["index_build_s"] = statistics.median(builds)
    Engine.load()   # make sure the cache is warm
    loads = []
    for _ in range(repeat):
        start = time.perf_counter()
        engine = Engine.load()
        loads.append(time.perf_counter() - start)
    out["cache_load_s"] = statistics.median(loads)
    questions = questions_1000()
    for q in questions[:50]:
        engine.ask(q)      # warm the stem cache and sentence splitter
    latencies = []
    for q in questions:
        start = time.perf_counter()
        engine.ask(q)
        latencies.append((time.perf_counter() - start) * 1000)
    out["ask_p50_ms"] = percentile(latencies, 50)
    out["ask_p99_ms"] = percentile(latencies, 99)
    # Batch throughput: what `qa batch` does per line (answer + JSON line), start-up excluded.
    sink = open(os.devnull, "w")
    rates = []
    for _ in range(max(1, repeat // 2)):
        start = time.perf_counter()
        for q in questions:
            sink.write(json.dumps(answer_json(engine.ask(q)), ensure_ascii=False) + "\n")
        rates.append(len(questions) / (time.perf_counter() - start))
    out["batch_qps"] = statistics.median(rates)
    check_latencies = []
    for claim in [CLAIM, "SYD985 had a 33% objective response rate.", "About 70% of patients become resistant."] * 20:
        start = time.perf_counter()
        engine.check(claim)
        check_latencies.append((time.perf_counter() - start) * 1000)
    out["check_p50_ms"] = percentile(check_latencies, 50)
    # Retrieval alone beside bm25s, alternating rounds so both see the same machine load.
    ours, theirs = [], []
    for _ in range(max(1, repeat // 2)):
        start = time.perf_counter()
        for q in questions:
            engine.search(q, 5)
        ours.append(len(questions) / (time.perf_counter() - start))
        theirs.append(bench_bm25s(engine, questions, 1))
    out["search_qps"] = statistics.median(ours)
    out["bm25s_qps"] = statistics.median(t for t in theirs if t) if any(theirs) else None
    return out


def bench_bm25s(engine, questions: list[str], repeat: int) -> float | None:
    """bm25s on the same passages, one question at a time (tokenise + retrieve top 5), as a batch would."""
    try:
        import bm25s
    except ImportError:
        return None
    from nltk.stem.snowball import SnowballStemmer
    stem = SnowballStemmer("english").stem
    stemmer = lambda words: [stem(w) for w in words]   # noqa: E731
    corpus = bm25s.tokenize([p.text for p in engine.document.passages], stopwords="en", stemmer=stemmer,
                            show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    rates = []
    for _ in range(max(1, repeat // 2)):
        start = time.perf_counter()
        for q in questions:
            tokens = bm25s.tokenize([q], stopwords="en", stemmer=stemmer, show_progress=False)
            if tokens.vocab:
                retriever.retrieve(tokens, k=5, show_progress=False)
        rates.append(len(questions) / (time.perf_counter() - start))
    return statistics.median(rates)


def bench_tui(repeat: int) -> dict:
    """Launch to ready (input focused, screen idle) and Enter to answer card mounted, with Pilot."""
    try:
        import asyncio
        from qa.engine import Engine
        from tui.app import build_app
        from tui.widgets.answer_card import AnswerCard
    except ImportError as exc:
        return {"tui_error": str(exc)}
    engine = Engine.load()
    ready, answered = [], []

    async def once(history: Path) -> None:
        start = time.perf_counter()
        app = build_app(engine, history_path=history)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            ready.append(time.perf_counter() - start)
            app.query_one("Input").value = "What fraction of HER2-positive tumours express p95-HER2?"
            start = time.perf_counter()
            await pilot.press("enter")
            for _ in range(2000):
                if app.query(AnswerCard):
                    break
                await pilot.pause(0.001)
            answered.append(time.perf_counter() - start)

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            asyncio.run(once(Path(tmp) / f"history{i}"))
    return {"tui_ready_s": statistics.median(ready), "tui_answer_s": statistics.median(answered)}


def bench_scale(sizes: list[int]) -> list[dict]:
    """tests/bench/scale.py's measure, each size in a child process with an empty cache directory."""
    from tests.bench.scale import run_child
    return [run_child(n) for n in sizes]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
    except (OSError, StopIteration):
        model = cpu
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions and no 1,000-document scale")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    repeat = 3 if args.quick else 9
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT)
    py = sys.executable
    results: dict = {"machine": machine()}
    subprocess.run([py, "-m", "qa", "ask", QUESTION, "--json"], env=env, cwd=str(ROOT), capture_output=True)
    results["floor_s"], _ = median_run([py, "-c", "import nltk, rank_bm25, yaml"], env, repeat)
    results["ask_s"], results["ask_rss_kb"] = median_run([py, "-m", "qa", "ask", QUESTION, "--json"], env, repeat)
    results["check_s"], results["check_rss_kb"] = median_run([py, "-m", "qa", "check", CLAIM, "--json"], env, repeat)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(questions_1000()) + "\n")
        batch_file = fh.name
    results["batch_cli_s"], results["batch_rss_kb"] = median_run([py, "-m", "qa", "batch", batch_file], env,
                                                                 max(1, repeat // 3))
    os.unlink(batch_file)
    results.update(bench_inprocess(repeat))
    results.update(bench_tui(max(1, repeat // 3)))
    results["scale"] = bench_scale([10, 100] if args.quick else [10, 100, 1000])
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(report(results))


def report(r: dict) -> str:
    floor = r["floor_s"]
    lines = [f"Machine: {r['machine']}", "",
             "| measure | value |", "|---|---|",
             f"| floor: `python -c \"import nltk, rank_bm25, yaml\"` | {floor * 1000:.0f} ms |",
             f"| `qa ask … --json`, cache warm | {r['ask_s'] * 1000:.0f} ms ({r['ask_s'] / floor:.2f}× floor) |",
             f"| `qa check … --json`, cache warm | {r['check_s'] * 1000:.0f} ms ({r['check_s'] / floor:.2f}× floor) |",
             f"| `qa batch`, 1,000 questions, whole command | {r['batch_cli_s']:.2f} s |",
             f"| batch throughput, full answers as JSON lines, start-up excluded | {r['batch_qps']:.0f} questions/s |",
             f"| retrieval alone (`Engine.search`: tokenise, expand, rank top 5) | {r['search_qps']:.0f} questions/s |",
             "| bm25s on the same passages (tokenise + top 5), same rounds | "
             + (f"{r['bm25s_qps']:.0f} questions/s |" if r.get("bm25s_qps") else "bm25s not installed |"),
             f"| `Engine.ask` latency p50 / p99 | {r['ask_p50_ms']:.2f} / {r['ask_p99_ms']:.2f} ms |",
             f"| `Engine.check` latency p50 | {r['check_p50_ms']:.2f} ms |",
             f"| index build (parse, validate facts, tokenise) | {r['index_build_s'] * 1000:.0f} ms |",
             f"| cache load (`Engine.load`, warm) | {r['cache_load_s'] * 1000:.0f} ms |"]
    if "tui_ready_s" in r:
        lines += [f"| TUI launch to ready (Pilot) | {r['tui_ready_s'] * 1000:.0f} ms |",
                  f"| TUI Enter to answer shown (Pilot) | {r['tui_answer_s'] * 1000:.0f} ms |"]
    else:
        lines.append(f"| TUI | not measured: {r.get('tui_error')} |")
    lines += [f"| peak RSS `qa ask` / `qa check` | {r['ask_rss_kb'] / 1024:.0f} / {r['check_rss_kb'] / 1024:.0f} MB |",
              f"| peak RSS `qa batch` (1,000 questions) | {r['batch_rss_kb'] / 1024:.0f} MB |", "",
              "| documents | passages | sentences | backend | build | index on disk | query p50 | query p99 | peak RSS |",
              "|---|---|---|---|---|---|---|---|---|"]
    for s in r["scale"]:
        lines.append(f"| {s['documents']:,} | {s['passages']:,} | {s['sentences']:,} | {s['backend']} | "
                     f"{s['build_s']:.1f} s | {s['cache_mb']:.1f} MB | {s['query_p50_ms']:.1f} ms | "
                     f"{s['query_p99_ms']:.1f} ms | {s['rss_mb']:.0f} MB |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()

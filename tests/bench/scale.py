"""Synthetic many-review corpora from this review's paragraphs: index build, cache size and query latency."""
from __future__ import annotations

import json
import random
import statistics
import time

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

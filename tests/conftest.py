"""Shared fixtures: the real review loaded once, an isolated cache directory, no network at all, and `run_qa`, which
runs the CLI as a user would and checks every JSON record it prints against the shipped schemas."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from records import check_output

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED_NAME = "review.md"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test: nothing may download at run time."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session", autouse=True)
def isolated_dirs(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    data = tmp_path_factory.mktemp("data")
    nltk_data = tmp_path_factory.mktemp("nltk_data_empty")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    os.environ["XDG_DATA_HOME"] = str(data)
    os.environ["NLTK_DATA"] = str(nltk_data)
    yield


@pytest.fixture(scope="session")
def engine():
    from qa.engine import Engine
    return Engine.load()


@pytest.fixture(scope="session")
def mini_engine():
    """The engine over the small test review of another subject (tests/data/mini_corpus)."""
    from pathlib import Path
    from qa.engine import Engine
    return Engine.load(Path(__file__).parent / "data" / "mini_corpus", use_cache=False)


@pytest.fixture(scope="session")
def document(engine):
    return engine.document


@pytest.fixture(scope="session")
def source_text():
    return (ROOT / "corpus" / SEED_NAME).read_text(encoding="utf-8")


def run_qa(*args: str, input: bytes | str | None = None, env: dict | None = None, timeout: float = 60):
    """Run the CLI as a user would, in a subprocess; returns CompletedProcess with text output."""
    full_env = dict(os.environ)
    full_env.pop("COLUMNS", None)
    full_env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).parent / "nonet"), str(ROOT)])
    if env:
        full_env.update(env)
    if isinstance(input, str):
        input = input.encode("utf-8")
    proc = subprocess.run([sys.executable, "-m", "qa", *args], input=input, capture_output=True,
                          env=full_env, timeout=timeout, cwd=str(ROOT))
    proc.stdout_text = proc.stdout.decode("utf-8", "replace")
    proc.stderr_text = proc.stderr.decode("utf-8", "replace")
    # every JSON record the tests see follows its shipped schema (tests/records.py)
    where = f"qa {' '.join(args)[:80]}: "
    proc.records = check_output(proc.stdout_text, where)
    for flag in ("-o", "--output"):
        target = Path(args[args.index(flag) + 1]) if flag in args[:-1] else None
        if target is not None and target.is_file():
            proc.records += check_output(target.read_text(encoding="utf-8", errors="replace"), where)
    return proc

"""The chat UI and `qa chat` driven in tmux as a person would: keys typed, the screen read back (capture-pane)."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """One detached tmux session on a private server socket, running one command at a given size."""

    def __init__(self, command: list[str], width: int, height: int, env: dict[str, str]):
        self.socket = f"qa-test-{uuid.uuid4().hex[:8]}"
        line = " ".join(shlex.quote(part) for part in command)
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self._tmux("new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                   f"cd {shlex.quote(str(ROOT))} && env {exports} {line}; echo '[exited]' $?; sleep 30")

    def _tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], check=True, capture_output=True,
                              text=True).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        self._tmux("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def type(self, text: str) -> None:
        self.keys(text, literal=True)
        self.keys("Enter")

    def screen(self) -> str:
        return self._tmux("capture-pane", "-t", "t", "-p")

    def wait_for(self, text: str, timeout: float = 30) -> str:
        end = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")

    def resize(self, width: int, height: int) -> None:
        self._tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


@pytest.fixture
def tmux(tmp_path):
    sessions = []

    def start(*args: str, width: int = 80, height: int = 24, term: str = "xterm-256color") -> Tmux:
        env = {"XDG_DATA_HOME": str(tmp_path / "data"), "TERM": term, "PYTHONPATH": str(ROOT),
               "PATH": os.environ.get("PATH", "")}
        session = Tmux([sys.executable, "-m", "qa", *args], width, height, env)
        sessions.append(session)
        return session
    yield start
    for session in sessions:
        session.close()


def test_chat_ui_in_tmux_follow_up_new_topic_resize_check_and_quit(tmux):
    t = tmux()
    t.wait_for("Ask the review")
    t.type("what is the objective response rate of epertinib?")
    t.wait_for("19.0% objective response rate")
    t.type("is it approved?")
    screen = t.wait_for("understood as epertinib: approved")
    assert "approved by the FDA" in screen and "topic  epertinib" in screen
    t.keys("C-n")
    t.wait_for("new topic: the next question stands alone")
    t.type("is it approved?")
    screen = t.wait_for("Author contributions")
    assert "understood as" not in screen
    t.resize(120, 40)
    screen = t.wait_for("You › is it approved?")                 # the latest question is still in view
    assert max(len(line) for line in screen.splitlines()) <= 120
    t.type("check: epertinib had an ORR of 45%")
    t.wait_for("CONTRADICTED")
    t.keys("C-q")
    t.wait_for("[exited] 0")


def test_qa_chat_and_a_dumb_terminal_in_tmux(tmux):
    t = tmux(term="dumb")                                     # plain `qa` on a dumb terminal opens the REPL
    t.wait_for("qa chat")
    t.type("what is the objective response rate of epertinib?")
    t.wait_for("19.0% objective response rate")
    t.type("is it approved?")
    t.wait_for("Understood as: epertinib: approved")
    t.type("check: epertinib had an ORR of 45%")
    t.wait_for("CONTRADICTED")
    t.keys("C-d")
    t.wait_for("[exited] 0")


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_qa_ask_at_80x24_pages_and_fits(tmux):
    """`qa ask` on a small terminal: through less, nothing wider than the screen, no word split at its edge; a
    table lines up; on a wide terminal the text uses the width."""
    t = tmux("ask", "What was the ORR of epertinib?")
    screen = t.wait_for("Answer (§4.1):")
    lines = screen.splitlines()
    assert lines[-1].startswith(":")                       # less waits on its prompt line
    assert max(len(line) for line in lines) <= 80
    assert "   An extended phase Ib study found a 19.0% objective response rate (ORR) in" in lines
    t.keys("q")
    t.wait_for("[exited] 0")
    t = tmux("show", "table", "1")
    screen = t.wait_for("Biomarkers")
    rows = [line for line in screen.splitlines() if line.startswith(("CDK12", "Cullin7", "ARID1A"))]
    assert len(rows) == 3 and len({line.index("Primary") for line in rows}) == 1     # one column
    t.keys("q")
    t.wait_for("[exited] 0")
    t = tmux("ask", "What was the ORR of epertinib?", "--no-pager", width=120, height=60)
    screen = t.wait_for("[exited] 0")
    assert "   An extended phase Ib study found a 19.0% objective response rate (ORR) in patients with heavy" in screen
    assert max(len(line) for line in screen.splitlines()) <= 120

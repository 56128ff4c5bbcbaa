"""`qa chat`: the plain REPL, piped and on a terminal (a pty), with the conversation's topic carried."""
from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time

from conftest import ROOT, run_qa


def test_chat_piped_carries_the_topic_and_checks_claims():
    lines = "What response rate did epertinib achieve?\nIs it approved?\n/new\nIs it approved?\n" \
            "check: Epertinib showed an ORR of 45%.\ncheck:\n/bogus\n"
    proc = run_qa("chat", input=lines)
    assert proc.returncode == 0
    out = " ".join(proc.stdout_text.split())      # answers are wrapped to the terminal
    assert "19.0% objective response rate" in out
    assert "Understood as: epertinib: approved" in out and "approved by the FDA" in out
    assert "New topic: the next question stands alone." in out
    assert out.count("Understood as:") == 1          # after /new the same question stands alone
    assert "CONTRADICTED — the review reports an ORR of 19.0%" in out
    assert proc.stderr_text.splitlines() == ["qa: empty claim: type `check:` and then the claim",
                                             "qa: unknown command /bogus (/help lists them)"]


def test_chat_more_shows_every_passage():
    proc = run_qa("chat", input="What does miR-567 target?\n/more\n")
    assert proc.returncode == 0 and "2. §" in proc.stdout_text and "References" in proc.stdout_text


def _read_until(fd: int, needle: bytes, timeout: float = 60) -> bytes:
    seen = b""
    end = time.monotonic() + timeout
    while needle not in seen and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def test_dumb_terminal_opens_the_repl_and_ctrl_c_ctrl_d_behave(tmp_path):
    # `qa` on a terminal with TERM=dumb, in a pty that is the child's controlling terminal (so Ctrl-C is SIGINT)
    env = {**os.environ, "TERM": "dumb", "XDG_DATA_HOME": str(tmp_path), "COLUMNS": "80", "LINES": "24",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "nonet"), str(ROOT)])}
    pid, master = pty.fork()
    if pid == 0:                                          # the child: a user's shell running `qa`
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "qa"], env)
    try:
        assert b"qa chat" in _read_until(master, b"qa> ")
        time.sleep(0.5)
        os.write(master, b"What does miR-567 target?\r")
        assert b"ATG5" in _read_until(master, b"qa [")
        time.sleep(0.5)         # readline sets the terminal up after the prompt; keys typed before may be flushed
        os.write(master, b"half a line\x03")            # Ctrl-C cancels the line, the REPL goes on
        assert b"^C" in _read_until(master, b"qa [")
        time.sleep(0.5)
        os.write(master, b"\x04")                       # Ctrl-D leaves
        _read_until(master, b"never", timeout=5)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.close(master)
    history = tmp_path / "qa" / "chat_history"
    assert history.is_file() and (history.stat().st_mode & 0o777) == 0o600
    assert "What does miR-567 target?" in history.read_text()

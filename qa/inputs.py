"""Open a user's input file (batch questions, a gold file): regular files, /dev/stdin and pipes such as <(cmd) are
read; a missing, unreadable or wrong kind of file is a clear message, and a FIFO nobody writes to is never a hang."""
from __future__ import annotations

import os
import signal
import stat
import threading
from typing import BinaryIO

from .errors import InputError

FIFO_WAIT_SECONDS = 2.0      # how long a named FIFO may wait for its writer before that is an error


class _Timeout(Exception):
    pass


def _raise_timeout(signum, frame):
    raise _Timeout


def _open_fifo(name: str) -> int:
    """Open a named FIFO for reading, which blocks until a writer opens it: wait FIFO_WAIT_SECONDS at most."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return os.open(name, os.O_RDONLY | os.O_NONBLOCK)      # no timer here: never block (no writer reads as empty)
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, FIFO_WAIT_SECONDS)
    try:
        return os.open(name, os.O_RDONLY)
    except _Timeout:
        raise InputError(f"{name}: a FIFO with no writer (waited {FIFO_WAIT_SECONDS:g} s); start the program that "
                         f"writes to it first") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _refused(name: str, mode: int, fd: int) -> str | None:
    """Why this open file is no input, or None: directories and devices (other than a terminal and /dev/null)."""
    if stat.S_ISDIR(mode):
        return f"{name}: is a directory, not a file"
    if stat.S_ISBLK(mode) or (stat.S_ISCHR(mode) and not os.isatty(fd) and not _is_devnull(fd)):
        return f"{name}: is a device, not a file"
    return None


def _is_devnull(fd: int) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(os.devnull))
    except OSError:
        return False


def open_input(name: str, what: str = "file") -> BinaryIO:
    """The file opened for binary reading; raises InputError("NAME: why") when it cannot be used. `what` names the
    file in messages ("gold file": "NAME: no such gold file")."""
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError:
        raise InputError(f"{name}: no such {what}") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({_reason(exc)})") from None
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a directory, not a {what}")
    try:
        fd = _open_fifo(name) if stat.S_ISFIFO(mode) else \
            os.open(name, os.O_RDONLY | os.O_NONBLOCK)
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(f"{name}: no such {what}") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({_reason(exc)})") from None
    try:
        why = _refused(name, os.fstat(fd).st_mode, fd)
        if why:
            raise InputError(why)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(stream, name: str, limit: int, what: str = "file") -> bytes:
    """All of an open stream, at most `limit` bytes (a larger one, or a failed read, is an InputError)."""
    try:
        data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({_reason(exc)})") from None
    if len(data) > limit:
        raise InputError(f"{name}: larger than {limit // (1024 * 1024)} MB; not a {what} this tool reads")
    return data


def read_input(name: str, what: str = "file", limit: int = 64 * 1024 * 1024) -> bytes:
    """The whole file (at most `limit` bytes; a larger one is an InputError)."""
    with open_input(name, what) as fh:
        return read_bounded(fh, name, limit, what)


def same_file(a, b) -> bool:
    """Whether two paths or open descriptors are one file (by device and inode, through links and other paths)."""
    try:
        sa = os.fstat(a) if isinstance(a, int) else os.stat(a)
        sb = os.fstat(b) if isinstance(b, int) else os.stat(b)
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(sa.st_mode) and os.path.samestat(sa, sb)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)

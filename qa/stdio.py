"""Standard output for every command: a failed write becomes one message and exit 2 (a closed pipe, 141), JSON is
always UTF-8, and text follows the locale's encoding, spelling out what it cannot encode instead of failing."""
from __future__ import annotations

import codecs
import locale
import os
import sys
import unicodedata

PLAIN = "qa-plain"          # the codec error handler registered below

# characters of reading text that have a conventional plain spelling (anything else: its accents dropped, or "?")
_PLAIN = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "--", "\u2015": "--", "\u2212": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u00ab": "<<", "\u00bb": ">>",
    "\u2039": "<", "\u203a": ">", "\u2022": "*", "\u00b7": ".", "\u2026": "...",
    "\u00a7": "sec. ", "\u00b6": "para. ", "\u00a9": "(c)", "\u00ae": "(R)", "\u2122": "(TM)",
    "\u00d7": "x", "\u00f7": "/", "\u00b1": "+/-", "\u2264": "<=", "\u2265": ">=", "\u2260": "!=", "\u2248": "~",
    "\u2192": "->", "\u2190": "<-", "\u2191": "^", "\u2193": "v", "\u00b0": " deg", "\u00b5": "u",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ", "\u200b": "", "\ufeff": "",
    "\u2500": "-", "\u2502": "|", "\u2588": "#", "\u2591": ".", "\u2592": ":", "\u2593": "#",
}


def plain(char: str) -> str:
    """An ASCII spelling of one character: Greek letters by name (κ -> kappa), dashes and quotes plain, letters
    without their accents, "?" when there is none."""
    if char in _PLAIN:
        return _PLAIN[char]
    name = unicodedata.name(char, "")
    for case in ("SMALL", "CAPITAL"):
        prefix = f"GREEK {case} LETTER "
        if name.startswith(prefix):
            letter = name[len(prefix):].split(" WITH ")[0].split()[-1].lower()
            return letter if case == "SMALL" else letter.capitalize()
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and base.isascii() and base.isprintable() else "?"


def _plain_handler(exc: UnicodeError):
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(plain(c) for c in exc.object[exc.start:exc.end]), exc.end


codecs.register_error(PLAIN, _plain_handler)


def text_encoding(stream) -> str:
    """The encoding text for a person should take: what PYTHONIOENCODING names, UTF-8 under PYTHONUTF8=1, else the
    locale's (LC_ALL=C is ASCII, although Python itself then writes UTF-8)."""
    current = getattr(stream, "encoding", None) or "utf-8"
    if os.environ.get("PYTHONIOENCODING") or os.environ.get("PYTHONUTF8") == "1":
        return _name(current)
    try:
        return _name(locale.nl_langinfo(locale.CODESET) or current)
    except (AttributeError, ValueError):        # no nl_langinfo (Windows)
        return _name(current)


def _name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


def is_utf8(encoding: str) -> bool:
    return _name(encoding) in ("utf-8", "utf-8-sig")


class OutputError(Exception):
    """Standard output could not be written (a full disk, /dev/full, an I/O error, no stdout at all)."""


class GuardedOutput:
    """Stands in for sys.stdout: every write and flush that fails raises OutputError, except a closed pipe, which
    stays BrokenPipeError (exit 141); everything else (isatty, fileno, encoding, buffer) is the real stream's."""

    def __init__(self, stream):
        self._stream = stream
        self.pipe_closed = False     # sticky: a caller that swallows OSError (argparse's help) cannot hide it

    def _call(self, name: str, *args):
        if self._stream is None:
            raise OutputError("it is closed")
        try:
            return getattr(self._stream, name)(*args)
        except BrokenPipeError:
            self.pipe_closed = True
            raise
        except OSError as exc:
            raise OutputError(exc.strerror or str(exc)) from None
        except ValueError as exc:                # a stream closed under us
            raise OutputError(str(exc)) from None

    def write(self, text: str):
        return self._call("write", text)

    def writelines(self, lines):
        return self._call("writelines", lines)

    def flush(self) -> None:
        return self._call("flush")

    def __getattr__(self, name: str):
        if self._stream is None:
            raise OutputError("it is closed")
        return getattr(self._stream, name)


def set_encoding(stream, machine: bool) -> None:
    """Records for programs (JSON, JSON lines, batch rows) as UTF-8 bytes whatever the locale; text for a person in
    the locale's encoding, characters it lacks spelt plainly (κ as kappa) rather than failing."""
    real = stream._stream if isinstance(stream, GuardedOutput) else stream
    if real is None or not hasattr(real, "reconfigure"):
        return
    try:
        if machine:
            # backslashreplace turns a lone surrogate (from undecodable input) into a valid JSON escape
            real.reconfigure(encoding="utf-8", errors="backslashreplace")
        else:
            real.reconfigure(encoding=text_encoding(real), errors=PLAIN)
    except (OSError, ValueError, LookupError):
        raise OutputError("cannot set the output encoding") from None


def set_input(stream) -> None:
    """Lines read as text (`qa chat`) never fail to decode: piped, they are UTF-8 like every input file; from a
    terminal, in its encoding; a byte that does not decode becomes U+FFFD."""
    if stream is None or not hasattr(stream, "reconfigure"):
        return
    try:
        interactive = stream.isatty()
        stream.reconfigure(encoding=stream.encoding if interactive else "utf-8", errors="replace")
    except (OSError, ValueError, LookupError):
        pass


def install() -> GuardedOutput:
    """Put the guard in place of sys.stdout (text encoding first: help and usage are text) and return it;
    restore() puts the real stream back."""
    guarded = GuardedOutput(sys.stdout)
    sys.stdout = guarded
    set_encoding(guarded, machine=False)
    return guarded


def restore(guarded: GuardedOutput) -> None:
    if sys.stdout is guarded:
        sys.stdout = guarded._stream


def silence() -> None:
    """After a failed write or a closed pipe, point fd 1 at /dev/null so that the interpreter's final flush of what
    is still buffered is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass

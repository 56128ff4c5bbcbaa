"""Regular expressions compiled on first use: a process reads only the patterns its question or claim reaches.

Compiling the engine's word-list patterns costs a fresh process about 80 ms, and one `qa ask` uses about half of
them (the patterns of the other kinds of question, of claims, of the parser wait). The same idea as Django's
`_lazy_re_compile`, kept here because it is ten lines."""
from __future__ import annotations

import re

# what the engine calls on a pattern: bound to the instance on first use, so later calls cost what a compiled
# pattern's do
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags",
            "groups", "groupindex")


class LazyPattern:
    """re.compile(pattern, flags) when first used; `pattern` is the source, read without compiling."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str):
        if name.startswith("__"):          # copy/pickle probes: not a use
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self._flags)
        for method in _METHODS:
            self.__dict__[method] = getattr(compiled, method)
        self.__dict__["compiled"] = compiled
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self._flags})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)

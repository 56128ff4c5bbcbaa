"""The errors the engine raises for bad input: a corpus, a facts file, a question or claim that cannot be used."""
from __future__ import annotations


class CorpusError(Exception):
    """The corpus directory or its files cannot be used; the message says which file and why."""


class QueryError(ValueError):
    """A question or claim that cannot be answered as given (empty, too long, not text)."""


class FactError(ValueError):
    """One or more fact problems, each "FILE:LINE: fact ID: what is wrong"."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class InputError(QueryError):
    """An input file (batch questions, a gold file) that cannot be read: "NAME: why" (missing, a directory, ...)."""

"""An ordered map over forked worker processes: work split into tasks, done by one process per core, the results
read back in task order (so nothing depends on the number of workers), or done in this process when one pays."""
from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

_SHARED: tuple | None = None     # what forked workers read: the function and its read-only data


def _run(task):
    function, data = _SHARED
    return function(data, task)


def cores() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    import multiprocessing
    return "fork" in multiprocessing.get_all_start_methods()


class OrderedMap:
    """function(data, task) for every task, in task order.

    Workers are forked when this is entered, before the caller opens anything with threads of its own (a tantivy
    writer), and read `data` from memory instead of from a pipe; spawn would re-run a calling script that lacks a
    __main__ guard in every worker. With workers <= 1, or one task, or no fork (not Linux), it runs here."""

    def __init__(self, function: Callable, data, tasks: Iterable, workers: int):
        self.function, self.data = function, data
        self.tasks = list(tasks)
        self.workers = workers if len(self.tasks) > 1 and can_fork() else 1
        self.pool = None

    def __enter__(self) -> "OrderedMap":
        global _SHARED
        if self.workers > 1:
            import multiprocessing
            _SHARED = (self.function, self.data)
            try:
                self.pool = multiprocessing.get_context("fork").Pool(self.workers)
            finally:
                _SHARED = None
        return self

    def __iter__(self) -> Iterator:
        if self.pool is None:
            for task in self.tasks:
                yield self.function(self.data, task)
        else:
            yield from self.pool.imap(_run, self.tasks)

    def __exit__(self, kind, value, traceback) -> None:
        if self.pool is not None:
            if kind is None:
                self.pool.close()
            else:
                self.pool.terminate()
            self.pool.join()

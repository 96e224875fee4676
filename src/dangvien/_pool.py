"""Mapping a function over items on a process pool, its shared arguments sent once per worker.

Used by :mod:`dangvien.partition` (partitions judged on fresh workers) and
:mod:`dangvien.synthetic` (communes generated side by side).  The shared
keyword arguments (an organisation tree may weigh megabytes) go to each
worker when it starts, through the pool's initializer; each task then
sends only its item.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["fork_context", "fresh_context", "imap"]

T = TypeVar("T")
R = TypeVar("R")


def fork_context() -> Any:
    """Fork where the platform has it (workers inherit the parent's memory), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def fresh_context(preload: Iterable[str] = ()) -> Any:
    """Workers started afresh (fork server, else spawn), with *preload* imported once.

    For jobs that read files with polars, whose threads do not survive a fork.
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:  # pragma: no cover - Windows
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(list(preload))
    return ctx


def imap(
    func: Callable[..., R], items: Sequence[T], jobs: int, ctx: Any, **shared: Any
) -> Iterator[R]:
    """Yield ``func(item, **shared)`` for each item, in order, on *jobs* processes of *ctx*.

    With one job (or one item) everything runs here, one item at a time.
    """
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield func(item, **shared)
        return
    with ProcessPoolExecutor(
        min(jobs, len(items)), mp_context=ctx, initializer=_set_job, initargs=(func, shared)
    ) as pool:
        yield from pool.map(_run_job, items)


# A worker's job: its function and shared arguments (see imap).
_JOB: list[Callable[..., Any]] = []


def _set_job(func: Callable[..., Any], shared: dict[str, Any]) -> None:
    _JOB[:] = [functools.partial(func, **shared)]


def _run_job(item: Any) -> Any:
    return _JOB[0](item)

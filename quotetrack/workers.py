"""Work split over forked worker processes, for the steps that run on every quote of a corpus
(scoring candidate pairs, admitting parts, comparing wordings).

A forked worker inherits everything its task reads (an index of 775,000 quotes costs nothing to
hand over): only the slices of the work and the results cross between processes. Each step
decides for itself when the work is large enough to be worth the fork (``worker_count``).
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

SHARES_PER_JOB = 8
"""Shares of the work a worker gets: enough that one slow share does not keep the others waiting."""

T = TypeVar("T")

_TASK: Callable[[slice], Any] | None = None
"""What forked workers run (``forked``)."""
_FROZEN = 0
"""How many ``frozen`` blocks are running (they nest)."""


def worker_count(jobs: int, work: int, minimum: int) -> int:
    """How many processes run ``work`` items given ``jobs``: one below ``minimum`` items or where
    processes cannot be forked."""
    if work < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, jobs)


@contextmanager
def frozen() -> Iterator[None]:
    """Leave the objects made so far out of the garbage collector's passes until the block ends
    (``gc.freeze``): a corpus's millions of quotes, units and counts are long-lived, and a pass
    over them all costs a second or more. A process forked inside the block never touches them
    for a pass either, so their memory pages stay shared with the parent."""
    global _FROZEN
    gc.freeze()
    _FROZEN += 1
    try:
        yield
    finally:
        _FROZEN -= 1
        if not _FROZEN:
            gc.unfreeze()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection until the block ends. For steps that make a record or a row
    for every quote and no reference cycles: each pass of the collector walks the new records
    and reads the header of every older object they point to (the corpus's articles and
    quotes, scattered over memory), so at 333,000 quotes its passes cost as much as the step."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def forked(task: Callable[[slice], T], shares: Sequence[slice], workers: int) -> Iterator[T]:
    """``task(share)`` for each of ``shares`` (slices of the work), run in ``workers`` processes
    forked now. They inherit all that ``task`` reads: only the slices and the results are sent.
    Results come in the order the shares finish."""
    global _TASK
    _TASK = task
    try:
        with frozen(), multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap_unordered(_run_task, shares)
    finally:
        _TASK = None


def strided(workers: int) -> list[slice]:
    """``SHARES_PER_JOB`` shares a worker, each taking every so many items from a different
    first one: heavy items (a viral quote's wordings) spread over the shares."""
    shares = SHARES_PER_JOB * workers
    return [slice(k, None, shares) for k in range(shares)]


def runs(n: int, workers: int) -> list[slice]:
    """``SHARES_PER_JOB`` shares a worker, each a run of about as many of ``n`` items."""
    shares = SHARES_PER_JOB * workers
    return [slice(k * n // shares, (k + 1) * n // shares) for k in range(shares)]


def _run_task(share: slice) -> Any:
    assert _TASK is not None
    return _TASK(share)

"""Reading, extraction and attribution on the workers of a running Dask cluster (``--scheduler``).

Only the per-article stage leaves this machine: ``pipeline._run_chunks`` hands this module the
files the index does not already hold, in chunks, and gets back each chunk's entries in the order
they finish; clustering and output stay on the client. Imported only when a scheduler is named,
so ``distributed`` (the ``dask`` extra) is needed only then.

How the workers get the articles: **the client reads each file and sends its bytes** with the
task. The workers need no shared file system, paths mean nothing to them (a relative path, a
laptop's mount point), and they extract exactly the bytes the client stamped (size, mtime) for
the index, so a file edited during the scan cannot be stored under the wrong content. The cost is
the client's network: it sends the corpus once (the per-article work is about a thousand times
slower than sending the bytes on a local network, docs/SCALING.md). A bounded number of chunks is
in flight at a time, so the client holds only those in memory.

Every task checks that its worker runs the client's extraction rules (``index.schema_key``:
version and rule sources), so a worker with another quotetrack can never change the output.
A worker that dies takes its tasks with it; the scheduler runs them again elsewhere, and since a
task is a pure function of its bytes the output is the same.
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from .corpus import Reader, shown
from .index import schema_key
from .models import QuotetrackError, Skipped, UsageError
from .pipeline import Extracted, extract_bytes, index_row

if TYPE_CHECKING:
    from distributed import Client, Future

CONNECT_TIMEOUT_S = 5.0
"""How long the client tries to reach the scheduler before giving up: an address with nobody
listening is an error within seconds, not a hang."""
TASKS_PER_THREAD = 3
"""Chunks in flight for each worker thread the cluster has when the scan starts: enough that no
thread waits for the client, few enough that the client holds little of the corpus at a time."""
MIN_IN_FLIGHT = 8
"""Chunks in flight at least (a cluster that is still starting its workers has no threads)."""
TASK_PREFIX = "quotetrack-extract"
"""Task names on the Dask dashboard."""

Item = tuple[str, Reader, tuple[int, int] | None, "bytes | str"]
"""One file sent to a worker: its path as given, its reader, its (size, mtime_ns) taken before
it was read, and its bytes (or, when the client could not read it, the reason)."""


def extract_chunks(address: str, work: Sequence[Sequence[tuple[str, Reader]]], indexed: bool
                   ) -> Iterator[tuple[int, list[Extracted]]]:
    """``pipeline._extract_chunk`` of each chunk of ``work``, run on the workers of the Dask
    scheduler at ``address``: (the chunk's position, its files' entries and index rows) in the
    order the chunks finish. Raises ``UsageError`` when the scheduler cannot be reached or
    ``distributed`` is missing, ``QuotetrackError`` when a worker cannot run the task."""
    if not work:
        return
    client = connect(address)
    try:
        yield from _run(client, work, indexed)
    finally:
        client.close()


def connect(address: str) -> Client:
    """A client of the scheduler at ``address`` (``tcp://host:port``), or ``UsageError``."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask's distributed package: pip install 'quotetrack[dask]'") from None
    try:
        # Not the default client: dask.compute() elsewhere in the process keeps its own scheduler.
        return Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    # A client that failed to start is collected here, now: collected later, inside the start of
    # the next client, its finaliser waits on a lock that start holds (a deadlock in distributed).
    gc.collect()
    raise UsageError(f"cannot reach the Dask scheduler at {address}: {reason}")


def _run(client: Client, work: Sequence[Sequence[tuple[str, Reader]]], indexed: bool
         ) -> Iterator[tuple[int, list[Extracted]]]:
    """Submit the chunks, a bounded number at a time, and yield each as it finishes."""
    from distributed import as_completed

    rules = schema_key()
    run = uuid.uuid4().hex[:12]
    position: dict[object, int] = {}  # task key -> chunk

    def submit(c: int) -> Future:
        future = client.submit(extract_remote, _load(work[c]), indexed, rules, key=f"{TASK_PREFIX}-{run}-{c}",
                               retries=0)
        position[future.key] = c
        return future

    threads = sum(client.nthreads().values())
    window = max(MIN_IN_FLIGHT, TASKS_PER_THREAD * threads)
    queue = iter(range(len(work)))
    running = as_completed([submit(c) for _, c in zip(range(window), queue)], loop=client.loop)
    for future in running:
        try:
            out = future.result()
        except QuotetrackError:
            raise
        except Exception as exc:  # whatever failed on the worker (or lost it): one line for the user
            chunk = work[position[future.key]]
            reason = (str(exc).splitlines() or [""])[0]
            raise QuotetrackError(f"a Dask worker failed on {len(chunk)} files from {shown(chunk[0][0])} on: "
                                  f"{type(exc).__name__}: {reason}") from None
        c = position.pop(future.key)
        future.release()  # the worker may forget it: the result is here
        for nxt in queue:
            running.add(submit(nxt))
            break
        yield c, out


def _load(chunk: Sequence[tuple[str, Reader]]) -> list[Item]:
    """The chunk's files as sent to a worker: each stamped (size, mtime_ns) before it is read, as
    ``pipeline._extract_chunk`` does, so a file changed meanwhile is re-hashed next time."""
    items: list[Item] = []
    for path, reader in chunk:
        try:
            st = os.stat(path)
            stamp: tuple[int, int] | None = (st.st_size, st.st_mtime_ns)
        except OSError:
            stamp = None
        try:
            with open(path, "rb") as fh:
                data: bytes | str = fh.read()
        except OSError as exc:
            data = exc.strerror or "cannot read"
        items.append((path, reader, stamp, data))
    return items


def extract_remote(items: list[Item], indexed: bool, rules: str) -> list[Extracted]:
    """Worker side: each file's entries and, when ``indexed``, its index row, as
    ``pipeline._extract_chunk`` gives them for the same bytes. Refuses to run rules other than
    the client's (``rules``: its ``index.schema_key``)."""
    if schema_key() != rules:  # computed once a process (sources.rules_key)
        raise QuotetrackError(f"a Dask worker runs other extraction rules ({schema_key()}) than this "
                              f"client ({rules}): install the same quotetrack on the workers")
    out: list[Extracted] = []
    for path, reader, stamp, data in items:
        if isinstance(data, str):
            out.append(([Skipped(shown(path), data)], None))
            continue
        found = extract_bytes(path, reader, data)
        out.append((found, index_row(found, data, stamp) if indexed else None))
    return out

"""Clustering alone on 10k, 100k and 1M generated quote occurrences: CPU and wall time, peak
memory, and the link recall of the perturbed copies (each copy should share a cluster with its
original).

    python bench/cluster_bench.py [--jobs N] [--max-posting K] [--common-weight W] [N ...]

``--jobs`` is the number of clustering workers (default 0: one a core, as ``scan`` does); CPU time
counts them.

``--max-posting`` sets ``clustering.blocking.MAX_POSTING`` for the run (the posting cap up to
``POSTING_BASE`` quotes, which grows from there: ``posting_cap``), and ``--common-weight``
``clustering.blocking.COMMON_WEIGHT`` (concepts weighing less in English at large propose no
candidates), to weigh recall against time. Peak MB is the process's peak so far (the generated
quotes included), so sizes are
best run in ascending order, or one per process; input MB is what the process held just before
clustering, so the difference is at most what clustering added.
"""

from __future__ import annotations

import argparse
import os
import resource
import time

from generate import generate_quotes, load_sources

from quotetrack.clustering import blocking, cluster


def cpu_seconds() -> float:
    """CPU time of this process and of the workers it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def resident_mb() -> float:
    """The process's resident memory now, in MB (Linux), or 0 where it cannot be read."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


def main(sizes: list[int], jobs: int) -> None:
    source = load_sources()
    print(f"{'quotes':>9} {'cap':>5} {'cpu s':>8} {'wall s':>8} {'quotes/s':>9} {'clusters':>9} {'recall':>7} "
          f"{'input MB':>9} {'peak MB':>8}")
    for n in sizes:
        made = list(generate_quotes(n, source))
        items = [(a, q) for a, q, _ in made]
        held = resident_mb()
        wall, cpu = time.perf_counter(), cpu_seconds()
        clusters = cluster(items, jobs=jobs if jobs > 0 else os.cpu_count() or 1)
        wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        where: dict[str, set[str]] = {}
        for c in clusters:
            for o in c.members:
                where.setdefault(o.article.doc, set()).add(c.id)
        first: dict[str, str] = {}
        for a, _, origin in made:
            if origin is None:
                first.setdefault(a.text, a.doc)
        pairs = [(first[origin], a.doc) for a, _, origin in made if origin is not None and origin in first]
        recall = sum(bool(where[x] & where[y]) for x, y in pairs) / max(len(pairs), 1)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>9} {blocking.posting_cap(n):>5} {cpu:>8.1f} {wall:>8.1f} {n / wall:>9.0f} {len(clusters):>9} "
              f"{recall:>7.3f} {held:>9.0f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--jobs", type=int, default=0, help="clustering workers (0: all cores)")
    parser.add_argument("--max-posting", type=int, default=blocking.MAX_POSTING)
    parser.add_argument("--common-weight", type=float, default=blocking.COMMON_WEIGHT)
    args = parser.parse_args()
    blocking.MAX_POSTING = args.max_posting
    blocking.COMMON_WEIGHT = args.common_weight
    main(args.sizes, args.jobs)

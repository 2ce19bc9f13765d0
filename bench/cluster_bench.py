"""Clustering alone on 10k, 100k and 1M generated quote occurrences: time, peak memory, and the
link recall of the perturbed copies (each copy should share a cluster with its original).

    python bench/cluster_bench.py [N ...]
"""

from __future__ import annotations

import resource
import sys
import time

from generate import generate_quotes, load_sources

from quotetrack.match import cluster


def main(sizes: list[int]) -> None:
    source = load_sources()
    print(f"{'quotes':>9} {'seconds':>8} {'quotes/s':>9} {'clusters':>9} {'recall':>7} {'peak MB':>8}")
    for n in sizes:
        made = list(generate_quotes(n, source))
        items = [(a, q) for a, q, _ in made]
        t = time.perf_counter()
        clusters = cluster(items)
        seconds = time.perf_counter() - t
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
        print(f"{n:>9} {seconds:>8.1f} {n / seconds:>9.0f} {len(clusters):>9} {recall:>7.3f} {peak:>8.0f}", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])

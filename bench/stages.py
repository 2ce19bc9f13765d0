"""Where a cold scan's time and memory go, stage by stage, on any folders of articles.

Runs the stages of ``pipeline.scan`` one after another in this process (no index), as a scan
with ``--no-index`` does, and after each prints its wall and CPU seconds (this process and its
extraction workers), the CPU seconds of those this process spent in the cyclic garbage
collector's passes, and the process's peak resident memory so far:

- extract: read every file, find and attribute its quotes, count its concepts (``--jobs``
  workers), and gather them under their final doc ids
- speakers: one spelling per person across the corpus
- cluster: blocking, scoring and the story test of parts (``--jobs`` workers), and linking (``clustering.cluster``)
- compare: each occurrence against its cluster's canonical wording (``--jobs`` workers, ``compare.alterations``)
- store: the stored-result record an index keeps (``snapshot.encode_result``)
- jsonl, json, csv: each output written to /dev/null

    python bench/stages.py [--jobs N] PATH ...
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import time

from cluster_bench import cpu_seconds

from quotetrack.clustering import cluster
from quotetrack.compare import alterations
from quotetrack.corpus import iter_files
from quotetrack.manifest import Manifests
from quotetrack.pipeline import gather, processes, unify_speakers
from quotetrack.report import Format, render, to_rows
from quotetrack.snapshot import encode_result


class Stages:
    """Prints one line a stage: what it cost since the last line."""

    def __init__(self) -> None:
        print(f"{'stage':10} {'wall s':>8} {'cpu s':>8} {'gc s':>6} {'peak MB':>8}")
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()
        self.gc, self._gc_start = 0.0, 0.0
        gc.callbacks.append(self._collected)

    def _collected(self, phase: str, info: dict) -> None:
        """Times each pass of the cyclic garbage collector (``gc.callbacks``)."""
        if phase == "start":
            self._gc_start = time.process_time()
        else:
            self.gc += time.process_time() - self._gc_start

    def done(self, stage: str, note: str = "") -> None:
        wall, cpu = time.perf_counter(), cpu_seconds()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{stage:10} {wall - self.wall:8.1f} {cpu - self.cpu:8.1f} {self.gc:6.1f} {peak:8.0f}  {note}",
              flush=True)
        self.wall, self.cpu, self.gc = wall, cpu, 0.0


def main(paths: list[str], jobs: int) -> None:
    stages = Stages()
    per_article, skipped, stats = gather(list(iter_files(paths)), Manifests(paths), jobs, None, None, None)
    size = sum(len(a.text) for a, _ in per_article) / 1e6
    stages.done("extract", f"{len(per_article)} articles, {size:.0f} M characters")
    items = unify_speakers(per_article)
    stages.done("speakers", f"{len(items)} quotes")
    clusters = cluster(items, stats, processes(jobs))
    del items
    stages.done("cluster", f"{len(clusters)} clusters")
    clusters = alterations(clusters, processes(jobs))
    stages.done("compare")
    articles = tuple(a for a, _ in per_article)
    del per_article
    record = encode_result(articles, skipped, clusters, text_from_file=lambda a: True)
    stages.done("store", f"{len(record) / 1e6:.0f} MB compressed")
    del record
    for fmt, per_occurrence in ((Format.JSONL, True), (Format.JSON, True), (Format.CSV, False)):
        with open(os.devnull, "w", encoding="utf-8") as out:
            render(*to_rows(clusters, per_occurrence=per_occurrence), fmt, out)
        stages.done(fmt.value)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--jobs", type=int, default=0, help="extraction and scoring workers (0: all cores)")
    args = parser.parse_args()
    main(args.paths, args.jobs)

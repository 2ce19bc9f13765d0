"""End-to-end scan benchmark on generated corpora (issue 2 and issue 5).

For each size, generates that many articles, story by story (see ``generate.py``), into a scratch
folder, then runs ``quotetrack scan DIR -f jsonl`` in a child process three times: a cold scan that
builds the index, a re-scan of the unchanged corpus, and a re-scan after adding 1% new articles
(new stories, in files of their own prefix). For each run it prints the wall time, the CPU time
and the peak memory of that run alone (``os.wait4`` on the child: its workers are counted too),
articles/s and MB/s, and the link recall of the ground truth: pairs of occurrences of one quote
that share a cluster, within a story's coverage and for viral quotes across stories. Also prints
the extraction stage's rate in this process, on one core (what a worker does per file: read, metadata,
quotes, speakers, concept counts).

The index goes to ``XDG_CACHE_HOME`` inside the scratch folder, so no user cache is touched.

    python bench/scan_bench.py [--jobs N] [--keep DIR] [N_ARTICLES ...]   (default: 10000)
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generate import Generated, generate_corpus, link_recall, load_sources

from quotetrack.corpus import iter_files
from quotetrack.models import Skipped
from quotetrack.pipeline import extract_file

ADDED_SHARE = 0.01
"""The batch added before the last run, as a share of the corpus."""


@dataclass(frozen=True, slots=True)
class Run:
    """One scan child's cost."""

    wall: float
    cpu: float
    """User plus system seconds of the child and every descendant it waited for."""
    peak_mb: float
    """Largest resident set of the child or any one of its workers."""
    summary: str
    """The scan's last stderr line ("N articles read, ...")."""


def launcher() -> ProcessPoolExecutor:
    """A small process that starts the scans (``run_scan``), itself started before anything is
    generated: Linux carries a process's peak memory over into the children it forks, so a scan
    started by this process, which holds the generated corpus, would report this peak as its own."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
    pool.submit(int).result()  # started now, while this process is small
    return pool


def run_scan(launch: ProcessPoolExecutor, folder: Path, out: Path, env: dict[str, str], *extra: str) -> Run:
    """Run ``quotetrack scan`` on ``folder`` into ``out`` in a child process started by ``launch``
    (``launcher``) and measure it."""
    return launch.submit(_run_scan, folder, out, env, *extra).result()


def _run_scan(folder: Path, out: Path, env: dict[str, str], *extra: str) -> Run:
    err = out.with_suffix(".stderr")
    cmd = [sys.executable, "-m", "quotetrack", "scan", str(folder), "-f", "jsonl", *extra]
    t = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh, open(err, "w", encoding="utf-8") as eh:
        child = subprocess.Popen(cmd, stdout=fh, stderr=eh, env=env)
        # wait4 gives this child's own usage; RUSAGE_CHILDREN would sum every run so far.
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - t
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = err.read_text(encoding="utf-8").strip().splitlines()
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, cmd, stderr="\n".join(lines))
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines[-1] if lines else "")


def extraction_rate(folder: Path, limit: int = 2000) -> float:
    """MB/s of the extraction stage in one process (one core), on up to ``limit`` files: what a
    worker does for each file (read and decode it, find its metadata, find and attribute its
    quotes, count its concepts)."""
    files = [f for f in iter_files([str(folder)]) if not isinstance(f, Skipped)][:limit]
    mb = sum(os.path.getsize(path) for path, _ in files) / 1e6
    extract_file(*files[0])  # load the lazy lexicons first
    t = time.process_time()
    for path, reader in files:
        extract_file(path, reader)
    return mb / (time.process_time() - t)


def corpus_mb(generated: Generated) -> float:
    """Size of the generated files in MB."""
    return sum(os.path.getsize(p) for p in generated.paths) / 1e6


def report_run(label: str, run: Run, n: int, mb: float) -> None:
    print(f"  {label:24} {run.wall:7.1f} s wall {run.cpu:7.1f} s CPU {n / run.wall:7.0f} articles/s "
          f"{mb / run.wall:6.2f} MB/s  peak {run.peak_mb:5.0f} MB  [{run.summary}]", flush=True)


def report_recall(out: Path, generated: list[Generated]) -> None:
    """Print the link recall of the scan in ``out`` against the ground truth, per group kind."""
    with out.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    scores = link_recall(rows, [g for batch in generated for g in batch.groups])
    for kind, r in scores.items():
        print(f"    {kind:6} link recall {r.rate:.3f} over {r.pairs} pairs; {r.whole}/{r.groups} quotes in one "
              f"cluster ({r.found}/{r.members} occurrences extracted; {r.mixed} clusters mix quotes)")


def bench(n: int, source, jobs: str, keep: str | None, launch: ProcessPoolExecutor) -> None:
    """Generate ``n`` articles and time the three scans of them, in a temporary folder, or under
    ``keep`` (left in place, with the index and the last output)."""
    with tempfile.TemporaryDirectory() if keep is None else _fresh(Path(keep) / f"run{n}") as tmp:
        folder = Path(tmp) / f"corpus{n}"
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        env.pop("QUOTETRACK_NO_INDEX", None)
        t = time.perf_counter()
        generated = generate_corpus(str(folder), n, source)
        mb = corpus_mb(generated)
        stories = sum(g.kind == "story" for g in generated.groups)
        print(f"\n{n} articles, {mb:.1f} MB generated in {time.perf_counter() - t:.0f} s "
              f"({stories} story quotes and {len(generated.groups) - stories} viral quotes in 2+ articles)")
        print(f"  extraction stage (read, metadata, quotes, speakers, concept counts), one core: "
              f"{extraction_rate(folder):.2f} MB/s")
        out = Path(tmp) / "out.jsonl"
        report_run("cold scan (builds index)", run_scan(launch, folder, out, env, "-j", jobs), n, mb)
        report_recall(out, [generated])
        report_run("re-scan, unchanged", run_scan(launch, folder, out, env, "-j", jobs), n, mb)
        added = generate_corpus(str(folder), max(int(n * ADDED_SHARE), 1), source, seed=11, prefix="add")
        label = f"re-scan, +{len(added.paths)} articles"
        report_run(label, run_scan(launch, folder, out, env, "-j", jobs), n + len(added.paths), mb + corpus_mb(added))
        report_recall(out, [generated, added])


@contextmanager
def _fresh(folder: Path) -> Iterator[str]:
    """A new folder that stays after the run (refused if it exists: the cold scan must be cold)."""
    folder.mkdir(parents=True)
    yield str(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("--jobs", default="0", help="scan workers (-j); 0 lets quotetrack choose")
    parser.add_argument("--keep", help="generate under this folder, and keep the corpus, index and output")
    args = parser.parse_args()
    launch = launcher()
    source = load_sources()
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs}, sources: {len(source.articles)} articles, "
          f"{len(source.clauses)} quote clauses")
    for n in args.sizes:
        bench(n, source, args.jobs, args.keep, launch)


if __name__ == "__main__":
    main()

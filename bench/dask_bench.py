"""The scan on a Dask cluster against local worker processes (issue 22): the figures of
docs/SCALING.md, "Running on a Dask cluster".

Starts a scheduler with two single-threaded worker processes on this machine (``LocalCluster``),
then for each corpus runs a cold scan (no index) three ways, each in a child process of its own:
``--jobs 2`` (a local process pool), ``--scheduler`` (the two Dask workers read and extract; the
client clusters with ``--jobs 2``), and ``--jobs 1`` as the reference the other two must equal
byte for byte (``--no-serial`` skips it: the other two are then compared with each other). For
each run it prints the wall seconds of the reading/extraction step and of the whole scan, the
CPU seconds and peak memory of the client process (``os.wait4`` on the child: its local
extraction and clustering workers included), the CPU seconds the Dask workers spent on the
scan, and the quotes the client clustered per GB of its peak memory.

Generate the 10,000 articles first (never into the repository)::

    python -c "import sys; sys.path.insert(0, 'bench'); from generate import *; \\
               generate_corpus('/tmp/gen10k-dask', 10000, load_sources())"
    python bench/dask_bench.py /work/shared/devdata/polnear-train/docs /work/shared/devdata/basil-stories/docs \\
        /tmp/gen10k-dask

``--child`` is the mode the children run in (one scan, its figures as JSON on stdout).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

RUNS = (("--jobs 1", ["--jobs", "1"]), ("--jobs 2", ["--jobs", "2"]),
        ("dask 2 workers", ["--jobs", "2", "--scheduler"]))
"""(label, scan options): the scheduler's address is appended to the last."""


def child(paths: list[str], jobs: int, scheduler: str | None) -> None:
    """One cold scan in this process, as ``quotetrack scan -f jsonl --no-index`` runs it; prints
    the step times, the number of quotes and the output's digest as JSON."""
    from quotetrack.models import ScanOptions
    from quotetrack.pipeline import READING, scan
    from quotetrack.report import Format, render, to_rows

    start = time.perf_counter()
    read_done: list[float] = []

    def progress(step: str, done: int, total: int | None) -> None:
        if step == READING and done == total and not read_done:
            read_done.append(time.perf_counter() - start)

    result = scan(paths, ScanOptions(jobs=jobs, scheduler=scheduler, texts=False), progress=progress)
    out = _Digest()
    columns, rows = to_rows(result.clusters, per_occurrence=True)
    render(columns, rows, Format.JSONL, out)  # type: ignore[arg-type]
    total = time.perf_counter() - start
    print(json.dumps({"read_s": read_done[0] if read_done else total, "total_s": total, "quotes": out.lines,
                      "articles": len(result.articles), "md5": out.md5.hexdigest()}))


class _Digest:
    """A text stream that keeps only the MD5 and the line count of what is written (the output
    held in memory would count in the client's peak)."""

    def __init__(self) -> None:
        self.md5 = hashlib.md5()
        self.lines = 0

    def write(self, text: str) -> int:
        self.md5.update(text.encode())
        self.lines += text.count("\n")
        return len(text)

    def flush(self) -> None:
        pass


def measure(paths: list[str], options: list[str]) -> dict:
    """Run one child scan; its JSON figures plus its CPU seconds and peak memory (MB)."""
    jobs = int(options[options.index("--jobs") + 1])
    scheduler = options[options.index("--scheduler") + 1] if "--scheduler" in options else None
    argv = [sys.executable, __file__, "--child", "--jobs", str(jobs)]
    argv += ["--scheduler", scheduler] if scheduler else []
    proc = subprocess.Popen(argv + paths, stdout=subprocess.PIPE, env={**os.environ, "QUOTETRACK_NO_INDEX": "1"})
    assert proc.stdout is not None
    data = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"child failed: {argv + paths}")
    figures = json.loads(data)
    figures["cpu_s"] = usage.ru_utime + usage.ru_stime
    figures["peak_mb"] = usage.ru_maxrss / 1024
    return figures


def _cpu_seconds() -> float:
    """This process's CPU seconds (run on each Dask worker)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(paths: list[str], serial: bool = True) -> None:
    from distributed import Client, LocalCluster

    started = time.perf_counter()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster, set_as_default=False) as client:
        print(f"LocalCluster, 2 worker processes x 1 thread: up in {time.perf_counter() - started:.1f} s", flush=True)
        seeds = str(Path(__file__).resolve().parent.parent / "seeds")
        measure([seeds], ["--jobs", "2", "--scheduler", cluster.scheduler_address])  # workers load their lexicons
        print(f"{'corpus':30} {'run':15} {'read s':>7} {'total s':>8} {'client cpu s':>12} {'worker cpu s':>12} "
              f"{'client MB':>9} {'quotes':>7} {'quotes/GB':>9}  same as the first run")
        for path in paths:
            reference = None
            for label, options in RUNS if serial else RUNS[1:]:
                if "--scheduler" in options:
                    options = [*options, cluster.scheduler_address]
                before = sum(client.run(_cpu_seconds).values())
                f = measure([path], options)
                workers_cpu = sum(client.run(_cpu_seconds).values()) - before
                reference = reference or f["md5"]
                per_gb = f["quotes"] / (f["peak_mb"] / 1024)
                print(f"{Path(path).parent.name + '/' + Path(path).name:30} {label:15} {f['read_s']:7.1f} "
                      f"{f['total_s']:8.1f} {f['cpu_s']:12.1f} {workers_cpu:12.1f} {f['peak_mb']:9.0f} "
                      f"{f['quotes']:7} {per_gb:9,.0f}  {f['md5'] == reference}", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--no-serial", action="store_true", help="skip the --jobs 1 reference (slow on large corpora)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=2, help=argparse.SUPPRESS)
    parser.add_argument("--scheduler", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.paths, args.jobs, args.scheduler)
    else:
        main(args.paths, serial=not args.no_serial)

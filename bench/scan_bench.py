"""End-to-end scan benchmark on generated corpora (issue 2 and issue 5).

For each size, generates that many recombined articles (see ``generate.py``) into a scratch folder,
then runs ``quotetrack scan`` in a child process three times: a cold scan that builds the index, a
re-scan of the unchanged corpus, and a re-scan after adding 1% new articles. Prints articles/s, MB/s
and the child's peak memory (``resource.getrusage(RUSAGE_CHILDREN)``), the extraction-only rate per
core (``extract`` + ``attribute`` in this process), and the link recall of the perturbed quotes.

    python bench/scan_bench.py [--jobs N] [--keep DIR] [N_ARTICLES ...]   (default: 10000)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generate import generate_corpus, load_sources

from quotetrack.corpus import iter_articles
from quotetrack.models import Article
from quotetrack.pipeline import quotes_of


def run_scan(folder: Path, out: Path, *extra: str) -> tuple[float, float, str]:
    """(seconds, child peak RSS in MB, stderr) of one ``quotetrack scan`` run."""
    t = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        done = subprocess.run([sys.executable, "-m", "quotetrack", "scan", str(folder), "-f", "jsonl", *extra],
                              stdout=fh, stderr=subprocess.PIPE, text=True, check=True)
    seconds = time.perf_counter() - t
    # ru_maxrss of the children is the largest single child (the scan or one of its workers).
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, done.stderr.strip()


def extraction_rate(folder: Path, limit: int = 2000) -> float:
    """MB/s of extraction plus attribution in one process (one core), on up to ``limit`` files."""
    articles = [a for a in iter_articles([str(folder)]) if isinstance(a, Article)][:limit]
    mb = sum(len(a.text.encode()) for a in articles) / 1e6
    quotes_of(articles[0])  # load the lazy lexicons first
    t = time.process_time()
    for a in articles:
        quotes_of(a)
    return mb / (time.process_time() - t)


def link_recall(out: Path, variants) -> tuple[float, int]:
    """Share of perturbed quotes that share a cluster with an occurrence of their original."""
    by_text: dict[str, set[str]] = {}
    by_doc_text: dict[tuple[str, str], set[str]] = {}
    for line in out.open(encoding="utf-8"):
        row = json.loads(line)
        by_text.setdefault(row["text"], set()).update(row["clusters"])
        by_doc_text.setdefault((row["doc"], row["text"]), set()).update(row["clusters"])
    hits = total = 0
    for v in variants:
        mine = by_doc_text.get((v.doc, v.text.rstrip(",").strip()))
        theirs = by_text.get(v.origin.rstrip(",").strip())
        if mine is None or theirs is None:
            continue  # the variant or its original was not extracted as one quote
        total += 1
        hits += bool(mine & theirs)
    return hits / max(total, 1), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000])
    parser.add_argument("--jobs", default="0")
    parser.add_argument("--keep", help="generate into this folder instead of a temporary one")
    args = parser.parse_args()
    source = load_sources()
    print(f"cores: {os.cpu_count()}, jobs: {args.jobs}")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(dir=args.keep) as tmp:
            folder = Path(tmp) / f"corpus{n}"
            t = time.perf_counter()
            variants = generate_corpus(str(folder), n, source)
            mb = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6
            print(f"\n{n} articles, {mb:.0f} MB generated in {time.perf_counter() - t:.0f} s")
            rate = extraction_rate(folder)
            print(f"  extraction + attribution, one core: {rate:.2f} MB/s")
            out = Path(tmp) / "out.jsonl"
            for label, extra in (("cold scan (builds the index)", ()), ("re-scan, unchanged", ()),
                                 ("cold scan, --no-index", ("--no-index",))):
                seconds, peak, summary = run_scan(folder, out, "-j", args.jobs, *extra)
                print(f"  {label:32} {seconds:7.1f} s {n / seconds:8.0f} articles/s {mb / seconds:6.2f} MB/s "
                      f"peak {peak:6.0f} MB  [{summary.splitlines()[-1]}]", flush=True)
            recall, pairs = link_recall(out, variants)
            print(f"  link recall of perturbed quotes: {recall:.3f} over {pairs} variant/original pairs")
            added = generate_corpus(str(folder / "added"), max(n // 100, 1), source, seed=11)
            seconds, peak, _ = run_scan(folder, out, "-j", args.jobs)
            print(f"  re-scan after adding {max(n // 100, 1)} articles: {seconds:.1f} s ({len(added)} new variants)")


if __name__ == "__main__":
    main()

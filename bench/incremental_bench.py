"""Incremental re-scans of a real corpus (issue 21): what adding, removing and editing articles
costs against a cold scan, and whether each indexed re-scan equals a clean ``--no-index`` scan.

Copies the article folders given (default: the 840 PolNeAR-train and 264 BASIL articles of the
dev data) into a scratch folder, then times in child processes: a cold scan that builds the
index; adding ``--add`` generated articles (new stories, ``generate.py``); removing as many of
the original articles; editing one (a paragraph with a new quote appended). After each change it
also runs a clean ``--no-index`` scan and compares the two outputs byte for byte.

    python bench/incremental_bench.py [--add N] [--jobs N] [DIR ...]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from generate import generate_corpus, load_sources
from scan_bench import Run, launcher, run_scan

DEFAULT_DIRS = tuple(str(Path(__file__).resolve().parents[2] / "shared" / "devdata" / name / "docs")
                     for name in ("polnear-train", "basil-stories"))
"""The dev data beside the project (``../shared/devdata``), wherever the bench is run from."""
EDIT = "\n\n“We will look at every one of these cases again,” the spokeswoman, Jane Roe, said on Friday.\n"


def digest(path: Path) -> str:
    """The md5 of a file (for the figures: equal outputs, equal digests)."""
    return hashlib.md5(path.read_bytes()).hexdigest()


def report(label: str, run: Run, cold: Run | None, equal: bool | None, out: Path) -> None:
    # CPU seconds: the shared machine disturbs them less than wall seconds (docs/PERFORMANCE.md).
    share = f"{100 * run.cpu / cold.cpu:5.1f}% of cold CPU" if cold else " " * 20
    same = "" if equal is None else ("equals --no-index" if equal else "DIFFERS from --no-index")
    print(f"  {label:28} {run.wall:7.2f} s wall {run.cpu:7.2f} s CPU  {share}  peak {run.peak_mb:5.0f} MB  "
          f"md5 {digest(out)[:8]}  {same}", flush=True)


def main(dirs: list[str], add: int, jobs: str) -> None:
    launch = launcher()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        for k, d in enumerate(dirs):
            shutil.copytree(d, folder / f"part{k}")
        n = sum(1 for p in folder.rglob("*") if p.is_file())
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        env.pop("QUOTETRACK_NO_INDEX", None)
        out, clean = Path(tmp) / "out.jsonl", Path(tmp) / "clean.jsonl"
        print(f"{n} articles from {', '.join(dirs)}; --jobs {jobs}")
        cold = run_scan(launch, folder, out, env, "-j", jobs)
        report("cold scan (builds index)", cold, None, None, out)

        def rescan(label: str) -> None:
            run = run_scan(launch, folder, out, env, "-j", jobs)
            run_scan(launch, folder, clean, env, "-j", jobs, "--no-index")
            report(label, run, cold, out.read_bytes() == clean.read_bytes(), out)

        rescan("re-scan, unchanged")
        generate_corpus(str(folder / "added"), add, load_sources(), seed=11, prefix="add")
        rescan(f"re-scan, {add} added")
        originals = sorted(p for p in (folder / "part0").rglob("*") if p.is_file())
        for p in originals[:add]:
            p.unlink()
        rescan(f"re-scan, {add} removed")
        edited = originals[add]
        edited.write_text(edited.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
        rescan("re-scan, 1 edited")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", default=list(DEFAULT_DIRS))
    parser.add_argument("--add", type=int, default=20, help="articles added, then removed")
    parser.add_argument("--jobs", default="0", help="scan workers (0: all cores)")
    args = parser.parse_args()
    main(args.dirs, args.add, args.jobs)

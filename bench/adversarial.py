"""Adversarial timing bench: hostile inputs must scan in time linear in their size.

Writes inputs under ``bench/out/adversarial/`` (git-ignored), scans each through the library
(``quotetrack.scan``, the same path the CLI takes) and prints one line of figures per input:
size, seconds, MB/s and quotes found. Run it with::

    python bench/adversarial.py              # the 10 MB inputs and a 100,000-file directory
    python bench/adversarial.py --quick      # 1 MB inputs and 10,000 files
    python bench/adversarial.py --size 5000000 --only one_letter_quotes   # issue 21's case
    python bench/adversarial.py --wording 50000   # one wording carried by 50,000 articles (issue 21)

The doubling column scans the first half of each input as well: a ratio (of CPU seconds, which a
shared machine disturbs less than wall seconds) near 2 means linear, near 4 quadratic.
``tests/test_properties.py`` keeps a smaller linearity check in the suite.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrack import scan  # noqa: E402

OUT = ROOT / "bench" / "out" / "adversarial"
MARKS = "“”\"'‘’«»„‹›‚"


def marks_only(size: int, rng: random.Random) -> str:
    """Nothing but quote marks and apostrophes, one paragraph."""
    return "".join(rng.choice(MARKS + "''") for _ in range(size))


def marks_and_apostrophes_lines(size: int, rng: random.Random) -> str:
    """Quote marks, apostrophes and spaces in 80-character lines."""
    line = lambda: "".join(rng.choice(MARKS + "'  ") for _ in range(79)) + "\n"  # noqa: E731
    return "".join(line() for _ in range(size // 80))


def marks_with_words(size: int, rng: random.Random) -> str:
    """Marks glued to short words and spaces: every mark can open or close something."""
    tokens = [*MARKS, "'", "''", " ", " ", "a", "He", "said", "Putin", "s", "'90s", ",", ".", "\n"]
    out, n = [], 0
    while n < size:
        t = rng.choice(tokens)
        out.append(t)
        n += len(t)
    return "".join(out)


def unbalanced_one_paragraph(size: int, rng: random.Random) -> str:
    """One huge paragraph of opening marks before words: nothing ever closes."""
    return "".join(rng.choice(("“Word ", "«Word ", "'Word ", "„Word ")) for _ in range(size // 6))


def capitalised_run(size: int, rng: random.Random) -> str:
    """A long run of capitalised words, then a cue and a quote (name-run regexes)."""
    return "A " * (size // 2 - 20) + "x said “Hello there.”\n"


def seeds_as_one_article(size: int, rng: random.Random) -> str:
    """The seed articles repeated into one long article: real prose, many quotes and cues."""
    prose = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    return (prose * (size // len(prose) + 1))[:size]


def one_letter_quotes(size: int, rng: random.Random) -> str:
    """One paragraph of one-letter quotes, each with a cue: ``"a," she said. "q," she said. ...``
    (issue 21: 5 MB of them, about 333,000 quotes, must scan in under 20 s)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(f'"{rng.choice(letters)}," she said. ' for _ in range(size // 15))


def bare_one_letter_quotes(size: int, rng: random.Random) -> str:
    """One paragraph of bare one-letter quotes: ``"a" "q" "x" ...`` (a quote every 4 characters)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(f'"{rng.choice(letters)}" ' for _ in range(size // 4))


INPUTS: tuple[Callable[[int, random.Random], str], ...] = (
    marks_only, marks_and_apostrophes_lines, marks_with_words, unbalanced_one_paragraph,
    capitalised_run, seeds_as_one_article, one_letter_quotes, bare_one_letter_quotes,
)


def timed_scan(paths: list[str]) -> tuple[float, int, int]:
    start = time.perf_counter()
    result = scan(paths)
    return time.perf_counter() - start, len(result.occurrences), len(result.articles)


def cpu_scan(paths: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds of a scan in this process (CPU tells on a shared machine), and its quotes."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = scan(paths)
    return time.perf_counter() - wall, time.process_time() - cpu, len(result.occurrences)


def bench_inputs(size: int, only: list[str]) -> None:
    print(f"{'input':32} {'MB':>6} {'seconds':>8} {'cpu s':>7} {'MB/s':>6} {'quotes':>7} {'half s':>7} {'ratio':>5}")
    for make in INPUTS:
        if only and make.__name__ not in only:
            continue
        # Sizes are in bytes as stored (UTF-8): curly marks take three bytes each.
        full, half = OUT / f"{make.__name__}.txt", OUT / f"{make.__name__}.half.txt"
        for path, n in ((full, size), (half, size // 2)):
            text = make(n, random.Random(0)).encode("utf-8")[:n].decode("utf-8", "ignore")
            path.write_text(text, encoding="utf-8")
        mb = full.stat().st_size / 1e6
        seconds, cpu, quotes = cpu_scan([str(full)])
        half_seconds, half_cpu, _ = cpu_scan([str(half)])
        print(f"{make.__name__:32} {mb:6.1f} {seconds:8.2f} {cpu:7.2f} {mb / seconds:6.2f} {quotes:7d} "
              f"{half_seconds:7.2f} {cpu / max(half_cpu, 1e-3):5.1f}", flush=True)


def small_files(name: str, n: int, file: Callable[[int], tuple[str, str]]) -> Path:
    """The folder ``OUT/name`` of ``n`` files, ``file(i)`` giving the name and text of the i-th,
    spread over 100 subfolders; written once (through a scratch folder, so a run cut short
    leaves no half-written input behind)."""
    folder = OUT / name
    if not folder.exists():
        tmp = OUT / f"{name}.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        for i in range(n):
            sub = tmp / f"d{i % 100:02d}"
            sub.mkdir(parents=True, exist_ok=True)
            filename, text = file(i)
            (sub / filename).write_text(text, encoding="utf-8")
        tmp.rename(folder)
    return folder


def bench_many_files(n: int) -> None:
    folder = small_files(f"files_{n}", n, lambda i: (
        f"art {i:06d} é.txt", f"“Statement number {i} is here,” Jane Doe said.\n"))
    seconds, quotes, articles = timed_scan([str(folder)])
    print(f"{'directory of small files':32} {n:6d} files {seconds:8.2f} s  {articles / seconds:8.0f} files/s  "
          f"{quotes} quotes", flush=True)


def bench_one_wording(n: int) -> None:
    """``n`` articles (and half as many), each from its own outlet and day, all carrying one quote
    word for word: one cluster of ``n`` members, which blocking, scoring, comparing wordings and
    the outputs must handle in time linear in ``n`` (issue 21)."""
    for count in (n // 2, n):
        folder = small_files(f"wording_{count}", count, lambda i: (
            f"a{i:06d}.txt", f"Outlet {i % 997} News\n2024-{1 + i % 12:02d}-{1 + i % 28:02d}\n\n"
            "“We will finish the bridge before the spring floods,” Jane Roe said on Monday.\n"))
        wall, cpu, quotes = cpu_scan([str(folder)])
        print(f"{'one wording, many articles':32} {count:6d} files {wall:8.2f} s {cpu:7.2f} s CPU  {quotes} quotes",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB inputs and 10,000 files")
    parser.add_argument("--only", nargs="*", default=[], help="input names to run (no directory bench)")
    parser.add_argument("--wording", type=int, default=0,
                        help="only the one-wording case: this many articles (and half as many)")
    parser.add_argument("--size", type=int, default=None, help="bytes of each input (default 10 MB, 1 MB --quick)")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.wording:
        bench_one_wording(args.wording)
        return
    bench_inputs(args.size or (1_000_000 if args.quick else 10_000_000), args.only)
    if not args.only:
        bench_many_files(10_000 if args.quick else 100_000)


if __name__ == "__main__":
    main()

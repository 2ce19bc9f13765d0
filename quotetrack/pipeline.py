"""The scan pipeline: articles -> quotes -> speakers -> clusters, as pure steps over records."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from typing import BinaryIO

from .attribute import attribute
from .corpus import Reader, decode, iter_files, read_article
from .extract import find_quotes
from .index import Entry, Index, content_hash, decode_entry, encode_entry, open_index
from .match import cluster
from .models import Article, Cluster, Kind, Quote, ScanOptions, ScanResult, Skipped
from .names import unify


def quotes_of(article: Article) -> tuple[Quote, ...]:
    """Every quote of one article, attributed (speakers canonical within the article)."""
    return attribute(article, tuple(find_quotes(article)))


def unify_speakers(per_article: Sequence[tuple[Article, tuple[Quote, ...]]]
                   ) -> list[tuple[Article, Quote]]:
    """Give each person one spelling across the corpus (Zelensky / Zelenskyy)."""
    names = [q.speaker for _, qs in per_article for q in qs if q.speaker and q.speaker[:1].isupper()]
    canonical = unify(names)
    return [(a, replace(q, speaker=canonical.get(q.speaker, q.speaker)) if q.speaker else q)
            for a, qs in per_article for q in qs]


def scan(paths: Iterable[str], options: ScanOptions = ScanOptions(),
         stdin: BinaryIO | None = None, progress: Progress | None = None) -> ScanResult:
    """Read every article under ``paths``, find and attribute its quotes, and cluster them.

    ``options.jobs`` spreads extraction over worker processes and ``options.index`` reuses the
    extractions of unchanged files; neither changes the result. ``progress(done, total)`` is
    called as files are done."""
    warnings: list[str] = []
    files = list(iter_files(paths))
    index = open_index(options.index, warnings) if options.index else None
    try:
        extracted = _extract_all(files, options.jobs, index, stdin, progress)
    finally:
        if index is not None:
            index.close()
    articles = [e.article for e in extracted if isinstance(e, Entry)]
    skipped = [e for e in extracted if isinstance(e, Skipped)]
    per_article = _dedupe_docs([(e.article, e.quotes) for e in extracted if isinstance(e, Entry)])
    clusters = cluster(unify_speakers(per_article))
    return ScanResult(tuple(a for a, _ in per_article), tuple(skipped), select(clusters, options),
                      tuple(warnings))


Progress = Callable[[int, int], None]
"""``progress(done, total)``: files finished so far out of all files."""
CHUNK_FILES = 32
"""Files a worker takes at a time: large enough to amortise the hand-off, small for steady progress."""
PARALLEL_MIN_FILES = 2 * CHUNK_FILES
"""Fewer files than this are extracted in this process: starting workers would cost more."""


def extract_file(path: str, reader: Reader, stdin: BinaryIO | None = None
                 ) -> tuple[Entry | Skipped, bytes | None]:
    """Read and extract one file: its entry (or why it was skipped) and its bytes."""
    try:
        if path == "-":
            data = (stdin or sys.stdin.buffer).read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError as exc:
        return Skipped(path, exc.strerror or "cannot read"), None
    item = read_article(path, data, reader)
    if isinstance(item, Skipped):
        return item, data
    return Entry(item, quotes_of(item)), data


Extracted = tuple[Entry | Skipped, tuple[int, int, str, str] | None]
"""A file's entry and, for the index, (size, mtime_ns, content hash, JSON payload)."""


def _extract_chunk(chunk: Sequence[tuple[str, Reader]]) -> list[Extracted]:
    """Worker side: each file's entry and its index row."""
    out: list[Extracted] = []
    for path, reader in chunk:
        try:
            st = os.stat(path)  # before reading: a file changed meanwhile is re-hashed next time
        except OSError:
            st = None
        entry, data = extract_file(path, reader)
        if isinstance(entry, Entry) and data is not None and st is not None:
            row = (st.st_size, st.st_mtime_ns, content_hash(data), encode_entry(entry.article, entry.quotes))
            out.append((entry, row))
        else:
            out.append((entry, None))
    return out


def _cached(index: Index, key: str, path: str) -> Entry | Skipped | None:
    """The stored extraction of an unchanged file, with its text read again; None on a miss."""
    try:
        st = os.stat(path)
        digest = index.stat_hash(key, st.st_size, st.st_mtime_ns)
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    restat = digest is None
    if restat:
        digest = content_hash(data)
    payload = index.extraction(key, digest)
    if payload is None:
        return None
    try:
        entry = decode_entry(payload, decode(data))
    except (ValueError, KeyError, TypeError):
        return None  # a row this version cannot read: extract the file again
    if restat:
        index.put(key, st.st_size, st.st_mtime_ns, digest, payload)  # touched, same bytes
    return entry


def _extract_all(files: Sequence[tuple[str, Reader] | Skipped], jobs: int, index: Index | None,
                 stdin: BinaryIO | None, progress: Progress | None) -> list[Entry | Skipped]:
    """Every file's entry in input order: from the index when unchanged, else extracted (in
    worker processes when there are enough files). Standard input never touches the index."""
    total = len(files)
    done = 0
    results: list[Entry | Skipped | None] = [None] * total
    todo: list[int] = []
    for i, f in enumerate(files):
        if isinstance(f, Skipped):
            results[i] = f
        elif f[0] == "-":
            results[i] = extract_file("-", f[1], stdin)[0]
        elif index is not None and (hit := _cached(index, os.path.abspath(f[0]), f[0])) is not None:
            results[i] = hit
        else:
            todo.append(i)
            continue
        done += 1
        if progress and done % CHUNK_FILES == 0:
            progress(done, total)
    if index is not None:
        index.flush()
    if progress:
        progress(done, total)
    chunks = [todo[k:k + CHUNK_FILES] for k in range(0, len(todo), CHUNK_FILES)]
    work = [[files[i] for i in c] for c in chunks]
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 and len(todo) >= PARALLEL_MIN_FILES else None
    try:
        # map() yields in submission order, so the result never depends on which worker ran what.
        outs = pool.map(_extract_chunk, work) if pool is not None else map(_extract_chunk, work)
        for chunk, out in zip(chunks, outs):
            for i, (entry, row) in zip(chunk, out):
                results[i] = entry
                if index is not None and row is not None:
                    index.put(os.path.abspath(files[i][0]), *row)  # type: ignore[index]
            if index is not None:
                index.flush()  # one transaction per chunk: an interrupted scan keeps what it did
            done += len(chunk)
            if progress:
                progress(done, total)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return [r for r in results if r is not None]


def _dedupe_docs(per_article: list[tuple[Article, tuple[Quote, ...]]]
                 ) -> list[tuple[Article, tuple[Quote, ...]]]:
    """Doc ids must be unique: a second file with the same stem gets its path as id."""
    seen: set[str] = set()
    out = []
    for a, qs in per_article:
        if a.doc in seen:
            a = replace(a, doc=a.path)
            qs = tuple(replace(q, doc=a.doc) for q in qs)
        seen.add(a.doc)
        out.append((a, qs))
    return out


def select(clusters: Sequence[Cluster], options: ScanOptions) -> tuple[Cluster, ...]:
    """Apply the user's filters: speaker, minimum outlets, full quotes only."""
    out = []
    needle = options.speaker.casefold() if options.speaker else None
    for c in clusters:
        if options.full_only:
            members = tuple(o for o in c.members if o.quote.kind is Kind.FULL)
            if not members:
                continue
            c = replace(c, members=members)
        if needle is not None and needle not in (c.speaker or "").casefold():
            continue
        if len(c.outlets) < options.min_outlets:
            continue
        out.append(c)
    return tuple(out)

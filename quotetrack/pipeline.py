"""The scan pipeline: articles -> quotes -> speakers -> clusters, as pure steps over records."""

from __future__ import annotations

import hashlib
import os
import zlib
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from dataclasses import replace
from functools import partial
from typing import BinaryIO

from .attribution import attribute
from .clustering import CorpusStats, cluster
from .clustering.memo import Memo
from .clustering.roles import Introduction
from .clustering.roles import introductions as introductions_in
from .compare import alterations
from .corpus import (
    Reader,
    decode,
    doc_id,
    iter_files,
    read_articles,
    read_file,
    read_text_article,
    shown,
)
from .extract import find_quotes
from .index import Extraction, Index, content_hash, decode_entries, encode_entries, open_index
from .manifest import Manifests
from .models import Article, Cluster, Kind, Quote, ScanOptions, ScanResult, Skipped
from .names import straight_apostrophes, unify
from .snapshot import decode_result, encode_result, result_key, rules_digest
from .text import concept_counts
from .workers import frozen


def quotes_of(article: Article) -> tuple[Quote, ...]:
    """Every quote of one article, attributed (speakers canonical within the article)."""
    return attribute(article, tuple(find_quotes(article)))


def unify_speakers(per_article: Sequence[tuple[Article, tuple[Quote, ...]]]
                   ) -> list[tuple[Article, Quote]]:
    """Give each person one spelling across the corpus (Zelensky / Zelenskyy). A bare surname
    keeps its spelling: only its own article may complete it (``attribution`` does), as a
    "Hollis" in one story is not the "Carl Hollis" of another. Nor is a name respelled for its
    apostrophe alone ("O’Dea" / "O'Dea"): that is the outlet's typesetting, and the
    article's own is kept, though both are one person (``names.same_person``)."""
    names = [q.speaker for _, qs in per_article for q in qs if q.speaker and q.speaker[:1].isupper()]
    respelled = {name: spelling for name, spelling in unify(names).items()
                 if straight_apostrophes(spelling) != straight_apostrophes(name)
                 and (" " in name or " " not in spelling)}
    return [(a, replace(q, speaker=respelled[q.speaker]) if q.speaker in respelled else q)
            for a, qs in per_article for q in qs]


DEFAULT_OPTIONS = ScanOptions()
"""The options of a plain scan (frozen, so one instance serves every call)."""


def scan(paths: Iterable[str], options: ScanOptions = DEFAULT_OPTIONS,
         stdin: BinaryIO | None = None, progress: Progress | None = None) -> ScanResult:
    """Read every article under ``paths``, find and attribute its quotes, and cluster them.

    ``options.jobs`` spreads extraction over worker processes and ``options.index`` reuses the
    extractions of unchanged files, and the whole result when no input changed; neither changes
    the result. ``progress`` is told how far each step is (``Progress``)."""
    with Session(paths, options, stdin, progress) as session:
        return session.result()


class Session:
    """One scan: its inputs, and its index and result key while it runs (a context manager).

    ``scan`` is a session's ``result()``; the front end also reads ``index`` and ``key`` to store
    what it writes (``outputs.py``)."""

    def __init__(self, paths: Iterable[str], options: ScanOptions, stdin: BinaryIO | None,
                 progress: Progress | None) -> None:
        paths = list(paths)
        self.files = list(iter_files(paths))
        self.manifests = Manifests(paths)  # applied after extraction: a manifest never changes quotes
        self.options, self.stdin, self.progress = options, stdin, progress
        self.warnings: list[str] = []
        self.index: Index | None = None
        self.key: str | None = None
        """The stored-result key of the inputs as they were when the scan began (None: no index,
        or inputs whose result cannot be stored)."""
        self.settled = False
        """Whether the result is known to match ``key`` (restored, or no input changed while read)."""
        self.state_key = state_key(paths)
        """The key of the clustering record of this corpus (``clustering.memo``)."""

    def __enter__(self) -> Session:
        if self.options.index:
            self.index = open_index(self.options.index, self.warnings)
        if self.index is not None:
            try:
                self.key = _result_key(self.files, self.manifests, self.index)
            except BaseException:
                self.index.close()
                raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.index is not None:
            self.index.close()

    def result(self) -> ScanResult:
        """The scan's result: restored when stored under ``key``, else scanned (and stored)."""
        found = None
        if self.index is not None and self.key is not None:
            found = _restore(self.index, self.key, _read_text if self.options.texts else lambda path: None)
        self.settled = found is not None
        if found is None:
            plain = {path for path, reader in _readable(self.files) if reader is read_text_article}
            found = _scan_files(self.files, self.manifests, self.options.jobs, self.index, self.stdin, self.progress,
                                set() if self.options.texts else plain, self.options.scheduler, self.state_key)
            if self.index is not None and self.key is not None:
                self.settled = self.key == _result_key(self.files, self.manifests, self.index)
                if self.settled:
                    self.index.put_result(self.key, encode_result(*found, text_from_file=lambda a: a.path in plain))
        articles, skipped, clusters = found
        return ScanResult(articles, skipped, select(clusters, self.options), tuple(self.warnings))


def state_key(paths: Sequence[str]) -> str:
    """The key of a corpus's clustering record (``clustering.memo``): the rules and the paths as
    given, so each folder a user re-scans has its own."""
    return hashlib.sha256("\0".join([rules_digest(), *paths]).encode("utf-8", "surrogateescape")).hexdigest()


def _scan_files(files: Sequence[tuple[str, Reader] | Skipped], manifests: Manifests, jobs: int,
                index: Index | None, stdin: BinaryIO | None, progress: Progress | None, drop_texts: Collection[str],
                scheduler: str | None = None, memo_key: str | None = None
                ) -> tuple[tuple[Article, ...], tuple[Skipped, ...], tuple[Cluster, ...]]:
    """Extract (or fetch from the index) every file, apply the manifests, and cluster, with the
    clustering record stored under ``memo_key`` when there is an index. The articles of the files
    in ``drop_texts`` keep no text. ``scheduler``: see ``_extract_all``."""
    introductions: dict[str, tuple[Introduction, ...]] = {}
    # The collector's passes leave out what is made before each step: the libraries' objects,
    # then every article and quote, all long-lived (a pass over them all costs a second or more).
    with frozen():
        per_article, skipped, stats = gather(files, manifests, jobs, index, stdin, progress, drop_texts,
                                             scheduler, introductions)
        with frozen():
            return _cluster_gathered(per_article, skipped, stats, introductions, jobs, index, progress, memo_key)


def _cluster_gathered(per_article: list[tuple[Article, tuple[Quote, ...]]], skipped: list[Skipped],
                      stats: CorpusStats, introductions: dict[str, tuple[Introduction, ...]], jobs: int,
                      index: Index | None, progress: Progress | None, memo_key: str | None
                      ) -> tuple[tuple[Article, ...], tuple[Skipped, ...], tuple[Cluster, ...]]:
    """``_scan_files`` once the articles are gathered: speakers unified, clustered, compared."""
    items = unify_speakers(per_article)
    if progress:
        progress(f"clustering {len(items):,} quotes", 0, None)
    memo = Memo(index.state(memo_key)) if index is not None and memo_key is not None else None
    found = cluster(items, stats, processes(jobs), memo, introductions)
    if progress:
        progress("comparing wordings", 0, None)
    compared = alterations(found, processes(jobs), memo.answers if memo is not None else None)
    if index is not None and memo_key is not None and memo is not None and (kept := memo.finish()) is not None:
        index.put_state(memo_key, kept)
    return tuple(a for a, _ in per_article), tuple(skipped), compared


def gather(files: Sequence[tuple[str, Reader] | Skipped], manifests: Manifests, jobs: int,
           index: Index | None, stdin: BinaryIO | None, progress: Progress | None, drop_texts: Collection[str] = (),
           scheduler: str | None = None, introductions: dict[str, tuple[Introduction, ...]] | None = None
           ) -> tuple[list[tuple[Article, tuple[Quote, ...]]], list[Skipped], CorpusStats]:
    """Every article with its quotes, under its final doc id (manifests applied, ids made
    unique), the skipped inputs, and the word statistics of the articles that have quotes, under
    those ids: what ``clustering.cluster`` would count itself.

    Each article's concept counts go into the statistics as soon as it is extracted or fetched
    (under its file's and record's place, named once the doc ids are settled in input order), and
    are not kept, nor is the text of an article whose path is in ``drop_texts``: files that wait
    for an earlier one hold only their quotes. ``introductions``, when given, takes the people
    each article introduces by an owner's role (``clustering.roles.introductions``), by doc id,
    found as it was extracted (``Extraction.introductions``)."""
    stats = CorpusStats()
    introduced: dict[tuple[int, int], tuple[Introduction, ...]] = {}

    def settle(i: int, found: list[Extraction | Skipped]) -> list[Extraction | Skipped]:
        light: list[Extraction | Skipped] = []
        for k, e in enumerate(found):
            if isinstance(e, Extraction):
                if e.quotes:
                    stats.add((i, k), e.counts)
                    if introductions is not None:
                        introduced[i, k] = e.introductions
                e = Extraction(replace(e.article, text=None) if e.article.path in drop_texts else e.article, e.quotes)
            light.append(e)
        return light

    per_article: list[tuple[Article, tuple[Quote, ...]]] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    docs: dict[tuple[int, int], str] = {}
    for i, found in enumerate(_extract_all(files, jobs, index, stdin, progress, settle, scheduler, drop_texts)):
        for k, e in enumerate(found):
            if isinstance(e, Skipped):
                skipped.append(e)
                continue
            article, quotes = _unique_doc(manifests.apply(e.article), e.quotes, seen)
            if quotes:
                docs[i, k] = article.doc
            per_article.append((article, quotes))
    stats.rename(docs)
    if introductions is not None:
        introductions.update((docs[place], found) for place, found in introduced.items() if place in docs)
    return per_article, skipped + manifests.problems, stats


def _readable(files: Sequence[tuple[str, Reader] | Skipped]) -> Iterator[tuple[str, Reader]]:
    """The files that are read from disk (not standard input) and can be opened again by the
    name they are shown with."""
    for f in files:
        if not isinstance(f, Skipped) and f[0] != "-" and shown(f[0]) == f[0]:
            yield f


def _result_key(files: Sequence[tuple[str, Reader] | Skipped], manifests: Manifests, index: Index) -> str | None:
    """The key of the stored result for these inputs (``snapshot.result_key``): each file's
    content hash, from the index while its size and mtime are unchanged, else read and hashed.
    None when a result cannot be stored (standard input, a name that cannot be shown as is)."""
    stats = index.stats()
    inputs = []
    for f in files:
        if isinstance(f, Skipped):
            inputs.append((f.path, f"skipped: {f.reason}"))
            continue
        path = f[0]
        if path == "-" or shown(path) != path:
            return None
        try:
            st = os.stat(path)
            known = stats.get(os.path.abspath(path))
            if known is not None and known[:2] == (st.st_size, st.st_mtime_ns):
                digest = known[2]
            else:
                with open(path, "rb") as fh:
                    digest = content_hash(fh.read())
        except OSError as exc:
            digest = f"unreadable: {exc.strerror}"
        inputs.append((path, digest))
    return result_key(inputs, manifests.fingerprint(f[0] for f in _readable(files)))


def _restore(index: Index, key: str, read_text: Callable[[str], str | None]
             ) -> tuple[tuple[Article, ...], tuple[Skipped, ...], tuple[Cluster, ...]] | None:
    """The stored result with ``key``, with ``read_text(path)`` for the text of each plain-text
    article; None on a miss or a record this version cannot use (the scan then runs in full)."""
    blob = index.result(key)
    if blob is None:
        return None
    try:
        return decode_result(blob, read_text)
    except (ValueError, KeyError, TypeError, IndexError, OSError, zlib.error):
        return None


def _read_text(path: str) -> str:
    with open(path, "rb") as fh:
        return decode(fh.read())


Progress = Callable[[str, int, int | None], None]
"""``progress(step, done, total)``: ``done`` of ``total`` units of the step named ``step``
("reading files") are finished; ``total`` is None for a step that cannot count them
("clustering 775,007 quotes")."""
READING = "reading files"
"""The step that reads and extracts the files, the one ``progress`` can count."""
CHUNK_FILES = 32
"""Files a worker takes at a time: large enough to amortise the hand-off, small for steady progress."""
PARALLEL_MIN_FILES = 2 * CHUNK_FILES
"""Fewer files than this are extracted in this process: starting workers would cost more."""


def extract_file(path: str, reader: Reader, stdin: BinaryIO | None = None
                 ) -> tuple[list[Extraction | Skipped], bytes | None]:
    """Read and extract one file: its entries (a JSON export holds many articles), or why it
    was skipped, and its bytes."""
    found, data = read_file(path, reader, stdin)
    return [_entry(a) if isinstance(a, Article) else a for a in found], data


def extract_bytes(path: str, reader: Reader, data: bytes) -> list[Extraction | Skipped]:
    """Extract one file from its bytes, read elsewhere (a Dask worker gets them from the client):
    what ``extract_file`` gives for the same bytes."""
    return [_entry(a) if isinstance(a, Article) else a for a in read_articles(shown(path), data, reader)]


def _entry(article: Article) -> Extraction:
    """One article's quotes and, when it has any, its concept counts and introductions
    (``Extraction.counts``, ``Extraction.introductions``): made where it is extracted, in a worker
    process when there are several, and kept in the index."""
    quotes = quotes_of(article)
    if not quotes:
        return Extraction(article, quotes)
    text = article.text or ""
    return Extraction(article, quotes, concept_counts(text), introductions_in(text) if text else ())


Extracted = tuple[list[Extraction | Skipped], tuple[int, int, str, str] | None]
"""A file's entries and, for the index, (size, mtime_ns, content hash, JSON payload)."""


def _extract_chunk(chunk: Sequence[tuple[str, Reader]], indexed: bool = True) -> list[Extracted]:
    """Worker side: each file's entries and, when ``indexed``, its index row."""
    out: list[Extracted] = []
    for path, reader in chunk:
        try:
            st = os.stat(path)  # before reading: a file changed meanwhile is re-hashed next time
            stamp = (st.st_size, st.st_mtime_ns)
        except OSError:
            stamp = None
        found, data = extract_file(path, reader)
        out.append((found, index_row(found, data, stamp) if indexed else None))
    return out


def index_row(found: list[Extraction | Skipped], data: bytes | None, stamp: tuple[int, int] | None
              ) -> tuple[int, int, str, str] | None:
    """A file's index row (``Extracted``) from its entries, its bytes and its (size, mtime_ns)
    taken before it was read; None when the file is not stored (unreadable, or not all articles)."""
    entries = [e for e in found if isinstance(e, Extraction)]
    if not entries or len(entries) != len(found) or data is None or stamp is None:
        return None
    return (*stamp, content_hash(data), encode_entries(entries, decode(data)))


def _cached(index: Index, key: str, path: str, keep_text: bool = True) -> list[Extraction | Skipped] | None:
    """The stored extraction of an unchanged file, with its text read again (unless not
    ``keep_text``, for a file whose text the scan lets go: then a file whose size and mtime are
    unchanged is not read at all); None on a miss."""
    data = None
    try:
        st = os.stat(path)
        digest = index.stat_hash(key, st.st_size, st.st_mtime_ns)
        if digest is None or keep_text:
            with open(path, "rb") as fh:
                data = fh.read()
    except OSError:
        return None
    restat = digest is None
    if digest is None:
        digest = content_hash(data or b"")
    payload = index.extraction(key, digest)
    if payload is None:
        return None
    try:
        entries: list[Extraction | Skipped] = list(decode_entries(payload, None if data is None else decode(data)))
    except (ValueError, KeyError, TypeError):
        return None  # a row this version cannot read: extract the file again
    if restat:
        index.put(key, st.st_size, st.st_mtime_ns, digest, payload)  # touched, same bytes
    return entries


def _extract_all(files: Sequence[tuple[str, Reader] | Skipped], jobs: int, index: Index | None,
                 stdin: BinaryIO | None, progress: Progress | None,
                 settle: Callable[[int, list[Extraction | Skipped]], list[Extraction | Skipped]],
                 scheduler: str | None = None, drop_texts: Collection[str] = ()
                 ) -> Iterator[list[Extraction | Skipped]]:
    """Each file's entries (or why it was skipped), in input order, each as soon as it and every
    file before it are done: from the index when unchanged, else extracted (in worker processes
    when there are enough files, or on the workers of the Dask ``scheduler``). Standard input
    never touches the index. ``settle(i, entries)`` is applied to the ``i``-th file's entries in
    input order, as soon as they and every extracted file before them are there: what it returns
    waits for the files before it. The texts of the files in ``drop_texts`` are not read back
    from an unchanged file (``_cached``)."""
    total = len(files)
    done = 0
    ready: dict[int, list[Extraction | Skipped]] = {}  # done, waiting for the files before them
    first = 0  # the first file not yet handed on
    todo: list[int] = []
    for i, f in enumerate(files):
        if isinstance(f, Skipped):
            ready[i] = [f]
        elif f[0] == "-":
            ready[i] = settle(i, extract_file("-", f[1], stdin)[0])
        elif index is not None and (hit := _cached(index, os.path.abspath(f[0]), f[0], f[0] not in drop_texts)
                                    ) is not None:
            ready[i] = settle(i, hit)
        else:
            todo.append(i)
            continue
        done += 1
        if progress and done % CHUNK_FILES == 0:
            progress(READING, done, total)
        while first in ready:
            yield ready.pop(first)
            first += 1
    if index is not None:
        index.flush()
    if progress:
        progress(READING, done, total)
    chunks = [todo[k:k + CHUNK_FILES] for k in range(0, len(todo), CHUNK_FILES)]
    work = [[f for i in c if not isinstance(f := files[i], Skipped)] for c in chunks]
    arrived: dict[int, list[Extracted]] = {}  # chunks done before an earlier one
    settled = 0  # the first chunk not yet settled
    # Chunks are settled in input order, so the result never depends on which worker ran what.
    with closing(_run_chunks(work, jobs, index is not None, scheduler)) as outs:
        for c, out in outs:
            if index is not None:
                for i, (_, row) in zip(chunks[c], out):
                    if row is not None:
                        index.put(os.path.abspath(files[i][0]), *row)  # type: ignore[index]
                index.flush()  # one transaction per chunk: an interrupted scan keeps what it did
            done += len(chunks[c])
            if progress:
                progress(READING, done, total)
            arrived[c] = out
            while settled in arrived:
                for i, (entry, _) in zip(chunks[settled], arrived.pop(settled)):
                    ready[i] = settle(i, entry)
                settled += 1
            while first in ready:
                yield ready.pop(first)
                first += 1


def _run_chunks(work: list[list[tuple[str, Reader]]], jobs: int, indexed: bool, scheduler: str | None
                ) -> Generator[tuple[int, list[Extracted]], None, None]:
    """``_extract_chunk`` of each chunk of ``work``, as (its position, its files' ``Extracted``)
    in the order they finish: on the Dask ``scheduler``'s workers when one is named, else here or
    in ``jobs`` worker processes (when there are enough files)."""
    if scheduler is not None:
        from .dask_extract import extract_chunks  # distributed is an optional extra, imported only here

        yield from extract_chunks(scheduler, work, indexed)
        return
    workers = processes(jobs)
    many = sum(map(len, work)) >= PARALLEL_MIN_FILES
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 and many else None
    try:
        extract = partial(_extract_chunk, indexed=indexed)
        yield from enumerate(pool.map(extract, work) if pool is not None else map(extract, work))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def processes(jobs: int) -> int:
    """The worker processes ``jobs`` asks for: 0 means one a core."""
    return jobs if jobs > 0 else (os.cpu_count() or 1)


def _unique_doc(article: Article, quotes: tuple[Quote, ...], seen: set[str]) -> tuple[Article, tuple[Quote, ...]]:
    """Doc ids must be unique: an article whose id is in ``seen`` (a second file with the same
    stem) gets its path as id (a JSON record keeps its record suffix: ``other/export.json:3``).
    Adds the id it keeps to ``seen``."""
    if article.doc in seen:
        stem = doc_id(article.path)
        doc = article.path + article.doc[len(stem):] if article.doc.startswith(stem) else article.path
        article = replace(article, doc=doc)
        quotes = tuple(replace(q, doc=doc) for q in quotes)
    seen.add(article.doc)
    return article, quotes


def select(clusters: Sequence[Cluster], options: ScanOptions) -> tuple[Cluster, ...]:
    """Apply the user's filters: speaker, minimum outlets, kinds of quote (full quotes only)."""
    out = []
    needle = options.speaker.casefold() if options.speaker else None
    kinds = frozenset(Kind) if options.kinds is None else frozenset(options.kinds)
    if options.full_only:
        kinds &= {Kind.FULL}
    for c in clusters:
        if len(kinds) < len(Kind):
            members = tuple(o for o in c.members if o.quote.kind in kinds)
            if not members:
                continue
            if len(members) < len(c.members):
                c = replace(c, members=members)
        if needle is not None and needle not in (c.speaker or "").casefold():
            continue
        if len(c.outlets) < options.min_outlets:
            continue
        out.append(c)
    return tuple(out)

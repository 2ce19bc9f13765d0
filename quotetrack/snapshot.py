"""A whole scan's result as one compact record, so an unchanged corpus is not clustered again.

Extraction is cached per file (``index.py``); clustering is not separable that way, because every
link depends on the corpus as a whole (word rarity, story affinity). So the index also keeps the
*result* of a scan, keyed by everything it depends on (``result_key``): the rules' source, every
input file's path and content hash (or why it was skipped), and the manifests. A re-scan whose key
matches restores the articles, skipped inputs and clusters from it instead of clustering again,
and gives exactly what clustering would have given.

The record is JSON lines (zlib-compressed), each line a batch of rows of one section, so it is
written and read a batch at a time. The sections, in order: articles (without their text when it
is the file's own decoded bytes, plain text and Markdown, read again when the scan keeps texts);
quotes; the canonical wording of each cluster that a quote listed before it belongs to first (a
merged quote); per cluster its id, canonical wording, speaker and members with their alteration
verdicts; the skipped inputs. Alignments are not stored: ``compare.Comparison`` makes them again
on demand.

Writing a large result out (rows, JSON) costs more than restoring it, so the index also keeps the
last few *outputs*: the text one format and set of filters made of a result, keyed by the result's
key, the output options and the source of the modules that write it (``output_key``). The same
command on an unchanged corpus then only copies its stored output.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import io
import json
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from dataclasses import fields
from importlib import import_module
from pathlib import Path
from typing import Any, TextIO

from .compare import Alteration, Comparison, Flag
from .models import Article, Cluster, Kind, Occurrence, Quote, ScanOutput, Skipped

SNAPSHOT_FORMAT = 2
"""Bumped when the record's layout changes."""
RESULT_MODULES = ("attribution", "attribution.assign", "attribution.cues", "attribution.lexicon",
                  "attribution.labels", "attribution.mentions", "attribution.phrases", "attribution.roles",
                  "attribution.strategies", "attribution.tokens",
                  "compare", "corpus", "extract", "match", "metadata", "models", "names",
                  "pipeline", "snapshot", "text")
"""Modules whose source decides a scan's result: editing any of them retires every stored result."""
OUTPUT_MODULES = ("cli", "report")
"""Modules whose source decides how a result is written out."""
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
# Enum members by value: a dict lookup is several times faster than calling the Enum.
KINDS = {k.value: k for k in Kind}
ALTERATIONS = {a.value: a for a in Alteration}
FLAGS = {f.value: f for f in Flag}


def rules_digest(modules: Sequence[str] = RESULT_MODULES) -> str:
    """A digest of the source of every module in ``modules``."""
    digest = hashlib.sha256(f"snapshot {SNAPSHOT_FORMAT}".encode())
    for name in modules:
        module = import_module(f"quotetrack.{name}")
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()


def result_key(inputs: Sequence[tuple[str, str]], manifests: str) -> str:
    """The key of a scan's result: the rules, each input as (path as given, content hash or the
    reason it was skipped) in scan order, and the manifests' digest."""
    digest = hashlib.sha256(rules_digest().encode())
    for path, what in inputs:
        digest.update(f"{path}\0{what}\n".encode("utf-8", "surrogateescape"))
    digest.update(manifests.encode())
    return digest.hexdigest()


def output_key(key: str, spec: str) -> str:
    """The key of an output: the result's key, the writing modules' source, and ``spec`` (the
    format and every option and filter that shape the text)."""
    return hashlib.sha256(f"{key}\0{rules_digest(OUTPUT_MODULES)}\0{spec}".encode()).hexdigest()


class Recorder(io.TextIOBase):
    """A text stream that passes everything written to it on to ``out`` and keeps it compressed,
    so an output is stored as it is written, never held whole."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._compress = zlib.compressobj(1)
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._out.write(text)
        self._parts.append(self._compress.compress(text.encode("utf-8", "surrogateescape")))
        return len(text)

    def body(self) -> bytes:
        """Everything written, compressed (once everything is written)."""
        return b"".join([*self._parts, self._compress.flush()])


def encode_output(output: ScanOutput, body: bytes) -> bytes:
    """The record of one output: a JSON line with its counts, skipped inputs and the digest of
    ``body`` (``Recorder.body``), then the body."""
    head = {"format": SNAPSHOT_FORMAT, "counts": [output.articles, output.quotes, output.clusters],
            "skipped": [[s.path, s.reason] for s in output.skipped], "sha256": hashlib.sha256(body).hexdigest()}
    return json.dumps(head).encode() + b"\n" + body


def decode_output(blob: bytes) -> tuple[ScanOutput, Iterator[str]]:
    """The output stored by ``encode_output`` (its warnings are the caller's), and its text in
    pieces. The body is checked against its digest first, so a damaged record is refused before
    any of it is written: raises ``ValueError`` (or ``KeyError``, ``TypeError``)."""
    end = blob.index(b"\n")
    body = memoryview(blob)[end + 1:]
    record = json.loads(blob[:end])
    if record.get("format") != SNAPSHOT_FORMAT or hashlib.sha256(body).hexdigest() != record["sha256"]:
        raise ValueError("stored output of another format, or damaged")
    articles, quotes, clusters = record["counts"]
    skipped = tuple(Skipped(p, r) for p, r in record["skipped"])
    return ScanOutput(articles, quotes, clusters, skipped), _pieces(body)


OUTPUT_PIECE = 1 << 20
"""Compressed bytes of a stored record decompressed at a time."""


def _pieces(body: memoryview) -> Iterator[str]:
    decompress = zlib.decompressobj()
    decoder = codecs.getincrementaldecoder("utf-8")("surrogateescape")
    for at in range(0, len(body), OUTPUT_PIECE):
        yield decoder.decode(decompress.decompress(body[at:at + OUTPUT_PIECE]))
    yield decoder.decode(decompress.flush(), final=True)


RECORD_BATCH = 4096
"""Rows of a stored result encoded at a time, so the record is never held whole as text."""
COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode_result(articles: Sequence[Article], skipped: Sequence[Skipped], clusters: Sequence[Cluster],
                  text_from_file: Callable[[Article], bool]) -> bytes:
    """The record of one scan. ``text_from_file(article)`` says whether the article's text is its
    file's decoded bytes, to be read again rather than stored. The JSON is made and compressed
    a batch of rows at a time."""
    article_ix = {a.doc: i for i, a in enumerate(articles)}
    text_at, doc_at = ARTICLE_FIELDS.index("text"), QUOTE_FIELDS.index("doc")

    def article_rows() -> Iterator[list]:
        for a in articles:
            row = [getattr(a, name) for name in ARTICLE_FIELDS]
            if text_from_file(a):
                row[text_at] = None
            yield row

    quote_ix: dict[tuple[str, int], int] = {}  # each quote once, numbered as first met

    def quote_rows() -> Iterator[list]:
        for c in clusters:
            for o in c.members:
                key = (o.quote.doc, o.quote.start)
                if key not in quote_ix:
                    quote_ix[key] = len(quote_ix)
                    q = [getattr(o.quote, name) for name in QUOTE_FIELDS]
                    q[doc_at] = article_ix[o.article.doc]
                    yield q

    def cluster_rows() -> Iterator[list]:  # after quote_rows: every quote is numbered
        for c in clusters:
            members = [[quote_ix[(o.quote.doc, o.quote.start)], list(o.clusters),
                        o.alteration.alteration.value if o.alteration else None,
                        [f.value for f in o.alteration.flags] if o.alteration else []] for o in c.members]
            yield [c.id, c.canonical, c.speaker, members]

    # A member's wording is compared with its primary cluster's canonical wording, and a merged
    # quote's primary cluster may come after the cluster that lists it: those come first.
    ahead = {o.clusters[0] for c in clusters for o in c.members if o.clusters and o.clusters[0] != c.id}
    primaries = ([c.id, c.canonical] for c in clusters if c.id in ahead)
    sections = (("articles", article_rows()), ("quotes", quote_rows()), ("primaries", primaries),
                ("clusters", cluster_rows()), ("skipped", ([s.path, s.reason] for s in skipped)))
    compress = zlib.compressobj(1)
    parts = [compress.compress(COMPACT_JSON.encode({"format": SNAPSHOT_FORMAT}).encode() + b"\n")]
    for name, rows in sections:
        while batch := list(islice(rows, RECORD_BATCH)):
            parts.append(compress.compress((COMPACT_JSON.encode([name, batch]) + "\n").encode()))
    parts.append(compress.flush())
    return b"".join(parts)


def decode_result(blob: bytes, read_text: Callable[[str], str | None]
                  ) -> tuple[tuple[Article, ...], tuple[Skipped, ...], tuple[Cluster, ...]]:
    """The articles, skipped inputs and clusters of a stored scan, decoded a batch of rows at a
    time. ``read_text(path)`` gives the decoded text of an article file whose text was not
    stored. Raises ``ValueError`` (or ``KeyError``, ``TypeError``, ``OSError``, ``zlib.error``)
    when the record cannot be used: another format, damaged, or cut short."""
    with _gc_paused():
        return _decode(_lines(blob), read_text)


def _lines(blob: bytes) -> Iterator[Any]:
    """The JSON lines of a compressed record. Its end is checked (a cut-short record never
    reaches the end of its zlib stream, and a damaged one fails its checksum)."""
    decompress = zlib.decompressobj()
    tail = b""
    for at in range(0, len(blob), OUTPUT_PIECE):
        *lines, tail = (tail + decompress.decompress(blob[at:at + OUTPUT_PIECE])).split(b"\n")
        yield from map(json.loads, lines)
    *lines, tail = (tail + decompress.flush()).split(b"\n")
    yield from map(json.loads, lines)
    if not decompress.eof or tail:
        raise ValueError("stored result cut short")


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Millions of new records, none of them in a reference cycle: the cyclic collector would
    only walk them over and over (it doubled the time of a restore)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _decode(lines: Iterator[Any], read_text: Callable[[str], str | None]
            ) -> tuple[tuple[Article, ...], tuple[Skipped, ...], tuple[Cluster, ...]]:
    if next(lines).get("format") != SNAPSHOT_FORMAT:
        raise ValueError("stored result of another format")
    text_at, path_at, wire_at = (ARTICLE_FIELDS.index(name) for name in ("text", "path", "wire"))
    doc_at, kind_at = QUOTE_FIELDS.index("doc"), QUOTE_FIELDS.index("kind")
    articles: list[Article] = []
    quotes: list[Quote] = []
    owners: list[Article] = []
    canonical: dict[str, str] = {}  # cluster id -> canonical wording, as far as known
    made: dict[int, Occurrence] = {}
    clusters: list[Cluster] = []
    skipped: list[Skipped] = []
    for section, rows in lines:
        if section == "articles":
            for row in rows:
                if row[text_at] is None:
                    row[text_at] = read_text(row[path_at])
                row[wire_at] = tuple(row[wire_at])
                articles.append(Article(*row))
        elif section == "quotes":
            for q in rows:
                owner = articles[q[doc_at]]
                q[doc_at], q[kind_at] = owner.doc, KINDS[q[kind_at]]
                quotes.append(Quote(*q))
                owners.append(owner)
        elif section == "primaries":
            canonical.update(rows)
        elif section == "clusters":
            for cid, wording, speaker, members in rows:
                canonical[cid] = wording
                occurrences = []
                for qi, ids, verdict, flags in members:
                    if qi not in made:
                        q = quotes[qi]
                        ref = canonical[ids[0]] if ids else wording
                        made[qi] = Occurrence(owners[qi], q, tuple(ids), Comparison(
                            ALTERATIONS[verdict], tuple(FLAGS[f] for f in flags), ref, q.text) if verdict else None)
                    occurrences.append(made[qi])
                clusters.append(Cluster(cid, tuple(occurrences), wording, speaker))
        elif section == "skipped":
            skipped.extend(Skipped(path, reason) for path, reason in rows)
        else:
            raise ValueError(f"stored result with an unknown section {section!r}")
    return tuple(articles), tuple(skipped), tuple(clusters)

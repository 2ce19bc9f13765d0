"""A whole scan's result as one compact record, so an unchanged corpus is not clustered again.

Extraction is cached per file (``index.py``); clustering is not separable that way, because every
link depends on the corpus as a whole (word rarity, story affinity). So the index also keeps the
*result* of a scan, keyed by everything it depends on (``result_key``): the library's files, every
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

The outputs written from a result are the front end's to store (``outputs.py``).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import fields
from itertools import islice
from typing import Any

from .compare import Alteration, Comparison, Flag
from .models import Article, Block, Cluster, Kind, Occurrence, Quote, Skipped
from .sources import rules_key
from .workers import gc_paused

SNAPSHOT_FORMAT = 3
"""Bumped when the record's layout changes."""
ARTICLE_FIELDS = tuple(f.name for f in fields(Article))
QUOTE_FIELDS = tuple(f.name for f in fields(Quote))
# Enum members by value: a dict lookup is several times faster than calling the Enum.
KINDS = {k.value: k for k in Kind}
ALTERATIONS = {a.value: a for a in Alteration}
FLAGS = {f.value: f for f in Flag}


def rules_digest() -> str:
    """The record format and the digest of every file of the library (``sources.rules_key``)."""
    return hashlib.sha256(f"snapshot {SNAPSHOT_FORMAT}\0{rules_key()}".encode()).hexdigest()


def result_key(inputs: Sequence[tuple[str, str]], manifests: str) -> str:
    """The key of a scan's result: the rules, each input as (path as given, content hash or the
    reason it was skipped) in scan order, and the manifests' digest."""
    digest = hashlib.sha256(rules_digest().encode())
    for path, what in inputs:
        digest.update(f"{path}\0{what}\n".encode("utf-8", "surrogateescape"))
    digest.update(manifests.encode())
    return digest.hexdigest()


RECORD_PIECE = 1 << 20
"""Compressed bytes of a stored record decompressed at a time."""
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
    with gc_paused():
        return _decode(_lines(blob), read_text)


def _lines(blob: bytes) -> Iterator[Any]:
    """The JSON lines of a compressed record. Its end is checked (a cut-short record never
    reaches the end of its zlib stream, and a damaged one fails its checksum)."""
    decompress = zlib.decompressobj()
    tail = b""
    for at in range(0, len(blob), RECORD_PIECE):
        *lines, tail = (tail + decompress.decompress(blob[at:at + RECORD_PIECE])).split(b"\n")
        yield from map(json.loads, lines)
    *lines, tail = (tail + decompress.flush()).split(b"\n")
    yield from map(json.loads, lines)
    if not decompress.eof or tail:
        raise ValueError("stored result cut short")


def _decode(lines: Iterator[Any], read_text: Callable[[str], str | None]
            ) -> tuple[tuple[Article, ...], tuple[Skipped, ...], tuple[Cluster, ...]]:
    if next(lines).get("format") != SNAPSHOT_FORMAT:
        raise ValueError("stored result of another format")
    text_at, path_at, wire_at, blocks_at = (ARTICLE_FIELDS.index(name) for name in ("text", "path", "wire", "blocks"))
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
                row[blocks_at] = tuple(Block(*b) for b in row[blocks_at])
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

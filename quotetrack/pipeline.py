"""The scan pipeline: articles -> quotes -> speakers -> clusters, as pure steps over records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from .attribute import attribute
from .compare import alterations
from .corpus import doc_id, iter_articles
from .extract import find_quotes
from .match import cluster
from .models import Article, Cluster, InputError, Kind, Quote, ScanOptions, ScanResult, Skipped, UsageError
from .names import unify

MAX_CANDIDATES = 10
"""An ambiguous document prefix lists at most this many matching documents."""


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
         stdin: BinaryIO | None = None) -> ScanResult:
    """Read every article under ``paths``, find and attribute its quotes, and cluster them."""
    articles, skipped = read_corpus(paths, stdin)
    per_article = [(a, quotes_of(a)) for a in articles]
    clusters = alterations(cluster(unify_speakers(per_article)))
    return ScanResult(tuple(articles), tuple(skipped), select(clusters, options))


def _dedupe_docs(articles: list[Article]) -> list[Article]:
    """Doc ids must be unique: a second file with the same stem gets its path as id (a JSON
    record keeps its record suffix: ``other/export.json:3``)."""
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.doc in seen:
            stem = doc_id(a.path)
            a = replace(a, doc=a.path + a.doc[len(stem):] if a.doc.startswith(stem) else a.path)
        seen.add(a.doc)
        out.append(a)
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


def read_corpus(paths: Iterable[str], stdin: BinaryIO | None = None) -> tuple[list[Article], list[Skipped]]:
    """Every article under ``paths`` with the doc ids a scan gives them, and the skipped inputs."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_articles(paths, stdin):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            articles.append(item)
    return _dedupe_docs(articles), skipped


def find_article(ref: str, root: str = ".") -> Article:
    """The article that ``ref`` names: an existing file holding one article, or a doc-id prefix
    (``002``, ``002_ff9``) of exactly one article under ``root`` (searched recursively), with the
    doc ids ``scan`` prints. A doc id equal to ``ref`` wins over longer ones it prefixes."""
    if Path(ref).is_file():
        return read_article(ref)
    if not ref.strip():
        raise UsageError("an empty article name")
    if not Path(root).exists():
        raise InputError(f"no such file or directory: {root}")
    articles, skipped = read_corpus([root])
    exact = [a for a in articles if a.doc == ref]
    found = exact or [a for a in articles if a.doc.startswith(ref)]
    if len(found) == 1:
        return found[0]
    if found:
        docs = sorted(a.doc for a in found)
        shown = ", ".join(docs[:MAX_CANDIDATES]) + (", ..." if len(docs) > MAX_CANDIDATES else "")
        raise UsageError(f"'{ref}' matches {len(found)} articles under {root}: {shown}")
    unreadable = [s for s in skipped if doc_id(s.path).startswith(ref)]
    if len(unreadable) == 1:
        raise InputError(f"cannot read {unreadable[0].path}: {unreadable[0].reason}")
    raise UsageError(f"no article file or doc id starting with '{ref}' under {root}")


def read_article(path: str) -> Article:
    """The one article in the file at ``path``; a file that cannot be read as one article is an
    input error."""
    items = list(iter_articles([path]))
    if len(items) == 1 and isinstance(items[0], Skipped):
        raise InputError(f"cannot read {path}: {items[0].reason}")
    if len(items) != 1:
        raise InputError(f"{path} holds {len(items)} articles: name one by its doc id")
    return items[0]

"""The scan pipeline: articles -> quotes -> speakers -> clusters, as pure steps over records."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import BinaryIO

from .attribute import attribute
from .compare import alterations
from .corpus import iter_articles
from .extract import find_quotes
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
         stdin: BinaryIO | None = None) -> ScanResult:
    """Read every article under ``paths``, find and attribute its quotes, and cluster them."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_articles(paths, stdin):
        (skipped if isinstance(item, Skipped) else articles).append(item)
    articles = _dedupe_docs(articles)
    per_article = [(a, quotes_of(a)) for a in articles]
    clusters = alterations(cluster(unify_speakers(per_article)))
    return ScanResult(tuple(articles), tuple(skipped), select(clusters, options))


def _dedupe_docs(articles: list[Article]) -> list[Article]:
    """Doc ids must be unique: a second file with the same stem gets its path as id."""
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.doc in seen:
            a = replace(a, doc=a.path)
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

"""What two articles share: quote by quote, and in the reporter's own words.

``diff_articles(a, b)`` runs the scan library (``pipeline.quotes_of``, ``clustering.cluster``) on the
two articles alone, pairs each quote of A with the quotes of B in the same variant cluster (one
quote may pair with two: a merge or a split), compares every pair word by word
(``compare.compare``), and lists the quotes each article has alone. Its summary measures how much
of each article's quoted words the other carries, and how much of the reporter's own (unquoted)
text the two share, which tells a rewrite from two independent reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum

from .clustering import are_variants, cluster
from .compare import Alteration, Comparison, compare, tokenize
from .models import Article, Kind, Quote
from .pipeline import quotes_of, unify_speakers
from .text import fold_words, words

SHINGLE_WORDS = 5
"""Words per shingle when comparing the reporters' own text. Word shingles (w-grams) for
near-duplicate documents follow Broder, "On the resemblance and containment of documents" (1997);
five-word shingles are long enough that two independent reports of one event rarely share many,
while a rewrite keeps most of its source's."""
SHINGLE_BREAK = "\x00"
"""Stands where a quote was cut out, so no shingle spans the reporter's words on both sides."""


class Status(str, Enum):
    """Where a quote is found."""

    SHARED = "shared"
    ONLY_A = "only_a"
    ONLY_B = "only_b"


@dataclass(frozen=True, slots=True)
class QuotePair:
    """One row of an article diff: a shared pair, or a quote one article has alone."""

    status: Status
    a: Quote | None
    b: Quote | None
    comparison: Comparison | None = None
    """How B's wording relates to A's (shared pairs only)."""


@dataclass(frozen=True, slots=True)
class DiffSummary:
    """The numbers of an article diff."""

    quotes_a: int
    quotes_b: int
    shared: int
    """Shared pairs (a quote paired with two quotes of the other article counts twice)."""
    differing: int
    """Shared pairs whose wordings differ beyond case and punctuation."""
    quoted_a_in_b: float
    """Share of A's quoted words that B's paired quotes carry (0 when A has no quotes)."""
    quoted_b_in_a: float
    own_a_in_b: float
    """Share of A's own-text shingles (outside quotes) found in B: containment."""
    own_b_in_a: float
    own_jaccard: float
    """Shared own-text shingles over all distinct shingles of both."""


@dataclass(frozen=True, slots=True)
class ArticleDiff:
    """Two articles compared: shared pairs (A order, then B), then quotes only in A, only in B."""

    a: Article
    b: Article
    rows: tuple[QuotePair, ...]
    summary: DiffSummary


def diff_articles(a: Article, b: Article) -> ArticleDiff:
    """Compare two articles quote by quote (see the module docstring)."""
    # Internal doc ids keep the two apart even when an article is compared with itself.
    ia, ib = replace(a, doc="a"), replace(b, doc="b")
    unified = unify_speakers([(ia, quotes_of(ia)), (ib, quotes_of(ib))])
    quotes_a = [q for art, q in unified if art is ia]
    quotes_b = [q for art, q in unified if art is ib]
    edges = _edges(cluster(unified), quotes_a, quotes_b)
    edges |= _same_words_other_speaker(quotes_a, quotes_b, edges)
    # A quote that pairs with two different wordings of the other article merges or splits them;
    # one that pairs with the same words twice (a phrase an article repeats) does neither.
    partners_a: dict[int, set[str]] = defaultdict(set)
    partners_b: dict[int, set[str]] = defaultdict(set)
    for i, j in edges:
        partners_a[i].add(fold_words(quotes_b[j].text))
        partners_b[j].add(fold_words(quotes_a[i].text))
    shared = []
    for i, j in sorted(edges):
        qa, qb = quotes_a[i], quotes_b[j]
        grouping = (Alteration.MERGED if len(partners_b[j]) > 1
                    else Alteration.SPLIT if len(partners_a[i]) > 1 else None)
        comparison = compare(qa.text, qb.text, speaker_a=qa.speaker, speaker_b=qb.speaker,
                             fragment=qb.kind is Kind.FRAGMENT, grouping=grouping)
        shared.append(QuotePair(Status.SHARED, _back(qa, a), _back(qb, b), comparison))
    only_a = [QuotePair(Status.ONLY_A, _back(q, a), None) for i, q in enumerate(quotes_a) if i not in partners_a]
    only_b = [QuotePair(Status.ONLY_B, None, _back(q, b)) for j, q in enumerate(quotes_b) if j not in partners_b]
    summary = _summary(a, b, quotes_a, quotes_b, shared)
    return ArticleDiff(a, b, tuple(shared + only_a + only_b), summary)


def _back(q: Quote, article: Article) -> Quote:
    return replace(q, doc=article.doc)


def _edges(clusters, quotes_a: Sequence[Quote], quotes_b: Sequence[Quote]) -> set[tuple[int, int]]:
    """(A index, B index) for every A quote and B quote that share a variant cluster."""
    index_a = {q.start: i for i, q in enumerate(quotes_a)}
    index_b = {q.start: j for j, q in enumerate(quotes_b)}
    edges: set[tuple[int, int]] = set()
    for c in clusters:
        in_a = [index_a[o.quote.start] for o in c.members if o.article.doc == "a"]
        in_b = [index_b[o.quote.start] for o in c.members if o.article.doc == "b"]
        edges.update((i, j) for i in in_a for j in in_b)
    return edges


def _same_words_other_speaker(quotes_a: Sequence[Quote], quotes_b: Sequence[Quote],
                              edges: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Pairs the clustering keeps apart because they name different speakers, although the words
    are variants of one quote: the case a fact-checker most needs to see."""
    paired_a = {i for i, _ in edges}
    paired_b = {j for _, j in edges}
    found = set()
    for i, qa in enumerate(quotes_a):
        for j, qb in enumerate(quotes_b):
            if (i not in paired_a and j not in paired_b and qa.speaker and qb.speaker
                    and qa.speaker != qb.speaker and are_variants(qa.text, qb.text)):
                found.add((i, j))
                paired_a.add(i)
                paired_b.add(j)
    return found


def _summary(a: Article, b: Article, quotes_a: Sequence[Quote], quotes_b: Sequence[Quote],
             shared: Sequence[QuotePair]) -> DiffSummary:
    start_a = {q.start: i for i, q in enumerate(quotes_a)}
    start_b = {q.start: j for j, q in enumerate(quotes_b)}
    matched_a: dict[int, set[int]] = defaultdict(set)
    matched_b: dict[int, set[int]] = defaultdict(set)
    comparisons = [(p.a, p.b, p.comparison) for p in shared
                   if p.a is not None and p.b is not None and p.comparison is not None]  # shared pairs have all three
    for qa, qb, comparison in comparisons:
        matched_a[start_a[qa.start]].update(comparison.alignment.a_matched)
        matched_b[start_b[qb.start]].update(comparison.alignment.b_matched)
    own_a, own_b = own_shingles(a, quotes_a), own_shingles(b, quotes_b)
    common = own_a & own_b
    return DiffSummary(
        quotes_a=len(quotes_a), quotes_b=len(quotes_b), shared=len(shared),
        differing=sum(c.alteration not in (Alteration.IDENTICAL, Alteration.PUNCTUATION) for _, _, c in comparisons),
        quoted_a_in_b=_share(matched_a, quotes_a), quoted_b_in_a=_share(matched_b, quotes_b),
        own_a_in_b=len(common) / len(own_a) if own_a else 0.0,
        own_b_in_a=len(common) / len(own_b) if own_b else 0.0,
        own_jaccard=len(common) / len(own_a | own_b) if own_a | own_b else 0.0,
    )


def _share(matched: dict[int, set[int]], quotes: Sequence[Quote]) -> float:
    total = sum(len(tokenize(q.text)) for q in quotes)
    return sum(len(v) for v in matched.values()) / total if total else 0.0


def own_shingles(article: Article, quotes: Sequence[Quote]) -> frozenset[tuple[str, ...]]:
    """The article's ``SHINGLE_WORDS``-word shingles outside its quotes (folded words)."""
    text = article.text or ""
    tokens: list[str] = []
    pos = 0
    for q in sorted(quotes, key=lambda q: q.start):
        if q.start >= pos:
            tokens += words(text[pos:q.start]) + [SHINGLE_BREAK]
            pos = q.end
    tokens += words(text[pos:])
    n = SHINGLE_WORDS
    return frozenset(tuple(tokens[k:k + n]) for k in range(len(tokens) - n + 1)
                     if SHINGLE_BREAK not in tokens[k:k + n])

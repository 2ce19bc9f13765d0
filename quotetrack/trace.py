"""Find a quote by a few of its words and follow it through every outlet that carried it.

``trace(query, clusters)`` scores each cluster by its best-matching wording: rapidfuzz's
``partial_ratio`` of the query against the wording (the best-matching stretch of the wording, so
a few words find a long quote and a typo still finds it), once on the folded words and once on
the comparison keys (stems, near-synonyms folded), so "halt the fighting" also finds "stop the
hostilities"; and by the share of the query's content words the wording holds in any order, so
"agree proposals" finds it too. Clusters that reach ``min_score`` come back best first, each with its members in
date order; each member's difference from the canonical wording is on its ``alteration``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from .models import Cluster, UsageError
from .text import concept, concepts, fold_words, is_stopword, words

DEFAULT_MIN_SCORE = 90.0
"""Scores run 0-100. At 90 a query of three words or more finds its quote through one typo or a
changed inflection, while a common pair such as "we agree" or "the war" still matches wherever
it appears: short queries are as broad as the words they use (measured on seeds/)."""


COVERAGE_POINTS = 10.0
"""Points a score loses for the part of a wording the query leaves out: words found inside a
long quote match it as well as the quote that is just those words, and the second should rank
first. Small next to the match itself, so a closer match always ranks higher."""


LITERAL_POINTS = 10.0
"""Points a score loses as the query's own words (not their stems or near-synonyms) are missing
from a wording: "cease hostilities" ranks the quote with those words above "end the fighting"."""


@dataclass(frozen=True, slots=True)
class TraceHit:
    """One cluster that matches the query, and how well."""

    cluster: Cluster
    score: float
    """0-100, for ranking: the best ``rank_score`` of the query against the cluster's wordings."""
    match: float = 100.0
    """0-100: the best ``wording_score``; a cluster is a hit when it reaches ``min_score``."""
    member_scores: tuple[float, ...] = ()
    """``rank_score`` of each member's wording, in member order."""


def wording_score(query: str, wording: str) -> float:
    """How well ``query`` matches ``wording`` (0-100): the better of a fuzzy phrase match (a
    query longer than the wording must match it as a whole, so the fragment "nothing" does not
    match every query holding that word) and the share of the query's content words, by
    comparison key, that the wording holds in any order ("agree proposals")."""
    best = _word_share(query, wording)
    for q, w in ((fold_words(query), fold_words(wording)),
                 (" ".join(concepts(query)), " ".join(concepts(wording)))):
        if not q or not w:
            continue
        best = max(best, fuzz.partial_ratio(q, w) if len(q) <= len(w) else fuzz.ratio(q, w))
    return best


def rank_score(query: str, wording: str) -> float:
    """``wording_score`` less up to ``COVERAGE_POINTS`` for the share of the wording's words the
    query does not cover and up to ``LITERAL_POINTS`` as its own words are missing: of two
    wordings the query matches equally, the one with its very words and closer in length ranks
    first, so scores differ and rank."""
    covered = min(1.0, len(words(query)) / max(1, len(words(wording))))
    q, w = fold_words(query), fold_words(wording)
    literal = (fuzz.partial_ratio(q, w) if len(q) <= len(w) else fuzz.ratio(q, w)) if q and w else 0.0
    return max(0.0, wording_score(query, wording) - COVERAGE_POINTS * (1.0 - covered)
               - LITERAL_POINTS * (1.0 - literal / 100.0))


def _word_share(query: str, wording: str) -> float:
    keys = _content_keys(query)
    return 100.0 * len(keys & _content_keys(wording)) / len(keys) if keys else 0.0


def _content_keys(text: str) -> set[str]:
    folded = words(text)
    content = [w for w in folded if not is_stopword(w)] or folded
    return {concept(w) for w in content}


def trace(query: str, clusters: Sequence[Cluster], min_score: float = DEFAULT_MIN_SCORE) -> tuple[TraceHit, ...]:
    """Clusters whose wordings match ``query`` at ``min_score`` or better (``wording_score``),
    best ranked first (``rank_score``; ties in the clusters' own order: first carried first)."""
    if not fold_words(query):
        raise UsageError("the words to trace are empty")
    hits = []
    for rank, c in enumerate(clusters):
        match = max(wording_score(query, o.quote.text) for o in c.members)
        if match >= min_score:
            scores = tuple(round(rank_score(query, o.quote.text), 1) for o in c.members)
            hits.append((-max(scores), -match, rank, TraceHit(c, max(scores), round(match, 1), scores)))
    return tuple(h for *_, h in sorted(hits, key=lambda t: t[:3]))

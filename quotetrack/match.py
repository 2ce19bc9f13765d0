"""Variant clustering: which occurrences are one quote, however each outlet worded it.

Two occurrences are compared on their *concepts* (Snowball stems, with common near-synonyms folded
together, see ``text.SYNONYM_SETS``), by the longest common subsequence of their content words, so
word order counts and added or dropped words only lower the score:

- *variants* cover each other (``EQUIVALENT_COVER`` both ways): translation variants, punctuation
  differences, a word or two added or dropped. They are joined transitively.
- a *part* is mostly covered by a longer quote (``PART_COVER``): a fragment, a trimmed quote. A
  longer quote whose parts come from one cluster joins it; one whose parts come from two or more
  clusters *merges* them and belongs to each (the split/merge case), without joining them.

Quotes given to different known speakers never link. Candidate pairs come from an inverted index
of content concepts (blocking), so the work grows with the number of quotes that share rare words,
not with all pairs.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from .models import Article, Cluster, Kind, Occurrence, Quote
from .names import same_person
from .text import concepts, fold_words, is_stopword, stem, words

EQUIVALENT_COVER = 0.7
"""Share of each side's content words the other must cover, in order, for two variants."""
SAME_DOC_COVER = 0.85
"""Within one article only near-identical wordings are one quote (a headline repeating the body)."""
PART_COVER = 0.75
"""Share of a shorter quote's content words a longer quote must cover for it to be a part."""
LOOSE_PART_COVER = 0.6
"""A lower bar for a long part (``LOOSE_PART_MIN`` content words or more) by the same known
speaker: a translation variant of a passage that another outlet quoted at more length."""
LOOSE_PART_MIN = 5
SHORT_PART = 2
"""Parts with this many content words or fewer must appear word for word, by the same speaker."""
MAX_POSTING = 400
"""A concept carried by more quotes than this is too common to propose candidates."""


@dataclass(frozen=True, slots=True)
class _Unit:
    index: int
    doc: str
    speaker: str | None
    content: tuple[str, ...]
    folded: str


def _unit(index: int, quote: Quote) -> _Unit:
    toks = words(quote.text)
    content = tuple(concepts(" ".join(w for w in toks if not is_stopword(w))))
    if not content:
        content = tuple(stem(w) for w in toks)
    return _Unit(index, quote.doc, quote.speaker, content, " ".join(toks))


def _cover(a: _Unit, b: _Unit) -> float:
    """Share of ``a``'s content words that ``b`` holds in the same order."""
    return LCSseq.similarity(a.content, b.content) / len(a.content) if a.content else 0.0


def _compatible(a: _Unit, b: _Unit) -> bool:
    return a.speaker is None or b.speaker is None or same_person(a.speaker, b.speaker)


def _is_part(short: _Unit, long: _Unit) -> bool:
    if len(short.content) >= len(long.content):
        return False
    cover = _cover(short, long)
    if cover < PART_COVER and not (cover >= LOOSE_PART_COVER and len(short.content) >= LOOSE_PART_MIN
                                   and short.speaker is not None and short.speaker == long.speaker):
        return False
    if len(short.content) <= SHORT_PART:
        return (short.speaker is not None and long.speaker is not None
                and f" {short.folded} " in f" {long.folded} ")
    return short.doc != long.doc or short.speaker is not None


class _UnionFind:
    """Union-find that also knows which articles each set spans."""

    def __init__(self, docs: Sequence[str]) -> None:
        self.parent = list(range(len(docs)))
        self.docs = [{d} for d in docs]

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = min(ra, rb), max(ra, rb)
            self.parent[drop] = keep
            self.docs[keep] |= self.docs[drop]

    def disjoint(self, a: int, b: int) -> bool:
        """Whether the two sets share no article: two different quotes of one article are two
        quotes, however alike (a quote and its paraphrase a sentence later)."""
        return not (self.docs[self.find(a)] & self.docs[self.find(b)])


def candidate_pairs(units: Sequence[_Unit]) -> set[tuple[int, int]]:
    """Pairs of units that share at least one concept rare enough to be telling."""
    postings: dict[str, list[int]] = defaultdict(list)
    for u in units:
        for key in set(u.content):
            postings[key].append(u.index)
    pairs: set[tuple[int, int]] = set()
    for ids in postings.values():
        if len(ids) > MAX_POSTING:
            continue
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pairs.add((a, b))
    return pairs


def cluster(items: Sequence[tuple[Article, Quote]]) -> tuple[Cluster, ...]:
    """Group quote occurrences into variant clusters, deterministically for any input order."""
    order = sorted(range(len(items)), key=lambda i: (items[i][0].doc, items[i][1].start))
    items = [items[i] for i in order]
    units = [_unit(i, q) for i, (_, q) in enumerate(items)]
    uf = _UnionFind([u.doc for u in units])
    parts: list[tuple[int, int]] = []
    for a, b in sorted(candidate_pairs(units)):
        ua, ub = units[a], units[b]
        if not _compatible(ua, ub):
            continue
        need = SAME_DOC_COVER if ua.doc == ub.doc else EQUIVALENT_COVER
        if _cover(ua, ub) >= need and _cover(ub, ua) >= need:
            uf.union(a, b)
        elif _is_part(ua, ub):
            parts.append((a, b))
        elif _is_part(ub, ua):
            parts.append((b, a))
    memberships = _resolve_parts(uf, parts, len(units))
    return _build(items, units, memberships)


def _resolve_parts(uf: _UnionFind, parts: list[tuple[int, int]], n: int) -> list[tuple[int, ...]]:
    """Join a longer quote to the one cluster its parts come from, or let it merge several."""
    part_roots: dict[int, set[int]] = defaultdict(set)
    for short, long in parts:
        part_roots[long].add(uf.find(short))
    merged: dict[int, set[int]] = {}
    for long in sorted(part_roots):
        roots = {uf.find(r) for r in part_roots[long]} - {uf.find(long)}
        if len(roots) == 1:
            root = roots.pop()
            if uf.disjoint(long, root):
                uf.union(long, root)
        elif roots:
            merged[long] = roots
    memberships = []
    for i in range(n):
        own = uf.find(i)
        extra = sorted({uf.find(r) for r in merged.get(i, ())} - {own})
        memberships.append((own, *extra))
    sizes = Counter(m[0] for m in memberships)
    # A merged quote with no variant of its own lives only in the clusters it merges.
    return [m[1:] if len(m) > 1 and sizes[m[0]] == 1 else m for m in memberships]


def _build(items: Sequence[tuple[Article, Quote]], units: Sequence[_Unit],
           memberships: Sequence[tuple[int, ...]]) -> tuple[Cluster, ...]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i, roots in enumerate(memberships):
        for r in roots:
            groups[r].append(i)
    ids: dict[int, str] = {}
    canon: dict[int, tuple[str, str | None]] = {}
    taken: set[str] = set()
    salts: dict[str, int] = {}
    for root in sorted(groups):
        members = groups[root]
        merged = {k for k, i in enumerate(members) if len(memberships[i]) > 1 or memberships[i][0] != root}
        wording = canonical_wording([items[i] for i in members], merged)
        speaker = _majority([items[i][1].speaker for i in members])
        cid = _cluster_id(wording, speaker, taken, salts)
        ids[root], canon[root] = cid, (wording, speaker)
    occurrences = [Occurrence(a, q, tuple(ids[r] for r in memberships[i])) for i, (a, q) in enumerate(items)]
    clusters = []
    for root in groups:
        members = sorted((occurrences[i] for i in groups[root]), key=member_order)
        wording, speaker = canon[root]
        clusters.append(Cluster(ids[root], tuple(members), wording, speaker))
    # First carried first: by the date, article and position of each cluster's earliest occurrence.
    return tuple(sorted(clusters, key=lambda c: (member_order(c.members[0]), c.id)))


def member_order(occ: Occurrence) -> tuple:
    """Date order, unknown dates last, then doc id and offset."""
    return (occ.article.date is None, occ.article.date or "", occ.article.doc, occ.quote.start)


def canonical_wording(members: Sequence[tuple[Article, Quote]], merged: frozenset[int] | set[int] = frozenset()) -> str:
    """The cluster's canonical wording: the full-quote wording carried by most outlets; ties go to
    the earliest dated, then the longest, then the first by doc id. Fragments and merged quotes
    stand in only when the cluster has nothing else."""
    pool = [(a, q) for i, (a, q) in enumerate(members) if q.kind is Kind.FULL and i not in merged]
    pool = pool or [(a, q) for i, (a, q) in enumerate(members) if i not in merged] or list(members)
    counts = Counter(fold_words(q.text) for _, q in pool)
    best = min(pool, key=lambda aq: (-counts[fold_words(aq[1].text)], aq[0].date is None, aq[0].date or "",
                                     -len(aq[1].text), aq[0].doc, aq[1].start))
    return best[1].text


def _majority(values: Sequence[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _cluster_id(wording: str, speaker: str | None, taken: set[str],
                salts: dict[str, int] | None = None) -> str:
    """A content-derived id: stable across runs and file orders, and as a corpus grows."""
    seed = f"{speaker or ''}\x1f{fold_words(wording)}"
    salts = {} if salts is None else salts
    # Reliability: start from the next unused salt of this seed, so that thousands of clusters
    # with one wording (a word quoted over and over) cost linear, not quadratic, hashing. The ids
    # are the same as trying every salt from 0.
    n = salts.get(seed, 0)
    while True:
        salted = f"{seed}\x1f{n}" if n else seed
        cid = "q" + hashlib.sha1(salted.encode()).hexdigest()[:8]
        if cid not in taken:
            taken.add(cid)
            salts[seed] = n + 1
            return cid
        n += 1

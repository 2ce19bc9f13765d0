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
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

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
"""A concept carried by more distinct wordings than this is too common to propose candidates."""
PROBE_BUDGET = 1500
"""Postings one quote reads beyond its prefix, to sharpen the count filter."""
MAX_CANDIDATES = 500
"""Candidates one quote proposes at most (blocking cap; see ``candidate_pairs``)."""


@dataclass(frozen=True, slots=True)
class _Unit:
    index: int
    doc: str
    speaker: str | None
    content: tuple[str, ...]
    folded: str


def _unit(index: int, quote: Quote) -> _Unit:
    content, folded = _wording(quote.text)
    return _Unit(index, quote.doc, quote.speaker, content, folded)


@lru_cache(maxsize=200_000)
def _wording(text: str) -> tuple[tuple[str, ...], str]:
    """(content concepts, folded words) of a quote's text; cached, as a quote carried by many
    outlets comes with the same text many times."""
    toks = words(text)
    content = tuple(concepts(" ".join(w for w in toks if not is_stopword(w))))
    if not content:
        content = tuple(stem(w) for w in toks)
    return content, " ".join(toks)


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
            big, small = sorted((self.docs[keep], self.docs[drop]), key=len, reverse=True)
            big |= small  # grow the larger set: big clusters stay linear
            self.docs[keep], self.docs[drop] = big, set()

    def disjoint(self, a: int, b: int) -> bool:
        """Whether the two sets share no article: two different quotes of one article are two
        quotes, however alike (a quote and its paraphrase a sentence later)."""
        return not (self.docs[self.find(a)] & self.docs[self.find(b)])


def _min_overlap(n: int) -> int:
    """The fewest content words a unit of ``n`` content words must share with another quote to
    take part in any link: every link needs the shorter side (or both sides) covered at least at
    the lowest of the cover thresholds that applies to its length."""
    floor = min(EQUIVALENT_COVER, PART_COVER)
    if n >= LOOSE_PART_MIN:
        floor = min(floor, LOOSE_PART_COVER)
    k = max(1, math.ceil(floor * n) - 1)
    while k / n < floor:  # the same float comparison the scorers make
        k += 1
    return k


def _may_link(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether quotes worded ``a`` and ``b`` could be variants or one a part of the other, by the
    cover thresholds alone (speakers and articles are checked per pair by ``cluster``)."""
    common = LCSseq.similarity(a, b)
    cover_a, cover_b = common / len(a), common / len(b)
    if min(cover_a, cover_b) >= min(EQUIVALENT_COVER, SAME_DOC_COVER):
        return True

    def part_floor(n: int) -> float:
        return min(PART_COVER, LOOSE_PART_COVER) if n >= LOOSE_PART_MIN else PART_COVER

    return (len(a) < len(b) and cover_a >= part_floor(len(a))) or (len(b) < len(a) and cover_b >= part_floor(len(b)))


def candidate_pairs(units: Sequence[_Unit]) -> Iterator[tuple[int, int]]:
    """Pairs ``(a, b)``, ``a < b``, that share a concept rare enough to be telling
    (``MAX_POSTING``) and could reach a cover threshold; a pair may come more than once.

    Quotes with the same content words form one *wording*. Within a wording every quote covers
    every other fully, so only the speakers decide: quotes by one speaker are chained and one quote
    per speaker meets the others, which links exactly the same sets as all pairs would.

    Across wordings, prefix filtering (Chaudhuri et al. 2006, "A primitive operator for
    similarity joins"): a wording probes its rarest concepts, as many as it takes that the rest
    could not reach ``_min_overlap`` on their own, so any wording it can link with holds one of
    them; count filters then drop those whose shared words cannot reach it. This finds every linkable
    pair that all pairs sharing a rare concept would. ``MAX_CANDIDATES`` caps the wordings one
    wording proposes, the most overlapping first, so the work stays near-linear in the quotes.
    """
    wordings: dict[tuple[str, ...], list[int]] = {}
    for u in units:
        if u.content:
            wordings.setdefault(u.content, []).append(u.index)
    members = list(wordings.values())
    contents = list(wordings)
    # A concept's frequency counts wordings, not occurrences: a quote carried by a thousand
    # outlets does not make its words common.
    df: Counter[str] = Counter()
    for content in wordings:
        df.update(set(content))
    for content, ids in wordings.items():
        if min(df[key] for key in content) > MAX_POSTING:
            continue  # only common words ("I think so"): too little to call two quotes one
        heads: dict[str | None, int] = {}
        for i in ids:
            head = heads.setdefault(units[i].speaker, i)
            if head != i:
                yield head, i
        for a, b in itertools.combinations(sorted(heads.values()), 2):
            yield a, b
    # Shared distinct words, plus this wording's repeated ones, bound the overlap from above.
    distinct = [frozenset(c) for c in contents]
    postings: dict[str, list[int]] = defaultdict(list)
    for w, content in enumerate(contents):
        for key in dict.fromkeys(content):
            postings[key].append(w)
    for w, content in enumerate(contents):
        counts = Counter(content)
        need = _min_overlap(len(content))
        remaining = len(content)
        hits: Counter[int] = Counter()
        budget = PROBE_BUDGET
        for key in sorted(counts, key=lambda k: (df[k], k)):
            ids = postings[key]
            if df[key] > MAX_POSTING or (remaining < need and len(ids) > budget):
                break  # every later concept is commoner still
            budget -= len(ids)
            remaining -= counts[key]
            for _ in range(counts[key]):
                hits.update(ids)  # counted in C
        hits.pop(w, None)
        # Count filter: what the unprobed words could add must make up the rest of ``need``; and
        # the other wording must be long enough to hold ``need`` words (a shorter wording that
        # this one covers proposes the pair from its own side).
        mine = distinct[w]
        repeats = len(content) - len(mine)
        found = sorted((-h, other) for other, h in hits.items()
                       if h + remaining >= need and len(contents[other]) >= need
                       and len(mine & distinct[other]) + repeats >= need)
        for _, other in found[:MAX_CANDIDATES]:
            if not _may_link(content, contents[other]):
                continue  # no pair of these two wordings can pass: score it once, not per quote
            for a in members[w]:
                for b in members[other]:
                    yield (a, b) if a < b else (b, a)


def cluster(items: Sequence[tuple[Article, Quote]]) -> tuple[Cluster, ...]:
    """Group quote occurrences into variant clusters, deterministically for any input order."""
    order = sorted(range(len(items)), key=lambda i: (items[i][0].doc, items[i][1].start))
    items = [items[i] for i in order]
    units = [_unit(i, q) for i, (_, q) in enumerate(items)]
    uf = _UnionFind([u.doc for u in units])
    parts: list[tuple[int, int]] = []
    for a, b in candidate_pairs(units):
        if uf.find(a) == uf.find(b):
            continue  # already one cluster: neither a union nor a part can change anything
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
    for root in sorted(groups):
        members = groups[root]
        merged = {k for k, i in enumerate(members) if len(memberships[i]) > 1 or memberships[i][0] != root}
        wording = canonical_wording([items[i] for i in members], merged)
        speaker = _majority([items[i][1].speaker for i in members])
        cid = _cluster_id(wording, speaker, taken)
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


def _cluster_id(wording: str, speaker: str | None, taken: set[str]) -> str:
    """A content-derived id: stable across runs and file orders, and as a corpus grows."""
    seed = f"{speaker or ''}\x1f{fold_words(wording)}"
    n = 0
    while True:
        salted = f"{seed}\x1f{n}" if n else seed
        cid = "q" + hashlib.sha1(salted.encode()).hexdigest()[:8]
        if cid not in taken:
            taken.add(cid)
            return cid
        n += 1

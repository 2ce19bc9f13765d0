"""Blocking: the candidate pairs of a set of quotes, from an inverted index of their content
concepts, so the work grows with the number of quotes that share rare words, not with all pairs.

The rules assume every pair that shares at least one content concept is proposed (for a one- or
two-word quote, its concepts), except through a concept too common to be telling
(``posting_cap``, which grows with the corpus).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, groupby, islice, takewhile

from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from ..names import People
from . import rules
from .rules import Unit, Wording

MAX_POSTING = 400
"""A concept carried by more quotes than the posting cap is too common to propose candidates; the
cap is this count up to ``POSTING_BASE`` quotes, and grows from there (``posting_cap``)."""
POSTING_BASE = 100_000
"""The number of quotes above which the posting cap grows as the square root of their number. A
fixed cap loses links as a corpus grows and more of its words pass it; a cap in proportion to the
corpus would keep them at a cost quadratic in its size. The square root is between: the work per
quote grows as the root of the corpus, and up to this size the output is what a fixed cap gives.
In ``bench/cluster_bench.py`` at 1M quotes (cap 1264) link recall is 0.928 instead of 0.83, for
twice the CPU time; on 100,000 generated articles (775k quotes, cap 1113) within-story recall is
0.89 instead of 0.78, for 1.8 times the clustering time."""
PROBE_BUDGET = 2000
"""Postings one quote reads beyond its prefix, to sharpen the count filter."""
MAX_PROPOSALS = 500
"""Candidates one quote proposes at most (blocking cap; see ``Blocking``)."""


class Blocking:
    """The candidate pairs of a set of units (blocking), proposed wording by wording.

    Prefix filtering (Chaudhuri et al. 2006, "A primitive operator for similarity joins"): a
    wording probes only its rarest concepts (by their fixed weight, ``reference.idf``), as many as
    it takes that the rest could not reach ``rules.min_overlap`` on their own, so any quote it can
    link with holds one of them. This finds
    every linkable pair that all pairs sharing a rare concept would, without the pairs that share
    only the commoner words. ``MAX_PROPOSALS`` caps what one unit proposes, rarest concepts
    first, so the work stays linear when thousands of outlets carry one quote (the copies still
    link through one another).

    Units worded alike probe alike, so the probe runs once per wording and its ranking once per
    speaker of that wording; each unit then takes the ranking without itself. Of what a unit
    takes, only the quotes that share enough words in order with it for any link (``reachable``)
    are proposed. The index is built once; ``proposals`` may then run on any share of the
    wordings, in any process that has it.
    """

    def __init__(self, units: Sequence[Unit]) -> None:
        self.members: dict[Wording, list[Unit]] = defaultdict(list)
        for u in units:
            self.members[u.wording].append(u)
        self.wordings = [w for w in self.members if w.content]
        """Every wording that can link, in the order of its first unit."""
        # Wordings are numbered in that order: postings, hits and levels hold the numbers. A pool
        # takes at most MAX_PROPOSALS + 1 units of a speaker, so only as many of each speaker's
        # units of a wording are kept: a viral quote's thousands of copies are a few short runs.
        self.heads = [heads_of(self.members[w], MAX_PROPOSALS + 1) for w in self.wordings]
        self.speaker_of = [u.speaker for u in units]
        self.people = People(u.speaker for u in units if u.speaker is not None)
        self.wording_of = [u.wording for u in units]
        self.max_posting = posting_cap(len(units))
        self.sizes: Counter[int] = Counter()  # concept -> units holding it: the posting length the caps read
        self.postings: dict[int, list[int]] = defaultdict(list)  # concept -> wordings holding it
        for number, w in enumerate(self.wordings):
            for key in dict.fromkeys(w.content):
                self.sizes[key] += len(self.members[w])
                self.postings[key].append(number)
        # Longest wordings first, so a probe reads only those long enough to link (``need``).
        self.lengths: dict[int, list[int]] = {}
        for key, found in self.postings.items():
            found.sort(key=lambda number: -len(self.wordings[number].content))
            self.lengths[key] = [-len(self.wordings[number].content) for number in found]

    def proposals(self, wordings: Iterable[Wording]) -> Iterator[tuple[list[int], list[int]]]:
        """The units of ``wordings`` in groups that are proposed with the same units: the
        group's indices, in order, and those units (a list that may hold units of the group).
        A pair may be proposed from both sides."""
        sizes, wording_of = self.sizes, self.wording_of
        for w in wordings:
            counts = Counter(w.content)
            need = w.need
            remaining = len(w.content)
            hits: Counter[int] = Counter()
            budget = PROBE_BUDGET
            # Rarest first in English at large, the same order whatever else is scanned (ties by
            # concept: ids sort as the concepts do).
            weight_of = dict(zip(w.content, w.weights))
            for key in sorted(counts, key=lambda k: (-weight_of[k], k)):
                size = sizes[key]
                if size > self.max_posting:
                    continue  # too common in this corpus to be telling
                if remaining < need and size > budget:
                    break
                budget -= size
                remaining -= counts[key]
                long_enough = self.postings[key][:bisect_right(self.lengths[key], -need)]
                for _ in range(counts[key]):
                    hits.update(long_enough)  # counted in C
            # Count filter: what the unprobed words could add must make up the rest of ``need``.
            short = need - remaining
            # Most hits first, then by number (first unit): the order in which units are
            # proposed. Sorted in C (a stable sort keeps the numbers in order within a level),
            # and a level is listed only when a pool reads it.
            ranked = sorted(hits)
            ranked.sort(key=hits.__getitem__, reverse=True)
            levels = (list(level) for _, level in takewhile(  # read within this wording's turn
                lambda level: level[0] >= short, groupby(ranked, key=hits.__getitem__)))  # noqa: B023
            pools = self._pools(self.members[w], levels)
            within_reach = reachable(w, list({wording_of[o]: None for pool in pools.values() for o in pool}))
            taken = {}
            for name, pool in pools.items():
                # A unit takes the first MAX_PROPOSALS of the pool besides itself.
                close = [o for o in pool if wording_of[o] in within_reach]
                outside = close if len(pool) <= MAX_PROPOSALS else [
                    o for o in pool[:MAX_PROPOSALS] if wording_of[o] in within_reach]
                taken[name] = set(pool), close, outside
            # A speaker's units in its pool take the pool less themselves, the others its first
            # MAX_PROPOSALS: two groups a speaker.
            takers: defaultdict[tuple[str | None, bool], list[int]] = defaultdict(list)
            for u in self.members[w]:
                takers[u.speaker, u.index in taken[u.speaker][0]].append(u.index)
            for (name, inside), indices in takers.items():
                _, close, outside = taken[name]
                yield indices, close if inside else outside

    def _pools(self, members: Sequence[Unit], levels: Iterable[list[int]]) -> dict[str | None, list[int]]:
        """For each speaker of ``members``, the first ``MAX_PROPOSALS + 1`` units, of the
        wordings ranked in ``levels`` (wording numbers), whose speaker may be that one
        (``rules.compatible``, or anyone's when ``rules.speakers_outweighed``), level by level and
        by index within a level: enough for each of its units to take ``MAX_PROPOSALS`` of them
        besides itself. Reads the ranking only as far as it takes; a level's units are put in order
        once (in C) for all the speakers."""
        pools: dict[str | None, list[int]] = {name: [] for name in dict.fromkeys(u.speaker for u in members)}
        # The speakers a named speaker's pool takes: the names that may be that person, and None;
        # anyone's for a wording long enough to link whoever is named (``rules.speakers_outweighed``).
        anyone = rules.speakers_outweighed(members[0].wording)
        fits = {name: None if name is None or anyone else self.people.matching(name) | {None} for name in pools}
        heads, speaker_of = self.heads, self.speaker_of
        filling = list(pools)
        for level in levels:
            ranked = sorted(chain.from_iterable(map(heads.__getitem__, level)))
            for speaker in filling:
                pool, fit = pools[speaker], fits[speaker]
                room = MAX_PROPOSALS + 1 - len(pool)
                if fit is None:
                    pool += ranked[:room]
                else:
                    pool += islice(compress(ranked, map(fit.__contains__, map(speaker_of.__getitem__, ranked))), room)
            filling = [s for s in filling if len(pools[s]) <= MAX_PROPOSALS]
            if not filling:
                break
        return pools


def heads_of(members: Sequence[Unit], size: int) -> list[int]:
    """The indices of the first ``size`` of each speaker's ``members`` (in index order), in index order."""
    if len(members) <= size:
        return [u.index for u in members]
    by_speaker: dict[str | None, list[int]] = defaultdict(list)
    for u in members:
        by_speaker[u.speaker].append(u.index)
    return sorted(chain.from_iterable(indices[:size] for indices in by_speaker.values()))


def posting_cap(n: int) -> int:
    """The most quotes a concept may be carried by and still propose candidates, among ``n`` quotes:
    ``MAX_POSTING`` up to ``POSTING_BASE`` quotes, then growing as the square root of ``n``."""
    return max(MAX_POSTING, math.isqrt(MAX_POSTING * MAX_POSTING * n // POSTING_BASE))


def reachable(w: Wording, others: Sequence[Wording]) -> set[Wording]:
    """The ``others`` that share enough words in order with ``w`` (their longest common
    subsequence) for one of the two to be covered enough by the other for any link: a bound on
    ``rules.covers``, computed for all of them in one call to rapidfuzz."""
    if not others:
        return set()
    cutoff = min(w.floor, min(o.floor for o in others))
    found = process.extract(w.content, [o.content for o in others], scorer=LCSseq.similarity, processor=None,
                            limit=None, score_cutoff=cutoff)
    return {others[i] for _, same, i in found if same >= min(w.floor, others[i].floor)}


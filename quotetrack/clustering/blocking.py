"""Blocking: the candidate pairs of a set of quotes, from an inverted index of their content
concepts, so the work grows with the number of quotes that share rare words, not with all pairs.

The rules assume every pair is proposed that is worded alike, or shares a concept neither too
common in English (``COMMON_WEIGHT``) nor carried by too many of the quotes scanned
(``posting_cap``), except that beyond the first ``MAX_COPIES`` copies of a wording (by speaker) a
copy pairs only with the first copies of the other wording. So whether two quotes are candidates
depends on the two quotes, the other copies of their wordings, and which concepts are past the
posting cap: the one thing read from the whole corpus, one number per concept, so a re-scan
knows which pairs a change in it can reach (docs/SCALING.md, "Incremental scans").
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from ..names import People
from . import rules
from .rules import Unit, Wording

COMMON_WEIGHT = 1.3
"""A concept whose reference weight (``reference.idf``) is below this is too common in English to
propose candidates, whatever is scanned: one that about three English articles in four hold or
more ("time", "year", "make", "new", "good"). Set where the BASIL dev links and the seeds' stay
as they were (at 1.4 BASIL link recall falls from 0.883 to 0.872, at 1.5 to 0.862)."""
MAX_POSTING = 400
"""A concept carried by more quotes than the posting cap is too common in the corpus to propose
candidates; the cap is this count up to ``POSTING_BASE`` quotes, and grows from there
(``posting_cap``). It must read the corpus: a word rare in English can be in every other quote
of a corpus about one story ("Zelensky"), and prefix filtering then reads all of them for each
quote. With ``COMMON_WEIGHT`` alone, clustering 30,000 generated quotes took 80 s of CPU
instead of 27 s, growing as the square of the corpus."""
POSTING_BASE = 100_000
"""The number of quotes above which the posting cap grows as the square root of their number. A
fixed cap loses links as a corpus grows and more of its words pass it; a cap in proportion to the
corpus would keep them at a cost quadratic in its size. The square root is between: the work per
quote grows as the root of the corpus, and up to this size the output is what a fixed cap gives.
In ``bench/cluster_bench.py`` at 1M quotes (cap 1264) link recall is 0.928 instead of 0.83, for
twice the CPU time; on 100,000 generated articles (775k quotes, cap 1113) within-story recall is
0.89 instead of 0.78, for 1.8 times the clustering time."""
PROBE_BUDGET = 2000
"""Postings one quote reads beyond its prefix, to sharpen the count filter (speed only: a pair
that can link shares a prefix concept, so what the extra postings rule out could not link)."""
MAX_COPIES = 500
"""Units of each speaker of a wording that pair with every candidate unit (``Blocking``); the
others pair only with these of each candidate wording. A function of the wording's own copies,
so a quote carried word for word by thousands of outlets costs ``MAX_COPIES`` pairs a copy, and
its copies still link through the first ones."""


class Blocking:
    """The candidate pairs of a set of units (blocking), proposed wording by wording.

    Prefix filtering (Chaudhuri et al. 2006, "A primitive operator for similarity joins"): a
    wording probes only its rarest concepts (by their fixed weight, ``reference.idf``), as many as
    it takes that the rest could not reach ``rules.min_overlap`` on their own, so any quote it can
    link with holds one of them. This finds every linkable pair that all pairs sharing a concept
    of at least ``COMMON_WEIGHT`` within the posting cap would, without the pairs that share only
    the commoner words. Copies of one wording are always candidates of one another.

    A unit among the first ``MAX_COPIES`` of its speaker in its wording (a *head*) pairs with
    every unit of the wordings it is proposed with; any other unit pairs only with their heads.
    So the pair of two units is proposed when one of them is a head, whatever else is scanned,
    and a quote thousands of outlets carry costs ``MAX_COPIES`` pairs a copy. Of the wordings a
    probe finds, only those that share enough words in order with it for any link (``reachable``)
    are proposed. The index is built once; ``proposals`` may then run on any share of the
    wordings, in any process that has it.
    """

    def __init__(self, units: Sequence[Unit]) -> None:
        self.members: dict[Wording, list[Unit]] = defaultdict(list)
        for u in units:
            self.members[u.wording].append(u)
        self.wordings = [w for w in self.members if w.content]
        """Every wording that can link, in the order of its first unit."""
        self.number = {w: number for number, w in enumerate(self.wordings)}
        # Wordings are numbered in that order: postings and hits hold the numbers.
        self.every = [[u.index for u in self.members[w]] for w in self.wordings]
        self.heads = [heads_of(self.members[w], MAX_COPIES) for w in self.wordings]
        self.speaker_of = [u.speaker for u in units]
        self.people = People(u.speaker for u in units if u.speaker is not None)
        self.max_posting = posting_cap(len(units))
        self.sizes: Counter[int] = Counter()  # concept -> units holding it: what a probe reads
        self.postings: dict[int, list[int]] = defaultdict(list)  # concept -> wordings holding it
        for number, w in enumerate(self.wordings):
            for key, weight in dict(zip(w.content, w.weights)).items():
                if weight >= COMMON_WEIGHT:
                    self.sizes[key] += len(self.members[w])
                    self.postings[key].append(number)
        # Longest wordings first, so a probe reads only those long enough to link (``need``).
        self.lengths: dict[int, list[int]] = {}
        for key, found in self.postings.items():
            found.sort(key=lambda number: -len(self.wordings[number].content))
            self.lengths[key] = [-len(self.wordings[number].content) for number in found]

    def candidates(self, w: Wording) -> list[int]:
        """The numbers of the wordings ``w`` is proposed with, its own among them."""
        counts = Counter(w.content)
        need = w.need
        remaining = len(w.content)
        hits: Counter[int] = Counter()
        budget = PROBE_BUDGET
        # Rarest first in English at large, the same order whatever else is scanned (ties by
        # concept: ids sort as the concepts do).
        weight_of = dict(zip(w.content, w.weights))
        for key in sorted(counts, key=lambda k: (-weight_of[k], k)):
            if weight_of[key] < COMMON_WEIGHT:
                break  # this one and every one after it too common to be telling
            size = self.sizes[key]
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
        own = self.number[w]
        found = [number for number, hit in hits.items() if hit >= short and number != own]
        within_reach = reachable(w, [self.wordings[number] for number in found])
        return [own, *(number for number in found if self.wordings[number] in within_reach)]

    def proposals(self, wordings: Iterable[Wording]) -> Iterator[tuple[list[int], list[int]]]:
        """The units of ``wordings`` in groups that are proposed with the same units: the
        group's indices, in order, and those units (a list that may hold units of the group).
        A pair may be proposed from both sides."""
        for w in wordings:
            yield from self._groups(w, self.candidates(w))

    def touching(self, wordings: Iterable[Wording]) -> Iterator[tuple[list[int], list[int]]]:
        """What ``proposals`` gives, found from ``wordings``' side alone: every wording that
        shares a concept ``proposals`` reads with one of them (not only the rarest few), so each
        pair of a unit of ``wordings`` that any proposal could score is proposed here (what a
        re-scan scores for the quotes it has not seen, ``memo``)."""
        needs = np.array([o.need for o in self.wordings], dtype=np.int64)
        floors = np.array([o.floor for o in self.wordings], dtype=np.int64)
        arrays: dict[int, np.ndarray] = {}
        for w in wordings:
            own = self.number[w]
            read: list[np.ndarray] = []
            remaining = 0  # the words of ``w`` no posting is read for
            weight_of = dict(zip(w.content, w.weights))
            for key, count in Counter(w.content).items():
                if weight_of[key] >= COMMON_WEIGHT and self.sizes[key] <= self.max_posting:
                    found = arrays.get(key)
                    if found is None:
                        found = arrays[key] = np.array(self.postings[key], dtype=np.int64)
                    read.extend([found] * count)
                else:
                    remaining += count
            # Count filter: a link needs the covered side's ``need`` of shared words, and the
            # longest common subsequence ``reachable`` asks for at least the lower ``floor``; at
            # most ``remaining`` shared words were not counted. Counted with numpy, in number order.
            numbers, hits = np.unique(np.concatenate(read), return_counts=True) if read else (needs[:0], needs[:0])
            most = hits + remaining
            keep = (numbers != own) & (most >= np.minimum(w.need, needs[numbers])) & (
                most >= np.minimum(w.floor, floors[numbers]))
            others = numbers[keep].tolist()
            within_reach = reachable(w, [self.wordings[number] for number in others])
            yield from self._groups(w, [own, *(number for number in others if self.wordings[number] in within_reach)])

    def among(self, wordings: Sequence[Wording]) -> Iterator[tuple[list[int], list[int]]]:
        """What ``proposals`` gives for the pairs of ``wordings`` with one another (those that
        share enough words in order, ``reachable``): the pairs a concept they all hold proposes."""
        numbers = [self.number[w] for w in wordings]
        for w in wordings:
            own = self.number[w]
            others = [number for number in numbers if number != own]
            within_reach = reachable(w, [self.wordings[number] for number in others])
            yield from self._groups(w, [own, *(number for number in others if self.wordings[number] in within_reach)])

    def _groups(self, w: Wording, found: Sequence[int]) -> Iterator[tuple[list[int], list[int]]]:
        """The units of ``w`` in groups, each with the units of the wordings ``found`` it pairs with."""
        speaker_of = self.speaker_of
        own = self.number[w]
        every = sorted(chain.from_iterable(map(self.every.__getitem__, found)))
        heads = sorted(chain.from_iterable(map(self.heads.__getitem__, found)))
        own_heads = set(self.heads[own])
        # Copies of a one-word wording that no one is named for never link with one another (a
        # one-word variant needs the same named speaker, a part a longer quote): a word quoted
        # thousands of times costs nothing.
        alone = len(w.content) == 1 and any(u.speaker is None for u in self.members[w])
        others = [number for number in found if number != own] if alone else found
        # Anyone's units for a wording long enough to link whoever is named
        # (``rules.speakers_outweighed``); else those whose speaker may be the unit's.
        anyone = rules.speakers_outweighed(w)
        takers: defaultdict[tuple[str | None, bool], list[int]] = defaultdict(list)
        for u in self.members[w]:
            takers[u.speaker, u.index in own_heads].append(u.index)
        for (name, head), indices in takers.items():
            if alone and name is None:
                pool = sorted(chain.from_iterable(map((self.every if head else self.heads).__getitem__, others)))
            else:
                pool = every if head else heads
            if name is not None and not anyone:
                fit = self.people.matching(name) | {None}
                pool = list(compress(pool, map(fit.__contains__, map(speaker_of.__getitem__, pool))))
            yield indices, pool


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


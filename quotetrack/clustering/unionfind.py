"""Union-find over quote occurrences that keeps every cluster coherent (``UnionFind.can_join``)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

import numpy as np

from .rules import Unit, compatible


class UnionFind:
    """Union-find that knows which articles and which named speakers each set spans, so that a
    union never puts two quotes of one article, or two different people, in one cluster.

    Compact for a million quotes: a set of one unit keeps no collections of its own (its article
    and speaker are read from the unit), and each set's members form a ring through ``next``."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.parent = list(range(len(units)))
        self.ancestor = np.arange(len(units))
        """``parent`` as an array, with only the unions' links: another forest of the same sets
        with the same roots, that ``roots`` follows for many units at once."""
        self.next = list(self.parent)
        """The next member of each unit's set, round a ring: a set of one points to itself."""
        self.doc_of = [u.doc for u in units]
        self.speaker_of = [u.speaker for u in units]
        self.docs: dict[int, set[str]] = {}
        """Root of a set of two or more -> the articles it spans."""
        self.speakers: dict[int, set[str]] = {}
        """Root of a set of two or more -> the named speakers it holds."""

    def roots(self, xs: np.ndarray) -> np.ndarray:
        """The root of each of ``xs``'s sets, for many at once (``ancestor``)."""
        found = self.ancestor[xs]
        while True:
            up = self.ancestor[found]
            if np.array_equal(up, found):
                break
            found = up
        self.ancestor[xs] = found  # the next ask of these is one step
        return found

    def find(self, x: int) -> int:
        """The root of ``x``'s set (halving the path on the way)."""
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _docs(self, root: int) -> set[str]:
        found = self.docs.get(root)
        return found if found is not None else {self.doc_of[root]}

    def _speakers(self, root: int) -> set[str]:
        found = self.speakers.get(root)
        if found is None:
            speaker = self.speaker_of[root]
            found = {speaker} if speaker is not None else set()
        return found

    def _members(self, root: int) -> Iterator[int]:
        x = root
        while True:
            yield x
            x = self.next[x]
            if x == root:
                return

    def can_join(self, a: int, b: int, same_doc: bool = False, reprises: Collection[int] = (),
                 across_speakers: Callable[[], bool] | None = None) -> bool:
        """Whether the two sets may become one: no article in common (unless the caller joins two
        near-identical wordings of one article, or ``a`` is a lone fragment and its article's
        quotes in ``b``'s set are all in ``reprises``, quotes it repeats word for word) and
        every named speaker the same person, unless the caller joins on words that outweigh
        the speakers (``across_speakers()``, asked only then; see ``rules.outweighs_speakers``)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if not same_doc:
            common = self._docs(ra) & self._docs(rb)
            # ``a`` alone in its set: its set is ``{a}``, so ``a`` is its root.
            if common and (self.next[ra] != ra or common != {self.doc_of[a]} or not all(
                    m in reprises for m in self._members(rb) if self.doc_of[m] == self.doc_of[a])):
                return False
        if all(compatible(x, y) for x in self._speakers(ra) for y in self._speakers(rb)):
            return True
        return across_speakers is not None and across_speakers()

    def union(self, a: int, b: int) -> None:
        """Make the sets of ``a`` and ``b`` one, named by the lower root."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = min(ra, rb), max(ra, rb)
            self.parent[drop] = self.ancestor[drop] = keep
            # Grow the larger of each pair, so building a big cluster stays linear.
            for sets, of in ((self.docs, self._docs), (self.speakers, self._speakers)):
                big, small = sorted((of(keep), of(drop)), key=len, reverse=True)
                big |= small
                sets[keep] = big
                sets.pop(drop, None)
            self.next[keep], self.next[drop] = self.next[drop], self.next[keep]


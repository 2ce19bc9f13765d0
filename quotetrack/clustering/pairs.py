"""The pair store: where scored pairs are kept until they are joined, hiding how.

A large corpus has tens of millions of linked pairs, most of them copies of a viral quote, so a
pair ``(a, b)`` of unit indices is one 64-bit int ``a << bits | b`` (``bits`` the bit length of
the number of units), kept in arrays (a sixth of the memory of as many Python ints), sorted and
each once; numpy makes and orders them a chunk (``CHUNK`` pairs) at a time. Variants are kept by
their *head*, their join order packed into one int (``variant_head``). Pairs of articles are
``first << 32 | second`` in article numbers.

- ``Found`` collects what one share of the scoring finds, pair by pair or a group at once;
- ``VariantPairs`` puts the shares' variants together in the order they are joined;
- ``sorted_unique`` and ``holds`` merge and search the other keys.
"""

from __future__ import annotations

import struct
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence

import numpy as np

from .rules import VARIANT, WHOLE

CHUNK = 1 << 16
"""Pairs handled at a time with numpy: a batch read from ``VariantPairs``, or the pairs of some
rows of a group scored at once (``Found.add_group``)."""
_FLOAT_BITS = (1 << 64) - 1

Packed = tuple[int, int, bool]
"""A verdict as the store keeps it: kind (``rules.VARIANT``, ``PART``, ``WHOLE``), head
(``variant_head``, 0 for parts) and whether it corroborates one story."""


def variant_head(across: bool, cover: float) -> int:
    """``(across, -cover)`` packed into one int that sorts the same way: the order in which
    variants are joined, before their pair (``VariantPairs``). A positive float sorts as the
    bits of its IEEE 754 form."""
    return across << 64 | _FLOAT_BITS - int.from_bytes(struct.pack(">d", cover), "big")


class Found:
    """What one share of the scoring found: variants by head, parts as ``short << bits | long``
    and the article pairs that corroborate one story."""

    def __init__(self, bits: int, doc_no: Sequence[int]) -> None:
        self.bits = bits
        self.doc_no = doc_no
        self.docs = np.array(doc_no, dtype=np.uint64)
        self.variants: defaultdict[int, array] = defaultdict(lambda: array("Q"))
        self.parts = array("Q")
        self.corroborated: set[int] = set()
        self.corroborated_at_once: list[np.ndarray] = []

    def add(self, a: int, b: int, packed: Packed) -> None:
        """Keep the pair ``(a, b)``, ``a < b``, with its verdict."""
        kind, head, corroborates = packed
        bits = self.bits
        if kind == VARIANT:
            self.variants[head].append(a << bits | b)
        else:
            self.parts.append(a << bits | b if kind != WHOLE else b << bits | a)
        if corroborates:
            self.corroborated.add(self.doc_no[a] << 32 | self.doc_no[b])

    def add_group(self, group: Sequence[int], partners: Sequence[int], codes: Sequence[np.ndarray],
                  verdict_of: list[Packed]) -> None:
        """Keep the pairs of each unit of ``group`` (quotes worded alike, with one speaker) with
        each of ``partners``, given each partner's verdict with a unit of the group as codes into
        ``verdict_of`` (-1 for no link): when the partner is in another article and comes after
        the unit, before it, then in the same article, after it and before it."""
        theirs = np.array(partners, dtype=np.int64)
        # A few rows of the group at a time: a quote thousands of outlets carry word for word
        # makes millions of pairs, and each takes a few arrays' worth of room while it is made.
        rows = max(1, CHUNK // len(partners))
        for top in range(0, len(group), rows):
            self._add_rows(group[top:top + rows], theirs, codes, verdict_of)

    def _add_rows(self, group: Sequence[int], theirs: np.ndarray, codes: Sequence[np.ndarray],
                  verdict_of: list[Packed]) -> None:
        docs = self.docs
        before, after, same_before, same_after = codes
        mine = np.array(group, dtype=np.int64)
        lower = mine[:, None] < theirs[None, :]
        within = docs[mine][:, None] == docs[theirs][None, :]
        code = np.where(within, np.where(lower, same_before[None, :], same_after[None, :]),
                        np.where(lower, before[None, :], after[None, :]))
        code[mine[:, None] == theirs[None, :]] = -1
        flat = code.ravel()
        found = np.flatnonzero(flat >= 0)
        if not len(found):
            return
        found = found[np.argsort(flat[found], kind="stable")]
        low = np.where(lower, mine[:, None], theirs[None, :]).ravel()[found].astype(np.uint64)
        high = np.where(lower, theirs[None, :], mine[:, None]).ravel()[found].astype(np.uint64)
        codes_found = flat[found]
        shift = np.uint64(self.bits)
        starts = [0, *(np.flatnonzero(codes_found[1:] != codes_found[:-1]) + 1).tolist()]
        for start, end in zip(starts, [*starts[1:], len(found)]):
            kind, head, corroborates = verdict_of[codes_found[start]]
            a, b = low[start:end], high[start:end]
            keys = b << shift | a if kind == WHOLE else a << shift | b
            (self.variants[head] if kind == VARIANT else self.parts).frombytes(keys.tobytes())
            if corroborates:
                self.corroborated_at_once.append(docs[a] << np.uint64(32) | docs[b])

    def result(self) -> tuple[dict[int, np.ndarray], np.ndarray, np.ndarray]:
        """The variants by head, the parts and the corroborating article pairs, each sorted and once."""
        corroborated = np.fromiter(self.corroborated, np.uint64, len(self.corroborated))
        return ({head: sorted_unique([pairs]) for head, pairs in self.variants.items()}, sorted_unique([self.parts]),
                sorted_unique([corroborated, *self.corroborated_at_once]))


def sorted_unique(arrays: Sequence[array | np.ndarray]) -> np.ndarray:
    """The 64-bit ints of ``arrays``, sorted and each once (a pair proposed from both sides is
    scored twice, and shares scored apart may find one pair of articles)."""
    if len(arrays) == 1:
        found = np.array(arrays[0], dtype=np.uint64)  # a copy: sorted in place
    else:
        found = np.concatenate(arrays)
    found.sort()
    if len(found) > 1:
        found = found[np.concatenate(([True], found[1:] != found[:-1]))]
    return found


def holds(keys: array, key: int) -> bool:
    """Whether the sorted ``keys`` hold ``key``."""
    i = bisect_left(keys, key)
    return i < len(keys) and keys[i] == key


class VariantPairs:
    """The variant pairs of a corpus in the order they are joined: by ``variant_head`` (within an
    article first, then closest first), then by pair. A large corpus has tens of millions, most of
    them copies of a viral quote under one head, so each head's pairs ``a << bits | b`` are kept as
    an array of 64-bit ints, sorted and each once: a sixth of the memory of as many Python ints.

    Made from the pairs that shares of the work found, each head's sorted and once (``Found``),
    as they come: a head's shares are put together, and let go, one head at a time."""

    def __init__(self, found: Iterable[Mapping[int, np.ndarray]], bits: int) -> None:
        shares: defaultdict[int, list[np.ndarray]] = defaultdict(list)
        for groups in found:
            for head, pairs in groups.items():
                shares[head].append(pairs)
        self.bits = bits
        self.groups = {head: sorted_unique(shares.pop(head)) for head in sorted(shares)}

    def __len__(self) -> int:
        return sum(map(len, self.groups.values()))

    def __iter__(self) -> Iterator[tuple[bool, np.ndarray, np.ndarray]]:
        """``(across, firsts, seconds)`` of the pairs in order, in batches of about ``CHUNK``
        (the heads' pairs put together, a long head's cut up; a batch is all across articles or
        all within)."""
        bits, mask = np.uint64(self.bits), np.uint64((1 << self.bits) - 1)
        batch: list[np.ndarray] = []
        size, batch_across = 0, False

        def split() -> tuple[bool, np.ndarray, np.ndarray]:
            nonlocal size
            pairs = np.concatenate(batch)
            batch.clear()
            size = 0
            return batch_across, (pairs >> bits).astype(np.int64), (pairs & mask).astype(np.int64)

        for head, pairs in self.groups.items():
            across = bool(head >> 64)
            if batch and across != batch_across:
                yield split()
            batch_across = across
            for start in range(0, len(pairs), CHUNK):
                batch.append(pairs[start:start + CHUNK])
                size += len(batch[-1])
                if size >= CHUNK:
                    yield split()
        if batch:
            yield split()


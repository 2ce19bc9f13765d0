"""Article statistics: how rare each concept is (a fixed reference, ``reference.idf``) and how
alike two articles are. The rules read them through ``CorpusStats.weight`` and
``CorpusStats.affinity``; neither depends on any article but the ones it is asked about."""

from __future__ import annotations

import math
from array import array
from collections.abc import Hashable, Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from ..models import Article
from ..text import concept_counts
from . import reference

AFFINITY_CACHE = 1 << 20
"""Article pairs whose affinity is kept at once (``CorpusStats.affinity``)."""


class CorpusStats:
    """What the scanned articles say about words and articles: how rare each concept is (its
    weight in English news at large, ``reference.idf``, the same whatever is scanned) and how
    alike two articles are (cosine of their IDF-weighted concept counts).

    Built once per scan from each article's ``text.concept_counts``, incrementally (``add``, as
    extraction delivers them) or at once (``of``). It keeps, per article, its concepts and
    counts in compact arrays; an article's vector is made from them when an affinity asks for
    it (numpy), never all at once."""

    def __init__(self) -> None:
        self.n = 0
        """Articles counted."""
        self._ids: dict[str, int] = {}  # concept -> id
        self._names: list[str] = []  # id -> concept
        self._rows: dict[Hashable, int] = {}  # doc -> row
        self._concepts = array("i")  # every row's concept ids, in the order of its counts
        self._tfs = array("d")  # and each one's term weight, 1 + log(count)
        self._ends = array("q")  # where each row ends in both
        self._idfs: list[float] = []  # every concept's idf by id (``_idf_list``)
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None  # ``_numpy``
        self._affinities: dict[tuple[str, str], float] = {}

    @classmethod
    def of(cls, articles: Iterable[Article]) -> CorpusStats:
        """The statistics of ``articles`` (an article seen twice under one doc id counts once,
        with its last text)."""
        stats = cls()
        for doc, text in {a.doc: a.text for a in articles}.items():
            stats.add(doc, concept_counts(text or ""))
        return stats

    def add(self, doc: Hashable, counts: Mapping[str, int]) -> None:
        """Count one article, given its ``text.concept_counts``. Each doc id is counted once; a
        caller that does not know the doc id yet counts the article under a key of its own and
        names it later (``rename``)."""
        if doc in self._rows:
            raise ValueError(f"article {doc!r} is already counted")
        self.trim()  # before the arrays grow: numpy may be reading them
        ids = self._ids
        # Speed: new concepts numbered and every concept looked up in C (the numbers name the
        # concepts only: no value depends on which a concept gets).
        for c in set(counts).difference(ids):
            ids[c] = len(ids)
            self._names.append(c)
        row = list(map(ids.__getitem__, counts))
        self._concepts.extend(row)
        self._tfs.extend(map(term_weight, counts.values()))
        self._rows[doc] = len(self._ends)
        self._ends.append(len(self._concepts))
        self.n += 1

    def trim(self) -> None:
        """Let go of the idfs and affinities kept (hundreds of MB in a large corpus): they are
        made again when next asked."""
        self._idfs = []
        self._arrays = None
        self._affinities.clear()

    def rename(self, docs: Mapping[Any, str]) -> None:
        """Give the articles counted under the keys of ``docs`` their doc ids."""
        self._rows = {docs.get(key, key): row for key, row in self._rows.items()}
        self._affinities.clear()

    @staticmethod
    def weight(c: str) -> float:
        """How much a shared concept counts in a cover: its IDF in English news at large
        (``reference.idf``), 1 for a concept every article holds, more the rarer it is."""
        return reference.idf(c)

    @staticmethod
    def idf(c: str) -> float:
        """The IDF the article affinity weighs concepts by (``reference.idf``)."""
        return reference.idf(c)

    def _idf_list(self) -> list[float]:
        """Every concept's ``idf`` by id."""
        if len(self._idfs) != len(self._ids):
            self._idfs = [reference.idf(c) for c in self._names]
        return self._idfs

    def _span(self, doc: str) -> tuple[int, int]:
        """Where ``doc``'s row lies in the arrays (empty for an article not counted)."""
        row = self._rows.get(doc)
        if row is None:
            return 0, 0
        return self._ends[row - 1] if row else 0, self._ends[row]

    def affinity(self, a: str, b: str) -> float:
        """Cosine similarity of two articles' weighted concept counts; 0 for an article not
        counted. Summed over the shorter vector in its order (the first doc id's on a tie), so
        the value is the same whichever way round it is asked."""
        key = (a, b) if a <= b else (b, a)
        found = self._affinities.get(key)
        if found is None:
            (sa, ea), (sb, eb) = self._span(key[0]), self._span(key[1])
            if ea - sa > eb - sb:
                sa, ea, sb, eb = sb, eb, sa, ea
            if len(self._affinities) >= AFFINITY_CACHE:
                self._affinities.clear()
            if sa == ea:
                found = self._affinities[key] = 0.0
            else:
                concepts, _, _, dense = self._numpy()
                shorter, longer = self._vector(sa, ea), self._vector(sb, eb)
                # The longer vector spread over every concept, the shorter's read back from it:
                # the products in the shorter's order, added one after another as ``sum`` does.
                dense[concepts[sb:eb]] = longer
                found = float(np.add.accumulate(shorter * dense[concepts[sa:ea]])[-1])
                dense[concepts[sb:eb]] = 0.0
                self._affinities[key] = found
        return found

    def _numpy(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The rows' concepts and term weights as arrays (no copy), every concept's ``idf``, and
        zeros as many as the concepts, for ``affinity`` to spread a vector over. Kept until
        ``trim``."""
        if self._arrays is None:
            self._arrays = (np.frombuffer(self._concepts, dtype=np.intc), np.frombuffer(self._tfs),
                            np.array(self._idf_list()), np.zeros(len(self._ids)))
        return self._arrays

    def _vector(self, start: int, end: int) -> np.ndarray:
        """The row at ``start:end`` (not empty) as cosine weights (``tf * idf`` over the row's
        norm), in the row's order; the norm's squares added one after another as ``sum`` does."""
        concepts, tfs, idfs, _ = self._numpy()
        raw = tfs[start:end] * idfs[concepts[start:end]]
        norm = math.sqrt(np.add.accumulate(raw * raw)[-1]) or 1.0
        return raw / norm


@lru_cache(maxsize=1024)
def term_weight(count: int) -> float:
    """``1 + log(count)``: the weight of a concept an article holds ``count`` times."""
    return 1 + math.log(count)


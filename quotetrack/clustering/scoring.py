"""Scoring: the verdict of every proposed pair (``rules.verdict``), asked once for each kind of
pair and kept in the pair store (``pairs.Found``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from . import rules
from .pairs import Found, Packed, variant_head
from .rules import Unit, Wording

SCORE_CACHE = 1 << 18
"""Wording pairs whose covers, and kinds of pair whose verdicts, are kept at once while
candidates are scored (``score``)."""
GROUP_AT_ONCE = 16
"""Units worded alike, with one speaker and the same candidates, from which their pairs are
scored at once (``score``)."""
_UNSCORED = object()


def score(units: Sequence[Unit], doc_no: Sequence[int], proposals: Iterable[tuple[Sequence[int], Sequence[int]]]
          ) -> tuple[dict[int, np.ndarray], np.ndarray, np.ndarray]:
    """Score the proposed pairs (groups of units, each with the units proposed to all of it).
    Returns the variants as pairs ``a << bits | b`` by their ``pairs.variant_head``, each head's
    sorted and once (see ``pairs.VariantPairs``), the parts as ``short << bits | long``, and the
    pairs of article numbers ``doc_no`` that corroborate one story (``rules.corroborates``) as
    ``first << 32 | second``, each sorted and once.

    A verdict depends only on the two wordings, the speakers and whether the article is the
    same, so a group of ``GROUP_AT_ONCE`` units or more (a quote many outlets carry word for
    word) is scored a partner at a time, and its pairs are made at once (``Found.add_group``)."""
    scorer = _Scorer(units, doc_no)
    for group, partners in proposals:
        if len(group) >= GROUP_AT_ONCE:
            scorer.at_once(group, partners)
        else:
            for i in group:
                scorer.one_by_one(i, partners)
    return scorer.found.result()


class _Scorer:
    """The verdicts asked so far, by kind of pair, and the pairs found."""

    def __init__(self, units: Sequence[Unit], doc_no: Sequence[int]) -> None:
        self.units = units
        self.doc_no = doc_no
        self.wording_of = [u.wording for u in units]
        self.speaker_of = [u.speaker for u in units]
        self.found = Found(len(units).bit_length(), doc_no)
        self.verdicts: dict[tuple, Packed | None] = {}
        self.covered: dict[tuple[Wording, Wording], tuple[float, float]] = {}

    def covers(self, a: Wording, b: Wording) -> tuple[float, float]:
        """``rules.covers``, kept for ``SCORE_CACHE`` pairs of wordings at a time."""
        key = (a, b)
        found = self.covered.get(key)
        if found is None:
            if len(self.covered) >= SCORE_CACHE:
                self.covered.clear()
            found = self.covered[key] = rules.covers(a, b)
        return found

    def judge(self, ua: Unit, ub: Unit, key: tuple) -> Packed | None:
        """The verdict of ``(ua, ub)`` (``ua`` first), packed, kept under ``key`` (what it depends on)."""
        verdicts = self.verdicts
        found = verdicts.get(key, _UNSCORED)
        if found is _UNSCORED:
            if len(verdicts) >= SCORE_CACHE:
                verdicts.clear()
            verdict = rules.verdict(ua, ub, self.covers)
            found = verdicts[key] = None if verdict is None else (
                verdict.kind, variant_head(ua.doc != ub.doc, verdict.cover)
                if verdict.kind == rules.VARIANT else 0, verdict.corroborates)
        return found  # type: ignore[return-value]

    def one_by_one(self, i: int, partners: Iterable[int]) -> None:
        """Score ``i`` with each of ``partners`` (itself left out)."""
        wording_of, speaker_of, doc_no = self.wording_of, self.speaker_of, self.doc_no
        verdicts, judge, add = self.verdicts, self.judge, self.found.add
        wi, si, di = wording_of[i], speaker_of[i], doc_no[i]
        for o in partners:
            if o == i:
                continue
            if i < o:
                a, b, key = i, o, (wi, wording_of[o], si, speaker_of[o], di == doc_no[o])
            else:
                a, b, key = o, i, (wording_of[o], wi, speaker_of[o], si, di == doc_no[o])
            verdict = verdicts.get(key, _UNSCORED)
            if verdict is _UNSCORED:
                verdict = judge(self.units[a], self.units[b], key)
            if verdict is not None:
                add(a, b, verdict)  # type: ignore[arg-type]

    def at_once(self, group: Sequence[int], partners: Sequence[int]) -> None:
        """Score a group of units worded alike, with one speaker, against the same partners."""
        # Each partner's verdict either way round, as a code (-1: no link), asked of a unit of
        # the group in another article, and of one in the partner's article: the verdict depends
        # on the wordings, the speakers and whether the article is the same (``rules.verdict``),
        # so a unit of the group stands for all of them, moved to the partner's article when none
        # is there (a copy repeated thousands of times in one article is scored as fast).
        if not partners:
            return
        units, wording_of, speaker_of = self.units, self.wording_of, self.speaker_of
        table: dict[Packed, int] = {}
        codes = [np.full(len(partners), -1) for _ in range(4)]
        first = units[group[0]]
        wg, sg = first.wording, first.speaker
        for j, o in enumerate(partners):
            uo = units[o]
            rep = first if uo.doc != first.doc else replace(first, doc=uo.doc + "\x00")
            near = replace(first, doc=uo.doc)
            for k, (a, b, same) in enumerate(((rep, uo, False), (uo, rep, False), (near, uo, True), (uo, near, True))):
                key = (wg, wording_of[o], sg, speaker_of[o], same) if k % 2 == 0 else (
                    wording_of[o], wg, speaker_of[o], sg, same)
                verdict = self.judge(a, b, key)
                if verdict is not None:
                    codes[k][j] = table.setdefault(verdict, len(table))
        self.found.add_group(group, partners, codes, list(table))

"""Variant clustering: which occurrences are one quote, however each outlet worded it.

Two occurrences are compared on their *concepts* (Snowball stems, with common near-synonyms folded
together, see ``text.SYNONYM_SETS``; function words and their contractions left out), by the
longest common subsequence of their content words, so word order counts and added or dropped
words only lower the score. Each concept weighs by its rarity across the scanned articles (IDF,
counted once per scan in ``CorpusStats``); in quotes shorter than ``LOOSE_PART_MIN`` content
words the plain share caps the weighted one.

- *variants* cover each other (``EQUIVALENT_COVER`` both ways): translation variants, punctuation
  differences, a word or two added or dropped. They are joined closest first.
- a *part* is mostly covered by a longer quote (``PART_COVER``): a fragment, a trimmed quote. A
  longer quote whose longer parts come from two or more clusters *merges* them and belongs to
  each (the split/merge case), without joining them. Every other part joins the one cluster its
  containers belong to; a part that quotes of several clusters contain is ambiguous and joins none.

Evidence is graded: quotes of ``SHORT_PART`` content words or fewer must appear word for word, and
one-word quotes need the same named speaker; a link that is short, or not between two quotes of
the same named person, needs the two articles to be about one story (``STORY_AFFINITY``, or a
shared longer quote of a named speaker). Unions keep every cluster coherent: never two different
named people, never two different quotes of one article (near-identical wordings, and a fragment
repeating words of its own article's quote, excepted).

Candidate pairs come from an inverted index of content concepts (blocking), so the work grows with
the number of quotes that share rare words, not with all pairs. The rules assume every pair that
shares at least one content concept is proposed (for a one- or two-word quote, its concepts),
except through a concept too common to be telling (``posting_cap``, which grows with the corpus).
"""

from __future__ import annotations

import hashlib
import math
import struct
from bisect import bisect_left, bisect_right
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, compress, groupby, islice, takewhile

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

from .models import Article, Cluster, Kind, Occurrence, Quote
from .names import People, given_name_gender, is_name, same_person
from .text import concept_counts, concepts, fold_words, is_stopword, stem, words
from .workers import forked, frozen, runs, strided, worker_count

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
"""Quotes with this many content words or fewer are weak evidence: they must appear word for word
in the other quote and link only between two articles about one story (``STORY_AFFINITY``, or a
shared longer quote of a named speaker), so "Face the Nation" or "deep state" link within one
story's coverage, not across every article that names the show. One-word quotes also need the
same named speaker on both sides."""
STORY_AFFINITY = 0.2
"""Cosine similarity (IDF-weighted concepts of the whole text) above which two articles are taken
to cover one story. Measured on BASIL (88 stories, three outlets each): 98% of same-story article
pairs score above it and under 1% of pairs from different stories do, most of those about a
related event."""
AFFINITY_CACHE = 1 << 20
"""Article pairs whose affinity is kept at once (``CorpusStats.affinity``)."""
IDF_PRIOR_DOCS = 10
"""How many articles it takes before word rarity counts half its full weight (see ``CorpusStats.weight``)."""
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
MAX_CANDIDATES = 500
"""Candidates one quote proposes at most (blocking cap; see ``_Blocking``)."""
SCORE_CACHE = 1 << 18
"""Wording pairs whose covers, and kinds of pair whose verdicts, are kept at once while
candidates are scored (``_score``)."""
PARALLEL_MIN_QUOTES = 50_000
"""Quotes from which candidates are scored, and parts admitted, in worker processes
(``workers.worker_count``): below, forking costs more than it saves."""
LOWEST_COVER = min(EQUIVALENT_COVER, SAME_DOC_COVER, PART_COVER, LOOSE_PART_COVER)
"""No link of any kind holds between two wordings neither of which covers this much of the other."""
GROUP_AT_ONCE = 16
"""Units worded alike, with one speaker and the same candidates, from which their pairs are
scored at once (``_score``)."""
_UNSCORED = object()
_FLOAT_BITS = (1 << 64) - 1
_CHUNK = 1 << 16
"""Pairs handled at a time with numpy: a batch read from ``_VariantPairs``, or the pairs of some
rows of a group scored at once (``_score``)."""


@dataclass(frozen=True, slots=True, eq=False)
class _Wording:
    """One distinct comparison key of the quotes being clustered. Occurrences worded alike share
    it, so a pair of wordings is scored once however many outlets carry each."""

    content: tuple[int, ...]
    """Content concepts in order, as ids that sort as the concepts do (see ``_units``)."""
    weights: tuple[float, ...]
    """Rarity of each content concept across the scanned articles (``CorpusStats.weight``)."""
    total: float
    """``sum(weights)``."""
    floor: int
    """The fewest words in order another quote must share for this one to be covered enough for
    any link (``_link_floor``)."""
    need: int
    """The fewest content words this one must share with another quote to take part in any link
    (``_min_overlap``)."""


@dataclass(frozen=True, slots=True)
class _Unit:
    index: int
    doc: str
    speaker: str | None
    """A person's name (``_is_person``), or None when unknown or only a description ("senior aide")."""
    content: tuple[int, ...]
    """``wording.content``, at hand for the rules that read only the words."""
    wording: _Wording
    fragment: bool


def _content(text: str) -> tuple[str, ...]:
    toks = words(text)
    content = tuple(concepts(" ".join(w for w in toks if not is_stopword(w))))
    return content or tuple(stem(w) for w in toks)


def _units(quotes: Sequence[Quote], stats: CorpusStats) -> list[_Unit]:
    """One unit per quote occurrence. Concepts become ids numbered in their sort order, so integer
    tuples stand for the words (cheaper to hash and align) and still sort as the words do."""
    # Outlets carrying a quote word for word share its content: worked out once a text.
    known: dict[str, tuple[str, ...]] = {}
    contents = []
    for q in quotes:
        content = known.get(q.text)
        if content is None:
            content = known[q.text] = _content(q.text)
        contents.append(content)
    del known
    ids = {c: i for i, c in enumerate(sorted({c for content in contents for c in content}))}
    weights = {i: stats.weight(c) for c, i in ids.items()}
    wordings: dict[tuple[str, ...], _Wording] = {}
    units = []
    for i, (quote, content) in enumerate(zip(quotes, contents)):
        wording = wordings.get(content)
        if wording is None:
            key = tuple(ids[c] for c in content)
            ws = tuple(weights[c] for c in key)
            # reach[k - 1]: the sum of the k heaviest weights, the most k shared words can cover.
            reach = list(accumulate(sorted(ws, reverse=True)))
            total = sum(ws)
            wording = wordings[content] = _Wording(key, ws, total, _link_floor(reach, total),
                                                   _min_overlap(reach, total))
        # A description ("senior aide", "critics") or a mis-read cue says too little about who
        # spoke to keep two quotes apart; only names do.
        speaker = quote.speaker if quote.speaker and _is_person(quote.speaker) else None
        units.append(_Unit(i, quote.doc, speaker, wording.content, wording, quote.kind is Kind.FRAGMENT))
    return units


@lru_cache(maxsize=100_000)
def _is_person(name: str) -> bool:
    """Whether a speaker reads as a person's name: two words or more, one of them a known given
    name. A lone surname left unresolved, a description ("senior aide") or a mis-read cue
    ("Earlier Sunday") says too little about who spoke to keep two quotes apart."""
    parts = name.split()
    return len(parts) > 1 and is_name(name) and any(given_name_gender(p) for p in parts[:-1])


class CorpusStats:
    """What a set of articles as a whole says about words and articles: how rare each concept is
    (inverse document frequency over the articles' full texts) and how alike two articles are
    (cosine of their IDF-weighted concept counts).

    Built once per scan from each article's ``text.concept_counts``, incrementally (``add``, as
    extraction delivers them) or at once (``of``). It keeps the document frequencies and, per
    article, its concepts and counts in compact arrays; an article's vector is made from them
    when an affinity asks for it (numpy), never all at once."""

    def __init__(self) -> None:
        self.n = 0
        """Articles counted."""
        self._ids: dict[str, int] = {}  # concept -> id
        self._df: Counter[int] = Counter()  # concept id -> articles holding it
        self._rows: dict[Hashable, int] = {}  # doc -> row
        self._concepts = array("i")  # every row's concept ids, in the order of its counts
        self._tfs = array("d")  # and each one's term weight, 1 + log(count)
        self._ends = array("q")  # where each row ends in both
        self._idfs: list[float] = []  # every concept's idf, for the current n (``_idf_list``)
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None  # ``_numpy``
        self._affinities: dict[tuple[str, str], float] = {}

    @classmethod
    def of(cls, articles: Iterable[Article]) -> CorpusStats:
        """The statistics of ``articles`` (an article seen twice under one doc id counts once,
        with its last text)."""
        stats = cls()
        for doc, text in {a.doc: a.text for a in articles}.items():
            stats.add(doc, concept_counts(text))
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
        row = list(map(ids.__getitem__, counts))
        self._df.update(row)
        self._concepts.extend(row)
        self._tfs.extend(map(_term_weight, counts.values()))
        self._rows[doc] = len(self._ends)
        self._ends.append(len(self._concepts))
        self.n += 1

    def trim(self) -> None:
        """Let go of the idfs and affinities kept (hundreds of MB in a large corpus): they are
        made again when next asked."""
        self._idfs = []
        self._arrays = None
        self._affinities.clear()

    def rename(self, docs: Mapping[Hashable, str]) -> None:
        """Give the articles counted under the keys of ``docs`` their doc ids."""
        self._rows = {docs.get(key, key): row for key, row in self._rows.items()}
        self._affinities.clear()

    def weight(self, c: str) -> float:
        """Smoothed IDF: 1 for a concept in every article, more the rarer it is. A handful of
        articles says little about how rare a word is, so the IDF term is shrunk towards uniform
        weights in proportion ``n / (n + IDF_PRIOR_DOCS)``: two articles compared alone (``diff``)
        weigh words almost equally, a corpus of hundreds by their rarity."""
        return (self.idf(c) - 1) * self.n / (self.n + IDF_PRIOR_DOCS) + 1

    def idf(self, c: str) -> float:
        """Plain smoothed IDF, as the article affinity (``STORY_AFFINITY``) was calibrated with."""
        i = self._ids.get(c)
        return self._idf(self._df[i] if i is not None else 0)

    def _idf(self, df: int) -> float:
        return math.log((1 + self.n) / (1 + df)) + 1

    def _idf_list(self) -> list[float]:
        """Every concept's ``idf`` by id, for the current ``n``."""
        if len(self._idfs) != len(self._ids):
            self._idfs = [self._idf(self._df[i]) for i in range(len(self._ids))]
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
def _term_weight(count: int) -> float:
    """``1 + log(count)``: the weight of a concept an article holds ``count`` times."""
    return 1 + math.log(count)


def _covers(a: _Wording, b: _Wording) -> tuple[float, float]:
    """Weighted share of ``a``'s content concepts that ``b`` holds in the same order, and of
    ``b``'s that ``a`` holds: one longest common subsequence, rare concepts counting more. In a
    quote of fewer than ``LOOSE_PART_MIN`` content words every word counts: there the plain share
    caps the weighted one, so a missing common word still costs its place."""
    if not a.content or not b.content:
        return 0.0, 0.0
    got_a = got_b = 0.0
    same = 0
    for op in LCSseq.opcodes(a.content, b.content):
        if op.tag == "equal":
            got_a += sum(a.weights[op.src_start:op.src_end])
            got_b += sum(b.weights[op.dest_start:op.dest_end])
            same += op.src_end - op.src_start
    return _share(got_a, a, same), _share(got_b, b, same)


def _share(got: float, w: _Wording, same: int) -> float:
    weighted = got / w.total
    return weighted if len(w.content) >= LOOSE_PART_MIN else min(weighted, same / len(w.content))


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or same_person(a, b)


def _same_known(a: _Unit, b: _Unit) -> bool:
    return a.speaker is not None and b.speaker is not None and same_person(a.speaker, b.speaker)


def _weak(u: _Unit) -> bool:
    return len(u.content) <= SHORT_PART


def _verbatim(short: _Unit, long: _Unit) -> bool:
    """Whether ``short``'s content concepts stand side by side, in order, in ``long``
    ("bunch of malarkey" in "just a bunch of malarkey"; "deep state" in "Deep State Justice")."""
    n = len(short.content)
    return any(long.content[i:i + n] == short.content for i in range(len(long.content) - n + 1))


def _is_part(short: _Unit, long: _Unit, cover: float) -> bool:
    """Whether ``short`` is a trimmed piece of ``long``, given the share of it ``long`` covers."""
    if len(short.content) >= len(long.content):
        return False
    if cover < PART_COVER and not (cover >= LOOSE_PART_COVER and len(short.content) >= LOOSE_PART_MIN
                                   and _same_known(short, long)):
        return False
    if len(short.content) == 1:
        # One word ("nothing") is a part only of a longer quote (not another short fragment) by
        # the same named speaker.
        return not _weak(long) and _same_known(short, long) and _verbatim(short, long)
    if _weak(short):
        return _verbatim(short, long)
    return short.doc != long.doc or short.speaker is not None


def _is_variant(a: _Unit, b: _Unit, covers: tuple[float, float]) -> bool:
    """Whether two wordings cover each other well enough to be one quote."""
    need = SAME_DOC_COVER if a.doc == b.doc else EQUIVALENT_COVER
    if min(covers) < need:
        return False
    if len(a.content) == 1 or len(b.content) == 1:
        return _same_known(a, b)
    return True


class _UnionFind:
    """Union-find that knows which articles and which named speakers each set spans, so that a
    union never puts two quotes of one article, or two different people, in one cluster.

    Compact for a million quotes: a set of one unit keeps no collections of its own (its article
    and speaker are read from the unit), and each set's members form a ring through ``next``."""

    def __init__(self, units: Sequence[_Unit]) -> None:
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

    def can_join(self, a: int, b: int, same_doc: bool = False, reprises: Collection[int] = ()) -> bool:
        """Whether the two sets may become one: no article in common (unless the caller joins two
        near-identical wordings of one article, or ``a`` is a lone fragment and its article's
        quotes in ``b``'s set are all in ``reprises``, quotes it repeats word for word) and
        every named speaker the same person."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if not same_doc:
            common = self._docs(ra) & self._docs(rb)
            # ``a`` alone in its set: its set is ``{a}``, so ``a`` is its root.
            if common and (self.next[ra] != ra or common != {self.doc_of[a]} or not all(
                    m in reprises for m in self._members(rb) if self.doc_of[m] == self.doc_of[a])):
                return False
        return all(_compatible(x, y) for x in self._speakers(ra) for y in self._speakers(rb))

    def union(self, a: int, b: int) -> None:
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


def _min_overlap(reach: Sequence[float], total: float) -> int:
    """The fewest content words a wording must share with another quote to take part in any
    link, given the sums of its ``k`` heaviest weights (``reach[k - 1]``) and of all of them:
    every link needs the shorter side (or both sides) covered at least at the lowest cover
    threshold that applies to its length, so the wording's own cover must reach it when it is
    that side (when the other is, the other's probe finds the pair). Covers are weighted by
    rarity (``_covers``), so the bound counts the heaviest words first; below ``LOOSE_PART_MIN``
    content words the plain share caps the weighted one, so the plain count binds too."""
    n = len(reach)
    if not n:
        return 1  # no content words: no link, and nothing to probe
    floor = min(EQUIVALENT_COVER, PART_COVER)
    if n >= LOOSE_PART_MIN:
        floor = min(floor, LOOSE_PART_COVER)
    plain = 1
    if n < LOOSE_PART_MIN:
        while plain / n < floor:  # the same float comparison the scorers make
            plain += 1
    target = floor * total * (1 - 1e-9)  # a hair under: rounding never drops a link
    k = 1
    while k < n and reach[k - 1] < target:
        k += 1
    return max(1, plain if n < LOOSE_PART_MIN else 1, k if n >= LOOSE_PART_MIN else 1)


class _Blocking:
    """The candidate pairs of a set of units (blocking), proposed wording by wording.

    Prefix filtering (Chaudhuri et al. 2006, "A primitive operator for similarity joins"): a
    wording probes only its rarest concepts, as many as it takes that the rest could not reach
    ``_min_overlap`` on their own, so any quote it can link with holds one of them. This finds
    every linkable pair that all pairs sharing a rare concept would, without the pairs that share
    only the commoner words. ``MAX_CANDIDATES`` caps what one unit proposes, rarest concepts
    first, so the work stays linear when thousands of outlets carry one quote (the copies still
    link through one another).

    Units worded alike probe alike, so the probe runs once per wording and its ranking once per
    speaker of that wording; each unit then takes the ranking without itself. Of what a unit
    takes, only the quotes that share enough words in order with it for any link (``_reachable``)
    are proposed. The index is built once; ``proposals`` may then run on any share of the
    wordings, in any process that has it.
    """

    def __init__(self, units: Sequence[_Unit]) -> None:
        self.members: dict[_Wording, list[_Unit]] = defaultdict(list)
        for u in units:
            self.members[u.wording].append(u)
        self.wordings = [w for w in self.members if w.content]
        """Every wording that can link, in the order of its first unit."""
        # Wordings are numbered in that order: postings, hits and levels hold the numbers. A pool
        # takes at most MAX_CANDIDATES + 1 units of a speaker, so only as many of each speaker's
        # units of a wording are kept: a viral quote's thousands of copies are a few short runs.
        self.heads = [_heads(self.members[w], MAX_CANDIDATES + 1) for w in self.wordings]
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

    def proposals(self, wordings: Iterable[_Wording]) -> Iterator[tuple[list[int], list[int]]]:
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
            for key in sorted(counts, key=lambda k: (sizes[k], k)):
                size = sizes[key]
                if size > self.max_posting or (remaining < need and size > budget):
                    break  # every later concept is commoner still
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
            levels = (list(level) for _, level in takewhile(
                lambda level: level[0] >= short, groupby(ranked, key=hits.__getitem__)))
            pools = self._pools(self.members[w], levels)
            reachable = _reachable(w, list({wording_of[o]: None for pool in pools.values() for o in pool}))
            taken = {}
            for name, pool in pools.items():
                # A unit takes the first MAX_CANDIDATES of the pool besides itself.
                close = [o for o in pool if wording_of[o] in reachable]
                outside = close if len(pool) <= MAX_CANDIDATES else [
                    o for o in pool[:MAX_CANDIDATES] if wording_of[o] in reachable]
                taken[name] = set(pool), close, outside
            # A speaker's units in its pool take the pool less themselves, the others its first
            # MAX_CANDIDATES: two groups a speaker.
            takers: defaultdict[tuple[str | None, bool], list[int]] = defaultdict(list)
            for u in self.members[w]:
                takers[u.speaker, u.index in taken[u.speaker][0]].append(u.index)
            for (name, inside), indices in takers.items():
                _, close, outside = taken[name]
                yield indices, close if inside else outside

    def _pools(self, members: Sequence[_Unit], levels: Iterable[list[int]]) -> dict[str | None, list[int]]:
        """For each speaker of ``members``, the first ``MAX_CANDIDATES + 1`` units, of the
        wordings ranked in ``levels`` (wording numbers), whose speaker may be that one
        (``_compatible``), level by level and by index within a level: enough for each of its
        units to take ``MAX_CANDIDATES`` of them besides itself. Reads the ranking only as far
        as it takes; a level's units are put in order once (in C) for all the speakers."""
        pools: dict[str | None, list[int]] = {name: [] for name in dict.fromkeys(u.speaker for u in members)}
        # The speakers a named speaker's pool takes: the names that may be that person, and None.
        fits = {name: None if name is None else self.people.matching(name) | {None} for name in pools}
        heads, speaker_of = self.heads, self.speaker_of
        filling = list(pools)
        for level in levels:
            ranked = sorted(chain.from_iterable(map(heads.__getitem__, level)))
            for speaker in filling:
                pool, fit = pools[speaker], fits[speaker]
                room = MAX_CANDIDATES + 1 - len(pool)
                if fit is None:
                    pool += ranked[:room]
                else:
                    pool += islice(compress(ranked, map(fit.__contains__, map(speaker_of.__getitem__, ranked))), room)
            filling = [s for s in filling if len(pools[s]) <= MAX_CANDIDATES]
            if not filling:
                break
        return pools


def _heads(members: Sequence[_Unit], size: int) -> list[int]:
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


def _link_floor(reach: Sequence[float], total: float) -> int:
    """The shortest common subsequence with which a wording could be covered at ``LOWEST_COVER``:
    the cover of ``k`` words in order is at most that of its ``k`` heaviest words (``reach``), and
    below ``LOOSE_PART_MIN`` words at most ``k / n`` too. One more than its length when none."""
    n = len(reach)
    for k in range(1, n + 1):
        share = reach[k - 1] / total
        if n < LOOSE_PART_MIN:
            share = min(share, k / n)
        if share * (1 + 1e-9) >= LOWEST_COVER:  # a hair over: rounding never drops a link
            return k
    return n + 1


def _reachable(w: _Wording, others: Sequence[_Wording]) -> set[_Wording]:
    """The ``others`` that share enough words in order with ``w`` (their longest common
    subsequence) for one of the two to be covered enough by the other for any link: a bound on
    ``_covers``, computed for all of them in one call to rapidfuzz."""
    if not others:
        return set()
    cutoff = min(w.floor, min(o.floor for o in others))
    found = process.extract(w.content, [o.content for o in others], scorer=LCSseq.similarity, processor=None,
                            limit=None, score_cutoff=cutoff)
    return {others[i] for _, same, i in found if same >= min(w.floor, others[i].floor)}


_VARIANT, _PART, _WHOLE = range(3)
"""What a scored pair ``(a, b)``, ``a < b``, is: variants, ``a`` a part of ``b``, or ``b`` of ``a``."""


def _verdict(ua: _Unit, ub: _Unit, covered: dict[tuple[_Wording, _Wording], tuple[float, float]]
             ) -> tuple[int, int, bool] | None:
    """What the pair ``(ua, ub)``, ``ua.index < ub.index``, is (``_VARIANT``, ``_PART``, ``_WHOLE``),
    with a variant's ``_variant_head`` and whether it corroborates that the two articles cover
    one story (``_corroborates``); None when no link can hold.
    Depends only on the two wordings, the speakers and whether the article is the same, so one
    verdict serves every pair alike in those."""
    if not _compatible(ua.speaker, ub.speaker):
        return None
    key = (ua.wording, ub.wording)
    covers = covered.get(key)
    if covers is None:
        if len(covered) >= SCORE_CACHE:
            covered.clear()
        covers = covered[key] = _covers(ua.wording, ub.wording)
    if max(covers) < LOWEST_COVER:
        return None
    if _is_variant(ua, ub, covers):
        kind, head = _VARIANT, _variant_head(ua.doc != ub.doc, min(covers))
    elif _is_part(ua, ub, covers[0]):
        kind, head = _PART, 0
    elif _is_part(ub, ua, covers[1]):
        kind, head = _WHOLE, 0
    else:
        return None
    return kind, head, _corroborates(ua, ub)


def _score(units: Sequence[_Unit], doc_no: Sequence[int], proposals: Iterable[tuple[Sequence[int], Sequence[int]]]
           ) -> tuple[dict[int, np.ndarray], np.ndarray, np.ndarray]:
    """Score the proposed pairs. Returns the variants as pairs ``a << bits | b`` by their
    ``_variant_head``, each head's sorted and once (see ``_VariantPairs``), the parts as
    ``short << bits | long``, and the pairs of article numbers ``doc_no`` that corroborate one
    story (``_corroborates``) as ``first << 32 | second``, each sorted and once. Millions of
    each in a large corpus, so all are arrays of 64-bit ints.

    A verdict depends only on the two wordings, the speakers and whether the article is the
    same, so a group of ``GROUP_AT_ONCE`` units or more (a quote many outlets carry word for
    word) is scored a partner at a time, and its pairs are made with numpy."""
    bits = len(units).bit_length()
    variants: defaultdict[int, array] = defaultdict(lambda: array("Q"))
    parts = array("Q")
    corroborated: set[int] = set()
    corroborated_at_once: list[np.ndarray] = []
    wording_of = [u.wording for u in units]
    speaker_of = [u.speaker for u in units]
    docs = np.array(doc_no, dtype=np.uint64)
    verdicts: dict[tuple, tuple[int, int, bool] | None] = {}
    covered: dict[tuple[_Wording, _Wording], tuple[float, float]] = {}

    def judge(a: int, b: int, key: tuple) -> tuple[int, int, bool] | None:
        if len(verdicts) >= SCORE_CACHE:
            verdicts.clear()
        verdict = verdicts[key] = _verdict(units[a], units[b], covered)
        return verdict

    def one_by_one(i: int, partners: Iterable[int]) -> None:
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
                verdict = judge(a, b, key)
            if verdict is None:
                continue
            kind, head, corroborates = verdict
            if kind == _VARIANT:
                variants[head].append(a << bits | b)
            else:
                parts.append(a << bits | b if kind == _PART else b << bits | a)
            if corroborates:
                corroborated.add(doc_no[a] << 32 | doc_no[b])

    def at_once(group: Sequence[int], partners: Sequence[int]) -> None:
        # Each partner's verdict either way round, as a code (-1: no link), asked of a unit of
        # the group in another article.
        if not partners:
            return
        table: dict[tuple[int, int, bool], int] = {}
        before, after = np.full(len(partners), -1), np.full(len(partners), -1)
        first = group[0]
        second = next((u for u in group if doc_no[u] != doc_no[first]), None)
        wg, sg = wording_of[first], speaker_of[first]
        for j, o in enumerate(partners):
            rep = first if doc_no[o] != doc_no[first] else second
            if rep is None:
                continue
            for a, b, key, out in ((rep, o, (wg, wording_of[o], sg, speaker_of[o], False), before),
                                   (o, rep, (wording_of[o], wg, speaker_of[o], sg, False), after)):
                verdict = verdicts.get(key, _UNSCORED)
                if verdict is _UNSCORED:
                    verdict = judge(a, b, key)
                if verdict is not None:
                    out[j] = table.setdefault(verdict, len(table))
        theirs = np.array(partners, dtype=np.int64)
        # A few rows of the group at a time: a quote thousands of outlets carry word for word
        # makes millions of pairs, and each takes a few arrays' worth of room while it is made.
        rows, verdict_of = max(1, _CHUNK // len(partners)), list(table)
        for top in range(0, len(group), rows):
            pairs_of(group[top:top + rows], theirs, before, after, verdict_of)

    def pairs_of(group: Sequence[int], theirs: np.ndarray, before: np.ndarray, after: np.ndarray,
                 verdict_of: list[tuple[int, int, bool]]) -> None:
        # The pairs of some of a group's units with all its partners, from the partners'
        # verdicts (codes into ``verdict_of``); the pairs within one article are scored one by one.
        mine = np.array(group, dtype=np.int64)
        lower = mine[:, None] < theirs[None, :]
        code = np.where(lower, before[None, :], after[None, :])
        within = docs[mine][:, None] == docs[theirs][None, :]
        for row, col in zip(*(axis.tolist() for axis in np.nonzero(within))):
            one_by_one(group[row], (int(theirs[col]),))
        code[within] = -1
        flat = code.ravel()
        found = np.flatnonzero(flat >= 0)
        if not len(found):
            return
        found = found[np.argsort(flat[found], kind="stable")]
        low = np.where(lower, mine[:, None], theirs[None, :]).ravel()[found].astype(np.uint64)
        high = np.where(lower, theirs[None, :], mine[:, None]).ravel()[found].astype(np.uint64)
        codes = flat[found]
        shift = np.uint64(bits)
        starts = [0, *(np.flatnonzero(codes[1:] != codes[:-1]) + 1).tolist()]
        for start, end in zip(starts, [*starts[1:], len(found)]):
            kind, head, corroborates = verdict_of[codes[start]]
            a, b = low[start:end], high[start:end]
            keys = b << shift | a if kind == _WHOLE else a << shift | b
            (variants[head] if kind == _VARIANT else parts).frombytes(keys.tobytes())
            if corroborates:
                corroborated_at_once.append(docs[a] << np.uint64(32) | docs[b])

    for group, partners in proposals:
        if len(group) >= GROUP_AT_ONCE:
            at_once(group, partners)
        else:
            for i in group:
                one_by_one(i, partners)
    return ({head: _union([pairs]) for head, pairs in variants.items()}, _union([parts]),
            _union([np.fromiter(corroborated, np.uint64, len(corroborated)), *corroborated_at_once]))


def _union(arrays: Sequence[array | np.ndarray]) -> np.ndarray:
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


class _VariantPairs:
    """The variant pairs of a corpus in the order they are joined: by ``_variant_head`` (within an
    article first, then closest first), then by pair. A large corpus has tens of millions, most of
    them copies of a viral quote under one head, so each head's pairs ``a << bits | b`` are kept as
    an array of 64-bit ints, sorted and each once: a sixth of the memory of as many Python ints.

    Made from the pairs that shares of the work found, each head's sorted and once (``_score``),
    as they come: a head's shares are put together, and let go, one head at a time."""

    def __init__(self, found: Iterable[Mapping[int, np.ndarray]], bits: int) -> None:
        shares: defaultdict[int, list[np.ndarray]] = defaultdict(list)
        for groups in found:
            for head, pairs in groups.items():
                shares[head].append(pairs)
        self.bits = bits
        self.groups = {head: _union(shares.pop(head)) for head in sorted(shares)}

    def __len__(self) -> int:
        return sum(map(len, self.groups.values()))

    def __iter__(self) -> Iterator[tuple[bool, np.ndarray, np.ndarray]]:
        """``(across, firsts, seconds)`` of the pairs in order, in batches of about ``_CHUNK``
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
            for start in range(0, len(pairs), _CHUNK):
                batch.append(pairs[start:start + _CHUNK])
                size += len(batch[-1])
                if size >= _CHUNK:
                    yield split()
        if batch:
            yield split()


def _linked(units: Sequence[_Unit], doc_no: Sequence[int], workers: int
            ) -> tuple[_VariantPairs, np.ndarray, array]:
    """``_score`` of every proposal of ``_Blocking``, in ``workers`` forked processes when more
    than one. Workers are forked once the index is built, so they share it; each scores a share
    of the wordings, and the shares' results are merged (sorted, each once), so the result is
    the same for any number of workers. The corroborating article pairs come as an ``array``,
    which ``_holds`` searches faster than numpy can search one value."""
    blocking = _Blocking(units)
    bits = len(units).bit_length()
    parts: list[np.ndarray] = []
    corroborated: list[np.ndarray] = []

    def score(share: slice) -> tuple[dict[int, np.ndarray], np.ndarray, np.ndarray]:
        return _score(units, doc_no, blocking.proposals(blocking.wordings[share]))

    def variants() -> Iterator[dict[int, np.ndarray]]:
        found = [score(slice(None))] if workers == 1 else forked(score, strided(workers), workers)
        for share_variants, share_parts, share_corroborated in found:
            yield share_variants
            parts.append(share_parts)
            corroborated.append(share_corroborated)

    variant_pairs = _VariantPairs(variants(), bits)
    return variant_pairs, _union(parts), array("Q", _union(corroborated).tobytes())


def _holds(keys: array, key: int) -> bool:
    """Whether the sorted ``keys`` hold ``key``."""
    i = bisect_left(keys, key)
    return i < len(keys) and keys[i] == key


def _kept(keys: np.ndarray, keep: Callable[[int], bool], workers: int) -> list[int]:
    """The sorted ``keys`` that ``keep`` keeps, in order; tested in ``workers`` forked processes
    when more than one."""
    if workers == 1:
        return list(filter(keep, keys.tolist()))
    # In runs, not strided: neighbouring keys often ask after one pair of articles.
    kept = forked(lambda share: list(filter(keep, keys[share].tolist())), runs(len(keys), workers), workers)
    return sorted(chain.from_iterable(kept))


def cluster(items: Sequence[tuple[Article, Quote]], stats: CorpusStats | None = None, jobs: int = 1
            ) -> tuple[Cluster, ...]:
    """Group quote occurrences into variant clusters, deterministically for any input order and
    any number of ``jobs`` (worker processes that score candidate pairs and admit parts, see
    ``PARALLEL_MIN_QUOTES``).

    ``stats`` are those of the articles the quotes come from (``CorpusStats``), made here from
    ``items`` when not given; a scan counts each article as it is extracted."""
    order = sorted(range(len(items)), key=lambda i: (items[i][0].doc, items[i][1].start))
    items = [items[i] for i in order]
    corpus = stats if stats is not None else CorpusStats.of(a for a, _ in items)
    with frozen():
        memberships = _memberships([q for _, q in items], corpus, jobs)
    # The clusters are made without the units, the links and the affinities, all let go by now.
    corpus.trim()
    return _build(items, memberships)


def _memberships(quotes: Sequence[Quote], corpus: CorpusStats, jobs: int) -> list[tuple[int, ...]]:
    """The clusters of each of ``quotes`` (sorted by doc id and position), each named by the
    index of a quote in it: ``cluster`` less the making of the clusters."""
    units = _units(quotes, corpus)
    # Articles numbered in doc id order (units are sorted by doc id): an article pair is one int.
    doc_no = list(accumulate((i > 0 and units[i - 1].doc != u.doc for i, u in enumerate(units)), initial=0))[1:]
    bits = len(units).bit_length()
    workers = worker_count(jobs, len(units), PARALLEL_MIN_QUOTES)
    # The variants in the order they are joined (see below): within an article first, closest first.
    variants, part_keys, corroborated = _linked(units, doc_no, workers)

    def admissible(s: _Unit, t: _Unit) -> bool:
        # A longer quote given to the same named person on both sides is evidence enough. A short
        # quote, or one nobody is named for, links only two articles about one story: they share
        # a longer quote of a named speaker, or their texts are alike. So "Face the Nation" or
        # a press office's stock sentence does not tie unrelated stories together.
        if s.doc == t.doc or (_same_known(s, t) and not (_weak(s) or _weak(t))):
            return True
        ds, dt = sorted((doc_no[s.index], doc_no[t.index]))
        return _holds(corroborated, ds << 32 | dt) or corpus.affinity(s.doc, t.doc) >= STORY_AFFINITY

    uf = _UnionFind(units)
    # Near-identical wordings of one article first, then the closest variants across articles:
    # best-first, so a bridge quote cannot pull in a looser variant ahead of a tighter one.
    find = uf.find
    for across, firsts, seconds in variants:
        # The cheap tests first: most pairs of a large cluster are joined already (a batch's
        # pairs joined before it are left out at once), and the story affinity they would ask
        # for is the same whenever it is asked.
        apart = uf.roots(firsts) != uf.roots(seconds)
        for a, b in zip(firsts[apart].tolist(), seconds[apart].tolist()):
            if find(a) != find(b) and uf.can_join(a, b, same_doc=not across) and admissible(units[a], units[b]):
                uf.union(a, b)
    del variants
    mask = (1 << bits) - 1
    # Whether a part may join is the same whenever it is asked: asked in the workers.
    part_keys = _kept(part_keys, lambda k: admissible(units[k >> bits], units[k & mask]), workers)
    parts = [(k >> bits, k & mask) for k in part_keys]
    return _resolve_parts(uf, units, parts)


def _variant_head(across: bool, cover: float) -> int:
    """``(across, -cover)`` packed into one int that sorts the same way: the order in which
    variants are joined, before their pair (``_VariantPairs``). A positive float sorts as the
    bits of its IEEE 754 form."""
    return across << 64 | _FLOAT_BITS - int.from_bytes(struct.pack(">d", cover), "big")


def _doc_pair(a: _Unit, b: _Unit) -> tuple[str, str]:
    return (a.doc, b.doc) if a.doc <= b.doc else (b.doc, a.doc)


def _corroborates(a: _Unit, b: _Unit) -> bool:
    """Whether a link between ``a`` and ``b`` (variants or a part) says their articles cover one
    story: a quote of more than ``SHORT_PART`` content words given to the same named person on
    both sides."""
    return a.doc != b.doc and not _weak(a) and not _weak(b) and _same_known(a, b)


def _resolve_parts(uf: _UnionFind, units: Sequence[_Unit], parts: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Merges first: a longer quote holding longer parts from two or more clusters belongs to each
    of them. Then each part joins the one cluster its containers belong to; a part that several
    different quotes contain (a stock phrase) is ambiguous and joins none, so it cannot chain
    them together."""
    part_roots: dict[int, set[int]] = defaultdict(set)
    for short, long in parts:
        if not _weak(units[short]):
            part_roots[long].add(uf.find(short))
    merged: dict[int, set[int]] = {}
    for long in sorted(part_roots):
        roots = {uf.find(r) for r in part_roots[long]} - {uf.find(long)}
        if len(roots) > 1:
            merged[long] = roots
    containers: dict[int, list[int]] = defaultdict(list)
    for short, long in parts:
        containers[short].append(long)
    # Longer parts first, so trimmed quotes settle into their clusters before the fragments of
    # those quotes ask which cluster holds them.
    for short in sorted(containers, key=lambda s: (-len(units[s].content), s)):
        plain = {uf.find(long) for long in containers[short] if long not in merged}
        # A merged quote holds pieces of several quotes, so it narrows the choice down to the
        # clusters it merges; two plain containers in different clusters leave it open.
        narrowing = [{uf.find(r) for r in merged[long]} for long in containers[short] if long in merged]
        targets = set(plain) if plain else set(narrowing[0])
        for roots in narrowing:
            targets &= roots
        if len(targets) == 1 and uf.find(short) not in targets:
            root = targets.pop()
            # A fragment that repeats a phrase of its own article's quote ("he called it 'very
            # unfair'" after the full quote) is that quote, not a second one.
            reprises = [long for long in containers[short]
                        if units[short].fragment and _verbatim(units[short], units[long])]
            if uf.can_join(short, root, reprises=reprises):
                uf.union(short, root)
    memberships = []
    for i in range(len(units)):
        own = uf.find(i)
        extra = sorted({uf.find(r) for r in merged.get(i, ())} - {own})
        memberships.append((own, *extra))
    sizes = Counter(m[0] for m in memberships)
    # A merged quote with no variant of its own lives only in the clusters it merges.
    return [m[1:] if len(m) > 1 and sizes[m[0]] == 1 else m for m in memberships]


def _build(items: Sequence[tuple[Article, Quote]], memberships: Sequence[tuple[int, ...]]) -> tuple[Cluster, ...]:
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
    """The speaker most occurrences name, a person's name before a description or a mis-read cue."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (not _is_person(v), -counts[v], v))


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


def are_variants(a: str, b: str) -> bool:
    """Whether two wordings are variants of one quote by the clustering rule, whoever said them.

    ``cluster`` never links quotes given to different known speakers; ``diff`` uses this to find
    the same words given to different people, which a fact-checker wants flagged, not hidden.
    """
    ua, ub = _units([Quote(doc=d, start=0, end=len(t), text=t, kind=Kind.FULL, paragraph=0)
                     for d, t in (("a", a), ("b", b))], CorpusStats())
    return min(_covers(ua.wording, ub.wording)) >= EQUIVALENT_COVER

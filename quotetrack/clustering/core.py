"""How the rules are applied to a corpus: units made, candidates proposed (``blocking``) and
scored (``scoring``, in forked workers for a large corpus), variants joined in order, parts
resolved (``rules.resolve_parts``) and the clusters built."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from itertools import accumulate, chain

import numpy as np

from ..models import Article, Cluster, Kind, Occurrence, Quote
from ..workers import forked, frozen, runs, strided, worker_count
from . import roles, rules, speakers
from .blocking import Blocking
from .memo import Memo, digest
from .pairs import VariantPairs, holds, sorted_unique
from .rules import Unit
from .scoring import score
from .stats import CorpusStats
from .unionfind import UnionFind

PARALLEL_MIN_QUOTES = 50_000
"""Quotes from which candidates are scored, and parts admitted, in worker processes
(``workers.worker_count``): below, forking costs more than it saves."""


def cluster(items: Sequence[tuple[Article, Quote]], stats: CorpusStats | None = None, jobs: int = 1,
            memo: Memo | None = None, introductions: Mapping[str, Sequence[roles.Introduction]] | None = None
            ) -> tuple[Cluster, ...]:
    """Group quote occurrences into variant clusters, deterministically for any input order and
    any number of ``jobs`` (worker processes that score candidate pairs and admit parts, see
    ``PARALLEL_MIN_QUOTES``).

    ``stats`` are those of the articles the quotes come from (``CorpusStats``), made here from
    ``items`` when not given; a scan counts each article as it is extracted. ``memo`` holds what
    the last scan of the same corpus kept, and takes what this one keeps (``memo.Memo``): the
    clusters are the same with or without it. ``introductions`` are the people each article
    (by doc id) introduces by an owner's role (``roles.introductions``), read here from the
    articles' texts when not given (a scan reads them as it extracts, and keeps no text)."""
    order = sorted(range(len(items)), key=lambda i: (items[i][0].doc, items[i][1].start))
    items = [items[i] for i in order]
    corpus = stats if stats is not None else CorpusStats.of(a for a, _ in items)
    with frozen():
        memberships = _memberships([q for _, q in items], corpus, jobs, memo)
        # The clusters are made without the units, the links and the affinities, all let go by now.
        corpus.trim()
        if roles.described(items):
            if introductions is None:
                texts = {a.doc: a.text for a, _ in items if a.text}
                introductions = {doc: roles.introductions(text) for doc, text in texts.items()}
            items = roles.resolve_descriptions(items, memberships, introductions)
        return _build(items, memberships, memo)


def are_variants(a: str, b: str) -> bool:
    """Whether two wordings are variants of one quote by the clustering rule, whoever said them.

    ``cluster`` never links quotes given to different known speakers; ``diff`` uses this to find
    the same words given to different people, which a fact-checker wants flagged, not hidden.
    """
    ua, ub = rules.make_units([Quote(doc=d, start=0, end=len(t), text=t, kind=Kind.FULL, paragraph=0)
                               for d, t in (("a", a), ("b", b))], CorpusStats())
    return min(rules.covers(ua.wording, ub.wording)) >= rules.EQUIVALENT_COVER


def _memberships(quotes: Sequence[Quote], corpus: CorpusStats, jobs: int, memo: Memo | None = None
                 ) -> list[tuple[int, ...]]:
    """The clusters of each of ``quotes`` (sorted by doc id and position), each named by the
    index of a quote in it: ``cluster`` less the making of the clusters."""
    contents = None
    if memo is not None:
        contents = memo.contents = rules.contents_of(quotes, memo.contents_known(quotes))
    units = rules.make_units(quotes, corpus, contents)
    # Articles numbered in doc id order (units are sorted by doc id): an article pair is one int.
    doc_no = list(accumulate((i > 0 and units[i - 1].doc != u.doc for i, u in enumerate(units)), initial=0))[1:]
    bits = len(units).bit_length()
    workers = worker_count(jobs, len(units), PARALLEL_MIN_QUOTES)
    # The variants in the order they are joined (``rules.Verdict.cover``).
    found = memo.linked(units, quotes, doc_no) if memo is not None else None
    if found is None:
        found = _linked(units, doc_no, workers)
    if memo is not None:
        memo.keep(units, quotes, found)
    variants, part_keys, corroborated = found
    del found

    def same_story(s: Unit, t: Unit) -> bool:
        ds, dt = sorted((doc_no[s.index], doc_no[t.index]))
        return holds(corroborated, ds << 32 | dt)

    def admissible(s: Unit, t: Unit) -> bool:
        return rules.admissible(s, t, same_story, corpus.affinity)

    uf = UnionFind(units)
    find = uf.find
    for across, firsts, seconds in variants:
        # The cheap tests first: most pairs of a large cluster are joined already (a batch's
        # pairs joined before it are left out at once), and the story affinity they would ask
        # for is the same whenever it is asked.
        apart = uf.roots(firsts) != uf.roots(seconds)
        for a, b in zip(firsts[apart].tolist(), seconds[apart].tolist()):
            if find(a) == find(b):
                continue
            outweighs = partial(rules.outweighs_speakers, units[a], units[b])
            if uf.can_join(a, b, same_doc=not across, across_speakers=outweighs) and admissible(units[a], units[b]):
                uf.union(a, b)
    del variants
    mask = (1 << bits) - 1
    # Whether a part may join is the same whenever it is asked: asked in the workers.
    kept = _kept(part_keys, lambda k: admissible(units[k >> bits], units[k & mask]), workers)
    parts = [(k >> bits, k & mask) for k in kept]
    return rules.resolve_parts(uf, units, parts)


def _linked(units: Sequence[Unit], doc_no: Sequence[int], workers: int) -> tuple[VariantPairs, np.ndarray, array]:
    """``scoring.score`` of every proposal of ``Blocking``, in ``workers`` forked processes when
    more than one. Workers are forked once the index is built, so they share it; each scores a
    share of the wordings, and the shares' results are merged (sorted, each once), so the result
    is the same for any number of workers. The corroborating article pairs come as an ``array``,
    which ``pairs.holds`` searches faster than numpy can search one value."""
    blocking = Blocking(units)
    bits = len(units).bit_length()
    parts: list[np.ndarray] = []
    corroborated: list[np.ndarray] = []

    def score_share(share: slice) -> tuple[dict[int, np.ndarray], np.ndarray, np.ndarray]:
        return score(units, doc_no, blocking.proposals(blocking.wordings[share]))

    def variants() -> Iterator[dict[int, np.ndarray]]:
        found = [score_share(slice(None))] if workers == 1 else forked(score_share, strided(workers), workers)
        for share_variants, share_parts, share_corroborated in found:
            yield share_variants
            parts.append(share_parts)
            corroborated.append(share_corroborated)

    variant_pairs = VariantPairs(variants(), bits)
    return variant_pairs, sorted_unique(parts), array("Q", sorted_unique(corroborated).tobytes())


def _kept(keys: np.ndarray, keep: Callable[[int], bool], workers: int) -> list[int]:
    """The sorted ``keys`` that ``keep`` keeps, in order; tested in ``workers`` forked processes
    when more than one."""
    if workers == 1:
        return list(filter(keep, keys.tolist()))
    # In runs, not strided: neighbouring keys often ask after one pair of articles.
    kept = forked(lambda share: list(filter(keep, keys[share].tolist())), runs(len(keys), workers), workers)
    return sorted(chain.from_iterable(kept))


def _build(items: Sequence[tuple[Article, Quote]], memberships: Sequence[tuple[int, ...]],
           memo: Memo | None = None) -> tuple[Cluster, ...]:
    """The clusters of ``items`` given each one's memberships (clusters named by a root); the
    canonical wording and speaker of a cluster the last scan made from the same members are
    taken from ``memo`` (``Memo.was_built``), and those of a cluster of two or more kept there."""
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
        # A cluster of one quote costs less to make than to look up.
        kept = memo if memo is not None and len(members) > 1 else None
        key = _build_key(items, members, merged) if kept is not None else ""
        found = kept.was_built(key) if kept is not None else None
        if found is None:
            wording, speaker = _made(items, members, merged)
            seed = rules.id_seed(wording, speaker)
            if kept is not None:
                kept.built[key] = [wording, speaker, seed]
        else:
            wording, speaker, seed = found
        cid = rules.salted_id(seed, taken, salts)
        ids[root], canon[root] = cid, (wording, speaker)
    occurrences = [Occurrence(a, _credited(q, canon[memberships[i][0]][1]), tuple(ids[r] for r in memberships[i]))
                   for i, (a, q) in enumerate(items)]
    clusters = []
    for root, indices in groups.items():
        carried = (sorted((occurrences[i] for i in indices), key=rules.member_order) if len(indices) > 1
                   else [occurrences[indices[0]]])
        wording, speaker = canon[root]
        clusters.append(Cluster(ids[root], tuple(carried), wording, speaker))
    # First carried first: by the date, article and position of each cluster's earliest occurrence.
    return tuple(sorted(clusters, key=lambda c: (rules.member_order(c.members[0]), c.id)))


def _made(items: Sequence[tuple[Article, Quote]], members: Sequence[int], merged: set[int]
          ) -> tuple[str, str | None]:
    """The canonical wording and speaker of the cluster of ``members``. Speed: a cluster of one
    quote (most of a corpus's clusters) is its quote's words and speaker, as the rules give."""
    if len(members) == 1:
        quote = items[members[0]][1]
        return quote.text, quote.speaker or None
    return (rules.canonical_wording([items[i] for i in members], merged),
            speakers.cluster_speaker([(items[i][0].doc, items[i][1].speaker) for i in members]))


def _build_key(items: Sequence[tuple[Article, Quote]], members: Sequence[int], merged: set[int]) -> str:
    """The digest of what making a cluster reads of its members (``rules.canonical_wording``,
    ``speakers.cluster_speaker``): each one's article, date, place, words, kind and speaker, and
    whether it is a merged quote."""
    return digest([(items[i][0].doc, items[i][0].date, items[i][1].start, items[i][1].text, items[i][1].kind.value,
                    items[i][1].speaker, k in merged) for k, i in enumerate(members)])


def _credited(q: Quote, speaker: str | None) -> Quote:
    """``q`` credited as its cluster's speaker says (``rules.occurrence_speaker``)."""
    own = speakers.occurrence_speaker(q, speaker)
    return q if own == q.speaker else replace(q, speaker=own)

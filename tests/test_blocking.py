"""Candidate blocking (block.Blocking) and speaker unification blocking (names.unify):
the fast paths must give exactly what the exhaustive ones give."""

from __future__ import annotations

import gc
import random
from collections import Counter, defaultdict

import pytest

from quotetrack import compare, workers
from quotetrack.clustering import CorpusStats, cluster, core, memo, rules, scoring
from quotetrack.clustering import blocking as block
from quotetrack.clustering import pairs as pair_store
from quotetrack.corpus import iter_articles
from quotetrack.models import Article, Kind, Quote
from quotetrack.names import People, same_person, unify
from quotetrack.pipeline import quotes_of

from .conftest import SEEDS

FILLERS = "really also indeed now still".split()
SWAPS = {"stop": "halt", "cease": "end", "hostilities": "fighting", "agreement": "deal", "big": "large"}


def exhaustive_pairs(units):
    """Every pair that shares a concept of at least ``COMMON_WEIGHT`` carried by at most
    ``posting_cap`` quotes, or is worded alike, and holds a head (one of the first ``MAX_COPIES``
    units of its speaker in its wording)."""
    postings = defaultdict(list)
    copies = defaultdict(list)
    for u in units:
        copies[u.wording, u.speaker].append(u.index)
        postings["wording", u.wording].append(u.index)
        for key, weight in zip(u.content, u.wording.weights):
            if weight >= block.COMMON_WEIGHT:
                postings[key].append(u.index)
    heads = {i for indices in copies.values() for i in indices[:block.MAX_COPIES]}
    pairs = set()
    for key, ids in postings.items():
        ids = sorted(set(ids))
        if not isinstance(key, tuple) and len(ids) > block.posting_cap(len(units)):
            continue
        pairs.update((a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if a in heads or b in heads)
    return sorted(pairs)


class ExhaustiveBlocking:
    """``block.Blocking`` that proposes ``exhaustive_pairs``."""

    def __init__(self, units):
        self.units = units
        self.wordings = [u.wording for u in units]

    def proposals(self, wordings):
        partners = defaultdict(list)
        for a, b in exhaustive_pairs(self.units):
            partners[a].append(b)
        return (([a], found) for a, found in partners.items())


def variants(text: str, rng: random.Random) -> list[str]:
    words = text.split()
    out = [text, text.upper(), text.rstrip(".!?") + "!"]
    if len(words) > 4:
        out.append(" ".join(words[:1] + words[2:]))
        out.append(" ".join(words[: int(len(words) * 0.7)]))
        out.append(" ".join(words[:3] + [rng.choice(FILLERS)] + words[3:]))
    out.append(" ".join(SWAPS.get(w, w) for w in words))
    return out


def corpus_items(seed: int) -> list[tuple[Article, Quote]]:
    rng = random.Random(seed)
    base = [q for a in iter_articles([str(SEEDS)]) for q in quotes_of(a)]
    speakers = [None, "Vladimir Putin", "Putin", "Volodymyr Zelensky", "Volodymyr Zelenskyy", "Donald Trump"]
    items = []
    for n, q in enumerate(base):
        for k, text in enumerate(variants(q.text, rng)):
            doc = f"d{n:03d}_{k}_{rng.randrange(3)}"
            art = Article(doc=doc, path=doc, text=text, outlet=doc)
            speaker = q.speaker if rng.random() < 0.6 else rng.choice(speakers)
            kind = Kind.FULL if rng.random() < 0.8 else Kind.FRAGMENT
            items.append((art, Quote(doc, 0, len(text), text, kind, 0, speaker=speaker)))
    return items


def signature(clusters):
    return sorted((c.id, tuple((o.article.doc, o.quote.start, o.clusters) for o in c.members)) for c in clusters)


@pytest.mark.parametrize("seed, common_weight, max_posting, max_copies", [
    (1, 1.3, 400, 500), (2, 1.3, 400, 500), (3, 3.0, 12, 500), (4, 5.0, 5, 500), (5, 1.3, 400, 1), (6, 2.0, 8, 2)])
def test_blocking_links_exactly_what_exhaustive_pairs_link(monkeypatch, seed, common_weight, max_posting, max_copies):
    items = copied_items(seed)
    monkeypatch.setattr(block, "COMMON_WEIGHT", common_weight)
    monkeypatch.setattr(block, "MAX_POSTING", max_posting)
    monkeypatch.setattr(block, "MAX_COPIES", max_copies)
    fast = signature(cluster(items))
    monkeypatch.setattr(core, "Blocking", ExhaustiveBlocking)
    assert fast == signature(cluster(items))


def scored(items):
    """What scoring finds among ``items``: each linked pair (by doc and position) with its verdict."""
    items = sorted(items, key=lambda aq: (aq[0].doc, aq[1].start))
    units = rules.make_units([q for _, q in items], CorpusStats())
    doc_no = [sorted({u.doc for u in units}).index(u.doc) for u in units]
    blocking = block.Blocking(units)
    variants, parts, _ = scoring.score(units, doc_no, blocking.proposals(blocking.wordings))
    bits, where = len(units).bit_length(), [(a.doc, q.start) for a, q in items]
    found = {(where[k >> bits], where[k & ((1 << bits) - 1)], head) for head, keys in variants.items()
             for k in keys.tolist()}
    return found | {(where[k >> bits], where[k & ((1 << bits) - 1)], "part") for k in parts.tolist()}


@pytest.mark.parametrize("seed", [1, 2])
def test_the_links_scored_between_two_quotes_do_not_depend_on_the_rest_of_the_corpus(monkeypatch, seed):
    """Whether two quotes are proposed, and their verdict, depend on the two quotes, the copies
    of their wordings and which concepts are past the posting cap alone: the pairs scored in a
    corpus are those scored in any larger corpus holding it with no concept past the cap in one
    and not the other, less the pairs with a quote of the larger one only (what lets a re-scan
    keep the links it made). Here half the articles are left out."""
    monkeypatch.setattr(block, "MAX_POSTING", 10_000)
    items = copied_items(seed)
    rng = random.Random(seed)
    kept = {doc for doc in sorted({a.doc for a, _ in items}) if rng.random() < 0.5}
    part = [aq for aq in items if aq[0].doc in kept]
    docs = {(a.doc, q.start) for a, q in part}
    whole = {(x, y, v) for x, y, v in scored(items) if x in docs and y in docs}
    assert len(whole) > 100
    assert scored(part) == whole


@pytest.mark.parametrize("n, cap", [
    (0, 400), (10_000, 400), (99_999, 400), (100_000, 400),  # a fixed count up to POSTING_BASE quotes
    (100_500, 400), (100_501, 401), (400_000, 800), (775_000, 1113), (1_000_000, 1264),  # then as the root
])
def test_posting_cap_is_fixed_up_to_the_base_then_grows_as_the_square_root(n, cap):
    assert block.posting_cap(n) == cap


def linked_pairs(clusters):
    return {(x.article.doc, y.article.doc) for c in clusters for x in c.members for y in c.members
            if x.article.doc < y.article.doc}


def test_a_grown_posting_cap_links_through_commoner_words_and_still_misses_nothing(monkeypatch):
    """With a base of 50 quotes the cap on about 350 grows from 5 to 13: concepts carried by 6 to
    13 quotes now propose candidates, which adds links, and blocking still finds every pair that
    comparing all pairs under the grown cap finds."""
    items = corpus_items(3)
    monkeypatch.setattr(block, "MAX_POSTING", 5)
    fixed = cluster(items)
    monkeypatch.setattr(block, "POSTING_BASE", 50)
    assert block.posting_cap(len(items)) > 10
    grown = cluster(items)
    assert linked_pairs(grown) > linked_pairs(fixed)
    monkeypatch.setattr(core, "Blocking", ExhaustiveBlocking)
    assert signature(grown) == signature(cluster(items))


def exhaustive_unify(names):
    counts = Counter(names)
    order = sorted(counts, key=lambda n: (-(len(n.split()) > 1), -counts[n], -len(n), n))
    groups: list[list[str]] = []
    for name in order:
        for group in groups:
            if same_person(group[0], name) and all(same_person(m, name) for m in group[:3]):
                group.append(name)
                break
        else:
            groups.append([name])
    return {m: g[0] for g in groups for m in g}


NAME_SETS = [
    ["Volodymyr Zelensky", "Zelenskyy", "Volodymyr Zelenskiy", "Zelensky", "Vladimir Putin", "Putin"],
    ["Donald Trump", "Trump", "Donald J. Trump", "Melania Trump", "Don Trump", "Ivanka Trump"],
    ["Yi", "Wang Yi", "Li", "Ng", "Ann Ng", "Bo Li"],  # surnames that fold to nothing or almost
    ["Sergei Lavrov", "Sergey Lavrov", "Lavrov", "Lavrova", "Anna Lavrova"],
    ["Abcdefghijkl", "Xbcdefghijkl", "Jo Abcdefghijkl", "Jo Xbcdefghijkl"],  # near surnames, other initial
]


@pytest.mark.parametrize("names", NAME_SETS)
def test_unify_blocking_matches_trying_every_group(names):
    assert unify(names * 2 + names[:2]) == exhaustive_unify(names * 2 + names[:2])


@pytest.mark.parametrize("names", NAME_SETS)
def test_people_finds_every_name_same_person_accepts(names):
    people = People(names)
    for name in names + ["Zelenski", "Jo Lavrov", "Trumpet"]:
        assert people.matching(name) == {other for other in names if same_person(name, other)}


@pytest.mark.parametrize("seed", [5, 6])
def test_the_lcs_bound_never_rules_out_a_pair_whose_covers_could_link(seed):
    """``blocking.reachable`` screens candidate pairs before they are scored: every pair it turns down must
    be one that ``rules.covers`` puts below the lowest cover of any link, in either order."""
    items = corpus_items(seed)[:600]
    units = rules.make_units([q for _, q in items], CorpusStats.of(a for a, _ in items))
    wordings = list({u.wording: None for u in units if u.content})
    rng = random.Random(seed)
    pairs = [(a, b) for a in wordings for b in rng.sample(wordings, 20)]
    turned_down = [(a, b) for a, b in pairs if b not in block.reachable(a, [b])]
    assert turned_down and len(turned_down) < len(pairs)
    for a, b in turned_down:
        assert max(rules.covers(a, b)) < rules.LOWEST_COVER and max(rules.covers(b, a)) < rules.LOWEST_COVER


def copied_items(seed: int) -> list[tuple[Article, Quote]]:
    """``corpus_items`` with many quotes carried word for word by several articles, a few of
    them twice in one article."""
    rng = random.Random(seed)
    items = corpus_items(seed)
    copies = []
    for art, q in rng.sample(items, 60):
        for k in range(rng.randrange(3, 12)):
            doc = f"{art.doc}_copy{k // 3 if rng.random() < 0.2 else k}"
            start = len(copies)
            copies.append((Article(doc=doc, path=doc, text=art.text, outlet=doc),
                           Quote(doc, start, start + len(q.text), q.text, q.kind, 0, speaker=q.speaker)))
    return items + copies


@pytest.mark.parametrize("chunk", [1, 50, 1 << 16])
def test_a_group_of_copies_scored_at_once_scores_as_its_units_one_by_one(monkeypatch, chunk):
    """``scoring.score`` makes the pairs of a group of units worded alike with one speaker together,
    a verdict per partner, some rows of the group at a time: the variants, parts and
    corroborating articles are those that scoring every pair one by one finds, within one
    article too."""
    monkeypatch.setattr(pair_store, "CHUNK", chunk)
    items = copied_items(7)
    units = rules.make_units([q for _, q in sorted(items, key=lambda aq: (aq[0].doc, aq[1].start))],
                         CorpusStats.of(a for a, _ in items))
    doc_no = [sorted({u.doc for u in units}).index(u.doc) for u in units]
    blocking = block.Blocking(units)
    groups = list(blocking.proposals(blocking.wordings))
    assert max(len(group) for group, _ in groups) >= 4
    assert any(doc_no[a] == doc_no[b] for group, _ in groups if len(group) >= 4 for a in group for b in group if a != b)
    monkeypatch.setattr(scoring, "GROUP_AT_ONCE", 1 << 30)
    one_by_one = scoring.score(units, doc_no, iter(groups))
    monkeypatch.setattr(scoring, "GROUP_AT_ONCE", 2)
    at_once = scoring.score(units, doc_no, iter(groups))
    assert one_by_one[0].keys() == at_once[0].keys()
    for head, pairs in one_by_one[0].items():
        assert pairs.tolist() == at_once[0][head].tolist()
    assert one_by_one[1].tolist() == at_once[1].tolist() and len(at_once[1])
    assert one_by_one[2].tolist() == at_once[2].tolist() and len(at_once[2])
    bits = len(units).bit_length()
    assert any(units[k >> bits].index > units[k & ((1 << bits) - 1)].index for k in at_once[1].tolist())  # a part after its whole


@pytest.fixture
def forks(monkeypatch):
    """The start methods of the worker pools made while the test runs, in order."""
    contexts = []
    get_context = workers.multiprocessing.get_context
    monkeypatch.setattr(workers.multiprocessing, "get_context", lambda method: contexts.append(method) or get_context(method))
    return contexts


def test_frozen_blocks_nest_and_leave_nothing_frozen_when_the_outer_one_ends():
    """Clustering keeps the objects made so far out of the garbage collector's passes, and each
    fork does again for what it made since (``workers.frozen``): an inner block must not thaw
    what the outer one froze, and nothing stays frozen after."""
    assert gc.get_freeze_count() == 0
    with workers.frozen():
        outer = gc.get_freeze_count()
        assert outer > 0
        made = [[] for _ in range(1000)]
        with workers.frozen():
            assert gc.get_freeze_count() >= outer + len(made)
        assert gc.get_freeze_count() >= outer + len(made)
    assert gc.get_freeze_count() == 0


def test_candidates_scored_and_parts_admitted_in_worker_processes_cluster_as_one_process_does(monkeypatch, forks):
    items = corpus_items(1)
    serial = signature(cluster(items))
    monkeypatch.setattr(core, "PARALLEL_MIN_QUOTES", 0)
    assert signature(cluster(items, jobs=2)) == serial
    assert forks == ["fork", "fork"]  # one pool scores the candidates, one admits the parts


def test_wordings_compared_in_worker_processes_compare_as_one_process_does(monkeypatch, forks):
    clusters = cluster(corpus_items(2))
    serial = compare.alterations(clusters)
    monkeypatch.setattr(compare, "PARALLEL_MIN_COMPARISONS", 0)
    assert compare.alterations(clusters, jobs=2) == serial
    assert forks == ["fork"]
    verdicts = Counter(o.alteration.alteration for c in serial for o in c.members)
    flags = {f for c in serial for o in c.members for f in o.alteration.flags}
    assert len(verdicts) >= 4 and flags, (verdicts, flags)


@pytest.mark.parametrize("seed", [3, 4])
def test_probing_from_some_wordings_scores_every_pair_of_theirs_that_all_proposals_score(seed):
    """``Blocking.touching`` (what a re-scan scores for the quotes it has not seen) finds, from
    the touched wordings' side alone, each pair with one of their units that scoring every
    proposal finds, and only such pairs."""
    items = sorted(copied_items(seed), key=lambda aq: (aq[0].doc, aq[1].start))
    units = rules.make_units([q for _, q in items], CorpusStats.of(a for a, _ in items))
    doc_no = [sorted({u.doc for u in units}).index(u.doc) for u in units]
    blocking = block.Blocking(units)
    bits = len(units).bit_length()
    rng = random.Random(seed)
    touched = rng.sample(blocking.wordings, len(blocking.wordings) // 10)
    mine = {u.index for w in touched for u in blocking.members[w]}

    def pairs(found):
        variants, parts, _ = found
        keys = [k for arr in variants.values() for k in arr.tolist()] + parts.tolist()
        return {(k >> bits, k & ((1 << bits) - 1)) for k in keys}

    every = {p for p in pairs(scoring.score(units, doc_no, blocking.proposals(blocking.wordings)))
             if p[0] in mine or p[1] in mine}
    assert len(every) > 20
    found = pairs(scoring.score(units, doc_no, blocking.touching(touched)))
    assert {p for p in found if p[0] in mine or p[1] in mine} == every


@pytest.mark.parametrize("seed", [1, 2])
def test_the_articles_of_one_story_worked_out_from_the_pairs_are_those_scoring_finds(seed):
    """A re-scan works out which pairs of articles corroborate one story from the pairs it keeps
    (``memo.corroborated``), as a pair that said so may be gone: the same as scoring gives."""
    items = sorted(copied_items(seed), key=lambda aq: (aq[0].doc, aq[1].start))
    units = rules.make_units([q for _, q in items], CorpusStats.of(a for a, _ in items))
    doc_no = [sorted({u.doc for u in units}).index(u.doc) for u in units]
    blocking = block.Blocking(units)
    variants, parts, found = scoring.score(units, doc_no, blocking.proposals(blocking.wordings))
    assert len(found) > 5
    again = memo.corroborated(units, doc_no, [*variants.values(), parts], len(units).bit_length())
    assert again.tolist() == found.tolist()

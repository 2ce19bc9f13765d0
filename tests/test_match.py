"""Variant clustering: translation variants, parts, merges, and what must stay apart."""

from __future__ import annotations

import itertools
import math
import random
from array import array
from collections import defaultdict

import numpy as np
import pytest

from quotetrack.clustering import STORY_AFFINITY, CorpusStats, cluster, pairs, reference, rules, speakers
from quotetrack.clustering.unionfind import UnionFind
from quotetrack.models import Kind, Quote
from quotetrack.text import concept, concept_counts

from .conftest import make_article


def occurrence(doc: str, text: str, speaker: str | None = "Vladimir Putin", kind: Kind = Kind.FULL, start: int = 0):
    article = make_article(f"“{text}”", doc=doc)
    return article, Quote(doc=doc, start=start + 1, end=start + 1 + len(text), text=text, kind=kind,
                          paragraph=0, speaker=speaker)


def groups(items) -> set[frozenset[tuple[str, str]]]:
    found: dict[str, set] = {}
    for c in cluster(items):
        for o in c.members:
            found.setdefault(c.id, set()).add((o.article.doc, o.quote.text))
    return {frozenset(v) for v in found.values()}


def linked(items, a: str, b: str) -> bool:
    return any({a, b} <= {t for _, t in g} for g in groups(items))


def test_translation_variants_are_one_quote():
    items = [occurrence("a", "We agree with the proposals to cease hostilities"),
             occurrence("b", "We agree with the proposal to stop the hostilities")]
    assert len(groups(items)) == 1


def test_fragment_joins_its_full_quote_only_with_the_same_speaker():
    items = [occurrence("a", "It gives us nothing", speaker="Yuri Ushakov"),
             occurrence("b", "nothing", speaker="Yuri Ushakov", kind=Kind.FRAGMENT),
             occurrence("c", "How can we be guaranteed that nothing like this will happen?")]
    assert linked(items, "It gives us nothing", "nothing")
    assert not linked(items, "nothing", "How can we be guaranteed that nothing like this will happen?")


def test_merged_quote_belongs_to_both_parts_without_joining_them():
    one = "We agree with the proposals to cease hostilities"
    two = "But we proceed from the fact that this cessation should lead to lasting peace"
    merged = "We agree with the proposals to halt the fighting, but we proceed from the assumption that the ceasefire should lead to lasting peace"
    items = [occurrence("a", one), occurrence("a", two, start=100), occurrence("b", merged)]
    clusters = cluster(items)
    assert len(clusters) == 2
    by_text = {o.quote.text: o.clusters for c in clusters for o in c.members}
    assert len(by_text[merged]) == 2 and set(by_text[merged]) == set(by_text[one]) | set(by_text[two])


def test_same_frame_from_different_speakers_stays_apart():
    items = [occurrence("a", "We will never accept this deal", speaker="Vladimir Putin"),
             occurrence("b", "We will never accept this deal", speaker="Donald Trump")]
    assert len(groups(items)) == 2


def test_different_quotes_sharing_a_frame_stay_apart():
    items = [occurrence("a", "We are ready to talk about the economy and jobs"),
             occurrence("b", "We are ready to fight for our borders and our people")]
    assert len(groups(items)) == 2


def test_two_quotes_of_one_article_never_merge_through_a_part():
    short = "I can do things financially that would be very bad for Russia"
    long = "I want to get peace. In a financial sense we could do things that would be very bad for Russia"
    items = [occurrence("a", short, "Donald Trump"), occurrence("a", long, "Donald Trump", start=100),
             occurrence("b", short, "Donald Trump"), occurrence("b", long, "Donald Trump", start=100)]
    assert len(groups(items)) == 2


def test_ids_do_not_depend_on_input_order():
    items = [occurrence("a", "We agree with the proposals to cease hostilities"),
             occurrence("b", "We agree with the proposal to stop the hostilities"),
             occurrence("c", "The idea itself is correct, and we certainly support it")]
    results = {tuple((c.id, tuple(o.article.doc for o in c.members)) for c in cluster(list(p)))
               for p in itertools.permutations(items)}
    assert len(results) == 1


# --- Table-driven rules. Articles carry a short body so that story affinity (how alike two
# articles' texts are) has something to measure: two outlets' reports of one event share most of
# their words; reports of unrelated events share almost none.

CEASEFIRE = ("The Kremlin said on Thursday that the president had discussed the proposed ceasefire "
             "with envoys in Moscow, and that talks on monitoring a truce along the front line would "
             "continue next week between the delegations.")
CEASEFIRE_2 = ("Envoys met in Moscow on Thursday to discuss the proposed ceasefire; the Kremlin said "
               "talks between the delegations on monitoring a truce along the front line continue next week.")
STORM = ("Floodwaters receded in coastal towns on Sunday as utility crews restored power to thousands "
         "of homes, and the governor asked federal agencies for emergency relief funds.")
TRADE = ("The shortstop was traded to a rival club on Monday in a deal that sends two pitching prospects "
         "the other way, ending a long contract dispute with the team's owners.")


def quote_in(doc: str, text: str, speaker: str | None, body: str, kind: Kind = Kind.FULL, nth: int = 0):
    """An occurrence placed after ``body`` (``nth`` shifts it so one article can hold several)."""
    pad = " " * nth * 200
    article = make_article(f"{body}\n\n{pad}“{text}”", doc=doc)
    start = len(body) + 2 + len(pad) + 1
    return article, Quote(doc=doc, start=start, end=start + len(text), text=text, kind=kind,
                          paragraph=1, speaker=speaker)


PUTIN, TRUMP, PELOSI = "Vladimir Putin", "Donald Trump", "Nancy Pelosi"
F = Kind.FRAGMENT

LINKED = [
    pytest.param([("a", "We agree with the proposals to cease hostilities", PUTIN, CEASEFIRE, Kind.FULL),
                  ("b", "We agree with the proposal to stop the hostilities", PUTIN, CEASEFIRE_2, Kind.FULL)],
                 id="translation-variants"),
    pytest.param([("a", "This ruling should worry every family in the valley", TRUMP, CEASEFIRE, Kind.FULL),
                  ("b", "This ruling should worry every family in the valley, frankly.", TRUMP, STORM, Kind.FULL)],
                 id="word-added-same-speaker-any-story"),
    pytest.param([("a", "The talks will continue until both delegations sign the monitoring protocol", None, CEASEFIRE, Kind.FULL),
                  ("b", "The talks will continue until both delegations sign the monitoring protocol", PUTIN, CEASEFIRE_2, Kind.FULL)],
                 id="unknown-speaker-one-side-same-story"),
    pytest.param([("a", "The talks will continue until both delegations sign the monitoring protocol", "senior aide", CEASEFIRE, Kind.FULL),
                  ("b", "The talks will continue until both delegations sign the monitoring protocol", PUTIN, CEASEFIRE_2, Kind.FULL)],
                 id="description-is-not-a-conflicting-name"),
    pytest.param([("a", "They put out a very promising statement, but it was not complete", TRUMP, CEASEFIRE, Kind.FULL),
                  ("b", "very promising", TRUMP, CEASEFIRE_2, F)],
                 id="fragment-joins-longer-quote-same-speaker"),
    pytest.param([("a", "It gives us nothing", "Yuri Ushakov", CEASEFIRE, Kind.FULL),
                  ("b", "nothing", "Yuri Ushakov", CEASEFIRE_2, F)],
                 id="one-word-fragment-same-speaker"),
    pytest.param([("a", "deep state", None, CEASEFIRE, F), ("b", "deep state", None, CEASEFIRE_2, F)],
                 id="two-word-scare-quote-same-story"),
    pytest.param([("a", "bloodbath", TRUMP, CEASEFIRE, F), ("b", "bloodbath", TRUMP, CEASEFIRE_2, F)],
                 id="one-word-fragments-same-named-speaker-same-story"),
    pytest.param([("a", "We simply have no option but to raise a strong levee or a concrete barrier", TRUMP, STORM, Kind.FULL),
                  ("b", "We simply have no option but to raise a strong levee or concrete barrier", TRUMP, TRADE, Kind.FULL)],
                 id="same-named-speaker-long-quote-across-stories"),
]

APART = [
    pytest.param([("a", "We are ready to talk about the economy and jobs", PUTIN, CEASEFIRE, Kind.FULL),
                  ("b", "We are ready to fight for our borders and our people", PUTIN, CEASEFIRE_2, Kind.FULL)],
                 id="different-quotes-sharing-a-frame"),
    pytest.param([("a", "We will never accept this deal", PUTIN, CEASEFIRE, Kind.FULL),
                  ("b", "We will never accept this deal", TRUMP, CEASEFIRE_2, Kind.FULL)],
                 id="same-frame-different-people"),
    pytest.param([("a", "It gives us nothing", "Yuri Ushakov", CEASEFIRE, Kind.FULL),
                  ("b", "nothing", None, CEASEFIRE_2, F)],
                 id="one-word-fragment-unknown-speaker"),
    pytest.param([("a", "It gives us nothing", "Yuri Ushakov", CEASEFIRE, Kind.FULL),
                  ("b", "nothing", "Yuri Ushakov", CEASEFIRE_2, F),
                  ("c", "nothing", "Yuri Ushakov", STORM, F)][::2],
                 id="one-word-fragment-unrelated-article"),
    pytest.param([("a", "great", None, STORM, F),
                  ("b", "It was a great honor to stand with the crews tonight", TRUMP, STORM, Kind.FULL)],
                 id="common-word-fragment-alone"),
    pytest.param([("a", "bloodbath", None, CEASEFIRE, F), ("b", "bloodbath", TRUMP, CEASEFIRE_2, F)],
                 id="one-word-fragments-without-the-same-named-speaker"),
    pytest.param([("a", "bloodbath", TRUMP, STORM, F), ("b", "bloodbath", TRUMP, TRADE, F)],
                 id="one-word-fragments-of-unrelated-stories"),
    pytest.param([("a", "Face the Nation", None, STORM, F), ("b", "Face the Nation", None, TRADE, F)],
                 id="show-name-across-unrelated-stories"),
    pytest.param([("a", "Our thoughts and prayers are with the victims and their families tonight", None, STORM, Kind.FULL),
                  ("b", "Our thoughts and prayers are with the victims and their families tonight.", None, TRADE, Kind.FULL)],
                 id="unattributed-boilerplate-across-unrelated-stories"),
    pytest.param([("a", "We are talking about a flood of our town", TRUMP, STORM, Kind.FULL),
                  ("b", "We have a flood of mud and debris coming into our town", TRUMP, STORM + " ", Kind.FULL)],
                 id="short-quote-missing-a-word"),
]


def build(rows):
    count: dict[str, int] = {}
    items = []
    for doc, text, speaker, body, kind in rows:
        items.append(quote_in(doc, text, speaker, body, kind, nth=count.get(doc, 0)))
        count[doc] = count.get(doc, 0) + 1
    return items


@pytest.mark.parametrize("rows", LINKED)
def test_linked(rows):
    items = build(rows)
    assert len(groups(items)) == 1


@pytest.mark.parametrize("rows", APART)
def test_apart(rows):
    items = build(rows)
    assert all(len(g) == 1 for g in groups(items))


def test_unknown_bridge_never_joins_two_named_speakers():
    # Short wordings only: longer ones, nearly word for word across articles of one story, are
    # one quote whoever is named (tests/test_links.py).
    text = "We will finish the wall soon"
    items = build([("a", text, TRUMP, CEASEFIRE, Kind.FULL), ("b", text, None, CEASEFIRE_2, Kind.FULL),
                   ("c", text, PELOSI, CEASEFIRE, Kind.FULL)])
    for g in groups(items):
        docs = {d for d, _ in g}
        assert not {"a", "c"} <= docs


def test_stock_phrase_in_two_quotes_joins_neither():
    one = "This was an act of terror against our people and our country"
    two = "Nobody should call a traffic accident an act of terror on live television"
    items = build([("a", one, None, CEASEFIRE, Kind.FULL), ("b", two, None, CEASEFIRE_2, Kind.FULL),
                   ("c", "act of terror", None, CEASEFIRE, F)])
    assert len(groups(items)) == 3


def test_ambiguous_one_word_fragment_joins_neither_quote():
    items = build([("a", "We will make this town great again", TRUMP, STORM, Kind.FULL),
                   ("b", "It was a great honor to stand with the crews tonight", TRUMP, STORM, Kind.FULL),
                   ("c", "great", TRUMP, STORM, F)])
    assert len(groups(items)) == 3


def test_a_quote_with_a_fragment_of_its_own_stays_one_cluster_for_any_order():
    rows = [("a", "We agree with the proposals to cease hostilities", PUTIN, CEASEFIRE, Kind.FULL),
            ("b", "We agree with the proposal to stop the hostilities", PUTIN, CEASEFIRE_2, Kind.FULL),
            ("c", "deep state", None, CEASEFIRE, F), ("d", "deep state", None, CEASEFIRE_2, F),
            ("c", "It gives us nothing", "Yuri Ushakov", CEASEFIRE, Kind.FULL),
            ("d", "nothing", "Yuri Ushakov", CEASEFIRE_2, F)]
    items = build(rows)
    results = set()
    for seed in range(6):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        results.add(tuple((c.id, c.canonical, tuple((o.article.doc, o.quote.start) for o in c.members))
                          for c in cluster(shuffled)))
    assert len(results) == 1
    assert len(next(iter(results))) == 3


def test_canonical_wording_prefers_the_full_quote_most_outlets_carry():
    items = build([("a", "Stop lying!", "Vicente Fox", STORM, Kind.FULL),
                   ("b", "Stop lying!", "Vicente Fox", STORM + " ", Kind.FULL),
                   ("c", "stop lying.", "Vicente Fox", STORM + "  ", F)])
    (only,) = cluster(items)
    assert only.canonical == "Stop lying!"


def test_cluster_speaker_prefers_a_name_to_a_description():
    text = "The talks will continue until both delegations sign the monitoring protocol"
    items = build([("a", text, "Court", CEASEFIRE, Kind.FULL), ("b", text, PUTIN, CEASEFIRE_2, Kind.FULL)])
    (only,) = cluster(items)
    assert only.speaker == PUTIN


def test_rarer_concepts_weigh_more_and_one_story_reads_alike():
    articles = [make_article(CEASEFIRE, doc="a"), make_article(CEASEFIRE_2, doc="b"), make_article(STORM, doc="c")]
    corpus = CorpusStats.of(articles)
    assert corpus.weight(concept("floodwaters")) > corpus.weight(concept("kremlin")) > 1.0
    assert corpus.affinity("a", "b") == corpus.affinity("b", "a") >= STORY_AFFINITY
    assert corpus.affinity("a", "c") < STORY_AFFINITY


def test_fragment_repeating_its_own_articles_quote_joins_that_quote():
    full = "I will fight for you with every breath in my body and never let you down"
    items = build([("a", full, TRUMP, STORM, Kind.FULL), ("a", "with every breath", TRUMP, STORM, F),
                   ("b", full, TRUMP, STORM + " ", Kind.FULL)])
    assert len(groups(items)) == 1


def test_a_full_quote_repeating_part_of_its_own_articles_quote_stays_apart():
    long = "I want peace, and in a financial sense we could do things that would be very bad for Russia"
    short = "We could do things that would be very bad for Russia"
    items = build([("a", long, TRUMP, STORM, Kind.FULL), ("a", short, TRUMP, STORM, Kind.FULL),
                   ("b", long, TRUMP, STORM + " ", Kind.FULL)])
    assert len(groups(items)) == 2


# --- Word statistics (CorpusStats): built at once or article by article, the same numbers, and
# the numbers of the formulas they stand for.

def naive_cosine(stats, a: str, b: str) -> float:
    """The story affinity written out from the texts: cosine of (1 + log tf) * idf."""
    def vector(text):
        v = {c: (1 + math.log(k)) * stats.idf(c) for c, k in concept_counts(text).items()}
        norm = math.sqrt(sum(x * x for x in v.values()))
        return {c: x / norm for c, x in v.items()}
    va, vb = vector(a), vector(b)
    return sum(x * vb.get(c, 0.0) for c, x in va.items())


def test_corpus_stats_added_one_by_one_equal_stats_of_all_at_once():
    articles = [make_article(t, doc=d) for d, t in (("a", CEASEFIRE), ("b", CEASEFIRE_2), ("c", STORM), ("d", TRADE))]
    batch = CorpusStats.of(articles)
    step = CorpusStats()
    for a in reversed(articles):
        step.add(a.doc, concept_counts(a.text))
    assert step.n == batch.n == 4
    for word in ("kremlin", "ceasefire", "floodwaters", "the", "never-seen"):
        c = concept(word)
        assert step.idf(c) == batch.idf(c) and step.weight(c) == batch.weight(c)
    for x, y in itertools.combinations("abcd", 2):
        assert step.affinity(x, y) == batch.affinity(x, y) == batch.affinity(y, x)


def test_corpus_stats_values_follow_their_formulas():
    texts = {"a": CEASEFIRE, "b": CEASEFIRE_2, "c": STORM}
    stats = CorpusStats.of(make_article(t, doc=d) for d, t in texts.items())
    kremlin = concept("kremlin")
    assert stats.idf(kremlin) == stats.weight(kremlin) == reference.idf(kremlin)
    assert stats.affinity("a", "b") == pytest.approx(naive_cosine(stats, CEASEFIRE, CEASEFIRE_2), abs=1e-12)
    assert stats.affinity("a", "a") == pytest.approx(1.0)
    assert stats.affinity("a", "unknown") == 0


def test_word_weights_come_from_the_reference_whatever_else_is_scanned():
    """A word weighs the same in any corpus (so a link depends on its two quotes and articles
    alone): 1 for a word every article holds, more the rarer it is in English news, and the most
    for a word the reference does not list (a name, a rare word)."""
    alone = CorpusStats.of([make_article(CEASEFIRE, doc="a")])
    more = CorpusStats.of(make_article(t, doc=d) for d, t in (("a", CEASEFIRE), ("b", STORM), ("c", TRADE)))
    for word in ("kremlin", "ceasefire", "floodwaters", "said", "zzyzxqv"):
        assert alone.weight(concept(word)) == more.weight(concept(word)) == CorpusStats().weight(concept(word))
    assert 1 <= reference.idf(concept("said")) < reference.idf(concept("ceasefire")) < reference.RAREST
    assert reference.idf(concept("zzyzxqv")) == reference.RAREST


def test_corpus_stats_trimmed_after_clustering_give_the_same_affinities():
    """``cluster`` trims the statistics it is given (weights and caches let go before the
    clusters are built): they are made again when asked, to the same numbers."""
    items = build([("a", "We agree with the proposals to cease hostilities", PUTIN, CEASEFIRE, Kind.FULL),
                   ("b", "We agree with the proposal to stop the hostilities", PUTIN, CEASEFIRE_2, Kind.FULL),
                   ("c", "deep state", None, STORM, F)])
    stats = CorpusStats.of(a for a, _ in items)
    before = {(x, y): stats.affinity(x, y) for x, y in itertools.combinations("abc", 2)}
    cluster(items, stats)
    assert not stats._idfs and not stats._affinities and stats._arrays is None
    assert {(x, y): stats.affinity(x, y) for x, y in itertools.combinations("abc", 2)} == before


def test_corpus_stats_count_each_article_once():
    stats = CorpusStats.of([make_article(STORM, doc="a"), make_article(CEASEFIRE, doc="a")])
    assert stats.n == 1 and stats.affinity("a", "a") == pytest.approx(1.0)
    with pytest.raises(ValueError):
        stats.add("a", concept_counts(TRADE))


def test_cluster_with_given_stats_equals_cluster_counting_its_own():
    items = build([("a", "We agree with the proposals to cease hostilities", PUTIN, CEASEFIRE, Kind.FULL),
                   ("b", "We agree with the proposal to stop the hostilities", PUTIN, CEASEFIRE_2, Kind.FULL),
                   ("c", "deep state", None, STORM, F), ("d", "deep state", None, TRADE, F)])
    stats = CorpusStats.of(a for a, _ in items)
    assert cluster(items, stats) == cluster(items)


@pytest.mark.parametrize("chunk", [1, 7, 1 << 16])
def test_variant_pairs_come_in_join_order_each_once_however_the_shares_split_them(monkeypatch, chunk):
    """Variants are joined within an article first, closest first, then by pair
    (``_variant_head`` and ``_VariantPairs``), whichever workers' shares scored them, however
    often a pair was proposed and however they are cut into batches."""
    monkeypatch.setattr(pairs, "CHUNK", chunk)
    rng = random.Random(3)
    bits = 17
    covers = [1.0, 0.7, 0.85, 0.7 + 1e-12, 0.999999, 2 / 3 + 0.1]
    rows = [(rng.random() < 0.5, rng.choice(covers), *sorted(rng.sample(range(1 << bits), 2)))
            for _ in range(500)]
    shares = [defaultdict(lambda: array("Q")) for _ in range(3)]
    for across, cover, a, b in rows + rows[:100]:
        shares[rng.randrange(3)][pairs.variant_head(across, cover)].append(a << bits | b)
    expected = [(across, a, b) for across, _, a, b in sorted(set(rows), key=lambda r: (r[0], -r[1], r[2], r[3]))]
    batches = list(pairs.VariantPairs(shares, bits))
    assert [(across, a, b) for across, firsts, seconds in batches
            for a, b in zip(firsts.tolist(), seconds.tolist())] == expected
    assert all(len(firsts) < 2 * chunk for _, firsts, _ in batches)
    assert len(pairs.VariantPairs(shares, bits)) == len(expected)


def test_roots_of_many_units_at_once_are_the_roots_find_gives():
    """``_UnionFind.roots`` (which lets the linking loop pass over pairs joined already) names
    each set by the root ``find`` gives, however the unions chained and whichever were asked."""
    rng = random.Random(11)
    units = [rules.Unit(i, f"d{i}", None, (1,), None, False) for i in range(300)]
    uf = UnionFind(units)
    for _ in range(12):
        for _ in range(20):
            uf.union(rng.randrange(300), rng.randrange(300))
        asked = np.array([rng.randrange(300) for _ in range(50)])
        assert uf.roots(asked).tolist() == [uf.find(x) for x in asked.tolist()]
    assert uf.roots(np.arange(300)).tolist() == [uf.find(x) for x in range(300)]


def test_sorted_keys_of_several_shares_hold_exactly_the_keys_found():
    """Parts and corroborating article pairs found by several shares of the work come back
    sorted and each once (``_union``), and ``_holds`` finds exactly those."""
    rng = random.Random(5)
    found = [rng.randrange(1 << 49) for _ in range(300)]
    shares = [array("Q", found[k::3] + found[:50]) for k in range(3)]
    union = pairs.sorted_unique(shares)
    assert union.tolist() == sorted(set(found))
    keys = array("Q", union.tobytes())
    for key in found + [rng.randrange(1 << 49) for _ in range(300)] + [0, (1 << 64) - 1]:
        assert pairs.holds(keys, key) == (key in set(found))




def test_covers_do_not_depend_on_the_order_the_pair_is_asked_in():
    """Two longest common subsequences may tie with different weights ("cut ... pension ...
    benefit" or "cut ... guaranteed benefit" in a long statement): the covers of a pair are the
    same whichever wording is asked first."""
    short = "do not cut a single guaranteed pension benefit."
    long = ("Because the council is ending grants to property developers and cutting waste and fraud, "
            "we've extended the life of the pension fund by nine years. The truth is that the plan would end the pension "
            "fund as it stands: people with a pension would be left with nothing but a coupon in place of the "
            "guaranteed benefits they count on today.")
    texts = [short, long, "We agree with the proposals to cease hostilities", "We agree to stop the hostilities now"]
    units = rules.make_units([Quote(doc=str(i), start=0, end=len(t), text=t, kind=Kind.FULL, paragraph=0)
                              for i, t in enumerate(texts)], CorpusStats())
    for a, b in itertools.combinations(units, 2):
        x, y = rules.covers(a.wording, b.wording)
        assert rules.covers(b.wording, a.wording) == (y, x)


@pytest.mark.parametrize("speaker", ["Jane Roe", "the lawsuit", "a spokeswoman", "", None])
@pytest.mark.parametrize("kind", [Kind.FULL, Kind.FRAGMENT])
def test_a_cluster_of_one_quote_is_made_as_the_rules_make_any(speaker, kind):
    # Most clusters hold one quote, and are made on a shortcut: it gives what the rules give.
    item = occurrence("a", "Nothing in the report surprised anyone on the council.", speaker=speaker, kind=kind)
    (made,) = cluster([item])
    assert made.canonical == rules.canonical_wording([item])
    assert made.speaker == speakers.cluster_speaker([("a", speaker)])
    assert made.members[0].quote.speaker == speaker

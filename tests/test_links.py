"""Across outlets: one quote whoever each outlet credits, wordings that differ only in spelling,
titles that never link, and the guard that keeps truly different speakers apart."""

from __future__ import annotations

import pytest

from quotetrack.clustering import cluster, rules, speakers
from quotetrack.clustering.wording import comparison_words, unmask
from quotetrack.compare import Flag, alterations
from quotetrack.models import Kind, Quote

from .test_match import CEASEFIRE, CEASEFIRE_2, PUTIN, STORM, TRADE, TRUMP, build, groups

F, FULL, T = Kind.FRAGMENT, Kind.FULL, Kind.TITLE
LONG = "The talks will continue until both delegations sign the monitoring protocol"
PELOSI = "Nancy Pelosi"

LINKED = [
    pytest.param([("a", LONG, PUTIN, CEASEFIRE, FULL), ("b", LONG, "Dmitry Peskov", CEASEFIRE_2, FULL)],
                 id="same-words-different-names-one-story"),
    pytest.param([("a", "The talks will continue next week", PUTIN, CEASEFIRE, FULL),
                  ("b", "The talks will continue next week", "Dmitry Peskov", CEASEFIRE_2, FULL)],
                 id="four-content-words-different-names"),
    pytest.param([("a", LONG, PUTIN, CEASEFIRE, FULL),
                  ("b", "The talks will continue until both delegations sign the protocol", TRUMP, CEASEFIRE_2, FULL)],
                 id="trimmed-by-a-word-different-names"),
    pytest.param([("a", "One in three families lost power during the storm", None, CEASEFIRE, FULL),
                  ("b", "1 in 3 families lost power during the storm", None, CEASEFIRE_2, FULL)],
                 id="numbers-in-words-and-figures"),
    pytest.param([("a", "This is a f***ing disgrace and everybody knows it", TRUMP, CEASEFIRE, FULL),
                  ("b", "This is a fucking disgrace and everybody knows it", TRUMP, CEASEFIRE_2, FULL)],
                 id="censored-word"),
    pytest.param([("a", "I'm getting blindsided here", PUTIN, CEASEFIRE, FULL),
                  ("b", "blindsided", PUTIN, CEASEFIRE_2, F)],
                 id="one-word-of-a-short-full-quote-same-person"),
]

APART = [
    pytest.param([("a", LONG, PUTIN, STORM, FULL), ("b", LONG, "Dmitry Peskov", TRADE, FULL)],
                 id="different-names-different-stories"),
    pytest.param([("a", "The talks will continue this week", PUTIN, CEASEFIRE, FULL),
                  ("b", "The talks will continue this week", "Dmitry Peskov", CEASEFIRE_2, FULL)],
                 id="different-names-short-quote"),
    pytest.param([("a", LONG, PUTIN, CEASEFIRE, FULL),
                  ("b", "The talks will continue until both delegations sign a deal on monitoring the border",
                   "Dmitry Peskov", CEASEFIRE_2, FULL)],
                 id="different-names-loose-match"),
    pytest.param([("a", LONG, PUTIN, CEASEFIRE, FULL), ("a", LONG, "Dmitry Peskov", CEASEFIRE, FULL)],
                 id="different-names-one-article"),
    pytest.param([("a", "Fox News Sunday", None, CEASEFIRE, T), ("b", "Fox News Sunday", None, CEASEFIRE_2, T)],
                 id="titles"),
    pytest.param([("a", "Fox News Sunday", None, CEASEFIRE, F), ("b", "Fox News Sunday", None, CEASEFIRE_2, F)],
                 id="title-case-label-left-a-fragment"),
    pytest.param([("a", "not that simple", TRUMP, CEASEFIRE, F), ("b", "too simple an answer", TRUMP, CEASEFIRE_2, F)],
                 id="one-word-of-a-short-fragment"),
]


@pytest.mark.parametrize("rows", LINKED)
def test_linked(rows):
    assert len(groups(build(rows))) == 1


@pytest.mark.parametrize("rows", APART)
def test_apart(rows):
    assert len(cluster(build(rows))) == len(rows)


def credited(rows):
    """Each occurrence's (doc, speaker, mention, flags) after clustering and comparing."""
    items = [(a, q if q.speaker is None else Quote(**{**{f: getattr(q, f) for f in q.__slots__},
                                                        "mention": q.speaker}))
             for a, q in build(rows)]
    found = alterations(cluster(items))
    return {c.speaker for c in found}, sorted(
        (o.article.doc, o.quote.speaker, o.quote.mention, o.alteration.flags) for c in found for o in c.members)


def test_a_description_takes_the_name_another_outlet_gives():
    speakers, rows = credited([("a", LONG, "Kremlin spokesman", CEASEFIRE, FULL), ("b", LONG, PUTIN, CEASEFIRE_2, FULL),
                               ("c", LONG, None, CEASEFIRE, FULL)])
    assert speakers == {PUTIN}
    assert rows == [("a", PUTIN, "Kremlin spokesman", ()), ("b", PUTIN, PUTIN, ()),
                    ("c", None, None, (Flag.SPEAKER_DROPPED,))]


def test_the_best_supported_name_wins_and_the_dissent_is_flagged():
    speakers, rows = credited([("a", LONG, PUTIN, CEASEFIRE, FULL), ("b", LONG, "Dmitry Peskov", CEASEFIRE_2, FULL),
                               ("c", LONG, "Putin", CEASEFIRE, FULL)])
    assert speakers == {PUTIN}
    assert rows == [("a", PUTIN, PUTIN, ()), ("b", "Dmitry Peskov", "Dmitry Peskov", (Flag.SPEAKER_CHANGED,)),
                    ("c", PUTIN, "Putin", ())]


@pytest.mark.parametrize("own, mention, text, cluster_speaker, want", [
    (None, "he", LONG, PUTIN, PUTIN),                        # a pronoun left unresolved
    ("Kremlin spokesman", "Kremlin spokesman", LONG, PUTIN, PUTIN),
    ("Putin", "Putin", LONG, PUTIN, PUTIN),
    ("Dmitry Peskov", "Peskov", LONG, PUTIN, "Dmitry Peskov"),  # a dissenting name is kept (and flagged)
    ("White House", "White House", LONG, PUTIN, "White House"),  # an organisation keeps its own credit
    ("Lanhee Chen", "Chen", LONG, PUTIN, "Lanhee Chen"),    # so does a name of an unlisted given name
    (None, None, LONG, PUTIN, None),                         # no cue credits it: anyone's words
    ("critics", "critics", "top secret", PUTIN, "critics"),  # a short phrase is anyone's words
    ("spokesman", "spokesman", LONG, "Kremlin spokesman", "spokesman"),  # no named person to give
    ("committee members", "committee members", LONG, PUTIN, "committee members"),  # a group is no one person
    ("press secretary", "press secretary", LONG, PUTIN, PUTIN),  # (a singular role is)
    (None, "he", LONG, None, None),
])
def test_occurrence_speaker(own, mention, text, cluster_speaker, want):
    quote = Quote("a", 0, len(text), text, FULL, 1, speaker=own, mention=mention)
    assert speakers.occurrence_speaker(quote, cluster_speaker) == want


@pytest.mark.parametrize("credits, want", [
    ([("a", PUTIN), ("b", "Dmitry Peskov"), ("c", "Putin")], PUTIN),
    ([("a", "Dmitry Peskov"), ("c", "Dmitry Peskov"), ("b", PUTIN), ("b", PUTIN), ("b", PUTIN)],
     "Dmitry Peskov"),  # articles count before repeats
    ([("a", "Dmitry Peskov"), ("b", PUTIN), ("b", PUTIN)], PUTIN),  # then repeats
    ([("a", "spokesman"), ("b", PUTIN)], PUTIN),
    ([("a", "spokesman"), ("b", "spokesman"), ("c", "aide")], "spokesman"),
    ([("a", None)], None),
])
def test_cluster_speaker(credits, want):
    assert speakers.cluster_speaker(credits) == want


@pytest.mark.parametrize("a, b, same", [
    ("one-in-three women", "1 in 3 women", True),
    ("twenty-five percent", "25%", True),
    ("twenty five percent", "25 percent", True),
    ("f***ing ridiculous", "fucking ridiculous", True),
    ("f--king ridiculous", "fucking ridiculous", True),
    ("one-in-three women", "1 in 4 women", False),
    ("twenty-five percent", "26 percent", False),
    ("a well-known -- fact", "a well known fact", True),  # dashes between words hide nothing
    ("f***ing ridiculous", "freaking ridiculous", False),
])
def test_comparison_words(a, b, same):
    assert (comparison_words(a) == comparison_words(b)) is same


@pytest.mark.parametrize("head, mask, tail, want", [
    ("f", "***", "ing", "fucking"),
    ("sh", "*", "t", "shit"),
    ("s", "**", "t", None),     # shit or slut: ambiguous
    ("", "****", "", None),     # any word at all
    ("x", "**", "q", None),     # no such word
])
def test_unmask(head, mask, tail, want):
    assert unmask(head, mask, tail) == want


def test_a_scare_quoted_word_is_not_the_opening_piece_of_an_interrupted_sentence():
    body = CEASEFIRE + "\n\n"
    text = body + "“Patience,” he said, “is what this town lacks.”"
    first = text.index("Patience")
    second = text.index("is what")
    piece = Quote("a", first, first + len("Patience"), "Patience", FULL, 1, speaker=TRUMP)
    rest = Quote("a", second, second + len("is what this town lacks."), "is what this town lacks.", FULL, 1,
                 speaker=TRUMP)
    alone = Quote("a", first, first + len("Patience"), "Patience", FULL, 1, speaker=TRUMP)
    assert rules.is_piece(piece, rest)
    assert not rules.is_piece(alone, Quote("b", 0, 5, "other", FULL, 1))
    assert not rules.is_piece(Quote("a", 0, 10, "It is a prank.", FULL, 1), rest)


def test_short_parts_in_passages_of_their_own_are_quotes_of_their_own():
    """A statement quoted whole by one outlet, its first sentence by another, and two short
    phrases of its second sentence by a third: the statement belongs to each, and the first
    sentence is not linked with the phrases."""
    whole = ("We are not entirely surprised by this lawsuit from our neighbours. We believe this suit is "
             "baseless and we will fight it in court.")
    first = "We are not entirely surprised by this lawsuit from our neighbours"
    rows = [("a", whole, TRUMP, CEASEFIRE, FULL), ("b", first, TRUMP, CEASEFIRE_2, FULL),
            ("c", "baseless", TRUMP, CEASEFIRE, F), ("c", "we will fight it in court", TRUMP, CEASEFIRE, F)]
    found = groups(build(rows))
    together = {frozenset(t for _, t in g) for g in found}
    assert frozenset({whole, first}) in together
    assert frozenset({whole, "baseless"}) in together
    assert frozenset({whole, "we will fight it in court"}) in together
    assert len(found) == 3

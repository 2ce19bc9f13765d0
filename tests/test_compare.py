"""Word-level comparison of two wordings: edits, verdicts and the fact-checker's flags."""

from __future__ import annotations

import pytest

from quotetrack.compare import Alteration, Flag, Op, align, classify, compare, diff_text, number_value, tokenize
from quotetrack.pipeline import scan

from .conftest import SEEDS

CEASE = "We agree with the proposals to cease hostilities"


@pytest.mark.parametrize("a, b, alteration", [
    (CEASE, CEASE, Alteration.IDENTICAL),
    (CEASE, "We  agree with the proposals to cease hostilities", Alteration.IDENTICAL),
    ("Hopefully they’ll do the right thing.", "Hopefully, they'll do the right thing", Alteration.PUNCTUATION),
    (CEASE, "we agree with the proposals to CEASE hostilities!", Alteration.PUNCTUATION),
    (CEASE, "We agree with the proposal to stop the hostilities", Alteration.REWORDED),
    (CEASE, "We agree with the proposals to halt the fighting", Alteration.REWORDED),
    ("But there are issues that we need to discuss.", "There are issues that we need to discuss.", Alteration.TRIMMED),
    ("It gives us nothing", "nothing", Alteration.FRAGMENT),
    (CEASE, CEASE + ", but we proceed from the assumption that the ceasefire should lead to peace",
     Alteration.EXTENDED),
    (CEASE + ", but we proceed from the assumption that the ceasefire should lead to peace", CEASE,
     Alteration.TRIMMED),
    ("The sky is blue today over the city", "Markets fell sharply on Tuesday in London", Alteration.REWORDED),
])
def test_classify(a, b, alteration):
    assert compare(a, b).alteration is alteration


@pytest.mark.parametrize("fragment, alteration", [
    (True, Alteration.FRAGMENT), (False, Alteration.TRIMMED), (None, Alteration.TRIMMED),
])
def test_fragment_hint_decides_a_short_trim(fragment, alteration):
    al = align("We certainly support the idea of a lasting peace", "support the idea of a lasting peace")
    assert classify(al, fragment=fragment) is alteration


@pytest.mark.parametrize("grouping, expected", [
    (Alteration.MERGED, Alteration.MERGED), (Alteration.SPLIT, Alteration.SPLIT), (None, Alteration.EXTENDED),
])
def test_grouping_overrides_the_words(grouping, expected):
    assert compare("We agree", "We agree, but we proceed from the fact", grouping=grouping).alteration is expected


def test_grouping_never_overrides_identical():
    assert compare(CEASE, CEASE, grouping=Alteration.MERGED).alteration is Alteration.IDENTICAL


@pytest.mark.parametrize("a, b, expected", [
    (CEASE, "We agree with the proposal to cease hostilities", "proposals→proposal"),
    ("we agree with the proposals to cease hostilities, said",
     "we agree with the proposals to halt the fighting, said", "cease hostilities→halt the fighting"),
    ("we need to talk about it with our American colleagues",
     "we need to talk about it with our American colleagues and partners and, perhaps, have a call with "
     "President Trump", "+and partners and, perhaps, have a call with President Trump"),
    ("But there are issues", "there are issues", "-But"),
    (CEASE, CEASE, ""),
    ("Hopefully they’ll do it.", "Hopefully, they'll do it", ""),
    ("stop for 30 days", "stop for thirty days", "30→thirty"),
])
def test_diff_text(a, b, expected):
    assert diff_text(align(a, b)) == expected


def test_edit_spans_index_each_wording():
    a, b = "We agree with the proposals", "we agree with a proposal, yes"
    for e in align(a, b).edits:
        assert a[e.a_span[0]:e.a_span[1]] == e.a and b[e.b_span[0]:e.b_span[1]] == e.b
    ops = [e.op for e in align(a, b).edits]
    assert ops[0] is Op.EQUAL and ops[-1] is Op.INSERT


def test_edits_cover_every_word_once():
    a = "Will all those who are there come out without a fight? Or will they surrender?"
    b = "What does it mean? That all who are there will leave without a fight, or surrender their weapons?"
    al = align(a, b)
    assert [t.text for e in al.edits for t in tokenize(e.a)] == [t.text for t in tokenize(a)]
    assert [t.text for e in al.edits for t in tokenize(e.b)] == [t.text for t in tokenize(b)]


@pytest.mark.parametrize("a, b, flags", [
    ("I want to do that", "I don't want to do that", (Flag.NEGATION_ADDED,)),
    ("We will never agree to it", "We will agree to it", (Flag.NEGATION_DROPPED,)),
    ("It gives us nothing at all", "It gives us something at all", (Flag.NEGATION_DROPPED,)),
    ("I do not want that", "I don't want that", ()),
    ("a ceasefire for 30 days", "a ceasefire for 60 days", (Flag.NUMBER_CHANGED,)),
    ("a ceasefire for 30 days", "a ceasefire for thirty days", ()),
    ("it cost 1,000 dollars", "it cost 1000 dollars", ()),
    ("it cost ten dollars", "it cost two dollars", (Flag.NUMBER_CHANGED,)),
    # Words cut from the ends are a trim, not a change of meaning.
    ("It gives us nothing", "It gives us", ()),
    ("we stop for 30 days and talk", "we stop", ()),
    (CEASE, CEASE, ()),
])
def test_word_flags(a, b, flags):
    assert compare(a, b).flags == flags


@pytest.mark.parametrize("speaker_a, speaker_b, flags", [
    ("Vladimir Putin", "Vladimir Putin", ()),
    ("Vladimir Putin", "Putin", ()),
    ("Vladimir Putin", "Donald Trump", (Flag.SPEAKER_CHANGED,)),
    ("Vladimir Putin", None, (Flag.SPEAKER_DROPPED,)),
    (None, "Vladimir Putin", (Flag.SPEAKER_ADDED,)),
    (None, None, ()),
])
@pytest.mark.parametrize("b", [CEASE, CEASE.replace(" ", "  ")])  # as is (not aligned), and aligned
def test_speaker_flags(speaker_a, speaker_b, flags, b):
    found = compare(CEASE, b, speaker_a=speaker_a, speaker_b=speaker_b)
    assert (found.alteration, found.flags) == (Alteration.IDENTICAL, flags)


@pytest.mark.parametrize("word, value", [
    ("30", "30"), ("1,000", "1000"), ("2.5", "2.5"), ("thirty", "30"), ("dozen", "12"), ("peace", None),
])
def test_number_value(word, value):
    assert number_value(word) == value


def test_tokens_keep_their_spelling_and_span():
    text = "Russia’s 30-day “truce”"
    toks = tokenize(text)
    assert [t.text for t in toks] == ["Russia’s", "30", "day", "truce"]
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert toks[1].key == "#30" and toks[0].folded == "russia's"


@pytest.fixture(scope="module")
def seed_occurrences():
    return scan([str(SEEDS)]).occurrences


def test_scan_compares_every_occurrence_with_its_canonical_wording(seed_occurrences):
    assert all(o.alteration is not None for o in seed_occurrences)
    def verdict(doc: str, start: str) -> Alteration:
        (found,) = [o.alteration.alteration for o in seed_occurrences
                    if o.article.doc.startswith(doc) and o.quote.text.startswith(start)]
        return found

    assert verdict("000", CEASE) is Alteration.IDENTICAL
    assert verdict("004", "We agree with the proposal to stop") is Alteration.REWORDED
    assert verdict("002", "We agree with the proposals to halt") is Alteration.MERGED
    assert verdict("001", "Hopefully, they’ll do the right thing.") is Alteration.PUNCTUATION
    assert verdict("003", "nothing") is Alteration.FRAGMENT
    assert verdict("003", "There are issues that we need to discuss") is Alteration.TRIMMED


def test_a_merged_quote_carries_one_verdict_in_every_cluster():
    result = scan([str(SEEDS)])
    merged = [o for c in result.clusters for o in c.members if len(o.clusters) > 1]
    assert len(merged) == 2 and merged[0] == merged[1]


def test_scan_long_carries_alteration_and_flags():
    import json

    from typer.testing import CliRunner

    from quotetrack.cli import app

    result = CliRunner().invoke(app, ["scan", str(SEEDS), "-f", "jsonl", "-q"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(list(r)[-2:] == ["alteration", "flags"] and isinstance(r["flags"], list) for r in rows)
    (row,) = [r for r in rows if r["text"] == "We agree with the proposal to stop the hostilities"]
    assert (row["alteration"], row["flags"]) == ("reworded", [])
    assert {r["alteration"] for r in rows if r["text"] == r["canonical"]} == {"identical"}


def test_a_merged_quote_is_one_record_in_every_cluster():
    """``alterations`` makes each occurrence's record once, shared by every cluster holding it."""
    result = scan([str(SEEDS)])
    merged = [o for c in result.clusters for o in c.members if len(o.clusters) > 1]
    assert len(merged) == 2 and merged[0] is merged[1]


def test_comparing_wordings_leaves_the_garbage_collector_as_it_was():
    """The collector is paused while every occurrence gets its record (``workers.gc_paused``),
    then left on or off as the caller had it."""
    import gc

    from quotetrack.compare import alterations

    clusters = scan([str(SEEDS)]).clusters
    was = gc.isenabled()
    try:
        for enabled in (False, True):
            (gc.enable if enabled else gc.disable)()
            assert alterations(clusters) == clusters
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()

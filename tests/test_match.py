"""Variant clustering: translation variants, parts, merges, and what must stay apart."""

from __future__ import annotations

import itertools

from quotetrack.match import cluster
from quotetrack.models import Kind, Quote

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

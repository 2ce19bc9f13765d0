"""Quote-mark pairing: spans, kinds, continuation, and the marks that are not quotes."""

from __future__ import annotations

import pytest

from quotetrack.extract import find_quotes
from quotetrack.models import Kind

from .conftest import make_article


def spans(text: str) -> list[str]:
    return [q.text for q in find_quotes(make_article(text))]


@pytest.mark.parametrize("text, expected", [
    ("“We agree,” Putin said.", ["We agree"]),
    ('"Plain straight marks," he said.', ["Plain straight marks"]),
    ('“Mixed pair," he said. “Again."', ["Mixed pair", "Again."]),
    ("«Guillemets here», a dit le ministre.", ["Guillemets here"]),
    ("„German style“ quotes.", ["German style"]),
    ("The ‘single quoted headline’ works.", ["single quoted headline"]),
    ("He said 'we will win' today.", ["we will win"]),
    ("NYT style ''double apostrophes,'' he said.", ["double apostrophes"]),
    ("“He called it a ‘hoax’ again,” she said.", ["He called it a ‘hoax’ again"]),
    ("“Trailing comma inside,” he said.", ["Trailing comma inside"]),
    ("“Keeps the full stop.”", ["Keeps the full stop."]),
    ("“Nested “curly” marks stay inside,” he said.", ["Nested “curly” marks stay inside"]),
])
def test_pairs_quote_marks(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text", [
    "I’d say Russia’s army and the players’ union are not quotes.",
    "He's 6'2\" tall and rock 'n' roll is from the '90s.",
    "No quotes at all here.",
    "“”",
    "Empty quotes “ ” carry no words.",
])
def test_apostrophes_and_empties_are_not_quotes(text):
    assert spans(text) == []


def test_offsets_index_the_original_text():
    text = " date 2025-03-13\n\n“We agree with the proposals,” Putin said. “But we proceed.”\n"
    for q in find_quotes(make_article(text)):
        assert text[q.start:q.end] == q.text


def test_unclosed_mark_ends_with_its_paragraph():
    text = "He said “this never closes\n\nNext paragraph is reporter text.\n\n“Real quote,” she said."
    assert spans(text) == ["this never closes", "Real quote"]


def test_multi_paragraph_quote_continues():
    text = "“First paragraph of a long quote.\n\n“Second paragraph ends it,” he said.\n"
    quotes = list(find_quotes(make_article(text)))
    assert [q.text for q in quotes] == ["First paragraph of a long quote.", "Second paragraph ends it"]
    assert quotes[0].continues and not quotes[0].continued
    assert quotes[1].continued and not quotes[1].continues


def test_all_caps_subhead_is_not_a_quote():
    assert spans("Title line\n\n‘WELCOME’\n\nHe said ‘welcome’ twice.") == ["welcome"]


@pytest.mark.parametrize("text, kind", [
    ("“We agree with the proposals,” Putin said.", Kind.FULL),
    ("He said: “Yes.”", Kind.FULL),
    ("Trump called it a “bloodbath” in Ukraine.", Kind.FRAGMENT),
    ("He hoped Moscow would “do the right thing.”", Kind.FRAGMENT),
    ("She appeared on “Meet the Press” on Sunday.", Kind.FRAGMENT),
])
def test_kind(text, kind):
    (quote,) = find_quotes(make_article(text))
    assert quote.kind is kind


@pytest.mark.parametrize("text, expected", [
    # three apostrophes: a single quote closing inside a two-apostrophe double quote ...
    ("''We are told, 'It is special,''' Mr. Roe said. ''All lies.''", ["We are told, 'It is special,'", "All lies."]),
    # ... or opening right after one
    ("'''Kosovo' is special,'' he said.", ["'Kosovo' is special"]),
    # negative: plain two-apostrophe marks and possessives are unchanged
    ("''Plain marks,'' he said of the players' union.", ["Plain marks"]),
])
def test_three_apostrophes(text, expected):
    assert spans(text) == expected


# --- marks that do not pair up: the next paragraph's quote carries on no one ------------------------

@pytest.mark.parametrize("text, expected", [
    # a stray closing mark in the paragraph between
    ("“We will win,” Jane Doe said.\n\nThe crowd cheered. He left.”\n\n“We start today.”", [False, True]),
    # an opening mark never closed, and the next paragraph does not carry it on
    ("“We will win,” Jane Doe said. “And then\n\nThe crowd cheered.\n\n“We start today.”", [False, False, True]),
    # a stray straight mark
    ('"We will win," Jane Doe said. "It is "late," she added.\n\n"We start today."', [False, False, True]),
    # negatives: marks that pair up; a quote left open that the next paragraph carries on
    ("“We will win,” Jane Doe said.\n\nThe crowd cheered.\n\n“We start today.”", [False, False]),
    ("“We will win,” Jane Doe said. “We will fight.\n\n“We start today.”", [False, False, False]),
    # only the first quote after the stray marks: the next one follows a quote of its own paragraph
    ("He left.”\n\n“We start today,” Tom Roe said. “Then we rest.”", [True, False]),
])
def test_quotes_after_marks_that_do_not_pair_up(text, expected):
    assert [q.unpaired_before for q in find_quotes(make_article(text))] == expected


def test_a_paragraph_after_marks_that_do_not_pair_up_carries_on_no_one():
    from quotetrack.attribution import attribute

    def speakers(text: str) -> list[str | None]:
        article = make_article(text)
        return [q.speaker for q in attribute(article, tuple(find_quotes(article)))]

    paired = "Head\n\n“We will win,” Jane Doe said. “And we will.”\n\nThe crowd cheered.\n\n“We start today.”"
    assert speakers(paired) == ["Jane Doe", "Jane Doe", "Jane Doe"]
    unpaired = "Head\n\n“We will win,” Jane Doe said. “And then\n\nThe crowd cheered.\n\n“We start today.”"
    assert speakers(unpaired) == ["Jane Doe", "Jane Doe", None]

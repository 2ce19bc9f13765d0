"""Titles and labels (issue 18, item 4): quoted names of works, handles and labels are said by no
one. They get the kind ``title`` and no speaker, never link across articles, and the provenance
table leaves them out unless asked (``--kind``)."""

from __future__ import annotations

import pytest

from quotetrack.attribution import attribute
from quotetrack.extract import find_quotes
from quotetrack.models import Kind, Quote

from .conftest import make_article


def first(text: str) -> Quote:
    article = make_article(text)
    return attribute(article, tuple(find_quotes(article)))[0]


@pytest.mark.parametrize("text, title", [
    # the name someone goes by online
    ("Head\n\nThe police sought a man who used the handle “Gray Fox 2.0” on forums.", True),
    ("Head\n\nVoters shared the hashtag “Vote Early” all week.", True),
    # a naming verb whose object is a thing, not a person: the label it gives
    ("Head\n\nSen. Jane Doe has branded it the “Big Tax Giveaway Act” in her speeches.", True),
    ("Head\n\nCritics dubbed them “The Gang of Four” last year.", True),
    # a title the sentence runs on from after a verb of saying: its subject, not speech
    ("Head\n\nJane Doe praised the novelist, saying “Winter Garden” changed her mind.", True),
    # negatives: speech after a verb of saying; a one-word object; a person named
    ("Head\n\nJane Doe said “No Way” twice.", False),
    ("Head\n\nJane Doe said “The Voters” and left.", False),
    ("Head\n\nJane Doe called it “Great” on Monday.", False),
    ("Head\n\nJane Doe called Tom Roe “The Chancellor of the Free World.”", False),
    ("Head\n\nJane Doe said, “Winter Garden” changed her mind.", False),
    ("Head\n\nJane Doe used the handle to say “we will win” again.", False),
])
def test_titles_handles_and_labels(text, title):
    quote = first(text)
    assert (quote.kind is Kind.TITLE) is title
    if title:
        assert quote.speaker is None and quote.cue is None

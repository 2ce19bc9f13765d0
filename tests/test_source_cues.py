"""Issue 18 items 2, 6 and 7: speakers missed, organisations and documents as sources, cue
phrases, and what is a source. One table per rule, invented sentences, with negative cases."""

from __future__ import annotations

import pytest

from quotetrack.attribution import attribute
from quotetrack.extract import find_quotes
from quotetrack.models import Quote

from .conftest import make_article


def attributed(text: str) -> tuple[Quote, ...]:
    article = make_article(text)
    return attribute(article, tuple(find_quotes(article)))


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in attributed(text)]


@pytest.mark.parametrize("text, expected", [
    # "proposed" before a noun is no verb: its "subject" ends in a determiner, so the verb
    # before it speaks
    ("Head\n\nMs. Jane Roe said her group would work to evaluate any proposed changes “to see what "
     "each would do.”", ["Jane Roe"]),
    # negative: a real last verb of saying still wins over an earlier one
    ("Head\n\nJane Roe said on Monday that Tom Doe proposed “a fresh start.”", ["Tom Doe"]),
])
def test_a_subject_that_is_no_source_lets_an_earlier_verb_speak(text, expected):
    assert speakers(text) == expected

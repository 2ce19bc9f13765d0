"""A description that names its owner ("Roe's attorney") resolved across the articles of a story."""

from __future__ import annotations

import pytest

from quotetrack.attribution import attribute
from quotetrack.clustering import cluster
from quotetrack.clustering.roles import described_person, introductions, stories
from quotetrack.extract import find_quotes
from quotetrack.pipeline import scan, unify_speakers

from .conftest import make_article


@pytest.mark.parametrize("text", [
    "Kim Roe’s attorney, Dana Poe, said the case was weak.",
    "Dana Poe, Mr. Roe's lawyer, said the case was weak.",
    "Roe attorney Dana Poe said the case was weak.",
])
def test_an_owner_s_role_is_introduced(text):
    assert introductions(text) == (("roe", "attorney", "Dana Poe"),)


def test_one_person_in_the_role_resolves_the_description():
    known = {"a": introductions("Roe’s attorney, Dana Poe, spoke."), "b": introductions("Dana Poe, Roe's lawyer, spoke.")}
    assert described_person("Mr. Roe’s lawyer", ["a", "b"], known) == "Dana Poe"
    # another owner's attorney, another role, or no article of the story: no one
    assert described_person("Lin's attorney", ["a", "b"], known) is None
    assert described_person("Roe's spokesman", ["a", "b"], known) is None
    assert described_person("Roe's attorney", ["c"], known) is None
    # a pronoun's role is not an owner's
    assert described_person("his attorney", ["a", "b"], known) is None


def test_two_people_in_the_role_resolve_nothing():
    known = {"a": introductions("Roe’s attorney, Dana Poe, spoke."), "b": introductions("Roe’s attorney, Lee Moss, spoke.")}
    assert described_person("Roe's attorney", ["a", "b"], known) is None
    assert described_person("Roe's attorney", ["a"], known) == "Dana Poe"


def test_stories_link_articles_that_share_a_quote():
    story = stories([["a", "b"], ["b", "c"], ["d"]])
    assert story["a"] == story["c"] == frozenset("abc")
    assert story["d"] == frozenset("d")


def test_a_story_is_one_set_its_articles_share():
    # A viral quote can make one story of a whole corpus: a copy of it per article is quadratic.
    docs = [f"doc{i}" for i in range(300)]
    story = stories([docs[i:i + 2] for i in range(len(docs) - 1)])
    assert len({id(members) for members in story.values()}) == 1
    assert story["doc0"] == frozenset(docs)


SHARED = "“The verdict changes nothing for the families of the valley,” said Kim Roe."
A = "Head\n\n" + SHARED + "\n\n“We will appeal the ruling within the week,” Roe’s attorney said."
B = "Head\n\n" + SHARED + "\n\nRoe’s attorney, Dana Poe, said in a statement that the trial was unfair."
C = "Head\n\nRoe’s attorney, Lee Moss, said nothing.\n\n“The weather turned,” said Ann Lake."


def _credits(*articles):
    items = unify_speakers([(x, attribute(x, tuple(find_quotes(x)))) for x in articles])
    return {(m.quote.doc, m.quote.text[:9]): (m.quote.speaker, m.quote.mention)
            for c in cluster(items) for m in c.members}


def test_a_story_s_other_article_names_the_described_person():
    credits = _credits(make_article(A, doc="a"), make_article(B, doc="b"), make_article(C, doc="c"))
    # c is another story: its attorney of a Roe is not counted
    assert credits["a", "We will a"] == ("Dana Poe", "Roe’s attorney")


def test_without_the_story_the_description_stays():
    credits = _credits(make_article(A, doc="a"), make_article(C, doc="c"))
    assert credits["a", "We will a"] == ("Roe’s attorney", "Roe’s attorney")


def test_a_scan_that_keeps_no_text_resolves_alike(tmp_path):
    for doc, text in (("a", A), ("b", B)):
        (tmp_path / f"{doc}.txt").write_text(text, encoding="utf-8")
    found = scan([str(tmp_path)])
    quote = next(m.quote for c in found.clusters for m in c.members if m.quote.text.startswith("We will"))
    assert (quote.speaker, quote.mention) == ("Dana Poe", "Roe’s attorney")

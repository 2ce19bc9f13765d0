"""Titles and labels (issue 18, item 4): quoted names of works, handles and labels are said by no
one. They get the kind ``title`` and no speaker, never link across articles, and the provenance
table leaves them out unless asked (``--kind``)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotetrack import ScanOptions, scan
from quotetrack.attribution import attribute
from quotetrack.cli import app
from quotetrack.extract import find_quotes
from quotetrack.models import Kind, Quote
from quotetrack.pipeline import select

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
    ("Head\n\nJane Doe called Tom Roe “The Duke of the Boardroom.”", False),
    ("Head\n\nJane Doe said, “Winter Garden” changed her mind.", False),
    ("Head\n\nJane Doe used the handle to say “we will win” again.", False),
])
def test_titles_handles_and_labels(text, title):
    quote = first(text)
    assert (quote.kind is Kind.TITLE) is title
    if title:
        assert quote.speaker is None and quote.cue is None


# --- never linked, and out of the provenance table unless asked -----------------------------------

ARTICLES = {
    "a.txt": "Head one\n\nJane Doe said on NBC’s “Meet the Press” that she would run.\n\n“We will win,” Jane Doe said.\n",
    "b.txt": "Head two\n\nTom Roe appeared on “Meet the Press” on Sunday.\n\n“We will win,” Jane Doe told him.\n",
}


@pytest.fixture
def corpus(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_title_two_articles_carry_is_two_clusters(corpus):
    result = scan([str(corpus)], ScanOptions())
    titles = [o for o in result.occurrences if o.quote.kind is Kind.TITLE]
    assert [o.quote.text for o in titles] == ["Meet the Press", "Meet the Press"]
    assert titles[0].clusters != titles[1].clusters  # the quote said by both is one cluster, though
    assert len({o.clusters for o in result.occurrences if o.quote.kind is not Kind.TITLE}) == 1


def clusters_listed(*args: str) -> list[tuple[str, str]]:
    result = CliRunner().invoke(app, ["scan", *args, "--no-index", "-q", "-f", "tsv"])
    assert result.exit_code == 0, result.output
    return [(row.split("\t")[-1], row.split("\t")[2]) for row in result.stdout.splitlines()[1:]]


def test_the_provenance_table_leaves_titles_out_unless_asked(corpus):
    assert clusters_listed(str(corpus)) == [("We will win", "2")]
    assert clusters_listed(str(corpus), "--kind", "title") == [("Meet the Press", "1"), ("Meet the Press", "1")]
    assert clusters_listed(str(corpus), "-k", "full", "-k", "title") == [
        ("Meet the Press", "1"), ("We will win", "2"), ("Meet the Press", "1")]
    # --full-only narrows what --kind keeps
    assert clusters_listed(str(corpus), "-k", "title", "--full-only") == []


def test_occurrence_rows_keep_every_kind_by_default(corpus):
    result = CliRunner().invoke(app, ["scan", str(corpus), "--no-index", "-q", "-f", "jsonl"])
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert kinds == ["title", "full", "title", "full"]
    result = CliRunner().invoke(app, ["scan", str(corpus), "--no-index", "-q", "-f", "jsonl", "-k", "full"])
    assert [json.loads(line)["kind"] for line in result.stdout.splitlines()] == ["full", "full"]


def test_select_keeps_the_kinds_asked_for(corpus):
    result = scan([str(corpus)], ScanOptions())
    kept = select(result.clusters, ScanOptions(kinds=(Kind.FULL, Kind.FRAGMENT)))
    assert [c.canonical for c in kept] == ["We will win"]
    assert select(result.clusters, ScanOptions()) == result.clusters

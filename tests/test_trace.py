"""`quotetrack trace`: find a quote by a few words and list every outlet's wording."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotetrack.cli import Exit, app
from quotetrack.diffview import TRACE_COLUMNS
from quotetrack.models import UsageError
from quotetrack.pipeline import scan
from quotetrack.trace import trace, wording_score

from .conftest import SEEDS

runner = CliRunner()
CEASE = "We agree with the proposals to cease hostilities"


@pytest.fixture(scope="module")
def clusters():
    return scan([str(SEEDS)]).clusters


@pytest.mark.parametrize("query, wording, at_least, below", [
    ("cease hostilities", CEASE, 100, None),
    ("agree with the proposels", CEASE, 90, None),           # a typo
    ("proposals agree", CEASE, 100, None),                    # a few words, in any order
    ("proposals banana agree", CEASE, None, 90),
    ("halt hostilities", CEASE, 100, None),                   # near-synonyms fold together
    ("Markets fell sharply", CEASE, None, 60),
    ("It gives us nothing at all, said the aide", "nothing", None, 50),  # a fragment is no wildcard
    ("", CEASE, None, 1),
])
def test_wording_score(query, wording, at_least, below):
    score = wording_score(query, wording)
    assert (at_least is None or score >= at_least) and (below is None or score < below)


def test_a_few_words_find_every_variant(clusters):
    hits = trace("cease hostilities", clusters)
    assert hits[0].cluster.canonical == CEASE and hits[0].match == 100.0
    texts = [o.quote.text for o in hits[0].cluster.members]
    assert "We agree with the proposal to stop the hostilities" in texts and len(texts) == 5


@pytest.mark.parametrize("query", ["xylophone banana", "Kursk"])
def test_no_match_is_empty(clusters, query):
    assert trace(query, clusters) == ()


def test_min_score_widens_the_net(clusters):
    assert len(trace("promising", clusters, 90)) < len(trace("promising", clusters, 50))


def test_empty_words_are_refused(clusters):
    with pytest.raises(UsageError):
        trace(" ... ", clusters)


def run(*args: str):
    return runner.invoke(app, list(args))


def test_cli_jsonl_lists_variants_earliest_first():
    result = run("trace", "cease hostilities", str(SEEDS), "-f", "jsonl")
    assert result.exit_code == Exit.OK
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(list(r) == list(TRACE_COLUMNS) for r in rows)
    first = [r for r in rows if r["cluster"] == rows[0]["cluster"]]
    dates = [(r["date"] is None, r["date"] or "") for r in first]
    assert dates == sorted(dates) and dates[0] == (False, "2025-03-13")
    by_doc = {r["doc"][:3]: r for r in first}
    assert by_doc["004"]["alteration"] == "reworded"
    assert by_doc["004"]["diff"] == "[-proposals-]{+proposal+}; [-cease-]{+stop the+}"
    assert by_doc["002"]["alteration"] == "merged"
    assert {r["canonical"] for r in first} == {CEASE}
    assert "matching quotes" in result.stderr


def test_cli_table():
    result = run("trace", "regroup gain strength", str(SEEDS), "-f", "table")
    assert result.exit_code == Exit.OK and "Ushakov" in result.stdout


def test_cli_no_match_exits_zero_with_a_note():
    result = run("trace", "xylophone banana", str(SEEDS), "-f", "tsv")
    assert result.exit_code == Exit.OK
    assert result.stdout == "\t".join(TRACE_COLUMNS) + "\n"
    assert result.stderr == "no quote matches 'xylophone banana' in 5 articles\n"
    assert run("trace", "xylophone banana", str(SEEDS), "-q").stderr == ""


@pytest.mark.parametrize("args", [["trace", "...", str(SEEDS)], ["trace", "peace", "no/such/dir"],
                                  ["trace", "peace", str(SEEDS), "--min-score", "101"]])
def test_cli_usage_errors(args):
    result = run(*args)
    assert result.exit_code == Exit.USAGE and "Traceback" not in result.output


def test_scores_rank_the_wordings():
    """The very words outrank their near-synonyms, and a wording the query covers more of ranks
    above a longer one holding the same words (issue: every match scored 100.0)."""
    hits = trace("cease hostilities", scan([str(SEEDS)]).clusters)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) > 1
    assert hits[0].cluster.canonical == CEASE
    assert len(set(hits[0].member_scores)) > 1  # the reworded variant scores below the exact one

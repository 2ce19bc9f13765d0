"""Quality gate: `scan seeds/ --format jsonl` scored against the seed gold. Floors only go up."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from typer.testing import CliRunner

from quotetrack.cli import app

from . import score
from .conftest import DATA, SEEDS

SPAN_F1_FLOOR = 0.97
SPEAKER_FLOOR = 0.95
LINK_F1_FLOOR = 0.90


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    result = CliRunner().invoke(app, ["scan", str(SEEDS), "--format", "jsonl", "--quiet"])
    assert result.exit_code == 0
    pred = tmp_path_factory.mktemp("gate") / "pred.jsonl"
    pred.write_text(result.stdout, encoding="utf-8")
    with contextlib.redirect_stdout(io.StringIO()):
        metrics = score.main([str(DATA / "seeds_gold.jsonl"), str(pred), "--docs", str(SEEDS), "--json"])
    return metrics, [json.loads(line) for line in result.stdout.splitlines()]


def test_span_f1(scored):
    assert scored[0]["span_f1"] >= SPAN_F1_FLOOR


def test_speaker_accuracy(scored):
    assert scored[0]["speaker_acc"] >= SPEAKER_FLOOR


def test_link_f1(scored):
    assert scored[0]["link_f1"] >= LINK_F1_FLOOR


@pytest.mark.parametrize("a, b", [
    ("We agree with the proposals to cease hostilities", "We agree with the proposal to stop the hostilities"),
    ("We agree with the proposals to cease hostilities", "We agree with the proposals to halt the fighting"),
])
def test_named_translation_pairs_are_linked(scored, a, b):
    rows = scored[1]
    clusters_a = {c for r in rows if r["text"].startswith(a) for c in r["clusters"]}
    clusters_b = {c for r in rows if r["text"].startswith(b) for c in r["clusters"]}
    assert clusters_a & clusters_b

"""Quality gate: scores on annotated news pinned in ``quality_baseline.json``; a change may raise them, never lower.

Each set is scored by ``bench/accuracy.py`` (run as a program, with the development data's scorer)
on the seeds, on PolNeAR-train and on the hand-annotated BASIL dev set. A score more than
``TOLERANCE`` below its pinned value fails. A change that raises a score updates the file in the same
commit: ``QUOTETRACK_REBASELINE=1 pytest tests/test_quality.py`` raises each pin to its measured
score (a pin never goes down). The development data is found beside the checkout (``../shared``, as in CI) or at
$QUOTETRACK_SHARED; a checkout without it cannot run the scored tests and skips them with that reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from quotetrack.cli import app

from .conftest import ROOT, SEEDS, SHARED

BASELINE = ROOT / "tests" / "quality_baseline.json"
DEVDATA = SHARED / "devdata"
SCORER = SHARED / "tools" / "score.py"
TOLERANCE = 0.005
METRICS = ("span_f1", "speaker_acc", "link_p", "link_r", "link_f1")
SETS = {
    "seeds": ["--seeds"],
    "polnear-train": [str(DEVDATA / "polnear-train")],
    "basil-dev": ["--gold", str(DEVDATA / "basil-dev-gold" / "gold.jsonl"),
                  "--docs", str(DEVDATA / "basil-stories" / "docs")],
}

needs_devdata = pytest.mark.skipif(not SCORER.is_file() or not DEVDATA.is_dir(),
                                   reason="the development data (../shared) is not beside this checkout")


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, float]]:
    scores = {}
    for name, args in SETS.items():
        done = subprocess.run([sys.executable, str(ROOT / "bench" / "accuracy.py"), *args, "--scorer", str(SCORER), "--json"],
                              capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        found = json.loads(done.stdout.splitlines()[-1])
        scores[name] = {m: round(found[m], 4) for m in METRICS if m in found}
    if os.environ.get("QUOTETRACK_REBASELINE"):  # pins only go up: a lower score keeps its pin
        pinned = json.loads(BASELINE.read_text())
        raised = {name: {m: max(v, pinned.get(name, {}).get(m, 0.0)) for m, v in found.items()}
                  for name, found in scores.items()}
        BASELINE.write_text(json.dumps(raised, indent=2) + "\n", encoding="utf-8")
    return scores


@needs_devdata
@pytest.mark.parametrize("name, metric", [(n, m) for n, ms in json.loads(BASELINE.read_text()).items() for m in ms])
def test_no_score_falls_below_its_baseline(measured, name, metric):
    pinned = json.loads(BASELINE.read_text())[name][metric]
    assert measured[name][metric] >= pinned - TOLERANCE, f"{name} {metric}: {measured[name][metric]} < {pinned}"


@pytest.mark.parametrize("a, b", [
    ("We agree with the proposals to cease hostilities", "We agree with the proposal to stop the hostilities"),
    ("We agree with the proposals to cease hostilities", "We agree with the proposals to halt the fighting"),
])
def test_named_translation_pairs_are_linked(a, b):
    result = CliRunner().invoke(app, ["scan", str(SEEDS), "--format", "jsonl", "--quiet"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    clusters_a = {c for r in rows if r["text"].startswith(a) for c in r["clusters"]}
    clusters_b = {c for r in rows if r["text"].startswith(b) for c in r["clusters"]}
    assert clusters_a & clusters_b

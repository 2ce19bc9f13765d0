"""Golden output: the seeds' machine-readable outputs pinned byte for byte.

Any change of behaviour shows up as a reviewed diff of ``tests/golden/``. After a deliberate change,
regenerate the files with ``QUOTETRACK_REGOLD=1 pytest tests/test_golden.py`` and commit them with it."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from quotetrack.cli import app

from .conftest import ROOT, SEEDS

GOLDEN = ROOT / "tests" / "golden"

CASES = {
    "scan.jsonl": ["scan", str(SEEDS), "-f", "jsonl"],
    "scan-long.tsv": ["scan", str(SEEDS), "--long", "-f", "tsv"],
    "diff-002-003.tsv": ["diff", "002", "003", "--corpus", str(SEEDS), "-f", "tsv"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_pinned(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the output are as given: relative to the project root
    args = [os.path.relpath(a, ROOT) if a.startswith(str(ROOT)) else a for a in CASES[name]]
    result = CliRunner().invoke(app, [*args, "--quiet"])
    assert result.exit_code == 0, result.stderr
    golden = GOLDEN / name
    if os.environ.get("QUOTETRACK_REGOLD"):
        golden.write_text(result.stdout, encoding="utf-8", newline="")
    assert result.stdout == golden.read_text(encoding="utf-8")

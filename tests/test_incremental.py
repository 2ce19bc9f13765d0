"""Incremental scans (issue 21): whatever files were added, edited or removed since the last
scan, an indexed re-scan writes exactly what a clean scan without an index writes."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotetrack.cli import Exit, app

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
LINES = [
    "“We will not accept this deal,” Vladimir Putin said on Tuesday.",
    "“We will never accept this deal,” Putin told reporters.",
    "“The ceasefire must hold,” said Volodymyr Zelensky.",
    "A spokesman called it “a bunch of malarkey.”",
    "“Nothing,” Jane Roe said when asked what had changed.",
]

op = st.one_of(
    st.tuples(st.just("add"), st.integers(0, len(SEED_FILES) - 1), st.lists(st.integers(0, len(LINES) - 1), max_size=3)),
    st.tuples(st.just("edit"), st.integers(0, 50), st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=2)),
    st.tuples(st.just("remove"), st.integers(0, 50), st.just([])),
)


def scan(folder: Path, *index: str) -> str:
    # The suite turns the index off (conftest): an indexed scan here turns it back on.
    env = {"QUOTETRACK_NO_INDEX": None} if "--index" in index else {}
    result = CliRunner().invoke(app, ["scan", str(folder), "-f", "jsonl", "-j", "1", *index], env=env)
    assert result.exit_code == Exit.OK, result.output
    return result.stdout


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=5))
def test_an_indexed_rescan_after_any_changes_equals_a_clean_scan(ops):
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "corpus", Path(tmp) / "index.sqlite"
        folder.mkdir()
        for seed in SEED_FILES[:4]:
            shutil.copy(seed, folder / seed.name)
        scan(folder, "--index", str(db))
        assert db.exists()
        added = 0
        for kind, which, lines in ops:
            files = sorted(folder.glob("*.txt"))
            if kind == "add":
                text = SEED_FILES[which].read_text(encoding="utf-8")
                added += 1
                (folder / f"added{added}.txt").write_text(text + "\n" + "\n".join(LINES[k] for k in lines) + "\n",
                                                          encoding="utf-8")
            elif kind == "edit" and files:
                path = files[which % len(files)]
                path.write_text(path.read_text(encoding="utf-8") + "\n" + "\n".join(LINES[k] for k in lines) + "\n",
                                encoding="utf-8")
            elif kind == "remove" and len(files) > 1:
                files[which % len(files)].unlink()
            assert scan(folder, "--index", str(db)) == scan(folder, "--no-index")

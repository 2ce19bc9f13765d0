"""Stored scan results and outputs: a re-scan of an unchanged corpus restores the result instead of
clustering again (or copies the output the same command wrote), gives byte for byte what a clean
scan gives, and never serves a result its inputs outgrew."""

from __future__ import annotations

import sqlite3
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from quotetrack import index as index_mod
from quotetrack import outputs, pipeline, snapshot
from quotetrack.cli import Exit
from quotetrack.models import ScanOptions, ScanResult
from quotetrack.report import to_rows

from .test_index import clean, make_corpus, run


@pytest.fixture(autouse=True)
def indexing(monkeypatch) -> None:
    """These scans use the index they are given (the suite turns it off elsewhere)."""
    monkeypatch.delenv("QUOTETRACK_NO_INDEX", raising=False)


@pytest.fixture
def corpus(tmp_path) -> Path:
    return make_corpus(tmp_path / "corpus", 6)


@pytest.fixture
def clustered(monkeypatch) -> list[int]:
    """Counts the clusterings a scan runs (one entry per call, its number of occurrences)."""
    calls: list[int] = []
    real = pipeline.cluster
    monkeypatch.setattr(pipeline, "cluster", lambda items, stats=None, jobs=1, memo=None, introductions=None:
                        calls.append(len(items)) or real(items, stats, jobs, memo, introductions))
    return calls


@pytest.fixture
def restored(monkeypatch) -> list[bool]:
    """Records each attempt to restore a stored result (True when one was found)."""
    calls: list[bool] = []
    real = pipeline._restore
    monkeypatch.setattr(pipeline, "_restore", lambda index, key, read_text: calls.append(
        (found := real(index, key, read_text)) is not None) or found)
    return calls


def results(db: Path, table: str = "results") -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def scan_jsonl(folder: Path, db: Path, *extra: str) -> str:
    result = run("scan", str(folder), "-f", "jsonl", "--index", str(db), *extra)
    assert result.exit_code == Exit.OK, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", [["-f", "jsonl"], ["-f", "csv", "--long"], ["-f", "tsv"], ["-f", "json"]])
def test_an_unchanged_rescan_restores_the_result_without_clustering(corpus, tmp_path, clustered, fmt):
    db = tmp_path / "index.sqlite"
    first = run("scan", str(corpus), "--index", str(db), *fmt)
    assert len(clustered) == 1 and results(db) == 1
    again = run("scan", str(corpus), "--index", str(db), *fmt)
    assert len(clustered) == 1  # restored, not clustered
    assert again.exit_code == Exit.OK and again.stdout == first.stdout


def test_the_restored_result_equals_a_fresh_one_record_for_record(corpus, tmp_path):
    db = str(tmp_path / "index.sqlite")
    fresh = pipeline.scan([str(corpus)], ScanOptions(index=None))
    pipeline.scan([str(corpus)], ScanOptions(index=db))
    restored = pipeline.scan([str(corpus)], ScanOptions(index=db))
    assert restored.articles == fresh.articles and restored.clusters == fresh.clusters
    assert restored.skipped == fresh.skipped
    # Alignments are made again on demand, the same as the scan's own.
    occ = restored.clusters[0].members[-1]
    assert occ.alteration is not None and occ.alteration.diff == fresh.clusters[0].members[-1].alteration.diff


def test_a_scan_without_texts_drops_only_the_texts_of_plain_files(corpus, tmp_path):
    (corpus / "page.html").write_text("<html><body><article><p>“Pages keep their text,” Ann Lee said.</p>"
                                      "</article></body></html>", encoding="utf-8")
    db = str(tmp_path / "index.sqlite")
    full = pipeline.scan([str(corpus)], ScanOptions(index=None))
    for _ in range(2):  # scanned, then restored without reading the files again
        bare = pipeline.scan([str(corpus)], ScanOptions(index=db, texts=False))
        assert [a.text for a in bare.articles] == [a.text if a.path.endswith(".html") else None
                                                   for a in full.articles]
        assert [replace(a, text=None) for a in bare.articles] == [replace(a, text=None) for a in full.articles]
        assert _rows(bare) == _rows(full)
    assert pipeline.scan([str(corpus)], ScanOptions(index=db)).articles == full.articles  # texts read again


def _rows(result: ScanResult) -> list[dict]:
    return list(to_rows(result.clusters, per_occurrence=True)[1])


def test_filters_apply_to_a_restored_result(corpus, tmp_path, clustered):
    db = tmp_path / "index.sqlite"
    scan_jsonl(corpus, db)
    filtered = scan_jsonl(corpus, db, "--speaker", "jane roe")
    assert len(clustered) == 1  # restored, then filtered
    assert filtered.splitlines() and all('"speaker": "Jane Roe"' in line for line in filtered.splitlines())
    assert filtered == run("scan", str(corpus), "-f", "jsonl", "--no-index", "--speaker", "jane roe").stdout


@pytest.mark.parametrize("change", ["edit", "add", "remove", "manifest", "touch"])
def test_a_changed_input_is_scanned_again(corpus, tmp_path, clustered, change):
    db = tmp_path / "index.sqlite"
    scan_jsonl(corpus, db)
    if change == "edit":
        (corpus / "a0002.txt").write_text("“All new,” Ann Lee said.\n", encoding="utf-8")
    elif change == "add":
        (corpus / "a0100.txt").write_text("“Brand new,” Bo Chan said.\n", encoding="utf-8")
    elif change == "remove":
        (corpus / "a0003.txt").unlink()
    elif change == "manifest":
        (corpus / "quotetrack.csv").write_text("file,outlet\na0001.txt,The Daily Test\n", encoding="utf-8")
    else:
        (corpus / "a0001.txt").touch()
    again = scan_jsonl(corpus, db)
    # A file touched but unchanged has the same content hash: its stored result still holds.
    assert len(clustered) == (1 if change == "touch" else 2)
    assert again == clean(corpus)


def test_a_rule_change_retires_stored_results(corpus, tmp_path, clustered, monkeypatch):
    db = tmp_path / "index.sqlite"
    scan_jsonl(corpus, db)
    monkeypatch.setattr(snapshot, "rules_digest", lambda: "other rules")
    again = scan_jsonl(corpus, db)
    assert len(clustered) == 2 and again == clean(corpus)


def test_a_damaged_stored_result_is_ignored(corpus, tmp_path, clustered):
    db = tmp_path / "index.sqlite"
    first = scan_jsonl(corpus, db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE results SET payload = ?", (b"not a result",))
        conn.execute("UPDATE outputs SET payload = ?", (b"not an output",))
    assert scan_jsonl(corpus, db) == first and len(clustered) == 2
    assert scan_jsonl(corpus, db) == first and len(clustered) == 2  # stored again, sound this time


def test_the_same_command_again_copies_its_stored_output(corpus, tmp_path, clustered, restored):
    db = tmp_path / "index.sqlite"
    first = run("scan", str(corpus), "-f", "csv", "--speaker", "roe", "--index", str(db))
    again = run("scan", str(corpus), "-f", "csv", "--speaker", "roe", "--index", str(db))
    assert again.stdout == first.stdout and again.stderr == first.stderr  # the summary line too
    assert len(clustered) == 1 and restored == [False]  # neither clustered nor restored again
    assert results(db, "outputs") == 1


@pytest.mark.parametrize("other", [["-f", "tsv"], ["-f", "csv", "--long"], ["-f", "csv", "--raw-cells"],
                                   ["-f", "csv", "--speaker", "lee"], ["-f", "csv", "--full-only"]])
def test_another_format_or_filter_writes_its_own_output(corpus, tmp_path, clustered, restored, other):
    db = tmp_path / "index.sqlite"
    run("scan", str(corpus), "-f", "csv", "--index", str(db))
    again = run("scan", str(corpus), "--index", str(db), *other)
    assert len(clustered) == 1 and restored == [False, True]  # restored from the result
    assert results(db, "outputs") == 2
    assert again.stdout == run("scan", str(corpus), "--no-index", *other).stdout


@pytest.mark.parametrize("damage", ["whole", "body"])
def test_a_damaged_stored_output_falls_back_on_the_result(corpus, tmp_path, clustered, restored, damage):
    db = tmp_path / "index.sqlite"
    first = scan_jsonl(corpus, db)
    with sqlite3.connect(db) as conn:
        payload = conn.execute("SELECT payload FROM outputs").fetchone()[0]
        # A damaged body is refused by its digest before any of it is written.
        damaged = b"not an output" if damage == "whole" else payload[:-20] + bytes(20)
        conn.execute("UPDATE outputs SET payload = ?", (damaged,))
    assert scan_jsonl(corpus, db) == first and len(clustered) == 1 and restored == [False, True]


def test_a_change_to_how_output_is_written_retires_stored_outputs(corpus, tmp_path, clustered, restored,
                                                                   monkeypatch):
    db = tmp_path / "index.sqlite"
    first = scan_jsonl(corpus, db)
    monkeypatch.setattr(outputs, "front_end_digest", lambda: "other writers")
    assert scan_jsonl(corpus, db) == first and len(clustered) == 1 and restored == [False, True]


def test_a_table_is_never_stored(corpus, tmp_path):
    db = tmp_path / "index.sqlite"
    result = run("scan", str(corpus), "-f", "table", "--index", str(db))
    assert result.exit_code == Exit.OK and "cluster" in result.stdout
    assert results(db) == 1 and results(db, "outputs") == 0


def test_only_the_most_recent_results_are_kept(tmp_path, clustered):
    db = tmp_path / "index.sqlite"
    folders = [make_corpus(tmp_path / f"c{i}", 2 + i) for i in range(index_mod.RESULTS_KEPT + 1)]
    for folder in folders:
        scan_jsonl(folder, db)
    assert results(db) == index_mod.RESULTS_KEPT
    scan_jsonl(folders[-1], db)  # the newest is kept
    assert len(clustered) == len(folders)
    scan_jsonl(folders[0], db)  # the oldest was dropped
    assert len(clustered) == len(folders) + 1


def test_standard_input_never_stores_a_result(corpus, tmp_path, clustered):
    db = tmp_path / "index.sqlite"
    text = (corpus / "a0000.txt").read_text(encoding="utf-8")
    for _ in range(2):
        result = run("scan", "-", str(corpus), "-f", "jsonl", "--index", str(db), input=text)
        assert result.exit_code == Exit.OK
    assert results(db) == 0 and results(db, "outputs") == 0 and len(clustered) == 2


def test_the_key_covers_every_input_and_its_order():
    base = [("a.txt", "h1"), ("b.txt", "h2")]
    key = snapshot.result_key(base, "m")
    assert snapshot.result_key(base, "m") == key
    assert snapshot.result_key(base[::-1], "m") != key
    assert snapshot.result_key([("a.txt", "h1"), ("b.txt", "h3")], "m") != key
    assert snapshot.result_key(base, "other manifests") != key
    assert snapshot.result_key(base[:1], "m") != key


def test_a_cut_short_result_is_never_half_restored(corpus, tmp_path):
    result = pipeline.scan([str(corpus)], ScanOptions(index=None))
    blob = snapshot.encode_result(result.articles, result.skipped, result.clusters, text_from_file=lambda a: False)
    assert snapshot.decode_result(blob, str)[2] == result.clusters
    assert any(len(o.clusters) > 1 for c in result.clusters for o in c.members)  # merged quotes: "primaries"
    # A merged quote whose first cluster comes after one that lists it: compared with its first
    # cluster's canonical wording all the same.
    late = tuple(reversed(result.clusters))
    blob = snapshot.encode_result(result.articles, result.skipped, late, text_from_file=lambda a: False)
    assert snapshot.decode_result(blob, str)[2] == late
    for end in (len(blob) // 3, len(blob) // 2, len(blob) - 5):
        with pytest.raises((ValueError, zlib.error)):
            snapshot.decode_result(blob[:end], str)

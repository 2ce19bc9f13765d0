"""The incremental index and parallel extraction: same output as a clean serial run, whatever
happened to the index (killed scans, concurrent scans, damage, version changes)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotetrack import index as index_mod
from quotetrack import pipeline
from quotetrack.cli import Exit, app
from quotetrack.corpus import iter_articles
from quotetrack.index import default_path, open_index
from quotetrack.models import Article
from quotetrack.text import concept_counts

from .conftest import SEEDS


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def make_corpus(folder: Path, n: int) -> Path:
    """``n`` distinct articles built from the seeds (each with its own closing line)."""
    seeds = sorted(SEEDS.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (folder / f"a{i:04d}.txt").write_text(f"{text}\n“Copy number {i} is here,” Jane Roe said.\n", encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path) -> Path:
    return make_corpus(tmp_path / "corpus", 12)


@pytest.fixture
def indexed(monkeypatch, tmp_path) -> Path:
    """Scans use the default index, as outside the test suite, in a cache folder of the test's
    own; returns where that index is."""
    monkeypatch.delenv("QUOTETRACK_NO_INDEX", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "quotetrack" / "index.sqlite"


def clean(folder: Path) -> str:
    result = run("scan", str(folder), "-f", "jsonl", "--no-index", "-j", "1")
    assert result.exit_code == Exit.OK
    return result.stdout


def rows(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM files").fetchone()[0]


@pytest.mark.parametrize("paths, indexed_at_all", [
    (["corpus"], True), (["corpus", "other"], True), (["-", "corpus"], True),
    (["corpus/a0000.txt"], True), (["-"], False), ([], False),
])
def test_default_index_path_is_in_the_cache_folder(monkeypatch, tmp_path, paths, indexed_at_all):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    expected = str(tmp_path / "xdg" / "quotetrack" / "index.sqlite") if indexed_at_all else None
    assert default_path(paths) == expected
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if indexed_at_all:
        assert default_path(paths) == str(tmp_path / "home" / ".cache" / "quotetrack" / "index.sqlite")


def test_jobs_output_is_byte_identical_to_serial(corpus, monkeypatch):
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(pipeline, "CHUNK_FILES", 3)
    serial = clean(corpus)
    for jobs in ("2", "3", "0"):
        result = run("scan", str(corpus), "-f", "jsonl", "-j", jobs)
        assert result.exit_code == Exit.OK and result.stdout == serial


def test_rescan_reuses_the_index_and_sees_changes(corpus, indexed, monkeypatch):
    first = run("scan", str(corpus), "-f", "jsonl")
    db = indexed
    assert first.exit_code == Exit.OK and first.stdout == clean(corpus) and rows(db) == 12
    extracted: list[str] = []
    real = pipeline.quotes_of
    monkeypatch.setattr(pipeline, "quotes_of", lambda a: extracted.append(a.doc) or real(a))
    assert run("scan", str(corpus), "-f", "jsonl").stdout == first.stdout
    assert extracted == []  # nothing re-extracted
    os.utime(corpus / "a0001.txt", ns=(1, 1))  # touched, same bytes: the hash says unchanged
    (corpus / "a0002.txt").write_text("“All new,” Ann Lee said.\n", encoding="utf-8")
    (corpus / "a0100.txt").write_text("“Brand new,” Bo Chan said.\n", encoding="utf-8")
    again = run("scan", str(corpus), "-f", "jsonl")
    assert sorted(extracted) == ["a0002", "a0100"]
    assert again.stdout == clean(corpus) and "All new" in again.stdout and rows(db) == 13


def test_the_input_folder_is_left_untouched(corpus, indexed):
    before = {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*")}
    assert run("scan", str(corpus), "-q").exit_code == Exit.OK
    assert {p.relative_to(corpus): p.read_bytes() for p in corpus.rglob("*")} == before
    assert rows(indexed) == 12  # the index went to the cache folder


def test_index_option_puts_it_elsewhere_and_no_index_writes_nothing(corpus, tmp_path, indexed):
    elsewhere = tmp_path / "idx" / "my.sqlite"
    assert run("scan", str(corpus), "-q", "--index", str(elsewhere)).exit_code == Exit.OK
    assert rows(elsewhere) == 12 and not indexed.exists()
    assert run("scan", str(corpus), "-q", "--no-index").exit_code == Exit.OK
    assert not indexed.exists()


def test_stdin_is_never_indexed(tmp_path, indexed):
    db = tmp_path / "i.sqlite"
    result = run("scan", "-", "-f", "jsonl", "--index", str(db), input="“Hello there,” Ann Lee said.\n")
    assert result.exit_code == Exit.OK and '"Hello there"' in result.stdout
    assert rows(db) == 0


@pytest.mark.parametrize("damage, warning", [
    (lambda p: p.write_bytes(b"this is not a database at all" * 100), "not an index file"),
    (lambda p: p.write_bytes(p.read_bytes()[:200]), "rebuilding"),
    (lambda p: p.write_bytes(p.read_bytes()[:100] + b"\xff" * 3000 + p.read_bytes()[3100:]), "rebuilding"),
    (lambda p: _set_schema(p, "0.0.1/1/old"), "another version or rule set"),
    (lambda p: _drop_table(p, "meta"), "unknown layout"),
])
def test_a_damaged_or_old_index_is_rebuilt_with_a_warning(corpus, indexed, damage, warning):
    assert run("scan", str(corpus), "-q").exit_code == Exit.OK
    db = indexed
    damage(db)
    result = run("scan", str(corpus), "-f", "jsonl")
    assert result.exit_code == Exit.OK and result.stdout == clean(corpus)
    assert "quotetrack: warning:" in result.stderr and warning in result.stderr
    assert rows(db) == 12  # rebuilt and filled again
    quiet = run("scan", str(corpus), "-f", "jsonl")
    assert "warning" not in quiet.stderr and quiet.stdout == result.stdout


def _set_schema(db: Path, value: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (value,))


def _drop_table(db: Path, table: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"DROP TABLE {table}")


def test_a_rule_change_invalidates_the_index(tmp_path, monkeypatch):
    warnings: list[str] = []
    db = str(tmp_path / "i.sqlite")
    open_index(db, warnings).close()
    monkeypatch.setattr(index_mod, "schema_key", lambda: "0.1.0/1/different-rules")
    open_index(db, warnings).close()
    assert len(warnings) == 1 and "another version or rule set" in warnings[0]


def test_an_unwritable_index_falls_back_to_no_index(corpus, tmp_path, indexed):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run("scan", str(corpus), "-f", "jsonl", "--index", str(blocker / "index.sqlite"))
    assert result.exit_code == Exit.OK and result.stdout == clean(corpus)
    assert "cannot use index" in result.stderr and "scanning without it" in result.stderr
    assert "warning" not in run("scan", str(corpus), "-q", "--index", str(blocker / "i.sqlite")).stderr


def _scan_process(folder: Path, db: Path, *extra: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "QUOTETRACK_NO_INDEX"}
    return subprocess.Popen([sys.executable, "-m", "quotetrack", "scan", str(folder), "-f", "jsonl", "-q",
                             "--index", str(db), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def test_a_scan_killed_mid_way_loses_nothing(tmp_path, indexed):
    folder = make_corpus(tmp_path / "big", 400)
    db = tmp_path / "i.sqlite"
    proc = _scan_process(folder, db, "-j", "1")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if db.exists() and 0 < rows(db) < 400:
                break
        except sqlite3.Error:
            pass  # the index is being created
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    kept = rows(db)
    assert 0 < kept < 400
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    result = run("scan", str(folder), "-f", "jsonl", "--index", str(db))
    assert result.exit_code == Exit.OK and "warning" not in result.stderr
    assert result.stdout == clean(folder) and rows(db) == 400


def test_two_scans_at_once_share_one_index(tmp_path, indexed):
    folder = make_corpus(tmp_path / "big", 150)
    db = tmp_path / "i.sqlite"
    procs = [_scan_process(folder, db, "-j", "1") for _ in range(2)]
    outs = [p.communicate() for p in procs]
    expected = clean(folder)
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err.decode()
        assert out.decode() == expected
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert rows(db) == 150
    assert run("scan", str(folder), "-f", "jsonl", "--index", str(db)).stdout == expected


def test_entries_keep_their_concept_counts_in_order():
    article = next(a for a in iter_articles([str(SEEDS)]) if isinstance(a, Article))
    entry = pipeline._entry(article)
    assert entry.quotes and list(entry.counts.items()) == list(concept_counts(article.text).items())
    (back,) = index_mod.decode_entries(index_mod.encode_entries([entry], article.text), article.text)
    assert back == entry and list(back.counts) == list(entry.counts)


@pytest.mark.parametrize("command", [["report", "-o", "-"], ["trace", "Copy number"]])
def test_report_and_trace_share_the_scans_index(corpus, indexed, monkeypatch, command):
    clustered: list[int] = []
    real = pipeline.cluster
    monkeypatch.setattr(pipeline, "cluster", lambda items, stats=None, jobs=1, memo=None, introductions=None:
                        clustered.append(len(items)) or real(items, stats, jobs, memo, introductions))
    assert run(command[0], *command[1:], str(corpus), "-q", "--no-index").exit_code == Exit.OK
    assert not indexed.exists()
    assert run("scan", str(corpus), "-q", "-f", "jsonl").exit_code == Exit.OK and rows(indexed) == 12
    first = run(command[0], *command[1:], str(corpus), "-q", "-j", "2")
    assert first.exit_code == Exit.OK and "Copy number" in first.stdout
    assert len(clustered) == 2  # the --no-index run and the scan; this one restored the scan's result
    assert run(command[0], *command[1:], str(corpus), "-q", "--no-index").stdout == first.stdout


@pytest.mark.parametrize("make", [
    lambda p: p.write_text("“A quote,” Jane Roe said.\n", encoding="utf-8"),  # an article
    lambda p: p.write_text("# README\n", encoding="utf-8"),
    lambda p: sqlite3.connect(p).execute("CREATE TABLE t (x)").connection.commit(),  # another program's db
])
def test_index_never_overwrites_a_file_that_is_not_an_index(corpus, tmp_path, indexed, make):
    target = tmp_path / "precious"
    make(target)
    before = target.read_bytes()
    for quiet in ([], ["-q"]):
        result = run("scan", str(corpus), "--index", str(target), *quiet)
        assert result.exit_code == Exit.USAGE
        assert result.stderr == (f"quotetrack: error: --index {target} exists and is not a quotetrack index: "
                                 "it was left as it is; name a new file\n")
    assert target.read_bytes() == before


def test_index_is_never_written_inside_a_folder_being_scanned(corpus, tmp_path, indexed):
    before = sorted(p.name for p in corpus.iterdir())
    article = corpus / "a0000.txt"
    for target in (article, corpus / "index.sqlite", corpus / "sub" / "i.sqlite"):
        result = run("scan", str(corpus), "--index", str(target), "-q")
        assert result.exit_code == Exit.USAGE
        assert "a folder being scanned: put the index elsewhere" in result.stderr
    assert sorted(p.name for p in corpus.iterdir()) == before
    # an index it made before is still its own: used again, not refused
    db = tmp_path / "own.sqlite"
    assert run("scan", str(corpus), "--index", str(db), "-q").exit_code == Exit.OK
    assert run("scan", str(corpus), "--index", str(db), "-q").exit_code == Exit.OK


def test_entries_keep_the_people_their_article_introduces():
    """A re-scan reads who each article introduces by an owner's role from the index, not from its text."""
    text = "Roe’s attorney, Dana Poe, spoke on Monday.\n\n“We will appeal the ruling,” Poe said.\n"
    entry = pipeline._entry(Article(doc="a", path="a.txt", outlet="x", date=None, text=text))
    assert entry.introductions == (("roe", "attorney", "Dana Poe"),)
    (back,) = index_mod.decode_entries(index_mod.encode_entries([entry], text), text)
    assert back == entry

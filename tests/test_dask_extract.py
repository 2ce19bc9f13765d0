"""The scan on a Dask cluster (``--scheduler``): a real scheduler and two worker processes on this
machine give the output of a serial run, byte for byte, whatever the index holds and even when a
worker is killed mid-scan."""

from __future__ import annotations

import io
import os
import signal
import socket
import sys

import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from quotetrack import dask_extract
from quotetrack.cli import Exit, app
from quotetrack.models import ScanOptions
from quotetrack.pipeline import READING, scan
from quotetrack.report import Format, render, to_rows

from .conftest import SEEDS, SHARED
from .test_index import make_corpus

BASIL = SHARED / "devdata" / "basil-stories" / "docs"
"""A few hundred real articles (264 files: nine chunks, more than are ever in flight at once)."""


def run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def scheduler():
    """The address of a scheduler with two single-threaded worker processes, shared by the module."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def basil_serial() -> str:
    """BASIL scanned serially in this process, as JSON lines: what every other run must print."""
    if not BASIL.is_dir():
        pytest.skip("the development data (../shared) is not beside this checkout")
    result = run("scan", str(BASIL), "-f", "jsonl", "--no-index", "-j", "1")
    assert result.exit_code == Exit.OK
    return result.stdout


@pytest.fixture
def sent(monkeypatch) -> list[str]:
    """The paths the client sends to the workers, in the order it sends them."""
    paths: list[str] = []
    load = dask_extract._load

    def spy(chunk):
        paths.extend(path for path, _ in chunk)
        return load(chunk)

    monkeypatch.setattr(dask_extract, "_load", spy)
    return paths


@pytest.mark.parametrize("command", [
    ["scan", str(SEEDS), "-f", "jsonl"],
    ["scan", str(SEEDS), "--long", "-f", "tsv"],
    ["report", str(SEEDS)],
    ["trace", "cease hostilities", str(SEEDS), "-f", "tsv"],
])
def test_seeds_on_the_cluster_print_what_a_serial_run_prints(scheduler, sent, command):
    serial = run(*command, "--no-index", "-j", "1")
    distributed = run(*command, "--no-index", "--scheduler", scheduler)
    assert distributed.exit_code == serial.exit_code == Exit.OK
    assert distributed.stdout == serial.stdout
    assert distributed.stderr == serial.stderr
    assert sorted(sent) == sorted(str(p) for p in SEEDS.iterdir())  # every file went to the workers


def test_a_few_hundred_real_articles_give_the_serial_output(scheduler, basil_serial, sent):
    result = run("scan", str(BASIL), "-f", "jsonl", "--no-index", "--scheduler", scheduler)
    assert result.exit_code == Exit.OK
    assert result.stdout == basil_serial
    assert len(sent) == len(list(BASIL.iterdir()))


def test_the_environment_variable_names_the_scheduler_too(scheduler, sent, monkeypatch):
    monkeypatch.setenv("QUOTETRACK_SCHEDULER", scheduler)
    result = run("scan", str(SEEDS), "-f", "jsonl", "--no-index")
    assert result.exit_code == Exit.OK
    assert len(sent) == 5


def test_dask_s_own_variable_does_not_send_articles_away(scheduler, sent, monkeypatch):
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", scheduler)
    result = run("scan", str(SEEDS), "-f", "jsonl", "--no-index", "-j", "1")
    assert result.exit_code == Exit.OK
    assert sent == []


def test_only_new_and_changed_files_go_to_the_workers(scheduler, sent, tmp_path, monkeypatch):
    monkeypatch.delenv("QUOTETRACK_NO_INDEX", raising=False)
    corpus = make_corpus(tmp_path / "corpus", 40)
    index = str(tmp_path / "index.sqlite")
    first = run("scan", str(corpus), "-f", "jsonl", "--index", index, "--scheduler", scheduler)
    assert first.exit_code == Exit.OK
    assert len(sent) == 40
    sent.clear()
    changed = corpus / "a0007.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n“A late line,” Jane Roe said.\n", encoding="utf-8")
    make_corpus(tmp_path / "more", 1).joinpath("a0000.txt").rename(corpus / "new.txt")
    again = run("scan", str(corpus), "-f", "jsonl", "--index", index, "--scheduler", scheduler)
    assert again.exit_code == Exit.OK
    assert sorted(sent) == [str(changed), str(corpus / "new.txt")]
    assert again.stdout == run("scan", str(corpus), "-f", "jsonl", "--no-index", "-j", "1").stdout
    sent.clear()
    unchanged = run("scan", str(corpus), "-f", "jsonl", "--index", index, "--scheduler", scheduler)
    assert unchanged.stdout == again.stdout
    assert sent == []


def test_an_unreachable_scheduler_is_one_line_and_exit_2(monkeypatch):
    monkeypatch.setattr(dask_extract, "CONNECT_TIMEOUT_S", 0.5)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    result = run("scan", str(SEEDS), "--no-index", "--scheduler", address)
    assert result.exit_code == Exit.USAGE
    assert result.stdout == ""
    assert result.stderr.startswith(f"quotetrack: error: cannot reach the Dask scheduler at {address}: ")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("address", ["not a scheduler", "tcp://"])
def test_a_malformed_address_is_a_usage_error(monkeypatch, address):
    monkeypatch.setattr(dask_extract, "CONNECT_TIMEOUT_S", 0.5)
    result = run("scan", str(SEEDS), "--no-index", "--scheduler", address)
    assert result.exit_code == Exit.USAGE
    assert result.stderr.startswith("quotetrack: error: cannot reach the Dask scheduler at")
    assert result.stderr.count("\n") == 1


def test_without_distributed_the_option_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    result = run("scan", str(SEEDS), "--no-index", "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == Exit.USAGE
    assert result.stderr == "quotetrack: error: --scheduler needs Dask's distributed package: " \
                            "pip install 'quotetrack[dask]'\n"


def test_a_worker_with_other_rules_refuses_the_task():
    with pytest.raises(Exception, match="other extraction rules"):
        dask_extract.extract_remote([], False, "0.0.0/0/not-these-rules")


def test_a_worker_killed_mid_scan_changes_nothing(scheduler, basil_serial):
    """The progress bar follows the tasks as they finish; at the first one, a worker is killed
    (SIGKILL): its tasks run again on the other (or its restarted self), and the output is the same."""
    with Client(scheduler, set_as_default=False) as client:
        pids = client.run(os.getpid)
    seen: list[int] = []
    killed: list[int] = []

    def progress(step: str, done: int, total: int | None) -> None:
        if step != READING:
            return
        if not killed and 0 < done < (total or 0):
            killed.append(max(pids.values()))
            os.kill(killed[0], signal.SIGKILL)
        seen.append(done)

    result = scan([str(BASIL)], ScanOptions(scheduler=scheduler, texts=False), progress=progress)
    assert seen[-1] == len(list(BASIL.iterdir()))
    assert len(seen) >= 9 and seen == sorted(seen)  # a step for each chunk of 32 files as it came back
    with Client(scheduler, set_as_default=False) as client:
        client_pids = set(client.run(os.getpid).values())  # the killed worker is gone (or restarted)
    assert killed and killed[0] not in client_pids
    columns, rows = to_rows(result.clusters, per_occurrence=True)
    out = io.StringIO()
    render(columns, rows, Format.JSONL, out)
    assert out.getvalue() == basil_serial


def test_a_task_that_fails_on_the_worker_is_one_line_and_exit_1(scheduler, monkeypatch):
    """Whatever breaks on a worker (here, files sent without a reader) is one line naming the
    chunk, and exit code 1."""
    monkeypatch.setattr(dask_extract, "_load", lambda chunk: [(path, None, None, b"x") for path, _ in chunk])
    result = run("scan", str(SEEDS), "--no-index", "--scheduler", scheduler)
    assert result.exit_code == Exit.ERROR
    assert result.stderr.startswith(f"quotetrack: error: a Dask worker failed on 5 files from {SEEDS}")
    assert "TypeError" in result.stderr and result.stderr.count("\n") == 1

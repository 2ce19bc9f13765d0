"""The CLI contract: formats, filters, stdin, exit codes, stderr, and pipes through a real shell."""

from __future__ import annotations

import io
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from quotetrack import progressbar
from quotetrack.cli import Exit, app

from .conftest import SEEDS

runner = CliRunner()


def run(*args: str, stdin: bytes | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_scan_jsonl_follows_the_contract():
    result = run("scan", str(SEEDS), "-f", "jsonl")
    assert result.exit_code == Exit.OK
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 49
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for row in rows:
        assert texts[row["doc"]][row["start"]:row["end"]] == row["text"]
        assert row["kind"] in ("full", "fragment")
        assert row["cluster"] in row["clusters"]
    assert "5 articles read, 49 quotes found" in result.stderr


def test_piped_default_is_tsv_one_cluster_a_line():
    result = run("scan", str(SEEDS))
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["cluster", "speaker", "n_outlets"]
    first = lines[1].split("\t")
    assert first[1] == "Vladimir Putin" and first[2] == "5"
    assert first[-1] == "We agree with the proposals to cease hostilities"


def test_long_lists_each_outlets_wording():
    result = run("scan", str(SEEDS), "--long", "-f", "csv")
    assert "We agree with the proposal to stop the hostilities" in result.stdout
    assert result.stdout.splitlines()[0].startswith("doc,path,start,end,text")


@pytest.mark.parametrize("args, check", [
    (["--speaker", "ushakov"], lambda rows: rows and all(r["speaker"] == "Yuri Ushakov" for r in rows)),
    (["--min-outlets", "4"], lambda rows: rows and all(int(r["n_outlets"]) >= 4 for r in rows)),
    (["--full-only", "--long"], lambda rows: rows and all(r["kind"] == "full" for r in rows)),
    (["--speaker", "nobody-at-all"], lambda rows: rows == []),
])
def test_filters(args, check):
    result = run("scan", str(SEEDS), "-f", "json", *args) if "--long" in args else \
        run("scan", str(SEEDS), "-f", "csv", *args)
    assert result.exit_code == Exit.OK
    if "--long" in args:
        rows = json.loads(result.stdout)
    else:
        import csv
        import io
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert check(rows)


def test_stdin_is_read_with_dash():
    result = run("scan", "-", "-f", "jsonl", stdin="“We agree,” Putin said.\n".encode())
    row = json.loads(result.stdout)
    assert (row["doc"], row["text"], row["speaker"]) == ("stdin", "We agree", "Putin")


def test_missing_path_is_a_usage_error():
    result = run("scan", "no/such/dir")
    assert result.exit_code == Exit.USAGE
    assert result.stderr.strip() == "quotetrack: error: no such file or directory: no/such/dir"
    assert "Traceback" not in result.output


def test_bad_option_is_a_usage_error():
    assert run("scan", str(SEEDS), "-f", "xml").exit_code == Exit.USAGE
    assert run("scan", str(SEEDS), "--min-outlets", "0").exit_code == Exit.USAGE


def test_bad_files_are_skipped_and_reported(tmp_path):
    (tmp_path / "good.txt").write_text("“Fine,” Jane Doe said.\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 binary")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = run("scan", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == Exit.OK
    assert json.loads(result.stdout)["text"] == "Fine"
    assert "skipped" in result.stderr and "binary file" in result.stderr
    assert "not UTF-8 text" in result.stderr and "empty file" in result.stderr
    assert "1 article read, 1 quote found, 1 cluster, 3 files skipped" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_no_quotes_is_success(tmp_path):
    (tmp_path / "plain.txt").write_text("Nothing quoted here.\n", encoding="utf-8")
    result = run("scan", str(tmp_path), "-f", "tsv")
    assert result.exit_code == Exit.OK
    assert result.stdout.splitlines() == ["\t".join(["cluster", "speaker", "n_outlets", "first_seen",
                                                     "first_outlet", "varies", "outlets", "quote"])]


def test_quiet_silences_stderr():
    assert run("scan", str(SEEDS), "-q").stderr == ""


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("quotetrack ")


def _shell(cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, timeout=120)


def _exe() -> str:
    return shutil.which("quotetrack") or f"{sys.executable} -m quotetrack"


def test_closed_pipe_exits_zero_quietly():
    done = _shell(f"{_exe()} scan {SEEDS} --long | head -1")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("doc\t")
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr


def test_grep_one_record_a_line():
    done = _shell(f"{_exe()} scan {SEEDS} -q | grep Ushakov")
    assert done.returncode == 0
    assert all(line.split("\t")[1] == "Yuri Ushakov" for line in done.stdout.splitlines())
    assert len(done.stdout.splitlines()) == 2


def test_python_dash_m():
    done = _shell(f"{sys.executable} -m quotetrack scan {SEEDS} -q -f jsonl | wc -l")
    assert done.stdout.strip() == "49"


# --- quotetrack text, quotetrack report ---------------------------------------------------------

from .conftest import DATA  # noqa: E402


@pytest.mark.parametrize("corpus", [DATA / "inputs", SEEDS])
def test_text_prints_what_offsets_index(corpus):
    rows = [json.loads(line) for line in run("scan", str(corpus), "-f", "jsonl").stdout.splitlines()]
    assert rows
    texts = {}
    for row in rows:
        if row["doc"] not in texts:
            result = run("text", row["doc"], "--corpus", str(corpus))
            assert result.exit_code == Exit.OK and result.stderr == ""
            texts[row["doc"]] = result.stdout
        assert texts[row["doc"]][row["start"]:row["end"]] == row["text"]
    seed = next(SEEDS.glob("003_*.txt"))
    if corpus == SEEDS:
        assert texts[seed.stem] == seed.read_text(encoding="utf-8")  # byte for byte, no newline added


def test_text_unknown_doc_is_a_usage_error():
    result = run("text", "nope", "--corpus", str(SEEDS))
    assert result.exit_code == Exit.USAGE
    assert result.stderr.strip() == f"quotetrack: error: no article file or doc id starting with 'nope' under {SEEDS}"
    assert run("text", "x", "--corpus", "no/such/dir").exit_code == Exit.USAGE


def test_report_writes_one_html_file(tmp_path):
    out = tmp_path / "report.html"
    result = run("report", str(SEEDS), str(DATA / "inputs"), "-o", str(out))
    assert result.exit_code == Exit.OK and result.stdout == ""
    assert result.stderr.strip() == f"wrote {out}: 10 articles read, 56 quotes found, 27 clusters, 0 files skipped"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_report_to_stdout_and_errors(tmp_path):
    result = run("report", str(DATA / "inputs"), "-q")
    assert result.exit_code == Exit.OK and result.stderr == "" and "<section id=\"matrix\">" in result.stdout
    bad = run("report", str(SEEDS), "-o", str(tmp_path / "missing" / "r.html"))
    assert bad.exit_code == Exit.ERROR and bad.stderr.startswith("quotetrack: error: cannot write")
    assert run("report", "no/such/dir").exit_code == Exit.USAGE


def test_scan_reports_skipped_html_without_trafilatura(tmp_path, monkeypatch):
    import shutil as sh

    from quotetrack.readers.html import MISSING_TRAFILATURA
    sh.copy(DATA / "inputs" / "gazette.html", tmp_path)
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    result = run("scan", str(tmp_path), "-f", "jsonl")
    assert result.exit_code == Exit.ERROR and result.stdout == ""  # the only input is unreadable
    assert f"quotetrack: skipped {tmp_path}/gazette.html: {MISSING_TRAFILATURA}" in result.stderr


def test_the_progress_bar_shows_on_a_slow_scan_and_is_gone_before_any_output(monkeypatch, capsys):
    monkeypatch.setattr(progressbar, "PROGRESS_DELAY_S", 0.0)
    shown = io.StringIO()
    with progressbar.ProgressBar(Console(file=shown, force_terminal=True, width=80), enabled=True) as progress:
        progress("reading files", 1, 1000)
        assert "reading files" in shown.getvalue() and "1/1,000" in shown.getvalue()
        progress("clustering 7,500 quotes", 0, None)  # a step that cannot count: no count, its time
        assert "clustering 7,500 quotes" in shown.getvalue() and "0:00:00" in shown.getvalue()
        progress.stop()
        print("data")  # while a bar is live, rich sends stdout to the bar's console
        progress("reading files", 5, 10)  # a stopped bar never comes back
    assert capsys.readouterr().out == "data\n" and "5/10" not in shown.getvalue()


def test_no_progress_bar_for_a_quick_scan_or_when_disabled(monkeypatch):
    shown = io.StringIO()
    console = Console(file=shown, force_terminal=True, width=80)
    with progressbar.ProgressBar(console, enabled=True) as progress:
        progress("reading files", 1, 10)  # before PROGRESS_DELAY_S
    monkeypatch.setattr(progressbar, "PROGRESS_DELAY_S", 0.0)
    with progressbar.ProgressBar(console, enabled=False) as progress:
        progress("reading files", 1, 10)
    assert shown.getvalue() == ""



def _children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_term_and_hup_end_the_worker_processes(tmp_path, signum):
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(600):
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        (tmp_path / f"a{i:04d}.txt").write_text(f"{text}\n“Copy {i} is here,” Jane Roe said.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", "from quotetrack.cli import main; main()", "scan", str(tmp_path),
                             "--no-index", "-j", "2", "-f", "jsonl"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not _children(proc.pid) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert workers, "the scan never started its workers"
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signum
    assert err.decode().endswith(f"quotetrack: terminated by {signal.Signals(signum).name}\n")
    time.sleep(0.5)
    assert not [w for w in workers if Path(f"/proc/{w}").exists()
                and "zombie" not in Path(f"/proc/{w}/status").read_text()]

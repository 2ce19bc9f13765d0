"""Inputs nobody controls: encodings, line endings, odd files and folders, each with a defined
behaviour and exit code (docs: INPUTS.md, CLI.md, GUARANTEES.md)."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotetrack import cli
from quotetrack.cli import Exit, app
from quotetrack.corpus import decode, iter_files, shown
from quotetrack.models import InputError, Skipped

from .conftest import SEEDS

runner = CliRunner()
ARTICLE = "date 2025-03-13 By Jane Roe\nTalks\n“We agree,” Jane Doe said.\n“It works.”\n"


def scan(*args: str, stdin: bytes | None = None):
    return runner.invoke(app, ["scan", *args], input=stdin)


def jsonl(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


# --- decoding ------------------------------------------------------------------------------

@pytest.mark.parametrize("data, expected", [
    ("“Hi,” he said.".encode(), "“Hi,” he said."),
    (codecs.BOM_UTF8 + "“Hi”".encode(), "“Hi”"),
    (codecs.BOM_UTF16_LE + "“Hi”\r\n".encode("utf-16-le"), "“Hi”\n"),
    (codecs.BOM_UTF16_BE + "“Hi”".encode("utf-16-be"), "“Hi”"),
    (codecs.BOM_UTF32_LE + "“Hi”".encode("utf-32-le"), "“Hi”"),
    (b"a\r\nb\rc\nd\r\r\n", "a\nb\nc\nd\n\n"),
    (b"", ""),
    (b"\x1b[31m red \x07", "\x1b[31m red \x07"),  # control characters are text: kept, offsets exact
])
def test_decode_accepts(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize("data, reason", [
    ("café".encode("latin-1"), "not UTF-8 text (invalid byte 0xe9 at offset 3)"),
    (b"\x93quoted\x94", "not UTF-8 text (invalid byte 0x93 at offset 0)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("“Hi”".encode("utf-16-le"), "binary file"),  # UTF-16 needs its byte-order mark
    (codecs.BOM_UTF16_LE + b"a\x00b", "not UTF-16 text (invalid byte 0x62 at offset 4)"),
    (codecs.BOM_UTF8 + b"ok \xff", "not UTF-8 text (invalid byte 0xff at offset 6)"),
])
def test_decode_refuses_with_a_reason(data, reason):
    with pytest.raises(ValueError) as exc:
        decode(data)
    assert str(exc.value) == reason


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.replace("\n", "\r").encode("utf-8"),
    lambda t: codecs.BOM_UTF16_LE + t.replace("\n", "\r\n").encode("utf-16-le"),
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
], ids=["utf8", "utf8-bom", "crlf", "cr", "utf16le-crlf", "utf16be"])
def test_every_encoding_and_line_ending_scans_the_same(tmp_path, encode):
    """Paragraphs split and offsets index the decoded text, whatever the bytes on disk."""
    reference = tmp_path / "ref.txt"
    reference.write_text(ARTICLE, encoding="utf-8")
    variant = tmp_path / "art.txt"
    variant.write_bytes(encode(ARTICLE))
    want, got = jsonl(scan(str(reference), "-f", "jsonl")), jsonl(scan(str(variant), "-f", "jsonl"))
    assert len(got) == 2 and got[1]["cue"] == "continuation" and got[0]["date"] == "2025-03-13"
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("doc", "path", "outlet")} for r in rows]  # noqa: E731
    assert strip(got) == strip(want)
    text = decode(variant.read_bytes())
    assert all(text[r["start"]:r["end"]] == r["text"] for r in got)


def test_utf8_offsets_match_pythons_text_mode(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode())
    with open(path, encoding="utf-8-sig") as fh:
        text = fh.read()
    for row in jsonl(scan(str(path), "-f", "jsonl")):
        assert text[row["start"]:row["end"]] == row["text"]


# --- files and folders ---------------------------------------------------------------------

def write(folder: Path, name: str, text: str = ARTICLE) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("setup, reason", [
    (lambda d: (d / "bin.txt").write_bytes(b"\x00\x01\x02"), "binary file"),
    (lambda d: (d / "latin.txt").write_bytes(b"caf\xe9"), "not UTF-8 text (invalid byte 0xe9 at offset 3)"),
    (lambda d: (d / "blank.txt").write_text(" \n\t\r\n"), "empty file"),
    (lambda d: (d / "loop.txt").symlink_to(d / "loop.txt"), "Too many levels of symbolic links"),
    (lambda d: (d / "dangling.txt").symlink_to(d / "missing.txt"), "broken symbolic link"),
    (lambda d: os.mkfifo(d / "pipe.txt"), "not a regular file"),
])
def test_bad_files_in_a_folder_are_skipped_with_a_reason(tmp_path, setup, reason):
    write(tmp_path, "good.txt")
    setup(tmp_path)
    result = scan(str(tmp_path), "-f", "jsonl")
    assert result.exit_code == Exit.OK
    assert [r["doc"] for r in jsonl(result)] == ["good", "good"]
    assert f": {reason}\n" in result.stderr
    assert "1 article read, 2 quotes found, 2 clusters, 1 file skipped" in result.stderr


@pytest.mark.parametrize("setup, outcome", [
    (lambda d: d / "nothing-here", (Exit.USAGE, "quotetrack: error: no such file or directory: ")),
    (lambda d: (d / "l").symlink_to(d / "l") or d / "l", (Exit.ERROR, "Too many levels of symbolic links")),
    (lambda d: (d / "b").symlink_to(d / "gone") or d / "b", (Exit.ERROR, "broken symbolic link")),
    (lambda d: (d / "empty").mkdir() or d / "empty", (Exit.ERROR, "no article files (.htm, .html, .json, .jsonl, .markdown, .md, .text, .txt)")),
    (lambda d: write(d / "h", ".hidden.txt").parent, (Exit.ERROR, "no article files")),
    (lambda d: write(d / "x", "notes.pdf", "“Hi,” he said.").parent, (Exit.ERROR, "no article files")),
])
def test_named_paths_have_a_defined_outcome(tmp_path, setup, outcome):
    code, message = outcome
    result = scan(str(setup(tmp_path)))
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_symlinked_folders_are_not_followed_so_loops_end(tmp_path):
    write(tmp_path, "a/one.txt")
    (tmp_path / "a" / "back").symlink_to(tmp_path)          # a loop back to the top
    (tmp_path / "again").symlink_to(tmp_path / "a")         # the same folder twice
    write(tmp_path, "b/two.txt")
    (tmp_path / "b" / "link.txt").symlink_to(tmp_path / "a" / "one.txt")  # a file link is read
    items = list(iter_files([str(tmp_path)]))
    assert [Path(p).relative_to(tmp_path).as_posix() for p, _ in items] == ["a/one.txt", "b/link.txt", "b/two.txt"]


def test_a_named_symlink_to_a_folder_is_walked(tmp_path):
    write(tmp_path, "real/one.txt")
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    assert [Path(p).name for p, _ in iter_files([str(tmp_path / "alias")])] == ["one.txt"]


def test_unreadable_file_is_skipped_and_the_rest_scanned(tmp_path, monkeypatch):
    # Tests run as root, which chmod 000 does not stop: make open() refuse one file instead.
    write(tmp_path, "a.txt")
    locked = write(tmp_path, "b.txt")
    write(tmp_path, "c.txt")
    real_open = open

    def fake_open(path, *args, **kwargs):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("quotetrack.corpus.open", fake_open, raising=False)
    result = scan(str(tmp_path), "-f", "jsonl")
    assert result.exit_code == Exit.OK
    assert sorted({r["doc"] for r in jsonl(result)}) == ["a", "c"]
    assert f"quotetrack: skipped {locked}: Permission denied" in result.stderr


def test_unlistable_folder_is_skipped_and_its_siblings_scanned(tmp_path, monkeypatch):
    write(tmp_path, "a/one.txt")
    write(tmp_path, "b/two.txt")
    write(tmp_path, "c/three.txt")
    real_scandir = os.scandir

    def fake_scandir(path="."):
        if os.fspath(path) == str(tmp_path / "b"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    items = list(iter_files([str(tmp_path)]))
    assert items[0] == Skipped(str(tmp_path / "b"), "Permission denied")
    assert [Path(p).name for p, _ in items[1:]] == ["one.txt", "three.txt"]


def test_a_fifo_in_a_folder_never_hangs_the_scan(tmp_path):
    write(tmp_path, "good.txt")
    os.mkfifo(tmp_path / "zz-pipe.txt")  # opening it for reading would block forever
    done = subprocess.run([sys.executable, "-m", "quotetrack", "scan", str(tmp_path), "-f", "jsonl"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "zz-pipe.txt: not a regular file" in done.stderr
    assert len(done.stdout.splitlines()) == 2


def test_a_named_fifo_is_read(tmp_path):
    fifo = tmp_path / "feed"
    os.mkfifo(fifo)
    done = subprocess.run(["bash", "-c", f"printf '“Piped in,” Jane Doe said.\\n' > {fifo} & "
                                         f"{sys.executable} -m quotetrack scan {fifo} -f jsonl"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["text"] == "Piped in"


@pytest.mark.parametrize("name", ["with space.txt", "Ünïcödé – “quoted”.txt", "日本語.md", "-dash.txt", "a;b,c.txt"])
def test_names_with_spaces_and_non_ascii(tmp_path, name):
    write(tmp_path, name)
    result = scan(str(tmp_path), "-f", "jsonl")
    rows = jsonl(result)
    assert result.exit_code == Exit.OK and len(rows) == 2
    assert rows[0]["doc"] == os.path.splitext(name)[0] and rows[0]["path"] == str(tmp_path / name)


def test_file_names_that_are_not_utf8_are_shown_with_replacement_characters(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"bad\xff name.txt")
    with open(raw, "w", encoding="utf-8") as fh:
        fh.write(ARTICLE)
    for fmt in ("jsonl", "tsv", "csv", "table", "json"):
        result = scan(str(tmp_path), "-f", fmt)
        assert result.exit_code == Exit.OK, result.output
        assert ("bad" if fmt == "table" else "bad\ufffd name") in result.stdout  # the table: a short id
    assert shown(os.fsdecode(raw)).endswith("bad\ufffd name.txt")


def test_a_few_thousand_small_files(tmp_path):
    for i in range(2000):
        write(tmp_path, f"d{i % 7}/n {i:04d}.txt", f"“Line {i} is said,” Jane Doe said.\n")
    result = scan(str(tmp_path), "-f", "jsonl", "-q")
    rows = jsonl(result)
    assert result.exit_code == Exit.OK and len(rows) == 2000
    assert [r["doc"] for r in rows] == sorted(r["doc"] for r in rows)
    assert all(r["text"] == f"Line {int(r['doc'][2:])} is said" for r in rows)


def test_missing_path_among_good_ones_is_a_usage_error(tmp_path):
    with pytest.raises(InputError):
        list(iter_files([str(write(tmp_path, "a.txt")), str(tmp_path / "nope")]))


# --- untouched inputs, determinism, exit codes ----------------------------------------------

def _fingerprint(folder: Path) -> dict[str, tuple[str, int, int]]:
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns,
                                        p.stat().st_mode)
            for p in folder.rglob("*") if p.is_file()}


def test_inputs_are_never_modified(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "seeds" / "bad.txt").write_bytes(b"\xff\xfe\x00")
    before = _fingerprint(tmp_path)
    for fmt in ("jsonl", "csv", "table"):
        assert scan(str(tmp_path), "-f", fmt).exit_code == Exit.OK
    assert _fingerprint(tmp_path) == before
    assert sorted(os.listdir(tmp_path / "seeds")) == sorted(os.listdir(SEEDS) + ["bad.txt"])


LAYOUTS = {
    "flat": lambda i, name: name,
    "one folder each": lambda i, name: f"outlet {i}/{name}",
    "reversed nesting": lambda i, name: f"{'z' * (5 - i)}/deep/{name}",
    "shuffled folders": lambda i, name: f"{random.Random(i).choice('qwerty')}{i * 7 % 5}/{name}",
}


def _layout(root: Path, layout) -> Path:
    for i, src in enumerate(sorted(SEEDS.glob("*.txt"))):
        dest = root / layout(i, src.name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dest)
    return root


def _without_paths(stdout: str) -> list[dict]:
    return [{k: v for k, v in json.loads(line).items() if k != "path"} for line in stdout.splitlines()]


def test_output_is_the_same_for_any_layout_and_file_order(tmp_path):
    reference = scan(str(SEEDS), "-f", "tsv").stdout
    reference_long = _without_paths(scan(str(SEEDS), "-f", "jsonl").stdout)
    for n, layout in enumerate(LAYOUTS.values()):
        root = _layout(tmp_path / str(n), layout)
        assert scan(str(root), "-f", "tsv").stdout == reference
        assert _without_paths(scan(str(root), "-f", "jsonl").stdout) == reference_long
    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    for seed in range(3):
        random.Random(seed).shuffle(files)
        assert scan(*files, "-f", "tsv").stdout == reference


def test_repeated_runs_are_identical():
    outputs = {scan(str(SEEDS), "-f", fmt).stdout for fmt in ("jsonl",) for _ in range(3)}
    assert len(outputs) == 1


@pytest.mark.parametrize("args, code", [
    (["scan", "SEEDS"], Exit.OK),
    (["scan", "EMPTY"], Exit.ERROR),   # every named input unreadable: a script must see it failed
    (["scan", "BINARY"], Exit.ERROR),
    (["scan", "SEEDS", "MISSING"], Exit.USAGE),
    (["scan", "SEEDS", "--format", "xml"], Exit.USAGE),
    (["scan", "SEEDS", "--no-such-option"], Exit.USAGE),
    (["scan"], Exit.USAGE),
])
def test_exit_codes(tmp_path, args, code):
    (tmp_path / "empty").mkdir()
    (tmp_path / "bin.txt").write_bytes(b"\x00")
    where = {"SEEDS": str(SEEDS), "EMPTY": str(tmp_path / "empty"), "BINARY": str(tmp_path / "bin.txt"),
             "MISSING": str(tmp_path / "missing")}
    result = runner.invoke(app, [where.get(a, a) for a in args])
    assert result.exit_code == code
    assert "Traceback" not in result.output


def test_ctrl_c_exits_130_without_a_traceback(monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "scan_output", interrupted)
    monkeypatch.setattr(sys, "argv", ["quotetrack", "scan", str(SEEDS)])
    with pytest.raises(SystemExit) as exc:
        cli.main()
    assert exc.value.code == Exit.INTERRUPTED
    assert "Traceback" not in capsys.readouterr().err

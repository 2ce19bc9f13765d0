"""Output safety: article text cannot run as a spreadsheet formula, drive the terminal, or be
read as rich markup; JSON stays exact (docs/GUARANTEES.md)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotetrack.cli import Exit, app
from quotetrack.report import (
    BREAKING_CHARS,
    OCCURRENCE_COLUMNS,
    UNSAFE_CHAR_RE,
    Format,
    formula_safe,
    render,
    safe_rows,
    terminal_safe,
)

runner = CliRunner()
ESC = "\x1b"


@pytest.mark.parametrize("text, expected", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("  =1", "'  =1"),
    # negative cases: a trigger that is not first, plain text, already quoted, empty
    ("a=b", "a=b"),
    ("x-ray", "x-ray"),
    ("We agree", "We agree"),
    ("'=1", "'=1"),
    ("", ""),
    ("–1 (en dash)", "–1 (en dash)"),
])
def test_formula_safe(text, expected):
    assert formula_safe(text) == expected


@pytest.mark.parametrize("text, expected", [
    (f"{ESC}[31mred{ESC}[0m text", "red text"),
    (f"{ESC}[2J{ESC}[H cleared", " cleared"),
    (f"{ESC}]0;owned title\x07after", "after"),
    (f"{ESC}]8;;http://evil.example{ESC}\\link{ESC}]8;;{ESC}\\", "link"),
    (f"{ESC}P+q544e{ESC}\\x", "x"),
    ("\x9b31mC1 red", "C1 red"),
    (f"lone{ESC}escape", "loneescape"),
    (f"{ESC}]0;never terminated", "]0;never terminated"),  # the ESC goes: the rest is plain text
    ("bell\x07 back\x08space\x00nul\x7fdel", "bell backspacenuldel"),
    ("\u202eevil\u202c \u2067iso\u2069 \u200fmark", "evil iso mark"),
    # negative cases: ordinary text of any script is left alone
    ("“We agree,” Putin said.", "“We agree,” Putin said."),
    ("Привет — مرحبا — 你好 — 🙂", "Привет — مرحبا — 你好 — 🙂"),
    ("[bold]not markup[/] :smile:", "[bold]not markup[/] :smile:"),
])
def test_terminal_safe(text, expected):
    assert terminal_safe(text) == expected


HOSTILE = {
    "formula": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "escape": f"{ESC}]0;owned{ESC}\\{ESC}[31mred{ESC}[0m said",
    "markup": "[/] [bold red]loud[/bold red] :warning:",
    "bidi": "abc\u202edcba",
    "breaks": "one\u2028two\x85three\vfour\ffive",
}


def _rows() -> list[dict]:
    rows = []
    for n, (name, text) in enumerate(HOSTILE.items()):
        row = {k: None for k in OCCURRENCE_COLUMNS}
        row.update(doc=name, path=f"{name}.txt", start=n, end=n + len(text), text=text, speaker="-Eve",
                   cluster=f"q{n:08x}", kind="full", clusters=[f"q{n:08x}"], canonical=text)
        rows.append(row)
    return rows


def _out(fmt: Format, raw_cells: bool = False) -> str:
    buf = io.StringIO()
    render(OCCURRENCE_COLUMNS, _rows(), fmt, buf, raw_cells=raw_cells)
    return buf.getvalue()


def test_csv_cells_are_neutralised():
    rows = list(csv.DictReader(io.StringIO(_out(Format.CSV))))
    assert rows[0]["text"] == "'" + HOSTILE["formula"]
    assert all(r["speaker"] == "'-Eve" for r in rows)
    assert rows[1]["text"] == "red said"
    assert rows[3]["text"] == "abcdcba"
    assert rows[4]["text"] == "one two three four five"
    assert all(not UNSAFE_CHAR_RE.search(v) for r in rows for v in r.values())


def test_raw_cells_opts_out_for_csv_and_tsv():
    rows = list(csv.DictReader(io.StringIO(_out(Format.CSV, raw_cells=True))))
    assert rows[0]["text"] == HOSTILE["formula"] and rows[0]["speaker"] == "-Eve"
    assert rows[1]["text"] == HOSTILE["escape"]
    tsv = _out(Format.TSV, raw_cells=True).splitlines()
    assert len(tsv) == len(HOSTILE) + 1  # still one record a line
    assert tsv[1].split("\t")[4] == HOSTILE["formula"]


def test_tsv_is_one_clean_record_a_line():
    text = _out(Format.TSV)
    lines = text.splitlines()
    assert len(lines) == len(HOSTILE) + 1 and text.count("\n") == len(lines)
    assert all(line.count("\t") == len(OCCURRENCE_COLUMNS) - 1 for line in lines)
    assert ESC not in text and "\u202e" not in text
    assert lines[1].split("\t")[4].startswith("'=HYPERLINK")


def test_table_shows_text_not_markup_or_escapes():
    text = _out(Format.TABLE)
    assert ESC not in text and "\u202e" not in text and "\x07" not in text
    squashed = "".join(text.split())  # the table wraps long cells over lines
    assert "[/]" in squashed and "[boldred]loud[/boldred]" in squashed and ":warning:" in squashed
    assert "⚠" not in text


def test_table_is_cleaned_even_with_raw_cells():
    assert ESC not in _out(Format.TABLE, raw_cells=True)


@pytest.mark.parametrize("fmt", [Format.JSON, Format.JSONL])
@pytest.mark.parametrize("raw_cells", [False, True])
def test_json_stays_exact_and_escaped(fmt, raw_cells):
    text = _out(fmt, raw_cells=raw_cells)
    assert ESC not in text and "\x85" not in text and "\u202e" not in text  # written as \u escapes
    assert len(text.splitlines()) == (len(HOSTILE) if fmt is Format.JSONL else text.count("\n"))
    parsed = json.loads(text) if fmt is Format.JSON else [json.loads(line) for line in text.splitlines()]
    assert [r["text"] for r in parsed] == list(HOSTILE.values())
    assert parsed[0]["speaker"] == "-Eve"


def test_safe_rows_leaves_json_rows_untouched():
    rows = _rows()
    assert safe_rows(OCCURRENCE_COLUMNS, rows, Format.JSONL) is rows


HOSTILE_ARTICLE = ("Report\n"
                   f"“=1+2 is the {ESC}[31manswer{ESC}[0m,” Jane Doe said.\n"
                   "“[/bold] @everyone :boom:,” she added.\n")


@pytest.mark.parametrize("fmt, present, absent", [
    ("csv", ["'=1+2 is the answer", "[/bold] @everyone"], [ESC]),
    ("tsv", ["'=1+2 is the answer", "[/bold] @everyone :boom:"], [ESC]),
    ("table", ["[/bold]", ":boom:"], [ESC, "💥"]),
    ("jsonl", ["\\u001b[31manswer"], [ESC]),
])
def test_cli_end_to_end(tmp_path, fmt, present, absent):
    (tmp_path / "a.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(tmp_path), "-f", fmt, "--long"])
    assert result.exit_code == Exit.OK, result.output
    for s in present:
        assert s in result.stdout
    for s in absent:
        assert s not in result.stdout


def test_cli_raw_cells(tmp_path):
    (tmp_path / "a.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["scan", str(tmp_path), "-f", "csv", "--long", "--raw-cells"])
    row = next(csv.DictReader(io.StringIO(result.stdout)))
    assert row["text"] == f"=1+2 is the {ESC}[31manswer{ESC}[0m"


def test_hostile_file_names_cannot_drive_the_terminal_through_warnings(tmp_path):
    (tmp_path / f"evil{ESC}]0;owned\x07{ESC}[2J.txt").write_bytes(b"\x00binary")
    (tmp_path / ":boom: [bold].txt").write_bytes(b"\x00binary")
    result = runner.invoke(app, ["scan", str(tmp_path)])
    assert result.exit_code == Exit.ERROR  # nothing readable
    assert ESC not in result.stderr and "\x07" not in result.stderr
    assert "evil.txt: binary file" in result.stderr
    assert ":boom: [bold].txt: binary file" in result.stderr


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_cleaned_cells_are_always_safe(text):
    for fmt in (Format.CSV, Format.TSV, Format.TABLE):
        row = {k: text for k in OCCURRENCE_COLUMNS}
        value = next(iter(safe_rows(OCCURRENCE_COLUMNS, [row], fmt)))["text"]
        assert not UNSAFE_CHAR_RE.search(value)
        assert not any(ch in BREAKING_CHARS for ch in value)
        if fmt is not Format.TABLE:
            assert value.lstrip(" ")[:1] not in set("=+-@") or value.startswith("'")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_tsv_and_csv_round_trip_record_count(texts):
    rows = []
    for t in texts:
        row = {k: t for k in OCCURRENCE_COLUMNS}
        rows.append(row)
    for fmt in (Format.TSV, Format.CSV):
        for raw in (False, True):
            buf = io.StringIO()
            render(OCCURRENCE_COLUMNS, rows, fmt, buf, raw_cells=raw)
            if fmt is Format.TSV:
                assert len(buf.getvalue().split("\n")) == len(rows) + 2
            else:
                parsed = list(csv.reader(io.StringIO(buf.getvalue(), newline="")))
                assert len(parsed) == len(rows) + 1

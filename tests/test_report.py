"""Renderers: every format renders, cells stay flat, auto picks by terminal."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quotetrack.pipeline import scan
from quotetrack.report import (
    CLUSTER_COLUMNS,
    JSONL_BATCH,
    OCCURRENCE_COLUMNS,
    RENDERERS,
    Format,
    cell,
    render,
    render_jsonl,
    resolve_format,
    to_rows,
)

from .conftest import SEEDS


@pytest.fixture(scope="module")
def clusters():
    return scan([str(SEEDS)]).clusters


def test_every_format_has_a_renderer():
    assert set(RENDERERS) == set(Format) - {Format.AUTO}


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.AUTO])
@pytest.mark.parametrize("per_occurrence", [False, True])
def test_every_format_renders(clusters, fmt, per_occurrence):
    columns, made = to_rows(clusters, per_occurrence=per_occurrence)
    rows = list(made)
    out = io.StringIO()
    render(columns, rows, fmt, out)
    text = out.getvalue()
    assert "We agree with the proposals to cease hostilities" in text.replace("\n", " ") or fmt is Format.TABLE
    if fmt is Format.JSONL:
        assert len(text.splitlines()) == len(rows)
        assert all(set(json.loads(line)) == set(columns) for line in text.splitlines())
    if fmt is Format.JSON:
        assert len(json.loads(text)) == len(rows)
    if fmt is Format.CSV:
        parsed = list(csv.reader(io.StringIO(text)))
        assert tuple(parsed[0]) == columns and len(parsed) == len(rows) + 1
    if fmt is Format.TSV:
        lines = text.splitlines()
        assert len(lines) == len(rows) + 1
        assert all(line.count("\t") == len(columns) - 1 for line in lines)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_is_written_as_json_dumps_lays_it_out(clusters, count):
    columns, rows = to_rows(clusters, per_occurrence=True)
    rows = list(rows)[:count]
    out = io.StringIO()
    render(columns, iter(rows), Format.JSON, out)  # rows read once, as they come
    assert out.getvalue() == json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def test_table_renders_the_canonical_wording(clusters):
    out = io.StringIO()
    columns, rows = to_rows(clusters, per_occurrence=False)
    render(columns, rows, Format.TABLE, out)
    assert "Putin" in out.getvalue() and "hostilities" in out.getvalue()


def test_columns_are_the_contract():
    for name in ("doc", "path", "start", "end", "text", "speaker", "cluster", "kind", "cue", "outlet", "date"):
        assert name in OCCURRENCE_COLUMNS
    assert CLUSTER_COLUMNS[0] == "cluster"


@pytest.mark.parametrize("value, expected", [
    (None, ""), (True, "yes"), (False, "no"), (["a", "b"], "a; b"), ("tab\there\nline", "tab here line"), (3, "3"),
])
def test_cell(value, expected):
    assert cell(value) == expected


@pytest.mark.parametrize("requested, tty, resolved", [
    (Format.AUTO, True, Format.TABLE), (Format.AUTO, False, Format.TSV),
    (Format.CSV, True, Format.CSV), (Format.JSONL, False, Format.JSONL),
])
def test_resolve_format(requested, tty, resolved):
    assert resolve_format(requested, tty) is resolved


# --- provenance: first outlet, ties, unknown dates, wire copy ---------------------------------

from quotetrack.models import Cluster, Kind, Occurrence, Quote  # noqa: E402
from quotetrack.report import TIE_SEPARATOR, UNDATED_MARK, cluster_row, occurrence_row  # noqa: E402

from .conftest import DATA, make_article  # noqa: E402


def _cluster(*dated: tuple[str, str | None]) -> Cluster:
    members = []
    for outlet, date in dated:
        a = make_article("\u201cWe agree,\u201d he said.", doc=outlet.lower(), date=date, outlet=outlet)
        members.append(Occurrence(a, Quote(a.doc, 1, 9, "We agree", Kind.FULL, 0), ("q1",)))
    members.sort(key=lambda o: (o.article.date is None, o.article.date or "", o.article.doc))
    return Cluster("q1", tuple(members), "We agree", None)


@pytest.mark.parametrize("dated, first, outlets", [
    ([("B", "2025-03-14"), ("A", "2025-03-13")], "A", ["A", "B"]),
    ([("B", "2025-03-13"), ("A", "2025-03-13"), ("C", "2025-03-14")], f"A{TIE_SEPARATOR}B", ["A", "B", "C"]),
    ([("A", None), ("B", "2025-03-14")], "B", ["B", f"A{UNDATED_MARK}"]),
    ([("A", None), ("B", None)], None, [f"A{UNDATED_MARK}", f"B{UNDATED_MARK}"]),
])
def test_first_outlet_ties_and_unknown_dates(dated, first, outlets):
    row = cluster_row(_cluster(*dated))
    assert (row["first_outlet"], row["outlets"]) == (first, outlets)


def test_wire_copy_is_marked_on_occurrences():
    result = scan([str(DATA / "inputs")])
    rows = {o.article.doc: occurrence_row(o, "") for o in result.occurrences}
    assert rows["wires:hb-101"]["wire"] == ["AP"]
    assert rows["gazette"]["wire"] == []
    assert OCCURRENCE_COLUMNS.index("wire") > OCCURRENCE_COLUMNS.index("canonical")
    alvarez = next(c for c in result.clusters if c.speaker == "Jane Alvarez" and len(c.outlets) > 1)
    assert cluster_row(alvarez)["first_outlet"] == f"Harbor Gazette{TIE_SEPARATOR}Coast Herald"


def test_seed_provenance_uses_text_metadata(clusters):
    putin = cluster_row(clusters[0])
    assert putin["first_outlet"] == "000_eca3ec239ed395bf"
    assert "Reuters" in putin["outlets"]  # seed 003's "[Source: Reuters]"
    assert putin["outlets"][-1].endswith(UNDATED_MARK)


def test_jsonl_writes_one_line_a_row_in_batches_with_only_the_columns():
    columns = ("a", "b")
    rows = [{"a": i, "b": "x\u2028y"} if i % 2 else {"b": "z", "a": i, "_record": object()}
            for i in range(2 * JSONL_BATCH + 3)]
    out = io.StringIO()
    render_jsonl(columns, rows, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(rows) and out.getvalue().endswith("\n")
    assert lines[0] == '{"a": 0, "b": "z"}'  # the columns' order, no record
    assert lines[1] == '{"a": 1, "b": "x\\u2028y"}'  # a line separator stays escaped
    assert [json.loads(line)["a"] for line in lines] == list(range(len(rows)))

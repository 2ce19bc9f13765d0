"""Output of ``diff`` and ``trace``: their column contracts, rows, and a coloured table.

``DIFF_COLUMNS`` and ``TRACE_COLUMNS`` are output contracts like ``report.OCCURRENCE_COLUMNS``:
columns are only ever added at the end. CSV, TSV, JSON and JSON lines go through
``report.render``; the table shows each word diff inline, deletions red and struck through,
insertions green (colour left to rich: ``NO_COLOR``, ``TERM=dumb``, not a terminal).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .compare import Alignment, Op
from .diff import SHINGLE_WORDS, ArticleDiff, DiffSummary, QuotePair
from .report import Format, cell, render, terminal_safe
from .trace import TraceHit

DIFF_COLUMNS: tuple[str, ...] = (
    "status", "alteration", "flags", "a_doc", "a_start", "a_end", "a_speaker", "a_text",
    "b_doc", "b_start", "b_end", "b_speaker", "b_text", "diff",
)
"""One row per shared pair, then per quote only in A, then only in B."""

TRACE_COLUMNS: tuple[str, ...] = (
    "cluster", "score", "date", "outlet", "doc", "speaker", "kind", "alteration", "flags", "text",
    "diff", "canonical", "path", "start", "end",
)
"""One row per occurrence of every matching cluster: best match first, then earliest first."""

DELETED_STYLE = "red strike"
INSERTED_STYLE = "green"
ALIGNMENT = "_alignment"
"""Row key (not a column) carrying the word alignment the table draws inline."""


def diff_rows(d: ArticleDiff) -> list[dict[str, Any]]:
    """Rows of ``DIFF_COLUMNS`` for an article diff, in its order."""
    return [_pair_row(p, d) for p in d.rows]


def _pair_row(p: QuotePair, d: ArticleDiff) -> dict[str, Any]:
    c = p.comparison
    row: dict[str, Any] = {"status": p.status.value,
                           "alteration": c.alteration.value if c else None,
                           "flags": [f.value for f in c.flags] if c else [],
                           "diff": c.diff if c else None,
                           ALIGNMENT: c.alignment if c else None}
    for side, q, article in (("a", p.a, d.a), ("b", p.b, d.b)):
        row[f"{side}_doc"] = article.doc if q else None
        row[f"{side}_start"] = q.start if q else None
        row[f"{side}_end"] = q.end if q else None
        row[f"{side}_speaker"] = q.speaker if q else None
        row[f"{side}_text"] = q.text if q else None
    return row


def trace_rows(hits: Sequence[TraceHit]) -> list[dict[str, Any]]:
    """Rows of ``TRACE_COLUMNS``: every variant of each hit, earliest first."""
    rows = []
    for h in hits:
        for o in h.cluster.members:
            c = o.alteration
            rows.append({
                "cluster": h.cluster.id, "score": h.score, "date": o.article.date,
                "outlet": o.article.outlet, "doc": o.article.doc, "speaker": o.quote.speaker,
                "kind": o.quote.kind.value, "alteration": c.alteration.value if c else None,
                "flags": [f.value for f in c.flags] if c else [], "text": o.quote.text,
                "diff": c.diff if c else None, "canonical": h.cluster.canonical,
                "path": o.article.path, "start": o.quote.start, "end": o.quote.end,
                ALIGNMENT: c.alignment if c else None,
            })
    return rows


def inline_diff(al: Alignment) -> Text:
    """Wording A with B's changes written in: deleted words struck in red, inserted in green
    (article text made ``terminal_safe`` piece by piece)."""
    out = _SafeText()
    pos = 0
    for e in al.edits:
        out.append(al.a[pos:e.a_span[0]])
        if e.op is Op.EQUAL:
            out.append(e.a)
        elif e.op is Op.DELETE:
            out.append(e.a, style=DELETED_STYLE)
        elif e.op is Op.REPLACE:
            out.append(e.a, style=DELETED_STYLE)
            out.append(" ")
            out.append(e.b, style=INSERTED_STYLE)
        else:
            lead = " " if e.a_span[0] > 0 else ""
            trail = " " if e.a_span[0] == 0 and al.a else ""
            out.append(lead)
            out.append(e.b, style=INSERTED_STYLE)
            out.append(trail)
        pos = e.a_span[1]
    out.append(al.a[pos:])
    return out


class _SafeText(Text):
    """Rich text that drops terminal escape and control sequences from whatever is appended."""

    def append(self, text, style=None):  # type: ignore[override]
        return super().append(terminal_safe(text) if isinstance(text, str) else text, style)


def _flags(row: dict[str, Any]) -> str:
    return "\n".join(row["flags"])


def _speaker(row: dict[str, Any]) -> str:
    a, b = row.get("a_speaker"), row.get("b_speaker")
    if row["status"] == "shared" and a != b:
        return f"{a or '?'} / {b or '?'}"
    return cell(a or b)


def _quote(text_key: str):
    def draw(row: dict[str, Any]) -> Text | str:
        al = row.get(ALIGNMENT)
        if al is not None and al.changes:
            return inline_diff(al)
        return cell(row.get(text_key) or row.get("b_text"))
    return draw


# What the table shows of each view: (header, how to draw a row's cell, share of the width).
TABLE_VIEWS = {
    DIFF_COLUMNS: (("status", lambda r: r["status"], None), ("alteration", lambda r: cell(r["alteration"]), None),
                   ("flags", _flags, None), ("speaker", _speaker, 2),
                   ("quote (A → B)", _quote("a_text"), 6)),
    TRACE_COLUMNS: (("date", lambda r: cell(r["date"]), None),
                    ("outlet", lambda r: cell(r["outlet"]), 2), ("speaker", lambda r: cell(r["speaker"]), 2),
                    ("alteration", lambda r: cell(r["alteration"]), None), ("flags", _flags, None),
                    ("quote (canonical → this)", _quote("text"), 6)),
}


def render_table(columns: Sequence[str], rows: Sequence[dict[str, Any]], out: TextIO) -> None:
    """A rich table with each word diff drawn inline."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, header_style="bold", expand=True)
    view = TABLE_VIEWS[tuple(columns)]
    for header, _, ratio in view:
        table.add_column(header, overflow="fold", no_wrap=ratio is None, ratio=ratio,
                         min_width=min(len(header), 8))
    for k, row in enumerate(rows):
        # Trace rows come cluster by cluster: a rule between two quotes.
        if k and row.get("cluster", "") != rows[k - 1].get("cluster", ""):
            table.add_section()
        cells = (draw(row) for _, draw, _ in view)
        table.add_row(*(terminal_safe(c) if isinstance(c, str) else c for c in cells))
    Console(file=out, highlight=False).print(table)


def render_view(columns: Sequence[str], rows: Sequence[dict[str, Any]], fmt: Format, out: TextIO,
                *, raw_cells: bool = False) -> None:
    """Write diff or trace rows in ``fmt`` (resolved): the table here, the rest by ``report``
    (with its output safety; ``raw_cells`` as there)."""
    if fmt is Format.TABLE:
        render_table(columns, rows, out)
    else:
        render(columns, rows, fmt, out, raw_cells=raw_cells)


def describe(s: DiffSummary) -> str:
    """The one-line summary of an article diff."""
    return (f"A: {s.quotes_a} quotes, B: {s.quotes_b} quotes, {s.shared} shared ({s.differing} differ in wording); "
            f"quoted words shared: {s.quoted_a_in_b:.0%} of A's, {s.quoted_b_in_a:.0%} of B's; "
            f"reporter's own text shared ({SHINGLE_WORDS}-word runs): {s.own_a_in_b:.0%} of A's, "
            f"{s.own_b_in_a:.0%} of B's")

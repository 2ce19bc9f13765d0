"""Output of ``diff`` and ``trace``: their column contracts, rows, and a coloured table.

``DIFF_COLUMNS`` and ``TRACE_COLUMNS`` are output contracts like ``report.OCCURRENCE_COLUMNS``:
columns are only ever added at the end. CSV, TSV, JSON and JSON lines go through
``report.render``; the table shows each word diff inline, deletions red and struck through,
insertions green (colour left to rich: ``NO_COLOR``, ``TERM=dumb``, not a terminal).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

from rich.console import Console
from rich.text import Text

from .compare import Alignment, Op
from .diff import SHINGLE_WORDS, ArticleDiff, DiffSummary, QuotePair
from .report import LIST_SEPARATOR, Format, cell, render, terminal_safe
from .termtable import Column, colourless
from .termtable import render as render_columns
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
FIRST_OF_CLUSTER = "_first"
"""Row key (not a column): the row is the first of its cluster in a trace."""


def diff_rows(d: ArticleDiff) -> list[dict[str, Any]]:
    """Rows of ``DIFF_COLUMNS`` for an article diff, in its order."""
    return [_pair_row(p, d) for p in d.rows]


def _pair_row(p: QuotePair, d: ArticleDiff) -> dict[str, Any]:
    c = p.comparison
    row: dict[str, Any] = {"status": p.status.value,
                           "alteration": c.alteration.value if c else None,
                           "flags": [f.value for f in c.flags] if c else [],
                           "diff": word_diff(c.alignment) if c else None,
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
        for k, o in enumerate(h.cluster.members):
            c = o.alteration
            rows.append({
                "cluster": h.cluster.id, "score": h.member_scores[k] if h.member_scores else h.score,
                "date": o.article.date,
                "outlet": o.article.outlet, "doc": o.article.doc, "speaker": o.quote.speaker,
                "kind": o.quote.kind.value, "alteration": c.alteration.value if c else None,
                "flags": [f.value for f in c.flags] if c else [], "text": o.quote.text,
                "diff": word_diff(c.alignment) if c else None, "canonical": h.cluster.canonical,
                "path": o.article.path, "start": o.quote.start, "end": o.quote.end,
                ALIGNMENT: c.alignment if c else None, FIRST_OF_CLUSTER: k == 0,
            })
    return rows


DELETED_MARKS = ("[-", "-]")
INSERTED_MARKS = ("{+", "+}")
"""Changes marked in text, as ``git diff --word-diff`` marks them: ``[-halt-]{+stop+}``. Used
where colour is not shown (``NO_COLOR``, a terminal without colour) and in the ``diff`` column,
whose cells therefore never begin with a character a spreadsheet reads as a formula."""


def word_diff(al: Alignment) -> str:
    """The changes from wording A to B, one after another: ``[-halt-]{+stop+}; [-But-]; {+as
    well+}``; empty when the words are the same."""
    parts = []
    for e in al.changes:
        deleted = f"{DELETED_MARKS[0]}{e.a}{DELETED_MARKS[1]}" if e.op in (Op.DELETE, Op.REPLACE) else ""
        inserted = f"{INSERTED_MARKS[0]}{e.b}{INSERTED_MARKS[1]}" if e.op in (Op.INSERT, Op.REPLACE) else ""
        parts.append(deleted + inserted)
    return LIST_SEPARATOR.join(parts)


def inline_diff(al: Alignment, colour: bool = True) -> Text:
    """Wording A with B's changes written in: deleted words struck in red and inserted ones in
    green, or without ``colour`` marked in text (``[-halt-]{+stop+}``). Article text is made
    ``terminal_safe`` piece by piece."""
    out = _SafeText()

    def deleted(text: str) -> None:
        out.append(f"{DELETED_MARKS[0]}{text}{DELETED_MARKS[1]}" if not colour else text, style=DELETED_STYLE)

    def inserted(text: str) -> None:
        out.append(f"{INSERTED_MARKS[0]}{text}{INSERTED_MARKS[1]}" if not colour else text, style=INSERTED_STYLE)

    pos = 0
    for e in al.edits:
        out.append(al.a[pos:e.a_span[0]])
        if e.op is Op.EQUAL:
            out.append(e.a)
        elif e.op is Op.DELETE:
            deleted(e.a)
        elif e.op is Op.REPLACE:
            deleted(e.a)
            if colour:
                out.append(" ")
            inserted(e.b)
        else:
            lead = " " if e.a_span[0] > 0 else ""
            trail = " " if e.a_span[0] == 0 and al.a else ""
            out.append(lead)
            inserted(e.b)
            out.append(trail)
        pos = e.a_span[1]
    out.append(al.a[pos:])
    return out


class _SafeText(Text):
    """Rich text that drops terminal escape and control sequences from whatever is appended."""

    def append(self, text, style=None):
        return super().append(terminal_safe(text) if isinstance(text, str) else text, style)


def _text(value: Any) -> str:
    return terminal_safe(cell(value))


def _flags(row: dict[str, Any]) -> str:
    return _text(", ".join(row["flags"]))


def _speaker(row: dict[str, Any]) -> str:
    a, b = row.get("a_speaker"), row.get("b_speaker")
    if row["status"] == "shared" and a != b:
        return _text(f"{a or '?'} / {b or '?'}")
    return _text(a or b)


def _quote(text_key: str, colour: bool) -> Callable[[dict[str, Any]], Text | str]:
    def draw(row: dict[str, Any]) -> Text | str:
        al = row.get(ALIGNMENT)
        if al is not None and al.changes:
            return inline_diff(al, colour)
        return _text(row.get(text_key) or row.get("b_text"))
    return draw


def diff_view(rows: Sequence[dict[str, Any]], colour: bool) -> list[Column]:
    """The diff table: flags only when a row has one; the alteration, then the status give way."""
    view = [Column("status", lambda r: _text(r["status"]), give_way=2),
            Column("alteration", lambda r: _text(r["alteration"]), give_way=1),
            Column("flags", _flags, give_way=0),
            Column("speaker", _speaker, min_width=14),
            Column("quote (A \u2192 B)", _quote("a_text", colour), wraps=True)]
    return [c for c in view if c.header != "flags" or any(r["flags"] for r in rows)]


def trace_view(rows: Sequence[dict[str, Any]], colour: bool, labels: Mapping[str, str]) -> list[Column]:
    """The trace table: one section a quote, earliest first, each wording with its score."""
    def score(r: dict[str, Any]) -> str:
        return f"{r['score']:.1f}"

    view = [Column("score", score, give_way=0, right=True),
            Column("date", lambda r: _text(r["date"]), give_way=3, min_width=10),
            Column("outlet", lambda r: _text(labels.get(r["outlet"], r["outlet"])), min_width=6),
            Column("speaker", lambda r: _text(r["speaker"]), give_way=4, min_width=14),
            Column("alteration", lambda r: _text(r["alteration"]), give_way=2),
            Column("flags", _flags, give_way=1),
            Column("quote (canonical \u2192 this)", _quote("text", colour), wraps=True)]
    return [c for c in view if c.header != "flags" or any(r["flags"] for r in rows)]


def _draw_table(columns: Sequence[str], rows: Sequence[dict[str, Any]], out: TextIO,
                 labels: Mapping[str, str] | None = None) -> None:
    """A table fitted to the terminal, each word diff drawn inline (in colour, or marked in text
    where colour is not shown)."""
    console = Console(file=out, highlight=False)
    colour = not colourless(console)
    if tuple(columns) == DIFF_COLUMNS:
        render_columns(diff_view(rows, colour), rows, out, console=console)
    else:
        render_columns(trace_view(rows, colour, labels or {}), rows, out, console=console,
               section=lambda r: r["cluster"])


def render_view(columns: Sequence[str], rows: Sequence[dict[str, Any]], fmt: Format, out: TextIO,
                *, raw_cells: bool = False, labels: Mapping[str, str] | None = None) -> None:
    """Write diff or trace rows in ``fmt`` (resolved): the table here (outlets shown by
    ``labels``), the rest by ``report`` (with its output safety; ``raw_cells`` as there)."""
    if fmt is Format.TABLE:
        _draw_table(columns, rows, out, labels)
    else:
        render(columns, rows, fmt, out, raw_cells=raw_cells)


def describe(s: DiffSummary) -> str:
    """The one-line summary of an article diff."""
    return (f"A: {s.quotes_a} quotes, B: {s.quotes_b} quotes, {s.shared} shared ({s.differing} differ in wording); "
            f"quoted words shared: {s.quoted_a_in_b:.0%} of A's, {s.quoted_b_in_a:.0%} of B's; "
            f"reporter's own text shared ({SHINGLE_WORDS}-word runs): {s.own_a_in_b:.0%} of A's, "
            f"{s.own_b_in_a:.0%} of B's")

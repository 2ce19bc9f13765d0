"""``scan`` on a terminal: the provenance table (which outlets carried each quote) and the
occurrence table of ``--long``, laid out by ``termtable``.

For the few outlets of a story the cluster table is a matrix, a column per outlet with the
report's marks (first to carry, carried, reworded); when the outlets do not fit the width beside
the quote, one ``outlets`` column lists them in date order with the same marks. Outlets are shown
by name, or by the shortest unique prefix of their doc id when the article names none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from rich.console import Console

from .models import Cluster
from .report import (
    CARRIED,
    CLUSTER_COLUMNS,
    FIRST,
    RECORD,
    REWORDED,
    TIE_SEPARATOR,
    UNDATED_MARK,
    cell,
    outlet_marks,
    terminal_safe,
)
from .termtable import Column, ellipsize, layout, render

LEGEND = f"{FIRST} first to carry   {CARRIED} carried   {REWORDED} reworded (differs from the quote shown)"
ID_WIDTH = len("qd7bbdd46")
"""Cluster ids are shown whole or not at all."""
DATE_WIDTH = len("2025-03-13")
"""A date is shown whole or not at all."""
MATRIX_HEADER_MAX = 10
"""An outlet's name as a matrix header is cut (at a word) to this many cells."""


def _text(value: Any) -> str:
    return terminal_safe(cell(value))


def _cluster_columns(labels: Mapping[str, str]) -> list[Column]:
    """The columns every cluster table has, before the outlets (give-way ranks: the cluster id
    goes first, then the count, then the date)."""
    return [
        Column("cluster", lambda r: _text(r["cluster"]), give_way=1, min_width=ID_WIDTH),
        Column("speaker", lambda r: _text(r["speaker"]), min_width=14),
        Column("quote", lambda r: _text(r["quote"]), wraps=True),
        Column("n", lambda r: _text(r["n_outlets"]), give_way=2, right=True),
        Column("first seen", lambda r: _text(r["first_seen"]), give_way=3, min_width=DATE_WIDTH),
    ]


def row_marks(row: dict[str, Any]) -> dict[str, str]:
    """Each outlet of a cluster row with its marks, in date order: from the row's record, or
    (a row without one) from its ``outlets`` and ``first_outlet`` cells, with no reworded mark."""
    record = row.get(RECORD)
    if isinstance(record, Cluster):
        return outlet_marks(record)
    first = set(str(row.get("first_outlet") or "").split(TIE_SEPARATOR))
    listed = row.get("outlets") or []
    names = [o.removesuffix(UNDATED_MARK) for o in (listed if isinstance(listed, list) else [listed])]
    return {o: FIRST if o in first else CARRIED for o in names}


def _outlet_order(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every outlet of the rows by its earliest date carrying one of them, undated last (in the
    order first met when the rows hold no records)."""
    dates: dict[str, str | None] = {}
    for r in rows:
        record = r.get(RECORD)
        pairs = record.outlet_dates.items() if isinstance(record, Cluster) else ((o, None) for o in row_marks(r))
        for outlet, date in pairs:
            known = dates.get(outlet)
            if outlet not in dates or (date and (known is None or date < known)):
                dates[outlet] = date
    order = {o: k for k, o in enumerate(dates)}
    return sorted(dates, key=lambda o: (dates[o] is None, dates[o] or "", order[o]))


def _matrix_column(outlet: str, labels: Mapping[str, str]) -> Column:
    header = ellipsize(_text(labels.get(outlet, outlet)), MATRIX_HEADER_MAX)
    return Column(header, lambda r: row_marks(r).get(outlet, ""))


def _outlets_cell(row: dict[str, Any], labels: Mapping[str, str]) -> str:
    """The outlets in date order, each with its marks (a plain carried mark left out)."""
    return " ".join(_text(labels.get(o, o)) + mark.replace(CARRIED, "") for o, mark in row_marks(row).items())


def cluster_view(rows: Sequence[dict[str, Any]], labels: Mapping[str, str], width: int) -> list[Column]:
    """The provenance table's columns for ``width``: the matrix when it fits beside the quote,
    else one outlets column."""
    matrix = _cluster_columns(labels) + [_matrix_column(o, labels) for o in _outlet_order(rows)]
    cells = [[c.draw(r) for c in matrix] for r in rows]
    if layout(matrix, cells, width)[1]:
        return matrix
    listed = Column("outlets", lambda r: _outlets_cell(r, labels), min_width=12)
    return _cluster_columns(labels) + [listed]


def occurrence_view(labels: Mapping[str, str]) -> list[Column]:
    """The ``--long`` table: each outlet's own wording, one row per occurrence."""
    def outlet(r: dict[str, Any]) -> str:
        return _text(labels.get(r["outlet"], r["outlet"]))

    return [
        Column("outlet", outlet, min_width=6),
        Column("date", lambda r: _text(r["date"]), give_way=3, min_width=DATE_WIDTH),
        Column("speaker", lambda r: _text(r["speaker"]), min_width=14),
        Column("kind", lambda r: _text(r["kind"]), give_way=2),
        Column("text", lambda r: _text(r["text"]), wraps=True),
        Column("cluster", lambda r: _text(r["cluster"]), give_way=1, min_width=ID_WIDTH),
    ]


def render_scan_table(columns: Sequence[str], rows: list[dict[str, Any]], out: TextIO,
                      labels: Mapping[str, str]) -> None:
    """Draw scan rows (per cluster or per occurrence) as a table fitted to the terminal."""
    console = Console(file=out, highlight=False)
    if tuple(columns) == CLUSTER_COLUMNS:
        view = cluster_view(rows, labels, console.width)
        render(view, rows, out, note=LEGEND if rows else None, console=console)
    else:
        render(occurrence_view(labels), rows, out, console=console)

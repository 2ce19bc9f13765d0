"""Tables for people at a terminal, fitted to its width.

Every table quotetrack draws (scan's clusters and occurrences, ``trace``, ``diff``) is laid out
here. A view is a tuple of ``Column``: one column (the quote) wraps at words and takes the width
the others leave; every other cell stays on one line and, when it is too long, ends with an
ellipsis after its last whole word ("Vladimir…", never "Vladimi" / "r Putin"). When even the
narrowest layout does not fit, columns give way (are left out) in the order their ``give_way``
ranks say, always the same order, so a narrow terminal shows the same columns every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

ELLIPSIS = "\u2026"
GAP = 2
"""Blank columns between two table columns (one pad on each side)."""
WRAP_MIN = 24
"""The narrowest the wrapping column (the quote) gets before other columns give way: about
four words a line."""

Cell = str | Text


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a terminal view."""

    header: str
    draw: Callable[[dict[str, Any]], Cell]
    """The cell of a row (plain text, or rich ``Text`` for an inline word diff)."""
    give_way: int | None = None
    """Columns are left out when the terminal is too narrow, lowest rank first; None: never."""
    wraps: bool = False
    """Wraps at words and takes the width left (the quote); at most one column of a view."""
    min_width: int = 0
    """The narrowest a one-line column is cut to (with an ellipsis); 0: its header's width."""
    right: bool = False
    """Right-aligned (numbers)."""


def ellipsize(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells: whole words and an ellipsis; a first word longer
    than the width is cut inside it (there is nothing else to show)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    cut = text
    while cell_len(cut) > width - 1:
        cut = cut[:-1]
    if text[len(cut)] != " ":
        whole = cut.rsplit(" ", 1)[0] if " " in cut else ""
        cut = whole if whole.strip() else cut
    return cut.rstrip(" ,;:") + ELLIPSIS


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _min_width(c: Column) -> int:
    return max(c.min_width, cell_len(c.header))


def layout(columns: Sequence[Column], cells: Sequence[Sequence[Cell]], width: int
           ) -> tuple[list[tuple[int, int]], bool]:
    """Which columns fit in ``width`` terminal cells and how wide each is: (index into
    ``columns``, width) in order, and whether they fit at all. Columns give way by rank until
    the narrowest layout fits; then one-line columns are cut, widest first, until the wrapping
    column has ``WRAP_MIN``."""
    natural = [max([cell_len(c.header), *(cell_len(_plain(row[i])) for row in cells)])
               for i, c in enumerate(columns)]
    shown = list(range(len(columns)))

    def least(i: int) -> int:
        c = columns[i]
        return min(WRAP_MIN, natural[i]) if c.wraps else min(_min_width(c), natural[i])

    def total(widths: Iterable[int], n: int) -> int:
        return sum(widths) + GAP * (n - 1)

    droppable = sorted((c.give_way, i) for i, c in enumerate(columns) if c.give_way is not None)
    while total((least(i) for i in shown), len(shown)) > width and droppable:
        shown.remove(droppable.pop(0)[1])
    widths = {i: natural[i] for i in shown}
    wrapping = [i for i in shown if columns[i].wraps]
    for i in wrapping:
        widths[i] = least(i)
    while total(widths.values(), len(shown)) > width:
        cuttable = [i for i in shown if not columns[i].wraps and widths[i] > least(i)]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda i: widths[i])
        widths[widest] -= 1
    spare = width - total(widths.values(), len(shown))
    for i in wrapping:  # the quote takes what is left, up to its own length
        widths[i] += max(0, min(spare, natural[i] - widths[i]))
    return [(i, widths[i]) for i in shown], total(widths.values(), len(shown)) <= width


def render(columns: Sequence[Column], rows: Sequence[dict[str, Any]], out: TextIO, *,
           section: Callable[[dict[str, Any]], Any] | None = None, note: str | None = None,
           console: Console | None = None) -> None:
    """Draw ``rows`` through ``columns`` fitted to the terminal's width; a rule between rows
    whose ``section`` differs (trace: one section a quote); ``note`` (a legend) below."""
    console = console or Console(file=out, highlight=False)
    cells = [[c.draw(row) for c in columns] for row in rows]
    fitted, _ = layout(columns, cells, console.width)
    table = Table(box=box.SIMPLE_HEAD, padding=(0, 1, 0, 0), pad_edge=False, show_edge=False,
                  header_style="bold", expand=False)
    for i, w in fitted:
        c = columns[i]
        table.add_column(c.header, width=w, min_width=w, max_width=w, no_wrap=not c.wraps,
                         overflow="fold", justify="right" if c.right else "left")
    for k, (row, drawn) in enumerate(zip(rows, cells)):
        if section is not None and k and section(row) != section(rows[k - 1]):
            table.add_section()
        # Text objects: rich never reads markup ("[bold]") or emoji codes from article text.
        table.add_row(*(_fitted(drawn[i], w, columns[i].wraps) for i, w in fitted))
    console.print(table)
    if note:
        console.print(Text(note, style="dim"))


def _fitted(cell: Cell, width: int, wraps: bool) -> Text:
    if isinstance(cell, Text):
        return cell
    return Text(cell if wraps else ellipsize(cell, width))


def colourless(console: Console) -> bool:
    """Whether ``console`` shows no colour (``NO_COLOR``, ``TERM=dumb``, not a terminal): changes
    must then be marked in text."""
    return console.no_color or console.color_system is None

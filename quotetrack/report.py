"""Output: the column contracts, one renderer per format, and the format dispatch.

``CLUSTER_COLUMNS`` and ``OCCURRENCE_COLUMNS`` are the output contract; ``to_rows`` is the only
translation from records to rows. Columns are only ever added at the end. Rows are made one at a
time as a renderer writes them, so a large scan's output is never held whole.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from enum import Enum
from typing import Any, TextIO

from .corpus import doc_id
from .models import Article, Cluster, Occurrence
from .text import fold_words
from .workers import gc_paused


class Format(str, Enum):
    """Output formats; ``auto`` is a table on a terminal and TSV when piped."""

    AUTO = "auto"
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"
    JSONL = "jsonl"


CLUSTER_COLUMNS: tuple[str, ...] = (
    "cluster", "speaker", "n_outlets", "first_seen", "first_outlet", "varies", "outlets", "quote",
)
"""One row per cluster: its canonical wording and the outlets that carried it, in date order."""

OCCURRENCE_COLUMNS: tuple[str, ...] = (
    "doc", "path", "start", "end", "text", "speaker", "cluster", "kind", "cue", "outlet", "date",
    "clusters", "mention", "canonical", "wire", "alteration", "flags",
)
"""One row per occurrence; the JSON-lines contract (see STYLE.md / README)."""

LIST_SEPARATOR = "; "
TIE_SEPARATOR = " = "
"""Joins outlets tied for first (same earliest date) in ``first_outlet``: ``AP = Reuters``."""
UNDATED_MARK = " (?)"
"""Follows an outlet of unknown date in ``outlets`` (such outlets come last)."""


RECORD = "_record"
"""Row key (not a column) holding the record a row was made from, for the terminal views."""
CARRIED, FIRST, REWORDED = "\u25cf", "\u2605", "\u2260"
"""Marks of an outlet that carried a quote: it carried it; it was (one of) the first; its
wording differs from the quote shown (beyond case and punctuation). The table and the report."""
SHORT_ID_MIN = 3
"""The fewest characters of a doc id shown for an outlet that has no name (git shows 7 of a
hash; doc ids are shorter and often numbered: ``000``, ``004``)."""


def short_ids(ids: Iterable[str], minimum: int = SHORT_ID_MIN) -> dict[str, str]:
    """Each id's shortest prefix that no other id starts with, as git shortens commit hashes
    (at least ``minimum`` characters; the whole id when another id starts with it)."""
    ordered = sorted(set(ids))
    short = {}
    for k, d in enumerate(ordered):
        need = minimum
        for other in ordered[max(0, k - 1):k] + ordered[k + 1:k + 2]:  # the ids sharing most with d
            common = next((n for n, (x, y) in enumerate(zip(d, other)) if x != y), min(len(d), len(other)))
            need = max(need, common + 1)
        short[d] = d[:need]
    return short


def outlet_labels(articles: Iterable[Article]) -> dict[str, str]:
    """How people are shown an outlet that has no name (an article naming none is its own
    outlet, under its doc id): the shortest unique prefix of its doc id among the corpus's ids.
    Named outlets are not in the map (shown as they are). Machine formats keep the full ids."""
    articles = list(articles)
    unnamed = {a.outlet for a in articles if a.outlet in (a.doc, doc_id(a.path))}
    short = short_ids({a.doc for a in articles} | unnamed)
    return {o: short[o] for o in unnamed}


def outlet_marks(c: Cluster) -> dict[str, str]:
    """Each outlet that carried ``c``, in date order, with its marks (``FIRST`` or ``CARRIED``,
    then ``REWORDED`` when its wording differs from the canonical one)."""
    first = set(c.first_outlets)
    canonical = fold_words(c.canonical)
    reworded = {o.article.outlet for o in c.members if fold_words(o.quote.text) != canonical}
    return {o: (FIRST if o in first else CARRIED) + (REWORDED if o in reworded else "") for o in c.outlet_dates}


def resolve_format(requested: Format, is_tty: bool) -> Format:
    """``auto`` becomes a table on a terminal and TSV in a pipe."""
    if requested is Format.AUTO:
        return Format.TABLE if is_tty else Format.TSV
    return requested


def cluster_row(c: Cluster) -> dict[str, Any]:
    """A cluster as a row of ``CLUSTER_COLUMNS``."""
    # ``Cluster.outlets`` and ``first_outlets`` are read off ``outlet_dates``, made once here.
    dates, first = c.outlet_dates, c.first_date
    return {
        "cluster": c.id,
        "speaker": c.speaker,
        "n_outlets": len(dates),
        "first_seen": first,
        "first_outlet": TIE_SEPARATOR.join(o for o, d in dates.items() if first is not None and d == first) or None,
        "varies": c.varies,
        "outlets": [o if d else o + UNDATED_MARK for o, d in dates.items()],
        "quote": c.canonical,
    }


def occurrence_row(o: Occurrence, canonical: str) -> dict[str, Any]:
    """An occurrence as a row of ``OCCURRENCE_COLUMNS``."""
    q, a = o.quote, o.article
    return {
        "doc": a.doc, "path": a.path, "start": q.start, "end": q.end, "text": q.text,
        "speaker": q.speaker, "cluster": o.cluster, "kind": q.kind.value, "cue": q.cue,
        "outlet": a.outlet, "date": a.date, "clusters": list(o.clusters), "mention": q.mention,
        "canonical": canonical, "wire": [w for w in a.wire if w != a.outlet],
        "alteration": o.alteration.alteration.value if o.alteration else None,
        "flags": [f.value for f in o.alteration.flags] if o.alteration else [],
    }


def to_rows(clusters: Sequence[Cluster], *, per_occurrence: bool, records: bool = False
            ) -> tuple[tuple[str, ...], Iterator[dict[str, Any]]]:
    """Rows for the renderers, made as they are read: per cluster, or per occurrence in doc then
    offset order (an occurrence that belongs to several clusters is listed once, under its
    primary cluster). With ``records`` each row also holds the record it was made from under
    ``RECORD`` (not a column), which the terminal table draws from."""
    if not per_occurrence:
        if records:
            return CLUSTER_COLUMNS, ({**cluster_row(c), RECORD: c} for c in clusters)
        return CLUSTER_COLUMNS, map(cluster_row, clusters)
    canonical = {c.id: c.canonical for c in clusters}
    seen: dict[tuple[str, int], Occurrence] = {}
    for c in clusters:
        for o in c.members:
            seen.setdefault((o.article.doc, o.quote.start), o)
    rows = ((seen[k], occurrence_row(seen[k], canonical[seen[k].cluster])) for k in sorted(seen))
    return OCCURRENCE_COLUMNS, ({**row, RECORD: o} if records else row for o, row in rows)


# Every character ``str.splitlines`` breaks a line at, and the tab: a flat cell holds none of them.
BREAKING_CHARS = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
BREAKING_RE = re.compile(f"[{''.join(sorted(BREAKING_CHARS))}]")


def cell(value: Any) -> str:
    """A value as one flat text cell: lists joined, booleans as yes/no, None empty, no tabs or
    line breaks."""
    if type(value) is str:  # most cells: one scan in C for a line break
        return " ".join(value.split()) if BREAKING_RE.search(value) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = LIST_SEPARATOR.join(str(v) for v in value)
    text = str(value)
    return " ".join(text.split()) if BREAKING_RE.search(text) else text


# Characters json.dumps(ensure_ascii=False) writes as they are but that a terminal or a line
# splitter acts on: DEL and C1 controls, Unicode line breaks, bidirectional controls. They only
# occur inside JSON strings, where a \uXXXX escape stands for them exactly.
JSON_ESCAPE_RE = re.compile("[\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


JSON_ENCODERS = {indent: json.JSONEncoder(ensure_ascii=False, indent=indent) for indent in (None, 2)}
"""One encoder per layout for every record written (``json.dumps`` would make one a record)."""


def json_text(value: Any, indent: int | None = None) -> str:
    """``json.dumps`` with readable non-ASCII text, every control character still escaped; on one
    line, or laid out with ``indent=2``."""
    return _json_escaped(JSON_ENCODERS[indent].encode(value))


def _json_escaped(text: str) -> str:
    """``text`` with the characters of ``JSON_ESCAPE_RE`` escaped (none is ASCII: an ASCII text,
    the common case, is checked in one fast pass)."""
    return text if text.isascii() else JSON_ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


C_MAKE_ENCODER = getattr(json.encoder, "c_make_encoder", None)
"""``json``'s encoder in C (None where the interpreter lacks it)."""


def _line_encoder() -> Callable[[Any], str]:
    """``JSON_ENCODERS[None].encode`` without its per-call set-up: the C encoder it makes on every
    call, made once (with ``json``'s pure-Python encoder, the method itself). The same text: the
    same C encoder with the same settings, less the check for circular references, which a row
    of plain values never has."""
    encoder = JSON_ENCODERS[None]
    if C_MAKE_ENCODER is None:
        return encoder.encode
    encode = C_MAKE_ENCODER(None, encoder.default, json.encoder.encode_basestring, None, encoder.key_separator,
                  encoder.item_separator, encoder.sort_keys, encoder.skipkeys, encoder.allow_nan)
    return lambda value: "".join(encode(value, 0))


JSONL_BATCH = 1024
"""Rows encoded, escaped and written at a time."""


def render_jsonl(columns: Sequence[str], rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """One JSON object a line."""
    # Speed (a million short quotes is a million rows): a row already holding just the columns,
    # in their order, is encoded as it is, and the lines are escaped and written in batches (an
    # encoded line holds no line break, and the escapes never span two lines).
    keys, encode = tuple(columns), _line_encoder()
    batch: list[str] = []
    for row in rows:
        batch.append(encode(row if tuple(row) == keys else {k: row[k] for k in keys}))
        if len(batch) == JSONL_BATCH:
            out.write(_escaped_lines(batch))
            batch.clear()
    if batch:
        out.write(_escaped_lines(batch))


def _escaped_lines(lines: list[str]) -> str:
    return _json_escaped("\n".join(lines) + "\n")


def render_json(columns: Sequence[str], rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """One JSON array of objects, laid out as ``json.dumps(rows, indent=2)`` would, written an
    object at a time."""
    opening = "[\n  "
    for row in rows:
        out.write(opening + json_text({k: row[k] for k in columns}, indent=2).replace("\n", "\n  "))
        opening = ",\n  "
    out.write("[]\n" if opening.startswith("[") else "\n]\n")


def _render_delimited(columns: Sequence[str], rows: Iterable[dict[str, Any]], out: TextIO, dialect: str) -> None:
    writer = csv.writer(out, dialect=dialect, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[k]) for k in columns])


def render_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """RFC 4180 CSV with a header row."""
    _render_delimited(columns, rows, out, "excel")


def render_tsv(columns: Sequence[str], rows: Iterable[dict[str, Any]], out: TextIO) -> None:
    """Tab-separated values with a header row, one record a line (cells never hold tabs or
    line breaks, so no quoting is needed)."""
    out.write("\t".join(columns) + "\n")
    for row in rows:
        out.write("\t".join(cell(row[k]) for k in columns) + "\n")


def render_table(columns: Sequence[str], rows: Iterable[dict[str, Any]], out: TextIO,
                 labels: Mapping[str, str] | None = None) -> None:
    """A table for people at a terminal, fitted to its width (``scanview``); outlets shown by
    ``labels`` (``outlet_labels``)."""
    from .scanview import render_scan_table  # the terminal view: only a table needs it

    render_scan_table(columns, list(rows), out, labels or {})


RENDERERS: dict[Format, Callable[[Sequence[str], Iterable[dict[str, Any]], TextIO], None]] = {
    Format.TABLE: render_table,
    Format.CSV: render_csv,
    Format.TSV: render_tsv,
    Format.JSON: render_json,
    Format.JSONL: render_jsonl,
}


def render(columns: Sequence[str], rows: Iterable[dict[str, Any]], fmt: Format, out: TextIO,
           *, raw_cells: bool = False, labels: Mapping[str, str] | None = None) -> None:
    """Write ``rows`` to ``out`` in ``fmt`` (already resolved: not ``auto``), made safe for where
    that format goes (``safe_rows``); ``raw_cells`` leaves CSV and TSV cells as the text has them.
    The table shows outlets by ``labels`` (``outlet_labels``); the other formats keep full ids."""
    if fmt is Format.TABLE:  # cleaned cell by cell as it is drawn, from the rows' records
        render_table(columns, rows, out, labels)
        return
    # A row and its cells for each quote, never a cycle among them: the collector is paused. Not
    # for JSON: laid out with an indent, ``json`` encodes in Python, with closures that make a
    # cycle for every record, which the collector must free as it goes.
    acyclic = fmt in (Format.CSV, Format.TSV) or (fmt is Format.JSONL and C_MAKE_ENCODER is not None)
    with gc_paused() if acyclic else nullcontext():
        RENDERERS[fmt](columns, safe_rows(columns, rows, fmt, raw_cells=raw_cells), out)


# Output safety. Article text is written by strangers: it may carry terminal escape sequences,
# bidirectional overrides, or cells a spreadsheet would run as a formula. JSON needs nothing
# (json.dumps escapes every control character, so JSON stays exact); the other formats are
# cleaned here, in one place, before any renderer sees a row.

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets. Source:
# OWASP "CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection), which also gives
# the remedy used here: prefix a single quote so the cell is read as text.
FORMULA_TRIGGERS = frozenset("=+-@\t\r")
# Terminal control sequences (ECMA-48; xterm "ctlseqs"): CSI (ESC [ or 8-bit CSI, parameters, a
# final byte), and OSC, DCS, SOS, PM, APC strings (ESC ] P X ^ _, or their 8-bit forms) up to
# their terminator (BEL or ST). They are removed whole so no parameters are left as litter.
ESCAPE_SEQUENCE_RE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)")
# What is still unsafe after that: C0 controls, DEL, C1 controls (a lone ESC among them), and the
# bidirectional embedding, override and isolate controls and marks that can reorder what a reader
# sees ("Trojan Source", CVE-2021-42574; Unicode UAX #9).
UNSAFE_CHAR_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` without escape sequences, control characters or bidirectional controls, so
    printing it cannot move the cursor, retitle the window, hide or reorder text."""
    if not UNSAFE_CHAR_RE.search(text):
        return text
    return UNSAFE_CHAR_RE.sub("", ESCAPE_SEQUENCE_RE.sub("", text))


def formula_safe(text: str) -> str:
    """``text`` with a leading single quote when a spreadsheet would take it for a formula."""
    return "'" + text if text.lstrip(" ")[:1] in FORMULA_TRIGGERS else text


def _clean_for_terminal(value: Any) -> str:
    return terminal_safe(cell(value))


def _clean_for_spreadsheet(value: Any) -> str:
    return formula_safe(terminal_safe(cell(value)))


CELL_CLEANERS: dict[Format, Callable[[Any], str]] = {
    Format.TABLE: _clean_for_terminal,
    Format.CSV: _clean_for_spreadsheet,
    Format.TSV: _clean_for_spreadsheet,
}
"""How each format's cells are made safe; formats not listed (JSON) are written exactly."""
RAW_CELL_FORMATS = frozenset({Format.CSV, Format.TSV})
"""Formats whose cleaning ``--raw-cells`` turns off (the table is always cleaned)."""


def safe_rows(columns: Sequence[str], rows: Iterable[dict[str, Any]], fmt: Format,
              *, raw_cells: bool = False) -> Iterable[dict[str, Any]]:
    """``rows`` with every shown cell cleaned as ``fmt`` needs (``CELL_CLEANERS``), each as it is read."""
    clean = CELL_CLEANERS.get(fmt)
    if clean is None or (raw_cells and fmt in RAW_CELL_FORMATS):
        return rows
    return ({k: clean(row[k]) for k in columns} for row in rows)

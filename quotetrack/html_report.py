"""``quotetrack report``: one self-contained HTML page over a scan.

Three views of the same result: a quotes-by-outlets matrix (who carried what, who had it first,
whose wording differs), each cluster's variant wordings with word-level differences, and a
timeline of the articles by date. The page needs no network: CSS is inline and there is no script.
Every piece of article text goes through ``html.escape``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from itertools import groupby
from typing import TextIO

from .compare import Op, align
from .models import Article, Cluster, Occurrence, ScanResult
from .report import CARRIED, FIRST, REWORDED, outlet_labels, outlet_marks
from .text import fold_words

UNDATED = "?"
"""Shown in place of a date that is not known (such outlets and articles come last)."""
ALTERED = REWORDED
DEFAULT_LIMIT = 200
"""Quotes the matrix and the variants show by default: the ones most outlets carried. A large
corpus has thousands of quotes, which make a page of tens of megabytes nobody reads."""
MATRIX_OUTLETS = 40
"""Outlet columns the matrix shows at most: those that carried most of the quotes shown."""
HEADLINE_MIN_WORDS = 3
"""A title shorter than this is not a headline ("World", "Contributing Writer": a section or a
byline that a page's title field held) and is left out of the timeline."""

CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid #ddd;padding:.25rem .45rem;vertical-align:top}
th{background:#f4f4f4;text-align:left}td.mark{text-align:center;white-space:nowrap}
td.first{background:#fff3c4;font-weight:bold}td.altered{color:#a33}th.outlet{writing-mode:vertical-rl;transform:rotate(180deg);max-height:12rem;overflow:hidden}
.scroll{overflow-x:auto;max-width:100%}td.quote{min-width:16rem;max-width:32rem}td.wording{overflow-wrap:anywhere}
.legend,.meta,small{color:#666}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}
.undated{color:#888}ol.timeline>li{margin-bottom:.6rem}
"""


def word_diff(canonical: str, wording: str) -> list[tuple[str, str]]:
    """Word-level differences from ``canonical`` to ``wording`` as (op, text) pieces, op one of
    ``equal``, ``delete``, ``insert``, following ``compare.align`` (stems and near-synonyms
    aligned; a replacement is a deletion then an insertion). The ``equal`` and ``insert`` pieces
    put together give ``wording`` exactly, punctuation and spacing included."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    for edit in align(canonical, wording).edits:
        start, end = edit.b_span
        if start > pos:
            pieces.append(("equal", wording[pos:start]))
        if edit.op is Op.EQUAL:
            pieces.append(("equal", wording[start:end]))
        else:
            if edit.a:
                pieces.append(("delete", edit.a))
            if end > start:
                pieces.append(("insert", wording[start:end]))
        pos = max(pos, end)
    if pos < len(wording):
        pieces.append(("equal", wording[pos:]))
    merged: list[tuple[str, str]] = []
    for op, text in pieces:
        if merged and op == "equal" == merged[-1][0]:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def highlight(canonical: str, wording: str) -> str:
    """``wording`` as escaped HTML, words missing from the canonical wording in ``<ins>`` and
    canonical words it lacks in ``<del>``."""
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    pieces = word_diff(canonical, wording)
    html: list[str] = []
    for i, (op, text) in enumerate(pieces):
        piece = tags[op].format(escape(text))
        if op == "delete":  # deleted words sit between words of the wording: keep them apart
            if html and not html[-1][-1:].isspace():
                piece = " " + piece
            if i + 1 < len(pieces) and not pieces[i + 1][1][:1].isspace():
                piece += " "
        html.append(piece)
    return "".join(html)


def plural(n: int, noun: str) -> str:
    """``1 outlet``, ``2 outlets``."""
    return f"{n:,} {noun if n == 1 else noun + 's'}"


def render_html(result: ScanResult, out: TextIO, title: str = "quotetrack report", limit: int = DEFAULT_LIMIT) -> None:
    """Write the whole report page for ``result`` to ``out``: the ``limit`` quotes most outlets
    carried in the matrix and the variants (the rest counted), every article in the timeline."""
    labels = outlet_labels(result.articles)
    outlets = outlet_order(result.articles)
    ranked = sorted(range(len(result.clusters)), key=lambda k: (-len(result.clusters[k].outlets), k))
    shown = [result.clusters[k] for k in sorted(ranked[:limit])]
    n_quotes = len(result.occurrences)
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
              f"<header><h1>{escape(title)}</h1>\n<p class=\"meta\">{plural(len(result.articles), 'article')}, "
              f"{plural(n_quotes, 'quote')}, {plural(len(result.clusters), 'cluster')}, "
              f"{plural(len(outlets), 'outlet')}</p>\n"
              "<nav><a href=\"#matrix\">Quotes by outlet</a> \u00b7 <a href=\"#variants\">Variants</a> \u00b7 "
              "<a href=\"#timeline\">Timeline</a></nav></header>\n")
    rest = len(result.clusters) - len(shown)
    note = (f"<p class=\"meta\">The {plural(len(shown), 'quote')} most outlets carried; "
            f"{plural(rest, 'more quote')} not shown (--limit).</p>\n") if rest else ""
    _matrix(shown, _matrix_outlets(shown, outlets), out, labels, note)
    _variants(shown, out, labels, note)
    _timeline(result, out, labels)
    out.write("</body>\n</html>\n")


def _matrix_outlets(clusters: Sequence[Cluster], outlets: dict[str, str | None]) -> dict[str, str | None]:
    """The outlets of the matrix, in ``outlets`` order: those that carried any of ``clusters``,
    at most ``MATRIX_OUTLETS`` (those that carried most of them)."""
    counts: dict[str, int] = {}
    for c in clusters:
        for o in c.outlets:
            counts[o] = counts.get(o, 0) + 1
    kept = set(sorted(counts, key=lambda o: (-counts[o], o))[:MATRIX_OUTLETS])
    return {o: d for o, d in outlets.items() if o in kept}


def outlet_order(articles: Iterable[Article]) -> dict[str, str | None]:
    """Every outlet with its earliest article date, earliest first, undated outlets last."""
    dates: dict[str, str | None] = {}
    for a in articles:
        known = dates.get(a.outlet)
        if a.outlet not in dates or (a.date and (known is None or a.date < known)):
            dates[a.outlet] = a.date
    return dict(sorted(dates.items(), key=lambda od: (od[1] is None, od[1] or "", od[0].casefold())))


def _matrix(clusters: Sequence[Cluster], outlets: dict[str, str | None], out: TextIO,
            labels: Mapping[str, str], note: str) -> None:
    out.write("<section id=\"matrix\">\n<h2>Quotes by outlet</h2>\n"
              f"<p class=\"legend\">{CARRIED} carried \u00b7 {FIRST} first to carry \u00b7 {ALTERED} altered "
              f"wording (differs from the canonical one) \u00b7 {UNDATED} unknown date</p>\n{note}"
              "<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>quote</th><th>speaker</th>")
    for name, date in outlets.items():
        out.write(f"<th class=\"outlet\" scope=\"col\" title=\"{escape(name)}\">{escape(labels.get(name, name))} "
                  f"<small>{escape(date or UNDATED)}</small></th>")
    out.write("</tr></thead>\n<tbody>\n")
    for c in clusters:
        by_outlet: dict[str, list[Occurrence]] = {}
        for o in c.members:
            by_outlet.setdefault(o.article.outlet, []).append(o)
        marks = outlet_marks(c)
        out.write(f"<tr><td class=\"quote\"><a href=\"#{escape(c.id)}\">{escape(c.canonical)}</a></td>"
                  f"<td class=\"speaker\">{escape(c.speaker or '')}</td>")
        for name in outlets:
            out.write(_matrix_cell(marks.get(name, ""), by_outlet.get(name, [])))
        out.write("</tr>\n")
    missing = len({o for c in clusters for o in c.outlets} - set(outlets))
    out.write("</tbody>\n</table></div>\n" + (f"<p class=\"meta\">{plural(missing, 'more outlet')} not shown: "
              "they carried fewest of these quotes.</p>\n" if missing else "") + "</section>\n")


def _matrix_cell(mark: str, members: Sequence[Occurrence]) -> str:
    if not members:
        return "<td class=\"mark\"></td>"
    classes = " ".join(["mark", *(["first"] if FIRST in mark else []), *(["altered"] if ALTERED in mark else [])])
    wordings = " | ".join(dict.fromkeys(o.quote.text for o in members))
    return f"<td class=\"{classes}\" title=\"{escape(wordings)}\">{mark}</td>"


def _variants(clusters: Sequence[Cluster], out: TextIO, labels: Mapping[str, str], note: str) -> None:
    out.write("<section id=\"variants\">\n<h2>Variants</h2>\n"
              "<p class=\"legend\">Each outlet's wording against the canonical one: "
              f"<ins>added words</ins>, <del>missing words</del>.</p>\n{note}")
    for c in clusters:
        first = " = ".join(labels.get(o, o) for o in c.first_outlets) or UNDATED
        out.write(f"<article class=\"cluster\" id=\"{escape(c.id)}\">\n<h3>{escape(c.speaker or 'unknown speaker')}: "
                  f"\u201c{escape(c.canonical)}\u201d</h3>\n<p class=\"meta\">{escape(c.id)} \u00b7 "
                  f"{plural(len(c.outlets), 'outlet')} \u00b7 first: {escape(first)} "
                  f"({escape(c.first_date or UNDATED)})</p>\n"
                  "<table class=\"variants\">\n<thead><tr><th>outlet</th><th>date</th><th>doc</th><th>kind</th>"
                  "<th>speaker</th><th>alteration</th><th>wording</th></tr></thead>\n<tbody>\n")
        for o in c.members:
            a, q = o.article, o.quote
            altered = fold_words(q.text) != fold_words(c.canonical)
            wire = f" <small>(wire: {escape(', '.join(a.wire))})</small>" if a.wire else ""
            row_class = ' class="altered"' if altered else ""
            out.write(f"<tr{row_class}><td>{escape(labels.get(a.outlet, a.outlet))}{wire}</td>"
                      f"<td>{escape(a.date or UNDATED)}</td><td>{escape(a.doc)} <small>{q.start}:{q.end}</small></td>"
                      f"<td>{escape(q.kind.value)}</td><td>{escape(q.speaker or '')}</td>"
                      f"<td>{escape(_alteration(o))}</td>"
                      f"<td class=\"wording\">{highlight(c.canonical, q.text)}</td></tr>\n")
        out.write("</tbody>\n</table>\n</article>\n")
    out.write("</section>\n")


def _alteration(o: Occurrence) -> str:
    """The occurrence's alteration against the canonical wording, with its flags."""
    if o.alteration is None:
        return ""
    return " ".join([o.alteration.alteration.value, *(f.value for f in o.alteration.flags)])


def headline(title: str | None) -> str | None:
    """``title`` when it reads as a headline, else None (see ``HEADLINE_MIN_WORDS``)."""
    return title if title and len(title.split()) >= HEADLINE_MIN_WORDS else None


def _timeline(result: ScanResult, out: TextIO, labels: Mapping[str, str]) -> None:
    per_doc: dict[str, int] = {}
    for o in result.occurrences:
        per_doc[o.article.doc] = per_doc.get(o.article.doc, 0) + 1
    firsts: dict[str, list[Cluster]] = {}
    for c in result.clusters:
        for doc in dict.fromkeys(o.article.doc for o in c.members
                                 if c.first_date and o.article.date == c.first_date):
            firsts.setdefault(doc, []).append(c)
    articles = sorted(result.articles, key=lambda a: (a.date is None, a.date or "", a.outlet.casefold(), a.doc))
    out.write("<section id=\"timeline\">\n<h2>Timeline</h2>\n<ol class=\"timeline\">\n")
    for date, group in groupby(articles, key=lambda a: a.date):
        label = f"<time datetime=\"{escape(date)}\">{escape(date)}</time>" if date else f"unknown date ({UNDATED})"
        li_class = "" if date else ' class="undated"'
        out.write(f"<li{li_class}><h3>{label}</h3>\n<ul>\n")
        for a in group:
            real = headline(a.title)
            title = f" \u2014 {escape(_short(real, 16))}" if real else ""
            first = firsts.get(a.doc, [])
            links = ", ".join(f"<a href=\"#{escape(c.id)}\">{escape(_short(c.canonical))}</a>" for c in first)
            name = escape(labels.get(a.outlet, a.outlet))
            out.write(f"<li><strong title=\"{escape(a.doc)}\">{name}</strong>{title}: "
                      f"{plural(per_doc.get(a.doc, 0), 'quote')}"
                      + (f"; first to carry {len(first)}: {links}" if first else "")
                      + "</li>\n")
        out.write("</ul></li>\n")
    out.write("</ol>\n</section>\n")


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")

"""``quotetrack report``: one self-contained HTML page over a scan.

Three views of the same result: a quotes-by-outlets matrix (who carried what, who had it first,
whose wording differs), each cluster's variant wordings with word-level differences, and a
timeline of the articles by date. The page needs no network: CSS is inline and there is no script.
Every piece of article text goes through ``html.escape``.
"""

from __future__ import annotations

from itertools import groupby
from collections.abc import Iterable, Sequence
from html import escape
from typing import TextIO

from .compare import Op, align
from .models import Article, Cluster, Occurrence, ScanResult
from .text import fold_words

UNDATED = "?"
"""Shown in place of a date that is not known (such outlets and articles come last)."""
CARRIED, FIRST, ALTERED = "\u25cf", "\u2605", "\u2260"
"""Matrix marks: the outlet carried the quote; it was (one of) the first; its wording differs."""

CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{margin-top:2.2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
table{border-collapse:collapse;margin:.4rem 0}th,td{border:1px solid #ddd;padding:.25rem .45rem;vertical-align:top}
th{background:#f4f4f4;text-align:left}td.mark{text-align:center;white-space:nowrap}
td.first{background:#fff3c4;font-weight:bold}td.altered{color:#a33}th.outlet{writing-mode:vertical-rl;transform:rotate(180deg)}
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
    html = []
    for i, (op, text) in enumerate(pieces):
        piece = tags[op].format(escape(text))
        if op == "delete":  # deleted words sit between words of the wording: keep them apart
            if html and not html[-1][-1:].isspace():
                piece = " " + piece
            if i + 1 < len(pieces) and not pieces[i + 1][1][:1].isspace():
                piece += " "
        html.append(piece)
    return "".join(html)


def render_html(result: ScanResult, out: TextIO, title: str = "quotetrack report") -> None:
    """Write the whole report page for ``result`` to ``out``."""
    outlets = outlet_order(result.articles)
    n_quotes = len(result.occurrences)
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
              f"<header><h1>{escape(title)}</h1>\n<p class=\"meta\">{len(result.articles)} articles, "
              f"{n_quotes} quotes, {len(result.clusters)} clusters, {len(outlets)} outlets</p>\n"
              "<nav><a href=\"#matrix\">Quotes by outlet</a> \u00b7 <a href=\"#variants\">Variants</a> \u00b7 "
              "<a href=\"#timeline\">Timeline</a></nav></header>\n")
    _matrix(result.clusters, outlets, out)
    _variants(result.clusters, out)
    _timeline(result, out)
    out.write("</body>\n</html>\n")


def outlet_order(articles: Iterable[Article]) -> dict[str, str | None]:
    """Every outlet with its earliest article date, earliest first, undated outlets last."""
    dates: dict[str, str | None] = {}
    for a in articles:
        known = dates.get(a.outlet)
        if a.outlet not in dates or (a.date and (known is None or a.date < known)):
            dates[a.outlet] = a.date
    return dict(sorted(dates.items(), key=lambda od: (od[1] is None, od[1] or "", od[0].casefold())))


def _matrix(clusters: Sequence[Cluster], outlets: dict[str, str | None], out: TextIO) -> None:
    out.write("<section id=\"matrix\">\n<h2>Quotes by outlet</h2>\n"
              f"<p class=\"legend\">{CARRIED} carried \u00b7 {FIRST} first to carry \u00b7 {ALTERED} altered "
              f"wording (differs from the canonical one) \u00b7 {UNDATED} unknown date</p>\n"
              "<table class=\"matrix\">\n<thead><tr><th>quote</th><th>speaker</th>")
    for name, date in outlets.items():
        out.write(f"<th class=\"outlet\" scope=\"col\">{escape(name)} <small>{escape(date or UNDATED)}</small></th>")
    out.write("</tr></thead>\n<tbody>\n")
    for c in clusters:
        by_outlet: dict[str, list[Occurrence]] = {}
        for o in c.members:
            by_outlet.setdefault(o.article.outlet, []).append(o)
        out.write(f"<tr><td class=\"quote\"><a href=\"#{escape(c.id)}\">{escape(c.canonical)}</a></td>"
                  f"<td class=\"speaker\">{escape(c.speaker or '')}</td>")
        for name in outlets:
            out.write(_matrix_cell(c, by_outlet.get(name, [])))
        out.write("</tr>\n")
    out.write("</tbody>\n</table>\n</section>\n")


def _matrix_cell(c: Cluster, members: Sequence[Occurrence]) -> str:
    if not members:
        return "<td class=\"mark\"></td>"
    outlet = members[0].article.outlet
    altered = any(fold_words(o.quote.text) != fold_words(c.canonical) for o in members)
    first = outlet in c.first_outlets
    classes = " ".join(["mark", *(["first"] if first else []), *(["altered"] if altered else [])])
    mark = (FIRST if first else CARRIED) + (ALTERED if altered else "")
    wordings = " | ".join(dict.fromkeys(o.quote.text for o in members))
    return f"<td class=\"{classes}\" title=\"{escape(wordings)}\">{mark}</td>"


def _variants(clusters: Sequence[Cluster], out: TextIO) -> None:
    out.write("<section id=\"variants\">\n<h2>Variants</h2>\n"
              "<p class=\"legend\">Each outlet's wording against the canonical one: "
              "<ins>added words</ins>, <del>missing words</del>.</p>\n")
    for c in clusters:
        first = " = ".join(c.first_outlets) or UNDATED
        out.write(f"<article class=\"cluster\" id=\"{escape(c.id)}\">\n<h3>{escape(c.speaker or 'unknown speaker')}: "
                  f"\u201c{escape(c.canonical)}\u201d</h3>\n<p class=\"meta\">{escape(c.id)} \u00b7 "
                  f"{len(c.outlets)} outlets \u00b7 first: {escape(first)} ({escape(c.first_date or UNDATED)})</p>\n"
                  "<table class=\"variants\">\n<thead><tr><th>outlet</th><th>date</th><th>doc</th><th>kind</th>"
                  "<th>speaker</th><th>alteration</th><th>wording</th></tr></thead>\n<tbody>\n")
        for o in c.members:
            a, q = o.article, o.quote
            altered = fold_words(q.text) != fold_words(c.canonical)
            wire = f" <small>(wire: {escape(', '.join(a.wire))})</small>" if a.wire else ""
            row_class = ' class="altered"' if altered else ""
            out.write(f"<tr{row_class}><td>{escape(a.outlet)}{wire}</td>"
                      f"<td>{escape(a.date or UNDATED)}</td><td>{escape(a.doc)} <small>{q.start}:{q.end}</small></td>"
                      f"<td>{escape(q.kind.value)}</td><td>{escape(q.speaker or '')}</td>"
                      f"<td>{escape(_alteration(o))}</td><td class=\"wording\">{highlight(c.canonical, q.text)}</td></tr>\n")
        out.write("</tbody>\n</table>\n</article>\n")
    out.write("</section>\n")


def _alteration(o: Occurrence) -> str:
    """The occurrence's alteration against the canonical wording, with its flags."""
    if o.alteration is None:
        return ""
    return " ".join([o.alteration.alteration.value, *(f.value for f in o.alteration.flags)])


def _timeline(result: ScanResult, out: TextIO) -> None:
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
            title = f" \u2014 {escape(_short(a.title, 16))}" if a.title else ""
            first = firsts.get(a.doc, [])
            links = ", ".join(f"<a href=\"#{escape(c.id)}\">{escape(_short(c.canonical))}</a>" for c in first)
            out.write(f"<li><strong>{escape(a.outlet)}</strong>{title} <small>({escape(a.doc)})</small>: "
                      f"{per_doc.get(a.doc, 0)} quotes" + (f"; first to carry {len(first)}: {links}" if first else "")
                      + "</li>\n")
        out.write("</ul></li>\n")
    out.write("</ol>\n</section>\n")


def _short(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")

"""JSON and JSON-lines exports with one record per article (news APIs, scrapers, CMS dumps).

A ``.json`` file holds one article object, an array of them, or an object whose ``articles``
(``items``, ``results``, ``records``, ``data``) member is such an array; a ``.jsonl`` file holds
one object a line. Each record becomes its own Article whose text is the record's text field
exactly, so offsets index that string (``quotetrack text DOC`` prints it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..metadata import canonical_outlet, infer, outlet_from_url, parse_date
from ..models import Article, Skipped

# Accepted field names, compared without case, "_" or "-" (publishedAt = published_at). They are
# the names used by NewsAPI (source.name, publishedAt, content), news-please (maintext,
# date_publish, source_domain), schema.org NewsArticle (articleBody, datePublished, headline) and
# common scraper exports (text, body, byline, outlet).
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "full_text", "article_text", "article_body"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url"),
    "date": ("date", "published", "published_at", "publication_date", "date_published", "date_publish",
             "pub_date"),
    "outlet": ("source", "outlet", "site", "site_name", "publisher", "publication", "source_domain"),
    "author": ("author", "byline", "authors", "creator"),
    "id": ("id", "_id", "uuid", "guid", "doc_id"),
}
WRAPPER_KEYS = ("articles", "items", "results", "records", "data")
"""Members of a wrapping object that hold the array of records (NewsAPI's ``articles``)."""
RECORD_SEPARATOR = ":"
"""Doc id of a record: the file stem, this separator, the record's id or its position."""


def _norm(key: str) -> str:
    return key.casefold().replace("_", "").replace("-", "")


_LOOKUP = {field: {_norm(name) for name in names} for field, names in FIELDS.items()}


def read_json(doc: str, path: str, text: str) -> list[Article | Skipped]:
    """A ``.json`` export: one article object, an array of them, or a wrapper object holding the
    array (``{"articles": [...]}``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Skipped(path, f"not valid JSON (line {exc.lineno} column {exc.colno})")]
    if isinstance(data, dict) and _get(data, "text") is None:
        inner = next((v for k, v in data.items() if k in WRAPPER_KEYS and isinstance(v, list)), None)
        data = inner if inner is not None else data
    if isinstance(data, dict):
        return [_article(doc, path, data, None)]
    if not isinstance(data, list):
        return [Skipped(path, "JSON is neither an object nor an array of objects")]
    return list(_records(doc, path, list(enumerate(data, start=1))))


def read_jsonl(doc: str, path: str, text: str) -> list[Article | Skipped]:
    """A ``.jsonl`` export: one article object a line; blank lines are ignored and a bad line is
    skipped with its line number. Records without an id are numbered by line."""
    numbered: list[tuple[int, Any]] = []
    skipped: list[Article | Skipped] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            numbered.append((n, json.loads(line)))
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(path, f"line {n}: not valid JSON (column {exc.colno})"))
    return skipped + list(_records(doc, path, numbered))


def _records(doc: str, path: str, numbered: Sequence[tuple[int, Any]]) -> Iterable[Article | Skipped]:
    ids = [_scalar(_get(r, "id")) if isinstance(r, dict) else None for _, r in numbered]
    use_ids = all(ids) and len(set(ids)) == len(ids)
    for (n, record), rid in zip(numbered, ids, strict=True):
        if not isinstance(record, dict):
            yield Skipped(path, f"record {n}: not a JSON object")
            continue
        yield _article(f"{doc}{RECORD_SEPARATOR}{rid if use_ids else n}", path, record, n)


def _article(doc: str, path: str, record: dict[str, Any], n: int | None) -> Article | Skipped:
    text = _get(record, "text")
    if isinstance(text, list) and all(isinstance(p, str) for p in text):
        text = "\n".join(text)  # a body given as a list of paragraphs
    if not isinstance(text, str) or not text.strip():
        where = f"record {n}: " if n is not None else ""
        return Skipped(path, f"{where}no text: none of the fields {', '.join(FIELDS['text'])}")
    meta = infer(text)
    url = _scalar(_get(record, "url")) or meta.url
    source = _get(record, "outlet")
    if isinstance(source, dict):  # NewsAPI's {"id": ..., "name": "Reuters"}
        source = source.get("name")
    source = _scalar(source)
    outlet = _outlet_name(source) if source else (outlet_from_url(url) or meta.outlet or doc)
    return Article(doc=doc, path=path, text=text, outlet=outlet,
                   date=parse_date(_get(record, "date")) or meta.date,
                   title=_scalar(_get(record, "title")) or meta.title,
                   byline=_people(_get(record, "author")) or meta.byline, url=url,
                   wire=tuple(w for w in meta.wire if w != outlet))


def _outlet_name(source: str) -> str:
    """A source given as a name ("Reuters"), a domain ("nytimes.com", news-please) or a URL."""
    if " " not in source and "." in source:
        return outlet_from_url(source) or source
    return canonical_outlet(source)


def _get(record: dict[str, Any], field: str) -> Any:
    """The first present, non-null member of ``record`` with one of ``field``'s accepted names."""
    names = _LOOKUP[field]
    for key, value in record.items():
        if _norm(key) in names and value not in (None, ""):
            return value
    return None


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return " ".join(str(value).split()) or None


def _people(value: Any) -> str | None:
    """Authors given as a string, a list of names, or a list of {"name": ...} objects."""
    if isinstance(value, list):
        names = [_scalar(v.get("name") if isinstance(v, dict) else v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _scalar(value.get("name"))
    return _scalar(value)

"""Plain text and Markdown: the text as decoded, metadata inferred from it (``metadata.infer``)."""

from __future__ import annotations

from ..metadata import HEADER_DATE_RE, front_matter_end, infer
from ..models import Article


def read_text(doc: str, path: str, text: str) -> Article:
    """A plain-text or Markdown article: outlet, date, byline, URL and wire credits from its
    header line, front matter, opening and closing lines; the outlet is the doc id when the text
    names none."""
    meta = infer(text)
    return Article(doc=doc, path=path, text=text, outlet=meta.outlet or doc, date=meta.date,
                   title=meta.title or first_line(text), byline=meta.byline, url=meta.url, wire=meta.wire)


def first_line(text: str) -> str | None:
    """The first non-blank line after any front matter and header (a headline, usually)."""
    for line in text[front_matter_end(text):].splitlines():
        line = HEADER_DATE_RE.sub("", line).strip()
        if line:
            return line[:200]
    return None

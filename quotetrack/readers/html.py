"""HTML pages: the main text and metadata as trafilatura extracts them.

trafilatura is an optional dependency (the ``html`` extra) and is imported only when an HTML
file is read, so text-only scans and ``--help`` stay fast. Offsets of quotes in an HTML page index
the extracted text, which ``quotetrack text DOC`` prints.
"""

from __future__ import annotations

from typing import Any

from ..metadata import canonical_outlet, infer, outlet_from_url, parse_date
from ..models import Article, Skipped

MISSING_TRAFILATURA = "HTML needs trafilatura: pip install 'quotetrack[html]'"
NO_TEXT = "no article text found in the HTML"
DATE_PARAMS = {"original_date": True, "extensive_search": False}
"""htmldate settings: the publication date (not the last update) from the page's markup and URL
only. Its extensive search also reads dates in the visible text, which picks up photo captions and
the body; quotetrack's own dateline rule (``metadata.find_dateline``) covers the text instead."""


def read_html(doc: str, path: str, text: str) -> Article | Skipped:
    """An HTML page -> its main text, with title, date, site name, author and canonical URL from
    the page's metadata; what the page leaves out is inferred from the extracted text."""
    try:
        import trafilatura
    except ImportError:
        return Skipped(path, MISSING_TRAFILATURA)
    found = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                        date_extraction_params=dict(DATE_PARAMS))
    data: dict[str, Any] = {} if found is None else (found if isinstance(found, dict) else found.as_dict())
    body = data.get("text") or ""
    if not body.strip():
        return Skipped(path, NO_TEXT)
    meta = infer(body)
    url = data.get("url") or meta.url
    site = data.get("sitename")
    outlet = canonical_outlet(site) if site else (outlet_from_url(url) or meta.outlet or doc)
    return Article(doc=doc, path=path, text=body, outlet=outlet,
                   date=parse_date(data.get("date")) or meta.date, title=data.get("title") or meta.title,
                   byline=data.get("author") or meta.byline, url=url,
                   wire=tuple(w for w in meta.wire if w != outlet))

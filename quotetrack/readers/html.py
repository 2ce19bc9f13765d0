"""HTML pages: the main text as trafilatura extracts it, with the page's own metadata.

trafilatura is part of the normal install but is imported only when an HTML file is read, so
text-only scans and ``--help`` stay fast. The text is written from trafilatura's tree one block a
line (``page_text``), with headings, list items and block quotes marked; quotes' offsets index
that text, which ``quotetrack text DOC`` prints. Page furniture ("Trending", "Related" boxes,
breadcrumbs) is pruned before extraction.

Metadata, each from the first source that has it:
- outlet: the table of well-known outlets for the page's domain, a cleaned declared site name,
  then the registrable domain (``outlets.outlet_name``);
- date: the published date the page declares, in its own time zone (``page.page_facts``), then
  htmldate's on the whole page (publication date only), then a dateline in the text;
- wire: the wire credits and "originally appeared on" lines of the text, less the outlet itself.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..metadata import canonical_outlet, infer, parse_date
from ..models import Article, Skipped
from ..outlets import outlet_name
from .page import PageFacts, page_facts
from .page_text import PRUNE_XPATHS, page_text, prune_link_paragraphs

MISSING_TRAFILATURA = ("HTML needs trafilatura, which quotetrack installs: reinstall it "
                       "(pip install -e . in a clone, or pip install quotetrack)")
NO_TEXT = "no article text found in the HTML"
DATE_PARAMS = {"original_date": True, "extensive_search": False}
"""htmldate settings (trafilatura's; ``_undeclared_date`` spells the same out): the publication date
(not the last update) from the page's markup and URL only. Its extensive search also reads dates
in the visible text, which picks up photo captions and the body; quotetrack's own dateline rule
(``metadata.find_dateline``) covers the text instead."""


def read_html(doc: str, path: str, text: str) -> Article | Skipped:
    """An HTML page -> its main text, with outlet, date, title, author, URL and wire credits from
    the page's markup; what the page leaves out is inferred from the extracted text."""
    try:
        import trafilatura
    except ImportError:
        return Skipped(path, MISSING_TRAFILATURA)
    tree = trafilatura.load_html(text)
    if tree is None:
        return Skipped(path, NO_TEXT)
    facts = page_facts(tree)
    prune_link_paragraphs(tree)
    found = _extract(trafilatura, tree, pruned=True)
    if found is None:  # the pruning took the article with it (a "related" class on its container)
        found = _extract(trafilatura, trafilatura.load_html(text), pruned=False)
    if found is None:
        return Skipped(path, NO_TEXT)
    body, blocks = page_text(found.body)
    if facts.published is None:
        facts = replace(facts, published=_undeclared_date(text))
    return _article(doc, path, body, blocks, facts, found)


def _undeclared_date(text: str) -> str | None:
    """The publication date of a page that declares none, as htmldate finds it in the whole page
    (before any pruning: a post's linked timestamp is pruned with the link paragraphs)."""
    from htmldate import find_date  # trafilatura's own date library, installed with it

    try:
        return parse_date(find_date(text, original_date=True, extensive_search=False))
    except (ValueError, TypeError):  # a page htmldate cannot parse has no date it can read
        return None


def _extract(trafilatura: Any, tree: Any, pruned: bool) -> Any:
    """trafilatura's extraction of a parsed page; None when it holds no text."""
    found = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, as_dict=False,
        date_extraction_params=dict(DATE_PARAMS),
        prune_xpath=list(PRUNE_XPATHS) if pruned else None)
    if found is None or getattr(found, "body", None) is None or not "".join(found.body.itertext()).strip():
        return None
    return found


def _article(doc: str, path: str, body: str, blocks: Any, facts: PageFacts, found: Any) -> Article | Skipped:
    if not body.strip():
        return Skipped(path, NO_TEXT)
    meta = infer(body)
    url = facts.url or found.url or meta.url
    title = found.title or meta.title
    named = outlet_name(list(facts.site_names), url, title, head_title=facts.head_title)
    outlet = canonical_outlet(named) if named else (meta.outlet or doc)
    date = facts.published or meta.date
    return Article(doc=doc, path=path, text=body, outlet=outlet, date=date, title=title,
                   byline=found.author or meta.byline, url=url,
                   wire=tuple(w for w in meta.wire if w != outlet), blocks=blocks)

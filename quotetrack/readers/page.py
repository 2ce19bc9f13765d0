"""What an HTML page declares about itself in its markup: site names, URL, published date.

Read from the parsed page (lxml) before trafilatura extracts the text. The published date is the
one the page declares (schema.org ``datePublished``, ``article:published_time`` and the meta tags
news CMSs write), never ``dateModified``, and it is taken as the page writes it: the date part of
"2025-04-28T22:08:00-04:00" is 28 April, the day in the page's own time zone, not converted to UTC.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..metadata import parse_date

# Meta tags that carry the publication date, best first. Source: Open Graph's article namespace
# (ogp.me), schema.org's datePublished as microdata, Dublin Core (DC.date.issued, dcterms.created)
# and the tags common news CMSs and analytics write (sailthru.date, parsely-pub-date, pubdate).
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished",
                  "article.published", "pubdate", "publishdate", "publish-date", "publish_date",
                  "dc.date.issued", "dcterms.created", "dcterms.issued", "sailthru.date",
                  "parsely-pub-date", "date")
# Meta tags naming the site, best first (Open Graph, application name, Twitter's site name is a
# handle and is not used).
SITE_NAME_META = ("og:site_name", "application-name", "apple-mobile-web-app-title")
URL_META = ("og:url",)
# schema.org types of a news page's main object, whose datePublished is the page's.
ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                           "opinionnewsarticle", "blogposting", "liveblogposting", "webpage", "report",
                           "scholarlyarticle", "techarticle", "socialmediaposting", "videoobject"})
MAX_LD_OBJECTS = 500
"""JSON-LD objects looked at per page: enough for any real page, bounded for hostile ones."""


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the page's markup declares; None or empty where it says nothing."""

    site_names: tuple[str, ...] = ()
    """Declared site names, best source first (og:site_name, application-name, JSON-LD publisher)."""
    published: str | None = None
    """ISO ``YYYY-MM-DD`` in the page's own time zone."""
    url: str | None = None
    """The canonical URL (``<link rel=canonical>``, og:url)."""
    head_title: str | None = None
    """The ``<title>`` as the page writes it, site name and all ("Council votes - Harbor Gazette")."""


def page_facts(tree: Any) -> PageFacts:
    """Site names, published date and canonical URL declared in a parsed page's head and
    JSON-LD."""
    metas: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().casefold()
        value = (el.get("content") or el.get("value") or "").strip()
        if key and value:
            metas.setdefault(key, []).append(value)
    objects = list(_ld_objects(tree))
    publishers = [name for obj in objects if (name := _publisher(obj))]
    ld_dates = [obj.get("datePublished") for obj in objects if _is_article(obj)]
    microdata = [el.get("datetime") or el.get("content") for el in tree.iter()
                 if isinstance(el.tag, str) and el.get("itemprop") == "datePublished"]
    dates = ld_dates + [v for key in PUBLISHED_META for v in metas.get(key, [])] + microdata
    published = next((d for v in dates if (d := parse_date(v if isinstance(v, str) else None))), None)
    # The site's own tags first: an article's JSON-LD publisher may be the agency that wrote it
    # (a wire story on a newspaper's site), not the site.
    sites = [v for key in SITE_NAME_META for v in metas.get(key, [])] + publishers
    canonical = next((el.get("href") for el in tree.iter("link")
                      if "canonical" in (el.get("rel") or "").casefold().split() and el.get("href")), None)
    url = _absolute(canonical) or next((v for key in URL_META for v in metas.get(key, []) if _absolute(v)), None)
    head_title = next((" ".join(el.text_content().split()) for el in tree.iter("title")), None)
    return PageFacts(site_names=tuple(dict.fromkeys(sites)), published=published, url=url,
                     head_title=head_title or None)


def _absolute(url: str | None) -> str | None:
    return url if url and url.strip().casefold().startswith(("http://", "https://")) else None


def _ld_objects(tree: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, nested ones and ``@graph`` members too."""
    stack: list[Any] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().casefold() == "application/ld+json" and script.text:
            try:
                stack.append(json.loads(script.text))
            except ValueError:
                continue  # a broken JSON-LD block says nothing
    seen = 0
    while stack and seen < MAX_LD_OBJECTS:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            seen += 1
            yield item
            stack.extend(v for k, v in item.items() if k == "@graph" or k == "mainEntity")


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.casefold() for k in kinds if isinstance(k, str)}


def _is_article(obj: dict[str, Any]) -> bool:
    return bool(_types(obj) & ARTICLE_TYPES) and isinstance(obj.get("datePublished"), str)


def _publisher(obj: dict[str, Any]) -> str | None:
    """The name of an article object's publisher (``{"publisher": {"name": "Reuters"}}``)."""
    if not _types(obj) & ARTICLE_TYPES:
        return None
    publisher = obj.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    name = publisher.get("name") if isinstance(publisher, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None

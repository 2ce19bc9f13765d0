"""Outlet names: one outlet, one name, whichever page, record or URL names it.

A web address names its outlet through its registrable domain (``www.bbc.co.uk`` and
``news.bbc.co.uk`` are both ``bbc.co.uk``), found with ``tldextract`` in offline mode (its bundled
copy of the Public Suffix List, so no network access ever), and the shipped table
``data/outlets.tsv`` of well-known outlets. A site name a page declares is cleaned of what sites put
beside it: taglines ("The Harbor Gazette | Local News | Travel"), Twitter handles ("@HarborGazette"),
a page title, a blog platform's name, or a domain label written in lower case ("harborgazette").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from .datafiles import data_lines

OUTLETS_FILE = "outlets.tsv"
"""The table of well-known outlets by domain (package data, ``quotetrack/data``)."""
PLATFORMS_FILE = "platforms.txt"
"""Blog and CMS platforms whose name pages declare in place of their own (package data)."""

# What sites write between their name and a tagline or section: "Name | Tagline", "Name - News",
# "Name: Breaking News", "Name • Section".
TAGLINE_SPLIT_RE = re.compile(r"\s+[|•·:–—-]\s+|\s*\|\s*|\s+::\s+")
DOMAIN_RE = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?$", re.IGNORECASE)
DOMAIN_INSIDE_RE = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|net|org|co\.uk|info)\b", re.IGNORECASE)
MAX_NAME_WORDS = 6
"""An outlet's name is short; a longer "site name" is a tagline or a title."""
MIN_BRAND_LABEL = 4
"""A domain label shorter than this ("nj", "abc") is spelled by too many words to find in a title."""


@cache
def outlet_table() -> dict[str, str]:
    """Domain (registrable, or a more specific host) -> outlet name, from ``data/outlets.tsv``."""
    table: dict[str, str] = {}
    for line in data_lines("quotetrack", f"data/{OUTLETS_FILE}"):
        domain, name = line.split("\t")
        table[domain.strip().casefold()] = name.strip()
    return table


@cache
def platform_names() -> frozenset[str]:
    """Names of publishing platforms (``data/platforms.txt``), case-folded."""
    return frozenset(line.strip().casefold() for line in data_lines("quotetrack", f"data/{PLATFORMS_FILE}"))


@cache
def known_outlet_names() -> frozenset[str]:
    """Every name of the table, case-folded: a "Source:" line naming one is an outlet credit."""
    return frozenset(name.casefold() for name in outlet_table().values())


@cache
def _extractor() -> Any:
    # Imported here: only a URL needs it. suffix_list_urls=() keeps it offline: it reads the
    # snapshot of the Public Suffix List bundled with the package and never fetches one.
    import tldextract
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL or bare domain ("https://WWW.Example.org/a" -> "www.example.org")."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url.strip()).hostname
    except ValueError:
        return None
    host = (host or "").casefold().rstrip(".")
    return host if "." in host else None


@cache
def registrable_domain(host: str) -> str | None:
    """The domain a registrant owns under a public suffix ("news.bbc.co.uk" -> "bbc.co.uk"); None
    for an IP address or a name under no known suffix."""
    parts = _extractor()(host)
    if not parts.suffix or not parts.domain:
        return None
    return f"{parts.domain}.{parts.suffix}"


def outlet_for_host(host: str) -> str | None:
    """The table's name for a host: the most specific listed suffix of it that is no shorter than
    its registrable domain (abcnews.go.com before go.com); None when the table has none."""
    table = outlet_table()
    base = registrable_domain(host) or host
    labels = host.split(".")
    for i in range(len(labels)):
        candidate = ".".join(labels[i:])
        if candidate in table:
            return table[candidate]
        if candidate == base:
            break
    return None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: the table's name for its domain, else its registrable domain
    ("https://www.example.org/a" -> "example.org"). None when it holds no domain."""
    host = host_of(url)
    if host is None:
        return None
    return outlet_for_host(host) or registrable_domain(host) or host.removeprefix("www.")


def clean_site_name(name: str | None, *, title: str | None = None, host: str | None = None) -> str | None:
    """A site name as a page declares it, cleaned to the outlet's name; None when nothing usable
    remains.

    "The Harbor Gazette | Local News | Travel" -> "The Harbor Gazette" (the part that matches the
    domain, else the first); Twitter handles ("@HarborGazette"), lower-case domain labels
    ("harborgazette"), a page's own title, a publishing platform's name ("Blogger"), long taglines
    and names with a web address in them are refused, so that the caller falls back to the domain."""
    if not name:
        return None
    name = " ".join(name.split()).strip(" |-–—:·•")
    if not name or name.startswith("@") or name.islower() or name.casefold() in platform_names():
        return None
    parts = [p.strip() for p in TAGLINE_SPLIT_RE.split(name) if p.strip()]
    if len(parts) > 1:
        name = _matching_part(parts, host) or parts[0]
    if title and _squash(name) == _squash(title):
        return None
    if DOMAIN_RE.match(name):
        return name if _styled_domain(name) else None
    if DOMAIN_INSIDE_RE.search(name) or len(name.split()) > MAX_NAME_WORDS or name.islower():
        return None
    return name


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _matching_part(parts: list[str], host: str | None) -> str | None:
    """The part of a tagged site name that spells the site's domain label ("The Harbor Gazette" for
    harborgazette.com, with or without "the")."""
    label = (registrable_domain(host) or "").split(".")[0] if host else ""
    if not label:
        return None
    for part in parts:
        squashed = _squash(part)
        if squashed and (squashed == label or squashed.removeprefix("the") == label or label in squashed):
            return part
    return None


def _styled_domain(name: str) -> bool:
    """A domain written the way a brand writes itself ("Space.com", "NJ.com"): a capital letter in
    it, and no scheme or "www."."""
    return any(c.isupper() for c in name) and "/" not in name and not name.casefold().startswith("www.")


def outlet_name(site_names: list[str], url: str | None, title: str | None = None, *,
                head_title: str | None = None) -> str | None:
    """An HTML page's outlet: the table's name for its URL's domain, else a declared site name that
    survives cleaning (one that spells the domain first), else the site's name as the page's
    ``<title>`` spells it, else the registrable domain. None when nothing names it."""
    host = host_of(url)
    if host is not None and (known := outlet_for_host(host)) is not None:
        return known
    cleaned = [clean for site in site_names if (clean := clean_site_name(site, title=title, host=host))]
    label = (registrable_domain(host) or "").split(".")[0] if host else ""
    # A name that spells the domain ("PolitiFact" for politifact.com) is the site's own, whichever
    # tag declares it; it keeps one name for the outlet when its pages declare different ones.
    spelled = [name for name in cleaned if label and _squash(name).removeprefix("the") == label]
    return next(iter(spelled + cleaned), None) or title_brand(head_title, label) or outlet_from_url(url)


def title_brand(title: str | None, label: str) -> str | None:
    """The site's name as its page title spells it, for a site that declares none: the leading
    words of a title part that spell the domain label ("Harbor Gazette" from "Council votes - Harbor
    Gazette Online" on harborgazette.com). None when no part of the title starts with the label
    written out, or when the label is so short that a word could spell it by chance."""
    if not title or len(label) < MIN_BRAND_LABEL:
        return None
    for part in TAGLINE_SPLIT_RE.split(title)[1:]:
        words = part.split()
        for n in range(1, min(len(words), MAX_NAME_WORDS) + 1):
            name = " ".join(words[:n])
            spelled = _squash(name).removeprefix("the")
            if spelled == label and not name.islower():
                return name
            if not label.startswith(spelled):
                break
    return None

#!/usr/bin/env python3
"""How clean quotetrack's reading of saved web pages is: outlets, dates, wire credits, furniture.

usage:
  python bench/web_pages.py PAGES_DIR GROUND_TRUTH [--list] [--furniture N]

PAGES_DIR holds saved pages (``NAME.html``); GROUND_TRUTH is a JSON object mapping each NAME to
``{"url": ..., "articleBody": ...}``: the page's address and the article text as a person reads it
(as in the Article Extraction Benchmark). The pages are read by the library's own readers
(``corpus.iter_articles``) and quotes found by ``extract.find_quotes``; the script prints:

- outlets: how many pages have a clean outlet name, by the rules of ``outlet_problem`` (no
  Twitter handle, tagline, title, bare domain, doc id or CamelCase run-together name), and how
  many registrable domains (of the ground-truth URL) appear under more than one outlet name;
  ``--list`` prints every distinct outlet so a person can read them too;
- dates: how many pages got a date, how many pages declare a published date in their markup
  (JSON-LD ``datePublished``, ``article:published_time`` and similar meta tags, ``itemprop``), and
  on how many of those the date found is that declared date as the page writes it (its own time
  zone: the date part of the timestamp, not converted to UTC);
- wire: pages flagged as carrying wire copy, and how many of them name their own outlet;
- furniture: quotes whose words are not in the page's articleBody (a sidebar, related links, a
  breadcrumb), split into unmarked quotes (counted as attributed occurrences) and quotes marked
  as headline renderings (``Quote.display``, when the library has it). ``--furniture N`` prints
  N such quotes.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrack.corpus import iter_articles  # noqa: E402
from quotetrack.extract import find_quotes  # noqa: E402
from quotetrack.models import Article  # noqa: E402

WORD_RE = re.compile(r"[^\W_]+")
DOMAIN_RE = re.compile(r"^[\w-]+(\.[\w-]+)+$")
TAGLINE_RE = re.compile(r"\s[|•·:–—-]\s|\|")
MAX_WORDS = 6
CAMEL_RE = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
# Declared publication dates in the markup: JSON-LD, Open Graph / article meta, itemprop, Dublin Core.
PUBLISHED_RES = (
    re.compile(r'"datePublished"\s*:\s*"([^"]+)"'),
    re.compile(r'<meta[^>]+(?:property|name|itemprop)=["\'](?:article:published_time|datePublished|'
               r'pubdate|publishdate|date|DC\.date\.issued|dcterms\.created|sailthru\.date|parsely-pub-date)'
               r'["\'][^>]*content=["\']([^"\']+)', re.IGNORECASE),
    re.compile(r'<meta[^>]+content=["\']([^"\']+)["\'][^>]*(?:property|name|itemprop)=["\']'
               r'(?:article:published_time|datePublished)["\']', re.IGNORECASE),
    re.compile(r'itemprop=["\']datePublished["\'][^>]*datetime=["\']([^"\']+)', re.IGNORECASE),
)
ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def outlet_problem(outlet: str, doc: str, page: dict[str, str] | None = None) -> str | None:
    """Why an outlet name is not a clean, human-readable name; None when it is.

    ``page`` holds what the page declares (``site_name``: og:site_name, ``handle``: twitter:site
    without "@", ``domain``: the registrable domain of its URL), for the rules that compare."""
    page = page or {}
    folded = outlet.casefold()
    if outlet == doc:
        return "doc id"
    if "copyright" in folded or "©" in outlet:
        return "credit line"
    if TAGLINE_RE.search(outlet):
        return "tagline"
    if DOMAIN_RE.match(outlet) or folded.startswith(("www.", "http:", "https:")):
        # a brand that writes itself as a domain ("Space.com") is told apart from a bare host
        return "styled domain" if outlet != folded and "/" not in outlet else "bare domain"
    if "_" in outlet or (page.get("handle") and folded == page["handle"].casefold() and CAMEL_RE.search(outlet)
                         and folded != page.get("site_name", "").casefold()):
        return "handle"
    if len(outlet.split()) > MAX_WORDS:
        return "title or tagline"
    label = page.get("domain", "").split(".")[0]
    if page.get("site_name", "").islower() and folded == page["site_name"]:
        return "lower-case site name"
    if folded in page.get("host", "").split(".")[:-2] and folded != label and folded != "www":
        return "host label"
    site = page.get("site_name", "")
    if site and not TAGLINE_RE.search(site):
        theirs = set(words(site)) | {label}
        initials = "".join(w[0] for w in words(outlet) if w != "the")
        related = any(w in theirs or any(w in t or t in w for t in theirs) for w in words(outlet))
        if initials not in theirs and not related:
            return "not the site's name"
    return None


SITE_NAME_RE = re.compile(r'<meta[^>]+property=["\']og:site_name["\'][^>]*content=["\']([^"\']*)', re.IGNORECASE)
HANDLE_META_RE = re.compile(r'<meta[^>]+(?:name|property)=["\']twitter:site["\'][^>]*'
                            r'(?:content|value)=["\']@?([^"\']*)',
                            re.IGNORECASE)


def page_facts(html: str, url: str | None) -> dict[str, str]:
    """What the page declares about its outlet: og:site_name, twitter:site handle, domain."""
    facts = {}
    if m := SITE_NAME_RE.search(html):
        facts["site_name"] = " ".join(m.group(1).split())
    if m := HANDLE_META_RE.search(html):
        facts["handle"] = m.group(1).strip()
    if url:
        facts["domain"] = registrable(url)
        facts["host"] = (urlsplit(url).hostname or "").casefold()
    return facts


def registrable(url: str) -> str:
    """The registrable domain of ``url`` (tldextract's bundled suffix list, no network)."""
    import tldextract
    parts = tldextract.TLDExtract(suffix_list_urls=())(url)
    return parts.top_domain_under_public_suffix if hasattr(parts, "top_domain_under_public_suffix") \
        else parts.registered_domain


def declared_date(html: str) -> str | None:
    """The published date the page declares in its markup, as written (its own time zone)."""
    for pattern in PUBLISHED_RES:
        for m in pattern.finditer(html):
            if d := ISO_DATE_RE.match(m.group(1).strip()):
                return "-".join(d.groups())
    return None


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD_RE.findall(text)]


def in_body(quote: str, body_words: str) -> bool:
    """Whether the quote's words stand in the body in the same order."""
    q = " ".join(words(quote))
    return not q or f" {q} " in body_words


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", type=Path)
    ap.add_argument("truth", type=Path)
    ap.add_argument("--list", action="store_true", help="print every distinct outlet name")
    ap.add_argument("--furniture", type=int, default=0, metavar="N", help="print N furniture quotes")
    args = ap.parse_args()
    truth = json.loads(args.truth.read_text(encoding="utf-8"))
    articles: list[Article] = []
    skipped = []
    for item in iter_articles([str(args.pages)]):
        (articles if isinstance(item, Article) else skipped).append(item)
    n = len(articles)
    problems = collections.Counter()
    names_by_domain: dict[str, set[str]] = collections.defaultdict(set)
    dated = declared = matching = wire_pages = own_wire = 0
    quotes = furniture = marked = marked_furniture = 0
    shown: list[str] = []
    flagged: dict[str, str] = {}
    for art in articles:
        gt = truth.get(art.doc, {})
        html = Path(art.path).read_text(encoding="utf-8", errors="replace")
        facts = page_facts(html, gt.get("url"))
        if (why := outlet_problem(art.outlet, art.doc, facts)) is not None:
            problems[why] += 1
            flagged[art.outlet] = why
        if gt.get("url"):
            names_by_domain[facts["domain"]].add(art.outlet)
        dated += art.date is not None
        if (want := declared_date(html)) is not None:
            declared += 1
            matching += art.date == want
        if art.wire:
            wire_pages += 1
            own_wire += art.outlet in art.wire
        body = " " + " ".join(words(gt.get("articleBody", ""))) + " "
        for q in find_quotes(art):
            display = getattr(q, "display", None)
            quotes += 1
            marked += display is not None
            if not in_body(q.text, body):
                if display is not None:
                    marked_furniture += 1
                else:
                    furniture += 1
                    if len(shown) < args.furniture:
                        shown.append(f"{art.doc[:12]} [{art.outlet}] {q.text[:100]!r}")
    split = {d: sorted(v) for d, v in names_by_domain.items() if len(v) > 1}
    print(f"pages read: {n} (skipped {len(skipped)})")
    print(f"outlets clean: {n - sum(problems.values())}/{n}  problems: {dict(problems.most_common())}")
    print(f"distinct outlet names: {len({a.outlet for a in articles})}; "
          f"registrable domains under more than one name: {len(split)}")
    for domain, names in sorted(split.items()):
        print(f"  {domain}: {names}")
    print(f"dates found: {dated}/{n}; pages declaring a published date: {declared}; "
          f"found date == declared: {matching}/{declared}")
    print(f"wire: {wire_pages} pages flagged, {own_wire} of them with their own outlet as the wire")
    print(f"quotes: {quotes} ({marked} marked as headline renderings); furniture (words not in articleBody): "
          f"{furniture} unmarked, {marked_furniture} marked")
    if args.list:
        counts = collections.Counter(a.outlet for a in articles)
        for name, k in sorted(counts.items(), key=lambda x: x[0].casefold()):
            print(f"  {k:3d}  {name}  {flagged.get(name, '')}")
    for line in shown:
        print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

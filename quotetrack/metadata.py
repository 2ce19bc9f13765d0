"""Article metadata found in the text itself: outlet, date, byline, URL and wire credits.

Used for plain text with no manifest, and to fill what an HTML page or JSON record leaves out.
Every rule looks only where news text puts that piece of metadata: header lines, front matter and
the opening lines for the date and byline, a standalone source or URL line near the top or the
end for the outlet, and the closing credit line for wire services. A date inside a sentence (a
photo caption, the body) is never taken for the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timezone

from .outlets import known_outlet_names, outlet_from_url

# ` date 2025-03-13 By Andrew Thornebrooke`: the header line some scrapers and CMS exports write.
HEADER_DATE_RE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})\b(?:\s+By\s+((?:[A-Z][\w.'’-]*\s?){1,4}))?")

OPENING_LINES = 12
"""How many non-blank lines count as an article's opening (headline, standfirst, byline,
dateline): wide enough for the headline, kicker, section and byline of a web page saved as text,
narrow enough that a date in the body is never taken for the publication date."""
CLOSING_LINES = 5
"""Source and URL lines are also looked for in the last non-blank lines (footers)."""
MAX_META_LINE = 100
"""A metadata line (dateline, byline, source) is short; longer lines are prose."""

# Wire services and their usual spellings in credit lines and source lines, from the AP and
# Reuters style guides' own names and the agencies' datelines ("MOSCOW (Reuters) -", "(AP) --").
WIRE_SERVICES: dict[str, str] = {
    "associated press": "AP", "the associated press": "AP", "ap": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters",
    "agence france-presse": "AFP", "agence france presse": "AFP", "afp": "AFP",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg",
    "deutsche presse-agentur": "dpa", "dpa": "dpa",
    "united press international": "UPI", "upi": "UPI",
    "xinhua": "Xinhua", "tass": "TASS", "interfax": "Interfax", "ria novosti": "RIA Novosti",
    "ansa": "ANSA", "efe": "EFE", "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap",
    "press association": "PA", "pa media": "PA", "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press", "australian associated press": "AAP", "aap": "AAP",
    "press trust of india": "PTI", "pti": "PTI", "anadolu": "Anadolu", "anadolu agency": "Anadolu",
}


MONTHS: dict[str, int] = {
    name: i for i, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
        ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
        ("october", "oct"), ("november", "nov"), ("december", "dec")), start=1) for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?![\d])"),
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE),
)
# Time-zone abbreviations news sites print after a time (tz database abbreviations in use).
TIME_ZONES = ("UTC", "GMT", "BST", "CET", "CEST", "EET", "EEST", "MSK", "IST", "JST", "KST", "HKT", "SGT",
              "AEST", "AEDT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "ET", "CT", "PT")
# What may stand next to a date on a dateline: weekdays, clock times, time zones and the words
# web pages put around them ("Published", "Updated", "at"). Anything else makes the line prose.
_DATELINE_NOISE = re.compile(
    r"\b(?:published|posted|updated|last|modified|on|at|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)"
    r"(?:day)?\.?|T?\d{1,2}(?:[:.]\d{2}){1,2}(?:\.\d+)?Z?\s*(?:[ap]\.?\s?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|"
    + "|".join(TIME_ZONES) +
    r"|[+-]\d{2}:?\d{2})\b|[\s,.:|/()–—-]+", re.IGNORECASE)
_UPDATED_RE = re.compile(r"^\s*(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")

# "[Source: Reuters]", "(via AFP)": any name in brackets. "Source: Reuters" without brackets is also
# how charts and polls credit their data ("Source: USA TODAY/Suffolk University"), so there the
# value must be a known outlet, a wire or a URL.
_SOURCE_BRACKETED_RE = re.compile(r"^\s*[\[(]\s*(?:source|via)\s*:?\s*(.+?)\s*[\])]\s*$", re.IGNORECASE)
_SOURCE_LINE_RE = re.compile(r"^\s*(?:source|originally published (?:by|in|on))\s*:\s*(.+?)\s*$", re.IGNORECASE)
_URL_RE = re.compile(r"https?://[^\s<>\"')\]]+", re.IGNORECASE)
# A URL alone on a line, or after a label ("URL:", "Originally published at"). At the end of an
# article a bare URL is usually a reference ("For more: http://..."), so there a label is needed.
_URL_LINE_RE = re.compile(r"^\s*(?P<label>(?:url|link|source|canonical|originally published (?:at|on))\s*:?\s*)?"
                          r"<?(?P<url>https?://\S+?)>?\s*$", re.IGNORECASE)
_BYLINE_RE = re.compile(r"^\s*By\s+(?P<names>[^|,\u2013\u2014]+?)\s*"
                        r"(?:(?:,|\||\s[\u2013\u2014-]\s)\s*(?P<org>[^|]+?))?\s*$")
MAX_CREDITED = 160
"""Characters the names of a credit line may take ("Jane Doe and The Associated Press")."""
_CREDIT_RE = re.compile(
    rf"(?P<who>[^.\n]{{2,{MAX_CREDITED}}}?)\s+(?:contributed|also contributed)\s+(?:to\s+)?(?:this\s+)?"
    r"(?:report(?:ing)?|story|article|coverage)", re.IGNORECASE)
_CONTRIBUTED_RE = re.compile("contributed", re.IGNORECASE)
# "MOSCOW (Reuters) -", "NEW YORK, Nov. 19 (UPI) --": the place (and date) the agency filed from.
_WIRE_DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Za-z0-9 .,'’/-]{1,60}?\s*\((?P<wire>[A-Za-z .'-]{2,40})\)\s*[-\u2013\u2014]")
# Reuters' sign-off on every story it files: "(Reporting by Jane Doe; Editing by John Roe)".
_REUTERS_SIGNOFF_RE = re.compile(r"^\s*\(?(?:additional\s+)?(?:reporting|writing)\s+by\b.*;\s*editing\s+by\b",
                                 re.IGNORECASE)
_NAME_SPLIT_RE = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)
# A copyright line naming a wire service: "© Thomson Reuters 2020", "Copyright 2020 The Associated
# Press. All rights reserved.", "(c) 2024 AFP". Searched from its literal opening, at C speed.
_COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|copyright\b)[ \t]*(?:\d{4}[ \t,]*)?(?P<who>[A-Za-z][A-Za-z .&'-]{1,60}?)[ \t,]*(?:\d{4})?[ \t]*"
    r"(?:\.|$|all rights reserved)", re.IGNORECASE | re.MULTILINE)
# "This article originally appeared on Fox News", "This story was originally published by The
# Texas Tribune.", "Originally published in The Guardian": the outlet the copy came from.
_ORIGIN_RE = re.compile(
    r"originally (?:appeared|published|ran|posted)(?: online)? (?:on|in|by|at) "
    r"(?P<who>(?:[^\n.,;:!?()]|\.(?=\w)){2,80}?)"
    r"(?:[.,;:!?()]\s|[.,;:!?()]?$| on (?:\w+day|[A-Z][a-z]+ \d)| and is republished)", re.IGNORECASE | re.MULTILINE)
MAX_ORIGIN_WORDS = 6
"""An outlet named on an "originally appeared on" line is short; more words are a sentence."""


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the text tells about its own publication; None where it says nothing."""

    outlet: str | None = None
    date: str | None = None
    """ISO ``YYYY-MM-DD``."""
    title: str | None = None
    byline: str | None = None
    url: str | None = None
    wire: tuple[str, ...] = ()
    """Wire services the text credits, in the order credited."""


def infer(text: str) -> TextMetadata:
    """Read the metadata an article's text carries: header line, front matter, opening lines
    (dateline, byline, source line, URL), closing lines (source, URL, wire credits)."""
    front = front_matter(text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    opening = lines[:OPENING_LINES]
    edges = opening + lines[OPENING_LINES:][-CLOSING_LINES:]
    header = HEADER_DATE_RE.match(text)
    url = _first(front.get("url"), find_url(opening), find_url(edges[len(opening):], labelled=True))
    byline = _first(header and header.group(2) and header.group(2).strip(), front.get("author"), find_byline(opening))
    date = _first(header and header.group(1), parse_date(front.get("date")), find_dateline(opening))
    outlet = _first(front.get("outlet"), find_source(edges), outlet_from_url(url), _byline_outlet(opening))
    return TextMetadata(outlet=outlet, date=date, title=front.get("title"), byline=byline, url=url,
                        wire=tuple(w for w in find_wire(text) if w != outlet))


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def front_matter(text: str) -> dict[str, str]:
    """``---``-fenced ``key: value`` front matter at the very top (Jekyll, Hugo, Markdown exports),
    keyed by quotetrack's names: date, title, outlet, author, url."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}
    out: dict[str, str] = {}
    for line in m.group(1).splitlines():
        if km := _FRONT_KEY_RE.match(line):
            key = FRONT_MATTER_KEYS.get(km.group(1).casefold())
            value = km.group(2).strip().strip("'\"").strip()
            if key and value and key not in out:
                out[key] = value
    return out


def front_matter_end(text: str) -> int:
    """Offset just past the front matter (0 when there is none)."""
    m = _FRONT_MATTER_RE.match(text)
    return m.end() if m else 0


# Front-matter keys as static-site generators and CMS exports name them -> quotetrack's field.
FRONT_MATTER_KEYS: dict[str, str] = {
    "date": "date", "published": "date", "pubdate": "date", "publishdate": "date", "published_at": "date",
    "title": "title", "headline": "title",
    "outlet": "outlet", "source": "outlet", "site": "outlet", "publication": "outlet", "publisher": "outlet",
    "author": "author", "byline": "author", "authors": "author",
    "url": "url", "link": "url", "canonical": "url", "canonical_url": "url",
}


def parse_date(value: object) -> str | None:
    """A date in any common form -> ISO ``YYYY-MM-DD``: ISO dates and timestamps, "March 14,
    2025", "14 March 2025", and Unix epoch seconds or milliseconds. None when not a date."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value  # milliseconds since 1973 exceed 1e11
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    m = _search_date(str(value))
    return _iso(m) if m else None


def _search_date(text: str) -> re.Match[str] | None:
    found = [m for p in _DATE_PATTERNS if (m := p.search(text)) and _iso(m)]
    return min(found, key=lambda m: m.start()) if found else None


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTHS[groups["month"].casefold()]
    try:
        return Date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def find_dateline(lines: list[str]) -> str | None:
    """The publication date from a dateline among the opening lines.

    A dateline is a short line that holds one date and nothing but weekdays, times, time zones
    and the words "Published", "Updated", "on", "at" ("March 14, 2025 8:39 am", "Thursday,
    March 13, 2025", "Published 14 March 2025 | 09:12 GMT"). A date in a sentence (a photo caption
    or the body) is not a dateline. An "Updated" line counts only when no other dateline exists.
    """
    updated = None
    for line in lines:
        if len(line) > MAX_META_LINE:
            continue
        m = _search_date(line)
        if not m or _DATELINE_NOISE.sub("", line[:m.start()] + " " + line[m.end():]):
            continue
        if _UPDATED_RE.match(line):
            updated = updated or _iso(m)
            continue
        return _iso(m)
    return updated


def find_source(lines: list[str]) -> str | None:
    """An outlet named on a source line: "[Source: Reuters]", "(via AP)", or "Source: The
    Guardian" when the name is a known outlet or wire (else it is a data credit)."""
    for line in lines:
        if len(line) > MAX_META_LINE:
            continue
        bracketed = _SOURCE_BRACKETED_RE.match(line)
        m = bracketed or _SOURCE_LINE_RE.match(line)
        if not m:
            continue
        value = m.group(1).strip(" .")
        if url := _URL_RE.search(value):
            return outlet_from_url(url.group(0))
        if value and len(value.split()) <= 8 and (bracketed or _known_outlet(value)):
            return canonical_outlet(value)
    return None


def _known_outlet(name: str) -> bool:
    return _wire_name(name) is not None or " ".join(name.split()).casefold() in known_outlet_names()


def find_url(lines: list[str], labelled: bool = False) -> str | None:
    """A URL standing alone on a line, or after "URL:", "Source:", "Originally published at"
    (only those when ``labelled``)."""
    for line in lines:
        if (m := _URL_LINE_RE.match(line)) and (m.group("label") or not labelled):
            return m.group("url").rstrip(".,;")
    return None


def find_byline(lines: list[str]) -> str | None:
    """The author names of a "By ..." line in the opening ("By Jane Doe and John Roe, Reuters"
    -> "Jane Doe and John Roe"); a byline that names only an outlet is not an author."""
    for line in lines:
        names = _byline_names(line)
        if names is not None and _wire_name(names) is None:
            return names
    return None


def _byline_names(line: str) -> str | None:
    """The names of a "By ..." line ("By Jane Doe, Reuters" -> "Jane Doe"), whoever they name;
    None when the line is not a byline ("By Friday, the council ...")."""
    m = _BYLINE_RE.match(line) if len(line) <= MAX_META_LINE else None
    names = m.group("names").strip() if m else None
    return names if names and _looks_like_names(names) else None


# "By" and the rest of its line. Speed: searched for as a literal, which the regex engine finds in
# C; a pattern that opens with a line start ("^[ \t]*By") is tried at every position of the text.
_BY_RE = re.compile(r"By[ \t][^\n]*")


def byline_spans(text: str) -> list[tuple[int, int]]:
    """Where the author lines of ``text`` are ("By Jane Doe, Reuters"), as (start, end): the
    names on them are the reporters', not anyone quoted. A line is an author line when it opens
    with "By" (after blanks) and names people."""
    spans = []
    for by in _BY_RE.finditer(text):
        start = text.rfind("\n", 0, by.start()) + 1
        if not text[start:by.start()].strip(" \t") and _byline_names(text[start:by.end()]) is not None:
            spans.append((start, by.end()))
    return spans


# Lower-case words that may stand inside a byline's names ("Jane Doe and John Roe", "Ludwig van
# Beethoven"); any other lower-case word makes the line prose ("By Friday, the council ...").
NAME_JOINERS = frozenset({"and", "&", "de", "del", "della", "der", "den", "van", "von", "da", "di", "du",
                          "la", "le", "bin", "al", "el", "y"})


def _looks_like_names(names: str) -> bool:
    """Capitalised words, two or more, joined only by name particles and "and"."""
    words = names.replace(",", " ").split()
    capitalised = [w for w in words if w[:1].isupper()]
    return len(capitalised) >= 2 and all(w[:1].isupper() or w in NAME_JOINERS for w in words)


def _byline_outlet(lines: list[str]) -> str | None:
    """The outlet of a byline: "By Jane Doe, Reuters", "By Jane Doe | The Guardian", "By The
    Associated Press"."""
    for line in lines:
        if len(line) <= MAX_META_LINE and (m := _BYLINE_RE.match(line)):
            if (wire := _wire_name(m.group("names"))) is not None:
                return wire
            org = (m.group("org") or "").strip(" .")
            if not _looks_like_names(m.group("names")):
                continue
            if org and org[:1].isupper() and len(org.split()) <= 6:
                return canonical_outlet(org)
    return None


def find_wire(text: str) -> tuple[str, ...]:
    """Wire services the article credits: "The Associated Press and Reuters contributed to this
    report" -> ("AP", "Reuters"); a wire dateline "MOSCOW (Reuters) -" -> ("Reuters",). Only
    names in ``WIRE_SERVICES`` count: a reporter credited for reporting is not a wire."""
    found: dict[str, None] = {}
    folded = text.casefold()
    for m in _credits(text) if "contributed" in folded else ():
        who = re.sub(r"^.*?\b(?:from|by|of)\s+", "", m.group("who").strip(), flags=re.IGNORECASE)
        for part in _NAME_SPLIT_RE.split(who):
            if (wire := _wire_name(part)) is not None:
                found.setdefault(wire, None)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    for line in lines[:OPENING_LINES]:
        if (dl := _WIRE_DATELINE_RE.match(line)) and (wire := _wire_name(dl.group("wire"))) is not None:
            found.setdefault(wire, None)
    if any(_REUTERS_SIGNOFF_RE.match(line) for line in lines[-CLOSING_LINES:]):
        found.setdefault("Reuters", None)
    # Speed: the pattern, tried at every character, only where its opening is written at all.
    has_copyright = "©" in text or "(c)" in folded or "copyright" in folded
    for m in _COPYRIGHT_RE.finditer(text) if has_copyright else ():
        if (wire := _wire_name(re.sub(r"^the\s+", "", m.group("who"), flags=re.IGNORECASE))) is not None:
            found.setdefault(wire, None)
    for m in _ORIGIN_RE.finditer(text) if "originally" in folded else ():
        if (origin := _origin_outlet(m.group("who"))) is not None:
            found.setdefault(origin, None)
    return tuple(found)


def _origin_outlet(who: str) -> str | None:
    """The outlet named after "originally appeared on": a web address, or a short name that
    starts with a capital ("Fox News", "The Texas Tribune"); None for anything else ("a blog")."""
    who = who.strip()
    if _URL_RE.match(who) or re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", who):
        return outlet_from_url(who)
    words = who.split()
    if not words or len(words) > MAX_ORIGIN_WORDS or not words[0][:1].isupper():
        return None
    return canonical_outlet(who)


def _credits(text: str) -> Iterator[re.Match[str]]:
    """``_CREDIT_RE.finditer(text)``, with the pattern tried only just before each "contributed".

    Speed: searched from the text's start, the lazy names cost a step per character they might
    take at every character of the text (10 ms for an article that has the word). A credit that
    ends with a "contributed" starts no earlier than the names' length before the blanks (and
    "also") in front of that word, and after the last full stop or line end before them (the
    names hold neither); and it starts before the first "contributed" that follows its start.
    So trying each start in that stretch, in text order, finds the same credits."""
    pos = 0
    for word in _CONTRIBUTED_RE.finditer(text):
        k = word.start()
        if k < pos:
            continue  # inside the credit found last
        # no credit's names end before the blanks in front of the word, or of "also" before it
        g = _blanks_before(text, max(_blanks_before(text, k) - len("also"), 0))
        first = max(pos, g - MAX_CREDITED, text.rfind(".", 0, g) + 1, text.rfind("\n", 0, g) + 1)
        for start in range(first, k):
            if m := _CREDIT_RE.match(text, start):
                yield m
                pos = m.end()
                break


def _blanks_before(text: str, end: int) -> int:
    """Where the blanks that end at ``end`` begin (``end`` when there are none)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _wire_name(name: str) -> str | None:
    return WIRE_SERVICES.get(" ".join(name.strip(" .,;:").split()).casefold())


def canonical_outlet(name: str) -> str:
    """An outlet name as given, with wire services under their short name ("The Associated
    Press" -> "AP") so a wire's own copy and other outlets' credits name it alike."""
    name = " ".join(name.split())
    return _wire_name(name) or name

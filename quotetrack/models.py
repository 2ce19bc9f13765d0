"""Immutable records that flow between the stages, and the library's error classes."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from .text import fold_words

if TYPE_CHECKING:
    from .compare import Comparison


class QuotetrackError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(QuotetrackError):
    """A path or input the user named cannot be used at all."""


class UsageError(QuotetrackError):
    """The request itself is malformed (unknown document, bad option value)."""


class Kind(str, Enum):
    """How a quotation sits in the reporter's text."""

    FULL = "full"
    """A quoted sentence or more."""
    FRAGMENT = "fragment"
    """A partial or scare quote woven into the reporter's own sentence."""
    TITLE = "title"
    """A title or label in quote marks (a show, a film, a book, an ad, a slogan, a nickname, a
    coined term): said by no one, so it has no speaker and is never linked across articles."""


class Role(str, Enum):
    """What a block of a page is, beside the article's running text."""

    HEADING = "heading"
    """A headline or subhead."""
    CAPTION = "caption"
    """A photo or video caption."""
    ITEM = "item"
    """A bullet or list item."""
    BLOCKQUOTE = "blockquote"
    """A block quote (``<blockquote>``): a quotation, with or without quote marks."""


class Block(NamedTuple):
    """A stretch of an article's text that a page marked up as other than a paragraph. (A named
    tuple, not a dataclass: the index and stored results keep records as JSON, where a named tuple
    is an array that reads back equal.)"""

    start: int
    end: int
    role: str
    """A ``Role`` value."""


DISPLAY_ROLES = frozenset({Role.HEADING.value, Role.CAPTION.value, Role.ITEM.value})
"""Blocks whose quotes repeat the article's own quotes for display (headline renderings)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read, with the metadata quotetrack could find for it."""

    doc: str
    """File name without its extension; the id used in every output."""
    path: str
    text: str | None
    """The article text exactly as decoded; every offset indexes this string. None in a scan
    told not to keep texts (``ScanOptions.texts``) when it is the file's own text."""
    outlet: str
    """Who published it: from metadata when known, else the doc id."""
    date: str | None = None
    """Publication date as ISO ``YYYY-MM-DD``, when known."""
    title: str | None = None
    byline: str | None = None
    url: str | None = None
    wire: tuple[str, ...] = ()
    """Wire services the article credits ("The Associated Press and Reuters contributed"), and
    outlets it says it first appeared on ("This article originally appeared on Fox News")."""
    blocks: tuple[Block, ...] = ()
    """Headings, captions, list items and block quotes of a page (HTML), in text order."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be read as an article, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation occurrence in one article."""

    doc: str
    start: int
    """Offset of the first character inside the quote marks."""
    end: int
    """Offset just past the last character kept (a trailing comma inside the marks is dropped)."""
    text: str
    kind: Kind
    paragraph: int
    """Index of the paragraph (line block) that holds the quote."""
    continues: bool = False
    """The quote runs on into the next paragraph (its closing mark is missing by news convention)."""
    continued: bool = False
    """The quote carries on a quote left open at the end of the previous paragraph."""
    speaker: str | None = None
    """Canonical full name without titles, or a description ("senior aide"); None when unknown."""
    cue: str | None = None
    """The reporting words that attribute it ("told reporters", "according to", "continuation")."""
    mention: str | None = None
    """The speaker as written next to the cue ("he", "Mr. Putin"), before resolution."""
    display: str | None = None
    """The page block the quote stands in when it is a headline, subhead, caption or bullet (a
    ``Role`` value): a rendering of a body quote for display, not a new attributed occurrence.
    None in running text and block quotes."""
    unpaired_before: bool = False
    """Quote marks do not pair up between the quote before it (from that quote's paragraph on) and
    this quote's paragraph: a stray closing mark, or an opening mark never closed. Whose words lie
    between is then a guess, so a quote in a later paragraph carries on no earlier speaker."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A quote placed in its article and its variant clusters."""

    article: Article
    quote: Quote
    clusters: tuple[str, ...]
    """Every cluster the quote belongs to; a quote that merges two others belongs to both."""
    alteration: Comparison | None = None
    """How this wording differs from its primary cluster's canonical wording (``compare``);
    None until ``compare.alterations`` has run."""

    @property
    def cluster(self) -> str:
        """The primary cluster id."""
        return self.clusters[0]


@dataclass(frozen=True, slots=True)
class Cluster:
    """One quote as carried by one or more articles, with all its variant wordings."""

    id: str
    members: tuple[Occurrence, ...]
    """Occurrences ordered by date (unknown last), then doc id and offset."""
    canonical: str
    """The wording shown for the cluster (see ``clustering.canonical_wording``)."""
    speaker: str | None

    @property
    def outlets(self) -> tuple[str, ...]:
        """Distinct outlets in date order."""
        seen: dict[str, None] = {}
        for occ in self.members:
            seen.setdefault(occ.article.outlet, None)
        return tuple(seen)

    @property
    def first_date(self) -> str | None:
        """Earliest known date among the members."""
        dates = [o.article.date for o in self.members if o.article.date]
        return min(dates) if dates else None

    @property
    def varies(self) -> bool:
        """Whether the outlets' wordings differ beyond case and punctuation."""
        return len({fold_words(o.quote.text) for o in self.members}) > 1

    @property
    def outlet_dates(self) -> dict[str, str | None]:
        """Each outlet's earliest date carrying the quote (None when unknown), in date order."""
        dates: dict[str, str | None] = {}
        for occ in self.members:
            dates.setdefault(occ.article.outlet, occ.article.date)
        return dates

    @property
    def first_outlets(self) -> tuple[str, ...]:
        """The outlets that carried the quote on its earliest known date (several when tied);
        empty when no date is known."""
        first = self.first_date
        return tuple(o for o, d in self.outlet_dates.items() if first is not None and d == first)


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """Everything that shapes a scan, in one place."""

    speaker: str | None = None
    """Keep clusters whose speaker contains this text (case-insensitive)."""
    min_outlets: int = 1
    full_only: bool = False
    """Drop fragments."""
    kinds: tuple[Kind, ...] | None = None
    """Keep only the occurrences of these kinds (``Kind``); None keeps every kind. The command line
    leaves titles out of its provenance table by default (``--kind``)."""
    jobs: int = 1
    """Worker processes for extraction, clustering and comparing wordings; 0 means one per core,
    1 runs in this process."""
    index: str | None = None
    """Path of the incremental index (SQLite); None scans without one."""
    texts: bool = True
    """Keep every article's text in the result. Without, an article read from a plain-text file
    has no text (None) once its quotes are found: a large corpus then takes that much less
    memory, and a stored result is restored without reading every file again. The command line
    never shows article texts from a scan, so it keeps none."""
    scheduler: str | None = None
    """Address of a running Dask scheduler (``tcp://host:port``): reading, extraction and
    attribution of the files to extract run on its workers (``dask_extract``); None runs them
    here (``jobs``). It never changes the result."""


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scan found: the articles, the skipped inputs and the clusters."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]
    clusters: tuple[Cluster, ...] = field(default=())
    warnings: tuple[str, ...] = ()
    """Problems that did not stop the scan (an index rebuilt or unusable), for the caller to show."""

    @property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every occurrence once, in doc then offset order."""
        seen: dict[tuple[str, int], Occurrence] = {}
        for c in self.clusters:
            for o in c.members:
                seen.setdefault((o.article.doc, o.quote.start), o)
        return tuple(seen[k] for k in sorted(seen))


@dataclass(frozen=True, slots=True)
class ScanOutput:
    """What a scan written out reports beside its text: the counts of a summary line, and the
    problems to show (``outputs.scan_output``)."""

    articles: int
    quotes: int
    clusters: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...] = ()

    @classmethod
    def of(cls, result: ScanResult) -> ScanOutput:
        """The counts and problems of ``result``."""
        return cls(len(result.articles), len(result.occurrences), len(result.clusters),
                   result.skipped, result.warnings)

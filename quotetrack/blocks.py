"""Quotes and the page blocks they stand in (``Article.blocks``, from the HTML reader).

A quote in a headline, subhead, caption or bullet repeats a quote of the article for display: it
is marked (``Quote.display``) so that it counts as a headline rendering of a body quote, not as a
new attributed occurrence. A block quote (``<blockquote>``) is a quotation though it has no quote
marks (live blogs quote statements that way): when no quote was found in it, the whole block is one,
unless it is the site's own words set off: a summary or note box (it opens with a label such as
"Summary" or "Editor's note", ``data/box_labels.txt``) or a pull quote (its words stand elsewhere in
the article, where they are found as whatever they are there).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache

from .datafiles import data_lines
from .models import DISPLAY_ROLES, Article, Block, Kind, Quote, Role

CITATION_DASHES = "—–―-~"
"""A block-quote line that opens with one of these and a blank is the quote's citation ("— Jane
Doe (@jdoe) November 18, 2019", the signature line of an embedded post), not quoted words. Source:
the dash-and-name convention of epigraphs and block quotes (Chicago Manual of Style 13.36)."""
MIN_PULL_QUOTE = 20
"""Characters a block needs before its repeating the body makes it a pull quote: a short block
("Yes.") may repeat a word of the body by chance."""
MAX_PULL_CHECKS = 200
"""Block quotes of one article tested for being pull quotes (each test reads the whole text)."""


def apply_blocks(article: Article, quotes: Iterable[Quote]) -> Iterator[Quote]:
    """``quotes`` of ``article`` (in text order) with display blocks marked, and block quotes
    without quote marks added as quotes, in text order."""
    blocks = sorted(article.blocks)
    starts = [b.start for b in blocks]
    pending = [b for b in blocks if b.role == Role.BLOCKQUOTE.value]
    quoted: set[Block] = set()
    out: list[Quote] = []
    for quote in quotes:
        block = _block_at(blocks, starts, quote.start)
        if block is not None and block.role in DISPLAY_ROLES:
            quote = replace(quote, display=block.role)
        elif block is not None and block.role == Role.BLOCKQUOTE.value:
            quoted.add(block)
        out.append(quote)
    text = article.text or ""
    pending = [block for block in pending if block not in quoted]
    pulled = _pull_quotes(text, pending) if pending else set()
    for block in pending:
        if block not in pulled and (made := _block_quote(article.doc, text, block)) is not None:
            out.append(made)
    return iter(sorted(out, key=lambda q: q.start))


def _block_at(blocks: list[Block], starts: list[int], pos: int) -> Block | None:
    k = bisect_right(starts, pos) - 1
    return blocks[k] if k >= 0 and pos < blocks[k].end else None


@cache
def box_labels() -> tuple[str, ...]:
    """The labels of summary and note boxes (``data/box_labels.txt``), case-folded, longest first."""
    return tuple(sorted((line.strip().casefold() for line in data_lines("quotetrack", "data/box_labels.txt")),
                        key=len, reverse=True))


def is_box(words: str) -> bool:
    """Whether a block quote's text opens with a box label ("Summary Fiber keeps you full.",
    "Editor's note: ..."): the label, then a colon, a line break or a capitalised word."""
    folded = words.casefold()
    for label in box_labels():
        if folded.startswith(label):
            after = words[len(label):len(label) + 2]
            return after[:1] in (":", "\n") or (after[:1] in (" ", "\u00a0") and after[1:2].isupper())
    return False


def _pull_quotes(text: str, blocks: list[Block]) -> set[Block]:
    """The block quotes whose words stand elsewhere in the article too (a pull quote repeats a
    sentence of the body in large type). Only the first MAX_PULL_CHECKS are looked at, so that a
    page of thousands of block quotes stays linear."""
    flat = " ".join(text.split())
    found = set()
    for block in blocks[:MAX_PULL_CHECKS]:
        words = " ".join(text[block.start:block.end].split())
        if len(words) >= MIN_PULL_QUOTE and flat.count(words, 0) >= 2:
            found.add(block)
    return found


def _block_quote(doc: str, text: str, block: Block) -> Quote | None:
    """The text of a block quote as a quotation (blanks at its edges left out); None for a blank
    block, a citation line or a summary box."""
    start, end = block.start, block.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(c.isalnum() for c in text[start:end]):
        return None
    if text[start] in CITATION_DASHES and text[start + 1:start + 2].isspace():
        return None
    if is_box(text[start:end]):
        return None
    paragraph = sum(1 for line in text[:block.start].split("\n") if line.strip())
    return Quote(doc=doc, start=start, end=end, text=text[start:end], kind=Kind.FULL, paragraph=paragraph)

"""Quotes and the page blocks they stand in (``Article.blocks``, from the HTML reader).

A quote in a headline, subhead, caption or bullet repeats a quote of the article for display: it
is marked (``Quote.display``) so that it counts as a headline rendering of a body quote, not as a
new attributed occurrence. A block quote (``<blockquote>``) is a quotation though it has no quote
marks (live blogs quote statements that way): when no quote was found in it, the whole block is one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace

from .models import DISPLAY_ROLES, Article, Block, Kind, Quote, Role

CITATION_DASHES = "—–―-~"
"""A block-quote line that opens with one of these and a blank is the quote's citation ("— Jane
Doe (@jdoe) November 18, 2019", the signature line of an embedded post), not quoted words. Source:
the dash-and-name convention of epigraphs and block quotes (Chicago Manual of Style 13.36)."""


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
    for block in pending:
        if block not in quoted and (made := _block_quote(article.doc, text, block)) is not None:
            out.append(made)
    return iter(sorted(out, key=lambda q: q.start))


def _block_at(blocks: list[Block], starts: list[int], pos: int) -> Block | None:
    k = bisect_right(starts, pos) - 1
    return blocks[k] if k >= 0 and pos < blocks[k].end else None


def _block_quote(doc: str, text: str, block: Block) -> Quote | None:
    """The text of a block quote as a quotation (blanks at its edges left out)."""
    start, end = block.start, block.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(c.isalnum() for c in text[start:end]):
        return None
    if text[start] in CITATION_DASHES and text[start + 1:start + 2].isspace():
        return None
    paragraph = sum(1 for line in text[:block.start].split("\n") if line.strip())
    return Quote(doc=doc, start=start, end=end, text=text[start:end], kind=Kind.FULL, paragraph=paragraph)

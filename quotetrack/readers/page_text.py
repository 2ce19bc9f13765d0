"""The article text of a page from trafilatura's extracted tree, with its blocks marked.

trafilatura returns the main content as an XML tree (``head``, ``p``, ``list``/``item``, ``quote``,
``table``). quotetrack writes it out one block a line, as trafilatura's own text output does
(list items as "- item"), and records where the headings, list items and block quotes are
(``models.Block``): their offsets index the text written here, which is the article's text.
"""

from __future__ import annotations

from typing import Any

from ..models import Block, Role

# Page furniture that extraction should never reach, by class or id: "Trending", "Related",
# "Most read", "Recommended" boxes, breadcrumbs, newsletter and promo boxes, content
# recommendation widgets (Outbrain, Taboola), hover cards over names. Source: the class names such boxes carry on news
# sites in common CMS themes; trafilatura removes many of them itself, these are the ones it keeps.
FURNITURE_CLASSES = ("trending", "related", "breadcrumb", "recommend", "most-read", "mostread",
                     "most-popular", "mostpopular", "popular-", "newsletter", "promo", "outbrain",
                     "taboola", "more-stories", "read-more", "readmore", "also-read", "further-reading",
                     "rollover", "hovercard", "tooltip", "popover")
_LOWER = "translate({attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
FURNITURE_XPATH = "//*[not(self::body) and not(self::html) and not(self::article) and ({})]".format(" or ".join(
    f"contains({_LOWER.format(attr=attr)}, '{token}')" for attr in ("@class", "@id") for token in FURNITURE_CLASSES))
"""Elements pruned before extraction (never ``body``, ``html`` or ``article`` themselves)."""
BREADCRUMB_XPATH = "//nav | //*[@aria-label='breadcrumb'] | //*[@itemtype='https://schema.org/BreadcrumbList']"
LINK_SHARE = 0.8
"""A paragraph that is one link for at least this share of its text is a link to another story
("READ MORE: ...", a headline set in the body), not the article's own text."""
LINK_PARAGRAPH_XPATH = (f"//p[count(.//a) = 1 and string-length(normalize-space(.//a)) >= "
                        f"{LINK_SHARE} * string-length(normalize-space(.))]")
PRUNE_XPATHS = (FURNITURE_XPATH, BREADCRUMB_XPATH, LINK_PARAGRAPH_XPATH)
"""Everything pruned from a page before its text is extracted."""

ITEM_PREFIX = "- "
"""How a list item is written, as trafilatura's text output writes it."""
BLOCK_ROLES = {"head": Role.HEADING, "item": Role.ITEM, "quote": Role.BLOCKQUOTE}
"""trafilatura's elements -> the role of their block."""
LINE_BREAK = "lb"
"""trafilatura's element for a ``<br>``."""
NESTED_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row"})
"""trafilatura's block elements: inside another block each starts a line of its own."""


def page_text(body: Any) -> tuple[str, tuple[Block, ...]]:
    """The text of trafilatura's body tree, one block a line, and the marked blocks in it."""
    lines: list[str] = []
    blocks: list[Block] = []
    pos = 0

    def emit(text: str, role: Role | None, prefix: str = "") -> None:
        nonlocal pos
        for line in text.split("\n"):
            line = " ".join(line.split())
            if not line:
                continue
            line = prefix + line
            if role is not None:
                blocks.append(Block(pos, pos + len(line), role.value))
            lines.append(line)
            pos += len(line) + 1

    for el in body:
        _write(el, emit)
    return "\n".join(lines), tuple(blocks)


def _write(el: Any, emit: Any) -> None:
    """Write one element of trafilatura's body: lists item by item, tables row by row."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "list":
        for item in el:
            if item.tag == "item":
                nested = [child for child in item if child.tag == "list"]
                for child in nested:
                    item.remove(child)
                emit(_flat(item), Role.ITEM, ITEM_PREFIX)
                for child in nested:
                    _write(child, emit)
        return
    if tag == "table":
        for row in el.iter("row"):
            emit(" | ".join(" ".join(_flat(cell).split()) for cell in row), None)
        return
    emit(_flat(el), BLOCK_ROLES.get(tag))


def _flat(el: Any) -> str:
    """An element's text; line breaks (``lb``) and the edges of blocks inside it (paragraphs of a
    block quote) become newlines."""
    out = [el.text or ""]
    for child in el:
        if child.tag == LINE_BREAK:
            out.append("\n")
        elif child.tag in NESTED_BLOCKS:
            out.append("\n" + _flat(child) + "\n")
        else:
            out.append(_flat(child))
        out.append(child.tail or "")
    return "".join(out)

"""Find quotations by pairing quote marks on the original text.

The article is read paragraph by paragraph (a paragraph is a line, as news text is stored one
paragraph a line or blank-line separated). Double marks are paired first; single-quoted spans
(British and headline style) are looked for only outside double-quoted spans, so a single-quoted
phrase inside a double-quoted quote stays part of it. A mark left open at the end of a paragraph
never reaches past that paragraph: when the next paragraph opens with a mark, news convention says
the quote runs on (``continues``); otherwise it ends there.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from .blocks import apply_blocks
from .models import Article, Kind, Quote
from .text import (
    CLOSE_RIGHT,
    DOUBLE_CLOSERS,
    DOUBLE_OPENERS,
    OPEN_LEFT,
    SINGLE_CLOSERS,
    SINGLE_OPENERS,
)

# Two or more apostrophes, two backquotes, or one double mark. Speed: the pattern opens with the
# class of every first character, so the regex engine skips to candidates in C; as plain
# alternatives (''+|``|[...]) it was tried at every position of the text.
DOUBLE_MARK_RE = re.compile(r"[\"＂“”„«»‟〝〞〟'`](?:(?<=')'+|(?<=`)`|(?<=[\"＂“”„«»‟〝〞〟]))")
# A single mark, but not an apostrophe inside a word (I'd, Russia's) nor one of two apostrophes
# that make a double mark. Speed: the look-arounds settle these at C speed, where a Python test of
# every apostrophe of the text cost more than pairing the marks that are left. (At a paragraph's
# edge they see the line break beside it, which is neither a letter nor an apostrophe.)
SINGLE_MARK_RE = re.compile(r"['‘’‹›‚](?<!'.)(?!(?<=')')(?:(?<![^\W_].)|(?![^\W_]))")
WORD_CHAR_RE = re.compile(r"[^\W_]")
"""A letter or digit: the same characters as ``str.isalnum``."""

# Apostrophes that open a word, not a quotation: 'em, 'til, 'cause, 'n', rock 'n' roll, '90s.
ELISION_RE = re.compile(r"(?:em|til|cause|n|tis|twas|bout|round|nuff|s)\b|\d\d?s?\b", re.IGNORECASE)
SENTENCE_END = ".!?…"
# What may stand before a quote's first word when it opens a sentence, skipped over (marks,
# blanks), and what may end the text before a quoted sentence.
MARKS_BEFORE_WORDS = DOUBLE_OPENERS + SINGLE_OPENERS + "\"'`"
BEFORE_SENTENCE = SENTENCE_END + ":,—–-(" + DOUBLE_CLOSERS + SINGLE_CLOSERS + "\"'"
PARAGRAPH_OPENING_MARKS = DOUBLE_OPENERS + '"＂'
# A quoted line of capitals alone on its line is a section heading (Reuters-style subheads).
MAX_HEADING_WORDS = 5


Mark = tuple[int, int, bool, bool, bool]
"""A quote mark and the roles it may play: (start, end, can open, can close, curly), where curly
means its shape says which role it plays (as opposed to a straight mark). A plain tuple: one is
built for every mark of the text."""


def find_quotes(article: Article) -> Iterator[Quote]:
    """Yield every quotation of ``article`` in text order. A page's blocks (``Article.blocks``,
    from the HTML reader) mark quotes in headings, captions and bullets, and add block quotes
    that have no quote marks (``blocks.apply_blocks``)."""
    if article.blocks:
        return apply_blocks(article, _find_marked_quotes(article))
    return _find_marked_quotes(article)


def _find_marked_quotes(article: Article) -> Iterator[Quote]:
    """Every quotation of ``article`` set off by quote marks, in text order."""
    text = article.text or ""
    paras = _paragraphs(text)
    carried = False
    unpaired = False  # marks that do not pair up since the paragraph of the last quote
    for index, (p_start, p_end) in enumerate(paras):
        if not (DOUBLE_MARK_RE.search(text, p_start, p_end) or SINGLE_MARK_RE.search(text, p_start, p_end)):
            # Speed: most paragraphs have no quote mark, and so no quote and nothing to carry on.
            carried = False
            continue
        if not WORD_CHAR_RE.search(text, p_start, p_end):
            # Reliability: a paragraph without a letter or digit holds no quote (see
            # ``_make_quote``) and has nothing to carry on; skipping it at C speed keeps a file
            # of nothing but quote marks from costing a Python step per mark.
            carried = False
            continue
        next_opens = index + 1 < len(paras) and _opens_with_mark(text, paras[index + 1][0])
        spans, left_open, stray = _pair_doubles(text, p_start, p_end, next_opens)
        spans += _pair_singles(text, p_start, p_end, spans)
        spans.sort()
        found = False
        for n, (inner_start, inner_end, continues) in enumerate(spans):
            quote = _make_quote(article.doc, text, p_start, p_end, index, inner_start, inner_end,
                                continues=continues, continued=carried and n == 0,
                                unpaired_before=unpaired and not found)
            if quote is not None:
                found = True
                yield quote
        unpaired = stray or (unpaired and not found)
        carried = left_open and next_opens


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that holds more than blanks; a line ends at CR or LF. (Split at
    C speed: a carriage return counts as a line feed, which keeps every offset.)"""
    out = []
    pos = 0
    for line in text.replace("\r", "\n").split("\n"):
        end = pos + len(line)
        if line and not line.isspace():
            out.append((pos, end))
        pos = end + 1
    return out


def _opens_with_mark(text: str, start: int) -> bool:
    i = start
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return text.startswith("''", i) or (i < len(text) and text[i] in PARAGRAPH_OPENING_MARKS)


def _flanks(text: str, p_start: int, p_end: int, start: int, end: int) -> tuple[bool, bool]:
    """(looks like an opening mark, looks like a closing mark) from the characters beside it."""
    prev = text[start - 1] if start > p_start else None
    nxt = text[end] if end < p_end else None
    prev_space = prev is None or prev.isspace()
    next_space = nxt is None or nxt.isspace()
    looks_open = (prev_space or prev in OPEN_LEFT) and not next_space
    looks_close = not prev_space and (next_space or nxt in CLOSE_RIGHT)
    return looks_open, looks_close


def _double_marks(text: str, p_start: int, p_end: int) -> Iterator[Mark]:
    """The double marks of a paragraph, each with the roles it may play."""
    # Speed: the flanks (``_flanks``) are worked out inline and a mark is a plain tuple, as this
    # runs for every mark of a paragraph, and a file of nothing but short quotes is nothing but
    # marks (a named tuple cost more to build than the rest of the pairing).
    for m in DOUBLE_MARK_RE.finditer(text, p_start, p_end):
        start, end = m.span()
        if end - start > 2 and text[start] == "'":
            # In three apostrophes the double mark is the pair away from the word: '''Kosovo
            # opens a double then a single quote, case,''' closes a single then a double.
            ch = "''"
            opening = (start == p_start or text[start - 1] in OPEN_LEFT) and end < p_end and not text[end].isspace()
            start, end = (start, start + 2) if opening else (end - 2, end)
        else:
            ch = text[start] if end - start == 1 else text[start:end]
        prev = text[start - 1] if start > p_start else " "
        nxt = text[end] if end < p_end else " "
        prev_space, next_space = prev.isspace(), nxt.isspace()
        looks_open = (prev_space or prev in OPEN_LEFT) and not next_space
        looks_close = not prev_space and (next_space or nxt in CLOSE_RIGHT)
        if ch in DOUBLE_OPENERS:
            yield start, end, not (looks_close and not looks_open), looks_close and not looks_open, True
        elif ch in DOUBLE_CLOSERS:
            yield start, end, looks_open and not looks_close, not (looks_open and not looks_close), True
        elif looks_open or looks_close:
            yield start, end, looks_open, looks_close, False
        else:
            yield start, end, True, True, False


def _pair_doubles(text: str, p_start: int, p_end: int,
                  next_opens: bool) -> tuple[list[tuple[int, int, bool]], bool, bool]:
    """Pair double marks in one paragraph. Returns inner spans, whether a quote was left open,
    and whether some mark paired with none (a stray closing mark, a stray straight mark, a
    quote left open that the next paragraph does not carry on)."""
    spans: list[tuple[int, int, bool]] = []
    opened_end = -1  # where the inner text of the open quote starts; -1 when none is open
    opened_curly = False
    depth = 0
    stray = False
    for start, end, can_open, can_close, curly in _double_marks(text, p_start, p_end):
        if opened_end < 0:
            if can_open:
                opened_end, opened_curly, depth = end, curly, 0
            else:
                stray = True
            continue
        if can_close and not (can_open and curly and text[start] in DOUBLE_OPENERS):
            if depth:
                depth -= 1
                continue
            spans.append((opened_end, start, False))
            opened_end = -1
        elif curly and opened_curly:
            depth += 1  # curly marks nest: only the outermost pair is a quotation
        else:
            opened_end, opened_curly, depth = end, curly, 0  # the earlier straight mark was stray
            stray = True
    if opened_end >= 0:
        spans.append((opened_end, p_end, next_opens))
        return spans, True, stray or depth > 0 or not next_opens
    return spans, False, stray


def _single_marks(text: str, p_start: int, p_end: int) -> list[Mark]:
    marks = []
    for m in SINGLE_MARK_RE.finditer(text, p_start, p_end):
        s, e = m.start(), m.end()
        looks_open, looks_close = _flanks(text, p_start, p_end, s, e)
        ch = m.group()
        if looks_open and ELISION_RE.match(text, e, p_end):
            looks_open = False
        if ch in SINGLE_OPENERS:
            looks_close = looks_close and not looks_open
        elif ch in SINGLE_CLOSERS:
            looks_open = looks_open and not looks_close
        if looks_open or looks_close:
            marks.append((s, e, looks_open, looks_close, ch != "'"))
    return marks


def _pair_singles(text: str, p_start: int, p_end: int,
                  doubles: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Single-quoted spans outside the double-quoted ones; an unclosed single mark yields nothing."""
    # Reliability: both look-ups below are indexed (bisect over the sorted, disjoint double spans;
    # next-closer tables built in one backward pass) so a paragraph of thousands of marks stays
    # linear instead of comparing every mark with every span and every later mark.
    marks = _single_marks(text, p_start, p_end)
    if not marks:
        return []
    lows = [s - 1 for s, _, _ in doubles]

    def inside_double(pos: int) -> bool:
        k = bisect_right(lows, pos) - 1
        return k >= 0 and pos <= doubles[k][1]

    marks = [m for m in marks if not inside_double(m[0])]
    # next_close[j] / next_free[j]: the first closer (the first closer that is not a plural
    # possessive) at index j or later, None when there is none.
    next_close: list[int | None] = [None] * (len(marks) + 1)
    next_free: list[int | None] = [None] * (len(marks) + 1)
    for j in range(len(marks) - 1, -1, -1):
        next_close[j], next_free[j] = next_close[j + 1], next_free[j + 1]
        if marks[j][3]:  # can close
            next_close[j] = j
            if not _possessive(text, marks[j], p_end):
                next_free[j] = j
    spans = []
    i = 0
    while i < len(marks):
        opener = marks[i]
        if not opener[2]:  # cannot open
            i += 1
            continue
        # A plural possessive (the players' union) looks like a closer; prefer a later closer.
        chosen = next_free[i + 1]
        if chosen is None:
            chosen = next_close[i + 1]
        if chosen is None:
            i += 1
            continue
        spans.append((opener[1], marks[chosen][0], False))
        i = chosen + 1
    return spans


def _possessive(text: str, mark: Mark, p_end: int) -> bool:
    start, end = mark[0], mark[1]
    return text[start - 1] in "sS" and end + 1 < p_end and text[end] == " " and text[end + 1].islower()


def _make_quote(doc: str, text: str, p_start: int, p_end: int, paragraph: int,
                start: int, end: int, *, continues: bool, continued: bool, unpaired_before: bool) -> Quote | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    if not WORD_CHAR_RE.search(text, start, end):
        return None
    inner = text[start:end]
    if _is_heading(text, p_start, p_end, start, end, paragraph):
        return None
    kind = Kind.FULL if continued or _reads_as_sentence(text, p_start, start, inner) else Kind.FRAGMENT
    return Quote(doc, start, end, inner, kind, paragraph, continues, continued, unpaired_before=unpaired_before)


def _is_heading(text: str, p_start: int, p_end: int, start: int, end: int, paragraph: int) -> bool:
    """A short all-capitals quoted line standing alone (not the headline) is a section subhead."""
    inner = text[start:end]
    # (splitting off one word more than a heading may have tells whether it has more)
    if (paragraph == 0 or len(inner.split(None, MAX_HEADING_WORDS)) > MAX_HEADING_WORDS
            or any(map(str.islower, inner))):
        return False
    # Reliability: search the text around the quote in place (stopping at the first letter)
    # instead of copying the paragraph for every quote, which was quadratic.
    return not (WORD_CHAR_RE.search(text, p_start, max(p_start, start - 1))
                or WORD_CHAR_RE.search(text, end + 1, p_end))


def _reads_as_sentence(text: str, p_start: int, start: int, inner: str) -> bool:
    """Whether a quote is a quoted sentence rather than words woven into the reporter's own."""
    first = WORD_CHAR_RE.search(inner)
    if not (first and (first.group().isupper() or first.group().isdigit())):
        return False
    i = start - 1
    while i >= p_start and (text[i].isspace() or text[i] in MARKS_BEFORE_WORDS):
        i -= 1
    before = text[i] if i >= p_start else ""
    if before == "" or before in BEFORE_SENTENCE:
        return True
    return inner.rstrip()[-1:] in SENTENCE_END and len(inner.split()) >= 4

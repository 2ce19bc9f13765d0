"""Tokens, sentences and paragraphs of an article's text, as attribution reads them.

Every offset is an index into the article text as read. A token is ``(start, end, word)``: a plain
tuple, as cue windows are tokenised for every quote and a tuple is the cheapest record.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..models import Quote
from ..names import ABBREVIATIONS
from .lexicon import SENTENCE_ABBREVIATIONS

Token = tuple[int, int, str]
"""(start, end, word) with offsets into the text tokenised."""

OPENING_MARKS = "\"'“‘„«`"
CLOSING_MARKS = "\"'”’»"
ALL_QUOTE_MARKS = "\"“”‘’«»"
SENTENCE_FINAL_MARKS = ".!?…"
"""Marks that end a sentence where a quote or a paragraph ends."""

# A sentence ends at . ! ? before a capital, but not after an abbreviation or an initial
# ("Mr. Cameron", "U.S. Sen.", "Harry S. Truman"): matches of the plain pattern are filtered by
# the word before the mark, which costs less than lookbehinds tried at every position.
# Speed: one pattern per mark, as a pattern that opens with a literal is searched for in C at
# several times the speed of one that opens with a class ("[.!?]").
SENTENCE_BREAK_MARKS = ".!?"
SENTENCE_BREAK_RES = tuple(re.compile(re.escape(mark) + r"[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")
                           for mark in SENTENCE_BREAK_MARKS)
LONGEST_ABBREVIATION = max(map(len, SENTENCE_ABBREVIATIONS))

# Tokens of a cue window: abbreviations that keep their full stop, initialisms (U.S.), words with
# inner apostrophes or hyphens (co-host, Trump’s, parents’), web sites named by their domain
# (TruthMeter.org, Example.com), and single punctuation marks.
# Speed: the forms that open with a capital are tried only where one stands.
CUE_TOKEN_RE = re.compile(rf"(?=[A-Z])(?:{ABBREVIATIONS}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?= [A-Z][a-z]))"
                          r"|\w+(?:['’\-]\w+)*(?:\.(?:com|org|net|gov|edu)(?!\w))?['’]?|[^\w\s]")
# Every character but a blank starts a token, so a text is its tokens each with the blanks before
# it: matched in pairs, their lengths give the offsets. (Speed: no match object per token.)
SPACED_TOKEN_RE = re.compile(rf"(\s*)({CUE_TOKEN_RE.pattern})")
PARENTHESIS_RE = re.compile(r"\([^()\n]{0,40}\)")
POSSESSIVE_TAIL_RE = re.compile(r"['’](?:s|re|ll|d|ve)?$")
RELATIVE_CLAUSE_RE = re.compile(r",\s*(?:who|which|whose|whom)\b[^,]{0,160},")
# Characters that are neither letters nor digits (str.isalnum) nor line ends; a space only
# before a closing mark, after punctuation, which is typesetting: "... 'no,' " she said,
# ''No, '' he said.
AFTER_CLOSE_RE = re.compile(rf"(?:[^\w\r\n ]|_|(?<=[,.!?;:'’]) (?=[{re.escape(CLOSING_MARKS)}]))*")


def sentence_breaks(text: str, start: int = 0, end: int | None = None, *, search_from: int | None = None) -> list[int]:
    """Offsets where sentences begin after a break in text[start:end] (absolute offsets), in
    text order; with ``search_from``, only those whose mark stands at or after it."""
    end = len(text) if end is None else end
    lo = start if search_from is None else search_from
    full_stop, *others = SENTENCE_BREAK_RES
    out = []
    for m in full_stop.finditer(text, lo, end):
        # The word before the mark, read back no further than one letter past the longest
        # abbreviation: a longer word is none, whatever its other letters. (Most such stretches
        # are all letters, and then they are the word as far as it matters.)
        p = m.start()
        floor = max(start, p - LONGEST_ABBREVIATION - 1)
        word = text[floor:p]
        if not word.isalpha():
            w = p
            while w > floor and text[w - 1].isalpha():
                w -= 1
            word = text[w:p]
        if not (word in SENTENCE_ABBREVIATIONS or len(word) == 1 and word.isupper()):
            out.append(m.end())
    for mark, pattern in zip(SENTENCE_BREAK_MARKS[1:], others):
        if text.find(mark, lo, end) >= 0:  # (rare: found in C before any match is made)
            out += [m.end() for m in pattern.finditer(text, lo, end)]
    if len(out) > 1:
        out.sort()
    return out


LAST_BREAK_WINDOW = 300
"""Characters before a quote read at first for the last sentence break (``last_sentence_break``)."""


def last_sentence_break(text: str, start: int, end: int) -> int | None:
    """The last of ``sentence_breaks(text, start, end)``, None when there is none. Speed: read
    back from ``end`` a window at a time, four times wider each time, so a long paragraph is not
    read whole before each of its quotes. Exact: a break's match holds its mark and then only
    closing marks and blanks, so the breaks whose mark stands in a window are the breaks a
    reading from ``start`` finds there, and the last of them is after any other."""
    width = LAST_BREAK_WINDOW
    lo = end
    while lo > start:
        lo = max(start, end - width)
        if breaks := sentence_breaks(text, start, end, search_from=lo):
            return breaks[-1]
        width *= 4
    return None


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end] with absolute offsets; a short parenthesis (a party label such as
    "(D-Ill.)", an age) is left out, so it does not split a speaker from the verb."""
    if text.find("(", start, end) < 0:
        pairs = SPACED_TOKEN_RE.findall(text, start, end)  # the common case: in place, no copy
    else:
        pairs = SPACED_TOKEN_RE.findall(PARENTHESIS_RE.sub(lambda m: " " * len(m.group()), text[start:end]))
    out: list[Token] = []
    append = out.append
    at = start
    for blanks, token in pairs:
        at += len(blanks)
        end = at + len(token)
        append((at, end, token))
        at = end
    return out


def is_word(tok: str) -> bool:
    """Whether a token is a word (it opens with a letter or a digit), not punctuation."""
    return tok[:1].isalnum()


def is_cap(tok: str) -> bool:
    """Whether a token is capitalised (or a figure with a capital in it: "3M")."""
    return tok[:1].isupper() or tok[:1].isdigit() and any(ch.isupper() for ch in tok)


def unpossessed(tok: Token) -> Token:
    """A token without its possessive ending ("Doe's" -> "Doe")."""
    word = POSSESSIVE_TAIL_RE.sub("", tok[2]) or tok[2]
    return tok[0], tok[0] + len(word), word


def in_title_case(toks: list[Token]) -> bool:
    """Whether a stretch of text is in headline title case (most of its words capitalised)."""
    initials = "".join(filter(str.isalpha, [t[2][0] for t in toks]))  # the words' first letters
    return len(initials) >= 3 and sum(map(str.isupper, initials)) >= 0.8 * len(initials)


LINE_SEARCH = 2000
"""Characters searched for a line end in place before the text's line index is used."""


def paragraph_end(text: str, pos: int) -> int:
    """Where the paragraph (line) holding ``pos`` ends."""
    n = text.find("\n", pos, pos + LINE_SEARCH)
    if n >= 0 or pos + LINE_SEARCH >= len(text):
        return len(text) if n < 0 else n
    ends = _line_ends(text)
    k = bisect_left(ends, pos)
    return ends[k] if k < len(ends) else len(text)


def paragraph_start(text: str, pos: int) -> int:
    """Where the paragraph (line) holding ``pos`` starts."""
    n = text.rfind("\n", max(0, pos - LINE_SEARCH), pos)
    if n >= 0 or pos <= LINE_SEARCH:
        return n + 1
    k = bisect_left(_line_ends(text), pos)
    return _line_ends(text)[k - 1] + 1 if k else 0


@lru_cache(maxsize=4)
def _line_ends(text: str) -> list[int]:
    """The offsets of the line feeds of ``text``, for a paragraph far longer than a news one
    (speed: searched for each of its quotes, one paragraph of a million characters made a scan
    quadratic; a text's hash is kept by the string, so a look-up here costs nothing)."""
    return [m.start() for m in re.finditer("\n", text)]


def after_close(text: str, quote: Quote) -> int:
    """Where the reporter's text resumes after a quote: past its closing marks and punctuation,
    on the same line."""
    end = AFTER_CLOSE_RE.match(text, quote.end)
    return end.end() if end else quote.end


def opens_sentence(text: str, quote: Quote) -> bool:
    """Whether only punctuation or a sentence end stands between the quote and what precedes it."""
    i = quote.start - 1
    while i >= 0 and (text[i] in " \t\u00a0" or text[i] in OPENING_MARKS):
        i -= 1
    return i < 0 or text[i] in "\n.!?:" or text[i] in CLOSING_MARKS


def previous_paragraph_end(text: str, quote: Quote) -> int | None:
    """For a quote that opens its paragraph, the offset just past the last character of the
    paragraph before; None when the quote does not open its paragraph or none comes before."""
    p_start = paragraph_start(text, quote.start)
    if text[p_start:quote.start - 1].strip():
        return None
    end = p_start - 1
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end if end > 0 else None


INDEFINITE_DETERMINERS = frozenset(["a", "an", "one", "another", "some", "several"])
"""Determiners that introduce someone new: a description after one names no one introduced before."""


def indefinite_before(text: str, at: int) -> str | None:
    """The indefinite determiner right before ``at`` as written ("a", "One"), or None."""
    preceding = text[max(0, at - 30):at].split()
    return preceding[-1] if preceding and preceding[-1].lower() in INDEFINITE_DETERMINERS else None

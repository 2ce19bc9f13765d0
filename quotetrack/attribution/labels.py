"""Quotes that are not utterances, and speakers that are not sources.

A title or label in quote marks (a show, a film, a book, an ad, a slogan, a nickname, a coined
term: ``appeared on "Meet the Press"``, ``Joko "Jokowi" Widodo``) is said by no one: it gets no
speaker and the kind ``title``. A speaker a strategy finds must be a person, an organisation, a
document or a description of a person: a date or a time ("the next day", "Dec"), a party-state
tag ("R-Texas") or a clause read as a noun phrase is not, and the next strategy gets its turn.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Quote
from .lexicon import NP_DETERMINERS, REPORTING_VERBS, TITLE_SMALL_WORDS, WEEKDAYS, word_set
from .tokens import SENTENCE_FINAL_MARKS, Token, in_title_case, paragraph_start, tokenize

TIME_WORDS = word_set("time_words")
TIME_WORDS_LOWER = frozenset(w.lower() for w in TIME_WORDS)
TITLE_CUES = word_set("title_cues")
DATE_ABBREVIATIONS = word_set("date_abbreviations")
CLOSING_DETERMINERS = NP_DETERMINERS | {"any"}
"""Words that cannot end a description: a phrase ending in one was cut from a clause ("evaluate any")."""
MAX_TITLE_WORDS = 6
"""Titles and labels are short: longer title-case quotes are headlines or speech."""
TITLE_CONTEXT_TOKENS = 8
COURTESY_TITLES = frozenset(["Mr", "Mrs", "Ms", "Dr", "Miss"])
MAX_OWNER_WORDS = 3
"""Capitalised words (a network, a publisher) allowed between a title cue and the title."""
"""Tokens before the quote read to tell a title-case sentence (a headline) from prose."""
PARTY_TAG_RE = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*$")
"""A party-state tag after a lawmaker's name: "R-Texas", "D-Calif"."""
TITLE_WORD_RE = re.compile(r"[^\W_][\w'’\-]*")
NAMING_VERBS = frozenset(["called", "dubbed", "named", "nicknamed", "labeled", "labelled", "branded"])
"""Title cues that are verbs: with an object between them and the quote they are someone's
words ("Doe called Roe "The Chancellor""), without one they name ("a plan called "Obamacare"")."""
NAMED_THINGS = frozenset(["it", "them"])
"""Objects of a naming verb that are no person: what "branded it the "Big Tax Act"" names is a label."""
RUN_ON_RE = re.compile(r"[\"'”’]*[ \u00a0]+([a-z][\w'’\-]*)")
"""A quote that runs on into the reporter's sentence: its closing mark, then a lower-case word."""
RUN_ON_ADVERBS = frozenset(["again", "twice", "once", "too", "also", "instead", "aloud", "repeatedly"])
"""Words after a quoted exclamation that say how it was said ("said "No Way" twice"), not what
the sentence goes on about."""



def is_title(text: str, quote: Quote, cue_after: bool) -> bool:
    """Whether a quote names a work or a label rather than quoting speech: a short phrase in
    title case (every word capitalised but the small ones) inside the reporter's prose, with
    either a title cue just before it ("on", "the book", "called"), or a name on both sides and
    no cue after it (a nickname). Headlines and title-case lines are never read so."""
    if quote.paragraph == 0 or quote.continues or quote.continued:
        return False
    inner = quote.text.strip()
    if inner[-1:] in "!?":
        return False
    # Speed: the words are read one at a time, so most quotes (speech, in lower case) are turned
    # down at their first word or two, not after all their words are listed.
    words: list[str] = []
    for m in TITLE_WORD_RE.finditer(inner):
        w = m.group()
        if len(words) == MAX_TITLE_WORDS or not (w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS):
            return False
        words.append(w)
    if not words:
        return False
    if len(words) == 1 and inner[-1:] in SENTENCE_FINAL_MARKS or words[0].rstrip(".") in COURTESY_TITLES:
        return False  # "Absolutely." answers; "Mr. Doe" is how someone addresses him
    start = paragraph_start(text, quote.start)
    before = tokenize(text, start, quote.start - 1)[-TITLE_CONTEXT_TOKENS:]
    if not before or before[-1][2] in (":", ",") or in_title_case(before):
        return False  # a colon or comma introduces speech; a title-case line is a headline
    last = before[-1][2]
    if last.lower() in REPORTING_VERBS and last.lower() not in TITLE_CUES:
        # "he said "No Way"": speech; but a title-case name the sentence runs on from is its
        # subject or object, not what was said ("saying "Atlas Shrugged" changed his mind")
        return len(words) > 1 and _runs_on(text, quote.end)
    k = len(before) - 1
    while k > 0 and before[k][2][:1].isupper() and len(before) - k <= MAX_OWNER_WORDS:
        k -= 1  # the owner of a show: "on NBC's "Meet the Press"", "on the Fox News program"
    if _title_cue(before, k) or len(words) > 1 and _names_a_thing(before):
        return True  # (a cue after it credits the sentence: "on "Meet the Press," Doe said")
    after = text[quote.end:quote.end + 40].lstrip("\"'”’ ")
    return not cue_after and len(words) == 1 and last[:1].isupper() and after[:1].isupper()  # Joko "Jokowi" Widodo


def _title_cue(before: list[Token], k: int) -> bool:
    """Whether ``before[k]`` is a title cue for the quote after ``before``: a naming verb only with
    nothing between it and the quote, "as" not after an adverb of manner ("informally as")."""
    word = before[k][2].lower()
    if word not in TITLE_CUES:
        return False
    if word in NAMING_VERBS:
        return k == len(before) - 1
    if word == "as" and k > 0 and before[k - 1][2].lower().endswith("ly"):
        return False  # a manner of speaking: "referring to his rivals disparagingly as "Little Bobby""
    return True


def _names_a_thing(before: list[Token]) -> bool:
    """Whether the quote after ``before`` is what a naming verb names a thing: "branded it the",
    "dubbed them"."""
    words = [t[2].lower() for t in before[-3:]]
    if words and words[-1] in ("the", "a", "an"):
        words.pop()
    return len(words) >= 2 and words[-1] in NAMED_THINGS and words[-2] in NAMING_VERBS


def _runs_on(text: str, end: int) -> bool:
    """Whether the reporter's sentence runs on after the quote ending at ``end`` with a word that
    is not a small one ("and", "of"): the quote is a name inside the sentence."""
    m = RUN_ON_RE.match(text, end, end + 40)
    word = m.group(1) if m is not None else ""
    return bool(word) and not (word in TITLE_SMALL_WORDS or word in RUN_ON_ADVERBS or word.endswith("ly")
                               or word in TIME_WORDS_LOWER)


@lru_cache(maxsize=65_536)
def is_source(mention: str) -> bool:
    """Whether a speaker as written can be a source: not a date or a time, not a party-state
    tag, not a phrase that ends in a determiner, not a clause ("House softened Obama's plan").
    Cached: each strategy's find is asked, and the same mentions recur through an article."""
    words = mention.split()
    if not words or PARTY_TAG_RE.match(words[-1]):
        return False
    last = words[-1].strip(".,")
    if mention[:1].isupper():
        # a name may end in a month ("Theresa May"), never in a weekday or a date abbreviation;
        # a past tense inside it is a clause read as a name ("House softened Obama's plan")
        # a month abbreviation ends a date alone or with its point ("Dec", "Dec."); after another
        # capitalised word without one it is part of a name ("Ai Jun", "Jan" is a given name too)
        month = last in DATE_ABBREVIATIONS and (len(words) == 1 or words[-1].endswith("."))
        return not (last in WEEKDAYS or month
                    or all(w in TIME_WORDS for w in words)
                    or any(w[:1].islower() and w.endswith("ed") for w in words))
    return not (last.lower() in TIME_WORDS_LOWER or len(words) > 1 and last.lower() in CLOSING_DETERMINERS)

"""Quote-mark tables and the folded, tokenised copies of text used only for comparing.

Nothing here produces offsets into an article: offsets always come from the original text
(see ``extract``). These helpers make normalised copies for matching and classification.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from itertools import chain

import snowballstemmer

# Double quotation marks by the role their shape implies. Straight marks take their role from
# the characters beside them. Sources: Unicode General Punctuation block; English, German
# („…“) and French/Russian («…») news typography.
DOUBLE_OPENERS = "“„«‟〝"
DOUBLE_CLOSERS = "”»〞〟"
DOUBLE_EITHER = '"＂'

SINGLE_OPENERS = "‘‹‚"
SINGLE_CLOSERS = "’›"
SINGLE_EITHER = "'"

# Characters that may stand right before an opening mark or right after a closing one.
OPEN_LEFT = set(" \t\u00a0([{—–-/:;,\u2026") | set(DOUBLE_OPENERS + SINGLE_OPENERS)
CLOSE_RIGHT = set(" \t\u00a0)]}—–-/:;,.!?\u2026") | set(DOUBLE_CLOSERS + SINGLE_CLOSERS)

# Each character and its plain stand-in; no stand-in is itself folded, so replacing them one by one
# is the same as replacing them all at once (and much faster than ``str.translate`` on long texts).
_FOLD_PAIRS = (
    ("’", "'"), ("‘", "'"), ("‛", "'"), ("`", "'"), ("´", "'"),
    ("“", '"'), ("”", '"'), ("„", '"'), ("«", '"'), ("»", '"'),
    ("—", "-"), ("–", "-"), ("\u00a0", " "),
)

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# Function words: they count for little when deciding whether two wordings are one quote.
# Source: the classic SMART/Snowball English stop lists, trimmed to the closed-class words.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just let me more
most my myself no nor not now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves s t ll re ve d m o y
""".split())

# Near-synonyms that translations and paraphrasing reporters swap for one another: general English
# news vocabulary, compiled from thesaurus entries (Merriam-Webster, Roget's) for common reporting,
# diplomacy and conflict words, kept to senses that hold in any context. Each set folds to its
# first member when wordings are compared. Not a table of any article's sentences.
SYNONYM_SETS: tuple[tuple[str, ...], ...] = (
    ("stop", "halt", "cease", "end", "suspend"),          # verbs of ending an action
    ("hostilities", "fighting", "combat", "warfare"),     # armed conflict as an activity
    ("cessation", "ceasefire", "truce", "armistice"),     # an agreed pause in fighting
    ("lasting", "durable", "permanent", "enduring"),      # of peace, solutions, agreements
    ("remove", "eliminate", "eradicate", "abolish"),      # doing away with something
    ("root", "underlying", "fundamental"),                # of causes and problems
    ("assumption", "premise", "presumption"),             # what an argument proceeds from
    ("big", "large", "huge", "enormous"),
    ("small", "little", "tiny"),
    ("begin", "start", "commence"),
    ("agreement", "deal", "accord", "pact"),              # a settlement between parties
    ("talk", "negotiate", "discuss"),
    ("weapons", "arms"),
    ("leave", "exit", "depart"),
    ("quick", "fast", "rapid", "swift"),
    ("help", "assist", "aid"),
    ("show", "demonstrate", "display"),
    ("buy", "purchase"),
    ("think", "believe"),                                 # verbs of opinion
    ("want", "wish", "desire"),
    ("get", "obtain", "receive"),
    ("surrender", "capitulate"),
    ("country", "nation"),                                # translations render strana/pays either way
    ("ask", "request"),
    ("answer", "reply", "respond"),
    ("important", "significant", "crucial"),
)

_STEMMER = snowballstemmer.stemmer("english")
_SYNONYM_OF = {_STEMMER.stemWord(w): _STEMMER.stemWord(group[0]) for group in SYNONYM_SETS for w in group}


def fold(text: str) -> str:
    """A comparison copy: compatibility-normalised, curly marks and dashes made plain, lower case."""
    text = unicodedata.normalize("NFKC", text)
    for mark, plain in _FOLD_PAIRS:
        if mark in text:
            text = text.replace(mark, plain)
    return text.casefold()


def words(text: str) -> list[str]:
    """Lower-case word tokens of ``text`` (apostrophes inside words kept, as plain ')."""
    return WORD_RE.findall(fold(text))


@lru_cache(maxsize=200_000)
def fold_words(text: str) -> str:
    """The words of ``text`` joined by single spaces: equal for wordings that differ only in
    case, punctuation or spacing."""
    return " ".join(words(text))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a folded word, with contractions' tails dropped."""
    base = word.split("'", 1)[0] if word.endswith(("'s", "'ll", "'re", "'ve", "'d", "'m")) else word
    return _STEMMER.stemWord(base)


@lru_cache(maxsize=200_000)
def concept(word: str) -> str:
    """The comparison key of a folded word: its stem, folded onto a synonym set's head."""
    s = stem(word)
    return _SYNONYM_OF.get(s, s)


def concepts(text: str) -> list[str]:
    """Comparison keys of every word of ``text``, in order."""
    return [concept(w) for w in words(text)]


CONTENT_KEYS_KEPT = 500_000
"""Distinct blank-separated tokens whose comparison keys ``concept_counts`` remembers (a news
corpus's vocabulary, punctuation attached, fits; past it the memo starts afresh, so a long-lived
process stays bounded)."""


class _TokenKeys(dict):
    """Folded blank-separated token -> the comparison keys of its content words, in order
    (none for "the" or "—", two for "war-torn"); worked out on a token's first sight."""

    def __missing__(self, token: str) -> tuple[str, ...]:
        keys = tuple(concept(w) for w in WORD_RE.findall(token) if not is_stopword(w))
        self[token] = keys
        return keys


_TOKEN_KEYS = _TokenKeys()


def concept_counts(text: str) -> dict[str, int]:
    """How often each concept of a content word (not a function word) occurs in ``text``, in
    order of first occurrence: an article's bag of words for word rarity and story affinity."""
    # Speed: the text is split at blanks in C and each distinct token's keys are looked up once,
    # rather than matching WORD_RE over the text and looking up every word; the keys are then
    # chained and counted in C. No word crosses a blank, so the tokens' keys in turn are the
    # words' keys in text order.
    keys = _TOKEN_KEYS
    if len(keys) > CONTENT_KEYS_KEPT:
        keys.clear()
    return dict(Counter(chain.from_iterable(map(keys.__getitem__, fold(text).split()))))


# Contractions of function words ("it's", "don't", "can't", "we're") are function words too.
NEGATED_CONTRACTIONS = frozenset("won't shan't ain't".split())
CONTRACTION_TAILS = frozenset("s re ve ll d m".split())


def is_stopword(word: str) -> bool:
    """Whether a folded word is a function word, contractions included ("it's", "don't")."""
    if word in STOPWORDS or word in NEGATED_CONTRACTIONS:
        return True
    head, _, tail = word.partition("'")
    if tail == "t" and head.endswith("n"):
        return head[:-1] in STOPWORDS or head in STOPWORDS
    return tail in CONTRACTION_TAILS and head in STOPWORDS

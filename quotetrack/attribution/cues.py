"""Cues: the reporting words around a quote and the speaker they name.

``cue_after`` reads the reporter's words after the closing mark (``"...," Putin said``),
``cue_before`` the reporter's sentence before the opening mark (``Putin has stated that "..."``).
Both return a ``Found``: the speaker as written, the cue, and where the speaker is written.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from ..models import Quote
from .clauses import (
    asker,
    clause_subject,
    colon_name,
    message_sender,
    person_description,
    poll_of_share,
    possessive_speech,
    viewpoint,
)
from .labels import is_source
from .lexicon import (
    CATENATIVE_VERBS,
    COGNITION_VERBS,
    CUE_VERB_WORDS,
    INVERSION_VERBS,
    ISSUING_VERBS,
    MESSAGE_NOUNS,
    NAMING_VERBS,
    NP_BREAKERS,
    NP_LINKS,
    OWN_CLAUSE_OPENERS,
    PHRASAL_CUES,
    POSSESSIVE_DETERMINERS,
    REPORTING_VERBS,
    SENTENCE_OPENING_WORDS,
    TIME_FILLERS,
    word_set,
)
from .phrases import (
    MAX_APPOSITIVE_TOKENS,
    MAX_ASIDES,
    MAX_NP_TOKENS,
    np_backward,
    np_forward,
    np_subject,
    sentence_subject,
    speaker_head,
    subject_of,
    title_like,
)
from .tokens import (
    ALL_QUOTE_MARKS,
    POSSESSIVE_TAIL_RE,
    RELATIVE_CLAUSE_RE,
    SENTENCE_FINAL_MARKS,
    Token,
    after_close,
    in_title_case,
    is_cap,
    is_word,
    last_sentence_break,
    opens_sentence,
    paragraph_end,
    paragraph_start,
    tokenize,
)


@dataclass(frozen=True, slots=True)
class Found:
    """A speaker that a strategy found for a quote."""

    mention: str | None
    """The speaker as the text writes it: a name, a description ("senior aide") or a pronoun."""
    cue: str
    """The reporting words that attribute the quote ("said", "according to", ":", "continuation")."""
    at: int
    """Offset of ``mention`` in the text read (the article, or the window a cue was read in)."""
    speaker: str | None = None
    """The person, when the strategy already knows them (a continuation carries the quote
    before's); otherwise ``mention`` is resolved within the article."""
    resolved: bool = False
    """Whether ``speaker`` is final (True) or ``mention`` still has to be resolved (False)."""
    credits_words: bool = False
    """Whether the cue credits the quoted words themselves (``"...," as Doe put it``), so that it
    outranks a verb of the sentence around them."""

    def shifted(self, base: int) -> Found:
        """The same speaker, found in a window of the text that starts at ``base``."""
        return Found(self.mention, self.cue, self.at + base, self.speaker, self.resolved, self.credits_words)


MAX_CLOSING_CUE_TOKENS = 24
"""A cue after a comma closes the sentence when the sentence ends within this many tokens."""
MAX_INVERSION_INTRO = 4
"""Words of an introduction before an inverted cue ("In other words, explained ..."): a longer
one is a clause of its own ("The vote was close, said Doe" is a cue after, not an inversion)."""
MAX_CUE_AFTER_CHARS = 300
"""Characters after a quote read for its cue."""
QUOTING_VERBS = word_set("quoting_verbs")
# What may precede the subject of an absolute participle clause ("with Doe saying", "—Doe saying").
ABSOLUTE_OPENERS = frozenset(["with", ",", ";", "—", "–", "-", "and"])
CLAUSE_OPENERS = ABSOLUTE_OPENERS | {"but", "while", "as", "when", "because", "that", "so", "yet"}
BE_FORMS = frozenset(["is", "was", "are", "were"])


def _skip_modifiers(toks: list[Token], j: int) -> int:
    """The index past the time words and adverbs from toks[j] on ("Doe on Tuesday flatly said")."""
    while j < len(toks) and (toks[j][2].lower() in TIME_FILLERS or toks[j][2].lower().endswith("ly")
                             and toks[j][2][:1].islower()):
        j += 1
    return j


def _aside_ends(toks: list[Token], j: int) -> list[int]:
    """When toks[j] is a comma opening asides (", 67, a retired nurse in Allentown, Pa.,"), the
    index after each later comma, nearest first; a full stop ends the search unless an
    abbreviation's comma follows it."""
    out: list[int] = []
    if not (j < len(toks) and toks[j][2] == ","):
        return out
    for k in range(j + 1, min(len(toks), j + MAX_APPOSITIVE_TOKENS * 2)):
        tok = toks[k][2]
        if tok in "!?;\"“”" or tok == "." and not (k + 1 < len(toks) and toks[k + 1][2] == ","):
            break
        if tok == ",":
            out.append(k + 1)
            if len(out) >= MAX_ASIDES:
                break
    return out


def _speaker_then_verb(toks: list[Token], i: int) -> tuple[int, int, int] | None:
    """``NP [of NP] [, apposition,] [adverbs] VERB`` from toks[i]: (np start, np end, verb index)."""
    j = np_forward(toks, i)
    if j == i:
        return None
    np_end = j
    for _ in range(2):
        # "of/for NP" qualifies the speaker; "and NP" adds a second role ("the senator and
        # presidential candidate said")
        if j < len(toks) and (toks[j][2].lower() in NP_LINKS or toks[j][2] == "and") and not is_verb_at(toks, j):
            k = np_forward(toks, j + 1)
            if k > j + 1:
                j = k
                continue
        break
    for k in (j, *_aside_ends(toks, j)):
        k = _skip_modifiers(toks, k)
        if k < len(toks) and is_verb_at(toks, k) and not toks[k][2].endswith("ing"):
            return i, np_end, k
    return None


def is_verb_at(toks: list[Token], k: int, title_case: bool = False) -> bool:
    """Whether toks[k] is a reporting verb (or "according to"). Capitalised words are verbs only
    in a title-case headline ("Clinton Says ...")."""
    w = toks[k][2]
    low = w.lower()
    if low not in CUE_VERB_WORDS:
        return False  # the common case, settled by one look-up
    if low == "according":
        return k + 1 < len(toks) and toks[k + 1][2] == "to"
    if w in PHRASAL_CUES:
        # "as Doe put it", "as the paper pointed out": the verb cites only with its particle
        if not (k + 1 < len(toks) and toks[k + 1][2] == PHRASAL_CUES[w]):
            return False
        # "Doe went on." / "Doe shot back angrily:" / "went on to say" report; "went on to win" does not
        after = toks[k + 2][2] if k + 2 < len(toks) else ""
        return (w in ("put", "puts", "pointed", "points") or not is_word(after) or after.endswith("ly")
                or after == "to" and k + 3 < len(toks) and toks[k + 3][2] in REPORTING_VERBS)
    if title_case:
        w = low
    if w in ISSUING_VERBS:
        # "Doe issued a statement, “...”", "the campaign sent out an email:": issuing a message
        return any(toks[m][2] in MESSAGE_NOUNS for m in range(k + 1, min(len(toks), k + 5)))
    if not (w[:1].islower() and w in REPORTING_VERBS):
        return False
    if k > 0 and toks[k - 1][2].lower() in POSSESSIVE_DETERMINERS:
        return False  # "her emails", "their calls": a noun after a possessive, not a verb
    if w in NAMING_VERBS and k > 0:
        # "a super PAC called Forward99": a reduced relative that names, not a cue
        start = np_backward(toks, k)
        if start < k and toks[start][2].lower() in ("a", "an"):
            return False
    return True


def cue_after(text: str, quote: Quote, nxt: Quote | None) -> Found | None:
    """``"...," said Yuri Ushakov``, ``"...," a senior aide to the senator told reporters``, or
    a cue that closes the sentence after more of the reporter's words (``"Boats in the harbour"
    would be needed, Ben Carson said.``)."""
    close = after_close(text, quote)
    limit = paragraph_end(text, close)
    if nxt is not None and nxt.paragraph == quote.paragraph:
        limit = min(limit, nxt.start - 1)
    end = min(limit, close + MAX_CUE_AFTER_CHARS)
    # Speed: the cue is read from the quote's last character to the end of the window alone, so
    # that the same words after a quote ("," she said.") are read once, whatever text is around
    base = quote.end - 1
    found = _cue_after_in(text[base:max(close, end)], close - base, end - base)
    return found.shifted(base) if found is not None else None


CUE_AFTER_WINDOWS_KEPT = 4096
"""Windows after a quote whose cue ``_cue_after_in`` remembers."""


@lru_cache(maxsize=CUE_AFTER_WINDOWS_KEPT)
def _cue_after_in(text: str, close: int, end: int) -> Found | None:
    """``cue_after`` in ``text``, the quote's last character (at 0) and the words after it up to
    ``end``, where the reporter's words resume at ``close``; offsets in ``text``."""
    quote_end = 1
    toks = tokenize(text, close, end)
    i = 0
    while i < len(toks) and toks[i][2] in ",;:—–-":
        i += 1
    if i >= len(toks):
        return None
    first = toks[i][2]
    if text[quote_end - 1:quote_end] in SENTENCE_FINAL_MARKS and first[:1].isupper() and not first.isupper() and (
            POSSESSIVE_TAIL_RE.sub("", first).lower() in SENTENCE_OPENING_WORDS):
        return None  # the quote ended its sentence and a new one begins ("... .” He went on)
    if "," in text[quote_end - 1:close] and (found := _function_word_surname(toks, i)):
        return found
    if found := _as_clause(toks, i):
        return found
    if found := cue_at(toks, i):
        if text[quote_end - 1:quote_end] == "." and first[:1].isupper() and _reports_own_content(toks, i, found.cue):
            return None  # "“... .” Jane Doe said she would ...": a new sentence with its own content
        return found
    if "," in text[quote_end:close] and (found := _credit_without_verb(toks, i)):
        return found
    if text[quote_end - 1:quote_end] in SENTENCE_FINAL_MARKS:
        return None
    # The sentence goes on after the quote: a cue may close it after a comma.
    for k in range(i + 1, len(toks)):
        tok = toks[k][2]
        if tok in ".!?" or tok in ALL_QUOTE_MARKS:
            break
        if tok == "," and (found := _as_clause(toks, k + 1) or cue_at(toks, k + 1)) and _closes_sentence(toks, k + 1):
            return found
    return None


def _as_clause(toks: list[Token], i: int) -> Found | None:
    """``as Doe put it`` / ``as Doe claims`` at toks[i]: a clause that credits the quoted words."""
    if not (i + 1 < len(toks) and toks[i][2] == "as"):
        return None
    found = cue_at(toks, i + 1)
    if found is None or found.cue == "according to" or found.cue in COGNITION_VERBS:
        return None  # ("as the numbers show" is no one's saying)
    return Found(found.mention, found.cue, found.at, credits_words=True)


def _function_word_surname(toks: list[Token], i: int) -> Found | None:
    """A surname spelt like a function word right after a quote that ends in a comma, then a
    verb of saying that ends the clause: ``"...," From said.``, ``"...," Say wrote,``. After the
    comma no sentence begins, so the capital is a name's."""
    if not (i + 1 < len(toks) and is_cap(toks[i][2]) and toks[i][2].lower() in NP_BREAKERS):
        return None
    verb = toks[i + 1][2]
    if not (verb in REPORTING_VERBS and not verb.endswith("ing") and verb not in PHRASAL_CUES):
        return None
    if i + 2 < len(toks) and toks[i + 2][2] not in ".,;!?":
        return None  # "..., As said before, ...": a clause goes on
    return Found(toks[i][2], verb, toks[i][0])


def _reports_own_content(toks: list[Token], i: int, cue: str) -> bool:
    """Whether the cue found at toks[i] is followed by its own reported clause ("said she would",
    "said that"), so it reports that clause, not the quote before it."""
    for k in range(i, min(len(toks), i + MAX_NP_TOKENS + MAX_APPOSITIVE_TOKENS)):
        if toks[k][2].lower() == cue:
            nxt = toks[k + 1][2] if k + 1 < len(toks) else ""
            return nxt in OWN_CLAUSE_OPENERS
        if toks[k][2] in ".!?":
            break
    return False


def _closes_sentence(toks: list[Token], k: int) -> bool:
    """Whether the sentence ends within a short stretch after toks[k] (the cue is its last clause)."""
    for m in range(k, min(len(toks), k + MAX_CLOSING_CUE_TOKENS)):
        if toks[m][2] in ".!?" or toks[m][2] in ALL_QUOTE_MARKS:
            return True
    return len(toks) < k + MAX_CLOSING_CUE_TOKENS


def cue_at(toks: list[Token], i: int) -> Found | None:
    """A cue starting at toks[i]: ``said NP`` / ``according to NP`` / ``NP ... said``."""
    if i >= len(toks):
        return None
    first = toks[i][2]
    if first[:1].islower() and (first in INVERSION_VERBS or first == "according" and i + 1 < len(toks)
                                and toks[i + 1][2] == "to"):
        cue = "according to" if first == "according" else first
        k = i + (2 if first == "according" else 1)
        j = np_forward(toks, k)
        if j > k and (head := speaker_head(toks, k, j)):
            return Found(head[0], cue, head[1])
        if j > k and j < len(toks) and toks[j][2] in NP_LINKS and (j2 := np_forward(toks, j + 1)) > j + 1 and (
                head := speaker_head(toks, k, j2)) and head[0][:1].isupper():
            return Found(head[0], cue, head[1])  # "said master of ceremonies Ann Lee": a role, then the name
        return None
    found = _speaker_then_verb(toks, i)
    if found is not None:
        np_start, np_end, verb = found
        if head := speaker_head(toks, np_start, np_end):
            cue = "according to" if toks[verb][2] == "according" else toks[verb][2]
            return Found(head[0], cue, head[1])
    return None


def _credit_without_verb(toks: list[Token], i: int) -> Found | None:
    """A full name with no verb after a quote that ends in a comma, then a role or the end of
    the paragraph: ``"...," Jane Doe, director of the agency.``"""
    j = np_forward(toks, i)
    head = speaker_head(toks, i, j) if j > i else None
    if head is None or " " not in head[0] or not all(w[:1].isupper() for w in head[0].split()):
        return None
    if j == len(toks) or toks[j][2] in ",.;" and not any(is_verb_at(toks, k) for k in range(j, len(toks))):
        return Found(head[0], "credit", head[1])
    return None


class _VerbScan(NamedTuple):
    """What the reporting verbs of a sentence before a quote say about its speaker."""

    found: Found | None
    has_verb: bool
    """Whether the sentence holds a reporting verb at all."""
    participle: bool
    """Whether the verb read last was a participle ("..., vowing to ...")."""


def cue_before(text: str, quote: Quote, prev: Quote | None, known: Container[str]) -> Found | None:
    """The speaker named in the reporter's sentence before the quote: an inverted cue (``Said
    Doe, "..."``), the last reporting verb's subject (``Putin has stated that "..."``), else the
    sentence's subject when the sentence has a reporting verb, or when it has none and the quote
    is no title (``Doe promised a "huge" wall``)."""
    start = paragraph_start(text, quote.start)
    if prev is not None and prev.paragraph == quote.paragraph:
        start = after_close(text, prev)
    open_at = quote.start - 1
    last_break = last_sentence_break(text, start, open_at)
    base = start if last_break is None else last_break
    sentence = text[base:open_at]
    masked = RELATIVE_CLAUSE_RE.sub(lambda m: " " * len(m.group()), sentence)
    toks = tokenize(masked, 0, len(masked))
    if found := inverted_opening(toks):
        return found.shifted(base)
    if head := asker(toks):
        return Found(head[0], "asked", base + head[1])
    verbs = _scan_verbs(toks)
    if verbs.found is not None:
        return verbs.found.shifted(base)
    if owner := possessive_speech(toks):
        return Found(owner[0], "possessive", base + owner[1])
    if named := colon_name(toks, known):
        return Found(named[0], ":", base + named[1])
    if verbs.has_verb:
        # A sentence with a reporting verb whose subject is its first mention: "Trump has made
        # ..., at one time promising ... on "day one"".
        head = sentence_subject(toks, known, descriptions=verbs.participle)
        if verbs.participle and (head is None or head[0] == "it"):
            # "It came after Doe chided Roe ..., accusing him of ...": the clause the participle
            # hangs on has the subject ("it" never speaks)
            head = clause_subject(toks, known) or head
        head = head or clause_subject(toks, known, len(toks))
        if head is None and verbs.participle and last_break is None and start > paragraph_start(text, quote.start):
            # ", saying it means “...”" after an earlier quote of the same sentence: the subject
            # is before that quote ("he invoked the teaching of “subsidiarity,” saying ...")
            return _earlier_subject(text, start, prev, known)
    elif not title_like(quote.text):
        # No verb of saying, but a person as the sentence's subject: a quoted phrase woven into
        # a sentence about someone is most often theirs ("Doe promised a “huge” wall"). Titles
        # are not ("Doe appeared on “Meet the Press”").
        head = viewpoint(toks) or sentence_subject(toks, known, descriptions=True)
        if head is not None and not head[0][:1].isupper() and not person_description(head[0]):
            head = None
        head = head or clause_subject(toks, known, len(toks))
    else:
        head = None
    return Found(head[0], "sentence subject", base + head[1]) if head else None


def _earlier_subject(text: str, start: int, prev: Quote | None, known: Container[str]) -> Found | None:
    """The subject of a sentence that began before the previous quote (which ends at ``start``)."""
    if prev is None or "," not in text[prev.end:start] or opens_sentence(text, prev):
        return None  # (a quote that opens its sentence has its subject after it, if anywhere)
    p_start = paragraph_start(text, prev.start)
    last_break = last_sentence_break(text, p_start, prev.start - 1)
    base = p_start if last_break is None else last_break
    sentence = text[base:prev.start - 1]
    masked = RELATIVE_CLAUSE_RE.sub(lambda m: " " * len(m.group()), sentence)
    head = sentence_subject(tokenize(masked, 0, len(masked)), known, descriptions=True)
    return Found(head[0], "sentence subject", base + head[1]) if head else None


def _scan_verbs(toks: list[Token]) -> _VerbScan:
    """The reporting verbs of a sentence, read from its end: the first that has a subject gives
    the speaker; a verb of belief only when no verb of saying has one."""
    # Speed: only the words that may be cues are tested (see ``is_verb_at``), and whether the
    # sentence is in title case is asked only when one of them has a capital ("Says").
    cue_words = list(compress(count(), map(CUE_VERB_WORDS.__contains__, map(str.lower, map(itemgetter(2), toks)))))
    title_case = any(toks[k][2] not in CUE_VERB_WORDS for k in cue_words) and in_title_case(toks)
    has_verb = False
    belief: Found | None = None
    according: Found | None = None
    for idx in reversed(cue_words):
        if not is_verb_at(toks, idx, title_case):
            continue
        has_verb = True
        w = toks[idx][2].lower()
        if w == "according":
            # a source "according to" gives way to a verb of saying before it ("..., he said,
            # according to excerpts released by ...": he said it)
            j = np_forward(toks, idx + 2)
            if according is None and j > idx + 2 and (head := speaker_head(toks, idx + 2, j)):
                according = Found(head[0], "according to", head[1])
            continue
        if w.endswith("ing"):
            return _VerbScan(_participle_cue(toks, idx, w) or according or belief, True, True)
        # a subject that is no source ("to review any proposed changes": "proposed" is no
        # verb there) lets an earlier verb speak
        if (head := subject_of(toks, idx)) and is_source(head[0]):
            if w not in COGNITION_VERBS:
                head = poll_of_share(toks, head, idx) or head
                return _VerbScan(Found(head[0], w, head[1]), True, False)
            # "Doe said she thinks ...": the one who says it outranks the one who thinks it
            belief = belief or Found(head[0], w, head[1])
    return _VerbScan(according or belief, has_verb, False)


def _participle_cue(toks: list[Token], idx: int, verb: str) -> Found | None:
    """The subject of a participle of saying at toks[idx]."""
    if head := message_sender(toks, idx):
        return Found(head[0], verb, head[1])  # "sent out a message to supporters saying"
    if idx >= 2 and toks[idx - 1][2] == "as":
        # "newspapers quote Doe as saying": the one quoted said it
        st = idx - 1
        while st > 0 and is_cap(toks[st - 1][2]):
            st -= 1  # the name quoted ("quote Jane Doe as saying")
        if 0 < st < idx - 1 and toks[st - 1][2].lower() in QUOTING_VERBS and (
                head := speaker_head(toks, st, idx - 1)):
            return Found(head[0], verb, head[1])
    # A participle ("..., vowing to end the war on "day one"") takes the sentence's subject,
    # unless a verb of saying just before it has one ("..., Doe said, adding, ")
    if (idx >= 2 and toks[idx - 1][2] == "," and is_verb_at(toks, idx - 2)
            and not toks[idx - 2][2].endswith("ing") and (head := subject_of(toks, idx - 2))
            and toks[idx - 2][2].lower() not in COGNITION_VERBS):
        return Found(head[0], toks[idx - 2][2].lower(), head[1])
    # "with Sen. Doe calling it a “...”", "Doe reportedly yelling: “...”": a participle
    # right after a noun phrase has that phrase as its subject
    j = idx
    while j > 0 and (toks[j - 1][2].lower() in TIME_FILLERS or toks[j - 1][2].endswith("ly")
                     and toks[j - 1][2][:1].islower()):
        j -= 1
    progressive = j > 1 and toks[j - 1][2] in BE_FORMS
    if j > 0 and toks[j - 1][2] in CATENATIVE_VERBS or progressive:
        j -= 1  # "Doe kept asking", "Doe began saying", "but the campaign is claiming"
    st = np_backward(toks, j) if j > 0 and is_word(toks[j - 1][2]) else j
    # the phrase must open a clause ("with X", ", X", "— X"), not be a verb's object
    # ("wrote to Lynch asking"); a finite "is claiming" has its subject after any clause opener
    openers = CLAUSE_OPENERS if progressive else ABSOLUTE_OPENERS
    if st < j and (st == 0 or toks[st - 1][2].lower() in openers) and (
            not toks[st][2].lower().endswith("ing")) and (
            head := np_subject(toks, j, False)) and (head[0][:1].isupper() or head[0] in ("he", "she")):
        return Found(head[0], verb, head[1])
    return None


def inverted_opening(toks: list[Token]) -> Found | None:
    """A sentence that opens with the verb: ``Said Dorothy Poynter, a neighbour, "..."``,
    ``Continued Stone: "..."``; or a transcript-style ``NAME: "..."``."""
    # the verb opens the sentence, or follows a short introduction and its comma ("But, said
    # Doe, ...", "In other words, explained Jane Doe: ...")
    comma = next((k for k in range(min(len(toks), MAX_INVERSION_INTRO + 1)) if toks[k][2] == ","), None)
    for v in (0,) if comma is None else (0, comma + 1):
        if not (len(toks) >= v + 2 and toks[v][2].lower() in INVERSION_VERBS
                and (toks[v][2][:1].isupper() if v == 0 else toks[v][2][:1].islower())):
            continue
        j = np_forward(toks, v + 1)
        # "Asked a question, Doe said ...": a participle clause, not an inversion, when the
        # phrase is no name or another verb follows
        if (j > v + 1 and (head := speaker_head(toks, v + 1, j)) and head[0][:1].isupper()
                and not any(is_verb_at(toks, k) for k in range(j, len(toks)))):
            return Found(head[0], toks[v][2].lower(), head[1])
    if toks and toks[-1][2] == ":" and len(toks) <= 5:
        j = np_forward(toks, 0)
        if j == len(toks) - 1 and (head := speaker_head(toks, 0, j)) and head[0][:1].isupper():
            return Found(head[0], ":", head[1])
        if all(t[2].isupper() and t[2].isalpha() for t in toks[:-1]) and 1 <= len(toks) - 1 <= 3:
            # a transcript's speaker label ("WALLACE:", "CHRIS WALLACE:"): the name in capitals
            return Found(" ".join(t[2].title() for t in toks[:-1]), ":", toks[0][0])
    return None



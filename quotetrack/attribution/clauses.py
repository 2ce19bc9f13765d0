"""Clauses around a quote that credit it without a subject before a verb of saying.

``possessive_speech`` reads a noun of speech and its owner (``Doe's pledge to be "neutral"``),
``clause_subject`` the named subject of a clause in the sentence (``after Jane Doe chided Roe,
accusing him of ...``), ``viewpoint`` a sentence that gives someone's view (``To Rep. Jane Doe,
the bill "..."``) and ``poll_of_share`` the poll through which a share of those asked speaks.
Each returns the speaker as written and where (a ``phrases.Head``), or None.
"""

from __future__ import annotations

from collections.abc import Container

from ..names import TITLE_WORDS
from .labels import is_source
from .lexicon import (
    COGNITION_VERBS,
    CUE_VERB_WORDS,
    ISSUING_VERBS,
    MESSAGE_NOUNS,
    NAMING_VERBS,
    POLL_NOUNS,
    PREPOSITIONS,
    REPORTING_VERBS,
    SPEECH_NOUN_LINKS,
    SPEECH_NOUNS,
)
from .phrases import Head, np_backward, np_forward, speaker_head, subject_of
from .tokens import POSSESSIVE_TAIL_RE, Token, is_cap, unpossessed


def clause_subject(toks: list[Token], known: Container[str], end: int | None = None) -> Head | None:
    """The named subject of the last clause before ``end`` (by default the sentence's last
    comma): a name, adverbs, then a verb in the past tense ("after Jane Doe publicly chided Roe
    on Friday,"). A verb that names ("a book by Jane Doe titled") or shows is no clause of
    hers, and a one-word name counts only when the article capitalises it mid-sentence."""
    if end is None:
        end = next((k for k in range(len(toks) - 1, 0, -1) if toks[k][2] == ","), 0)
    for k in range(end - 1, 0, -1):
        word = toks[k][2]
        if not (word[:1].islower() and (word.endswith("ed") or word in REPORTING_VERBS)) or (
                word in NAMING_VERBS or word in COGNITION_VERBS):
            continue
        j = k
        while j > 0 and toks[j - 1][2].endswith("ly") and toks[j - 1][2][:1].islower():
            j -= 1
        if j > 0 and is_cap(toks[j - 1][2]) and (st := np_backward(toks, j)) < j and (
                head := speaker_head(toks, st, j)) and is_named(head[0]) and (
                " " in head[0] or head[0] in known):
            return head
    return None


def viewpoint(toks: list[Token]) -> Head | None:
    """The person whose view a sentence gives: ``To Rep. Jane Doe, the bill "..."``."""
    if not (toks and toks[0][2] == "To"):
        return None
    j = np_forward(toks, 1)
    if j > 1 and j < len(toks) and toks[j][2] == "," and (head := speaker_head(toks, 1, j)) and is_named(head[0]):
        return head
    return None


SOURCE_PREPOSITIONS = frozenset(["from", "by"])
"""Prepositions whose object is the source of what follows ("More from Jane Doe:")."""
ADDRESSING_VERBS = frozenset(["tell", "tells", "telling", "told"])
"""Verbs whose object is the one spoken to ("telling the Daily Planet:")."""


def colon_name(toks: list[Token], known: Container[str]) -> Head | None:
    """The person named right before the colon that introduces a quote, in a sentence with no
    verb of saying that has a subject: ``The surge does not surprise pollster Jane Doe: "..."``,
    ``More from Jane Doe and Tom Roe: "..."``."""
    if not (len(toks) > 1 and toks[-1][2] == ":"):
        return None
    run = len(toks) - 1
    while run > 0 and is_cap(toks[run - 1][2]):
        run -= 1
    if run > 0 and toks[run - 1][2] == "the":
        run -= 1
    before = toks[run - 1][2].lower() if run > 0 else ""
    if before in ADDRESSING_VERBS or before in PREPOSITIONS and before not in SOURCE_PREPOSITIONS or (
            toks[-2][2] in MESSAGE_NOUNS):
        return None  # whom it was said to ("a message to Jane Doe:", "telling Doe:"); a message's owner
    st = np_backward(toks, len(toks) - 1)
    head = speaker_head(toks, st, len(toks) - 1) if st < len(toks) - 1 else None
    if head and is_named(head[0]) and (" " in head[0] or head[0] in known):
        return head
    return None


def person_description(description: str) -> bool:
    """Whether a description names a person by a role or title ("the Florida senator", "a
    federal judge"): the subject of a sentence that weaves a quoted phrase into what that person
    did is most often its source, as a named one is."""
    head = description.rpartition(" ")[2].lower()
    return head in TITLE_WORDS or head.rstrip("s") in TITLE_WORDS


MAX_MESSAGE_GAP = 6
"""Tokens between an issued message and the participle that gives its words ("a text message to
supporters saying")."""


def message_sender(toks: list[Token], participle: int) -> Head | None:
    """Who issued the message a participle of saying gives the words of: ``Doe's campaign sent
    out a text message to supporters saying: "..."`` is the campaign's."""
    for m in range(participle - 1, max(0, participle - MAX_MESSAGE_GAP) - 1, -1):
        if toks[m][2] in ",;:.!?":
            return None
        if toks[m][2] not in MESSAGE_NOUNS:
            continue
        for v in range(m - 1, max(0, m - MAX_MESSAGE_GAP) - 1, -1):
            if toks[v][2] in ISSUING_VERBS:
                st = np_backward(toks, v)
                if 0 < st < v and toks[st - 1][2].lower() in PREPOSITIONS:
                    return None  # "The museum in Washington issued": the place is no sender
                head = subject_of(toks, v)
                return head if head and is_source(head[0]) else None
        return None
    return None


def asker(toks: list[Token]) -> Head | None:
    """Who asks the question a quote is part of: ``Asked by Jane Doe if the plan "works," Roe
    ...`` (the quote comes before the clause's comma)."""
    if not (len(toks) > 2 and toks[0][2] == "Asked" and toks[1][2] == "by") or any(t[2] == "," for t in toks):
        return None
    j = np_forward(toks, 2)
    return speaker_head(toks, 2, j) if j > 2 else None


def is_named(speaker: str) -> bool:
    """Whether a speaker is written as a name (capitalised words only)."""
    return all(w[:1].isupper() for w in speaker.split())


MAX_SPEECH_LINKS = 3
"""Words between a noun of speech and its quote ("call for a "revolution"")."""


def possessive_speech(toks: list[Token]) -> Head | None:
    """The name whose noun of speech introduces the quote: ``Doe's pledge to be "neutral"``,
    ``Roe's clarion call for a "revolution"`` (at most two adjectives between them), ``Doe's
    opinion that the fee is "without merit"``."""
    k = len(toks)
    while k > 0 and len(toks) - k < MAX_SPEECH_LINKS and toks[k - 1][2].lower() in SPEECH_NOUN_LINKS:
        k -= 1
    if not (k > 1 and toks[k - 1][2] in SPEECH_NOUNS):
        k = _that_clause(toks)
        if k > 2 and toks[k - 1][2] in ("is", "was"):
            k -= 1  # "Doe's chief claim is that the probe is a "witch hunt""
        if not (k > 1 and toks[k - 1][2] in SPEECH_NOUNS):
            return None
    adjacent = k == len(toks)
    k -= 1
    for _ in range(2):
        if k > 1 and toks[k - 1][2][:1].islower() and not POSSESSIVE_TAIL_RE.search(toks[k - 1][2]):
            k -= 1  # "controversial pledge", "clarion call"
    if not (k > 0 and is_cap(toks[k - 1][2]) and POSSESSIVE_TAIL_RE.search(toks[k - 1][2])):
        return None
    st = k - 1
    while st > 0 and is_cap(toks[st - 1][2]):
        st -= 1
    if adjacent and st > 0 and toks[st - 1][2].lower() in CUE_VERB_WORDS:
        return None  # the object of a verb of saying: "calling Doe's charge “pathetic”" is Roe's word
    run = toks[st:k - 1] + [unpossessed(toks[k - 1])]
    head = speaker_head(run, 0, len(run))
    return head if head and head[0][:1].isupper() else None


MAX_THAT_CLAUSE = 8
"""Tokens of a that-clause between a noun of speech and its quote ("claim that the suit is")."""


def _that_clause(toks: list[Token]) -> int:
    """The index of the "that" opening a short clause up to the end of ``toks`` with no verb of
    saying or sentence mark in it ("opinion that the fee is"), else -1."""
    for k in range(len(toks) - 1, max(0, len(toks) - MAX_THAT_CLAUSE) - 1, -1):
        word = toks[k][2]
        if word == "that":
            return k
        if word in ",;:.!?()" or word.lower() in CUE_VERB_WORDS:
            break
    return -1


def poll_of_share(toks: list[Token], head: Head, verb: int) -> Head | None:
    """The poll the sentence names before a verb whose subject is a share of those asked ("In a
    September poll, 75 percent of Republicans said ..."): the poll reports what they said."""
    if "percent" not in head[0].split():
        return None
    for k in range(verb - 1, 0, -1):
        if toks[k][2] in POLL_NOUNS and (st := np_backward(toks, k + 1)) <= k and (
                found := speaker_head(toks, st, k + 1)):
            return found
    return None

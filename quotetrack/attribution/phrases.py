"""Noun phrases and subjects: who a stretch of tokens names as a speaker.

A noun phrase is found forwards (``np_forward``, after a verb: ``said a senior aide``) or
backwards (``np_backward``, before it: ``a senior aide said``); ``speaker_head`` reads the
speaker it names: a pronoun, a name ("Civic Watch President Tom Fenwick" -> "Tom Fenwick"), or
a description ("a senior aide" -> "senior aide").
"""

from __future__ import annotations

import re
from collections.abc import Container
from functools import lru_cache

from ..names import NAME_PARTICLES, NOT_NAMES, TITLE_WORDS, is_name, strip_title
from .labels import PARTY_TAG_RE, is_source
from .lexicon import (
    ADJECTIVE_ENDINGS,
    ADJECTIVE_LIKE_NOUNS,
    GIVEN_NAME_HOMOGRAPHS,
    INDEFINITE_SPEAKERS,
    INTRODUCTORY_WORDS,
    MESSAGE_NOUNS,
    NAME_SUFFIXES,
    NP_BREAKERS,
    NP_DETERMINERS,
    ORGANISATION_WORDS,
    PAST_FORMS,
    PREPOSITIONS,
    QUALIFYING_LINKS,
    REPORTING_LEMMA_SET,
    REPORTING_VERBS,
    SENTENCE_ABBREVIATIONS,
    SENTENCE_ADVERBS,
    SPEAKER_PRONOUNS,
    TIME_FILLERS,
    TITLE_SMALL_WORDS,
    WEEKDAYS,
)
from .tokens import POSSESSIVE_TAIL_RE, Token, is_cap, is_word, unpossessed

Head = tuple[str, int]
"""A speaker as written (name, description or pronoun) and the offset where it is written."""

MAX_NP_TOKENS = 9
MAX_APPOSITIVE_TOKENS = 28
MAX_DESCRIPTION_WORDS = 4
MAX_ASIDES = 4
"""Commas read back over asides between a subject and its verb ("Jane Doe, 70, a former aide, said")."""
MAX_INTRODUCTIONS = 3
"""Introductory phrases skipped before a sentence's subject ("On Monday, after the vote, Doe ...")."""

# A capitalised word after a lower-case letter or a comma, or after a courtesy title: not a
# sentence opener. The word runs over letters, digits, hyphens and apostrophes, up to a
# possessive ('s). Speed: both patterns open with a literal (the space, the title's ". "), which
# the regex engine finds in C, and check what stands before it by look-behind (a pattern that
# opens with a look-around is tried at every position of the text); the word is matched greedily,
# each apostrophe checked once, rather than lazily with a look-ahead at every letter.
CAPITALISED_WORD = r"([A-Z][\w\-]*(?:['’](?!s\b)[\w\-]*)*)"
KNOWN_CAPITAL_RE = re.compile(r" (?<=[a-z,] )" + CAPITALISED_WORD)
COURTESY_TITLES = ("Mr", "Ms", "Mrs", "Dr")
"""Two letters long but "Mrs" (``_after_courtesy_titles`` counts on it)."""
KNOWN_AFTER_TITLE_RE = re.compile(r"\. (?:" + "|".join(rf"(?<=(?<!\w){t}\. )" for t in COURTESY_TITLES)
                                  + ")" + CAPITALISED_WORD)


@lru_cache(maxsize=100_000)
def np_word(tok: str, first: bool) -> bool:
    """Whether ``tok`` may stand inside a speaker's noun phrase."""
    if not is_word(tok):
        return False
    low = tok.lower()
    if len(tok) > 1 and tok.isupper():
        return True  # an initialism (US, CNN), never a function word
    if is_cap(tok):
        # A capitalised function word opens a sentence ("But", "When"), it does not name anyone.
        return not (low in NP_BREAKERS and low not in REPORTING_VERBS) or (not first and low in NAME_PARTICLES)
    return low not in NP_BREAKERS and not low.endswith("ly") and low not in PAST_FORMS or low in NAME_PARTICLES


def title_of(toks: list[Token], k: int) -> bool:
    """Whether toks[k] is the "of" of a title written out ("Secretary of State Marco Rubio")."""
    return (toks[k][2] == "of" and 0 < k < len(toks) - 1 and is_cap(toks[k - 1][2])
            and toks[k - 1][2].lower().rstrip(".") in TITLE_WORDS and is_cap(toks[k + 1][2]))


def np_forward(toks: list[Token], i: int) -> int:
    """End index (exclusive) of the noun phrase starting at ``i`` (i itself when there is none)."""
    if i < len(toks) and toks[i][2].lower() in SPEAKER_PRONOUNS:
        return i + 1
    j = i
    if j < len(toks) and toks[j][2].lower() in NP_DETERMINERS:
        j += 1
    while j < len(toks) and j - i < MAX_NP_TOKENS and (np_word(toks[j][2], j == i) or title_of(toks, j)
                                                         or j > i and toks[j][2] in MESSAGE_NOUNS
                                                         or _given_homograph(toks, j)
                                                         or _day_modifier(toks, i, j)):
        if toks[j][2] in MESSAGE_NOUNS:
            j += 1
            break  # "the email said", "a report for the group noted": the noun heads the phrase
        if j > i and toks[j][2] in TIME_FILLERS and is_cap(toks[j - 1][2]):
            break  # "Jane Doe last week said": a name, then when
        if j > i and toks[j][2] in NP_DETERMINERS:
            break  # a second determiner starts another phrase: "Walter Hewlett led the ..."
        if j > i and toks[j][2].endswith("ed") and toks[j][2][:1].islower() and (
                is_cap(toks[j - 1][2]) or j - i >= 2):
            break  # a noun and then a past-tense verb: "Doe celebrated", "the governor greeted"
        j += 1
    if any(is_word(t[2]) and t[2].lower() not in NP_DETERMINERS for t in toks[i:j]):
        return j
    # an indefinite pronoun standing alone ("tweeted another", "Another wrote")
    # ("some of her memos" is a partitive, not a speaker)
    return i + 1 if j == i + 1 and toks[i][2].lower() in INDEFINITE_SPEAKERS and (
        j >= len(toks) or toks[j][2] != "of") else i


def _day_modifier(toks: list[Token], i: int, j: int) -> bool:
    """Whether toks[j] is a weekday modifying a noun after a determiner ("a Wednesday editorial")."""
    return (j > i and toks[i][2].lower() in NP_DETERMINERS and toks[j][2] in WEEKDAYS and j + 1 < len(toks)
            and toks[j + 1][2][:1].islower() and np_word(toks[j + 1][2], False))


def _given_homograph(toks: list[Token], k: int) -> bool:
    """Whether toks[k] is a given name spelt like a function word, before a surname ("Will Doyle")."""
    if not (toks[k][2] in GIVEN_NAME_HOMOGRAPHS and k + 1 < len(toks)):
        return False
    nxt = toks[k + 1][2]
    if nxt in REPORTING_VERBS and nxt not in REPORTING_LEMMA_SET and not nxt.endswith("ing"):
        return True  # "Will wrote": a modal takes a bare verb, so this is a surname
    if not (is_cap(nxt) and np_word(nxt, False)):
        return False
    # opening a sentence it may be the verb of a question ("Will Congress act?"): only a
    # comma or a verb of saying after the surname makes it a name
    return k > 0 or k + 2 < len(toks) and (toks[k + 2][2] == "," or toks[k + 2][2] in REPORTING_VERBS)


def np_backward(toks: list[Token], end: int) -> int:
    """Start index of the noun phrase that ends just before ``end`` (end itself when there is none)."""
    if end > 0 and toks[end - 1][2].lower() in SPEAKER_PRONOUNS:
        return end - 1
    j = end
    if j > 1 and toks[j - 1][2] in MESSAGE_NOUNS and (
            toks[j - 2][2].lower() in NP_DETERMINERS or np_word(toks[j - 2][2], False)):
        j -= 1  # "the email said", "a new report found"
    while j > 0 and end - j < MAX_NP_TOKENS and (np_word(toks[j - 1][2], False) or title_of(toks, j - 1)
                                                 or _given_homograph(toks, j - 1)):
        j -= 1
        if toks[j][2].lower() in NP_DETERMINERS and toks[j][2][:1].islower():
            return j
    if j > 0 and toks[j - 1][2].lower() in NP_DETERMINERS:
        j -= 1
    return j


def speaker_head(toks: list[Token], i: int, j: int) -> Head | None:
    """The speaker named by the noun phrase toks[i:j]: a pronoun, the last name in it when it ends
    in a name ("Civic Watch President Tom Fenwick" -> "Tom Fenwick"), else the description
    without its determiner ("a senior aide" -> "senior aide")."""
    words = [t for t in toks[i:j] if is_word(t[2])]
    if not words:
        return None
    if len(words) == 1 and words[0][2].lower() in INDEFINITE_SPEAKERS:
        return words[0][2].lower(), words[0][0]  # "another wrote": one more of those just named
    if len(words) == 1 and words[0][2].lower() in SPEAKER_PRONOUNS:
        return words[0][2].lower(), words[0][0]
    if POSSESSIVE_TAIL_RE.search(words[-1][2]) and words[-1][2][-1:] in "s’'":
        return None  # "Mr. Hale's ...": a possessive modifies a head noun cut off after it
    if len(words) > 2 and words[-1][2].rstrip(".") in NAME_SUFFIXES and is_cap(words[-2][2]):
        words = words[:-1]  # "Brent Bozell III", "John Doe Jr.": the name without its suffix
    if is_cap(words[-1][2]):
        k = len(words) - 1
        while k > 0 and (is_cap(words[k - 1][2]) or words[k - 1][2] in NAME_PARTICLES
                         or title_of(words, k - 1)):
            k -= 1
        raw = " ".join(w[2] for w in words[k:])
        name = name_in(raw)
        if name and (is_name(name) or is_acronym(name)):
            first = name.split()[0]
            at = next((w[0] for w in words[k:] if w[2].startswith(first)), words[k][0])
            return name, at
        if name:
            return None
    if words[-1][2] in MESSAGE_NOUNS and len(words) > 1 and is_cap(words[-2][2]):
        # a message speaks for whoever the name before it names ("a Budget Office report",
        # "Reid's statement")
        k = len(words) - 1
        while k > 0 and is_cap(words[k - 1][2]) and (
                k == len(words) - 1 or not POSSESSIVE_TAIL_RE.search(words[k - 1][2])):
            k -= 1  # (only the word right before the noun may be possessive: "Reid's statement")
        owner = POSSESSIVE_TAIL_RE.sub("", " ".join(w[2] for w in words[k:-1]))
        if owner and is_source(owner) and (is_name(name_in(owner)) or is_acronym(owner)):
            return name_in(owner), words[k][0]
    determined = words[0][2].lower() in NP_DETERMINERS
    while words and (words[0][2].lower() in NP_DETERMINERS or words[0][2].lower() in NOT_NAMES):
        words = words[1:]
    if words and words[-1][2][:1].islower() and _adjective(words[-1][2].lower()):
        return None  # "the two lengthy investigative (reports)": cut before its noun
    while len(words) > 1 and not _description_head(words[-1][2]) and words[-1][2][:1].islower():
        words = words[:-1]  # "a source involved in ...", "officials familiar with ..."
    words = words[-MAX_DESCRIPTION_WORDS:]
    if not words or not _description_head(words[-1][2]):
        return None
    if not determined and len(words) == 1 and not words[-1][2].endswith("s"):
        return None  # a bare singular noun ("interview said") is not a subject; "officials said" is
    return " ".join(w[2] for w in words), words[0][0]


def name_in(raw: str) -> str:
    """The name a capitalised run gives: a person's without the titles before it ("Russian
    President Vladimir Putin" -> "Vladimir Putin"); a body's whole ("the State Department", "the
    Democratic National Committee": the title lexicon's "State" or "National" open no name)."""
    name = strip_title(raw)
    if " " not in name and name in ORGANISATION_WORDS and " " in raw:
        name = " ".join(w for w in raw.split() if w.lower() not in NP_DETERMINERS)
    return name


def _description_head(word: str) -> bool:
    """Whether a word can head a description of a speaker (a noun, not a participle or number)."""
    low = word.lower()
    return word in MESSAGE_NOUNS or (
        not word[:1].isupper() and low.isascii() and not low.endswith(("ed", "ing", "ly"))
        and any(ch.isalpha() for ch in low) and low not in NP_BREAKERS and not _adjective(low))


ADJECTIVE_PREFIXES = ("anti-", "pro-", "non-", "over-", "post-", "pre-")
"""Prefixes that make a hyphenated word an adjective before its noun ("anti-Muslim remarks",
"over-the-top comments", "post-primary salvo")."""


@lru_cache(maxsize=16_384)
def _adjective(low: str) -> bool:
    """Whether a lower-case word is an adjective, which heads no description: a phrase that ends
    in one was cut before its noun ("the racial remarks" is no "racial" who remarks)."""
    if low.startswith(ADJECTIVE_PREFIXES) and "-" in low:
        return True
    return (low.endswith(ADJECTIVE_ENDINGS) and low not in ADJECTIVE_LIKE_NOUNS and low not in TITLE_WORDS
            and low.rstrip("s") not in TITLE_WORDS and low.capitalize() not in ORGANISATION_WORDS)


def is_acronym(name: str) -> bool:
    """An organisation written in capitals (CNN, NBC, MWW)."""
    return " " not in name and 2 <= len(name) <= 6 and name.isupper() and name.isalpha()

def _plural(np: list[Token]) -> bool:
    """Whether a subject takes a bare verb: I, we, they, you, or a plural noun or a pair."""
    words = [t[2] for t in np if is_word(t[2])]
    if not words:
        return False
    last = words[-1].lower()
    return last in ("i", "we", "they", "you") or "and" in words or (
        last.endswith("s") and not last.endswith("ss"))


def subject_of(toks: list[Token], verb: int) -> Head | None:
    """The speaker written before a reporting verb: ``Putin has stated``, ``a spokesman for the
    campaign said``, ``Clinton, speaking to reporters, said``, ``J.J. Doe, editor of The Paper, a
    weekly, wrote``."""
    j = verb
    while j > 0 and (toks[j - 1][2].lower() in TIME_FILLERS or toks[j - 1][2].endswith("ly")
                     and toks[j - 1][2][:1].islower()):
        j -= 1
    if j > 2 and PARTY_TAG_RE.match(toks[j - 1][2]) and toks[j - 2][2] == ",":
        j -= 2  # "Sen. Jane Doe, R-Texas, said" (an aside the relative clause after it left alone)
    if j > 1 and toks[j - 1][2] == "who" and toks[j - 2][2] == ",":
        # "even from Mayor Jane Doe, who said “...”": the person the relative clause is about
        # speaks ("a candidate who promised ..." without the comma only narrows the phrase)
        st = np_backward(toks, j - 2)
        if st < j - 2 and (head := speaker_head(toks, st, j - 2)) and _named(head[0]):
            return head
    bare = toks[verb][2] in REPORTING_LEMMA_SET and j == verb
    if not (j > 0 and toks[j - 1][2] == ","):
        return np_subject(toks, j, bare)
    # Asides between commas: the speaker is the earliest name before one of the commas, else the
    # earliest description ("Jane Doe, 70, a former aide, said"); the object of a preposition
    # cannot be it ("In a letter to the Times, her lawyer, John Roe, wrote").
    ends: list[int] = []
    k = j - 1
    while k > 0 and len(ends) < MAX_ASIDES and j - k < MAX_APPOSITIVE_TOKENS * MAX_ASIDES:
        if toks[k][2] == ",":
            ends.append(k)
        elif toks[k][2] in ".;:!?\"“”" and not (toks[k][2] == "." and (
                toks[k - 1][2] in SENTENCE_ABBREVIATIONS or toks[k + 1][2] == ",")):
            break  # (the full stop of "the No. 3 Democrat" or of "Peoria, Ill.," ends no sentence)
        k -= 1
    heads = [h for e in reversed(ends) if (h := np_subject(toks, e, False, aside=True)) and is_source(h[0])
             and not _state_after_place(toks, e)]
    # a name first ("Ohio's attorney general, John Doe, said": Doe), then anything capitalised
    return next((h for h in heads if _named(h[0])),
                next((h for h in heads if h[0][:1].isupper()), heads[0] if heads else None))


MAX_STATE_LETTERS = 5
"""A state written after its town is short: a postal code ("OH") or an abbreviation ("Calif")."""


def _state_after_place(toks: list[Token], end: int) -> bool:
    """Whether the aside ending at toks[end] (a comma) is one short word after a capitalised word
    and its comma, as a state follows its town ("in Berea, OH, after ..."): a place, no speaker."""
    return (end >= 3 and toks[end - 2][2] == "," and is_cap(toks[end - 3][2])
            and len(toks[end - 1][2].rstrip(".")) <= MAX_STATE_LETTERS and is_cap(toks[end - 1][2]))


def _named(speaker: str) -> bool:
    """Whether a speaker is written as a name: capitalised words (and name particles) only."""
    return speaker[:1].isupper() and all(w[:1].isupper() or w in NAME_PARTICLES for w in speaker.split())


def np_subject(toks: list[Token], j: int, bare: bool,
                aside: bool = False) -> Head | None:
    st = np_backward(toks, j)
    if st == j:
        return None
    if POSSESSIVE_TAIL_RE.search(toks[j - 1][2]):
        # "Trump's remarks" is a noun phrase, not a clause; but in "Doe's claim that ...", the
        # possessor is the one who claims
        if j + 1 < len(toks) and toks[j + 1][2] == "that":
            return speaker_head(toks[:j - 1] + [unpossessed(toks[j - 1])], st, j)
        return None
    if bare and not _plural(toks[st:j]):
        return None  # "a wake-up call", "her recovered memo": a noun, not a verb after its subject
    if st > 1 and toks[st - 1][2] in QUALIFYING_LINKS:
        # "a spokesman for Platte River said": the speaker is the phrase before the preposition
        st2 = np_backward(toks, st - 1)
        if st2 < st - 1 and (head := speaker_head(toks, st2, st - 1)):
            if head[0][:1].isupper() or head[0] in SPEAKER_PRONOUNS:
                return head
            # a description keeps its qualifier: "senator from Maine", "spokesman for the campaign"
            tail = " ".join(t[2] for t in toks[st - 1:j] if is_word(t[2]))
            return f"{head[0]} {tail}", head[1]
    if aside and st > 0 and toks[st - 1][2].lower() in PREPOSITIONS:
        return None  # the object of a preposition ("catering to local farmers,") is not a subject
    head = speaker_head(toks, st, j)
    if not aside and (head is None or not head[0][:1].isupper()):
        # a relative clause without commas: "an official who spoke anonymously to discuss it said"
        for k in range(st - 1, max(-1, st - MAX_APPOSITIVE_TOKENS), -1):
            if toks[k][2] in ",.;:!?":
                break
            if toks[k][2] == "who" and (st2 := np_backward(toks, k)) < k:
                return speaker_head(toks, st2, k) or head
    return head


def title_like(quoted: str) -> bool:
    """Whether quoted words look like a title (every word capitalised but the small ones)."""
    words = re.findall(r"[^\W_][\w'’\-]*", quoted)
    return bool(words) and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in TITLE_SMALL_WORDS
                               for w in words)


def sentence_subject(toks: list[Token], known: Container[str],
                      descriptions: bool = False) -> Head | None:
    """The subject that opens a sentence, past introductory phrases ("On Monday, after the vote,
    Jane Doe ..."): a name, a pronoun, or (when ``descriptions``) a description with an article."""
    i = 0
    for _ in range(MAX_INTRODUCTIONS):
        if i >= len(toks):
            break
        word = toks[i][2]
        k = i
        while k < len(toks) and toks[k][2].lower() in SENTENCE_ADVERBS:
            k += 1
        if k > i and k < len(toks) and is_cap(toks[k][2]):
            i = k  # "And then Doe went on the attack, saying": words, not a phrase up to a comma
        elif word.lower() in INTRODUCTORY_WORDS or (
                word.lower().endswith(("ing", "ed")) and POSSESSIVE_TAIL_RE.sub("", word) not in known):
            # "Asked about it, Doe ..." ("Husted", "Reed" are names the article also writes mid-sentence)
            i = next((k + 1 for k in range(i, len(toks)) if toks[k][2] == ","), len(toks))
            i = _past_state(toks, i)
        elif (i + 1 < len(toks) and toks[i + 1][2] == "," and is_cap(word) and not word.isupper()
              and word not in known):
            i += 2  # a sentence adverb of its own ("First, Doe attacked ..."), not a name
    # A name run opening the sentence ("Ann Fields kept vowing ..."), else its noun phrase
    # ("Band member Flea shared ...", "A Chinese official responded ...").
    run = i
    while run < len(toks) and (is_cap(toks[run][2]) or run > i and (toks[run][2] in NAME_PARTICLES
                                                                      or title_of(toks, run))):
        run += 1
    run = _past_role(toks, run) if run > i else run
    determined = i < len(toks) and toks[i][2].lower() in NP_DETERMINERS
    if run > i and POSSESSIVE_TAIL_RE.search(toks[run - 1][2]):
        run = i  # "Mr. Hale's remarks were ...": the name is not the subject
    head = speaker_head(toks, i, run) if run - i >= 2 and not determined else None
    if head is None or not head[0][:1].isupper():
        j = np_forward(toks, i)
        head = speaker_head(toks, i, j) if j > i else None
    if run > i and (head is None or head[0][:1].isupper() and any(
            w[:1].islower() and w not in NAME_PARTICLES for w in head[0].split())):
        head = speaker_head(toks, i, run)  # "Doe went on the attack": the name, not "Doe went"
    if head is None:
        return None
    name = head[0]
    if not is_source(name) and (comma := next((k for k in range(i, len(toks)) if toks[k][2] == ","), None)):
        # a time phrase opening the sentence ("The next day, he clarified ..."): the subject follows
        return sentence_subject(toks[comma + 1:], known, descriptions)
    if name in SPEAKER_PRONOUNS:
        return head
    if not name[:1].isupper():
        return head if descriptions and determined else None
    # One capitalised word at a sentence start may be any word ("Earlier", "Amid"); it names
    # someone only when the article also capitalises it mid-sentence.
    return head if " " in name or name in known else None


MAX_ROLE_WORDS = 3
"""Lower-case words of a role between two capitalised runs ("Republican presidential hopeful")."""


def _past_role(toks: list[Token], run: int) -> int:
    """The end of a name run that a lower-case role continues into a name ("Former Republican
    presidential candidate Jeb Doe", "Texas GOP chairman Tom Roe"): the name after the role."""
    k = run
    while k < len(toks) and k - run < MAX_ROLE_WORDS and toks[k][2][:1].islower() and (
            toks[k][2] in TITLE_WORDS or _adjective(toks[k][2])):
        k += 1
    if k == run or not (k < len(toks) and is_cap(toks[k][2])):
        return run
    while k < len(toks) and (is_cap(toks[k][2]) or toks[k][2] in NAME_PARTICLES):
        k += 1
    return k


PLACE_PREPOSITIONS = frozenset(["in", "near", "outside", "from"])
"""Prepositions before a town that a state may follow ("in Aspen, Colo.,")."""


def _past_state(toks: list[Token], i: int) -> int:
    """The index past a state (or country) that follows its town after an introductory phrase:
    in "In Aspen, Colo., the graduate ..." or "Speaking in Salem, New Hampshire, Doe ..." the
    subject comes after it."""
    if not (i >= 3 and toks[i - 3][2].lower() in PLACE_PREPOSITIONS and is_cap(toks[i - 2][2])
            and is_source(toks[i - 2][2])):
        return i  # a town after "in" ("in Aspen,"), not a day ("On Monday, Jane Doe, the mayor,")
    k = i
    while k < len(toks) and k - i < 3 and is_cap(toks[k][2]):
        k += 1
    if k < len(toks) and toks[k][2] == "." and k + 1 < len(toks) and toks[k + 1][2] == ",":
        k += 1  # "Calif.,"
    return k + 1 if i < k < len(toks) and toks[k][2] == "," and k + 1 < len(toks) else i


def known_capitals(text: str) -> frozenset[str]:
    """Capitalised words the article writes mid-sentence (after a lower-case word or a comma):
    names, as opposed to words capitalised only because they open a sentence."""
    # the first line is the headline, often in title case (the search starts at its line end,
    # so KNOWN_CAPITAL_RE's leading space is never cut off)
    body = max(text.find("\n"), 0)
    return frozenset(KNOWN_CAPITAL_RE.findall(text, body)) | frozenset(_after_courtesy_titles(text, body))


def _after_courtesy_titles(text: str, pos: int) -> list[str]:
    """The words after a courtesy title ("Mr. Doe") from ``pos`` on, read left to right as one
    match from the title to its word, so a title that is itself the word after another title
    ("Mr. Mr. Doe") introduces nothing."""
    words = []
    end = pos
    for m in KNOWN_AFTER_TITLE_RE.finditer(text, pos):
        title_start = m.start() - (3 if text.startswith("Mrs", m.start() - 3) else 2)
        if title_start >= end:
            words.append(m.group(1))
            end = m.end()
    return words


class KnownCapitals:
    """An article's ``known_capitals``, worked out on the first question: about half the
    articles with quotes never ask."""

    __slots__ = ("text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: frozenset[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self.words is None:
            self.words = known_capitals(self.text)
        return word in self.words

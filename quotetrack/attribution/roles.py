"""Roles: a description resolved to the person the article introduces with that role.

An article introduces people with their role: before the name ("Texas Gov. Dale Ruffin", "talk
show host Ann Lee", "Chief Justice Paul A. Grange Jr."), or in an appositive after it ("Tom
Roe, Doe's attorney,", "John Doe, the mayor of Springfield,") or before it ("Ohio's
attorney general, Jane Roe,"). A speaker written as a description ("the governor", "Stone's
attorney", "the chief justice") is that person when one person has that role in the article (or,
when several do, the one whose role words the description shares: "the chief justice" among the
justices). A description no one is introduced with, one that introduces someone ("a senior
aide"), or one that several people fit equally ("the senator" in an article with two senators)
stays a description: which of them is meant is a guess.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..names import TITLE_WORDS
from .lexicon import (
    MESSAGE_NOUNS,
    NP_BREAKERS,
    NP_DETERMINERS,
    NP_LINKS,
    ORGANISATION_WORDS,
    PREPOSITIONS,
    REPORTING_VERBS,
    forms_table,
    word_set,
)
from .mentions import TITLE_MODIFIERS, Mention, NameRuns
from .tokens import POSSESSIVE_TAIL_RE, indefinite_before

ROLE_ABBREVIATIONS = {short: full for short, (full,) in forms_table("role_abbreviations").items()}
ROLE_SYNONYMS = {word: line[0] for key, rest in forms_table("role_synonyms").items()
                 for line in [(key, *rest)] for word in line}
ROLE_NOUNS = word_set("role_nouns") | frozenset(ROLE_ABBREVIATIONS.values())
COURTESY_TITLES = frozenset(["mr", "mrs", "ms", "dr", "miss"])
"""Titles that say nothing of a role."""
ROLE_WORDS = (ROLE_NOUNS | TITLE_WORDS | frozenset(ROLE_ABBREVIATIONS)) - COURTESY_TITLES
"""Every word a role can end in, in lower case (a quick test before reading the words before a name)."""
ROLE_HEADS = ROLE_NOUNS | (TITLE_WORDS - COURTESY_TITLES - TITLE_MODIFIERS)
"""The words a role's head can be (``role_key`` of its last word, as ``_is_role`` reads it)."""
RANK_WORDS = word_set("rank_words")
STOP_WORDS = NP_BREAKERS | NP_DETERMINERS | PREPOSITIONS | REPORTING_VERBS
"""Words a premodifier's role never reaches past."""
ROLE_WINDOW = 60
"""Characters read before and after a name for its role."""
MAX_ROLE_WORDS = 6
MAX_HOLDERS = 50
"""Introductions of one role weighed for a description (the last ones): bounds the work on any input."""
OWNER_RE = re.compile(r"((?:[A-Z][\w.&'’\-]*[ \u00a0]){1,5})$")
"""The capitalised name right before a message ("Budget Office report")."""
ROLE_WORD_RE = re.compile(r"[A-Za-z][\w.’'\-]*")
PREMODIFIER_WORD_RE = re.compile(r"[A-Za-z][\w’'\-]*\.?")
"""A word that may stand in a premodifier right before a name."""
APPOSITIVE_AFTER_RE = re.compile(r"^,\s+((?:the |a |an )?[^,.;:“”\"()]{2,80}?)(?:,|\.|;| said| says)")
APPOSITIVE_BREAKS = re.compile(r"[.,;\n]")
APPOSITIVE_STOPS = frozenset(":“”\"()")
Holder = tuple[int, frozenset[str], str]
"""Someone introduced with a role: (where, the role's words folded by ``role_key``, the person's
fullest form)."""


def role_key(word: str) -> str:
    """A role noun as matched: lower case, without its possessive or full stop, abbreviations
    expanded ("Gov." -> "governor") and synonyms folded ("congresswoman" -> "representative")."""
    low = POSSESSIVE_TAIL_RE.sub("", word).lower().rstrip(".")
    low = ROLE_ABBREVIATIONS.get(low, low)
    return ROLE_SYNONYMS.get(low, low)


def _role_words(phrase: str) -> list[str]:
    """The words of a role phrase up to its first link ("governor of Texas" -> governor)."""
    words = []
    for w in ROLE_WORD_RE.findall(phrase):
        if w.lower() in NP_LINKS or w.lower() in ("and", "who", "which"):
            break
        if w.lower() not in NP_DETERMINERS:
            words.append(w)
    return words[-MAX_ROLE_WORDS:]


class Roles:
    """The roles an article introduces its people with. Speed: read one role at a time, when a
    description first asks for it, and only around the places the text writes that role's word
    (most articles ask for one or two roles, and write each a few times)."""

    __slots__ = ("canonical", "holders", "placed", "runs", "text")

    def __init__(self, text: str, runs: NameRuns) -> None:
        self.text, self.runs = text, runs
        self.canonical: dict[str, str] = {}
        self.holders: dict[str, list[Holder]] = {}
        """Role head -> the people introduced with it, in text order (``_holders``)."""
        self.placed: list[tuple[int, int, Mention]] | None = None
        """The article's mentions placed in the text (start, end, mention), read on the first role."""

    def person(self, description: str, at: int, canonical: dict[str, str]) -> str | None:
        """The person ``description`` stands for at ``at``, or None when no one, or more than
        one person whose role words it shares equally, has that role."""
        if indefinite_before(self.text, at):
            return None  # "a senior aide", "one former executive": someone the article leaves unnamed
        words = _role_words(description)
        if not words or description.split()[-1].endswith("s") and not description.endswith("ss"):
            return None  # no role, or a plural ("officials"): not one person
        while len(words) > 1 and words[-1].lower() in TITLE_MODIFIERS:
            words.pop()  # "The president first stepped in": the chunker took the adverb along
        self.canonical = canonical
        head = _head_of(words)
        modifiers = {role_key(w) for w in words[:-1]}
        # a place or a body before the role must be the holder's ("the Maine senator")
        named = {role_key(w) for w in words[:-1] if w[:1].isupper()}
        # "the report" points back to a report introduced before it; a later one is another
        found = [h for h in self._holders(head)[-MAX_HOLDERS:] if named <= h[1]
                 and (head not in MESSAGE_NOUNS or h[0] < at)]
        people = {h[2] for h in found}
        if len(people) > 1:
            # the one whose role words the description shares ("the chief justice" among the
            # justices); when that leaves several, which one is a guess: the description stays
            people = {h[2] for h in found if modifiers <= h[1]}
        return next(iter(people)) if len(people) == 1 else None

    def _holders(self, head: str) -> list[Holder]:
        """The people the article introduces with the role ``head``, in text order: the
        introductions read around each place the text writes the role's word, then the owners
        of a message ("a Budget Office report": "the report" is the Budget Office's)."""
        if (found := self.holders.get(head)) is not None:
            return found
        found = self.holders[head] = []
        last = head.rpartition(" ")[2]
        if last in ROLE_HEADS:
            if self.placed is None:
                self.placed = [(at + m.start, at + m.end, m) for at, ms in self.runs for m in ms]
            for k in _near(self.placed, [m.start() for m in _written_re(last).finditer(self.text)]):
                found += [(at, words, full) for role, at, words, full in self._introductions(*self.placed[k])
                          if role == head]
        if head in MESSAGE_NOUNS:
            found += self._owners(head)
        return found

    def _introductions(self, start: int, end: int, m: Mention) -> list[tuple[str, int, frozenset[str], str]]:
        """The roles a mention at ``start:end`` is introduced with: (role head, where, the role's
        words, the person's fullest form) for a premodifier, an appositive after it and one
        before it."""
        text = self.text
        full = self.canonical.get(m.name.lower()) or m.name
        if full.split()[-1] in ORGANISATION_WORDS:
            return []  # (a role introduces a person, not "the Washington Post")
        window = text[max(0, start - ROLE_WINDOW):start]
        # speed: a premodifier ends in a role word, an appositive after opens with a comma
        last = window[max(window.rfind(" ", 0, len(window) - 1), window.rfind("\n")) + 1:].strip()
        pre = _premodifier_words(_premodifier(window)) if last.lower().rstrip(".") in ROLE_WORDS else []
        if " " not in full:
            # a surname alone takes a title before it ("President Obama"), nothing else
            found = [pre]
        else:
            # ("Mayor Jane Doe's endorsement": a premodifier, but no appositive)
            after = None if m.possessive or text[end:end + 1] != "," else APPOSITIVE_AFTER_RE.match(
                text[end:end + ROLE_WINDOW * 2])
            before = "" if m.possessive else _appositive_before(window)
            found = [pre, _role_words(after.group(1)) if after else [], _role_words(before)]
        return [(_head_of(words), start, frozenset(map(role_key, words)), full) for words in found if _is_role(words)]

    def _owners(self, noun: str) -> list[Holder]:
        """Who each message ``noun`` the article writes belongs to: the capitalised name right
        before it ("a Budget Office report" ... "the report said": the Budget Office)."""
        found: list[Holder] = []
        text = self.text
        for message in _word_re(noun).finditer(text):
            owner_run = OWNER_RE.search(text, max(0, message.start() - ROLE_WINDOW), message.start())
            if owner_run is None:
                continue
            owner = " ".join(w for w in owner_run.group(1).split() if w.lower() not in NP_DETERMINERS)
            # (no sentence ends inside it: "... at State University. The letter")
            if owner and not re.search(r"[a-z]\.", owner_run.group(1)):
                found.append((owner_run.start(), frozenset(), owner))
        return found


def _near(placed: list[tuple[int, int, Mention]], spots: list[int]) -> list[int]:
    """The indices of the mentions a role word at one of ``spots`` can introduce: it stands in
    the window before the mention (a premodifier, an appositive before) or in the stretch after
    it (an appositive after), in text order."""
    if not spots:
        return []
    starts = [p[0] for p in placed]
    ends = [p[1] for p in placed]
    near: set[int] = set()
    for spot in spots:
        near.update(range(bisect.bisect_right(starts, spot), bisect.bisect_right(starts, spot + ROLE_WINDOW)))
        near.update(range(bisect.bisect_right(ends, spot - ROLE_WINDOW * 2), bisect.bisect_right(ends, spot)))
    return sorted(near)


@lru_cache(maxsize=1024)
def _written_re(head: str) -> re.Pattern[str]:
    """Where the text may write a word that ``role_key`` reads as ``head`` (its abbreviations and
    synonyms too), in any case: every place such a word starts is found (overlapping matches;
    places inside longer words, "presidential", too, which the rules read and drop)."""
    forms = sorted({head} | {w for w in (*ROLE_ABBREVIATIONS, *ROLE_SYNONYMS) if role_key(w) == head},
                   key=lambda w: (-len(w), w))
    return re.compile("(?=" + "|".join(map(re.escape, forms)) + ")", re.IGNORECASE)


@lru_cache(maxsize=256)
def _word_re(word: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(word)}\b")


def _head_of(words: list[str]) -> str:
    """The role noun of a role's words, with the word before it when that word only ranks it
    ("vice president", "deputy director"): a vice president is no president."""
    head = role_key(words[-1])
    if len(words) > 1 and role_key(words[-2]) in RANK_WORDS:
        return f"{role_key(words[-2])} {head}"
    return head


def _premodifier(window: str) -> str:
    """The words right before a name, each followed by one space (up to ``MAX_ROLE_WORDS``)."""
    words: list[str] = []
    end = len(window)
    while end > 0 and window[end - 1] == " " and len(words) < MAX_ROLE_WORDS:
        start = max(window.rfind(" ", 0, end - 1), window.rfind("\n", 0, end - 1)) + 1
        word = window[start:end - 1]
        if not PREMODIFIER_WORD_RE.fullmatch(word):
            break
        words.append(word)
        end = start
    return " ".join(reversed(words))


def _appositive_before(window: str) -> str:
    """The phrase between a break and the comma right before a name ("Ohio's attorney
    general, Jane Roe"), or ""."""
    stripped = window.rstrip()
    if not stripped.endswith(","):
        return ""
    body = stripped[:-1]
    breaks = [m.end() for m in APPOSITIVE_BREAKS.finditer(body)]
    phrase = body[breaks[-1]:].strip() if breaks else (body.strip() if len(window) < ROLE_WINDOW else "")
    return phrase if 2 <= len(phrase) <= ROLE_WINDOW and not APPOSITIVE_STOPS & set(phrase) else ""


def _premodifier_words(phrase: str) -> list[str]:
    """The words of a premodifier that belong to the role, read back from the name up to a
    function word or a verb ("But President" -> President, "said radio host" -> radio host)."""
    words = phrase.split()
    k = len(words)
    while k > 0 and len(words) - k < MAX_ROLE_WORDS and words[k - 1].lower().rstrip(".") not in STOP_WORDS:
        k -= 1
    return words[k:]


def _is_role(words: list[str]) -> bool:
    """Whether words name a role: they end in a role noun or a title ("attorney", "host",
    "Gov.", "Chief Justice"), not a courtesy title ("Mr.")."""
    if not words:
        return False
    return role_key(words[-1]) in ROLE_HEADS

"""Roles: a description resolved to the person the article introduces with that role.

An article introduces people with their role: before the name ("Texas Gov. Rick Perry", "talk
show host Ann Lee", "Chief Justice John G. Roberts Jr."), or in an appositive after it ("Grant
Smith, Stone's attorney,", "John Doe, the mayor of Springfield,") or before it ("Ohio's
attorney general, Jane Roe,"). A speaker written as a description ("the governor", "Stone's
attorney", "the chief justice") is that person when one person has that role in the article (or,
when several do, the one whose role words the description shares, introduced last before the
quote). A description no one is introduced with, or one that introduces someone ("a senior aide"),
stays a description.
"""

from __future__ import annotations

import re

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
from .mentions import NameRuns
from .tokens import POSSESSIVE_TAIL_RE, indefinite_before

ROLE_ABBREVIATIONS = {short: full for short, (full,) in forms_table("role_abbreviations").items()}
ROLE_SYNONYMS = {word: line[0] for key, rest in forms_table("role_synonyms").items()
                 for line in [(key, *rest)] for word in line}
ROLE_NOUNS = word_set("role_nouns") | frozenset(ROLE_ABBREVIATIONS.values())
COURTESY_TITLES = frozenset(["mr", "mrs", "ms", "dr", "miss"])
ROLE_WORDS = (ROLE_NOUNS | TITLE_WORDS | frozenset(ROLE_ABBREVIATIONS)) - COURTESY_TITLES
"""Every word a role can end in, in lower case (a quick test before reading the words before a name)."""
"""Titles that say nothing of a role."""
RANK_WORDS = word_set("rank_words")
STOP_WORDS = NP_BREAKERS | NP_DETERMINERS | PREPOSITIONS | REPORTING_VERBS
"""Words a premodifier's role never reaches past."""
ROLE_WINDOW = 60
"""Characters read before and after a name for its role."""
MAX_ROLE_WORDS = 6
MAX_HOLDERS = 50
"""Introductions of one role weighed for a description (the last ones): bounds the work on any input."""
MESSAGE_RE = re.compile(r"\b(?:" + "|".join(sorted(MESSAGE_NOUNS)) + r")\b")
OWNER_RE = re.compile(r"((?:[A-Z][\w.&'’\-]*[ \u00a0]){1,5})$")
"""The capitalised name right before a message ("Budget Office report")."""
ROLE_WORD_RE = re.compile(r"[A-Za-z][\w.’'\-]*")
PREMODIFIER_WORD_RE = re.compile(r"[A-Za-z][\w’'\-]*\.?")
"""A word that may stand in a premodifier right before a name."""
APPOSITIVE_AFTER_RE = re.compile(r"^,\s+((?:the |a |an )?[^,.;:“”\"()]{2,80}?)(?:,|\.|;| said| says)")
APPOSITIVE_BREAKS = re.compile(r"[.,;\n]")
APPOSITIVE_STOPS = frozenset(":“”\"()")


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
    """The roles an article introduces its people with, read on the first description."""

    __slots__ = ("by_head", "entries", "entry_at", "mentions", "runs", "text")

    def __init__(self, text: str, runs: NameRuns) -> None:
        self.text, self.runs = text, runs
        self.entries: list[tuple[str, frozenset[str], str]] | None = None
        """(role head, the role's words, the person's fullest form), in text order."""
        self.entry_at: list[int] = []
        self.by_head: dict[str, list[int]] = {}
        """Role head -> the indices of its entries."""
        self.mentions: dict[str, int] = {}
        """Person -> how often the article names them."""

    def person(self, description: str, at: int, canonical: dict[str, str]) -> str | None:
        """The person ``description`` stands for at ``at``, or None when no one, or more than
        one person whose role words it shares equally, has that role."""
        if self.entries is None:
            self._read(canonical)
        if indefinite_before(self.text, at):
            return None  # "a senior aide", "one former executive": someone the article leaves unnamed
        words = _role_words(description)
        if not words or description.split()[-1].endswith("s") and not description.endswith("ss"):
            return None  # no role, or a plural ("officials"): not one person
        head = _head_of(words)
        modifiers = {role_key(w) for w in words[:-1]}
        # a place or a body before the role must be the holder's ("the Vermont senator")
        named = {role_key(w) for w in words[:-1] if w[:1].isupper()}
        entries = self.entries or []
        # "the report" points back to a report introduced before it; a later one is another
        found = [(k, entries[k]) for k in self.by_head.get(head, ())[-MAX_HOLDERS:] if named <= entries[k][1]
                 and (head not in MESSAGE_NOUNS or self.entry_at[k] < at)]
        people = {e[2] for _, e in found}
        if len(people) > 1:
            # the one whose role words the description shares, then the one the article names
            # most often, then the one introduced last before the quote
            found = [(k, e) for k, e in found if modifiers <= e[1]] or found
            most = max(self.mentions.get(e[2], 0) for _, e in found)
            found = [(k, e) for k, e in found if self.mentions.get(e[2], 0) == most]
            before = [(k, e) for k, e in found if self.entry_at[k] < at]
            found = before[-1:] if before else found
            people = {e[2] for _, e in found}
        return next(iter(people)) if len(people) == 1 else None

    def _read(self, canonical: dict[str, str]) -> None:
        self.entries = []
        text = self.text
        for at, found in self.runs:
            for m in found:
                start, end = at + m.start, at + m.end
                full = canonical.get(m.name.lower()) or m.name
                self.mentions[full] = self.mentions.get(full, 0) + 1
                if full.split()[-1] in ORGANISATION_WORDS:
                    continue  # (a role introduces a person, not "the Washington Post")
                window = text[max(0, start - ROLE_WINDOW):start]
                # speed: a premodifier ends in a role word, an appositive after opens with a comma
                last = window[max(window.rfind(" ", 0, len(window) - 1), window.rfind("\n")) + 1:].strip()
                pre = _premodifier_words(_premodifier(window)) if last.lower().rstrip(".") in ROLE_WORDS else []
                if " " not in full:
                    # a surname alone takes a title before it ("President Obama"), nothing else
                    self._add(pre, full, start)
                    continue
                # ("President Barack Obama's endorsement": a premodifier, but no appositive)
                after = None if m.possessive or text[end:end + 1] != "," else APPOSITIVE_AFTER_RE.match(
                    text[end:end + ROLE_WINDOW * 2])
                before = "" if m.possessive else _appositive_before(window)
                for words in (pre, _role_words(after.group(1)) if after else [], _role_words(before)):
                    self._add(words, full, start)
        for message in MESSAGE_RE.finditer(text):
            # "a Budget Office report" ... "the report said": its owner
            owner_run = OWNER_RE.search(text, max(0, message.start() - ROLE_WINDOW), message.start())
            if owner_run is None:
                continue
            owner = " ".join(w for w in owner_run.group(1).split() if w.lower() not in NP_DETERMINERS)
            # (no sentence ends inside it: "... at State University. The letter")
            if owner and not re.search(r"[a-z]\.", owner_run.group(1)):
                self.by_head.setdefault(message.group(), []).append(len(self.entries))
                self.entries.append((message.group(), frozenset(), owner))
                self.entry_at.append(owner_run.start())

    def _add(self, words: list[str], full: str, at: int) -> None:
        """Note that the article introduces ``full`` with the role ``words`` at ``at``."""
        if _is_role(words) and self.entries is not None:
            self.by_head.setdefault(_head_of(words), []).append(len(self.entries))
            self.entries.append((_head_of(words), frozenset(map(role_key, words)), full))
            self.entry_at.append(at)


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
    head = role_key(words[-1])
    return head not in COURTESY_TITLES and (head in ROLE_NOUNS or head in TITLE_WORDS)

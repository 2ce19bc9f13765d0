"""Antecedents: who a "he" or "she" stands for in one article, and the person the reporter's
words right after a quote credit (``Antecedents.credit_after``).

A pronoun resolves to the subject of the nearest sentence that has a named person in it, or to
the nearest named speaker heard, whose gender agrees, not to the nearest name.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Container, Sequence

from ..models import Quote
from ..names import POSSESSIVE_RE, given_name_gender
from .cues import is_verb_at
from .lexicon import (
    FILLERS,
    INVERSION_VERBS,
    NP_BREAKERS,
    NP_LINKS,
    ORGANISATION_WORDS,
    REPORTING_VERBS,
)
from .mentions import NameRuns, canonical, is_furniture
from .phrases import sentence_subject
from .tokens import (
    ALL_QUOTE_MARKS,
    CLOSING_MARKS,
    after_close,
    is_cap,
    paragraph_end,
    sentence_breaks,
    tokenize,
)

GENDERED_PRONOUNS = {"he": 1, "his": 1, "him": 1, "himself": 1, "she": -1, "her": -1, "hers": -1, "herself": -1}
"""Pronouns that tell a person's gender: +1 male, -1 female."""
SUBJECT_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you"])
MAX_WALK_BACK = 40
"""Speakers, and sentences about someone, read back from a pronoun for its antecedent: farther
back the reader has lost the thread too, and the walk stays linear on any input."""
REPORTER_AFTER_RE = re.compile(r",?\s+who\s+(?:" + "|".join(sorted(REPORTING_VERBS)) + r")\b")
"""A name that a relative clause has speak ("Scalia, who said")."""
MAX_SUBJECT_CHARS = 200
"""Characters of a sentence read for its subject."""
MAX_CREDIT_CHARS = 200
"""Characters after a quote read for its own attribution (``Antecedents.credit_after``)."""
CREDIT_BREAKERS = NP_BREAKERS - NP_LINKS
"""Words that open a clause of the reporter's own between a quote and a verb after it: the verb
is not the quote's credit."""
AFTER_QUOTE = CLOSING_MARKS + " "
MAX_INVERTED_CHARS = 60
"""Characters after an inverted verb ("...," said former tech executive Jane Doe) read for the name."""


class Antecedents:
    """Who a "he" or "she" can stand for in one article: the people the reporter introduces as
    the subject of a sentence, in the reporter's own words (not inside quotes), and the named
    speakers of the quotes attributed so far, each with where it stands. A pronoun resolves to
    the nearest of them before it whose gender agrees. The sentence subjects are read on the
    first pronoun (two in five articles with quotes have none)."""

    __slots__ = (
        "known",
        "named",
        "named_at",
        "named_before",
        "opens",
        "ends",
        "furniture",
        "people",
        "pronoun_score",
        "quote_spans",
        "roles",
        "runs",
        "starts",
        "sentences",
        "speaker_at",
        "speakers",
        "text",
        "titled",
    )

    def __init__(self, text: str, runs: NameRuns, people: dict[str, str], known: Container[str],
                 quotes: Sequence[Quote], roles: Callable[[str, int], str | None] | None = None) -> None:
        self.text, self.runs, self.people, self.known = text, runs, people, known
        self.roles = roles
        """Who a description stands for (``roles.Roles.person``): "The president said ..." is about him."""
        self.quote_spans = sorted((q.start, q.end) for q in quotes)
        self.titled = {m.name for _, found in runs for m in found if m.titled}
        self.sentences: dict[int, tuple[tuple[int, str], ...]] | None = None
        """Sentence index -> the people it names (position, fullest form), as far as read."""
        self.starts: list[int] = []
        """Where each sentence starts (``_index_sentences``)."""
        self.opens: list[int] = []
        """Where each quote opens."""
        self.ends: dict[int, int] = {}
        """Sentence index -> where the reporter's words end in it, for those that name someone."""
        self.named_before: dict[int, int] = {}
        self.furniture: dict[int, tuple[bool, int]] = {}
        """Line start -> whether the line is page furniture, and where a closing mark that no
        opening mark on the line opened stands (-1: none)."""
        """Sentence index -> the last sentence at or before it that names someone (-1: none)."""
        self.named: list[tuple[int, str, int]] = []
        """The article's names (not possessive) and where they stand, in text order."""
        self.named_at: list[int] = []
        self.speakers: list[str] = []
        self.pronoun_score: dict[str, int] = {}
        """Person -> the he/his/him less the she/her/hers of the sentences they open."""
        self.speaker_at: list[int] = []

    def person(self, name: str, introduced: bool = False) -> str | None:
        """A name's fullest form when it names a person: titled in the article ("Sen. Warren"),
        opening with a given name, or ``introduced`` as a source (an appositive or a verb of
        saying after it); never a name that ends like an organisation's or a place's."""
        full = canonical(name, self.people)
        words = full.split()
        if not words or words[-1] in ORGANISATION_WORDS:
            return None
        if name in self.titled or full in self.titled:
            return full
        if len(words) >= 2 and (introduced or given_name_gender(words[0]) is not None):
            return full
        return None

    def gender(self, full: str) -> str | None:
        """"male" or "female" as the article's own pronouns tell (``_people`` counts the
        he/his/him and she/her of each sentence a person opens), else as the given name tells."""
        score = self.pronoun_score.get(full, 0)
        if score:
            return "male" if score > 0 else "female"
        told = given_name_gender(full.split()[0])
        return told if told in ("male", "female") else None

    def heard(self, quote: Quote, speaker: str | None) -> None:
        """Note the speaker given to ``quote`` (quotes come in text order)."""
        if speaker and speaker[:1].isupper() and (found := self.person(speaker, introduced=True)):
            self.speakers.append(found)
            self.speaker_at.append(quote.start)

    def find(self, pronoun: str, at: int) -> str | None:
        """The person "he" or "she" at ``at`` stands for: the nearest before it of the named
        speakers heard and of the sentences about someone (in a sentence, the first
        person it names), whose gender agrees; None when there is none."""
        if self.sentences is None:
            self._index_sentences()
        heard: tuple[int, str] | None = None
        k = bisect.bisect_left(self.speaker_at, at) - 1
        floor = k - MAX_WALK_BACK
        while k >= 0 and k > floor and heard is None:
            if self._agrees(pronoun, self.speakers[k]):
                heard = self.speaker_at[k], self.speakers[k]
            k -= 1
        k = self._named_sentence(bisect.bisect_left(self.starts, at) - 1)
        walked = 0
        while k >= 0 and walked < MAX_WALK_BACK and (heard is None or self.starts[k] > heard[0]):
            people = self._people(k)
            found = next((name for pos, name in people if pos < at and self._agrees(pronoun, name)), None)
            if found is not None:
                return found
            k = self._named_sentence(k - 1)
            walked += 1
        return heard[1] if heard else None

    def credit_after(self, quote: Quote) -> tuple[str, str, int] | None:
        """(name, verb, where) when the quote ends in a comma and the reporter's words after it
        credit a person: a name, then a reporting verb before the sentence ends, however long
        the asides around the name (``"...," House Caucus Chairman Jane Doe, R-Ohio, said``,
        ``"...," Rev. Tom Roe of Our Lady of Hope, told reporters``), or an inverted verb and
        then the name (``"...," said former tech executive Jane Doe``). None otherwise: words
        after a quote that ends its sentence, or that go on with a clause of their own ("...,"
        while Doe said), credit no one."""
        text = self.text
        close = after_close(text, quote)
        if "," not in text[quote.end:close] and not text[quote.start:quote.end].rstrip(AFTER_QUOTE).endswith(","):
            return None
        limit = min(paragraph_end(text, close), close + MAX_CREDIT_CHARS)
        breaks = sentence_breaks(text, close, limit)
        toks = tokenize(text, close, breaks[0] if breaks else limit)
        first = next((k for k, t in enumerate(toks) if t[2] not in ",;"), len(toks))
        verb = next((k for k in range(first, len(toks)) if toks[k][2] in ALL_QUOTE_MARKS or is_verb_at(toks, k)), None)
        if verb is None or toks[verb][2] in ALL_QUOTE_MARKS:
            return None
        if verb == first and toks[verb][2] not in INVERSION_VERBS:
            return None
        # the name after an inverted verb ("," said former executive Jane Doe"), else before the verb
        lo, hi = (toks[verb][1], toks[verb][1] + MAX_INVERTED_CHARS) if verb == first else (close, toks[verb][0])
        self._index_names()
        name = next((m for m in range(bisect.bisect_left(self.named_at, lo), bisect.bisect_left(self.named_at, hi))
                     if self.person(self.named[m][1], introduced=True)), None)
        if name is None or any(t[2].lower() in CREDIT_BREAKERS for t in toks[first:verb] if t[0] < self.named[name][0]):
            return None  # "," while Doe said", "," as Doe said", "," well before Doe did it"
        if verb > first:
            # the verb is the name's: an aside or a qualifier may stand between them ("Jane Doe, the
            # mayor, said", "Tom Roe of Springfield told"), not a verb of its own ("Doe had a good
            # night, winning the states"), and the verb is no infinitive ("..., used it to call")
            after = next(k for k in range(first, verb + 1) if toks[k][0] >= self.named[name][2])
            between = toks[after:verb]
            if not (toks[after][2] in ",(" or toks[after][2].lower() in NP_LINKS
                    or all(t[2].lower() in FILLERS for t in between)) or toks[verb - 1][2] == "to":
                return None
        return self.named[name][1], toks[verb][2], self.named[name][0]

    def _agrees(self, pronoun: str, person: str) -> bool:
        gender = self.gender(person)
        return not (pronoun == "he" and gender == "female" or pronoun == "she" and gender == "male")

    def _index_sentences(self) -> None:
        """Where the sentences start (after breaks and line ends) and the article's names. Speed:
        which sentences of the reporter's text name someone is worked out only as far back as
        a pronoun walks (``_named_sentence``), and their people only when it reaches them."""
        text = self.text
        self.sentences = {}
        line_starts = [m.end() for m in re.finditer(r"\n", text)]
        self.starts = sorted({0, *sentence_breaks(text), *line_starts})
        self.opens = sorted(start for start, _ in self.quote_spans)
        self._index_names()

    def _index_names(self) -> None:
        """The article's names that are not possessive, where they stand (``named``), once."""
        if not self.named_at and self.runs:
            self.named = [(at + m.start, m.name, at + m.end) for at, found in self.runs for m in found
                          if not m.possessive]
            self.named_at = [at for at, _, _ in self.named]

    def _named_sentence(self, k: int) -> int:
        """The last sentence at or before sentence ``k`` that names someone in the reporter's
        words (up to its first quote), or -1. Memoised for every sentence walked, so the walks
        of all an article's pronouns stay linear in its sentences."""
        walked = []
        while k >= 0:
            if (known := self.named_before.get(k)) is not None:
                k = known
                break
            walked.append(k)
            if self._sentence_end(k) is not None:
                break
            k -= 1
        for j in walked:
            self.named_before[j] = k
        return k

    def _sentence_end(self, k: int) -> int | None:
        """Where the reporter's words of sentence ``k`` end (its end or its first quote's
        opening), when they name someone or open with a description of someone the article
        introduced; None when they do not or it is inside a quote."""
        start = self.starts[k]
        if self._inside_quote(start) or self._on_furniture(start):
            return None
        end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
        q = bisect.bisect_left(self.opens, start)
        if q < len(self.opens) and self.opens[q] - 1 < end:
            end = self.opens[q] - 1
        first_named = bisect.bisect_left(self.named_at, start)
        self.ends[k] = end
        if first_named < len(self.named_at) and self.named_at[first_named] < end:
            return end
        if self.roles is not None and self.text.startswith("The ", start) and self._people(k):
            return end  # no name, but a description of someone introduced ("The governor signed it.")
        return None

    def _people(self, k: int) -> tuple[tuple[int, str], ...]:
        """The people sentence ``k`` names outside quotes, in text order (its subject counts as
        one even when the article never gives a given name); none for a sentence whose subject
        is a pronoun, which goes on about someone named before it."""
        assert self.sentences is not None
        if (people := self.sentences.get(k)) is not None:
            return people
        start, end = self.starts[k], self.ends[k]
        toks = tokenize(self.text, start, min(end, start + MAX_SUBJECT_CHARS))
        head = sentence_subject(toks, self.known, descriptions=True) if toks else None
        found_people: list[tuple[int, str]] = []
        reporters: set[str] = set()
        intro_end = -1  # where an introductory phrase before the subject ends ("On Friday, as Doe spoke, ")
        if not (head and head[0] in SUBJECT_PRONOUNS):
            if head and not head[0][:1].isupper() and self.roles and (holder := self.roles(head[0], head[1])):
                found_people.append((head[1], holder))  # "The governor signed it." ... "he said"
            elif head and head[0][:1].isupper():
                rest = next((m for m, t in enumerate(toks) if t[0] > head[1] and not is_cap(t[2])), len(toks))
                introduced = rest < len(toks) and (toks[rest][2] == "," or toks[rest][2] in REPORTING_VERBS)
                if found := self.person(possessor(head[0]) or head[0], introduced):
                    found_people.append((head[1], found))
                    told = sum(GENDERED_PRONOUNS.get(t[2].lower(), 0) for t in toks[rest:])
                    self.pronoun_score[found] = self.pronoun_score.get(found, 0) + told
            if found_people:
                intro_end = max((t[0] for t in toks if t[2] == "," and t[0] < found_people[0][0]), default=-1)
            for m in range(bisect.bisect_left(self.named_at, start), bisect.bisect_left(self.named_at, end)):
                if (found := self.person(self.named[m][1])) and all(found != name for _, name in found_people):
                    found_people.append((self.named[m][0], found))
                    if REPORTER_AFTER_RE.match(self.text, self.named[m][2]):
                        reporters.add(found)
        # in text order: a name before the subject the chunker read opens the sentence ("Doe met
        # Secretary General Mark Rutte": Doe), unless it stands in an introductory phrase before
        # the subject ("On the day Doe stood trial, Roe bashed the case": Roe); but one the
        # sentence has speak ("... the ire of Justice Doe, who said he ...") is who a "he" after
        # it most likely is
        people = self.sentences[k] = tuple(sorted(
            found_people, key=lambda p: (p[1] not in reporters, p[0] < intro_end, p[0])))
        return people

    def _on_furniture(self, pos: int) -> bool:
        """Whether ``pos`` is on a headline, a subhead or a caption (``is_furniture``), which
        introduces no one, or in words a closing mark ends on a line that opens none (the end
        of a quote whose paragraphs lost their opening marks: "Not a Jane Doe.”")."""
        text = self.text
        line = text.rfind("\n", 0, pos) + 1
        if (found := self.furniture.get(line)) is None:
            end = text.find("\n", pos)
            end = end if end >= 0 else len(text)
            close = text.find("”", line, end)
            unopened = close if close >= 0 and text.find("“", line, close) < 0 else -1
            found = self.furniture[line] = (is_furniture(text[line:end]), unopened)
        return found[0] or pos < found[1]

    def _inside_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_spans, (pos, len(self.text) + 1)) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos < self.quote_spans[k][1]


def possessor(subject: str) -> str | None:
    """The name a subject opens with in the possessive, the person the sentence is about ("Roe's
    speech stood out", "Doe's campaign said"), else None."""
    words = []
    for word in subject.split():
        if not word[:1].isupper():
            return None
        if POSSESSIVE_RE.search(word):
            words.append(POSSESSIVE_RE.sub("", word))
            return " ".join(words) if words[-1] else None
        words.append(word)
    return None

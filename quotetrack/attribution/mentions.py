"""Mentions: the names an article writes, its registry of people, and pronoun resolution.

Every name is canonicalised within the article ("Mr. Putin", "Russian President Vladimir Putin"
-> "Vladimir Putin"), and a pronoun resolves to the subject of the nearest sentence that has a
named person in it, not to the nearest name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ..metadata import byline_spans
from ..names import NAME_RUN_RE, POSSESSIVE_RE, PRONOUNS, given_name_gender, has_title, is_name, strip_title
from .lexicon import NOT_NAME_OPENERS
from .tokens import sentence_breaks

POSSESSIVE_SPLIT_RE = re.compile(r".+?(?:['’]s?(?= )|$)")


class Mention(NamedTuple):
    """A name mentioned in a capitalised run of the article. (A named tuple, not a dataclass: it
    is cached for every distinct run, and a tuple is built in half the time.)"""

    start: int
    """Offset in the run (``MentionIndex.placed`` places it in the text)."""
    end: int
    name: str
    """Title-stripped name as written."""
    possessive: bool
    titled: bool


NameRuns = list[tuple[int, tuple[Mention, ...]]]
"""The capitalised runs of a text that mention names: (offset of the run, its mentions with
offsets relative to the run), in text order."""


def name_runs(text: str) -> NameRuns:
    """Every name mentioned in ``text``, except the reporters' on its bylines, by run. Speed: a
    run's mentions come from the cache as they are; only a pronoun's antecedent needs them placed
    in the text (``MentionIndex.placed``), and two in five articles never ask."""
    out: NameRuns = []
    bylines = byline_spans(text)
    past_bylines = bylines[-1][1] if bylines else 0
    for run in NAME_RUN_RE.finditer(text):
        at = run.start()
        if at < past_bylines and any(start <= at < end for start, end in bylines):
            continue
        if found := _run_mentions(run.group()):
            out.append((at, found))
    return out


@lru_cache(maxsize=100_000)
def _run_mentions(run: str) -> tuple[Mention, ...]:
    """Each mention in one capitalised run, with offsets relative to the run. Cached: the same
    runs ("Donald Trump", "The") recur in every article."""
    out = []
    # A possessive ends a name: "Russia’s Kursk" is two mentions.
    for piece in POSSESSIVE_SPLIT_RE.finditer(run):
        raw = piece.group().strip()
        first, _, rest = raw.partition(" ")
        if rest and first.lower() in NOT_NAME_OPENERS:
            raw = rest  # "Said Dora Pike", "Earlier Trump": a sentence's first word is not a name
        name = strip_title(raw)
        if not is_name(name):
            continue
        start = piece.start() + max(piece.group().rfind(name.split()[0]), 0)
        out.append(Mention(start, piece.end(), name, bool(POSSESSIVE_RE.search(raw)), has_title(raw)))
    return tuple(out)


def registry(runs: NameRuns) -> dict[str, str]:
    """Surname (and full name) -> the fullest form of that name in the article."""
    people: dict[str, str] = {}
    sizes: dict[str, int] = {}  # surname -> words in people[surname]
    names = {m.name for _, found in runs for m in found}
    forms = {name: _form_in(name, names) for name in names}
    for _, found in runs:
        for m in found:
            key, form, size = forms[m.name]
            if size < 2 and not m.titled:
                continue
            if size > sizes.get(key, 0):
                people[key], sizes[key] = form, size
            people[m.name.lower()] = people[key]
    return people


_Form = tuple[str, str, int]
"""A name's form in the registry: (surname in lower case, the form, its words)."""


def _form_in(name: str, names: set[str]) -> _Form:
    """A name run from its given name on, when the article also writes it so: words a sentence
    put before it ("Republican Marco Rubio") are not part of it, while "New York Times" stays
    whole. Runs with no known given name are kept whole only when short (a surname, or an
    organisation such as "Fox News"): "In New Hampshire Sanders" is no fuller "Sanders"."""
    whole, short, short_form = _forms(name)
    return short_form if short_form is not None and short in names else whole


@lru_cache(maxsize=100_000)
def _forms(name: str) -> tuple[_Form, str | None, _Form | None]:
    """The form of a name run as a whole, and when a given name follows other words in it, the
    name from that given name on and its form. Cached: the same names recur across articles."""
    parts = name.split()
    k = next((k for k, word in enumerate(parts[:-1]) if given_name_gender(word) is not None), -1)
    if k < 0 and len(parts) > 2:
        parts = parts[-1:]
    whole = (parts[-1].lower(), " ".join(parts), len(parts))
    if k <= 0:
        return whole, None, None
    short = " ".join(parts[k:])
    return whole, short, (whole[0], short, len(parts) - k)


def canonical(name: str, people: dict[str, str]) -> str:
    """The fullest form the article gives of a name (``registry``), by the name, else by its surname."""
    low = name.lower()
    if low in people:
        return people[low]
    return people.get(name.split()[-1].lower(), name)


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """An article's name mentions and sentence starts in text order, each built once per article
    on the first pronoun (two in five articles with quotes have none), and the pronoun answers
    already worked out."""

    text: str
    runs: NameRuns
    memo: dict[tuple[str, int], str | None] = field(default_factory=dict)
    """(pronoun, index of the last mention before it) -> antecedent: the walk back from a mention
    depends on nothing else, so many pronouns after a stretch with no person walk it once."""
    starts: list[int] = field(default_factory=list)
    """Where sentences start (after breaks and line ends); empty until ``sentence_starts``."""
    mentions: list[Mention] = field(default_factory=list)
    """The mentions of ``runs`` in text order (with offsets in their runs); empty until ``placed``."""
    mention_starts: list[int] = field(default_factory=list)
    """Where each of ``mentions`` starts in the text."""
    mention_ends: list[int] = field(default_factory=list)
    """Where each of ``mentions`` ends in the text."""

    def sentence_starts(self) -> list[int]:
        """``starts``, built on the first call (once built it is never empty: it holds 0)."""
        if not self.starts:
            line_starts = (m.end() for m in re.finditer(r"\n", self.text))
            self.starts.extend(sorted({0, *sentence_breaks(self.text), *line_starts}))
        return self.starts

    def placed(self) -> tuple[list[Mention], list[int], list[int]]:
        """``mentions``, ``mention_starts`` and ``mention_ends``, built on the first call (an
        article whose mentions are none builds them on every call, at no cost)."""
        if not self.mentions:
            for at, found in self.runs:
                for m in found:
                    self.mentions.append(m)
                    self.mention_starts.append(at + m.start)
                    self.mention_ends.append(at + m.end)
        return self.mentions, self.mention_starts, self.mention_ends


def resolve(spk: str, at: int, index: MentionIndex, people: dict[str, str]) -> str | None:
    """The person a speaker as written stands for: a name's fullest form in the article, a
    pronoun's antecedent, a description as it is; None for "I", "we", "you", "it", "they"."""
    if spk in ("i", "we", "you", "it"):
        return None
    if spk not in PRONOUNS:
        return canonical(spk, people) if spk[:1].isupper() else spk
    if spk == "they":
        return None
    return _antecedent(spk, at, index, people)


def _antecedent(pronoun: str, at: int, index: MentionIndex, people: dict[str, str]) -> str | None:
    """The subject of the nearest earlier sentence whose subject is a known person. The walk goes
    back one mention-bearing sentence at a time (found by bisection) and is memoised per article,
    so resolving every pronoun of an article stays linear."""
    starts = index.sentence_starts()
    mentions, mention_starts, mention_ends = index.placed()
    last = bisect.bisect_right(mention_starts, at) - 1
    while last >= 0 and mention_ends[last] > at:
        last -= 1
    walked: list[int] = []
    found: str | None = None
    while last >= 0:
        if (pronoun, last) in index.memo:
            found = index.memo[pronoun, last]
            break
        walked.append(last)
        sentence = starts[bisect.bisect_right(starts, mention_starts[last]) - 1]
        first = bisect.bisect_left(mention_starts, sentence, 0, last + 1)
        found = next((canonical(m.name, people) for m in mentions[first:last + 1]
                      if not m.possessive and _names_person(m, people) and _agrees(pronoun, m, people)), None)
        if found is not None:
            break
        last = first - 1
    for k in walked:
        index.memo[pronoun, k] = found
    return found


def _names_person(m: Mention, people: dict[str, str]) -> bool:
    """Titled ("Sen. Warren"), or whose fullest form in the article opens with a given name."""
    if m.titled:
        return True
    full = canonical(m.name, people).split()
    return len(full) >= 2 and given_name_gender(full[0]) is not None


def _agrees(pronoun: str, m: Mention, people: dict[str, str]) -> bool:
    """He/she agree in gender with the mention's given name, where the name tells."""
    gender = given_name_gender(canonical(m.name, people).split()[0])
    return not (pronoun == "he" and gender == "female" or pronoun == "she" and gender == "male")

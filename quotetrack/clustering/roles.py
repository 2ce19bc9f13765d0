"""A description that names its owner ("Roe's attorney") resolved to the person another article of
the same story introduces in that role ("Roe's attorney, Dana Poe", "Dana Poe, Mr. Roe's lawyer",
"Roe attorney Dana Poe"). See docs/CLUSTERING.md, "Across outlets".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from ..datafiles import data_lines
from ..models import Article, Quote
from ..names import same_person, straight_apostrophes

Introduction = tuple[str, str, str]
"""(owner's surname folded, role folded, the person's name) as an article introduces them."""

# Speed: each pattern opens with a capital letter (the word-start check follows it as a
# look-behind), so the regex engine skips to the next capital in C rather than trying every
# position; a title before the owner ("Mr. Roe's") needs no place in it, as the match then
# starts at the owner.
_START = r"[A-Z](?<![\w'’][A-Z])"
_NAME_REST = r"[a-z]+(?: (?:[A-Z]\.|[A-Z][a-z][\w'’\-]*)){1,3}"  # after the given name's capital
_FULL_NAME = rf"[A-Z]{_NAME_REST}"
_TITLE = r"(?:(?:Mr|Mrs|Ms|Dr)\. )?"
_OWNER_WORDS = r"(?:[A-Z][\w'’\-]* ){0,2}[A-Z][\w\-]*"
_OWNER = rf"{_TITLE}(?P<owner>{_OWNER_WORDS})"
_ROLE = r"(?P<role>[a-z]+(?: [a-z]+){0,2})"
_NAME = rf"(?P<name>{_FULL_NAME})"
# "Roe's attorney, Dana Poe," / "Dana Poe, Mr. Roe's lawyer," / "Roe attorney Dana Poe"
INTRODUCTION_RES = (
    re.compile(rf"(?P<owner>{_START}[\w'’\-]* (?:[A-Z][\w'’\-]* )?[A-Z][\w\-]*|{_START}[\w\-]*)['’]s? "
               rf"{_ROLE}, {_NAME}[,.]"),
    re.compile(rf"(?P<name>{_START}{_NAME_REST}), {_OWNER}['’]s? {_ROLE}[,.]"),
    re.compile(rf"(?P<owner>{_START}[\w'’\-]* (?:[A-Z][\w'’\-]* )?[A-Z][\w\-]*|{_START}[\w\-]*) "
               rf"(?P<role>attorney|lawyer|spokesman|spokeswoman|spokesperson) {_NAME}\b"),
)
# A speaker that is an owner's role: "Roe's attorney", "Mr. Roe's lawyer".
DESCRIPTION_RE = re.compile(rf"{_OWNER}['’]s? {_ROLE}")


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    groups = [line.split() for line in data_lines("quotetrack.clustering", "data/role_synonyms.txt")]
    return {word: group[0] for group in groups for word in group}


def _role(words: str) -> str:
    return " ".join(_synonyms().get(w, w) for w in words.split())


def _owner(words: str) -> str:
    return straight_apostrophes(words.split()[-1]).lower()


def introductions(text: str) -> tuple[Introduction, ...]:
    """Every person ``text`` introduces by an owner's role ("Roe's attorney, Dana Poe")."""
    found = {(_owner(m["owner"]), _role(m["role"]), m["name"])
             for pattern in INTRODUCTION_RES for m in pattern.finditer(text)}
    return tuple(sorted(found))


def described_person(speaker: str | None, docs: Iterable[str],
                     known: Mapping[str, Sequence[Introduction]]) -> str | None:
    """The person ``speaker``, an owner's role ("Roe's attorney"), is in the articles ``docs`` of
    one story: the one person they introduce in that role (``introductions``), else None (no
    one, or two people fit)."""
    m = DESCRIPTION_RE.fullmatch(speaker) if speaker else None
    if m is None:
        return None
    key = (_owner(m["owner"]), _role(m["role"]))
    names = [n for d in docs for o, r, n in known.get(d, ()) if (o, r) == key]
    people: list[list[str]] = []
    for name in sorted(names, key=lambda n: (-len(n), n)):
        group = next((g for g in people if same_person(g[0], name)), None)
        if group is None:
            people.append([name])
        else:
            group.append(name)
    return people[0][0] if len(people) == 1 else None


def stories(docs_of_clusters: Iterable[Iterable[str]]) -> dict[str, frozenset[str]]:
    """Each doc's story: the docs linked to it by carrying a quote in common."""
    parent: dict[str, str] = {}

    def root(d: str) -> str:
        while parent.setdefault(d, d) != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for docs in filter(None, map(list, docs_of_clusters)):
        first, *rest = docs
        root(first)
        for d in rest:
            parent[root(d)] = root(first)
    members: dict[str, set[str]] = defaultdict(set)
    for d in list(parent):
        members[root(d)].add(d)
    # One set per story, shared by its docs (a set per doc is quadratic when a story is large).
    shared = {r: frozenset(docs) for r, docs in members.items()}
    return {d: shared[root(d)] for d in parent}


def described(items: Iterable[tuple[Article, Quote]]) -> bool:
    """Whether any of ``items`` credits an owner's role ("Roe's attorney")."""
    return any(q.speaker and DESCRIPTION_RE.fullmatch(q.speaker) for _, q in items)


def resolve_descriptions(items: Sequence[tuple[Article, Quote]], memberships: Sequence[tuple[int, ...]],
                         known: Mapping[str, Sequence[Introduction]]) -> list[tuple[Article, Quote]]:
    """``items`` with each speaker that is an owner's role ("Roe's attorney") credited to the
    person the articles of its story introduce in that role (``described_person``), the
    ``mention`` kept as written; a story is the articles linked by the clusters (``memberships``,
    each item's clusters named by a root) they share."""
    carried: dict[int, set[str]] = defaultdict(set)
    for (a, _), roots in zip(items, memberships):
        for r in roots:
            carried[r].add(a.doc)
    story = stories(carried.values())
    resolved = []
    for a, q in items:
        # Speed: the story (all the corpus, when a viral quote links it) is read only for a
        # description; the order of its docs does not matter, since the names found are sorted.
        who = (described_person(q.speaker, story.get(a.doc, {a.doc}), known)
               if q.speaker and DESCRIPTION_RE.fullmatch(q.speaker) else None)
        resolved.append((a, replace(q, speaker=who) if who else q))
    return resolved

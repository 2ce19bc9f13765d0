"""Mentions: the names an article writes, its registry of people, and what a speaker as written
stands for (``resolve``).

Every name is canonicalised within the article ("Mr. Putin", "Russian President Vladimir Putin"
-> "Vladimir Putin"); a pronoun's antecedent is ``antecedents.Antecedents``'s to find.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from ..metadata import byline_spans
from ..names import (
    NAME_PARTICLES,
    NAME_RUN_RE,
    POSSESSIVE_RE,
    PRONOUNS,
    TITLE_WORDS,
    given_name_gender,
    has_title,
    is_name,
    strip_title,
)
from .lexicon import (
    NAME_SUFFIXES,
    NOT_NAME_OPENERS,
    PREPOSITIONS,
    WEEKDAYS,
    document_form,
    word_set,
)
from .phrases import is_acronym
from .tokens import (
    CLOSING_MARKS,
    indefinite_before,
)

if TYPE_CHECKING:
    from .antecedents import Antecedents

TITLE_MODIFIERS = word_set("title_modifiers")
"""Title words that name no role ("first", "former", "state"): see data/title_modifiers.txt."""
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
        end = piece.end()
        while " " in name and name.rsplit(" ", 1)[1] in WEEKDAYS:
            # "President Doe Monday": news style dates the clause; the day is no part of the name
            name, day = name.rsplit(" ", 1)
            end = piece.start() + piece.group().rfind(day) - 1
        if not is_name(name):
            continue
        start = piece.start() + max(piece.group().rfind(name.split()[0]), 0)
        # ("The First Amendment": a title word that names no role makes no one a person)
        titled = has_title(raw) and not all(w.lower() in TITLE_MODIFIERS for w in raw.split()[:-1])
        out.append(Mention(start, end, name, bool(POSSESSIVE_RE.search(raw)), titled))
    return tuple(out)


def registry(runs: NameRuns, text: str = "") -> dict[str, str]:
    """Surname (and full name, and a given name only one person has) -> the fullest form of
    that name in the article. A name run on a headline or another line of page furniture
    (``is_furniture``) counts from its given name on: "Indicting Jane Doe, Panel Shows Link"
    writes Jane Doe, whatever words the headline put before her, and "Debating Doe" no one."""
    people: dict[str, str] = {}
    sizes: dict[str, int] = {}  # surname -> words in people[surname]
    names = {m.name for _, found in runs for m in found}
    forms = {name: _form_in(name, names) for name in names}
    # the names whose form on page furniture may differ, and that form (speed: once a name)
    on_furniture = {name: short for name, (_, form, size) in forms.items() if text and (
        short := _forms(name)[2] if size >= 2 else forms[name]) != forms[name] and (
        short is not None or given_name_gender(form.split()[0]) is None)}
    furniture: dict[int, bool] = {}  # line start -> whether the line is furniture
    for at, found in runs:
        for m in found:
            key, form, size = forms[m.name]
            if (short := on_furniture.get(m.name, forms[m.name])) != forms[m.name]:
                line = text.rfind("\n", 0, at) + 1
                if line not in furniture:
                    end = text.find("\n", at)
                    furniture[line] = is_furniture(text[line:end if end >= 0 else len(text)])
                if furniture[line] and short is not None:
                    key, form, size = short
                elif furniture[line]:
                    continue  # "Debating Doe's Record": a headline's words, not a longer name
            if size < 2 and not m.titled:
                continue
            if size > sizes.get(key, 0):
                people[key], sizes[key] = form, size
            people[m.name.lower()] = people[key]
    # a given name alone ("Keith said") is the one person the article gives it to, unless it is
    # someone's surname or more than one person has it
    given: dict[str, set[str]] = {}
    for form in set(people.values()):
        first = form.split()[0]
        if " " in form and given_name_gender(first) is not None:
            given.setdefault(first.lower(), set()).add(form)
    for first, forms_given in given.items():
        if first not in people and len(forms_given) == 1:
            people[first] = next(iter(forms_given))
    return people


_Form = tuple[str, str, int]
"""A name's form in the registry: (surname in lower case, the form, its words)."""


def _form_in(name: str, names: set[str]) -> _Form:
    """A name run from its given name on, when the article also writes it so: words a sentence
    put before it ("Republican Jon Harrow") are not part of it, while "New York Times" stays
    whole. Runs with no known given name are kept whole only when short (a surname, or an
    organisation such as "Fox News"): "In New Mexico Roe" is no fuller "Roe"."""
    whole, short, short_form = _forms(name)
    return short_form if short_form is not None and short in names else whole


@lru_cache(maxsize=100_000)
def _forms(name: str) -> tuple[_Form, str | None, _Form | None]:
    """The form of a name run as a whole, and when a given name follows other words in it, the
    name from that given name on and its form. Cached: the same names recur across articles."""
    parts = name.split()
    if len(parts) > 2 and parts[-1].rstrip(".") in NAME_SUFFIXES:
        parts = parts[:-1]  # "John Doe Jr." is John Doe (as ``phrases.speaker_head`` reads him)
    k = next((k for k, word in enumerate(parts[:-1]) if given_name_gender(word) is not None), -1)
    if k < 0 and len(parts) > 2:
        parts = parts[-1:]
    whole = (surname_key(" ".join(parts)), " ".join(parts), len(parts))
    if k <= 0:
        return whole, None, None
    short = " ".join(parts[k:])
    return whole, short, (whole[0], short, len(parts) - k)


def surname_key(name: str) -> str:
    """A name's surname in lower case, past a generational suffix ("John Doe Jr." -> "doe"):
    the key of the registry."""
    parts = name.split()
    if len(parts) > 1 and parts[-1].rstrip(".") in NAME_SUFFIXES:
        return parts[-2].lower()
    return parts[-1].lower()


FURNITURE_MAX_CHARS = 200
"""A line without a sentence-final mark is a headline, a subhead or a caption when it is at most
this long; a longer one is body text that lost its mark."""
PROSE_ENDINGS = ".!?…:;,"
"""What ends a line of the reporter's prose (a colon introduces a quote, "Doe said:")."""


def is_furniture(line: str) -> bool:
    """Whether a line is a headline, a subhead, a caption or other page furniture rather than the
    reporter's prose: short, and not ending its sentence ("Indicting Jane Doe, Panel Shows
    Link", "Watch: the hearing"). Such a line introduces no one as a source. (A first line that
    ends in a full stop may be a headline or the lede: it is read as prose.)"""
    body = line.strip().rstrip(CLOSING_MARKS + " ")
    return len(body) <= FURNITURE_MAX_CHARS and not body.endswith(tuple(PROSE_ENDINGS))


def canonical(name: str, people: dict[str, str]) -> str:
    """The fullest form the article gives of a name (``registry``), by the name, else by its surname."""
    low = name.lower()
    if low in people:
        return people[low]
    fuller = people.get(surname_key(name), name)
    # never a shorter form: "Democratic National Committee" is no "Committee"
    return fuller if fuller.count(" ") >= name.count(" ") else name


CAMEL_NAME_RE = re.compile(r"(?:[a-z]{1,3}|[A-Z][a-z]?)[A-Z][a-z][\w'’\-]*")
"""A surname with a capital inside it, after a lower-case prefix or a short capitalised one
("diMarco", "deBlasio", "McCarthy", "DiCaprio")."""


def trailing_name(description: str) -> str | None:
    """The person's name a description ends in, when it ends in a given name and a surname
    ("former state attorney for the county Jane diMarco" -> "Jane diMarco"), else None."""
    words = description.split()
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or CAMEL_NAME_RE.fullmatch(words[k - 1])
                     or k < len(words) and words[k - 1] in NAME_PARTICLES):
        k -= 1
    while k < len(words) - 1 and given_name_gender(words[k]) is None:
        k += 1  # the name begins at its given name ("County of Essex Jane diMarco")
    if k >= len(words) - 1 or words[k] in NAME_PARTICLES:
        return None
    titled = k
    while titled > 0 and words[titled - 1].lower().rstrip(".") in TITLE_WORDS:
        titled -= 1
    if titled > 0 and words[titled - 1].lower() in PREPOSITIONS:
        return None  # "a spokesperson for Vice President Jane Doe": whose spokesperson, not who
    name = strip_title(" ".join(words[k:]))
    return name if " " in name else None


def resolve(spk: str, at: int, antecedents: Antecedents, people: dict[str, str],
            roles: Callable[[str, int], str | None]) -> str | None:
    """The person a speaker as written stands for: a name's fullest form in the article, a
    pronoun's antecedent, the person a description names (``roles``) or the description as it
    is; None for "I", "we", "you", "it", "they"."""
    if spk in ("i", "we", "you", "it"):
        return None
    if spk not in PRONOUNS:
        if any(w[:1].islower() for w in spk.split()) and (name := trailing_name(spk)):
            # "former state attorney for the county Jane diMarco": the person it names
            return canonical(name, people)
        if not spk[:1].isupper():
            return roles(spk, at) or document_form(spk)
        if any(w[:1].islower() for w in spk.split()):
            # a description with a name in it ("Doe's attorney", "Fox News host")
            if (det := indefinite_before(antecedents.text, at)) is not None:
                # "a Ryan spokesman": someone unnamed; the determiner keeps it from reading as a name
                return f"{det.lower()} {spk}"
            return roles(spk, at) or canonical(spk, people)
        if is_acronym(spk) and (full := acronym_expansion(antecedents.text, spk)):
            # both forms: readers (and other articles) know the body by either
            return f"{full} ({spk})"
        return canonical(spk, people)
    if spk == "they":
        return None
    return antecedents.find(spk, at)


ACRONYM_LINKS = r"\s+(?:(?:of|and|for|on|in|to|the|&)\s+){0,2}"
"""What may stand between the words of a name an acronym abbreviates ("Bureau of Investigation")."""
MIN_ACRONYM = 3
"""Shorter acronyms match people's initials too often ("Ed Gore" is no "EG")."""


@lru_cache(maxsize=4096)
def _acronym_re(acronym: str) -> re.Pattern[str]:
    words = ACRONYM_LINKS.join(rf"{ch}[a-z][\w’'\-]*" for ch in acronym)
    return re.compile(rf"(?<![\w’'\-])(?:{words})(?![\w’'\-])(?!\s+[A-Z])")


def acronym_expansion(text: str, acronym: str) -> str | None:
    """The name ``acronym`` abbreviates when the article writes it out ("the American Civil
    Liberties Union" for "ACLU"), else None: an organisation is credited by its full name."""
    if len(acronym) < MIN_ACRONYM:
        return None
    found = _acronym_re(acronym).search(text)
    return found.group() if found else None

"""People's names: finding name-like mentions, stripping titles, and canonical forms.

Title and honorific words come from nameparser's curated lexicon (over 800 entries: President,
Secretary, Sen., Gen., Envoy ...), widened with the newsroom roles below; nameparser also splits a
name into first and last parts for matching spelling variants across articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from nameparser.config import CONSTANTS
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

# Roles that newsrooms put before a name and nameparser's lexicon lacks.
NEWSROOM_ROLES = frozenset("""
sen rep gov lt col sgt adm capt cmdr supt insp det aide spokesman spokeswoman spokesperson
press secretary candidate nominee frontrunner hopeful chairman chairwoman chair congressman
congresswoman assemblyman assemblywoman councilman councilwoman lawmaker strategist pollster
pundit commentator anchor correspondent analyst economist activist adviser advisor official
minister premier president-elect vice deputy acting interim former late first lady whip majority
minority justice
""".split())
TITLE_WORDS = frozenset(t.lower().rstrip(".") for t in CONSTANTS.titles) | NEWSROOM_ROLES

# After "Secretary of" or "Minister of", the department's words are not part of the name.
DEPARTMENT_WORDS = frozenset("""
state defense defence homeland security treasury energy labor labour commerce education health
human services justice agriculture interior transportation veterans affairs housing urban
development staff foreign finance economy trade the and for
""".split())

# Capitalised words that begin sentences or name things other than people; never a whole name.
NOT_NAMES = frozenset("""
a an the this that these those it its but and or so yet if when while as at in on of for to by
with from after before since during however meanwhile still also then there here he she they we
i you his her their our my your one some many most all both each another other such no not
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow mr mrs ms dr
""".split())

PRONOUNS = frozenset("he she they it we i you who".split())
# Words that may stand inside a name between capitalised parts (Ludwig van Beethoven, bin Salman).
NAME_PARTICLES = frozenset("de da di du del della der van von bin ibn al la le st".split())

# Abbreviations that keep their full stop inside a name run (U.S., Mr., Jr.); any other word
# followed by a full stop ends the run, as it ends the sentence.
ABBREVIATION_WORDS = """
Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Jr Sr St Prof Rev Adm Capt Cmdr Maj Pres Atty Supt Det Insp Ft Mt
""".split()


def _by_first_letter(words: list[str]) -> dict[str, list[str]]:
    """Words grouped by their first letter, each as the rest after it ("Mr Ms" -> M: r, s)."""
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0], []).append(word[1:])
    return rests


ABBREVIATION_RESTS = _by_first_letter(ABBREVIATION_WORDS)
# Speed: the words are grouped by first letter ("M(?:r|rs|...)"), so the regex engine tries a
# dozen letters rather than every word in turn (one word at most can match before the stop).
ABBREVIATIONS = "(?:" + "|".join(f"{first}(?:{'|'.join(rests)})"
                                 for first, rests in ABBREVIATION_RESTS.items()) + r")\."
NAME_TOKEN = rf"(?:{ABBREVIATIONS}|(?:[A-Z]\.){{1,3}}|[A-Z][A-Za-z'’\-]*)"
PARTICLE = r"(?:de|da|di|du|del|della|der|van|von|bin|ibn|al|la|le)"


def _name_token_after_capital() -> str:
    """NAME_TOKEN without its first letter (the capital every form opens with): the abbreviation
    words by their rest after a look-behind at that letter ("Mr." is "M" then "(?<=M)r."),
    tried only where a few letters and a full stop follow (as after most capitals
    they do not)."""
    abbreviations = "|".join(f"(?<={first})(?:{'|'.join(rests)})"
                             for first, rests in ABBREVIATION_RESTS.items())
    longest = max(len(rest) for rests in ABBREVIATION_RESTS.values() for rest in rests)
    return rf"(?:(?=[A-Za-z]{{1,{longest}}}\.)(?:{abbreviations})\.|\.(?:[A-Z]\.){{0,2}}|[A-Za-z'’\-]*)"


# A run of capitalised words (particles allowed inside), optionally possessive.
# Speed: the pattern opens with the capital itself, the first token's look-behind and the rest
# of that token following it, because a pattern that opens with a character class lets the
# regex engine skip to the next capital in C, while one opening with a look-around is tried at
# every position of the text.
NAME_RUN_RE = re.compile(rf"[A-Z](?<![\w'’][A-Z]){_name_token_after_capital()}"
                         rf"(?:[ \u00a0](?:{PARTICLE}[ \u00a0])?{NAME_TOKEN})*")
POSSESSIVE_RE = re.compile(r"['’]s?$")


# Speed: the name checks below are memoised, as the same mentions recur through an article and
# across a corpus.
@lru_cache(maxsize=100_000)
def strip_title(mention: str) -> str:
    """The name inside a mention: "Russian President Vladimir Putin" -> "Vladimir Putin",
    "US Secretary of State Marco Rubio" -> "Marco Rubio", "Mr. Putin's" -> "Putin"."""
    tokens = mention.replace("\u00a0", " ").split()
    if tokens and tokens[-1][-1] in "'’s":  # (a possessive ends so)
        tokens[-1] = POSSESSIVE_RE.sub("", tokens[-1]) or tokens[-1]
    lowered = [t.lower().rstrip(".") for t in tokens]
    last_title = next((i for i in range(len(lowered) - 2, -1, -1) if lowered[i] in TITLE_WORDS), -1)
    tokens, lowered = tokens[last_title + 1:], lowered[last_title + 1:]
    if lowered and lowered[0] == "of":
        i = 1
        while i < len(lowered) - 1 and lowered[i] in DEPARTMENT_WORDS:
            i += 1
        tokens, lowered = tokens[i:], lowered[i:]
    # Reliability: count the leading non-name words, then slice once (slicing word by word was
    # quadratic on a long run of capitalised words).
    skip = 0
    while skip < len(tokens) and lowered[skip] in NOT_NAMES:
        skip += 1
    return " ".join(tokens[skip:])


@lru_cache(maxsize=100_000)
def is_name(name: str) -> bool:
    """Whether a title-stripped mention can be a name (not a sentence opener or a weekday)."""
    parts = name.split()
    # a name may open with a lower-case particle ("de Blasio", "van Hollen")
    opens = bool(parts) and (parts[0][:1].isupper() or parts[0] in NAME_PARTICLES and len(parts) > 1
                             and parts[1][:1].isupper())
    return (opens and any(map(str.islower, parts[-1]))
            and not all(p.lower().rstrip(".") in NOT_NAMES for p in parts))


@lru_cache(maxsize=100_000)
def has_title(mention: str) -> bool:
    """Whether a mention carries a title or role word (and so names a person)."""
    low = [t.lower().rstrip(".") for t in mention.split()[:-1]]
    return any(t in TITLE_WORDS for t in low)


GENDER_CODES = {"M": "male", "1M": "mostly_male", "?M": "mostly_male", "F": "female", "1F": "mostly_female",
                "?F": "mostly_female", "?": "andy"}
"""nam_dict's gender codes, as gender-guesser reads them."""


@lru_cache(maxsize=1)
def _given_names() -> dict[str, dict[str, str]]:
    """Lower-cased given name -> gender code -> the name's frequency by country, from the
    40,000-name lexicon gender-guesser ships (Jörg Michael's nam_dict), read as its
    ``Detector(case_sensitive=False)`` reads it. Speed: read here in one piece, not through the
    package's line-by-line parser (a quarter of a second less on every scan), and loaded on first
    use only."""
    from importlib.resources import files

    names: dict[str, dict[str, str]] = {}
    lexicon = files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    for line in lexicon.splitlines():
        line = line.strip()
        if line[0] in "#=":
            continue
        code, name = line.split(None, 2)[:2]
        gender, countries = GENDER_CODES[code], line[30:-1]
        name = name.lower()
        # "+" joins the parts of a compound name, written together, apart or hyphenated
        for form in (name.replace("+", ""), name.replace("+", " "), name.replace("+", "-")) if "+" in name else (name,):
            names.setdefault(form, {})[gender] = countries
    return names


def _popular_gender(genders: dict[str, str]) -> str:
    """gender-guesser's ``get_gender`` with no country: the gender of the most countries (ties
    to the higher frequencies), "andy" when no country has the name."""
    best, most, tie = next(iter(genders)), 0, 0
    for gender, countries in genders.items():
        values = [ord(c) for c in countries.replace(" ", "")]
        count, weight = len(values), sum(c - 55 if c > 64 else c - 48 for c in values)
        if count > most or count == most and weight > tie:
            best, most, tie = gender, count, weight
    return best if most > 0 else "andy"


@lru_cache(maxsize=50_000)
def given_name_gender(token: str) -> str | None:
    """"male", "female" or "either" when ``token`` is a known given name, else None."""
    if len(token) < 2 or not token[:1].isupper() or token.isupper():
        return None
    genders = _given_names().get(token.lower())
    if genders is None:
        return None
    found = _popular_gender(genders)
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(found, "either")


SURNAME_SIMILARITY = 0.93
"""Jaro-Winkler similarity at which two folded surnames may be one person's (Zelensky/Zelenskyy)."""


def straight_apostrophes(name: str) -> str:
    """``name`` with its typographic apostrophes (’, ‘, ʼ) written as the ASCII
    one: "Dana O’Dea" -> "Dana O'Dea". Outlets differ only in typesetting here, so
    ``same_person`` compares names so written: both spellings are one person's."""
    return name.translate(_APOSTROPHES) if not name.isascii() else name


_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _fold_surname(s: str) -> str:
    # Transliteration variants differ most at the end (Zelensky / Zelenskyy / Zelenskiy), and
    # typesetting in the apostrophe (O’Dea / O'Dea).
    return straight_apostrophes(s).lower().rstrip("iy")


def _near_surnames(folded: str, surnames: list[str]) -> set[str]:
    """``folded`` and the ``surnames`` (folded) at least ``SURNAME_SIMILARITY`` alike to it: the
    only surnames ``same_person`` may accept with it."""
    near = process.extract(folded, surnames, scorer=JaroWinkler.similarity,
                           score_cutoff=SURNAME_SIMILARITY, limit=None)
    return {folded, *(k for k, _, _ in near)}


@lru_cache(maxsize=200_000)
def same_person(a: str, b: str) -> bool:
    """Whether two canonical names plausibly denote one person (spelling and transliteration
    variants, one name given in full and the other by surname)."""
    if a == b:
        return True
    pa, pb = straight_apostrophes(a).split(), straight_apostrophes(b).split()
    sa, sb = _fold_surname(pa[-1]), _fold_surname(pb[-1])
    # Spelling variants keep a surname's first letter (Zelensky / Zelenskyy), and only a full
    # name's given name corroborates one: a bare surname must match exactly, or "Ross" would
    # be "Richard Cross", "Ban" "Douglas Band" and "State" "States".
    if sa != sb and (len(pa) == 1 or len(pb) == 1 or sa[:1] != sb[:1]
                     or JaroWinkler.similarity(sa, sb) < SURNAME_SIMILARITY):
        return False
    if len(pa) > 1 and len(pb) > 1:
        return pa[0].lower() == pb[0].lower() or JaroWinkler.similarity(pa[0].lower(), pb[0].lower()) >= 0.9
    return True


class People:
    """A corpus's names indexed by folded surname, to find the ones that may be a given name's
    person (``same_person``) without trying them all: ``same_person`` holds only between names
    whose folded surnames are equal or at least ``SURNAME_SIMILARITY`` alike."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_surname: dict[str, list[str]] = defaultdict(list)
        for name in dict.fromkeys(names):
            self._by_surname[_fold_surname(name.split()[-1])].append(name)
        self._surnames = list(self._by_surname)
        self._matching: dict[str, frozenset[str]] = {}

    def matching(self, name: str) -> frozenset[str]:
        """The names indexed that ``same_person`` says may be ``name``'s person."""
        found = self._matching.get(name)
        if found is None:
            near = _near_surnames(_fold_surname(name.split()[-1]), self._surnames)
            found = self._matching[name] = frozenset(
                other for key in near for other in self._by_surname.get(key, ()) if same_person(name, other))
        return found


def unify(names: Iterable[str]) -> dict[str, str]:
    """Map every name to the canonical spelling of its person across a corpus: the most
    frequent full (two or more word) spelling, ties broken by length then alphabetically. A
    curly and a straight apostrophe ("O’Dea", "O'Dea") are one person's
    (``same_person``), shown as most quotes credit it, the ASCII one on a tie (it sorts first):
    a corpus typeset throughout with curly apostrophes keeps its own spelling of every name."""
    counts = Counter(names)
    order = sorted(counts, key=lambda n: (-(len(n.split()) > 1), -counts[n], -len(n), n))
    groups: list[list[str]] = []
    # Blocking: a name can only join a group whose head's surname passes same_person's surname
    # test, so groups are indexed by folded head surname and only near surnames are tried, in the
    # order the groups were made (the first that fits wins, as when trying them all).
    by_surname: dict[str, list[int]] = {}
    surnames: list[str] = []  # the keys of by_surname, kept as a list for rapidfuzz
    for name in order:
        folded = _fold_surname(name.split()[-1])
        tried = sorted({i for key in _near_surnames(folded, surnames) for i in by_surname.get(key, ())})
        for i in tried:
            group = groups[i]
            if same_person(group[0], name) and all(same_person(m, name) for m in group[:3]):
                group.append(name)
                break
        else:
            if folded not in by_surname:
                surnames.append(folded)
            by_surname.setdefault(folded, []).append(len(groups))
            groups.append([name])
    return {member: group[0] for group in groups for member in group}

"""The clustering rules: when two quote occurrences are one quote, and what a cluster shows.

Two occurrences are compared on their *concepts* (Snowball stems, with common near-synonyms folded
together, see ``text.SYNONYM_SETS``; function words and their contractions left out), by the
longest common subsequence of their content words, so word order counts and added or dropped
words only lower the score. Each concept weighs by its rarity across the scanned articles (IDF,
counted once per scan in ``stats.CorpusStats``); in quotes shorter than ``LOOSE_PART_MIN`` content
words the plain share caps the weighted one.

- *variants* cover each other (``EQUIVALENT_COVER`` both ways): translation variants, punctuation
  differences, a word or two added or dropped. They are joined closest first (``verdict``).
- a *part* is mostly covered by a longer quote (``PART_COVER``): a fragment, a trimmed quote. A
  longer quote whose longer parts come from two or more clusters *merges* them and belongs to
  each (the split/merge case), without joining them. Every other part joins the one cluster its
  containers belong to; a part that quotes of several clusters contain is ambiguous and joins none
  (``resolve_parts``).

Evidence is graded: quotes of ``SHORT_PART`` content words or fewer must appear word for word, and
one-word quotes need the same named speaker; a link that is short, or not between two quotes of
the same named person, needs the two articles to be about one story (``admissible``). Unions keep
every cluster coherent (``unionfind.UnionFind.can_join``): never two different named people, never
two different quotes of one article (near-identical wordings, and a fragment repeating words of
its own article's quote, excepted).

This module holds every rule; how candidate pairs are found (``blocking``), scored in bulk
(``scoring``, ``pairs``) and joined (``core``) only applies them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import TYPE_CHECKING, NamedTuple, Protocol

from rapidfuzz.distance import LCSseq

from ..models import Article, Kind, Occurrence, Quote
from ..names import given_name_gender, is_name, same_person
from ..text import concepts, fold_words, is_stopword, stem
from .wording import comparison_words

if TYPE_CHECKING:
    from .stats import CorpusStats

EQUIVALENT_COVER = 0.7
"""Share of each side's content words the other must cover, in order, for two variants."""
SAME_DOC_COVER = 0.85
"""Within one article only near-identical wordings are one quote (a headline repeating the body)."""
PART_COVER = 0.75
"""Share of a shorter quote's content words a longer quote must cover for it to be a part."""
LOOSE_PART_COVER = 0.6
"""A lower bar for a long part (``LOOSE_PART_MIN`` content words or more) by the same known
speaker: a translation variant of a passage that another outlet quoted at more length."""
LOOSE_PART_MIN = 5
SHORT_PART = 2
"""Quotes with this many content words or fewer are weak evidence: they must appear word for word
in the other quote and link only between two articles about one story (``STORY_AFFINITY``, or a
shared longer quote of a named speaker), so "Face the Nation" or "deep state" link within one
story's coverage, not across every article that names the show. One-word quotes also need the
same named speaker on both sides."""
STORY_AFFINITY = 0.25
"""Cosine similarity (concepts of the whole text weighted by ``reference.idf``) above which two
articles are taken to cover one story. Measured on BASIL (88 stories, three outlets each): 97.4%
of same-story article pairs score above it and 0.6% of pairs from different stories do, most of
those about a related event (at 0.2, 99.6% and 2.4%)."""
ACROSS_SPEAKERS_MIN = 4
"""Content words both quotes need for their words alone to link them across articles when the
outlets name different people (``outweighs_speakers``): a passage that long, carried nearly word
for word by two outlets of one story, is one quote, and the outlet that names someone else has
misattributed it (or quotetrack has misread who spoke). Shorter wordings ("a new chapter for
the country") are stock phrases that different people do repeat, so they keep their speakers apart."""
ACROSS_SPEAKERS_COVER = 0.9
"""Share of the shorter quote's content words the longer must hold, in order, for that link:
nearly word for word. Two people of one story do say alike things ("the union has not changed its
position" / "the union has stood against any change"), so a looser match keeps their speakers apart."""
LOWEST_COVER = min(EQUIVALENT_COVER, SAME_DOC_COVER, PART_COVER, LOOSE_PART_COVER)
"""No link of any kind holds between two wordings neither of which covers this much of the other."""


@dataclass(frozen=True, slots=True, eq=False)
class Wording:
    """One distinct comparison key of the quotes being clustered. Occurrences worded alike share
    it, so a pair of wordings is scored once however many outlets carry each."""

    content: tuple[int, ...]
    """Content concepts in order, as ids that sort as the concepts do (see ``make_units``)."""
    weights: tuple[float, ...]
    """Rarity of each content concept across the scanned articles (``CorpusStats.weight``)."""
    total: float
    """``sum(weights)``."""
    floor: int
    """The fewest words in order another quote must share for this one to be covered enough for
    any link (``link_floor``)."""
    need: int
    """The fewest content words this one must share with another quote to take part in any link
    (``min_overlap``)."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One quote occurrence as the rules see it."""

    index: int
    doc: str
    speaker: str | None
    """A person's name (``is_named_person``), or None when unknown or only a description ("senior aide")."""
    content: tuple[int, ...]
    """``wording.content``, at hand for the rules that read only the words."""
    wording: Wording
    fragment: bool
    piece: bool = False
    """A one-word quote that opens a sentence the cue interrupts (``"Patience," she said,
    "is what this town lacks."``): the subject of a sentence, not a word quoted on its own."""


def content_of(text: str) -> tuple[str, ...]:
    """A quote's content concepts in order (its stems when it has no content word), after the
    spelling differences outlets make in one quote are evened out (``wording.comparison_words``:
    numbers in words or figures, censored words)."""
    toks = comparison_words(text)
    content = tuple(concepts(" ".join(w for w in toks if not is_stopword(w))))
    return content or tuple(stem(w) for w in toks)


def contents_of(quotes: Sequence[Quote], known: Sequence[tuple[str, ...] | None] = ()) -> list[tuple[str, ...]]:
    """Each quote's ``content_of``, or its entry in ``known`` where that is not None."""
    # Outlets carrying a quote word for word share its content: worked out once a text.
    seen: dict[str, tuple[str, ...]] = {}
    contents = []
    for i, q in enumerate(quotes):
        content = known[i] if i < len(known) else None
        if content is None:
            content = seen.get(q.text)
            if content is None:
                content = seen[q.text] = content_of(q.text)
        contents.append(content)
    return contents


def make_units(quotes: Sequence[Quote], stats: CorpusStats,
               contents: Sequence[tuple[str, ...]] | None = None) -> list[Unit]:
    """One unit per quote occurrence, given each one's ``content_of`` when known. Concepts become
    ids numbered in their sort order, so integer tuples stand for the words (cheaper to hash and
    align) and still sort as the words do."""
    if contents is None:
        contents = contents_of(quotes)
    ids = {c: i for i, c in enumerate(sorted({c for content in contents for c in content}))}
    weights = {i: stats.weight(c) for c, i in ids.items()}
    wordings: dict[tuple[tuple[str, ...], bool, bool], Wording] = {}
    units = []
    for i, (quote, content) in enumerate(zip(quotes, contents)):
        if quote.kind is Kind.TITLE or is_label(quote):
            content = ()  # a title or label is said by no one: it links with nothing
        # The piece mark is part of the wording, so verdicts kept by wording stay right; so is
        # being a fragment for a short wording, the one case ``is_part`` reads it (of the longer side).
        piece = len(content) == 1 and i + 1 < len(quotes) and is_piece(quote, quotes[i + 1])
        fragment = quote.kind is Kind.FRAGMENT and len(content) <= SHORT_PART
        wording = wordings.get((content, piece, fragment))
        if wording is None:
            key = tuple(ids[c] for c in content)
            ws = tuple(weights[c] for c in key)
            # reach[k - 1]: the sum of the k heaviest weights, the most k shared words can cover.
            reach = list(accumulate(sorted(ws, reverse=True)))
            total = sum(ws)
            wording = wordings[content, piece, fragment] = Wording(key, ws, total, link_floor(reach, total),
                                                  min_overlap(reach, total))
        # A description ("senior aide", "critics") or a mis-read cue says too little about who
        # spoke to keep two quotes apart; only names do.
        speaker = quote.speaker if quote.speaker and is_named_person(quote.speaker) else None
        units.append(Unit(i, quote.doc, speaker, wording.content, wording, quote.kind is Kind.FRAGMENT,
                          piece))
    return units


LABEL_MAX_WORDS = 4
"""Words at most of a quoted phrase in title case that reads as a name or a label."""


def is_label(quote: Quote) -> bool:
    """Whether a fragment in the body is a name or a label in title case ("Romney-Ryan", "Fox
    News Sunday", "Meet the Press"): a few words, the first and last capitalised and the rest
    capitalised or function words. Titles the attribution finds have the kind ``title``; this
    catches those it leaves as fragments. A headline (paragraph 0) is title case throughout,
    so its fragments are not read so."""
    if quote.kind is not Kind.FRAGMENT or quote.paragraph == 0:
        return False
    found = TITLE_WORD_RE.findall(quote.text)
    return (0 < len(found) <= LABEL_MAX_WORDS and found[0][:1].isupper() and found[-1][:1].isupper()
            and all(w[:1].isupper() or w[:1].isdigit() or is_stopword(w) for w in found))


TITLE_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word as written, case kept (``text.WORD_RE`` reads folded text)."""


PIECE_GAP = 80
"""Characters at most between the pieces of a sentence its cue interrupts (the cue and marks)."""


def is_piece(quote: Quote, after: Quote) -> bool:
    """Whether a quote is the opening piece of a sentence its cue interrupts, given the quote
    after it (``"Patience," she said, "is what this town lacks."``): it ends no
    sentence, and the next quote of its paragraph follows a cue later, in lower case."""
    return (quote.kind is Kind.FULL and quote.text.rstrip()[-1:] not in SENTENCE_ENDS
            and after.doc == quote.doc and after.paragraph == quote.paragraph
            and 0 <= after.start - quote.end <= PIECE_GAP and after.text[:1].islower())


SENTENCE_ENDS = frozenset(".?!\u2026")
"""Marks that end a sentence inside a quote (the ellipsis too)."""


@lru_cache(maxsize=100_000)
def is_named_person(name: str) -> bool:
    """Whether a speaker reads as a person's name: two words or more, one of them a known given
    name. A lone surname left unresolved, a description ("senior aide") or a mis-read cue
    ("Earlier Sunday") says too little about who spoke to keep two quotes apart."""
    parts = name.split()
    return len(parts) > 1 and is_name(name) and any(given_name_gender(p) for p in parts[:-1])


def covers(a: Wording, b: Wording) -> tuple[float, float]:
    """Weighted share of ``a``'s content concepts that ``b`` holds in the same order, and of
    ``b``'s that ``a`` holds: one longest common subsequence, rare concepts counting more. In a
    quote of fewer than ``LOOSE_PART_MIN`` content words every word counts: there the plain share
    caps the weighted one, so a missing common word still costs its place.

    Several common subsequences may be longest, and which one rapidfuzz gives depends on which
    side it reads first; the shorter wording is always read first, so the covers of a pair do not
    depend on the order the two are asked in (nor on which quote comes first in the corpus)."""
    if (len(b.content), b.content) < (len(a.content), a.content):
        of_b, of_a = _covers(b, a)
        return of_a, of_b
    return _covers(a, b)


def _covers(a: Wording, b: Wording) -> tuple[float, float]:
    if not a.content or not b.content:
        return 0.0, 0.0
    got_a = got_b = 0.0
    same = 0
    for op in LCSseq.opcodes(a.content, b.content):
        if op.tag == "equal":
            got_a += sum(a.weights[op.src_start:op.src_end])
            got_b += sum(b.weights[op.dest_start:op.dest_end])
            same += op.src_end - op.src_start
    return _share(got_a, a, same), _share(got_b, b, same)


def _share(got: float, w: Wording, same: int) -> float:
    weighted = got / w.total
    return weighted if len(w.content) >= LOOSE_PART_MIN else min(weighted, same / len(w.content))


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two speakers may be one person (an unknown one may be anyone)."""
    return a is None or b is None or same_person(a, b)


def outweighs_speakers(a: Unit, b: Unit, cover: tuple[float, float] | None = None) -> bool:
    """Whether the words of two quotes are evidence enough to link them whoever each outlet
    names: two articles, ``ACROSS_SPEAKERS_MIN`` content words or more on both sides, and the
    shorter covered ``ACROSS_SPEAKERS_COVER`` by the longer (``cover``: ``covers`` of the two,
    worked out when not given). The link still needs one story (``admissible``)."""
    if a.doc == b.doc or min(len(a.content), len(b.content)) < ACROSS_SPEAKERS_MIN:
        return False
    got = covers(a.wording, b.wording) if cover is None else cover
    return (got[0] if len(a.content) <= len(b.content) else got[1]) >= ACROSS_SPEAKERS_COVER


def speakers_outweighed(w: Wording) -> bool:
    """Whether a wording is long enough for ``outweighs_speakers``: candidates for it are
    proposed whoever they are given to (``blocking.Blocking``)."""
    return len(w.content) >= ACROSS_SPEAKERS_MIN


def same_known(a: Unit, b: Unit) -> bool:
    """Whether both quotes are given to one named person."""
    return a.speaker is not None and b.speaker is not None and same_person(a.speaker, b.speaker)


def weak(u: Unit) -> bool:
    """Whether a quote is too short to be evidence on its own (``SHORT_PART``)."""
    return len(u.content) <= SHORT_PART


def verbatim(short: Unit, long: Unit) -> bool:
    """Whether ``short``'s content concepts stand side by side, in order, in ``long``
    ("bunch of malarkey" in "just a bunch of malarkey"; "deep state" in "Deep State Justice")."""
    n = len(short.content)
    return any(long.content[i:i + n] == short.content for i in range(len(long.content) - n + 1))


def is_part(short: Unit, long: Unit, cover: float) -> bool:
    """Whether ``short`` is a trimmed piece of ``long``, given the share of it ``long`` covers."""
    if len(short.content) >= len(long.content):
        return False
    if cover < PART_COVER and not (cover >= LOOSE_PART_COVER and len(short.content) >= LOOSE_PART_MIN
                                   and same_known(short, long)):
        return False
    if len(short.content) == 1:
        # One word ("nothing", "blindsided") is a part only of a longer quote by the same named
        # speaker: a full sentence ("I'm getting blindsided here") or more than a short phrase
        # (a word of "too simple an answer" is no evidence of it).
        return (not weak(long) or not long.fragment) and same_known(short, long) and verbatim(short, long)
    if weak(short):
        return verbatim(short, long)
    return short.doc != long.doc or short.speaker is not None


def is_variant(a: Unit, b: Unit, cover: tuple[float, float]) -> bool:
    """Whether two wordings cover each other well enough to be one quote."""
    need = SAME_DOC_COVER if a.doc == b.doc else EQUIVALENT_COVER
    if min(cover) < need:
        return False
    if len(a.content) == 1 or len(b.content) == 1:
        # A scare-quoted word and the first word of someone's interrupted sentence are not one quote.
        return same_known(a, b) and a.piece == b.piece
    return True


def corroborates(a: Unit, b: Unit) -> bool:
    """Whether a link between ``a`` and ``b`` (variants or a part) says their articles cover one
    story: a quote of more than ``SHORT_PART`` content words given to the same named person on
    both sides."""
    return a.doc != b.doc and not weak(a) and not weak(b) and same_known(a, b)


VARIANT, PART, WHOLE = range(3)
"""What a scored pair ``(a, b)``, ``a < b``, is: variants, ``a`` a part of ``b``, or ``b`` of ``a``."""


class Verdict(NamedTuple):
    """What a linkable pair is, and what its link says."""

    kind: int
    """``VARIANT``, ``PART`` or ``WHOLE``."""
    cover: float
    """For variants, the lower of the two covers: variants within one article are joined first,
    then the closest first (ties by pair), so a bridge quote cannot pull in a looser variant
    ahead of a tighter one. 0 for parts."""
    corroborates: bool
    """Whether the link says the two articles cover one story (``corroborates``)."""


def verdict(ua: Unit, ub: Unit, covers_of: Callable[[Wording, Wording], tuple[float, float]]) -> Verdict | None:
    """What the pair ``(ua, ub)``, ``ua.index < ub.index``, is; None when no link can hold.
    ``covers_of`` is ``covers`` (or a cache of it).
    Depends only on the two wordings, the speakers and whether the article is the same, so one
    verdict serves every pair alike in those."""
    apart = not compatible(ua.speaker, ub.speaker)
    if apart and not (speakers_outweighed(ua.wording) and speakers_outweighed(ub.wording)):
        return None
    cover = covers_of(ua.wording, ub.wording)
    if max(cover) < LOWEST_COVER or apart and not outweighs_speakers(ua, ub, cover):
        return None
    if is_variant(ua, ub, cover):
        kind, low = VARIANT, min(cover)
    elif is_part(ua, ub, cover[0]):
        kind, low = PART, 0.0
    elif is_part(ub, ua, cover[1]):
        kind, low = WHOLE, 0.0
    else:
        return None
    return Verdict(kind, low, corroborates(ua, ub))


def admissible(s: Unit, t: Unit, corroborated: Callable[[Unit, Unit], bool],
               affinity: Callable[[str, str], float]) -> bool:
    """Whether a link the verdict allows may be made, given whether some link corroborates that
    the two articles cover one story and the articles' affinity (``CorpusStats.affinity``).

    A longer quote given to the same named person on both sides is evidence enough. A short
    quote, or one nobody is named for, links only two articles about one story: they share a
    longer quote of a named speaker, or their texts are alike. So "Face the Nation" or a press
    office's stock sentence does not tie unrelated stories together."""
    if s.doc == t.doc or (same_known(s, t) and not (weak(s) or weak(t))):
        return True
    return corroborated(s, t) or affinity(s.doc, t.doc) >= STORY_AFFINITY


class Joiner(Protocol):
    """The union-find the parts rule joins through (``unionfind.UnionFind``)."""

    def find(self, x: int) -> int: ...

    def can_join(self, a: int, b: int, same_doc: bool = False, reprises: Sequence[int] = (),
                 across_speakers: Callable[[], bool] | None = None) -> bool: ...

    def union(self, a: int, b: int) -> None: ...


def resolve_parts(uf: Joiner, units: Sequence[Unit], parts: list[tuple[int, int]]) -> list[tuple[int, ...]]:
    """Merges first: a longer quote holding longer parts from two or more clusters belongs to each
    of them. Then each part joins the one cluster its containers belong to; a part that several
    different quotes contain (a stock phrase) is ambiguous and joins none, so it cannot chain
    them together. Returns each unit's clusters, each named by a root."""
    part_roots: dict[int, set[int]] = defaultdict(set)
    # Each longer quote's parts from other articles, by cluster: where they sit in it.
    placed: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for short, long in parts:
        if not weak(units[short]):
            part_roots[long].add(uf.find(short))
        if units[short].doc != units[long].doc:
            placed[long][uf.find(short)].append(short)
    merged: dict[int, set[int]] = {}
    for long in sorted(part_roots.keys() | placed.keys()):
        roots = {uf.find(r) for r in part_roots[long]} - {uf.find(long)}
        if len(roots) > 1:
            merged[long] = roots
        elif len(pieces := {r: s for r, s in placed[long].items() if r != uf.find(long)}) > 1:
            # Short parts too, when each sits in a passage of its own: "baseless" and "we
            # will fight it in court" in a statement another outlet quotes a first sentence of.
            spans = sorted(span_in(units, shorts, units[long]) for shorts in pieces.values())
            if all(a[1] <= b[0] for a, b in pairwise(spans)):
                merged[long] = set(pieces)
    containers: dict[int, list[int]] = defaultdict(list)
    for short, long in parts:
        containers[short].append(long)
    # Longer parts first, so trimmed quotes settle into their clusters before the fragments of
    # those quotes ask which cluster holds them.
    for short in sorted(containers, key=lambda s: (-len(units[s].content), s)):
        plain = {uf.find(long) for long in containers[short] if long not in merged}
        # A merged quote holds pieces of several quotes, so it narrows the choice down to the
        # clusters it merges; two plain containers in different clusters leave it open.
        narrowing = [{uf.find(r) for r in merged[long]} for long in containers[short] if long in merged]
        targets = set(plain) if plain else set(narrowing[0])
        for roots in narrowing:
            targets &= roots
        if len(targets) == 1 and uf.find(short) not in targets:
            root = targets.pop()
            # A fragment that repeats a phrase of its own article's quote ("he called it 'very
            # unfair'" after the full quote) is that quote, not a second one.
            reprises = [long for long in containers[short]
                        if units[short].fragment and verbatim(units[short], units[long])]
            def across(short: int = short, root: int = root) -> bool:
                return any(outweighs_speakers(units[short], units[long]) for long in containers[short]
                           if uf.find(long) == root)

            if uf.can_join(short, root, reprises=reprises, across_speakers=across):
                uf.union(short, root)
    memberships = []
    for i in range(len(units)):
        own = uf.find(i)
        extra = sorted({uf.find(r) for r in merged.get(i, ())} - {own})
        memberships.append((own, *extra))
    sizes = Counter(m[0] for m in memberships)
    # A merged quote with no variant of its own lives only in the clusters it merges.
    return [m[1:] if len(m) > 1 and sizes[m[0]] == 1 else m for m in memberships]


def span_in(units: Sequence[Unit], shorts: Sequence[int], long: Unit) -> tuple[int, int]:
    """The positions of ``long``'s content words, first and past the last, that the common
    subsequences of ``shorts`` with it cover."""
    starts, ends = [], []
    for short in shorts:
        matched = [op for op in LCSseq.opcodes(units[short].content, long.content) if op.tag == "equal"]
        if matched:
            starts.append(matched[0].dest_start)
            ends.append(matched[-1].dest_end)
    return (min(starts), max(ends)) if starts else (0, len(long.content))


def min_overlap(reach: Sequence[float], total: float) -> int:
    """The fewest content words a wording must share with another quote to take part in any
    link, given the sums of its ``k`` heaviest weights (``reach[k - 1]``) and of all of them:
    every link needs the shorter side (or both sides) covered at least at the lowest cover
    threshold that applies to its length, so the wording's own cover must reach it when it is
    that side (when the other is, the other's probe finds the pair). Covers are weighted by
    rarity (``covers``), so the bound counts the heaviest words first; below ``LOOSE_PART_MIN``
    content words the plain share caps the weighted one, so the plain count binds too."""
    n = len(reach)
    if not n:
        return 1  # no content words: no link, and nothing to probe
    floor = min(EQUIVALENT_COVER, PART_COVER)
    if n >= LOOSE_PART_MIN:
        floor = min(floor, LOOSE_PART_COVER)
    plain = 1
    if n < LOOSE_PART_MIN:
        while plain / n < floor:  # the same float comparison the scorers make
            plain += 1
    target = floor * total * (1 - 1e-9)  # a hair under: rounding never drops a link
    k = 1
    while k < n and reach[k - 1] < target:
        k += 1
    return max(1, plain if n < LOOSE_PART_MIN else 1, k if n >= LOOSE_PART_MIN else 1)


def link_floor(reach: Sequence[float], total: float) -> int:
    """The shortest common subsequence with which a wording could be covered at ``LOWEST_COVER``:
    the cover of ``k`` words in order is at most that of its ``k`` heaviest words (``reach``), and
    below ``LOOSE_PART_MIN`` words at most ``k / n`` too. One more than its length when none."""
    n = len(reach)
    for k in range(1, n + 1):
        share = reach[k - 1] / total
        if n < LOOSE_PART_MIN:
            share = min(share, k / n)
        if share * (1 + 1e-9) >= LOWEST_COVER:  # a hair over: rounding never drops a link
            return k
    return n + 1


def member_order(occ: Occurrence) -> tuple:
    """Date order, unknown dates last, then doc id and offset."""
    return (occ.article.date is None, occ.article.date or "", occ.article.doc, occ.quote.start)


def canonical_wording(members: Sequence[tuple[Article, Quote]], merged: frozenset[int] | set[int] = frozenset()) -> str:
    """The cluster's canonical wording: the full-quote wording carried by most outlets; ties go to
    the earliest dated, then the longest, then the first by doc id. Fragments and merged quotes
    stand in only when the cluster has nothing else."""
    pool = [(a, q) for i, (a, q) in enumerate(members) if q.kind is Kind.FULL and i not in merged]
    pool = pool or [(a, q) for i, (a, q) in enumerate(members) if i not in merged] or list(members)
    counts = Counter(fold_words(q.text) for _, q in pool)
    best = min(pool, key=lambda aq: (-counts[fold_words(aq[1].text)], aq[0].date is None, aq[0].date or "",
                                     -len(aq[1].text), aq[0].doc, aq[1].start))
    return best[1].text


def majority_speaker(values: Sequence[str | None]) -> str | None:
    """The speaker most occurrences name, a person's name before a description or a mis-read cue."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (not is_named_person(v), -counts[v], v))


def cluster_id(wording: str, speaker: str | None, taken: set[str], salts: dict[str, int] | None = None) -> str:
    """A content-derived id: stable across runs and file orders, and as a corpus grows."""
    return salted_id(id_seed(wording, speaker), taken, salts)


def id_seed(wording: str, speaker: str | None) -> str:
    """What a cluster's id is a hash of: its speaker and folded canonical wording."""
    return f"{speaker or ''}\x1f{fold_words(wording)}"


def salted_id(seed: str, taken: set[str], salts: dict[str, int] | None = None) -> str:
    """The id of the cluster with ``seed`` (``id_seed``), salted when an earlier cluster took it
    (``taken``: the ids given so far)."""
    salts = {} if salts is None else salts
    # Reliability: start from the next unused salt of this seed, so that thousands of clusters
    # with one wording (a word quoted over and over) cost linear, not quadratic, hashing. The ids
    # are the same as trying every salt from 0.
    n = salts.get(seed, 0)
    while True:
        salted = f"{seed}\x1f{n}" if n else seed
        cid = "q" + hashlib.sha1(salted.encode()).hexdigest()[:8]
        if cid not in taken:
            taken.add(cid)
            salts[seed] = n + 1
            return cid
        n += 1

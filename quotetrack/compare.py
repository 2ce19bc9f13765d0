"""How two wordings of one quote differ: a word-level alignment, its edits, and a verdict.

Both wordings are tokenised on their original text, so every token keeps its spelling and its
character span (for highlighting); the tokens are aligned on comparison keys (``text.concept``:
Snowball stems with near-synonyms folded together, numbers by value), so ``proposals`` lines up
with ``proposal`` and ``halt`` with ``cease``. The alignment is ``difflib.SequenceMatcher``'s
(longest common run of keys first, then the same on each side of it, no junk heuristic), which
keeps runs of words together where a bare longest common subsequence would scatter matches over
repeated function words; aligned tokens whose folded spelling differs, and unaligned tokens,
become edits.

``compare(a, b)`` then says how wording ``b`` relates to wording ``a`` (``Alteration``) and raises
the ``Flag``s a fact-checker cares about: a negation or a number that changed, and a speaker that
differs or is known on one side only. Everything is directional: "B relative to A".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum
from functools import lru_cache
from typing import NamedTuple, Protocol

from .models import Cluster, Kind, Occurrence
from .names import same_person
from .text import WORD_RE, concept, fold, fold_words, is_stopword
from .workers import forked, gc_paused, runs, worker_count


class Alteration(str, Enum):
    """How wording B relates to wording A."""

    IDENTICAL = "identical"
    """Character for character the same (spacing aside)."""
    PUNCTUATION = "punctuation"
    """The same words; only case, punctuation, quote-mark or dash style, or spacing differ."""
    REWORDED = "reworded"
    """The same passage in other words of about the same length: a translation variant or a
    paraphrase (``proposals to cease hostilities`` / ``proposal to stop the hostilities``)."""
    TRIMMED = "trimmed"
    """B drops words of A and adds none of substance."""
    EXTENDED = "extended"
    """B adds words to A and drops none of substance."""
    FRAGMENT = "fragment"
    """B is a short piece of A (a partial or scare quote)."""
    MERGED = "merged"
    """B joins two or more quotes that A carries separately."""
    SPLIT = "split"
    """B carries separately two or more parts of what A quotes as one."""


class Flag(str, Enum):
    """Differences that can change what a quote says or who said it (B relative to A)."""

    NEGATION_ADDED = "negation-added"
    NEGATION_DROPPED = "negation-dropped"
    NUMBER_CHANGED = "number-changed"
    SPEAKER_CHANGED = "speaker-changed"
    """Both name a speaker, and not the same person."""
    SPEAKER_DROPPED = "speaker-dropped"
    """A names the speaker, B leaves it unknown."""
    SPEAKER_ADDED = "speaker-added"
    """B names a speaker that A leaves unknown."""


class Op(str, Enum):
    """One step of a word-level diff."""

    EQUAL = "equal"
    REPLACE = "replace"
    INSERT = "insert"
    DELETE = "delete"


# Negation cues: the closed-class English negators of the negation-cue annotation guidelines of
# the SFU Review corpus (Konstantinova et al., 2012) and of Councill et al. (2010), without the
# affixal (un-, -less) and lexical (fail, lack) cues, which a word diff cannot judge.
NEGATORS = frozenset({
    "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot",
    "without", "nope", "nay",
})
NEGATIVE_CONTRACTION = "n't"
"""``don't``, ``can't``, ``wouldn't``: the clitic negator, spelt with a plain apostrophe once folded."""

# Number words by value, so "30" and "thirty" align and only a change of value is flagged.
# Source: English cardinal and ordinal number names (cardinals to twenty, the tens, the scales).
NUMBER_WORDS: dict[str, str] = {
    **{w: str(i) for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split())},
    **{w: str(10 * i) for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), 3)},
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "trillion": "1000000000000", "dozen": "12", "half": "0.5", "first": "1st", "second": "2nd",
    "third": "3rd", "once": "1x", "twice": "2x",
}
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
TOKEN_RE = re.compile(rf"{NUMBER_RE.pattern}|{WORD_RE.pattern}", re.UNICODE)

ABSORB_MAX = 2
"""An equal run of this many function words or fewer, between two runs that insert or delete
words, is shown as part of one replacement (``[-cease hostilities-]{+halt the fighting+}``, not
``[-cease-]{+halt+}; the; ...``). The idea is diff-match-patch's semantic cleanup (N. Fraser)."""
FRAGMENT_MAX_WORDS = 4
"""Without a known quote kind, a trimmed wording this short is a fragment rather than a trim."""
EXTEND_RATIO = 3
"""When B both adds and drops words, it extends A only if it adds at least this many times as
many words as it drops (and trims A the other way round); otherwise it rewords A."""
PARALLEL_MIN_COMPARISONS = 20_000
"""Distinct comparisons from which ``alterations`` makes them in worker processes: below,
forking costs more than it saves."""


class Token(NamedTuple):
    """One word or number of a wording, with its place in that wording's text (a named tuple: a
    scan makes millions)."""

    text: str
    start: int
    end: int
    folded: str
    """Lower-cased, typographically folded spelling: equal means the same word as printed."""
    key: str
    """Comparison key: stem with synonyms folded, or a number's value."""


@dataclass(frozen=True, slots=True)
class Edit:
    """One run of a word diff: equal words, or a replacement, insertion or deletion."""

    op: Op
    a: str
    """The run's text in A, from its first word to its last (empty for an insertion)."""
    b: str
    a_span: tuple[int, int]
    """Character span of ``a`` in wording A (empty span at the insertion point for inserts)."""
    b_span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Alignment:
    """Two wordings aligned word by word."""

    a: str
    b: str
    edits: tuple[Edit, ...]
    a_words: int
    b_words: int
    a_matched: tuple[int, ...]
    """Indices of A's words that B carries (same key, in order)."""
    b_matched: tuple[int, ...]
    a_tokens: tuple[Token, ...] = ()
    """A's words and numbers (``tokenize``), which the indices refer to."""
    b_tokens: tuple[Token, ...] = ()

    @property
    def changes(self) -> tuple[Edit, ...]:
        """The edits that are not equal runs."""
        return tuple(e for e in self.edits if e.op is not Op.EQUAL)


@dataclass(frozen=True, slots=True)
class Comparison:
    """How wording B relates to wording A, and what a fact-checker should look at."""

    alteration: Alteration
    flags: tuple[Flag, ...]
    a: str
    """Wording A (the reference, a cluster's canonical wording)."""
    b: str
    """Wording B, the one judged."""

    @property
    def alignment(self) -> Alignment:
        """The word alignment behind the verdict, made again on demand (``align`` keeps recent
        ones): a scan keeps only verdicts, so an index can store and restore them."""
        return align(self.a, self.b)

    @property
    def diff(self) -> str:
        """The word diff as plain text (see ``diff_text``)."""
        return diff_text(self.alignment)


def number_value(word: str) -> str | None:
    """The value of a folded number token (``30``, ``thirty``, ``1,000``), or None for a word."""
    if NUMBER_RE.fullmatch(word):
        # A comma between digit groups is a thousands separator in English news copy.
        return word.replace(",", "")
    return NUMBER_WORDS.get(word)


@lru_cache(maxsize=8192)
def tokenize(text: str) -> tuple[Token, ...]:
    """Words and numbers of ``text`` with their spans and comparison keys (cached: a cluster's
    canonical wording is aligned with each of its variants in turn)."""
    return tuple(Token(m.group(), *m.span(), *_spelling(m.group())) for m in TOKEN_RE.finditer(text))


@lru_cache(maxsize=200_000)
def _spelling(token: str) -> tuple[str, str]:
    """A token's folded spelling and comparison key (``Token.folded``, ``Token.key``)."""
    folded = fold(token)
    value = number_value(folded)
    return folded, f"#{value}" if value is not None else concept(folded)


@lru_cache(maxsize=8192)
def align(a: str, b: str) -> Alignment:
    """Align wording ``b`` to wording ``a`` word by word and list the edits, A to B (cached: a
    scan compares most wordings with their canonical wording character for character)."""
    ta, tb = tokenize(a), tokenize(b)
    ka, kb = [t.key for t in ta], [t.key for t in tb]
    blocks = SequenceMatcher(None, ka, kb, autojunk=False).get_matching_blocks()
    pairs = [(m.a + k, m.b + k) for m in blocks for k in range(m.size)]
    pairs = _slide_to_edges(pairs, ka, kb)
    # steps: (a index or None, b index or None, matched-by-key, same spelling)
    steps: list[tuple[int | None, int | None, bool, bool]] = []
    prev_i = prev_j = -1
    for i, j in [*pairs, (len(ta), len(tb))]:
        steps.extend((x, None, False, False) for x in range(prev_i + 1, i))
        steps.extend((None, y, False, False) for y in range(prev_j + 1, j))
        if i < len(ta):
            steps.append((i, j, True, ta[i].folded == tb[j].folded))
        prev_i, prev_j = i, j
    a_matched = tuple(i for i, _, keyed, _ in steps if keyed and i is not None)  # keyed steps have both
    b_matched = tuple(j for _, j, keyed, _ in steps if keyed and j is not None)
    same = _absorb_function_words([s[3] for s in steps], steps, ta)
    # Words cut from or added at either end form their own edit (``-but we proceed ...``), apart
    # from the respelled words next to them: a trim reads as a trim.
    keyed = [k for k, s in enumerate(steps) if s[2]]
    lead = keyed[0] if keyed and _one_sided(steps[:keyed[0]]) else 0
    trail = keyed[-1] if keyed and _one_sided(steps[keyed[-1] + 1:]) else len(steps)
    segment = [0 if k < lead else 2 if k > trail else 1 for k in range(len(steps))]
    edits: list[Edit] = []
    k = 0
    while k < len(steps):
        end = k
        while end < len(steps) and same[end] == same[k] and segment[end] == segment[k]:
            end += 1
        edits.append(_edit(steps[k:end], same[k], a, b, ta, tb, steps, k))
        k = end
    return Alignment(a, b, tuple(edits), len(ta), len(tb), a_matched, b_matched, ta, tb)


def _slide_to_edges(pairs: list[tuple[int, int]], ka: Sequence[str], kb: Sequence[str]) -> list[tuple[int, int]]:
    """Among equally long alignments, prefer the one that cuts words at either end.

    "I have not broken any laws. I have not violated any rules" against "I have not violated any
    rules": an alignment may match the first "I have not" and delete "broken any laws. I have
    not" inside; sliding the deletion to the start (the words before it repeat
    at its end) reads as what it is, a trimmed first sentence. The same slide as diff tools apply
    to ambiguous hunks; only slides that reach an end are taken.
    """
    pairs = list(pairs)
    for side, keys in ((0, ka), (1, kb)):
        other = 1 - side
        gaps = [k for k in range(1, len(pairs)) if pairs[k][side] - pairs[k - 1][side] > 1
                and pairs[k][other] - pairs[k - 1][other] == 1]
        if gaps:
            k = gaps[0]
            d = pairs[k][side] - pairs[k - 1][side] - 1
            if all(keys[pairs[t][side]] == keys[pairs[t][side] + d] for t in range(k)):
                pairs[:k] = [_shift(p, side, d) for p in pairs[:k]]
                gaps = gaps[1:]
        if gaps:
            k = gaps[-1]
            d = pairs[k][side] - pairs[k - 1][side] - 1
            if all(keys[pairs[t][side]] == keys[pairs[t][side] - d] for t in range(k, len(pairs))):
                pairs[k:] = [_shift(p, side, -d) for p in pairs[k:]]
    return pairs


def _shift(pair: tuple[int, int], side: int, d: int) -> tuple[int, int]:
    return (pair[0] + d, pair[1]) if side == 0 else (pair[0], pair[1] + d)


def _one_sided(run: Sequence[tuple]) -> bool:
    """Whether a run of unmatched steps only deletes or only inserts."""
    return len({s[0] is None for s in run}) == 1


def _absorb_function_words(same: list[bool], steps: Sequence[tuple], ta: Sequence[Token]) -> list[bool]:
    """Fold short equal runs of function words into the insertions/deletions around them."""
    out = list(same)
    k = 0
    while k < len(steps):
        if not out[k]:
            k += 1
            continue
        end = k
        while end < len(steps) and out[end]:
            end += 1
        run = steps[k:end]
        if (0 < k and end < len(steps) and len(run) <= ABSORB_MAX
                and all(is_stopword(ta[s[0]].folded) for s in run)
                and _has_unmatched(steps, out, k - 1, -1) and _has_unmatched(steps, out, end, 1)):
            for m in range(k, end):
                out[m] = False
        k = end
    return out


def _has_unmatched(steps: Sequence[tuple], same: Sequence[bool], k: int, step: int) -> bool:
    """Whether the changed run through ``k`` (walking by ``step``) inserts or deletes a word."""
    while 0 <= k < len(steps) and not same[k]:
        if not steps[k][2]:
            return True
        k += step
    return False


def _edit(run: Sequence[tuple], same: bool, a: str, b: str, ta: Sequence[Token], tb: Sequence[Token],
          steps: Sequence[tuple], k: int) -> Edit:
    ia = [s[0] for s in run if s[0] is not None]
    ib = [s[1] for s in run if s[1] is not None]
    a_span = (ta[ia[0]].start, ta[ia[-1]].end) if ia else _gap(ta, steps, k, 0)
    b_span = (tb[ib[0]].start, tb[ib[-1]].end) if ib else _gap(tb, steps, k, 1)
    if same:
        op = Op.EQUAL
    else:
        op = Op.REPLACE if ia and ib else Op.INSERT if ib else Op.DELETE
    return Edit(op, a[a_span[0]:a_span[1]], b[b_span[0]:b_span[1]], a_span, b_span)


def _gap(tokens: Sequence[Token], steps: Sequence[tuple], k: int, side: int) -> tuple[int, int]:
    """The empty span where a run with no words on one side sits: after the last word before it."""
    for s in reversed(steps[:k]):
        if s[side] is not None:
            end = tokens[s[side]].end
            return end, end
    return 0, 0


def diff_text(alignment: Alignment) -> str:
    """The changes as one line: ``proposals→proposal; +and partners; -But``; empty when the
    words are the same."""
    parts = []
    for e in alignment.changes:
        if e.op is Op.REPLACE:
            parts.append(f"{e.a}→{e.b}")
        elif e.op is Op.INSERT:
            parts.append(f"+{e.b}")
        else:
            parts.append(f"-{e.a}")
    return "; ".join(parts)


def _negations(words: Sequence[str]) -> int:
    return sum(w in NEGATORS or w.endswith(NEGATIVE_CONTRACTION) for w in words)


def _numbers(words: Sequence[str]) -> Counter:
    return Counter(v for w in words if (v := number_value(w)) is not None)


def _words_of(span_text: str) -> list[str]:
    return [fold(m.group()) for m in TOKEN_RE.finditer(span_text)]


def _inner_changes(al: Alignment) -> list[Edit]:
    """Changes other than words cut from or added at either end (a trim is not a rewording)."""
    edits = list(al.edits)
    inner = [e for e in edits if e.op is not Op.EQUAL]
    if edits and edits[0].op in (Op.INSERT, Op.DELETE):
        inner = inner[1:]
    if len(edits) > 1 and edits[-1].op in (Op.INSERT, Op.DELETE) and inner and inner[-1] is edits[-1]:
        inner = inner[:-1]
    return inner


def _unmatched_weight(tokens: Sequence[Token], matched: Sequence[int]) -> int:
    """Words the other wording lacks: every word cut at either end, and inside only content words
    (a translation adds or drops "the" without trimming or extending anything)."""
    if not matched:
        return len(tokens)
    first, last, kept = matched[0], matched[-1], set(matched)
    return sum(1 for k, t in enumerate(tokens)
               if k not in kept and (k < first or k > last or not is_stopword(t.folded)))


def classify(al: Alignment, *, fragment: bool | None = None) -> Alteration:
    """How B relates to A from the words alone (never ``merged`` or ``split``: those depend on
    the other quotes). ``fragment`` says whether B is a fragment quote; None guesses by length."""
    if " ".join(al.a.split()) == " ".join(al.b.split()):
        return Alteration.IDENTICAL
    if fold_words(al.a) == fold_words(al.b):
        return Alteration.PUNCTUATION
    dropped = _unmatched_weight(al.a_tokens, al.a_matched)
    added = _unmatched_weight(al.b_tokens, al.b_matched)
    drops = dropped > 0 and dropped >= EXTEND_RATIO * added
    adds = added > 0 and added >= EXTEND_RATIO * dropped
    if drops and not adds:
        short = al.b_words <= FRAGMENT_MAX_WORDS if fragment is None else fragment
        return Alteration.FRAGMENT if short else Alteration.TRIMMED
    if adds and not drops:
        return Alteration.EXTENDED
    return Alteration.REWORDED


def flags(al: Alignment, speaker_a: str | None = None, speaker_b: str | None = None) -> tuple[Flag, ...]:
    """The fact-checker's flags for B against A. Negations and numbers count only inside the
    passage both carry: words cut from or added at either end are a trim, not a change."""
    out: list[Flag] = []
    inner = _inner_changes(al)
    neg_a = sum(_negations(_words_of(e.a)) for e in inner)
    neg_b = sum(_negations(_words_of(e.b)) for e in inner)
    if neg_b > neg_a:
        out.append(Flag.NEGATION_ADDED)
    elif neg_a > neg_b:
        out.append(Flag.NEGATION_DROPPED)
    num_a = sum((_numbers(_words_of(e.a)) for e in inner), Counter())
    num_b = sum((_numbers(_words_of(e.b)) for e in inner), Counter())
    if num_a != num_b:
        out.append(Flag.NUMBER_CHANGED)
    return (*out, *_speaker_flags(speaker_a, speaker_b))


def _speaker_flags(speaker_a: str | None, speaker_b: str | None) -> tuple[Flag, ...]:
    if speaker_a and speaker_b and not same_person(speaker_a, speaker_b):
        return (Flag.SPEAKER_CHANGED,)
    if speaker_a and not speaker_b:
        return (Flag.SPEAKER_DROPPED,)
    if speaker_b and not speaker_a:
        return (Flag.SPEAKER_ADDED,)
    return ()


def compare(a: str, b: str, *, speaker_a: str | None = None, speaker_b: str | None = None,
            fragment: bool | None = None, grouping: Alteration | None = None) -> Comparison:
    """Compare wording ``b`` with wording ``a``.

    ``fragment`` says whether B is a fragment quote (None: guess by length). ``grouping`` is
    ``Alteration.MERGED`` or ``Alteration.SPLIT`` when the caller knows B merges quotes A carries
    apart, or splits one; it overrides the verdict from the words unless they are identical.
    """
    if a == b:  # the common case, a wording against itself: nothing to align
        return Comparison(Alteration.IDENTICAL, _speaker_flags(speaker_a, speaker_b), a, b)
    al = align(a, b)
    verdict = classify(al, fragment=fragment)
    if grouping in (Alteration.MERGED, Alteration.SPLIT) and verdict is not Alteration.IDENTICAL:
        verdict = grouping
    return Comparison(verdict, flags(al, speaker_a, speaker_b), a, b)


class Known(Protocol):
    """Comparisons made before (a re-scan's, ``clustering.memo``): ``compare`` is a pure function
    of its arguments, so an answer kept for the same arguments is the answer."""

    def lookup(self, asks: Sequence[Ask]) -> list[Comparison | None]:
        """The kept answer of each of ``asks``, None where there is none."""
        ...

    def remember(self, asks: Sequence[Ask], answers: Sequence[Comparison]) -> None:
        """Keep the answers of this scan's ``asks``."""
        ...


def alterations(clusters: Sequence[Cluster], jobs: int = 1, known: Known | None = None) -> tuple[Cluster, ...]:
    """Every occurrence compared with its primary cluster's canonical wording and speaker, in
    ``jobs`` worker processes when there are enough comparisons (``PARALLEL_MIN_COMPARISONS``);
    only those ``known`` has no answer for, when given (it then keeps this scan's answers).

    A quote that belongs to several clusters is ``merged``; when the canonical wording is itself
    such a merged quote, the cluster's other members are ``split``. Each occurrence is compared
    once, so a merged quote carries the same verdict in every cluster it belongs to.
    """
    with gc_paused():  # a record per occurrence, and no cycles among them
        asks, numbers = _asks(clusters)
        return _with_alterations(clusters, numbers, _answers_known(asks, jobs, known))


def _answers_known(asks: list[Ask], jobs: int, known: Known | None) -> list[Comparison]:
    """``_answers`` for the asks ``known`` has no answer for, the rest from ``known`` (which then
    keeps every answer of this scan)."""
    found: list[Comparison | None] = known.lookup(asks) if known is not None else [None] * len(asks)
    missing = [k for k, answer in enumerate(found) if answer is None]
    for k, answer in zip(missing, _answers([asks[k] for k in missing], jobs)):
        found[k] = answer
    if known is not None:
        known.remember(asks, found)  # type: ignore[arg-type]  # every one answered now
    return found  # type: ignore[return-value]  # every one answered now


def _asks(clusters: Sequence[Cluster]) -> tuple[list[Ask], list[int]]:
    """Each occurrence's comparison as the arguments of ``compare``, each distinct one once (the
    outlets that carry a quote word for word under one speaker share one), and the number of
    each member's, in cluster then member order. A quote in several clusters is asked once, by
    its place, from the first cluster that holds it."""
    by_id = {c.id: c for c in clusters}
    # Clusters whose canonical wording is a merged quote: their other members are split off it.
    split = set()
    for c in clusters:
        for m in c.members:
            if len(m.clusters) > 1 and m.quote.text == c.canonical:
                split.add(c.id)
    asks: dict[Ask, int] = {}
    numbers: list[int] = []
    shared: dict[tuple[str, int], int] = {}
    for c in clusters:
        for o in c.members:
            several = len(o.clusters) > 1
            if several and (n := shared.get((o.article.doc, o.quote.start))) is not None:
                numbers.append(n)
                continue
            primary = by_id.get(o.clusters[0], c)
            grouping = (Alteration.MERGED if several
                        else Alteration.SPLIT if primary.id in split else None)
            q = o.quote
            n = asks.setdefault(Ask(primary.canonical, q.text, primary.speaker, q.speaker, q.kind is Kind.FRAGMENT,
                                     grouping), len(asks))
            if several:
                shared[o.article.doc, q.start] = n
            numbers.append(n)
    return list(asks), numbers


def _with_alterations(clusters: Sequence[Cluster], numbers: Sequence[int], found: Sequence[Comparison]
                      ) -> tuple[Cluster, ...]:
    """``clusters`` with each member given ``found[numbers[k]]``, ``k`` counting the members in
    order. Records are made directly (``dataclasses.replace`` costs several times as much, a
    million times over in a large scan); a quote in several clusters is one record in all."""
    made: dict[tuple[str, int], Occurrence] = {}
    out = []
    k = 0
    for c in clusters:
        members = []
        for o in c.members:
            if len(o.clusters) > 1:
                key = (o.article.doc, o.quote.start)
                if (occ := made.get(key)) is None:
                    occ = made[key] = Occurrence(o.article, o.quote, o.clusters, found[numbers[k]])
            else:
                occ = Occurrence(o.article, o.quote, o.clusters, found[numbers[k]])
            members.append(occ)
            k += 1
        out.append(Cluster(c.id, tuple(members), c.canonical, c.speaker))
    return tuple(out)


class Ask(NamedTuple):
    """The arguments of one call to ``compare``."""

    a: str
    b: str
    speaker_a: str | None
    speaker_b: str | None
    fragment: bool
    grouping: Alteration | None


def _answers(asks: Sequence[Ask], jobs: int) -> list[Comparison]:
    """``compare`` of each of ``asks``, in order: in ``jobs`` forked worker processes when there are
    enough, which send back only each verdict and its flags."""
    def answer(ask: Ask) -> Comparison:
        return compare(ask.a, ask.b, speaker_a=ask.speaker_a, speaker_b=ask.speaker_b,
                       fragment=ask.fragment, grouping=ask.grouping)

    workers = worker_count(jobs, len(asks), PARALLEL_MIN_COMPARISONS)
    if workers == 1:
        return [answer(ask) for ask in asks]

    def verdicts(share: slice) -> tuple[slice, list[tuple[Alteration, tuple[Flag, ...]]]]:
        return share, [(c.alteration, c.flags) for c in map(answer, asks[share])]

    found: list[Comparison | None] = [None] * len(asks)
    # In runs, not strided: a cluster's comparisons are neighbours and align its canonical
    # wording with each variant, which ``align`` and ``tokenize`` keep while they last.
    for share, answered in forked(verdicts, runs(len(asks), workers), workers):
        for k, (alteration, flagged) in zip(range(len(asks))[share], answered, strict=True):
            found[k] = Comparison(alteration, flagged, asks[k].a, asks[k].b)
    return found  # type: ignore[return-value]  # every share has come back

"""Generate realistic benchmark corpora from the dev data, at run time, into a scratch folder.

Nothing generated here is committed: corpora go to a temporary directory or ``bench/out/``
(git-ignored), because the sources (PolNeAR articles, seeds) must not enter the repository. The
seeds alone are enough to generate from (the tests do, where the dev data is absent).

A corpus is a set of *stories*, each covered by one to six outlets, as in a news archive. A story
draws its paragraphs from a few source articles and puts its own *novel* quotes in their quote
slots: sentences recombined from clauses of different source quotes, with a name of the story
(``tail_word``), so a large corpus is not copies of a few thousand quotes. Every outlet writes its
own article from the story's material: a subset of its passages, loosely reordered, under its
own byline and date line; ``VARIANT_SHARE`` of the quotes it carries are reworded into *variants*
(a word dropped or added, a synonym swapped, punctuation changed, a trimmed end). A few source
paragraphs are *viral*: their quotes reappear, with their attribution (``self_attributed``), in
many unrelated stories.

The ground truth (``Generated.groups``) says which quote occurrences are one quote, with their
exact offsets in the files written, so a benchmark can measure the link recall of the clustering.
"""

from __future__ import annotations

import os
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from pathlib import Path

from quotetrack.corpus import iter_articles
from quotetrack.extract import find_quotes
from quotetrack.models import Article, Kind, Quote
from quotetrack.pipeline import quotes_of
from quotetrack.text import SYNONYM_SETS

SEEDS = str(Path(__file__).resolve().parent.parent / "seeds")
DEFAULT_SOURCES = ("/work/shared/devdata/polnear-train/docs", SEEDS)
FILLER_WORDS = "really also indeed now still just very again".split()
SYNONYM = {w: group for group in SYNONYM_SETS for w in group}
PERTURBATIONS = ("drop", "add", "synonym", "punct", "trim")
MIN_VARIANT_WORDS = 8
"""Only quotes of this many words or more get variants: shorter ones may rightly stay apart."""
MIN_PARAGRAPH_WORDS = 8
"""Shorter source paragraphs (headlines, bylines, captions, "Contributing Writer") are left out:
a generated article has its own header."""
MIN_CLAUSE_WORDS = 3
NESTED_MARK_RE = re.compile(r"[\"“”‘]|(?<!\w)['’]|['’](?!\w)")
"""A quote mark that is not an apostrophe: clauses holding one are not recombined, and headlines
lose them, so no generated text leaves a mark unpaired."""
VARIANT_SHARE = 0.3
"""Share of the quotes an outlet carries that it rewords."""
VIRAL_SHARE = 0.02
"""Share of quote-bearing paragraphs that are replaced by a viral paragraph."""
VIRAL_PER_ARTICLES = 500
"""One viral paragraph per this many articles generated (at least three), so each is reused
across tens of stories at any corpus size."""
OUTLETS_PER_STORY = (1, 2, 3, 4, 5, 6)
OUTLET_WEIGHTS = (15, 20, 25, 20, 12, 8)
"""How many outlets cover a story (mean 3.2): most stories are covered by a few outlets."""
KEEP_PASSAGE = 0.75
"""Share of the story's passages (``_story``) an outlet's article uses."""
MAX_STORY_PARAGRAPHS = 20
HEADLINE_WORDS = 12
FIRST_DATE, LAST_DATE = Date(2015, 1, 1), Date(2025, 12, 31)

# Fictional mastheads and reporters: outlets must vary, and no real outlet's name is taken.
_PLACES = ("Riverton", "Lakeside", "Eastport", "Millbrook", "Harbor City", "Northfield", "Granite Falls",
           "Westbury", "Cedar Valley", "Southgate")
_PAPERS = ("Herald", "Courier", "Tribune", "Post", "Ledger", "Gazette", "Chronicle", "Times")
OUTLETS = tuple(f"The {place} {paper}" for place in _PLACES for paper in _PAPERS)
REPORTER_FIRST = ("Jane", "John", "Maria", "David", "Aisha", "Tomas", "Grace", "Omar", "Lena", "Paul",
                  "Nadia", "Victor", "Ruth", "Samuel", "Ingrid", "Kenji")
REPORTER_LAST = ("Roe", "Doe", "Alvarez", "Brennan", "Okafor", "Lindqvist", "Moreau", "Haddad", "Sato",
                 "Kowalski", "Fischer", "Mensah", "Quinn", "Petrova", "Walsh", "Reyes")


@dataclass(frozen=True, slots=True)
class Source:
    """Paragraphs of the source articles, the quotes found in each, and clauses of those quotes."""

    paragraphs: list[str]
    quotes: list[list[tuple[int, int]]]
    """Per paragraph: (start, end) of each full quote long enough to vary, relative to it."""
    articles: list[list[int]]
    """Per source article: the indices of its paragraphs, in order."""
    clauses: list[str]
    """Clauses of the source quotes (``MIN_CLAUSE_WORDS`` words or more), for novel quotes."""
    named: list[bool]
    """Per paragraph: whether it names the speaker of each of its quotes (``self_attributed``)."""


def load_sources(dirs: tuple[str, ...] = DEFAULT_SOURCES) -> Source:
    """Read the source folders once (those that exist)."""
    paragraphs: list[str] = []
    quotes: list[list[tuple[int, int]]] = []
    articles: list[list[int]] = []
    clauses: dict[str, None] = {}
    for item in iter_articles([d for d in dirs if os.path.isdir(d)]):
        if not isinstance(item, Article):
            continue
        found = [q for q in find_quotes(item) if q.kind is Kind.FULL and len(q.text.split()) >= MIN_VARIANT_WORDS]
        for q in found:
            clauses.update(dict.fromkeys(clauses_of(q.text)))
        mine: list[int] = []
        for m in re.finditer(r"[^\n]+", item.text):
            para = m.group()
            if len(para.split()) < MIN_PARAGRAPH_WORDS or para.lstrip().startswith("date "):
                continue
            mine.append(len(paragraphs))
            paragraphs.append(para)
            quotes.append([(q.start - m.start(), q.end - m.start()) for q in found
                           if m.start() <= q.start and q.end <= m.end()])
        if mine:
            articles.append(mine)
    named = [self_attributed(p, spans) for p, spans in zip(paragraphs, quotes)]
    return Source(paragraphs, quotes, articles, list(clauses), named)


def clauses_of(quote: str) -> list[str]:
    """The clauses of a quote that a novel quote may reuse: ``MIN_CLAUSE_WORDS`` words or more,
    no nested quote marks, no closing punctuation."""
    found = (c.rstrip(",;:.!?") for c in re.split(r"(?<=[,;:.!?])\s+", quote))
    return [c for c in found if len(c.split()) >= MIN_CLAUSE_WORDS and not NESTED_MARK_RE.search(c)]


def perturb(text: str, how: str, rng: random.Random) -> str:
    """One variant wording of a quote."""
    words = text.split()
    if how == "drop" and len(words) > 4:
        del words[rng.randrange(1, len(words) - 1)]
    elif how == "add":
        words.insert(rng.randrange(1, len(words)), rng.choice(FILLER_WORDS))
    elif how == "synonym":
        spots = [i for i, w in enumerate(words) if w.lower().strip(".,;!?") in SYNONYM]
        if spots:
            i = rng.choice(spots)
            core = words[i].lower().strip(".,;!?")
            words[i] = words[i].replace(core, rng.choice([w for w in SYNONYM[core] if w != core] or [core]))
        else:
            words.insert(rng.randrange(1, len(words)), rng.choice(FILLER_WORDS))
    elif how == "punct":
        return re.sub(r"[,;]", "", text) if re.search(r"[,;]", text) else text.rstrip(".!?") + "!"
    elif how == "trim" and len(words) > 10:
        words = words[: max(8, int(len(words) * 0.8))]
    return " ".join(words)


TAIL_VOCABULARY = 500_000
"""Size of the synthetic long tail (see ``tail_word``)."""


def tail_word(rng: random.Random) -> str:
    """A pseudo-word from a Zipf-like long tail. A million real quotes come from tens of millions
    of words of news, rich in names, numbers and places; the dev data has one million words, so
    without a tail every word would be common and no benchmark quote would have a rare word."""
    k = int(TAIL_VOCABULARY ** rng.random())
    letters = "bcdfghjklmnprstvz"
    out = ""
    while True:
        k, r = divmod(k, len(letters))
        out += letters[r] + "aeiou"[k % 5]
        if k < len(letters):
            return out.capitalize()


def novel_quote(pool: list[str], names: list[str], ending: str, rng: random.Random) -> str:
    """A new quote: two or three clauses from ``pool`` (a clause that opens with a capital starts a
    new sentence), with one of the story's names (``names``) in it, ending as the quote it
    replaces did."""
    clauses = [rng.choice(pool) for _ in range(rng.choice((2, 2, 3)))]
    while sum(len(c.split()) for c in clauses) < MIN_VARIANT_WORDS:
        clauses.append(rng.choice(pool))
    text = clauses[0]
    for clause in clauses[1:]:
        text += (". " if clause[:1].isupper() and not re.match(r"I\b", clause) else ", ") + clause
    words = text.split()
    # Between two lower-case words, so the name never runs into another ("Da Hillary Clinton").
    spots = [i for i in range(1, len(words)) if words[i - 1][:1].islower() and words[i][:1].islower()]
    words.insert(rng.choice(spots) if spots else len(words), rng.choice(names))
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + ending


@dataclass(frozen=True, slots=True)
class Member:
    """One occurrence of a ground-truth quote in a generated article."""

    doc: str
    start: int
    end: int
    """Offsets of the quote's words in the file text (inside the quote marks)."""
    text: str
    how: str | None
    """The perturbation that made this wording from the group's ``origin``; None for the origin."""


@dataclass(frozen=True, slots=True)
class Group:
    """Occurrences that are one quote, which the scan should link into one cluster."""

    kind: str
    """``story``: a story's quote as its outlets carried it; ``viral``: a quote reused across stories."""
    origin: str
    members: tuple[Member, ...]


@dataclass(frozen=True, slots=True)
class Generated:
    """What ``generate_corpus`` wrote: the files, and the ground truth of which quotes are one."""

    paths: tuple[str, ...]
    groups: tuple[Group, ...]
    """Every quote placed in two or more articles."""


Pieces = tuple[str, ...]
"""A story's paragraph: text around quote slots, alternating text, slot key, text, ..., text. A
slot key names the quote's group; ``generate_corpus`` keeps each group's wording by key."""


def _story_paragraph(source: Source, k: int, pool: list[str], names: list[str], key: str,
                     wordings: dict[str, str], rng: random.Random) -> Pieces:
    """Source paragraph ``k`` with every quote slot given a novel quote from the clauses in
    ``pool`` (group ``key`` + slot number)."""
    para, pieces, at = source.paragraphs[k], [], 0
    for n, (s, e) in enumerate(source.quotes[k]):
        old = para[s:e]
        slot = f"{key}.{n}"
        wordings[slot] = novel_quote(pool, names, old[-1] if old[-1] in ".!?" else "", rng)
        pieces += [para[at:s], slot]
        at = e
    pieces.append(para[at:])
    return tuple(pieces)


def _viral_paragraph(source: Source, k: int, wordings: dict[str, str]) -> Pieces:
    """Source paragraph ``k`` with its own quotes as slots of the viral groups ``v<k>.<n>``."""
    para, pieces, at = source.paragraphs[k], [], 0
    for n, (s, e) in enumerate(source.quotes[k]):
        slot = f"v{k}.{n}"
        wordings[slot] = para[s:e]
        pieces += [para[at:s], slot]
        at = e
    pieces.append(para[at:])
    return tuple(pieces)


def self_attributed(paragraph: str, spans: list[tuple[int, int]]) -> bool:
    """Whether every quote of ``paragraph`` (at ``spans``) is given, read alone, to a person it
    names. An outlet that moves or reuses a quote names its speaker: a "she said" takes its
    speaker from the paragraph before, so such a paragraph stays after it (``_story``) and is never
    viral."""
    if not spans:
        return True
    found = {(q.start, q.end): q.speaker for q in quotes_of(Article("p", "p", paragraph, "p", None))}
    return all((speaker := found.get(span)) is not None and speaker[:1].isupper() and speaker.split()[-1] in paragraph
               for span in spans)


def _header(rng: random.Random, headline: str, outlet: str, day: Date) -> str:
    """Headline, byline and date line, in one of the forms news sites write them (each read by
    ``quotetrack.metadata``)."""
    reporter = f"{rng.choice(REPORTER_FIRST)} {rng.choice(REPORTER_LAST)}"
    form = rng.randrange(3)
    if form == 0:
        lines = [f"By {reporter}, {outlet}", f"{day:%B} {day.day}, {day.year}"]
    elif form == 1:
        clock = f"{rng.randint(6, 22):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        lines = [f"By {reporter} | {outlet}", f"Published {day.day} {day:%B %Y} | {clock} GMT"]
    else:
        lines = [f"By {reporter} - {outlet}", day.isoformat()]
    return "\n\n".join([headline, *lines])


def _headline(paragraph: str) -> str:
    """The first sentence of a paragraph, without quote marks, cut to ``HEADLINE_WORDS``."""
    first = re.split(r"(?<=[.!?])\s", NESTED_MARK_RE.sub("", paragraph))[0]
    return " ".join(first.split()[:HEADLINE_WORDS]).rstrip(",;:.")


def generate_corpus(out_dir: str, n_articles: int, source: Source, seed: int = 7, prefix: str = "gen",
                    variant_share: float = VARIANT_SHARE) -> Generated:
    """Write ``n_articles`` articles, story by story, to ``out_dir`` (in sub-folders of 1,000),
    named ``<prefix><number>.txt``: a batch with another prefix (and seed) adds new stories to a
    corpus without touching its files."""
    rng = random.Random(seed)
    candidates = [k for k, spans in enumerate(source.quotes) if spans]
    rng.shuffle(candidates)
    viral = [k for k in candidates if source.named[k]][:max(3, n_articles // VIRAL_PER_ARTICLES)]
    # Novel quotes never reuse a viral quote's clauses: they would be parts of it, not new quotes.
    taken = {c for k in viral for s, e in source.quotes[k] for c in clauses_of(source.paragraphs[k][s:e])}
    clause_pool = [c for c in source.clauses if c not in taken]
    wordings: dict[str, str] = {}
    members: dict[str, list[Member]] = defaultdict(list)
    paths: list[str] = []
    story = 0
    while len(paths) < n_articles:
        headline, passages = _story(source, viral, clause_pool, f"s{prefix}{story}", wordings, rng)
        day = FIRST_DATE + timedelta(days=rng.randrange((LAST_DATE - FIRST_DATE).days))
        outlets = rng.sample(OUTLETS, rng.choices(OUTLETS_PER_STORY, OUTLET_WEIGHTS)[0])
        for outlet in outlets[:n_articles - len(paths)]:
            doc = f"{prefix}{len(paths):07d}"
            text = _header(rng, headline, outlet, day + timedelta(days=rng.choice((0, 0, 0, 1, 2))))
            chosen = [p for p in range(len(passages)) if rng.random() < KEEP_PASSAGE] or [0]
            chosen.sort(key=lambda p: p + rng.gauss(0, 1.5))  # loosely reordered
            for paragraph in (par for p in chosen for par in passages[p]):
                text += "\n\n"
                for i, piece in enumerate(paragraph):
                    if i % 2 == 0:
                        text += piece
                        continue
                    wording, how = wordings[piece], None
                    if rng.random() < variant_share:
                        how = rng.choice(PERTURBATIONS)
                        wording = perturb(wording, how, rng)
                        how = how if wording != wordings[piece] else None
                    members[piece].append(Member(doc, len(text), len(text) + len(wording), wording, how))
                    text += wording
            folder = Path(out_dir) / f"{prefix}{len(paths) // 1000:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{doc}.txt"
            path.write_text(text + "\n", encoding="utf-8")
            paths.append(str(path))
        story += 1
    groups = tuple(Group("viral" if slot.startswith("v") else "story", wordings[slot], tuple(found))
                   for slot, found in members.items() if len(found) > 1)
    return Generated(tuple(paths), groups)


def _story(source: Source, viral: list[int], clause_pool: list[str], key: str, wordings: dict[str, str],
           rng: random.Random) -> tuple[str, list[list[Pieces]]]:
    """A story's headline and material: the paragraphs of one to three source articles (all of the
    first, about half of the others), each with novel quotes (slots ``key.<paragraph>.<n>``) or,
    for ``VIRAL_SHARE`` of the quote-bearing ones, replaced by a viral paragraph. Paragraphs come
    in passages that outlets keep whole: a paragraph that does not name its speakers stays with
    the one before it, where the speaker is introduced."""
    names = [tail_word(rng) for _ in range(2)]
    picked = rng.sample(source.articles, min(len(source.articles), rng.choice((1, 2, 2, 3))))
    pool = (list(picked[0]) + [k for art in picked[1:] for k in art if rng.random() < 0.5])[:MAX_STORY_PARAGRAPHS]
    unused = list(viral)  # a story uses a viral paragraph once: one quote is once in an article
    passages: list[list[Pieces]] = []
    for n, k in enumerate(pool):
        if source.quotes[k] and unused and rng.random() < VIRAL_SHARE:
            passages.append([_viral_paragraph(source, unused.pop(rng.randrange(len(unused))), wordings)])
            continue
        paragraph = _story_paragraph(source, k, clause_pool, names, f"{key}.{n}", wordings, rng)
        if passages and not source.named[k]:
            passages[-1].append(paragraph)
        else:
            passages.append([paragraph])
    return _headline(source.paragraphs[pool[0]]), passages


@dataclass(frozen=True, slots=True)
class Recall:
    """How well a scan linked the ground-truth groups of one kind."""

    groups: int
    members: int
    found: int
    """Members the scan extracted as a quote (its span overlaps most of theirs)."""
    pairs: int
    """Pairs of found members of one group."""
    linked: int
    """Of those pairs, the ones that share a cluster."""
    whole: int
    """Groups whose found members all share one cluster (pairs weigh big groups more)."""
    mixed: int
    """Clusters holding found members of this kind and of another group of any kind (links the
    ground truth does not make)."""

    @property
    def rate(self) -> float:
        """Pairwise link recall over the found members."""
        return self.linked / max(self.pairs, 1)


def link_recall(rows: Iterable[dict], groups: Iterable[Group]) -> dict[str, Recall]:
    """Score ``scan --format jsonl`` rows against the ground truth, per group kind."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_doc[row["doc"]].append(row)
    tallies: dict[str, list[int]] = {}
    owners: dict[str, set[int]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    for g, group in enumerate(groups):
        tally = tallies.setdefault(group.kind, [0, 0, 0, 0, 0, 0])
        tally[0] += 1
        tally[1] += len(group.members)
        found = [c for m in group.members if (c := _clusters_at(by_doc[m.doc], m)) is not None]
        tally[2] += len(found)
        tally[3] += len(found) * (len(found) - 1) // 2
        tally[4] += sum(bool(a & b) for i, a in enumerate(found) for b in found[i + 1:])
        tally[5] += bool(found) and bool(set.intersection(*found))
        for clusters in found:
            for c in clusters:
                owners[c].add(g)
                kinds[c].add(group.kind)
    mixed = [c for c, gs in owners.items() if len(gs) > 1]
    return {kind: Recall(*t, mixed=sum(kind in kinds[c] for c in mixed)) for kind, t in sorted(tallies.items())}


def _clusters_at(rows: list[dict], member: Member) -> set[str] | None:
    """The clusters of the extracted quote that covers most of ``member``'s span (more than half)."""
    best, most = None, len(member.text) / 2
    for row in rows:
        overlap = min(row["end"], member.end) - max(row["start"], member.start)
        if overlap > most:
            best, most = row, overlap
    return None if best is None else {best["cluster"], *best["clusters"]}


def generate_quotes(n: int, source: Source, seed: int = 7) -> Iterator[tuple[Article, Quote, str | None]]:
    """``n`` quote occurrences for clustering alone: new sentences spliced from two or three word
    windows of the source paragraphs and a long-tail word or two, each carried by one to five
    outlets (the copies after the first perturbed). Yields (article, quote, origin wording or None
    for the first copy)."""
    rng = random.Random(seed)
    pieces = [p.split() for p in source.paragraphs if len(p.split()) >= 12]
    speakers = [f"{a} {b}" for a in ("Ann", "Bob", "Carla", "Dev", "Eli", "Fay", "Gus", "Hana")
                for b in ("Abbot", "Brook", "Casey", "Doyle", "Ellis", "Frost", "Grant", "Hayes", "Irwin")]
    made = 0
    serial = 0
    while made < n:
        words: list[str] = []
        for _ in range(rng.choice((2, 3))):
            piece = rng.choice(pieces)
            at = rng.randrange(0, len(piece) - 6)
            words += piece[at:at + rng.randint(3, 6)]
        for _ in range(rng.choice((1, 2))):
            words.insert(rng.randrange(len(words) + 1), tail_word(rng))
        base = " ".join(words)
        speaker = rng.choice(speakers) if rng.random() < 0.7 else None
        for copy in range(min(rng.choice((1, 1, 2, 2, 3, 4, 5)), n - made)):
            serial += 1
            doc = f"o{serial:08d}"
            text = base if copy == 0 else perturb(base, rng.choice(PERTURBATIONS), rng)
            article = Article(doc=doc, path=doc, text=text, outlet=doc, date=None)
            yield article, Quote(doc, 0, len(text), text, Kind.FULL, 0, speaker=speaker), (base if copy else None)
            made += 1

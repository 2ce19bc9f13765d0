"""Generate realistic benchmark corpora from the dev data, at run time, into a scratch folder.

Nothing generated here is committed: corpora go to a temporary directory or ``bench/out/``
(git-ignored), because the sources (PolNeAR articles, seeds) must not enter the repository.

An article is a recombination of paragraphs drawn from the source articles. A share of the quotes
in those paragraphs are rewritten into *variants* (a word dropped or added, a synonym swapped,
punctuation changed, a trimmed part), and every variant remembers the quote it came from, so a
benchmark can measure the link recall of the clustering on them.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quotetrack.corpus import iter_articles
from quotetrack.extract import find_quotes
from quotetrack.models import Article, Kind, Quote
from quotetrack.text import SYNONYM_SETS

DEFAULT_SOURCES = ("/work/shared/devdata/polnear-train/docs", str(Path(__file__).resolve().parent.parent / "seeds"))
FILLER_WORDS = "really also indeed now still just very again".split()
SYNONYM = {w: group for group in SYNONYM_SETS for w in group}
PERTURBATIONS = ("drop", "add", "synonym", "punct", "trim")
MIN_VARIANT_WORDS = 8
"""Only quotes of this many words or more get variants: shorter ones may rightly stay apart."""


@dataclass(frozen=True, slots=True)
class Source:
    """Paragraphs of the source articles, and the quotes found in each."""

    paragraphs: list[str]
    quotes: list[list[tuple[int, int]]]
    """Per paragraph: (start, end) of each full quote long enough to vary, relative to it."""


def load_sources(dirs: tuple[str, ...] = DEFAULT_SOURCES) -> Source:
    """Read the source folders once."""
    paragraphs: list[str] = []
    quotes: list[list[tuple[int, int]]] = []
    for item in iter_articles([d for d in dirs if os.path.isdir(d)]):
        if not isinstance(item, Article):
            continue
        found = [q for q in find_quotes(item) if q.kind is Kind.FULL and len(q.text.split()) >= MIN_VARIANT_WORDS]
        for m in re.finditer(r"[^\n]+", item.text):
            para = m.group()
            if not para.strip() or para.lstrip().startswith("date "):
                continue
            inside = [(q.start - m.start(), q.end - m.start()) for q in found
                      if m.start() <= q.start and q.end <= m.end()]
            paragraphs.append(para)
            quotes.append(inside)
    return Source(paragraphs, quotes)


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


@dataclass(frozen=True, slots=True)
class Variant:
    """A perturbed copy placed in a generated article, and the quote it came from."""

    doc: str
    origin: str
    """The original wording (as it also appears, unchanged, in another generated article)."""
    text: str
    how: str


def generate_corpus(out_dir: str, n_articles: int, source: Source, seed: int = 7,
                    variant_share: float = 0.3) -> list[Variant]:
    """Write ``n_articles`` recombined articles to ``out_dir`` (in sub-folders of 1,000)."""
    rng = random.Random(seed)
    variants: list[Variant] = []
    n_para = len(source.paragraphs)
    for i in range(n_articles):
        doc = f"gen{i:07d}"
        date = f"20{15 + i % 10:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        paras = [f"date {date}"]
        for _ in range(rng.randint(8, 16)):
            k = rng.randrange(n_para)
            para, spans = source.paragraphs[k], source.quotes[k]
            if spans and rng.random() < variant_share:
                s, e = rng.choice(spans)
                how = rng.choice(PERTURBATIONS)
                new = perturb(para[s:e], how, rng)
                if new != para[s:e]:
                    variants.append(Variant(doc, para[s:e], new, how))
                    para = para[:s] + new + para[e:]
            paras.append(para)
        folder = Path(out_dir) / f"{i // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{doc}.txt").write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return variants


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

"""Cross-outlet link check on BASIL-style story sets (no gold annotation needed).

BASIL (Fan et al., EMNLP 2019) groups 88 stories, each covered by Fox News, The New York Times and
HuffPost. The same quotes recur across a story's three articles, trimmed, reworded and misquoted;
quotes of *different* stories are almost never the same quote. So, scanning every article at once:

- links between two articles of one story are the *cross-outlet links* (mostly right; precision is
  estimated by hand on a printed sample);
- links between articles of different stories are *cross-story links*, counted as false links;
- *near misses* are unlinked pairs of one story, compatible speakers, whose content words overlap
  a lot by an independent measure (LCS cover of concept stems): candidates for missed links.

Usage::

    python bench/links.py /path/to/basil-stories [--scope all|story] [--sample 60] [--seed 1]
                          [--near 40] [--dump links.json]

The data stays outside the repository (its licence allows internal evaluation only).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from rapidfuzz.distance import LCSseq

from quotetrack.clustering import cluster
from quotetrack.corpus import read_article
from quotetrack.models import Article
from quotetrack.names import same_person
from quotetrack.pipeline import quotes_of, unify_speakers
from quotetrack.text import concepts, is_stopword, words

NEAR_FLOOR = 0.5
"""Near misses: the better of the two covers must reach this (the rules' thresholds are higher)."""


def load(root: Path) -> tuple[list[Article], dict[str, str]]:
    """Every article of the story set with outlet and date from stories.jsonl, and doc -> story."""
    articles, story_of = [], {}
    for line in (root / "stories.jsonl").read_text(encoding="utf-8").splitlines():
        story = json.loads(line)
        for doc in story["docs"]:
            path = root / "docs" / f"{doc}.txt"
            art = read_article(str(path), path.read_bytes())
            articles.append(replace(art, outlet=story["outlets"][doc], date=story["dates"].get(doc)))
            story_of[doc] = story["story"]
    return articles, story_of


def _content(text: str) -> tuple[str, ...]:
    return tuple(concepts(" ".join(w for w in words(text) if not is_stopword(w))))


def _cover(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    return LCSseq.similarity(a, b) / len(a) if a else 0.0


def run(articles: list[Article], story_of: dict[str, str], scope: str):
    """Cluster (all at once, or story by story) and return the occurrences and their links."""
    by_story: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_story[story_of[a.doc] if scope == "story" else "all"].append(a)
    occs = []
    for group in by_story.values():
        per_article = [(a, quotes_of(a)) for a in group]
        for c in cluster(unify_speakers(per_article)):
            occs.extend((c.id, o) for o in c.members)
    members: dict[str, list] = defaultdict(list)
    for cid, o in occs:
        members[cid].append(o)
    links: dict[tuple, dict] = {}
    for cid, ms in members.items():
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if a.article.doc == b.article.doc:
                    continue
                ka, kb = sorted([(a.article.doc, a.quote.start), (b.article.doc, b.quote.start)])
                qa, qb = (a, b) if (a.article.doc, a.quote.start) == ka else (b, a)
                links.setdefault((ka, kb), {"cluster": cid, "a": qa, "b": qb})
    unique = {(o.article.doc, o.quote.start): o for _, o in occs}
    return unique, links


def near_misses(unique: dict, links: dict, story_of: dict[str, str]) -> list[tuple[float, float, object, object]]:
    """Unlinked pairs of one story from different articles with compatible speakers whose content
    overlaps (independent LCS cover), best first."""
    by_story: dict[str, list] = defaultdict(list)
    for key, o in sorted(unique.items()):
        by_story[story_of[o.article.doc]].append((key, o, _content(o.quote.text)))
    out = []
    for items in by_story.values():
        for i, (ka, a, ca) in enumerate(items):
            for kb, b, cb in items[i + 1:]:
                if a.article.doc == b.article.doc or (ka, kb) in links or not ca or not cb:
                    continue
                sa, sb = a.quote.speaker, b.quote.speaker
                if sa and sb and not same_person(sa, sb):
                    continue
                hi, lo = sorted((_cover(ca, cb), _cover(cb, ca)), reverse=True)
                if hi >= NEAR_FLOOR and min(len(ca), len(cb)) >= 1:
                    out.append((hi, lo, a, b))
    out.sort(key=lambda t: (-t[0], -t[1], t[2].article.doc, t[2].quote.start))
    return out


def _show(o) -> str:
    return f"[{o.article.doc} {o.quote.kind.value} {o.quote.speaker or '?'}] {o.quote.text[:160]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--scope", choices=["all", "story"], default="all")
    ap.add_argument("--sample", type=int, default=60, help="random cross-outlet links to list")
    ap.add_argument("--near", type=int, default=40, help="near-miss pairs to list")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--dump", type=Path, help="write every link and near miss as JSON here")
    args = ap.parse_args(argv)

    articles, story_of = load(args.root)
    t0 = time.perf_counter()
    unique, links = run(articles, story_of, args.scope)
    elapsed = time.perf_counter() - t0
    cross_outlet = {k: v for k, v in links.items() if story_of[k[0][0]] == story_of[k[1][0]]}
    cross_story = {k: v for k, v in links.items() if story_of[k[0][0]] != story_of[k[1][0]]}
    linked_occ = {k for pair in cross_outlet for k in pair}
    clusters_multi = {v["cluster"] for v in cross_outlet.values()}
    near = near_misses(unique, links, story_of)

    if args.dump:
        def rec(o):
            return {"doc": o.article.doc, "start": o.quote.start, "text": o.quote.text,
                    "speaker": o.quote.speaker, "kind": o.quote.kind.value, "clusters": list(o.clusters)}
        args.dump.write_text(json.dumps({
            "cross_outlet": [{"a": rec(v["a"]), "b": rec(v["b"])} for _, v in sorted(cross_outlet.items())],
            "cross_story": [{"a": rec(v["a"]), "b": rec(v["b"])} for _, v in sorted(cross_story.items())],
            "near": [{"hi": hi, "lo": lo, "a": rec(a), "b": rec(b)} for hi, lo, a, b in near],
        }, indent=1), encoding="utf-8")
    print(f"articles {len(articles)}  quotes {len(unique)}  scope {args.scope}  time {elapsed:.1f}s")
    print(f"cross-outlet links {len(cross_outlet)}  (quotes linked {len(linked_occ)}, "
          f"clusters spanning outlets {len(clusters_multi)})")
    print(f"cross-story links {len(cross_story)}  (counted as false)")
    print(f"near misses (unlinked, same story, cover >= {NEAR_FLOOR}) {len(near)}")

    rng = random.Random(args.seed)
    keys = sorted(cross_outlet)
    sample = rng.sample(keys, min(args.sample, len(keys)))
    print("\n== sample of cross-outlet links")
    for n, k in enumerate(sample, 1):
        v = cross_outlet[k]
        print(f"L{n:03d} {v['cluster']}\n  {_show(v['a'])}\n  {_show(v['b'])}")
    print("\n== cross-story links")
    for k in sorted(cross_story)[:40]:
        v = cross_story[k]
        print(f"X {v['cluster']}\n  {_show(v['a'])}\n  {_show(v['b'])}")
    print("\n== near misses")
    for n, (hi, lo, a, b) in enumerate(near[:args.near], 1):
        print(f"N{n:03d} {hi:.2f}/{lo:.2f}\n  {_show(a)}\n  {_show(b)}")

    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build ``quotetrack/clustering/reference_idf.tsv``: the fixed word weights of clustering.

Run once, offline, when the table should change (``pip install wordfreq`` first; quotetrack
itself does not depend on wordfreq, it reads the table shipped with the package):

    python bench/build_weights.py

The weight of a concept (``text.concept``: a Snowball stem folded onto its synonym set) is the
IDF it would have in a large English news corpus: its frequency ``f`` per word in wordfreq's
English "best" list (the sum over the words that map to it; function words left out) says that an
article of ``ARTICLE_WORDS`` words holds it with probability ``p = 1 - exp(-ARTICLE_WORDS * f)``,
and its weight is ``ln(1 / max(p, MIN_SHARE)) + 1``, as a corpus's smoothed IDF is. Only concepts
more common than ``MIN_SHARE`` are listed; every other one weighs the most, ``ln(1 / MIN_SHARE)
+ 1``. ``ARTICLE_WORDS`` was fitted to the document frequencies of 1,104 news articles
(PolNeAR-train and BASIL): at 1,000 the weights differ from that corpus's own IDF by 1.1 (root
mean square over its word occurrences), against 1.6 at 200 and 1.2 at 1,500.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

from quotetrack.clustering.reference import ARTICLE_WORDS, MIN_SHARE, TABLE
from quotetrack.text import concept, is_stopword, words


def main() -> None:
    import wordfreq  # a build-time tool only

    freq: defaultdict[str, float] = defaultdict(float)
    for word, f in wordfreq.get_frequency_dict("en", wordlist="best").items():
        for w in words(word):
            if not is_stopword(w):
                freq[concept(w)] += f
    rows = []
    for c, f in freq.items():
        share = 1 - math.exp(-ARTICLE_WORDS * f)
        # wordfreq folds every number onto zeros ("00" for all two-digit numbers): numbers are
        # left out, so each weighs as a rare word, as in a corpus's own counts.
        if share > MIN_SHARE and not any(ch.isdigit() for ch in c):
            rows.append((c, math.log(1 / share) + 1))
    rows.sort()
    with open(TABLE, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Built by bench/build_weights.py from wordfreq {version('wordfreq')} (English, 'best' list): "
                 "concept, weight (see there)\n")
        for c, weight in rows:
            fh.write(f"{c}\t{weight:.4f}\n")
    print(f"{len(rows)} concepts written to {Path(TABLE)}", file=sys.stderr)


if __name__ == "__main__":
    main()

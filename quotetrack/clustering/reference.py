"""Fixed word weights: how rare each concept is in English news at large, not in the corpus
being scanned, so that whether two quotes link depends on the two quotes and their articles
alone (an incremental scan can then keep every link it made; see docs/CLUSTERING.md).

The table ``reference_idf.tsv`` is built once from wordfreq's English word frequencies by
``bench/build_weights.py`` (which says how) and shipped with the package.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("reference_idf.tsv")
ARTICLE_WORDS = 1000
"""Words of a typical article, for the share of articles that hold a concept (``bench/build_weights.py``)."""
MIN_SHARE = 1e-3
"""The share of articles below which every concept weighs the same, the most."""
RAREST = math.log(1 / MIN_SHARE) + 1
"""The weight of a concept rarer than ``MIN_SHARE`` or not in the table (a name, a rare word)."""


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    weights = {}
    with open(TABLE, encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                c, weight = line.rstrip("\n").split("\t")
                weights[c] = float(weight)
    return weights


def idf(c: str) -> float:
    """The weight of concept ``c``: 1 for a concept every article holds, up to ``RAREST``."""
    return _table().get(c, RAREST)

"""Variant clustering: which occurrences are one quote, however each outlet worded it.

``cluster`` groups quote occurrences; the rules it applies are all in ``rules`` (thresholds,
covers, verdicts, canonical wording, ids). The other modules only apply them at scale: corpus
statistics (``stats``), candidate pairs (``blocking``), scoring (``scoring``) into a pair store
(``pairs``), and a union-find that keeps clusters coherent (``unionfind``). See docs/CLUSTERING.md.
"""

from .core import are_variants, cluster
from .rules import STORY_AFFINITY, canonical_wording, member_order
from .stats import CorpusStats

__all__ = ["STORY_AFFINITY", "CorpusStats", "are_variants", "canonical_wording", "cluster", "member_order"]

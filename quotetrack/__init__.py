"""quotetrack: quote provenance for news articles.

Library use::

    from quotetrack import scan
    result = scan(["seeds/"])
    for cluster in result.clusters:
        print(cluster.id, cluster.speaker, cluster.canonical, cluster.outlets)
"""

from ._version import __version__
from .models import (
    Article,
    Cluster,
    InputError,
    Kind,
    Occurrence,
    Quote,
    QuotetrackError,
    ScanOptions,
    ScanResult,
    Skipped,
    UsageError,
)
from .pipeline import scan

__all__ = [
    "Article", "Cluster", "InputError", "Kind", "Occurrence", "Quote", "QuotetrackError",
    "ScanOptions", "ScanResult", "Skipped", "UsageError", "scan", "__version__",
]

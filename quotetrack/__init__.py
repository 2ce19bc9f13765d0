"""quotetrack: quote provenance for news articles.

Library use::

    from quotetrack import scan
    result = scan(["seeds/"])
    for cluster in result.clusters:
        print(cluster.id, cluster.speaker, cluster.canonical, cluster.outlets)
"""

__version__ = "0.1.0"

from .models import (  # noqa: E402
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
from .pipeline import scan  # noqa: E402

__all__ = [
    "Article", "Cluster", "InputError", "Kind", "Occurrence", "Quote", "QuotetrackError",
    "ScanOptions", "ScanResult", "Skipped", "UsageError", "scan", "__version__",
]

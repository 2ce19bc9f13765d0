"""Shared fixtures: the project root, the seeds, and article builders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotetrack.attribution import attribute
from quotetrack.extract import find_quotes
from quotetrack.models import Article, Quote

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


def _shared() -> Path:
    """The development data (``shared/``): $QUOTETRACK_SHARED, else beside the checkout, else /work/shared."""
    for place in (os.environ.get("QUOTETRACK_SHARED"), ROOT.parent / "shared", "/work/shared"):
        if place and (Path(place) / "tools" / "score.py").is_file():
            return Path(place)
    return ROOT.parent / "shared"


SHARED = _shared()


def make_article(text: str, doc: str = "doc", date: str | None = None, outlet: str | None = None) -> Article:
    """An in-memory article for unit tests."""
    return Article(doc=doc, path=f"{doc}.txt", text=text, outlet=outlet or doc, date=date)


def attributed(text: str) -> tuple[Quote, ...]:
    """The quotes of ``text`` (one article), found and attributed."""
    article = make_article(text)
    return attribute(article, tuple(find_quotes(article)))


def speakers(text: str) -> list[str | None]:
    """The speaker of each quote of ``text``, in text order."""
    return [q.speaker for q in attributed(text)]


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(autouse=True, scope="session")
def _no_default_index():
    """Scans in tests write no index into seeds/ or tmp folders; tests/test_index.py turns it on."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("QUOTETRACK_NO_INDEX", "1")
        yield

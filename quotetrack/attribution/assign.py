"""``attribute``: each quote of an article gets the speaker of the first strategy that finds one."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import Article, Quote
from .cues import Found, cue_after
from .mentions import MentionIndex, name_runs, registry, resolve
from .phrases import KnownCapitals
from .strategies import STRATEGIES, Scene


def attribute(article: Article, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Return ``quotes`` with ``speaker``, ``mention`` and ``cue`` filled in where found (the
    strategies of ``strategies.STRATEGIES``, in order; names canonical within the article)."""
    if not quotes:
        return ()
    text = article.text or ""
    runs = name_runs(text)
    people = registry(runs)
    known = KnownCapitals(text)
    index = MentionIndex(text, runs)
    result: list[Quote] = []
    prev_after_at = -1  # where the previous quote's cue after names its speaker
    for i, quote in enumerate(quotes):
        after = cue_after(text, quote, quotes[i + 1] if i + 1 < len(quotes) else None)
        scene = Scene(text, quote, result[-1] if result else None, after, prev_after_at, known)
        prev_after_at = after.at if after is not None else -1
        found = _first_found(scene)
        if found is None:
            result.append(quote)
        elif found.resolved:
            result.append(_attributed(quote, found.speaker, found.cue, found.mention))
        else:
            name = resolve(found.mention, found.at, index, people) if found.mention is not None else None
            result.append(_attributed(quote, name, found.cue, found.mention))
    return tuple(result)


def _first_found(scene: Scene) -> Found | None:
    """What the first strategy that finds a speaker finds."""
    for strategy in STRATEGIES:
        if (found := strategy(scene)) is not None:
            return found
    return None


def _attributed(quote: Quote, speaker: str | None, cue: str, mention: str | None) -> Quote:
    """``replace(quote, speaker=speaker, cue=cue, mention=mention)``, spelt out: it runs for most
    quotes, and the generic ``replace`` costs twice as much (a test holds the two equal)."""
    return Quote(quote.doc, quote.start, quote.end, quote.text, quote.kind, quote.paragraph,
                 quote.continues, quote.continued, speaker, cue, mention, quote.display)

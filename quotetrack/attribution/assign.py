"""``attribute``: each quote of an article gets the speaker of the first strategy that finds one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..models import Article, Kind, Quote
from .antecedents import Antecedents
from .cues import Found, cue_after
from .labels import is_source, is_title
from .mentions import name_runs, registry, resolve
from .phrases import KnownCapitals
from .roles import Roles
from .strategies import STRATEGIES, Scene
from .tokens import SENTENCE_FINAL_MARKS, after_close, paragraph_end, sentence_breaks


def attribute(article: Article, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Return ``quotes`` with ``speaker``, ``mention`` and ``cue`` filled in where found (the
    strategies of ``strategies.STRATEGIES``, in order; names canonical within the article)."""
    if not quotes:
        return ()
    text = article.text or ""
    runs = name_runs(text)
    people = registry(runs, text)
    known = KnownCapitals(text)
    roles = Roles(text, runs)

    def role_holder(description: str, at: int) -> str | None:
        return roles.person(description, at, people)

    antecedents = Antecedents(text, runs, people, known, quotes, role_holder)

    result: list[Quote] = []
    prev_after_at = -1  # where the previous quote's cue after names its speaker
    prev: Quote | None = None  # the quote before, titles passed over
    for i, quote in enumerate(quotes):
        after = cue_after(text, quote, quotes[i + 1] if i + 1 < len(quotes) else None)
        if is_title(text, quote, after is not None):
            result.append(replace(quote, kind=Kind.TITLE))
            continue
        scene = Scene(text, quote, prev, after, prev_after_at, known)
        prev_after_at = after.at if after is not None else -1
        found = _first_found(scene)
        if (found is None or found.cue == "continuation") and (credit := antecedents.credit_after(quote)):
            # the quote's own attribution, which no cue rule could read, outranks a continuation
            found = Found(credit[0], credit[1], credit[2])
        if found is None:
            prev = quote
        elif found.resolved:
            prev = _attributed(quote, found.speaker, found.cue, found.mention)
        else:
            name = (resolve(found.mention, found.at, antecedents, people, role_holder)
                    if found.mention is not None else None)
            prev = _attributed(quote, name, found.cue, found.mention)
            antecedents.heard(quote, name)
        result.append(prev)
    return _credited_forward(text, result)


def _credited_forward(text: str, quotes: list[Quote]) -> tuple[Quote, ...]:
    """A quote no strategy credits, followed in its own sentence by one whose cue comes after
    it (``the delays were "unpersuasive" and had "far-reaching consequences," Doe said``), is
    that speaker's: the cue closes the sentence that holds both."""
    for k in range(len(quotes) - 2, -1, -1):
        quote, nxt = quotes[k], quotes[k + 1]
        if (quote.cue is None and quote.kind != Kind.TITLE and nxt.speaker is not None
                and nxt.cue not in (None, "continuation", "sentence subject", "paragraph before")
                and nxt.paragraph == quote.paragraph and nxt.start > quote.end
                and not sentence_breaks(text, quote.end - 1, nxt.start) and ";" not in text[quote.end:nxt.start]
                and text[quote.end - 1:quote.end] not in SENTENCE_FINAL_MARKS
                and text[quote.end:quote.end + 1] not in SENTENCE_FINAL_MARKS
                and _credited_after(text, nxt)):
            quotes[k] = _attributed(quote, nxt.speaker, "sentence after", nxt.mention)
    return tuple(quotes)


def _first_found(scene: Scene) -> Found | None:
    """What the first strategy that finds a source finds (a strategy whose speaker is no source,
    ``labels.is_source``, lets the next one try)."""
    for strategy in STRATEGIES:
        if (found := strategy(scene)) is not None and (
                found.resolved or found.mention is None or is_source(found.mention)):
            return found
    return None


def _attributed(quote: Quote, speaker: str | None, cue: str, mention: str | None) -> Quote:
    """``replace(quote, speaker=speaker, cue=cue, mention=mention)``, spelt out: it runs for most
    quotes, and the generic ``replace`` costs twice as much (a test holds the two equal)."""
    return Quote(quote.doc, quote.start, quote.end, quote.text, quote.kind, quote.paragraph,
                 quote.continues, quote.continued, speaker, cue, mention, quote.display, quote.unpaired_before)


CUE_AFTER_CHARS = 120
"""Characters after a quote its cue after stands in (``_credited_forward``)."""


def _credited_after(text: str, quote: Quote) -> bool:
    """Whether a quote's cue and speaker as written stand right after it (its cue after)."""
    close = after_close(text, quote)
    if "," not in text[quote.end:close]:
        return False  # ("“...,” Doe said": the comma hands the quote to the cue after it)
    window = text[close:min(paragraph_end(text, close), close + CUE_AFTER_CHARS)]
    return bool(quote.mention and quote.cue) and f"{quote.mention}" in window and f"{quote.cue}" in window

"""The strategies that find a quote's speaker, in their order of preference.

``STRATEGIES`` lists them; ``attribute`` takes the first that finds a speaker:

1. ``passive_agent``: the agent of a passive verb of naming (``labeled "top secret" by the
   department``);
2. ``reporting_cue``: a cue right after the closing mark (``"...," Putin said`` / ``"...," said
   Yuri Ushakov``), or in the reporter's sentence before the quote: the last reporting verb
   before the mark and its subject (``Putin has stated that "..."``, ``what Trump called the
   "bloodbath"``, ``He questioned, "..."``), else the subject of a sentence that holds a
   reporting verb; a quote inside the reporter's sentence belongs to the verb that introduces
   it, one that opens the sentence to the cue after it;
3. ``headline_speaker``: who a headline quotes (``Jane Doe: Rival Is 'Not Ready'``);
4. ``colon_introduction``: a quote paragraph after a paragraph ending in a colon;
5. ``dash_credit``: a quote paragraph credited on the next line (``- Jane Doe``);
6. ``reporter_paragraph``: a quote paragraph after a reporter's sentence in which someone says
   something;
7. ``continuation``: a quote with no cue carries on the speaker of the quote before it in the
   same paragraph, or of a quote paragraph shortly before, as news style implies.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass, replace

from ..models import Quote
from .cues import Found, cue_before
from .lexicon import ABBREVIATION_TOKENS, COGNITION_VERBS, PASSIVE_NAMING
from .phrases import np_forward, sentence_subject, speaker_head
from .tokens import (
    POSSESSIVE_TAIL_RE,
    SENTENCE_FINAL_MARKS,
    after_close,
    is_cap,
    opens_sentence,
    paragraph_end,
    paragraph_start,
    previous_paragraph_end,
    sentence_breaks,
    tokenize,
    unpossessed,
)

PASSIVE_WINDOW = 40
"""Characters before the quote searched for the passive verb ("labeled as a")."""
PASSIVE_NAMING_RE = re.compile(r"\b(?:" + "|".join(sorted(PASSIVE_NAMING)) + r")\b")
CREDIT_DASHES = "-—–"
MAX_CREDIT_GAP = 8
"""Blank characters between a quote paragraph and its credit line."""
MAX_CREDIT_CHARS = 120
MAX_HEADLINE_CHARS = 300
"""Headlines are short: news style guides cap them near 70 characters, SEO guides at 60-100;
this leaves room for long ones and keeps the headline rule off body text."""


@dataclass(frozen=True, slots=True)
class Scene:
    """A quote in its article, as the strategies see it."""

    text: str
    quote: Quote
    prev: Quote | None
    """The quote before it, already attributed."""
    after: Found | None
    """The cue after the quote (``cues.cue_after``), worked out for every quote."""
    prev_after_at: int
    """Where the previous quote's cue after names its speaker (-1 when it has none)."""
    known: Container[str]
    """The capitalised words the article writes mid-sentence (``phrases.KnownCapitals``)."""


Strategy = Callable[[Scene], Found | None]
"""A way to find a quote's speaker: a ``Found``, or None to let the next strategy try."""


def passive_agent(scene: Scene) -> Found | None:
    """The agent of a passive verb of naming around the quote: ``labeled "top secret" by the
    department``, ``has been called "X" by Jane Doe``."""
    text, quote = scene.text, scene.quote
    lo = max(0, quote.start - PASSIVE_WINDOW)
    if not PASSIVE_NAMING_RE.search(text, lo, quote.start):
        return None  # the common case, settled without tokenising
    before = tokenize(text, max(paragraph_start(text, quote.start), lo), quote.start - 1)
    while before and before[-1][2].lower() in ("a", "an", "the", "as"):
        before.pop()
    if not (before and before[-1][2] in PASSIVE_NAMING):
        return None
    close = after_close(text, quote)
    toks = tokenize(text, close, min(paragraph_end(text, close), close + PASSIVE_WINDOW * 3))
    i = 0
    while i < len(toks) and toks[i][2] in ",;:":
        i += 1
    if not (i < len(toks) and toks[i][2] == "by"):
        return None
    j = np_forward(toks, i + 1)
    # a name or a determined description ("by the department"), not "by any measure"
    if j > i + 1 and (head := speaker_head(toks, i + 1, j)) and (
            head[0][:1].isupper() or toks[i + 1][2].lower() in ("the", "a", "an", "his", "her", "their")):
        return Found(head[0], "by", head[1])
    return None


def reporting_cue(scene: Scene) -> Found | None:
    """The cue after the quote or the cue in the sentence before it. A quote inside the
    reporter's sentence belongs to the verb that introduces it ("what Mr. Doe called "a model,"
    the club ... said"); one that opens it, to the cue after it."""
    text, quote, after = scene.text, scene.quote, scene.after
    if after is not None and after.credits_words:
        return after  # "not “end” it, as the campaign claims": the clause credits the words
    opens = opens_sentence(text, quote)
    before = None if after is not None and opens else cue_before(text, quote, scene.prev, scene.known)
    if before is not None and before.cue != "sentence subject" and not opens and not (
            after is not None and before.at == scene.prev_after_at):
        return before
    # (a cue before that is the previous quote's cue after, "“A,” she said, but “B,” said Doe",
    # gives way to this quote's own cue)
    return after or before


def headline_speaker(scene: Scene) -> Found | None:
    """Who a headline quotes when no verb says so: the name before a colon ("Jane Doe: Rival Is
    'Not Ready'"), else the name the headline opens with, as far as the article's body also
    capitalises its words ("Jane Doe Sides With Rival On 'Taxes'", "Doe 'glad to finish' race")."""
    text, quote, known = scene.text, scene.quote, scene.known
    if quote.paragraph != 0:
        return None
    start = paragraph_start(text, quote.start)
    if quote.start - start > MAX_HEADLINE_CHARS:
        return None  # a first paragraph this long is body text, not a headline
    toks = tokenize(text, start, quote.start - 1)
    colon = next((k for k, t in enumerate(toks) if t[2] == ":"), None)
    if colon:
        head = speaker_head(toks, 0, colon)
        return Found(head[0], ":", head[1]) if head and head[0][:1].isupper() else None

    def known_at(k: int) -> bool:
        return k < len(toks) and POSSESSIVE_TAIL_RE.sub("", toks[k][2]) in known

    j = 0
    # a given name may only ever open sentences in the body: it counts before a known surname
    while j < len(toks) and (known_at(j) or toks[j][2] in ABBREVIATION_TOKENS
                             or is_cap(toks[j][2]) and known_at(j + 1)):
        j += 1
        if POSSESSIVE_TAIL_RE.search(toks[j - 1][2]):
            break
    if j and POSSESSIVE_TAIL_RE.search(toks[j - 1][2]):
        toks = toks[:j - 1] + [unpossessed(toks[j - 1])]
    head = speaker_head(toks, 0, j) if j else None
    return Found(head[0], "headline", head[1]) if head and head[0][:1].isupper() else None


def colon_introduction(scene: Scene) -> Found | None:
    """A paragraph that opens with a quote after a paragraph ending in a colon ("Doe released
    the following statement:"): the speaker is who that sentence is about."""
    text, quote, known = scene.text, scene.quote, scene.known
    if quote.paragraph == 0:
        return None
    end = previous_paragraph_end(text, quote)
    if end is None or text[end - 1] != ":":
        return None
    fake = replace(quote, start=end + 1)
    if found := cue_before(text, fake, None, known):
        return found
    sentence_start = paragraph_start(text, end - 1)
    breaks = sentence_breaks(text, sentence_start, end)
    base = breaks[-1] if breaks else sentence_start
    toks = tokenize(text, base, end)
    if head := sentence_subject(toks, known, descriptions=True):
        return Found(head[0], ":", head[1])
    return None


def dash_credit(scene: Scene) -> Found | None:
    """A quote paragraph credited on the line after it, as pull quotes and fact checks do
    ("“We will win.”" then "- Jane Doe, at a rally")."""
    text, quote = scene.text, scene.quote
    if quote.paragraph == 0 or quote.continues:
        return None
    p_start = paragraph_start(text, quote.start)
    if text[p_start:quote.start - 1].strip():
        return None
    close = after_close(text, quote)
    k = paragraph_end(text, close)
    if text[close:k].strip():
        return None
    limit = min(len(text), k + MAX_CREDIT_GAP)
    while k < limit and text[k].isspace():
        k += 1
    if k >= len(text) or text[k] not in CREDIT_DASHES:
        return None
    toks = tokenize(text, k + 1, min(paragraph_end(text, k), k + MAX_CREDIT_CHARS))
    j = np_forward(toks, 0)
    if j and (head := speaker_head(toks, 0, j)) and head[0][:1].isupper():
        return Found(head[0], "dash", head[1])
    return None


def reporter_paragraph(scene: Scene) -> Found | None:
    """A quote paragraph with no cue after a reporter's paragraph whose last sentence has someone
    say something ("Doe said she would fight on." then "“We are not done.”"): news style lets
    the quote carry on that person's words."""
    text, quote, prev = scene.text, scene.quote, scene.prev
    if quote.paragraph == 0 or quote.continued or not (prev is None or prev.paragraph < quote.paragraph - 1):
        return None
    end = previous_paragraph_end(text, quote)
    if end is None or text[end - 1] not in SENTENCE_FINAL_MARKS:
        return None
    fake = replace(quote, start=end)  # the sentence runs up to its final mark
    found = cue_before(text, fake, None, scene.known)
    # an outlet that "reported" facts, or a source "according to", does not speak the next quote
    if found and found.cue not in ("sentence subject", "according to", "reported", "reports") and (
            found.cue not in COGNITION_VERBS) and found.mention is not None and (
            found.mention[:1].isupper() or found.mention in ("he", "she")):
        return Found(found.mention, "paragraph before", found.at)
    return None


def continuation(scene: Scene) -> Found | None:
    """A cue-less quote carries on the previous quote's speaker: in the same paragraph, or as a
    paragraph that opens with a quote mark within two paragraphs of it."""
    text, quote, prev = scene.text, scene.quote, scene.prev
    if prev is None or prev.speaker is None:
        return None
    carried = Found(prev.mention, "continuation", -1, prev.speaker, resolved=True)
    if prev.paragraph == quote.paragraph:
        # "“A,” Doe said. “B.”", "Doe said it was “A” and “B”"; and a paragraph keeps to one
        # speaker: its later words in quotes are most often the same person's
        return carried
    p_start = paragraph_start(text, quote.start)
    opens_with_quote = not text[p_start:quote.start - 1].strip()
    if quote.unpaired_before or not (opens_with_quote and quote.paragraph - prev.paragraph <= 2):
        return None
    # after marks that do not pair up, which words are whose is a guess: better none
    return carried if _marks_pair(text[paragraph_start(text, prev.start):paragraph_end(text, quote.end)]) else None


def _marks_pair(stretch: str) -> bool:
    """Whether the double quote marks of a stretch of text pair up: no more close than open,
    and no more open than close but one for each paragraph that goes on into the next (news
    style leaves such a paragraph's quote unclosed)."""
    opening, closing, breaks = stretch.count("“"), stretch.count("”"), stretch.count("\n")
    return 0 <= opening - closing <= breaks and (breaks > 0 or stretch.count('"') % 2 == 0)


STRATEGIES: tuple[Strategy, ...] = (
    passive_agent,
    reporting_cue,
    headline_speaker,
    colon_introduction,
    dash_credit,
    reporter_paragraph,
    continuation,
)
"""The strategies in their order of preference: the first that finds a speaker wins."""

"""Who said a cluster's quote, and whom each outlet's occurrence is credited to.

When outlets carry the same wording it is one quote, whoever each outlet credits: the cluster's
speaker is the best-supported named person, an outlet that credits only a description gets that
name (keeping its ``mention``), and one that names someone else keeps its own speaker, which
``compare`` flags ``speaker-changed``. See docs/CLUSTERING.md, "Across outlets".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..models import Quote
from ..names import NAME_PARTICLES, is_name, same_person
from .rules import SHORT_PART, content_of, is_named_person, majority_speaker


def cluster_speaker(credits: Sequence[tuple[str, str | None]]) -> str | None:
    """The speaker of a cluster, given each occurrence's ``(doc, speaker)``: the best-supported
    named person (spellings that ``same_person`` takes for one person counted together), the one
    the most articles name, then the most occurrences; shown in the spelling used most, the
    longest first. A cluster no one names a person for takes the ``majority_speaker``."""
    named = sorted({v for _, v in credits if v and is_named_person(v)}, key=lambda v: (-len(v), v))
    if not named:
        return majority_speaker([v for _, v in credits])
    people: list[list[str]] = []
    for name in named:
        group = next((g for g in people if same_person(g[0], name)), None)
        if group is None:
            people.append([name])
        else:
            group.append(name)
    uses = Counter(v for _, v in credits if v)

    def support(group: list[str]) -> tuple[int, int]:
        # Bare surnames ("Putin") and other spellings of the person count as they credit them.
        said = [(d, v) for d, v in credits if v and any(same_person(v, name) for name in group[:1])]
        return len({d for d, _ in said}), len(said)

    best = max(people, key=lambda g: (*support(g), g[0]))
    return min(best, key=lambda v: (-uses[v], -len(v), v))


def occurrence_speaker(quote: Quote, cluster: str | None) -> str | None:
    """The speaker an occurrence is credited with: its own when it names a person, else the
    cluster's named speaker (``cluster_speaker``). An outlet that credits a description ("a
    spokesman", "the president"), a bare surname or a pronoun left unresolved gets the name
    another outlet gives for the same words; its ``mention`` keeps what it wrote. Not so a quote
    no cue credits at all (no ``mention``: a scare quote, a slogan), nor a phrase of
    ``SHORT_PART`` content words or fewer ("top secret", "law and order"): such words may be
    anyone's, nor a group ("his friends and advisers", "committee members"): many people are no
    one person. An outlet that names someone else keeps its own speaker, and ``compare`` flags it
    (``speaker-changed``)."""
    own = quote.speaker
    if (cluster is None or not is_named_person(cluster) or own == cluster
            or own is None and quote.mention is None or is_group(quote.mention)):
        return own
    if own is not None and not same_person(own, cluster) and is_proper_name(own):
        return own
    return own if len(content_of(quote.text)) <= SHORT_PART else cluster


def is_proper_name(speaker: str) -> bool:
    """Whether a speaker is written as a proper name, every word capitalised (particles such as
    "de" aside): a person ("Lanhee Chen") or an organisation ("White House"), which keeps its
    own credit, unlike a description ("Fox News host", "Ohio's attorney general") or a
    pronoun."""
    return is_name(speaker) and all(w[:1].isupper() or w in NAME_PARTICLES for w in speaker.split())


def is_group(mention: str | None) -> bool:
    """Whether a speaker as written is a group of people: a description whose head is a plural
    noun in lower case ("friends", "committee members", "Republican officials"), not a name
    ("Doe") nor a singular role ("the press secretary")."""
    head = mention.split()[-1] if mention else ""
    return head[:1].islower() and len(head) > 3 and head.endswith("s") and not head.endswith(("ss", "us", "is"))

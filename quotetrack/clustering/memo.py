"""What a scan keeps for the next scan of the same corpus: the pairs it scored, so that a re-scan
scores only the pairs of the quotes it has not seen (docs/SCALING.md, "Incremental scans").

A pair's verdict depends on the two quotes and the copies of their wordings, and on which
concepts are past the posting cap (``blocking``): nothing else in the corpus. So the pairs scored
between two quotes of articles that did not change stay right, and a re-scan scores again only
the pairs of the *touched* wordings: those of a quote in an article that is new or changed (its
quotes, speakers included, are not what they were), and those holding a concept whose count
crossed the posting cap. The pairs of removed articles are dropped. Which copies of a wording are
its first ``blocking.MAX_COPIES`` can change the pairs of a wording with that many copies of one
speaker; a corpus with one scores every pair again.

The record (``Memo.finish``, JSON, zlib-compressed) holds each unit's place (doc id, position
among its article's quotes) and content concepts, each article's fingerprint, the pairs by kind,
the concepts past the posting cap and the most copies of a wording. The pairs of articles that
corroborate one story are worked out again from the pairs (``corroborated``), and the clusters
are linked again from all the pairs (linking is cheap next to finding and scoring pairs).

Making a cluster (its canonical wording and speaker, ``core._build``) and comparing each wording
with its cluster's (``compare.alterations``) are pure functions of what they read, so the record
also keeps their answers by a digest of their arguments (``built``, ``Answers``): a re-scan
makes again only the clusters whose members changed, and compares only the wordings whose
cluster did; the ids are worked out again for all (a hash each), as they are salted in order.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import chain

import numpy as np

from ..compare import Alteration, Ask, Comparison, Flag
from ..models import Quote
from . import blocking, rules
from .blocking import Blocking
from .pairs import VariantPairs, sorted_unique
from .rules import Unit
from .scoring import score
from .stats import CorpusStats

MEMO_FORMAT = 3
"""Bumped when the record's layout changes."""
TOUCHED_SHARE = 0.5
"""Share of the units above which a re-scan scores every pair again: cheaper than probing each."""

Linked = tuple[VariantPairs, np.ndarray, array]
"""The variants, parts and corroborating article pairs of a corpus, as ``core._linked`` gives them."""


def digest(value: object) -> str:
    """A short digest of ``repr(value)`` (strings, numbers, tuples, enums: a repr that is the same
    in every run), for the answers the record keeps by their arguments."""
    return hashlib.blake2b(repr(value).encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()


def places(quotes: Sequence[Quote]) -> list[tuple[str, int]]:
    """Each quote's place: its doc id and its position among its article's quotes (``quotes`` sorted
    by doc id and position)."""
    out: list[tuple[str, int]] = []
    for i, q in enumerate(quotes):
        out.append((q.doc, out[-1][1] + 1 if i and quotes[i - 1].doc == q.doc else 0))
    return out


def fingerprints(quotes: Sequence[Quote]) -> dict[str, str]:
    """Each article's fingerprint: a digest of its quotes, every field of each (speakers as unified
    across the corpus), which is everything the verdicts of its quotes' pairs read of it."""
    digests: dict[str, hashlib.blake2b] = {}
    for q in quotes:
        digest = digests.get(q.doc)
        if digest is None:
            digest = digests[q.doc] = hashlib.blake2b(digest_size=16)
        digest.update(repr(q).encode("utf-8", "surrogateescape"))
    return {doc: d.hexdigest() for doc, d in digests.items()}


def capped(units: Sequence[Unit], contents: Sequence[tuple[str, ...]]) -> set[str]:
    """The concepts past the posting cap among ``units`` (``blocking.posting_cap``), given their
    ``contents``, counted as ``blocking.Blocking`` counts them (titles and labels, which link with
    nothing, not at all)."""
    sizes: Counter[str] = Counter()
    for u, content in zip(units, contents):
        if u.content:
            sizes.update(set(content))
    cap = blocking.posting_cap(len(units))
    return {c for c, size in sizes.items() if size > cap and CorpusStats.weight(c) >= blocking.COMMON_WEIGHT}


def _pack(keys: np.ndarray) -> str:
    return base64.b64encode(np.asarray(keys, dtype=np.uint64).tobytes()).decode("ascii")


def _unpack(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.uint64)


def corroborated(units: Sequence[Unit], doc_no: Sequence[int], pairs: Sequence[np.ndarray], bits: int) -> array:
    """The pairs of articles (``first << 32 | second`` in ``doc_no``, sorted) that ``pairs`` (``a <<
    bits | b``, either way round) say cover one story (``rules.corroborates``): what scoring them
    gives, worked out again from the kept pairs, as a pair that corroborated may be gone."""
    keys = np.concatenate([np.asarray(p, dtype=np.uint64) for p in pairs]) if pairs else np.zeros(0, np.uint64)
    a = (keys >> np.uint64(bits)).astype(np.int64)
    b = (keys & np.uint64((1 << bits) - 1)).astype(np.int64)
    docs = np.array(doc_no, dtype=np.int64)
    strong = np.array([u.speaker is not None and not rules.weak(u) for u in units], dtype=bool)
    # The cheap tests first, with numpy: two articles, each quote long enough and given to a name.
    maybe = (docs[a] != docs[b]) & strong[a] & strong[b]
    found = {min(doc_no[x], doc_no[y]) << 32 | max(doc_no[x], doc_no[y])
             for x, y in zip(a[maybe].tolist(), b[maybe].tolist()) if rules.corroborates(units[x], units[y])}
    return array("Q", sorted(found))


class Memo:
    """The record of the last scan of a corpus (``payload``, None when there is none or it cannot
    be read) in, and the record of this scan out (``kept``, once ``keep`` has run)."""

    def __init__(self, payload: bytes | None) -> None:
        self.old: dict | None = None
        self.record: dict | None = None
        """This scan's record, once ``keep`` has run (``finish`` adds the answers and packs it)."""
        self.contents: list[tuple[str, ...]] = []
        """Each unit's content concepts, for this scan (set by ``core`` before ``linked``)."""
        self._prints: tuple[Sequence[Quote], dict[str, str]] | None = None
        self._capped: set[str] | None = None
        if payload is not None:
            try:
                old = json.loads(zlib.decompress(payload))
                self.old = old if old.get("format") == MEMO_FORMAT else None
            except (ValueError, zlib.error, AttributeError):
                self.old = None
        self._built: dict[str, list] = self.old.get("built", {}) if self.old is not None else {}
        self.built: dict[str, list] = {}
        """This scan's clusters made (``core._build``): digest of the members -> [wording, speaker,
        id seed]."""
        self.answers = Answers(self.old.get("answers", {}) if self.old is not None else {})
        """The comparisons of wordings, the last scan's and this one's (``compare.Known``)."""

    def was_built(self, key: str) -> tuple[str, str | None, str] | None:
        """The canonical wording, speaker and id seed (``rules.id_seed``) the last scan gave the
        cluster whose members' digest is ``key`` (kept for this scan's record too), None when it
        made no such cluster."""
        found = self._built.get(key)
        if found is None:
            return None
        self.built[key] = found
        return found[0], found[1], found[2]

    def fingerprints(self, quotes: Sequence[Quote]) -> dict[str, str]:
        """``fingerprints(quotes)``, worked out once for this scan's quotes."""
        if self._prints is None or self._prints[0] is not quotes:
            self._prints = (quotes, fingerprints(quotes))
        return self._prints[1]

    def capped(self, units: Sequence[Unit]) -> set[str]:
        """``capped(units, self.contents)``, worked out once."""
        if self._capped is None:
            self._capped = capped(units, self.contents)
        return self._capped

    def contents_known(self, quotes: Sequence[Quote]) -> list[tuple[str, ...] | None]:
        """Each quote's content concepts as the last scan found them, where its article is unchanged."""
        if self.old is None:
            return []
        unchanged = {doc for doc, f in self.fingerprints(quotes).items() if self.old["docs"].get(doc) == f}
        known = {(doc, k): tuple(c) for (doc, k), c in zip(self.old["places"], self.old["contents"])
                 if doc in unchanged}
        return [known.get(place) for place in places(quotes)]

    def linked(self, units: Sequence[Unit], quotes: Sequence[Quote], doc_no: Sequence[int]) -> Linked | None:
        """The pairs of ``units`` (made from ``quotes``, sorted by doc id and position): those the
        last scan found between quotes it saw, and those of the touched wordings scored now. None
        when there is no last scan, or when scoring everything again is cheaper or needed."""
        old = self.old
        if old is None:
            return None
        prints = self.fingerprints(quotes)
        touched_docs = {doc for doc, f in prints.items() if old["docs"].get(doc) != f}
        touched = {u.wording for u in units if u.doc in touched_docs}
        copies = Counter((u.wording, u.speaker) for u in units)
        if max([old["most_copies"], *copies.values()]) >= blocking.MAX_COPIES - 1 and (
                touched or old["docs"].keys() - prints.keys()):
            return None  # the first copies of a wording may have changed
        keep = np.array([u.wording not in touched for u in units] + [False])  # [-1]: not in this scan
        new_at = {place: i for i, place in enumerate(places(quotes))}
        mapped = np.array([new_at.get((doc, k), -1) for doc, k in old["places"]] + [-1], dtype=np.int64)
        if (~keep[:-1]).sum() > TOUCHED_SHARE * len(units):
            return None
        mapped[~keep[mapped]] = -1
        bits = len(units).bit_length()
        was_capped = set(old["capped"])
        now_capped = self.capped(units) - was_capped
        holds = np.array([not now_capped.isdisjoint(content) for content in self.contents] + [False])
        variants = {int(head): self._still(units, self._remap(_unpack(keys), mapped, bits), bits, now_capped, holds)
                    for head, keys in old["variants"].items()}
        parts = self._still(units, self._remap(_unpack(old["parts"]), mapped, bits), bits, now_capped, holds)
        found = Blocking(units)
        probing = sorted((w for w in touched if w in found.number), key=lambda w: found.every[found.number[w]][0])
        proposals = [found.touching(probing)]
        for concept in sorted(was_capped - self.capped(units)):
            # Read again, a concept proposes the pairs of the wordings holding it; every other
            # pair was proposed, or not, whatever its count.
            holding = {u.wording for u, content in zip(units, self.contents) if concept in content} - touched
            proposals.append(found.among(sorted(holding & found.number.keys(), key=found.number.__getitem__)))
        new_variants, new_parts, _ = score(units, doc_no, chain.from_iterable(proposals))
        joined = VariantPairs([variants, new_variants], bits)
        all_parts = sorted_unique([parts, new_parts])
        return joined, all_parts, corroborated(units, doc_no, [*joined.groups.values(), all_parts], bits)

    def _still(self, units: Sequence[Unit], keys: np.ndarray, bits: int, now_capped: set[str], holds: np.ndarray
               ) -> np.ndarray:
        """The kept pairs ``a << bits | b`` that are still proposed now that the concepts
        ``now_capped`` are past the posting cap (``holds``: whether each unit holds one): a pair is
        proposed when its two quotes are worded alike or share a concept that blocking reads
        (``blocking.Blocking``), so only a pair of quotes holding one of those concepts, and
        sharing no other that is read, is not."""
        if not now_capped or not len(keys):
            return keys
        a = (keys >> np.uint64(bits)).astype(np.int64)
        b = (keys & np.uint64((1 << bits) - 1)).astype(np.int64)
        keep = ~(holds[a] & holds[b])
        for k in np.flatnonzero(~keep).tolist():
            x, y = a[k], b[k]
            keep[k] = units[x].wording is units[y].wording or any(
                c not in now_capped and CorpusStats.weight(c) >= blocking.COMMON_WEIGHT
                for c in set(self.contents[x]).intersection(self.contents[y]))
        return keys[keep]

    def _remap(self, keys: np.ndarray, mapped: np.ndarray, bits: int) -> np.ndarray:
        """The last scan's pairs ``a << old_bits | b`` in this scan's units, those with a unit it
        does not keep left out."""
        assert self.old is not None
        old_bits = np.uint64(self.old["bits"])
        a = mapped[(keys >> old_bits).astype(np.int64)]
        b = mapped[(keys & np.uint64((1 << self.old["bits"]) - 1)).astype(np.int64)]
        kept = (a >= 0) & (b >= 0)
        return a[kept].astype(np.uint64) << np.uint64(bits) | b[kept].astype(np.uint64)

    def keep(self, units: Sequence[Unit], quotes: Sequence[Quote], linked: Linked) -> None:
        """Make the record of this scan (``kept``): ``linked`` are its pairs."""
        variants, parts, _ = linked
        record = {
            "format": MEMO_FORMAT,
            "docs": self.fingerprints(quotes),
            "places": places(quotes),
            "contents": self.contents,
            "capped": sorted(self.capped(units)),
            "most_copies": max(Counter((u.wording, u.speaker) for u in units).values(), default=0),
            "bits": len(units).bit_length(),
            "variants": {str(head): _pack(keys) for head, keys in variants.groups.items()},
            "parts": _pack(parts),
        }
        self.record = record

    def finish(self) -> bytes | None:
        """The record of this scan, packed, with the clusters made and the comparisons (None when
        ``keep`` has not run)."""
        if self.record is None:
            return None
        record = {**self.record, "built": self.built, "answers": self.answers.kept}
        # Level 1: most of the record is digests and numbers, which a higher level barely shrinks.
        return zlib.compress(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode(), 1)


class Answers:
    """The comparisons of wordings (``compare.Known``): the last scan's in, this scan's out
    (``kept``), each by the digest of its arguments -> [alteration, flags]."""

    def __init__(self, old: dict[str, list]) -> None:
        self.old = old
        self.kept: dict[str, list] = {}
        self._keys: list[str] = []

    def lookup(self, asks: Sequence[Ask]) -> list[Comparison | None]:
        """The last scan's answer of each of ``asks``, None where it had none. A wording compared
        with itself is answered at once (``compare.compare``), so it is never kept."""
        self._keys = [digest(tuple(ask)) if ask.a != ask.b else "" for ask in asks]
        found: list[Comparison | None] = []
        for ask, key in zip(asks, self._keys):
            kept = self.old.get(key) if key else None
            found.append(None if kept is None else Comparison(
                Alteration(kept[0]), tuple(map(Flag, kept[1])), ask.a, ask.b))
        return found

    def remember(self, asks: Sequence[Ask], answers: Sequence[Comparison]) -> None:
        """Keep the answers of this scan's ``asks`` (those ``lookup`` was last asked)."""
        keys = self._keys if len(self._keys) == len(asks) else [
            digest(tuple(ask)) if ask.a != ask.b else "" for ask in asks]
        self.kept = {key: [c.alteration.value, [f.value for f in c.flags]] for key, c in zip(keys, answers) if key}

"""The words of a quote as clustering compares them: spelling differences that outlets make in
one quote, evened out.

- numbers in words or in figures: "one-in-three" and "1 in 3", "twenty-five" and "25", "25%"
  and "25 percent" compare alike (number words become figures, a tens word and the unit after it
  one figure);
- censored words: a word printed with masked letters ("f***ing", "s--t", "b#tch") is read as the
  one word of ``CENSORED_WORDS`` it can hide ("fucking"), so the masked and the plain wording of
  one quote compare alike. A mask that could hide several words, or none, is left as it is.

Only a copy for comparing is changed; the text of a quote is never touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..compare import NUMBER_WORDS as COMPARE_NUMBERS
from ..datafiles import data_lines
from ..text import WORD_RE, fold

NUMBER_WORDS: dict[str, int] = {w: int(v) for w, v in COMPARE_NUMBERS.items() if v.isdigit() and int(v) < 100}
"""English cardinal number names up to the tens, by value (``compare.NUMBER_WORDS``, where they
come from); the scales ("hundred", "million") stay words: "$716 billion" is written so in figures
and in words alike."""
TENS = frozenset(n for n in NUMBER_WORDS.values() if n >= 20)


def _censored_words() -> frozenset[str]:
    return frozenset(w for line in data_lines(__package__, "data/censored_words.txt") for w in line.split())


CENSORED_WORDS = _censored_words()
"""Words outlets print masked (``data/censored_words.txt``, where the list comes from)."""
MASKED_RE = re.compile(r"(?<![\w*#@])([^\W\d_]*)([*#@]+|-{2,}|_{2,})([^\W\d_]*)(?![\w*#@])")
"""A word with letters masked by asterisks, hashes or at signs, or by two dashes or underscores
or more, and the visible letters either side ("f***ing", "s--t"); a bare run of marks counts too."""
PERCENT_RE = re.compile(r"(?<=\d)\s*%")


@lru_cache(maxsize=10_000)
def unmask(head: str, mask: str, tail: str) -> str | None:
    """The one word of ``CENSORED_WORDS`` that ``head``, the masked letters and ``tail`` spell
    (asterisks, hashes and at signs each hide one letter; dashes and underscores any number);
    None when none or several do."""
    if not head and not tail:
        return None  # "****" alone could be any word
    hidden = f"[a-z]{{{len(mask)}}}" if mask[0] in "*#@" else "[a-z]+"
    pattern = re.compile(re.escape(head) + hidden + re.escape(tail))
    found = [w for w in CENSORED_WORDS if pattern.fullmatch(w)]
    return found[0] if len(found) == 1 else None


def _unmasked(m: re.Match[str]) -> str:
    return unmask(m[1], m[2], m[3]) or m[0]


def comparison_words(text: str) -> list[str]:
    """The lower-case words of ``text`` (``text.words``), with masked words read as the word they
    hide and numbers as figures: the words that wordings of one quote are compared on."""
    folded = fold(text)
    if "%" in folded:
        folded = PERCENT_RE.sub(" percent", folded)
    if any(c in folded for c in "*#@-_"):
        folded = MASKED_RE.sub(_unmasked, folded)
    found = WORD_RE.findall(folded)
    if not any(w in NUMBER_WORDS for w in found):
        return found
    out: list[str] = []
    tens = False  # the last word was a tens word ("twenty"), which a unit word after it joins
    for w in found:
        value = NUMBER_WORDS.get(w)
        if value is not None and tens and 0 < value < 10:
            out[-1] = str(int(out[-1]) + value)  # "twenty-five", "twenty five": 25
            tens = False
            continue
        out.append(w if value is None else str(value))
        tens = value in TENS
    return out

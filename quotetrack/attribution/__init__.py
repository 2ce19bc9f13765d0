"""Attribute quotes to speakers.

The package reads an article's text in layers: ``lexicon`` (the word lists, as data files),
``tokens`` (tokens, sentences, paragraphs), ``phrases`` (noun phrases and subjects), ``cues``
(reporting words and the speaker they name), ``strategies`` (the ordered ways to find a
speaker), ``mentions`` (the article's names, its registry of people, pronouns) and ``assign``
(``attribute``, the entry point).
"""

from .assign import attribute

__all__ = ["attribute"]

"""Comparison copies: stopwords (contractions included) and near-synonym folding."""

from __future__ import annotations

import pytest

from quotetrack.text import SYNONYM_SETS, concept, is_stopword


@pytest.mark.parametrize("word, expected", [
    ("the", True), ("it's", True), ("don't", True), ("can't", True), ("won't", True), ("we're", True),
    ("couldn't", True), ("russia's", False), ("nothing", False), ("malarkey", False), ("o'neill", False),
])
def test_stopwords_include_contractions_of_function_words(word, expected):
    assert is_stopword(word) is expected


@pytest.mark.parametrize("a, b, same", [
    ("halt", "cease", True), ("fighting", "hostilities", True), ("nation", "country", True),
    ("replied", "answered", True), ("fact", "assumption", False), ("original", "root", False),
    ("stop", "start", False),
])
def test_near_synonyms_fold_together(a, b, same):
    assert (concept(a) == concept(b)) is same


def test_no_word_is_in_two_synonym_sets():
    words = [w for group in SYNONYM_SETS for w in group]
    assert len(words) == len(set(words))

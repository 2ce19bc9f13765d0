"""Comparison copies: folding, stopwords (contractions included), near-synonym folding, and the
concept counts of an article."""

from __future__ import annotations

import unicodedata

import pytest

from quotetrack.text import SYNONYM_SETS, concept, concept_counts, fold, is_stopword, words


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


@pytest.mark.parametrize("text, expected", [
    ("The talks, the TALKS and the ceasefire's end.", {"talk": 2, "cessat": 1, "stop": 1}),
    ("It's what we don't want: halt it, cease it!", {"want": 1, "stop": 2}),
    ("", {}),
    ("the and of", {}),  # function words only
])
def test_concept_counts_count_content_concepts_in_order_of_first_occurrence(text, expected):
    counts = concept_counts(text)
    assert counts == expected and list(counts) == list(expected)


@pytest.mark.parametrize("text", [
    "War-torn towns, the war's toll: U.S. war-time\u00a0aid to war-torn towns.",
    "a´b ＦＵＬＬ　ｗｉｄｔｈ ﬁnal fi\tnal «talks»—talks–talks 1,000 1 000",
    "'em 'tis o'neill's don't-stop-me-now stop-me",
])
def test_concept_counts_equal_counting_every_word(text):
    # the definition, word by word, that concept_counts computes token by token
    expected: dict[str, int] = {}
    for w in words(text):
        if not is_stopword(w):
            expected[concept(w)] = expected.get(concept(w), 0) + 1
    counts = concept_counts(text)
    assert counts == expected and list(counts) == list(expected)


@pytest.mark.parametrize("text", [
    "“Quoted” ‘single’ ‛reversed’ `tick´ „low“ «guillemets» — dash – en\u00a0nbsp",
    "plain ASCII with a `backtick` and 'quotes'", "ＦＵＬＬ　ｗｉｄｔｈ ﬁ ligature", "Straße İstanbul",
])
def test_fold_replaces_marks_as_one_translation_table_would(text):
    table = str.maketrans({"’": "'", "‘": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"',
                           "«": '"', "»": '"', "—": "-", "–": "-", "\u00a0": " "})
    assert fold(text) == unicodedata.normalize("NFKC", text).translate(table).casefold()

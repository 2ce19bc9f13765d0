"""The word lists of attribution, loaded once from the data files shipped with the package.

Each list lives in ``data/NAME.txt``: ``#`` lines say where it comes from, the rest are words
separated by blanks. Sets derived from several lists (every inflection of the reporting verbs,
the words that end a noun phrase) are built here, once, at import.
"""

from __future__ import annotations

import re

from ..datafiles import data_lines


def _lines(name: str) -> list[str]:
    """The lines of ``data/NAME.txt`` that are not comments or blank."""
    return data_lines(__package__, f"data/{name}.txt")


def words(name: str) -> list[str]:
    """The words of ``data/NAME.txt`` in file order (duplicates kept)."""
    return [word for line in _lines(name) for word in line.split()]


def word_set(name: str) -> frozenset[str]:
    """The words of ``data/NAME.txt`` as a set."""
    return frozenset(words(name))


def forms_table(name: str) -> dict[str, tuple[str, ...]]:
    """``data/NAME.txt`` read as one entry a line: a key, then its values."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        key, *values = line.split()
        table[key] = tuple(values)
    return table


IRREGULAR_FORMS = forms_table("irregular_forms")


def inflect(lemma: str) -> set[str]:
    """Every form of a regular verb (``-s``, ``-ed``, ``-ing``, doubled consonants), plus its
    irregular forms."""
    forms = {lemma, *IRREGULAR_FORMS.get(lemma, ())}
    stem = lemma.removesuffix("e")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed", stem + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
            # both spellings: "admitted" and "visited" cannot be told apart without stress marks
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


REPORTING_LEMMAS = words("reporting_verbs")
REPORTING_LEMMA_SET = frozenset(REPORTING_LEMMAS)
REPORTING_VERBS = frozenset(f for lemma in REPORTING_LEMMAS for f in inflect(lemma)) | word_set("verdict_verbs")
INVERSION_VERBS = frozenset(f for lemma in words("inversion_verbs") for f in inflect(lemma) if not f.endswith("ing"))
COGNITION_VERBS = frozenset(f for lemma in words("cognition_verbs") for f in inflect(lemma))

FILLERS = word_set("fillers")
TIME_FILLERS = FILLERS | word_set("time_fillers")
SENTENCE_ABBREVIATIONS = word_set("sentence_abbreviations")
MESSAGE_NOUNS = word_set("message_nouns")
CLAUSE_WORDS = word_set("clause_words")
PREPOSITIONS = word_set("prepositions")
NP_DETERMINERS = word_set("np_determiners")
PHRASAL_CUES = {verb: particle for verb, (particle,) in forms_table("phrasal_cues").items()}
NP_BREAKERS = (word_set("np_breakers") | PREPOSITIONS | CLAUSE_WORDS | FILLERS | REPORTING_VERBS
               | frozenset(PHRASAL_CUES))
NP_LINKS = word_set("np_links")
QUALIFYING_LINKS = word_set("qualifying_links")
SPEAKER_PRONOUNS = word_set("speaker_pronouns")
NAME_SUFFIXES = word_set("name_suffixes")
INDEFINITE_SPEAKERS = word_set("indefinite_speakers")
WEEKDAYS = word_set("weekdays")
GIVEN_NAME_HOMOGRAPHS = word_set("given_name_homographs")
ISSUING_VERBS = word_set("issuing_verbs")
POSSESSIVE_DETERMINERS = word_set("possessive_determiners")
NAMING_VERBS = word_set("naming_verbs")
PASSIVE_NAMING = word_set("passive_naming")
CATENATIVE_VERBS = word_set("catenative_verbs")
OWN_CLAUSE_OPENERS = word_set("own_clause_openers")
INTRODUCTORY_WORDS = PREPOSITIONS | CLAUSE_WORDS | word_set("introductory_words")
SENTENCE_ADVERBS = word_set("sentence_adverbs")
TITLE_SMALL_WORDS = word_set("title_small_words")
ABBREVIATION_TOKENS = word_set("abbreviation_tokens")
ORGANISATION_WORDS = word_set("organisation_words")
ADJECTIVE_ENDINGS = tuple(words("adjective_endings"))
ADJECTIVE_LIKE_NOUNS = word_set("adjective_like_nouns")
PAST_FORMS = word_set("past_forms")
SPEECH_NOUNS = word_set("speech_nouns")
POLL_NOUNS = word_set("poll_nouns")
DOCUMENT_FORMS = {form: kind for kind, forms in forms_table("document_forms").items() for form in forms}
"""A document's short or long name -> the one form it is written in ("suit" -> "lawsuit")."""


def document_form(description: str) -> str:
    """A description with its head noun in the one form its kind of document is written in
    ("suit" -> "lawsuit", "new advertisement" -> "new ad"); any other description as it is."""
    head = description.rpartition(" ")[2]
    form = DOCUMENT_FORMS.get(head)
    return description if form is None else description[:len(description) - len(head)] + form

SPEECH_NOUN_LINKS = word_set("speech_noun_links")

CUE_VERB_WORDS = REPORTING_VERBS | ISSUING_VERBS | frozenset(PHRASAL_CUES) | {"according"}
"""Every word ``cues.is_verb_at`` can take for a cue, in lower case."""
SENTENCE_OPENING_WORDS = NP_BREAKERS | NP_DETERMINERS | SPEAKER_PRONOUNS
"""Words that, capitalised after a quote that ended its sentence, open the next sentence."""
NOT_NAME_OPENERS = INTRODUCTORY_WORDS | REPORTING_VERBS | NP_BREAKERS | NP_DETERMINERS
"""Capitalised words that open a sentence before a name and are not part of it."""

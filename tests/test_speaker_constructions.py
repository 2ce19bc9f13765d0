"""Issue 18: constructions that credit a quote on real coverage (a name before a colon, a claim
that "is that ...") and strings that are no source (an adjective before a noun read as a verb,
a noun and an irregular past tense). Invented sentences, one table per rule, with negative cases."""

from __future__ import annotations

import pytest

from quotetrack.attribution.phrases import np_forward
from quotetrack.attribution.tokens import tokenize

from .conftest import speakers


@pytest.mark.parametrize("text, expected", [
    # a noun of speech read as a verb after an adjective: the adjective is no speaker
    ("Head\n\nThe rally joined in a thunderous chant of “Feel the heat!”", [None]),
    ("Head\n\nDana Poe says she got a nervous call from her niece. “She called me in tears.”", ["Dana Poe"]),
    ("Head\n\nJane Doe said his anti-union remarks were “propaganda” for the other side.", ["Jane Doe"]),
    ("Head\n\nThe firm wrote to the dean, calling the two lengthy investigative reports “deliberately "
     "misleading.”", ["firm"]),
    # negative: a noun with an adjective's ending still heads a description
    ("Head\n\n“We will win,” the official said.", ["official"]),
    ("Head\n\n“It is time to go,” the editorial said.", ["editorial"]),
    ("Head\n\n“The bill is dead,” a local conservative said.", ["local conservative"]),
])
def test_an_adjective_heads_no_description(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("sentence, phrase", [
    # an irregular past tense ends the noun phrase, as "-ed" does
    ("the first clash came during a rally", "the first clash"),
    ("the campaign sent out a release", "the campaign"),
    # negative: capitalised, the same word may be a name ("Drew", "Rose")
    ("Nancy Rose said", "Nancy Rose"),
])
def test_an_irregular_past_ends_a_noun_phrase(sentence, phrase):
    toks = tokenize(sentence, 0, len(sentence))
    assert " ".join(t[2] for t in toks[:np_forward(toks, 0)]) == phrase


@pytest.mark.parametrize("text, expected", [
    ("Head\n\nThe surge does not surprise Republican pollster Tom Roe: “Late deciders often break "
     "for the challenger.”", ["Tom Roe"]),
    ("Head\n\nFormer governor Jane Rodham Doe:“We learned that from the department.”", ["Jane Rodham Doe"]),
    ("Head\n\nTurnout was high in rural counties - More from Kay Lee and Tom Roe: “Our data confirm "
     "that both trends were there.”", ["Tom Roe"]),
    # negative: whom it was said to is no speaker
    ("Head\n\nThe senator sent a blunt message to Jane Doe: “It is time to stop the attacks on your "
     "rivals.”", ["senator"]),
    ("Head\n\nHe spoke at length, telling the Daily Planet: “We have never lost a vote here.”", [None]),
    ("Head\n\nHe listed three states: “Ohio, Iowa and Maine.”", [None]),
])
def test_a_name_before_a_colon_speaks(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Head\n\nBut Roe’s most explosive claim is that the panel is a “witch hunt” run by Jane Doe.", ["Roe"]),
    # negative: no noun of speech before "is that"
    ("Head\n\nThe problem is that the panel is a “witch hunt” run by Jane Doe.", [None]),
])
def test_a_claim_that_is_its_owners(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a state after its town, after an introductory phrase, is no subject
    ("Head\n\nSpeaking at a town hall in Salem, New Hampshire, Jane Doe went after Roe, calling him "
     "“a total stiff.”", ["Jane Doe"]),
    ("Head\n\nAt a conference that month in Aspen, Colo., Jane Doe ended her speech by quoting a poet: "
     "“Every obstacle yields to effort.”", ["Jane Doe"]),
    # negative: a name and its appositive after a day stay the subject
    ("Head\n\nOn Monday, Jane Doe, a nurse, called the plan “a disgrace.”", ["Jane Doe"]),
])
def test_a_state_after_its_town_is_passed_over(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a quoted phrase woven into what a person described by a role did is theirs
    ("Head\n\nA federal judge determined that the handling of the files created a “reasonable "
     "suspicion” of bad faith.", ["federal judge"]),
    # negative: a description that names no person does not
    ("Head\n\nThe final tally gave the measure a “clear mandate” in every county.", [None]),
])
def test_a_person_described_by_a_role_weaves_a_phrase(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a participle of saying after an issued message gives the sender's words
    ("Head\n\nLater, the Roe campaign sent out a press release saying Doe owes “the state an "
     "answer.”", ["Roe campaign"]),
    ("Head\n\nEven before Jane Doe took the stage, the campaign sent out a text message to supporters "
     "saying: “We won tonight and we thank you.”", ["campaign"]),
    # negative: a place after "in" is no sender
    ("Head\n\nThe Doe Museum in Springfield issued a report this month charging the group with "
     "“crimes against humanity.”", ["Doe Museum"]),
])
def test_an_issued_message_saying(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a progressive participle of saying has its subject after a clause opener
    ("Head\n\nThe final results are not in, but the Roe campaign is already claiming victory in the "
     "so-called “governor race.”", ["Roe campaign"]),
    # "opined" inverts like "said"
    ("Head\n\n“Owners should leave their weapons at home,” opined the Springfield Gazette.",
     ["Springfield Gazette"]),
])
def test_a_progressive_and_an_inverted_opinion(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a lower-case role between a capitalised run and the name: the subject is the name
    ("Head\n\nRepublican Presidential hopeful Sen. Tom Roe was also critical of the stance, telling the "
     "paper: “The comments are typical of this administration.”", ["Tom Roe"]),
    ("Head\n\nFormer Ohio governor Jane Doe praised the effort, calling it “an incredible feat.”", ["Jane Doe"]),
    # negative: a name with no role after it stays itself
    ("Head\n\nJane Doe already called it “a disaster.”", ["Jane Doe"]),
])
def test_a_role_between_capitalised_words_leads_to_the_name(text, expected):
    assert speakers(text) == expected

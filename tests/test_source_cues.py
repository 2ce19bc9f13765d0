"""Issue 18 items 2, 6 and 7: speakers missed, organisations and documents as sources, cue
phrases, and what is a source. One table per rule, invented sentences, with negative cases."""

from __future__ import annotations

import pytest

from .conftest import attributed, speakers


@pytest.mark.parametrize("text, expected", [
    # "proposed" before a noun is no verb: its "subject" ends in a determiner, so the verb
    # before it speaks
    ("Head\n\nMs. Jane Roe said her group would work to review any proposed changes “to see what "
     "each would do.”", ["Jane Roe"]),
    # negative: a real last verb of saying still wins over an earlier one
    ("Head\n\nJane Roe said on Monday that Tom Doe proposed “a fresh start.”", ["Tom Doe"]),
])
def test_a_subject_that_is_no_source_lets_an_earlier_verb_speak(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a surname spelt like a function word, after a quote that ends in a comma
    ("Head\n\n“We lost the South,” From said. “It took years.”", ["From", "From"]),
    ("Head\n\n“It was a mistake,” From wrote, and left.", ["From"]),
    # negative: after a full stop a capitalised function word opens a sentence
    ("Head\n\n“We lost.” But said nothing more, Jane Doe walked away.", [None]),
])
def test_a_surname_spelt_like_a_function_word(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # ", who said": the person the relative clause is about
    ("Head\n\nThe raid drew scrutiny, even from Gov. Tom Doe, who said “it was a circus,” and asked "
     "“who called the cameras?”", ["Tom Doe", "Tom Doe"]),
    # negative: without the comma the clause only narrows a description
    ("Head\n\nJane Roe criticised a rival who promised “a new dawn” to every voter.", ["Jane Roe"]),
])
def test_who_said_credits_the_person_the_clause_is_about(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a one-word sentence adverb before the subject
    ("Head\n\nFirst, Jane Roe attacked her rival for being a “failed candidate.” Then she left.",
     ["Jane Roe"]),
    # "Like X," compares: the subject comes after it
    ("Head\n\nLike Doe, Jane Roe sees “room for a deal” in the plan.", ["Jane Roe"]),
    # negative: a dateline in capitals is no sentence adverb ("Ill." is no speaker)
    ("Head\n\nSPRINGFIELD, Ill. — the council voted for a “fresh start” on Monday.", [None]),
])
def test_introductory_words_before_the_subject(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the name whose noun of speech introduces the quote
    ("Head\n\nThe worries go beyond Jane Roe's pledge to be “neutral” in the talks.", ["Jane Roe"]),
    ("Head\n\nWhile Roe's clarion call for a “revolution” draws crowds, the party waits.", ["Roe"]),
    # negative: the object of a verb of saying is the other person's word for it
    ("Head\n\nTom Doe replied on Twitter, calling Jane Roe's charge “pathetic.”", ["Tom Doe"]),
    # negative: a noun that is not speech
    ("Head\n\nThe worries go beyond Jane Roe's plan to be “neutral” in the talks.", [None]),
])
def test_a_noun_of_speech_credits_its_owner(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # one spelling for a kind of document, so that it stays one source
    ("Head\n\n“The state broke the law,” the suit says.", ["lawsuit"]),
    ("Head\n\n“Taxes went up,” the new advertisement says.", ["new ad"]),
    # negative: other documents keep their noun
    ("Head\n\n“The state broke the law,” the complaint says.", ["complaint"]),
])
def test_a_document_is_written_in_one_form(text, expected):
    assert speakers(text) == expected


def test_a_document_keeps_its_mention_as_written():
    (quote,) = attributed("Head\n\n“The state broke the law,” the suit says.")
    assert (quote.speaker, quote.mention) == ("lawsuit", "suit")


@pytest.mark.parametrize("text, expected", [
    # a fact-checker's verdict, and a web site named by its domain
    ("Head\n\nTruthMeter.org rated the ad as “false,” citing the budget.", ["TruthMeter.org"]),
    # negative: "rates" is a noun here, no verb of a verdict
    ("Head\n\nJane Roe tied the scores to graduation rates, saying the law helped “millions of kids.”",
     ["Jane Roe"]),
    # someone the text does not name speaks, not the named person nearby
    ("Head\n\nWhen Jane Roe asked who was to blame, someone shouted “the mayor,” and she laughed.",
     ["someone"]),
])
def test_verdicts_domains_and_unnamed_people(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "as X claims" after the quote credits the quoted words, over the sentence's own verb
    ("Head\n\nTom Doe says the plan saves the program, not “ends” it, as Jane Roe claims.", ["Jane Roe"]),
    ("Head\n\nThe plan is “a disaster,” as Jane Roe put it.", ["Jane Roe"]),
    ("Head\n\nStill, the race “is a dead heat,” as Tom Doe said on the radio, and it matters.", ["Tom Doe"]),
    # negative: "as" that is no clause of saying
    ("Head\n\nTom Doe says the plan is “a disaster,” as the numbers show.", ["Tom Doe"]),
])
def test_an_as_clause_credits_the_quoted_words(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a noun of speech with a that-clause up to the quote
    ("Head\n\nThe group does not share Jane Roe's opinion that the fee is “without merit.”", ["Jane Roe"]),
    # negative: a verb of saying that has a subject speaks first
    ("Head\n\nTom Doe called Jane Roe's remarks “racist.”", ["Tom Doe"]),
])
def test_a_noun_of_speech_with_its_clause(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a participle takes the subject of the clause it hangs on when the sentence's is "it"
    ("Head\n\nIt came after Speaker Jane Roe publicly chided Tom Doe on Friday, accusing him of having "
     "“lost another week.”", ["Jane Roe"]),
    ("Head\n\nHere in the capital, Jane Roe stepped up her attacks, saying, “We have to win.”", ["Jane Roe"]),
    # negative: a clause whose subject is no name gives nothing
    ("Head\n\nIt came after the storm passed on Friday, leaving the town “in ruins.”", [None]),
])
def test_a_participle_takes_its_clause_subject(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "To X," gives X's view
    ("Head\n\nTo Rep. Jane Roe, D-Ohio, the bill “gives power back to the people.”", ["Jane Roe"]),
    # negative: "To" that opens a purpose clause names no one
    ("Head\n\nTo win the state, the campaign needs “a miracle,” analysts say.", ["analysts"]),
])
def test_to_someone_gives_their_view(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # no verb of saying and no subject opening the sentence: the named subject of its last clause
    ("Head\n\nWhen Jane Roe finally wrapped up — “I will fight for you!” — the crowd cheered.", ["Jane Roe"]),
    ("Head\n\nThe rule dates from 2008, when Gov. Tom Doe ordered talks with “major party” candidates.",
     ["Tom Doe"]),
    # negative: a clause with no name in it
    ("Head\n\nThe rule dates from 2008, when the board ordered talks with “major party” candidates.", [None]),
])
def test_a_named_clause_subject_when_nothing_else_speaks(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a verb of saying with no subject found: the named subject of a clause in the sentence
    ("Head\n\nThere were sharper jabs, such as when Jane Roe knocked Tom Doe on trade and called him "
     "a “moderate,” a dig at him.", ["Jane Roe"]),
    # negative: a verb that names is no clause of the person before it
    ("Head\n\nThere is also a mock book by the comedian Jane Roe titled “A First Book of Rules,” and "
     "more.", [None]),
])
def test_a_named_clause_subject_for_a_verb_without_one(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a share of those asked speaks through the poll the sentence names
    ("Head\n\nIn a new Springfield Gazette poll, 75 percent of voters said “most politicians” lie.",
     ["new Springfield Gazette poll"]),
    # negative: without a poll in the sentence the share stays the speaker
    ("Head\n\nSome 55 percent of voters said they do not believe “a word of it.”", ["55 percent of voters"]),
])
def test_a_share_of_those_asked_speaks_through_the_poll(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a participle after an earlier quote of the same sentence: the subject before that quote
    ("Head\n\nJane Roe spoke at length. In that interview, she invoked the idea of “balance,” saying "
     "it means “not letting one side win.”", ["Jane Roe"]),
    # negative: an earlier quote that opens its sentence has no subject before it
    ("Head\n\nThe change felt small. “It is not new,” the mayor said at the time, adding that “we "
     "have done it before.”", ["mayor", "mayor"]),
])
def test_a_participle_after_an_earlier_quote(text, expected):
    assert speakers(text)[-1] == expected[-1]


@pytest.mark.parametrize("text, expected", [
    # a quote inside the question is the asker's word
    ("Head\n\nAsked by Tom Doe if Jane Roe “gets” the issue, the reverend avoided an answer.", ["Tom Doe"]),
    # negative: after the clause's comma, the answer is the subject's
    ("Head\n\nAsked by Tom Doe about it, Jane Roe said she “never” lied.", ["Jane Roe"]),
])
def test_the_asker_of_a_question(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "in X's words," credits X
    ("Head\n\nThe summit moved to the coast because, in Jane Roe's words, “the sea calms everyone.”",
     ["Jane Roe"]),
])
def test_in_someones_words(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a state after its town is a place among the asides, not the speaker
    ("Head\n\nSpeaking in Berea, OH, after the vote, Gov. Jane Roe (R-OH), said, “We won.”", ["Jane Roe"]),
    # negative: a name among the asides still speaks
    ("Head\n\nIn a letter to the paper, her lawyer, Tom Doe, wrote, “She is innocent.”", ["Tom Doe"]),
])
def test_a_state_after_its_town_is_no_speaker(text, expected):
    assert speakers(text) == expected

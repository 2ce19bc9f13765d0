"""Speaker attribution: cues on either side, pronouns, continuation, canonical names."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from quotetrack.attribution.assign import _attributed
from quotetrack.models import Kind, Quote

from .conftest import speakers


@pytest.mark.parametrize("text, expected", [
    # cue after, either order, with or without a comma
    ("“We agree,” Putin said.", ["Putin"]),
    ("“It gives us nothing,” said Yuri Ushakov, a former ambassador.", ["Yuri Ushakov"]),
    ("“Fine” Jane Doe told reporters.", ["Jane Doe"]),
    # cue before
    ("Maria Lopez said: “We will appeal.”", ["Maria Lopez"]),
    ("Vladimir Putin has stated that “the idea is correct.”", ["Vladimir Putin"]),
    ("Donald Trump spoke. He questioned, “What does it mean?”", ["Donald Trump"]),
    ("End the violence, what Donald Trump called the “bloodbath” in Ukraine.", ["Donald Trump"]),
    ("Vladimir Putin thanked Donald Trump “for paying so much attention.”", ["Vladimir Putin"]),
    ("Donald Trump tweeted “no collusion” again.", ["Donald Trump"]),
    ("Sen. Elizabeth Warren vowed “to fight” the bill.", ["Elizabeth Warren"]),
    ("The plan, according to Mark Rutte, is “a good start.”", ["Mark Rutte"]),
    # titles stripped and names canonical within the article
    ("Russian President Vladimir Putin spoke. “Yes,” Mr. Putin said.", ["Vladimir Putin"]),
    ("U.S. Secretary of State Marco Rubio arrived. “The ball is in their court,” Rubio said.", ["Marco Rubio"]),
    # a description when no name is given
    ("“We are ready,” a senior aide said.", ["senior aide"]),
    # no cue at all: unattributed
    ("The show “Meet the Press” aired on Sunday.", [None]),
    ("“Nothing here.”", [None]),
])
def test_cues(text, expected):
    assert speakers(text) == expected


def test_participle_takes_the_sentence_subject():
    text = ("Donald Trump has made ending the war a key objective, at one time promising on the "
            "campaign trail to end the war on “day one” of his presidency.")
    assert speakers(text) == ["Donald Trump"]


def test_not_a_clause_as_speaker():
    text = "He thanked them for their “noble mission,” a statement that suggested a deal."
    assert speakers(text) == [None]


def test_pronoun_resolves_to_sentence_subject_not_nearest_name():
    text = ("President Donald Trump said there were good signals. He spoke to reporters.\n\n"
            "Trump met NATO Secretary General Mark Rutte. “Now we will see,” he said.")
    assert speakers(text) == ["Donald Trump"]


def test_pronoun_agrees_in_gender():
    text = "John Kasich met Hillary Clinton on Monday.\n\n“We disagree,” he said."
    assert speakers(text) == ["John Kasich"]
    text = "John Kasich met Hillary Clinton on Monday.\n\n“We disagree,” she said."
    assert speakers(text) == ["Hillary Clinton"]


def test_second_quote_in_paragraph_keeps_the_first_speaker():
    text = ("“We agree,” Vladimir Putin told reporters after talks with Belarusian President "
            "Alexander Lukashenko. “The idea itself is correct.”")
    assert speakers(text) == ["Vladimir Putin", "Vladimir Putin"]


def test_quote_paragraph_without_cue_continues_the_speaker():
    text = "“I’d love to meet him,” Donald Trump told reporters.\n\n“Hopefully they’ll do the right thing.”"
    assert speakers(text) == ["Donald Trump", "Donald Trump"]


def test_continuation_does_not_reach_across_reporter_paragraphs():
    text = ("“First,” Donald Trump said.\n\nA paragraph of reporting.\n\nAnother one.\n\n"
            "Yet another.\n\n“Unattributed later quote.”")
    assert speakers(text) == ["Donald Trump", None]


# Speaker noun phrases on either side of the quote. Each row is a small synthetic sentence; the
# None rows are the negative cases: a noun that looks like a cue, a sentence that ends before the
# next words, a name that opens a sentence but is not a speaker.
@pytest.mark.parametrize("text, expected", [
    # descriptions with capitalised modifiers, and a name inside a longer phrase
    ("“We are leaving,” a WX9 representative said.", ["a WX9 representative"]),
    ("“It is over,” said the Democratic nominee.", ["Democratic nominee"]),
    ("“No comment,” Metro Daily opinion editor Jane Roe told the radio.", ["Jane Roe"]),
    ("“We will sue,” Acme Watch President Tom Fenwick said.", ["Tom Fenwick"]),
    ("“All clear,” the newspaper admitted.", ["newspaper"]),
    ("“Read the fine print,” the statement read.", ["statement"]),
    # party labels and initials inside the name
    ("“We won,” Sen. Mary Vance (D-Ore.) said Saturday.", ["Mary Vance"]),
    ("“Enough,” said Peter J. Quill, a lawyer.", ["Peter J. Quill"]),
    # several asides between the name and the verb, after the quote
    ("“Too late,” Ann Lee, 67, a retired nurse in Dover, Del., said on Monday.", ["Ann Lee"]),
    # a qualifying phrase after the head: the speaker is the head, with its qualifier
    ("A spokesman for the campaign said “nothing changed.”", ["spokesman for the campaign"]),
    ("Maria Ortiz of Dover said “nothing changed.”", ["Maria Ortiz"]),
    # asides before the verb, before the quote: the earliest name, not an object of a preposition
    ("In a letter to the Gazette, her lawyer, John Roe, wrote: “We will appeal.”", ["John Roe"]),
    ("Jane Doe, editor of The Weekly Planet, a local paper, wrote, “It is done.”", ["Jane Doe"]),
    ("Tom Fenwick, speaking to reporters in Dover, said “it is done.”", ["Tom Fenwick"]),
    # a written-out title keeps its "of"
    ("Secretary of State Ann Fields has stated that “the door is open.”", ["Ann Fields"]),
    # according to, at the start of a sentence
    ("According to the newspaper, “The vote was close.”", ["newspaper"]),
    # a sentence that opens with the verb, and a transcript-style name and colon
    ("Said Dora Pike, a neighbour, “We were proud.”", ["Dora Pike"]),
    ("Continued Pike: “So it goes.”", ["Pike"]),
    # a title-case headline with its verb
    ("Jane Doe Says Rival Is ‘Not Ready.’\n\nJane Doe spoke on Monday.", ["Jane Doe"]),
    # a quote inside the reporter's sentence belongs to the verb before it, not a later cue
    ("Under what Mr. Hale called “the old model,” the club, a local institution, charged fees.", ["Hale"]),
    # negative: nouns that look like reporting verbs
    ("He saw it as a wake-up call for their “reveries about power.”", [None]),
    ("Her recovered email server was “a risk.”", [None]),
    ("Budget vote\n\nMr. Hale's remarks were “the textbook definition of a mistake.”", [None]),
    # negative: the quote ends its sentence and a new one starts with a pronoun
    ("Rita Moss said he goes “back to war tomorrow.” He’s predicting a win.", ["Rita Moss"]),
    # negative: a sentence-opening word that the article never capitalises mid-sentence
    ("Overnight the senator kept vowing to hold the “higher ground.”", [None]),
    ("Ann Fields kept vowing to hold the “higher ground.”", ["Ann Fields"]),
    # negative: a name that only starts a longer word is not a pronoun ("Weld", "Irwin")
    ("“It was a mistake,” said Weld, who added more.", ["Weld"]),
    ("“Shameful,” said Irwin Lane, a doctor.", ["Irwin Lane"]),
    # negative: a thing that is "called" something is not a speaker
    ("He funds a group called the “Open Door Project.”", [None]),
])
def test_speaker_phrases(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a cue that closes the sentence after more of the reporter's words
    ("“Boats in the harbour” would be needed, Ann Fields said after the vote.", ["Ann Fields"]),
    ("“We will win” and nothing less, says Tom Fenwick, a pollster.", ["Tom Fenwick"]),
    # negative: the quote ended its sentence; a later sentence's verb is not its cue
    ("“We will win.” Later the rain stopped, Tom Fenwick said.", [None]),
    # headlines: the name before a colon, else the name the headline opens with (when the body
    # also capitalises it); negative: a word the body never capitalises
    ("Fenwick: Rival Is ‘Not Ready.’\n\nTom Fenwick spoke on Monday.", ["Tom Fenwick"]),
    ("Tom Fenwick Sides With Rivals On ‘Taxes.’\n\nOn Monday, Tom Fenwick spoke.", ["Tom Fenwick"]),
    ("Report: Meetings were ‘cherry-picked.’\n\nA report came out.", ["Report"]),
    ("Woman In ‘Fear’ After Storm\n\nA woman spoke.", [None]),
    # a participle takes the sentence's subject past introductory phrases, a description too
    ("On Monday, after the vote, Ann Fields met donors, calling it “a triumph.”", ["Ann Fields"]),
    ("The former governor greeted donors, calling the plan “a triumph.”", ["former governor"]),
])
def test_cues_away_from_the_quote(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ann Fields's claim that the files were “in the system” is disputed.", ["Ann Fields"]),
    ("Ann Fields's remarks were “a disgrace,” critics said.", ["critics"]),
    ("Tom Fenwick's not sure he gave ‘hundreds of thousands.’\n\nTom Fenwick spoke.", ["Tom Fenwick"]),
])
def test_possessives(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a paragraph ending in a colon introduces the quote paragraph after it
    ("Budget talks\n\nGov. Ann Fields released the following statement:\n\n“We will not sign it.”",
     ["Ann Fields"]),
    ("Budget talks\n\nThe mayor’s office issued a statement:\n\n“We will not sign it.”", ["mayor’s office"]),
    # negative: a paragraph that does not end in a colon introduces nothing
    ("Budget talks\n\nGov. Ann Fields released a statement.\n\nA vote followed.\n\n\n“Unsigned words.”",
     [None]),
    # a reporting verb only used in its noun sense after a cue: pressed
    ("Budget talks\n\n“Is it negotiable?” Tom Fenwick pressed.", ["Tom Fenwick"]),
])
def test_introductions(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # verbs of belief and evidence attribute a quote when nothing says it ...
    ("Budget talks\n\nA new poll shows voters are “fed up.”", ["new poll"]),
    ("Budget talks\n\nAnn Fields thinks the plan is “a disaster.”", ["Ann Fields"]),
    # ... but the one who says it outranks the one who thinks it
    ("Budget talks\n\nAnn Fields said Tom Fenwick thinks the plan is “a disaster.”", ["Ann Fields"]),
    # more verbs of saying, after the quote
    ("Budget talks\n\n“Get out,” Tom Fenwick barked.", ["Tom Fenwick"]),
    # an all-capitals word after a quote's full stop is no pronoun ("US", not "us")
    ("Budget talks\n\n“We vote yes!” US Senator Ann Fields said.", ["Ann Fields"]),
])
def test_verbs_of_belief(text, expected):
    assert speakers(text) == expected


def test_a_participle_clause_is_no_inversion():
    text = "Budget talks\n\nAsked a direct question in the debate, Ann Fields said, “I take responsibility.”"
    assert speakers(text) == ["Ann Fields"]


@pytest.mark.parametrize("text, expected", [
    ("Budget talks\n\nAn official who spoke anonymously to discuss strategy said “talks continue.”", ["official"]),
    # negative: a name before the verb is the subject, whatever "who" stands earlier
    ("Budget talks\n\nThe man who Ann Fields said was “a hero” left.", ["Ann Fields"]),
])
def test_relative_clause_without_commas(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the fullest form of a name counts from its given name ...
    ("Budget talks\n\nRepublican Ann Fields met Ann Fields's donors.\n\n“Yes,” Fields said.", ["Ann Fields"]),
    # ... and words a sentence put before a surname are no part of it
    ("Budget talks\n\nIn New Mexico Roe spoke.\n\n“Yes,” Roe said.", ["Roe"]),
])
def test_fullest_name(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an abbreviation or an initial does not end the sentence that holds the cue
    ("Budget talks\n\nAnn Fields said Mr. Roe had failed to “reach out.”", ["Ann Fields"]),
    ("Budget talks\n\nAnn Fields said the U.S. Senate was “a mess.”", ["Ann Fields"]),
    # negative: a real full stop does
    ("Budget talks\n\nAnn Fields spoke. Later the Senate was “a mess.”", [None]),
])
def test_sentence_breaks(text, expected):
    assert speakers(text) == expected


def test_last_sentence_break_is_the_last_of_all_breaks():
    # read back a window at a time, it must find what reading the whole stretch finds: marks
    # near the window's edges, abbreviations and initials cut by it, and stretches with none
    import random

    from quotetrack.attribution.tokens import last_sentence_break, sentence_breaks

    rng = random.Random(7)
    pieces = ["Ann Fields spoke. ", "Mr. Roe left.\u201d ", "The U.S. Senate met! ", "Was it? ",
              "A. B. Doe came. ", "words and more words ", "x" * 290, ".\u2019) Then ", "Sen. "]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60)))
        start = rng.randrange(len(text) + 1)
        end = rng.randrange(start, len(text) + 1)
        breaks = sentence_breaks(text, start, end)
        assert last_sentence_break(text, start, end) == (breaks[-1] if breaks else None)


def test_pronoun_skips_back_over_sentences_without_a_person():
    text = ("Budget talks\n\nAnn Fields met donors. The room was full. It rained.\n\n"
            "“We won,” she said.")
    assert speakers(text) == ["Ann Fields"]


@pytest.mark.parametrize("text, expected", [
    # a quoted phrase in a sentence about a named person, with no verb of saying, is theirs
    ("Budget talks\n\nAnn Fields launched into a lament for the “countless families” hurt.", ["Ann Fields"]),
    # negative: a title, a description or a pronoun subject does not take it
    ("Budget talks\n\nAnn Fields appeared on “Meet the Press” on Sunday.", [None]),
    ("Budget talks\n\nThe committee launched a “fresh start” today.", [None]),
    ("Budget talks\n\nShe launched a “fresh start” today.", [None]),
])
def test_phrase_in_a_sentence_about_someone(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a sentence adverb before the subject is one word, not a phrase up to the next comma
    ("Jane Doe spoke.\n\nThen Doe went on the attack, saying, “Will he resign?”", ["Jane Doe"]),
    ("Jane Doe spoke.\n\nAnd Doe kept going, saying, “We will win.”", ["Jane Doe"]),
    # a name ending in -ed is no participle when the article writes it mid-sentence
    ("Vote ruling\nOfficials met Jon Husted.\n\nHusted continued, saying, “We will appeal.”", ["Jon Husted"]),
    # negative: a real participle phrase is still skipped to the subject after it
    ("Asked about the vote, Jane Doe replied, saying, “No.”", ["Jane Doe"]),
    # negative: a sentence adverb before a lower-case word introduces nothing
    ("Then Monday came and the vote was “close.”", [None]),
])
def test_sentence_openers(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a space between an inner closing mark and the outer one ("... 'vote,' " Doe said)
    ("“They said, ‘Just vote,’ ” Jane Doe told reporters.", ["Jane Doe"]),
    ("\"They said, 'Just vote,' \" said Jane Doe.", ["Jane Doe"]),
    # verbs of comment and exhortation, also inverted
    ("“It is late,” one reader commented.", ["reader"]),
    ("“It is late,” remembered Roy Verley, a former spokesman.", ["Roy Verley"]),
    ("“Vote now,” exhorted Jane Doe.", ["Jane Doe"]),
    # negative: a space then a new quote is no closing cue
    ("“They said no.” “We agree,” Roy Verley said.", [None, "Roy Verley"]),
])
def test_closing_cues(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a quote paragraph credited on the next line after a dash
    ("Claims\nThe facts.\n\n“We will win.”\n\n- Jane Doe, at a rally.\n\nMore text.", ["Jane Doe"]),
    ("Claims\nThe facts.\n\n“Taxes went up.”\n\n— Roy Verley.", ["Roy Verley"]),
    # negative: a dash line that is no name credits nobody
    ("Claims\nThe facts.\n\n“Taxes went up.”\n\n- exchange during a hearing.", [None]),
    # negative: a quote inside a reporter's paragraph is not credited by the next line
    ("Claims\nThe facts are “murky” here.\n\n- Roy Verley.", [None]),
])
def test_dash_credit(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an inverted cue after a short introduction
    ("Head\nX.\n\nBut, said Roy Verley, “we will.”", ["Roy Verley"]),
    ("Head\nX.\n\nIn other words, explained moderator Jane Doe: “we will.”", ["Jane Doe"]),
    # phrasal cues: "put it", "pointed out"
    ("Head\nX.\n\nAs Jane Doe, a senator, put it: “we will.”", ["Jane Doe"]),
    ("Head\nX.\n\nAs the Daily Planet pointed out, “we will.”", ["Daily Planet"]),
    # negatives: "put" and "pointed" without their particle cite nothing
    ("Head\nX.\n\nThe crew put the “new” sign up.", [None]),
    ("Head\nX.\n\nThe guide pointed to the “new” sign.", [None]),
    ("Head\nX.\n\nThe guide pointed out the “new” sign.", ["guide"]),
])
def test_inverted_and_phrasal_cues(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a message speaks for its sender: "the email said", "a report noted"
    ("Head\nX.\n\nThe email said, “We will win.”", ["email"]),
    ("Head\nX.\n\n“We will win,” noted a report for the group.", ["report"]),
    # a description with two roles joined by "and"
    ("Head\nX.\n\n“We will,” the Maine senator and party candidate said.", ["Maine senator"]),
    # two people: the first is credited
    ("Head\nX.\n\n“We will,” Jane Doe and Roy Verley said.", ["Jane Doe"]),
    # typesetting spaces before a closing mark, straight and doubled-apostrophe quotes
    ("Head\nX.\n\n''It was bad, '' said Mr. Gunnels, who works here.", ["Gunnels"]),
    ("Head\nX.\n\n''It was bad,'' scoffed Arianna Gil, 22.", ["Arianna Gil"]),
    # negatives: a message noun that is a verb after a name, and a bare verb, name no message
    ("Head\nX.\n\nJane Doe will report “soon.”", ["Jane Doe"]),
    ("Head\nX.\n\nThey said no. “We will,” post it.", [None]),
])
def test_message_nouns_and_roles(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # phrasal verbs of reply and continuation, and "started"
    ("Head\nX.\n\n“Quiet,” Jane Doe shot back. “Let me talk.”", ["Jane Doe", "Jane Doe"]),
    ("Head\nX.\n\n“Quiet,” Jane Doe went on, smiling.", ["Jane Doe"]),
    ("Head\nX.\n\nJane Doe went on to say “Quiet.”", ["Jane Doe"]),
    ("Head\nX.\n\n“Quiet,” Roy Verley started.", ["Roy Verley"]),
    # negatives: the same verbs with another sense
    ("Head\nX.\n\nThe team went on to win the “big” game.", [None]),
    ("Head\nX.\n\nThe team fired back at the “big” gun.", [None]),
])
def test_phrasal_replies(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a participle right after "X said," is X's, not the sentence subject's
    ("Head\nX.\n\nOmar Lee left soon, Ali Nefzi said, adding, “He was quiet.”", ["Ali Nefzi"]),
    # negative: a participle far from any verb of saying takes the sentence subject
    ("Head\nX.\n\nJane Doe has made it her goal, at one time promising to end it on “day one.”", ["Jane Doe"]),
    # negative: a verb of belief before the participle does not speak; the sentence subject does
    ("Head\nX.\n\nJane Doe spoke, and Roy Verley thinks, adding, “No.”", ["Jane Doe"]),
])
def test_participle_after_a_cue(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # given names spelt like modal verbs, before a surname
    ("Head\nX.\n\n“It is high,” said Will Doyle, a professor.", ["Will Doyle"]),
    ("Head\nX.\n\nWill Doyle said, “It is high.”", ["Will Doyle"]),
    # time words between the subject and its verb
    ("Head\nX.\n\nJane Doe on Tuesday night warned: “It is high.”", ["Jane Doe"]),
    ("Head\nX.\n\nJane Doe last week wrote, “It is high.”", ["Jane Doe"]),
    # negative: the homograph alone, with no surname, names nobody
    ("Head\nX.\n\nThey asked. “It is high,” will say the board.", [None]),
])
def test_names_and_time_words(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a new sentence after a quote that reports its own clause is not the quote's cue
    (("Head\nX.\n\n“It is sad,” Ted Cruz said. “This is the culture.” Jane Doe said she would "
     "have fired him."), ["Ted Cruz", "Ted Cruz"]),
    # negative: a bare cue after a full stop still attributes
    ("Head\nX.\n\n“This is the culture.” Jane Doe said.", ["Jane Doe"]),
    # time words end a name but not a description
    ("Head\nX.\n\n“It is high,” Jane Doe last week said.", ["Jane Doe"]),
    ("Head\nX.\n\n“It is high,” the late night host said.", ["late night host"]),
])
def test_sentence_after_a_quote(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # several sentence adverbs before the subject
    ("Head\nX.\n\nAnd then Jane Doe went on the attack, saying, “Resign.”", ["Jane Doe"]),
    # a surname spelt like a modal, before a past-tense verb of saying
    ("Head\nX.\n\n“It is high,” Will wrote.", ["Will"]),
    # a name that opens with a lower-case particle
    ("Head\nX.\n\nIf he will, de Blasio tweeted, “It is high.”", ["de Blasio"]),
    # negative: a modal before a bare verb is no name
    ("Head\nX.\n\n“It is high,” will say the board.", [None]),
])
def test_adverbs_modals_particles(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an absolute participle clause has its own subject
    ("Head\nX.\n\nThe plan drew fire, with Sen. John McCain calling it a “disaster.”", ["John McCain"]),
    ("Head\nX.\n\nThe meeting went well, Paul Ryan saying he was “encouraged.”", ["Paul Ryan"]),
    ("Head\nX.\n\nThe hearing dragged, and Sen. Ron Johnson kept asking why it was “a protest.”", ["Ron Johnson"]),
    # negatives: the object of a verb, and a participle phrase opening the sentence
    ("Head\nX.\n\nJane Doe wrote to Roy Verley asking for “a review.”", ["Jane Doe"]),
    ("Head\nX.\n\nHolding signs calling Jane Doe “a liar,” critics waited.", [None]),
])
def test_absolute_participles(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a cue-less quote paragraph after a reporter's paragraph in which someone says something
    ("Head\n“A,” Roy Verley said.\n\nOhio Gov. Jane Doe said she would have fired him.\n\n“It is a disgrace.”",
     ["Roy Verley", "Jane Doe"]),
    # negatives: an outlet's report, and a paragraph with no one saying anything
    ("Head\n“A,” Roy Verley said.\n\nThe Daily Planet reported that six planes flew.\n\n“It is a disgrace.”",
     ["Roy Verley", "Roy Verley"]),
    ("Head\n“A,” Roy Verley said.\n\nJane Doe arrived late.\n\n“It is a disgrace.”", ["Roy Verley", "Roy Verley"]),
])
def test_reporter_paragraph_before_a_quote(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # indefinite pronouns as speakers, either side of the quote
    ("Head\nX.\n\n“No,” tweeted another.", ["another"]),
    ("Head\nX.\n\nAnother tweeted, “Maybe.”", ["another"]),
    # a role before the name in an inverted cue
    ("Head\nX.\n\n“We are family,” said master of ceremonies Ann Lee, a host.", ["Ann Lee"]),
    # negatives: "of" after the verb's subject is a qualifier; a partitive and a possessive noun
    ("Head\nX.\n\n“We are family,” said Patricia Moran of Cheyenne.", ["Patricia Moran"]),
    ("Head\nX.\n\nThe board found that some of her memos were “top secret.”", ["board"]),
])
def test_indefinites_roles_possessives(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # issuing a message reports it
    ("Head\nX.\n\nAfter the attacks, Jane Doe issued a statement, “We mourn.”", ["Jane Doe"]),
    ("Head\nX.\n\nThe campaign sent out an email: “Give now.”", ["campaign"]),
    # negatives: issuing anything else does not; a title stays unattributed
    ("Head\nX.\n\nJane Doe released the “Fair Act” plan.", [None]),
    ("Head\nX.\n\nThe court issued a ruling on “fair use” today.", [None]),
])
def test_issuing_a_message(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the agent of a passive verb of naming
    ("Head\nX.\n\nThe probe, often labeled as a “witch hunt” by Democrats, goes on.", ["Democrats"]),
    ("Head\nX.\n\nThe files were called “a mess” by the inspector general.", ["inspector general"]),
    # negatives: no passive verb, and "by" with no agent
    ("Head\nX.\n\nThe plan passed “with ease” by Friday.", [None]),
    ("Head\nX.\n\nThe files were called “a mess” by any measure.", [None]),
])
def test_passive_agent(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # generational suffixes do not hide a name
    ("Head\nX.\n\n“We care,” Brent Bozell III, founder of the center, said in a statement.", ["Brent Bozell"]),
    ("Head\nX.\n\n“We care,” said John Doe Jr., a lawyer.", ["John Doe"]),
    # negative: a suffix needs a given name and a surname before it ("Rocky II" is a title)
    ("Head\nX.\n\n“We care,” said Rocky II.", [None]),
])
def test_name_suffixes(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a weekday modifying a noun after a determiner stays in the phrase
    ("Head\nX.\n\n“We care,” reads a Wednesday editorial in The Register.", ["editorial"]),
    # negative: a weekday after the verb is when, not who
    ("Head\nX.\n\n“We care,” a spokesman said Wednesday.", ["spokesman"]),
])
def test_weekday_modifiers(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the previous quote's cue does not introduce the next quote when that one has its own
    (("Head\nJane Doe spoke.\n\n“He is grumpy,” she said, but despite the tone, “I think he will do it,” "
     "said Madeleine Kunin."), ["Jane Doe", "Madeleine Kunin"]),
    # negative: with no cue of its own, the next quote in the sentence keeps that speaker
    ("Head\nJane Doe spoke.\n\n“He is grumpy,” she said, and “tired.”", ["Jane Doe", "Jane Doe"]),
])
def test_cue_shared_between_quotes(text, expected):
    assert speakers(text) == expected


def test_attributed_is_replace():
    # attribute spells out dataclasses.replace for speed: every other field must be carried over
    quote = Quote(doc="d", start=3, end=9, text="We care", kind=Kind.FRAGMENT, paragraph=2,
                  continues=True, continued=True, speaker="old", cue="old", mention="old", display="heading",
                  unpaired_before=True)
    assert _attributed(quote, "Jane Doe", "said", "she") == replace(
        quote, speaker="Jane Doe", cue="said", mention="she")
    assert [f.name for f in fields(Quote)][-5:] == ["speaker", "cue", "mention", "display", "unpaired_before"]
    assert len(fields(Quote)) == 13, "a new Quote field: carry it in attribution.assign._attributed"


def test_a_reporter_on_the_byline_is_never_the_speaker():
    text = ("Senate vote delayed again\nBy John Moreau, The Daily Planet\n\n"
            "The vote was put off for a third week.\n\n“We will not give up on this bill,” he said.\n")
    assert speakers(text) == [None]
    # the same name in the story is a speaker as usual
    assert speakers(text.replace("The vote was", "John Moreau said the vote was")) == ["John Moreau"]


"""Who a pronoun, a continuation or a description stands for (attribution.mentions, roles and
assign): one table per rule, each with the negative case that shows what the rule must not do.
The sentences are invented."""

from __future__ import annotations

import pytest

from quotetrack.attribution.mentions import is_furniture, name_runs, registry, trailing_name
from quotetrack.attribution.roles import Roles

from .conftest import speakers


@pytest.mark.parametrize("line, furniture", [
    ("Indicting Jane Doe, Panel Shows Link Between Mill and Port", True),
    ("Watch: the hearing in full", True),
    ("Doe Says Port Deal ‘Was Fair’", True),
    # prose: a sentence ends it, or a colon introduces a quote
    ("Tom Roe spoke for an hour on Monday.", False),
    ("Tom Roe released the following statement:", False),
    ("He said it was “over.”", False),
    # a line that lost its final mark but runs long is body text
    ("Tom Roe spoke " + "for a long time and about many things " * 6, False),
])
def test_is_furniture(line, furniture):
    assert is_furniture(line) is furniture


# --- headlines and other furniture introduce no one ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # a headline's words before a given name are not part of the name
    (("Indicting Roger Doe, Panel Shows Link Between Mill and Port\n\n"
      "The panel charged Roger K. Doe Jr. on Friday. Mr. Doe said he “did nothing wrong.”"), ["Roger K. Doe"]),
    # a headline's words before a name without a given name make no longer name
    (("Debating Doe's Record\n\nAnn Doe has spoken about the race, she said, and “it went well,” "
      "she said."), ["Ann Doe"]),
    # negative: in the reporter's prose a fuller name stays whole ("New York Times" is no "York Times")
    ("Head\n\nThe New York Times reported it first. “It was late,” the New York Times said.", ["New York Times"]),
])
def test_a_headline_does_not_lengthen_a_name(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a subhead that names someone is no antecedent: the sentence before it is
    (("Head\n\nTom Roe spoke at the rally on Monday.\n\nJane Doe Watch Director Kay Lee\n\n"
      "“It went well,” he said."), ["Tom Roe"]),
    # negative: the same words as a sentence of prose are one
    (("Head\n\nTom Roe spoke at the rally on Monday.\n\nThen Will Lee arrived with the mayor.\n\n"
      "“It went well,” he said."), ["Will Lee"]),
])
def test_furniture_is_no_antecedent(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the last paragraph of a quote that lost its opening mark is still the speaker's words: the
    # name in it is no antecedent
    (("Head\n\n“I am appalled,” Tom Roe, a former prosecutor, said.\n\n"
      "He added: “This was a raid on a friend. \n\nNot a Roger Lee.”\n\n“Make no mistake,” he said."),
     ["Tom Roe", "Tom Roe"]),
    # negative: a paragraph that opens its own quote is prose before it
    (("Head\n\nTom Roe, a former prosecutor, spoke.\n\nThen Will Lee arrived at the door. “It was a raid.”\n\n"
      "“Make no mistake,” he said."), ["Will Lee", "Will Lee"]),
])
def test_words_before_an_unopened_closing_mark_are_quoted(text, expected):
    assert speakers(text)[-1:] == expected[-1:]


# --- a description that ends in a person's name is that person ----------------------------------

@pytest.mark.parametrize("description, name", [
    ("former U.S. attorney for the District of Columbia Joseph diDomenico", "Joseph diDomenico"),
    ("radio host Ann Lee", "Ann Lee"),
    ("former Vice President Joe Roe", "Joe Roe"),
    # negative: the name is whose spokesperson it is, not who speaks
    ("a spokesperson for Vice President Mike Roe", None),
    ("Doe's attorney", None),
    ("the senator from New York", None),
])
def test_trailing_name(description, name):
    assert trailing_name(description) == name


def test_a_pronoun_after_a_speaker_named_at_the_end_of_a_description():
    text = ("Head\n\nBut former U.S. attorney for the District of Columbia Joseph diDomenico blasted the raid "
            "as “outrageous.”\n\n“I am appalled,” diDomenico, an adviser, told reporters.\n\n"
            "He added: “It is vindictive.”")
    assert speakers(text)[-1] == "Joseph diDomenico"


@pytest.mark.parametrize("text, expected", [
    # a name in an introductory phrase before the subject does not open the sentence
    (("Head\n\nRoger Doe and Tom Roe have known each other for decades.\n\n"
      "On Friday, the day that Mr. Doe stood on the steps of the courthouse, Mr. Roe bashed the case.\n\n"
      "“A witch hunt!” he wrote."), ["Tom Roe"]),
    # negative: without the comma the name before the subject opens the sentence
    (("Head\n\nRoger Doe and Tom Roe have known each other for decades.\n\n"
      "Mr. Doe met Mr. Roe at the courthouse on Friday.\n\n“A witch hunt!” he said."), ["Roger Doe"]),
])
def test_a_name_in_an_introductory_phrase_is_not_the_subject(text, expected):
    assert speakers(text) == expected


# --- a quote's own attribution outranks a continuation -------------------------------------------

CREDIT_BEFORE = "Head\n\n“We are ready,” Tom Roe said at the hearing.\n\n"


@pytest.mark.parametrize("text, expected", [
    # a long name with a party tag in an aside, then the verb
    (CREDIT_BEFORE + "“He was fired for what he wrote,” House Caucus Chairman Mark Doe, R-N.C., said in a statement.",
     "Mark Doe"),
    # a name qualified by "of", then an aside's comma, then the verb
    (CREDIT_BEFORE + "“We did not know it was him,” Rev. John Paul Lee of Our Lady of Hope, told reporters.",
     "John Paul Lee"),
    # a relative clause inside the aside
    (CREDIT_BEFORE + "“She needs a plan for these voters,” Nate Doe, the pollster who founded the site tweeted.",
     "Nate Doe"),
    # an inverted verb, a role before the name
    (CREDIT_BEFORE + "“Watch the tape, its heart beating, ‘keep it alive,’ ” said former tech executive Kay Lee.",
     "Kay Lee"),
    # negative: the words after the quote are a clause of the reporter's own
    (CREDIT_BEFORE + "“We will not endorse anyone,” while Sen. Kay Lee of Maine suggested otherwise.", "Tom Roe"),
    # negative: the quote ends its sentence; the next sentence's verb is not its credit
    (CREDIT_BEFORE + "“It was fair.” Political analyst Dan Lee agreed that it was.", "Tom Roe"),
    # negative: the name has a verb of its own before the reporting verb
    (CREDIT_BEFORE + "“It is not over,” Kay Lee had a good night, winning the key states.", "Tom Roe"),
])
def test_a_quotes_own_attribution_outranks_a_continuation(text, expected):
    assert speakers(text)[-1] == expected


# --- a description several people fit stays a description ----------------------------------------

@pytest.mark.parametrize("text, expected", [
    # the role words the description shares single one person out
    (("Head\n\nJustice Ann Lee and Chief Justice John Doe heard the case. Justice Ann Lee spoke twice.\n\n"
      "“How many examples are enough?” the chief justice asked."), "John Doe"),
    # two senators: which one is meant is a guess, even when the article names one more often
    (("Head\n\nSen. Tom Roe met Sen. Kay Lee. Roe spoke first, and Roe spoke last.\n\n"
      "“We are closing strong,” the senator said."), "senator"),
    # negative: one senator is that senator
    ("Head\n\nSen. Tom Roe met the mayor.\n\n“We are closing strong,” the senator said.", "Tom Roe"),
])
def test_a_description_several_people_fit_stays_a_description(text, expected):
    assert speakers(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    # a weekday after a name dates the clause: "President Tom Roe Monday" is Tom Roe, so the one
    # president the article introduces is he
    (("Head\n\nSen. Kay Lee broke with President Tom Roe Monday over the plan.\n\nLater, President Tom Roe "
      "spoke again.\n\n“It is the law,” the president said."), "Tom Roe"),
    # the chunker's adverb after a role is no part of it ("The president first stepped in")
    (("Head\n\nPresident Tom Roe spoke. The First Amendment was the topic.\n\n"
      "Then Jim Doe spoke.\n\nThe president first stepped into the fray on Friday. The next day, he called it "
      "“wise.”"), "Tom Roe"),
])
def test_what_a_role_is(text, expected):
    assert speakers(text)[-1] == expected


@pytest.mark.parametrize("description, expected", [
    ("the first", None),  # a title word that names no role ("The First Amendment")
    ("the former", None),
    ("the first lady", "Kay Lee"),
])
def test_a_title_word_that_names_no_role_resolves_nothing(description, expected):
    text = "Head\n\nThe First Amendment protects it, said First Lady Kay Lee. Former Gov. Tom Roe agreed."
    runs = name_runs(text)
    people = registry(runs, text)
    assert Roles(text, runs).person(description, len(text), people) == expected


@pytest.mark.parametrize("text, expected", [
    # a subject in the possessive is about its possessor; names in the clause before it are not
    (("Head\n\nGlenn Doe spoke on Saturday.\n\nIf last year's speech - given by radio host Rush Roe - was "
      "defined by anger, Doe's stood out for his demand for purity.\n\n“It is a good year,” he declared."),
     "Glenn Doe"),
    # negative: without the possessive subject, the name in the clause is the nearest
    (("Head\n\nGlenn Doe spoke on Saturday.\n\nLast year's speech was given by radio host Rush Roe, "
      "and it stood out.\n\n“It is a good year,” he declared."), "Rush Roe"),
])
def test_a_possessive_subject_is_about_its_possessor(text, expected):
    assert speakers(text)[-1] == expected


@pytest.mark.parametrize("text, expected", [
    # a fragment with no cue takes the cue after the next quote of its sentence
    (("Head\n\nInspector General Ann Lee reviewed the case.\n\nBut the reasons were “unpersuasive” and had "
      "“far-reaching consequences,” the inspector general said."), ["Ann Lee", "Ann Lee"]),
    # negative: a sentence ends between them
    (("Head\n\nInspector General Ann Lee reviewed the case.\n\nThe reasons were called “unpersuasive.” "
      "They had “far-reaching consequences,” the inspector general said."), [None, "Ann Lee"]),
])
def test_a_fragment_takes_the_cue_that_closes_its_sentence(text, expected):
    assert speakers(text) == expected

"""The attribution rules of issue 18, one table each, with negative cases: pronouns, roles,
titles, sources that are not, documents and bodies, speakers without a verb, names across
articles; and the package's shape (the word lists ship as data, the strategies' order)."""

from __future__ import annotations

from importlib import resources

import pytest

from quotetrack.attribution import attribute, lexicon
from quotetrack.attribution.labels import is_source
from quotetrack.attribution.strategies import STRATEGIES
from quotetrack.clustering import cluster
from quotetrack.extract import find_quotes
from quotetrack.models import Kind
from quotetrack.names import same_person
from quotetrack.pipeline import unify_speakers

from .conftest import attributed, make_article, speakers

# --- pronouns: people the reporter's own words are about, gender agreeing ------------------------

@pytest.mark.parametrize("text, expected", [
    # a name inside a quote is never an antecedent
    ("Head\n\nJane Doe spoke first. “Tom Roe a few days ago said it would go well,” she said.", ["Jane Doe"]),
    # negative of the above: named in the reporter's words, the other person is one
    ("Head\n\nJane Doe spoke first. Then Tom Roe stood up. “It will go well,” he said.", ["Tom Roe"]),
    # a sentence whose subject is a pronoun goes on about the person before, not the object it names
    (("Head\n\nGlenn Doe spoke for an hour. Saying President Barack Obama, he said, was “too simple.”\n\n"
     "“This is the disease,” he said."), ["Glenn Doe", "Glenn Doe"]),
    # a body is no "he"
    (("Head\n\nPete Roe spoke. He told the Western Growers Forum it was over.\n\n"
     "“It is not enough,” he said."), ["Pete Roe"]),
    # gender from the article's own pronouns outranks the given name's usual one
    (("Head\n\nSen. Kay Doe, who on Thursday unveiled her own plan, spoke. Then Tom Roe spoke.\n\n"
     "“It is a positive step,” she said."), ["Kay Doe"]),
    # a sentence whose subject is a description of someone introduced with that role is about them
    (("Head\n\nTexas Gov. Dale Ruffin spoke Monday in Austin. Then Tom Roe arrived.\n\n"
      "The governor signed the bill on Tuesday in Austin.\n\n“It is done,” he said."), ["Dale Ruffin"]),
    # negative: without that sentence, the nearest person is the antecedent
    (("Head\n\nTexas Gov. Dale Ruffin spoke Monday in Austin. Then Tom Roe arrived.\n\n"
      "The bill passed on Tuesday in Austin.\n\n“It is done,” he said."), ["Tom Roe"]),
    # negative: nobody agrees in gender, nobody is guessed
    ("Head\n\nTom Roe spoke.\n\n“We disagree,” she said.", [None]),
    # the named speaker of the quote before counts ("“A,” Doe said. ... “B,” he said.")
    ("Head\n\n“It is late,” said Norm Stamper.\n\nAnd so it went on.\n\n“It is very late,” he said.",
     ["Norm Stamper", "Norm Stamper"]),
])
def test_pronouns(text, expected):
    assert speakers(text) == expected


# --- descriptions resolved to the person introduced with that role ------------------------------

@pytest.mark.parametrize("text, expected", [
    # a premodifier
    ("Head\n\nTexas Gov. Dale Ruffin spoke in Austin on Monday.\n\n“We will win,” the governor said.", ["Dale Ruffin"]),
    # an appositive after the name
    ("Head\n\nTom Roe, Doe's attorney, arrived late.\n\n“He is innocent,” Doe's attorney said.",
     ["Tom Roe"]),
    # an appositive before the name
    (("Head\n\nOhio's attorney general, Jane Roe, a Republican, spoke.\n\n"
     "“It is baseless,” the attorney general said."), ["Jane Roe"]),
    # a ranked office is another office: a vice president is no president
    ("Head\n\nPresident Barack Obama spoke.\n\n“It is a lot,” the vice president said.", ["vice president"]),
    # negative: an indefinite description introduces someone unnamed
    ("Head\n\nTexas Gov. Dale Ruffin spoke.\n\n“We will win,” a governor said.", ["governor"]),
    # negative: no one is introduced with that role
    ("Head\n\nDale Ruffin spoke.\n\n“We will win,” the senator said.", ["senator"]),
    # negative: a place before the role must be the holder's
    ("Head\n\nMissouri Sen. Claire Doe spoke.\n\n“It is a fringe idea,” the Maine senator said.", ["Maine senator"]),
])
def test_descriptions_resolve_to_the_person_introduced_with_the_role(text, expected):
    assert speakers(text) == expected


# --- titles and labels: no speaker, kind title --------------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("Head\n\nJane Doe said on NBC's “Meet the Press” that she would run.", True),
    ("Head\n\nJane Doe appeared on the cable program “Morning Roundup.”", True),
    ("Head\n\nHe wrote the book “Atlas Shrugged” in a year, Jane Doe said.", True),
    ("Head\n\nThe president, Joko “Jokowi” Widodo, spoke.", True),
    # negatives: speech, a headline, an address
    ("Head\n\n“No Way,” Jane Doe said.", False),
    ("Jane Doe Says “Not Ready” In Title\n\nBody.", False),
    ("Head\n\nJane Doe called him “Mr. Trump” all evening.", False),
    ("Head\n\nShe backs a plan called “Medicare For All” now.", True),
    ("Head\n\nThe group known as “Freedom Caucus” met.", True),
    ("Head\n\nThe indictment refers to the group as “Organization 1.”", True),
    # negatives: a naming verb with an object, "as" after an adverb of manner: someone's words
    ("Head\n\nJane Doe called Roe “The Leader of the Continent.”", False),
    ("Head\n\nJane Doe referred to her rivals disparagingly as “Little Bobby” in May.", False),
    ("Head\n\nJane Doe emailed her, addressing her informally as “Hillary” and more.", False),
    ("Head\n\nJane Doe said the plan was “a watershed moment” for all.", False),
])
def test_titles_and_labels(text, title):
    quote = attributed(text)[0]
    assert (quote.kind is Kind.TITLE) is title
    if title:
        assert quote.speaker is None and quote.cue is None


# --- speakers that are not sources --------------------------------------------------------------

@pytest.mark.parametrize("mention, source", [
    ("next day", False), ("same time", False), ("weekend", False), ("Dec", False), ("Finland Monday", False),
    ("R-Texas", False), ("D-Calif.", False), ("evaluate any", False), ("House softened Obama's plan", False),
    # negatives: people, bodies, documents, descriptions
    ("Theresa May", True), ("Jane Doe", True), ("Democrats", True), ("senior aide", True), ("lawsuit", True),
    ("State Department", True), ("another", True),
    # a month abbreviation is a date alone or with its point, a name's part after a given name
    ("Nov.", False), ("Reuters Dec.", False), ("Ai Jun", True), ("Yang Jun", True),
])
def test_is_source(mention, source):
    assert is_source(mention) is source


@pytest.mark.parametrize("text, expected", [
    # a date read as a subject lets the next strategy try; the aside's name wins over a tag
    ("Head\n\nSen. Kay Doe, R-Texas, who unveiled a plan, said the group marked “a huge shift.”", ["Kay Doe"]),
    ("Head\n\nThe next day, Jane Doe praised his “wisdom.”", ["Jane Doe"]),
])
def test_no_source_gives_the_next_strategy_its_turn(text, expected):
    assert speakers(text) == expected


# --- bodies, documents, organisations -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Head\n\nIn May, the State Department told the group that “no records were located.”", ["State Department"]),
    ("Head\n\nThe Democratic National Committee released a statement, offering “a deep apology.”",
     ["Democratic National Committee"]),
    ("Head\n\nA 2010 Budget Office report found that “the program is solvent.”",
     ["Budget Office"]),
    ("Head\n\nThe outlet was sued.\n\n“It is false,” according to the Bronx Times.", ["Bronx Times"]),
    # a verb of saying outranks "according to"
    ("Head\n\nEric Doe spoke.\n\n“We need action,” he said, according to excerpts released by the department.",
     ["Eric Doe"]),
    # negative: a plain report with no name before it stays a description
    ("Head\n\nA new report found that “the program is solvent.”", ["new report"]),
    # "the report" points back to the owner's report introduced before it ...
    ("Head\n\nThe National Academies report came out.\n\n“Immigrants are integrating,” the report concluded.",
     ["National Academies"]),
    # ... negative: never forward to a report named only after it
    ("Head\n\nDoe spoke.\n\n“Immigrants are integrating,” the report concluded.\n\nMost agree, according to the "
     "National Academies report.", ["report"]),
])
def test_bodies_and_documents(text, expected):
    assert speakers(text) == expected


# --- named speakers without a verb, quoted as saying, transcript labels -------------------------

@pytest.mark.parametrize("text, expected", [
    ("Head\n\n“We will rebuild the roads,” Augusto Reyes, Director of Public Works.", ["Augusto Reyes"]),
    ("Head\n\nLocal newspapers quote Salinas as saying “the army will not leave.”", ["Salinas"]),
    ("Head\n\nWALLACE: “Is that your view?”", ["Wallace"]),
    # negatives: a possessive is no credit; a quote that ends its sentence is credited by no name after it
    ("Head\n\n“We will rebuild,” Mr. Doe's office, then silence.", [None]),
    ("Head\n\n“We will rebuild.” Augusto Reyes, Director of Public Works.", [None]),
])
def test_named_speakers_without_a_verb(text, expected):
    assert speakers(text) == expected


# --- an indefinite description with a name in it names no one -----------------------------------

@pytest.mark.parametrize("text, expected", [
    # the determiner stays: "Ryan spokesman" alone would read as a name
    ("Head\n\nPaul Ryan spoke. “He looks forward to it,” a Ryan spokesman said.", ["a Ryan spokesman"]),
    ("Head\n\n“Stay tuned,” an NAACP spokeswoman said on Friday.", ["an NAACP spokeswoman"]),
    # negatives: a definite description is the person introduced with that role; a name is a name
    ("Head\n\nDoe's attorney, Tom Roe, spoke. “It was unnecessary,” Doe's attorney said.", ["Tom Roe"]),
    ("Head\n\nA Ryan spokesman stood by. “It is fine,” Paul Ryan said.", ["Paul Ryan"]),
])
def test_indefinite_descriptions_keep_their_determiner(text, expected):
    assert speakers(text) == expected


# --- an acronym is the name the article writes out ----------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Head\n\nThe American Civil Liberties Union objected.\n\n“It is unclear,” the ACLU said.",
     ["American Civil Liberties Union (ACLU)"]),
    ("Head\n\nAgents of the Federal Bureau of Investigation came.\n\n“We knocked,” the FBI said.",
     ["Federal Bureau of Investigation (FBI)"]),
    # negatives: no name written out; initials of another name; a two-letter acronym
    ("Head\n\n“It is unclear,” the ACLU said.", ["ACLU"]),
    ("Head\n\nThe American Civil Liberties Union Foundation objected. “It is unclear,” the ACLU said.", ["ACLU"]),
    ("Head\n\nUnder Secretary Ed Nolan spoke. “It is unclear,” the EN said.", ["EN"]),
])
def test_acronyms_are_the_name_written_out(text, expected):
    assert speakers(text) == expected


# --- a "he" after a sentence that has someone speak ---------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Head\n\nTom Roe drew the ire of Justice Bill Doe, who said he was blindsided. “It is wrong,” he said.",
     ["Bill Doe"]),
    ("Head\n\nTom Roe drew the ire of Justice Bill Doe who argued it. “It is wrong,” he said.", ["Bill Doe"]),
    # negatives: no one in a relative clause speaks, so the sentence's first person; the quote's own cue
    ("Head\n\nTom Roe drew the ire of Justice Bill Doe, who sat silent. “It is wrong,” he said.", ["Tom Roe"]),
    ("Head\n\nTom Roe met Bill Doe, who said little. “It is wrong,” Roe said.", ["Tom Roe"]),
])
def test_a_pronoun_prefers_the_one_a_sentence_has_speak(text, expected):
    assert speakers(text) == expected


# --- mis-paired marks give no speaker -----------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Head\n\n“It is late,” Jane Doe said.\n\n“It is very late.”", ["Jane Doe", "Jane Doe"]),
    # negative: after a closing mark that opened nothing, the next paragraph's speaker is a guess
    ("Head\n\n“It is late,” Jane Doe said.” More.\n\n“It is very late.”", ["Jane Doe", None]),
])
def test_mispaired_marks_give_no_continuation(text, expected):
    assert speakers(text) == expected


# --- names across articles ---------------------------------------------------------------------

def test_a_bare_surname_is_not_completed_from_another_article():
    a = make_article("Head\n\n“It is a storm,” Hollis said.", doc="a")
    b = make_article("Head\n\n“It was history,” Carl Hollis said.", doc="b")
    c = make_article("Head\n\n“It is a storm,” said Volodymyr Zelensky.", doc="c")
    d = make_article("Head\n\n“It is war,” said Volodymyr Zelenskyy. “It is,” said Zelenskyy.", doc="d")
    found = unify_speakers([(x, attribute(x, tuple(find_quotes(x)))) for x in (a, b, c, d)])
    names = [q.speaker for _, q in found]
    assert names[0] == "Hollis" and names[1] == "Carl Hollis"
    # spelling variants of a full name are still one spelling
    assert len({n for n in names[2:]}) == 1


def test_curly_and_straight_apostrophes_are_one_person_typeset_as_each_article_writes():
    a = make_article("Head\n\n“The storm will flood every valley town tonight,” said Dana O’Dea.", doc="a")
    b = make_article("Head\n\n“It is a flood,” said Dana O'Dea. “It is,” O'Dea said.", doc="b")
    c = make_article("Head\n\n“The storm will flood every valley town tonight,” said Dana O'Dea.", doc="c")
    found = unify_speakers([(x, attribute(x, tuple(find_quotes(x)))) for x in (a, b, c)])
    assert [q.speaker for _, q in found] == ["Dana O’Dea"] + ["Dana O'Dea"] * 3
    # one person all the same: the quote a and c share is one cluster, credited in one spelling
    # (the ASCII one on a tie), so no outlet is flagged speaker-changed
    (storm,) = [k for k in cluster(found) if k.canonical.startswith("The storm will")]
    assert storm.speaker == "Dana O'Dea"
    credited = {m.quote.doc: m.quote.speaker for m in storm.members}
    assert credited["a"] == credited["c"] == "Dana O'Dea"
    assert same_person("O'Dea", "Dana O’Dea")


def test_a_partial_name_is_completed_within_its_article():
    assert speakers("Head\n\nKeith Joseph arrived.\n\n“We are ready,” Keith said.") == ["Keith Joseph"]


def test_generational_suffixes_do_not_merge_people():
    text = ("Head\n\nChief Justice Paul A. Grange Jr. spoke. Theodore J. Blakemore Jr., a lawyer, said the "
            "case was weak.\n\n“Each plaintiff is different,” he said.")
    assert speakers(text) == ["Theodore J. Blakemore"]


# --- the package's shape -----------------------------------------------------------------------

def test_word_lists_ship_as_package_data_with_their_source():
    data = resources.files("quotetrack.attribution").joinpath("data")
    names = [f.name for f in data.iterdir() if f.name.endswith(".txt")]
    assert "reporting_verbs.txt" in names and len(names) >= 30
    for name in names:
        text = data.joinpath(name).read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name}: say where the list comes from"
        assert lexicon.words(name[:-4]), f"{name}: empty"


def test_strategies_in_their_order_of_preference():
    assert [s.__name__ for s in STRATEGIES] == [
        "passive_agent", "reporting_cue", "headline_speaker", "colon_introduction", "dash_credit",
        "reporter_paragraph", "continuation"]


def test_the_same_words_after_a_quote_credit_alike_wherever_they_stand():
    # cue_after reads (and remembers) the words after a quote on their own: the same window in
    # two places, and in two articles, must each point at its own text
    from quotetrack.attribution.cues import cue_after

    for prefix in ("", "The mayor spoke at noon. ", "x" * 50 + ". "):
        text = prefix + '"We will build it," said Jane Doe. "Not now," said Jane Doe.'
        quotes = tuple(find_quotes(make_article(text)))
        for k, quote in enumerate(quotes):
            found = cue_after(text, quote, quotes[k + 1] if k + 1 < len(quotes) else None)
            assert found is not None and found.mention == "Jane Doe"
            assert text[found.at:found.at + 8] == "Jane Doe" and found.at > quote.end

"""Speaker attribution: cues on either side, pronouns, continuation, canonical names."""

from __future__ import annotations

import pytest

from quotetrack.attribute import attribute
from quotetrack.extract import find_quotes

from .conftest import make_article


def speakers(text: str) -> list[str | None]:
    article = make_article(text)
    return [q.speaker for q in attribute(article, tuple(find_quotes(article)))]


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

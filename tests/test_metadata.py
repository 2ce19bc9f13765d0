"""Metadata from the text: datelines, source lines, wire credits, bylines, URLs, front matter."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrack.metadata import (
    _CREDIT_RE,
    MAX_CREDITED,
    _byline_names,
    _credits,
    byline_spans,
    canonical_outlet,
    find_byline,
    find_dateline,
    find_source,
    find_url,
    find_wire,
    front_matter,
    infer,
    outlet_from_url,
    parse_date,
)

from .conftest import SEEDS


@pytest.mark.parametrize("line, expected", [
    ("March 14, 2025 8:39 am", "2025-03-14"),
    ("Thursday, March 13, 2025", "2025-03-13"),
    ("Published 14 March 2025 | 09:12 GMT", "2025-03-14"),
    ("Thu 13 Mar 2025 14.05 GMT", "2025-03-13"),
    ("Sept. 2, 2024, 6:00 p.m. ET", "2024-09-02"),
    ("2025-03-14T08:39:00Z", "2025-03-14"),
    ("Posted on 2025-03-14 at 10:00", "2025-03-14"),
    # not datelines: a date inside a sentence, a caption, an impossible date, no date at all
    ("Putin spoke in Moscow, Russia, Thursday, March 13, 2025. (AP Photo/Jane Roe)", None),
    ("On March 13, 2025, the Kremlin said", None),
    ("The talks ended on March 13, 2025", None),
    ("February 30, 2025", None),
    ("World", None),
    ("13/03/2025", None),
])
def test_dateline(line, expected):
    assert find_dateline([line]) == expected


def test_dateline_prefers_published_over_updated():
    assert find_dateline(["Updated March 15, 2025", "Headline", "March 14, 2025"]) == "2025-03-14"
    assert find_dateline(["Updated March 15, 2025", "Headline"]) == "2025-03-15"


def test_a_date_below_the_opening_is_not_the_publication_date():
    text = "\n".join(["Headline"] + [f"Paragraph {i} of the body." for i in range(20)] + ["March 14, 2025"])
    assert infer(text).date is None
    assert infer("Headline\nMarch 14, 2025\nBody.").date == "2025-03-14"


@pytest.mark.parametrize("value, expected", [
    ("2025-03-14", "2025-03-14"), ("2025-03-14T23:30:00-05:00", "2025-03-14"), ("March 14, 2025", "2025-03-14"),
    ("14 March 2025", "2025-03-14"), (1741910400, "2025-03-14"), (1741910400000, "2025-03-14"),
    ("soon", None), ("", None), (None, None), (True, None), ("2025-13-01", None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Associated Press and Reuters contributed to this report.", ("AP", "Reuters")),
    ("Reuters, AFP and The Associated Press contributed reporting.", ("Reuters", "AFP", "AP")),
    ("Reporting from Reuters contributed to this story.", ("Reuters",)),
    ("MOSCOW (Reuters) - The Kremlin said on Friday ...", ("Reuters",)),
    ("WASHINGTON (AP) \u2014 The Senate voted ...", ("AP",)),
    # a reporter's credit, a wire merely mentioned, nothing at all
    ("Jane Doe contributed reporting from Kyiv.", ()),
    ("Putin told Reuters he was ready to talk.", ()),
    ("No credits here.", ()),
])
def test_wire_credits(text, expected):
    assert find_wire(text) == expected


# Pieces of credit lines and what breaks them: names, blanks (line ends among them), full stops,
# "also" and "contributed" in other cases, and names longer than a credit's.
CREDIT_PIECES = ["Jane Doe", "Reuters", " ", "   ", "\t", "\n", " \n ", ".", ",", "and", "also", "ALSO", "Also",
                 "contributed", "Contributed", "CONTRIBUTED", "to", "this", "report", "reporting", "story",
                 "coverage", "x" * (MAX_CREDITED - 8), "y" * MAX_CREDITED, "ſ", "İ"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CREDIT_PIECES), max_size=40).map("".join))
def test_credits_are_found_as_the_pattern_finds_them_searching_the_whole_text(text):
    # _credits tries the pattern only before each "contributed"; it must find what a search finds
    def spans(matches):
        return [(m.span(), m.group("who")) for m in matches]

    assert spans(_credits(text)) == spans(_CREDIT_RE.finditer(text))


@pytest.mark.parametrize("text", [
    "Jane Doe contributed to this report. Reuters also contributed to this report.",
    "Contributed by: Jane Doe contributed reporting. AP contributed to this story.",
    "x" * 170 + " Jane Doe   \n  also contributed to this article.",
    "Jane\tDoe \t also   contributed   to   this   coverage",
    "he contributed $5 million. " * 40 + "The Associated Press contributed to this report.",
])
def test_credits_in_examples(text):
    assert [m.span() for m in _credits(text)] == [m.span() for m in _CREDIT_RE.finditer(text)]


@pytest.mark.parametrize("url, expected", [
    ("https://www.nytimes.com/2025/03/14/world/europe/putin.html", "The New York Times"),
    ("https://edition.cnn.com/2025/03/14/europe/x", "CNN"),
    ("https://apnews.com/article/x", "AP"),
    ("http://www.example.org/story", "example.org"),
    ("https://news.smalltown.example/a", "news.smalltown.example"),
    ("not a url", None), (None, None),
])
def test_outlet_from_url(url, expected):
    assert outlet_from_url(url) == expected


@pytest.mark.parametrize("line, expected", [
    ("[Source: Reuters]", "Reuters"), ("Source: The Associated Press", "AP"),
    ("Source: https://www.theguardian.com/world/x", "The Guardian"), ("(via AFP)", "AFP"),
    ("The source said the talks failed, according to three officials who asked not to be named.", None),
    ("Reuters", None),
    ("Source: USA TODAY/Suffolk University poll", None),  # a data credit, not the outlet
    ("Source USA TODAY", None),
    ("Through Quiet Side Deals, Mayor Wins Some Ground", None),  # a headline
    ("Source: Harbor Gazette", None),  # unknown name without brackets
    ("[Source: Harbor Gazette]", "Harbor Gazette"),
])
def test_source_line(line, expected):
    assert find_source([line]) == expected


@pytest.mark.parametrize("lines, byline, outlet", [
    (["By Jane Doe and John Roe, Reuters"], "Jane Doe and John Roe", "Reuters"),
    (["By Jane Doe | The Guardian"], "Jane Doe", "The Guardian"),
    (["By The Associated Press"], None, "AP"),
    (["By Jane Doe"], "Jane Doe", None),
    (["by the river, the crowd waited"], None, None),
    (["By Friday, The Council had voted"], None, None),
    (["By Ludwig van Beethoven and Jane Doe, Harbor Gazette"], "Ludwig van Beethoven and Jane Doe", "Harbor Gazette"),
])
def test_bylines(lines, byline, outlet):
    assert find_byline(lines) == byline
    assert infer("\n".join(lines + ["Body."])).outlet == outlet


def test_url_line():
    assert find_url(["Headline", "https://www.bbc.co.uk/news/x"]) == "https://www.bbc.co.uk/news/x"
    assert find_url(["See https://www.bbc.co.uk/news/x for more"]) is None
    assert find_url(["http://poll.example.com."], labelled=True) is None
    closing = "\n".join(["Headline"] + [f"Paragraph {i}." for i in range(20)])
    assert infer(closing + "\nhttp://poll.example.com.").url is None  # a reference at the end
    assert infer(closing + "\nOriginally published at https://www.bbc.co.uk/news/x").outlet == "BBC News"
    assert infer("Headline\nURL: https://www.bbc.co.uk/news/x\nBody.").outlet == "BBC News"


def test_front_matter():
    text = "---\ntitle: \"Bridge reopens\"\ndate: 2025-06-02\nsource: Harbor Gazette\nauthor: Dana Whitfield\n---\nBody.\n"
    assert front_matter(text) == {"title": "Bridge reopens", "date": "2025-06-02", "outlet": "Harbor Gazette",
                                  "author": "Dana Whitfield"}
    meta = infer(text)
    assert (meta.title, meta.date, meta.outlet, meta.byline) == ("Bridge reopens", "2025-06-02", "Harbor Gazette",
                                                                  "Dana Whitfield")
    assert front_matter("Body.\n---\ndate: 2025-06-02\n---\n") == {}


def test_canonical_outlet_shortens_wires_only():
    assert canonical_outlet("The  Associated Press") == "AP"
    assert canonical_outlet("Harbor Gazette") == "Harbor Gazette"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(prefix + "_*.txt")).read_text(encoding="utf-8")


def test_seeds_metadata():
    reuters = infer(_seed("003"))
    assert (reuters.outlet, reuters.date) == ("Reuters", "2025-03-14")
    credited = infer(_seed("000"))
    assert credited.wire == ("AP", "Reuters") and credited.date == "2025-03-13"
    assert credited.byline == "Andrew Thornebrooke"
    # seed 004's only date is in a photo caption: not a publication date
    assert infer(_seed("004")).date is None


def test_seed_dateline_without_its_header_line():
    lines = [ln.strip() for ln in _seed("003").splitlines() if ln.strip()]
    assert find_dateline(lines[1:12]) == "2025-03-14"  # "March 14, 2025 8:39 am"
    lines = [ln.strip() for ln in _seed("004").splitlines() if ln.strip()]
    assert find_dateline(lines[:12]) is None  # the caption's "Thursday, March 13, 2025." is prose


@pytest.mark.parametrize("text", [
    "By Jane Doe\nBody. By Friday, the council met.\n \t By John Roe, Reuters\nx By Ann Lee",
    "\tBy Jane Doe By John Roe\n\nBy  Jane Doe\nBy\tJane Doe\nBy\nJane Doe\n  by Jane Doe",
    "By Jane Doe", "", "By", "\n\nBy Jane Doe\r\nBy John Roe", "xBy Jane Doe\n\u00a0By Jane Doe",
])
def test_byline_spans_are_the_lines_that_open_with_by(text):
    # the definition: a line start, blanks, "By", a blank, and the rest of a line that names people
    lines = re.finditer(r"^[ \t]*By[ \t][^\n]*", text, re.MULTILINE)
    assert byline_spans(text) == [m.span() for m in lines if _byline_names(m.group()) is not None]


def test_byline_spans_are_author_lines_not_prose():
    text = "Vote delayed\nBy Jane Doe and John Roe, Reuters\nBy Friday, the council had voted.\n"
    assert [text[s:e] for s, e in byline_spans(text)] == ["By Jane Doe and John Roe, Reuters"]



@pytest.mark.parametrize("text, wire", [
    ("Body.\n\u00a9 Thomson Reuters 2020", ("Reuters",)),
    ("Body.\nCopyright 2020 The Associated Press. All rights reserved.", ("AP",)),
    ("Body.\n(c) 2024 AFP", ("AFP",)),
    ("Body.\nThis article originally appeared on Fox News", ("Fox News",)),
    ("Body.\nThis story was originally published by The Texas Tribune. Read more.", ("The Texas Tribune",)),
    ("Body.\nIt originally appeared on foxnews.com.", ("Fox News",)),
    ("Body.\nThis story originally appeared in The Guardian and is republished here.", ("The Guardian",)),
    # not credits: a year alone, an outlet's own copyright, a sentence about something else
    ("Body.\nCopyright 2014", ()),
    ("Body.\nCopyright 2025 Harbor Gazette. All rights reserved.", ()),
    ("The song originally appeared on a 1998 album.", ()),
    ("He said the bill was originally published in draft form", ()),
    ("The copyright of Reuters photos lies with the agency, he said.", ()),
])
def test_wire_credits_from_copyright_and_origin_lines(text, wire):
    assert find_wire(text) == wire

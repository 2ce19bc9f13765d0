"""HTML pages: declared metadata (readers/page.py), text and blocks (readers/page_text.py), the
reader (readers/html.py) and quotes in page blocks (blocks.py). Fixtures are written here by hand."""

from __future__ import annotations

import subprocess
import sys

import pytest
import trafilatura

from quotetrack.extract import find_quotes
from quotetrack.models import Article, Role
from quotetrack.readers import read_html
from quotetrack.readers.page import page_facts

HEAD = """<html><head><title>Council backs bridge plan</title>{head}</head><body><article>
<h1>Council backs bridge plan</h1>
<p>The city council voted on Monday to fund repairs to the Old Mill Bridge, closed since a March inspection.</p>
<p>\u201cWe will reopen the bridge before winter,\u201d Mayor Jane Alvarez told reporters after the vote.</p>
<p>Work is expected to begin in July and to take about four months, according to the city engineer.</p>
{body}</article>{after}</body></html>"""


def page(head: str = "", body: str = "", after: str = "") -> str:
    return HEAD.format(head=head, body=body, after=after)


LD = '<script type="application/ld+json">{}</script>'


@pytest.mark.parametrize("head, published", [
    # the date part as the page writes it: 22:08 at -04:00 on 28 April is 28 April, not 29 April (UTC)
    (LD.format('{"@type": "NewsArticle", "datePublished": "2025-04-28T22:08:00-04:00"}'), "2025-04-28"),
    # published, not modified, whichever comes first
    (LD.format('{"@type": "NewsArticle", "dateModified": "2025-05-02T10:00:00Z", "datePublished": '
               '"2025-04-28T09:00:00Z"}'), "2025-04-28"),
    (LD.format('{"@graph": [{"@type": "WebSite"}, {"@type": ["NewsArticle"], "datePublished": "2025-04-27"}]}'),
     "2025-04-27"),
    (('<meta property="article:published_time" content="2025-04-26T23:30:00+09:00">'
      '<meta property="article:modified_time" content="2025-04-30T08:00:00+09:00">'), "2025-04-26"),
    ('<meta property="article:modified_time" content="2025-04-30T08:00:00+09:00">', None),  # modified only
    (LD.format('{"@type": "Organization", "datePublished": "2020-01-01"}'), None),  # not an article
    (LD.format('{broken json'), None),
    ("", None),
])
def test_published_date_as_the_page_declares_it(head, published):
    assert page_facts(trafilatura.load_html(page(head))).published == published


def test_an_undeclared_date_is_read_before_link_paragraphs_are_pruned():
    # a blog's linked timestamp: a paragraph that is all link (pruned), yet the post's date
    stamp = ('<p><a href="/p/1" rel="bookmark"><time class="entry-date published" '
             'datetime="2025-03-14T10:54:00+00:00">March 14, 2025, 10:54 am</time></a></p>')
    art = read_html("p", "p.html", page(body=stamp))
    assert art.date == "2025-03-14" and "10:54" not in art.text


@pytest.mark.parametrize("head, sites, url", [
    ('<meta property="og:site_name" content="Harbor Gazette">', ("Harbor Gazette",), None),
    (LD.format('{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Harbor Gazette"}}')
     + '<meta property="og:site_name" content="harborgazette">', ("harborgazette", "Harbor Gazette"), None),
    ('<meta name="twitter:site" content="@HarborGazette">', (), None),  # a handle is not a site name
    ('<link rel="canonical" href="https://harborgazette.example/a"><meta property="og:url" content="https://x.example/b">',
     (), "https://harborgazette.example/a"),
    ('<link rel="canonical" href="/a"><meta property="og:url" content="https://x.example/b">', (), "https://x.example/b"),
])
def test_site_names_and_url(head, sites, url):
    facts = page_facts(trafilatura.load_html(page(head)))
    assert (facts.site_names, facts.url) == (sites, url)


@pytest.mark.parametrize("head, outlet", [
    ('<meta property="og:site_name" content="The Harbor Gazette | Local News, Weather | Real Estate">',
     "The Harbor Gazette"),
    (('<meta property="og:site_name" content="harborgazette"><link rel="canonical" '
      'href="https://www.harborgazette.com/a">'), "harborgazette.com"),
    ('<meta name="twitter:site" content="@ReutersUK"><link rel="canonical" href="https://uk.reuters.com/x">',
     "Reuters"),
    (('<meta property="og:site_name" content="Telegraph.co.uk"><link rel="canonical" '
      'href="https://www.telegraph.co.uk/news/x">'), "The Telegraph"),
    ('<meta property="og:site_name" content="The Associated Press">', "AP"),
    # a wire story on a newspaper's site: the JSON-LD publisher is the agency, the site is the outlet
    (('<meta property="og:site_name" content="Harbor Gazette">'
      + LD.format('{"@type": "NewsArticle", "publisher": {"name": "Associated Press"}}')), "Harbor Gazette"),
    # a publisher that is the page's title (a syndication portal) is not the outlet
    (LD.format('{"@type": "NewsArticle", "publisher": {"name": "Council backs bridge plan"}}'), "p"),
])
def test_html_outlet(head, outlet):
    assert read_html("p", "p.html", page(head)).outlet == outlet


@pytest.mark.parametrize("after, wire", [
    ("<p>\u00a9 Thomson Reuters 2020</p>", ("Reuters",)),
    ("<p>This article originally appeared on Fox News.</p>", ("Fox News",)),
    ("<p>Copyright 2025 Harbor Gazette. All rights reserved.</p>", ()),  # the outlet's own copyright
    ("", ()),
])
def test_html_wire_credits(after, wire):
    body = after.replace("<p>", "<p>Repairs were last done in 1998 and cost less than a tenth of this. ")
    assert read_html("p", "p.html", page(body=body)).wire == wire


def test_own_copy_is_not_wire_copy():
    head = '<link rel="canonical" href="https://www.reuters.com/world/bridge">'
    body = "<p>Repairs were last done in 1998. \u00a9 Thomson Reuters 2020</p>"
    art = read_html("p", "p.html", page(head, body=body))
    assert (art.outlet, art.wire) == ("Reuters", ())


# Furniture set inside the article, where trafilatura alone keeps it (each fails without pruning).
FURNITURE = [
    '<div class="trending-box"><p>Trending: \u201cI never lied,\u201d councillor says in a long interview</p></div>',
    '<div class="most-read"><h3>Most read</h3><p>\u201cNever again,\u201d says the governor about the flood</p></div>',
    '<p><strong><a href="/other">MAYOR \u2018PROUD\u2019 OF THE CREW AFTER RESCUE</a></strong></p>',
    ('<p><a href="/a">Storm closes the \u2018old\u2019 port road</a> [VIDEO]<br><a href="/b">Harbor '
     '\u2018threatened by floods\u2019</a><strong> [REACTION]</strong></p>'),
    ('<p>Officials met with Jane Alvarez<span class="rollover-people-block"><a href="/p">Mayor says \u2018never '
     'again\u2019</a></span> on Tuesday to sign the contract for the works.</p>'),
]
FILLER = "<p>Para one of the filler text for the article.</p>{}<p>More body text that follows the box.</p>"


@pytest.mark.parametrize("furniture", FURNITURE)
def test_furniture_gives_no_quotes(furniture):
    art = read_html("p", "p.html", page(body=FILLER.format(furniture)))
    assert [q.text for q in find_quotes(art)] == ["We will reopen the bridge before winter"]
    assert "More body text" in art.text


def test_a_paragraph_with_a_link_in_it_stays():
    body = '<p>The plan, <a href="/plan">published on Friday</a>, runs to 40 pages and lists every repair.</p>'
    assert "runs to 40 pages" in read_html("p", "p.html", page(body=body)).text


def test_blocks_mark_headings_items_and_block_quotes():
    body = ("<h2>\u2018A long wait\u2019</h2><ul><li>Repairs: \u201cfour months,\u201d the engineer said</li>"
            "<li>Cost: $4 million</li></ul><blockquote><p>The bridge will open by December.</p></blockquote>")
    art = read_html("p", "p.html", page(body=body))
    blocks = [(b.role, art.text[b.start:b.end]) for b in art.blocks]
    assert blocks == [("heading", "Council backs bridge plan"), ("heading", "\u2018A long wait\u2019"),
                      ("item", "- Repairs: \u201cfour months,\u201d the engineer said"), ("item", "- Cost: $4 million"),
                      ("blockquote", "The bridge will open by December.")]
    quotes = [(q.text, q.display) for q in find_quotes(art)]
    assert quotes == [("We will reopen the bridge before winter", None), ("A long wait", "heading"),
                      ("four months", "item"), ("The bridge will open by December.", None)]
    for q in find_quotes(art):
        assert art.text[q.start:q.end] == q.text


def test_block_quote_with_marks_is_not_doubled():
    body = "<blockquote><p>\u201cWe are done,\u201d the union said.</p></blockquote>"
    art = read_html("p", "p.html", page(body=body))
    assert [q.text for q in find_quotes(art)][-1] == "We are done"


@pytest.mark.parametrize("text, blocks, expected", [
    ("Head 'quoted'\nBody \u201csaid\u201d here.", ((0, 13, "heading"),), [("quoted", "heading"), ("said", None)]),
    ("Body \u201csaid\u201d here.", (), [("said", None)]),  # no blocks: as before
    ("Intro.\n   \nNext.", ((7, 10, "blockquote"),), []),  # a blank block quote is no quote
    ("We are done here.\n\u2014 Jane Doe (@jdoe) May 1, 2025", ((0, 17, "blockquote"), (18, 48, "blockquote")),
     [("We are done here.", None)]),  # the citation line of a block quote is not quoted
    ("- 10 percent", ((0, 12, "blockquote"),), []),
    # a summary or note box is the site's own words
    ("Summary Fiber keeps you full for longer.", ((0, 40, "blockquote"),), []),
    ("Editor's note: this story was updated.", ((0, 38, "blockquote"),), []),
    ("Update your software tonight, she urged.", ((0, 40, "blockquote"),), [("Update your software tonight, she urged.", None)]),
    # a pull quote repeats the body in large type; a block that does not repeat it is quoted
    ("The levy rose for the third year running.\nThe levy rose for the third year running.",
     ((42, 83, "blockquote"),), []),
    ("The levy rose for the third year running.\nThe council will meet again in March.",
     ((42, 79, "blockquote"),), [("The council will meet again in March.", None)]),
])
def test_apply_blocks(text, blocks, expected):
    from quotetrack.models import Block
    art = Article(doc="d", path="d.html", text=text, outlet="o", blocks=tuple(Block(*b) for b in blocks))
    assert [(q.text, q.display) for q in find_quotes(art)] == expected


def test_roles_are_the_block_values():
    assert {r.value for r in Role} == {"heading", "caption", "item", "blockquote"}


def test_text_scans_do_not_import_html_libraries(tmp_path):
    (tmp_path / "a.txt").write_text("\u201cFine,\u201d Jane Doe said.\n", encoding="utf-8")
    code = ("import sys; from quotetrack.pipeline import scan; r = scan([sys.argv[1]]); "
            "assert r.articles, 'nothing read'; "
            "bad = [m for m in ('trafilatura', 'lxml', 'htmldate', 'justext', 'tldextract') if m in sys.modules]; "
            "print(bad)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_html_scans_import_trafilatura(tmp_path):
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    code = ("import sys; from quotetrack.pipeline import scan; r = scan([sys.argv[1]]); "
            "print(r.articles[0].outlet, 'trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-1] == "True"

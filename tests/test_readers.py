"""Readers and manifests: HTML, JSON, JSON lines, plain text; offsets index the extracted text."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from quotetrack.corpus import READERS, iter_articles
from quotetrack.lookup import find_article
from quotetrack.models import Article, Skipped
from quotetrack.pipeline import scan
from quotetrack.readers import read_html, read_json, read_jsonl, read_text
from quotetrack.readers.html import MISSING_TRAFILATURA

from .conftest import DATA

INPUTS = DATA / "inputs"


def _articles(paths) -> dict[str, Article]:
    return {a.doc: a for a in iter_articles([str(p) for p in paths]) if isinstance(a, Article)}


def test_readers_are_registered_by_suffix():
    assert READERS[".html"] is read_html and READERS[".htm"] is read_html
    assert READERS[".json"] is read_json and READERS[".jsonl"] is read_jsonl and READERS[".txt"] is read_text


def test_html_main_text_and_metadata():
    a = _articles([INPUTS])["gazette"]
    assert (a.outlet, a.date, a.byline, a.title) == ("Harbor Gazette", "2025-06-02", "Dana Whitfield",
                                                     "Council backs bridge repair plan")
    assert a.url == "https://news.harborgazette.example/2025/06/02/bridge-repair"
    assert "cracked supports & corroded cables" in a.text  # entities decoded
    assert "Home" not in a.text and "All rights reserved" not in a.text  # boilerplate left out


def test_json_records_become_articles():
    arts = _articles([INPUTS / "wires.json"])
    assert set(arts) == {"wires:hb-101", "wires:hb-102"}
    herald, valley = arts["wires:hb-101"], arts["wires:hb-102"]
    assert (herald.outlet, herald.date, herald.byline, herald.wire) == ("Coast Herald", "2025-06-02", "Lee Park", ("AP",))
    assert (valley.outlet, valley.date, valley.byline) == ("Valley News", "2025-06-03", "Sam Ortiz")
    assert valley.text.startswith("Council member Tom Reyes")


def test_jsonl_records_numbered_by_line_and_inferred():
    arts = _articles([INPUTS / "feed.jsonl"])
    assert set(arts) == {"feed:1", "feed:3"}
    assert (arts["feed:1"].outlet, arts["feed:1"].date) == ("The New York Times", None)
    assert (arts["feed:3"].outlet, arts["feed:3"].date) == ("Reuters", "2025-06-05")  # source line, epoch


@pytest.mark.parametrize("records, docs", [
    ([{"id": 7, "text": "a"}, {"id": 9, "text": "b"}], ["x:7", "x:9"]),
    ([{"id": 7, "text": "a"}, {"id": 7, "text": "b"}], ["x:1", "x:2"]),  # ids not unique: positions
    ([{"id": 7, "text": "a"}, {"text": "b"}], ["x:1", "x:2"]),  # an id missing: positions
    ([{"_id": "abc", "maintext": "a"}], ["x:abc"]),
])
def test_record_doc_ids(records, docs):
    assert [a.doc for a in read_json("x", "x.json", json.dumps(records))] == docs


@pytest.mark.parametrize("payload, outlet, date, text", [
    ({"source": {"id": "r", "name": "Reuters"}, "publishedAt": "2025-03-14T08:00:00Z", "content": "Hi."},
     "Reuters", "2025-03-14", "Hi."),
    ({"source_domain": "www.theguardian.com", "date_publish": "2025-03-14 08:00:00", "maintext": "Hi."},
     "The Guardian", "2025-03-14", "Hi."),
    ({"publisher": "The Associated Press", "datePublished": "March 14, 2025", "articleBody": "Hi."},
     "AP", "2025-03-14", "Hi."),
    ({"site": "Local Paper", "pub_date": 1741910400, "body": ["Para one.", "Para two."]},
     "Local Paper", "2025-03-14", "Para one.\nPara two."),
    ({"url": "https://example.org/a", "text": "Hi."}, "example.org", None, "Hi."),
    ({"articles": [{"title": "Inner", "text": "Hi."}]}, "x:1", None, "Hi."),  # NewsAPI-style wrapper
])
def test_accepted_field_names(payload, outlet, date, text):
    (a,) = read_json("x", "x.json", json.dumps(payload))
    assert (a.outlet, a.date, a.text) == (outlet, date, text)


@pytest.mark.parametrize("reader, raw, reason", [
    (read_json, "{not json", "not valid JSON (line 1 column 2)"),
    (read_json, "42", "JSON is neither an object nor an array of objects"),
    (read_json, '[{"title": "no text"}]', "record 1: no text"),
    (read_json, '["a string"]', "record 1: not a JSON object"),
    (read_jsonl, '{"text": "ok"}\n{bad\n', "line 2: not valid JSON"),
])
def test_bad_records_are_skipped_with_a_reason(reader, raw, reason):
    found = reader("x", "x.json", raw)
    assert any(isinstance(s, Skipped) and s.reason.startswith(reason) for s in found)


def test_missing_trafilatura_skips_html_with_one_line(monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    found = read_html("p", "p.html", (INPUTS / "gazette.html").read_text(encoding="utf-8"))
    assert found == Skipped("p.html", MISSING_TRAFILATURA)
    assert "\n" not in MISSING_TRAFILATURA and "quotetrack[html]" not in MISSING_TRAFILATURA
    assert "pip install -e ." in MISSING_TRAFILATURA  # what works in a clone


CAPTION_PAGE = """<html><head><title>Bridge</title></head><body><article><h1>Council backs plan</h1>
<p>Some intro paragraph about the city council and its plans for the bridge, closed since spring.</p>
<figure><figcaption>The mayor speaks in Harbor City, Thursday, March 13, 2025. (Photo by Jane Roe)</figcaption>
</figure><p>\u201cWe will reopen the bridge before winter,\u201d Mayor Jane Alvarez told reporters after the vote.</p>
{dateline}<p>The talks ended on January 5, 2024 with no deal, officials said later that week.</p></article></body></html>"""


@pytest.mark.parametrize("dateline, date", [
    ("", None),  # dates in a caption and in the body are not the publication date
    ("<p>Published March 14, 2025 8:39 am</p>", "2025-03-14"),  # a dateline in the extracted text
    ('<time datetime="2025-03-15">Saturday</time>', "2025-03-15"),  # markup
])
def test_html_date_comes_from_markup_or_a_dateline(dateline, date):
    page = CAPTION_PAGE.format(dateline=dateline)
    if "<time" in dateline:
        page = page.replace("<head>", '<head><meta property="article:published_time" content="2025-03-15">')
    assert read_html("p", "p.html", page).date == date


@pytest.mark.parametrize("page", [
    "<html><head><title>Empty</title></head><body><div></div></body></html>",
    "<html><body><script>var x = 1;</script></body></html>",
])
def test_html_without_article_text_is_skipped(page):
    assert read_html("p", "p.html", page) == Skipped("p.html", "no article text found in the HTML")


def test_offsets_index_the_extracted_text():
    result = scan([str(INPUTS)])
    kinds = {o.article.path.rsplit(".", 1)[1] for o in result.occurrences}
    assert kinds == {"html", "json", "jsonl"}
    for o in result.occurrences:
        text = find_article(o.article.doc, str(INPUTS)).text
        assert text[o.quote.start:o.quote.end] == o.quote.text


def test_same_file_name_in_two_folders_keeps_record_suffix(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        shutil.copy(INPUTS / "wires.json", tmp_path / sub / "wires.json")
    docs = sorted(a.doc for a in scan([str(tmp_path)]).articles)
    assert len(set(docs)) == 4
    assert docs[:2] == [f"{tmp_path}/b/wires.json:hb-101", f"{tmp_path}/b/wires.json:hb-102"]


# --- manifests ---------------------------------------------------------------------------------

@pytest.fixture
def corpus(tmp_path):
    dest = tmp_path / "corpus"
    shutil.copytree(INPUTS, dest)
    (dest / "notes").mkdir()
    (dest / "notes" / "memo.txt").write_text("[Source: Reuters]\nMarch 1, 2025\n\u201cFine,\u201d Jane Doe said.\n",
                                             encoding="utf-8")
    return dest


def test_csv_manifest_overrides_everything(corpus):
    (corpus / "quotetrack.csv").write_text(
        "file,outlet,date,url,title,notes\n"
        "gazette.html,The Gazette,2025-06-01,,,ignored column\n"
        "feed:1,,June 4 2025,,,\n"
        "notes/memo.txt,Memo Wire,,https://memo.example/1,Memo,\n", encoding="utf-8")
    arts = _articles([corpus])
    assert (arts["gazette"].outlet, arts["gazette"].date, arts["gazette"].byline) == (
        "The Gazette", "2025-06-01", "Dana Whitfield")  # byline is not a manifest field: kept
    assert (arts["feed:1"].outlet, arts["feed:1"].date) == ("The New York Times", "2025-06-04")
    assert (arts["memo"].outlet, arts["memo"].date, arts["memo"].title) == ("Memo Wire", "2025-03-01", "Memo")
    assert arts["wires:hb-102"].outlet == "Valley News"  # not in the manifest


def test_toml_manifest_and_nearest_wins(corpus):
    (corpus / "quotetrack.toml").write_text(
        '[[article]]\nfile = "notes/memo.txt"\noutlet = "Top Level"\ndate = 2025-02-01\n', encoding="utf-8")
    (corpus / "notes" / "quotetrack.toml").write_text(
        '[[article]]\nfile = "memo.txt"\noutlet = "Nearest"\n', encoding="utf-8")
    memo = _articles([corpus])["memo"]
    assert (memo.outlet, memo.date) == ("Nearest", "2025-02-01")
    # named alone, the folder above is outside what the user named
    memo = _articles([corpus / "notes"])["memo"]
    assert (memo.outlet, memo.date) == ("Nearest", "2025-03-01")


def test_manifest_url_gives_the_outlet_when_nothing_else_does(tmp_path):
    (tmp_path / "plain.txt").write_text("\u201cFine,\u201d Jane Doe said.\n", encoding="utf-8")
    (tmp_path / "quotetrack.csv").write_text("file,url\nplain.txt,https://www.wsj.com/a\n", encoding="utf-8")
    assert _articles([tmp_path])["plain"].outlet == "The Wall Street Journal"


@pytest.mark.parametrize("name, content, reason", [
    ("quotetrack.csv", "path,outlet\nx.txt,A\n", "bad manifest: no 'file' column"),
    ("quotetrack.csv", "file,date\nmemo.txt,someday\n", "manifest entry 2: not a date: 'someday'"),
    ("quotetrack.csv", "file,outlet\n,A\n", "manifest entry 2: no file"),
    ("quotetrack.toml", "[[article]\n", "bad manifest:"),
    ("quotetrack.toml", "article = 3\n", "bad manifest: expected [[article]] tables"),
])
def test_manifest_problems_are_reported_not_fatal(tmp_path, name, content, reason):
    (tmp_path / "memo.txt").write_text("\u201cFine,\u201d Jane Doe said.\n", encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    items = list(iter_articles([str(tmp_path)]))
    assert any(isinstance(i, Article) and i.doc == "memo" for i in items)
    assert any(isinstance(i, Skipped) and i.reason.startswith(reason) for i in items), items

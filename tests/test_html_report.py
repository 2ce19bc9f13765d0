"""The HTML report: structure checked with the stdlib HTML parser, escaping, word diffs."""

from __future__ import annotations

import io
import json
from html.parser import HTMLParser

import pytest

from quotetrack.html_report import ALTERED, FIRST, UNDATED, highlight, render_html, word_diff
from quotetrack.pipeline import scan

from .conftest import DATA, SEEDS

VOID = {"meta", "link", "br", "img", "hr", "input", "col", "area", "base", "source", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent, self.children, self.text = tag, attrs, parent, [], ""

    def iter(self, tag: str | None = None):
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.iter(tag)

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class Tree(HTMLParser):
    """A strict little DOM: every non-void element must be closed in order."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {}, None)
        self.doctype = None
        self.feed(page)
        self.close()
        assert self.cur is self.root, f"unclosed <{self.cur.tag}>"

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.text += data


def _page(paths) -> str:
    out = io.StringIO()
    render_html(scan([str(p) for p in paths]), out)
    return out.getvalue()


@pytest.fixture(scope="module")
def fixture_page() -> Tree:
    return Tree(_page([DATA / "inputs"]))


def test_page_is_self_contained(fixture_page):
    tree = fixture_page
    assert tree.doctype.lower() == "doctype html"
    assert [n.tag for n in tree.root.children] == ["html"]
    assert len(list(tree.root.iter("style"))) == 1
    assert not list(tree.root.iter("script")) and not list(tree.root.iter("link"))
    for node in tree.root.iter():
        assert "src" not in node.attrs
        assert not (node.attrs.get("href") or "#").startswith(("http", "//"))
    assert [s.attrs["id"] for s in tree.root.iter("section")] == ["matrix", "variants", "timeline"]


def test_matrix_marks_first_and_altered(fixture_page):
    table = next(t for t in fixture_page.root.iter("table") if "matrix" in t.classes())
    header = [th.all_text() for th in table.iter("th")]
    assert header[:2] == ["quote", "speaker"]
    outlets = [h.split(" ")[0:-1] for h in header[2:]]
    assert [" ".join(o) for o in outlets] == ["Coast Herald", "Harbor Gazette", "Valley News", "Reuters",
                                              "The New York Times"]
    assert header[-1].endswith(UNDATED)
    rows = list(next(table.iter("tbody")).iter("tr"))
    assert len(rows) == 3 and all(len(list(r.iter("td"))) == len(header) for r in rows)
    alvarez = next(r for r in rows if r.all_text().startswith("We agree") or "reopen" in r.all_text())
    cells = list(alvarez.iter("td"))[2:]
    marks = [c.text for c in cells]
    # Coast Herald and Harbor Gazette tie for first; the Herald's "before the winter" is altered
    assert marks[0] == FIRST + ALTERED and "first" in cells[0].classes() and "altered" in cells[0].classes()
    assert marks[1] == FIRST and "altered" not in cells[1].classes()
    assert marks[2] == "" and FIRST not in marks[3] and FIRST not in marks[4]


def test_variants_and_timeline(fixture_page):
    clusters = [a for a in fixture_page.root.iter("article") if "cluster" in a.classes()]
    assert len(clusters) == 3 and all(c.attrs["id"].startswith("q") for c in clusters)
    inserted = [n.all_text() for n in fixture_page.root.iter("ins")]
    assert "the" in inserted  # "before the winter" against "before winter"
    timeline = next(s for s in fixture_page.root.iter("section") if s.attrs["id"] == "timeline")
    days = [n.attrs["datetime"] for n in timeline.iter("time")]
    assert days == sorted(days) == ["2025-06-02", "2025-06-03", "2025-06-05"]
    last = [li for li in next(timeline.iter("ol")).children][-1]
    assert "undated" in last.classes() and "The New York Times" in last.all_text()


HOSTILE = '<script>alert("x")</script> & \'single\' "double" </td></table>'
QUOTE = "We will <b>never</b> stop & <script>alert(1)</script> it's over"


def test_hostile_text_is_escaped(tmp_path):
    records = [
        {"id": 1, "source": {"name": '<img src=x onerror=alert(1)> "Daily"'}, "date": "2025-01-01",
         "title": HOSTILE, "text": f"{HOSTILE}\n\u201c{QUOTE},\u201d said Jane Doe.\n"},
        {"id": 2, "source": "Plain Outlet", "date": "2025-01-02",
         "text": f"\u201c{QUOTE.replace('<b>never</b>', 'never')},\u201d Jane Doe said.\n"},
    ]
    (tmp_path / "x.json").write_text(json.dumps(records), encoding="utf-8")
    tree = Tree(_page([tmp_path]))
    for tag in ("script", "img", "b"):
        assert not list(tree.root.iter(tag)), tag
    text = tree.root.all_text()
    assert QUOTE in text and HOSTILE in text and '<img src=x onerror=alert(1)> "Daily"' in text
    titles = [td.attrs["title"] for td in tree.root.iter("td") if "title" in td.attrs]
    assert QUOTE in titles  # an attribute value: quoted, so it cannot break out
    for td in tree.root.iter("td"):
        assert set(td.attrs) <= {"class", "title"}
    deleted = [n.all_text() for n in tree.root.iter("del")]
    assert "b" in deleted  # the diff's pieces are escaped too: no <b> element above
    assert all(text.strip() for text in deleted)


@pytest.mark.parametrize("canonical, wording, expected", [
    ("We agree with the proposals", "We agree with the proposals", [("equal", "We agree with the proposals")]),
    ("We agree with the proposals", "we agree, with the proposals.", [("equal", "we agree, with the proposals.")]),
    ("to cease hostilities", "to stop the hostilities",
     [("equal", "to "), ("delete", "cease"), ("insert", "stop the"), ("equal", " hostilities")]),
    ("before winter", "before the winter", [("equal", "before "), ("insert", "the"), ("equal", " winter")]),
    ("I will never go", "I will go", [("equal", "I will"), ("delete", "never"), ("equal", " go")]),
])
def test_word_diff(canonical, wording, expected):
    pieces = word_diff(canonical, wording)
    assert pieces == expected
    assert "".join(text for op, text in pieces if op != "delete") == wording


def test_highlight_escapes():
    assert highlight("a <b>", "a <i>") == "a &lt; <del>b</del> <ins>i</ins>&gt;"
    assert highlight("a b c", "a c") == "a <del>b</del> c"


def test_seeds_report_renders():
    tree = Tree(_page([SEEDS]))
    rows = list(next(next(t for t in tree.root.iter("table") if "matrix" in t.classes()).iter("tbody")).iter("tr"))
    assert len(rows) == 24
    assert "We agree with the proposals to cease hostilities" in rows[0].all_text()

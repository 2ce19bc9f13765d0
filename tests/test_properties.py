"""Property-based tests: for any text, no stage raises, every offset is exact, the result does
not depend on input order, and time grows linearly with input size (docs/GUARANTEES.md)."""

from __future__ import annotations

import codecs
import json
import os
import random
import tempfile
import time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotetrack.attribution import attribute
from quotetrack.cli import Exit, app
from quotetrack.clustering import cluster
from quotetrack.corpus import READERS, decode, iter_files
from quotetrack.extract import find_quotes
from quotetrack.models import Article, Kind, Skipped

from .conftest import make_article

runner = CliRunner()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKS = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", "''", "``", "‹", "›", "‚", "＂"]
CONTROLS = ["\x00", "\x07", "\x1b[31m", "\x1b]0;t\x07", "\x85", "\u2028", "\u202e", "\ufeff", "\x0c"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", " \n"]
WORDS = ["He", "said", "she", "told", "Putin", "Vladimir Putin", "Mr.", "the official", "according to",
         "we", "agree", "s", "'s", "90s", "n", "A", "U.S.", ",", ".", ":", "—", "(", ")", " ", " ", " "]
TOKENS = st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.sampled_from(BREAKS),
                   st.sampled_from(CONTROLS), st.text(max_size=3))
# Articles built from quote marks, reporting words, breaks and controls (so quotes and cues do
# form), and any Unicode at all (so nothing is assumed about the alphabet).
ARTICLE_TEXT = st.one_of(st.lists(TOKENS, max_size=80).map("".join), st.text(max_size=200))


def check_quotes(article: Article, quotes) -> None:
    text = article.text
    last = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert any(ch.isalnum() for ch in q.text)
        assert q.start >= last  # text order
        last = q.start
        assert q.kind in (Kind.FULL, Kind.FRAGMENT) and q.doc == article.doc
        assert q.speaker is None or (isinstance(q.speaker, str) and q.speaker.strip())


@SETTINGS
@given(ARTICLE_TEXT)
@example("“" * 50 + "a")
@example("'a " * 40)
@example("“He said,” he said. “" + "\r" * 5 + "”")
@example("A " * 300 + "x said “Hello there”")
def test_find_and_attribute_never_raise_and_offsets_are_exact(text):
    article = make_article(text)
    quotes = tuple(find_quotes(article))
    check_quotes(article, quotes)
    attributed = attribute(article, quotes)
    assert [(q.start, q.end, q.text) for q in attributed] == [(q.start, q.end, q.text) for q in quotes]
    check_quotes(article, attributed)


@SETTINGS
@given(st.lists(ARTICLE_TEXT, min_size=1, max_size=5), st.randoms(use_true_random=False))
def test_cluster_covers_every_quote_and_ignores_input_order(texts, rnd):
    items = []
    for n, text in enumerate(texts):
        article = make_article(text, doc=f"d{n}", date=f"2025-03-1{n}" if n % 2 else None)
        items += [(article, q) for q in attribute(article, tuple(find_quotes(article)))]
    clusters = cluster(items)
    members = [(o.article.doc, o.quote.start) for c in clusters for o in c.members]
    assert sorted(set(members)) == sorted((a.doc, q.start) for a, q in items)
    for c in clusters:
        assert c.members and c.canonical in {o.quote.text for o in c.members}
        assert all(c.id in o.clusters for o in c.members)
    shuffled = list(items)
    rnd.shuffle(shuffled)
    again = cluster(shuffled)
    summary = lambda cs: [(c.id, c.canonical, c.speaker, [(o.article.doc, o.quote.start) for o in c.members])  # noqa: E731
                          for c in cs]
    assert summary(again) == summary(clusters)


BYTES = st.one_of(
    st.binary(max_size=300),
    ARTICLE_TEXT.map(lambda t: t.encode("utf-8")),
    ARTICLE_TEXT.map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ARTICLE_TEXT.map(lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le", "surrogatepass")),
)


@SETTINGS
@given(BYTES)
def test_decode_returns_text_or_a_reason(data):
    try:
        text = decode(data)
    except ValueError as exc:
        assert str(exc)
        return
    assert "\r" not in text
    if data.startswith(codecs.BOM_UTF8):  # the mark goes, the rest is Python's text mode
        assert text == data[3:].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BYTES, st.sampled_from(["jsonl", "json", "csv", "tsv", "table"]))
def test_cli_never_crashes_and_offsets_index_the_decoded_text(data, fmt):
    result = runner.invoke(app, ["scan", "-", "-f", fmt, "--long"], input=data)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.output
    try:
        text = decode(data)
    except ValueError:  # the only input unreadable: exit 1, saying why
        assert result.exit_code == Exit.ERROR and "quotetrack: error: cannot read -: " in result.stderr
        return
    if not text.strip():
        assert result.exit_code == Exit.ERROR and "empty file" in result.stderr
        return
    assert result.exit_code == Exit.OK, result.output
    if fmt == "jsonl":
        for line in result.stdout.splitlines():
            row = json.loads(line)
            assert text[row["start"]:row["end"]] == row["text"]


@settings(max_examples=20, deadline=None)
@given(st.text(alphabet="“”\"'‘’«»„ a\n", min_size=1, max_size=40))
def test_huge_paragraphs_stay_exact(unit):
    text = unit * (4000 // len(unit) + 1)
    article = make_article(text)
    check_quotes(article, attribute(article, tuple(find_quotes(article))))


# --- time grows linearly ---------------------------------------------------------------------

def _work(text: str) -> float:
    article = make_article(text)
    start = time.perf_counter()
    attribute(article, tuple(find_quotes(article)))
    return time.perf_counter() - start


HOSTILE_UNITS = {
    "marks and words": "“a ”b' 'c „d« »e ‘f’ ' '' \"g\" He said, ",
    "unclosed openers": "“Word «Word 'Word „Word ",
    "capitalised run": "A Bc D. ",
    "pronoun cues": "“Yes,” he said. Moscow Kremlin. ",
    "capitals quoted": "“AB” ‘CD’ ",
}


def test_doubling_the_input_roughly_doubles_the_work():
    """Four times the input costs about four times as much (a quadratic step would cost 16x)."""
    for name, unit in HOSTILE_UNITS.items():
        small = unit * (20_000 // len(unit))
        _work(small)  # warm caches (gender lexicon, regexes)
        t_small = min(_work(small) for _ in range(2))
        t_large = min(_work(small * 4) for _ in range(2))
        assert t_large < 9 * t_small + 0.05, f"{name}: {t_small:.3f}s -> {t_large:.3f}s"


def test_a_megabyte_of_quote_marks_scans_quickly(tmp_path):
    path = tmp_path / "marks.txt"
    path.write_text(("“”\"'‘’«»„''" * 40 + "\n") * 2500, encoding="utf-8")
    start = time.perf_counter()
    result = runner.invoke(app, ["scan", str(path), "-f", "jsonl"])
    assert result.exit_code == Exit.OK and result.stdout == ""
    assert time.perf_counter() - start < 10


# --- the walk finds exactly the article files -------------------------------------------------

NAME_CHARS = st.sampled_from(list("ab Zé日-_.'“ ") + ["  ", "x y"])
FILE_NAMES = st.tuples(st.lists(NAME_CHARS, min_size=1, max_size=6).map("".join),
                       st.sampled_from([".txt", ".TXT", ".md", ".markdown", ".text", ".pdf", "", ".txt.bak"]))
TREES = st.lists(st.tuples(st.lists(st.sampled_from(["d", "e f", ".hid", "日本", "x.txt"]), max_size=2), FILE_NAMES),
                 max_size=12)


@settings(max_examples=40, deadline=None)
@given(TREES)
def test_walk_finds_every_article_file_once_in_path_order(tree):
    with tempfile.TemporaryDirectory() as tmp:
        expected = set()
        for folders, (stem, suffix) in tree:
            name = stem + suffix
            if name in (".", ".."):
                continue
            where = os.path.join(tmp, *folders)
            try:
                os.makedirs(where, exist_ok=True)
                path = os.path.join(where, name)
                if os.path.isdir(path):
                    continue
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write("“Hi,” Jane Doe said.\n")
            except (FileExistsError, NotADirectoryError, IsADirectoryError):
                continue  # a generated file name collided with a generated folder
            rel = os.path.relpath(path, tmp).split(os.sep)
            if not any(part.startswith(".") for part in rel) and os.path.splitext(name)[1].lower() in READERS:
                expected.add(path)
        items = list(iter_files([tmp]))
        files = [p for p, _ in (i for i in items if not isinstance(i, Skipped))]
        assert files == sorted(files) and set(files) == {p for p in expected if os.path.isfile(p)}
        assert all(isinstance(i, Skipped) and i.reason.startswith("no article files") for i in items
                   if isinstance(i, Skipped))


def test_paragraph_bounds_of_long_lines_match_a_plain_search():
    # past tokens.LINE_SEARCH characters the bounds come from the text's line index
    from quotetrack.attribution.tokens import LINE_SEARCH, paragraph_end, paragraph_start

    rnd = random.Random(7)
    text = "".join("\n" if rnd.random() < 0.0005 else rnd.choice("a ") for _ in range(6 * LINE_SEARCH))
    text = "\n" + text[: 3 * LINE_SEARCH] + "\n\n" + text
    for pos in [0, 1, len(text) - 1, len(text), *(rnd.randrange(len(text) + 1) for _ in range(300))]:
        assert paragraph_start(text, pos) == text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        assert paragraph_end(text, pos) == (len(text) if end < 0 else end)


def test_a_paragraph_of_one_letter_quotes_scans_in_linear_time():
    # one line of a quote every few characters: every quote's cue and paragraph bounds are looked
    # up in a paragraph as long as the file (issue 21)
    small = '"a," she said. "b" ' * 1_500
    _work(small)
    t_small = min(_work(small) for _ in range(2))
    t_large = _work(small * 4)
    assert t_large < 9 * t_small + 0.05, f"{t_small:.3f}s -> {t_large:.3f}s"

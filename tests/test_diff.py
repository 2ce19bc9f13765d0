"""`quotetrack diff`: pairing shared quotes, what each article has alone, the summary, the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotetrack.cli import Exit, app
from quotetrack.compare import Alteration, Flag, align
from quotetrack.diff import Status, diff_articles, own_shingles
from quotetrack.diffview import DELETED_STYLE, DIFF_COLUMNS, INSERTED_STYLE, TRACE_COLUMNS, inline_diff
from quotetrack.lookup import find_article
from quotetrack.models import InputError, UsageError

from .conftest import ROOT, SEEDS, make_article

runner = CliRunner()


def seed(prefix: str):
    return find_article(prefix, str(SEEDS))


def diff_of(a: str, b: str):
    return diff_articles(seed(a), seed(b))


def run(*args: str):
    return runner.invoke(app, list(args))


def test_a_rewrite_shares_nearly_every_quote():
    d = diff_of("000", "001")
    shared = [r for r in d.rows if r.status is Status.SHARED]
    assert len(shared) == d.summary.shared == 13 and d.summary.quotes_b == 14
    assert [r.b.text for r in d.rows if r.status is Status.ONLY_B] == ["determined to move quickly toward peace"]
    verdicts = [r.comparison.alteration for r in shared]
    assert verdicts.count(Alteration.PUNCTUATION) >= 3
    assert set(verdicts) <= {Alteration.IDENTICAL, Alteration.PUNCTUATION}
    assert d.summary.differing == 0 and d.summary.quoted_a_in_b == 1.0


@pytest.mark.parametrize("a, b, rewrite", [
    ("000", "001", True), ("001", "000", True), ("002", "003", False), ("000", "002", False), ("003", "004", False),
])
def test_the_reporters_own_text_tells_a_rewrite(a, b, rewrite):
    s = diff_of(a, b).summary
    assert (min(s.own_a_in_b, s.own_b_in_a) > 0.25) is rewrite
    assert (max(s.own_a_in_b, s.own_b_in_a) < 0.1) is not rewrite


def test_translation_variants_are_paired():
    d = diff_of("002", "004")
    pairs = [(r.a.text[:40], r.b.text[:40], r.comparison.alteration) for r in d.rows if r.status is Status.SHARED]
    assert pairs == [
        ("We agree with the proposals to halt the ", "We agree with the proposal to stop the h", Alteration.TRIMMED),
        ("Will all those who are there come out wi", "What does it mean if we stop the hostili", Alteration.EXTENDED),
    ]
    first = d.rows[0].comparison
    assert first.diff.startswith("proposals→proposal; halt→stop; fighting→hostilities; -but we proceed")
    assert [r.status for r in d.rows] == [Status.SHARED] * 2 + [Status.ONLY_A] * 7 + [Status.ONLY_B]


def test_one_quote_against_two_is_merged_and_split():
    there = [r for r in diff_of("000", "002").rows if r.status is Status.SHARED]
    assert [r.comparison.alteration for r in there[:2]] == [Alteration.MERGED, Alteration.MERGED]
    assert there[0].b is there[1].b or there[0].b == there[1].b
    back = [r for r in diff_of("002", "000").rows if r.status is Status.SHARED and r.a.text.startswith("We agree")]
    assert [r.comparison.alteration for r in back] == [Alteration.SPLIT, Alteration.SPLIT]


def test_an_article_against_itself_shares_everything():
    d = diff_of("003", "003")
    assert all(r.status is Status.SHARED and r.comparison.alteration is Alteration.IDENTICAL for r in d.rows)
    assert (d.summary.shared, d.summary.own_a_in_b, d.summary.own_jaccard) == (10, 1.0, 1.0)


WAR = "“We will not surrender our land to anyone, whatever the cost,” Jane Smith said on Monday.\n"


@pytest.mark.parametrize("text_a, text_b, statuses, flags", [
    # No quotes in common.
    (WAR, "“Markets will recover by the spring,” said Tom Lee, an analyst.\n",
     ["only_a", "only_b"], []),
    # One article quotes nothing.
    ("The council met on Monday and no one spoke.\n", WAR, ["only_b"], []),
    (WAR, "The council met on Monday and no one spoke.\n", ["only_a"], []),
    # The same words given to someone else.
    (WAR, "“We will not surrender our land to anyone, whatever the cost,” John Brown said.\n",
     ["shared"], [Flag.SPEAKER_CHANGED]),
    # Known in one, unknown in the other.
    (WAR, "The statement ended: “We will not surrender our land to anyone, whatever the cost.”\n",
     ["shared"], [Flag.SPEAKER_DROPPED]),
    # A negation dropped.
    (WAR, "“We will surrender our land to anyone, whatever the cost,” Jane Smith said.\n",
     ["shared"], [Flag.NEGATION_DROPPED]),
])
def test_small_articles(text_a, text_b, statuses, flags):
    d = diff_articles(make_article(text_a, "a1"), make_article(text_b, "b1"))
    assert [r.status.value for r in d.rows] == statuses
    assert [f for r in d.rows if r.comparison for f in r.comparison.flags] == flags


def test_no_quotes_at_all():
    d = diff_articles(make_article("Nothing quoted.\n", "a1"), make_article("Nothing here either.\n", "b1"))
    assert d.rows == () and d.summary.quotes_a == d.summary.shared == 0 and d.summary.quoted_a_in_b == 0.0


def test_own_text_shingles_skip_the_quotes():
    article = make_article("One two three four five “six seven eight nine ten” eleven twelve.\n")
    quotes = diff_articles(article, article).rows
    shingles = own_shingles(article, [r.a for r in quotes])
    assert ("one", "two", "three", "four", "five") in shingles
    assert not any("six" in s or "eleven" in s for s in shingles)


@pytest.mark.parametrize("ref, found", [
    ("002", "002_ff90968e26bab656.txt"), ("002_ff9", "002_ff90968e26bab656.txt"),
    (str(SEEDS / "004_792bd40e83e483ac.txt"), "004_792bd40e83e483ac.txt"),
])
def test_find_article(ref, found):
    assert find_article(ref, str(SEEDS)).path.endswith(found)


@pytest.mark.parametrize("ref, message", [
    ("00", "'00' matches 5 articles under"), ("9", "no article file or doc id starting with '9'"), ("", "empty"),
])
def test_find_article_refuses(ref, message):
    with pytest.raises(UsageError, match=message):
        find_article(ref, str(SEEDS))


def test_an_exact_doc_id_beats_longer_ones(tmp_path):
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    (tmp_path / "ab.txt").write_text("y\n", encoding="utf-8")
    assert find_article("a", str(tmp_path)).path.endswith("a.txt")
    (tmp_path / "ac.txt").write_text("z\n", encoding="utf-8")
    (tmp_path / "a.txt").unlink()
    with pytest.raises(UsageError, match="'a' matches 2 articles under .*: ab, ac; give more of the id"):
        find_article("a", str(tmp_path))
    with pytest.raises(InputError, match="no such file or directory"):
        find_article("a", str(tmp_path / "nowhere"))


def test_cli_tsv_is_exact(tmp_path):
    (tmp_path / "one.txt").write_text(WAR, encoding="utf-8")
    (tmp_path / "two.txt").write_text(
        "“We will not surrender our land to anyone,” Jane Smith said.\n\n“Prices rose,” Tom Lee said.\n",
        encoding="utf-8")
    guarded = run("diff", "one", "two", "--corpus", str(tmp_path), "-f", "tsv")
    # changes marked [-old-]{+new+}: no cell begins with - + = @, so the formula guard leaves it be
    assert guarded.stdout.splitlines()[1].endswith("\t[-whatever the cost-]")
    result = run("diff", "one", "two", "--corpus", str(tmp_path), "-f", "tsv", "--raw-cells")
    assert result.exit_code == Exit.OK
    assert result.stdout.splitlines() == [
        "\t".join(DIFF_COLUMNS),
        "shared\ttrimmed\t\tone\t1\t60\tJane Smith\tWe will not surrender our land to anyone, whatever the cost"
        "\ttwo\t1\t41\tJane Smith\tWe will not surrender our land to anyone\t[-whatever the cost-]",
        "only_b\t\t\t\t\t\t\t\ttwo\t63\t74\tTom Lee\tPrices rose\t",
    ]
    assert result.stderr == ("one vs two: A: 1 quotes, B: 2 quotes, 1 shared (1 differ in wording); quoted words "
                             "shared: 73% of A's, 80% of B's; reporter's own text shared (5-word runs): 0% of A's, "
                             "0% of B's\n")


def test_cli_jsonl_and_paths():
    result = run("diff", str(SEEDS / "002_ff90968e26bab656.txt"), "004", "--corpus", str(SEEDS), "-f", "jsonl", "-q")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == Exit.OK and result.stderr == ""
    assert all(list(r) == list(DIFF_COLUMNS) for r in rows)
    assert [r["status"] for r in rows].count("shared") == 2
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.iterdir()}
    for r in rows:
        for side in "ab":
            if r[f"{side}_doc"]:
                assert texts[r[f"{side}_doc"]][r[f"{side}_start"]:r[f"{side}_end"]] == r[f"{side}_text"]


def test_cli_table_draws_the_diff():
    result = run("diff", "002", "004", "--corpus", str(SEEDS), "-f", "table")
    assert result.exit_code == Exit.OK
    assert "trimmed" in result.stdout and "only_b" in result.stdout and "Rubio" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["0", "001"], "'0' matches 5 articles under"),
    (["000", "777"], "no article file or doc id starting with '777'"),
])
def test_cli_bad_articles_are_usage_errors(args, message):
    result = run("diff", *args, "--corpus", str(SEEDS))
    assert result.exit_code == Exit.USAGE
    assert result.stderr.startswith("quotetrack: error: ") and message in result.stderr
    assert "Traceback" not in result.output


def test_cli_missing_corpus_is_a_usage_error():
    result = run("diff", "000", "001", "--corpus", "no/such/dir")
    assert result.exit_code == Exit.USAGE and "no such file or directory" in result.stderr


def test_inline_diff_styles_deletions_and_insertions():
    text = inline_diff(align("We agree with the proposals to cease hostilities",
                             "We agree with the proposals to halt the fighting now"))
    assert text.plain == "We agree with the proposals to cease hostilities halt the fighting now"
    styled = {text.plain[s.start:s.end]: str(s.style) for s in text.spans}
    assert styled == {"cease hostilities": DELETED_STYLE, "halt the fighting": INSERTED_STYLE, "now": INSERTED_STYLE}


@pytest.mark.parametrize("columns", [DIFF_COLUMNS, TRACE_COLUMNS])
def test_every_column_is_in_the_cli_reference(columns):
    reference = (ROOT / "docs" / "CLI.md").read_text(encoding="utf-8")
    assert all(f"`{c}`" in reference for c in columns), [c for c in columns if f"`{c}`" not in reference]


def test_diff_closed_pipe_exits_zero_quietly():
    import subprocess
    import sys
    done = subprocess.run(["bash", "-o", "pipefail", "-c",
                           f"{sys.executable} -m quotetrack diff 000 001 --corpus {SEEDS} | head -1"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "\t".join(DIFF_COLUMNS) + "\n"
    assert "Traceback" not in done.stderr


def test_a_repeated_phrase_is_not_a_merge():
    a = make_article("John Brown called it a “prank” on Monday. Later Brown again said “prank” to reporters.\n", "a1")
    b = make_article("“It was a prank,” John Brown said.\n", "b1")
    rows = [r for r in diff_articles(a, b).rows if r.status is Status.SHARED]
    assert rows and all(r.comparison.alteration is not Alteration.MERGED for r in rows)


@pytest.mark.parametrize("content, reason", [(b"\x00\x01binary", "binary file"), (b"", "empty file")])
def test_cli_unreadable_article_is_an_input_error(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text(WAR, encoding="utf-8")
    result = run("diff", "bad", "good", "--corpus", str(tmp_path))
    assert result.exit_code == Exit.USAGE
    assert result.stderr.startswith("quotetrack: error: cannot read") and reason in result.stderr

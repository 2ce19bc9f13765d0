"""Incremental scans (issue 21): whatever files were added, edited or removed since the last
scan, an indexed re-scan writes exactly what a clean scan without an index writes."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotetrack.cli import Exit, app
from quotetrack.clustering import core

from .conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
LINES = [
    "“We will not accept this deal,” Vladimir Putin said on Tuesday.",
    "“We will never accept this deal,” Putin told reporters.",
    "“The ceasefire must hold,” said Volodymyr Zelensky.",
    "A spokesman called it “a bunch of malarkey.”",
    "“Nothing,” Jane Roe said when asked what had changed.",
]

op = st.one_of(
    st.tuples(st.just("add"), st.integers(0, len(SEED_FILES) - 1), st.lists(st.integers(0, len(LINES) - 1), max_size=3)),
    st.tuples(st.just("edit"), st.integers(0, 50), st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=2)),
    st.tuples(st.just("remove"), st.integers(0, 50), st.just([])),
    st.tuples(st.just("prepend"), st.integers(0, 50), st.lists(st.integers(0, len(LINES) - 1), min_size=1, max_size=2)),
)


def scan(folder: Path, *index: str) -> str:
    # The suite turns the index off (conftest): an indexed scan here turns it back on.
    env = {"QUOTETRACK_NO_INDEX": None} if "--index" in index else {}
    result = CliRunner().invoke(app, ["scan", str(folder), "-f", "jsonl", "-j", "1", *index], env=env)
    assert result.exit_code == Exit.OK, result.output
    return result.stdout


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=st.lists(op, min_size=1, max_size=5))
def test_an_indexed_rescan_after_any_changes_equals_a_clean_scan(ops):
    with tempfile.TemporaryDirectory() as tmp:
        folder, db = Path(tmp) / "corpus", Path(tmp) / "index.sqlite"
        folder.mkdir()
        for seed in SEED_FILES[:4]:
            shutil.copy(seed, folder / seed.name)
        scan(folder, "--index", str(db))
        assert db.exists()
        added = 0
        for kind, which, lines in ops:
            files = sorted(folder.glob("*.txt"))
            if kind == "add":
                text = SEED_FILES[which].read_text(encoding="utf-8")
                added += 1
                (folder / f"added{added}.txt").write_text(text + "\n" + "\n".join(LINES[k] for k in lines) + "\n",
                                                          encoding="utf-8")
            elif kind == "edit" and files:
                path = files[which % len(files)]
                path.write_text(path.read_text(encoding="utf-8") + "\n" + "\n".join(LINES[k] for k in lines) + "\n",
                                encoding="utf-8")
            elif kind == "prepend" and files:
                path = files[which % len(files)]
                path.write_text("\n".join(LINES[k] for k in lines) + "\n" + path.read_text(encoding="utf-8"),
                                encoding="utf-8")
            elif kind == "remove" and len(files) > 1:
                files[which % len(files)].unlink()
            assert scan(folder, "--index", str(db)) == scan(folder, "--no-index")


BRIDGE = {
    "a.txt": "“Our farmers deserve a fair price for every harvest they bring to the market towns,” Jane Roe said.\n",
    "b.txt": ("“Farmers deserve a fair price for every harvest they bring to the market towns before the winter "
              "storms arrive,” Jane Roe said.\n"),
    "c.txt": ("“Every harvest they bring to the market towns before the winter storms arrive and close the "
              "mountain roads,” Jane Roe said.\n"),
}
"""A and C are one quote only through B: without it they are two clusters."""


def clusters_of(output: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for line in output.splitlines():
        row = json.loads(line)
        found.setdefault(row["doc"], set()).add(row["cluster"])
    return found


def test_a_removal_that_splits_a_cluster_rescans_as_a_clean_scan_and_scores_only_what_changed(tmp_path, monkeypatch):
    """Two wordings that are one quote only through a third, which only one article carries:
    removing that article splits the cluster, and the re-scan says so, scoring from the pairs it
    kept (no blocking of the whole corpus) and equal to a clean scan."""
    folder, db = tmp_path / "corpus", tmp_path / "index.sqlite"
    folder.mkdir()
    for seed in SEED_FILES[:3]:
        shutil.copy(seed, folder / seed.name)
    for name, text in BRIDGE.items():
        (folder / name).write_text(text, encoding="utf-8")
    before = scan(folder, "--index", str(db))
    assert before == scan(folder, "--no-index")
    assert clusters_of(before)["a"] == clusters_of(before)["c"]
    whole = []
    real = core._linked
    monkeypatch.setattr(core, "_linked", lambda *args: whole.append(1) or real(*args))
    (folder / "b.txt").unlink()
    after = scan(folder, "--index", str(db))
    assert not whole  # only the pairs of what changed were scored
    assert clusters_of(after)["a"] != clusters_of(after)["c"]
    assert after == scan(folder, "--no-index")
    (folder / "d.txt").write_text(BRIDGE["b.txt"], encoding="utf-8")
    whole.clear()
    again = scan(folder, "--index", str(db))
    assert not whole
    assert clusters_of(again)["a"] == clusters_of(again)["c"] == clusters_of(again)["d"]
    assert again == scan(folder, "--no-index")


def test_a_rescan_makes_and_compares_again_only_the_clusters_that_changed(tmp_path, monkeypatch):
    """The clusters of two quotes or more whose members did not change keep their canonical
    wording and speaker, and their wordings' comparisons, from the last scan: only the cluster
    the new article's variant joins is made and compared again, and the output equals a clean
    scan's. (A cluster of one quote, or a wording compared with itself, costs less to make again.)"""
    from quotetrack import compare
    from quotetrack.clustering import rules

    folder, db = tmp_path / "corpus", tmp_path / "index.sqlite"
    folder.mkdir()
    for seed in SEED_FILES[:3]:
        shutil.copy(seed, folder / seed.name)
    scan(folder, "--index", str(db))
    made: list[set[str]] = []
    compared: list[str] = []
    real_wording, real_compare = rules.canonical_wording, compare.compare

    def wording(members, merged=frozenset()):
        if len(members) > 1:
            made.append({a.doc for a, _ in members})
        return real_wording(members, merged)

    def comparison(a, b, **kw):
        if a != b:
            compared.append(b)
        return real_compare(a, b, **kw)

    monkeypatch.setattr(rules, "canonical_wording", wording)
    monkeypatch.setattr(compare, "compare", comparison)
    variant = "The idea itself is correct and we certainly support it"
    (folder / "new.txt").write_text(f"“{variant},” Vladimir Putin said.\n", encoding="utf-8")
    after = scan(folder, "--index", str(db))
    assert len(made) == 1 and "new" in made[0] and compared == [variant]
    made.clear()
    assert after == scan(folder, "--no-index")
    assert len(made) > 10  # a clean scan makes every cluster


HARVEST = [
    "“The harvest in the valley was good this time,” Jane Roe said.\n",
    "“The harvest in the valley was good,” Jane Roe said.\n",
    "“Our valley harvest festival will go ahead,” Dana Poe said.\n",
    "“No valley has seen a harvest like this one,” Lee Moss said.\n",
    "“The valley will remember this harvest for decades,” Ann Lee said.\n",
]
"""The first two are one quote through "harvest" and "valley" alone (the rest is common English)."""


def test_a_concept_crossing_the_posting_cap_rescans_as_a_clean_scan(tmp_path, monkeypatch):
    """With a posting cap of three quotes, adding articles puts "harvest" and "valley" past it (the
    pairs only they proposed go) and removing them brings them back (their pairs are proposed
    again): each re-scan, scoring only the pairs a change can reach, equals a clean scan."""
    from quotetrack.clustering import blocking

    monkeypatch.setattr(blocking, "MAX_POSTING", 3)
    folder, db = tmp_path / "corpus", tmp_path / "index.sqlite"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder / SEED_FILES[0].name)
    for k, text in enumerate(HARVEST[:2]):
        (folder / f"h{k}.txt").write_text(text, encoding="utf-8")
    outputs = [scan(folder, "--index", str(db))]
    whole: list[int] = []
    real = core._linked
    monkeypatch.setattr(core, "_linked", lambda *args: whole.append(1) or real(*args))
    steps = [("add", 2), ("add", 3), ("add", 4), ("remove", 2), ("remove", 3), ("remove", 4)]
    for kind, k in steps:
        if kind == "add":
            (folder / f"h{k}.txt").write_text(HARVEST[k], encoding="utf-8")
        else:
            (folder / f"h{k}.txt").unlink()
        outputs.append(scan(folder, "--index", str(db)))
        assert outputs[-1] == scan(folder, "--no-index"), (kind, k)
    assert len(whole) == len(steps)  # one clean scan each: no re-scan scored the whole corpus
    assert outputs[0] == outputs[-1]
    harvest = [clusters_of(out) for out in outputs]
    # Below the cap, one quote; past it, "harvest" and "valley" propose nothing; below it again, one.
    assert [harvest[k]["h0"] == harvest[k]["h1"] for k in range(len(outputs))] == [
        True, True, False, False, False, True, True]


def test_a_name_respelled_across_the_corpus_makes_its_unchanged_articles_clusters_again(tmp_path, monkeypatch):
    """Articles added that spell a speaker's name another way, more often, change the spelling the
    corpus unifies on: the cluster of the articles that did not change is made again, with the new
    spelling, as a clean scan makes it; the seed's clusters are kept."""
    from quotetrack.clustering import rules

    folder, db = tmp_path / "corpus", tmp_path / "index.sqlite"
    folder.mkdir()
    shutil.copy(SEED_FILES[0], folder / SEED_FILES[0].name)
    for name in ("a1", "a2"):
        (folder / f"{name}.txt").write_text("“The ceasefire must hold along the whole river,” said Dana Poellner.\n",
                                            encoding="utf-8")

    def speakers(output: str) -> set[str]:
        return {row["speaker"] for row in map(json.loads, output.splitlines()) if row["doc"] == "a1"}

    assert speakers(scan(folder, "--index", str(db))) == {"Dana Poellner"}
    made: list[set[str]] = []
    real_wording = rules.canonical_wording

    def wording(members, merged=frozenset()):
        if len(members) > 1:
            made.append({a.doc for a, _ in members})
        return real_wording(members, merged)

    monkeypatch.setattr(rules, "canonical_wording", wording)
    for name in ("b", "c", "d"):
        (folder / f"{name}.txt").write_text(f"“Talks resume on {name} day,” Dana Poelner said.\n", encoding="utf-8")
    after = scan(folder, "--index", str(db))
    assert speakers(after) == {"Dana Poelner"}
    assert {"a1", "a2"} in made and all(m == {"a1", "a2"} or m <= {"b", "c", "d"} for m in made)
    assert after == scan(folder, "--no-index")

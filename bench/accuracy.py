#!/usr/bin/env python3
"""Span and speaker accuracy of quotetrack on an annotated corpus.

usage:
  python bench/accuracy.py CORPUS [--out PRED.jsonl] [--errors [CATEGORY]] [--limit N] [--json]
  python bench/accuracy.py --seeds
  python bench/accuracy.py --gold GOLD.jsonl --docs DIR [--ignore REGIONS.jsonl]

CORPUS is a folder with docs/ (the articles), gold.jsonl and, optionally, ignore.jsonl
(regions where an unmatched prediction counts neither for nor against), as in the PolNeAR-train
development set. ``--seeds`` scores seeds/ against tests/data/seeds_gold.jsonl. ``--gold`` and
``--docs`` score the articles of DIR that the gold annotates (a gold set over part of a folder).

The library's ``pipeline.scan`` is run in-process and its occurrences are written as the same
JSON lines as ``quotetrack scan -f jsonl``. Scoring uses the development data's scorer
(``--scorer``, by default ``../shared/tools/score.py`` beside the checkout): its span trimming,
lenient speaker match and pronoun rule, with its greedy matching at overlap/union >= 0.5 and
neutral ignore regions; cross-document link pairs are computed only when the gold has clusters,
since pairing every quote of a corpus without them costs minutes and measures nothing.

``--errors`` prints the errors by category: ``missed`` (gold quotes not found), ``spurious``
(counted false positives), ``speaker`` (wrong speaker, grouped by the kind of cue used). Give a
category to see only that one.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import itertools
import json
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quotetrack import ScanOptions, scan  # noqa: E402
from quotetrack.report import to_rows  # noqa: E402

SCORER = ROOT.parent / "shared" / "tools" / "score.py"
"""The development data's scorer, where the development data sits beside the checkout."""


def load_scorer(path: Path) -> types.ModuleType:
    """The scorer's module (its ``load``, ``trimmed``, ``clusters_of``, ``is_pronoun`` and
    ``speaker_ok``), loaded from its file."""
    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None or not path.is_file():
        sys.exit(f"accuracy: no scorer at {path} (give --scorer)")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def predict(paths: list[str]) -> tuple[list[dict], dict[str, str], float]:
    """Scan ``paths`` and return the occurrence rows, the texts by doc id and the scan time."""
    t0 = time.perf_counter()
    result = scan(paths, ScanOptions(index=None))
    elapsed = time.perf_counter() - t0
    rows = list(to_rows(result.clusters, per_occurrence=True)[1])
    texts = {a.doc: a.text for a in result.articles}
    return rows, texts, elapsed


def score(gold: list[dict], preds: list[dict], texts: dict[str, str], neutral: list[dict],
          links: bool, scorer: types.ModuleType) -> dict:
    """The scorer's metrics, plus the matching for the error listing."""
    trimmed, is_pronoun, speaker_ok, clusters_of = (
        scorer.trimmed, scorer.is_pronoun, scorer.speaker_ok, scorer.clusters_of)
    by_doc: dict[str, list[int]] = collections.defaultdict(list)
    for i, g in enumerate(gold):
        by_doc[g["doc"]].append(i)
    gspan = [trimmed(g["start"], g["end"], g["text"]) for g in gold]
    pspan = [trimmed(p["start"], p["end"], texts[p["doc"]][p["start"]:p["end"]]) for p in preds]
    cand = []
    for pi, (a0, a1) in enumerate(pspan):
        for gi in by_doc.get(preds[pi]["doc"], ()):
            b0, b1 = gspan[gi]
            inter = min(a1, b1) - max(a0, b0)
            if inter > 0:
                cand.append((inter / (max(a1, b1) - min(a0, b0)), pi, gi))
    cand.sort(reverse=True)
    p2g: dict[int, int] = {}
    g2p: dict[int, int] = {}
    for r, pi, gi in cand:
        if r >= 0.5 and pi not in p2g and gi not in g2p:
            p2g[pi], g2p[gi] = gi, pi
    regions = collections.defaultdict(list)
    for r in neutral:
        regions[r["doc"]].append((r["start"], r["end"]))
    neutral_p = {pi for pi, sp in enumerate(pspan) if pi not in p2g and any(
        min(sp[1], b) - max(sp[0], a) > 0 for a, b in regions.get(preds[pi]["doc"], ()))}
    counted = len(preds) - len(neutral_p)
    tp = len(p2g)
    prec = tp / counted if counted else 0.0
    rec = tp / len(gold) if gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    scored = [(pi, gi) for pi, gi in p2g.items() if not is_pronoun(gold[gi].get("speaker"))]
    wrong = [(pi, gi) for pi, gi in scored if not speaker_ok(preds[pi].get("speaker"), gold[gi].get("speaker"))]
    res = {"preds": len(preds), "gold": len(gold), "neutral": len(neutral_p), "span_p": prec, "span_r": rec,
           "span_f1": f1, "speaker_acc": 1 - len(wrong) / len(scored) if scored else 0.0,
           "speaker_scored": len(scored)}
    if links:
        gold_links = {(a, b) for a, b in itertools.combinations(range(len(gold)), 2)
                      if gold[a]["doc"] != gold[b]["doc"]
                      and set(gold[a].get("clusters", [])) & set(gold[b].get("clusters", []))}
        pred_links = set()
        for x, y in itertools.combinations(sorted(p2g), 2):
            ga, gb = sorted((p2g[x], p2g[y]))
            if gold[ga]["doc"] != gold[gb]["doc"] and clusters_of(preds[x]) & clusters_of(preds[y]):
                pred_links.add((ga, gb))
        ltp = len(gold_links & pred_links)
        lp = ltp / len(pred_links) if pred_links else 0.0
        lr = ltp / len(gold_links) if gold_links else 0.0
        res.update(link_p=lp, link_r=lr, link_f1=2 * lp * lr / (lp + lr) if lp + lr else 0.0)
    res["_match"] = (p2g, g2p, neutral_p, wrong)
    return res


def _context(texts: dict[str, str], doc: str, start: int, end: int, width: int = 90) -> str:
    t = texts.get(doc, "")
    return (t[max(0, start - width):start] + "[[" + t[start:end][:120] + "]]" + t[end:end + width]).replace("\n", " | ")


def print_errors(res: dict, gold: list[dict], preds: list[dict], texts: dict[str, str],
                 category: str | None, limit: int, out) -> None:
    """The errors, grouped by category, with some context around each."""
    p2g, g2p, neutral_p, wrong = res["_match"]
    if category in (None, "missed"):
        missed = [g for gi, g in enumerate(gold) if gi not in g2p]
        print(f"== missed gold quotes: {len(missed)}", file=out)
        for g in missed[:limit]:
            print(f"  {g['doc'][:40]} {_context(texts, g['doc'], g['start'], g['end'])}", file=out)
    if category in (None, "spurious"):
        spurious = [p for pi, p in enumerate(preds) if pi not in p2g and pi not in neutral_p]
        print(f"== counted false positives: {len(spurious)} (kinds: "
              f"{dict(collections.Counter(p['kind'] for p in spurious))})", file=out)
        for p in spurious[:limit]:
            print(f"  {p['doc'][:40]} {p['kind']} {_context(texts, p['doc'], p['start'], p['end'], 50)}", file=out)
    if category in (None, "speaker"):
        groups: dict[str, list] = collections.defaultdict(list)
        for pi, gi in wrong:
            p = preds[pi]
            cue = p.get("cue")
            kind = ("none" if p.get("speaker") is None and cue is None else
                    "continuation" if cue == "continuation" else
                    "pronoun" if (p.get("mention") or "").lower() in ("he", "she") else
                    "gold-null" if gold[gi].get("speaker") is None else "cue")
            groups[kind].append((pi, gi))
        print(f"== speaker errors: {len(wrong)} by kind {dict((k, len(v)) for k, v in groups.items())}", file=out)
        for kind, items in sorted(groups.items()):
            print(f"-- {kind}", file=out)
            for pi, gi in items[:limit]:
                g, p = gold[gi], preds[pi]
                print(f"  gold={g.get('speaker')!r} pred={p.get('speaker')!r} mention={p.get('mention')!r} "
                      f"cue={p.get('cue')!r} | {_context(texts, g['doc'], g['start'], g['end'], 110)}", file=out)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", help="folder with docs/, gold.jsonl and ignore.jsonl")
    ap.add_argument("--seeds", action="store_true", help="score seeds/ against tests/data/seeds_gold.jsonl")
    ap.add_argument("--gold", type=Path, help="a gold file over part of --docs")
    ap.add_argument("--docs", type=Path, help="the folder the --gold articles are in")
    ap.add_argument("--ignore", type=Path, help="neutral regions for --gold")
    ap.add_argument("--scorer", type=Path, default=SCORER, help="the scorer's file (default: %(default)s)")
    ap.add_argument("--out", help="also write the predictions as JSON lines here")
    ap.add_argument("--errors", nargs="?", const="all", choices=["all", "missed", "spurious", "speaker"])
    ap.add_argument("--limit", type=int, default=60, help="errors shown per category")
    ap.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    if args.seeds:
        docs, gold_path, ignore_path = ROOT / "seeds", ROOT / "tests/data/seeds_gold.jsonl", None
    elif args.corpus:
        base = Path(args.corpus)
        docs, gold_path, ignore_path = base / "docs", base / "gold.jsonl", base / "ignore.jsonl"
    elif args.gold and args.docs:
        docs, gold_path, ignore_path = args.docs, args.gold, args.ignore
    else:
        ap.error("give a corpus folder, --seeds, or --gold and --docs")
    gold = scorer.load(gold_path)
    neutral = scorer.load(ignore_path) if ignore_path and ignore_path.exists() else []
    if args.gold:
        annotated = {g["doc"] for g in gold}
        paths = sorted(str(p) for p in docs.iterdir() if p.stem in annotated)
    else:
        paths = [str(docs)]
    preds, texts, elapsed = predict(paths)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            for row in preds:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    links = any(g.get("clusters") for g in gold)
    res = score(gold, preds, texts, neutral, links, scorer)
    if args.errors:
        print_errors(res, gold, preds, texts, None if args.errors == "all" else args.errors, args.limit, sys.stdout)
    res.pop("_match")
    chars = sum(len(t) for t in texts.values())
    res["scan_seconds"] = round(elapsed, 2)
    res["mb_per_s"] = round(chars / elapsed / 1e6, 3) if elapsed else None
    if args.json:
        print(json.dumps(res))
    else:
        print(f"docs {len(texts)}  gold {res['gold']}  predicted {res['preds']} ({res['neutral']} neutral)  "
              f"scan {elapsed:.1f} s ({res['mb_per_s']} MB/s)")
        print(f"span P {res['span_p']:.3f}  R {res['span_r']:.3f}  F1 {res['span_f1']:.3f}  "
              f"speaker accuracy {res['speaker_acc']:.3f} on {res['speaker_scored']}"
              + (f"  link F1 {res['link_f1']:.3f}" if "link_f1" in res else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Goods by description: precision and recall of the CHPL term table on a labelled set.

    python benchmarks/goods_description.py [--show]

The set (benchmarks/data/goods_descriptions.csv) holds order-line descriptions written for
Screener in English, German, French and Russian: CHPL goods named by term or part number
(`expected` = the CHPL HS-6 or heading), other goods (`expected` empty, including near misses
such as LEDs, socket-head screws, server cabinets, plain bearings), and lines with a declared HS
code that contradicts or agrees with the description. The baseline is what Screener did before
the table: goods known only by HS code, so no line without one is recognised as CHPL.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screener.core.rules.described import load_goods_terms  # noqa: E402
from screener.core.rules.policy import load_policy  # noqa: E402
from screener.core.rules.verdict import assess_line  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "goods_descriptions.csv"


def _pr(tp: int, fp: int, fn: int) -> str:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return f"precision {precision:.3f}  recall {recall:.3f}  (tp {tp}, fp {fp}, fn {fn})"


def main(show: bool) -> None:
    with DATA.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    terms = load_goods_terms()
    plain = [r for r in rows if not r["declared_hs"] and r["note"] != "hard"]
    hard = [r for r in rows if r["note"] == "hard"]
    started = time.perf_counter()
    tp = fp = fn = tn = exact = heading = 0
    misses, false_alarms, wrong = [], [], []
    for r in plain:
        found = terms.describe(r["description"])
        expected = r["expected"]
        if expected and found:
            tp += 1
            codes = [c.hs for c in found]
            if expected in codes:
                exact += 1
            elif any(expected[:4] == c[:4] for c in codes):
                heading += 1
            else:
                wrong.append((r["description"], expected, codes))
        elif expected:
            fn += 1
            misses.append((r["description"], expected))
        elif found:
            fp += 1
            false_alarms.append((r["description"], [c.hs for c in found]))
        else:
            tn += 1
    seconds = time.perf_counter() - started
    positives = tp + fn
    print(
        f"labelled descriptions: {len(rows)} ({len(plain)} without HS code: {positives} CHPL,"
        f" {fp + tn} other goods; {len(hard)} hard cases;"
        f" {len(rows) - len(plain) - len(hard)} with a declared HS code)"
    )
    print(
        "note: the set and the table have the same author, so the main figures are optimistic;"
        " the hard set shows what the table does not know"
    )
    print(
        f"baseline (HS code only):          recall 0.000 (0 of {positives} CHPL descriptions"
        " recognised without an HS code)"
    )
    print(f"CHPL item recognised:             {_pr(tp, fp, fn)}")
    print(
        f"right subheading among candidates: {exact} of {tp} ({exact / max(tp, 1):.3f});"
        f" right heading only {heading}; other heading {len(wrong)}"
    )
    print(
        f"time: {seconds * 1000 / max(len(plain), 1):.3f} ms per description (first look, no memo)"
    )

    htp = hfp = hfn = 0
    for r in hard:
        found = bool(terms.describe(r["description"]))
        htp += found and bool(r["expected"])
        hfp += found and not r["expected"]
        hfn += bool(r["expected"]) and not found
    print(
        f"hard set ({len(hard)}: other languages, shorthand, PLC CPUs, encoders):"
        f" {_pr(htp, hfp, hfn)}"
    )

    policy = load_policy()
    declared = [r for r in rows if r["declared_hs"]]
    ctp = cfp = cfn = 0
    for r in declared:
        verdict = assess_line(
            hs=r["declared_hs"], description=r["description"], destination="DE", policy=policy
        )
        flagged = any(f.code == "hs_contradicts" for f in verdict.findings)
        want = r["note"] == "contradiction"
        ctp += flagged and want
        cfp += flagged and not want
        cfn += want and not flagged
    print(f"HS code contradicts description:  {_pr(ctp, cfp, cfn)} on {len(declared)} lines")
    if show:
        for d, e in misses:
            print(f"  missed   {e:<7} {d}")
        for d, codes in false_alarms:
            print(f"  false    {','.join(codes):<7} {d}")
        for r in hard:
            codes = [c.hs for c in terms.describe(r["description"])]
            print(f"  hard     {r['expected'] or '-':<7} {codes} {r['description']}")
        for d, e, codes in wrong:
            print(f"  other    {e} -> {','.join(codes)}  {d}")


if __name__ == "__main__":
    main("--show" in sys.argv)

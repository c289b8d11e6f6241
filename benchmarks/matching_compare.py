"""Today's matcher beside the one on branch `main`, on the same pairs, in the same run.

    .venv/bin/python benchmarks/matching_compare.py [--base REF] [--show]

1. A development set is built from the list files under ../shared/data/lists (never stored):
   - positives: two strong names of one entry (primary and alias), and the primary names of
     two entries of different lists that share an identifier (passport, national id, ...);
   - person negatives: entries of one list sharing a family name, both with a date of birth
     and no birth year in common (names of the same words left out: no name matcher can part
     them);
   - organisation negatives: entries of one list sharing a word of 5+ letters, no identifier
     in common, names not identical.
2. Each matcher (`REF`, default `main`, checked out into a temporary folder, and this tree)
   scores those pairs in a child process, and runs ../shared/eval/companies_dev.csv against an
   index of every list name: recall per treatment, false alerts of its clean companies; then
   search speed (queries per CPU-second over the list names alone, same queries; the index
   searched as built in memory, and saved and opened from its file as the app searches it),
   the two trees run alternately twice and each one's best pass kept.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PER_KIND = 4000  # pairs of each label and kind


# --- the development set (parent) ------------------------------------------------------------


def _entries() -> list[tuple[str, Any]]:
    from screener.core.lists.importers import detect
    from screener.core.lists.importing import collect_files, plan_imports

    primaries, _ = plan_imports(collect_files([SHARED / "data" / "lists"]))
    out = []
    for path in primaries:
        try:
            parsed = detect(path).parse(path)
        except Exception as exc:  # a benchmark reports and carries on
            print(f"(skipped {path.name}: {exc})")
            continue
        out += [(parsed.source, e) for e in parsed.entries]
    return out


def _latin(text: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def _family(name: str) -> str:
    from screener.core.names.normalize import fold

    if name.count(",") == 1:
        return fold(name.split(",")[0]).split(" ")[-1] if fold(name.split(",")[0]) else ""
    words = fold(name).split()
    return words[-1] if len(words) >= 2 else ""


def build_pairs(entries: list[tuple[str, Any]], rng: random.Random) -> list[list[str]]:
    from screener.core.entries import AliasQuality
    from screener.core.names.normalize import fold

    pos: dict[str, list[tuple[str, str]]] = defaultdict(list)
    neg: dict[str, list[tuple[str, str]]] = defaultdict(list)
    by_id: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for source, e in entries:
        kind = e.type.value
        if kind not in ("person", "organization"):
            continue
        strong = [n for n, q in e.all_names() if q is AliasQuality.STRONG]
        for alias in strong[1:4]:
            pos[kind].append((alias, strong[0]))
        for ident in e.identifiers:
            value = "".join(ch for ch in ident.value.upper() if ch.isalnum())
            if len(value) >= 6:
                by_id[value].append((source, e))
    for group in by_id.values():
        sources = {s for s, _ in group}
        if len(sources) > 1 and len(group) <= 4:
            (_, a), (_, b) = group[0], next(x for x in group if x[0] != group[0][0])
            if a.type == b.type and a.type.value in pos and a.name != b.name:
                pos[a.type.value].append((a.name, b.name))
    family: dict[tuple[str, str], list[Any]] = defaultdict(list)
    words: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for source, e in entries:
        # Within one list only: across lists one person often carries different birth dates.
        if e.type.value == "person" and e.dates_of_birth and _latin(e.name):
            key = _family(e.name)
            if len(key) >= 3:
                family[(source, key)].append(e)
        elif e.type.value == "organization":
            # Sorted: a set's order changes from run to run, and with it the pairs drawn.
            for w in sorted({w for w in fold(e.name).split() if len(w) >= 5}):
                words[(source, w)].append(e)
    for group in family.values():
        for _ in range(min(6, len(group) // 2)):
            a, b = rng.sample(group, 2)
            years_a = {d[:4] for d in a.dates_of_birth}
            years_b = {d[:4] for d in b.dates_of_birth}
            if years_a & years_b or sorted(fold(a.name).split()) == sorted(fold(b.name).split()):
                continue
            neg["person"].append((a.name, b.name))
    for group in words.values():
        if len(group) < 2 or len(group) > 200:  # a very common word makes too-easy negatives
            continue
        for _ in range(min(3, len(group) // 2)):
            a, b = rng.sample(group, 2)
            ids_a = {i.value for i in a.identifiers}
            if a.entry_id == b.entry_id or ids_a & {i.value for i in b.identifiers}:
                continue
            if fold(a.name) != fold(b.name):
                neg["organization"].append((a.name, b.name))
    out = []
    for label, table in (("1", pos), ("0", neg)):
        for kind, pairs in table.items():
            unique = list(dict.fromkeys(pairs))
            rng.shuffle(unique)
            out += [[a, b, kind, label] for a, b in unique[:PER_KIND]]
    return out


# --- one matcher (child) ---------------------------------------------------------------------


def child(data_path: Path) -> dict[str, Any]:
    from screener.core.names.matching import DEFAULT_THRESHOLD, name_similarity
    from screener.core.names.name_index import IndexedName, NameIndex

    data = json.loads(data_path.read_text(encoding="utf-8"))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # kind -> tp, fp, fn
    t0 = time.perf_counter()
    wrong = []
    for a, b, kind, label in data["pairs"]:
        hit = name_similarity(a, b, kind=kind) >= DEFAULT_THRESHOLD
        c = counts[kind]
        if hit and label == "1":
            c[0] += 1
        elif hit:
            c[1] += 1
            wrong.append(f"FP {kind}: {a!r} / {b!r}")
        elif label == "1":
            c[2] += 1
            wrong.append(f"FN {kind}: {a!r} / {b!r}")
    pairs_s = time.perf_counter() - t0

    rows = data["companies"]
    names: dict[str, str | None] = {
        r["target_name"]: "organization" for r in rows if r["target_name"]
    }
    for name, kind in data["names"]:
        names.setdefault(name, kind)
    t0 = time.perf_counter()
    index = NameIndex.build(IndexedName(i, n, k) for i, (n, k) in enumerate(names.items()))
    build_s = time.perf_counter() - t0
    recall: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    alerts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    t0 = time.perf_counter()
    for r in rows:
        if r["is_match"] == "true":
            found = any(c.name == r["target_name"] for c in index.search(r["query"], limit=50))
            recall[r["treatment"]][0] += found
            recall[r["treatment"]][1] += 1
            if not found:
                wrong.append(f"miss: {r['query']!r} -> {r['target_name']!r}")
        else:
            hits = index.search(r["query"], limit=1)
            alerts[r["treatment"]][0] += bool(hits)
            alerts[r["treatment"]][1] += 1
            if hits:
                wrong.append(f"alert: {r['query']!r} -> {hits[0].name!r} {hits[0].score}")
    search_s = time.perf_counter() - t0
    return {
        "threshold": DEFAULT_THRESHOLD,
        "pairs": dict(counts),
        "pairs_s": pairs_s,
        "recall": dict(recall),
        "alerts": dict(alerts),
        "build_s": build_s,
        "search_s": search_s,
        "queries": len(rows),
        "wrong": wrong,
    }


def speed(data_path: Path, opened: bool = False) -> dict[str, Any]:
    """Search speed alone: every query of the companies set, once (the parent alternates),
    in queries per second of CPU time. `opened`: the index saved and opened from its file
    first, as the app searches it (a built index is only ever searched in memory when its
    cache cannot be written)."""
    from screener.core.names.name_index import IndexedName, NameIndex

    data = json.loads(data_path.read_text(encoding="utf-8"))
    names = dict(data["names"])
    index = NameIndex.build(IndexedName(i, n, k) for i, (n, k) in enumerate(names.items()))
    if opened:
        path = data_path.with_name(f"speed-{os.getpid()}.idx")
        index.save(path)
        del index
        index = NameIndex.load(path)
    queries = [r["query"] for r in data["companies"]]
    t0 = time.process_time()  # CPU time: other work on a shared machine does not count
    for q in queries:
        index.search(q)
    return {"qps": len(queries) / (time.process_time() - t0)}


# --- report (parent) -------------------------------------------------------------------------


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _rate(table: dict[str, list[int]], keep: Any = lambda k: True) -> float:
    hit = sum(v[0] for k, v in table.items() if keep(k))
    n = sum(v[1] for k, v in table.items() if keep(k))
    return hit / n if n else 0.0


def report(
    base: dict[str, Any], new: dict[str, Any], base_name: str, n_pairs: dict[str, int]
) -> None:
    print(f"\n{'':<44}{base_name:>14}{'this tree':>14}")
    for kind in sorted(n_pairs):
        pb, rb, fb = _prf(*base["pairs"].get(kind, [0, 0, 0]))
        pn, rn, fn = _prf(*new["pairs"].get(kind, [0, 0, 0]))
        print(
            f"{kind} pairs ({n_pairs[kind]:,}) P / R / F1 @thr".ljust(44)
            + f"{pb:.3f}/{rb:.3f}/{fb:.3f}".rjust(20)
            + f"{pn:.3f}/{rn:.3f}/{fn:.3f}".rjust(20)
        )
    clean = lambda k: not k.startswith("hard")  # noqa: E731
    rows = [
        ("companies_dev recall (positives)", _rate(base["recall"]), _rate(new["recall"])),
        (
            "false alerts, clean companies",
            _rate(base["alerts"], clean),
            _rate(new["alerts"], clean),
        ),
        (
            "false alerts, hard negatives",
            _rate(base["alerts"], lambda k: not clean(k)),
            _rate(new["alerts"], lambda k: not clean(k)),
        ),
        ("false alerts, all negatives", _rate(base["alerts"]), _rate(new["alerts"])),
    ]
    for label, b, n in rows:
        print(f"{label:<44}{b:>14.4f}{n:>14.4f}")
    for label, key in (("index build s", "build_s"), ("pair scoring s", "pairs_s")):
        print(f"{label:<44}{base[key]:>14.2f}{new[key]:>14.2f}")
    for label, key in (("built in memory", "qps"), ("opened from its file", "qps_opened")):
        print(f"{'search queries/CPU-s, index ' + label:<44}{base[key]:>14.0f}{new[key]:>14.0f}")
    print("\nrecall per treatment (positives, n >= 10)")
    for t, (_, n) in sorted(new["recall"].items(), key=lambda kv: -kv[1][1]):
        if n >= 10:
            b = base["recall"].get(t, [0, 1])
            print(f"  {t:<42}{b[0] / b[1]:>14.3f}{new['recall'][t][0] / n:>14.3f}  n={n}")


def _checkout(ref: str, folder: Path) -> Path:
    blob = subprocess.run(["git", "archive", ref, "screener", "lists"], cwd=ROOT,
                          check=True, capture_output=True).stdout  # fmt: skip
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _run_child(
    tree: Path, data: Path, mode: str = "--child", script: str = __file__
) -> dict[str, Any]:
    """`script mode data` run with `tree`'s code and reference tables; its last line, read
    as JSON (the benchmarks beside this one run their children so too)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("SCREENER_REFERENCE_DIR", None)
    out = subprocess.run([sys.executable, script, mode, str(data)], cwd=tree, env=env,
                         check=True, capture_output=True, text=True)  # fmt: skip
    result: dict[str, Any] = json.loads(out.stdout.splitlines()[-1])
    return result


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(child(Path(sys.argv[sys.argv.index("--child") + 1]))))
        return
    for mode in ("--speed", "--speed-opened"):
        if mode in sys.argv:
            data = Path(sys.argv[sys.argv.index(mode) + 1])
            print(json.dumps(speed(data, opened=mode == "--speed-opened")))
            return
    base_ref = sys.argv[sys.argv.index("--base") + 1] if "--base" in sys.argv else "main"
    rng = random.Random(16)
    entries = _entries()
    pairs = build_pairs(entries, rng)
    n_pairs: dict[str, int] = defaultdict(int)
    for _, _, kind, _ in pairs:
        n_pairs[kind] += 1
    names = list(dict.fromkeys((n, e.type.value) for _, e in entries for n, _ in e.all_names()))
    companies = list(csv.DictReader((SHARED / "eval" / "companies_dev.csv").open(encoding="utf-8")))
    labels = defaultdict(int)
    for _, _, kind, label in pairs:
        labels[(kind, label)] += 1
    print(
        "development pairs: "
        + ", ".join(
            f"{k} {'pos' if lab == '1' else 'neg'} {n:,}" for (k, lab), n in sorted(labels.items())
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        data.write_text(json.dumps({"pairs": pairs, "names": names, "companies": companies}),
                        encoding="utf-8")  # fmt: skip
        base_tree = _checkout(base_ref, Path(tmp) / "base")
        base = _run_child(base_tree, data)
        new = _run_child(ROOT, data)
        # The machine may be shared: alternate the trees and keep each one's best.
        for tree, result in ((base_tree, base), (ROOT, new), (base_tree, base), (ROOT, new)):
            for mode, key in (("--speed", "qps"), ("--speed-opened", "qps_opened")):
                qps = _run_child(tree, data, mode)["qps"]
                result[key] = max(result.get(key, 0.0), qps)
    report(base, new, base_ref, n_pairs)
    if "--show" in sys.argv:
        old = set(base["wrong"])
        print("\nwrong in this tree only:")
        for line in new["wrong"]:
            if line not in old:
                print("  " + line)
        now = set(new["wrong"])
        print("\nfixed in this tree:")
        for line in base["wrong"]:
            if line not in now:
                print("  " + line)


if __name__ == "__main__":
    main()

"""Names in their own script against the romanisations the lists print, beside another tree.

    .venv/bin/python benchmarks/scripts_match.py [--base REF] [--per N]

The development set comes from the list files under ../shared/data/lists (never stored): each
listed name written in a script other than Latin (Cyrillic, Arabic, Han, Hangul, Hebrew,
Greek, Georgian, Thai ...) beside the Latin names of the same entry is a positive; the best of
them must score at the alert threshold. Beside the Latin names of another entry of the same
kind whose name shares the script is a negative: none may. Up to N (default 300) of each,
per script and kind, drawn with a fixed seed. Each tree (`REF`, default `main`, checked out
into a temporary folder, and this one) scores them in a child process; the figures print
side by side. Many non-Latin aliases are translations ("Черен септември" for "Black
September"), which no romanisation finds: the positives measure romanisation, not 100%.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from matching_compare import ROOT, _checkout, _entries, _run_child


def _script(text: str) -> str:
    counts = Counter(unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else ""


def build(per: int) -> list[list[Any]]:
    """[script, kind, label, name, [latin names]] rows."""
    by_group: dict[tuple[str, str], list[tuple[str, list[str]]]] = defaultdict(list)
    for _, e in _entries():
        kind = e.type.value
        names = [n for n, _ in e.all_names()]
        latin = [n for n in names if _script(n) == "LATIN"]
        if not latin or kind not in ("person", "organization"):
            continue
        for name in dict.fromkeys(n for n in names if _script(n) not in ("", "LATIN")):
            by_group[(_script(name), kind)].append((name, latin))
    rng = random.Random(9)
    rows: list[list[Any]] = []
    for (script, kind), items in sorted(by_group.items()):
        sample = items if len(items) <= per else rng.sample(items, per)
        rows += [[script, kind, 1, name, latin] for name, latin in sample]
        if len(items) > 1:
            for name, latin in sample:
                other = rng.choice(items)
                if other[1] != latin:
                    rows.append([script, kind, 0, name, other[1]])
    return rows


def child(data: Path) -> dict[str, list[int]]:
    from screener.core.names.matching import DEFAULT_THRESHOLD, name_similarity

    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for script, kind, label, name, latin in json.loads(data.read_text(encoding="utf-8")):
        best = max(name_similarity(name, x, kind=kind) for x in latin)
        cell = out[f"{script}|{kind}|{label}"]
        cell[0] += best >= DEFAULT_THRESHOLD
        cell[1] += 1
    return dict(out)


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(child(Path(sys.argv[sys.argv.index("--child") + 1]))))
        return
    base_ref = sys.argv[sys.argv.index("--base") + 1] if "--base" in sys.argv else "main"
    per = int(sys.argv[sys.argv.index("--per") + 1]) if "--per" in sys.argv else 300
    rows = build(per)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "pairs.json"
        data.write_text(json.dumps(rows), encoding="utf-8")
        base = _run_child(_checkout(base_ref, Path(tmp) / "base"), data, script=__file__)
        new = _run_child(ROOT, data, script=__file__)
    print(f"{'script, kind':<26}{'found (positives)':>30}{'false matches (negatives)':>34}")
    print(f"{'':<26}{base_ref:>15}{'this tree':>15}{base_ref:>17}{'this tree':>17}")
    groups = sorted({k.rsplit("|", 1)[0] for k in new}, key=lambda g: -new.get(g + "|1", [0, 0])[1])
    for group in groups:
        cells = []
        for label in ("1", "0"):
            for result in (base, new):
                hit, n = result.get(f"{group}|{label}", [0, 0])
                cells.append(f"{hit}/{n} {hit / n:.2f}" if n else "-")
        script, kind = group.split("|")
        print(f"{script.lower() + ', ' + kind:<26}{cells[0]:>15}{cells[1]:>15}"
              f"{cells[2]:>17}{cells[3]:>17}")  # fmt: skip


if __name__ == "__main__":
    main()

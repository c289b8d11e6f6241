"""Typo recall by class, on listed organisation and person names (built at run time, never stored).

    .venv/bin/python benchmarks/matching_typos.py [--base REF] [--show CLASS] [--country]

Each sampled listed name gets one or two edits of one class (keyboard-neighbour substitution,
deletion, doubling, transposition), in its first letter, inside a word or at its end, in a
short (<= 5 letters) or longer word. A pair is found when it scores at the alert threshold
against the name as listed. Printed per class beside REF (default: main), same pairs.

`--country`: organisation names only, each with a country appended as orders write one
(", RF", " (Hong Kong)", " - P.R. China", " UAE") before the typo, which may then fall in the
country too (class "country" under "kind where").
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from matching_compare import _checkout, _entries, _latin, _run_child

N_NAMES = 3000
_ROWS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def _neighbours(ch: str) -> str:
    low = ch.lower()
    for r, row in enumerate(_ROWS):
        k = row.find(low)
        if k >= 0:
            near = row[max(0, k - 1) : k] + row[k + 1 : k + 2]
            for other in (r - 1, r + 1):
                if 0 <= other < len(_ROWS):
                    near += _ROWS[other][max(0, k - 1) : k + 1]
            return near.upper() if ch.isupper() else near
    return ""


def _edit(word: str, at: int, how: str, rng: random.Random) -> str | None:
    if how == "substitute":
        near = _neighbours(word[at])
        return word[:at] + rng.choice(near) + word[at + 1 :] if near else None
    if how == "delete":
        return word[:at] + word[at + 1 :]
    if how == "double":
        return word[: at + 1] + word[at] + word[at + 1 :]
    if at + 1 >= len(word) or word[at] == word[at + 1]:
        return None
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


_COUNTRIES = ["RF", "Russian Federation", "Russia", "PRC", "China", "P.R. China", "HK",
              "Hong Kong", "UAE", "U.A.E.", "Iran", "Turkey", "India", "Singapore", "Belarus",
              "Kazakhstan", "Germany", "Syria"]  # fmt: skip
_SEPARATORS = [", {}", ",{}", " - {}", " {}", " ({})"]


def make_typos(
    names: list[tuple[str, str]], rng: random.Random, *, country: bool = False
) -> list[list[str]]:
    out = []
    for listed, kind in names:
        name = listed
        if country:
            name += rng.choice(_SEPARATORS).format(rng.choice(_COUNTRIES))
        words = name.split()
        letters = [i for i, w in enumerate(words) if sum(c.isalpha() for c in w) >= 3]
        if not letters:
            continue
        how = rng.choice(["substitute", "delete", "double", "transpose"])
        two = rng.random() < 0.3
        i = rng.choice(letters)
        word = words[i]
        where = rng.choice(["first", "inside", "last"])
        at = {"first": 0, "last": len(word) - 1}.get(where, rng.randrange(1, max(2, len(word) - 1)))
        if how == "transpose" and where == "last":
            at = len(word) - 2
        new = _edit(word, at, how, rng)
        if new is None or not word[at].isalpha():
            continue
        if two:
            at2 = rng.randrange(len(new))
            second = _edit(new, at2, how, rng) if new[at2].isalpha() else None
            if second is None:
                continue
            new = second
        size = "short" if len(word) <= 5 else "long" if len(word) >= 9 else "mid"
        if sum(len(w) + 1 for w in words[:i]) + at >= len(listed):
            where = "country"
        words[i] = new
        label = f"{kind} {how} {where} {size} {'2 edits' if two else '1 edit'}"
        out.append([" ".join(words), listed, kind, label])
    return out


def child(data_path: Path) -> dict[str, list[str]]:
    from screener.core.names.matching import DEFAULT_THRESHOLD, name_similarity

    found: dict[str, list[str]] = {}
    for typo, name, kind, label in json.loads(data_path.read_text(encoding="utf-8")):
        score = name_similarity(typo, name, kind=kind)
        found[f"{typo}\t{name}\t{label}"] = [str(score >= DEFAULT_THRESHOLD), f"{score:.2f}"]
    return {"found": [f"{k}\t{v[0]}\t{v[1]}" for k, v in found.items()]}


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(child(Path(sys.argv[sys.argv.index("--child") + 1]))))
        return
    base_ref = sys.argv[sys.argv.index("--base") + 1] if "--base" in sys.argv else "main"
    rng = random.Random(1616)
    country = "--country" in sys.argv
    kinds = ("organization",) if country else ("organization", "person")
    pool = [
        (e.name, e.type.value) for _, e in _entries() if e.type.value in kinds and _latin(e.name)
    ]
    names = rng.sample(list(dict.fromkeys(pool)), min(N_NAMES * 2, len(pool)))
    typos = make_typos(names, rng, country=country)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "typos.json"
        data.write_text(json.dumps(typos), encoding="utf-8")
        base = _run_child(_checkout(base_ref, Path(tmp) / "base"), data, script=__file__)
        new = _run_child(Path(__file__).resolve().parents[1], data, script=__file__)
    show = sys.argv[sys.argv.index("--show") + 1] if "--show" in sys.argv else None
    for title, pick in (("kind how", (0, 1)), ("kind where", (0, 2)), ("kind size", (0, 3)),
                        ("kind edits", (0, 4))):  # fmt: skip
        print(f"\n{title:<36}{base_ref:>10}{'this tree':>10}")
        table: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for b_line, n_line in zip(base["found"], new["found"], strict=True):
            label = n_line.split("\t")[2].split(" ")
            key = " ".join(label[k] for k in pick) + (" " + label[5] if pick[1] == 4 else "")
            table[key][0] += b_line.split("\t")[3] == "True"
            table[key][1] += n_line.split("\t")[3] == "True"
            table[key][2] += 1
        for key, (b, n, total) in sorted(table.items()):
            print(f"  {key:<34}{b / total:>10.3f}{n / total:>10.3f}  n={total}")
    total = len(new["found"])
    b_all = sum(x.split("\t")[3] == "True" for x in base["found"])
    n_all = sum(x.split("\t")[3] == "True" for x in new["found"])
    print(f"\nall ({total})".ljust(38) + f"{b_all / total:>10.3f}{n_all / total:>10.3f}")
    if show:
        for line in new["found"]:
            typo, name, label, ok, score = line.split("\t")
            if ok == "False" and show in label:
                print(f"  {score}  {typo!r} / {name!r}  [{label}]")


if __name__ == "__main__":
    main()

"""What searches keep for later searches (posting lists, rarity, consonant keys) never changes
a result: a long-running screening session finds what a fresh one finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from screener.core.names import lookups, reach_words
from screener.core.names.name_index import IndexedName, NameIndex

NAMES = [
    IndexedName(1, "ZARNITSA TRADING LLC", "organization"),
    IndexedName(2, "Kestrel Metals Refining FZE", "organization"),
    IndexedName(3, "PETROV, Ivan Sergeyevich", "person"),
    IndexedName(4, "Mohammad Hossein AL-BASRI", "person"),
    IndexedName(5, "NORTHERN LARK", "vessel"),
    IndexedName(6, "QATRANJI, Hussam", "person"),
] + [IndexedName(100 + i, f"Filler{i:03d} Trading LLC", "organization") for i in range(40)]
QUERIES = [
    "Zarnitsa Trading",
    "Kestrl Metals",
    "Ivan Petrov",
    "Mhmd Hossein al Basri",
    "Northern Lark",
    "Qatranji Husam",
    "Filler007 Trading",
]


def _results(index: NameIndex) -> list[list[tuple[int, str, float, str]]]:
    return [[(c.key, c.name, c.score, c.explanation) for c in index.search(q)] for q in QUERIES]


@pytest.mark.parametrize("mapped", [False, True])
def test_memos_emptied_mid_session_change_no_result(
    mapped: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = _results(NameIndex.build(NAMES))
    # Memos so small they are emptied on nearly every look-up, searched over and again.
    monkeypatch.setattr(lookups, "_LIMIT", 2)
    monkeypatch.setattr(reach_words, "_CONSONANT_MEMO", 3)
    index = NameIndex.build(NAMES)
    if mapped:
        index.save(tmp_path / "names.idx")
        index = NameIndex.load(tmp_path / "names.idx")
    assert fresh[3]  # the persons are found at all
    assert fresh[5]
    for _ in range(3):
        assert _results(index) == fresh

"""Word rarity: a distinctive word many listed names share weighs less in the score."""

from __future__ import annotations

from screener.core.names.matching import DEFAULT_THRESHOLD, explain_normalized, score_normalized
from screener.core.names.name_index import IndexedName, NameIndex
from screener.core.names.normalize import normalize_name
from screener.core.names.rarity import RARE_NAMES, rarity_factor


def test_rare_words_weigh_fully_and_common_ones_less_the_more_names_share_them() -> None:
    assert rarity_factor(1) == rarity_factor(RARE_NAMES) == 1.0
    assert 1.0 > rarity_factor(40) > rarity_factor(400) > 0.0


def test_sharing_only_a_common_word_and_adding_a_rare_one_is_no_alert() -> None:
    q, c = normalize_name("Nordic Kestrel Marine"), normalize_name("Nordic Marine")
    common = {"nordic": 400}
    assert score_normalized(q, c) >= DEFAULT_THRESHOLD - 0.1  # without rarity: close
    detail = explain_normalized(q, c, frequency=lambda w: common.get(w, 1))
    assert detail.score < DEFAULT_THRESHOLD - 0.1
    assert "common in the lists, weighed less: nordic" in detail.explanation


def test_rarity_never_raises_a_score() -> None:
    q, c = normalize_name("Kestrel Marine"), normalize_name("Kestrel Marine Nordic")
    plain = score_normalized(q, c)
    assert score_normalized(q, c, frequency=lambda w: 400 if w == "nordic" else 1) == plain
    assert score_normalized(q, c, frequency=lambda w: 1) == plain


def test_the_index_weighs_words_by_how_many_listed_names_hold_them() -> None:
    names = [f"Nordic {word} Holdings" for word in _WORDS] + ["Nordic Marine"]
    index = NameIndex.build(IndexedName(i, name, "organization") for i, name in enumerate(names))
    assert index.frequency("nordic") == len(names)
    assert index.frequency("kestrel") == 0
    (hit,) = index.search("Nordic Kestrel Marine", threshold=0.5)
    plain = score_normalized(normalize_name("Nordic Kestrel Marine"), normalize_name(hit.name))
    assert hit.score < plain - 0.05
    assert "common in the lists, weighed less: nordic" in hit.explanation
    assert [hit.name for hit in index.search("Nordic Marine")] == ["Nordic Marine"]


_WORDS = [
    "Aldebaran", "Bellatrix", "Capella", "Deneb", "Elnath", "Fomalhaut", "Gacrux", "Hadar",
    "Izar", "Jabbah", "Kochab", "Lesath", "Mirfak", "Nunki", "Okda", "Polaris", "Rigel",
    "Sadr", "Thuban", "Unuk", "Vega", "Wezen", "Yildun", "Zosma", "Acrux", "Betria", "Caph",
    "Diphda", "Enif", "Furud", "Gienah", "Homam", "Iklil", "Jishui", "Kaus", "Lucida",
]  # fmt: skip

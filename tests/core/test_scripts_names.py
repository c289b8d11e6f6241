"""Names written in Hangul, Han characters or Hebrew are found by the romanisation a list prints."""

from __future__ import annotations

import pytest

from screener.core.names.matching import DEFAULT_THRESHOLD, explain_similarity
from screener.core.names.name_index import IndexedName, NameIndex
from screener.core.names.transliteration import transliterate


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("김정은", "kim jong un"),  # the family name and the given name's start unvoiced
        ("박봉주", "pak pong ju"),
        ("백세봉", "paek se bong"),  # a later syllable voiced after a vowel
        ("리만건", "ri man gon"),  # ... and after a voiced final
        ("최선희", "choe son hui"),
        ("赵伟", "zhao wei"),
        ("习近平", "xi jin ping"),
        ("שלום", "shlom"),  # vav between consonants: a vowel
        ("יהודה", "yhoda"),  # final he: a vowel
        ("שרביט", "shrvit"),  # bet after the first letter: v
        ("ברוך", "broch"),  # bet first: b; final kaf: ch
        ("טנג'יל", "tnjil"),  # a geresh: the borrowed sound
    ],
)
def test_a_name_is_romanised_as_the_lists_print_it(written: str, words: str) -> None:
    assert transliterate(written).split() == words.split()


def test_a_longer_word_is_an_organisations_and_stays_one_word() -> None:
    assert transliterate("조선광선은행").split() == ["josongwangsonunhaeng"]
    assert transliterate("大疆创新灵眸").split() == ["dajiangchuangxinlingmou"]


def test_a_chinese_organisations_name_is_cut_at_the_words_the_table_knows() -> None:
    assert transliterate("深圳市大疆创新科技有限公司").split() == [
        "shenzhen", "dajiangchuangxin", "keji", "youxian", "gongsi"
    ]  # fmt: skip
    assert transliterate("华为公司").split() == ["huawei", "gongsi"]  # four characters: no person


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("华为技术有限公司", "Huawei Technologies Co., Ltd."),
        ("旷视科技有限公司", "Beijing Kuangshi Technology Co., Ltd."),
    ],
)
def test_a_chinese_company_matches_its_listed_pinyin_name(query: str, listed: str) -> None:
    result = explain_similarity(query, listed, kind="organization")
    assert result.score >= DEFAULT_THRESHOLD, result.explanation


def test_a_chinese_company_with_another_name_stays_apart() -> None:
    assert (
        explain_similarity("华为技术有限公司", "Huawei Device Co., Ltd.").score < DEFAULT_THRESHOLD
    )


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("김정은", "KIM JONG UN"),
        ("김정은", "Jong Un KIM"),
        ("최룡해", "Ryong-hae Choe"),
        ("김영복", "KIM YONG BOK"),
        ("赵伟", "Wei ZHAO"),
        ("李强", "Qiang LI"),
        ("赵光宗", "Guangzong ZHAO"),
        ("שלום זיכרמן", "Shalom ZICHERMAN"),
        ("מאיר אטינגר", "Meir ETTINGER"),
    ],
)
def test_a_name_in_its_own_script_matches_the_listed_romanisation(query: str, listed: str) -> None:
    result = explain_similarity(query, listed, kind="person")
    assert result.score >= DEFAULT_THRESHOLD, result.explanation


@pytest.mark.parametrize(
    ("query", "listed"),
    [("김정은", "KIM JONG CHOL"), ("김여정", "KIM YONG CHOL"), ("李强", "LI Keqiang")],
)
def test_another_person_of_the_same_family_stays_apart(query: str, listed: str) -> None:
    assert explain_similarity(query, listed, kind="person").score < DEFAULT_THRESHOLD


def test_the_index_finds_a_listed_korean_and_chinese_name_from_its_own_script() -> None:
    names = [
        IndexedName(1, "KIM JONG UN", "person"),
        IndexedName(2, "KIM JONG CHOL", "person"),
        IndexedName(3, "Wei ZHAO", "person"),
        IndexedName(4, "Shalom ZICHERMAN", "person"),
    ] + [IndexedName(100 + i, f"KIM YONG {chr(65 + i % 26)}AN{i}", "person") for i in range(200)]
    index = NameIndex.build(names)
    assert [h.key for h in index.search("김정은", kind="person")][:1] == [1]
    assert [h.key for h in index.search("赵伟", kind="person")] == [3]
    assert [h.key for h in index.search("שלום זיכרמן", kind="person")] == [4]


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("محمد مازن علي يوسف", "Mohamed Mazen Ali YOUSEF"),  # an initial ي: a consonant
        ("رياض سلامة", "Riad SALAME"),  # a long vowel written, the short one left out
        ("مصطفى محبي", "Mustafa MOHEBI"),
        ("محمد بلكلام", "MOHAMED BELKALEM"),  # a long a written e, as the Maghreb does
        ("رحمت الله شاه نواز", "RAHMATULLAH SHAH NAWAZ"),  # الله written onto the name
        ("مطيع اللہ خان", "MATIULLAH KHAN"),  # Urdu he: the same as Arabic's
        ("صلاح الدين", "Salah al-Din"),  # الدين one word with its article
        ("قاسم حقانى", "Qasim HAQQANI"),  # a final ى read i
    ],
)
def test_an_arabic_script_name_matches_the_listed_romanisation(query: str, listed: str) -> None:
    result = explain_similarity(query, listed, kind="person")
    assert result.score >= DEFAULT_THRESHOLD, result.explanation


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Mahmud AL-RAHHAL", "Muhammad AL-RAHHAL"),  # vowels in other places: two names
        ("Hassan KHALIL", "Husayn KHALIL"),
    ],
)
def test_two_latin_names_with_the_same_consonants_stay_apart(query: str, listed: str) -> None:
    assert explain_similarity(query, listed, kind="person").score < DEFAULT_THRESHOLD

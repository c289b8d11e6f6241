"""Arabic and Persian script words romanised as the lists romanise them, before letter tables.

Letter by letter, محمد is "mhmd" and that cannot be helped: short vowels are not written. But
the long vowels are: و and ي between consonants are "u" and "i" in every romanisation scheme
(نور "nur", حسين "hsin"), consonants "w" and "y" only at a word's start or beside another
vowel. An initial ع carries a vowel the lists write (علي "ali", عمر "amr", عبد "abd"). The
article ال written onto a word is a word of its own ("al madani", as the lists write
"AL-MADANI"), and the joining words (بن "bin", ابو "abu") are spelt as the lists spell them,
so they read as the particles they are. Urdu and Pashto letters for sounds an Arabic letter
also writes are read as that letter (ہ as ه, ے as ي, ځ as ز).
"""

from __future__ import annotations

import re

from screener.core.names.memo import word_memo

# Whole words spelt as every list spells them.
_WORDS = {
    "بن": "bin", "ابن": "ibn", "إبن": "ibn", "بنت": "bint", "ابو": "abu", "أبو": "abu",
    "ابي": "abi", "أبي": "abi", "عبد": "abd", "الله": "allah", "ولد": "ould",
    "الدين": "aldin",  # one word with its article, as in "Jalaluddin", "Salah Aldin"
}  # fmt: skip
_ARTICLE = "ال"
_ABD_AL = "عبدال"  # "عبدالرحمن": Abd al-Rahman written as one word
_LONG_VOWELS = frozenset("اآأإى")  # alifs: the letter table reads them as vowels
_ALIF = "اآ"
_W = frozenset("وؤ")
_Y = frozenset("يیئ")
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u0640]")  # short vowel marks, tatweel
_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]+")
_ARABIC_BLOCK = re.compile("[\u0600-\u06ff]")
_MIN_AFTER_ARTICLE = 2  # letters: "ال" before fewer is part of the word
# Urdu, Pashto and Kurdish letters for sounds Arabic letters also write: اللہ is الله.
_REGIONAL = str.maketrans({
    "ہ": "ه", "ھ": "ه", "ە": "ه", "ۀ": "ه", "ۃ": "ة", "ے": "ي", "ۓ": "ي", "ې": "ي", "ۍ": "ي",
    "ٹ": "ت", "ټ": "ت", "ڈ": "د", "ډ": "د", "ڑ": "ر", "ړ": "ر", "ں": "ن", "ڼ": "ن", "ګ": "گ",
    "ڭ": "گ", "ځ": "ز", "څ": "س", "ښ": "ش", "ږ": "ژ", "ۇ": "و", "ۆ": "و", "ۈ": "و",
})  # fmt: skip


def romanize_arabic_words(text: str) -> str:
    """Arabic-script words of `text` in Latin where context decides the letter; other text,
    and Arabic letters context does not decide, left to the letter table."""
    if not _ARABIC_BLOCK.search(text):
        return text
    text = text.translate(_REGIONAL)
    return _WORD.sub(lambda m: _word(_HARAKAT.sub("", m.group(0))), _HARAKAT.sub("", text))


@word_memo(1 << 14)
def _word(word: str) -> str:
    if word in _WORDS:
        return _WORDS[word]
    if word.startswith(_ABD_AL) and len(word) > len(_ABD_AL) + 1:
        return "abd al " + _letters(word[len(_ABD_AL) :])
    if word.startswith(_ARTICLE) and len(word) >= len(_ARTICLE) + _MIN_AFTER_ARTICLE:
        return "al " + _letters(word[len(_ARTICLE) :])
    return _letters(word)


def _letters(word: str) -> str:
    """The long vowels and an initial ع by their place; other letters as they are."""
    word = word.replace("خوا", "خا")  # Persian "khwa" is said "kha" (خواجه "Khajeh")
    out: list[str] = []
    vowel = False  # whether the letter before reads as a vowel
    for i, ch in enumerate(word):
        after = word[i + 1 : i + 2]
        consonant = i == 0 or vowel or (after != "" and after in _ALIF)
        if ch in _W:
            out.append("w" if consonant else "u")
            vowel = not consonant
        elif ch in _Y:
            out.append("y" if consonant else "i")
            vowel = not consonant
        elif ch == "ع" and i == 0:
            if after not in _ALIF or not after:
                out.append("a")  # عامر: the alif after it writes the vowel
            vowel = True
        else:
            out.append(ch)
            vowel = ch in _LONG_VOWELS
    return "".join(out)

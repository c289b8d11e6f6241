"""Hebrew-script words romanised as the lists romanise Israeli names, letter by letter.

Hebrew, like Arabic, writes few vowels, and the letters that write them (ו, י) are consonants
too: ו is "v" at a word's start or doubled and "o" between consonants (שלום "shlom" for
"Shalom"), "u" at the end (אליהו "eliyahu"); י is "y" at the start or doubled, "i" elsewhere.
An initial א or ע carries a vowel the lists write ("e": אלישע "elisha", עדן "eden"). Letters
without their dagesh are read as names are said: ב "v" and כ "ch" after a word's first letter
(שרביט "sharvit", זיכרמן "zicherman"), פ "f" (Federman, Feiglin). A geresh makes the sounds
Hebrew borrows (ג׳ "j", ז׳ "zh", צ׳ "ch").
"""

from __future__ import annotations

import re

from screener.core.names.memo import word_memo

_LETTERS = {
    "א": "", "ב": "v", "ג": "g", "ד": "d", "ה": "h", "ז": "z", "ח": "ch", "ט": "t", "כ": "ch",
    "ך": "ch", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s", "ע": "", "פ": "f",
    "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
}  # fmt: skip
_AT_START = {"ב": "b", "כ": "k", "א": "e", "ע": "e"}
_GERESH = {"ג": "j", "ז": "zh", "צ": "ch", "ץ": "ch"}
_WORD = re.compile("[\u05d0-\u05ea\u05f3'\u2019\u05f4\"]+")
_HEBREW_BLOCK = re.compile("[\u0590-\u05ff]")
_POINTS = re.compile("[\u0591-\u05c7]")  # cantillation and vowel points: rarely written
_GERESH_MARKS = "\u05f3'\u2019"


def romanize_hebrew_words(text: str) -> str:
    """Hebrew-script words of `text` in Latin; other text left as it is."""
    if not _HEBREW_BLOCK.search(text):
        return text
    return _WORD.sub(lambda m: _word(m.group(0)), _POINTS.sub("", text))


@word_memo(1 << 12)
def _word(word: str) -> str:
    letters: list[str] = []
    geresh: set[int] = set()  # places of the letters a geresh follows
    for ch in word.replace("\u05f4", "").replace('"', ""):  # gershayim: an acronym's mark
        if ch in _GERESH_MARKS:
            if letters:
                geresh.add(len(letters) - 1)
        else:
            letters.append(ch)
    out: list[str] = []
    last = len(letters) - 1
    for k, ch in enumerate(letters):
        before = letters[k - 1] if k else ""
        after = letters[k + 1] if k < last else ""
        if k in geresh and ch in _GERESH:
            out.append(_GERESH[ch])
        elif ch in "וי":
            out.append(_vowel_letter(ch, k, before, after))
        elif k == 0 and ch in _AT_START:
            out.append(_AT_START[ch])
        elif ch == "ה" and not after and k:
            out.append("a")  # a final he writes a vowel: יהודה "yehuda"
        else:
            out.append(_LETTERS.get(ch, ""))
    return "".join(out)


def _vowel_letter(ch: str, k: int, before: str, after: str) -> str:
    consonant = "v" if ch == "ו" else "y"
    if k == 0 or before == ch or after == ch:
        return "" if after == ch else consonant  # doubled: one consonant
    if ch == "ו":
        return "u" if not after else "o"
    return "i"

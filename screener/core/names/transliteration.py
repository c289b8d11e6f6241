"""Any script to lower-case Latin: Cyrillic, Greek, Arabic, Armenian and Georgian by the tables
here (the schemes the lists' romanisations follow), Hebrew by `hebrew`, every other script by
`scripts`."""

from __future__ import annotations

import re
import unicodedata

from screener.core.invisible import strip_invisible
from screener.core.names.arabic import romanize_arabic_words
from screener.core.names.hebrew import romanize_hebrew_words
from screener.core.names.scripts import romanize_rest

# One letter -> Latin. Russian after BGN/PCGN (the scheme most list romanisations follow),
# plus the Ukrainian, Belarusian, Kazakh and Serbian/Macedonian letters; other schemes
# (ICAO, passport, informal) are bridged later by `skeleton`.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "є": "ye", "і": "i", "ї": "yi", "ґ": "g", "ў": "u",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h",
    "ђ": "dj", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "џ": "dz", "ѓ": "g", "ќ": "k",
    "ѕ": "dz",
}  # fmt: skip
# Greek after ELOT 743 / ISO 843 (type 2), accents removed beforehand by NFD.
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}  # fmt: skip
# Arabic and Persian consonants (basic; short vowels are not written, so this only helps
# fuzzy matching against a romanisation, it cannot restore one).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d",
    "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ى": "a", "ة": "a", "ء": "", "ئ": "y", "ؤ": "w",
    "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y",
}  # fmt: skip
# Armenian (ISO 9985 simplified) and Georgian (national system, 2002).
_ARMENIAN = dict(zip(
    "աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ",
    ["a", "b", "g", "d", "e", "z", "e", "y", "t", "zh", "i", "l", "kh", "ts", "k", "h", "dz",
     "gh", "ch", "m", "y", "n", "sh", "o", "ch", "p", "j", "r", "s", "v", "t", "r", "ts", "v",
     "p", "k", "o", "f"],
    strict=True,
))  # fmt: skip
_GEORGIAN = dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s",
     "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"],
    strict=True,
))  # fmt: skip
# Latin letters that NFKD does not decompose into a base letter.
_LATIN_SPECIAL = {
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ħ": "h", "ŀ": "l", "ĸ": "k", "ŋ": "n",
}  # fmt: skip
_TRANSLIT = str.maketrans(
    {**_CYRILLIC, **_GREEK, **_ARABIC, **_ARMENIAN, **_GEORGIAN, **_LATIN_SPECIAL}
)


_GREEK_LETTERS = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")


def transliterate(text: str) -> str:
    """Lower-case Latin text: Cyrillic, Greek, Arabic, Armenian, Georgian by the tables here,
    every other script by `scripts.romanize_rest`; invisible characters removed first."""
    text = unicodedata.normalize("NFKC", strip_invisible(text).text).casefold()
    if text.isascii():
        return text  # nearly every name: nothing to romanise, no marks to strip
    # Greek accents must go before the table; Cyrillic й/ё/ї must not be decomposed.
    if _GREEK_LETTERS.search(text):
        text = _GREEK_LETTERS.sub(lambda m: _strip_marks(m.group(0)), text)
    text = romanize_hebrew_words(romanize_arabic_words(text)).translate(_TRANSLIT)
    return _strip_marks(romanize_rest(text))


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

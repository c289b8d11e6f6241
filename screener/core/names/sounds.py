"""Person-name parts that may be one name written in two romanisations.

Arabic, Persian, Korean, Ukrainian and Russian names reach the lists romanised by different
hands: "Ihor" and "Igor", "Chin" and "Jin", "Ghasem" and "Qasem", "Deeb" and "Dib", "Eyad" and
"Iyad". Their letters differ where the schemes differ: vowels, voiced and unvoiced or
aspirated consonants, digraphs ("sh", "ch", "j", "zh" for one sound: "Bouchra" / "Bushra").
`sound_key` keeps what the schemes agree on, so two parts with the same key are never called
a conflict, and a short part differing only in one vowel ("Chol" / "Chul") is one name spelt
two ways; `vowel_pattern` keeps "Bashar" and "Bushra" apart.
"""

from __future__ import annotations

from screener.core.names.memo import word_memo

_DIGRAPHS = (
    ("tch", "j"), ("sch", "j"), ("kh", "k"), ("gh", "k"), ("ch", "j"), ("zh", "j"), ("dj", "j"),
    ("sh", "j"), ("th", "t"), ("dh", "d"), ("ph", "f"), ("ts", "s"), ("tz", "s"), ("ck", "k"),
)  # fmt: skip
_LETTERS = str.maketrans({"q": "k", "g": "k", "c": "k", "h": "k", "x": "k", "z": "s",
                          "v": "f", "w": "f"})  # fmt: skip
_VOWELS = frozenset("aeiouy")


@word_memo(1 << 16)
def sound_key(word: str) -> str:
    """Consonants by class, doubled ones once; 'a' first when the word starts with a vowel."""
    text = word
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = text.translate(_LETTERS)
    out = "a" if text[:1] in _VOWELS else ""
    for ch in text:
        if ch not in _VOWELS and ch.isalpha() and not out.endswith(ch):
            out += ch
    return out


def same_sounds(a: str, b: str) -> bool:
    """Whether two folded words share their sound key ("ihor" / "igor", "chin" / "jin")."""
    ka = sound_key(a)
    return bool(ka) and ka == sound_key(b)


def one_vowel_apart(a: str, b: str) -> bool:
    """'chol' / 'chul', 'aden' / 'adan': same length, one letter different, both vowels."""
    if len(a) != len(b):
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and diff[0][0] in _VOWELS and diff[0][1] in _VOWELS


def syllable_replaced(a: str, b: str) -> bool:
    """'xiaoming' / 'xiaolong': two neighbouring letters replaced, a consonant and a vowel
    on each side: one syllable for another, not a slip."""
    if len(a) != len(b):
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i, j = diff
    return (a[i] in _VOWELS) != (a[j] in _VOWELS) and (b[i] in _VOWELS) != (b[j] in _VOWELS)


def swapped_letters(a: str, b: str) -> bool:
    """'iogr' / 'igor': two neighbouring letters swapped, nothing else."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and (a[diff[1]] == b[diff[0]])
    )


@word_memo(1 << 16)
def vowel_pattern(word: str) -> str:
    """Runs of vowels and consonants: 'bouchra' -> 'cvcv', 'bashar' -> 'cvcvc'. Two spellings
    of one name keep their vowels in the same places; "Bashar" and "Bushra" do not."""
    out = ""
    for ch in word:
        mark = "v" if ch in _VOWELS else "c"
        if not out.endswith(mark):
            out += mark
    return out


@word_memo(1 << 16)
def letter_pattern(word: str) -> str:
    """Each consonant sound (digraphs as one), each run of vowels, doubled letters once; a 'y'
    between a vowel and a consonant is a consonant: 'husayn' -> 'cvcvcc', 'hassan' -> 'cvcvc'
    (two names); 'bouchra' and 'bushra' -> 'cvccv' (one name in two romanisations)."""
    for old, new in _DIGRAPHS:
        word = word.replace(old, new)
    out: list[str] = []
    last = ""
    for i, ch in enumerate(word):
        if ch == last:
            continue
        after = word[i + 1 : i + 2]
        glide = ch == "y" and last in _VOWELS and after != "" and after not in _VOWELS
        mark = "v" if ch in _VOWELS and not glide else "c"
        if not (mark == "v" and out and out[-1] == "v"):
            out.append(mark)
        last = ch
    return "".join(out)


def only_onset_differs(a: str, b: str) -> bool:
    """'jin' / 'chin', 'ju' / 'chu', 'kang' / 'gang': a short syllable whose first consonants
    are one sound in two romanisations (Korean, Chinese), the rest written alike; 'rami' /
    'rima' differ after it."""
    ra, rb = a.lstrip(_ONSET), b.lstrip(_ONSET)
    return (
        bool(ra)
        and ra == rb
        and a != b
        and same_sounds(a[: len(a) - len(ra)] + "a", b[: len(b) - len(rb)] + "a")
    )


_ONSET = "bcdfghjklmnpqrstvwxz"

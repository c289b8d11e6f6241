"""Whether two person-name parts left unmatched may still be one name: then they are no conflict.

A part each side keeps that the other lacks tells two people apart ("Ali Hassan al-Basri" and
"Ali Hassan al-Kufi"), unless the two parts may be one name written two ways: a romanisation
("Olena" / "Elena"), a typo ("Iogr" / "Igor"), one father's patronymic in two languages
("Opanasovich" / "Afanasyevich", "Paulauna" / "Pavlovna"), or one name split in other places
("HAJ-MOHAMMADI" / "HAJMOHAM-MADI").
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from screener.core.names.abjad import unvoweled_near
from screener.core.names.normalize import fold, patronymic_stem, skeleton
from screener.core.names.sounds import same_sounds
from screener.core.names.variants import same_variant

_PLAUSIBLE = 80.0  # similarity (0-100) of two spellings that may be one name
_SPLIT = 90.0  # similarity (0-100) of two names' left parts run together: split elsewhere
_SLIP_LONG = 4  # letters: a part this long may carry two typos and still be the same part
PREFIXED_NAME = 6  # letters: a name part this short with a letter put before is another name


def letter_put_before(a: str, b: str) -> bool:
    """'amer' / 'samer', 'aung' / 'maung': one consonant before a short part makes another name;
    a silent 'h' does not ('aroun' / 'haroun'), nor a vowel ('eun' / 'un': a romanisation)."""
    long_, short = (a, b) if len(a) > len(b) else (b, a)
    return (
        len(long_) == len(short) + 1
        and len(long_) <= PREFIXED_NAME
        and long_[1:] == short
        and long_[0] not in "haeiouy"
    )


def plausible(a: str, b: str) -> bool:
    """Could be one name romanised two ways ("Mykola" / "Nikolai" is not, "Olena" / "Elena" is),
    or one name with a typo ("Iogr" / "Igor")."""
    fa, fb = fold(a).replace(" ", ""), fold(b).replace(" ", "")
    sa, sb = patronymic_stem(fa), patronymic_stem(fb)
    if (sa != fa or sb != fb) and _one_father(sa, sb):
        return True  # "Opanasovich" / "Afanasyevich", "Ihorivna" / "Igorevna": one father
    if skeleton(fa) == skeleton(fb) or ratio(fa, fb) >= _PLAUSIBLE or unvoweled_near(fa, fb):
        return True
    short, long_ = sorted((fa, fb), key=len)
    slips = 2 if len(long_) >= _SLIP_LONG else 1  # typos an order may carry
    if len(short) <= 2:
        slips = 1  # two edits are all of "Ho": "Chol" / "Ho" are two syllables, two names
    if OSA.distance(fa, fb, score_cutoff=slips) <= slips or same_sounds(fa, fb):
        return True
    return len(short) >= 4 and long_.startswith(short)  # "Abdul" / "Abdulla"


def married_name(left: Sequence[str]) -> bool:
    """'de Rivas' left after a woman's family name: the name she took in marriage (Spanish
    usage), beside a second family name the other side keeps ("BARAHONA DE RIVAS, Rosa" /
    "BARAHONA CASTRO, Rosa")."""
    return len(left) >= 2 and fold(left[0]) in _MARRIED


_MARRIED = frozenset({"de", "del", "vda", "viuda"})


def split_differently(a: Sequence[str], b: Sequence[str]) -> bool:
    """The parts each side left, run together, are one name split in other places."""
    if len(a) < 2 and len(b) < 2:
        return False
    ja = skeleton("".join(fold(x).replace(" ", "") for x in a))
    jb = skeleton("".join(fold(x).replace(" ", "") for x in b))
    return ratio(ja, jb) >= _SPLIT


def _one_father(a: str, b: str) -> bool:
    """Two fathers' names (patronymic stems) that are one name: a variant, the same sounds,
    or Belarusian 'u' for 'v' ("paul" / "pavl", "yaugen" / "evgen")."""
    if same_sounds(a, b) or same_sounds(_belarusian_v(a), _belarusian_v(b)):
        return True
    # A stem has lost the name's last vowel: "mikala" of "Mikalaievich" is "Mikalai".
    return any(same_variant(x, y) for x in (a, a + "i", a + "y") for y in (b, b + "i", b + "y"))


def _belarusian_v(word: str) -> str:
    """'u' after a vowel as the 'v' it is (ў): "paulauna" for "pavlavna"."""
    out = []
    for i, ch in enumerate(word):
        out.append("v" if ch == "u" and i and word[i - 1] in "aeio" else ch)
    return "".join(out)

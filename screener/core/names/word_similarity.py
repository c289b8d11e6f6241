"""How alike two words are, and why: the same word, a variant, a spelling, a typo, an initial.

`token_similarity` is the scorer's word comparison (the reach filter and the blocking ask it
too). A person's name part may be an initial, a form without vowels (Arabic script), another
romanisation; a company word is compared more strictly, short ones nearly as written.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from screener.core.names.abjad import unvoweled_match
from screener.core.names.normalize import skeleton
from screener.core.names.person_parts import letter_put_before
from screener.core.names.sounds import (
    letter_pattern,
    one_vowel_apart,
    only_onset_differs,
    same_sounds,
    swapped_letters,
    syllable_replaced,
    vowel_pattern,
)
from screener.core.names.variants import same_variant

_INITIAL_CREDIT = 0.7
_UNVOWELED_CREDIT = 0.85  # "mhmd" for "Mohammad": Arabic script romanised without vowels
_VARIANT_CREDIT = 0.9  # "Bill" for "William": one name, but not the same spelling
_SOUNDS_CREDIT = 0.9  # a person's name part in another romanisation: "Golboddin" / "Gulbuddin"
_FAR_SOUNDS = 0.8  # the same, beyond the typo allowance: "Fedir" / "Fyodor"
_ARTICLE_REST = 4  # letters after a run-on article, so "alan" is never "an"
_FAR_SOUNDS_MIN = 5  # letters: shorter parts ("Rami" / "Rima") are too easily alike
_SHORT_TYPO_CREDIT = 0.6  # one edit in a four-letter company word; below a distinctive hit
_SHORT_SLIP_CREDIT = 0.75  # a four-letter word with two letters swapped or one vowel changed


@lru_cache(maxsize=1 << 18)  # words repeat across names; bounded, so memory stays flat
def token_similarity(
    a: str, b: str, max_edits: tuple[int, int, int], person: bool
) -> tuple[float, str]:
    """(similarity, how) of two folded words under the typo allowance `max_edits`."""
    # Hot: the reach filter asks for ~150 pairs per query, nearly all answered "no".
    if a == b:
        return 1.0, "exact"
    if same_variant(a, b, person=person):
        return _VARIANT_CREDIT, "variant"
    la, lb = len(a), len(b)
    if person:
        if la == 1 or lb == 1:
            short, long_ = (a, b) if la == 1 else (b, a)
            return (_INITIAL_CREDIT, "initial") if long_.startswith(short) else (0.0, "")
        if unvoweled_match(a, b):
            return _UNVOWELED_CREDIT, "consonants"
    if abs(la - lb) > max_edits[2] + 2 or not a.isalpha() or not b.isalpha():
        return 0.0, ""  # "163" and "164" are different plants
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return 0.95, "spelling"
    n = la if la > lb else lb
    if person:
        gap = la - lb
        if (gap == 1 or gap == -1) and letter_put_before(a, b):  # "Amer" / "Samer": another name
            return 0.0, ""
        if (gap == 2 or gap == -2) and _glued_article(a, b):
            return _SOUNDS_CREDIT, "spelling"  # "Elsheikh" / "Sheikh": the article run on
    slack = max_edits[2]
    raw = OSA.distance(a, b, score_cutoff=slack + 1)
    if person:
        edits = min(raw, OSA.distance(sa, sb, score_cutoff=slack + 1))
        if (
            la > 2
            and lb > 2
            and edits <= slack
            and same_sounds(a, b)
            and (vowel_pattern(a) == vowel_pattern(b))
        ):
            # "Deeb" / "Dib", "Bouchra" / "Bushra": one name in two romanisations, within
            # the edits the reach filter looks at.
            if edits <= (max_edits[0] if n <= 7 else max_edits[1]):
                return max(_SOUNDS_CREDIT, 1.0 - edits / n), "spelling"
            if n >= _FAR_SOUNDS_MIN and letter_pattern(a) == letter_pattern(b):
                return _FAR_SOUNDS, "spelling"
            if n < _FAR_SOUNDS_MIN and only_onset_differs(a, b):
                return _FAR_SOUNDS, "spelling"  # "Jin" / "Chin", "Ju" / "Chu"
    if n == 4 and (swapped_letters(a, b) or (person and one_vowel_apart(a, b))):
        # "Iogr" for "Igor", "Chol" for "Chul": a slip or a romanisation, not another name.
        return _SHORT_SLIP_CREDIT, "typo" if swapped_letters(a, b) else "spelling"
    partial = not person and slack > 1  # companies; a vessel's name is matched near exactly
    if n == 4 and partial and la > 2 and lb > 2 and raw <= 1:
        # "Sham Hei" / "Shan Hei": too weak to count as a distinctive word in common ("TATA"
        # and "SATA" stay apart), but part of the agreement when the other words agree.
        return _SHORT_TYPO_CREDIT, "typo"
    if la < 3 or lb < 3 or n < 5:
        return 0.0, ""  # "TATA" and "SATA" are different names
    allowed = max_edits[0] if n <= 7 else max_edits[1] if n <= 12 else max_edits[2]
    if not person:
        # Romanisation schemes differ in persons' names (above) and in long words; in a short
        # company word the skeleton is too forgiving ("ayer" and "jagger" share "ager").
        edits = min(raw, OSA.distance(sa, sb, score_cutoff=slack + 1)) if n > 7 else raw
    if edits > allowed:
        if partial and n <= 7 and raw == allowed + 1 <= slack:
            return _SHORT_TYPO_CREDIT, "typo"  # "Sount Fleet" / "South Fleet": as above
        return 0.0, ""
    if edits and raw > edits and not person:
        # A typo on top of another spelling ("Tianjian" / "Tanyuan"): between the two counts,
        # the plain one counted to at most one more than allowed.
        return 1.0 - (edits + min(raw, allowed + 1)) / (2 * n), "typo"
    if person and edits == 2 and syllable_replaced(a, b):
        return 0.0, ""  # "Xiaoming" / "Xiaolong": another syllable, another name
    return 1.0 - edits / n, "typo"


def _glued_article(a: str, b: str) -> bool:
    """'alsheikh' / 'sheikh', 'elhabel' / 'habel': an Arabic article written onto the name."""
    long_, short = (a, b) if len(a) > len(b) else (b, a)
    return (
        len(short) >= _ARTICLE_REST
        and len(long_) == len(short) + 2
        and long_[:2] in ("al", "el")
        and long_[2:] == short
    )
